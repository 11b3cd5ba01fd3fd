//! Choosing among overlapping candidates.
//!
//! The rule, in order:
//!
//! 1. Inadmissible candidates go: a lone stop word or particle ("May",
//!    "Al") unless a title vouches for it.
//! 2. Candidates with the same span are one reading; its kind is the kind
//!    proposed by the strongest evidence (title > gazetteer > designator >
//!    acronym > given name), and it keeps the highest-ranked gazetteer
//!    entry of that kind, if any.
//! 3. Readings are taken longest first, then by strength of evidence, then
//!    by rank, then leftmost; a reading that overlaps one already taken is
//!    dropped. Guesses from capitalisation alone come after all the rest,
//!    whatever their length: they fill gaps, never displace.

use crate::candidate::{Candidate, Evidence};
use crate::rules::Context;

/// Returns the chosen, non-overlapping candidates in text order.
pub(crate) fn choose(cx: &Context<'_>, mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.retain(|c| admissible(cx, c));
    // Same span: strongest evidence first, then rank.
    candidates.sort_unstable_by(|a, b| {
        (a.start, a.end)
            .cmp(&(b.start, b.end))
            .then(b.evidence.cmp(&a.evidence))
            .then(b.rank.cmp(&a.rank))
            .then(a.entry.cmp(&b.entry))
            .then(a.kind.cmp(&b.kind))
    });
    let mut readings: Vec<Candidate> = Vec::with_capacity(candidates.len());
    let mut i = 0;
    while i < candidates.len() {
        let mut reading = candidates[i];
        let mut j = i + 1;
        while j < candidates.len()
            && (candidates[j].start, candidates[j].end) == (reading.start, reading.end)
        {
            let other = candidates[j];
            if reading.entry.is_none() && other.entry.is_some() && other.kind == reading.kind {
                reading.entry = other.entry;
                reading.rank = other.rank;
            }
            j += 1;
        }
        readings.push(reading);
        i = j;
    }
    readings.sort_unstable_by(|a, b| {
        let weak = |c: &Candidate| c.evidence == Evidence::Guess;
        weak(a)
            .cmp(&weak(b))
            .then(b.len().cmp(&a.len()))
            .then(b.evidence.cmp(&a.evidence))
            .then(b.rank.cmp(&a.rank))
            .then(a.start.cmp(&b.start))
    });
    let mut taken = vec![false; cx.tokens.len()];
    let mut chosen = Vec::new();
    for reading in readings {
        if taken[reading.start..reading.end].iter().any(|&t| t) {
            continue;
        }
        taken[reading.start..reading.end].fill(true);
        chosen.push(reading);
    }
    chosen.sort_unstable_by_key(|c| c.start);
    chosen
}

/// Whether a candidate may become a mention at all.
fn admissible(cx: &Context<'_>, c: &Candidate) -> bool {
    if c.len() != 1 {
        return true;
    }
    let word = cx.word(c.start);
    if cx.is_particle(c.start) || !word.chars().any(char::is_alphanumeric) {
        return false;
    }
    c.evidence == Evidence::Title || !cx.is_stopword(c.start)
}
