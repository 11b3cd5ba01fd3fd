//! The casing of a word.

use super::bytes::{FLAGS, LOWER, UPPER};

/// The casing of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// No upper-case letter: "province", "al".
    Lower,
    /// An upper-case first letter and some lower-case letter: "Iraq", "McDonald".
    Capitalised,
    /// Letters, all upper case: "PMF", "U.S", "IRAQ".
    Upper,
    /// A lower-case first letter with some upper-case letter: "iPhone", "al-Sadr" parts aside.
    Mixed,
    /// No letters at all: numbers and punctuation.
    NoLetters,
}

impl Shape {
    /// The shape of `s`.
    pub fn of(s: &str) -> Shape {
        if s.is_ascii() {
            return Shape::of_ascii(s.as_bytes());
        }
        let mut upper = false;
        let mut lower = false;
        let mut first_upper = None;
        for c in s.chars() {
            if c.is_uppercase() {
                upper = true;
                first_upper.get_or_insert(true);
            } else if c.is_lowercase() {
                lower = true;
                first_upper.get_or_insert(false);
            }
        }
        match (first_upper, upper, lower) {
            (None, _, _) => Shape::NoLetters,
            (Some(true), _, true) => Shape::Capitalised,
            (Some(true), _, false) => Shape::Upper,
            (Some(false), true, _) => Shape::Mixed,
            (Some(false), false, _) => Shape::Lower,
        }
    }

    /// The shape of an ASCII word whose first byte is a letter.
    pub(super) fn of_ascii_word(bytes: &[u8]) -> Shape {
        let case = bytes[1..]
            .iter()
            .fold(0, |case, &b| case | FLAGS[usize::from(b)]);
        Shape::of_ascii_letters(bytes[0], case)
    }

    /// The shape of an ASCII word from its first letter and the [`UPPER`]
    /// and [`LOWER`] flags of the rest.
    pub(super) fn of_ascii_letters(first: u8, case: u8) -> Shape {
        let (upper, lower) = (case & UPPER != 0, case & LOWER != 0);
        match (first.is_ascii_uppercase(), upper, lower) {
            (true, _, true) => Shape::Capitalised,
            (true, _, false) => Shape::Upper,
            (false, true, _) => Shape::Mixed,
            (false, false, _) => Shape::Lower,
        }
    }

    fn of_ascii(bytes: &[u8]) -> Shape {
        let Some(first) = bytes.iter().position(u8::is_ascii_alphabetic) else {
            return Shape::NoLetters;
        };
        let rest = &bytes[first + 1..];
        if bytes[first].is_ascii_uppercase() {
            if rest.iter().any(u8::is_ascii_lowercase) {
                Shape::Capitalised
            } else {
                Shape::Upper
            }
        } else if rest.iter().any(u8::is_ascii_uppercase) {
            Shape::Mixed
        } else {
            Shape::Lower
        }
    }

    /// Whether the word starts with an upper-case letter.
    pub fn is_capitalised(self) -> bool {
        matches!(self, Shape::Capitalised | Shape::Upper)
    }
}
