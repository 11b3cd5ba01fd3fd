//! Capitals: a country's capital named for its government ("Tarnwell
//! said", "Tarnwell has accused", "Tarnwell's decision") is the country,
//! not the city, in news everywhere. Such a mention of a listed capital
//! is parted from the city's other mentions ("in Tarnwell", a dateline)
//! and joins the country's entity when the document names the country;
//! otherwise it is an entity of its own, a place. It is parted only where
//! another mention is plainly the city, where something is or comes from
//! ("in Tarnwell", "from Tarnwell", a dateline): a capital's name without
//! one may be no city at all (a person of that name), and a capital named
//! only for its government stays one entity.
//!
//! A mention plays the government's role when a verb of speech or stance
//! follows it ([`SPEECH_VERBS`], after an auxiliary or not) or it owns a
//! decision or policy ([`POLICY_NOUNS`]). Which capital is whose comes
//! from `gazetteers/capitals-geonames.txt`, derived from GeoNames by
//! `examples/build_gazetteers`; a capital is known by its gazetteer
//! entry's name.

use std::sync::OnceLock;

use super::{Cluster, Pool, teams};
use crate::EntityKind;
use crate::document::Document;
use crate::gazetteer::Matcher;
use crate::hash::NameMap;
use crate::tokenizer::TokenKind;
use crate::wordlists::{AUXILIARIES, LOCATIVE, POLICY_NOUNS, SPEECH_VERBS};

/// The capitals and their countries, `capital<TAB>country` a line.
const CAPITALS: &str = include_str!("../../gazetteers/capitals-geonames.txt");

/// The country of each capital, by the capital's name.
fn countries() -> &'static NameMap<&'static str, &'static str> {
    static COUNTRIES: OnceLock<NameMap<&'static str, &'static str>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        CAPITALS
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('\t'))
            .collect()
    })
}

/// Parts the mentions of a listed capital that stand for its government
/// from the city, into the country's entity where `clusters` has one.
pub(crate) fn part_governments(
    cx: &Document<'_>,
    matcher: &Matcher,
    clusters: &mut Vec<Cluster>,
    pool: &mut Pool,
) {
    let countries = countries();
    let mut emptied = false;
    for i in 0..clusters.len() {
        // Asked from the cheapest question on: whether the name is a
        // capital's, which few are, whether a mention speaks for a
        // government, and whether one is the city.
        let city = &clusters[i];
        // A parting needs two mentions: one for the government, one for
        // the city.
        if city.kind != EntityKind::Place || city.mentions.len() < 2 {
            continue;
        }
        let Some(country) = city
            .entry
            .and_then(|e| countries.get(matcher.entry_name(e)))
        else {
            continue;
        };
        // Parted only from a mention that is the city, where something is
        // or comes from ("in Tarnwell", a dateline): a name of a capital
        // with none may be no city at all (a person called Tarnwell).
        if !city.mentions.iter().any(|m| governs(cx, *m))
            || !city.mentions.iter().any(|m| placed(cx, *m))
        {
            continue;
        }
        let country_cluster = clusters.iter().position(|c| {
            c.kind == EntityKind::Place
                && c.entry.is_some_and(|e| matcher.entry_name(e) == *country)
        });
        let city = &mut clusters[i];
        let mut government = pool.mentions();
        city.mentions.retain(|&m| {
            let parted = governs(cx, m);
            if parted {
                government.push(m);
            }
            !parted
        });
        match country_cluster {
            Some(j) => {
                clusters[j].mentions.append(&mut government);
                pool.give_back(government);
                if clusters[i].mentions.is_empty() {
                    let none = std::mem::take(&mut clusters[i].mentions);
                    pool.give_back(none);
                    emptied = true;
                }
            }
            None => {
                let entry = clusters[i].entry;
                clusters.push(Cluster {
                    kind: EntityKind::Place,
                    entry,
                    mentions: government,
                });
            }
        }
    }
    if emptied {
        clusters.retain(|c| !c.mentions.is_empty());
    }
}

/// Whether the name at `start..end` speaks or acts for a
/// government: a verb of speech or stance after it, on its line, or after
/// an auxiliary there ("has accused"), or a possessive and a noun of
/// policy ("'s decision"); not after a word of place ("officials in
/// Tarnwell said").
fn governs(cx: &Document<'_>, (start, end): (usize, usize)) -> bool {
    let on_line = |i: usize| i < cx.tokens.len() && !cx.tokens[i].line_start;
    let key = |i: usize| cx.keys.get(i);
    if !on_line(end) {
        return false;
    }
    let speaks = |i: usize| on_line(i) && SPEECH_VERBS.contains(&key(i));
    let cue = match cx.tokens[end].kind {
        TokenKind::Word => speaks(end) || (AUXILIARIES.contains(&key(end)) && speaks(end + 1)),
        // The noun after the possessive: after "'s" as one token, or after
        // "'" and "s" written apart.
        TokenKind::Possessive => on_line(end + 1) && POLICY_NOUNS.contains(&key(end + 1)),
        TokenKind::Punct => {
            matches!(key(end), "'" | "’")
                && on_line(end + 2)
                && !cx.tokens[end + 1].space_before
                && key(end + 1) == "s"
                && POLICY_NOUNS.contains(&key(end + 2))
        }
        TokenKind::Number => false,
    };
    // A place after "in", "from" and the like is where, not who.
    cue && !(start > 0 && on_line(start) && LOCATIVE.contains(&key(start - 1)))
}

/// Whether the name at `start..end` is where something is or comes from:
/// after a word of place on its line ("in Tarnwell", "from Tarnwell") or
/// on a dateline.
fn placed(cx: &Document<'_>, (start, end): (usize, usize)) -> bool {
    let after_locative =
        start > 0 && !cx.tokens[start].line_start && LOCATIVE.contains(&cx.keys.get(start - 1));
    after_locative || teams::dateline(cx, start, end)
}

#[cfg(test)]
mod tests {
    use crate::{EntityKind, Extractor};

    /// Each entity's kind and mentions' texts, with a gazetteer of a
    /// capital and its country.
    fn entities(text: &str) -> Vec<(EntityKind, Vec<String>)> {
        let gazetteer = "place\tLisbon\t\t90\nplace\tPortugal\t\t100\n";
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .learned_rules(false)
            .gazetteer_data("t.tsv", gazetteer)
            .build()
            .unwrap();
        extractor
            .extract(text)
            .into_iter()
            .map(|e| (e.kind, e.mentions.into_iter().map(|m| m.text).collect()))
            .collect()
    }

    fn place(texts: &[&str]) -> (EntityKind, Vec<String>) {
        let texts = texts.iter().map(|t| t.to_string()).collect();
        (EntityKind::Place, texts)
    }

    #[test]
    fn a_capital_that_speaks_joins_its_country_apart_from_the_city() {
        let text = "Talks resumed in Lisbon on Monday. Lisbon said the offer was too low, \
                    and Portugal will reply next week.";
        assert_eq!(
            entities(text),
            [place(&["Lisbon"]), place(&["Lisbon", "Portugal"])]
        );
    }

    #[test]
    fn without_its_country_a_capital_that_speaks_is_an_entity_of_its_own() {
        let text = "Talks resumed in Lisbon on Monday. Later Lisbon has rejected the offer.";
        assert_eq!(entities(text), [place(&["Lisbon"]), place(&["Lisbon"])]);
    }

    #[test]
    fn a_capital_owning_a_decision_is_its_government() {
        let text = "Envoys met in Lisbon. Few expected Lisbon's decision on the port.";
        assert_eq!(entities(text), [place(&["Lisbon"]), place(&["Lisbon"])]);
    }

    #[test]
    fn a_capital_named_only_for_its_government_or_after_in_stays_one() {
        let text = "Lisbon said the offer was too low. Lisbon will reply next week.";
        assert_eq!(entities(text), [place(&["Lisbon", "Lisbon"])]);
        let text = "Envoys met in Lisbon. Officials in Lisbon said the offer was too low.";
        assert_eq!(entities(text), [place(&["Lisbon", "Lisbon"])]);
    }
}
