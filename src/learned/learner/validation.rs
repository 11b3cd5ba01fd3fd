//! Which classes of rules may type names no list holds: each class (a
//! feature tag and a kind) is checked on labelled validation texts,
//! deciding as the extractor does (see the parent module's docs).

use std::collections::BTreeMap;

use super::Learner;
use super::output::Learned;
use crate::EntityKind;
use crate::candidate::Evidence;
use crate::learned::features::{self, Features};
use crate::learned::{CommonWords, LearnedRules};

/// A name of labelled text, for validation: its byte span and kind (`None`
/// for a name of none of the four kinds, which no decision is scored on).
/// Score groups as organisations: the rules do not tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoldSpan {
    /// Where it starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Its kind.
    pub kind: Option<EntityKind>,
}

/// A class of rules (a feature tag and a kind) and its decisions on the
/// validation texts.
#[derive(Clone, Copy, Debug)]
pub(super) struct Class {
    pub(super) tag: u8,
    pub(super) kind: EntityKind,
    pub(super) right: u32,
    pub(super) typed: u32,
    pub(super) used: bool,
}

impl Learner<'_> {
    /// The decisions on new names of each class of rules on the validation
    /// texts, and whether it passes (see [`Params::validation_precision`]).
    pub(super) fn validate(&self, learned: &Learned) -> Vec<Class> {
        let mut rules = LearnedRules::parse("learned rules", &learned.rules_file())
            .expect("the learner writes rules it can read");
        rules.common = CommonWords::of(learned.common.iter().map(|(w, _)| w.as_str()));
        let mut tally: BTreeMap<(u8, EntityKind), (u32, u32)> = BTreeMap::new();
        let mut features = Features::default();
        for (text, gold) in &self.validation {
            self.extractor.proposals(text, |cx, candidates| {
                for example in features::examples(cx) {
                    let (start, end) = (example.start, example.end);
                    let covered = candidates
                        .iter()
                        .any(|c| c.evidence != Evidence::Guess && c.start < end && start < c.end);
                    let words = cx.word_hashes(start, end);
                    if covered || rules.common.all_common(words) {
                        continue;
                    }
                    let Some(rule) = rules.decide(cx, &mut features, example) else {
                        continue;
                    };
                    let span = (cx.tokens[start].start(), cx.tokens[end - 1].end());
                    let right = match gold.iter().find(|g| (g.start, g.end) == span) {
                        Some(GoldSpan { kind: None, .. }) => continue,
                        Some(g) => g.kind == Some(rule.kind),
                        None => false,
                    };
                    let counts = tally.entry((rule.tag, rule.kind)).or_default();
                    counts.0 += u32::from(right);
                    counts.1 += 1;
                }
            });
        }
        let p = &self.params;
        tally
            .into_iter()
            .map(|((tag, kind), (right, typed))| Class {
                tag,
                kind,
                right,
                typed,
                used: typed >= p.validation_support
                    && f64::from(right) >= p.validation_precision * f64::from(typed),
            })
            .collect()
    }
}
