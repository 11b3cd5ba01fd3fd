//! Compounds: a place name inside a longer name is usually not the place.
//!
//! "Real Madrid", "Red Star Belgrade", "Blackburn Rovers", "Kenya Breweries",
//! "U.S. Pacific Command": when the run of capitalised words around a
//! chosen place mention holds further capitalised words that no other
//! mention explains, the whole run names something else and becomes one
//! mention: an organisation, unless a place designator ends it ("Botany
//! Bay") or a compass word starts it ("New England"). Titles, stop words
//! given names and a sentence's first word do not count as further words,
//! so "US President Biden", "Netherlands Anna Visser" and "Monday Baghdad"
//! are left alone; nor do headlines,
//! where every word is capitalised.
//!
//! An organisation a list knows widens the same way
//! ([`WIDEN_ORGANISATIONS`]): "Barclays Capital", "Seibu Railways",
//! "Citigroup Global Markets" are bodies of their own, mostly a part of
//! the listed one, and "Google Analytics" or "FIFA World Cup" are products
//! and events named after it, of which the organisation's mention alone
//! is no mention either.
//!
//! Before the overlapping readings are settled, a body that a designator
//! names from a word inside a listed place takes the whole place in
//! ([`join_places`]): "Tobago Court of Appeal" inside "Trinidad and Tobago
//! Court of Appeal".

use super::is_of;
use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::tokenizer::Headline;
use crate::wordlists::PLACE_PREFIXES;

/// A compound is a place when a place designator ends it ("Botany Bay",
/// "Inca Trail") or a compass word starts it ("New England");
/// otherwise an organisation.
fn compound_kind(cx: &Document<'_>, start: usize, end: usize) -> EntityKind {
    if cx
        .designator_kinds_after(end - 1)
        .any(|kind| kind == EntityKind::Place)
        || PLACE_PREFIXES.contains(&cx.keys.get(start))
    {
        EntityKind::Place
    } else {
        EntityKind::Organisation
    }
}

/// Whether a listed organisation inside a longer unexplained name widens
/// into it as a place does. Off, for the ablation, it stays as the list
/// found it.
const WIDEN_ORGANISATIONS: bool = true;

/// Whether a body a designator names from inside a listed place takes
/// the place in. Off, for the ablation, the two readings stay as the
/// rules made them.
const JOIN_PLACES: bool = true;

/// How many tokens into a body's name a listed place it starts inside may
/// reach: places are short ("Trinidad and Tobago" reaches one token into
/// "Tobago Court of Appeal").
const LONGEST_PLACE: usize = 8;

/// Adds, for every organisation a designator names that starts inside a
/// listed place ("Tobago Court of Appeal" in "Trinidad and Tobago"), the
/// organisation over the whole place ("Trinidad and Tobago Court of
/// Appeal"): the longer reading, which overlap resolution takes. Runs
/// before it, on the candidates in any order. `places` is a buffer, kept
/// from one document to the next: most documents name a body, and a new
/// vector of their places for each cost more than the rest of the step.
pub(crate) fn join_places(candidates: &mut Vec<Candidate>, places: &mut Vec<(usize, usize)>) {
    // Its kind and evidence asked as one number, for one branch where the
    // two comparisons made two, the first of which went either way by the
    // kind of each candidate.
    let is_body = |c: &Candidate| is_of(c, EntityKind::Organisation, Evidence::Designator);
    if !JOIN_PLACES || !candidates.iter().any(is_body) {
        return;
    }
    // The listed places by where they end: those that end inside a body
    // are found by a binary search, not a look at every place. Every
    // candidate is written, and only a place moves the end on past it: no
    // branch on the kind of each.
    places.clear();
    places.resize(candidates.len(), (0, 0));
    let mut listed = 0;
    for p in candidates.iter() {
        places[listed] = (p.end, p.start);
        listed += usize::from(is_of(p, EntityKind::Place, Evidence::Gazetteer));
    }
    places.truncate(listed);
    places.sort_unstable();
    for k in 0..candidates.len() {
        let body = candidates[k];
        if !is_body(&body) {
            continue;
        }
        let first = places.partition_point(|&(end, _)| end <= body.start);
        let last = body.end.min(body.start + LONGEST_PLACE);
        let place_start = places[first..]
            .iter()
            .take_while(|&&(end, _)| end < last)
            .map(|&(_, start)| start)
            .filter(|&start| start < body.start)
            .min();
        if let Some(start) = place_start {
            candidates.push(Candidate { start, ..body });
        }
    }
}

/// Widens place and organisation mentions that sit inside longer
/// unexplained names. `chosen` is in text order, without overlaps, and
/// stays so.
pub(crate) fn widen(cx: &Document<'_>, chosen: &mut [Candidate]) {
    for k in 0..chosen.len() {
        let c = chosen[k];
        let looked_at = match c.kind {
            EntityKind::Place => true,
            EntityKind::Organisation => WIDEN_ORGANISATIONS,
            _ => false,
        };
        // A mention widens only over a capitalised word next to it: most
        // have none, and need no look at the runs around them. Its own
        // facts and its neighbours' asked together, for one branch that
        // mostly goes the same way, where one for each went either way by
        // the kind or the neighbours of each candidate.
        let capitalised = |i: usize| cx.tokens.get(i).is_some_and(|t| t.is_capitalised_word());
        let beside_capital = capitalised(c.end) | c.start.checked_sub(1).is_some_and(capitalised);
        if !(looked_at
            & (c.evidence == Evidence::Gazetteer)
            & (cx.tokens[c.start].headline == Headline::RunningText)
            & beside_capital)
        {
            continue;
        }
        // The tokens no other chosen mention covers: those between its
        // neighbours. (A mention widens over such tokens only, so the
        // mentions stay in order and apart, and its neighbours' spans, as
        // widened, say which tokens are taken: no flag per token needed.)
        let free_from = k.checked_sub(1).map_or(0, |before| chosen[before].end);
        let free_to = chosen
            .get(k + 1)
            .map_or(cx.tokens.len(), |after| after.start);
        // The run around it, which ends at a hard break after it too.
        let run_start = cx.name_run_start(c.start, false);
        let run_end = if cx.joined(c.end, c.end + 1) {
            cx.name_run_end(c.end, false).max(c.end)
        } else {
            c.end
        };
        let is_extra = |i: usize| {
            (free_from..free_to).contains(&i)
                && cx.tokens[i].is_capitalised_word()
                && !cx.is_stopword(i)
                && !cx.is_title(i)
                && !cx.is_particle(i)
                && !cx.lexeme(i).given_name
        };
        // Extend over unexplained words only, stopping at anything else.
        let mut start = c.start;
        while start > run_start && is_extra(start - 1) && !cx.tokens[start].sentence_start {
            start -= 1;
        }
        if start < c.start && cx.tokens[start].sentence_start {
            start += 1;
        }
        let mut end = c.end;
        while end < run_end && is_extra(end) {
            end += 1;
        }
        if (start, end) == (c.start, c.end) {
            continue;
        }
        chosen[k] = Candidate {
            start,
            end,
            kind: compound_kind(cx, start, end),
            entry: None,
            evidence: Evidence::Compound,
            rank: 0,
        };
    }
}
