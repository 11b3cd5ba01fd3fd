//! Teams: in sports reports, a town or region named as a competitor is the
//! team, an organisation ("Leicestershire beat Somerset", "Lotte 6 Hyundai
//! 2").
//!
//! A document counts as a sports report when at least three of its words
//! are sports terms. There, a one-word or multi-word place from a gazetteer
//! that is not a country (rank below the top) becomes an organisation when
//! a score follows it on its line or a word of competition stands next to
//! it; and when it competes in at least half of its mentions, so, one
//! reading per document, do all of them. Countries stay places: national sides are
//! conventionally tagged with their country.

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::hash::NameMap;
use crate::rules::Context;
use crate::tokenizer::TokenKind;

/// The rank from which a place is a country (or as prominent as one).
const COUNTRY_RANK: u8 = 100;

/// Turns competitors of a sports report into organisations.
pub(crate) fn retype(cx: &Context<'_>, chosen: &mut [Candidate]) {
    // Only a town that competes somewhere can become a team; most
    // documents have none, and need no count of their sports terms.
    if !chosen
        .iter()
        .any(|c| town_entry(c).is_some() && competing(cx, c.start, c.end))
    {
        return;
    }
    let sports = (0..cx.tokens.len())
        .filter(|&i| cx.cue(i).is_some_and(|c| c.sports))
        .take(3)
        .count();
    if sports < 3 {
        return;
    }
    // One reading per document: a town that competes in at least half of
    // its mentions is the team in all of them.
    let mut votes: NameMap<u32, (u32, u32)> = NameMap::default();
    for c in chosen.iter() {
        if let Some(entry) = town_entry(c) {
            let (competes, all) = votes.entry(entry).or_default();
            *competes += u32::from(competing(cx, c.start, c.end));
            *all += 1;
        }
    }
    for c in chosen.iter_mut() {
        let team = c.kind == EntityKind::Place
            && c.entry
                .and_then(|e| votes.get(&e))
                .is_some_and(|&(competes, all)| competes > 0 && competes * 2 >= all);
        if team {
            c.kind = EntityKind::Organisation;
        }
    }
}

/// The entry of a gazetteer place that is not a country: a town or region
/// that may be a team.
fn town_entry(c: &Candidate) -> Option<u32> {
    let place = c.kind == EntityKind::Place && c.evidence == Evidence::Gazetteer;
    c.entry.filter(|_| place && c.rank < COUNTRY_RANK)
}

/// Whether the name at `start..end` reads as a competitor.
fn competing(cx: &Context<'_>, start: usize, end: usize) -> bool {
    let word = |i: usize| cx.cue(i).is_some_and(|c| c.competing);
    let score_follows = cx
        .tokens
        .get(end)
        .is_some_and(|t| t.kind == TokenKind::Number && !t.line_start);
    let before = start > 0 && !cx.tokens[start].line_start && word(start - 1);
    let after = end < cx.tokens.len() && !cx.tokens[end].line_start && word(end);
    score_follows || before || after
}
