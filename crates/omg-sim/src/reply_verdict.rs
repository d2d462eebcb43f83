//! Why a merchant's reply to a notification is not the acknowledgement, in the words a merchant
//! needs to fix it. The gateway accepts exactly the four bytes `1|OK` with a 2xx status and
//! re-sends anything else; the common near misses (a framework's JSON string `"1|OK"`, `1|ok`, a
//! trailing newline, an HTML error page) each get their own reason, because on the real gateway
//! they look like silence.

/// Replies and bodies in log lines are cut to this many characters.
pub const LOG_LINE_CHARS: usize = 160;
/// Replies kept in the delivery log (`GET /_sim/deliveries`) are cut to this many characters.
pub const KEPT_REPLY_CHARS: usize = 2_000;

/// None when the reply acknowledges the notification; otherwise why the gateway would send it again.
pub fn why_not_acknowledged(status: Option<u16>, reply: &str, error: Option<&str>) -> Option<String> {
    const ACK: &str = "1|OK";
    let Some(status) = status else {
        return Some(format!("no reply ({})", error.unwrap_or("the connection failed")));
    };
    if (200..=299).contains(&status) && reply == ACK {
        return None;
    }
    let trimmed = reply.trim();
    let body = if reply == ACK {
        String::new()
    } else if trimmed == "\"1|OK\"" {
        "the reply is the JSON string \"1|OK\", with its quotes: answer the 4 bytes 1|OK as text/plain \
         (FastAPI: let notification_route answer, or return ack(); never return the bare string)"
            .to_string()
    } else if trimmed == ACK {
        "the reply is 1|OK with whitespace or a newline around it: answer exactly the 4 bytes 1|OK".to_string()
    } else if trimmed.eq_ignore_ascii_case(ACK) {
        format!("the reply is {trimmed:?}: the gateway wants exactly 1|OK, upper-case OK")
    } else if trimmed.starts_with('<') {
        "the reply is an HTML page (an error page?), not 1|OK".to_string()
    } else if let Some(reason) = trimmed.strip_prefix("0|") {
        format!("the shop refused it: 0|{}", cut(reason, 200))
    } else if trimmed.is_empty() {
        "the reply is empty, not 1|OK".to_string()
    } else {
        "the reply is not exactly 1|OK".to_string()
    };
    let status_reason =
        if (200..=299).contains(&status) { String::new() } else { format!("HTTP status {status}, not 2xx") };
    Some(match (status_reason.is_empty(), body.is_empty()) {
        (true, _) => body,
        (false, true) => status_reason,
        (false, false) => format!("{status_reason}; {body}"),
    })
}

/// `text` cut to at most `max` characters, saying how long it was when cut.
pub fn cut(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max).collect();
    format!("{kept}… ({count} characters in all)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_1_ok_with_a_2xx_status_is_the_only_acknowledgement() {
        assert_eq!(why_not_acknowledged(Some(200), "1|OK", None), None);
        assert_eq!(why_not_acknowledged(Some(204), "1|OK", None), None);
        let cases = [
            (Some(200), "\"1|OK\"", "JSON string"),
            (Some(200), "1|ok", "upper-case"),
            (Some(200), "1|OK\n", "whitespace or a newline"),
            (Some(200), " 1|OK", "whitespace or a newline"),
            (
                Some(500),
                "<html><body>Internal Server Error</body></html>",
                "HTTP status 500, not 2xx; the reply is an HTML page",
            ),
            (Some(500), "1|OK", "HTTP status 500, not 2xx"),
            (Some(400), "0|unknown order", "the shop refused it: 0|unknown order"),
            (Some(200), "", "empty"),
            (Some(200), "OK", "not exactly 1|OK"),
            (None, "", "no reply (connection refused)"),
        ];
        for (status, reply, expected) in cases {
            let why = why_not_acknowledged(status, reply, Some("connection refused")).unwrap_or_default();
            assert!(why.contains(expected), "{status:?} {reply:?}: {why}");
        }
    }

    #[test]
    fn long_text_is_cut_and_says_so() {
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("abcdef", 3), "abc… (6 characters in all)");
        assert_eq!(cut("手機殼手機殼", 2), "手機… (6 characters in all)");
    }
}
