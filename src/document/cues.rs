//! The words that rules read as evidence: titles, designators and the small
//! words that may sit inside a name, in one index by their keys.
//!
//! The index is compiled by the build script (see [`super::cue_index`])
//! into statics: a process reads it where it lies, building nothing.

use std::num::NonZeroU16;

use super::cue_index::{FILTER_BITS, NO_WORD, SLOTS, filter_place, filter_word, slot};
use super::designators::DESIGNATORS;
pub(crate) use super::designators::{Designator, Position};
use crate::hash::{SHORT_KEY_BYTES, ShortKey, hash_key};
use crate::tokenizer::Keys;

/// What the cue lists say about one word, looked up by its lower-cased key.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cue {
    /// A title when capitalised ("Mr", "President").
    pub title: bool,
    /// A role word when written in lower case ("cleric").
    pub role: bool,
    /// A connector inside any name when written in lower case ("al").
    pub connector: bool,
    /// A connector inside the names of bodies and places ("of").
    pub body_connector: bool,
    /// A particle that is never a name alone, in any case ("Al", "bin").
    pub particle: bool,
    /// A determiner, in any case ("the").
    pub determiner: bool,
    /// A sports term ("innings", "league").
    pub sports: bool,
    /// A word of competition next to a team's name ("beat", "against").
    pub competing: bool,
    /// The designators spelled this way, in the order of the designator
    /// list.
    pub designators: &'static [&'static Designator],
}

impl Cue {
    /// The designators of this word at `position`.
    pub fn designators(&self, position: Position) -> impl Iterator<Item = &'static Designator> {
        self.designators
            .iter()
            .copied()
            .filter(move |d| d.position == position)
    }
}

// The index: `WORDS`, `FIRST` and `FILTER` (see [`CueIndex`]), which
// the build script compiles from the lists (see [`super::cue_index`]).
include!(concat!(env!("OUT_DIR"), "/cue_index.rs"));

/// The cues of a lower-cased key, if it is a cue word.
pub(crate) fn lookup(key: &str) -> Option<&'static Cue> {
    CueIndex::get(key, hash_key(key))
}

/// The cue index, for the questions asked of every token.
#[derive(Clone, Copy)]
pub(crate) struct Cues;

impl Cues {
    /// The cue index.
    pub fn get() -> Cues {
        Cues
    }

    /// Whether the word of this key hash may be a cue word: false for
    /// nearly every other word, and always true for cue words.
    #[inline]
    pub fn may_hold(self, hash: u64) -> bool {
        FILTER[filter_word(hash)] >> filter_place(hash) & 1 != 0
    }

    /// [`lookup`] for token `i` of a text, whose key's hash is known: the
    /// place of its cues in the index (see [`Cues::cue`]).
    #[inline]
    pub fn lookup_token(self, keys: &Keys, i: usize) -> Option<CueId> {
        let short = keys.short(i);
        CueIndex::find(keys.hash(i), |word| {
            word.short == short
                && (short.len() <= SHORT_KEY_BYTES || word.key.as_bytes() == keys.bytes(i))
        })
        .map(CueId::of)
    }

    /// The cues at `id` in the index.
    #[inline]
    pub fn cue(self, id: CueId) -> &'static Cue {
        &WORDS[id.index()].cue
    }
}

/// The place of a cue word in the index: two bytes, where a reference to
/// its cues takes eight, so that what the document keeps for each token
/// (see `words::Facts`) fits in eight bytes. No place is zero, so that
/// `Option<CueId>` is two bytes, zero for none.
#[derive(Clone, Copy)]
pub(crate) struct CueId(NonZeroU16);

impl CueId {
    /// The place of the word at `index` of `WORDS`.
    fn of(index: u16) -> CueId {
        // Fewer than 65,535 cue words (see `cue_index::source`): the
        // index plus one is neither zero nor past the largest `u16`.
        CueId(NonZeroU16::MIN.saturating_add(index))
    }

    /// Its index in `WORDS`.
    fn index(self) -> usize {
        usize::from(self.0.get() - 1)
    }
}

/// The one look-up structure of the cue words: a hash table of [`SLOTS`]
/// slots by their keys' hashes ([`hash_key`]), with a filter of as many
/// bits, a bit for each cue word, small enough to stay in cache. Whether a
/// token may be a cue word is one bit of the filter, asked of every word
/// without a branch on the answer (a fifth of a text's words are cue
/// words, so a branch would be mispredicted often); only a word whose bit
/// is set has its key compared with the words of its slot. The filter's
/// bit is not the slot's: it is read from other bits of the hash (see
/// [`filter_place`]), which the test of every token shares with the
/// filter of the words that start a form.
///
/// Its three arrays are statics compiled by the build script: `FILTER`,
/// [`FILTER_BITS`] bits; `FIRST`, each slot's first word, as an index into
/// `WORDS`; and `WORDS`, every cue word's key and cues, and the next word
/// of its slot. Arrays of a fixed length, so that a masked slot needs no
/// bounds check: asked about every token, the check cost more than the
/// look-up.
struct CueIndex;

/// A cue word in the [`CueIndex`].
struct CueWord {
    key: &'static str,
    /// The key as one block, which a token's key is compared with.
    short: ShortKey,
    cue: Cue,
    /// The next word in the same slot, or [`NO_WORD`].
    next: u16,
}

impl CueIndex {
    /// The cues of a key whose hash ([`hash_key`]) is `hash`.
    #[inline]
    fn get(key: &str, hash: u64) -> Option<&'static Cue> {
        CueIndex::find(hash, |word| word.key == key).map(|i| &WORDS[usize::from(i)].cue)
    }

    /// The index in `WORDS` of the word of the slot of `hash` that
    /// `is_key` accepts.
    #[inline]
    fn find(hash: u64, is_key: impl Fn(&CueWord) -> bool) -> Option<u16> {
        let mut i = FIRST[slot(hash)];
        while i != NO_WORD {
            let word = &WORDS[usize::from(i)];
            if is_key(word) {
                return Some(i);
            }
            i = word.next;
        }
        None
    }
}

/// Whether a lower-cased key is a particle.
pub(crate) fn is_particle(key: &str) -> bool {
    lookup(key).is_some_and(|c| c.particle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_index_is_what_the_lists_give() {
        let compiled = include_str!(concat!(env!("OUT_DIR"), "/cue_index.rs"));
        assert!(
            compiled == super::super::cue_index::source(),
            "build.rs is out of step"
        );
    }

    #[test]
    fn index_finds_every_cue_word_and_no_other() {
        let cues = Cues::get();
        for CueWord { key, cue, .. } in &WORDS {
            assert!(cues.may_hold(hash_key(key)), "{key}");
            assert!(std::ptr::eq(
                CueIndex::get(key, hash_key(key)).unwrap(),
                cue
            ));
        }
        for key in ["baghdad", "mrs.", "", "provinces"] {
            assert!(CueIndex::get(key, hash_key(key)).is_none(), "{key}");
        }
        // Few words that are no cue word get past `may_hold`.
        let passed = (0..10_000)
            .filter(|i| cues.may_hold(hash_key(&format!("other{i}"))))
            .count();
        assert!(passed < 500, "{passed} of 10,000");
    }

    #[test]
    fn a_token_is_looked_up_as_its_key_is() {
        let text = "The President of the Ba'ath in Nineveh Province said";
        let tokens = crate::tokenizer::tokenize(text);
        let keys = Keys::new(text, &tokens);
        let cues = Cues::get();
        for i in 0..tokens.len() {
            let by_key = lookup(keys.get(i)).map(std::ptr::from_ref);
            assert_eq!(
                cues.lookup_token(&keys, i)
                    .map(|id| std::ptr::from_ref(cues.cue(id))),
                by_key,
                "{i}"
            );
        }
        assert!(
            cues.lookup_token(&keys, 1)
                .is_some_and(|id| cues.cue(id).title)
        );
    }

    #[test]
    fn table_holds_every_list() {
        assert!(lookup("mr").unwrap().title);
        assert!(lookup("cleric").unwrap().role);
        assert!(lookup("al").unwrap().particle && lookup("al").unwrap().connector);
        assert!(lookup("of").unwrap().body_connector);
        assert!(lookup("the").unwrap().determiner);
        let province = lookup("province").unwrap();
        assert_eq!(province.designators(Position::After).count(), 1);
        assert_eq!(province.designators(Position::CueOf).count(), 1);
        assert!(lookup("baghdad").is_none());
        use crate::wordlists::{CONNECTORS, DETERMINERS, PARTICLES, ROLE_WORDS, TITLES};
        for list in [TITLES, ROLE_WORDS, CONNECTORS, PARTICLES, DETERMINERS] {
            assert!(list.iter().all(|w| lookup(&w.to_lowercase()).is_some()));
        }
    }
}
