//! The title rule: a title or role word before a name makes it a person.
//!
//! "Mr Abdul Karim said" → `Abdul Karim`; "cleric Moqtada Al Sadr" →
//! `Moqtada Al Sadr`. The title is evidence, not part of the span. Titles
//! may be stacked ("Prime Minister", "Lt. Gen.") and followed by a period.
//! A title inside the name that a name word follows starts the next name:
//! "Mr Smith Mr Jones" names two persons.

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::document::cues::Position;
use crate::tokenizer::{Headline, Shape};

/// Proposes a person after every title or role word.
pub(crate) fn find(cx: &Document<'_>, out: &mut Vec<Candidate>) {
    let tokens = cx.tokens;
    // Where the tokens read after the last title end: titles among them
    // were read with it.
    let mut done = 0;
    for i in cx.titles() {
        if i < done {
            continue;
        }
        // Skip stacked titles and their periods: "Lt. Gen.", "Prime Minister".
        let mut name = i + 1;
        while name < tokens.len()
            && (cx.is_title(name)
                || (!tokens[name].space_before && cx.word(name) == "." && !ends_sentence(cx, name)))
            && !tokens[name].hard_break
        {
            name += 1;
        }
        if name >= tokens.len() || tokens[name].hard_break || cx.is_stopword(name) {
            done = name;
            continue;
        }
        // Every word of a headline in capitals looks like a name: take the
        // two after the title ("PRESIDENT BILL CLINTON SAID"), and look no
        // further.
        let capitals = tokens[name].headline == Headline::Capitals;
        let limit = if capitals { name + 2 } else { tokens.len() };
        let end = cx.person_name_end(name, limit).min(limit);
        // Words cut short by the next title are a name when the last is
        // one ("Mr Smith Mr Jones"), and otherwise part of that title
        // ("Deputy Foreign Minister Sergei Ryabkov").
        let cut = end < limit.min(tokens.len()) && cx.continues(end) && cx.starts_name(end);
        let last = cx.lexeme(end.max(1) - 1);
        if cut && !(last.given_name || last.surname) {
            done = end;
            continue;
        }
        let person_end = cx.person_words_end(name, end);
        if person_end > name
            && !(person_end - name == 1 && (cx.is_particle(name) || ends_names(cx, name)))
        {
            out.push(Candidate {
                start: name,
                end: person_end,
                kind: EntityKind::Person,
                entry: None,
                evidence: Evidence::Title,
                rank: 0,
            });
        }
        done = end.max(name);
    }
}

/// Whether the period at token `period`, right after a title, ends the
/// sentence that the title ends ("an attorney. Is that", "a weak leader.
/// Refusing"): the next word starts a sentence, and the title is a word, not
/// an abbreviation of four letters at most that the tokenizer's list
/// lacks ("Mlle. Arosa", "Cpl. Jones").
fn ends_sentence(cx: &Document<'_>, period: usize) -> bool {
    let title = &cx.tokens[period - 1];
    let abbreviation = matches!(title.shape, Shape::Capitalised | Shape::Upper)
        && title.end() - title.start() <= 4;
    !abbreviation
        && cx
            .tokens
            .get(period + 1)
            .is_some_and(|next| next.sentence_start)
}

/// Whether token `i` is a word that ends the names of bodies and places
/// ("Museum", "Mosque"): alone after a title-like word, it names one of
/// those ("Metropolitan Museum", "Shah Mosque"), not a person.
fn ends_names(cx: &Document<'_>, i: usize) -> bool {
    cx.cue(i)
        .is_some_and(|cue| cue.designators(Position::After).next().is_some())
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::proposals;

    #[test]
    fn titles_and_roles_make_persons() {
        assert_eq!(
            proposals(
                super::find,
                "Mr Abdul Karim said, and cleric Moqtada Al-Sadr agreed."
            ),
            ["person Abdul Karim", "person Moqtada Al-Sadr"]
        );
        assert_eq!(
            proposals(
                super::find,
                "Lt. Gen. Smith met Prime Minister Nouri al Maliki"
            ),
            ["person Smith", "person Nouri al Maliki"]
        );
    }

    #[test]
    fn a_title_inside_a_name_starts_the_next() {
        assert_eq!(
            proposals(super::find, "Mr Smith Mr Smith Mr Jane Smith"),
            ["person Smith", "person Smith", "person Jane Smith"]
        );
        assert_eq!(
            proposals(
                super::find,
                "MR SMITH MR SMITH SAID\nBAGHDAD PRESIDENT SMITH SAID"
            ),
            ["person SMITH", "person SMITH SAID", "person SMITH SAID"]
        );
        assert_eq!(proposals(super::find, "MR SMITH"), ["person SMITH"]);
        // Unless the words before it are no name: then they are part of it.
        assert_eq!(
            proposals(super::find, "Deputy Foreign Minister Nouri al Maliki"),
            ["person Nouri al Maliki"]
        );
    }

    #[test]
    fn a_name_ends_before_a_stop_word_that_is_no_name() {
        assert_eq!(
            proposals(super::find, "Dr Jane Doe Some Day, said Mr Abdul Smith."),
            ["person Jane Doe", "person Abdul Smith"]
        );
    }

    #[test]
    fn a_title_before_a_word_that_ends_names_of_places_is_no_person() {
        assert!(proposals(super::find, "the Metropolitan Museum and the Shah Mosque").is_empty());
        assert_eq!(proposals(super::find, "Metropolitan Jane"), ["person Jane"]);
    }

    #[test]
    fn a_title_that_ends_a_sentence_is_no_title_of_the_next() {
        assert!(
            proposals(
                super::find,
                "The case went to an attorney. Things moved fast."
            )
            .is_empty()
        );
        assert!(
            proposals(
                super::find,
                "She called the Chief Inspector. Harbours froze."
            )
            .is_empty()
        );
        assert_eq!(
            proposals(super::find, "A gift for Mlle. Ravenel and Lt. Morrow."),
            ["person Ravenel", "person Morrow"]
        );
    }

    #[test]
    fn a_title_alone_or_before_a_stop_word_proposes_nothing() {
        assert!(proposals(super::find, "the president said. Mr\nSmith").is_empty());
        assert!(proposals(super::find, "Mr Al said").is_empty());
    }
}
