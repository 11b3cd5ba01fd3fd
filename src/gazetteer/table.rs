//! A hash table from strings to values whose keys live in one arena.
//!
//! The default gazetteers hold hundreds of thousands of phrase keys; one
//! allocation per key made building (and dropping) the tables cost more
//! than the start-up budget. Here the table is open-addressed with linear
//! probing, looking up a `&str` needs no allocation, and a key is kept in
//! its entry when it is short (nearly every word and most phrases) or else
//! as a range of one `String`.
//!
//! A look-up in a table of this size misses the caches at every step it
//! takes: the slot, then the entry, then the key's bytes. An entry holds the
//! key's bytes (when short) and the value together, so that a look-up that
//! finds its key costs two misses rather than four.
//!
//! A table's arrays are either on the heap or, for the default gazetteers,
//! read in place from the tables the build script compiled (see
//! [`super::image`]); adding a key to a table read in place copies it to
//! the heap first.

use std::borrow::Cow;

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use super::image::{ImageError, ImageReader, ImageWriter};
use crate::hash::{SHORT_KEY_BYTES, ShortKey, hash_bytes, hash_key as hash};

/// No entry in a slot.
const EMPTY: u32 = u32::MAX;

/// Keys up to this many bytes are kept in their entry: as many as a
/// [`ShortKey`] holds, so that it is compared with the entry's whole.
const INLINE: usize = SHORT_KEY_BYTES;

/// A key and its value.
#[derive(Clone, Debug, FromBytes, Immutable, KnownLayout)]
#[repr(C)]
struct Entry<V> {
    /// The key's bytes when it has at most [`INLINE`] of them, zero-padded.
    head: [u8; INLINE],
    /// Where a longer key starts in the arena.
    start: u32,
    len: u32,
    value: V,
}

/// The bytes of the key of an entry with these fields, whose long keys are
/// in `arena`: compared as bytes, a key needs no check that its ends fall
/// on character boundaries, as slicing a `str` does. (Taken by field, so
/// that `iter_mut` can lend an entry's value apart from its key.)
fn key_bytes_of<'t>(head: &'t [u8; INLINE], start: u32, len: u32, arena: &'t [u8]) -> &'t [u8] {
    let len = len as usize;
    if len <= INLINE {
        &head[..len]
    } else {
        &arena[start as usize..start as usize + len]
    }
}

/// Whether two short strings of bytes, a word or a phrase of a few, are
/// the same: compared in a few loads of up to eight bytes, the first and
/// the last of each overlapping, rather than by a call to compare bytes.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let word = |bytes: &[u8], at: usize| {
        u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
    };
    let half = |bytes: &[u8], at: usize| {
        u32::from_le_bytes(bytes[at..at + 4].try_into().expect("four bytes"))
    };
    match len {
        0 => true,
        1..4 => a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1],
        4..8 => half(a, 0) == half(b, 0) && half(a, len - 4) == half(b, len - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, len - 8) == word(b, len - 8),
        _ => a == b,
    }
}

/// A key's bytes as the string they were inserted as.
fn as_key(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("keys are inserted as whole strings")
}

/// A slot: the low half of a key's hash, so that probing rarely has to look
/// at the entry, and the entry's index, or [`EMPTY`].
#[derive(Clone, Copy, Debug, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
struct Slot {
    hash: u32,
    index: u32,
}

const VACANT: Slot = Slot {
    hash: 0,
    index: EMPTY,
};

/// The slots for `keys` keys: a power of two (at least 16), at most 5/8
/// full. Linear probing stays short at that load, and the slot array,
/// which every look-up touches at random, stays half the size it would be
/// at 1/2.
fn slots_for(keys: usize) -> usize {
    (keys * 8).div_ceil(5).next_power_of_two().max(16)
}

/// A string-keyed hash table with its long keys in one arena.
#[derive(Clone, Debug)]
pub(crate) struct KeyTable<V: Clone + 'static> {
    /// The keys longer than [`INLINE`] bytes, one after another: whole
    /// UTF-8 strings, kept as bytes so that a table read in place needs no
    /// check that they are.
    arena: Cow<'static, [u8]>,
    entries: Cow<'static, [Entry<V>]>,
    /// A power of two long.
    slots: Cow<'static, [Slot]>,
}

impl<V: Clone> Default for KeyTable<V> {
    fn default() -> Self {
        KeyTable {
            arena: Cow::Borrowed(&[]),
            entries: Cow::Borrowed(&[]),
            slots: Cow::Borrowed(&[]),
        }
    }
}

/// The vector of a table's array, copied to the heap first if the array
/// is read in place, with room for `more` items.
pub(crate) fn owned<'a, T: Clone>(array: &'a mut Cow<'static, [T]>, more: usize) -> &'a mut Vec<T> {
    if let Cow::Borrowed(items) = *array {
        let mut copy = Vec::with_capacity(items.len() + more);
        copy.extend_from_slice(items);
        *array = Cow::Owned(copy);
    }
    let items = array.to_mut();
    items.reserve(more);
    items
}

/// The bytes an array holds: its capacity on the heap, or its length
/// where it is read in place.
#[allow(
    clippy::ptr_arg,
    reason = "whether the array is borrowed is the question"
)]
pub(crate) fn bytes_held<T: Clone>(array: &Cow<'static, [T]>) -> usize {
    size_of::<T>()
        * match array {
            Cow::Borrowed(items) => items.len(),
            Cow::Owned(items) => items.capacity(),
        }
}

impl<V: Clone> KeyTable<V> {
    /// An empty table with room for `keys` keys, so that building it never
    /// rehashes. (The arena grows as long keys come: how many bytes they
    /// take is not known up front.)
    #[cfg(test)]
    pub fn with_capacity(keys: usize) -> Self {
        let mut table = KeyTable::default();
        table.reserve(keys);
        table
    }

    /// Makes room for `keys` more keys, so that adding them never
    /// rehashes; a table read in place is copied to the heap.
    pub fn reserve(&mut self, keys: usize) {
        let total = self.entries.len() + keys;
        owned(&mut self.entries, keys);
        if slots_for(total) > self.slots.len() {
            self.rehash(slots_for(total));
        }
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The bytes of an entry's key.
    fn key_bytes<'t>(&'t self, entry: &'t Entry<V>) -> &'t [u8] {
        key_bytes_of(&entry.head, entry.start, entry.len, &self.arena)
    }

    /// An entry's key.
    fn key<'t>(&'t self, entry: &'t Entry<V>) -> &'t str {
        as_key(self.key_bytes(entry))
    }

    /// The slot holding `key`, or the empty slot where it would go.
    /// (Always inlined: left to the compiler, it stayed out of line in
    /// the matcher's phrase look-ups, which then took 2% more
    /// instructions.)
    #[inline(always)]
    fn slot(&self, key: &[u8], h: u64) -> usize {
        self.probe(h, |entry| same_bytes(self.key_bytes(entry), key))
            .0
    }

    /// Where the slot of the entry whose key `is_key` accepts is, among
    /// those of hash `h`, or the empty slot where it would go; and the
    /// slot, for a look-up that needs it and not where it is.
    ///
    /// A slot's hash is compared first, and whether it is empty asked
    /// after: most look-ups find their key in the first slot, where the
    /// hashes agree, and only a slot of another hash is asked whether it
    /// is empty, which goes either way from word to word. (An empty
    /// slot's hash is 0, which a key's may be too: a slot of the same
    /// hash is asked whether it is empty before its entry is read.)
    #[inline(always)]
    fn probe(&self, h: u64, is_key: impl Fn(&Entry<V>) -> bool) -> (usize, Slot) {
        let mask = self.slots.len() - 1;
        let mut i = (h >> 32) as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.hash == h as u32 {
                if slot.index == EMPTY || is_key(&self.entries[slot.index as usize]) {
                    return (i, slot);
                }
            } else if slot.index == EMPTY {
                return (i, slot);
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.get_hashed(key, hash(key))
    }

    /// The value of `key`, whose hash ([`crate::hash::hash_key`]) the
    /// caller already has.
    pub fn get_hashed(&self, key: &str, hash: u64) -> Option<&V> {
        self.get_bytes_hashed(key.as_bytes(), hash)
    }

    /// [`KeyTable::get`] of a key given by its bytes: for a caller that
    /// has them without a `&str`, which slicing would check for character
    /// boundaries.
    pub fn get_bytes(&self, key: &[u8]) -> Option<&V> {
        self.get_bytes_hashed(key, hash_bytes(key))
    }

    /// [`KeyTable::get_hashed`] of a key given by its bytes.
    #[inline(always)]
    fn get_bytes_hashed(&self, key: &[u8], hash: u64) -> Option<&V> {
        if self.slots.is_empty() {
            return None;
        }
        let index = self.slots[self.slot(key, hash)].index;
        (index != EMPTY).then(|| &self.entries[index as usize].value)
    }

    /// [`KeyTable::get_hashed`] of a key given by its bytes and read as a
    /// block ([`ShortKey`]): a key kept in its entry is compared as one
    /// block with the entry's, in a few instructions rather than a call
    /// to compare bytes.
    pub fn get_short(&self, key: &[u8], short: ShortKey, hash: u64) -> Option<&V> {
        if self.slots.is_empty() {
            return None;
        }
        let (_, slot) = self.probe(hash, |entry| {
            entry.len as usize == short.len()
                && if short.len() <= INLINE {
                    entry.head == short.block()
                } else {
                    self.key_bytes(entry) == key
                }
        });
        (slot.index != EMPTY).then(|| &self.entries[slot.index as usize].value)
    }

    /// The value of `key`, inserting `make()` first if it is absent.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let index = self.index_or_insert_with(key, make);
        self.value_mut(index)
    }

    /// The value at an index returned by [`KeyTable::index_or_insert_with`].
    pub fn value_mut(&mut self, index: usize) -> &mut V {
        &mut owned(&mut self.entries, 0)[index].value
    }

    /// The index of `key`'s value, inserting `make()` first if it is absent.
    ///
    /// # Panics
    ///
    /// When the arena would pass 4 GiB, which gazetteers never approach.
    pub fn index_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> usize {
        if slots_for(self.entries.len() + 1) > self.slots.len() {
            self.grow();
        }
        let h = hash(key);
        let slot = self.slot(key.as_bytes(), h);
        if self.slots[slot].index == EMPTY {
            let len = u32::try_from(key.len()).expect("key under 4 GiB");
            let mut head = [0; INLINE];
            let start = if key.len() <= INLINE {
                head[..key.len()].copy_from_slice(key.as_bytes());
                0
            } else {
                let start = u32::try_from(self.arena.len()).expect("key arena under 4 GiB");
                owned(&mut self.arena, key.len()).extend_from_slice(key.as_bytes());
                start
            };
            owned(&mut self.slots, 0)[slot] = Slot {
                hash: h as u32,
                index: self.entries.len() as u32,
            };
            owned(&mut self.entries, 1).push(Entry {
                head,
                start,
                len,
                value: make(),
            });
        }
        self.slots[slot].index as usize
    }

    /// Doubles the slots (at least 16) and re-inserts every key.
    fn grow(&mut self) {
        self.rehash((self.slots.len() * 2).max(16));
    }

    /// Makes `size` slots, a power of two, and re-inserts every key.
    fn rehash(&mut self, size: usize) {
        let mut slots = vec![VACANT; size];
        let mask = size - 1;
        for (index, entry) in self.entries.iter().enumerate() {
            let h = hash(self.key(entry));
            let mut i = (h >> 32) as usize & mask;
            while slots[i].index != EMPTY {
                i = (i + 1) & mask;
            }
            slots[i] = Slot {
                hash: h as u32,
                index: index as u32,
            };
        }
        self.slots = Cow::Owned(slots);
    }

    /// Every key and value, in insertion order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.entries.iter().map(|e| (self.key(e), &e.value))
    }

    /// Every key and value, in insertion order, values to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut V)> {
        let arena = &self.arena;
        owned(&mut self.entries, 0).iter_mut().map(move |e| {
            let Entry {
                head,
                start,
                len,
                value,
            } = e;
            (as_key(key_bytes_of(head, *start, *len, arena)), value)
        })
    }

    /// Bytes held, on the heap or read in place.
    pub fn memory_usage(&self) -> usize {
        bytes_held(&self.arena) + bytes_held(&self.entries) + bytes_held(&self.slots)
    }
}

impl<V> KeyTable<V>
where
    V: Clone + FromBytes + IntoBytes + Immutable + KnownLayout,
{
    /// Writes the table to an image, to be read in place by
    /// [`KeyTable::read`].
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs writes the images the library reads")
    )]
    pub fn write(&self, image: &mut ImageWriter) {
        image.array(&self.arena);
        // `Entry` is generic, which its derives cannot prove free of
        // padding: it is written field by field, which gives the bytes of
        // its layout when it has none.
        let size = INLINE + 8 + size_of::<V>();
        assert_eq!(size, size_of::<Entry<V>>(), "an entry has no padding");
        let mut bytes = Vec::with_capacity(self.entries.len() * size);
        for entry in self.entries.iter() {
            bytes.extend_from_slice(&entry.head);
            bytes.extend_from_slice(entry.start.as_bytes());
            bytes.extend_from_slice(entry.len.as_bytes());
            bytes.extend_from_slice(entry.value.as_bytes());
        }
        image.array(&bytes);
        image.array(&self.slots);
    }

    /// Reads a table written by [`KeyTable::write`], in place.
    pub fn read(image: &mut ImageReader<'static>) -> Result<Self, ImageError> {
        let (arena, entries, slots): (_, &[Entry<V>], &[Slot]) =
            (image.array()?, image.array()?, image.array()?);
        // Probing ends at an empty slot, which there must be.
        let sized = slots.len().is_power_of_two() && slots.len() > entries.len();
        if !(sized || slots.is_empty() && entries.is_empty()) {
            return Err(image.invalid("slots a power of two, more than the entries"));
        }
        Ok(KeyTable {
            arena: Cow::Borrowed(arena),
            entries: Cow::Borrowed(entries),
            slots: Cow::Borrowed(slots),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_finds_and_grows() {
        let mut table: KeyTable<usize> = KeyTable::default();
        assert!(table.get("x").is_none());
        for i in 0..1000 {
            *table.get_or_insert_with(&format!("key {i}"), || 0) += i;
        }
        *table.get_or_insert_with("key 7", || 99) += 1;
        assert_eq!(table.iter_mut().count(), 1000);
        assert_eq!(table.get("key 7"), Some(&8));
        assert_eq!(table.get("key 999"), Some(&999));
        assert!(table.get("key 1000").is_none());
        assert!(table.get("").is_none());
        let (key, value) = table.iter_mut().nth(3).unwrap();
        assert_eq!(key, "key 3");
        *value = 42;
        assert_eq!(table.get("key 3"), Some(&42));
        assert!(table.memory_usage() > 1000);
    }

    #[test]
    fn keys_longer_than_an_entry_holds_live_in_the_arena() {
        let mut table: KeyTable<usize> = KeyTable::with_capacity(4);
        let keys = [
            "sixteen bytes ok",
            "seventeen bytes !",
            "the arab front of iraq and the gulf",
            "",
        ];
        for (i, key) in keys.iter().enumerate() {
            *table.get_or_insert_with(key, || 0) = i;
        }
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(table.get(key), Some(&i));
        }
        // A key that shares the first sixteen bytes of a long one.
        assert!(table.get("seventeen bytes ?").is_none());
        assert!(table.get("the arab front of").is_none());
        let listed: Vec<&str> = table.iter().map(|(k, _)| k).collect();
        assert_eq!(listed, keys);
        let listed: Vec<&str> = table.iter_mut().map(|(k, _)| k).collect();
        assert_eq!(listed, keys);
    }

    #[test]
    fn bytes_are_the_same_as_slices_are_equal() {
        let text = b"the arab front of iraq and the gulf";
        for len in 0..=text.len() {
            let a = &text[..len];
            assert!(same_bytes(a, a), "{len}");
            for at in 0..len {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(a, &b), "{len} {at}");
            }
            assert!(!same_bytes(a, &text[..len.saturating_sub(1)]) || len == 0);
        }
    }

    #[test]
    fn keys_read_as_blocks_are_found_as_strings_are() {
        let mut table: KeyTable<usize> = KeyTable::with_capacity(4);
        let keys = ["iraq", "sixteen bytes ok", "seventeen bytes !", ""];
        for (i, key) in keys.iter().enumerate() {
            *table.get_or_insert_with(key, || 0) = i;
        }
        // Each key where it lies in a longer text, as a text's keys lie.
        let get = |key: &str| {
            let mut text = key.as_bytes().to_vec();
            text.extend_from_slice(b" and what follows");
            let block = text[..SHORT_KEY_BYTES].try_into().unwrap();
            table.get_short(key.as_bytes(), ShortKey::read(block, key.len()), hash(key))
        };
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(get(key), Some(&i), "{key:?}");
        }
        for key in ["ira", "iraqi", "seventeen bytes ?", "sixteen bytes o"] {
            assert_eq!(get(key), None, "{key:?}");
        }
    }
}
