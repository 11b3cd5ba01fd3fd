//! A hash table from strings to values whose keys live in one arena.
//!
//! The default gazetteers hold hundreds of thousands of phrase keys; one
//! allocation per key made building (and dropping) the tables cost more
//! than the start-up budget. Here every key is a range of one `String`, the
//! table is open-addressed with linear probing, and looking up a `&str`
//! needs no allocation.

use crate::hash::hash_key as hash;

/// No entry in a slot.
const EMPTY: u32 = u32::MAX;

/// Where a key lives in the arena.
#[derive(Clone, Copy, Debug)]
struct Key {
    start: u32,
    len: u32,
}

/// A slot: the low half of a key's hash, so that probing rarely has to look
/// at the key itself, and the key's index, or [`EMPTY`].
#[derive(Clone, Copy, Debug)]
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

/// A string-keyed hash table with its keys in one arena.
#[derive(Clone, Debug)]
pub(crate) struct KeyTable<V> {
    arena: String,
    keys: Vec<Key>,
    values: Vec<V>,
    /// A power of two long.
    slots: Vec<Slot>,
}

impl<V> Default for KeyTable<V> {
    fn default() -> Self {
        KeyTable {
            arena: String::new(),
            keys: Vec::new(),
            values: Vec::new(),
            slots: Vec::new(),
        }
    }
}

impl<V> KeyTable<V> {
    /// An empty table with room for `keys` keys of about `bytes` bytes in
    /// all, so that building it never rehashes.
    pub fn with_capacity(keys: usize, bytes: usize) -> Self {
        KeyTable {
            arena: String::with_capacity(bytes),
            keys: Vec::with_capacity(keys),
            values: Vec::with_capacity(keys),
            slots: vec![VACANT; slots_for(keys)],
        }
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn key(&self, k: Key) -> &str {
        &self.arena[k.start as usize..(k.start + k.len) as usize]
    }

    /// The bytes of key `index`: compared as bytes, a key needs no check
    /// that its ends fall on character boundaries, as slicing a `str` does.
    fn key_bytes(&self, index: u32) -> &[u8] {
        let k = self.keys[index as usize];
        &self.arena.as_bytes()[k.start as usize..(k.start + k.len) as usize]
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn slot(&self, key: &str, h: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (h >> 32) as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot.index == EMPTY
                || (slot.hash == h as u32 && self.key_bytes(slot.index) == key.as_bytes())
            {
                return i;
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
        if self.slots.is_empty() {
            return None;
        }
        let index = self.slots[self.slot(key, hash)].index;
        (index != EMPTY).then(|| &self.values[index as usize])
    }

    /// The value of `key`, inserting `make()` first if it is absent.
    pub fn get_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> &mut V {
        let index = self.index_or_insert_with(key, make);
        &mut self.values[index]
    }

    /// The value at an index returned by [`KeyTable::index_or_insert_with`].
    pub fn value_mut(&mut self, index: usize) -> &mut V {
        &mut self.values[index]
    }

    /// The index of `key`'s value, inserting `make()` first if it is absent.
    ///
    /// # Panics
    ///
    /// When the arena would pass 4 GiB, which gazetteers never approach.
    pub fn index_or_insert_with(&mut self, key: &str, make: impl FnOnce() -> V) -> usize {
        if slots_for(self.keys.len() + 1) > self.slots.len() {
            self.grow();
        }
        let h = hash(key);
        let slot = self.slot(key, h);
        if self.slots[slot].index == EMPTY {
            let start = u32::try_from(self.arena.len()).expect("key arena under 4 GiB");
            let len = u32::try_from(key.len()).expect("key under 4 GiB");
            self.arena.push_str(key);
            self.slots[slot] = Slot {
                hash: h as u32,
                index: self.keys.len() as u32,
            };
            self.keys.push(Key { start, len });
            self.values.push(make());
        }
        self.slots[slot].index as usize
    }

    /// Doubles the slots (at least 16) and re-inserts every key.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let mut slots = vec![VACANT; size];
        let mask = size - 1;
        for (index, &k) in self.keys.iter().enumerate() {
            let h = hash(self.key(k));
            let mut i = (h >> 32) as usize & mask;
            while slots[i].index != EMPTY {
                i = (i + 1) & mask;
            }
            slots[i] = Slot {
                hash: h as u32,
                index: index as u32,
            };
        }
        self.slots = slots;
    }

    /// Every key and value, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.keys.iter().map(|&k| self.key(k)).zip(&self.values)
    }

    /// Every key and value, in insertion order, values to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut V)> {
        let arena = &self.arena;
        self.keys
            .iter()
            .map(move |k| &arena[k.start as usize..(k.start + k.len) as usize])
            .zip(&mut self.values)
    }

    /// Heap bytes held.
    pub fn memory_usage(&self) -> usize {
        self.arena.capacity()
            + self.keys.capacity() * std::mem::size_of::<Key>()
            + self.values.capacity() * std::mem::size_of::<V>()
            + self.slots.capacity() * std::mem::size_of::<Slot>()
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
}
