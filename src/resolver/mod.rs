//! Stage 5, resolver: chooses among overlapping candidates, merges aliases
//! into entities and finds the further mentions those aliases give away.
//!
//! - [`overlap`] picks one reading wherever candidates overlap;
//! - [`compound`] widens a place inside a longer unexplained name ("Real
//!   Madrid") into that name;
//! - [`teams`] makes towns named as competitors in sports reports teams;
//! - [`alias`] merges the chosen mentions into entities;
//! - [`propagate`] finds later (or earlier) bare uses of a known name
//!   ("Sadr", "PMF") that no stage proposed on its own.

pub(crate) mod alias;
pub(crate) mod compound;
pub(crate) mod overlap;
pub(crate) mod propagate;
pub(crate) mod teams;

use crate::EntityKind;
use crate::candidate::Candidate;
use crate::gazetteer::Matcher;
use crate::rules::{Context, acronym};

/// An entity under construction: its kind, its gazetteer entry and its
/// mentions as token ranges.
#[derive(Clone, Debug)]
pub(crate) struct Cluster {
    pub kind: EntityKind,
    pub entry: Option<u32>,
    /// Token ranges, in no particular order until [`resolve`] sorts them.
    pub mentions: Vec<(usize, usize)>,
    /// Why other mentions were merged in, in merge order.
    pub reasons: Vec<alias::Reason>,
}

impl Cluster {
    fn from_candidate(c: &Candidate) -> Cluster {
        Cluster {
            kind: c.kind,
            entry: c.entry,
            mentions: vec![(c.start, c.end)],
            reasons: Vec::new(),
        }
    }

    /// Moves the mentions out, leaving this cluster empty.
    pub(crate) fn take(&mut self) -> Cluster {
        Cluster {
            kind: self.kind,
            entry: self.entry.take(),
            mentions: std::mem::take(&mut self.mentions),
            reasons: std::mem::take(&mut self.reasons),
        }
    }

    /// Takes over another cluster's mentions.
    pub(crate) fn absorb(&mut self, other: Cluster, reason: alias::Reason) {
        self.mentions.extend(other.mentions);
        if self.entry.is_none() {
            self.entry = other.entry;
        }
        self.reasons.push(reason);
    }

    /// The acronym this cluster is, when every mention is the same single
    /// all-capitals word.
    pub(crate) fn acronym<'t>(&self, cx: &Context<'t>) -> Option<&'t str> {
        let (s, e) = *self.mentions.first()?;
        let word = cx.word(s);
        let all_same = self
            .mentions
            .iter()
            .all(|&(ms, me)| me - ms == 1 && cx.word(ms) == word);
        (e - s == 1 && all_same && acronym::is_acronym(&cx.tokens[s], word)).then_some(word)
    }
}

/// A resolved entity: kind, name and token-range mentions in text order.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub kind: EntityKind,
    pub name: String,
    pub mentions: Vec<(usize, usize)>,
}

/// Runs the resolver on the candidates of one text.
pub(crate) fn resolve(
    cx: &Context<'_>,
    matcher: &Matcher,
    candidates: Vec<Candidate>,
) -> Vec<Resolved> {
    let mut chosen = overlap::choose(cx, candidates);
    compound::widen(cx, &mut chosen);
    teams::retype(cx, &mut chosen);
    let mut clusters: Vec<Cluster> = chosen.iter().map(Cluster::from_candidate).collect();
    alias::merge(cx, &mut clusters);
    propagate::propagate(cx, &mut clusters);
    let mut resolved: Vec<Resolved> = clusters
        .into_iter()
        .map(|mut c| {
            c.mentions.sort_unstable();
            c.mentions.dedup();
            let kind = c.kind;
            let name = match c.entry {
                Some(id) => matcher.entry_name(id).to_string(),
                None => longest_text(cx, &c.mentions),
            };
            Resolved {
                kind,
                name,
                mentions: c.mentions,
            }
        })
        .collect();
    resolved.sort_by_key(|r| r.mentions[0]);
    resolved
}

/// The text of the mention with the most words (the first of equals).
fn longest_text(cx: &Context<'_>, mentions: &[(usize, usize)]) -> String {
    let mut best = mentions[0];
    for &(s, e) in mentions {
        if alias::words(cx, s, e).len() > alias::words(cx, best.0, best.1).len() {
            best = (s, e);
        }
    }
    cx.text[cx.tokens[best.0].start..cx.tokens[best.1 - 1].end].to_string()
}
