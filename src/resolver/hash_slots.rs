//! A table from hashes to small numbers that keeps its memory for the
//! next document, sized anew for each. The resolver's indexes hold a few
//! dozen names a document: a general map cost more to fill and search
//! than the names cost to hash.

use crate::hash::GOLDEN;

/// What an empty slot holds for its value.
const EMPTY: u32 = u32::MAX;

/// Values by 64-bit keys whose high bits are well mixed (a name's hash, or
/// a number through [`mixed`]), by open addressing with linear probing.
/// [`HashSlots::reset`] empties it for at most so many keys, so that
/// emptying it costs what the document needs, not what the largest one
/// seen needed.
#[derive(Default)]
pub(crate) struct HashSlots {
    /// Each slot's key and value, the value [`EMPTY`] in an empty slot.
    slots: Vec<(u64, u32)>,
    /// How many slots hold a key.
    len: usize,
}

impl HashSlots {
    /// Empties the table, with room for `most` keys.
    pub(crate) fn reset(&mut self, most: usize) {
        // At most half full, so that a search ends soon on an empty slot.
        let size = (most * 2).next_power_of_two().max(8);
        self.slots.clear();
        self.slots.resize(size, (0, EMPTY));
        self.len = 0;
    }

    /// The first slot where key `key` is sought.
    #[inline]
    fn home(&self, key: u64) -> usize {
        // The high bits, which the multiplications of the hashes mix best.
        (key >> 32) as usize & (self.slots.len() - 1)
    }

    /// The value of key `key`, if it has one.
    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let (k, value) = self.slots[at];
            if value == EMPTY {
                return None;
            }
            if k == key {
                return Some(value);
            }
            at = (at + 1) & mask;
        }
    }

    /// Sets the value of key `key` to `value`, and returns the value it
    /// had, if any.
    #[inline]
    pub(crate) fn insert(&mut self, key: u64, value: u32) -> Option<u32> {
        debug_assert!(value != EMPTY);
        let at = self.slot_for(key);
        let (_, old) = std::mem::replace(&mut self.slots[at], (key, value));
        if old == EMPTY {
            self.len += 1;
            return None;
        }
        Some(old)
    }

    /// Gives key `key` the value `value` if it has none yet.
    #[inline]
    pub(crate) fn insert_new(&mut self, key: u64, value: u32) {
        let at = self.slot_for(key);
        if self.slots[at].1 == EMPTY {
            self.slots[at] = (key, value);
            self.len += 1;
        }
    }

    /// The slot of key `key`, or the empty slot it is to take, with room
    /// made for one more key.
    #[inline]
    fn slot_for(&mut self, key: u64) -> usize {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(key);
        loop {
            let (k, value) = self.slots[at];
            if value == EMPTY || k == key {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// Doubles the slots, for more keys than [`HashSlots::reset`] was told.
    #[cold]
    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.reset(old.len().max(4));
        for (key, value) in old {
            if value != EMPTY {
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
