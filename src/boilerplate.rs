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

mod compiled;

use crate::candidate::Candidate;
use crate::hash::hash_key;
use crate::tokenizer::{Keys, Token};
use compiled::{NO_PHRASE, WORD_BITS, first_slot, word_bit};

// The compiled list: `LONGEST`, `PHRASES`, `PHRASE_SLOTS`, `FIRST_WORDS`
// and `WORDS` (see [`compiled::source`]), written by the build script from
// `gazetteers/web-boilerplate.txt`.
include!(concat!(env!("OUT_DIR"), "/boilerplate.rs"));

/// The boilerplate phrases, compiled by the build script: each by its
/// tokens' keys joined with spaces, in a hash table by their hashes, with
/// a bit set of the phrases' first keys and one of all their keys, by the
/// hashes the text's keys have.
#[derive(Debug)]
pub(crate) struct Boilerplate;

impl Boilerplate {
    /// The embedded list.
    pub(crate) fn embedded() -> &'static Boilerplate {
        &Boilerplate
    }

    /// Drops the candidates that lie wholly inside an occurrence of a
    /// phrase.
    pub(crate) fn drop_from(&self, tokens: &[Token], keys: &Keys, candidates: &mut Vec<Candidate>) {
        candidates.retain(|c| !self.covers(tokens, keys, c.start, c.end));
    }

    /// Whether tokens `start..end` lie inside an occurrence of a phrase.
    #[inline]
    fn covers(&self, tokens: &[Token], keys: &Keys, start: usize, end: usize) -> bool {
        // A candidate inside a phrase starts with a word of it: most
        // candidates start with a word no phrase has, which one bit
        // settles, here in the loop over the candidates. The few others
        // are looked at in a call (inlined whole, the test had the
        // registers of the search saved and restored for every candidate).
        end - start <= LONGEST
            && has_word(&WORDS, keys.hash(start))
            && Self::inside_a_phrase(tokens, keys, start, end)
    }

    /// Whether tokens `start..end`, at most [`LONGEST`] of them, the first
    /// a word of some phrase, lie inside an occurrence of a phrase.
    #[inline(never)]
    fn inside_a_phrase(tokens: &[Token], keys: &Keys, start: usize, end: usize) -> bool {
        // Every token of an occurrence is a word of some phrase: the
        // stretches looked up take in no other, which settles most
        // candidates before a phrase is hashed.
        let word = |i: usize| has_word(&WORDS, keys.hash(i));
        if !(start + 1..end).all(word) {
            return false;
        }
        // Every stretch of at most `LONGEST` tokens around the candidate
        // that crosses no hard break (it ends at the first one after its
        // start at the latest), from its start back.
        let lowest = end.saturating_sub(LONGEST);
        let mut from = start;
        loop {
            if has_word(&FIRST_WORDS, keys.hash(from)) {
                let limit = (from + 1..tokens.len())
                    .take(LONGEST)
                    .find(|&i| tokens[i].hard_break)
                    .unwrap_or(tokens.len())
                    .min(from + LONGEST);
                if (end..=limit)
                    .take_while(|&to| to == end || word(to - 1))
                    .any(|to| is_phrase(&keys.span(from, to)))
                {
                    return true;
                }
            }
            if from == lowest || !word(from - 1) {
                return false;
            }
            from -= 1;
        }
    }
}

/// Whether the word of key hash `hash` has its bit in `words`.
#[inline]
fn has_word(words: &[u64; WORD_BITS / 64], hash: u64) -> bool {
    let (word, mask) = word_bit(hash);
    words[word] & mask != 0
}

/// Whether `keys`, keys joined with spaces, are a phrase of the list.
fn is_phrase(keys: &str) -> bool {
    let mut slot = first_slot(hash_key(keys), PHRASE_SLOTS.len());
    loop {
        match PHRASE_SLOTS[slot] {
            NO_PHRASE => return false,
            i if PHRASES[usize::from(i)] == keys => return true,
            _ => slot = (slot + 1) & (PHRASE_SLOTS.len() - 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EntityKind;
    use crate::candidate::Evidence;
    use crate::tokenizer::tokenize;

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
        let phrases = compiled::phrases("# a comment\n\nSign In\nEditor's Picks\nSIGN IN\n");
        let joined: Vec<&str> = phrases.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(joined, ["sign in", "editor 's picks"]);
        assert_eq!(phrases[1].1.len(), 3);
    }

    #[test]
    fn the_compiled_list_is_what_the_list_gives() {
        let list = include_str!("../gazetteers/web-boilerplate.txt");
        let compiled = include_str!(concat!(env!("OUT_DIR"), "/boilerplate.rs"));
        assert!(
            compiled == compiled::source(list),
            "build.rs is out of step"
        );
        assert!(PHRASES.iter().all(|p| is_phrase(p)));
        assert!(
            !is_phrase("sign") && !is_phrase("us") && !is_phrase("") && !is_phrase("sign in now")
        );
    }
}
