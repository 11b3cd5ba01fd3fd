//! Teams: in sports reports, a town or region named as a competitor is the
//! team, an organisation ("Yorkshire beat Somerset", "Harlow 6 Denton
//! 2"), and a place named as where something happens is the place, apart
//! from the team of the same name.
//!
//! A document counts as a sports report when at least three of its words
//! are sports terms. There, a one-word or multi-word place from a gazetteer
//! that is not a country (rank below the top) becomes an organisation when
//! a score follows it on its line or a word of competition stands next to
//! it; and when it competes in at least half of its mentions, so, one
//! reading per document, do all of them. Countries stay places: national sides are
//! conventionally tagged with their country.
//!
//! A venue is a place where the report puts something rather than a side:
//! a place of its dateline, the line of place names before a date
//! ("NEW YORK 1997-03-14", "BIRMINGHAM , England 1997-03-15"; the date is no
//! score), or a place after "in" that ends its clause ("In Denver , ...",
//! "in Belarus ."; not "in Ohio history"). A venue stays a place, and in a
//! sports report it is an entity of its own, apart from the other mentions
//! of its name: "Oxley" on the dateline is the town, "Oxley" in the report
//! the team (see [`part_venues`]), and never becomes a team. A name on
//! the dateline is parted, too, from a side that does not compete but owns
//! something ("Oxley's striker"): towns own things in any news ("Oxley's
//! mayor"), so that alone parts no venue after "in", but in a sports
//! report filed from a town, its name owning something is more often the
//! side's.
//!
//! What parts a venue from the side is wider than what makes a town a
//! team: besides competing, a mention plays a side's role when it faces a
//! side ("Kelso face Harlow", "they meet Kelso"), has a result after an
//! auxiliary ("Oxley have won") or suffers one ("lost to Oxley"). A
//! country's national side and the country then are two entities, both
//! places; a town's side is a team only where it competes. Mentions of
//! neither role ("KELSO" in a headline) go with the side.

use super::{Cluster, Pool};
use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::explain::{SideBy, Venue};
use crate::hash::NameMap;
use crate::tokenizer::{Shape, Token, TokenKind};
use crate::wordlists::{AUXILIARIES, FIXTURES, LOSSES};

/// The rank from which a place is a country (or as prominent as one).
const COUNTRY_RANK: u8 = 100;

/// Turns competitors of a sports report into organisations; a venue stays a
/// place.
pub(crate) fn retype(cx: &Document<'_>, chosen: &mut [Candidate]) {
    // Only in a sports report, which the document knows already, and
    // only a town that competes somewhere can become a team.
    if !cx.is_sports_report()
        || !chosen
            .iter()
            .any(|c| town_entry(c).is_some() && competing(cx, c.start, c.end))
    {
        return;
    }
    // One reading per document: a town that competes in at least half of
    // its mentions is the team in all of them but its venues.
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
                .is_some_and(|&(competes, all)| competes > 0 && competes * 2 >= all)
            && !is_venue(cx, c.start, c.end);
        if team {
            c.kind = EntityKind::Organisation;
        }
    }
}

/// A venue parted from the side of its name, kept for an explanation
/// ([`crate::explain::Parted`]): token ranges of the last document.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Parting {
    /// The venue's mention.
    pub venue: (usize, usize),
    /// What makes it a venue.
    pub role: Venue,
    /// The side's first mention that is a side and no venue.
    pub side: (usize, usize),
    /// What makes that mention the side.
    pub by: SideBy,
}

/// Parts the venues of a sports report from the side of the same name: an
/// entity named as a side somewhere ("Oxley beat Derby 2-1", "Oxley face
/// Harlow", see [`side_role`]) leaves its venues ("BIRMINGHAM , Oxley
/// 1997-03-15") to a place of their own. A name that is never a side
/// ("in Brussels" … "Brussels") stays one entity, unless it is on the
/// dateline and owns something elsewhere ("OXLEY 1997-03-15" … "Oxley's
/// striker"). The side takes the kind of its first chosen mention
/// (`chosen`, as [`retype`] left them): its entity had the kind of its
/// first mention, which may have been the venue. What it parts, it keeps
/// in `partings`, emptied first.
pub(crate) fn part_venues(
    cx: &Document<'_>,
    chosen: &[Candidate],
    clusters: &mut Vec<Cluster>,
    pool: &mut Pool,
    partings: &mut Vec<Parting>,
) {
    partings.clear();
    let venue = |&(s, e): &(usize, usize)| is_venue(cx, s, e);
    // Whether a mention is a venue is asked first: most names have none,
    // and are spared asking each mention's neighbours whether they make
    // it a side, which takes looks at several lists of words.
    // A side owns what a place seldom does in a sports report ("Oxley's
    // lead", "OXLEY 'S STRIKER"); but towns own things in any news, so
    // that speaks for the side only against a dateline, the strongest
    // evidence of a place.
    // Asked from the cheapest question on: whether any mention owns
    // something, whether one is on a dateline, and whether one that owns
    // is no venue.
    let owning_side = |c: &Cluster| {
        c.mentions.iter().any(|m| owns(cx, m.1))
            && c.mentions.iter().any(|m| dateline(cx, m.0, m.1))
            && c.mentions.iter().any(|m| owns(cx, m.1) && !venue(m))
    };
    // A name is parted only from another mention of it: most have one.
    let parted = |c: &Cluster| {
        matches!(c.kind, EntityKind::Place | EntityKind::Organisation)
            && c.mentions.len() > 1
            && ((c.mentions.iter().any(venue)
                && (c.mentions.iter()).any(|m| side_role(cx, m.0, m.1).is_some() && !venue(m)))
                || owning_side(c))
    };
    // Only in a sports report, which the document knows already; and
    // most of those have no venue of a competing name. Each cluster is
    // asked once: those before the first parted one here, the others in
    // the loop.
    if !cx.is_sports_report() {
        return;
    }
    let Some(first) = clusters.iter().position(parted) else {
        return;
    };
    for i in first..clusters.len() {
        if i > first && !parted(&clusters[i]) {
            continue;
        }
        // The side's first mention that is a side, or owns something
        // where only that parted it.
        let side_mention = |m: &&(usize, usize)| !venue(m);
        let mentions = &clusters[i].mentions;
        let side = (mentions.iter().filter(side_mention))
            .filter_map(|&(s, e)| side_role(cx, s, e).map(|by| ((s, e), by)))
            .min_by_key(|&(m, _)| m)
            .or_else(|| {
                (mentions.iter().filter(side_mention))
                    .filter(|m| owns(cx, m.1))
                    .min()
                    .map(|&m| (m, SideBy::Owns))
            });
        // A parted cluster has one: it is what parted it.
        let Some((side, by)) = side else {
            continue;
        };
        let mut venues = pool.mentions();
        clusters[i].mentions.retain(|&(s, e)| {
            let Some(role) = venue_role(cx, s, e) else {
                return true;
            };
            venues.push((s, e));
            partings.push(Parting {
                venue: (s, e),
                role,
                side,
                by,
            });
            false
        });
        let side = &mut clusters[i];
        let first = side.mentions.iter().copied().min();
        if let Some(c) = chosen.iter().find(|c| Some((c.start, c.end)) == first) {
            side.kind = c.kind;
        }
        let entry = side.entry;
        clusters.push(Cluster {
            kind: EntityKind::Place,
            entry,
            mentions: venues,
        });
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

/// What makes the name at `start..end` play a side's role, which parts it
/// from a venue of its name, if anything does: it competes ([`competing`]), faces a side
/// ("Oxley face Harlow", "they meet Oxley"; not "a return to Oxley face
/// to face"), has a result after an auxiliary ("Oxley have won") or
/// suffers one ("lost to Oxley", "beaten by Oxley"). The words of a
/// fixture, of an auxiliary and of a loss make no team of a town
/// ([`retype`]): towns "play host", "have won" bids and "lost to" floods.
fn side_role(cx: &Document<'_>, start: usize, end: usize) -> Option<SideBy> {
    if competing(cx, start, end) {
        return Some(SideBy::Competes);
    }
    let key = |i: usize| cx.keys.get(i);
    let on_line = |i: usize| i < cx.tokens.len() && !cx.tokens[i].line_start;
    // The token before the name, and the one before that, on its line.
    let before = (start > 0 && on_line(start)).then(|| key(start - 1));
    let two_before = (start > 1 && on_line(start) && on_line(start - 1)).then(|| key(start - 2));
    let after = on_line(end).then(|| key(end));
    let fixture_after = after.is_some_and(|w| FIXTURES.contains(&w)) && before != Some("to");
    let fixture_before = before.is_some_and(|w| FIXTURES.contains(&w));
    let result_after = after.is_some_and(|w| AUXILIARIES.contains(&w))
        && on_line(end + 1)
        && cx.is_competition_word(end + 1);
    let loss_before = before.is_some_and(|w| matches!(w, "to" | "by"))
        && two_before.is_some_and(|w| LOSSES.contains(&w));
    if fixture_after || fixture_before {
        Some(SideBy::Fixture)
    } else if result_after {
        Some(SideBy::Result)
    } else if loss_before {
        Some(SideBy::Loss)
    } else {
        None
    }
}

/// Whether a possessive follows the name that ends before token `end`
/// ([`after_possessive`]).
fn owns(cx: &Document<'_>, end: usize) -> bool {
    after_possessive(cx, end).is_some()
}

/// The token after the possessive that follows the name ending before
/// token `end`, if one follows: "'s" joined to it ("Oxley's") or written
/// apart ("OXLEY 'S"). The token may be past the last.
pub(super) fn after_possessive(cx: &Document<'_>, end: usize) -> Option<usize> {
    match cx.tokens.get(end) {
        Some(t) if t.kind == TokenKind::Possessive => Some(end + 1),
        // Asked first of the word after it, which is "s" and joined to the
        // apostrophe: after most stops and commas comes a space.
        Some(t) if t.kind == TokenKind::Punct => cx
            .tokens
            .get(end + 1)
            .is_some_and(|s| {
                !s.space_before
                    && matches!(s.text(cx.text), "s" | "S")
                    && matches!(t.text(cx.text), "'" | "’")
            })
            .then_some(end + 2),
        _ => None,
    }
}

/// Whether the name at `start..end` is a venue ([`venue_role`]).
fn is_venue(cx: &Document<'_>, start: usize, end: usize) -> bool {
    venue_role(cx, start, end).is_some()
}

/// What makes the name at `start..end` a venue, if anything does: being
/// after "in" and before the end of its clause, or on a dateline.
fn venue_role(cx: &Document<'_>, start: usize, end: usize) -> Option<Venue> {
    let after_in = start > 0 && cx.keys.get(start - 1) == "in";
    let clause_ends = cx.tokens.get(end).is_none_or(|t| {
        t.line_start || matches!(t.text(cx.text), "," | "." | ";" | ":" | "!" | "?")
    });
    if after_in && clause_ends {
        Some(Venue::AfterIn)
    } else if dateline(cx, start, end) {
        Some(Venue::Dateline)
    } else {
        None
    }
}

/// The most tokens of a dateline's place names and commas.
const DATELINE_PLACES: usize = 8;

/// Whether the name at `start..end` is on a dateline: a line of capitalised
/// names and commas, a few at most, then one date written as three numbers
/// joined by hyphens and nothing after it.
pub(super) fn dateline(cx: &Document<'_>, start: usize, end: usize) -> bool {
    // The date: after the names and commas, on the same line. Most names
    // are followed by a lower-case word or a stop, and settled here.
    let name = |t: &Token| {
        !t.line_start
            && ((t.kind == TokenKind::Word && t.shape != Shape::Lower) || t.text(cx.text) == ",")
    };
    let Some(date_start) = (end..cx.tokens.len())
        .take(DATELINE_PLACES)
        .find(|&i| !name(&cx.tokens[i]))
    else {
        return false;
    };
    if cx.tokens[date_start].kind != TokenKind::Number || cx.tokens[date_start].line_start {
        return false;
    }
    let Some(line_start) = (start.saturating_sub(DATELINE_PLACES)..=start)
        .rev()
        .find(|&i| cx.tokens[i].line_start)
    else {
        return false;
    };
    let line_end = (date_start..cx.tokens.len())
        .take(6)
        .find(|&i| cx.tokens[i].line_start)
        .unwrap_or(cx.tokens.len());
    let date = &cx.tokens[date_start..line_end];
    date_start - line_start <= DATELINE_PLACES
        && (line_start..start).all(|i| i == line_start && cx.word(i) != "," || name(&cx.tokens[i]))
        && date.len() == 5
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
        let report = "SOCCER - RESULTS\nNEW YORK 1997-03-14\nResults of soccer matches in the league \
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

    #[test]
    fn a_venue_is_the_place_apart_from_the_team_of_its_name() {
        let report = "SOCCER - RESULT\nBIRMINGHAM , Oxley 1997-03-15\nOxley beat Derby 2-1 in the league \
                      championship after a goal. Oxley won the match . The fans in Derby , who \
                      cheered , saw Derby lose the cup match against Oxley .\n";
        // Oxley competes in three of its four mentions and is the team but
        // on the dateline; Derby in one of three, and stays a place, but the
        // one it names in Derby is where the fans were.
        assert_eq!(
            kinds(report),
            [
                ("Oxley".to_string(), EntityKind::Place),
                ("Oxley".to_string(), EntityKind::Organisation),
                ("Derby".to_string(), EntityKind::Place),
                ("Derby".to_string(), EntityKind::Place),
            ]
        );
    }

    #[test]
    fn a_dateline_is_the_place_apart_from_a_side_that_owns_something() {
        let report = "SOCCER - OXLEY 'S STRIKER MOVES\nOXLEY 1997-03-15\nOxley's striker left \
                      the league champions after the cup match .\n";
        // Neither mention competes; the side owns a striker, in the
        // headline and in the report, and is apart from the dateline.
        assert_eq!(
            kinds(report),
            [
                ("Oxley".to_string(), EntityKind::Place),
                ("Oxley".to_string(), EntityKind::Place),
            ]
        );
        let entities = Extractor::builder()
            .default_gazetteers(false)
            .learned_rules(false)
            .gazetteer_data("t.tsv", "place\tOxley\t\t40\n")
            .build()
            .unwrap()
            .extract(report);
        let texts: Vec<Vec<&str>> = entities
            .iter()
            .map(|e| e.mentions.iter().map(|m| m.text.as_str()).collect())
            .collect();
        assert_eq!(texts, [vec!["OXLEY", "Oxley"], vec!["OXLEY"]]);
    }

    /// The mentions of each entity of `text`, as written, with a town
    /// (Oxley) and a country (Kelso) listed.
    fn mention_texts(text: &str) -> Vec<(EntityKind, Vec<String>)> {
        let gazetteer = "place\tOxley\t\t40\nplace\tKelso\t\t100\n";
        Extractor::builder()
            .default_gazetteers(false)
            .learned_rules(false)
            .gazetteer_data("t.tsv", gazetteer)
            .build()
            .unwrap()
            .extract(text)
            .into_iter()
            .map(|e| (e.kind, e.mentions.into_iter().map(|m| m.text).collect()))
            .collect()
    }

    /// An entity as [`mention_texts`] lists it.
    fn entity(kind: EntityKind, texts: &[&str]) -> (EntityKind, Vec<String>) {
        (kind, texts.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn a_side_that_faces_another_is_apart_from_the_country_it_plays_in() {
        let report = "SOCCER - KELSO PREVIEW\nThe league match is played in Kelso . \
                      Kelso face the cup holders on Sunday , and their coach named a new \
                      striker .\n";
        // The headline has no role of its own and goes with the side.
        assert_eq!(
            mention_texts(report),
            [
                entity(EntityKind::Place, &["KELSO", "Kelso"]),
                entity(EntityKind::Place, &["Kelso"]),
            ]
        );
    }

    #[test]
    fn a_result_after_an_auxiliary_or_a_loss_to_a_side_parts_it_from_its_town() {
        let venue = "SOCCER - CUP\nFans gathered in Oxley , where the league match was played . ";
        // Neither side's mention is a word of competition's neighbour: the
        // town is no team, and both entities stay places.
        for side in [
            "Oxley have won the cup twice this season .\n",
            "The visitors lost to Oxley after a late goal .\n",
        ] {
            assert_eq!(
                mention_texts(&format!("{venue}{side}")),
                [
                    entity(EntityKind::Place, &["Oxley"]),
                    entity(EntityKind::Place, &["Oxley"]),
                ]
            );
        }
    }

    #[test]
    fn a_destination_before_a_fixture_verb_is_no_side() {
        let report = "SOCCER - RETURN\nThe squad will return to Oxley face to face with the \
                      league leaders for the cup match . Fans in Oxley , who cheered the coach , \
                      waited .\n";
        assert_eq!(
            mention_texts(report),
            [entity(EntityKind::Place, &["Oxley", "Oxley"])]
        );
    }

    #[test]
    fn a_town_that_owns_something_is_one_with_its_venue() {
        let report = "SOCCER - RESULT\nThe league match was played in Oxley , where \
                      Oxley's mayor watched the cup champions .\n";
        assert_eq!(kinds(report), [("Oxley".to_string(), EntityKind::Place)]);
    }

    #[test]
    fn outside_a_sports_report_a_venue_is_one_with_its_name() {
        let report = "NEWS\nOxley 1997-03-15\nThe mayor of Oxley spoke in Oxley .\n";
        assert_eq!(kinds(report), [("Oxley".to_string(), EntityKind::Place)]);
    }
}
