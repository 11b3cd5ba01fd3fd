//! A one-hash Bloom filter over words: "certainly not" or "perhaps".
//!
//! Most tokens of a text start no gazetteer form. Asking the phrase table
//! about each costs a cache miss in a table of hundreds of thousands of
//! keys; asking this filter, small enough to stay in cache, settles most
//! tokens first.

use crate::hash::hash_key;

/// A set of words with false positives but no false negatives.
#[derive(Clone, Debug)]
pub(crate) struct WordFilter {
    bits: Vec<u64>,
    mask: u64,
}

impl WordFilter {
    /// An empty filter of `2^log2_bits` bits.
    pub fn new(log2_bits: u32) -> Self {
        let bits = 1u64 << log2_bits.max(6);
        WordFilter {
            bits: vec![0; (bits / 64) as usize],
            mask: bits - 1,
        }
    }

    fn bit(&self, hash: u64) -> (usize, u64) {
        let bit = (hash >> 20) & self.mask;
        ((bit / 64) as usize, 1 << (bit % 64))
    }

    /// Adds a word.
    pub fn insert(&mut self, word: &str) {
        self.insert_hashed(hash_key(word));
    }

    /// Adds a word (or anything else) by its hash.
    pub fn insert_hashed(&mut self, hash: u64) {
        let (i, bit) = self.bit(hash);
        self.bits[i] |= bit;
    }

    /// Whether the word of this hash ([`hash_key`]) may have been added
    /// (always true if it was).
    pub fn may_contain_hashed(&self, hash: u64) -> bool {
        let (i, bit) = self.bit(hash);
        self.bits[i] & bit != 0
    }

    /// Heap bytes held.
    pub fn memory_usage(&self) -> usize {
        self.bits.len() * 8
    }
}

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter::new(6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_words_are_always_found_and_most_others_are_not() {
        let mut filter = WordFilter::new(16);
        let words: Vec<String> = (0..1000).map(|i| format!("word{i}")).collect();
        for w in &words {
            filter.insert(w);
        }
        assert!(words.iter().all(|w| filter.may_contain_hashed(hash_key(w))));
        let false_positives = (0..10_000)
            .filter(|i| filter.may_contain_hashed(hash_key(&format!("other{i}"))))
            .count();
        assert!(false_positives < 500, "{false_positives} false positives");
    }
}
