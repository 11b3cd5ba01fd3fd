//! `--offsets bytes|chars|utf16`: the unit of `start` and `end` in the JSON
//! outputs.
//!
//! The extractor gives UTF-8 byte offsets into the text it read. `chars`
//! counts Unicode code points instead (Python's `str` indices), `utf16`
//! UTF-16 code units (JavaScript's and Java's), both counted in the text as
//! read: a byte-order mark the CLI skipped counts as one, and with
//! `--lossy` each replaced sequence as the one U+FFFD it became (as
//! Python's `errors="replace"` reads it).

use clap::ValueEnum;
use gazetteer_ner::Entity;

/// The values of `--offsets`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Offsets {
    /// UTF-8 bytes (Rust's `&str` and Go's indices).
    #[default]
    Bytes,
    /// Unicode code points (Python's `str` indices).
    Chars,
    /// UTF-16 code units (JavaScript's and Java's string indices).
    Utf16,
}

impl Offsets {
    /// The length of `c` in this unit.
    fn len(self, c: char) -> usize {
        match self {
            Offsets::Bytes => c.len_utf8(),
            Offsets::Chars => 1,
            Offsets::Utf16 => c.len_utf16(),
        }
    }

    /// Turns the byte offsets into `text` of every mention into offsets in
    /// this unit, counted from `base` (what comes before `text` in the
    /// input, in this unit).
    pub fn convert(self, entities: &mut [Entity], text: &str, base: usize) {
        let mentions = || entities.iter().flat_map(|e| &e.mentions);
        let table = self.table(text, base, mentions().flat_map(|m| [m.start, m.end]));
        for mention in entities.iter_mut().flat_map(|e| &mut e.mentions) {
            mention.start = table.get(mention.start);
            mention.end = table.get(mention.end);
        }
    }

    /// The offsets in this unit (counted from `base`) of `offsets`, byte
    /// offsets into `text` on its character boundaries, in any order.
    pub fn table(self, text: &str, base: usize, offsets: impl IntoIterator<Item = usize>) -> Table {
        let mut bytes: Vec<usize> = offsets.into_iter().collect();
        bytes.sort_unstable();
        bytes.dedup();
        // One pass over the text, converting the offsets in order.
        let mut units = Vec::with_capacity(bytes.len());
        let (mut byte, mut unit) = (0, base);
        let mut chars = text.chars();
        for &offset in &bytes {
            while byte < offset {
                let c = chars.next().expect("an offset inside the text");
                byte += c.len_utf8();
                unit += self.len(c);
            }
            units.push(unit);
        }
        Table { bytes, units }
    }
}

/// Byte offsets and the same offsets in another unit.
pub struct Table {
    bytes: Vec<usize>,
    units: Vec<usize>,
}

impl Table {
    /// The offset in the table's unit of `byte`, one of those it was made
    /// for.
    pub fn get(&self, byte: usize) -> usize {
        self.units[self
            .bytes
            .binary_search(&byte)
            .expect("an offset of the table")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazetteer_ner::{EntityKind, Entry, Extractor};

    #[test]
    fn offsets_count_code_points_or_utf16_units() {
        let text = "😀 Zürich 𝄞 and Zürich";
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .entry(Entry::new(EntityKind::Place, "Zürich"))
            .build()
            .unwrap();
        let spans = |unit: Offsets, base| {
            let mut entities = extractor.extract(text);
            unit.convert(&mut entities, text, base);
            entities[0]
                .mentions
                .iter()
                .map(|m| (m.start, m.end))
                .collect::<Vec<_>>()
        };
        assert_eq!(spans(Offsets::Bytes, 0), [(5, 12), (22, 29)]);
        assert_eq!(spans(Offsets::Chars, 0), [(2, 8), (15, 21)]);
        assert_eq!(spans(Offsets::Utf16, 0), [(3, 9), (17, 23)]);
        assert_eq!(spans(Offsets::Chars, 1), [(3, 9), (16, 22)]);
    }
}
