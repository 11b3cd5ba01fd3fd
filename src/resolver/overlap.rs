//! Choosing among overlapping candidates.
//!
//! The rule, in order:
//!
//! 1. Inadmissible candidates go: a lone stop word or particle ("May",
//!    "Al") unless a title vouches for it, an era after a year ("5000
//!    BCE"), and a name a hyphen binds to a lower-case word before it
//!    ("pro-Beijing").
//! 2. Candidates with the same span are one reading; its kind is the kind
//!    proposed by the strongest evidence (title > gazetteer > designator >
//!    acronym > given name), and it keeps the highest-ranked gazetteer
//!    entry of that kind, if any.
//! 3. Readings are taken longest first, then by strength of evidence, then
//!    by rank, then leftmost; a reading that overlaps one already taken is
//!    dropped. Guesses from capitalisation alone come after all the rest,
//!    whatever their length: they fill gaps, never displace.

use std::cmp::Reverse;

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::tokenizer::{Shape, TokenKind};
use crate::wordlists::ERAS;

/// Whether a name a hyphen binds to a lower-case word before it is
/// inadmissible (see [`bound_to_prefix`]). Off, for the ablation, it is
/// read as any other.
const BIND_PREFIXES: bool = true;

/// Leaves the chosen, non-overlapping candidates in text order in
/// `candidates`.
///
/// The readings and then the chosen are made in place, in the candidates'
/// own vector. Both sorts are by keys that tell any two different readings
/// apart, so the order is the same whatever the sort algorithm.
pub(crate) fn choose(cx: &Document<'_>, candidates: &mut Vec<Candidate>, sorting: &mut Sorting) {
    // The admissible kept in place by a loop of its own rather than
    // `retain`, whose test was a call for every candidate: most candidates
    // are admissible, and each is moved only once one before it is dropped.
    let mut admitted = 0;
    for i in 0..candidates.len() {
        if admissible(cx, &candidates[i]) {
            if admitted != i {
                candidates[admitted] = candidates[i];
            }
            admitted += 1;
        }
    }
    candidates.truncate(admitted);
    // Same span: strongest evidence first, then rank.
    sorting.sort(candidates);
    // The first candidate of each span is its reading; `dedup_by` hands it
    // over as `reading`, to take an entry of its kind from the others.
    let readings = candidates;
    readings.dedup_by(|other, reading| {
        let same_span = (other.start, other.end) == (reading.start, reading.end);
        if same_span
            && reading.entry.is_none()
            && other.entry.is_some()
            && other.kind == reading.kind
        {
            reading.entry = other.entry;
            reading.rank = other.rank;
        }
        same_span
    });
    // Whether a reading is taken depends only on the readings it overlaps,
    // and theirs on the readings they overlap: the rule is applied to each
    // group of readings linked by overlaps on its own. Most readings
    // overlap none and are taken as they are, in text order.
    let mut kept = 0;
    let mut first = 0;
    while first < readings.len() {
        // Sorted by start, a reading overlaps the group before it exactly
        // when it starts before the group's furthest end.
        let mut end = readings[first].end;
        let mut last = first + 1;
        while last < readings.len() && readings[last].start < end {
            end = end.max(readings[last].end);
            last += 1;
        }
        let taken = take_by_rule(&mut readings[first..last]);
        // Until some reading is dropped, those taken are in place already;
        // after, most groups are one reading, moved without a call that
        // copies memory.
        if kept != first {
            if taken == 1 {
                readings[kept] = readings[first];
            } else {
                readings.copy_within(first..first + taken, kept);
            }
        }
        kept += taken;
        first = last;
    }
    readings.truncate(kept);
}

/// The order of readings: by span, and for one span the strongest evidence
/// first, then the highest rank. The key tells any two different readings
/// apart, so the order is the same whatever the sort algorithm.
fn reading_order(
    c: &Candidate,
) -> (
    usize,
    usize,
    Reverse<Evidence>,
    Reverse<u8>,
    Option<u32>,
    EntityKind,
) {
    (
        c.start,
        c.end,
        Reverse(c.evidence),
        Reverse(c.rank),
        c.entry,
        c.kind,
    )
}

/// Sorts candidates into [`reading_order`], with buffers kept from one
/// document to the next.
///
/// The candidates come as a few runs in text order (the gazetteer's
/// matches, then each rule's proposals), which a comparison sort merges
/// with a branch on every comparison that goes either way. Here they are
/// first counted into buckets of nearby starts, about as many buckets as
/// candidates, and placed bucket by bucket with no branch on their
/// values; an insertion sort then puts each bucket in order, and its test
/// nearly always finds a candidate already after the one before it.
#[derive(Default)]
pub(crate) struct Sorting {
    /// For each bucket of starts, where its candidates go in `sorted`.
    places: Vec<u32>,
    /// The candidates by bucket, swapped with the caller's vector.
    sorted: Vec<Candidate>,
}

impl Sorting {
    /// Sorts `candidates` into [`reading_order`].
    fn sort(&mut self, candidates: &mut Vec<Candidate>) {
        let Some(last_start) = candidates.iter().map(|c| c.start).max() else {
            return;
        };
        // Starts per bucket, a power of two: the buckets number about as
        // many as the candidates, however long the text.
        let shift = (last_start / candidates.len()).checked_ilog2().unwrap_or(0);
        let places = &mut self.places;
        places.clear();
        places.resize((last_start >> shift) + 2, 0);
        for c in candidates.iter() {
            places[(c.start >> shift) + 1] += 1;
        }
        for bucket in 1..places.len() {
            places[bucket] += places[bucket - 1];
        }
        let sorted = &mut self.sorted;
        sorted.clear();
        sorted.extend_from_slice(candidates);
        for c in candidates.iter() {
            let place = &mut places[c.start >> shift];
            sorted[*place as usize] = *c;
            *place += 1;
        }
        std::mem::swap(candidates, sorted);
        insertion_sort(candidates);
    }
}

/// Sorts `candidates`, nearly in order, into [`reading_order`], keeping
/// the order of equal ones.
fn insertion_sort(candidates: &mut [Candidate]) {
    for i in 1..candidates.len() {
        let c = candidates[i];
        let key = reading_order(&c);
        let mut j = i;
        while j > 0 && key < reading_order(&candidates[j - 1]) {
            candidates[j] = candidates[j - 1];
            j -= 1;
        }
        candidates[j] = c;
    }
}

/// The order in which the rule considers overlapping readings, most
/// preferred first: anything before a guess, then the longer, the
/// stronger evidence, the higher rank, the earlier start.
fn preference(c: &Candidate) -> (bool, Reverse<usize>, Reverse<Evidence>, Reverse<u8>, usize) {
    (
        c.evidence == Evidence::Guess,
        Reverse(c.len()),
        Reverse(c.evidence),
        Reverse(c.rank),
        c.start,
    )
}

/// Applies the rule to a group of readings: moves those taken to its
/// front, in text order, and returns how many they are.
fn take_by_rule(group: &mut [Candidate]) -> usize {
    match group {
        [_] => return 1,
        // Of two readings that overlap, as the two of a group in
        // [`choose`] do, the one the rule prefers is taken, without the
        // calls that sort.
        [first, second] if first.start < second.end && second.start < first.end => {
            if preference(second) < preference(first) {
                *first = *second;
            }
            return 1;
        }
        _ => {}
    }
    group.sort_unstable_by_key(preference);
    // Each reading is taken when no reading taken before it overlaps it.
    let taken = if group.len() <= SMALL_GROUP {
        let mut taken = 0;
        for next in 0..group.len() {
            let reading = group[next];
            let free = group[..taken]
                .iter()
                .all(|t| t.end <= reading.start || reading.end <= t.start);
            if free {
                group[taken] = reading;
                taken += 1;
            }
        }
        taken
    } else {
        take_from_large_group(group)
    };
    group[..taken].sort_unstable_by_key(|c| c.start);
    taken
}

/// The groups [`take_by_rule`] checks against every reading taken so far;
/// a larger group keeps its taken readings in a search tree.
const SMALL_GROUP: usize = 16;

/// [`take_by_rule`]'s choice in a large group, sorted by the rule: each
/// reading overlaps some taken one exactly when the taken reading that
/// starts last before its end ends after its start, since the taken ones
/// do not overlap each other. (A chain of readings that each overlap the
/// next, of which every other one is taken, made the check against every
/// taken reading quadratic.)
fn take_from_large_group(group: &mut [Candidate]) -> usize {
    let mut ends_by_start = std::collections::BTreeMap::new();
    let mut taken = 0;
    for next in 0..group.len() {
        let reading = group[next];
        let before_end = ends_by_start.range(..reading.end).next_back();
        if before_end.is_none_or(|(_, &end)| end <= reading.start) {
            ends_by_start.insert(reading.start, reading.end);
            group[taken] = reading;
            taken += 1;
        }
    }
    taken
}

/// Whether a candidate may become a mention at all.
fn admissible(cx: &Document<'_>, c: &Candidate) -> bool {
    if bound_to_prefix(cx, c.start, c.kind) {
        return false;
    }
    if c.len() != 1 {
        return true;
    }
    if cx.is_particle(c.start) || !is_alphanumeric(cx, c.start) || is_era(cx, c.start) {
        return false;
    }
    matches!(c.evidence, Evidence::Title | Evidence::Institution) || !cx.is_stopword(c.start)
}

/// Whether token `i` is an era after a year ("5000 BCE", "AD 79" is
/// left alone): no name, though a list may hold the letters as a
/// company's.
fn is_era(cx: &Document<'_>, i: usize) -> bool {
    i > 0 && cx.tokens[i - 1].kind == TokenKind::Number && ERAS.contains(&cx.word(i))
}

/// Whether token `i` holds a letter or digit. The tokenizer makes every
/// word, number and possessive of one (see the test below): only a
/// punctuation token's characters are read, and most candidates of one
/// token are words.
fn is_alphanumeric(cx: &Document<'_>, i: usize) -> bool {
    cx.tokens[i].kind != TokenKind::Punct || cx.word(i).chars().any(char::is_alphanumeric)
}

/// Whether a hyphen binds the name starting at token `start` to a
/// lower-case word before it ("pro-Beijing", "anti-Pyongyang",
/// "pre-Columbian"): the name is then part of an adjective or a noun of its
/// own, not a mention, unless it is a group ("pan-Arab"), which the
/// corpora that score demonyms count, or the word is a particle
/// ("al-Sadr"). Propagation asks it too, of the bare uses it finds.
#[inline]
pub(crate) fn bound_to_prefix(cx: &Document<'_>, start: usize, kind: EntityKind) -> bool {
    // Most names follow a space: that is looked at first.
    if start < 2 || cx.tokens[start].space_before || kind == EntityKind::Group || !BIND_PREFIXES {
        return false;
    }
    let (prefix, hyphen) = (&cx.tokens[start - 2], &cx.tokens[start - 1]);
    !hyphen.space_before
        && prefix.kind == TokenKind::Word
        && prefix.shape == Shape::Lower
        && cx.word(start - 1) == "-"
        && !cx.is_particle(start - 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityKind;

    fn reading(start: usize, end: usize, evidence: Evidence, rank: u8) -> Candidate {
        Candidate {
            start,
            end,
            kind: EntityKind::Place,
            entry: None,
            evidence,
            rank,
        }
    }

    /// The rule as written: each reading checked against every one taken.
    fn taken_one_by_one(group: &[Candidate]) -> Vec<Candidate> {
        let mut group = group.to_vec();
        group.sort_unstable_by_key(preference);
        let mut taken: Vec<Candidate> = Vec::new();
        for reading in group {
            if taken
                .iter()
                .all(|t| t.end <= reading.start || reading.end <= t.start)
            {
                taken.push(reading);
            }
        }
        taken.sort_unstable_by_key(|c| c.start);
        taken
    }

    proptest::proptest! {
        #[test]
        fn every_token_but_punctuation_holds_a_letter_or_digit(
            text in "([A-Za-z0-9 .,:;'_!?\"()\n\t-]|\\PC|[’–é\u{301}²½])*"
        ) {
            for token in crate::tokenizer::tokenize(&text) {
                let alphanumeric = token.text(&text).chars().any(char::is_alphanumeric);
                proptest::prop_assert!(token.kind == TokenKind::Punct || alphanumeric);
            }
        }

        #[test]
        fn large_groups_take_what_small_groups_would(
            spans in proptest::collection::vec((0usize..60, 1usize..6, 0u8..3, 0u8..4), 1..80)
        ) {
            let evidence = [Evidence::Guess, Evidence::GivenName, Evidence::Gazetteer];
            let mut group: Vec<Candidate> = spans
                .iter()
                .map(|&(start, len, e, rank)| reading(start, start + len, evidence[usize::from(e)], rank))
                .collect();
            // Distinct spans, as the readings of `choose` are.
            group.sort_unstable_by_key(|c| (c.start, c.end));
            group.dedup_by_key(|c| (c.start, c.end));
            let expected = taken_one_by_one(&group);
            let taken = take_by_rule(&mut group);
            proptest::prop_assert_eq!(&group[..taken], &expected[..]);
        }

        #[test]
        fn the_bucket_sort_orders_readings_as_a_stable_sort_does(
            readings in proptest::collection::vec(
                (0usize..3_000, 1usize..6, 0u8..3, 0u8..3, proptest::option::of(0u32..3), 0u8..2),
                0..120,
            ),
            runs in 1usize..5,
        ) {
            let evidence = [Evidence::Guess, Evidence::GivenName, Evidence::Gazetteer];
            let kinds = [EntityKind::Place, EntityKind::Person];
            let mut candidates: Vec<Candidate> = readings
                .iter()
                .map(|&(start, len, e, rank, entry, kind)| Candidate {
                    entry,
                    kind: kinds[usize::from(kind)],
                    ..reading(start, start + len, evidence[usize::from(e)], rank)
                })
                .collect();
            // Several runs, each in text order, as the stages propose them.
            for run in candidates.chunks_mut(readings.len().div_ceil(runs).max(1)) {
                run.sort_by_key(|c| c.start);
            }
            let mut expected = candidates.clone();
            expected.sort_by_key(reading_order);
            let mut sorting = Sorting::default();
            sorting.sort(&mut candidates);
            proptest::prop_assert_eq!(&candidates, &expected);
            // Its buffers, kept, sort the next document's as well.
            let mut reversed: Vec<Candidate> = expected.iter().rev().copied().collect();
            sorting.sort(&mut reversed);
            proptest::prop_assert_eq!(&reversed, &expected);
        }
    }

    #[test]
    fn a_long_chain_of_overlaps_takes_every_other_reading() {
        // Each reading overlaps the next; the first of each pair is taken.
        let mut group: Vec<Candidate> = (0..10_000)
            .map(|i| reading(i, i + 2, Evidence::Gazetteer, 0))
            .collect();
        let taken = take_by_rule(&mut group);
        assert_eq!(taken, 5_000);
        assert!(
            group[..taken]
                .iter()
                .enumerate()
                .all(|(k, c)| c.start == 2 * k)
        );
    }
}
