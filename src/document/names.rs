//! Name keys: the lower-cased words of a span of tokens, punctuation left
//! out, under which names are compared ("Al-Sadr" and "al Sadr" are one
//! name), and their hashes.

use super::Document;
use crate::hash::chain;
use crate::tokenizer::TokenKind;

/// The hash of a name before any word is folded in (see
/// [`Document::fold_word`]).
pub(crate) const EMPTY_NAME: u64 = 0;

impl Document<'_> {
    /// Appends the name key of tokens `start..end` to `out`: the keys of
    /// their words, joined by spaces.
    pub fn name_key(&self, start: usize, end: usize, out: &mut String) {
        let from = out.len();
        for i in (start..end).filter(|&i| self.tokens[i].kind == TokenKind::Word) {
            if out.len() > from {
                out.push(' ');
            }
            out.push_str(self.keys.get(i));
        }
    }

    /// Folds word token `i` into `hash`, the hash of the words after it:
    /// names are hashed from their last word back, so that the hashes of
    /// all their endings ("Sadr", "Al Sadr", "Moqtada Al Sadr") come on the
    /// way.
    pub fn fold_word(&self, hash: u64, i: usize) -> u64 {
        chain(hash, self.keys.hash(i))
    }

    /// The key hashes of the words of tokens `start..end`.
    pub fn word_hashes(&self, start: usize, end: usize) -> impl Iterator<Item = u64> + '_ {
        (start..end)
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .map(|i| self.keys.hash(i))
    }

    /// The hash of the name key of tokens `start..end` (see
    /// [`Document::fold_word`]).
    pub fn name_hash(&self, start: usize, end: usize) -> u64 {
        (start..end)
            .rev()
            .filter(|&i| self.tokens[i].kind == TokenKind::Word)
            .fold(EMPTY_NAME, |hash, i| self.fold_word(hash, i))
    }
}
