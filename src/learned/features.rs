//! The features of a name: what the learned rules read, and what the
//! learner learns them from. One piece of code serves both, so that a rule
//! learned from the articles means at run time what it meant when learned.
//!
//! An *example* is a span that may name something: a run of capitalised
//! words as the rules find them ([`Document::name_runs`]), with an ordinal
//! before it ("101st Airborne Division"), or the span of a list entry or rule
//! proposal that covers such a run ("Karbala province").
//!
//! Its features come in two views, after Collins and Singer (1999):
//!
//! - **spelling**, the name itself: its whole text (`F new york`), its words
//!   (`W bank`) and last word (`H party`), the last three and four letters
//!   of its last word (`S3 ire`, `S4 stan`) and its shape (`X acronym`, `X
//!   initial`, `X ordinal`, `X words2`...);
//! - **context**, the words around it: one or two before (`L1 in`, `L2
//!   shares of`), one or two after (`R1 said`, `R2 's chief`, `R2 -
//!   based`), and the head of an apposition after it (`AP company` in "X, a
//!   company that"). Each holds a word: numbers and punctuation alone
//!   ("X 12 -") say how a source lays out its tables and datelines, which
//!   differs from source to source, not what a name is.
//!
//! A feature is written as a tag and the keys of its words, separated by
//! spaces (numbers all read `<num>`); its hash chains the hashes of those
//! parts, so that a rule file read from text and a feature seen in a text
//! hash alike without any string being built at run time.

use std::sync::LazyLock;

use crate::document::Document;
use crate::hash::{SHORT_KEY_BYTES, ShortKey, chain, hash_bytes, hash_key};
use crate::tokenizer::{Headline, Shape, TokenKind};

#[cfg(feature = "learn")]
pub(crate) use super::written::{TAGS_WRITTEN, tag_of};
pub(crate) use super::written::{View, tag};

/// What receives the features of an example.
pub(crate) trait Sink {
    /// Whether the sink reads the features' text (the learner) or only
    /// their hashes (the extractor, which then builds no text at all).
    const TEXT: bool;

    /// Whether the sink wants the features of tag `tag` (an index of
    /// [`super::written::TAGS_WRITTEN`]); those it does not want are not computed.
    fn wants(&self, _tag: u8) -> bool {
        true
    }

    /// One feature: its view, its hash and, when [`Sink::TEXT`], its text.
    fn feature(&mut self, view: View, hash: u64, text: &str);
}

/// The hashes of the tags and fixed words, computed once.
struct Tags {
    f: u64,
    w: u64,
    h: u64,
    s3: u64,
    s4: u64,
    x: u64,
    l1: u64,
    l2: u64,
    r1: u64,
    r2: u64,
    ap: u64,
    number: u64,
}

/// The word every number is read as.
const NUMBER: &str = "<num>";

static TAGS: LazyLock<Tags> = LazyLock::new(|| {
    let tag = |t: &str| chain(0, hash_key(t));
    Tags {
        f: tag("F"),
        w: tag("W"),
        h: tag("H"),
        s3: tag("S3"),
        s4: tag("S4"),
        x: tag("X"),
        l1: tag("L1"),
        l2: tag("L2"),
        r1: tag("R1"),
        r2: tag("R2"),
        ap: tag("AP"),
        number: hash_key(NUMBER),
    }
});

/// The shapes a name can have (see [`Features::spelling`]).
const SHAPES: [&str; 9] = [
    "acronym", "capitals", "initial", "ordinal", "words1", "words2", "words3", "words4", "hyphen",
];

/// Determiners that open an apposition: "X, a company that".
const APPOSITION_DETERMINERS: [&str; 3] = ["a", "an", "the"];

/// Words that end the head of an apposition.
const APPOSITION_ENDS: [&str; 12] = [
    "that", "which", "who", "of", "for", "in", "on", "with", "and", "to", "from", "at",
];

/// How many lower-case words an apposition's head is looked for in.
const APPOSITION_WORDS: usize = 4;

/// The spans the learned rules classify and the learner learns from, in
/// text order: the name runs of `cx`, each from an ordinal before it if
/// there is one, leaving out runs in headlines (where every word is
/// capitalised), lone letters, and runs that are part of a longer name the
/// runs do not join: one written onto a hyphen before it ("al-Hamra",
/// "ex-Yankee") or beside an ampersand ("Harding & Co"). A lone word that begins a
/// sentence is included, and flagged: capitals say nothing there.
#[cfg(any(test, feature = "learn"))]
pub(crate) fn examples<'c>(cx: &'c Document<'_>) -> impl Iterator<Item = Example> + 'c {
    cx.name_runs()
        .filter_map(|(start, end)| example(cx, start, end))
}

/// The example of the name run `start..end`, if it is one (see
/// [`examples`]).
pub(crate) fn example(cx: &Document<'_>, start: usize, end: usize) -> Option<Example> {
    let token = &cx.tokens[start];
    if token.headline != Headline::RunningText || part_of_a_longer_name(cx, start, end) {
        return None;
    }
    // A lone letter is an initial, a grade or a label, not a name.
    if end - start == 1 && fewer_than_two_letters(cx, start) {
        return None;
    }
    let ordinal = start > 0
        && !token.line_start
        && is_ordinal(cx, start - 1)
        && !cx.tokens[start - 1].sentence_start;
    let start = if ordinal { start - 1 } else { start };
    Some(Example {
        start,
        end,
        lone_initial: end - start == 1 && token.sentence_start,
    })
}

/// Whether token `i` holds fewer than two letters. Inlined for the words
/// that begin with two ASCII letters, nearly all, which answer from their
/// first two bytes; the others' letters are counted, out of line, up to
/// the second.
#[inline]
fn fewer_than_two_letters(cx: &Document<'_>, i: usize) -> bool {
    let token = &cx.tokens[i];
    match cx.text.as_bytes().get(token.start()..token.end()) {
        Some([first, second, ..])
            if first.is_ascii_alphabetic() && second.is_ascii_alphabetic() =>
        {
            false
        }
        _ => letters_fewer_than_two(cx.word(i)),
    }
}

/// Whether `word` holds fewer than two letters, counted up to the second.
#[inline(never)]
fn letters_fewer_than_two(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).nth(1).is_none()
}

/// A span to classify (see [`examples`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Example {
    /// The first token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// A single word that begins its sentence, whose capital says nothing.
    pub lone_initial: bool,
}

/// Whether the run `start..end` is written onto a hyphen before it, or
/// stands beside an ampersand.
fn part_of_a_longer_name(cx: &Document<'_>, start: usize, end: usize) -> bool {
    let tokens = cx.tokens;
    // Most runs have a space before them: the three facts are asked as
    // one test before the token's text is read.
    let hyphen_before = (start > 0) & !tokens[start].space_before & !tokens[start].line_start
        && matches!(cx.word(start - 1), "-" | "‐" | "–");
    // Few tokens beside a run start with an ampersand, where many are
    // punctuation: the first byte is asked first, a branch that nearly
    // always goes one way, the token's facts only after it.
    let ampersand = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            cx.text.as_bytes().get(t.start()) == Some(&b'&')
                && t.end() - t.start() == 1
                && !t.line_start
                && t.kind == TokenKind::Punct
        })
    };
    hyphen_before || (start > 0 && ampersand(start - 1)) || ampersand(end)
}

/// Whether token `i` is an ordinal number written in digits ("101st").
///
/// Inlined: most tokens asked about are no number, which their kind says
/// without a call; the text is read, out of line, of numbers alone.
#[inline]
fn is_ordinal(cx: &Document<'_>, i: usize) -> bool {
    cx.tokens[i].kind == TokenKind::Number && ordinal_digits(cx.word(i).as_bytes())
}

/// Whether `word` is digits and an ordinal's ending ("101st").
#[inline(never)]
fn ordinal_digits(word: &[u8]) -> bool {
    word.len() >= 3
        && word[..word.len() - 2].iter().all(u8::is_ascii_digit)
        && matches!(
            &word[word.len() - 2..],
            b"st" | b"nd" | b"rd" | b"th" | b"ST" | b"ND" | b"RD" | b"TH"
        )
}

/// Computes the features of examples, keeping the memory of a text buffer
/// for a learner's feature text.
#[derive(Default)]
pub(crate) struct Features {
    text: String,
}

impl Features {
    /// Hands `sink` every feature of tokens `start..end`, both views.
    pub(crate) fn all<S: Sink>(
        &mut self,
        cx: &Document<'_>,
        start: usize,
        end: usize,
        sink: &mut S,
    ) {
        if (tag::F..=tag::X).any(|t| sink.wants(t)) {
            self.spelling(cx, start, end, sink);
        }
        if (tag::L1..=tag::AP).any(|t| sink.wants(t)) {
            self.context(cx, start, end, sink);
        }
    }

    /// The spelling features of tokens `start..end`.
    pub(crate) fn spelling<S: Sink>(
        &mut self,
        cx: &Document<'_>,
        start: usize,
        end: usize,
        sink: &mut S,
    ) {
        let tags = &*TAGS;
        if sink.wants(tag::F) {
            self.whole(cx, start, end, sink);
        }
        let last = (start..end)
            .rev()
            .find(|&i| cx.tokens[i].kind == TokenKind::Word);
        // The words are counted only for the features that read their
        // count: the rules of new names want none of them.
        let words = if sink.wants(tag::W) || sink.wants(tag::H) || sink.wants(tag::X) {
            (start..end)
                .filter(|&i| cx.tokens[i].kind == TokenKind::Word)
                .count()
        } else {
            0
        };
        if words >= 2 {
            if sink.wants(tag::W) {
                for i in (start..end).filter(|&i| cx.tokens[i].kind == TokenKind::Word) {
                    self.begin::<S>("W");
                    let hash = chain(tags.w, self.part::<S>(cx, i));
                    sink.feature(View::Spelling, hash, &self.text);
                }
            }
            if let Some(last) = last.filter(|_| sink.wants(tag::H)) {
                self.begin::<S>("H");
                let hash = chain(tags.h, self.part::<S>(cx, last));
                sink.feature(View::Spelling, hash, &self.text);
            }
        }
        // The key read as bytes: an ASCII key's suffixes need no check
        // that they begin between characters. Whether it is ASCII is one
        // test of its first sixteen bytes read as one block, its bytes
        // after those read only for the few longer keys, where a loop over
        // its bytes ended after more or fewer from name to name.
        if let Some(last) = last {
            let key = cx.keys.bytes(last);
            if cx.keys.short(last).is_ascii() && (key.len() <= SHORT_KEY_BYTES || key.is_ascii()) {
                for (n, written, tag, tag_hash) in
                    [(3, "S3", tag::S3, tags.s3), (4, "S4", tag::S4, tags.s4)]
                {
                    if key.len() >= n + 2 && sink.wants(tag) {
                        let suffix = &key[key.len() - n..];
                        self.begin::<S>(written);
                        if S::TEXT {
                            self.push::<S>(std::str::from_utf8(suffix).expect("ASCII"));
                        }
                        sink.feature(
                            View::Spelling,
                            chain(tag_hash, hash_bytes(suffix)),
                            &self.text,
                        );
                    }
                }
            }
        }
        if !sink.wants(tag::X) {
            return;
        }
        for shape in shapes(cx, start, end, words) {
            self.begin::<S>("X");
            self.push::<S>(shape);
            sink.feature(View::Spelling, chain(tags.x, shape_hash(shape)), &self.text);
        }
    }

    /// The one spelling feature of the whole name (`F ...`).
    pub(crate) fn whole<S: Sink>(
        &mut self,
        cx: &Document<'_>,
        start: usize,
        end: usize,
        sink: &mut S,
    ) {
        let mut hash = TAGS.f;
        self.begin::<S>("F");
        for i in start..end {
            hash = chain(hash, self.part::<S>(cx, i));
        }
        sink.feature(View::Spelling, hash, &self.text);
    }

    /// The context features of tokens `start..end`: the words around them
    /// on their line.
    pub(crate) fn context<S: Sink>(
        &mut self,
        cx: &Document<'_>,
        start: usize,
        end: usize,
        sink: &mut S,
    ) {
        let tags = &*TAGS;
        let tokens = cx.tokens;
        let same_line = |i: usize| !tokens[i].line_start;
        let word = |i: usize| tokens[i].kind == TokenKind::Word;
        // The tags wanted are asked first, before any token is read.
        if (sink.wants(tag::L1) || sink.wants(tag::L2)) && start > 0 && same_line(start) {
            if sink.wants(tag::L1) && word(start - 1) {
                self.begin::<S>("L1");
                let hash = chain(tags.l1, self.part::<S>(cx, start - 1));
                sink.feature(View::Context, hash, &self.text);
            }
            if sink.wants(tag::L2)
                && start > 1
                && same_line(start - 1)
                && (word(start - 2) || word(start - 1))
            {
                self.begin::<S>("L2");
                let hash = chain(tags.l2, self.part::<S>(cx, start - 2));
                let hash = chain(hash, self.part::<S>(cx, start - 1));
                sink.feature(View::Context, hash, &self.text);
            }
        }
        if (sink.wants(tag::R1) || sink.wants(tag::R2) || sink.wants(tag::AP))
            && end < tokens.len()
            && same_line(end)
        {
            if sink.wants(tag::R1) && word(end) {
                self.begin::<S>("R1");
                let hash = chain(tags.r1, self.part::<S>(cx, end));
                sink.feature(View::Context, hash, &self.text);
            }
            if sink.wants(tag::R2)
                && end + 1 < tokens.len()
                && same_line(end + 1)
                && (word(end) || word(end + 1))
            {
                self.begin::<S>("R2");
                let hash = chain(tags.r2, self.part::<S>(cx, end));
                let hash = chain(hash, self.part::<S>(cx, end + 1));
                sink.feature(View::Context, hash, &self.text);
            }
            if sink.wants(tag::AP)
                && let Some(head) = apposition_head(cx, end)
            {
                self.begin::<S>("AP");
                let hash = chain(tags.ap, self.part::<S>(cx, head));
                sink.feature(View::Context, hash, &self.text);
            }
        }
    }

    /// Starts a feature's text with its tag (for a sink that reads text).
    fn begin<S: Sink>(&mut self, tag: &str) {
        if S::TEXT {
            self.text.clear();
            self.text.push_str(tag);
        }
    }

    /// Adds a part to a feature's text.
    fn push<S: Sink>(&mut self, part: &str) {
        if S::TEXT {
            self.text.push(' ');
            self.text.push_str(part);
        }
    }

    /// The hash of token `i` as a part of a feature: its key, or
    /// [`NUMBER`] for a number; added to the text when the sink reads it.
    /// The key is read only then: its hash is all a rule looks up.
    fn part<S: Sink>(&mut self, cx: &Document<'_>, i: usize) -> u64 {
        if cx.tokens[i].kind == TokenKind::Number {
            self.push::<S>(NUMBER);
            TAGS.number
        } else {
            if S::TEXT {
                self.push::<S>(cx.keys.get(i));
            }
            cx.keys.hash(i)
        }
    }
}

/// The hash of a shape's name.
fn shape_hash(shape: &str) -> u64 {
    static HASHES: LazyLock<[u64; SHAPES.len()]> = LazyLock::new(|| SHAPES.map(hash_key));
    let at = SHAPES
        .iter()
        .position(|&s| s == shape)
        .expect("a shape of SHAPES");
    HASHES[at]
}

/// The shapes of tokens `start..end`, which hold `words` words.
fn shapes(
    cx: &Document<'_>,
    start: usize,
    end: usize,
    words: usize,
) -> impl Iterator<Item = &'static str> {
    let tokens = &cx.tokens[start..end];
    let upper = |t: &crate::tokenizer::Token| t.kind == TokenKind::Word && t.shape == Shape::Upper;
    let letters = |i: usize| cx.word(i).chars().filter(|c| c.is_alphabetic()).count();
    let acronym = words == 1 && upper(&tokens[0]) && (2..=6).contains(&letters(start));
    let capitals = words >= 2
        && tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .all(upper);
    let initial = (start..end).any(|i| {
        cx.tokens[i].kind == TokenKind::Word
            && letters(i) == 1
            && cx.tokens[i].shape == Shape::Upper
            && i + 1 < cx.tokens.len()
            && cx.word(i + 1) == "."
    });
    let ordinal = is_ordinal(cx, start);
    let hyphen = tokens.iter().any(|t| t.kind == TokenKind::Punct)
        && (start..end).any(|i| cx.word(i) == "-");
    let count = match words {
        0 | 1 => "words1",
        2 => "words2",
        3 => "words3",
        _ => "words4",
    };
    [
        acronym.then_some("acronym"),
        capitals.then_some("capitals"),
        initial.then_some("initial"),
        ordinal.then_some("ordinal"),
        Some(count),
        hyphen.then_some("hyphen"),
    ]
    .into_iter()
    .flatten()
}

/// The key of a comma, compared with a token's as one block.
const COMMA: ShortKey = ShortKey::of(",");

/// The head of an apposition after a name ending before token `end`: in
/// "X, a company that", the last of the lower-case words after ", a",
/// before a word that ends it.
fn apposition_head(cx: &Document<'_>, end: usize) -> Option<usize> {
    let tokens = cx.tokens;
    if cx.keys.short(end) != COMMA || end + 2 >= tokens.len() {
        return None;
    }
    let det = end + 1;
    if tokens[det].shape != Shape::Lower || !APPOSITION_DETERMINERS.contains(&cx.keys.get(det)) {
        return None;
    }
    let mut head = None;
    let words = det + 1..tokens.len().min(det + 1 + APPOSITION_WORDS);
    for (i, t) in words.clone().zip(&tokens[words]) {
        if t.kind != TokenKind::Word || t.shape != Shape::Lower || t.line_start {
            break;
        }
        if APPOSITION_ENDS.contains(&cx.keys.get(i)) {
            break;
        }
        head = Some(i);
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Matcher;
    use crate::learned::written::hash_text;
    use crate::tokenizer::{Keys, tokenize};

    /// Collects every feature's text and checks its hash against
    /// [`hash_text`].
    struct Texts(Vec<String>);

    impl Sink for Texts {
        const TEXT: bool = true;
        fn feature(&mut self, view: View, hash: u64, text: &str) {
            assert_eq!(hash_text(text), Some((view, hash)), "{text}");
            self.0.push(text.to_string());
        }
    }

    fn features_of(text: &str) -> Vec<Vec<String>> {
        let matcher = Matcher::new(&[]).unwrap();
        let tokens = tokenize(text);
        let keys = Keys::new(text, &tokens);
        let cx = Document::new(text, &tokens, &keys, matcher.lexicon(), Default::default());
        let mut features = Features::default();
        examples(&cx)
            .map(|e| {
                let mut sink = Texts(Vec::new());
                features.all(&cx, e.start, e.end, &mut sink);
                sink.0
            })
            .collect()
    }

    #[test]
    fn spelling_and_context_of_a_name() {
        let all = features_of("Shares of Novaxa Holdings rose 5 percent, a gain.");
        assert_eq!(
            all[1],
            [
                "F novaxa holdings",
                "W novaxa",
                "W holdings",
                "H holdings",
                "S3 ngs",
                "S4 ings",
                "X words2",
                "L1 of",
                "L2 shares of",
                "R1 rose",
                "R2 rose <num>",
            ]
        );
    }

    #[test]
    fn appositions_ordinals_and_acronyms() {
        let all = features_of("He joined the 101st Airborne Division, a unit of the IMF in 1990.");
        assert!(all[1].contains(&"X ordinal".to_string()), "{:?}", all[1]);
        assert!(all[1].contains(&"F <num> airborne division".to_string()));
        assert!(all[1].contains(&"AP unit".to_string()));
        assert!(all[2].contains(&"X acronym".to_string()));
        assert!(all[2].contains(&"R2 in <num>".to_string()));
    }

    #[test]
    fn contexts_of_numbers_and_punctuation_alone_are_no_features() {
        let all = features_of("the figures: Kowalski 12 - 3 and more");
        let context: Vec<&String> = all[0]
            .iter()
            .filter(|f| f.starts_with(['L', 'R']))
            .collect();
        assert_eq!(context, ["L2 figures :"]);
    }

    #[test]
    fn parts_of_longer_names_are_no_examples() {
        let all = features_of("the al-Hamra mosque and Harding & Co and Basra and vitamin C");
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0][0], "F basra");
    }

    #[test]
    fn headlines_are_no_examples() {
        let all = features_of("IRAQ AND IRAN TALK\nTalks in Basra went on.");
        assert_eq!(all.len(), 2);
        assert_eq!(all[1][0], "F basra");
    }

    #[test]
    fn unknown_tags_are_no_features() {
        assert!(hash_text("Q something").is_none());
        assert!(hash_text("").is_none());
    }
}
