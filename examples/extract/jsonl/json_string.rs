//! The value of a JSON string, decoded from its raw text.
//!
//! The JSON parser has already checked the string (every escape is
//! well-formed, no raw control character); this decodes it into a reused
//! buffer and settles what the parser leaves open: a `\uD800`–`\uDFFF`
//! escape that is not half of a pair is no character. Without `--lossy`
//! that fails the record; with it, it becomes U+FFFD, and so does each
//! invalid UTF-8 sequence of a line read lossily.
//!
//! Offsets into the decoded text are kept equal to offsets into the
//! string's bytes as given, escapes decoded: U+FFFD takes the three bytes a
//! lone surrogate takes in WTF-8 (and in Python's `surrogatepass`), and the
//! [`OffsetMap`] records each invalid sequence it replaces.

use std::fmt;

use crate::lossy::{OffsetMap, push_lossy};

/// Why a string's value is not text.
#[derive(Debug, PartialEq, Eq)]
pub enum StringError {
    /// A `\uXXXX` escape of a surrogate that is not half of a pair, at
    /// byte `at` of the string's value.
    LoneSurrogate { code: u16, at: usize },
    /// An escape the parser should not have let through.
    BadEscape { at: usize },
}

impl fmt::Display for StringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            StringError::LoneSurrogate { code, at } => write!(
                f,
                "the escape \\u{code:04x} at byte {at} is a lone surrogate, not a character \
                 (use --lossy to read it as U+FFFD)"
            ),
            StringError::BadEscape { at } => write!(f, "invalid escape at byte {at}"),
        }
    }
}

/// The value of the string whose raw text between the quotes is `raw`, a
/// slice of valid UTF-8: borrowed when it holds no escape, otherwise
/// decoded into `buffer`.
pub fn decode<'a>(raw: &'a str, buffer: &'a mut String) -> Result<&'a str, StringError> {
    let Some(first) = memchr::memchr(b'\\', raw.as_bytes()) else {
        return Ok(raw);
    };
    buffer.clear();
    let mut rest = raw;
    let mut next = Some(first);
    while let Some(at) = next {
        // `at` is the index of an ASCII byte, so a character boundary.
        buffer.push_str(&rest[..at]);
        let escape = unescape(&rest.as_bytes()[at..], buffer, false)?;
        rest = &rest[at + escape.len..];
        next = memchr::memchr(b'\\', rest.as_bytes());
    }
    buffer.push_str(rest);
    Ok(buffer)
}

/// Where a string's value is, as [`split_decode`] found it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// In the raw text between the quotes, which holds no escape.
    InPlace,
    /// In the buffer, decoded.
    InBuffer,
}

/// The JSON string at the start of `json`, found and decoded in one pass:
/// its raw text, quotes included; what follows it; and where its value is
/// (as [`decode`] would give it), or why it is not text. `None` unless it
/// is a string with only well-formed escapes that ends in `json`, whose
/// caller has checked that it holds no control character.
pub fn split_decode<'a>(
    json: &'a str,
    buffer: &mut String,
) -> Option<(&'a str, &'a str, Result<Held, StringError>)> {
    let bytes = json.as_bytes();
    if bytes.first() != Some(&b'"') {
        return None;
    }
    let mut held = Ok(Held::InPlace);
    // Where the raw text not yet in the buffer starts.
    let mut copied = 1;
    let mut at = 1;
    loop {
        // An escape that follows another (a paragraph's "\n\n") needs no
        // search.
        if !matches!(bytes.get(at), Some(b'"' | b'\\')) {
            at += memchr::memchr2(b'"', b'\\', &bytes[at..])?;
        }
        // Quotes and backslashes are ASCII: character boundaries.
        if bytes[at] == b'"' {
            if held == Ok(Held::InBuffer) {
                buffer.push_str(&json[copied..at]);
            }
            let (raw, rest) = json.split_at(at + 1);
            return Some((raw, rest, held));
        }
        let escaped = *bytes.get(at + 1)?;
        let simple = simple_escape(escaped);
        let len = match simple {
            Some(_) => 2,
            None if escaped == b'u'
                && bytes.get(at + 2..at + 6)?.iter().all(u8::is_ascii_hexdigit) =>
            {
                6
            }
            None => return None,
        };
        if held.is_ok() {
            if held == Ok(Held::InPlace) {
                buffer.clear();
                held = Ok(Held::InBuffer);
            }
            if copied < at {
                buffer.push_str(&json[copied..at]);
            }
            // A paragraph's "\n", decoded here without a second look.
            if let Some(c) = simple {
                buffer.push(c);
                at += 2;
                copied = at;
                continue;
            }
            match unescape(&bytes[at..], buffer, false) {
                // A surrogate pair takes two escapes, well-formed both.
                Ok(escape) => {
                    at += escape.len;
                    copied = at;
                    continue;
                }
                // Decoding stops; the string's end is still to be found.
                Err(e) => held = Err(e),
            }
        }
        at += len;
    }
}

/// [`decode`] for a string read lossily: `raw` may hold invalid UTF-8,
/// which becomes U+FFFD as lone surrogates do, with the shifts recorded in
/// `map` (cleared first). The value is `buffer`; returns how many lone
/// surrogates were replaced.
pub fn decode_lossy(
    raw: &[u8],
    buffer: &mut String,
    map: &mut OffsetMap,
) -> Result<usize, StringError> {
    buffer.clear();
    map.clear();
    let mut given = 0;
    let mut surrogates = 0;
    let mut rest = raw;
    loop {
        let at = memchr::memchr(b'\\', rest).unwrap_or(rest.len());
        given = push_lossy(&rest[..at], given, buffer, map);
        if at == rest.len() {
            return Ok(surrogates);
        }
        let before = buffer.len();
        let escape = unescape(&rest[at..], buffer, true)?;
        given += buffer.len() - before;
        surrogates += usize::from(escape.replaced);
        rest = &rest[at + escape.len..];
    }
}

/// An escape, decoded.
struct Escape {
    /// How many bytes of raw text it took.
    len: usize,
    /// Whether it was a lone surrogate, replaced with U+FFFD.
    replaced: bool,
}

/// Decodes the escape at the start of `bytes` (which starts with `\`) onto
/// `out`. The byte offset in errors is `out.len()`, the escape's offset in
/// the value.
fn unescape(bytes: &[u8], out: &mut String, lossy: bool) -> Result<Escape, StringError> {
    let at = out.len();
    let escaped = bytes.get(1).copied();
    if let Some(c) = escaped.and_then(simple_escape) {
        out.push(c);
        return Ok(Escape {
            len: 2,
            replaced: false,
        });
    }
    if escaped != Some(b'u') {
        return Err(StringError::BadEscape { at });
    }
    let code = hex4(&bytes[2..]).ok_or(StringError::BadEscape { at })?;
    let (c, len) = match code {
        0xd800..=0xdbff => match low_surrogate(&bytes[6..]) {
            Some(low) => {
                let c = 0x10000 + ((u32::from(code) - 0xd800) << 10) + (u32::from(low) - 0xdc00);
                (char::from_u32(c), 12)
            }
            None => (None, 6),
        },
        _ => (char::from_u32(u32::from(code)), 6),
    };
    let replaced = c.is_none();
    match c {
        Some(c) => out.push(c),
        None if lossy => out.push(char::REPLACEMENT_CHARACTER),
        None => return Err(StringError::LoneSurrogate { code, at }),
    }
    Ok(Escape { len, replaced })
}

/// The character a two-byte escape `\` + `escaped` stands for; `None` for
/// `u`, which starts a longer escape, or any byte that starts none.
fn simple_escape(escaped: u8) -> Option<char> {
    Some(match escaped {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}

/// The low surrogate escaped at the start of `bytes` (`\uDC00`–`\uDFFF`).
fn low_surrogate(bytes: &[u8]) -> Option<u16> {
    let code = hex4(bytes.strip_prefix(b"\\u")?)?;
    (0xdc00..=0xdfff).contains(&code).then_some(code)
}

/// The value of the four hex digits at the start of `bytes`.
fn hex4(bytes: &[u8]) -> Option<u16> {
    let digits = std::str::from_utf8(bytes.get(..4)?).ok()?;
    u16::from_str_radix(digits, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(raw: &str) -> Result<String, StringError> {
        let mut buffer = String::new();
        decode(raw, &mut buffer).map(str::to_string)
    }

    #[test]
    fn a_string_without_escapes_is_borrowed() {
        let mut buffer = String::new();
        let raw = "Talks in Baghdad";
        assert!(std::ptr::eq(decode(raw, &mut buffer).unwrap(), raw));
    }

    #[test]
    fn escapes_are_decoded_as_serde_json_decodes_them() {
        let raw = r#"a\"b\\c\/d\b\f\n\r\t \u00e9\u4e2d \ud83d\ude00 \u0041"#;
        let expected: String = serde_json::from_str(&format!("\"{raw}\"")).unwrap();
        assert_eq!(value(raw).unwrap(), expected);
    }

    #[test]
    fn a_lone_surrogate_is_an_error_naming_it_and_its_offset() {
        assert_eq!(
            value(r"ab\ud800 c"),
            Err(StringError::LoneSurrogate {
                code: 0xd800,
                at: 2
            })
        );
        assert_eq!(
            value(r"\udc00"),
            Err(StringError::LoneSurrogate {
                code: 0xdc00,
                at: 0
            })
        );
        // A high surrogate followed by anything but a low one.
        assert!(value(r"\ud800\u0041").is_err());
        assert!(value(r"\ud800\ud800").is_err());
    }

    #[test]
    fn splitting_and_decoding_in_one_pass_gives_what_decode_gives() {
        let mut buffer = String::new();
        let mut decoded = String::new();
        for raw in [
            r#"Talks in Baghdad"#,
            r#"a\"b\\c\/d\b\f\n\r\t \u00e9\u4e2d \ud83d\ude00 \u0041"#,
            r#"ab\ud800 c"#,
            r#"\udc00 and \n after"#,
            r#"\ud800\ud800"#,
            r#"ends in an escape\n"#,
            r#""#,
        ] {
            let json = format!("\"{raw}\", \"next\": 1}}");
            let (string, rest, held) = split_decode(&json, &mut buffer).unwrap();
            assert_eq!((string.len(), rest), (raw.len() + 2, r#", "next": 1}"#));
            let in_place = held == Ok(Held::InPlace);
            let value = held.map(|held| match held {
                Held::InPlace => raw.to_string(),
                Held::InBuffer => buffer.clone(),
            });
            let expected = decode(raw, &mut decoded).map(str::to_string);
            assert_eq!(value, expected, "{raw}");
            assert_eq!(in_place, !raw.contains('\\'));
        }
        // What is no string, or no string that ends, or one with a bad
        // escape, is left to the parser.
        for json in ["x", r#""open"#, r#""a\x""#, r#""a\u12""#, r#""a\"#] {
            assert!(split_decode(json, &mut buffer).is_none(), "{json}");
        }
    }

    #[test]
    fn lossy_decoding_replaces_and_keeps_offsets_as_given() {
        let mut buffer = String::new();
        let mut map = OffsetMap::default();
        // "x", a lone surrogate (3 bytes as given), "\xff" (1 byte), "é"
        // escaped (2 bytes), "Basra".
        let raw = b"x\\ud800\xff\\u00e9Basra";
        let surrogates = decode_lossy(raw, &mut buffer, &mut map).unwrap();
        assert_eq!(surrogates, 1);
        assert_eq!(buffer, "x\u{fffd}\u{fffd}éBasra");
        assert_eq!(map.to_input(buffer.find("Basra").unwrap()), 1 + 3 + 1 + 2);
        assert_eq!(map.to_input(1), 1);
        assert_eq!(map.to_input(4), 4);
    }
}
