//! The cue index compiled: every cue word of the lists and the designators
//! with what they say about it, laid out as the hash table that
//! [`super::cues`] reads, and written as Rust source.
//!
//! The build script writes that source to `cue_index.rs` in `OUT_DIR`,
//! which the library includes: the table is data in the binary, so that no
//! process lower-cases, hashes and gathers the lists on its first text.
//! The library's tests compile the source again and compare.

#![cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "the build script writes the index's source; the library includes it"
    )
)]

use std::fmt::Write as _;

use crate::rust_source::write_array;

use super::designators::DESIGNATORS;
use crate::hash::{WordMap, hash_key};
use crate::wordlists::{
    BODY_CONNECTORS, COMPETING, CONNECTORS, DETERMINERS, PARTICLES, ROLE_WORDS, SPORTS, TITLES,
};

/// How many slots the index has: a power of two, about forty times the
/// number of cue words, so that few other words find their slot taken.
pub(crate) const SLOTS: usize = 1 << 14;

/// No word: the end of a slot's chain.
pub(crate) const NO_WORD: u16 = u16::MAX;

/// The slot of a key hash, from its top bits (see [`crate::hash`]): a
/// shift with no mask.
#[inline]
pub(crate) fn slot(hash: u64) -> usize {
    (hash >> (u64::BITS - SLOTS.trailing_zeros())) as usize
}

/// How many bits the filter of the cue words (`FILTER`) has: as many as
/// the index has slots, so that as few other words get through.
pub(crate) const FILTER_BITS: usize = SLOTS;

/// Where the place of a key hash's bit in its word of the filter starts
/// in the hash: bit 28, where the bit of the filter of the words that
/// start a form does (see [`crate::hash`]). The test asked of every
/// token (see `cues::Cues::may_hold`) reads both places from one shift of
/// the hash, and a bit test by a register takes the place modulo 64
/// itself.
pub(crate) const FILTER_PLACE_SHIFT: u32 = 28;

/// The word of the filter of the cue words that holds the bit of a key
/// hash: the hash's top bits, a shift with no mask.
#[inline]
pub(crate) fn filter_word(hash: u64) -> usize {
    (hash >> (u64::BITS - (FILTER_BITS / 64).trailing_zeros())) as usize
}

/// The place of a key hash's bit in its word of the filter (see
/// [`FILTER_PLACE_SHIFT`]).
#[inline]
pub(crate) fn filter_place(hash: u64) -> u64 {
    (hash >> FILTER_PLACE_SHIFT) % 64
}

/// The flags of a cue, as the fields of `Cue` (in `cues.rs`) are named,
/// each with the list that sets it, in the order the lists are read.
const FLAGS: [(&str, &[&str]); 8] = [
    ("sports", SPORTS),
    ("competing", COMPETING),
    ("title", TITLES),
    ("role", ROLE_WORDS),
    ("connector", CONNECTORS),
    ("body_connector", BODY_CONNECTORS),
    ("particle", PARTICLES),
    ("determiner", DETERMINERS),
];

/// One cue word as the lists give it.
struct CueWord {
    /// Its key (lower case).
    key: String,
    /// Which of [`FLAGS`] it has.
    flags: [bool; FLAGS.len()],
    /// The indices in [`DESIGNATORS`] of the designators spelled so, in
    /// the order of that list.
    designators: Vec<usize>,
}

/// Every word of the cue lists and the designators, once, in the order the
/// lists give them.
fn cue_words() -> Vec<CueWord> {
    let mut words: Vec<CueWord> = Vec::new();
    let mut at = WordMap::default();
    let mut word_of = |key: String| -> usize {
        *at.entry(key).or_insert_with_key(|key| {
            words.push(CueWord {
                key: key.clone(),
                flags: [false; FLAGS.len()],
                designators: Vec::new(),
            });
            words.len() - 1
        })
    };
    let mut flagged = Vec::new();
    for (flag, (_, list)) in FLAGS.iter().enumerate() {
        for word in *list {
            flagged.push((word_of(word.to_lowercase()), Some(flag), None));
        }
    }
    for (d, designator) in DESIGNATORS.iter().enumerate() {
        flagged.push((word_of(designator.word.to_owned()), None, Some(d)));
    }
    for (i, flag, designator) in flagged {
        if let Some(flag) = flag {
            words[i].flags[flag] = true;
        }
        words[i].designators.extend(designator);
    }
    words
}

/// The Rust source of the index: the statics `WORDS` (each cue word's key,
/// its `Cue` and the next word of its slot), `FIRST` (each slot's first
/// word, or [`NO_WORD`]) and `FILTER` (a bit for each cue word, at the
/// place [`filter_word`] and [`filter_place`] give its hash), the types
/// and constants being those of `cues.rs`.
pub(crate) fn source() -> String {
    let words = cue_words();
    assert!(
        words.len() < usize::from(NO_WORD),
        "fewer than 65,535 cue words"
    );
    let mut filter = vec![0u64; FILTER_BITS / 64];
    let mut first = vec![NO_WORD; SLOTS];
    let mut next = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let hash = hash_key(&word.key);
        filter[filter_word(hash)] |= 1 << filter_place(hash);
        next.push(std::mem::replace(&mut first[slot(hash)], i as u16));
    }
    let mut out =
        String::from("// The cue index, written by build.rs from src/document/cue_index.rs.\n\n");
    let _ = writeln!(out, "static WORDS: [CueWord; {}] = [", words.len());
    for (word, next) in words.iter().zip(next) {
        let _ = write!(
            out,
            "    CueWord {{ key: {:?}, short: ShortKey::of({:?}), next: {next}, cue: Cue {{ ",
            word.key, word.key
        );
        for ((name, _), set) in FLAGS.iter().zip(word.flags) {
            let _ = write!(out, "{name}: {set}, ");
        }
        out.push_str("designators: &[");
        for (n, d) in word.designators.iter().enumerate() {
            let comma = if n == 0 { "" } else { ", " };
            let _ = write!(out, "{comma}&DESIGNATORS[{d}]");
        }
        out.push_str("] } },\n");
    }
    out.push_str("];\n\n");
    write_array(&mut out, "FIRST", "u16", "SLOTS", &first);
    write_array(&mut out, "FILTER", "u64", "FILTER_BITS / 64", &filter);
    out
}
