//! The little URL reading the order rules need: scheme, host present, explicit port. Not a URL
//! parser: the gateway only needs absolute http(s) URLs written in plain ASCII.

/// Why a URL is not an absolute http(s) URL the gateway can call, or None when it is.
///
/// ASCII only, because the gateway requires non-ASCII domains in punycode (protocol.md §1) and
/// a non-ASCII path would be encoded differently by different browsers and servers; no spaces
/// or control characters, because they are not valid in a URL at all.
pub(crate) fn problem(url: &str) -> Option<&'static str> {
    let Some(rest) = strip_http_scheme(url) else {
        return Some("must start with http:// or https://");
    };
    if !url.is_ascii() {
        return Some("must be ASCII (write a non-ASCII domain in punycode, percent-encode the path)");
    }
    if url.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Some("must not contain spaces or control characters");
    }
    let host = host_and_port(rest);
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    if host.is_empty() {
        return Some("has no host");
    }
    None
}

/// True when `url` starts with `https://` (any case).
pub(crate) fn is_https(url: &str) -> bool {
    url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://"))
}

/// The port written in the URL (`https://shop.example:8443/x` → `Some("8443")`), if any.
pub(crate) fn explicit_port(url: &str) -> Option<&str> {
    let authority = host_and_port(strip_http_scheme(url)?);
    // An IPv6 literal holds colons of its own: the port, if any, follows the closing bracket.
    let after_host = match authority.rfind(']') {
        Some(end) => &authority[end + 1..],
        None => authority,
    };
    after_host.rsplit_once(':').map(|(_, port)| port)
}

/// True when `a` and `b` name the same route: equal after trimming surrounding whitespace and
/// lower-casing the scheme and the host (which are case-insensitive); the path and query compare
/// exactly, as a server's router may.
pub(crate) fn same_route(a: &str, b: &str) -> bool {
    comparable(a) == comparable(b)
}

/// `url` trimmed, with its scheme and host in lower case.
fn comparable(url: &str) -> String {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (user, host) = match authority.rsplit_once('@') {
        Some((user, host)) => (&authority[..=user.len()], host),
        None => ("", authority),
    };
    format!("{}://{user}{}{tail}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase())
}

fn strip_http_scheme(url: &str) -> Option<&str> {
    for scheme in ["http://", "https://"] {
        if url.get(..scheme.len()).is_some_and(|s| s.eq_ignore_ascii_case(scheme)) {
            return url.get(scheme.len()..);
        }
    }
    None
}

/// The `host[:port]` part after the scheme, without any `user@`.
fn host_and_port(after_scheme: &str) -> &str {
    let end = after_scheme.find(['/', '?', '#']).unwrap_or(after_scheme.len());
    let authority = &after_scheme[..end];
    authority.rsplit_once('@').map_or(authority, |(_, host)| host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_http_and_https_urls() {
        for url in [
            "https://shop.example/omg/return",
            "http://127.0.0.1:8080/cb?x=1",
            "HTTPS://SHOP.EXAMPLE",
            "https://[::1]:8443/",
        ] {
            assert_eq!(problem(url), None, "{url}");
        }
    }

    #[test]
    fn same_route_ignores_surrounding_space_and_the_case_of_scheme_and_host_only() {
        let url = "https://shop.example/omg/period?x=1";
        for same in [url, " https://shop.example/omg/period?x=1\t", "HTTPS://Shop.EXAMPLE/omg/period?x=1"] {
            assert!(same_route(url, same), "{same:?}");
        }
        for other in [
            "https://shop.example/omg/Period?x=1",
            "https://shop.example/omg/period?x=2",
            "http://shop.example/omg/period?x=1",
            "https://shop.example:8443/omg/period?x=1",
            "https://www.shop.example/omg/period?x=1",
        ] {
            assert!(!same_route(url, other), "{other:?}");
        }
        assert!(same_route("https://User@Shop.Example/a", "https://User@shop.example/a"));
        assert!(!same_route("https://User@shop.example/a", "https://user@shop.example/a"));
    }

    #[test]
    fn refuses_other_schemes_missing_hosts_spaces_and_non_ascii() {
        for url in [
            "ftp://shop.example/",
            "shop.example/return",
            "https:///path",
            "https://:443/",
            "https://shop.example/a b",
            "https://商店.tw/",
            "",
        ] {
            assert!(problem(url).is_some(), "{url}");
        }
    }

    #[test]
    fn finds_explicit_ports() {
        assert_eq!(explicit_port("https://shop.example:8443/x"), Some("8443"));
        assert_eq!(explicit_port("https://shop.example/x:1"), None);
        assert_eq!(explicit_port("https://user:pw@shop.example/x"), None);
        assert_eq!(explicit_port("https://[::1]/x"), None);
        assert_eq!(explicit_port("https://[::1]:444/x"), Some("444"));
        assert!(is_https("HTTPS://x") && !is_https("http://x") && !is_https("http"));
    }
}
