//! Text read from bytes as given, and the way back to those bytes.
//!
//! The extractor reads a `&str`, so some inputs are changed on the way in:
//! with `--lossy`, each invalid UTF-8 sequence (one to three bytes) becomes
//! U+FFFD (three bytes), and a byte-order mark at the start of a document
//! is dropped. The offsets the extractor reports then refer to the text it
//! read; an [`OffsetMap`] takes them back to the bytes as given, so that
//! every `start` and `end` the CLI prints points into its input.
//!
//! A mention's `text` stays the text the extractor read: where the span
//! `start..end` of the input is valid UTF-8 (always, for a mention that
//! touches no replaced sequence) it equals those bytes; otherwise each
//! invalid sequence in it reads U+FFFD.

use gazetteer_ner::Entity;

/// Where offsets into a text read from some bytes fall in those bytes.
///
/// The map holds the points where the difference between the two changes:
/// after each replaced sequence. Before the first point they are equal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(text offset, input offset)`, both increasing.
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Forgets every point: offsets map to themselves.
    pub fn clear(&mut self) {
        self.points.clear();
    }

    /// Records that the text offset `text` is the input offset `input`, as
    /// are the offsets after it, one for one, up to the next point.
    pub fn point(&mut self, text: usize, input: usize) {
        let shift = |&(t, i): &(usize, usize)| i.wrapping_sub(t);
        if self.points.last().map_or(0, shift) != input.wrapping_sub(text) {
            self.points.push((text, input));
        }
    }

    /// The input offset of a text offset (one on a character boundary of
    /// the text, as every mention's are).
    pub fn to_input(&self, offset: usize) -> usize {
        match self.points.partition_point(|&(text, _)| text <= offset) {
            0 => offset,
            after => {
                let (text, input) = self.points[after - 1];
                input + (offset - text)
            }
        }
    }

    /// Moves every mention's `start` and `end` from the text to the input.
    pub fn apply(&self, entities: &mut [Entity]) {
        if self.points.is_empty() {
            return;
        }
        for mention in entities.iter_mut().flat_map(|e| &mut e.mentions) {
            mention.start = self.to_input(mention.start);
            mention.end = self.to_input(mention.end);
        }
    }
}

/// Appends `bytes` to `out` with each invalid UTF-8 sequence replaced by
/// U+FFFD, as `String::from_utf8_lossy` replaces them, and records the
/// shifts in `map`; `out` holds the text from its start, `input` is the
/// input offset of `bytes[0]`. Returns the input offset after `bytes`.
pub fn push_lossy(bytes: &[u8], mut input: usize, out: &mut String, map: &mut OffsetMap) -> usize {
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        input += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            out.push(char::REPLACEMENT_CHARACTER);
            input += chunk.invalid().len();
            map.point(out.len(), input);
        }
    }
    input
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_after_each_replacement_shift_by_its_difference() {
        // "a", one invalid byte, "bc", a truncated three-byte sequence, "d".
        let bytes = b"a\xffbc\xe2\x82d";
        let mut text = String::new();
        let mut map = OffsetMap::default();
        assert_eq!(push_lossy(bytes, 0, &mut text, &mut map), bytes.len());
        assert_eq!(text, "a\u{fffd}bc\u{fffd}d");
        let input_of = |needle: &str| map.to_input(text.find(needle).unwrap());
        assert_eq!(input_of("a"), 0);
        assert_eq!(input_of("bc"), 2);
        assert_eq!(input_of("d"), 6);
        assert_eq!(map.to_input(text.len()), bytes.len());
    }

    #[test]
    fn valid_text_maps_to_itself_with_no_point() {
        let mut text = String::new();
        let mut map = OffsetMap::default();
        push_lossy("Basra é".as_bytes(), 0, &mut text, &mut map);
        assert_eq!(map, OffsetMap::default());
        assert_eq!(map.to_input(3), 3);
    }

    #[test]
    fn a_point_that_keeps_the_shift_is_not_stored() {
        let mut map = OffsetMap::default();
        map.point(0, 3);
        map.point(5, 8);
        map.point(9, 10);
        assert_eq!(map.points, [(0, 3), (9, 10)]);
        assert_eq!(map.to_input(7), 10);
        assert_eq!(map.to_input(12), 13);
    }
}
