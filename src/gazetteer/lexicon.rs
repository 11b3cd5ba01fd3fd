//! The word lists: given names, surnames and stop words, by lower-cased key,
//! and the words that may start a gazetteer form.

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

use super::filter::WordFilter;
use super::image::{ImageError, ImageReader, ImageWriter};
use super::table::KeyTable;
use super::{EntryKind, Origin};
use crate::hash::hash_key;
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

/// The bits of the filter of known words, for the default word lists'
/// few hundred thousand keys: about one key in twelve bits, which lets
/// through one word in thirteen of those it never held.
const KNOWN_WORDS_LOG2_BITS: u32 = 22;

/// Given names, surnames and stop words, by lower-cased key; and the first
/// words of the gazetteer's forms.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    words: KeyTable<Word>,
    /// The hashes of the words' keys: about half the capitalised words of
    /// a text are in no list, and this filter, asked before the table,
    /// settles most of those without a probe of the table's slots.
    known_words: WordFilter,
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
            known_words: WordFilter::new(KNOWN_WORDS_LOG2_BITS),
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

    /// Whether a word of this key hash may be in a list: always true if
    /// it is, false for most words of no list. Asked of every capitalised
    /// word of a text without a branch on the answer, before
    /// [`Lexicon::lookup_known`] of those it lets through: about half are
    /// in no list, an outcome the branch predictor cannot foresee.
    #[inline]
    pub fn may_know(&self, hash: u64) -> bool {
        self.known_words.may_contain_hashed(hash)
    }

    /// The entry of token `i` of a text, by its key, which
    /// [`Lexicon::may_know`] let through: what the lists say about it is
    /// its [`Word::lexeme`].
    pub fn lookup_known(&self, keys: &Keys, i: usize) -> Word {
        self.words
            .get_short(keys.bytes(i), keys.short(i), keys.hash(i))
            .copied()
            .unwrap_or_default()
    }

    /// Makes room for `words` more words.
    pub fn reserve(&mut self, words: usize) {
        self.words.reserve(words);
    }

    /// The entry of a word by its key, which is lower case: a word of
    /// no list from entries of `origin` if it had none.
    pub fn word_or_insert(&mut self, key: &str, origin: Origin) -> &mut Word {
        self.known_words.insert_hashed(hash_key(key));
        self.words.get_or_insert_with(key, || Word::new(origin))
    }

    /// Every word and its entry, entries to change.
    pub fn words_mut(&mut self) -> impl Iterator<Item = (&str, &mut Word)> {
        self.words.iter_mut()
    }

    /// Bytes held, on the heap or read in place.
    pub fn memory_usage(&self) -> usize {
        self.words.memory_usage()
            + self.known_words.memory_usage()
            + self.first_words.memory_usage()
    }

    /// Writes the lexicon to an image.
    #[cfg_attr(
        not(test),
        allow(dead_code, reason = "build.rs writes the images the library reads")
    )]
    pub fn write(&self, image: &mut ImageWriter) {
        self.words.write(image);
        self.known_words.write(image);
        self.first_words.write(image);
    }

    /// Reads a lexicon written by [`Lexicon::write`], in place.
    pub fn read(image: &mut ImageReader<'static>) -> Result<Self, ImageError> {
        Ok(Lexicon {
            words: KeyTable::read(image)?,
            known_words: WordFilter::read(image)?,
            first_words: WordFilter::read(image)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_found_as_their_keys_are_and_others_are_words_of_no_list() {
        let mut lexicon = Lexicon::new();
        lexicon
            .word_or_insert("hollister", Origin::Default)
            .add(EntryKind::Surname, 3);
        lexicon
            .word_or_insert("the", Origin::Default)
            .add(EntryKind::Stopword, 0);
        let text = "The Hollister family left Tallowbridge";
        let tokens = crate::tokenizer::tokenize(text);
        let keys = Keys::new(text, &tokens);
        let lookup = |lexicon: &Lexicon, i: usize| {
            if lexicon.may_know(keys.hash(i)) {
                lexicon.lookup_known(&keys, i)
            } else {
                Word::default()
            }
        };
        for i in 0..tokens.len() {
            assert_eq!(
                lookup(&lexicon, i).lexeme(),
                lexicon.get_key(keys.get(i)),
                "{i}"
            );
        }
        assert!(lookup(&lexicon, 0).lexeme().stopword);
        assert_eq!(lookup(&lexicon, 1).lexeme().surname_rank, 3);
        assert_eq!(lookup(&lexicon, 4).lexeme(), Lexeme::default());
        // The filter lets through the words of the lists, and no other
        // word of this text.
        assert!((0..tokens.len()).all(|i| lexicon.may_know(keys.hash(i)) == (i < 2)));
        // An empty lexicon finds nothing.
        assert_eq!(
            Lexicon::default().lookup_known(&keys, 1).lexeme(),
            Lexeme::default()
        );
    }
}
