use super::bytes::{FLAGS, LOWER, UPPER, letter_bytes};
use super::lines::{Lines, WRAP_WIDTHS, mark_headline};
use super::scan::{State, push_piece};
use super::sentences::is_abbreviation;
use super::*;
use crate::wordlists::ABBREVIATIONS;
use unicode_segmentation::UnicodeSegmentation;

fn texts(text: &str) -> Vec<&str> {
    tokenize(text).iter().map(|t| t.text(text)).collect()
}

#[test]
fn wide_spaces_and_ascii_spaces_stay_one_segment() {
    for text in [
        "\u{2000} ",
        "a\u{3000}  b",
        " \u{1680} \u{205f} x",
        "x\u{2007} y",
        "\u{200a}\n ",
    ] {
        let mut ours = Vec::new();
        for_each_segment(text, |s, e| ours.push(&text[s..e]));
        let theirs: Vec<&str> = text.split_word_bounds().collect();
        assert_eq!(ours, theirs, "{text:?}");
    }
}

#[test]
fn splits_possessives_hyphens_and_abbreviations() {
    assert_eq!(texts("Iraq’s"), ["Iraq", "’s"]);
    assert_eq!(texts("Workers' Party"), ["Workers", "'", "Party"]);
    assert_eq!(texts("US-led"), ["US", "-", "led"]);
    assert_eq!(texts("the U.S. said"), ["the", "U.S", ".", "said"]);
    assert_eq!(texts("O'Neill"), ["O'Neill"]);
}

#[test]
fn kinds_and_shapes() {
    let text = "PMF al Sadr's 2003 iPhone (";
    let toks = tokenize(text);
    let facts: Vec<_> = toks.iter().map(|t| (t.kind, t.shape)).collect();
    assert_eq!(
        facts,
        [
            (TokenKind::Word, Shape::Upper),
            (TokenKind::Word, Shape::Lower),
            (TokenKind::Word, Shape::Capitalised),
            (TokenKind::Possessive, Shape::NoLetters),
            (TokenKind::Number, Shape::NoLetters),
            (TokenKind::Word, Shape::Mixed),
            (TokenKind::Punct, Shape::NoLetters),
        ]
    );
}

#[test]
fn sentence_starts() {
    let text =
        "Some went. \"Thousands came!\" Mr. Smith met Dr Jones in the U.S. on Friday.\nIt rained";
    let starts: Vec<&str> = tokenize(text)
        .iter()
        .filter(|t| t.sentence_start && t.kind == TokenKind::Word)
        .map(|t| t.text(text))
        .collect();
    assert_eq!(starts, ["Some", "Thousands", "Mr", "It"]);
}

#[test]
fn line_starts_and_spacing() {
    let text = "A b\nC(d";
    let toks = tokenize(text);
    let lines: Vec<bool> = toks.iter().map(|t| t.line_start).collect();
    assert_eq!(lines, [true, false, true, false, false]);
    let spaces: Vec<bool> = toks.iter().map(|t| t.space_before).collect();
    assert_eq!(spaces, [false, true, true, false, false]);
}

fn uax29(text: &str) -> Vec<(usize, &str)> {
    text.split_word_bound_indices().collect()
}

fn ours(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for_each_segment(text, |s, e| out.push((s, &text[s..e])));
    out
}

#[test]
fn ascii_fast_path_agrees_with_uax29() {
    for text in [
        "U.S. troops, 1,000.5 of them; a:b O'Neill's e-mail_x 3'4 a.1 1.a",
        "  double  spaces\r\nand\ttabs\n\n",
        "...'quoted'... \"x\" (y) [z] a-b a_1 _a_ 9_9 x'' ''x a..b 1,,2",
        "Iraq’s café – naïve \u{301}x \u{200d}y e\u{301}",
    ] {
        assert_eq!(ours(text), uax29(text), "on {text:?}");
    }
}

/// Tokens made segment by segment from [`for_each_segment`], which the
/// property tests hold to UAX #29, through the general path.
fn reference_tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut state = State::new();
    let mut lines = Lines::default();
    for_each_segment(text, |start, end| {
        push_piece(&mut tokens, &mut state, &mut lines, text, (start, end));
    });
    mark_headline(text, &mut tokens[lines.first..], false);
    tokens
}

proptest::proptest! {
    #[test]
    fn one_pass_tokens_equal_segment_by_segment_tokens(
        text in "([A-Za-z0-9 .,:;'_!?\"()\n\r\t\x0b-]|\\PC|[‘’–—“”£€é\u{301}\u{85}]){0,80}"
    ) {
        proptest::prop_assert_eq!(tokenize(&text), reference_tokens(&text));
    }
}

#[test]
fn lone_characters_between_ascii_agree_with_uax29() {
    // Each next to letters, digits, middle characters, quotes, white
    // space, the ends of the text, each other, and a mark that joins it.
    for c in ["£", "€", "–", "—", "“", "”"] {
        for context in [
            "{c}",
            "a{c}b",
            "1{c}2",
            "x.{c}.y",
            "5,{c},6",
            "a'{c}'s",
            "\"{c}\"",
            "said.{c} He",
            " {c}Hello",
            "{c}{c}x",
            "é{c}",
            "{c}é",
            "{c}\u{301}x",
            "A{c}\u{200d}",
            "Talks:{c}Now",
        ] {
            let text = context.replace("{c}", c);
            assert_eq!(tokenize(&text), reference_tokens(&text), "on {text:?}");
        }
    }
}

#[test]
fn curly_single_quotes_join_as_apostrophes_do() {
    for text in [
        "Zorbin’s don’t IRAQ’S 1990’s 5’000 _’s x’’y ‘quoted’ a‘b’s ’s’ x’\u{301}y A’é x’“",
        "Talks’. a’ b ’c d’ 7’, O’Neill’s’s",
    ] {
        assert_eq!(tokenize(text), reference_tokens(text), "on {text:?}");
    }
    assert_eq!(texts("Zorbin’s don’t"), ["Zorbin", "’s", "don’t"]);
}

#[test]
fn one_pass_tokens_on_examples() {
    for text in [
        "Iraq's U.S. 1,000.5 _a_ __'s x's 3's Mr. Smith. \"Yes!\" (No) - * e\u{0b}f",
        "  \u{301}x \n\u{301}y\r\n café’s IRAQ’S",
        "IRAQ TALKS\u{2028}Big Cables Look To Tap\u{b}THE END\nCafé Owners Look To Tap",
        // Runs redone by UAX #29 after ASCII tokens of their own, at a
        // sentence start, after a vertical tab and after a blank line.
        "Talks end. \"(Naïve)\" x.é\u{b}«Yes» said.\n\nAl-Ḥasan’s",
        // Marks that join words, after a word's letters, before white
        // space, a control byte, a letter, a digit and a curly quote.
        "Tarnwick, Eastmere.\nharbour:\tboard;\u{1}2 O'Neill a.b 4,5 x.3 Dan’s Dan’",
        "Counciltown, Harbourmasters.\r\nabcdefgh, abcdefgh.x abcdefg.h",
        "(Tarnwick.) \"Eastmere,\" U.S.' x.- a.% b.0 c./ d:( e;' 7,\" 8.(",
    ] {
        assert_eq!(tokenize(text), reference_tokens(text), "on {text:?}");
    }
}

proptest::proptest! {
    #[test]
    fn eight_byte_letter_scan_agrees_with_the_byte_table(chunk: [u8; 8]) {
        let letter = |b: &u8| FLAGS[usize::from(*b)] & (UPPER | LOWER) != 0;
        let len = chunk.iter().position(|b| !letter(b)).unwrap_or(8);
        let flags = chunk[..len]
            .iter()
            .fold(0, |f, &b| f | FLAGS[usize::from(b)]) & (UPPER | LOWER);
        proptest::prop_assert_eq!(letter_bytes(u64::from_le_bytes(chunk)), (len, flags));
    }
}

#[test]
fn eight_byte_letter_scan_on_every_byte() {
    for b in 0..=255u8 {
        let chunk = [b'a', b, b'Z', b'q', b'x', b'Y', b'z', b'A'];
        let expected = if b.is_ascii_alphabetic() { 8 } else { 1 };
        assert_eq!(
            letter_bytes(u64::from_le_bytes(chunk)).0,
            expected,
            "byte {b:#x}"
        );
    }
}

#[test]
fn abbreviations_are_two_to_four_letters() {
    // `is_abbreviation` looks only at words of these lengths.
    assert!(ABBREVIATIONS.iter().all(|a| (2..=4).contains(&a.len())));
    assert!(is_abbreviation(b"Sept") && !is_abbreviation(b"Sep."));
}

#[test]
fn headlines_by_line() {
    let text = "IRAQ AND IRAN TALK\nPirelli Tyres Look To Tap Growth\nPirelli tyres look up.\nA B";
    let kinds: Vec<Headline> = tokenize(text).iter().map(|t| t.headline).collect();
    assert_eq!(kinds[0], Headline::Capitals);
    assert_eq!(kinds[4], Headline::TitleCase);
    assert!(kinds[10..].iter().all(|&k| k == Headline::RunningText));
    let results = "Romania - Marius Vasilescu ( 31st ) , Florin Pavelescu ( 75th )";
    assert!(
        tokenize(results)
            .iter()
            .all(|t| t.headline == Headline::RunningText)
    );
}

/// The words of `text` after a hard break.
fn after_hard_breaks(text: &str) -> Vec<&str> {
    tokenize(text)
        .iter()
        .filter(|t| t.hard_break)
        .map(|t| t.text(text))
        .collect()
}

#[test]
fn blank_lines_and_separators_are_hard_breaks() {
    assert_eq!(
        after_hard_breaks("Talks in Basra\n\nJones said\n \t\nIt rained"),
        ["Talks", "Jones", "It"]
    );
    assert_eq!(
        after_hard_breaks("a\r\n\r\nb\u{2029}c\u{b}d\u{c}e\u{2028}f\u{85}g"),
        ["a", "b", "c", "d", "e", "f", "g"]
    );
}

#[test]
fn line_breaks_of_unwrapped_text_and_after_headlines_are_hard_breaks() {
    // A line longer than any wrap: the text is not hard-wrapped.
    let long = "x ".repeat(*WRAP_WIDTHS.end());
    assert_eq!(
        after_hard_breaks(&format!("{long}Iraq\nIran")),
        ["x", "Iran"]
    );
    // A headline, then a line as long: the headline's end is a boundary.
    let text = "IRAQ AND IRAN TALK OF PEACE IN THE CAPITAL\nBASRA officials met on Tuesday";
    assert_eq!(after_hard_breaks(text), ["IRAQ", "BASRA"]);
    // Lines too short to be a wrapped paragraph: a list, a byline.
    assert_eq!(
        after_hard_breaks("Talks in Basra\nJones said so"),
        ["Talks", "Jones"]
    );
}

#[test]
fn a_wrap_inside_a_paragraph_is_no_hard_break() {
    let text = "The ministers met in the capital on Tuesday to discuss the Soviet\n\
                Union and its trade with the rest of the region, officials said.\r\n\
                \x20   A second meeting is planned.\n\
                Short line\n\
                Next";
    assert_eq!(after_hard_breaks(text), ["The", "A", "Short", "Next"]);
    let tokens = tokenize(text);
    let union = tokens.iter().find(|t| t.text(text) == "Union").unwrap();
    assert!(union.line_start && !union.sentence_start && union.space_before);
    // A wrapped line in title case is no headline.
    let text = "On Monday, The Royal Naval Staff College Building Fund\n\
                Committee met in the capital to talk about the plans for the year.";
    assert_eq!(after_hard_breaks(text), ["On"]);
    assert!(
        tokenize(text)
            .iter()
            .all(|t| t.headline == Headline::RunningText)
    );
}

/// The keys as [`push_key`] makes them, one token at a time.
fn assert_keys_are_push_keys(text: &str) {
    let tokens = tokenize(text);
    let keys = Keys::new(text, &tokens);
    let mut joined = String::from(" ");
    for (i, token) in tokens.iter().enumerate() {
        let mut key = String::new();
        push_key(token.text(text), &mut key);
        assert_eq!(keys.get(i), key, "token {i} of {text:?}");
        assert_eq!(keys.hash(i), crate::hash::hash_key(&key), "{key:?}");
        joined.push_str(&key);
        joined.push(' ');
    }
    assert_eq!(keys.joined(), joined, "on {text:?}");
    // Every run of up to four tokens, whether its keys lie in place in the
    // lower-cased text (words one space apart) or are written out, asked
    // for at once and grown a token at a time.
    for first in 0..=tokens.len() {
        let mut written = Vec::new();
        let mut run = (first < tokens.len()).then(|| keys.run(first, &mut written));
        for end in first..=tokens.len().min(first + 4) {
            let words: Vec<&str> = (first..end).map(|i| keys.get(i)).collect();
            let joined = words.join(" ");
            assert_eq!(keys.span(first, end), joined, "on {text:?}");
            if let Some(run) = run.as_mut().filter(|_| end > first) {
                if end > first + 1 {
                    run.grow(&keys);
                }
                assert_eq!(run.bytes(&keys), joined.as_bytes(), "on {text:?}");
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn keys_are_the_keys_of_each_token(
        text in "([A-Za-z0-9 .,'_\n-]|\\PC|[’–İé]){0,60}"
    ) {
        assert_keys_are_push_keys(&text);
    }
}

#[test]
fn keys_refilled_after_a_longer_text_are_those_of_new_keys() {
    // Refilling reuses the memory of the keys before, longer or shorter.
    let mut keys = Keys::default();
    let texts = [
        "Internationalisation counter-revolutionaries İSTANBUL KATA’IB x",
        "Iraq’s",
        "",
        "Al-Ḥasan’s NEW York 1,000.5 U.S.",
        "Ünited  Nations of\nthe ÉCOLE Normale 's",
        "a",
    ];
    for text in texts {
        let tokens = tokenize(text);
        keys.refill(text, &tokens);
        let fresh = Keys::new(text, &tokens);
        assert_eq!(keys.joined(), fresh.joined(), "on {text:?}");
        for i in 0..tokens.len() {
            assert_eq!((keys.get(i), keys.hash(i)), (fresh.get(i), fresh.hash(i)));
        }
    }
}

#[test]
fn keys_between_characters_not_ascii() {
    // The keys of the tokens between a text's bytes that are not ASCII
    // are made without a test for it: such a character at every place in
    // a text longer than the blocks of bytes they are looked for in, alone
    // and with others after it, and none.
    let words = "The harbour board of Eastmere met the river council in Lowbridge ".repeat(3);
    assert_keys_are_push_keys(&words);
    for at in 0..words.len() {
        let mut text = words.clone();
        text.insert(at, '’');
        assert_keys_are_push_keys(&text);
        for (after, other) in [(1, 'é'), (7, '£'), (70, '—')] {
            let mut text = text.clone();
            if at + after < text.len() && text.is_char_boundary(at + after) {
                text.insert(at + after, other);
                assert_keys_are_push_keys(&text);
            }
        }
    }
}

#[test]
fn keys_of_long_and_unusual_tokens() {
    for text in [
        "",
        "Internationalisation counter-revolutionaries İSTANBUL",
        "KATA’IB x 1234567890123456 12345678901234567 Ab",
    ] {
        assert_keys_are_push_keys(text);
    }
}

#[test]
fn keys_fold_case_and_typography() {
    let mut key = String::new();
    push_key("Kata’ib", &mut key);
    push_key("IRAQ", &mut key);
    assert_eq!(key, "kata'ibiraq");
}

/// Byte ranges of segments.
type Segments = Vec<(usize, usize)>;

/// The segments of the tokenizer's ASCII fast path and of
/// `unicode-segmentation`'s UAX #29 pass.
fn both_segmentations(text: &str) -> (Segments, Segments) {
    let mut ours = Vec::new();
    for_each_segment(text, |s, e| ours.push((s, e)));
    let theirs = text
        .split_word_bound_indices()
        .map(|(s, piece)| (s, s + piece.len()))
        .collect();
    (ours, theirs)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    #[test]
    fn segments_agree_with_uax29_on_ascii(text in "[ -~\t\r\n]{0,80}") {
        let (ours, theirs) = both_segmentations(&text);
        proptest::prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn segments_agree_with_uax29_on_unicode(text in "([a-zA-Z0-9 .,:;'_\n-]|\\PC){0,60}") {
        let (ours, theirs) = both_segmentations(&text);
        proptest::prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn segments_agree_with_uax29_on_anything(text in ".{0,60}") {
        let (ours, theirs) = both_segmentations(&text);
        proptest::prop_assert_eq!(ours, theirs);
    }
}

#[test]
fn a_token_is_sixteen_bytes_with_offsets_as_given() {
    assert_eq!(std::mem::size_of::<Token>(), 16);
    let text = "Iraq’s PMF";
    let spans: Vec<(usize, usize)> = tokenize(text)
        .iter()
        .map(|t| (t.start(), t.end()))
        .collect();
    assert_eq!(spans, [(0, 4), (4, 8), (9, 12)]);
}
