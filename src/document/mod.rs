//! The document: what the stages after the tokenizer know about one text,
//! found once and read by all of them.
//!
//! A [`Document`] is made right after tokenizing (stage 2) and read by the
//! gazetteer, the rules and the resolver (stages 3 to 5). It holds the visible
//! text, its tokens (with their sentence, line, headline and hard-break
//! facts) and their keys, and adds what the word lists say about each
//! token ([`words`]: its lexicon facts and its cues, with where the titles
//! and designators are) and the runs of name words ([`runs`]) that the
//! rules start from and the resolver looks names up in. [`names`] gives
//! the keys and hashes under which names are compared, and [`acronym`]
//! what an acronym is and what it spells.
//!
//! The rules read the document and propose candidates; the resolver reads
//! the candidates and the document. Neither reads the other's internals.

pub(crate) mod acronym;
mod cue_index;
pub(crate) mod cues;
mod designators;
mod names;
mod runs;
mod words;

use crate::gazetteer::Lexicon;
use crate::tokenizer::{Keys, Token};
use runs::Memo;
use words::Facts;

pub(crate) use names::EMPTY_NAME;

/// One text as the rules and the resolver read it: its tokens and keys,
/// what the word lists say about each token, and its name runs.
pub(crate) struct Document<'a> {
    /// The visible text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Their keys.
    pub keys: &'a Keys,
    /// Given names, surnames and stop words.
    lexicon: &'a Lexicon,
    /// What the document found out about its tokens.
    found: Memory,
    /// The last run found by [`Document::name_run_end`], with and without
    /// "of" and "for" (see [`Memo`]).
    end_memo: [Memo; 2],
    /// The last run found by [`Document::name_run_start`], likewise.
    start_memo: [Memo; 2],
}

/// What a [`Document`] finds out about the tokens of a text. The next
/// text's document reuses its memory: allocating and zeroing these lists
/// for every text cost more than keeping them.
#[derive(Default)]
pub(crate) struct Memory {
    /// What the word lists and cue lists say about each token.
    facts: Vec<Facts>,
    /// The name words (see [`Document::is_name_word`]), in order: where
    /// the name runs start, rather than a test of every token (whether a
    /// token is a name word is as good as random to the branch predictor).
    name_words: Vec<usize>,
    /// See [`Document::name_runs`]: the first `name_run_count`, and
    /// those of texts before after them.
    name_runs: Vec<(usize, usize)>,
    /// How many of `name_runs` are this text's.
    name_run_count: usize,
    /// The titles and role words (see [`Document::is_title`]), in order.
    titles: Vec<usize>,
    /// The words some designator is spelled like, in order.
    designators: Vec<usize>,
    /// A bit for each token that may start a gazetteer form, 64 tokens to
    /// a number (see [`Document::form_starts`]).
    form_starts: Vec<u64>,
    /// How many tokens are sports terms ("innings", "league"): counted
    /// while the cue words are looked up, so that whether a text is a
    /// sports report (see [`Document::is_sports_report`]) is known
    /// before a rule or a stage of the resolver looks for teams.
    sports_terms: usize,
}

impl<'a> Document<'a> {
    /// The document of `text`, whose tokens and keys are given, with the
    /// word facts `lexicon` and the cue lists give, in `memory`'s lists.
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        keys: &'a Keys,
        lexicon: &'a Lexicon,
        memory: Memory,
    ) -> Self {
        let mut doc = Document {
            text,
            tokens,
            keys,
            lexicon,
            found: memory,
            end_memo: Default::default(),
            start_memo: Default::default(),
        };
        doc.look_up_words();
        // Found once for the rules and the resolver, which both go through
        // them.
        doc.find_name_runs();
        doc
    }

    /// Gives back the lists, for the next text's document to reuse.
    pub fn into_memory(self) -> Memory {
        self.found
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Whether token `i` is the one byte `byte` (a bracket, say; see
    /// [`Document::one_byte`]). Its length and first byte are both read and
    /// tested as one: whether the token is one byte long went either way
    /// from mention to mention, a branch the processor mispredicted often.
    pub fn is_byte(&self, i: usize, byte: u8) -> bool {
        let token = &self.tokens[i];
        (token.end() - token.start() == 1) & (self.text.as_bytes()[token.start()] == byte)
    }

    /// The byte of token `i` if it is one byte, read as a byte: without the
    /// checks of character boundaries that slicing the text for
    /// [`Document::word`] makes, for every mention of a document or every
    /// token of a stretch.
    pub fn one_byte(&self, i: usize) -> Option<u8> {
        let token = &self.tokens[i];
        (token.end() - token.start() == 1).then(|| self.text.as_bytes()[token.start()])
    }
}

#[cfg(test)]
mod tests {
    //! The document of small texts, with a lexicon written here.

    use super::Document;
    use crate::gazetteer::{Entry, EntryKind, Matcher, Origin};
    use crate::tokenizer::{Keys, tokenize};

    /// `f`'s answer about the document of `text`, in which "The" is a stop
    /// word.
    fn with_document<R>(text: &str, f: impl FnOnce(&Document<'_>) -> R) -> R {
        let entry = Entry::new(EntryKind::Stopword, "The").rank(80);
        let matcher = Matcher::new(&[(entry.record(), Origin::Default)]).unwrap();
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let doc = Document::new(text, &tokens, &keys, matcher.lexicon(), Default::default());
        f(&doc)
    }

    /// The text of tokens `start..end`.
    fn span<'a>(doc: &Document<'a>, (start, end): (usize, usize)) -> &'a str {
        &doc.text[doc.tokens[start].start()..doc.tokens[end - 1].end()]
    }

    #[test]
    fn a_sports_report_has_three_sports_terms() {
        let two = "After rain the league resumed, the second innings later.";
        assert!(!with_document(two, |doc| doc.is_sports_report()));
        let three = "After rain the league resumed, the second innings later, a wicket.";
        assert!(with_document(three, |doc| doc.is_sports_report()));
        // A word of the list in capitals is a sports term too.
        let capitals = "After rain the LEAGUE resumed, the second innings later, a wicket.";
        assert!(with_document(capitals, |doc| doc.is_sports_report()));
    }

    #[test]
    fn name_runs_start_after_titles_and_determiners() {
        let text =
            "Talks with Mr Smith and The Kurdistan Workers' Party, said cleric Moqtada Al-Sadr.";
        let runs = with_document(text, |doc| {
            doc.name_runs()
                .map(|run| span(doc, run).to_string())
                .collect::<Vec<_>>()
        });
        assert_eq!(
            runs,
            [
                "Talks",
                "Smith",
                "Kurdistan Workers",
                "Party",
                "Moqtada Al-Sadr"
            ]
        );
    }

    #[test]
    fn name_runs_are_those_from_each_name_word_no_run_before_holds() {
        let text = "The Orvald-Penn Trust said. Mr Tomas Q. Hellerup and Ms Hale met Sheikh \
            Abd al Qarin, then Workers' Union officials. He left for Port Ellery\n\nBrandt \
            Holm's Kata'ib O'Dare The Lindqvist. Mr President Tove Ansel and The Mr Dunne, \
            The. The. Mr Mr Pell I'm Fenn";
        with_document(text, |doc| {
            let mut expected = Vec::new();
            let mut done = 0;
            for start in doc.name_words() {
                if start >= done {
                    done = doc.name_run_end(start, false);
                    let trimmed = doc.trim_start_and_titles(start, done);
                    if trimmed < done {
                        expected.push(span(doc, (trimmed, done)).to_string());
                    }
                }
            }
            let runs = doc
                .name_runs()
                .map(|run| span(doc, run).to_string())
                .collect::<Vec<_>>();
            assert_eq!(runs, expected);
            assert!(runs.len() > 10, "{runs:?}");
        });
    }

    #[test]
    fn name_runs_end_at_a_hard_break() {
        let runs = with_document("Moqtada Al\n\nSadr spoke", |doc| {
            doc.name_runs()
                .map(|run| span(doc, run).to_string())
                .collect::<Vec<_>>()
        });
        assert_eq!(runs, ["Moqtada Al", "Sadr"]);
    }

    #[test]
    fn names_compare_by_their_words_whatever_the_punctuation() {
        with_document("Al-Sadr and al Sadr and Sadr", |doc| {
            let mut key = String::new();
            doc.name_key(0, 3, &mut key);
            assert_eq!(key, "al sadr");
            assert_eq!(doc.name_hash(0, 3), doc.name_hash(4, 6));
            assert_ne!(doc.name_hash(0, 3), doc.name_hash(7, 8));
            // Hashed from the last word back, an ending's hash comes on the way.
            assert_eq!(doc.fold_word(super::EMPTY_NAME, 7), doc.name_hash(2, 3));
        });
    }

    #[test]
    fn acronyms_and_the_initials_they_spell() {
        with_document(
            "Popular Mobilisation Forces (PMF) and PMF, not Pmf or P",
            |doc| {
                let pmf = 4;
                assert_eq!(doc.word(pmf), "PMF");
                assert!(doc.is_acronym(pmf));
                assert!(!doc.is_acronym(10) && !doc.is_acronym(12));
                assert!(doc.spells_initials(pmf, 0, 3));
                assert_eq!(doc.initials(0, 3).as_deref(), Some("pmf"));
                assert_eq!(doc.acronym_of(&[(pmf, pmf + 1), (7, 8)]), Some("PMF"));
                assert_eq!(doc.acronym_of(&[(pmf, pmf + 1), (10, 11)]), None);
            },
        );
    }
}
