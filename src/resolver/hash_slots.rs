//! A table from hashes to small numbers that keeps its memory for the
//! next document, sized anew for each and emptied by a new stamp rather
//! than by writing every slot. The resolver's indexes hold a few dozen
//! names a document: a general map cost more to fill and search than the
//! names cost to hash.

use crate::hash::GOLDEN;

/// Values by 64-bit keys whose high bits are well mixed (a name's hash, or
/// a number through [`mixed`]), by open addressing with linear probing.
/// [`HashSlots::reset`] empties it for at most so many keys: it takes a
/// new stamp, and a slot of an older one is empty. The slots in use are
/// the first so many the document needs, so that a search ends as soon as
/// in a table of that size, whatever the largest document seen needed.
pub(crate) struct HashSlots {
    /// Each slot's key, value and stamp: a slot holds a key only under the
    /// table's stamp.
    slots: Vec<(u64, u32, u32)>,
    /// The number of slots in use, less one (a power of two less one).
    mask: usize,
    /// How many slots hold a key.
    len: usize,
    /// The stamp of the slots that hold a key; slots are made with stamp
    /// 0, which is never the table's.
    stamp: u32,
}

impl Default for HashSlots {
    /// A table of one empty slot, searched as any other: a search needs
    /// no test of whether there are slots at all.
    fn default() -> Self {
        HashSlots {
            slots: vec![(0, 0, 0)],
            mask: 0,
            len: 0,
            stamp: 1,
        }
    }
}

impl HashSlots {
    /// Empties the table, with room for `most` keys.
    pub(crate) fn reset(&mut self, most: usize) {
        // At most a quarter full, so that most searches end at the first
        // slot: the probes of a table half full went on to a second slot
        // often enough that the processor mispredicted where they stop.
        let size = (most * 4).next_power_of_two().max(8);
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // Once in 2^32 resets: slots of every stamp may be there.
            self.slots.clear();
            self.stamp = 1;
        }
        if self.slots.len() < size {
            self.slots.resize(size, (0, 0, 0));
        }
        self.mask = size - 1;
        self.len = 0;
    }

    /// The first slot where key `key` is sought.
    #[inline]
    fn home(&self, key: u64) -> usize {
        // The high bits, which the multiplications of the hashes mix best.
        (key >> 32) as usize & self.mask
    }

    /// The value of key `key`, if it has one.
    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        let mut at = self.home(key);
        loop {
            let (k, value, stamp) = self.slots[at];
            if stamp != self.stamp {
                return None;
            }
            if k == key {
                return Some(value);
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Sets the value of key `key` to `value`, and returns the value it
    /// had, if any.
    #[inline]
    pub(crate) fn insert(&mut self, key: u64, value: u32) -> Option<u32> {
        let at = self.slot_for(key);
        let (_, old, stamp) = std::mem::replace(&mut self.slots[at], (key, value, self.stamp));
        if stamp != self.stamp {
            self.len += 1;
            return None;
        }
        Some(old)
    }

    /// Gives key `key` the value `value` if it has none yet.
    #[inline]
    pub(crate) fn insert_new(&mut self, key: u64, value: u32) {
        let at = self.slot_for(key);
        if self.slots[at].2 != self.stamp {
            self.slots[at] = (key, value, self.stamp);
            self.len += 1;
        }
    }

    /// The slot of key `key`, or the empty slot it is to take, with room
    /// made for one more key.
    #[inline]
    fn slot_for(&mut self, key: u64) -> usize {
        if (self.len + 1) * 2 > self.mask + 1 {
            self.grow();
        }
        let mut at = self.home(key);
        loop {
            let (k, _, stamp) = self.slots[at];
            if stamp != self.stamp || k == key {
                return at;
            }
            at = (at + 1) & self.mask;
        }
    }

    /// Doubles the slots in use, for more keys than [`HashSlots::reset`]
    /// was told.
    #[cold]
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let (in_use, stamp) = (self.mask + 1, self.stamp);
        self.reset(in_use.max(4));
        for &(key, value, slot_stamp) in &old[..old.len().min(in_use)] {
            if slot_stamp == stamp {
                self.insert(key, value);
            }
        }
    }
}

/// A number spread over all 64 bits, as a key of [`HashSlots`]: distinct
/// numbers stay distinct.
pub(crate) fn mixed(n: u32) -> u64 {
    u64::from(n).wrapping_mul(GOLDEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_keep_their_latest_values_past_the_room_reset_gave() {
        let mut slots = HashSlots::default();
        assert_eq!(slots.get(7), None);
        slots.reset(2);
        // Keys that share their home slot, and more of them than told.
        let keys: Vec<u64> = (0..40).map(|i| (i % 3) << 32 | i).collect();
        for (value, &key) in keys.iter().enumerate() {
            assert_eq!(slots.insert(key, value as u32), None);
        }
        assert_eq!(slots.insert(keys[5], 100), Some(5));
        // A key with a value keeps it.
        slots.insert_new(keys[6], 200);
        slots.insert_new(1 << 32 | 98, 98);
        assert_eq!(slots.get(1 << 32 | 98), Some(98));
        for (value, &key) in keys.iter().enumerate() {
            let expected = if value == 5 { 100 } else { value as u32 };
            assert_eq!(slots.get(key), Some(expected));
        }
        assert_eq!(slots.get(1 << 32 | 99), None);
        slots.reset(1);
        assert_eq!(slots.get(keys[0]), None);
    }

    #[test]
    fn a_reset_forgets_the_keys_of_every_table_before() {
        let mut slots = HashSlots::default();
        slots.reset(100);
        for n in 0..100 {
            slots.insert(mixed(n), n);
        }
        // Fewer slots in use, over slots that held keys.
        slots.reset(1);
        assert!((0..100).all(|n| slots.get(mixed(n)).is_none()));
        assert_eq!(slots.insert(mixed(7), 70), None);
        slots.insert_new(mixed(8), 80);
        assert_eq!(slots.get(mixed(7)), Some(70));
        assert_eq!(slots.get(mixed(8)), Some(80));
        // As many slots again: none of the first keys is back.
        slots.reset(100);
        assert!((0..100).all(|n| slots.get(mixed(n)).is_none()));
    }

    #[test]
    fn mixed_numbers_stay_apart() {
        let mut slots = HashSlots::default();
        slots.reset(1000);
        for n in 0..1000 {
            assert_eq!(slots.insert(mixed(n), n), None);
        }
        assert!((0..1000).all(|n| slots.get(mixed(n)) == Some(n)));
        assert_eq!(slots.get(mixed(1000)), None);
    }
}
