//! Does a verified message mean what the gateway signed? (docs/signing.md, "Limits of the
//! signature".)
//!
//! CheckMacValue lowercases the whole encoded pre-image and encodes `&` and `=` inside a value
//! exactly like the separators, so one signature covers several bodies that read differently:
//! `TradeNo=…` and `tradeno=…`; `RtnMsg=ok` + `SimulatePaid=1` and `RtnMsg=ok&SimulatePaid=1`
//! alone; `Note=a=b` and `Note=a` = `b`. Whoever holds one genuinely signed body (the payer does:
//! OrderResultURL and ClientRedirectURL go through their browser) can re-shape it and replay it.
//! Readers look names up exactly and take values at face value, so after a successful
//! verification this check refuses, as `Error::Signature` naming the reason, every body whose
//! reading could differ from the one the gateway meant:
//!
//! - a field name holding `&` or `=` (it signs the same as another split of the body);
//! - a name that is a known name of the message's shape spelt in another case (`tradeno`);
//! - a value holding `&name=` where `name` is, ignoring case, a known name of any message or a
//!   field of this one, or where `name` sorts between this field and the next one in the signing
//!   order — exactly where a separate field would have stood (a field folded into the value
//!   before it; text such as `x&y=z` whose `y` could not have stood there stays a value);
//! - a message that lacks what its shape needs to be read at all: a payment result without
//!   TradeNo, a period charge without its full field set, a paid QueryTradeInfo reply without
//!   TradeNo.
//!
//! What stays: the case of a value (`abc` / `ABC`) cannot be checked here; identifiers are
//! case-folded where they are compared (`Notification::dedupe_key`).

use std::collections::HashSet;

use crate::error::{Error, Result};
use crate::fields::Fields;

use super::names::{known_names, KnownFields, NameKey};
use super::shape::all_known_lowercase;
pub use super::shape::Shape;
use super::words::holds_either;
use super::CHECK_MAC_VALUE;

/// What a PeriodReturnURL notification must carry to be read as a charge: without one of these
/// the kind, the amount or the dedupe key would come from a guess.
const PERIOD_REQUIRED: &[&str] = &[
    "MerchantTradeNo",
    "RtnCode",
    "PeriodType",
    "Frequency",
    "ExecTimes",
    "Amount",
    "Gwsr",
    "ProcessDate",
    "AuthCode",
    "FirstAuthAmount",
    "TotalSuccessTimes",
];

fn refuse(reason: String) -> Error {
    Error::Signature(format!(
        "{reason}; CheckMacValue cannot tell this body from the one the gateway signed, so its meaning is not trusted"
    ))
}

/// Refuses a verified message of `shape` whose reading could differ from what was signed (see
/// the module doc). Runs in time linear in the size of the message.
pub fn check_meaning(fields: &Fields, shape: Shape) -> Result<()> {
    check_meaning_known(fields, &KnownFields::of(fields), shape)
}

/// [`check_meaning`] with the fields' known names already found.
pub(crate) fn check_meaning_known(fields: &Fields, known_fields: &KnownFields, shape: Shape) -> Result<()> {
    // Most messages have no name to look at again (found while indexing the known names).
    if !known_fields.regular_names(shape) {
        let known = known_names();
        for (name, _) in fields {
            let bytes = name.as_bytes();
            let key = NameKey::of(bytes);
            if key.holds_separator(bytes) {
                return Err(refuse(format!("the field name {name:?} holds `&` or `=`")));
            }
            if let Some(spelling) = known.spelling_in(shape, &key, bytes) {
                if spelling != name {
                    return Err(refuse(format!("the field {name} is {spelling} spelt in another case")));
                }
            }
        }
    }

    // Only a value holding `&` can hold a folded field (folded_field looks for `&name=`), and
    // real messages rarely have one: the sets below are built only then, since building them
    // on every call was most of the cost of verifying (docs/performance.md).
    // With no `&` in a name, a `&` anywhere in the fields' text is in a value.
    let a_value_holds_amp = if known_fields.regular_names(shape) {
        fields.text().as_bytes().contains(&b'&')
    } else {
        fields.iter().any(|(_, value)| holds_either(value.as_bytes(), b'&', b'&'))
    };
    if a_value_holds_amp {
        let mut names: HashSet<String> = all_known_lowercase().collect();
        names.extend(fields.iter().map(|(name, _)| name.to_ascii_lowercase()));
        // The signed names in signing order (lowercased), to tell where a folded field could stand.
        let mut order: Vec<String> = fields
            .iter()
            .filter(|(name, _)| *name != CHECK_MAC_VALUE)
            .map(|(name, _)| name.to_ascii_lowercase())
            .collect();
        order.sort_unstable();
        for (name, value) in fields {
            if name == CHECK_MAC_VALUE {
                continue;
            }
            let own = name.to_ascii_lowercase();
            let next = order.iter().find(|other| **other > own);
            let could_stand_here =
                |candidate: &str| candidate > own.as_str() && next.is_none_or(|n| candidate < n.as_str());
            if let Some(folded) =
                folded_field(value, |candidate| names.contains(candidate) || could_stand_here(candidate))
            {
                return Err(refuse(format!("the value of {name} holds `&{folded}=`, a field folded into it")));
            }
        }
    }

    match shape {
        Shape::PaymentResult => require(known_fields, &["TradeNo"], "a payment result"),
        Shape::PeriodCharge => require(known_fields, PERIOD_REQUIRED, "a period charge"),
        Shape::TradeInfoReply if known_fields.get("TradeStatus").map(str::trim) == Some("1") => {
            require(known_fields, &["TradeNo"], "a paid QueryTradeInfo reply")
        }
        _ => Ok(()),
    }
}

/// The first `name` in `&name=` inside `value` whose lowercased form passes `suspect`, as
/// written.
fn folded_field(value: &str, suspect: impl Fn(&str) -> bool) -> Option<&str> {
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        rest = &rest[at + 1..];
        let end = rest.find(['&', '=']).unwrap_or(rest.len());
        if rest[end..].starts_with('=') && suspect(&rest[..end].to_ascii_lowercase()) {
            return Some(&rest[..end]);
        }
    }
    None
}

fn require(fields: &KnownFields, required: &[&str], what: &str) -> Result<()> {
    let missing: Vec<&str> = required.iter().copied().filter(|name| !fields.contains(name)).collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(refuse(format!("{what} without {}", missing.join(", "))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_field_finds_only_names_followed_by_equals() {
        let names: HashSet<String> = ["simulatepaid".to_string(), "tradeno".to_string()].into();
        let known = |name: &str| names.contains(name);
        assert_eq!(folded_field("ok&SimulatePaid=1", known), Some("SimulatePaid"));
        assert_eq!(folded_field("a&b&TRADENO=", known), Some("TRADENO"));
        assert_eq!(folded_field("Fish&Chips", known), None);
        assert_eq!(folded_field("x&y=z", known), None);
        assert_eq!(folded_field("&SimulatePaid", known), None);
    }

    #[test]
    fn each_shape_spells_each_name_once_ignoring_case() {
        for shape in Shape::ALL {
            let names: Vec<&str> = shape.tables().iter().flat_map(|t| t.iter()).copied().collect();
            let lower: HashSet<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
            assert_eq!(lower.len(), names.len(), "{shape:?}");
        }
    }
}
