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
        Shape::of_ascii_letters(FLAGS[usize::from(bytes[0])], case)
    }

    /// The shape of an ASCII word from the [`FLAGS`] of its first letter
    /// and the [`UPPER`] and [`LOWER`] flags of the rest (other flags in
    /// `case` are left out).
    ///
    /// Read from a table of the three facts, not chosen by a branch on the
    /// first letter's case, which went either way from word to word.
    #[inline]
    pub(super) fn of_ascii_letters(first: u8, case: u8) -> Shape {
        let index = ((first & UPPER) << 2) | (case & (UPPER | LOWER));
        ASCII_SHAPES[usize::from(index)]
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

/// The bit of an index of [`ASCII_SHAPES`] that says the word's first
/// letter is upper case, beside the [`UPPER`] and [`LOWER`] flags of the
/// rest: the first letter's [`UPPER`] moved up two bits.
const FIRST_UPPER: u8 = UPPER << 2;

/// The shape of an ASCII word by [`FIRST_UPPER`] and the [`UPPER`] and
/// [`LOWER`] flags of the letters after the first.
const ASCII_SHAPES: [Shape; 16] = {
    let mut shapes = [Shape::Lower; 16];
    let mut index = 0;
    while index < shapes.len() {
        let bits = index as u8;
        shapes[index] = match (
            bits & FIRST_UPPER != 0,
            bits & UPPER != 0,
            bits & LOWER != 0,
        ) {
            (true, _, true) => Shape::Capitalised,
            (true, _, false) => Shape::Upper,
            (false, true, _) => Shape::Mixed,
            (false, false, _) => Shape::Lower,
        };
        index += 1;
    }
    shapes
};
