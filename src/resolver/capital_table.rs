//! The tables of [`super::capitals`], compiled by the build script into
//! statics that the library includes, so that no process builds them:
//! the capitals of `gazetteers/capitals-geonames.txt` with their
//! countries, and the words of the lists that make a capital its
//! government or a city, each by the [`hash_key`] of its name or key and
//! sorted by it, for a binary search.

#![cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "the build script writes the source; the library includes it"
    )
)]

use std::fmt::Write as _;

use crate::hash::hash_key;
use crate::rust_source::write_array;
use crate::wordlists::{AUXILIARIES, LOCATIVE, POLICY_NOUNS, SPEECH_VERBS};

/// A verb of speech or stance ([`SPEECH_VERBS`]).
pub(crate) const SPEECH: u8 = 1;
/// An auxiliary before one ([`AUXILIARIES`]).
pub(crate) const AUXILIARY: u8 = 2;
/// A noun of policy ([`POLICY_NOUNS`]).
pub(crate) const POLICY: u8 = 4;
/// A word of place before a name ([`LOCATIVE`]).
pub(crate) const PLACE: u8 = 8;

/// The place of a name in `SHAPES`, the filter of the capitals' names:
/// the word of its first and last bytes, and the bit of its length.
pub(crate) fn shape(name: &str) -> (usize, u32) {
    let bytes = name.as_bytes();
    let (first, last) = match *bytes {
        [] => (0, 0),
        [only] => (only, only),
        [first, .., last] => (first, last),
    };
    let word = usize::from(first & 31) << 5 | usize::from(last & 31);
    (word, 1 << (bytes.len() & 31))
}

/// The words of `SHAPES`.
pub(crate) const SHAPE_WORDS: usize = 1024;

/// The source of `CAPITALS: [(u64, &str, &str); _]`, each capital of
/// `list` (`capital<TAB>country` a line, `#` comments) by its name's
/// hash, with its name and its country's, and `WORDS: [(u64, &str, u8);
/// _]`, each word of the lists by its key's hash, with its key and the
/// lists it is in (the bits above), and `SHAPES: [u32; SHAPE_WORDS]`,
/// the bits of the capitals' names' [`shape`]s: a name whose bit is not
/// set is no capital's, asked in a few instructions before its hash is
/// made (most places' names are not capitals'). A city state, whose name is its
/// country's, has nothing to part and is left out, and so is a name
/// listed as the capital of two countries.
pub(crate) fn source(list: &str) -> String {
    let mut capitals: Vec<(u64, &str, &str)> = list
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .filter(|(capital, country)| capital != country)
        .map(|(capital, country)| (hash_key(capital), capital, country))
        .collect();
    // A name listed as the capital of two countries (a country of today
    // and a union it left, or two places of one name) says no country
    // for certain, and is left out.
    capitals.sort_by_key(|c| (c.0, c.1));
    let twice: Vec<&str> = capitals
        .windows(2)
        .filter(|pair| pair[0].1 == pair[1].1)
        .map(|pair| pair[0].1)
        .collect();
    capitals.retain(|c| !twice.contains(&c.1));
    let mut words: Vec<(u64, &str, u8)> = Vec::new();
    for (list, bit) in [
        (SPEECH_VERBS, SPEECH),
        (AUXILIARIES, AUXILIARY),
        (POLICY_NOUNS, POLICY),
        (LOCATIVE, PLACE),
    ] {
        for &word in list {
            match words.iter_mut().find(|(_, w, _)| *w == word) {
                Some((_, _, bits)) => *bits |= bit,
                None => words.push((hash_key(word), word, bit)),
            }
        }
    }
    words.sort_unstable();
    let distinct = |hashes: &mut dyn Iterator<Item = u64>| {
        let hashes: Vec<u64> = hashes.collect();
        hashes.windows(2).all(|pair| pair[0] != pair[1])
    };
    assert!(
        distinct(&mut capitals.iter().map(|c| c.0)),
        "capitals of one hash"
    );
    assert!(
        distinct(&mut words.iter().map(|w| w.0)),
        "words of one hash"
    );
    let mut out = String::from(
        "// The capitals and their words, written by build.rs from src/resolver/capital_table.rs.\n\n",
    );
    out.push_str("#[allow(clippy::unreadable_literal)]\n");
    let _ = writeln!(
        out,
        "static CAPITALS: [(u64, &str, &str); {}] = [",
        capitals.len()
    );
    for (hash, capital, country) in &capitals {
        let _ = writeln!(out, "    ({hash}, {capital:?}, {country:?}),");
    }
    out.push_str("];\n\n#[allow(clippy::unreadable_literal)]\n");
    let _ = writeln!(out, "static WORDS: [(u64, &str, u8); {}] = [", words.len());
    for (hash, word, bits) in &words {
        let _ = writeln!(out, "    ({hash}, {word:?}, {bits}),");
    }
    out.push_str("];\n\n");
    let mut shapes = vec![0u32; SHAPE_WORDS];
    for (_, capital, _) in &capitals {
        let (word, bit) = shape(capital);
        shapes[word] |= bit;
    }
    write_array(&mut out, "SHAPES", "u32", "SHAPE_WORDS", &shapes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_and_words_are_sorted_by_hash_with_their_lists() {
        let list = "# capital\tcountry\nTarnwell\tTarnmark\nSolvay\tSolvay\n\
                    Brellin\tOld Tarnmark\nBrellin\tNorth Brell\n";
        let source = source(list);
        let line = format!("({}, \"Tarnwell\", \"Tarnmark\"),", hash_key("Tarnwell"));
        assert!(source.contains(&line), "{source}");
        assert!(!source.contains("Solvay"), "a city state is left out");
        assert!(
            !source.contains("Brellin"),
            "a capital of two countries is left out"
        );
        assert!(source.contains("static CAPITALS: [(u64, &str, &str); 1]"));
        let (word, bit) = shape("Tarnwell");
        let shapes = source.split("static SHAPES").nth(1).unwrap();
        let shapes: Vec<u32> = (shapes.split(|c: char| !c.is_ascii_digit()))
            .filter_map(|n| n.parse().ok())
            .skip(1)
            .collect();
        assert_eq!(shapes.len(), SHAPE_WORDS);
        assert_eq!(shapes.iter().map(|s| s.count_ones()).sum::<u32>(), 1);
        assert_eq!(shapes[word], bit);
        // The country, of the same length and first letter, is no capital.
        let (word, bit) = shape("Tarnmark");
        assert_eq!(shapes[word] & bit, 0);
        let said = format!("({}, \"said\", {SPEECH}),", hash_key("said"));
        assert!(source.contains(&said), "{source}");
        let hashes: Vec<u64> = source
            .lines()
            .skip_while(|l| !l.starts_with("static WORDS"))
            .filter_map(|l| l.trim().strip_prefix('(')?.split(',').next()?.parse().ok())
            .collect();
        assert!(hashes.windows(2).all(|pair| pair[0] < pair[1]));
        let mut distinct = [SPEECH_VERBS, AUXILIARIES, POLICY_NOUNS, LOCATIVE].concat();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(hashes.len(), distinct.len());
    }
}
