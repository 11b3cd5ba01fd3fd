//! The numbered-unit rule: an ordinal before a run of capitalised words
//! that ends with the head word of a military formation names that
//! formation, an organisation ("101st Airborne Division", "7th Fleet",
//! "158th Bomber Wing").
//!
//! The span runs from the ordinal to the last head word of the run ("2nd
//! Battalion Royal Gurkha Rifles" whole). A place or group named right
//! before the ordinal, as a gazetteer reading or a dotted abbreviation,
//! is part of the name, as the guidelines keep "US embassy" whole
//! ("Polish 12th Mechanised Brigade", "U.S. 7th Fleet"). The head words
//! are the formations of armies, navies and air forces, after the
//! organisation bases of the GATE ANNIE lists ("Squadron", "Division",
//! "Fleet", "Corps").

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::tokenizer::{Headline, TokenKind};

/// The head words of numbered formations, lower-cased.
const UNIT_HEADS: &[&str] = &[
    "army",
    "corps",
    "division",
    "brigade",
    "regiment",
    "battalion",
    "squadron",
    "wing",
    "group",
    "fleet",
    "legion",
    "airborne",
    "infantry",
    "cavalry",
    "artillery",
    "marines",
    "rifles",
];

/// Proposes an organisation for every numbered formation.
pub(crate) fn find(cx: &Document<'_>, out: &mut Vec<Candidate>) {
    let proposed = out.len();
    for (start, end) in cx.name_runs() {
        if start == 0 || !is_ordinal(cx, start - 1) || !cx.joined(start - 1, end) {
            continue;
        }
        if cx.tokens[start].headline == Headline::Capitals {
            continue;
        }
        let Some(head) = (start..end)
            .rev()
            .find(|&i| UNIT_HEADS.contains(&cx.keys.get(i)))
        else {
            continue;
        };
        let ordinal = start - 1;
        let first = named_before(cx, ordinal, &out[..proposed]).unwrap_or(ordinal);
        out.push(Candidate {
            start: first,
            end: head + 1,
            kind: EntityKind::Organisation,
            entry: None,
            evidence: Evidence::Designator,
            rank: 0,
        });
    }
}

/// Whether token `i` is an ordinal written in digits ("101st", "2nd").
fn is_ordinal(cx: &Document<'_>, i: usize) -> bool {
    let token = &cx.tokens[i];
    if token.kind != TokenKind::Number {
        return false;
    }
    let word = cx.keys.get(i);
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(&word[digits..], "st" | "nd" | "rd" | "th")
}

/// Where a place or group named right before token `ordinal` starts: a
/// gazetteer reading among `listed` that ends there, or a dotted
/// abbreviation ("U.S."), with a space before the ordinal.
fn named_before(cx: &Document<'_>, ordinal: usize, listed: &[Candidate]) -> Option<usize> {
    if !cx.tokens[ordinal].space_before || !cx.joined(ordinal, ordinal + 1) {
        return None;
    }
    let dotted = crate::rules::designator::dotted_prefix(cx, ordinal);
    if dotted < ordinal {
        return Some(dotted);
    }
    listed
        .iter()
        .filter(|c| {
            c.end == ordinal
                && c.evidence == Evidence::Gazetteer
                && matches!(c.kind, EntityKind::Place | EntityKind::Group)
        })
        .map(|c| c.start)
        .min()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::proposals;

    #[test]
    fn an_ordinal_before_a_formation_names_it() {
        assert_eq!(
            proposals(
                super::find,
                "the 101st Airborne Division and the 158th Bomber Wing arrived"
            ),
            [
                "organisation 101st Airborne Division",
                "organisation 158th Bomber Wing"
            ]
        );
        assert_eq!(
            proposals(super::find, "ships of the U.S. 7th Fleet"),
            ["organisation U.S. 7th Fleet"]
        );
    }

    #[test]
    fn other_ordinals_are_left_alone() {
        assert!(proposals(super::find, "the 21st Century and the 10th Amendment").is_empty());
        assert!(proposals(super::find, "the 5 Fleet and 5th fleet").is_empty());
    }
}
