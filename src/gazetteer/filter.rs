//! A Bloom filter over words: "certainly not" or "perhaps".
//!
//! Most tokens of a text start no gazetteer form. Asking the phrase table
//! about each costs a cache miss in a table of hundreds of thousands of
//! keys; asking this filter, small enough to stay in cache, settles most
//! tokens first.
//!
//! A word sets one bit, or two in the same 64-bit word of the filter.
//! Either way asking costs one memory access; two bits cost a few more
//! instructions but let through about a quarter as many words the filter
//! never held (filled to one word per sixteen bits, 1.4% instead of 6%).
//! Two bits suit a filter asked about words that passed another filter
//! first, where each false "perhaps" costs a table look-up; one bit suits
//! one asked about every token.

use std::borrow::Cow;

use super::image::{ImageError, ImageReader, ImageWriter};
use super::table::{bytes_held, owned};

/// A set of words with false positives but no false negatives; `BITS`
/// (1 or 2) bits per word.
#[derive(Clone, Debug)]
pub(crate) struct WordFilter<const BITS: u32 = 1> {
    /// A power of two long, so that masking a hash picks a word in bounds;
    /// on the heap, or read in place from an image.
    bits: Cow<'static, [u64]>,
}

impl<const BITS: u32> WordFilter<BITS> {
    /// An empty filter of `2^log2_bits` bits (at most 2^30).
    pub fn new(log2_bits: u32) -> Self {
        const { assert!(BITS == 1 || BITS == 2) };
        WordFilter {
            bits: Cow::Owned(vec![0; 1 << (log2_bits.clamp(6, 30) - 6)]),
        }
    }

    /// The word of the filter for a hash, and the bits in it: from the top
    /// 36 bits of the hash, which hash tables and the hash's own last
    /// multiplication mix best.
    fn bits(&self, hash: u64) -> (usize, u64) {
        let word = (hash >> 40) as usize & (self.bits.len() - 1);
        let first = 1 << ((hash >> 28) & 63);
        if BITS == 1 {
            (word, first)
        } else {
            (word, first | 1 << ((hash >> 34) & 63))
        }
    }

    /// Adds a word (or anything else) by its hash.
    pub fn insert_hashed(&mut self, hash: u64) {
        let (i, bits) = self.bits(hash);
        owned(&mut self.bits, 0)[i] |= bits;
    }

    /// Whether the word of this hash ([`hash_key`](crate::hash::hash_key)) may have been added
    /// (always true if it was).
    pub fn may_contain_hashed(&self, hash: u64) -> bool {
        let (i, bits) = self.bits(hash);
        self.bits[i] & bits == bits
    }

    /// Bytes held, on the heap or read in place.
    pub fn memory_usage(&self) -> usize {
        bytes_held(&self.bits)
    }

    /// Writes the filter to an image, to be read in place by
    /// [`WordFilter::read`].
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs writes the images the library reads")
    )]
    pub fn write(&self, image: &mut ImageWriter) {
        image.array(&self.bits);
    }

    /// Reads a filter written by [`WordFilter::write`], in place.
    pub fn read(image: &mut ImageReader<'static>) -> Result<Self, ImageError> {
        let bits = image.array()?;
        if !bits.len().is_power_of_two() {
            return Err(image.invalid("a filter a power of two words long"));
        }
        Ok(WordFilter {
            bits: Cow::Borrowed(bits),
        })
    }
}

impl WordFilter<1> {
    /// Adds a word by its hash, marked or not: a marked word sets a second
    /// bit, in the same 64-bit word of the filter as its first.
    pub fn insert_marked(&mut self, hash: u64, marked: bool) {
        let (i, first) = self.bits(hash);
        owned(&mut self.bits, 0)[i] |= first | Self::mark(hash, marked);
    }

    /// Whether the word of this hash may have been added, and if `marked`,
    /// added marked (always true if it was). One memory access either
    /// way, and no branch on `marked`.
    ///
    /// Each bit is tested where it lies (a bit test by a register, which
    /// takes its place modulo 64 itself) rather than a mask of both built
    /// and compared: asked of every token, this is a few instructions
    /// fewer.
    #[inline]
    pub fn may_contain_marked(&self, hash: u64, marked: bool) -> bool {
        let (i, _) = self.bits(hash);
        let bits = self.bits[i];
        let has = |place: u64| bits >> (place & 63) & 1 != 0;
        has(hash >> 28) & (has(hash >> 34) | !marked)
    }

    /// The bit that marks the word of this hash, if `marked`, or none.
    fn mark(hash: u64, marked: bool) -> u64 {
        (1 << ((hash >> 34) & 63)) & 0u64.wrapping_sub(u64::from(marked))
    }
}

impl<const BITS: u32> Default for WordFilter<BITS> {
    fn default() -> Self {
        WordFilter::new(6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::hash_key;

    /// How many of 10,000 other words pass a filter of 1,000 words.
    fn false_positives<const BITS: u32>() -> usize {
        let mut filter = WordFilter::<BITS>::new(16);
        let words: Vec<String> = (0..1000).map(|i| format!("word{i}")).collect();
        for w in &words {
            filter.insert_hashed(hash_key(w));
        }
        assert!(words.iter().all(|w| filter.may_contain_hashed(hash_key(w))));
        (0..10_000)
            .filter(|i| filter.may_contain_hashed(hash_key(&format!("other{i}"))))
            .count()
    }

    #[test]
    fn marked_words_are_found_marked_and_unmarked_ones_only_unmarked() {
        let mut filter = WordFilter::<1>::new(16);
        let hash = |i: usize| hash_key(&format!("word{i}"));
        for i in 0..1000 {
            filter.insert_marked(hash(i), i % 10 == 0);
        }
        for i in 0..1000 {
            assert!(filter.may_contain_marked(hash(i), false), "{i}");
            assert!(filter.may_contain_hashed(hash(i)), "{i}");
            assert_eq!(
                filter.may_contain_marked(hash(i), true),
                i % 10 == 0 || {
                    // A false positive: the mark's bit set by another word.
                    let (w, _) = filter.bits(hash(i));
                    filter.bits[w] & WordFilter::<1>::mark(hash(i), true) != 0
                }
            );
        }
        // Of the 900 unmarked words, few pass as marked.
        let passed = (0..1000)
            .filter(|&i| i % 10 != 0 && filter.may_contain_marked(hash(i), true))
            .count();
        assert!(passed < 100, "{passed} of 900");
    }

    #[test]
    fn added_words_are_always_found_and_most_others_are_not() {
        // About 150 and 10 expected.
        let one = false_positives::<1>();
        assert!(one < 500, "{one} false positives");
        let two = false_positives::<2>();
        assert!(two < 100, "{two} false positives");
    }
}
