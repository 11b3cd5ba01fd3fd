//! Citations: in the parentheses academic writing cites its sources with,
//! the capitalised words are the authors' surnames, persons, whatever
//! place or body a list knows by the same word ("(Marsden & Mackey,
//! 2014)", "(Kirriemuir & McFarlane, 2004)").
//!
//! A citation is a pair of parentheses that holds a year (a number of four
//! digits) and nothing but capitalised words, years, commas, semicolons,
//! periods, "&", "and", "et" and "al": a chosen place or organisation of
//! one word inside becomes a person with no entry.

use crate::EntityKind;
use crate::candidate::Candidate;
use crate::document::Document;
use crate::tokenizer::{Shape, TokenKind};

/// Whether the authors of a citation are read as persons. Off, for the
/// ablation, they keep the kind the lists give them.
const READ_CITATIONS: bool = true;

/// The most tokens read on either side of a word for its citation's
/// parentheses.
const REACH: usize = 40;

/// Makes the one-word places and organisations chosen inside a citation
/// persons.
pub(crate) fn retype(cx: &Document<'_>, chosen: &mut [Candidate]) {
    if !READ_CITATIONS {
        return;
    }
    for c in chosen.iter_mut() {
        // Most candidates are followed by no comma, "&", ")" or ";", which
        // is asked first: a branch that nearly always goes one way, where
        // one on each candidate's kind and one on its length went either
        // way. Its kind and length are then asked as one comparison of a
        // number made of both, another kind setting bits no length
        // reaches.
        let unlisted_kind = usize::from(!matches!(
            c.kind,
            EntityKind::Place | EntityKind::Organisation
        ));
        if before_author_mark(cx, c.start)
            && (unlisted_kind << 56 | c.len()) == 1
            && in_citation(cx, c.start)
        {
            c.kind = EntityKind::Person;
            c.entry = None;
        }
    }
}

/// Whether token `i` is followed by a comma, "&", ")" or ";", as an
/// author's name in a citation is.
fn before_author_mark(cx: &Document<'_>, i: usize) -> bool {
    let next = (i + 1 < cx.tokens.len())
        .then(|| cx.one_byte(i + 1))
        .flatten();
    matches!(next, Some(b',' | b'&' | b')' | b';'))
}

/// Whether token `i`, followed by a comma, "&", ")" or ";" (see
/// [`before_author_mark`]), sits in a citation's parentheses.
fn in_citation(cx: &Document<'_>, i: usize) -> bool {
    let mut year = false;
    let mut allowed = |j: usize| {
        let token = &cx.tokens[j];
        if token.hard_break {
            return false;
        }
        // The word is read only where its kind and shape do not settle it.
        match token.kind {
            TokenKind::Number => {
                let word = cx.word(j);
                let is_year = word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit());
                year |= is_year;
                is_year
            }
            TokenKind::Word => {
                matches!(token.shape, Shape::Capitalised | Shape::Upper)
                    || matches!(cx.word(j), "and" | "et" | "al")
            }
            TokenKind::Punct => matches!(cx.word(j), "," | ";" | "." | "&"),
            TokenKind::Possessive => false,
        }
    };
    let lowest = i.saturating_sub(REACH);
    let Some(open) = (lowest..i)
        .rev()
        .find(|&j| cx.is_byte(j, b'(') || !allowed(j))
    else {
        return false;
    };
    if !cx.is_byte(open, b'(') {
        return false;
    }
    let highest = cx.tokens.len().min(i + 1 + REACH);
    let Some(close) = (i + 1..highest).find(|&j| cx.is_byte(j, b')') || !allowed(j)) else {
        return false;
    };
    cx.is_byte(close, b')') && year
}

#[cfg(test)]
mod tests {
    use crate::resolver::tests::resolved;

    #[test]
    fn the_words_of_a_citation_are_its_authors() {
        let gazetteer = "place\tHolloway\norganisation\tRenwick\n";
        assert_eq!(
            resolved(
                gazetteer,
                "Games teach skills (Holloway & Renwick, 2004; Pratt, 2010)."
            ),
            ["person: Holloway", "person: Renwick"]
        );
        assert_eq!(
            resolved(
                gazetteer,
                "We drove from Holloway (a town) to Renwick, 2004."
            ),
            ["place: Holloway", "organisation: Renwick"]
        );
    }
}
