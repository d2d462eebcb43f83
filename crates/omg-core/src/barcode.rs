//! Code 39 barcodes for the three BARCODE payment segments (protocol.md §5): the payer's
//! convenience store scans them top to bottom. Drawn as SVG so any page or file can show them.

use crate::error::{Error, Result};
use crate::html::escape;
use crate::rules;

/// Each character's nine elements (bar, space, bar, ... bar): `w` wide, `n` narrow.
/// Every pattern has exactly three wide elements — hence "Code 3 of 9".
const PATTERNS: &[(char, &str)] = &[
    ('0', "nnnwwnwnn"),
    ('1', "wnnwnnnnw"),
    ('2', "nnwwnnnnw"),
    ('3', "wnwwnnnnn"),
    ('4', "nnnwwnnnw"),
    ('5', "wnnwwnnnn"),
    ('6', "nnwwwnnnn"),
    ('7', "nnnwnnwnw"),
    ('8', "wnnwnnwnn"),
    ('9', "nnwwnnwnn"),
    ('A', "wnnnnwnnw"),
    ('B', "nnwnnwnnw"),
    ('C', "wnwnnwnnn"),
    ('D', "nnnnwwnnw"),
    ('E', "wnnnwwnnn"),
    ('F', "nnwnwwnnn"),
    ('G', "nnnnnwwnw"),
    ('H', "wnnnnwwnn"),
    ('I', "nnwnnwwnn"),
    ('J', "nnnnwwwnn"),
    ('K', "wnnnnnnww"),
    ('L', "nnwnnnnww"),
    ('M', "wnwnnnnwn"),
    ('N', "nnnnwnnww"),
    ('O', "wnnnwnnwn"),
    ('P', "nnwnwnnwn"),
    ('Q', "nnnnnnwww"),
    ('R', "wnnnnnwwn"),
    ('S', "nnwnnnwwn"),
    ('T', "nnnnwnwwn"),
    ('U', "wwnnnnnnw"),
    ('V', "nwwnnnnnw"),
    ('W', "wwwnnnnnn"),
    ('X', "nwnnwnnnw"),
    ('Y', "wwnnwnnnn"),
    ('Z', "nwwnwnnnn"),
    ('-', "nwnnnnwnw"),
    ('.', "wwnnnnwnn"),
    (' ', "nwwnnnwnn"),
    ('$', "nwnwnwnnn"),
    ('/', "nwnwnnnwn"),
    ('+', "nwnnnwnwn"),
    ('%', "nnnwnwnwn"),
    ('*', "nwnnwnwnn"),
];

/// Width of a narrow element in SVG units; a wide one is three times that.
const NARROW: u32 = 2;
const WIDE: u32 = 3 * NARROW;
/// Blank margin on each side, required by scanners: ten narrow widths.
const QUIET_ZONE: u32 = 10 * NARROW;
const BAR_HEIGHT: u32 = 60;
const TEXT_HEIGHT: u32 = 18;
const GAP_BETWEEN_SEGMENTS: u32 = 16;

/// The longest segment drawn, in characters. A BARCODE payment's three segments (Barcode1–3,
/// protocol.md §5) are short: 9, 16 and 15 characters in the shape Taiwan's convenience stores
/// print (a due date with the collector's code, a 16-digit payment number, the date and amount),
/// which is also what omg-sim issues; and a counter scanner reads a Code 39 barcode of a few dozen
/// characters at most. 64 leaves four times the longest real segment for a format change and
/// bounds the image: at most about 15 KB of SVG per segment. Without a cap a 1 MB segment became
/// a 239 MB SVG (issue 21 item 7).
pub const MAX_SEGMENT_CHARS: usize = 64;
/// The most segments drawn in one image: a BARCODE payment has three (Barcode1–3).
pub const MAX_SEGMENTS: usize = 3;

fn pattern(c: char) -> Option<&'static str> {
    PATTERNS.iter().find(|(ch, _)| *ch == c).map(|(_, p)| *p)
}

/// The element widths of `segment` wrapped in the `*` start/stop characters, with a narrow gap
/// between characters. Even indices are bars, odd indices spaces.
pub fn element_widths(segment: &str) -> Result<Vec<u32>> {
    if segment.is_empty() {
        return Err(Error::invalid("Barcode", rules::REQUIRED, "a barcode segment must not be empty"));
    }
    // Counted only as far as the cap: a huge input is refused without walking all of it.
    if segment.chars().nth(MAX_SEGMENT_CHARS).is_some() {
        return Err(Error::invalid(
            "Barcode",
            rules::MAX_LENGTH,
            format!(
                "a barcode segment is at most {MAX_SEGMENT_CHARS} characters (a BARCODE payment's are 9 to 16); \
                 this one is {} long",
                segment.chars().count()
            ),
        ));
    }
    let mut widths = Vec::with_capacity((segment.len() + 2) * 10);
    let framed = std::iter::once('*').chain(segment.chars()).chain(std::iter::once('*'));
    for (i, c) in framed.enumerate() {
        // `*` inside the data would end the barcode early.
        let p = match c {
            '*' if i != 0 && i != segment.chars().count() + 1 => None,
            _ => pattern(c),
        }
        .ok_or_else(|| {
            Error::invalid(
                "Barcode",
                rules::CHARSET,
                format!("character {c:?} cannot be drawn in Code 39 (allowed: 0-9 A-Z space - . $ / + %)"),
            )
        })?;
        if i > 0 {
            widths.push(NARROW);
        }
        widths.extend(p.bytes().map(|b| if b == b'w' { WIDE } else { NARROW }));
    }
    Ok(widths)
}

/// Draws the bars of one segment at vertical offset `y`, returning the SVG elements.
fn draw_segment(segment: &str, y: u32, width: u32) -> Result<String> {
    let widths = element_widths(segment)?;
    let mut out = String::new();
    let mut x = QUIET_ZONE;
    for (i, w) in widths.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(&format!("<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{BAR_HEIGHT}\"/>"));
        }
        x += w;
    }
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-family=\"monospace\" font-size=\"14\" text-anchor=\"middle\">{}</text>",
        width / 2,
        y + BAR_HEIGHT + TEXT_HEIGHT - 4,
        escape(segment)
    ));
    Ok(out)
}

fn total_width(segment: &str) -> Result<u32> {
    Ok(element_widths(segment)?.iter().sum::<u32>() + 2 * QUIET_ZONE)
}

/// One segment as a standalone SVG image (bars plus the human-readable text).
pub fn svg(segment: &str) -> Result<String> {
    stacked_svg(&[segment])
}

/// Several segments (the three of a BARCODE payment) top to bottom in one SVG image.
pub fn stacked_svg(segments: &[&str]) -> Result<String> {
    if segments.is_empty() {
        return Err(Error::invalid("Barcode", rules::REQUIRED, "no barcode segments given"));
    }
    if segments.len() > MAX_SEGMENTS {
        return Err(Error::invalid(
            "Barcode",
            rules::RANGE,
            format!(
                "at most {MAX_SEGMENTS} barcode segments are drawn (a BARCODE payment has Barcode1–3), not {}",
                segments.len()
            ),
        ));
    }
    let mut width = 0;
    for (i, s) in segments.iter().enumerate() {
        width = width.max(total_width(s).map_err(|e| rename_field(e, i, segments.len()))?);
    }
    let row = BAR_HEIGHT + TEXT_HEIGHT + GAP_BETWEEN_SEGMENTS;
    let height = row * segments.len() as u32;
    let mut body = String::new();
    for (i, s) in segments.iter().enumerate() {
        body.push_str(&draw_segment(s, i as u32 * row + GAP_BETWEEN_SEGMENTS / 2, width)?);
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">\
<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><g fill=\"#000\">{body}</g></svg>"
    ))
}

/// Names the segment (`Barcode1`..`Barcode3`) in an error when several are drawn.
fn rename_field(err: Error, index: usize, count: usize) -> Error {
    match err {
        Error::Validation(mut errors) if count > 1 => {
            for e in &mut errors {
                e.field = format!("Barcode{}", index + 1);
            }
            Error::Validation(errors)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads widths back into characters: proves the drawing encodes the data.
    fn decode(widths: &[u32]) -> String {
        let mut out = String::new();
        for chunk in widths.chunks(10) {
            let p: String = chunk[..9].iter().map(|&w| if w == WIDE { 'w' } else { 'n' }).collect();
            out.push(PATTERNS.iter().find(|(_, q)| *q == p).map(|(c, _)| *c).unwrap());
        }
        out
    }

    #[test]
    fn every_pattern_has_three_wide_elements_and_is_unique() {
        for (c, p) in PATTERNS {
            assert_eq!(p.len(), 9, "{c}");
            assert_eq!(p.matches('w').count(), 3, "{c}");
        }
        let mut all: Vec<_> = PATTERNS.iter().map(|(_, p)| *p).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 44);
    }

    #[test]
    fn widths_decode_back_to_the_framed_segment() {
        let seg = "1012187FA-$/+%. Z";
        assert_eq!(decode(&element_widths(seg).unwrap()), format!("*{seg}*"));
    }

    #[test]
    fn svg_has_one_rect_per_bar_and_the_text() {
        let s = svg("ABC123").unwrap();
        // 8 characters (with start/stop), 5 bars each, plus the white background.
        assert_eq!(s.matches("<rect").count(), 8 * 5 + 1);
        assert!(s.contains(">ABC123</text>"));
    }

    #[test]
    fn characters_outside_code39_are_refused_naming_the_segment() {
        let err = svg("abc").unwrap_err();
        assert_eq!(err.field_errors()[0].rule, "charset");
        assert!(svg("A*B").is_err());
        assert!(svg("").is_err());
        let err = stacked_svg(&["0000", "12#4", "5555"]).unwrap_err();
        assert_eq!(err.field_errors()[0].field, "Barcode2");
    }

    #[test]
    fn segments_are_capped_at_64_characters_and_3_per_image_naming_the_field() {
        let longest = "9".repeat(MAX_SEGMENT_CHARS);
        assert!(svg(&longest).is_ok());
        let err = svg(&format!("{longest}9")).unwrap_err();
        let e = &err.field_errors()[0];
        assert_eq!((e.field.as_str(), e.rule.as_str()), ("Barcode", "max_length"));
        assert!(e.message.contains("64") && e.message.contains("65 long"), "{}", e.message);
        // A megabyte is refused as quickly, never drawn.
        let err = svg(&"A".repeat(1 << 20)).unwrap_err();
        assert_eq!(err.field_errors()[0].rule, "max_length");
        // In a stack, the error names the segment.
        let err = stacked_svg(&["1012187FA", &format!("{longest}0"), "0"]).unwrap_err();
        assert_eq!(
            (err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()),
            ("Barcode2", "max_length")
        );
        let err = stacked_svg(&["1", "2", "3", "4"]).unwrap_err();
        assert_eq!((err.field_errors()[0].field.as_str(), err.field_errors()[0].rule.as_str()), ("Barcode", "range"));
        // The largest image allowed stays small.
        let biggest = stacked_svg(&[longest.as_str(), longest.as_str(), longest.as_str()]).unwrap();
        assert!(biggest.len() < 50_000, "{} bytes", biggest.len());
    }

    #[test]
    fn stacked_svg_draws_three_segments_top_to_bottom() {
        let s = stacked_svg(&["1012187FA", "0000000000000000", "000000000000000"]).unwrap();
        let texts: Vec<_> = s.match_indices("</text>").collect();
        assert_eq!(texts.len(), 3);
        assert!(s.find(">1012187FA<").unwrap() < s.find(">000000000000000<").unwrap());
    }
}
