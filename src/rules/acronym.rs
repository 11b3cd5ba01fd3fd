//! The acronym rule: "Popular Mobilisation Forces (PMF)" defines `PMF` as
//! the acronym of the capitalised words before it.
//!
//! The rule proposes the long form (as an organisation, the usual kind of
//! an acronym-bearing name, unless a gazetteer or designator says
//! otherwise); the resolver then makes the acronym, here and wherever else
//! it occurs in the document, a mention of the long form's entity.

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::document::acronym::SKIPPED;
use crate::tokenizer::{Shape, TokenKind};

/// Proposes the long form before every "(ACRONYM)".
pub(crate) fn find(cx: &Document<'_>, out: &mut Vec<Candidate>) {
    let tokens = cx.tokens;
    // Every acronym, a word in capitals, is a name word: starting from
    // those in capitals costs less than a search of the text for "(".
    for at in cx.name_words() {
        if tokens[at].shape != Shape::Upper || at < 2 || at + 1 >= tokens.len() {
            continue;
        }
        let open = at - 1;
        if tokens[open].kind != TokenKind::Punct || cx.word(open) != "(" || cx.word(at + 1) != ")" {
            continue;
        }
        // The definition and the long form are of one paragraph.
        if !cx.is_acronym(at) || !cx.joined(open, at + 2) {
            continue;
        }
        let letters = cx.word(at).chars().filter(|c| c.is_alphabetic()).count();
        let mut start = open;
        let mut capitals = 0;
        while start > 0 && capitals < letters {
            let prev = start - 1;
            let word = cx.word(prev);
            if cx.is_name_word(prev) {
                capitals += 1;
            } else if !SKIPPED.contains(&word) {
                break;
            }
            start = prev;
            if tokens[start].hard_break {
                break;
            }
        }
        let start = cx.trim_start(start, open);
        if start < open && cx.is_name_word(start) && cx.spells_initials(at, start, open) {
            out.push(Candidate {
                start,
                end: open,
                kind: EntityKind::Organisation,
                entry: None,
                evidence: Evidence::Acronym,
                rank: 0,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::proposals;

    #[test]
    fn long_forms_before_defined_acronyms() {
        assert_eq!(
            proposals(
                find,
                "Iraq's Popular Mobilisation Forces (PMF) and the Democratic Front of Kurdistan and the Gulf (DFKG)"
            ),
            [
                "organisation Popular Mobilisation Forces",
                "organisation Democratic Front of Kurdistan and the Gulf"
            ]
        );
    }

    #[test]
    fn a_definition_does_not_reach_over_a_hard_break() {
        assert!(proposals(find, "Popular Mobilisation Forces\n\n(PMF) left").is_empty());
        assert!(proposals(find, "Popular\n\nMobilisation Forces (PMF) left").is_empty());
    }

    #[test]
    fn mismatched_initials_propose_nothing() {
        assert!(proposals(find, "the Popular Forces (PMF) and (UN) and Some Body (SB)").is_empty());
    }
}
