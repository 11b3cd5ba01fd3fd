//! Long texts in windows: where a visible text longer than the window is
//! cut, and how the entities found in each window are joined into the
//! entities of the whole text.
//!
//! Every stage works on one window at a time, so that the memory a text
//! needs beyond its own size and its entities stays bounded by the window,
//! and the tokens, keys and candidates of a window stay in the caches
//! while the stages pass over them. A window ends at the last blank line
//! before its limit; where a paragraph is longer than the window, at the
//! last line break, then the last sentence end, then the last white space;
//! and where a stretch that long holds no white space at all, at the
//! limit, which may split a word.
//!
//! The entities of the windows are joined by the resolver's first two
//! merges only: two entities of different windows are one when they have
//! the same gazetteer entry, or when a mention of one spells a name of the
//! other with the same kind ("Baghdad" … "Baghdad"). What the resolver
//! finds across a document beyond that stays within a window: alias
//! merges ("Moqtada Al Sadr" … "Sadr"), propagation of names and acronyms
//! to later bare uses, acronym definitions, and the vote on whether a town
//! in a sports report is its team.

use std::ops::Range;

use crate::document::Document;
use crate::hash::NameMap;
use crate::markup::Visible;
use crate::resolver::name_index::Spelled;
use crate::resolver::{self, Resolved};
use crate::tokenizer::TokenKind;
use crate::{Entity, EntityKind, Mention};

/// The windows of `text` for windows of at most `size` bytes (at least
/// one character each), in order: byte ranges that cover the text, one
/// after the other.
///
/// ```text
/// "First paragraph.\n\nSecond one.\nIts second line."  (size 30)
///  ├──── window 1 ────┤├─────── window 2 ───────────┤
/// ```
///
/// Each window after the first starts with the line break (or white
/// space) it was cut at, so that its first token has the same position
/// facts (a line start, white space before) as in the whole text.
pub(crate) fn windows(text: &str, size: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = if text.len() - start <= size {
            text.len()
        } else {
            cut(text, start, size)
        };
        let window = start..end;
        start = end;
        Some(window)
    })
}

/// Where the window that starts at `start` ends, the text after it being
/// longer than `size` bytes: the best cut after `start` and at most `size`
/// bytes from it, found in one pass back from the limit that stops at the
/// first blank line.
fn cut(text: &str, start: usize, size: usize) -> usize {
    let bytes = text.as_bytes();
    let mut limit = start + size.max(1);
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    if limit == start {
        // A window of less than one character: take the character.
        return start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    // The last line break, sentence end and white space a cut may fall
    // before (any byte after the window's first, up to the limit).
    let (mut line, mut sentence, mut white) = (None, None, None);
    for i in (start + 1..=limit.min(bytes.len() - 1)).rev() {
        let b = bytes[i];
        if !b.is_ascii_whitespace() {
            continue;
        }
        if b == b'\n' || b == b'\r' {
            let at = line_break_start(bytes, i);
            if at > start && follows_blank_line(bytes, start, at) {
                return at;
            }
            if at > start {
                line.get_or_insert(at);
            }
        }
        if matches!(bytes[i - 1], b'.' | b'!' | b'?') {
            sentence.get_or_insert(i);
        }
        white.get_or_insert(i);
    }
    line.or(sentence).or(white).unwrap_or(limit)
}

/// Where the line break whose byte at `i` is a `\n` or `\r` begins: a
/// `\r\n` is one line break, cut before its `\r`.
fn line_break_start(bytes: &[u8], i: usize) -> usize {
    if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
        i - 1
    } else {
        i
    }
}

/// Whether the line break that begins at `b` ends a blank line: one with
/// nothing but spaces and tabs after a line break at or after `start`.
fn follows_blank_line(bytes: &[u8], start: usize, b: usize) -> bool {
    let mut i = b;
    while i > start && matches!(bytes[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i > start && matches!(bytes[i - 1], b'\n' | b'\r')
}

/// The entities of the windows of one text, joined as they come.
///
/// Each window's entity is a part; parts that share an entry or a name
/// (with its kind) are joined, transitively, in a union-find over the
/// parts.
#[derive(Default)]
pub(crate) struct Joined {
    parts: Vec<Part>,
    /// The part each part was joined to (itself at a root).
    parent: Vec<usize>,
    /// Every part's mentions, part after part, as byte ranges of the
    /// visible text.
    mentions: Vec<(usize, usize)>,
    /// A part of each gazetteer entry.
    by_entry: NameMap<u32, usize>,
    /// A part of each kind and name.
    by_name: Names,
    /// Every part's name, part after part: a name is copied into a string
    /// of its own only for the part that names an entity.
    names: String,
}

/// One window's entity.
struct Part {
    kind: EntityKind,
    entry: Option<u32>,
    /// Where its name is in [`Joined::names`].
    name: Range<usize>,
    /// The most words in a mention: how complete a name `name` is.
    words: usize,
    /// Where its mentions are in [`Joined::mentions`].
    mentions: Range<usize>,
}

/// The names of the parts (their name keys, see [`Spelled`]) with
/// their kinds, each with the first part that has it, by the hash the
/// resolver gives a name of a kind: the keys are written one after the
/// other in one string, so that an entry costs no allocation of its own.
#[derive(Default)]
struct Names {
    /// The latest entry of each hash.
    by_hash: NameMap<u64, usize>,
    /// Each name: its kind, where its key is in `keys`, its part, and the
    /// entry before it with the same hash.
    entries: Vec<(EntityKind, Range<usize>, usize, Option<usize>)>,
    keys: String,
}

impl Names {
    /// The part that has the name `key` of kind `kind`, hashed `hash`; if
    /// none has it yet, it becomes `part`'s.
    fn part_of(&mut self, kind: EntityKind, key: &str, hash: u64, part: usize) -> Option<usize> {
        let mut at = self.by_hash.get(&hash).copied();
        while let Some(i) = at {
            let (k, ref range, other, before) = self.entries[i];
            if k == kind && &self.keys[range.clone()] == key {
                return Some(other);
            }
            at = before;
        }
        let start = self.keys.len();
        self.keys.push_str(key);
        let before = self.by_hash.insert(hash, self.entries.len());
        self.entries
            .push((kind, start..self.keys.len(), part, before));
        None
    }
}

impl Joined {
    /// Adds the entities a window of the visible text, starting at byte
    /// `offset`, resolved to. Their mention vectors go back to `memory`.
    pub(crate) fn add(
        &mut self,
        cx: &Document<'_>,
        offset: usize,
        mut resolved: Vec<Resolved<'_>>,
        memory: &mut resolver::Memory,
    ) {
        let mut written = String::new();
        // The names of the entity's mentions looked up so far, by hash:
        // an entity names itself the same way again and again, and a
        // spelling looked up once is joined already.
        let mut seen: Vec<(u64, Spelled)> = Vec::new();
        for r in resolved.drain(..) {
            let index = self.parts.len();
            self.parent.push(index);
            if let Some(entry) = r.entry {
                match self.by_entry.get(&entry) {
                    Some(&other) => self.union(index, other),
                    None => {
                        self.by_entry.insert(entry, index);
                    }
                }
            }
            let mut words = 0;
            let first = self.mentions.len();
            written.clear();
            seen.clear();
            for &(s, e) in &r.mentions {
                self.mentions.push((
                    offset + cx.tokens[s].start(),
                    offset + cx.tokens[e - 1].end(),
                ));
                let count = cx.tokens[s..e]
                    .iter()
                    .filter(|t| t.kind == TokenKind::Word)
                    .count();
                words = words.max(count);
                // Hashed and spelled as the resolver's same-name merge
                // does.
                let from = written.len();
                let (hash, spelled) = Spelled::hashed(cx, s, e, &mut written);
                let key = spelled.text(cx, &written);
                if seen
                    .iter()
                    .any(|(h, other)| *h == hash && other.text(cx, &written) == key)
                {
                    written.truncate(from);
                    continue;
                }
                if let Some(other) = self
                    .by_name
                    .part_of(r.kind, &key, hash ^ r.kind as u64, index)
                {
                    self.union(index, other);
                }
                seen.push((hash, spelled));
            }
            memory.give_back(r.mentions);
            let name_start = self.names.len();
            self.names.push_str(&r.name);
            self.parts.push(Part {
                kind: r.kind,
                entry: r.entry,
                name: name_start..self.names.len(),
                words,
                mentions: first..self.mentions.len(),
            });
        }
        memory.give_back_resolved(resolved);
    }

    /// The root of part `i`'s set, halving the path there.
    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins the sets of parts `a` and `b`; the root is the earlier part.
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        let (first, second) = (a.min(b), a.max(b));
        self.parent[second] = first;
    }

    /// The entities of the whole text, `input` being the text as given and
    /// `visible` what the stages read of it: in order of first mention,
    /// mentions in text order, each named as the first of its parts with
    /// an entry is (by the entry), or else as the first of its parts with
    /// the most words in a mention.
    pub(crate) fn into_entities(mut self, input: &str, visible: &Visible<'_>) -> Vec<Entity> {
        // Parts come in text order of their first mentions, and a set's
        // root is its first part, so the sets come in order of their
        // roots, and a part's root comes before it. A first pass finds
        // each part's entity, its name and its number of mentions.
        let mut entity_of = vec![usize::MAX; self.parts.len()];
        // For each entity: its first part (whose kind it has), its first
        // part with an entry and its first part with the most words (the
        // candidates for its name), and its number of mentions.
        let mut entities: Vec<(usize, Option<usize>, usize, usize)> = Vec::new();
        for index in 0..self.parts.len() {
            let root = self.root(index);
            if root == index {
                entity_of[index] = entities.len();
                entities.push((index, None, index, 0));
            }
            entity_of[index] = entity_of[root];
            let part = &self.parts[index];
            let (_, entry_part, most_words, count) = &mut entities[entity_of[index]];
            if entry_part.is_none() && part.entry.is_some() {
                *entry_part = Some(index);
            }
            if part.words > self.parts[*most_words].words {
                *most_words = index;
            }
            *count += part.mentions.len();
        }
        let mut made: Vec<Entity> = entities
            .into_iter()
            .map(|(first, entry_part, most_words, count)| Entity {
                kind: self.parts[first].kind,
                name: self.names[self.parts[entry_part.unwrap_or(most_words)].name.clone()]
                    .to_string(),
                mentions: Vec::with_capacity(count),
            })
            .collect();
        for (part, &entity) in self.parts.iter().zip(&entity_of) {
            let mentions = self.mentions[part.mentions.clone()].iter();
            made[entity].mentions.extend(mentions.map(|&(s, e)| {
                let (start, end) = visible.to_input(s, e);
                Mention {
                    start,
                    end,
                    text: input[start..end].to_string(),
                    why: None,
                }
            }));
        }
        // Two entities of one window may be joined through a third of
        // another (by two of its names): their mentions, part after part,
        // then interleave. Mentions of different entities of a window
        // never overlap, so their starts put them in order.
        for entity in &mut made {
            if !entity.mentions.is_sorted_by_key(|m| m.start) {
                entity.mentions.sort_unstable_by_key(|m| m.start);
            }
        }
        made
    }
}

#[cfg(test)]
mod tests {
    use super::windows;
    use crate::Extractor;

    fn cut(text: &str, size: usize) -> Vec<&str> {
        windows(text, size).map(|w| &text[w]).collect()
    }

    #[test]
    fn a_short_text_is_one_window() {
        assert_eq!(cut("Talks in Baghdad.", 17), ["Talks in Baghdad."]);
        assert!(cut("", 10).is_empty());
    }

    #[test]
    fn cuts_at_the_last_blank_line_then_line_break_sentence_end_and_space() {
        assert_eq!(
            cut("One.\n\nTwo.\n\nThree x.\nFour.", 16),
            ["One.\n\nTwo.\n", "\nThree x.\nFour."]
        );
        assert_eq!(cut("A b.\r\n\r\nC d.", 9), ["A b.\r\n", "\r\nC d."]);
        assert_eq!(cut("A blank\n \t\nline", 12), ["A blank\n \t", "\nline"]);
        assert_eq!(
            cut("One line.\nTwo. Three", 14),
            ["One line.", "\nTwo. Three"]
        );
        assert_eq!(
            cut("One. Two three four", 12),
            ["One.", " Two three", " four"]
        );
        assert_eq!(cut("One two three", 9), ["One two", " three"]);
        assert_eq!(cut("Onetwothree", 4), ["Onet", "woth", "ree"]);
    }

    #[test]
    fn windows_hold_whole_characters() {
        assert_eq!(cut("ééé", 3), ["é", "é", "é"]);
        assert_eq!(cut("😀x", 1), ["😀", "x"]);
    }

    proptest::proptest! {
        #[test]
        fn windows_cover_the_text_in_order_within_their_size(
            text in "([A-Za-z .!?\n\r\t]|é|😀){0,200}",
            size in 1usize..40,
        ) {
            let mut next = 0;
            for window in windows(&text, size) {
                proptest::prop_assert_eq!(window.start, next);
                proptest::prop_assert!(window.end > window.start);
                let len = window.end - window.start;
                let first = text[window.clone()].chars().next().unwrap().len_utf8();
                proptest::prop_assert!(len <= size.max(first), "{:?}", window);
                next = window.end;
            }
            proptest::prop_assert_eq!(next, text.len());
        }
    }

    /// Paragraphs of news-like sentences, some with names that recur.
    fn news(paragraphs: usize) -> String {
        const SENTENCES: &[&str] = &[
            "Moqtada Al Sadr spoke in Baghdad on Monday.",
            "Mr Sadr said the Popular Mobilisation Forces (PMF) would stay.",
            "The PMF and the United Nations met in Basra.",
            "Talks in Geneva went on, officials of the UN said.",
            "Jane Smith of Acme Widgets Ltd flew to Mosul.",
            "Baghdad and Basra traded goods.",
            "Later Smith left for Amman,\nwhere talks went on.",
        ];
        let mut text = String::new();
        for p in 0..paragraphs {
            if p > 0 {
                text.push_str("\n\n");
            }
            for k in 0..1 + p % 3 {
                if k > 0 {
                    text.push(' ');
                }
                text.push_str(SENTENCES[(p * 3 + k) % SENTENCES.len()]);
            }
        }
        text
    }

    #[test]
    fn windows_find_what_each_window_finds_alone_and_join_it() {
        let whole = Extractor::builder().build().unwrap();
        let text = news(30);
        for size in [60, 150, 400, 1000] {
            let windowed = whole.with_window_size(size);
            let entities = windowed.extract(&text);
            // Every window's own entities, each a set of mention spans.
            let mut alone: Vec<Vec<(usize, usize)>> = Vec::new();
            for w in windows(&text, size) {
                for e in whole.extract(&text[w.clone()]) {
                    let spans = e
                        .mentions
                        .iter()
                        .map(|m| (w.start + m.start, w.start + m.end));
                    alone.push(spans.collect());
                }
            }
            let mut all: Vec<(usize, usize)> = alone.iter().flatten().copied().collect();
            all.sort_unstable();
            let mut found: Vec<(usize, usize)> = entities
                .iter()
                .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
                .collect();
            found.sort_unstable();
            assert_eq!(found, all, "window size {size}");
            // Each window's entity lies within one entity of the text.
            for spans in &alone {
                let holder = entities
                    .iter()
                    .position(|e| e.mentions.iter().any(|m| (m.start, m.end) == spans[0]));
                let holder = &entities[holder.unwrap()];
                assert!(
                    spans
                        .iter()
                        .all(|s| holder.mentions.iter().any(|m| (m.start, m.end) == *s))
                );
            }
            // In order of first mention, mentions in order.
            assert!(
                entities
                    .windows(2)
                    .all(|p| p[0].mentions[0].start < p[1].mentions[0].start)
            );
            assert!(
                entities
                    .iter()
                    .all(|e| e.mentions.windows(2).all(|p| p[0].end <= p[1].start))
            );
            // Baghdad, in many windows, is one entity.
            let baghdad: Vec<_> = entities.iter().filter(|e| e.name == "Baghdad").collect();
            assert_eq!(baghdad.len(), 1, "window size {size}");
            assert_eq!(baghdad[0].mentions.len(), text.matches("Baghdad").count());
        }
    }
}
