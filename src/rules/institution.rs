//! The institution rule: a body of state named by its common noun alone,
//! capitalised in the middle of a sentence, is an organisation ("could
//! never pass the Congress", "the Senate voted", "when Parliament met").
//!
//! Written in lower case, "the government" or "a court" is a word; with a
//! capital, and alone, it names the one body a text is about. The nouns
//! are [`INSTITUTIONS`], each an organisation designator that names its
//! body on its own. The word must stand alone: not first in its sentence
//! or line (where capitals say nothing), not in a headline, not beside
//! another capitalised word ("Texas Senate", "Senate Majority") nor before
//! "of" and a name ("Court of Appeal"), which are the designator rule's.
//! Where another rule or list already reads the word (the head-word rule's
//! "the Senate" after "Texas State Senate"), it is left to that reading.
//!
//! The candidates carry [`Evidence::Institution`]: the resolver takes them
//! though some of the nouns are stop words, never names alone elsewhere.

use std::sync::LazyLock;

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::hash::hash_key;
use crate::tokenizer::{Headline, Shape};
use crate::wordlists::INSTITUTIONS;

/// A bit for each of the [`INSTITUTIONS`], the bit of the lowest six bits
/// of its key's hash: a designator whose bit is not set is none of them.
static INSTITUTION_FILTER: LazyLock<u64> = LazyLock::new(|| {
    INSTITUTIONS
        .iter()
        .fold(0, |bits, noun| bits | 1 << (hash_key(noun) & 63))
});

/// Proposes an organisation for every lone capitalised institution noun.
pub(crate) fn find(cx: &Document<'_>, out: &mut Vec<Candidate>) {
    let proposed = out.len();
    let filter = *INSTITUTION_FILTER;
    for i in cx.designators() {
        // The filter of the nouns' hashes first, which few designators pass,
        // before the word's shape, which went either way from word to
        // word, and the nouns, whose comparisons did too.
        let maybe = filter >> (cx.keys.hash(i) & 63) & 1 != 0;
        if !maybe
            || cx.tokens[i].shape != Shape::Capitalised
            || !INSTITUTIONS.contains(&cx.keys.get(i))
            || !stands_alone(cx, i)
        {
            continue;
        }
        // A guess over a longer span ("Senate Majority") says nothing of
        // the word; any other reading does.
        let read = out[..proposed].iter().any(|c| {
            c.start <= i && i < c.end && (c.evidence != Evidence::Guess || c.end - c.start == 1)
        });
        if read {
            continue;
        }
        out.push(Candidate {
            start: i,
            end: i + 1,
            kind: EntityKind::Organisation,
            entry: None,
            evidence: Evidence::Institution,
            rank: 0,
        });
    }
}

/// Whether token `i` is capitalised and alone in the middle of a sentence
/// of running text.
fn stands_alone(cx: &Document<'_>, i: usize) -> bool {
    let tokens = cx.tokens;
    let token = &tokens[i];
    if token.shape != Shape::Capitalised
        || token.sentence_start
        || token.line_start
        || token.headline != Headline::RunningText
    {
        return false;
    }
    let capitalised = |j: usize| {
        matches!(tokens[j].shape, Shape::Capitalised | Shape::Upper) && !tokens[j].sentence_start
    };
    let on_line = |j: usize| j < tokens.len() && !tokens[j].line_start;
    let before = !tokens[i - 1].line_start && capitalised(i - 1) || cx.word(i - 1) == "-";
    let after = on_line(i + 1)
        && (capitalised(i + 1)
            || cx.word(i + 1) == "-"
            || (cx.keys.get(i + 1) == "of" && on_line(i + 2) && capitalised(i + 2)));
    !before && !after
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::proposals;

    #[test]
    fn a_lone_capitalised_institution_is_an_organisation() {
        assert_eq!(
            proposals(
                super::find,
                "The bill could not pass the Congress, and then Parliament met."
            ),
            ["organisation Congress", "organisation Parliament"]
        );
    }

    #[test]
    fn an_institution_in_lower_case_or_in_a_longer_name_is_left_alone() {
        for text in [
            "The bill could not pass the congress.",
            "Senate leaders met. The Texas Senate voted.",
            "She sat on the Court of Appeal in Leeds.",
            "Talks with the Government Accountability office ended.",
        ] {
            assert!(proposals(super::find, text).is_empty(), "{text}");
        }
    }
}
