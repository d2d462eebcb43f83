//! Forwarding (`--forward https://shop.example.com=http://127.0.0.1:9000`): a shop configured with
//! its public callback URLs runs against omg-sim unchanged. A server notification whose URL has a
//! forwarded origin (scheme, host and port) is delivered to the local origin instead, with the
//! same path and query, as `stripe listen --forward-to` does; the delivery log shows both URLs.
//! The browser URLs (OrderResultURL, ClientRedirectURL, ClientBackURL) are rewritten the same
//! way where the payer's browser is sent to them (`Sim::browser_url`).

use omg_core::rules;
use omg_core::{Error, Result};

/// One `FROM=TO` rule: `from` is an origin (`https://shop.example.com`, port optional), `to` a
/// local http base URL (`http://127.0.0.1:9000`, optionally with a path prefix).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forward {
    from: Origin,
    to: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

/// Splits `scheme://authority/rest` into the origin and the rest (path and query, `/` at least).
fn split(url: &str) -> Option<(Origin, &str)> {
    let (scheme, after) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => (host, port.parse().ok()?),
        _ => (authority, default_port),
    };
    if host.is_empty() {
        return None;
    }
    Some((Origin { scheme, host: host.to_ascii_lowercase(), port }, rest))
}

impl Forward {
    /// Parses the flag's `FROM=TO`; the error names the flag and what is wrong.
    pub fn parse(spec: &str) -> Result<Forward> {
        let bad = |why: &str| {
            Error::invalid(
                "--forward",
                rules::FORMAT,
                format!("{why}: expected FROM=TO, e.g. https://shop.example.com=http://127.0.0.1:9000, got {spec:?}"),
            )
        };
        let (from, to) = spec.split_once('=').ok_or_else(|| bad("no '='"))?;
        let (origin, rest) = split(from.trim()).ok_or_else(|| bad("FROM is not an http(s) URL"))?;
        if !rest.trim_end_matches('/').is_empty() {
            return Err(bad("FROM is an origin only (scheme, host, port), with no path"));
        }
        let to = to.trim().trim_end_matches('/');
        match split(to) {
            Some((target, _)) if target.scheme == "http" => {}
            Some(_) => return Err(bad("TO must be an http:// URL (omg-sim delivers over plain http)")),
            None => return Err(bad("TO is not an http URL")),
        }
        Ok(Forward { from: origin, to: to.to_string() })
    }

    /// `url` delivered through this rule, when its origin is the rule's.
    pub fn apply(&self, url: &str) -> Option<String> {
        let (origin, rest) = split(url)?;
        (origin == self.from).then(|| format!("{}{}", self.to, if rest.is_empty() { "/" } else { rest }))
    }
}

/// Where a notification for `url` goes: the first matching rule's local URL, or None (as is).
pub fn forwarded(rules: &[Forward], url: &str) -> Option<String> {
    rules.iter().find_map(|rule| rule.apply(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forwarded_origin_keeps_path_and_query_and_other_origins_are_left_alone() {
        let rules = [Forward::parse("https://shop.example.com=http://127.0.0.1:9000").unwrap()];
        assert_eq!(
            forwarded(&rules, "https://shop.example.com/omg/return?x=1").as_deref(),
            Some("http://127.0.0.1:9000/omg/return?x=1")
        );
        assert_eq!(forwarded(&rules, "https://SHOP.example.com:443/a").as_deref(), Some("http://127.0.0.1:9000/a"));
        assert_eq!(forwarded(&rules, "https://shop.example.com").as_deref(), Some("http://127.0.0.1:9000/"));
        assert_eq!(forwarded(&rules, "http://shop.example.com/omg/return"), None); // another scheme: another origin
        assert_eq!(forwarded(&rules, "https://shop.example.com:8443/omg/return"), None);
        assert_eq!(forwarded(&rules, "https://shop.example.com.evil.test/omg/return"), None);
        assert_eq!(forwarded(&rules, "http://127.0.0.1:9000/omg/return"), None);
        let prefixed = [Forward::parse("https://shop.example.com:8443=http://127.0.0.1:9000/shop/").unwrap()];
        assert_eq!(
            forwarded(&prefixed, "https://shop.example.com:8443/omg/return").as_deref(),
            Some("http://127.0.0.1:9000/shop/omg/return")
        );
    }

    #[test]
    fn bad_rules_name_the_flag_and_the_problem() {
        for (spec, why) in [
            ("https://shop.example.com", "no '='"),
            ("shop.example.com=http://127.0.0.1:9000", "FROM is not"),
            ("https://shop.example.com/omg=http://127.0.0.1:9000", "origin only"),
            ("https://shop.example.com=https://127.0.0.1:9000", "TO must be an http://"),
            ("https://shop.example.com=127.0.0.1:9000", "TO is not"),
        ] {
            let err = Forward::parse(spec).unwrap_err();
            assert_eq!(err.field_errors()[0].field, "--forward");
            assert!(err.to_string().contains(why), "{spec}: {err}");
        }
    }
}
