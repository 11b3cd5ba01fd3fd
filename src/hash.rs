//! A fast hasher for the short string keys of the word tables.
//!
//! The standard library's SipHash resists hash flooding, which word tables
//! built from our own gazetteers do not need, and costs several times more
//! per lookup on keys of a few bytes. This multiply-rotate hash reads eight
//! bytes at a time.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The hasher; see the module docs.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

/// The last one to seven bytes of a key as one word, with overlapping
/// reads instead of a copy: words of a few letters are the common case.
fn tail(rest: &[u8]) -> u64 {
    let len = rest.len();
    let read4 = |at: usize| {
        u64::from(u32::from_le_bytes([
            rest[at],
            rest[at + 1],
            rest[at + 2],
            rest[at + 3],
        ]))
    };
    let word = if len >= 4 {
        read4(0) | (read4(len - 4) << 32)
    } else {
        u64::from(rest[0]) | (u64::from(rest[len / 2]) << 8) | (u64::from(rest[len - 1]) << 16)
    };
    word ^ (len as u64) << 59
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(tail(rest));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The hash of a word key, as [`WordHasher`] computes it; computed once per
/// token and shared by every table that looks the token up.
pub(crate) fn hash_key(key: &str) -> u64 {
    hash_bytes(key.as_bytes())
}

/// [`hash_key`] of a key's bytes.
pub(crate) fn hash_bytes(key: &[u8]) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.write(key);
    hasher.finish()
}

/// A hash map keyed by words, hashed with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_short_keys_hash_apart() {
        let keys = [
            "a",
            "b",
            "ab",
            "ba",
            "province",
            "provinces",
            "",
            "the",
            "teh",
        ];
        let hashes: Vec<u64> = keys
            .iter()
            .map(|k| {
                let mut h = WordHasher::default();
                h.write(k.as_bytes());
                h.finish()
            })
            .collect();
        for i in 0..hashes.len() {
            for j in i + 1..hashes.len() {
                assert_ne!(hashes[i], hashes[j], "{:?} and {:?}", keys[i], keys[j]);
            }
        }
        let mut map: WordMap<&str, usize> = WordMap::default();
        map.insert("iraq", 1);
        assert_eq!(map.get("iraq"), Some(&1));
    }
}
