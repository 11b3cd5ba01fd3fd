//! One JSON Lines line: a record `{"id":…,"text":…}`, or why it is not one.
//!
//! The line is parsed in place: the `id` stays its raw JSON text, copied to
//! the output exactly as written (`1e400` and `12345678901234567890` stay
//! what they are), other fields are skipped unparsed, and the `text` is
//! borrowed from the line when it holds no escape, otherwise decoded into a
//! buffer kept for the next line.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::json_string::{self, StringError};
use crate::lossy::{OffsetMap, push_lossy};

/// What a line holds.
pub enum Line<'a> {
    /// Nothing but whitespace: not a record, not an error.
    Blank,
    /// A record to extract from.
    Record {
        id: Option<&'a RawValue>,
        text: &'a str,
        /// From offsets into `text` to offsets into the text as given
        /// (empty unless `--lossy` replaced an invalid sequence).
        map: &'a OffsetMap,
        /// What `--lossy` replaced, if anything.
        warning: Option<String>,
    },
    /// A line that cannot be used, with its `id` when one could be read.
    Error {
        id: Option<&'a RawValue>,
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
        let fields = match Fields::parse(json) {
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
            Some(raw) if !raw.get().starts_with('"') => {
                return error(format!(
                    "\"text\" must be a string, found {}",
                    json_type(raw.get())
                ));
            }
            Some(raw) => raw.get(),
        };
        // The string's raw text between its quotes.
        let quoted = &raw[1..raw.len() - 1];
        let text_error = |e: StringError| format!("\"text\": {e}");
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
struct Fields<'a> {
    id: Option<&'a RawValue>,
    text: Option<&'a RawValue>,
}

impl<'a> Fields<'a> {
    /// Parses a line that should be one JSON object.
    fn parse(json: &'a str) -> Result<Fields<'a>, String> {
        let start = json.trim_start_matches([' ', '\t', '\n', '\r']);
        if !start.starts_with('{') {
            return Err(match serde_json::from_str::<&RawValue>(json) {
                Ok(value) => format!("expected a JSON object, found {}", json_type(value.get())),
                Err(e) => format!("invalid JSON: {e}"),
            });
        }
        serde_json::from_str(json).map_err(|e| format!("invalid JSON: {e}"))
    }
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
        };
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id => fields.id = Some(map.next_value()?),
                Key::Text => fields.text = Some(map.next_value()?),
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
            Line::Record { id, text, .. } => Ok((id.map(|id| id.get().to_string()), text.into())),
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
    fn a_failed_line_keeps_its_id() {
        let mut reader = LineReader::default();
        let Line::Error { id, .. } = reader.read(b"{\"id\": \"\xff\", \"text\": 7}", true) else {
            panic!("a text that is not a string fails the line");
        };
        assert_eq!(id.map(RawValue::get), Some("\"\u{fffd}\""));
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
