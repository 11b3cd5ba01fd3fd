//! The initial rule: a run of capitalised words that starts with initials
//! is a person ("M. Ashcombe", "J. K. Rowling"), the way sports results,
//! scorecards and bylines write the names that no list holds.
//!
//! An initial is one capital letter and a full stop, with a space after it:
//! "U.S. Army" (no space inside) and "U.S" (one token) are not initials.
//! After the initials come one to three capitalised words, none of them a
//! stop word, so that a sentence that ends with a letter ("Group B. The
//! draw") gives nothing. Headlines are left alone, as by the given-name
//! rule: there, capitals say nothing; nor is a sentence-initial word before
//! the initials part of the name ("Later M. Ashcombe").
//!
//! Two other things are written the same way: a compass point before a
//! country or a people ("W. Germany", "N. Irish"), so no name whose first
//! word a gazetteer lists as a country or a group follows the initials; and
//! the items of a lettered list ("A. Aztec" on one line, "B. Maya" on the
//! next), so a letter that starts its line, next to a line that starts with
//! the letter before or after it, is no initial.
//!
//! A compass point's initial (N, S, E or W, alone) that starts a run,
//! before one or two words that a gazetteer lists as a place after the
//! compass word ("N. Tarvia", as headlines shorten "North Tarvia";
//! "northern" for N as well), is that place, with its entry: the place of
//! the highest rank when several are listed so. In a headline the initial
//! may be anywhere in its run.

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::gazetteer::Matcher;
use crate::tokenizer::{Headline, Shape, TokenKind};

/// The most words after the initials.
const MAX_WORDS: usize = 3;

/// The most words after a compass point's initial.
const MAX_COMPASS_WORDS: usize = 2;

/// The rank from which a gazetteer place is a country (as in the teams
/// rule).
const COUNTRY_RANK: u8 = 100;

/// Proposes a person for every run that starts with initials, or the
/// listed place a compass point's initial shortens (see [`compass_place`]).
/// The first `listed` candidates of `out` are the gazetteer's, in text
/// order.
pub(crate) fn find(cx: &Document<'_>, matcher: &Matcher, listed: usize, out: &mut Vec<Candidate>) {
    for (run, end) in cx.name_runs() {
        // A headline's run in capitals may hold a compass point's initial
        // anywhere ("FLOODS HIT S. TARVIA"): capitals there say nothing of
        // where a name starts, and a person is not read.
        if cx.tokens[run].headline != Headline::RunningText {
            let initial = (run..end.saturating_sub(2)).find(|&i| is_initial(cx, i));
            if let Some(place) = initial.and_then(|i| compass_place(cx, matcher, i, end)) {
                out.push(place);
            }
            continue;
        }
        // A sentence-initial word before the initials is no part of the
        // name ("Later M. Ashcombe").
        let start = if cx.tokens[run].sentence_start && !is_initial(cx, run) {
            run + 1
        } else {
            run
        };
        let mut i = start;
        while i + 2 < end && is_initial(cx, i) {
            i += 2;
        }
        let words = end - i;
        if i == start || words == 0 || lettered_item(cx, start) {
            continue;
        }
        if i == start + 2
            && let Some(place) = compass_place(cx, matcher, start, end)
        {
            out.push(place);
            continue;
        }
        if words > MAX_WORDS {
            continue;
        }
        let listed = &out[..listed];
        let from = listed.partition_point(|c| c.start < i);
        let country_or_group = listed[from..].iter().take_while(|c| c.start == i).any(|c| {
            c.kind == EntityKind::Group || (c.kind == EntityKind::Place && c.rank >= COUNTRY_RANK)
        });
        if country_or_group {
            continue;
        }
        let names = (i..end).all(|j| {
            let token = &cx.tokens[j];
            token.shape == Shape::Capitalised
                && token.end() - token.start() > 1
                && !cx.is_stopword(j)
                && !cx.is_particle(j)
        });
        if names {
            out.push(Candidate {
                start,
                end,
                kind: EntityKind::Person,
                entry: None,
                evidence: Evidence::GivenName,
                rank: 0,
            });
        }
    }
}

/// The listed place that the initial at token `initial` and the words of
/// the run after it up to `end` (its first one or two) name, read with
/// the initial's compass word: "N. Tarvia" is "North Tarvia" when that is
/// a listed place.
fn compass_place(
    cx: &Document<'_>,
    matcher: &Matcher,
    initial: usize,
    end: usize,
) -> Option<Candidate> {
    let compass: &[&str] = match cx.one_byte(initial)? {
        b'N' => &["north", "northern"],
        b'S' => &["south", "southern"],
        b'E' => &["east", "eastern"],
        b'W' => &["west", "western"],
        _ => return None,
    };
    let first = initial + 2;
    let mut key = String::new();
    // The longer reading first.
    (first + 1..=end.min(first + MAX_COMPASS_WORDS))
        .rev()
        .filter(|&last| (first..last).all(|i| cx.tokens[i].kind == TokenKind::Word))
        .find_map(|last| {
            let (entry, rank) = compass.iter().find_map(|word| {
                key.clear();
                key.push_str(word);
                for i in first..last {
                    key.push(' ');
                    key.push_str(cx.keys.get(i));
                }
                matcher.place_keyed(&key)
            })?;
            Some(Candidate {
                start: initial,
                end: last,
                kind: EntityKind::Place,
                entry: Some(entry),
                evidence: Evidence::Gazetteer,
                rank,
            })
        })
}

/// Whether token `i` is an initial: one capital letter, a full stop right
/// after it, and a space after that.
fn is_initial(cx: &Document<'_>, i: usize) -> bool {
    // The letter's facts first: most words are no initial.
    let letter = &cx.tokens[i];
    if letter.shape != Shape::Upper || letter.end() - letter.start() != 1 {
        return false;
    }
    let (Some(stop), Some(next)) = (cx.tokens.get(i + 1), cx.tokens.get(i + 2)) else {
        return false;
    };
    !stop.space_before && next.space_before && cx.word(i + 1) == "."
}

/// Whether the initial at token `i` starts its line and a line next to it
/// starts with the letter before or after it: an item of a lettered list.
fn lettered_item(cx: &Document<'_>, i: usize) -> bool {
    if !cx.tokens[i].line_start {
        return false;
    }
    let letter = cx.word(i).as_bytes()[0];
    let item = |j: usize, step: i8| {
        is_initial(cx, j) && cx.word(j).as_bytes()[0] == letter.wrapping_add_signed(step)
    };
    let next = (i + 1..cx.tokens.len()).find(|&j| cx.tokens[j].line_start);
    let previous = (0..i).rev().find(|&j| cx.tokens[j].line_start);
    next.is_some_and(|j| item(j, 1)) || previous.is_some_and(|j| item(j, -1))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::proposals;

    fn find(cx: &crate::rules::Document<'_>, out: &mut Vec<crate::candidate::Candidate>) {
        super::find(cx, &crate::gazetteer::Matcher::default(), out.len(), out);
    }

    #[test]
    fn runs_starting_with_initials_are_persons() {
        assert_eq!(
            proposals(
                find,
                "Later M. Ashcombe was out to J. K. Rowlinson for 12 runs."
            ),
            ["person M. Ashcombe", "person J. K. Rowlinson"]
        );
    }

    #[test]
    fn acronyms_stop_words_and_headlines_are_no_initials() {
        assert!(proposals(find, "The U.S. Army came.").is_empty());
        assert!(proposals(find, "They won Group B. The draw was fair.").is_empty());
        assert!(proposals(find, "Joined by A. Very Long Name Here today").is_empty());
        assert!(proposals(find, "M. ASHCOMBE WAS OUT").is_empty());
        assert!(proposals(find, "Who?\nA. Aztec\nB. Maya\nC. Olmec").is_empty());
    }
}
