//! The JSON Lines the CLI writes.
//!
//! A record's result line is written by hand, the way serde_json writes
//! [`Entity`] (a test holds the two to the same bytes): most strings need
//! no escape, and a quick test of eight bytes at a time settles that far
//! faster than serde_json's escaper, which looks up every byte.

use gazetteer_ner::Entity;
use serde::Serialize;
use serde_json::value::RawValue;

/// Appends a JSON Lines record's result line to `out`:
/// `{"file":…,"id":…,"entities":[…]}`, with `file` when the run has
/// several inputs and `id` when the record has one, copied as written.
pub fn push_record(
    out: &mut Vec<u8>,
    file: Option<&str>,
    id: Option<&RawValue>,
    entities: &[Entity],
) {
    out.push(b'{');
    if let Some(file) = file {
        out.extend_from_slice(b"\"file\":");
        push_str(out, file);
        out.push(b',');
    }
    if let Some(id) = id {
        out.extend_from_slice(b"\"id\":");
        out.extend_from_slice(id.get().as_bytes());
        out.push(b',');
    }
    out.extend_from_slice(b"\"entities\":");
    push_entities(out, entities);
    out.extend_from_slice(b"}\n");
}

/// Appends `entities` as serde_json writes them, compact.
pub fn push_entities(out: &mut Vec<u8>, entities: &[Entity]) {
    out.push(b'[');
    for (i, entity) in entities.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"kind\":\"");
        out.extend_from_slice(entity.kind.as_str().as_bytes());
        out.extend_from_slice(b"\",\"name\":");
        push_str(out, &entity.name);
        out.extend_from_slice(b",\"mentions\":[");
        for (j, mention) in entity.mentions.iter().enumerate() {
            if j > 0 {
                out.push(b',');
            }
            out.extend_from_slice(b"{\"start\":");
            push_number(out, mention.start);
            out.extend_from_slice(b",\"end\":");
            push_number(out, mention.end);
            out.extend_from_slice(b",\"text\":");
            push_str(out, &mention.text);
            out.push(b'}');
        }
        out.extend_from_slice(b"]}");
    }
    out.push(b']');
}

/// Appends `text` as a JSON string.
fn push_str(out: &mut Vec<u8>, text: &str) {
    if needs_escape(text.as_bytes()) {
        serde_json::to_writer(&mut *out, text).expect("a string serialises");
    } else {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    }
}

/// Whether `bytes` hold a byte JSON escapes: a control character, `"` or
/// `\`.
fn needs_escape(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(8);
    let mut found = 0;
    for block in &mut blocks {
        found |= escapes(u64::from_le_bytes(block.try_into().expect("eight bytes")));
    }
    // The last few bytes, padded with spaces to a block of their own: one
    // more step rather than a loop over them (most mentions are short).
    let mut last = [b' '; 8];
    last[..blocks.remainder().len()].copy_from_slice(blocks.remainder());
    found | escapes(u64::from_le_bytes(last)) != 0
}

/// Nonzero exactly when one of the eight bytes of `x` is one JSON
/// escapes.
fn escapes(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Nonzero exactly when a byte of `x` is zero: a byte's high bit can
    // only be set by its own borrow once `!x` has cleared those of the
    // bytes that were 0x80 or more.
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    // Bytes below 0x20 are those whose top three bits are zero.
    zero(x & (0xe0 * ONES))
        | zero(x ^ (u64::from(b'"') * ONES))
        | zero(x ^ (u64::from(b'\\') * ONES))
}

/// The decimal digits of 0 to 99, two each.
const PAIRS: [u8; 200] = {
    let mut pairs = [0; 200];
    let mut n = 0;
    while n < 100 {
        pairs[2 * n] = b'0' + (n / 10) as u8;
        pairs[2 * n + 1] = b'0' + (n % 10) as u8;
        n += 1;
    }
    pairs
};

/// Appends `n` in decimal, two digits a step.
fn push_number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    while n >= 100 {
        let pair = 2 * (n % 100);
        n /= 100;
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if n >= 10 {
        at -= 2;
        digits[at..at + 2].copy_from_slice(&PAIRS[2 * n..2 * n + 2]);
    } else {
        at -= 1;
        digits[at] = b'0' + n as u8;
    }
    out.extend_from_slice(&digits[at..]);
}

/// A JSON Lines line that could not be used:
/// `{"file":…,"line":N,"id":…,"error":"…"}`.
#[derive(Serialize)]
pub struct LineError<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<&'a str>,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RawValue>,
    pub error: &'a str,
}

/// An input that could not be read, in its place among the outputs of a
/// run with several inputs: `{"file":…,"error":"…"}`.
#[derive(Serialize)]
pub struct InputError<'a> {
    pub file: &'a str,
    pub error: &'a str,
}

/// Appends `value` to `out` as one line of compact JSON.
pub fn push_line(out: &mut Vec<u8>, value: &impl Serialize) {
    serde_json::to_writer(&mut *out, value)
        .expect("the output objects serialise: their maps have string keys");
    out.push(b'\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazetteer_ner::{EntityKind, Entry, Extractor};

    #[test]
    fn the_escape_test_finds_exactly_the_bytes_json_escapes() {
        for b in 0..=255u8 {
            let escaped = b < 0x20 || b == b'"' || b == b'\\';
            for at in [0, 5, 7, 8, 13] {
                let mut bytes = vec![b'a'; 16];
                bytes[at] = b;
                assert_eq!(needs_escape(&bytes), escaped, "byte {b:#x} at {at}");
            }
        }
        assert!(!needs_escape("Zürich «Straße» ü – 北京".as_bytes()));
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in (0..100_000).chain([usize::MAX, usize::MAX / 7, 1 << 40]) {
            let mut out = Vec::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
    }

    #[test]
    fn records_are_written_as_serde_json_writes_them() {
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .entry(Entry::new(EntityKind::Person, "Moqtada al-Sadr"))
            .entry(Entry::new(EntityKind::Place, "Zürich"))
            .build()
            .unwrap();
        let mut entities = extractor.extract("Moqtada al-Sadr left Zürich. Moqtada al-Sadr said.");
        assert_eq!(entities.len(), 2);
        assert_eq!(entities[0].mentions.len(), 2);
        // Strings that need escapes, and offsets of every length.
        entities[0].name = "Moqtada \"the cleric\" al-Sadr".to_string();
        entities[0].mentions[1].text = "Al\nSadr\\\u{1}".to_string();
        entities[0].mentions[1].start = 18_446_744;
        entities[1].mentions[0].end = usize::MAX;
        for entities in [&entities[..], &entities[1..], &[]] {
            let mut ours = Vec::new();
            push_entities(&mut ours, entities);
            assert_eq!(ours, serde_json::to_vec(entities).unwrap());
        }
        #[derive(Serialize)]
        struct Record<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            file: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            id: Option<&'a RawValue>,
            entities: &'a [Entity],
        }
        let id: &RawValue = serde_json::from_str("1e400").unwrap();
        for (file, id) in [
            (None, None),
            (Some("a \"b\".jsonl"), Some(id)),
            (None, Some(id)),
        ] {
            let mut ours = Vec::new();
            push_record(&mut ours, file, id, &entities);
            let mut theirs = Vec::new();
            push_line(
                &mut theirs,
                &Record {
                    file,
                    id,
                    entities: &entities,
                },
            );
            assert_eq!(String::from_utf8(ours), String::from_utf8(theirs));
        }
    }
}
