//! The JSON Lines the CLI writes.
//!
//! A record's result line is written by hand, the way serde_json writes
//! [`Entity`] (a test holds the two to the same bytes): most strings need
//! no escape, and a quick test of eight bytes at a time settles that far
//! faster than serde_json's escaper, which looks up every byte.

use gazetteer_ner::{Entity, EntityKind};
use serde::Serialize;
use serde_json::value::RawValue;

/// Appends a JSON Lines record's result line to `out`:
/// `{"file":…,"id":…,"entities":[…]}`, with `file` when the run has
/// several inputs and `id` (its raw JSON text) when the record has one,
/// copied as written.
pub fn push_record(out: &mut Vec<u8>, file: Option<&str>, id: Option<&str>, entities: &[Entity]) {
    out.push(b'{');
    if let Some(file) = file {
        out.extend_from_slice(b"\"file\":");
        push_str(out, file);
        out.push(b',');
    }
    if let Some(id) = id {
        out.extend_from_slice(b"\"id\":");
        out.extend_from_slice(id.as_bytes());
        out.push(b',');
    }
    out.extend_from_slice(b"\"entities\":");
    push_entities(out, entities);
    out.extend_from_slice(b"}\n");
}

/// Appends `entities` as serde_json writes them, compact.
///
/// Each entity and mention is written with the comma that would part it
/// from one before it, and the pieces that follow one another are copied
/// together (the comma, a mention's members before its text and the
/// text's opening quote; its closing quote and brace): the first comma of
/// a list is then made its opening bracket.
pub fn push_entities(out: &mut Vec<u8>, entities: &[Entity]) {
    let list = out.len();
    for entity in entities {
        match entity_head(entity.kind) {
            Some((head, len)) => {
                out.extend_from_slice(head);
                out.truncate(out.len() - head.len() + len);
            }
            None => push_entity_head(out, entity.kind),
        }
        push_str_after_quote(out, &entity.name, b"\",\"mentions\":");
        let mentions = out.len();
        for mention in &entity.mentions {
            push_mention_head(out, mention.start, mention.end);
            push_str_after_quote(out, &mention.text, b"\"}");
        }
        open_list(out, mentions);
        out.extend_from_slice(b"]}");
    }
    open_list(out, list);
    out.push(b']');
}

/// An entity's members before its name's text, after the comma that
/// parts it from the one before, `,{"kind":"K","name":"`, in a block of 32
/// bytes (an organisation's fills it), and how many bytes of it they take;
/// `None` for a kind this table does not know. Copied whole and the bytes
/// past them then cut off, they take one copy of a length known when
/// compiling, where the kind's name alone took a call to `memcpy`.
fn entity_head(kind: EntityKind) -> Option<&'static ([u8; 32], usize)> {
    const PERSON: ([u8; 32], usize) = head_block("person");
    const GROUP: ([u8; 32], usize) = head_block("group");
    const PLACE: ([u8; 32], usize) = head_block("place");
    const ORGANISATION: ([u8; 32], usize) = head_block("organisation");
    match kind {
        EntityKind::Person => Some(&PERSON),
        EntityKind::Group => Some(&GROUP),
        EntityKind::Place => Some(&PLACE),
        EntityKind::Organisation => Some(&ORGANISATION),
        _ => None,
    }
}

/// The block of [`entity_head`] for the kind named `kind`.
const fn head_block(kind: &str) -> ([u8; 32], usize) {
    let mut block = [0; 32];
    let mut len = 0;
    let parts: [&[u8]; 3] = [b",{\"kind\":\"", kind.as_bytes(), b"\",\"name\":\""];
    let mut part = 0;
    while part < parts.len() {
        let mut i = 0;
        while i < parts[part].len() {
            block[len] = parts[part][i];
            len += 1;
            i += 1;
        }
        part += 1;
    }
    (block, len)
}

/// Appends what [`entity_head`] holds for an entity of a kind it does not
/// know.
#[cold]
fn push_entity_head(out: &mut Vec<u8>, kind: EntityKind) {
    out.extend_from_slice(b",{\"kind\":\"");
    out.extend_from_slice(kind.as_str().as_bytes());
    out.extend_from_slice(b"\",\"name\":\"");
}

/// Opens the list whose items, each after a comma, `out` holds from `at`
/// on: the first comma becomes the opening bracket, or the bracket is
/// appended to an empty list.
fn open_list(out: &mut Vec<u8>, at: usize) {
    match out.get_mut(at) {
        Some(comma) => *comma = b'[',
        None => out.push(b'['),
    }
}

/// Appends `text` as a JSON string.
fn push_str(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    push_str_after_quote(out, text, b"\"");
}

/// Appends `text` as the rest of a JSON string whose opening quote `out`
/// ends with, then `after`, which starts with the closing quote.
///
/// The bytes are tested and copied eight at a time in one pass, the last
/// few padded with spaces to a block of their own and the padding cut
/// off again: most strings, mentions' texts above all, are short, and a
/// copy of a length known only at run time would call `memcpy` (twice,
/// with the test's own copy of the last bytes). A string with a byte JSON
/// escapes is written again, by `serde_json`. Always inlined: called
/// for every mention, it costs less in place than as a call (callgrind,
/// 500 BBC articles: 0.13M of 105.2M instructions).
#[inline(always)]
fn push_str_after_quote<const N: usize>(out: &mut Vec<u8>, text: &str, after: &[u8; N]) {
    let start = out.len() - 1;
    let (blocks, rest) = text.as_bytes().as_chunks::<8>();
    let mut found = 0;
    // Whether the string has eight bytes asked once, the blocks copied
    // only where it has.
    let last = match text.as_bytes().last_chunk::<8>() {
        Some(&last) => {
            for block in blocks {
                found |= escapes(u64::from_le_bytes(*block));
                out.extend_from_slice(block);
            }
            last_block(last, rest.len())
        }
        None => short_block(text.as_bytes()) | SPACES << (8 * text.len()),
    };
    found |= escapes(last);
    out.extend_from_slice(&last.to_le_bytes());
    out.truncate(out.len() - 8 + rest.len());
    if found == 0 {
        out.extend_from_slice(after);
    } else {
        out.truncate(start);
        serde_json::to_writer(&mut *out, text).expect("a string serialises");
        out.extend_from_slice(&after[1..]);
    }
}

/// Eight spaces, in which JSON escapes nothing, as one word.
const SPACES: u64 = u64::from_le_bytes([b' '; 8]);

/// The last `len` bytes of a string of eight bytes or more, fewer than
/// eight (those after its blocks of eight), as a block in the order of
/// [`u64::from_le_bytes`], padded with spaces: its `last` eight bytes
/// shifted down past the bytes before them.
fn last_block(last: [u8; 8], len: usize) -> u64 {
    // A shift by 64 - 8 * len bits, made in two as `len` may be 0; at most
    // seven bytes: the shifts are less than 64.
    u64::from_le_bytes(last) >> (8 * (7 - len)) >> 8 | SPACES << (8 * len)
}

/// The bytes of `text`, shorter than eight bytes, as a block in the order
/// of [`u64::from_le_bytes`], zeros after them. They are read two at a
/// time at four places, the last pair at the text's end and the others
/// at 0, 2 and 4 or, past that, at the last pair's place, overlapping
/// one another where the text is shorter: the same reads whatever the
/// length, where reading four, two and one bytes as the length's bits
/// said took a test of each bit, whose outcome a processor guesses wrong
/// often (callgrind with its branch simulation, 500 BBC articles, 7.7K
/// short strings).
fn short_block(text: &[u8]) -> u64 {
    let Some(end) = text.len().checked_sub(2) else {
        return text.first().map_or(0, |&b| u64::from(b));
    };
    let pair = |at: usize| u64::from(u16::from_le_bytes([text[at], text[at + 1]])) << (8 * at);
    pair(0) | pair(end.min(2)) | pair(end.min(4)) | pair(end)
}

/// Nonzero exactly when one of the eight bytes of `x` is one JSON
/// escapes.
fn escapes(x: u64) -> u64 {
    // Bytes below 0x20 are those whose top three bits are zero.
    zero_bytes(x & (0xe0 * ONES)) | quotes_or_backslashes(x)
}

/// Eight bytes of ones: times a byte, that byte eight times.
const ONES: u64 = 0x0101_0101_0101_0101;

/// Nonzero exactly when one of the eight bytes of `x` is a quote or a
/// backslash, and then its lowest set bit is the high bit of the first
/// such byte (in the order of [`u64::from_le_bytes`]).
pub fn quotes_or_backslashes(x: u64) -> u64 {
    zero_bytes(x ^ (u64::from(b'"') * ONES)) | zero_bytes(x ^ (u64::from(b'\\') * ONES))
}

/// Nonzero exactly when a byte of `x` is zero, with the high bit of each
/// zero byte set: a byte's high bit can only be set by its own borrow once
/// `!x` has cleared those of the bytes that were 0x80 or more, or by a
/// borrow from a zero byte below it, so the lowest set bit is exact.
fn zero_bytes(x: u64) -> u64 {
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The decimal digits of 0 to 99, two each, as a block of two bytes in
/// the order of [`u16::from_le_bytes`].
const PAIRS: [u16; 100] = {
    let mut pairs = [0; 100];
    let mut n = 0;
    while n < 100 {
        pairs[n] = u16::from_le_bytes([b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
        n += 1;
    }
    pairs
};

/// Appends a mention's members before its text, after the comma that
/// parts it from the one before and up to its text's opening quote,
/// `,{"start":S,"end":E,"text":"`, made in a block of 48 bytes and
/// copied whole, the bytes past them then cut off: one copy instead of
/// five.
fn push_mention_head(out: &mut Vec<u8>, start: usize, end: usize) {
    let (Some((start, start_len)), Some((end, end_len))) = (digits(start), digits(end)) else {
        out.extend_from_slice(b",{\"start\":");
        push_number(out, start);
        out.extend_from_slice(b",\"end\":");
        push_number(out, end);
        out.extend_from_slice(b",\"text\":\"");
        return;
    };
    let mut head = [0; 48];
    head[..10].copy_from_slice(b",{\"start\":");
    head[10..18].copy_from_slice(&start.to_le_bytes());
    let mut at = 10 + start_len;
    head[at..at + 7].copy_from_slice(b",\"end\":");
    at += 7;
    head[at..at + 8].copy_from_slice(&end.to_le_bytes());
    at += end_len;
    head[at..at + 9].copy_from_slice(b",\"text\":\"");
    at += 9;
    out.extend_from_slice(&head);
    out.truncate(out.len() - head.len() + at);
}

/// Appends `n` in decimal.
fn push_number(out: &mut Vec<u8>, n: usize) {
    match digits(n) {
        Some((block, len)) => {
            out.extend_from_slice(&block.to_le_bytes());
            out.truncate(out.len() - 8 + len);
        }
        None => push_long_number(out, n),
    }
}

/// The decimal digits of `n` in a block of eight bytes, in the order of
/// [`u64::from_le_bytes`], and how many they are; `None` for a number of
/// nine digits or more (an offset into a text of 100 MB or more). A
/// number of five digits or more is cut in two of four digits at most
/// (the lower padded with zeros).
fn digits(n: usize) -> Option<(u64, usize)> {
    if n < 10_000 {
        return Some(small_digits(n));
    }
    if n >= 100_000_000 {
        return None;
    }
    let (high, len) = small_digits(n / 10_000);
    Some((high | four_digits(n % 10_000) << (8 * len), len + 4))
}

/// [`digits`] of `n`, less than 10,000: its four digits, leading zeros
/// included, shifted down past the zeros before the first other digit
/// (all but the last for 0). Counted from the block, the zeros take no
/// test of the number's size, where one for each count of digits went
/// either way from number to number (offsets of three digits and of four
/// are about as common in news).
fn small_digits(n: usize) -> (u64, usize) {
    let block = four_digits(n);
    // The digits less '0' are zero bytes exactly where they are zeros;
    // a bit set in the last digit's byte keeps one digit of 0.
    let zeros = ((block ^ (u64::from(b'0') * ONES)) | 1 << 24).trailing_zeros() as usize / 8;
    (block >> (8 * zeros), 4 - zeros)
}

/// The four decimal digits of `n`, less than 10,000, leading zeros
/// included, in the order of [`u64::from_le_bytes`].
fn four_digits(n: usize) -> u64 {
    u64::from(PAIRS[n / 100]) | u64::from(PAIRS[n % 100]) << 16
}

/// Appends `n`, of nine digits or more, in decimal: kept out of
/// [`push_number`], whose numbers are almost always shorter.
#[cold]
fn push_long_number(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(n.to_string().as_bytes());
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

/// The raw JSON text of a record's `id`, which the reader has checked, as
/// a value that serde writes as it is.
///
/// # Panics
///
/// When `id` is not one JSON value, which the reader never gives.
pub fn raw_json(id: &str) -> &RawValue {
    serde_json::from_str(id).expect("the reader gives ids that are JSON values")
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
    use gazetteer_ner::{Entry, Extractor};

    /// `text` written by [`push_str`] after what `out` holds already,
    /// against `serde_json`.
    fn assert_written_as_serde_json_writes(text: &str) {
        let mut ours = b"x,".to_vec();
        push_str(&mut ours, text);
        let mut theirs = b"x,".to_vec();
        serde_json::to_writer(&mut theirs, text).unwrap();
        assert_eq!(
            String::from_utf8(ours),
            String::from_utf8(theirs),
            "{text:?}"
        );
    }

    #[test]
    fn strings_are_written_as_serde_json_writes_them() {
        // Every ASCII character and some of two, three and four bytes, at
        // every place in the blocks of eight and in the last few bytes.
        let chars = ('\0'..='\u{7f}').chain(['é', 'ÿ', '€', '北', '𝄞']);
        for c in chars {
            for before in 0..=16 {
                for after in [0, 1, 6, 7, 8] {
                    let text = format!("{}{c}{}", "a".repeat(before), "b".repeat(after));
                    assert_written_as_serde_json_writes(&text);
                }
            }
        }
        for text in [
            "",
            "Zürich «Straße» ü – 北京",
            "Al\nSadr\"",
            "\u{7f}\u{1f}é",
        ] {
            assert_written_as_serde_json_writes(text);
        }
    }

    #[test]
    fn every_kind_has_its_entity_head() {
        for kind in EntityKind::ALL {
            let (head, len) = entity_head(kind).expect("a kind the table knows");
            let mut written = Vec::new();
            push_entity_head(&mut written, kind);
            assert_eq!(head[..*len], written[..], "{kind}");
        }
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        let long = [99_999_999, 100_000_000, usize::MAX, usize::MAX / 7, 1 << 40];
        for n in (0..100_000)
            .chain((0..100_000_000).step_by(997))
            .chain(long)
        {
            let mut out = Vec::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string().into_bytes());
        }
        for (start, end) in [(0, 9), (10, 99), (100, 99_999_999), (12_345, 100_000_000)]
            .into_iter()
            .chain([(usize::MAX, 0), (1 << 40, 1 << 41)])
        {
            let mut out = b"x".to_vec();
            push_mention_head(&mut out, start, end);
            let expected = format!("x,{{\"start\":{start},\"end\":{end},\"text\":\"");
            assert_eq!(String::from_utf8(out).unwrap(), expected);
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
            push_record(&mut ours, file, id.map(RawValue::get), &entities);
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
