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
//! conventionally tagged with their country. So does a dateline's place, alone on
//! its line before a date ("NEW YORK 1996-08-30"): the date is no score.

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::hash::NameMap;
use crate::tokenizer::TokenKind;

/// The rank from which a place is a country (or as prominent as one).
const COUNTRY_RANK: u8 = 100;

/// Turns competitors of a sports report into organisations.
pub(crate) fn retype(cx: &Document<'_>, chosen: &mut [Candidate]) {
    // Only a town that competes somewhere can become a team; most
    // documents have none, and need no count of their sports terms.
    if !chosen
        .iter()
        .any(|c| town_entry(c).is_some() && competing(cx, c.start, c.end))
    {
        return;
    }
    let sports = (0..cx.tokens.len())
        .filter(|&i| cx.is_sports_term(i))
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
fn competing(cx: &Document<'_>, start: usize, end: usize) -> bool {
    let word = |i: usize| cx.is_competition_word(i);
    let score_follows = cx
        .tokens
        .get(end)
        .is_some_and(|t| t.kind == TokenKind::Number && !t.line_start)
        && !dateline(cx, start, end);
    let before = start > 0 && !cx.tokens[start].line_start && word(start - 1);
    let after = end < cx.tokens.len() && !cx.tokens[end].line_start && word(end);
    score_follows || before || after
}

/// Whether the name at `start..end` begins its line and nothing follows it
/// there but one date written as three numbers joined by hyphens.
fn dateline(cx: &Document<'_>, start: usize, end: usize) -> bool {
    if !cx.tokens[start].line_start {
        return false;
    }
    let line_end = (end..cx.tokens.len())
        .find(|&i| cx.tokens[i].line_start)
        .unwrap_or(cx.tokens.len());
    let date = &cx.tokens[end..line_end];
    date.len() == 5
        && date.iter().enumerate().all(|(j, t)| {
            let joined = j == 0 || !t.space_before;
            let part = if j % 2 == 0 {
                t.kind == TokenKind::Number
            } else {
                t.text(cx.text) == "-"
            };
            joined && part
        })
}

#[cfg(test)]
mod tests {
    use crate::{EntityKind, Extractor};

    fn kinds(text: &str) -> Vec<(String, EntityKind)> {
        let gazetteer = "place\tOxley\t\t40\nplace\tDerby\t\t40\nplace\tNew York\t\t80\n";
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .learned_rules(false)
            .gazetteer_data("t.tsv", gazetteer)
            .build()
            .unwrap();
        extractor
            .extract(text)
            .into_iter()
            .map(|e| (e.name, e.kind))
            .collect()
    }

    #[test]
    fn a_dateline_stays_a_place_and_a_scoreline_makes_a_team() {
        let report = "SOCCER - RESULTS\nNEW YORK 1996-08-30\nResults of soccer matches in the league \
                      championship after a win and a goal:\nOxley 2 Derby 1\n";
        assert_eq!(
            kinds(report),
            [
                ("New York".to_string(), EntityKind::Place),
                ("Oxley".to_string(), EntityKind::Organisation),
                ("Derby".to_string(), EntityKind::Organisation),
            ]
        );
    }
}
