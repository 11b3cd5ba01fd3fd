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
//! follows it ([`SPEECH_VERBS`](crate::wordlists::SPEECH_VERBS), after an
//! auxiliary or not) or it owns a decision or policy
//! ([`POLICY_NOUNS`](crate::wordlists::POLICY_NOUNS)). Which capital is whose comes
//! from `gazetteers/capitals-geonames.txt`, derived from GeoNames by
//! `examples/build_gazetteers`; a capital is known by its gazetteer
//! entry's name. The capitals and the words are looked up in tables the
//! build script compiles ([`super::capital_table`]), by hashes, and only
//! the entities whose names pass are walked again; each parting is kept
//! for an explanation ([`crate::explain::Why::government`]).

use super::capital_table::{AUXILIARY, PLACE, POLICY, SHAPE_WORDS, SPEECH, shape};
use super::{Pool, Resolved, teams};
use crate::EntityKind;
use crate::document::Document;
use crate::explain::{GovernmentBy, Placed};
use crate::hash::hash_key;
use crate::tokenizer::TokenKind;

// The tables: `CAPITALS`, `WORDS` and `SHAPES` (see [`super::capital_table`]), which the
// build script compiles from `gazetteers/capitals-geonames.txt` and the
// word lists.
include!(concat!(env!("OUT_DIR"), "/capitals.rs"));

/// The country of the capital named `name`, if it is one.
fn country_of(name: &str) -> Option<&'static str> {
    let (word, bit) = shape(name);
    if SHAPES[word] & bit == 0 {
        return None;
    }
    let hash = hash_key(name);
    let i = CAPITALS.binary_search_by_key(&hash, |c| c.0).ok()?;
    let (_, capital, country) = CAPITALS[i];
    (capital == name).then_some(country)
}

/// The lists token `i`'s word is in, as bits of [`super::capital_table`] (none
/// past the last token): looked up by the hash the tokenizer made of its
/// key, once for all the lists.
fn lists(cx: &Document<'_>, i: usize) -> u8 {
    if i >= cx.tokens.len() {
        return 0;
    }
    match WORDS.binary_search_by_key(&cx.keys.hash(i), |w| w.0) {
        Ok(w) if WORDS[w].1.as_bytes() == cx.keys.bytes(i) => WORDS[w].2,
        _ => 0,
    }
}

/// A capital's mention parted from the city as its government, kept for
/// an explanation ([`crate::explain::Government`]): token ranges of the
/// last document.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Governing {
    /// The government's mention.
    pub mention: (usize, usize),
    /// What makes it the government.
    pub by: GovernmentBy,
    /// The city's first mention that is plainly the city.
    pub city: (usize, usize),
    /// What makes that mention the city.
    pub placed: Placed,
}

/// The country of a resolved entity named `name`, a place of `mentions`
/// mentions, if it is a listed capital that [`part_governments`] should
/// look at: a parting needs two mentions, one for the government and one
/// for the city. Asked of each entity as it is resolved, whose entry's
/// name is at hand then, so that the parting walks only the few
/// capitals.
pub(crate) fn capital_country(
    kind: EntityKind,
    mentions: usize,
    name: &str,
) -> Option<&'static str> {
    // Its kind and count asked as one comparison of a number made of both,
    // another kind setting bits no count reaches, for one branch where the
    // two comparisons made two that went either way from entity to entity.
    let not_place = kind as usize ^ EntityKind::Place as usize;
    if (not_place << 56 | 1) >= mentions {
        return None;
    }
    country_of(name)
}

/// Parts the mentions of the listed capitals among `resolved` (their
/// indices and countries in `capitals`, from [`capital_country`]) that
/// stand for their government from the city, into the country's entity
/// where `resolved` has one, else into an entity of their own. What it
/// parts, it keeps in `partings`, emptied first.
pub(crate) fn part_governments<'a>(
    cx: &Document<'_>,
    capitals: &[(usize, &'static str)],
    resolved: &mut Vec<Resolved<'a>>,
    pool: &mut Pool,
    partings: &mut Vec<Governing>,
) {
    partings.clear();
    for &(i, country) in capitals {
        // Asked from the cheapest question on: whether a mention speaks
        // for a government, and whether one is the city.
        let city = &resolved[i];
        // Parted only from a mention that is the city, where something is
        // or comes from ("in Tarnwell", a dateline): a name of a capital
        // with none may be no city at all (a person called Tarnwell).
        if !city.mentions.iter().any(|&m| governs(cx, m).is_some()) {
            continue;
        }
        let Some((city_mention, placed)) = (city.mentions.iter())
            .filter(|&&m| governs(cx, m).is_none())
            .find_map(|&m| placed(cx, m).map(|how| (m, how)))
        else {
            continue;
        };
        let country_entity = resolved
            .iter()
            .position(|r| r.kind == EntityKind::Place && r.entry.is_some() && r.name == country);
        let city = &mut resolved[i];
        let mut government = pool.mentions();
        city.mentions.retain(|&m| {
            let Some(by) = governs(cx, m) else {
                return true;
            };
            government.push(m);
            partings.push(Governing {
                mention: m,
                by,
                city: city_mention,
                placed,
            });
            false
        });
        match country_entity {
            // The city keeps the mention that is plainly the city, and
            // so is never emptied.
            Some(j) => {
                let mentions = &mut resolved[j].mentions;
                mentions.append(&mut government);
                mentions.sort_unstable();
                mentions.dedup();
                pool.give_back(government);
            }
            None => {
                let (entry, name) = (city.entry, city.name.clone());
                resolved.push(Resolved {
                    kind: EntityKind::Place,
                    entry,
                    name,
                    mentions: government,
                });
            }
        }
    }
}

/// What makes the name at `start..end` speak or act for a government, if
/// something does: a verb of speech or stance after it, on its line, or
/// after an auxiliary there ("has accused"), or a possessive and a noun of
/// policy ("'s decision"); not after a word of place ("officials in
/// Tarnwell said").
fn governs(cx: &Document<'_>, (start, end): (usize, usize)) -> Option<GovernmentBy> {
    let on_line = |i: usize| i < cx.tokens.len() && !cx.tokens[i].line_start;
    if !on_line(end) {
        return None;
    }
    let speaks = |i: usize| on_line(i) && lists(cx, i) & SPEECH != 0;
    let by = match cx.tokens[end].kind {
        TokenKind::Word => {
            let after = lists(cx, end);
            (after & SPEECH != 0 || (after & AUXILIARY != 0 && speaks(end + 1)))
                .then_some(GovernmentBy::Speaks)
        }
        // The noun after the possessive ("'s" as one token, or "'" and "s"
        // written apart).
        TokenKind::Possessive | TokenKind::Punct => teams::after_possessive(cx, end)
            .filter(|&noun| on_line(noun) && lists(cx, noun) & POLICY != 0)
            .map(|_| GovernmentBy::Owns),
        TokenKind::Number => None,
    };
    // A place after "in", "from" and the like is where, not who.
    by.filter(|_| !after_word_of_place(cx, start))
}

/// What makes the name at `start..end` where something is or comes from,
/// if something does: a word of place before it on its line ("in
/// Tarnwell", "from Tarnwell"), or a dateline.
fn placed(cx: &Document<'_>, (start, end): (usize, usize)) -> Option<Placed> {
    if after_word_of_place(cx, start) {
        Some(Placed::AfterLocative)
    } else {
        teams::dateline(cx, start, end).then_some(Placed::Dateline)
    }
}

/// Whether the name starting at token `start` follows a word of place on
/// its line ("in Tarnwell", "from Tarnwell").
fn after_word_of_place(cx: &Document<'_>, start: usize) -> bool {
    start > 0 && !cx.tokens[start].line_start && lists(cx, start - 1) & PLACE != 0
}

#[cfg(test)]
mod tests {
    use crate::{EntityKind, Extractor};

    /// Each entity's kind and mentions' texts, with a gazetteer of a
    /// capital and its country.
    fn entities(text: &str) -> Vec<(EntityKind, Vec<String>)> {
        let gazetteer = "place\tValletta\t\t90\nplace\tMalta\t\t100\n";
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
        let text = "Talks resumed in Valletta on Monday. Valletta said the offer was too low, \
                    and Malta will reply next week.";
        assert_eq!(
            entities(text),
            [place(&["Valletta"]), place(&["Valletta", "Malta"])]
        );
    }

    #[test]
    fn without_its_country_a_capital_that_speaks_is_an_entity_of_its_own() {
        let text = "Talks resumed in Valletta on Monday. Later Valletta has rejected the offer.";
        assert_eq!(entities(text), [place(&["Valletta"]), place(&["Valletta"])]);
    }

    #[test]
    fn a_capital_owning_a_decision_is_its_government() {
        let text = "Envoys met in Valletta. Few expected Valletta's decision on the port.";
        assert_eq!(entities(text), [place(&["Valletta"]), place(&["Valletta"])]);
    }

    #[test]
    fn a_capital_named_only_for_its_government_or_after_in_stays_one() {
        let text = "Valletta said the offer was too low. Valletta will reply next week.";
        assert_eq!(entities(text), [place(&["Valletta", "Valletta"])]);
        let text = "Envoys met in Valletta. Officials in Valletta said the offer was too low.";
        assert_eq!(entities(text), [place(&["Valletta", "Valletta"])]);
    }

    #[test]
    fn only_a_listed_capital_of_two_mentions_or_more_is_looked_at() {
        for kind in EntityKind::ALL {
            for mentions in 0..4 {
                let looked_at = kind == EntityKind::Place && mentions >= 2;
                assert_eq!(
                    super::capital_country(kind, mentions, "Valletta").is_some(),
                    looked_at,
                    "{kind} of {mentions} mentions"
                );
            }
        }
    }
}
