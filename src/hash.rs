//! Fast hashes for the short string keys of the word tables.
//!
//! The standard library's SipHash resists hash flooding, which word tables
//! built from our own gazetteers do not need, and costs several times more
//! per lookup on keys of a few bytes. Two multiply-rotate hashes stand in:
//!
//! - [`hash_key`], computed once per token by the keys and shared by the
//!   gazetteer tables and filters: a key of up to [`SHORT_KEY_BYTES`] bytes, nearly
//!   every word, is hashed as one masked [`ShortKey`] without a branch on its
//!   length, where the key lies in a longer buffer;
//! - [`WordHasher`], the `Hasher` of maps keyed by strings, which reads
//!   eight bytes at a time.
//!
//! A phrase or name is hashed from its words' [`hash_key`]s with
//! [`chain`], so that the hash of every prefix (or ending) comes on the
//! way; maps keyed by such hashes, or by numbers, take [`NameHasher`].
//!
//! # Which bits of a key's hash each consumer reads
//!
//! One [`hash_key`] per token serves every table and filter that looks the
//! token up, so each reads its own bits of it, and two structures that
//! read the same bits see the same collisions:
//!
//! - `gazetteer/table.rs`, the key tables (phrases, lexicon): the first
//!   slot from bits 32 and up, as many as the table's size needs; bits 0
//!   to 31 as the tag kept in the slot, compared before the key;
//! - `gazetteer/filter.rs`, the Bloom filters: the 64-bit word of the
//!   filter from bits 40 and up, the bit in it from bits 28 to 33, and a
//!   second bit from bits 34 to 39;
//! - `document/cues.rs`, the cue words' index: the slot from bits 50 to
//!   63; and its filter, which says whether a token may be a cue word, the
//!   64-bit word from bits 56 to 63 and the bit in it from bits 28 to 33,
//!   as the Bloom filters' first bit, so that one shift serves both;
//! - `rules/institution.rs`, a 64-bit set of the five institution nouns'
//!   hashes, asked before their strings are compared: the bit from bits 0
//!   to 5 (the key tables' tags read them too, which a set this small
//!   does not mind).
//!
//! A token's first word is asked about in two filters: the lexicon's
//! `first_words`, of the first words of all forms (asked by the document
//! for every token), then the matcher's `singles`, of the one-word forms.
//! Given the same hash, both would read the same bits, and a word let
//! through by a false positive of the one would mostly be let through by
//! the other: the matcher hands `singles` the hash with its halves swapped
//! (`matcher::remix`), so that it reads bits 60 to 63 and 0 to 20, apart
//! from those of `first_words`, and the two err apart. Its `continues`
//! filter takes [`chain`] hashes, other numbers already.
//!
//! `finish` folds the high bits, which the multiplications mix best,
//! into the low ones, so that the tags are as good as the slots.

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

/// The hash of a word key; computed once per token and shared by every
/// table that looks the token up.
pub(crate) fn hash_key(key: &str) -> u64 {
    hash_bytes(key.as_bytes())
}

/// Keys up to this many bytes, nearly every word, are hashed as one
/// zero-padded block, with no branch on their length.
pub(crate) const SHORT_KEY_BYTES: usize = 16;

/// [`hash_key`] of a key's bytes.
pub(crate) fn hash_bytes(key: &[u8]) -> u64 {
    if key.len() <= SHORT_KEY_BYTES {
        let mut block = [0; SHORT_KEY_BYTES];
        block[..key.len()].copy_from_slice(key);
        return ShortKey::read(&block, key.len()).hash();
    }
    let mut hash = SEED ^ key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for chunk in &mut chunks {
        hash = mix(
            hash,
            u64::from_le_bytes(chunk.try_into().expect("eight bytes")),
        );
    }
    if !chunks.remainder().is_empty() {
        // The last eight bytes, overlapping the chunks before.
        let last = &key[key.len() - 8..];
        hash = mix(
            hash,
            u64::from_le_bytes(last.try_into().expect("eight bytes")),
        );
    }
    finish(hash)
}

/// A key of up to [`SHORT_KEY_BYTES`] bytes read where it lies in a longer buffer:
/// two words, with the bytes after the key masked off. Reading the words
/// once serves both the check that the key is plain ASCII and its hash.
///
/// Two keys of up to [`SHORT_KEY_BYTES`] bytes are the same key when their
/// `ShortKey`s are equal; longer keys, when their `ShortKey`s are equal
/// (their first [`SHORT_KEY_BYTES`] bytes and their lengths) and so are
/// the bytes after those.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ShortKey {
    low: u64,
    high: u64,
    len: usize,
}

impl ShortKey {
    /// The key made of the first `len` bytes of `block`; of all of them
    /// when `len > SHORT_KEY_BYTES`, for a caller that checks the length later.
    pub(crate) fn read(block: &[u8; SHORT_KEY_BYTES], len: usize) -> ShortKey {
        // A block of ones then one of zeros: the block of it that starts
        // `n` bytes before the zeros masks the first `n` bytes.
        const MASKS: [u8; 2 * SHORT_KEY_BYTES] = {
            let mut masks = [0; 2 * SHORT_KEY_BYTES];
            let mut i = 0;
            while i < SHORT_KEY_BYTES {
                masks[i] = u8::MAX;
                i += 1;
            }
            masks
        };
        let n = len.min(SHORT_KEY_BYTES);
        let mask = &MASKS[SHORT_KEY_BYTES - n..2 * SHORT_KEY_BYTES - n];
        let word = |bytes: &[u8], at: usize| {
            u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
        };
        ShortKey {
            low: word(block, 0) & word(mask, 0),
            high: word(block, 8) & word(mask, 8),
            len,
        }
    }

    /// The key `key`, computed at compile time for a table written as
    /// Rust source: equal to [`ShortKey::read`] of it where it lies.
    pub(crate) const fn of(key: &str) -> ShortKey {
        let bytes = key.as_bytes();
        let mut words = [0u64; 2];
        let mut i = 0;
        while i < bytes.len() && i < SHORT_KEY_BYTES {
            words[i / 8] |= (bytes[i] as u64) << (8 * (i % 8));
            i += 1;
        }
        ShortKey {
            low: words[0],
            high: words[1],
            len: bytes.len(),
        }
    }

    /// The key's length in bytes.
    pub(crate) fn len(self) -> usize {
        self.len
    }

    /// The key's first [`SHORT_KEY_BYTES`] bytes, zero-padded.
    pub(crate) fn block(self) -> [u8; SHORT_KEY_BYTES] {
        let mut block = [0; SHORT_KEY_BYTES];
        block[..8].copy_from_slice(&self.low.to_le_bytes());
        block[8..].copy_from_slice(&self.high.to_le_bytes());
        block
    }

    /// Whether every byte of the key is ASCII.
    pub(crate) fn is_ascii(self) -> bool {
        (self.low | self.high) & 0x8080_8080_8080_8080 == 0
    }

    /// [`hash_bytes`] of the key, which must be at most [`SHORT_KEY_BYTES`] bytes.
    pub(crate) fn hash(self) -> u64 {
        // `mix(SEED ^ len, low)`, with the rotation of the sum taken as
        // the sum of the rotations, the seed's being a constant, and that
        // sum read for the length from a table: a load and a sum, where
        // the rotation of a sum made at run time took five instructions,
        // and a shift, the constant and two sums four, for every token.
        const START: [u64; SHORT_KEY_BYTES + 1] = {
            let mut start = [0; SHORT_KEY_BYTES + 1];
            let mut len = 0;
            while len <= SHORT_KEY_BYTES {
                start[len] = SEED.rotate_left(5) ^ (len as u64).rotate_left(5);
                len += 1;
            }
            start
        };
        let first = (START[self.len] ^ self.low).wrapping_mul(SEED);
        finish(mix(first, self.high))
    }
}

fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(5) ^ word).wrapping_mul(SEED)
}

/// Folds the well-mixed high bits into the low ones, which the tables use
/// as a tag.
fn finish(hash: u64) -> u64 {
    hash ^ (hash >> 29)
}

/// The multiplier of [`chain`] and [`NameHasher`]: the odd number nearest
/// 2^64 over the golden ratio, which spreads consecutive numbers apart.
pub(crate) const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hash of a sequence of words followed (or, folded from the last
/// word back, preceded) by one more, from the hash of the sequence and
/// the word's [`hash_key`].
pub(crate) fn chain(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(23) ^ word).wrapping_mul(GOLDEN)
}

/// The hasher of [`NameMap`], for keys that are hashes or small numbers
/// already: a name's hash is made of its words' key hashes, which the
/// tokenizer has computed (see [`chain`]), and a gazetteer entry is a
/// number. Each costs one multiply, which spreads small numbers over the
/// bits the map's buckets and tags are taken from.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NameHasher(u64);

impl Hasher for NameHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Not for names: for whatever else such a map is keyed by.
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(GOLDEN);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by hashes of names or by gazetteer entries, hashed with
/// [`NameHasher`].
pub(crate) type NameMap<K, V> = HashMap<K, V, BuildHasherDefault<NameHasher>>;

/// A hash map keyed by words, hashed with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hash_alike_in_place_and_alone() {
        for key in [
            "",
            "a",
            "iraq",
            "province",
            "mobilisation",
            "sixteen bytes ab",
            "seventeen bytes ab",
        ] {
            let mut buffer = key.as_bytes().to_vec();
            buffer.extend_from_slice(b" and whatever follows");
            if key.len() <= SHORT_KEY_BYTES {
                let block: &[u8; SHORT_KEY_BYTES] = buffer[..SHORT_KEY_BYTES].try_into().unwrap();
                assert_eq!(
                    ShortKey::read(block, key.len()).hash(),
                    hash_key(key),
                    "{key:?}"
                );
            }
            assert_ne!(hash_key(key), hash_key(&format!("{key}x")), "{key:?}");
        }
    }

    #[test]
    fn a_key_read_in_place_is_the_key_made_at_compile_time() {
        let buffer = b"mobilisation forces of the north";
        for len in [0, 1, 8, 9, SHORT_KEY_BYTES, 20] {
            let key = std::str::from_utf8(&buffer[..len]).unwrap();
            let block: &[u8; SHORT_KEY_BYTES] = buffer[..SHORT_KEY_BYTES].try_into().unwrap();
            assert_eq!(ShortKey::read(block, len), ShortKey::of(key), "{key:?}");
        }
        assert_ne!(ShortKey::of("mobilisation"), ShortKey::of("mobilisations"));
        assert_ne!(ShortKey::of("ab"), ShortKey::of("ab\0"));
    }

    #[test]
    fn a_short_key_hashes_as_mixed_from_the_seed_and_its_length() {
        let buffer = b"mobilisation forces of the north";
        for len in [0, 1, 7, 8, 9, 15, SHORT_KEY_BYTES] {
            let block: &[u8; SHORT_KEY_BYTES] = buffer[..SHORT_KEY_BYTES].try_into().unwrap();
            let key = ShortKey::read(block, len);
            let mixed = finish(mix(mix(SEED ^ len as u64, key.low), key.high));
            assert_eq!(key.hash(), mixed, "{len}");
        }
    }

    #[test]
    fn a_block_is_ascii_by_its_key_alone() {
        let buffer: &[u8; SHORT_KEY_BYTES] = "naïve café abcd".as_bytes()[..SHORT_KEY_BYTES]
            .try_into()
            .unwrap();
        assert!(ShortKey::read(buffer, 2).is_ascii(), "\"na\" before the ï");
        assert!(!ShortKey::read(buffer, 4).is_ascii(), "\"naï\"");
        let ascii: &[u8; SHORT_KEY_BYTES] = b"sixteen bytes ab";
        assert!(ShortKey::read(ascii, SHORT_KEY_BYTES).is_ascii());
        assert_eq!(ShortKey::read(ascii, 5).hash(), hash_key("sixte"));
    }

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
        let mut seen: Vec<u64> = keys.iter().map(|k| hash_key(k)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), keys.len(), "hash_key collides on {keys:?}");
        let mut map: WordMap<&str, usize> = WordMap::default();
        map.insert("iraq", 1);
        assert_eq!(map.get("iraq"), Some(&1));
    }
}
