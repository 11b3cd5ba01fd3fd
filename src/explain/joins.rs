//! Which rule joined each mention of an entity to which other.
//!
//! The resolver merges clusters of mentions step by step; what it leaves
//! is one entity. Here each mention after the entity's first is tied to an
//! earlier one (or, where only a later one explains it, a later one) by the
//! rule that holds between the two, checked in the resolver's order: the
//! same name or gazetteer entry first, then the person-name rules, then
//! the acronym rules. Every mention is tied to one already tied to the
//! first, so that following `to` from any mention leads to the first.

use std::collections::{HashMap, HashSet};

use super::trace::{Facts, Finder};
use super::{Found, JoinRule, Joined};
use crate::EntityKind;

/// The join of every mention of one entity, whose facts are `facts` in
/// text order: `None` for the first, and for a mention no rule ties to
/// the others (which the resolver never makes).
pub(super) fn joins(facts: &[&Facts]) -> Vec<Option<Joined>> {
    let n = facts.len();
    let mut joined: Vec<Option<Joined>> = vec![None; n];
    if n == 0 {
        return joined;
    }
    let mut tied = Tied {
        is: vec![false; n],
        ..Tied::default()
    };
    let by_span: HashMap<(usize, usize), usize> =
        facts.iter().enumerate().map(|(i, f)| (f.span, i)).collect();
    tied.add(0, facts[0]);
    loop {
        let mut progress = false;
        for i in 1..n {
            if tied.is[i] {
                continue;
            }
            let f = facts[i];
            let found = tied
                .by_name
                .get(f.words.as_slice())
                .map(|&j| (JoinRule::SameName, j))
                .or_else(|| {
                    let j = *tied.by_entry.get(&f.entry?)?;
                    Some((JoinRule::SameEntry, j))
                })
                .or_else(|| {
                    // The name this acronym follows in parentheses.
                    let j = *by_span.get(&f.defines?)?;
                    tied.is[j].then_some((JoinRule::AcronymDefinition, j))
                })
                .or_else(|| {
                    // Earlier names first.
                    let earlier = tied.names.iter().filter(|&&j| j < i);
                    let later = tied.names.iter().filter(|&&j| j > i);
                    earlier
                        .chain(later)
                        .find_map(|&j| rule(f, facts[j]).map(|r| (r, j)))
                });
            if let Some((rule, to)) = found {
                joined[i] = Some(Joined { rule, to });
                tied.add(i, f);
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    joined
}

/// The mentions tied to the first so far.
#[derive(Default)]
struct Tied<'f> {
    /// Whether each mention is.
    is: Vec<bool>,
    /// The first of them of each name.
    by_name: HashMap<&'f [String], usize>,
    /// The first of them of each gazetteer entry.
    by_entry: HashMap<u32, usize>,
    /// The first of each name and initials ("HOUSE OF FABRICS" and "House
    /// of Fabrics" have different ones), in the order tied: the only ones
    /// the rules other than a shared name or entry are checked against.
    names: Vec<usize>,
    spellings: HashSet<(&'f [String], Option<&'f str>)>,
}

impl<'f> Tied<'f> {
    fn add(&mut self, i: usize, facts: &'f Facts) {
        self.is[i] = true;
        self.by_name.entry(&facts.words).or_insert(i);
        if self
            .spellings
            .insert((&facts.words, facts.initials.as_deref()))
        {
            self.names.push(i);
        }
        if let Some(entry) = facts.entry {
            self.by_entry.entry(entry).or_insert(i);
        }
    }
}

/// The rule of the resolver's, other than a shared name or entry, that
/// makes mentions `a` and `b` one entity, if one does.
fn rule(a: &Facts, b: &Facts) -> Option<JoinRule> {
    let (short, long) = if a.words.len() <= b.words.len() {
        (a, b)
    } else {
        (b, a)
    };
    let (s, l) = (short.words.as_slice(), long.words.as_slice());
    let person = a.person && b.person;
    if person && s.len() >= 2 && s.len() < l.len() && s.first() == l.first() && s.last() == l.last()
    {
        return Some(JoinRule::MiddleName);
    }
    if person && s.len() == 1 && l.len() >= 2 && s[0] == l[0] && s.last() != l.last() {
        return Some(JoinRule::GivenName);
    }
    if person && !s.is_empty() && s.len() < l.len() && l.ends_with(s) {
        // A word a list took for a place or an organisation, or a person's
        // name's ending.
        return Some(if short.kind == EntityKind::Person {
            JoinRule::PersonSuffix
        } else {
            JoinRule::PersonSurname
        });
    }
    if a.defines == Some(b.span) || b.defines == Some(a.span) {
        return Some(JoinRule::AcronymDefinition);
    }
    let spells = |x: &Facts, y: &Facts| {
        x.acronym.as_ref().is_some_and(|acronym| {
            y.initials.as_ref() == Some(acronym) || y.other_initials.contains(acronym)
        })
    };
    if spells(a, b) || spells(b, a) {
        return Some(JoinRule::AcronymInitials);
    }
    let name_word = matches!(short.found, Finder::Other(Found::NameWord));
    if name_word && s.len() == 1 && l.len() > 1 && l.contains(&s[0]) {
        return Some(JoinRule::NameWord);
    }
    let organisation = a.kind == EntityKind::Organisation && b.kind == EntityKind::Organisation;
    if organisation && s.len() == 1 && l.len() > 1 && (l[0] == s[0] || l.last() == s.last()) {
        return Some(JoinRule::HeadWord);
    }
    // A capital that stands for its government, in its country's entity:
    // the only one where such a mention meets another kind.
    if a.government.is_some() != b.government.is_some() {
        return Some(JoinRule::Capital);
    }
    None
}
