//! Boilerplate of web pages: the words of menus, buttons and footers that
//! sites write in capitals ("Contact Us", "Sign In", "Read More", "Sport"),
//! which are never a mention.
//!
//! The phrases are the embedded list `gazetteers/web-boilerplate.txt`,
//! matched on whole tokens by their keys (so in any case). A candidate that
//! lies wholly inside an occurrence of one is dropped before the resolver
//! sees it: "Contact Us" gives no United States, and "Sport" no
//! organisation, while a longer name around a phrase ("BBC Sport", "Sport
//! England") stays. An occurrence never spans a hard break.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::candidate::Candidate;
use crate::gazetteer::WordFilter;
use crate::hash::WordHasher;
use crate::tokenizer::{Keys, Token, tokenize};

/// The embedded list: one phrase a line, `#` comments.
const LIST: &str = include_str!("../gazetteers/web-boilerplate.txt");

/// The boilerplate phrases, by their tokens' keys joined with spaces.
#[derive(Debug)]
pub(crate) struct Boilerplate {
    /// Hashed with the crate's word hasher: SipHash cost several times
    /// more on keys of a few bytes.
    phrases: HashSet<String, BuildHasherDefault<WordHasher>>,
    /// The phrases' first keys, by the hashes the text's keys have: most
    /// stretches of a text start with a word that starts no phrase, which
    /// this settles without hashing the stretch's keys joined.
    first_words: WordFilter,
    /// The most tokens a phrase has.
    longest: usize,
}

impl Boilerplate {
    /// The embedded list, read once per process.
    pub(crate) fn embedded() -> &'static Boilerplate {
        static LIST_READ: OnceLock<Boilerplate> = OnceLock::new();
        LIST_READ.get_or_init(|| Boilerplate::parse(LIST))
    }

    fn parse(list: &str) -> Boilerplate {
        let mut phrases = HashSet::default();
        let mut first_words = WordFilter::new(14);
        let mut longest = 0;
        for line in list.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let tokens = tokenize(line);
            if tokens.is_empty() {
                continue;
            }
            let keys = Keys::new(line, &tokens);
            longest = longest.max(tokens.len());
            phrases.insert(keys.span(0, tokens.len()).to_string());
            first_words.insert_hashed(keys.hash(0));
        }
        Boilerplate {
            phrases,
            first_words,
            longest,
        }
    }

    /// Drops the candidates that lie wholly inside an occurrence of a
    /// phrase.
    pub(crate) fn drop_from(&self, tokens: &[Token], keys: &Keys, candidates: &mut Vec<Candidate>) {
        candidates.retain(|c| !self.covers(tokens, keys, c.start, c.end));
    }

    /// Whether tokens `start..end` lie inside an occurrence of a phrase.
    fn covers(&self, tokens: &[Token], keys: &Keys, start: usize, end: usize) -> bool {
        if end - start > self.longest {
            return false;
        }
        // Every stretch of at most `longest` tokens around the candidate
        // that crosses no hard break: it ends at the first one after its
        // start at the latest.
        (end.saturating_sub(self.longest)..=start).any(|from| {
            if !self.first_words.may_contain_hashed(keys.hash(from)) {
                return false;
            }
            let limit = (from + 1..tokens.len())
                .take(self.longest)
                .find(|&i| tokens[i].hard_break)
                .unwrap_or(tokens.len())
                .min(from + self.longest);
            (end..=limit).any(|to| self.phrases.contains(keys.span(from, to)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityKind;
    use crate::candidate::Evidence;

    fn candidate(start: usize, end: usize) -> Candidate {
        Candidate {
            start,
            end,
            kind: EntityKind::Place,
            entry: None,
            evidence: Evidence::Gazetteer,
            rank: 50,
        }
    }

    /// The texts of the candidates, given as token ranges of `text`, that
    /// the embedded list keeps.
    fn kept(text: &str, spans: &[(usize, usize)]) -> Vec<String> {
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let mut candidates: Vec<Candidate> = spans.iter().map(|&(s, e)| candidate(s, e)).collect();
        Boilerplate::embedded().drop_from(&tokens, &keys, &mut candidates);
        candidates
            .iter()
            .map(|c| text[tokens[c.start].start()..tokens[c.end - 1].end()].to_string())
            .collect()
    }

    #[test]
    fn candidates_inside_a_phrase_are_dropped_in_any_case() {
        // "Contact Us": "Us" read as the United States; "SIGN IN"; "Sport".
        assert!(kept("Contact Us", &[(1, 2)]).is_empty());
        assert!(kept("CONTACT US", &[(0, 2)]).is_empty());
        assert!(kept("Home | Sport | Weather", &[(2, 3)]).is_empty());
        assert!(kept("Read More", &[(0, 2)]).is_empty());
    }

    #[test]
    fn longer_names_around_a_phrase_stay() {
        assert_eq!(kept("BBC Sport said", &[(0, 2)]), ["BBC Sport"]);
        assert_eq!(kept("Sport England said", &[(0, 2)]), ["Sport England"]);
        assert_eq!(kept("the US said", &[(1, 2)]), ["US"]);
    }

    #[test]
    fn a_phrase_never_spans_a_hard_break() {
        // "Contact\n\nUs" is no occurrence of "Contact Us".
        assert_eq!(kept("Contact\n\nUs", &[(1, 2)]), ["Us"]);
    }

    #[test]
    fn the_list_reads_comments_and_phrases() {
        let list = Boilerplate::parse("# a comment\n\nSign In\nEditor's Picks\n");
        assert_eq!(list.phrases.len(), 2);
        assert!(list.phrases.contains("sign in"));
        assert_eq!(list.longest, 3);
    }
}
