//! Mining: names typed by strong evidence across the corpus become
//! gazetteer entries (see the parent module's docs for what is left out).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::decision_list::List;
use super::{KINDS, Learner, Source};
use crate::EntityKind;

/// A mined name with its counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Mined {
    /// Its kind.
    pub kind: EntityKind,
    /// The name as written.
    pub name: String,
    /// The documents it is typed with its kind in.
    pub documents: u32,
    /// Its occurrences typed with its kind.
    pub occurrences: u32,
    /// Its occurrences typed with any kind.
    pub typed: u32,
    pub(super) sources: Vec<(Source, u32)>,
}

impl Learner<'_> {
    /// Mines names (see the module docs).
    pub(super) fn mine(&self, list: &List, log: &mut String) -> Vec<Mined> {
        #[derive(Default)]
        struct Tally {
            /// Typed occurrences per kind.
            kinds: [u32; 3],
            /// Documents per kind, and the last document counted.
            documents: [(u32, Option<u32>); 3],
            /// Occurrences per kind and source.
            sources: BTreeMap<(u8, Source), u32>,
            /// Whether some occurrence holds a title or role word.
            titled: bool,
            /// Whether some occurrence looks cut short.
            cut: bool,
            /// Whether some occurrence ends with a designator of another kind.
            misdesignated: bool,
        }
        let mut tallies: BTreeMap<u32, Tally> = BTreeMap::new();
        for record in &self.records {
            if record.listed {
                continue;
            }
            let typed = match record.seed {
                Some((k, source)) if source != Source::Gazetteer => Some((k, source)),
                Some(_) => None,
                None => {
                    let ids = &self.features[record.context as usize..record.to as usize];
                    list.decide(ids)
                        .filter(|&(_, strength)| strength >= self.params.threshold)
                        .map(|(k, _)| (k, Source::Context))
                }
            };
            let Some((k, source)) = typed else { continue };
            let tally = tallies.entry(record.name).or_default();
            tally.kinds[k as usize] += 1;
            tally.titled |= record.titled;
            tally.cut |= record.cut;
            if record.designated.is_some_and(|d| d != KINDS[k as usize]) {
                tally.misdesignated = true;
            }
            let (documents, last) = &mut tally.documents[k as usize];
            if source != Source::Context && *last != Some(record.document) {
                *documents += 1;
                *last = Some(record.document);
            }
            *tally.sources.entry((k, source)).or_default() += 1;
        }
        let mut mined = Vec::new();
        for (name, tally) in &tallies {
            let total: u32 = tally.kinds.iter().sum();
            let (k, &count) = tally
                .kinds
                .iter()
                .enumerate()
                .max_by_key(|&(k, c)| (c, std::cmp::Reverse(k)))
                .expect("three kinds");
            let documents = tally.documents[k].0;
            let agreement = f64::from(count) / f64::from(total);
            let text = self.names.text(*name);
            // A name typed by its designator alone is found by that
            // designator wherever it occurs: an entry would add nothing.
            let beyond_designator = tally
                .sources
                .iter()
                .any(|(&(kind, source), _)| kind as usize == k && source != Source::Designator);
            let person_of_one_word = KINDS[k] == EntityKind::Person && !text.contains(' ');
            if !beyond_designator
                || person_of_one_word
                || tally.titled
                || tally.cut
                || tally.misdesignated
                || (documents as usize) < self.params.mine_documents
                || agreement < self.params.mine_agreement
                || !minable(text)
            {
                continue;
            }
            let sources = Source::ALL
                .iter()
                .filter_map(|&s| tally.sources.get(&(k as u8, s)).map(|&n| (s, n)))
                .collect();
            mined.push(Mined {
                kind: KINDS[k],
                name: text.to_string(),
                documents,
                occurrences: count,
                typed: total,
                sources,
            });
        }
        mined.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
        for kind in KINDS {
            let n = mined.iter().filter(|m| m.kind == kind).count();
            let _ = writeln!(log, "mined: {kind} {n}");
        }
        mined
    }
}

/// Whether a name typed many times may become a gazetteer entry: at most
/// six words, each a capitalised word or a small joiner, with a lower-case
/// letter somewhere unless it is one acronym, and no digit.
fn minable(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() > 6
        || name
            .chars()
            .any(|c| c.is_ascii_digit() || c == '\t' || c == '|')
    {
        return false;
    }
    let acronym = words.len() == 1
        && (2..=6).contains(&name.chars().filter(|c| c.is_alphabetic()).count())
        && !name.chars().any(char::is_lowercase);
    acronym
        || (name.chars().any(char::is_lowercase)
            && name.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(super) fn minable_names() {
        assert!(minable("Kowalczyk Fabryka"));
        assert!(minable("IMF"));
        assert!(!minable("ARMY OF GOD"));
        assert!(!minable("Route 66"));
        assert!(!minable("a b c d e f g"));
        assert!(!minable("mid-year"));
    }
}
