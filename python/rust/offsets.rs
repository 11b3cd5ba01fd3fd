//! Python string indices for the library's byte offsets.
//!
//! The library reports UTF-8 byte offsets; a Python `str` is indexed by
//! code point. This is the one place that converts between them, kept as a
//! single function over the library's own types so that it can move into
//! the library unchanged.

use gazetteer_ner::Entity;

/// The code-point offsets of every mention of `entities`, found in `text`:
/// one `(start, end)` per mention, entity by entity and mention by mention,
/// so that slicing a Python `str` holding `text` with them gives each
/// mention's text.
///
/// Every byte offset must lie on a character boundary of `text` (the
/// library guarantees it for its mentions). The text is read once, however
/// many mentions there are; an ASCII text is not read beyond its ASCII test.
pub fn char_spans(text: &str, entities: &[Entity]) -> Vec<Vec<(usize, usize)>> {
    let mut spans: Vec<Vec<(usize, usize)>> = entities
        .iter()
        .map(|e| e.mentions.iter().map(|m| (m.start, m.end)).collect())
        .collect();
    if text.is_ascii() {
        return spans;
    }
    // Every offset, with where it goes back to, in text order.
    let mut offsets: Vec<(usize, usize, usize, bool)> = spans
        .iter()
        .enumerate()
        .flat_map(|(e, mentions)| {
            mentions
                .iter()
                .enumerate()
                .flat_map(move |(m, &(start, end))| [(start, e, m, false), (end, e, m, true)])
        })
        .collect();
    offsets.sort_unstable();
    let bytes = text.as_bytes();
    let (mut byte, mut chars) = (0, 0);
    for (offset, e, m, is_end) in offsets {
        // A code point starts at every byte that is not a UTF-8
        // continuation byte (0b10xx_xxxx).
        chars += bytes[byte..offset]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        byte = offset;
        let span = &mut spans[e][m];
        if is_end {
            span.1 = chars;
        } else {
            span.0 = chars;
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks that the code-point spans slice the text, as a Python `str`
    /// would be sliced, to every mention's text.
    fn assert_spans_slice_to_mentions(text: &str) {
        let entities = gazetteer_ner::extract(text);
        assert!(!entities.is_empty(), "no entity in {text:?}");
        let chars: Vec<char> = text.chars().collect();
        for (entity, spans) in entities.iter().zip(char_spans(text, &entities)) {
            assert_eq!(entity.mentions.len(), spans.len());
            for (mention, (start, end)) in entity.mentions.iter().zip(spans) {
                let sliced: String = chars[start..end].iter().collect();
                assert_eq!(sliced, mention.text, "in {text:?}");
            }
        }
    }

    #[test]
    fn ascii_offsets_are_the_byte_offsets() {
        let text = "Talks in Baghdad. Iran said Baghdad.";
        let entities = gazetteer_ner::extract(text);
        let spans = char_spans(text, &entities);
        for (entity, spans) in entities.iter().zip(spans) {
            let bytes: Vec<_> = entity.mentions.iter().map(|m| (m.start, m.end)).collect();
            assert_eq!(spans, bytes);
        }
        assert_spans_slice_to_mentions(text);
    }

    #[test]
    fn accents_emoji_and_wide_characters_shift_the_offsets() {
        let text =
            "Café 😀 talks: Moqtada Al Sadr went to Baghdad. «Sadr» left Zürich 東京 for Iraq.";
        let entities = gazetteer_ner::extract(text);
        let baghdad = entities.iter().find(|e| e.name == "Baghdad").unwrap();
        let byte_start = baghdad.mentions[0].start;
        let spans = char_spans(text, &entities);
        let index = entities.iter().position(|e| e.name == "Baghdad").unwrap();
        assert_eq!(spans[index][0].0, text[..byte_start].chars().count());
        assert!(spans[index][0].0 < byte_start);
        assert_spans_slice_to_mentions(text);
    }

    #[test]
    fn no_entities_no_spans() {
        assert!(char_spans("é", &[]).is_empty());
    }
}
