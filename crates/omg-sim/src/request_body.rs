//! The fields of a request to a gateway path (AioCheckOut and the five server APIs), from the two
//! encodings the gateway's form reader takes (protocol.md §2): `application/x-www-form-urlencoded`
//! and `multipart/form-data` (multipart.rs). Anything else — another Content-Type, none at all, a
//! body that cannot be read — is [`Unreadable`], which every API answers as a parameter error
//! naming the problem, never as a CheckMacValue error: the keys may be right, and a merchant told
//! "CheckMacValue Error" would look for the fault in the wrong place.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use omg_core::Fields;

use crate::multipart;

/// The encodings read, as the refusals name them.
pub const ACCEPTED: &str = "application/x-www-form-urlencoded or multipart/form-data";

/// Why the body gave no fields: a sentence for the `Parameter Error: ...` of the reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable(pub String);

/// A request's Content-Type header, the only header a gateway path reads: extracted alone, where
/// axum's `HeaderMap` extractor would copy every header of every request.
#[derive(Clone, Debug, Default)]
pub struct ContentType(pub Option<HeaderValue>);

impl<S: Sync> FromRequestParts<S> for ContentType {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        // A HeaderValue shares its bytes with the request: the clone is a reference count.
        Ok(ContentType(parts.headers.get(header::CONTENT_TYPE).cloned()))
    }
}

/// The form fields of a request, by its Content-Type.
pub fn form_fields(content_type: &ContentType, body: &[u8]) -> Result<Fields, Unreadable> {
    let Some(value) = &content_type.0 else {
        return Err(Unreadable(format!("the request has no Content-Type; post {ACCEPTED}")));
    };
    let Ok(content_type) = value.to_str() else {
        return Err(Unreadable(format!("the Content-Type is not readable text; post {ACCEPTED}")));
    };
    let (media_type, parameters) = content_type.split_once(';').unwrap_or((content_type, ""));
    let media_type = media_type.trim();
    if media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Fields::parse_form(body).map_err(|e| Unreadable(format!("the form body cannot be read: {e}")));
    }
    if media_type.eq_ignore_ascii_case("multipart/form-data") {
        let unreadable = |reason: String| Unreadable(format!("the multipart/form-data body cannot be read: {reason}"));
        let boundary = multipart::boundary(parameters).map_err(|e| unreadable(e.0))?;
        let parts = multipart::parse(body, &boundary).map_err(|e| unreadable(e.0))?;
        return Fields::from_pairs(parts).map_err(|e| unreadable(e.to_string()));
    }
    Err(Unreadable(format!("Content-Type {} is not accepted; post {ACCEPTED}", shown(media_type))))
}

/// The fields of a body read as a form whatever its Content-Type said, if it is one: only to
/// find which merchant's keys sign a refusal that must be signed (CreditCardPeriodAction).
pub fn fields_if_form(body: &[u8]) -> Option<Fields> {
    Fields::parse_form(body).ok()
}

/// A media type as the refusal names it: at most 80 printable ASCII characters, and no `&`,
/// which would split a `k=v&k=v` reply.
fn shown(media_type: &str) -> String {
    let text: String = media_type.chars().filter(|c| c.is_ascii_graphic() && *c != '&').take(80).collect();
    if text.is_empty() {
        "(empty)".into()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(content_type: &str) -> ContentType {
        ContentType(Some(HeaderValue::from_str(content_type).unwrap()))
    }

    #[test]
    fn reads_both_encodings_whatever_the_parameters_and_case() {
        let form = form_fields(&with("Application/X-WWW-Form-Urlencoded; charset=UTF-8"), b"A=1&B=%E6%89%8B").unwrap();
        assert_eq!(form.get("B"), Some("手"));
        let body = b"--q\r\nContent-Disposition: form-data; name=\"A\"\r\n\r\n1\r\n--q--\r\n";
        let multi = form_fields(&with("multipart/form-data; boundary=q"), body).unwrap();
        assert_eq!(multi.get("A"), Some("1"));
    }

    #[test]
    fn other_types_none_and_broken_bodies_are_unreadable_naming_why() {
        let refused = |content_type: &ContentType, body: &[u8]| form_fields(content_type, body).unwrap_err().0;
        assert!(refused(&with("application/json"), b"{}").contains("Content-Type application/json is not accepted"));
        assert!(refused(&with("text/plain; charset=utf-8"), b"A=1").contains("Content-Type text/plain is not"));
        assert!(refused(&ContentType(None), b"A=1").contains("no Content-Type"));
        assert!(refused(&with("multipart/form-data"), b"").contains("no boundary"));
        assert!(refused(&with("application/x-www-form-urlencoded"), b"A=%zz").contains("form body cannot be read"));
        let twice = b"--q\r\nContent-Disposition: form-data; name=\"A\"\r\n\r\n1\r\n--q\r\nContent-Disposition: form-data; name=\"A\"\r\n\r\n2\r\n--q--";
        assert!(refused(&with("multipart/form-data; boundary=q"), twice).contains("cannot be read"));
        assert!(refused(&with("a&b=c/d"), b"").contains("Content-Type ab=c/d is not"));
    }
}
