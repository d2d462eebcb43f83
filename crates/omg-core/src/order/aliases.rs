//! Field names as each language spells them: `return_url` (Python), `returnUrl` (JavaScript),
//! `ReturnUrl` (C#) all mean the wire field `ReturnURL`. Bindings pass a mapping of such names;
//! this is the one place that turns them into wire names, so no binding holds the field list.

use super::names;

/// The wire name of a known AioCheckOut field written in any casing, with or without
/// underscores (`merchant_trade_no`, `merchantTradeNo`, `MerchantTradeNo`, `desc_1`, `Desc1`).
/// None for a name the order model does not know (the caller may send it as an extra field).
pub fn wire_name(name: &str) -> Option<&'static str> {
    let wanted = squash(name);
    names::all().find(|known| squash(known) == wanted)
}

/// Lowercase, without underscores: the spelling all casings of a name share.
fn squash(name: &str) -> String {
    name.chars().filter(|c| *c != '_').map(|c| c.to_ascii_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::wire_name;

    #[test]
    fn every_language_casing_maps_to_the_wire_name() {
        for spelling in ["return_url", "returnUrl", "ReturnUrl", "ReturnURL", "RETURN_URL"] {
            assert_eq!(wire_name(spelling), Some("ReturnURL"), "{spelling}");
        }
        assert_eq!(wire_name("merchant_trade_no"), Some("MerchantTradeNo"));
        assert_eq!(wire_name("desc_1"), Some("Desc_1"));
        assert_eq!(wire_name("custom_field_4"), Some("CustomField4"));
        assert_eq!(wire_name("need_extra_paid_info"), Some("NeedExtraPaidInfo"));
        assert_eq!(wire_name("period_return_url"), Some("PeriodReturnURL"));
    }

    #[test]
    fn unknown_names_are_not_guessed() {
        assert_eq!(wire_name("colour"), None);
        assert_eq!(wire_name("return"), None);
    }
}
