//! The results rule: in a sports report, the names a results line or a
//! table row sets against scores are teams, organisations ("Harlow 6
//! Denton 2", "Atalanta 3 2 1 0 6 2 7").
//!
//! A results line is nothing but two names, each followed by its score; a
//! table row is a name followed by at least [`MIN_TABLE_NUMBERS`] numbers
//! (played, won, drawn, lost, goals, points). Scores are numbers, possibly
//! joined by hyphens, points or commas ("81-3", ".565"). The document must
//! be a sports report (at least three sports terms), and the names at most
//! [`MAX_NAME_WORDS`] words long.
//!
//! The proposals are guesses ([`Evidence::Guess`]): the resolver takes them
//! only where nothing else reads the name, so a listed place stays for the
//! teams stage to decide (a country's national side stays a place) and a
//! known person stays a person. What the rule adds is the clubs no list
//! holds.

use crate::candidate::Candidate;
use crate::document::Document;
use crate::tokenizer::TokenKind;

/// The fewest numbers after a name that make its line a table row.
const MIN_TABLE_NUMBERS: usize = 3;

/// The most words of a team's name.
const MAX_NAME_WORDS: usize = 4;

/// Proposes an organisation for every name of a results line or table row
/// of a sports report.
pub(crate) fn find(cx: &Document<'_>, out: &mut Vec<Candidate>) {
    // Known once the document is made: most texts are no sports report,
    // and need no look at their lines.
    if !cx.is_sports_report() {
        return;
    }
    let mut runs = cx.name_runs().peekable();
    while let Some((start, end)) = runs.next() {
        if !cx.tokens[start].line_start || end - start > MAX_NAME_WORDS {
            continue;
        }
        let (after, numbers) = score(cx, end);
        if numbers == 0 {
            continue;
        }
        let teams = if line_ends(cx, after) {
            if numbers < MIN_TABLE_NUMBERS {
                continue;
            }
            [Some((start, end)), None]
        } else {
            let Some(&(second, second_end)) = runs.peek().filter(|&&(s, _)| s == after) else {
                continue;
            };
            let (after, numbers) = score(cx, second_end);
            if numbers == 0 || !line_ends(cx, after) || second_end - second > MAX_NAME_WORDS {
                continue;
            }
            runs.next();
            [Some((start, end)), Some((second, second_end))]
        };
        for (start, end) in teams.into_iter().flatten() {
            out.push(Candidate::guessed_organisation(start, end));
        }
    }
}

/// Skips the score that starts at token `i`, on its line: returns the
/// token after it and how many numbers it holds (0 when none starts there).
fn score(cx: &Document<'_>, mut i: usize) -> (usize, usize) {
    let mut numbers = 0;
    while let Some(token) = cx.tokens.get(i) {
        if token.line_start {
            break;
        }
        let punct = token.kind == TokenKind::Punct;
        // "81-3", "1,200": a joiner between two numbers.
        let joiner = punct
            && numbers > 0
            && matches!(cx.word(i), "-" | "." | ",")
            && cx
                .tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == TokenKind::Number && !t.space_before);
        // ".565": a point before the first number.
        let point = punct && numbers == 0 && cx.word(i) == ".";
        if token.kind == TokenKind::Number {
            numbers += 1;
        } else if !(joiner || point) {
            break;
        }
        i += 1;
    }
    (i, numbers)
}

/// Whether token `i` starts a line or is past the last.
fn line_ends(cx: &Document<'_>, i: usize) -> bool {
    cx.tokens.get(i).is_none_or(|t| t.line_start)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::proposals;

    const REPORT: &str = "Results of the league matches, a goal and a win:\n";

    #[test]
    fn results_lines_and_table_rows_of_a_sports_report_are_teams() {
        let text = format!("{REPORT}Oxley 2 Wexbury Rovers 1\nNortham 3 2 1 0 6 2 7\nAlso 2\n");
        assert_eq!(
            proposals(super::find, &text),
            [
                "organisation Oxley",
                "organisation Wexbury Rovers",
                "organisation Northam"
            ]
        );
    }

    #[test]
    fn other_lines_and_other_reports_give_nothing() {
        let text = format!("{REPORT}Oxley 2 Wexbury 1 said Kim\nNortham 3 points\n");
        assert!(proposals(super::find, &text).is_empty());
        assert!(proposals(super::find, "The budget:\nOxley 2 Wexbury 1\n").is_empty());
    }
}
