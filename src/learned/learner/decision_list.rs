//! A decision list under construction, by feature id: the rule of each
//! feature, and the decision of the strongest rule a set of features fires.

/// A rule of a decision list under construction.
#[derive(Clone, Copy, Debug)]
pub(super) struct ListRule {
    pub(super) kind: u8,
    pub(super) strength: f64,
    pub(super) labelled: u32,
    pub(super) agreeing: u32,
}

/// A decision list by feature id.
#[derive(Default)]
pub(super) struct List {
    pub(super) rules: Vec<Option<ListRule>>,
    pub(super) len: usize,
}

impl List {
    pub(super) fn new(features: usize) -> Self {
        List {
            rules: vec![None; features],
            len: 0,
        }
    }

    pub(super) fn insert(
        &mut self,
        id: u32,
        kind: u8,
        strength: f64,
        labelled: u32,
        agreeing: u32,
    ) {
        let slot = &mut self.rules[id as usize];
        if slot.is_none() {
            self.len += 1;
        }
        *slot = Some(ListRule {
            kind,
            strength,
            labelled,
            agreeing,
        });
    }

    pub(super) fn remove(&mut self, id: u32) {
        if self.rules[id as usize].take().is_some() {
            self.len -= 1;
        }
    }

    /// Adds the rules of `other` that this list lacks.
    pub(super) fn merge(&mut self, other: &List) {
        if self.rules.len() < other.rules.len() {
            self.rules.resize(other.rules.len(), None);
        }
        for (id, rule) in other.iter() {
            if self.rules[id as usize].is_none() {
                self.insert(id, rule.kind, rule.strength, rule.labelled, rule.agreeing);
            }
        }
    }

    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (u32, ListRule)> + '_ {
        self.rules
            .iter()
            .enumerate()
            .filter_map(|(id, r)| r.map(|r| (id as u32, r)))
    }

    /// The kind and strength of the strongest rule that the features
    /// `ids` fire (ties: the first kind).
    pub(super) fn decide(&self, ids: &[u32]) -> Option<(u8, f64)> {
        let mut best: Option<(u8, f64)> = None;
        for &id in ids {
            let Some(Some(rule)) = self.rules.get(id as usize) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((kind, strength)) => {
                    rule.strength > strength || (rule.strength == strength && rule.kind < kind)
                }
            };
            if better {
                best = Some((rule.kind, rule.strength));
            }
        }
        best
    }
}
