//! The learned rules and the common words as tables of plain numbers, read
//! in place.
//!
//! The build script reads the embedded rule files ([`super::file`]), builds
//! these tables and writes them to an image (see `gazetteer/image.rs`) that
//! the library embeds: a process that uses the default rules parses nothing
//! and builds nothing, it reads the tables' arrays where they lie. Rules
//! read at run time (the learner's) build the same tables, on the heap.
//!
//! Both tables find a 64-bit hash (a feature's, see
//! [`super::written::hash_text`], or a word key's) by open addressing: a
//! power-of-two array of hashes, at most half full, probed one slot after
//! another from the slot that the top bits of the hash, remixed, pick.
//! Zero marks an empty slot, so no hash of zero is taken.

#![cfg_attr(
    not(any(test, feature = "learn", gazetteer_ner_defaults_at_run_time)),
    allow(
        dead_code,
        reason = "the build script builds and writes the tables; the library reads them"
    )
)]

use std::borrow::Cow;

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use super::written::View;
use crate::EntityKind;
use crate::gazetteer::image::{ImageError, ImageReader, ImageWriter};
use crate::hash::GOLDEN;

/// One learned rule: the kind a feature says, how strongly, and from which
/// view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rule {
    pub kind: EntityKind,
    pub view: View,
    /// The rule's strength, from 0 to 1.
    pub strength: f32,
    /// Its strength for a name no list holds (see the module docs of
    /// [`super`]).
    pub confidence: f32,
    /// Its feature's tag (see [`super::written::TAGS_WRITTEN`]).
    pub tag: u8,
    /// Whether it may type a name no list holds (see the module docs of
    /// [`super`]).
    pub new_names: bool,
}

/// A rule as the table stores it: numbers only.
#[derive(Clone, Copy, Debug, Default, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
struct StoredRule {
    strength: f32,
    confidence: f32,
    /// The kind's index in [`EntityKind::ALL`].
    kind: u8,
    /// 0 for [`View::Spelling`], 1 for [`View::Context`].
    view: u8,
    tag: u8,
    new_names: u8,
}

impl StoredRule {
    fn new(rule: Rule) -> StoredRule {
        let kind = EntityKind::ALL.iter().position(|&k| k == rule.kind);
        StoredRule {
            strength: rule.strength,
            confidence: rule.confidence,
            kind: kind.unwrap_or_default() as u8,
            view: u8::from(rule.view == View::Context),
            tag: rule.tag,
            new_names: u8::from(rule.new_names),
        }
    }

    fn rule(self) -> Rule {
        Rule {
            kind: EntityKind::ALL[usize::from(self.kind) % EntityKind::ALL.len()],
            view: if self.view == 0 {
                View::Spelling
            } else {
                View::Context
            },
            strength: self.strength,
            confidence: self.confidence,
            tag: self.tag,
            new_names: self.new_names != 0,
        }
    }
}

/// The hash no slot holds but an empty one.
pub(crate) const EMPTY: u64 = 0;

/// A set of hashes by open addressing (see the module docs): on the heap,
/// or read in place from an image.
#[derive(Clone, Debug, Default)]
struct HashSlots {
    /// A power of two long, or empty.
    slots: Cow<'static, [u64]>,
    /// How many slots are taken.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs writes the images the library reads")
    )]
    len: usize,
}

impl HashSlots {
    /// The slots of these distinct hashes, none of them [`EMPTY`], in
    /// order; and the slot each took.
    fn new(hashes: &[u64]) -> (HashSlots, Vec<usize>) {
        let size = if hashes.is_empty() {
            0
        } else {
            (2 * hashes.len()).next_power_of_two()
        };
        let mut slots = vec![EMPTY; size];
        let taken = hashes
            .iter()
            .map(|&hash| {
                debug_assert_ne!(hash, EMPTY);
                let mut i = first_slot(hash, size);
                while slots[i] != EMPTY {
                    i = (i + 1) & (size - 1);
                }
                slots[i] = hash;
                i
            })
            .collect();
        let len = hashes.len();
        let slots = Cow::Owned(slots);
        (HashSlots { slots, len }, taken)
    }

    /// The slot that holds `hash`, if one does.
    #[inline]
    fn find(&self, hash: u64) -> Option<usize> {
        let size = self.slots.len();
        if size == 0 {
            return None;
        }
        let mut i = first_slot(hash, size);
        loop {
            match self.slots[i] {
                EMPTY => return None,
                h if h == hash => return Some(i),
                _ => i = (i + 1) & (size - 1),
            }
        }
    }

    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs writes the images the library reads")
    )]
    fn write(&self, image: &mut ImageWriter) {
        image.array(&self.slots);
        image.number(self.len as u64);
    }

    fn read(image: &mut ImageReader<'static>) -> Result<HashSlots, ImageError> {
        let slots: &[u64] = image.array()?;
        let len = usize::try_from(image.number()?).unwrap_or(usize::MAX);
        // Probing ends at an empty slot, which there must be.
        if !(slots.is_empty() && len == 0 || slots.len().is_power_of_two() && len < slots.len()) {
            return Err(image.invalid("slots a power of two, more than the hashes"));
        }
        Ok(HashSlots {
            slots: Cow::Borrowed(slots),
            len,
        })
    }

    fn memory_usage(&self) -> usize {
        self.slots.len() * size_of::<u64>()
    }
}

/// The first slot to probe for `hash` among `size`, a power of two: the
/// top bits of the hash times [`GOLDEN`], which mixes the bits of a
/// feature's hash (itself the product of a multiplication) apart from the
/// top bits that the rules' filter reads.
#[inline]
fn first_slot(hash: u64, size: usize) -> usize {
    hash.wrapping_mul(GOLDEN)
        .checked_shr(64 - size.trailing_zeros())
        .unwrap_or(0) as usize
}

/// The bits of a feature hash the filter of a [`RuleTable`] reads.
const FILTER_BITS: u32 = 16;

/// The filter's bit for a feature hash: its word and its mask.
#[inline]
fn filter_bit(hash: u64) -> (usize, u64) {
    let bit = (hash >> (64 - FILTER_BITS)) as usize;
    (bit / 64, 1 << (bit % 64))
}

/// Learned rules by the hash of their feature.
#[derive(Clone, Debug, Default)]
pub(crate) struct RuleTable {
    /// One bit per value of a feature hash's top [`FILTER_BITS`] bits, set
    /// where some rule's hash has it: most features fire no rule, and the
    /// filter, small enough to stay in cache, settles most of them.
    filter: Cow<'static, [u64]>,
    hashes: HashSlots,
    /// The rule of each slot of `hashes` (zeros in empty slots).
    rules: Cow<'static, [StoredRule]>,
    /// The tags of the rules that may type new names, one bit each: the
    /// features of other tags are not computed for new names.
    new_name_tags: u16,
}

impl RuleTable {
    /// The table of these rules, with distinct hashes none of which is
    /// [`EMPTY`], in order: the same rules in the same order make the same
    /// table, byte for byte.
    pub(crate) fn new(rules: &[(u64, Rule)]) -> RuleTable {
        let hashes: Vec<u64> = rules.iter().map(|&(hash, _)| hash).collect();
        let (hashes, taken) = HashSlots::new(&hashes);
        let mut stored = vec![StoredRule::default(); hashes.slots.len()];
        let mut filter = vec![0u64; (1 << FILTER_BITS) / 64];
        let mut new_name_tags = 0u16;
        for (&(hash, rule), slot) in rules.iter().zip(taken) {
            stored[slot] = StoredRule::new(rule);
            let (word, mask) = filter_bit(hash);
            filter[word] |= mask;
            if rule.new_names {
                new_name_tags |= 1 << rule.tag;
            }
        }
        RuleTable {
            filter: Cow::Owned(filter),
            hashes,
            rules: Cow::Owned(stored),
            new_name_tags,
        }
    }

    /// The rule for a feature hash.
    #[inline]
    pub(crate) fn get(&self, hash: u64) -> Option<Rule> {
        if !self.may_hold(hash) {
            return None;
        }
        let slot = self.hashes.find(hash)?;
        Some(self.rules[slot].rule())
    }

    /// Whether the filter lets a feature hash through: `false` when no
    /// rule has it, as for most features.
    #[inline]
    pub(crate) fn may_hold(&self, hash: u64) -> bool {
        let (word, mask) = filter_bit(hash);
        self.filter.get(word).is_some_and(|w| w & mask != 0)
    }

    /// The tags of the rules that may type new names, one bit each.
    pub(crate) fn new_name_tags(&self) -> u16 {
        self.new_name_tags
    }

    /// The number of rules.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.hashes.len
    }

    /// Writes the table to an image, to be read in place by
    /// [`RuleTable::read`].
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs writes the images the library reads")
    )]
    pub(crate) fn write(&self, image: &mut ImageWriter) {
        image.array(&self.filter);
        self.hashes.write(image);
        image.array(&self.rules);
        image.number(u64::from(self.new_name_tags));
    }

    /// Reads a table written by [`RuleTable::write`], in place.
    pub(crate) fn read(image: &mut ImageReader<'static>) -> Result<RuleTable, ImageError> {
        let filter: &[u64] = image.array()?;
        if filter.len() != (1 << FILTER_BITS) / 64 {
            return Err(image.invalid("a filter of 2^16 bits"));
        }
        let hashes = HashSlots::read(image)?;
        let rules: &[StoredRule] = image.array()?;
        if rules.len() != hashes.slots.len() {
            return Err(image.invalid("a rule for every slot"));
        }
        let new_name_tags =
            u16::try_from(image.number()?).map_err(|_| image.invalid("16 bits of tags"))?;
        Ok(RuleTable {
            filter: Cow::Borrowed(filter),
            hashes,
            rules: Cow::Borrowed(rules),
            new_name_tags,
        })
    }

    /// Bytes held, on the heap or in the image.
    pub(crate) fn memory_usage(&self) -> usize {
        self.filter.len() * size_of::<u64>()
            + self.hashes.memory_usage()
            + self.rules.len() * size_of::<StoredRule>()
    }
}

/// Words the corpus mostly writes in lower case (see the module docs of
/// [`super`]), by the hash of their key.
#[derive(Clone, Debug, Default)]
pub(crate) struct CommonWords {
    hashes: HashSlots,
}

impl CommonWords {
    /// The set of these distinct key hashes, none of which is [`EMPTY`],
    /// in order.
    pub(crate) fn new(hashes: &[u64]) -> CommonWords {
        CommonWords {
            hashes: HashSlots::new(hashes).0,
        }
    }

    /// The set of the given word keys.
    #[cfg(feature = "learn")]
    pub(crate) fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> CommonWords {
        let mut hashes: Vec<u64> = words
            .into_iter()
            .map(crate::hash::hash_key)
            .filter(|&h| h != EMPTY)
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        CommonWords::new(&hashes)
    }

    /// Whether the words of these key hashes are all common (and there is
    /// one at least).
    pub(crate) fn all_common(&self, mut hashes: impl Iterator<Item = u64>) -> bool {
        let mut any = false;
        hashes.all(|h| {
            any = true;
            self.hashes.find(h).is_some()
        }) && any
    }

    /// Writes the set to an image, to be read in place by
    /// [`CommonWords::read`].
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs writes the images the library reads")
    )]
    pub(crate) fn write(&self, image: &mut ImageWriter) {
        self.hashes.write(image);
    }

    /// Reads a set written by [`CommonWords::write`], in place.
    pub(crate) fn read(image: &mut ImageReader<'static>) -> Result<CommonWords, ImageError> {
        Ok(CommonWords {
            hashes: HashSlots::read(image)?,
        })
    }

    /// Bytes held, on the heap or in the image.
    pub(crate) fn memory_usage(&self) -> usize {
        self.hashes.memory_usage()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::image::Aligned;

    fn rule(kind: EntityKind, strength: f32, tag: u8, new_names: bool) -> Rule {
        Rule {
            kind,
            view: if tag >= 6 {
                View::Context
            } else {
                View::Spelling
            },
            strength,
            confidence: strength / 2.0,
            tag,
            new_names,
        }
    }

    /// Hashes spread over the top bits, as feature hashes are, with some
    /// alike in their top 16 bits, which the filter reads.
    fn hashes(n: u64) -> Vec<u64> {
        (1..=n)
            .map(|i| i.wrapping_mul(GOLDEN) | (i % 3) << 63)
            .collect()
    }

    #[test]
    fn rules_are_found_by_their_hash_and_no_other() {
        let kinds = [EntityKind::Person, EntityKind::Place];
        let rules: Vec<_> = hashes(1000)
            .into_iter()
            .enumerate()
            .map(|(i, h)| {
                (
                    h,
                    rule(kinds[i % 2], i as f32 / 1000.0, (i % 11) as u8, i == 7),
                )
            })
            .collect();
        let table = RuleTable::new(&rules);
        assert_eq!(table.len(), 1000);
        for &(hash, rule) in &rules {
            assert_eq!(table.get(hash), Some(rule));
        }
        for absent in [1u64, 2, 3, u64::MAX, rules[5].0 ^ 1, EMPTY] {
            assert_eq!(table.get(absent), None);
        }
        assert_eq!(table.new_name_tags(), 1 << 7);
        assert_eq!(RuleTable::default().get(rules[0].0), None);
    }

    #[test]
    fn tables_read_back_from_an_image_as_written() {
        let rules: Vec<_> = hashes(300)
            .into_iter()
            .map(|h| (h, rule(EntityKind::Organisation, 0.9, 8, true)))
            .collect();
        let common = CommonWords::new(&hashes(50));
        let mut image = ImageWriter::new();
        RuleTable::new(&rules).write(&mut image);
        common.write(&mut image);
        // The reader takes 'static bytes aligned to a cache line.
        let bytes = image.finish();
        let buffer: &'static mut Aligned<[u8; 1 << 16]> =
            Box::leak(Box::new(Aligned([0; 1 << 16])));
        buffer.0[..bytes.len()].copy_from_slice(&bytes);
        let buffer: &'static Aligned<[u8; 1 << 16]> = buffer;
        let mut reader = ImageReader::new(&buffer.0[..bytes.len()]).unwrap();
        let table = RuleTable::read(&mut reader).unwrap();
        let read_common = CommonWords::read(&mut reader).unwrap();
        reader.finish().unwrap();
        for &(hash, rule) in &rules {
            assert_eq!(table.get(hash), Some(rule));
        }
        assert_eq!(table.get(7), None);
        assert!(read_common.all_common(hashes(50).into_iter()));
        assert!(!read_common.all_common(hashes(51).into_iter()));
    }

    #[test]
    fn common_words_need_one_word_at_least() {
        let common = CommonWords::new(&[11, 12]);
        assert!(common.all_common([11, 12].into_iter()));
        assert!(!common.all_common([11, 13].into_iter()));
        assert!(!common.all_common(std::iter::empty()));
        assert!(!CommonWords::default().all_common([11].into_iter()));
    }
}
