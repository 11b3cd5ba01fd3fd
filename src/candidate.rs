//! Candidates: what the gazetteer and the rules propose, before the
//! resolver chooses among them.

use crate::EntityKind;

/// Why a span was proposed as a mention, from weakest to strongest. When
/// proposals of equal length disagree, the stronger evidence decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Evidence {
    /// A guess from capitalisation and word lists alone ("Gloria" is a
    /// common given name); taken only where no other reading overlaps.
    Guess,
    /// A name no list holds, typed by a learned rule of its spelling
    /// (its words, suffix or shape: "Leicestershire" by "-shire").
    LearnedSpelling,
    /// A name no list holds, typed by a learned rule of its context (the
    /// words around it: "shares of X", "X said").
    LearnedContext,
    /// A body of state named by its common noun alone, capitalised
    /// mid-sentence ("the Senate voted"; `rules/institution.rs`).
    Institution,
    /// An acronym no list holds, typed by a learned rule of its context
    /// ("said security firm RSA"; `rules/unlisted_acronym.rs`).
    AcronymContext,
    /// A word no list holds, a person because personal pronouns follow
    /// its uses in the document ("Galois returned after his expulsion";
    /// `rules/pronoun_person.rs`).
    PronounContext,
    /// A capitalised sequence whose first word is a known given name, or
    /// that starts with initials ("M. Ashcombe").
    GivenName,
    /// An acronym defined in parentheses after its long form.
    Acronym,
    /// A designator that belongs to the name ("province", "Forces",
    /// "Ministry of") or a cue before it ("the town of").
    Designator,
    /// A listed place or organisation widened over the unexplained name
    /// words around it ("Basra Gate" from "Basra", "Barclays Capital" from
    /// "Barclays"; `resolver/compound.rs`). Made after the
    /// overlapping readings are settled, so it is never weighed against
    /// another.
    Compound,
    /// A surface form of a gazetteer entry.
    Gazetteer,
    /// A title or role word before it ("Mr", "President", "cleric").
    Title,
}

/// A proposed mention: a token range with a kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Index of the first token.
    pub start: usize,
    /// Index one past the last token.
    pub end: usize,
    /// The proposed kind.
    pub kind: EntityKind,
    /// The gazetteer entry, when a gazetteer knows the referent.
    pub entry: Option<u32>,
    /// Why it was proposed.
    pub evidence: Evidence,
    /// Prominence of the reading (the entry's rank for gazetteer matches).
    pub rank: u8,
}

impl Candidate {
    /// An organisation the rules guess, from no list: a lone head word
    /// after "the", a team in a results line.
    pub(crate) fn guessed_organisation(start: usize, end: usize) -> Candidate {
        Candidate {
            start,
            end,
            kind: EntityKind::Organisation,
            entry: None,
            evidence: Evidence::Guess,
            rank: 0,
        }
    }

    /// The number of tokens covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}
