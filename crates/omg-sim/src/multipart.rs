//! `multipart/form-data` (RFC 7578), the second encoding the gateway reads: an ASP.NET form
//! reader takes both it and `application/x-www-form-urlencoded`, and ECPay's current official PHP
//! SDK (`ecpay/sdk`) posts its server-API calls this way (protocol.md §2).
//!
//! Only what a form of text fields needs: the boundary from the Content-Type, parts separated by
//! `--boundary` lines ended with CRLF, each with a `Content-Disposition: form-data; name="..."`
//! header and a UTF-8 value. A file part (`filename=`) is refused: no gateway API takes a file.
//! Bounded: the body is already capped by the server (64 KiB), the parts at
//! [`omg_core::fields::MAX_FIELDS`], the headers of one part at [`MAX_HEADER_BYTES`].

use omg_core::fields::MAX_FIELDS;

/// The most bytes the header lines of one part may take (a form field's are under 100).
pub const MAX_HEADER_BYTES: usize = 2048;
/// RFC 2046 §5.1.1: a boundary is 1–70 characters.
const MAX_BOUNDARY: usize = 70;

/// Why a multipart body (or its Content-Type) cannot be read; the message says what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultipartError(pub String);

fn error<T>(message: impl Into<String>) -> Result<T, MultipartError> {
    Err(MultipartError(message.into()))
}

/// The `boundary` parameter of a `multipart/form-data` Content-Type's parameters (what follows
/// the first `;`), unquoted.
pub fn boundary(parameters: &str) -> Result<String, MultipartError> {
    for (name, value) in parse_parameters(parameters)? {
        if name.eq_ignore_ascii_case("boundary") {
            if value.is_empty() || value.len() > MAX_BOUNDARY {
                return error(format!("the boundary must be 1-{MAX_BOUNDARY} characters long"));
            }
            return Ok(value);
        }
    }
    error("the Content-Type multipart/form-data has no boundary parameter")
}

/// The (name, value) of every part of `body`, in order.
pub fn parse(body: &[u8], boundary: &str) -> Result<Vec<(String, String)>, MultipartError> {
    let delimiter = format!("--{boundary}").into_bytes();
    // Anything before the first delimiter line (a preamble) is ignored.
    let mut at = if body.starts_with(&delimiter) {
        delimiter.len()
    } else {
        let mut line_start = b"\r\n".to_vec();
        line_start.extend_from_slice(&delimiter);
        match find(body, &line_start) {
            Some(i) => i + line_start.len(),
            None => return error(format!("no part starts with the boundary {boundary:?}")),
        }
    };
    let mut next_delimiter = b"\r\n".to_vec();
    next_delimiter.extend_from_slice(&delimiter);
    let mut parts = Vec::new();
    loop {
        let rest = &body[at..];
        if rest.starts_with(b"--") {
            // The closing delimiter; what follows (an epilogue) is ignored.
            return Ok(parts);
        }
        // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
        let padding = rest.iter().take_while(|b| **b == b' ' || **b == b'\t').count();
        if !rest[padding..].starts_with(b"\r\n") {
            return error("a boundary line does not end with CRLF (or the closing -- is missing)");
        }
        at += padding + 2;
        let Some(content_end) = find(&body[at..], &next_delimiter).map(|i| at + i) else {
            return error("a part is not closed by the boundary (the body is cut short?)");
        };
        let part = &body[at..content_end];
        if parts.len() == MAX_FIELDS {
            return error(format!("more than {MAX_FIELDS} parts"));
        }
        parts.push(read_part(part)?);
        at = content_end + next_delimiter.len();
    }
}

/// One part: its header lines, an empty line, its value.
fn read_part(part: &[u8]) -> Result<(String, String), MultipartError> {
    if part.starts_with(b"\r\n") {
        return error("a part has no Content-Disposition: form-data; name=\"...\" header");
    }
    let Some(headers_end) = find(part, b"\r\n\r\n") else {
        return error("a part has no empty line between its headers and its value");
    };
    let (headers, value) = (&part[..headers_end], &part[headers_end + 4..]);
    if headers.len() > MAX_HEADER_BYTES {
        return error(format!("the headers of a part are longer than {MAX_HEADER_BYTES} bytes"));
    }
    let headers = std::str::from_utf8(headers).map_err(|_| MultipartError("a part's headers are not UTF-8".into()))?;
    let mut name = None;
    for line in headers.split("\r\n") {
        let Some((header, content)) = line.split_once(':') else {
            return error(format!("a part has a header line without a colon: {line:?}"));
        };
        if header.trim().eq_ignore_ascii_case("content-disposition") {
            name = Some(disposition_name(content)?);
        }
    }
    let Some(name) = name else {
        return error("a part has no Content-Disposition: form-data; name=\"...\" header");
    };
    let value = String::from_utf8(value.to_vec()).map_err(|_| MultipartError(format!("field {name}: not UTF-8")))?;
    Ok((name, value))
}

/// The field name of a `form-data; name="..."` disposition.
fn disposition_name(content: &str) -> Result<String, MultipartError> {
    let content = content.trim();
    let (kind, parameters) = content.split_once(';').unwrap_or((content, ""));
    if !kind.trim().eq_ignore_ascii_case("form-data") {
        return error(format!("a part's Content-Disposition is {:?}, not form-data", kind.trim()));
    }
    let mut name = None;
    for (parameter, value) in parse_parameters(parameters)? {
        if parameter.eq_ignore_ascii_case("filename") || parameter.eq_ignore_ascii_case("filename*") {
            return error(format!("part {value:?} is a file: the gateway takes text fields only"));
        }
        if parameter.eq_ignore_ascii_case("name") {
            name = Some(value);
        }
    }
    match name {
        Some(name) if !name.is_empty() => Ok(name),
        _ => error("a part's Content-Disposition has no name"),
    }
}

/// `; a=b; c="d \"e\""` → [(a, b), (c, d "e")]. Values are tokens or quoted strings (a backslash
/// escapes the next character).
fn parse_parameters(text: &str) -> Result<Vec<(String, String)>, MultipartError> {
    let mut parameters = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ';' || c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(parameters);
        }
        let name: String = chars.by_ref().take_while(|c| *c != '=').collect::<String>().trim().to_string();
        if name.is_empty() || name.contains(';') {
            return error(format!("a parameter without a value in {text:?}"));
        }
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let mut value = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(c) => value.push(c),
                        None => return error(format!("an unclosed quoted value in {text:?}")),
                    },
                    Some(c) => value.push(c),
                    None => return error(format!("an unclosed quoted value in {text:?}")),
                }
            }
            // Only spaces may follow the closing quote before the next `;`.
            while let Some(c) = chars.peek() {
                match c {
                    ';' => break,
                    c if c.is_whitespace() => {
                        chars.next();
                    }
                    _ => return error(format!("text after a quoted value in {text:?}")),
                }
            }
        } else {
            while let Some(c) = chars.peek().copied().filter(|c| *c != ';') {
                value.push(c);
                chars.next();
            }
            value = value.trim().to_string();
        }
        parameters.push((name, value));
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(name: &str, value: &str) -> String {
        format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
    }

    #[test]
    fn reads_text_parts_in_order_with_empty_values_and_crlf_inside() {
        let body = format!(
            "{}{}{}--XyZ--\r\n",
            part("MerchantID", "1000031"),
            part("StoreID", ""),
            part("ItemName", "手機殼 A+B\r\nline")
        );
        let parts = parse(body.as_bytes(), "XyZ").unwrap();
        assert_eq!(
            parts,
            [
                ("MerchantID".to_string(), "1000031".to_string()),
                ("StoreID".to_string(), String::new()),
                ("ItemName".to_string(), "手機殼 A+B\r\nline".to_string()),
            ]
        );
    }

    #[test]
    fn a_preamble_an_epilogue_padding_and_other_headers_are_allowed() {
        let body = "ignored preamble\r\n--b1  \r\ncontent-disposition: FORM-DATA; name=a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n1\r\n--b1\r\nContent-Disposition: form-data;name=\"b \\\"q\\\"\"\r\n\r\n2\r\n--b1--\r\nepilogue";
        let parts = parse(body.as_bytes(), "b1").unwrap();
        assert_eq!(parts, [("a".to_string(), "1".to_string()), ("b \"q\"".to_string(), "2".to_string())]);
        assert_eq!(parse(b"--b1--\r\n", "b1").unwrap(), []);
    }

    #[test]
    fn boundaries_come_from_the_parameters() {
        assert_eq!(boundary(" boundary=----WebKitFormBoundary7MA4YWxk").unwrap(), "----WebKitFormBoundary7MA4YWxk");
        assert_eq!(boundary(" charset=utf-8; Boundary=\"a b;c\"").unwrap(), "a b;c");
        assert!(boundary("").is_err());
        assert!(boundary(" boundary=\"\"").is_err());
        assert!(boundary(&format!(" boundary={}", "x".repeat(71))).is_err());
    }

    #[test]
    fn broken_bodies_are_refused_with_a_reason() {
        let refused = |body: &str| parse(body.as_bytes(), "XyZ").unwrap_err().0;
        assert!(refused("MerchantID=1").contains("no part starts"));
        assert!(refused(&part("A", "1")).contains("not closed"), "no closing delimiter");
        assert!(refused("--XyZ\r\nContent-Disposition: form-data; name=\"A\"\r\n\r\n1").contains("not closed"));
        assert!(refused("--XyZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XyZ--").contains("no Content-Disposition"));
        assert!(refused("--XyZ\r\nContent-Disposition: attachment; name=\"A\"\r\n\r\n1\r\n--XyZ--")
            .contains("not form-data"));
        assert!(refused("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n1\r\n--XyZ--")
            .contains("file"));
        assert!(refused("--XyZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XyZ--").contains("no name"));
        assert!(refused("--XyZ\r\nContent-Disposition: form-data; name=\"A\r\n\r\n1\r\n--XyZ--").contains("unclosed"));
        assert!(refused("--XyZ\r\nContent-Disposition: form-data; name=\"A\"\r\n1\r\n--XyZ--").contains("empty line"));
        assert!(refused("--XyZjunk\r\n").contains("CRLF"));
        let not_utf8 = b"--XyZ\r\nContent-Disposition: form-data; name=\"A\"\r\n\r\n\xff\r\n--XyZ--";
        assert!(parse(not_utf8, "XyZ").unwrap_err().0.contains("not UTF-8"));
        let long_header = format!(
            "--XyZ\r\nX-Pad: {}\r\nContent-Disposition: form-data; name=\"A\"\r\n\r\n1\r\n--XyZ--",
            "p".repeat(3000)
        );
        assert!(refused(&long_header).contains("longer than"));
    }

    #[test]
    fn the_number_of_parts_is_capped() {
        let mut body: String = (0..=MAX_FIELDS).map(|i| part(&format!("F{i}"), "1")).collect();
        body.push_str("--XyZ--\r\n");
        assert!(parse(body.as_bytes(), "XyZ").unwrap_err().0.contains("more than"));
        let body: String = (0..MAX_FIELDS).map(|i| part(&format!("F{i}"), "1")).collect::<String>() + "--XyZ--\r\n";
        assert_eq!(parse(body.as_bytes(), "XyZ").unwrap().len(), MAX_FIELDS);
    }
}
