//! The boilerplate list compiled: its phrases by their keys, in the hash
//! table and bit sets that [`super::Boilerplate`] reads, written as Rust
//! source.
//!
//! The build script writes that source to `boilerplate.rs` in `OUT_DIR`,
//! which the library includes: no process tokenizes the list's lines and
//! builds a set of them on its first text. The library's tests compile the
//! source again and compare.

#![cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "the build script writes the list's source; the library includes it"
    )
)]

use std::fmt::Write as _;

use crate::rust_source::write_array;

use crate::hash::hash_key;
use crate::tokenizer::{Keys, tokenize};

/// How many bits each of the word bit sets has: a power of two, far more
/// than the list has words, so that few other words find their bit set.
pub(crate) const WORD_BITS: usize = 1 << 14;

/// No phrase: an empty slot of the phrase table.
pub(crate) const NO_PHRASE: u16 = u16::MAX;

/// The bit of a key hash in a word bit set, from its bits 32 and up (see
/// [`crate::hash`]): its 64-bit word and its mask.
#[inline]
pub(crate) fn word_bit(hash: u64) -> (usize, u64) {
    let bit = (hash >> 32) as usize & (WORD_BITS - 1);
    (bit / 64, 1 << (bit % 64))
}

/// The first slot to probe for a phrase's hash ([`hash_key`] of its keys
/// joined) in a table of `size` slots, a power of two.
#[inline]
pub(crate) fn first_slot(hash: u64, size: usize) -> usize {
    (hash >> 32) as usize & (size - 1)
}

/// The phrases of a list (one a line, `#` comments), each as its tokens'
/// keys joined with spaces, with each phrase's keys; each phrase once, in
/// the order of the list.
pub(crate) fn phrases(list: &str) -> Vec<(String, Vec<u64>)> {
    let mut phrases: Vec<(String, Vec<u64>)> = Vec::new();
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let tokens = tokenize(line);
        if tokens.is_empty() {
            continue;
        }
        let keys = Keys::new(line, &tokens);
        let joined = keys.span(0, tokens.len()).into_owned();
        if phrases.iter().all(|(p, _)| *p != joined) {
            let hashes = (0..tokens.len()).map(|i| keys.hash(i)).collect();
            phrases.push((joined, hashes));
        }
    }
    phrases
}

/// The Rust source of the compiled list `list`: the statics `PHRASES` (the
/// phrases' keys joined), `PHRASE_SLOTS` (a table by open addressing, at
/// most half full, of indices into `PHRASES` by [`first_slot`], or
/// [`NO_PHRASE`]), `FIRST_WORDS` and `WORDS` (a bit by [`word_bit`] for
/// the first key of each phrase, and for every key of each) and the
/// constant `LONGEST` (the most tokens a phrase has).
pub(crate) fn source(list: &str) -> String {
    let phrases = phrases(list);
    assert!(phrases.len() < usize::from(NO_PHRASE) / 2, "a short list");
    let size = (2 * phrases.len()).next_power_of_two().max(2);
    let mut slots = vec![NO_PHRASE; size];
    let mut first_words = vec![0u64; WORD_BITS / 64];
    let mut words = vec![0u64; WORD_BITS / 64];
    let mut longest = 0;
    for (i, (joined, hashes)) in phrases.iter().enumerate() {
        let mut slot = first_slot(hash_key(joined), size);
        while slots[slot] != NO_PHRASE {
            slot = (slot + 1) & (size - 1);
        }
        slots[slot] = i as u16;
        for (n, &hash) in hashes.iter().enumerate() {
            let (word, mask) = word_bit(hash);
            words[word] |= mask;
            if n == 0 {
                first_words[word] |= mask;
            }
        }
        longest = longest.max(hashes.len());
    }
    let mut out = String::from(
        "// The boilerplate list, written by build.rs from src/boilerplate/compiled.rs.\n\n",
    );
    let _ = writeln!(out, "const LONGEST: usize = {longest};\n");
    let _ = writeln!(out, "static PHRASES: [&str; {}] = [", phrases.len());
    for (joined, _) in &phrases {
        let _ = writeln!(out, "    {joined:?},");
    }
    out.push_str("];\n\n");
    write_array(&mut out, "PHRASE_SLOTS", "u16", &size.to_string(), &slots);
    write_array(
        &mut out,
        "FIRST_WORDS",
        "u64",
        "WORD_BITS / 64",
        &first_words,
    );
    write_array(&mut out, "WORDS", "u64", "WORD_BITS / 64", &words);
    out
}
