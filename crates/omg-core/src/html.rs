//! HTML escaping for text placed in HTML, element content and quoted attribute values alike.
//! The checkout form and omg-sim's pages use it for every value they did not write themselves.

/// Escapes `&`, `<`, `>`, `"` and `'`, the five characters that can end a text node or a quoted
/// attribute value or start markup, so any string becomes inert text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_the_five_markup_characters_and_keeps_the_rest() {
        assert_eq!(escape(r#"<a href="x">Tom's & co</a>"#), "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; co&lt;/a&gt;");
        assert_eq!(escape("手機殼 #2"), "手機殼 #2");
        // Already-escaped text is escaped again: escaping is not idempotent, by design.
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }
}
