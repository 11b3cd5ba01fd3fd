//! The head-word rule: an organisation's head word, capitalised and alone
//! in the middle of a sentence, is that organisation's short name when the
//! document names an organisation with it ("Ohio State University
//! ... the University", "House of Representatives ... the House").
//!
//! A head word is a designator of organisations ("University", "House of",
//! "Senate"); the longer name is a proposal of the gazetteer or of a rule
//! before this one, an organisation of two or more words that ends with the
//! head word or starts with it. The proposal takes the longer name's
//! gazetteer entry, if it has one, so that the two are one entity; but not
//! when two organisations of the document have the head word, either of
//! which could be meant. Where the document names no such organisation, a
//! head word after "the" is still the short name of a body the reader is
//! meant to know ("the Coalition", "the Senate"), with no entry; not when
//! "of" or "for" and a name follow it. It is a guess ([`Evidence::Guess`]):
//! any other reading of the word wins.

use std::borrow::Cow;

use crate::EntityKind;
use crate::candidate::Candidate;
use crate::document::Document;
use crate::document::cues::Position;
use crate::tokenizer::{Headline, Shape};

/// Proposes an organisation for every lone head word of an organisation
/// named in the document.
pub(crate) fn find(cx: &Document<'_>, out: &mut Vec<Candidate>) {
    // The head words of the organisations named so far, found only once a
    // lone head word needs them: most documents have none.
    let mut heads: Option<Vec<Head<'_>>> = None;
    let proposed = out.len();
    for (start, end) in cx.name_runs() {
        if !lone_head_word(cx, start, end) {
            continue;
        }
        let heads = heads.get_or_insert_with(|| named_heads(cx, &out[..proposed]));
        let key = cx.keys.get(start);
        let mut named = heads.iter().filter(|head| head.word == key);
        let Some(first) = named.next() else {
            if after_the(cx, start) {
                out.push(Candidate::guessed_organisation(start, end));
            }
            continue;
        };
        let sole = named.all(|head| head.name == first.name);
        out.push(Candidate {
            entry: first.entry.filter(|_| sole),
            ..Candidate::guessed_organisation(start, end)
        });
    }
}

/// Whether the run of tokens `i..end` is one capitalised organisation
/// designator, neither first in its sentence nor in a headline.
///
/// Lone capitalised words mid-sentence are common, cue words few: whether
/// the word has cues is asked first, in one branch with the run's length,
/// which nearly always goes one way.
fn lone_head_word(cx: &Document<'_>, i: usize, end: usize) -> bool {
    let Some(cue) = cx.cue(i).filter(|_| end - i == 1) else {
        return false;
    };
    let token = &cx.tokens[i];
    token.shape == Shape::Capitalised
        && !token.sentence_start
        && token.headline == Headline::RunningText
        && cue
            .designators(Position::After)
            .chain(cue.designators(Position::BeforeOf))
            .any(|d| d.kind == EntityKind::Organisation)
}

/// Whether the lone head word at token `i` follows a lower-case "the" and
/// no "of" or "for" joins it to a name after it: "the Coalition", "the
/// Senate" name a body the reader knows, where "the Senate of Oxley" is
/// part of a longer name.
fn after_the(cx: &Document<'_>, i: usize) -> bool {
    let the = i > 0 && cx.keys.get(i - 1) == "the" && cx.tokens[i - 1].shape == Shape::Lower;
    let of_name = i + 2 < cx.tokens.len()
        && cx.tokens[i + 1].shape == Shape::Lower
        && cx.cue(i + 1).is_some_and(|c| c.body_connector)
        && cx.joined(i + 1, i + 3)
        && (cx.is_name_word(i + 2) || cx.keys.get(i + 2) == "the");
    the && !of_name
}

/// A head word of an organisation the document names.
struct Head<'a> {
    /// The head word's key.
    word: &'a str,
    /// The keys of the organisation's name.
    name: Cow<'a, str>,
    /// Its gazetteer entry, if any.
    entry: Option<u32>,
}

/// The first and last words of the organisations of two or more words
/// among `proposals`, where those words are designators.
fn named_heads<'a>(cx: &Document<'a>, proposals: &[Candidate]) -> Vec<Head<'a>> {
    let mut heads = Vec::new();
    for c in proposals {
        if c.kind != EntityKind::Organisation || c.end - c.start < 2 {
            continue;
        }
        for i in [c.start, c.end - 1] {
            if cx.cue(i).is_some_and(|cue| !cue.designators.is_empty()) {
                heads.push(Head {
                    word: cx.keys.get(i),
                    name: cx.keys.span(c.start, c.end),
                    entry: c.entry,
                });
            }
        }
    }
    heads
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::proposals;

    fn find(cx: &crate::rules::Document<'_>, out: &mut Vec<crate::candidate::Candidate>) {
        crate::rules::designator::find(cx, out);
        let designated = out.len();
        super::find(cx, out);
        out.drain(..designated);
    }

    #[test]
    fn a_lone_head_word_of_a_named_organisation_is_its_short_name() {
        assert_eq!(
            proposals(
                find,
                "She studied at Wexford University. Later the University grew."
            ),
            ["organisation University"]
        );
    }

    #[test]
    fn a_head_word_no_organisation_has_is_left_alone_but_after_the() {
        assert!(proposals(find, "She went to the Senate of Oxley. The House sat.").is_empty());
        assert!(proposals(find, "They met at a University today, at Council.").is_empty());
        assert_eq!(
            proposals(find, "They met at the University today."),
            ["organisation University"]
        );
    }
}
