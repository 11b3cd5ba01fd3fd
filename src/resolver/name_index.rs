//! An index of a document's names that keeps its memory for the next
//! document: an entry holds where its name is spelled rather than the
//! text, so the index borrows nothing from the document. (A map keyed by
//! the texts was made anew for every document, and allocating its table
//! cost more than the look-ups in it.)

use std::borrow::Cow;
use std::ops::Range;

use super::hash_slots::HashSlots;
use crate::document::{Document, EMPTY_NAME};
use crate::tokenizer::TokenKind;

/// Where a name is spelled.
#[derive(Clone, Debug)]
pub(crate) enum Spelled {
    /// In a buffer of names written out, for names with punctuation between
    /// their words.
    Written(Range<usize>),
    /// In the document's keys, as the keys of tokens `start..end` (all
    /// words).
    Keys(usize, usize),
}

impl Spelled {
    /// Where the name key ([`Document::name_key`]) of tokens `start..end` is: in the
    /// document's keys when they are all words, one space between them;
    /// otherwise written out at the end of `written`. (Always inlined: most
    /// names are words only, settled in a few instructions, and left a
    /// call it cost 0.4% more instructions in all.)
    #[inline(always)]
    pub(crate) fn of(cx: &Document<'_>, start: usize, end: usize, written: &mut String) -> Spelled {
        if cx.tokens[start..end]
            .iter()
            .all(|t| t.kind == TokenKind::Word)
        {
            return Spelled::Keys(start, end);
        }
        let from = written.len();
        cx.name_key(start, end, written);
        Spelled::Written(from..written.len())
    }

    /// The hash of the name key of tokens `start..end` (as
    /// [`Document::name_hash`] has it) and where that key is (as
    /// [`Spelled::of`] has it), from one pass over the tokens rather than
    /// one for each.
    #[inline(always)]
    pub(crate) fn hashed(
        cx: &Document<'_>,
        start: usize,
        end: usize,
        written: &mut String,
    ) -> (u64, Spelled) {
        let mut hash = EMPTY_NAME;
        let mut words_only = true;
        for i in (start..end).rev() {
            if cx.tokens[i].kind == TokenKind::Word {
                hash = cx.fold_word(hash, i);
            } else {
                words_only = false;
            }
        }
        if words_only {
            return (hash, Spelled::Keys(start, end));
        }
        let from = written.len();
        cx.name_key(start, end, written);
        (hash, Spelled::Written(from..written.len()))
    }

    /// Whether this name and `other` are spelled alike, `written` being the
    /// buffer of names written out. Two names in the document's keys of as
    /// many words, each with the key of the other's word in its place, are:
    /// their keys are joined alike. Others are compared as texts, which the
    /// keys of a long name may have to be written out for.
    pub(crate) fn same(&self, other: &Spelled, cx: &Document<'_>, written: &str) -> bool {
        if let (&Spelled::Keys(start, end), &Spelled::Keys(other_start, other_end)) = (self, other)
            && end - start == other_end - other_start
            && (0..end - start).all(|k| cx.keys.bytes(start + k) == cx.keys.bytes(other_start + k))
        {
            return true;
        }
        self.text(cx, written) == other.text(cx, written)
    }

    /// The name, `written` being the buffer of names written out.
    pub(crate) fn text<'a>(&self, cx: &Document<'a>, written: &'a str) -> Cow<'a, str> {
        match *self {
            Spelled::Written(ref range) => Cow::Borrowed(&written[range.clone()]),
            Spelled::Keys(start, end) => cx.keys.span(start, end),
        }
    }
}

/// Names by the hashes of their keys (see [`Document::name_hash`]), each with
/// a value. Names that share a hash are told apart by their texts, which
/// callers compare (see [`NameIndex::find`]).
pub(crate) struct NameIndex<V> {
    /// The latest entry of each hash.
    by_hash: HashSlots,
    /// Each name: its spelling, its value, and the entry before it with the
    /// same hash.
    entries: Vec<(Spelled, V, Option<u32>)>,
}

impl<V> Default for NameIndex<V> {
    fn default() -> Self {
        NameIndex {
            by_hash: HashSlots::default(),
            entries: Vec::new(),
        }
    }
}

impl<V> NameIndex<V> {
    /// Empties the index, keeping its memory, for at most `most` names
    /// (more cost a regrowth).
    pub(crate) fn reset(&mut self, most: usize) {
        self.by_hash.reset(most);
        self.entries.clear();
    }

    /// The entry with hash `hash` that `is` takes for the one sought.
    pub(crate) fn find(
        &self,
        hash: u64,
        mut is: impl FnMut(&Spelled, &V) -> bool,
    ) -> Option<usize> {
        let mut at = self.by_hash.get(hash);
        while let Some(i) = at {
            let (spelled, value, before) = &self.entries[i as usize];
            if is(spelled, value) {
                return Some(i as usize);
            }
            at = *before;
        }
        None
    }

    /// The value of entry `i`.
    pub(crate) fn value(&self, i: usize) -> &V {
        &self.entries[i].1
    }

    /// The value of entry `i`, to change.
    pub(crate) fn value_mut(&mut self, i: usize) -> &mut V {
        &mut self.entries[i].1
    }

    /// Adds a name that [`NameIndex::find`] did not find.
    pub(crate) fn insert(&mut self, hash: u64, spelled: Spelled, value: V) {
        // As many entries as tokens at most, which are fewer than 2^32.
        let before = self.by_hash.insert(hash, self.entries.len() as u32);
        self.entries.push((spelled, value, before));
    }
}
