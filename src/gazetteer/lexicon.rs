//! The word lists: given names, surnames and stop words, by lower-cased key.

use super::Origin;
use super::table::KeyTable;
use crate::tokenizer::Keys;

/// What the word lists say about one word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lexeme {
    /// A known first name.
    pub given_name: bool,
    /// How common it is as a first name (the highest rank of its entries).
    pub given_rank: u8,
    /// A known family name.
    pub surname: bool,
    /// How common it is as a family name.
    pub surname_rank: u8,
    /// Never a mention on its own.
    pub stopword: bool,
}

/// Given names, surnames and stop words, by lower-cased key.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    words: KeyTable<(Origin, Lexeme)>,
}

impl Lexicon {
    /// A lexicon of the given words (with where each came from, which the
    /// lexicon does not use).
    pub fn new(words: KeyTable<(Origin, Lexeme)>) -> Lexicon {
        Lexicon { words }
    }

    /// The facts about a word by its key ([`crate::tokenizer::push_key`]), which is already
    /// lower case.
    pub fn get_key(&self, key: &str) -> Lexeme {
        self.words.get(key).map(|w| w.1).unwrap_or_default()
    }

    /// The facts about token `i` of a text, by its key.
    pub fn lookup_token(&self, keys: &Keys, i: usize) -> Lexeme {
        if self.words.is_empty() {
            return Lexeme::default();
        }
        self.words
            .get_hashed(keys.get(i), keys.hash(i))
            .map(|w| w.1)
            .unwrap_or_default()
    }

    /// Heap bytes held, roughly.
    pub fn memory_usage(&self) -> usize {
        self.words.memory_usage()
    }
}
