//! Which gazetteer file each entry of an extractor came from.
//!
//! The matcher numbers entity entries in the order it compiles them: the
//! default files' in file-name order, then the user's sources in the order
//! given to the builder. Knowing how many entity entries each source holds
//! is enough to name the source of any entry; for the default files that
//! count needs a pass over their text, made on the first explaining call
//! (extraction never needs it).

use std::sync::OnceLock;

use crate::gazetteer;

/// The sources of an extractor's entries, in the matcher's order.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sources {
    /// The default files compiled, in file-name order.
    defaults: Vec<&'static str>,
    /// The user's sources, in order: a name and how many entity entries.
    user: Vec<(String, u32)>,
    /// The first entry of each source, made when first asked.
    firsts: OnceLock<Vec<(u32, String)>>,
}

impl Sources {
    /// The sources of an extractor that compiled the default files
    /// `defaults` and then the user's sources `user` (a name and how many
    /// entity entries each holds).
    pub(crate) fn new(defaults: Vec<&'static str>, user: Vec<(String, u32)>) -> Sources {
        Sources {
            defaults,
            user,
            firsts: OnceLock::new(),
        }
    }

    /// The source of entry `id`.
    pub(crate) fn of(&self, id: u32) -> &str {
        let firsts = self.firsts.get_or_init(|| self.firsts());
        let at = firsts.partition_point(|&(first, _)| first <= id);
        at.checked_sub(1).map_or("", |i| firsts[i].1.as_str())
    }

    fn firsts(&self) -> Vec<(u32, String)> {
        let mut firsts = Vec::with_capacity(self.defaults.len() + self.user.len());
        let mut next = 0u32;
        for &name in &self.defaults {
            let records = gazetteer::default_records_of(|n| n == name).unwrap_or_default();
            let count = records.iter().filter(|r| r.kind.entity().is_some()).count();
            firsts.push((next, name.to_string()));
            next = next.saturating_add(u32::try_from(count).unwrap_or(u32::MAX));
        }
        for (name, count) in &self.user {
            firsts.push((next, name.clone()));
            next = next.saturating_add(*count);
        }
        // A source without entity entries starts where the next does.
        firsts.reverse();
        firsts.dedup_by_key(|&mut (first, _)| first);
        firsts.reverse();
        firsts
    }
}
