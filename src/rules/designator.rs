//! The designator rule: a word that completes a name tells its kind.
//!
//! - after a run of capitalised words: "Karbala province" (place),
//!   "Popular Mobilisation Forces" (group), "Harvard University",
//!   "the Kurdistan Workers' Party" (organisation), with any "of" or "for"
//!   and name after it ("Royal Library of the Netherlands");
//! - before "of" and a run: "Ministry of Oil", "Gulf of Aden";
//! - right before a run: "Lake Kariba", "Mount Kenya";
//! - a lower-case cue before "of": "the town of Tal Afar", "the base of Al
//!   Assad" (the cue is not part of the span).
//!
//! The designator is part of the span. Lower-case designators count only
//! where a lower-case spelling is usual ("Anbar province", "US embassy");
//! none count in a headline written in capitals, and none across a hard
//! break.

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::document::cues::Position;
use crate::tokenizer::{Headline, Shape, TokenKind};

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
                && !cx.tokens[i - 1].space_before
                && matches!(cx.word(i - 1), "'" | "’")
                && cx.word(i - 2).ends_with('s');
            let run_end = if plural_possessive { i - 1 } else { i };
            if !cx.joined(run_end, i + 1) {
                continue;
            }
            let mut start = cx.trim_start(cx.name_run_start(run_end, true), run_end);
            if d.kind == EntityKind::Organisation {
                start = dotted_prefix(cx, start);
            }
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
            if d.kind == EntityKind::Organisation {
                // "Society for General Systems Research", "Office of the
                // Mayor": a body's name goes on over "of" or "for" and
                // "the". A designator inside a run starts no name ("Protective
                // Agency of Hackensack" is no "Agency of Hackensack").
                if i > 0
                    && cx.continues(i)
                    && cx.is_name_word(i - 1)
                    && !cx.cue(i - 1).is_some_and(|c| c.determiner)
                {
                    continue;
                }
                let end = of_tail(cx, i + 1);
                if end > i + 1 {
                    out.push(proposal(dotted_prefix(cx, i), end, d.kind));
                }
                continue;
            }
            let of = i + 1;
            if cx.joined(of, of + 2) && cx.word(of) == "of" {
                let end = cx.name_run_end(of + 1, true);
                if end > of + 1 && !cx.is_stopword(of + 1) {
                    let start = if d.kind == EntityKind::Organisation {
                        dotted_prefix(cx, i)
                    } else {
                        i
                    };
                    out.push(proposal(start, end, d.kind));
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
/// designator ("Royal Library of the Netherlands", "Scottish Institute
/// for Marine Research"): after that name; otherwise at `end`.
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

/// Where an organisation's name that starts at `start` starts when a
/// dotted abbreviation in capitals comes right before it ("U.S. Army",
/// "U.N. Security Council"): at the abbreviation, which the tokenizer
/// splits from its final dot ("U.S", "."), so that no run goes through
/// it. Otherwise at `start`.
pub(crate) fn dotted_prefix(cx: &Document<'_>, start: usize) -> usize {
    if start < 2 || !cx.joined(start - 1, start + 1) {
        return start;
    }
    let (abbreviation, dot) = (&cx.tokens[start - 2], &cx.tokens[start - 1]);
    // The tokens' facts before their texts, which only an abbreviation's
    // need reading.
    let dotted = abbreviation.kind == TokenKind::Word && abbreviation.shape == Shape::Upper && {
        let word = cx.word(start - 2);
        word.len() >= 3 && word.bytes().skip(1).step_by(2).all(|b| b == b'.') && word.len() % 2 == 1
    };
    if dotted && !dot.space_before && cx.tokens[start].space_before && cx.word(start - 1) == "." {
        start - 2
    } else {
        start
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
            proposals(super::find, "in Karbala province and at Harvard University"),
            ["place Karbala province", "organisation Harvard University"]
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
            proposals(super::find, "the Ministry of Oil near Lake Kariba"),
            ["organisation Ministry of Oil", "place Lake Kariba"]
        );
        assert_eq!(
            proposals(super::find, "the US base of Al Assad and the town of Some"),
            ["place Al Assad"]
        );
    }

    #[test]
    fn a_dotted_abbreviation_before_a_body_is_part_of_its_name() {
        assert_eq!(
            proposals(super::find, "the U.S. Navy and the U.N. Security Council"),
            [
                "organisation U.S. Navy",
                "organisation U.N. Security Council"
            ]
        );
        // Not over a space before the dot, nor onto a place.
        assert_eq!(
            proposals(super::find, "the U.S . Navy and the U.S. Gulf of Aden"),
            ["place Gulf of Aden"]
        );
    }

    #[test]
    fn armed_forces_commands_and_coalitions_are_organisations() {
        assert_eq!(
            proposals(
                super::find,
                "the Royal Wexford Air Force, the Southern Command and the Midwest Coalition"
            ),
            [
                "organisation Royal Wexford Air Force",
                "organisation Southern Command",
                "organisation Midwest Coalition"
            ]
        );
    }

    #[test]
    fn a_body_named_before_of_or_for_goes_on_over_them() {
        assert_eq!(
            proposals(
                super::find,
                "the Centre for Marine Studies and the Office of the Governor"
            ),
            [
                "organisation Centre for Marine Studies",
                "organisation Office of the Governor"
            ]
        );
        // Inside a run, the designator completes the run instead.
        assert_eq!(
            proposals(super::find, "the Wexford Agency of Ruritania"),
            ["organisation Wexford Agency of Ruritania"]
        );
    }

    #[test]
    fn designators_do_not_reach_over_a_hard_break() {
        for text in [
            "the Soviet\n\nUnion",
            "the Ministry of\n\nOil",
            "the Ministry\n\nof Oil",
            "near Lake\n\nKariba",
            "the town of\n\nTal Afar",
        ] {
            assert!(proposals(super::find, text).is_empty(), "{text:?}");
        }
        assert_eq!(
            proposals(super::find, "the Royal Library\n\nof the Netherlands"),
            ["organisation Royal Library"]
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
