//! The given-name rule: a run of two or more capitalised words that starts
//! with a known given name is a person ("Abdul Karim Hassan", "Jane
//! Smithers").

use super::Context;
use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};

/// Proposes a person for every run that starts with a given name.
pub(crate) fn find(cx: &Context<'_>, out: &mut Vec<Candidate>) {
    let mut i = 0;
    while i < cx.tokens.len() {
        let end = cx.name_run_end(i, false);
        if end == i {
            i += 1;
            continue;
        }
        let lexeme = cx.lexeme(i);
        if end - i >= 2 && lexeme.given_name && !lexeme.stopword {
            out.push(Candidate {
                start: i,
                end,
                kind: EntityKind::Person,
                entry: None,
                evidence: Evidence::GivenName,
                rank: 0,
            });
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::proposals;

    #[test]
    fn runs_starting_with_a_given_name_are_persons() {
        assert_eq!(
            proposals(super::find, "Abdul Karim Hassan met Jane Smith and Abdul."),
            ["person Abdul Karim Hassan", "person Jane Smith"]
        );
        assert!(proposals(super::find, "May Day").is_empty());
    }
}
