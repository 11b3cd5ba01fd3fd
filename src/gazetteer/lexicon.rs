//! The word lists: given names, surnames and stop words, by lower-cased key,
//! and the words that may start a gazetteer form.

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use super::filter::WordFilter;
use super::image::{ImageError, ImageReader, ImageWriter};
use super::table::KeyTable;
use super::{EntryKind, Origin};
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

/// A [`Lexeme`] as the lexicon stores it, in bytes that an image holds,
/// with where its entries came from.
///
/// The default is a word of no list.
#[derive(Clone, Copy, Debug, Default, FromBytes, IntoBytes, Immutable, KnownLayout)]
#[repr(C)]
pub(crate) struct Word {
    /// The [`Origin`] of the entries, as a number.
    origin: u8,
    /// [`GIVEN_NAME`], [`SURNAME`] and [`STOPWORD`], or'ed.
    marks: u8,
    given_rank: u8,
    surname_rank: u8,
}

const GIVEN_NAME: u8 = 1;
const SURNAME: u8 = 2;
const STOPWORD: u8 = 4;

impl Word {
    /// A word no list has named yet, from entries of this origin.
    pub fn new(origin: Origin) -> Word {
        Word {
            origin: origin as u8,
            marks: 0,
            given_rank: 0,
            surname_rank: 0,
        }
    }

    /// Where the word's entries came from.
    pub fn origin(self) -> Origin {
        Origin::from_number(self.origin)
    }

    /// Records a word-list entry of this word.
    pub fn add(&mut self, kind: EntryKind, rank: u8) {
        match kind {
            EntryKind::GivenName => {
                self.marks |= GIVEN_NAME;
                self.given_rank = self.given_rank.max(rank);
            }
            EntryKind::Surname => {
                self.marks |= SURNAME;
                self.surname_rank = self.surname_rank.max(rank);
            }
            _ => self.marks |= STOPWORD,
        }
    }

    /// Takes the word off the stop words.
    pub fn lift_stopword(&mut self) {
        self.marks &= !STOPWORD;
    }

    /// What the word lists say.
    pub fn lexeme(self) -> Lexeme {
        Lexeme {
            given_name: self.marks & GIVEN_NAME != 0,
            given_rank: self.given_rank,
            surname: self.marks & SURNAME != 0,
            surname_rank: self.surname_rank,
            stopword: self.marks & STOPWORD != 0,
        }
    }
}

/// Given names, surnames and stop words, by lower-cased key; and the first
/// words of the gazetteer's forms.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    words: KeyTable<Word>,
    /// The first words of all forms, those of forms written with a
    /// lower-case first letter ("al-Sadr") marked: a lower-case word of a
    /// text that starts no such form starts no match. Marked in the same
    /// filter rather than in a second one, so that a token is asked about
    /// with one memory access and no branch on its case (which the branch
    /// predictor would miss every few words). Kept with the word lists, so
    /// that the document asks it in the one pass over the tokens in which
    /// it asks the cue filter (see [`Lexicon::may_start_form`]).
    first_words: WordFilter,
}

impl Lexicon {
    /// An empty lexicon whose first-word filters are sized for the
    /// default gazetteers.
    pub fn new() -> Lexicon {
        Lexicon {
            words: KeyTable::default(),
            first_words: WordFilter::new(20),
        }
    }

    /// Records the hash ([`hash_key`](crate::hash::hash_key)) of a form's
    /// first word, and whether the form is written with a lower-case
    /// first letter.
    pub fn add_first_word(&mut self, hash: u64, lower_first: bool) {
        self.first_words.insert_marked(hash, lower_first);
    }

    /// Whether a word of this key hash may start a form: always true if it
    /// starts one, written in lower case (`lower`) only if some form it
    /// starts is written so.
    #[inline]
    pub fn may_start_form(&self, hash: u64, lower: bool) -> bool {
        self.first_words.may_contain_marked(hash, lower)
    }

    /// The facts about a word by its key ([`crate::tokenizer::push_key`]), which is already
    /// lower case.
    pub fn get_key(&self, key: &str) -> Lexeme {
        self.words.get(key).map(|w| w.lexeme()).unwrap_or_default()
    }

    /// The entry of token `i` of a text, by its key: what the lists say
    /// about it is its [`Word::lexeme`].
    pub fn lookup_token(&self, keys: &Keys, i: usize) -> Word {
        if self.words.is_empty() {
            return Word::default();
        }
        self.words
            .get_short(keys.bytes(i), keys.short(i), keys.hash(i))
            .copied()
            .unwrap_or_default()
    }

    /// The words, to add to.
    pub fn words_mut(&mut self) -> &mut KeyTable<Word> {
        &mut self.words
    }

    /// Bytes held, on the heap or read in place.
    pub fn memory_usage(&self) -> usize {
        self.words.memory_usage() + self.first_words.memory_usage()
    }

    /// Writes the lexicon to an image.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs writes the images the library reads")
    )]
    pub fn write(&self, image: &mut ImageWriter) {
        self.words.write(image);
        self.first_words.write(image);
    }

    /// Reads a lexicon written by [`Lexicon::write`], in place.
    pub fn read(image: &mut ImageReader<'static>) -> Result<Self, ImageError> {
        Ok(Lexicon {
            words: KeyTable::read(image)?,
            first_words: WordFilter::read(image)?,
        })
    }
}
