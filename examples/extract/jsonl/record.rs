//! One JSON Lines line: a record `{"id":…,"text":…}`, or why it is not one.
//!
//! The line is parsed in place: the `id` stays its raw JSON text, copied to
//! the output exactly as written (`1e400` and `12345678901234567890` stay
//! what they are), other fields are skipped unparsed, and the `text` is
//! borrowed from the line when it holds no escape, otherwise decoded into a
//! buffer kept for the next line.
//!
//! A line that is an object with plain keys, as every line of a corpus
//! usually is, is read in one pass that finds where each value ends and
//! checks what it must ([`Fields::scan`]); any other line goes to
//! `serde_json`, which reads what the scan does not and says what is wrong
//! with a line that is not JSON.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::json_string::{self, Held, StringError};
use crate::lossy::{OffsetMap, push_lossy};
use crate::output::quotes_or_backslashes;

/// What a line holds.
pub enum Line<'a> {
    /// Nothing but whitespace: not a record, not an error.
    Blank,
    /// A record to extract from.
    Record {
        /// The raw JSON text of the record's `id`.
        id: Option<&'a str>,
        text: &'a str,
        /// From offsets into `text` to offsets into the text as given
        /// (empty unless `--lossy` replaced an invalid sequence).
        map: &'a OffsetMap,
        /// What `--lossy` replaced, if anything.
        warning: Option<String>,
    },
    /// A line that cannot be used, with its `id` when one could be read.
    Error {
        /// The raw JSON text of the line's `id`.
        id: Option<&'a str>,
        message: String,
    },
}

/// Reads lines, keeping its buffers from one line to the next.
#[derive(Default)]
pub struct LineReader {
    /// A line with invalid UTF-8, replaced.
    line: String,
    /// From offsets into `line` to offsets into the line's bytes.
    line_map: OffsetMap,
    /// The decoded text, when it cannot be borrowed from the line.
    text: String,
    /// From offsets into the text to offsets into the text as given.
    text_map: OffsetMap,
}

/// A buffer that held a huge text is not kept for the next line.
const KEPT_CAPACITY: usize = 1 << 20;

impl LineReader {
    /// Reads one line (without its `\n`; a `\r` before it is dropped).
    /// With `lossy`, invalid UTF-8 and lone surrogate escapes in the text
    /// become U+FFFD instead of failing the line.
    pub fn read<'a>(&'a mut self, line: &'a [u8], lossy: bool) -> Line<'a> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            return Line::Blank;
        }
        for buffer in [&mut self.line, &mut self.text] {
            if buffer.capacity() > KEPT_CAPACITY {
                *buffer = String::new();
            }
        }
        let LineReader {
            line: replaced,
            line_map,
            text: buffer,
            text_map,
        } = self;
        text_map.clear();
        let (json, invalid_at) = match std::str::from_utf8(line) {
            Ok(json) => (json, None),
            Err(e) => {
                replaced.clear();
                line_map.clear();
                push_lossy(line, 0, replaced, line_map);
                (replaced.as_str(), Some(e.valid_up_to()))
            }
        };
        // Read lossily, the text is decoded below, from the line as given.
        let decode_into = (!lossy).then_some(&mut *buffer);
        let fields = match Fields::parse(json, decode_into) {
            Ok(fields) => fields,
            Err(message) => return Line::Error { id: None, message },
        };
        let id = fields.id;
        let error = |message| Line::Error { id, message };
        if let Some(at) = invalid_at
            && !lossy
        {
            return error(format!("invalid UTF-8 at byte {at} of the line"));
        }
        let raw = match fields.text {
            None => return error("missing \"text\" field".to_string()),
            Some(raw) if !raw.starts_with('"') => {
                return error(format!(
                    "\"text\" must be a string, found {}",
                    json_type(raw)
                ));
            }
            Some(raw) => raw,
        };
        // The string's raw text between its quotes.
        let quoted = &raw[1..raw.len() - 1];
        let text_error = |e: StringError| format!("\"text\": {e}");
        // Decoded already, as the line was read.
        if invalid_at.is_none()
            && let Some(held) = fields.held
        {
            return match held {
                Ok(Held::InPlace) => Line::Record {
                    id,
                    text: quoted,
                    map: text_map,
                    warning: None,
                },
                Ok(Held::InBuffer) => Line::Record {
                    id,
                    text: buffer,
                    map: text_map,
                    warning: None,
                },
                Err(e) => error(text_error(e)),
            };
        }
        match invalid_at {
            None if !lossy || !quoted.contains('\\') => match json_string::decode(quoted, buffer) {
                Ok(text) => Line::Record {
                    id,
                    text,
                    map: text_map,
                    warning: None,
                },
                Err(e) => error(text_error(e)),
            },
            None => match json_string::decode_lossy(quoted.as_bytes(), buffer, text_map) {
                Ok(surrogates) => Line::Record {
                    id,
                    text: buffer,
                    map: text_map,
                    warning: (surrogates > 0).then(|| replaced_surrogates(surrogates)),
                },
                Err(e) => error(text_error(e)),
            },
            Some(at) => {
                // Invalid bytes are never quotes or backslashes, so the
                // string spans the same bytes in the line as given.
                let start = quoted.as_ptr() as usize - json.as_ptr() as usize;
                let end = start + quoted.len();
                let quoted = &line[line_map.to_input(start)..line_map.to_input(end)];
                match json_string::decode_lossy(quoted, buffer, text_map) {
                    Ok(surrogates) => {
                        let mut warning =
                            format!("invalid UTF-8 at byte {at} of the line replaced with U+FFFD");
                        if surrogates > 0 {
                            warning = format!("{warning}; {}", replaced_surrogates(surrogates));
                        }
                        Line::Record {
                            id,
                            text: buffer,
                            map: text_map,
                            warning: Some(warning),
                        }
                    }
                    Err(e) => error(text_error(e)),
                }
            }
        }
    }
}

fn replaced_surrogates(count: usize) -> String {
    match count {
        1 => "a lone surrogate escape in \"text\" replaced with U+FFFD".to_string(),
        n => format!("{n} lone surrogate escapes in \"text\" replaced with U+FFFD"),
    }
}

/// The fields of a record the CLI reads; the others are skipped.
#[derive(Debug)]
struct Fields<'a> {
    /// The raw JSON text of the `id` value.
    id: Option<&'a str>,
    /// The raw JSON text of the `text` value.
    text: Option<&'a str>,
    /// Where the `text` value is, decoded as the line was read, or why it
    /// is not text; `None` if it was not decoded.
    held: Option<Result<Held, StringError>>,
}

/// JSON's whitespace.
const WHITESPACE: [char; 4] = [' ', '\t', '\n', '\r'];

impl<'a> Fields<'a> {
    /// Parses a line that should be one JSON object; the value of its
    /// `text`, if a string, may be decoded into `decode_into` on the way.
    fn parse(json: &'a str, decode_into: Option<&mut String>) -> Result<Fields<'a>, String> {
        if let Some(fields) = Fields::scan(json, decode_into) {
            return Ok(fields);
        }
        let start = json.trim_start_matches(WHITESPACE);
        if !start.starts_with('{') {
            return Err(match serde_json::from_str::<&RawValue>(json) {
                Ok(value) => format!("expected a JSON object, found {}", json_type(value.get())),
                Err(e) => format!("invalid JSON: {e}"),
            });
        }
        serde_json::from_str(json).map_err(|e| format!("invalid JSON: {e}"))
    }

    /// The fields of a line that is an object whose keys hold no escape,
    /// read in one pass; `None` for any other line, valid JSON or not,
    /// which [`Fields::parse`] leaves to `serde_json`. What it accepts,
    /// `serde_json` accepts and reads alike. Given `decode_into`, the
    /// `text` string is decoded there in the pass that finds its end.
    fn scan(json: &'a str, mut decode_into: Option<&mut String>) -> Option<Fields<'a>> {
        // A control character is whitespace between values, or an error in
        // a string: lines with one are rare enough to be left to
        // `serde_json`.
        if least_byte(json.as_bytes()) < 0x20 {
            return None;
        }
        let mut fields = Fields {
            id: None,
            text: None,
            held: None,
        };
        let rest = skip_object(skip_spaces(json), 0, &mut |key, value, depth| {
            if key == "text"
                && let Some(buffer) = decode_into.as_deref_mut()
                && value.starts_with('"')
            {
                let (string, after, held) = json_string::split_decode(value, buffer)?;
                fields.text = Some(string);
                fields.held = Some(held);
                return Some(after);
            }
            let after = skip_value(value, depth)?;
            let value = &value[..value.len() - after.len()];
            match key {
                "id" => fields.id = Some(value),
                "text" => (fields.text, fields.held) = (Some(value), None),
                _ => {}
            }
            Some(after)
        })?;
        skip_spaces(rest).is_empty().then_some(fields)
    }
}

/// The least of `bytes` (`u8::MAX` for none), found block by block
/// without an early exit, so that each step takes the least of many bytes
/// at once.
fn least_byte(bytes: &[u8]) -> u8 {
    let mut least = [u8::MAX; 32];
    let mut blocks = bytes.chunks_exact(least.len());
    for block in &mut blocks {
        for (least, &b) in least.iter_mut().zip(block) {
            *least = (*least).min(b);
        }
    }
    least
        .into_iter()
        .chain(blocks.remainder().iter().copied())
        .fold(u8::MAX, u8::min)
}

/// `json` from its first byte that is not a space. A line the scan reads
/// holds no control character, so its only whitespace is spaces, and most
/// lines have none: a test of a byte or two settles it, where trimming
/// JSON's four whitespace characters decodes and compares characters.
fn skip_spaces(json: &str) -> &str {
    let spaces = json.bytes().take_while(|&b| b == b' ').count();
    &json[spaces..]
}

/// How deep [`skip_value`] follows arrays and objects (`serde_json` fails
/// at 128).
const DEPTH: usize = 64;

/// What follows the JSON value at the start of `json`; `None` unless it
/// is one of plain keys, no deeper than [`DEPTH`].
fn skip_value(json: &str, depth: usize) -> Option<&str> {
    match json.as_bytes().first()? {
        b'"' => split_string(json).map(|(_, rest)| rest),
        b'{' => skip_object(json, depth, &mut |_, value, depth| skip_value(value, depth)),
        b'[' => skip_array(json, depth),
        b't' => json.strip_prefix("true"),
        b'f' => json.strip_prefix("false"),
        b'n' => json.strip_prefix("null"),
        _ => skip_number(json),
    }
}

/// What follows the object at the start of `json`, after handing each of
/// its members to `member`: its key unquoted, the text from its value on
/// and the depth of the value, for which `member` gives what follows the
/// value (or refuses it); `None` unless it is an object of plain keys.
fn skip_object<'a>(
    json: &'a str,
    depth: usize,
    member: &mut impl FnMut(&'a str, &'a str, usize) -> Option<&'a str>,
) -> Option<&'a str> {
    if depth >= DEPTH {
        return None;
    }
    let mut rest = skip_spaces(json.strip_prefix('{')?);
    if let Some(after) = rest.strip_prefix('}') {
        return Some(after);
    }
    loop {
        let (key, after) = split_key(rest)?;
        rest = skip_spaces(skip_spaces(after).strip_prefix(':')?);
        rest = skip_spaces(member(key, rest, depth + 1)?);
        match rest.strip_prefix(',') {
            Some(after) => rest = skip_spaces(after),
            None => return rest.strip_prefix('}'),
        }
    }
}

/// What follows the array at the start of `json`.
fn skip_array(json: &str, depth: usize) -> Option<&str> {
    if depth >= DEPTH {
        return None;
    }
    let mut rest = skip_spaces(json.strip_prefix('[')?);
    if let Some(after) = rest.strip_prefix(']') {
        return Some(after);
    }
    loop {
        rest = skip_spaces(skip_value(rest, depth + 1)?);
        match rest.strip_prefix(',') {
            Some(after) => rest = skip_spaces(after),
            None => return rest.strip_prefix(']'),
        }
    }
}

/// What follows the number at the start of `json`, written as JSON
/// writes numbers: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn skip_number(json: &str) -> Option<&str> {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut rest = json.strip_prefix('-').unwrap_or(json);
    match digits(rest) {
        0 => return None,
        n if n > 1 && rest.starts_with('0') => return None,
        n => rest = &rest[n..],
    }
    if let Some(fraction) = rest.strip_prefix('.') {
        rest = fraction.get(digits(fraction).checked_sub(1)? + 1..)?;
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        rest = exponent.get(digits(exponent).checked_sub(1)? + 1..)?;
    }
    Some(rest)
}

/// The JSON string at the start of `json`, quotes included, and what
/// follows it; `None` unless it is a string with only well-formed escapes
/// (a `\u` escape may still be half of a surrogate pair, as `serde_json`
/// allows until the string is decoded). The caller has checked that
/// `json` holds no control character.
fn split_string(json: &str) -> Option<(&str, &str)> {
    let bytes = json.as_bytes();
    if bytes.first() != Some(&b'"') {
        return None;
    }
    let mut at = 1;
    loop {
        at += quote_or_backslash(&bytes[at..])?;
        if bytes[at] == b'"' {
            // Quotes and backslashes are ASCII: character boundaries.
            return Some(json.split_at(at + 1));
        }
        at += match bytes.get(at + 1)? {
            b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
            b'u' if bytes.get(at + 2..at + 6)?.iter().all(u8::is_ascii_hexdigit) => 6,
            _ => return None,
        };
    }
}

/// The key at the start of `json`, without its quotes, and what follows
/// it; `None` unless it is a string without escapes (a key with one is
/// left to `serde_json`, which decodes it before it compares it).
/// Always inlined: called for every key of a line, of the objects it
/// skips too, it cost more as a call (callgrind, 500 BBC articles: 0.14M
/// of 88.8M instructions).
#[inline(always)]
fn split_key(json: &str) -> Option<(&str, &str)> {
    let rest = json.strip_prefix('"')?;
    let end = quote_or_backslash(rest.as_bytes())?;
    // Quotes are ASCII: character boundaries.
    (rest.as_bytes()[end] == b'"').then(|| (&rest[..end], &rest[end + 1..]))
}

/// Where the first quote or backslash of `bytes` is. The first 16 bytes
/// are tested eight at a time in place, which finds the end of a key or a
/// short value (most of those a line holds besides its text) without the
/// call and the set-up of a vector search; the rest goes to `memchr2`.
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    let mut tested = 0;
    while let Some(word) = bytes.get(tested..tested + 8).filter(|_| tested < 16) {
        let found =
            quotes_or_backslashes(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        if found != 0 {
            return Some(tested + found.trailing_zeros() as usize / 8);
        }
        tested += 8;
    }
    memchr::memchr2(b'"', b'\\', &bytes[tested..]).map(|at| tested + at)
}

impl<'de> Deserialize<'de> for Fields<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    /// Reads the fields; of a field given twice, the last counts, as in
    /// most JSON readers.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields<'de>, A::Error> {
        let mut fields = Fields {
            id: None,
            text: None,
            held: None,
        };
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id => fields.id = Some(map.next_value::<&RawValue>()?.get()),
                Key::Text => fields.text = Some(map.next_value::<&RawValue>()?.get()),
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(fields)
    }
}

/// A record's key, as far as the CLI cares.
enum Key {
    Id,
    Text,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(match key {
            "id" => Key::Id,
            "text" => Key::Text,
            _ => Key::Other,
        })
    }
}

/// What kind of JSON value a valid raw JSON text is.
fn json_type(raw: &str) -> &'static str {
    match raw.as_bytes().first() {
        Some(b'n') => "null",
        Some(b't' | b'f') => "a boolean",
        Some(b'"') => "a string",
        Some(b'[') => "an array",
        Some(b'{') => "an object",
        _ => "a number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &[u8], lossy: bool) -> Result<(Option<String>, String), String> {
        let mut reader = LineReader::default();
        match reader.read(line, lossy) {
            Line::Blank => Err("blank".to_string()),
            Line::Record { id, text, .. } => Ok((id.map(str::to_string), text.into())),
            Line::Error { message, .. } => Err(message),
        }
    }

    #[test]
    fn the_id_is_its_raw_text_and_other_fields_are_skipped() {
        let line = br#"{"meta": {"a": [1, {"id": 2}]}, "id" : 1e400 , "text": "x\ny"}"#;
        assert_eq!(read(line, false), Ok((Some("1e400".into()), "x\ny".into())));
    }

    #[test]
    fn escaped_keys_are_read_and_the_last_of_a_repeated_field_counts() {
        let line = br#"{"t\u0065xt": "a", "id": 1, "text": "b"}"#;
        assert_eq!(read(line, false), Ok((Some("1".into()), "b".into())));
    }

    #[test]
    fn lines_that_are_not_records_say_why() {
        let error = |line: &[u8]| read(line, false).unwrap_err();
        assert_eq!(error(b" \t\r"), "blank");
        assert!(error(b"[1]").contains("found an array"));
        assert!(error(b"\"x\"").contains("found a string"));
        assert!(error(b"{\"id\": 1").starts_with("invalid JSON"));
        assert!(error(b"{\"text\": \"a\"} x").starts_with("invalid JSON"));
        assert!(error(b"{\"id\": 1}").contains("missing \"text\""));
        assert!(error(b"{\"text\": null}").contains("found null"));
        assert!(error(b"{\"text\": \"\\ud800\"}").contains("lone surrogate"));
        assert!(error(b"{\"text\": \"caf\xe9\"}").contains("invalid UTF-8 at byte 13"));
    }

    #[test]
    fn the_one_pass_scan_reads_what_serde_json_reads() {
        // The fields as raw texts, to compare.
        fn raw(fields: Option<Fields<'_>>) -> Option<(Option<&str>, Option<&str>)> {
            fields.map(|f| (f.id, f.text))
        }
        let scanned = [
            r#"{"id":"a","text":"x\ny","meta":{"a":[1,-2.5e+3,{"b":null}],"c":true}}"#,
            r#"{"id": 1e400, "text": "a", "n": [0, -0.0, 12E-1, false, []]}"#,
            r#" { "text" : "\u00e9\"\\\/\b\f\r\t" , "id" : "7", "other": "z" } "#,
            r#"{}"#,
            r#"{"text": "a", "text": "b"}"#,
            r#"{"text": "\ud800"}"#,
            r#"{"text": ["a"]}"#,
        ];
        for json in scanned {
            let fields = Fields::scan(json, None);
            assert!(fields.is_some(), "{json}");
            assert_eq!(raw(fields), raw(serde_json::from_str(json).ok()), "{json}");
            let mut buffer = String::new();
            let fields = Fields::scan(json, Some(&mut buffer)).unwrap();
            let text = fields.text.filter(|t| t.starts_with('"'));
            assert_eq!(fields.held.is_some(), text.is_some(), "{json}");
            assert_eq!(
                raw(Some(fields)),
                raw(serde_json::from_str(json).ok()),
                "{json}"
            );
        }
        // Left to serde_json, to read or to fail.
        let not_scanned = [
            r#"{"id": 01, "text": "a"}"#,
            r#"{"n": 1., "text": "a"}"#,
            r#"{"n": -, "text": "a"}"#,
            r#"{"n": 1e, "text": "a"}"#,
            r#"{"n": .5, "text": "a"}"#,
            r#"{"n": [1,], "text": "a"}"#,
            r#"{"n": {"a" 1}, "text": "a"}"#,
            r#"{"n": tru, "text": "a"}"#,
            r#"{"t\u0065xt": "a"}"#,
            r#"{"text": "a",}"#,
            r#"{"text": "a"} x"#,
            r#"{"text": "a""#,
            r#"{"text": "a\x"}"#,
            r#"{"text": "a\u12"}"#,
            "{\"text\": \"a\tb\"}",
            r#"["text"]"#,
            "",
        ];
        for json in not_scanned {
            assert!(Fields::scan(json, None).is_none(), "{json}");
            assert!(
                Fields::scan(json, Some(&mut String::new())).is_none(),
                "{json}"
            );
        }
    }

    #[test]
    fn the_first_quote_or_backslash_is_found_at_any_place() {
        for len in 0..40 {
            for at in 0..len {
                for special in [b'"', b'\\'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = special;
                    // A second one after it, and bytes of 0x80 and more.
                    if at + 1 < len {
                        bytes[at + 1] = b'"';
                    }
                    if at > 0 {
                        bytes[at - 1] = 0xa2;
                    }
                    assert_eq!(quote_or_backslash(&bytes), Some(at), "{len} {at}");
                }
            }
            assert_eq!(quote_or_backslash(&vec![0xdc; len]), None);
        }
    }

    /// A JSON Lines line: an object of members of any kind, with
    /// whitespace, escapes, numbers and literals valid or not, and any of
    /// its pieces perhaps damaged.
    fn line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let space = proptest::sample::select(vec!["", " ", "\t", "  "]);
        let key = proptest::sample::select(vec!["id", "text", "other", "t\\u0065xt", "i\\d"]);
        let content = proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "é", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\ud800", "\\uDC0", "\\x",
                "\t", "\u{1}",
            ]),
            0..6,
        );
        let string = content.prop_map(|c| format!("\"{}\"", c.concat()));
        let scalar = proptest::sample::select(vec![
            "0", "-0", "1", "01", "1.", "1.5", "-", "1e5", "1E+2", "1e", "-1.0e-3", ".5", "00",
            "true", "false", "null", "tru", "nul", "+1",
        ])
        .prop_map(str::to_string);
        let value = prop_oneof![string, scalar].prop_recursive(3, 12, 3, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..3)
                    .prop_map(|items| format!("[{}]", items.join(","))),
                proptest::collection::vec((key.clone(), inner), 0..3).prop_map(|members| {
                    let members: Vec<String> = members
                        .iter()
                        .map(|(k, v)| format!("\"{k}\":{v}"))
                        .collect();
                    format!("{{{}}}", members.join(","))
                }),
            ]
        });
        let key = proptest::sample::select(vec!["id", "text", "other", "t\\u0065xt", "i\\d"]);
        let member = (
            space.clone(),
            key,
            space.clone(),
            space.clone(),
            value,
            space.clone(),
        )
            .prop_map(|(s1, k, s2, s3, v, s4)| format!("{s1}\"{k}\"{s2}:{s3}{v}{s4}"));
        let damage =
            proptest::sample::select(vec!["", "", "", ",", "}", "\"", ":", "1", "[", "\\"]);
        (
            proptest::collection::vec(member, 0..4),
            space,
            damage,
            any::<proptest::sample::Index>(),
        )
            .prop_map(|(members, s, damage, at)| {
                let mut line = format!("{s}{{{}}}{s}", members.join(","));
                let at = at.index(line.len() + 1);
                if line.is_char_boundary(at) {
                    line.insert_str(at, damage);
                }
                line
            })
    }

    proptest::proptest! {
        /// Whatever the scan reads, `serde_json` reads alike, and the
        /// text it decodes on the way is the string `serde_json` decodes.
        #[test]
        fn the_scan_reads_what_serde_json_reads(json in line()) {
            let mut buffer = String::new();
            let decoding = Fields::scan(&json, Some(&mut buffer));
            proptest::prop_assert_eq!(decoding.is_some(), Fields::scan(&json, None).is_some());
            if let Some(fields) = decoding {
                let parsed: Fields<'_> = serde_json::from_str(&json)
                    .unwrap_or_else(|e| panic!("{json:?}: {e}"));
                proptest::prop_assert_eq!(fields.id, parsed.id);
                proptest::prop_assert_eq!(fields.text, parsed.text);
                if let (Some(held), Some(raw)) = (fields.held, fields.text) {
                    let value = held.map(|held| match held {
                        Held::InPlace => raw[1..raw.len() - 1].to_string(),
                        Held::InBuffer => buffer.clone(),
                    });
                    proptest::prop_assert_eq!(value.ok(), serde_json::from_str::<String>(raw).ok());
                }
            }
        }
    }

    #[test]
    fn a_failed_line_keeps_its_id() {
        let mut reader = LineReader::default();
        let Line::Error { id, .. } = reader.read(b"{\"id\": \"\xff\", \"text\": 7}", true) else {
            panic!("a text that is not a string fails the line");
        };
        assert_eq!(id, Some("\"\u{fffd}\""));
    }

    #[test]
    fn lossy_reading_maps_the_text_back_to_its_bytes_as_given() {
        let mut reader = LineReader::default();
        let line = b"{\"id\": \"\xff\", \"text\": \"\\u00e9\xff Basra\"}";
        let Line::Record {
            text, map, warning, ..
        } = reader.read(line, true)
        else {
            panic!("a lossy line is a record");
        };
        assert_eq!(text, "é\u{fffd} Basra");
        assert_eq!(map.to_input(text.find("Basra").unwrap()), 4);
        assert!(warning.unwrap().contains("byte 8"));
    }
}
