//! The designator rule: a word that completes a name tells its kind.
//!
//! - after a run of capitalised words: "Diyala province" (place),
//!   "Popular Mobilisation Forces" (group), "Harvard University",
//!   "the Kurdistan Workers' Party" (organisation), with any "of" or "for"
//!   and name after it ("National Library of the Netherlands");
//! - before "of" and a run: "Ministry of Oil", "Gulf of Aden";
//! - right before a run: "Lake Tharthar", "Mount Sinjar";
//! - a lower-case cue before "of": "the town of Tal Afar", "the base of Al
//!   Assad" (the cue is not part of the span).
//!
//! The designator is part of the span. Lower-case designators count only
//! where a lower-case spelling is usual ("Anbar province", "US embassy");
//! none count in a headline written in capitals, and none across a hard
//! break.

use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::document::cues::Position;
use crate::tokenizer::{Headline, Shape};

/// Proposes a candidate for every designated name.
pub(crate) fn find(cx: &Document<'_>, out: &mut Vec<Candidate>) {
    for i in cx.designators() {
        let Some(cue) = cx.cue(i) else {
            continue;
        };
        let token = &cx.tokens[i];
        if token.headline == Headline::Capitals {
            // In a headline in capitals every word looks like a name.
            continue;
        }
        let capitalised = token.shape.is_capitalised();
        for d in cue.designators(Position::After) {
            if !capitalised && !d.lower_ok {
                continue;
            }
            // "Kurdistan Workers' Party": the run ends before the apostrophe.
            let plural_possessive = i >= 2
                && matches!(cx.word(i - 1), "'" | "’")
                && !cx.tokens[i - 1].space_before
                && cx.word(i - 2).ends_with('s');
            let run_end = if plural_possessive { i - 1 } else { i };
            if !cx.joined(run_end, i + 1) {
                continue;
            }
            let start = cx.trim_start(cx.name_run_start(run_end, true), run_end);
            if start < run_end && !(run_end - start == 1 && cx.is_particle(start)) {
                out.push(proposal(start, of_tail(cx, i + 1), d.kind));
            }
        }
        if !capitalised {
            for d in cue.designators(Position::CueOf) {
                let of = i + 1;
                if cx.joined(of, of + 2) && cx.word(of) == "of" {
                    let end = cx.name_run_end(of + 1, false);
                    if end > of + 1 && !cx.is_stopword(of + 1) {
                        out.push(proposal(of + 1, end, d.kind));
                    }
                }
            }
            continue;
        }
        for d in cue.designators(Position::BeforeOf) {
            let of = i + 1;
            if cx.joined(of, of + 2) && cx.word(of) == "of" {
                let end = cx.name_run_end(of + 1, true);
                if end > of + 1 && !cx.is_stopword(of + 1) {
                    out.push(proposal(i, end, d.kind));
                }
            }
        }
        for d in cue.designators(Position::Before) {
            let end = cx.name_run_end(i + 1, false);
            if end > i + 1 && !cx.tokens[i + 1].sentence_start {
                out.push(proposal(i, end, d.kind));
            }
        }
    }
}

/// Where a body's name ends when "of" or "for" and a name follow its
/// designator ("National Library of the Netherlands", "Australian Centre
/// for Iodine Research"): after that name; otherwise at `end`.
fn of_tail(cx: &Document<'_>, end: usize) -> usize {
    let joined = end < cx.tokens.len()
        && cx.tokens[end].shape == Shape::Lower
        && cx.cue(end).is_some_and(|c| c.body_connector);
    if !joined {
        return end;
    }
    let mut name = end + 1;
    if name < cx.tokens.len() && cx.keys.get(name) == "the" && cx.tokens[name].shape == Shape::Lower
    {
        name += 1;
    }
    if !cx.joined(end, name + 1) {
        return end;
    }
    let tail = cx.name_run_end(name, true);
    if tail > name && !cx.is_stopword(name) {
        tail
    } else {
        end
    }
}

fn proposal(start: usize, end: usize, kind: crate::EntityKind) -> Candidate {
    Candidate {
        start,
        end,
        kind,
        entry: None,
        evidence: Evidence::Designator,
        rank: 0,
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::proposals;

    #[test]
    fn designators_after_the_name() {
        assert_eq!(
            proposals(super::find, "in Diyala province and at Harvard University"),
            ["place Diyala province", "organisation Harvard University"]
        );
        assert_eq!(
            proposals(
                super::find,
                "The Kurdistan Workers' Party and Popular Mobilisation Forces"
            ),
            [
                "organisation Kurdistan Workers' Party",
                "group Popular Mobilisation Forces"
            ]
        );
    }

    #[test]
    fn designators_before_the_name() {
        assert_eq!(
            proposals(super::find, "the Ministry of Oil near Lake Tharthar"),
            ["organisation Ministry of Oil", "place Lake Tharthar"]
        );
        assert_eq!(
            proposals(super::find, "the US base of Al Assad and the town of Some"),
            ["place Al Assad"]
        );
    }

    #[test]
    fn designators_do_not_reach_over_a_hard_break() {
        for text in [
            "the Soviet\n\nUnion",
            "the Ministry of\n\nOil",
            "the Ministry\n\nof Oil",
            "near Lake\n\nTharthar",
            "the town of\n\nTal Afar",
        ] {
            assert!(proposals(super::find, text).is_empty(), "{text:?}");
        }
        assert_eq!(
            proposals(super::find, "the National Library\n\nof the Netherlands"),
            ["organisation National Library"]
        );
    }

    #[test]
    fn lower_case_designators_need_a_usual_spelling() {
        assert_eq!(
            proposals(super::find, "the US embassy"),
            ["organisation US embassy"]
        );
        assert!(proposals(super::find, "American forces and the party").is_empty());
        assert!(proposals(super::find, "The University said").is_empty());
    }
}
