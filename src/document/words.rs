//! What the word lists say about each token: its lexicon facts (given name,
//! surname, stop word) and its cues (title, role word, particle,
//! connector, determiner, designator, sports and competition words).

use super::Document;
use super::cues::{self, Cue, CueId, Cues, Position};
use crate::EntityKind;
use crate::gazetteer::{Lexeme, Lexicon, Word};
use crate::tokenizer::{Keys, Shape, Token, TokenKind};

/// What the word lists and cue lists say about one token.
///
/// The rules ask about every token several times; keeping its facts in one
/// record, with the questions they ask most already answered, makes each
/// question one load and a test of a flag that is rarely set, which the
/// branch predictor gets right, instead of a chase through an `Option`.
/// Eight bytes, all zero for a token of no list: the record of every
/// token is written when a document is made, and at eight bytes rather
/// than 24 that costs a third as much.
#[derive(Clone, Copy, Default)]
pub(super) struct Facts {
    /// Its word-list entry, as the lexicon keeps it (none unless it is a
    /// capitalised word): copied whole, and made a [`Lexeme`] when asked.
    word: Word,
    /// Where its cues are in the index, if it is a cue word.
    cue: Option<CueId>,
    /// Which of [`NAME_WORD`], [`CONTINUES`], [`TITLE`], [`PARTICLE`] and
    /// [`DROPPABLE`] hold, or'ed.
    flags: u8,
}

/// The fewest sports terms that make a text a sports report.
const MIN_SPORTS_TERMS: usize = 3;

/// See [`Document::is_name_word`].
const NAME_WORD: u8 = 1;
/// A name word that may continue a run from the token before it: not the
/// first of its sentence or after a hard break.
const CONTINUES: u8 = 2;
/// See [`Document::is_title`].
const TITLE: u8 = 4;
/// See [`Document::is_particle`].
const PARTICLE: u8 = 8;
/// Never the first word of a name: a determiner or a stop word (see
/// [`Document::trim_start`]).
const DROPPABLE: u8 = 16;
/// What the start of a person's name drops but punctuation (see
/// [`Document::trim_start_and_titles`]).
const DROPPED_AT_START: u8 = DROPPABLE | TITLE;

impl Facts {
    /// Whether the token is a name word.
    pub fn name_word(self) -> bool {
        self.flags & NAME_WORD != 0
    }

    /// Whether the token is a name word that may continue a run.
    pub fn continues(self) -> bool {
        self.flags & CONTINUES != 0
    }

    /// Whether the token is a title or a role word.
    pub fn title(self) -> bool {
        self.flags & TITLE != 0
    }

    /// Whether the token is never the first word of a name.
    pub fn droppable(self) -> bool {
        self.flags & DROPPABLE != 0
    }

    /// Whether the token, a word, is dropped from the start of a person's
    /// name: never a name's first word, or a title.
    pub fn dropped_at_start(self) -> bool {
        self.flags & DROPPED_AT_START != 0
    }
}

/// `flag` if `set`, else none.
const fn flag(flag: u8, set: bool) -> u8 {
    if set { flag } else { 0 }
}

impl Document<'_> {
    /// Looks up every token in the word lists and cue lists, and marks the
    /// tokens that may start a gazetteer form.
    ///
    /// Few tokens need a look-up: the words that pass the cue filter, and
    /// the capitalised words. Whether a token is either is as good as random
    /// to the branch predictor, so each block of 64 tokens is first marked
    /// in bit sets without a branch, and then the marked tokens are
    /// looked up, cues first (a stop word's look-up adds to what its cue
    /// says). The same pass marks the tokens the first-word filters let
    /// through, for the gazetteer matcher (see [`Document::form_starts`]):
    /// one walk over the tokens and their keys rather than two.
    pub(super) fn look_up_words(&mut self) {
        let (tokens, keys, lexicon) = (self.tokens, self.keys, self.lexicon);
        let found = &mut self.found;
        let facts = &mut found.facts;
        facts.clear();
        found.name_words.clear();
        found.titles.clear();
        found.designators.clear();
        found.form_starts.clear();
        found.sports_terms = 0;
        let cue_lists = Cues::get();
        for (block, block_tokens) in tokens.chunks(64).enumerate() {
            let base = block * 64;
            // A block's facts zeroed at once: the whole text's at once
            // took a store for every byte (`rep stosb`) where the text is
            // long. Always a whole block's, the last one's too: the size
            // zeroed is the same at every call, which the branches that
            // choose how to zero it then predict.
            facts.resize(base + 64, Facts::default());
            let marks = mark(block_tokens, keys, base, cue_lists, lexicon);
            found.form_starts.push(marks.form_starts);
            for i in set_bits(marks.maybe_cues).map(|j| base + j) {
                let Some(id) = cue_lists.lookup_token(keys, i) else {
                    continue;
                };
                let cue = cue_lists.cue(id);
                let token = &tokens[i];
                let title = (cue.title && token.shape.is_capitalised())
                    || (cue.role && token.shape == Shape::Lower);
                // The first facts of the token, written whole: a store
                // rather than a load and a store for each flag.
                facts[i] = Facts {
                    word: Word::default(),
                    cue: Some(id),
                    flags: flag(TITLE, title)
                        | flag(PARTICLE, cue.particle)
                        | flag(DROPPABLE, cue.determiner),
                };
                found.sports_terms += usize::from(cue.sports);
                if title {
                    found.titles.push(i);
                }
                if !cue.designators.is_empty() {
                    found.designators.push(i);
                }
            }
            // The capitalised words the word lists may hold, a bit each,
            // looked up after: whether the filter lets a word through went
            // either way from word to word.
            let mut known = 0;
            for j in set_bits(marks.capitalised) {
                let i = base + j;
                let token = &tokens[i];
                known |= u64::from(lexicon.may_know(keys.hash(i))) << j;
                let name_word = !is_contraction(self.text.as_bytes(), token.start(), token.end());
                // Added to what the cue look-up wrote, at once.
                facts[i].flags |= flag(NAME_WORD, name_word)
                    | flag(
                        CONTINUES,
                        name_word & !token.hard_break & !token.sentence_start,
                    );
                if name_word {
                    found.name_words.push(i);
                }
            }
            for i in set_bits(known).map(|j| base + j) {
                let facts = &mut facts[i];
                facts.word = lexicon.lookup_known(keys, i);
                facts.flags |= flag(DROPPABLE, facts.word.lexeme().stopword);
            }
        }
        facts.truncate(tokens.len());
    }

    /// The tokens that may start a gazetteer form, a bit per token, 64
    /// tokens to a number, lowest first: every token but punctuation whose
    /// key the first-word filter lets through (see
    /// [`Lexicon::may_start_form`]). A filter: most of them start none.
    pub fn form_starts(&self) -> &[u64] {
        &self.found.form_starts
    }

    /// The titles and role words (see [`Document::is_title`]), in order.
    /// They are few: the title rule starts from them rather than pass over
    /// every token.
    pub fn titles(&self) -> impl Iterator<Item = usize> + '_ {
        self.found.titles.iter().copied()
    }

    /// The words some designator is spelled like, in order (few, like
    /// [`Document::titles`]).
    pub fn designators(&self) -> impl Iterator<Item = usize> + '_ {
        self.found.designators.iter().copied()
    }

    /// The name words (see [`Document::is_name_word`]), in order.
    pub fn name_words(&self) -> impl Iterator<Item = usize> + '_ {
        self.found.name_words.iter().copied()
    }

    /// The facts of token `i`.
    pub(super) fn facts(&self, i: usize) -> &Facts {
        &self.found.facts[i]
    }

    /// The facts of token `i`, if there is such a token.
    pub(super) fn facts_of(&self, i: usize) -> Option<&Facts> {
        self.found.facts.get(i)
    }

    /// The word-list facts of token `i` (all false unless capitalised).
    pub fn lexeme(&self, i: usize) -> Lexeme {
        self.found.facts[i].word.lexeme()
    }

    /// The cues of token `i`, if it is a cue word.
    pub fn cue(&self, i: usize) -> Option<&'static Cue> {
        self.found.facts[i].cue.map(|id| Cues::get().cue(id))
    }

    /// Whether token `i` is a title ("Mr", "President") or a lower-case
    /// role word ("cleric").
    pub fn is_title(&self, i: usize) -> bool {
        self.found.facts[i].title()
    }

    /// Whether token `i` is a particle ("Al", "bin") in any case.
    pub fn is_particle(&self, i: usize) -> bool {
        self.found.facts[i].flags & PARTICLE != 0
    }

    /// Whether token `i` is a capitalised word that could be part of a name
    /// (not a contraction such as "I'm").
    pub fn is_name_word(&self, i: usize) -> bool {
        self.found.facts[i].name_word()
    }

    /// Whether token `i` is a stop word. Only capitalised words are looked
    /// up in the lexicon when the document is made: see
    /// [`Document::is_stopword_key`] for the others.
    pub fn is_stopword(&self, i: usize) -> bool {
        self.found.facts[i].word.lexeme().stopword
    }

    /// Whether the word of a lower-cased key is a stop word.
    pub fn is_stopword_key(&self, key: &str) -> bool {
        self.lexicon.get_key(key).stopword
    }

    /// Whether the word of a lower-cased key is a particle ("al", "bin").
    pub fn is_particle_key(&self, key: &str) -> bool {
        cues::is_particle(key)
    }

    /// Whether the text is a sports report: at least
    /// [`MIN_SPORTS_TERMS`] of its words are sports terms ("innings",
    /// "league"). Counted when the document is made: asking costs
    /// nothing, and the stages that look for teams ask it first.
    pub fn is_sports_report(&self) -> bool {
        self.found.sports_terms >= MIN_SPORTS_TERMS
    }

    /// Whether token `i` is a word of competition that, next to a team's
    /// name, makes it a competitor ("beat", "against").
    pub fn is_competition_word(&self, i: usize) -> bool {
        self.cue(i).is_some_and(|c| c.competing)
    }

    /// The kinds that token `i`, written after a name as a designator,
    /// gives it ("Botany Bay" a place, "Harvard University" an
    /// organisation), in the order of the designator list.
    pub fn designator_kinds_after(&self, i: usize) -> impl Iterator<Item = EntityKind> {
        self.cue(i)
            .into_iter()
            .flat_map(|cue| cue.designators(Position::After))
            .map(|d| d.kind)
    }
}

/// Which tokens of a block of up to 64 are what, a bit per token.
struct Marks {
    /// Words that may be cue words.
    maybe_cues: u64,
    /// Capitalised words.
    capitalised: u64,
    /// Tokens that may start a gazetteer form.
    form_starts: u64,
}

/// A token's class ([`class`]) is what its kind and shape say about it
/// in [`mark`], a bit each; this bit: a word, which may be a cue word.
const CLASS_WORD: u8 = 1;
/// A capitalised word.
const CLASS_CAPITALISED: u8 = 2;
/// Not punctuation, which may start a form.
const CLASS_NOT_PUNCT: u8 = 4;

/// The class of a token of this kind and shape (see [`CLASS_WORD`]).
const fn class(kind: TokenKind, shape: Shape) -> u8 {
    let word = matches!(kind, TokenKind::Word);
    let capitalised = word && matches!(shape, Shape::Capitalised | Shape::Upper);
    let not_punct = !matches!(kind, TokenKind::Punct);
    flag(CLASS_WORD, word) | flag(CLASS_CAPITALISED, capitalised) | flag(CLASS_NOT_PUNCT, not_punct)
}

/// [`class`] of every kind and shape, by the kind's and the shape's
/// places in their enums: one load where the tests of both took eight
/// instructions a token.
static CLASSES: [[u8; 5]; 4] = {
    let kinds = [
        TokenKind::Word,
        TokenKind::Number,
        TokenKind::Possessive,
        TokenKind::Punct,
    ];
    let shapes = [
        Shape::Lower,
        Shape::Capitalised,
        Shape::Upper,
        Shape::Mixed,
        Shape::NoLetters,
    ];
    let mut classes = [[0; 5]; 4];
    let mut k = 0;
    while k < kinds.len() {
        let mut s = 0;
        while s < shapes.len() {
            classes[kinds[k] as usize][shapes[s] as usize] = class(kinds[k], shapes[s]);
            s += 1;
        }
        k += 1;
    }
    classes
};

/// Bit `bit` of each of the eight bytes of `bytes`, as eight bits, the
/// first byte's lowest. The multiplication moves byte `i`'s bit (at
/// `8 i`) to `56 + i`; no other of its products lands in the top byte,
/// and no two land on one place, so nothing carries.
fn gather(bytes: u64, bit: u32) -> u64 {
    ((bytes >> bit) & 0x0101_0101_0101_0101).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Marks the tokens of a block of up to 64, from token `base` on, that may
/// be cue words, that are capitalised words and that may start a form.
///
/// Inlined into [`Document::look_up_words`]: with two sums in the loop
/// rather than three (the rest written as classes), they stay in registers
/// there, and the call and the marks returned through memory are saved.
#[inline]
fn mark(tokens: &[Token], keys: &Keys, base: usize, cue_lists: Cues, lexicon: &Lexicon) -> Marks {
    // Last token first, each bit shifted in at the bottom: a shift and an
    // add per set. What the token's kind and shape say is written as its
    // class, a byte, and made bit sets eight tokens at a time after the
    // loop: a store a token, where a bit set each took three or four
    // instructions.
    let hashes = keys.hashes(base, base + tokens.len());
    let mut classes = [0u8; 64];
    let (mut maybe_cues, mut form_starts) = (0u64, 0u64);
    let mut j = tokens.len().min(classes.len());
    while j > 0 {
        j -= 1;
        let token = &tokens[j];
        let hash = hashes.get(j);
        classes[j] = CLASSES[token.kind as usize][token.shape as usize];
        let may_start = lexicon.may_start_form(hash, token.shape == Shape::Lower);
        maybe_cues = maybe_cues << 1 | u64::from(cue_lists.may_hold(hash));
        form_starts = form_starts << 1 | u64::from(may_start);
    }
    // Only words are cue words or name words; any token but punctuation
    // may start a form.
    let mut marks = Marks {
        maybe_cues,
        capitalised: 0,
        form_starts,
    };
    let (mut words, mut not_punct) = (0, 0);
    for (at, eight) in (0..).step_by(8).zip(classes.chunks_exact(8)) {
        let bytes = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        words |= gather(bytes, CLASS_WORD.trailing_zeros()) << at;
        marks.capitalised |= gather(bytes, CLASS_CAPITALISED.trailing_zeros()) << at;
        not_punct |= gather(bytes, CLASS_NOT_PUNCT.trailing_zeros()) << at;
    }
    marks.maybe_cues &= words;
    marks.form_starts &= not_punct;
    marks
}

/// The positions of the bits set in `bits`, lowest first.
fn set_bits(mut bits: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let at = bits.trailing_zeros() as usize;
        bits &= bits.wrapping_sub(1);
        (at < 64).then_some(at)
    })
}

/// Whether the word at `start..end` of `text` is a contraction ("I'm",
/// "We'll", "Don't"), which is capitalised at the start of a sentence but
/// never part of a name.
fn is_contraction(text: &[u8], start: usize, end: usize) -> bool {
    // Every ending has an apostrophe (or 0x99, the last byte of "’") second
    // or third from the end of a word of three bytes or more, which few
    // words have: testing those two bytes settles most words without a
    // branch per ending. They are read from the text whatever the word's
    // length, with no test of it: a word of one or two bytes ("I", "US"),
    // common enough for a branch on its length to go either way, has no
    // ending longer than it, whatever the bytes before it are.
    let Some(&[third, second]) = text.get(end.wrapping_sub(3)..end.wrapping_sub(1)) else {
        return false;
    };
    let apostrophe = |b: u8| (b == b'\'') | (b == 0x99);
    if !(apostrophe(second) | apostrophe(third)) {
        return false;
    }
    const ENDINGS: [&str; 12] = [
        "'m", "'ll", "'ve", "'re", "'d", "n't", "’m", "’ll", "’ve", "’re", "’d", "n’t",
    ];
    let word = &text[start..end];
    ENDINGS
        .iter()
        .any(|ending| word.len() > ending.len() && word.ends_with(ending.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::{Facts, gather, is_contraction, mark, set_bits};
    use crate::EntityKind;
    use crate::document::cues::Cues;
    use crate::gazetteer::{Entry, Matcher, Origin};
    use crate::tokenizer::{Keys, Shape, TokenKind, tokenize};

    #[test]
    fn gather_takes_one_bit_of_each_byte() {
        let bytes = u64::from_le_bytes([1, 0, 3, 2, 0, 1, 1, 4]);
        assert_eq!(gather(bytes, 0), 0b0110_0101);
        assert_eq!(gather(bytes, 1), 0b0000_1100);
        assert_eq!(gather(bytes, 2), 0b1000_0000);
        assert_eq!(gather(u64::MAX, 7), 0xff);
    }

    #[test]
    fn marks_are_what_each_token_says() {
        let entries = ["Port Selwyn", "the Marrow Hills", "FC Kelloway", "4Q"]
            .map(|form| Entry::new(EntityKind::Place, form));
        let records = entries
            .iter()
            .map(|entry| (entry.record(), Origin::Default))
            .collect::<Vec<_>>();
        let matcher = Matcher::new(&records).unwrap();
        let lexicon = matcher.lexicon();
        // More than one block of 64 tokens, of every kind and shape.
        let text = "The mayor of Port Selwyn, Ms Ottilie Varn, said on Monday that 4Q's \
            depot in the Marrow Hills (PS) would shut by 2031; FC Kelloway's owner, \
            Mr. O'Brannagh, and the IPX's envoy, said eBook sales fell 12% \
            as the Council of the Province met in the town's old hall \
            after the Governor's visit to Port Selwyn and the Marrow Hills, said a \
            spokesman for the mayor's office on Tuesday.";
        let tokens = tokenize(text);
        assert!(tokens.len() > 64);
        let keys = Keys::new(text, &tokens);
        let cues = Cues::get();
        let mut marked = [0; 3];
        for (block, block_tokens) in tokens.chunks(64).enumerate() {
            let base = block * 64;
            let marks = mark(block_tokens, &keys, base, cues, lexicon);
            for (count, bits) in
                marked
                    .iter_mut()
                    .zip([marks.maybe_cues, marks.capitalised, marks.form_starts])
            {
                *count += bits.count_ones();
            }
            for (j, token) in block_tokens.iter().enumerate() {
                let hash = keys.hash(base + j);
                let word = token.kind == TokenKind::Word;
                let at = |bits: u64| bits >> j & 1 != 0;
                assert_eq!(at(marks.maybe_cues), word && cues.may_hold(hash), "{j}");
                assert_eq!(at(marks.capitalised), token.is_capitalised_word(), "{j}");
                let may_start = token.kind != TokenKind::Punct
                    && lexicon.may_start_form(hash, token.shape == Shape::Lower);
                assert_eq!(at(marks.form_starts), may_start, "{j}");
            }
            let beyond = u64::MAX.checked_shl(block_tokens.len() as u32).unwrap_or(0);
            assert_eq!(
                (marks.maybe_cues | marks.capitalised | marks.form_starts) & beyond,
                0
            );
        }
        // Each set has tokens in it, and not all of them.
        assert!(
            marked.iter().all(|&count| count > 3 && count < 40),
            "{marked:?}"
        );
    }

    #[test]
    fn a_tokens_facts_take_eight_bytes() {
        assert_eq!(size_of::<Facts>(), 8);
    }

    #[test]
    fn set_bits_lowest_first() {
        assert_eq!(set_bits(0b1010_0001).collect::<Vec<_>>(), [0, 5, 7]);
        assert_eq!(set_bits(1 << 63).collect::<Vec<_>>(), [63]);
        assert_eq!(set_bits(0).count(), 0);
    }

    #[test]
    fn contractions_with_either_apostrophe() {
        for word in [
            "I'm",
            "We'll",
            "They've",
            "You're",
            "I'd",
            "Don't",
            "I’m",
            "We’ll",
            "They’ve",
            "You’re",
            "I’d",
            "Don’t",
        ] {
            assert!(is_contraction(word.as_bytes(), 0, word.len()), "{word}");
        }
        for word in ["O'Neill", "Kata’ib", "'m", "Ahmed", "M", "Don’"] {
            assert!(!is_contraction(word.as_bytes(), 0, word.len()), "{word}");
        }
        // A word of one or two bytes is none, whatever the bytes before it.
        let text = "Rock'n'Ro O'Im I";
        for word in ["Ro", "Im", "I"] {
            let start = text.rfind(word).unwrap();
            assert!(!is_contraction(text.as_bytes(), start, start + word.len()));
        }
        assert!(is_contraction(b"So I'm", 3, 6));
    }
}
