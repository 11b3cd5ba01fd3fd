//! Stage 5, resolver: chooses among overlapping candidates, merges aliases
//! into entities and finds the further mentions those aliases give away.
//!
//! - [`compound`] first joins a body a designator names from inside a
//!   listed place to the whole place ("Trinidad and Tobago Court of
//!   Appeal");
//! - [`overlap`] picks one reading wherever candidates overlap;
//! - [`compound`] widens a place or a listed organisation inside a longer
//!   unexplained name ("Real Madrid", "Barclays Capital") into that name;
//! - [`hyphenated`] widens a person over the second syllable of a
//!   hyphenated given name ("Lee Cheuk-yan");
//! - [`teams`] makes towns named as competitors in sports reports teams;
//! - [`citations`] makes the one-word places and organisations of a
//!   citation's parentheses persons, its authors ("(Marsden & Mackey,
//!   2014)");
//! - [`alias`] merges the chosen mentions into entities;
//! - [`initial_words`] drops the entities named only by common words that
//!   begin sentences ("Tape the edges down");
//! - [`propagate`] finds later (or earlier) bare uses of a known name
//!   ("Sadr", "PMF") that no stage proposed on its own;
//! - [`teams`] again parts a sports report's venues ("NEW YORK 1997-03-14")
//!   from the team of their name;
//! - [`capitals`] parts a capital that stands for its government
//!   ("Tarnwell said") from the city, into its country's entity.
//!
//! It reads the candidates and the document ([`crate::document`]): how the
//! rules came to propose a candidate is no business of its.

pub(crate) mod alias;
pub(crate) mod capital_table;
pub(crate) mod capitals;
pub(crate) mod citations;
pub(crate) mod compound;
pub(crate) mod hash_slots;
pub(crate) mod hyphenated;
pub(crate) mod initial_words;
pub(crate) mod initials;
pub(crate) mod name_index;
pub(crate) mod overlap;
pub(crate) mod propagate;
pub(crate) mod teams;

use std::borrow::Cow;

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::gazetteer::Matcher;
use crate::learned::CommonWords;
use crate::tokenizer::TokenKind;

/// An entity under construction: its kind, its gazetteer entry and its
/// mentions as token ranges.
#[derive(Clone, Debug)]
pub(crate) struct Cluster {
    pub kind: EntityKind,
    pub entry: Option<u32>,
    /// Token ranges, in no particular order until [`resolve`] sorts them.
    pub mentions: Vec<(usize, usize)>,
}

impl Cluster {
    /// A cluster of mention `c` alone, in a vector of `pool`'s.
    fn from_candidate(c: &Candidate, pool: &mut Pool) -> Cluster {
        let mut mentions = pool.mentions();
        mentions.push((c.start, c.end));
        Cluster {
            kind: c.kind,
            entry: c.entry,
            mentions,
        }
    }

    /// Moves the mentions out, leaving this cluster empty.
    pub(crate) fn take(&mut self) -> Cluster {
        Cluster {
            kind: self.kind,
            entry: self.entry.take(),
            mentions: std::mem::take(&mut self.mentions),
        }
    }

    /// Takes over a chosen mention, as [`Cluster::absorb`] would take over
    /// the cluster of that mention alone.
    pub(crate) fn join(&mut self, c: &Candidate) {
        self.mentions.push((c.start, c.end));
        if self.entry.is_none() {
            self.entry = c.entry;
        }
    }

    /// Takes over another cluster's mentions, and gives its vector back
    /// to `pool`.
    pub(crate) fn absorb(&mut self, mut other: Cluster, pool: &mut Pool) {
        self.mentions.append(&mut other.mentions);
        pool.give_back(other.mentions);
        if self.entry.is_none() {
            self.entry = other.entry;
        }
    }
}

/// What the resolver keeps from one document for the next: its buffers,
/// emptied. A document made some dozens of them, a vector of mentions for
/// every cluster among them, and allocating them cost more than keeping
/// them. (The names of the clusters, whose words the longest mention holds,
/// are still made per document: they borrow its text.)
#[derive(Default)]
pub(crate) struct Memory {
    pool: Pool,
    /// The buffers of [`overlap::choose`]'s sort.
    sorting: overlap::Sorting,
    /// The listed places of [`compound::join_places`].
    places: Vec<(usize, usize)>,
    clusters: Vec<Cluster>,
    merge: alias::Buffers,
    propagate: propagate::Buffers,
    /// The venues [`teams::part_venues`] parted from a side in the last
    /// document (an explanation's reason).
    parted: Vec<teams::Parting>,
    /// The capitals' mentions [`capitals::part_governments`] parted from
    /// the city as its government in the last document (an explanation's
    /// reason).
    governed: Vec<capitals::Governing>,
    /// The listed capitals among the last document's entities, their
    /// indices and countries (see [`capitals::capital_country`]).
    capitals: Vec<(usize, &'static str)>,
    /// The vector of the last document's resolved entities, emptied (see
    /// [`recycled`]).
    resolved: Vec<Resolved<'static>>,
}

impl Memory {
    /// Keeps `mentions`' memory for the next document's clusters.
    pub(crate) fn give_back(&mut self, mentions: Vec<(usize, usize)>) {
        self.pool.give_back(mentions);
    }

    /// Keeps the memory of `resolved`, a document's entities once read,
    /// for the next document's: give their mentions back first.
    pub(crate) fn give_back_resolved(&mut self, resolved: Vec<Resolved<'_>>) {
        self.resolved = recycled(resolved);
    }

    /// What found mention `start..end` of the last document when
    /// [`propagate`] found it (an explanation's reason).
    pub(crate) fn propagated_by(&self, start: usize, end: usize) -> Option<propagate::Via> {
        self.propagate.found_by(start, end)
    }

    /// Why mention `start..end` of the last document was parted from the
    /// side of its name, if it was a venue [`teams::part_venues`] parted.
    pub(crate) fn parted(&self, start: usize, end: usize) -> Option<&teams::Parting> {
        self.parted.iter().find(|p| p.venue == (start, end))
    }

    /// Why mention `start..end` of the last document stands for its
    /// country's government, if [`capitals::part_governments`] parted it
    /// from the city.
    pub(crate) fn governed(&self, start: usize, end: usize) -> Option<&capitals::Governing> {
        self.governed.iter().find(|g| g.mention == (start, end))
    }
}

/// Emptied vectors of mentions, for clusters to come.
#[derive(Default)]
pub(crate) struct Pool {
    mentions: Vec<Vec<(usize, usize)>>,
}

impl Pool {
    /// An empty vector of mentions.
    fn mentions(&mut self) -> Vec<(usize, usize)> {
        // Room for a few mentions: a vector of one would be reallocated as
        // soon as a second mention joins, as in most clusters.
        self.mentions.pop().unwrap_or_else(|| Vec::with_capacity(4))
    }

    /// Keeps `mentions`' memory for the next cluster.
    pub(crate) fn give_back(&mut self, mut mentions: Vec<(usize, usize)>) {
        if mentions.capacity() > 0 {
            mentions.clear();
            self.mentions.push(mentions);
        }
    }
}

/// A resolved entity: kind, name and token-range mentions in text order.
#[derive(Clone, Debug)]
pub(crate) struct Resolved<'a> {
    pub kind: EntityKind,
    /// The gazetteer entry, which names it, if it has one.
    pub entry: Option<u32>,
    /// Its name, borrowed from the gazetteer entry or the text where it
    /// can be: the caller copies it into an entity whose name it may
    /// already have the memory for, and a string made for every entity of
    /// every document cost an allocation and a free each.
    pub name: Cow<'a, str>,
    pub mentions: Vec<(usize, usize)>,
}

/// Runs the resolver on the candidates of one text, which it leaves
/// changed, with the learned common words if there are learned rules. The
/// mentions of what it returns are vectors of `memory`'s: give them back
/// when done.
pub(crate) fn resolve<'a>(
    cx: &Document<'a>,
    matcher: &'a Matcher,
    common: Option<&CommonWords>,
    candidates: &mut Vec<Candidate>,
    memory: &mut Memory,
) -> Vec<Resolved<'a>> {
    compound::join_places(candidates, &mut memory.places);
    overlap::choose(cx, candidates, &mut memory.sorting);
    let chosen = candidates;
    compound::widen(cx, chosen);
    hyphenated::widen(cx, chosen);
    teams::retype(cx, chosen);
    citations::retype(cx, chosen);
    let mut clusters = std::mem::take(&mut memory.clusters);
    alias::merge(
        cx,
        matcher,
        chosen,
        &mut clusters,
        &mut memory.pool,
        &mut memory.merge,
    );
    if let Some(common) = common {
        initial_words::drop_common(cx, chosen, common, &mut clusters, &mut memory.pool);
    }
    propagate::propagate(cx, &mut clusters, &mut memory.propagate);
    teams::part_venues(
        cx,
        chosen,
        &mut clusters,
        &mut memory.pool,
        &mut memory.parted,
    );
    let mut resolved = recycled(std::mem::take(&mut memory.resolved));
    resolved.reserve(clusters.len());
    let capital_entities = &mut memory.capitals;
    capital_entities.clear();
    resolved.extend(clusters.drain(..).enumerate().map(|(i, mut c)| {
        // Most clusters' mentions are in order already, with no repeats
        // (one mention, or mentions joined in text order): asked before the
        // calls that sort and drop repeats, whose branches went either way
        // on lists of two or three. Every pair is asked, the answers joined
        // as plain values, with no branch on each.
        let in_order = c
            .mentions
            .windows(2)
            .fold(true, |in_order, pair| in_order & (pair[0] < pair[1]));
        if !in_order {
            c.mentions.sort_unstable();
            c.mentions.dedup();
        }
        let kind = c.kind;
        let name = match c.entry {
            Some(id) => {
                let name = matcher.entry_name(id);
                if let Some(country) = capitals::capital_country(kind, c.mentions.len(), name) {
                    capital_entities.push((i, country));
                }
                Cow::Borrowed(name)
            }
            None => longest_text(cx, &c.mentions),
        };
        Resolved {
            kind,
            entry: c.entry,
            name,
            mentions: c.mentions,
        }
    }));
    memory.clusters = clusters;
    capitals::part_governments(
        cx,
        &memory.capitals,
        &mut resolved,
        &mut memory.pool,
        &mut memory.governed,
    );
    // Often in order already, as the clusters were first named: the
    // check costs less than the call that sorts.
    if !resolved.is_sorted_by_key(|r| r.mentions[0]) {
        resolved.sort_by_key(|r| r.mentions[0]);
    }
    resolved
}

/// An empty vector in the memory of `buffer`, emptied, for elements that
/// borrow for another lifetime: the resolved entities borrow one
/// document's text, and their vector, kept for the next document's, is
/// kept under another lifetime. For elements of the same size the
/// collection, of no elements, is done in place in `buffer`'s memory.
fn recycled<T, U>(mut buffer: Vec<T>) -> Vec<U> {
    buffer.clear();
    buffer.into_iter().filter_map(|_| None).collect()
}

/// The candidates of `chunk`, at most 64, that `wanted` holds for, as the
/// bits of one number (bit `j` for `chunk[j]`). `wanted` is asked of each
/// with no branch on its answer: a step's first tests of each candidate
/// (its kind, its length, its neighbours) went either way from candidate
/// to candidate, branches the processor mispredicted often, where a loop
/// over the bits set takes one branch for each candidate wanted.
fn wanted_marks(chunk: &[Candidate], wanted: impl Fn(&Candidate) -> bool) -> u64 {
    debug_assert!(chunk.len() <= 64);
    let mut marks = 0;
    for (j, c) in chunk.iter().enumerate() {
        marks |= u64::from(wanted(c)) << j;
    }
    marks
}

/// Whether candidate `c` is of kind `kind` and proposed by `evidence`,
/// asked as one comparison of a number made of both: the two comparisons
/// were two branches, the first of which went either way from candidate
/// to candidate by their kinds.
fn is_of(c: &Candidate, kind: EntityKind, evidence: Evidence) -> bool {
    ((c.kind as u32) << 8 | c.evidence as u32) == ((kind as u32) << 8 | evidence as u32)
}

/// The text of the mention with the most words (the first of equals), on
/// one line: a name wrapped over two lines is read with a space there.
fn longest_text<'a>(cx: &Document<'a>, mentions: &[(usize, usize)]) -> Cow<'a, str> {
    let words = |&(s, e): &(usize, usize)| {
        cx.tokens[s..e]
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .count()
    };
    // The first of the mentions with the most words; most clusters have
    // one mention, whose words need no count.
    let best = match mentions {
        [only] => only,
        _ => mentions
            .iter()
            .rev()
            .max_by_key(|m| words(m))
            .unwrap_or(&mentions[0]),
    };
    let text: &'a str = &cx.text[cx.tokens[best.0].start()..cx.tokens[best.1 - 1].end()];
    // A line break between two of its tokens starts the line of the
    // second: a name none of whose later tokens starts a line is on one,
    // known without a look at its bytes. Otherwise they are looked at, byte
    // by byte (no line break is a byte of a longer character), as a token
    // may start a line after a break other than these two.
    let wrapped = || text.bytes().any(|b| b == b'\n' || b == b'\r');
    if !cx.tokens[best.0 + 1..best.1].iter().any(|t| t.line_start) || !wrapped() {
        return Cow::Borrowed(text);
    }
    let mut name = String::with_capacity(text.len());
    for line in text.lines() {
        if !name.is_empty() {
            name.truncate(name.trim_end().len());
            name.push(' ');
        }
        name.push_str(line.trim_start());
    }
    Cow::Owned(name)
}

#[cfg(test)]
mod tests {
    //! The resolver's steps on small texts, with a gazetteer written here.

    use crate::candidate::{Candidate, Evidence};
    use crate::{EntityKind, Extractor, ExtractorBuilder};

    /// "kind: mention | mention" for each entity of `text`; the resolver's
    /// steps' own tests read it too.
    pub(super) fn resolved(gazetteer: &str, text: &str) -> Vec<String> {
        resolved_by(
            Extractor::builder()
                .default_gazetteers(false)
                .gazetteer_data("test.tsv", gazetteer),
            text,
        )
    }

    /// "kind: mention | mention" for each entity of `text`, by the
    /// extractor `builder` makes.
    pub(super) fn resolved_by(builder: ExtractorBuilder, text: &str) -> Vec<String> {
        builder
            .build()
            .unwrap()
            .extract(text)
            .iter()
            .map(|e| {
                let mentions: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
                format!("{}: {}", e.kind, mentions.join(" | "))
            })
            .collect()
    }

    #[test]
    fn the_longest_reading_wins_and_a_title_beats_a_gazetteer() {
        let gazetteer = "place\tNew York\nplace\tYork\nplace\tJordan\n";
        assert_eq!(resolved(gazetteer, "In New York."), ["place: New York"]);
        assert_eq!(
            resolved(gazetteer, "Mr Jordan went to Jordan."),
            ["person: Jordan", "place: Jordan"]
        );
    }

    #[test]
    fn a_body_named_from_inside_a_listed_place_takes_the_place_in() {
        let gazetteer = "place\tTrinidad\nplace\tTrinidad and Tobago\n";
        assert_eq!(
            resolved(
                gazetteer,
                "Lawyers said the Trinidad and Tobago Court of Appeal ruled."
            ),
            ["organisation: Trinidad and Tobago Court of Appeal"]
        );
    }

    #[test]
    fn an_era_after_a_year_is_no_name() {
        let gazetteer = "organisation\tBCE\n";
        assert!(
            resolved(
                gazetteer,
                "Farming began by 5000 BCE and spread by 3000 BCE."
            )
            .is_empty()
        );
        assert_eq!(
            resolved(gazetteer, "Shares of BCE rose."),
            ["organisation: BCE"]
        );
    }

    #[test]
    fn guesses_only_fill_gaps() {
        let gazetteer = "place\tFlorence\t\t80\ngiven-name\tFlorence\t\t90\n";
        assert_eq!(
            resolved(gazetteer, "We flew to Florence."),
            ["place: Florence"]
        );
    }

    #[test]
    fn person_suffixes_merge_unless_two_persons_could_be_meant() {
        let gazetteer = "given-name\tGeorge\ngiven-name\tLaura\n";
        assert_eq!(
            resolved(gazetteer, "George Bush spoke. Later Bush left."),
            ["person: George Bush | Bush"]
        );
        assert_eq!(
            resolved(gazetteer, "George Bush met Laura Bush. Later Bush left."),
            ["person: George Bush", "person: Laura Bush"]
        );
    }

    #[test]
    fn a_shared_surname_or_given_name_joins_the_person_named_most_often() {
        let gazetteer = "given-name\tWenna\ngiven-name\tPiotr\n";
        // Whether the lone names are found by a rule or propagated, they
        // are the main person's.
        let text = "Mr Ostrowski said so. Wenna Ostrowski met Piotr Ostrowski. \
                    Wenna Ostrowski left. Ms Wenna smiled.";
        assert_eq!(
            resolved(gazetteer, text),
            [
                "person: Ostrowski | Wenna Ostrowski | Wenna Ostrowski | Wenna",
                "person: Piotr Ostrowski"
            ]
        );
        // Named as often as each other, either could be meant.
        let text = "Mr Ostrowski said so. Wenna Ostrowski met Piotr Ostrowski.";
        assert_eq!(
            resolved(gazetteer, text),
            [
                "person: Ostrowski",
                "person: Wenna Ostrowski",
                "person: Piotr Ostrowski"
            ]
        );
    }

    #[test]
    fn a_head_word_joins_the_one_organisation_it_heads() {
        assert_eq!(
            resolved(
                "",
                "She studied at Wexford University. Later the University grew."
            ),
            ["organisation: Wexford University | University"]
        );
        // Either university could be meant.
        assert_eq!(
            resolved(
                "",
                "She studied at Wexford University and Oxley University. Later the University grew."
            ),
            [
                "organisation: Wexford University",
                "organisation: Oxley University",
                "organisation: University"
            ]
        );
    }

    #[test]
    fn an_organisation_named_by_an_ending_joins_the_one_longer_name() {
        let gazetteer = "organisation\tHalvard Controls\norganisation\tHalvard\n";
        assert_eq!(
            resolved(
                gazetteer,
                "The Oxley Harbour Authority met. Later the Harbour Authority agreed."
            ),
            ["organisation: Oxley Harbour Authority | Harbour Authority"]
        );
        // Two authorities end with it: either could be meant.
        assert_eq!(
            resolved(
                gazetteer,
                "The Oxley Harbour Authority and the Fenwick Harbour Authority met. \
                 Later the Harbour Authority agreed."
            ),
            [
                "organisation: Oxley Harbour Authority",
                "organisation: Fenwick Harbour Authority",
                "organisation: Harbour Authority"
            ]
        );
        // A legal form may be left out; a designator says it is another body.
        assert_eq!(
            resolved(
                gazetteer,
                "Halvard Controls Inc grew. Halvard Controls hired. Halvard Bank lent to Halvard."
            ),
            [
                "organisation: Halvard Controls Inc | Halvard Controls",
                "organisation: Halvard Bank",
                "organisation: Halvard"
            ]
        );
    }

    #[test]
    fn an_ending_after_a_capitalised_stop_word_joins_but_not_after_a_small_word() {
        // "Kingdom" is a stop word alone, but a word of the longer name.
        let gazetteer =
            "stopword\tKingdom\nstopword\tThe\norganisation\tFriends of the Harbour Authority\n";
        assert_eq!(
            resolved(
                gazetteer,
                "The United Kingdom Harbour Authority met. Later the Harbour Authority agreed."
            ),
            ["organisation: United Kingdom Harbour Authority | Harbour Authority"]
        );
        // After "of the" the ending is a body of its own.
        assert_eq!(
            resolved(
                gazetteer,
                "The Friends of the Harbour Authority met. Later the Harbour Authority agreed."
            ),
            [
                "organisation: Friends of the Harbour Authority",
                "organisation: Harbour Authority"
            ]
        );
    }

    #[test]
    fn a_name_with_abbreviated_words_joins_the_one_name_written_in_full() {
        assert_eq!(
            resolved(
                "",
                "The East Tarvia Grain Council met. The E. Tarvia Grain Council agreed. \
                 Later the Council said so."
            ),
            ["organisation: East Tarvia Grain Council | E. Tarvia Grain Council | Council"]
        );
        assert_eq!(
            resolved(
                "",
                "The Upper Kilda Harbour Authority met. The U.K. Harbour Authority agreed."
            ),
            ["organisation: Upper Kilda Harbour Authority | U.K. Harbour Authority"]
        );
        // Even listed apart, as two sources may list one body.
        assert_eq!(
            resolved(
                "organisation\tE. Tarvia Grain Council\norganisation\tEast Tarvia Grain Council\n",
                "The E. Tarvia Grain Council met. The East Tarvia Grain Council agreed."
            ),
            ["organisation: E. Tarvia Grain Council | East Tarvia Grain Council"]
        );
        // Initials alone are left to the acronym steps.
        assert_eq!(
            resolved(
                "place\tN.T.\nplace\tNorth Tarvia\n",
                "Rain fell in Oxley, N.T. and in North Tarvia."
            ),
            ["place: N.T.", "place: North Tarvia"]
        );
        // Two names written in full have its initials: either could be meant.
        assert_eq!(
            resolved(
                "",
                "The East Tarvia Grain Council and the Eastern Tarvia Grain Council met. \
                 The E. Tarvia Grain Council agreed."
            ),
            [
                "organisation: East Tarvia Grain Council",
                "organisation: Eastern Tarvia Grain Council",
                "organisation: E. Tarvia Grain Council"
            ]
        );
    }

    #[test]
    fn a_compass_initial_before_a_listed_place_s_words_is_that_place() {
        let gazetteer = "place\tNorth Tarvia\nplace\tSouthern Varnia\nplace\tVarnia\t\t100\n";
        // Else read as a person by the initial rule.
        assert_eq!(
            resolved(
                gazetteer,
                "Floods hit N. Tarvia. North Tarvia asked for aid."
            ),
            ["place: N. Tarvia | North Tarvia"]
        );
        // Else read as the listed country after the initial; in a headline
        // too.
        assert_eq!(
            resolved(gazetteer, "Floods hit S. Varnia on Monday."),
            ["place: S. Varnia"]
        );
        assert_eq!(
            resolved(gazetteer, "FLOODS HIT S. VARNIA"),
            ["place: S. VARNIA"]
        );
        // Another letter, or a middle initial, is no compass point.
        assert_eq!(
            resolved(gazetteer, "Floods hit J. Tarvia on Monday."),
            ["person: J. Tarvia"]
        );
        assert_eq!(
            resolved(gazetteer, "Floods hit Mary S. Varnia on Monday."),
            ["place: Varnia"]
        );
    }

    #[test]
    fn an_organisation_named_without_its_designator_or_qualifier_joins_the_full_name() {
        let gazetteer = "organisation\tWexford\norganisation\tWexford University\n";
        assert_eq!(
            resolved(
                gazetteer,
                "She studied at Wexford University. Wexford later raised its fees."
            ),
            ["organisation: Wexford University | Wexford"]
        );
        // Named first, the short name the gazetteer lists apart is its own.
        assert_eq!(
            resolved(
                gazetteer,
                "Wexford raised its fees. She studied at Wexford University."
            ),
            ["organisation: Wexford", "organisation: Wexford University"]
        );
        assert_eq!(
            resolved(
                "",
                "The Tarnwell Institute of Technology opened. The Tarnwell Institute said so."
            ),
            ["organisation: Tarnwell Institute of Technology | Tarnwell Institute"]
        );
        // A designator that names a part of the body is not left out.
        assert_eq!(
            resolved(
                "organisation\tHalvard\n",
                "Halvard News opened. Halvard said so."
            ),
            ["organisation: Halvard News", "organisation: Halvard"]
        );
    }

    #[test]
    fn a_surname_after_a_title_joins_the_person_named_with_that_title() {
        let gazetteer = "given-name\tBill\ngiven-name\tAnn\n";
        let text = "Senator Bill Quarry and Dr Ann Quarry spoke. Senator Bill Quarry left. \
                    Later Dr Quarry said so.";
        assert_eq!(
            resolved(gazetteer, text),
            [
                "person: Bill Quarry | Bill Quarry",
                "person: Ann Quarry | Quarry"
            ]
        );
    }

    #[test]
    fn a_name_with_letters_after_it_is_the_name_without_them() {
        let gazetteer = "given-name\tColin\n";
        assert_eq!(
            resolved(
                gazetteer,
                "Colin Marwick MP spoke. Colin Marwick left. Mr Marwick came back."
            ),
            ["person: Colin Marwick MP | Colin Marwick | Marwick"]
        );
        // A regnal number is part of the name.
        assert_eq!(
            resolved(gazetteer, "Colin Marwick met Colin VI."),
            ["person: Colin Marwick", "person: Colin VI"]
        );
    }

    #[test]
    fn a_lone_first_word_that_ends_no_name_joins_the_full_name() {
        let gazetteer = "person\tCorwin Aldous\nperson\tCorwin\n";
        assert_eq!(
            resolved(gazetteer, "Mr Corwin Aldous arrived. Later Corwin left."),
            ["person: Corwin Aldous | Corwin"]
        );
        // A word that ends another person's name is that person's.
        assert_eq!(
            resolved(
                "person\tCorwin Aldous\nperson\tCorwin\nperson\tMara Corwin\n",
                "Mr Corwin Aldous met Mara Corwin. Later Corwin left."
            ),
            ["person: Corwin Aldous", "person: Mara Corwin | Corwin"]
        );
    }

    #[test]
    fn initials_with_or_without_periods_are_one_name() {
        let gazetteer = "organisation\tO.P.B.\norganisation\tOPB\n";
        assert_eq!(
            resolved(gazetteer, "The O.P.B. met. The OPB said so."),
            ["organisation: O.P.B. | OPB"]
        );
        // Initials of two kinds stay apart unless a gazetteer lists only one.
        assert_eq!(
            resolved(
                "organisation\tO.P.B.\nplace\tOPB\n",
                "The O.P.B. met. The OPB said so."
            ),
            ["organisation: O.P.B.", "place: OPB"]
        );
    }

    #[test]
    fn acronyms_join_their_long_form() {
        assert_eq!(
            resolved(
                "",
                "The Popular Mobilisation Forces (PMF) left. The PMF said so."
            ),
            ["group: Popular Mobilisation Forces | PMF | PMF"]
        );
        // The document's definition beats a listed entity of that acronym.
        let gazetteer = "organisation\tHSB\n";
        assert_eq!(
            resolved(
                gazetteer,
                "The Harbour Safety Board (HSB) met. The HSB said so."
            ),
            ["organisation: Harbour Safety Board | HSB | HSB"]
        );
        // Named by its long form, not by the entity the gazetteer lists.
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .gazetteer_data("test.tsv", "organisation\tHighland Sailing Bureau\tHSB\n")
            .build()
            .unwrap();
        let names = |text: &str| -> Vec<String> {
            let entities = extractor.extract(text);
            entities.into_iter().map(|e| e.name).collect()
        };
        let defined = "The Harbour Safety Board (HSB) met. The HSB said so.";
        assert_eq!(names(defined), ["Harbour Safety Board"]);
        // Undefined, a listed acronym of three letters or more joins the
        // long form it spells, even where its entry is named by another.
        let undefined = "The Harbour Safety Board met. The HSB said so.";
        assert_eq!(
            resolved(gazetteer, undefined),
            ["organisation: Harbour Safety Board | HSB"]
        );
        assert_eq!(names(undefined), ["Harbour Safety Board"]);
    }

    #[test]
    fn same_entry_and_same_name_merge_and_kinds_stay_apart() {
        let gazetteer = "place\tIraq\tIrak\ngroup\tIraqi\tIraqis\n";
        assert_eq!(
            resolved(gazetteer, "Iraq and Irak. Iraqis and an Iraqi."),
            ["place: Iraq | Irak", "group: Iraqis | Iraqi"]
        );
    }

    #[test]
    fn a_listed_organisation_widens_into_a_longer_name() {
        let gazetteer = "organisation\tAcme\n";
        assert_eq!(
            resolved(gazetteer, "We counted visits with Acme Tallyworks daily."),
            ["organisation: Acme Tallyworks"]
        );
        // A title after it, or nothing after it, leaves it be.
        assert_eq!(
            resolved(gazetteer, "We met Acme President Jones. Acme grew."),
            ["organisation: Acme | Acme", "person: Jones"]
        );
    }

    #[test]
    fn a_name_a_hyphen_binds_to_a_lower_case_word_goes() {
        let gazetteer = "place\tOxley\ngroup\tOxlish\n";
        assert_eq!(
            resolved(
                gazetteer,
                "Oxley voted. The pro-Oxley camp and ex-Oxley men lost."
            ),
            ["place: Oxley"]
        );
        // A group keeps it, as do names after particles and spaces.
        assert_eq!(
            resolved(gazetteer, "The pan-Oxlish talks, al-Oxley and pro - Oxley."),
            ["group: Oxlish", "place: Oxley | Oxley"]
        );
    }

    #[test]
    fn a_hyphenated_given_name_is_read_whole() {
        let gazetteer = "person\tLee Cheuk\nperson\tAndy Wexhol\n";
        assert_eq!(
            resolved(
                gazetteer,
                "Lee Cheuk-yan won. Andy Wexhol-like art and Andy Wexhol-backed art."
            ),
            ["person: Lee Cheuk-yan", "person: Andy Wexhol | Andy Wexhol"]
        );
    }

    #[test]
    fn a_name_wrapped_over_two_lines_is_named_with_a_space() {
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .gazetteer_data("test.tsv", "given-name\tWenna\n")
            .build()
            .unwrap();
        let names = |text: &str| -> Vec<String> {
            extractor
                .extract(text)
                .into_iter()
                .map(|e| e.name)
                .collect()
        };
        // Lines of a paragraph's width, which wrap into the next.
        let wrapped = "The ferry was late again, and yesterday Wenna\r\n\
                       Trelawny wrote to the harbour council to\n\
                       complain about the timetable once more.\n";
        assert_eq!(names(wrapped), ["Wenna Trelawny"]);
        let one_line = "The ferry was late again, and yesterday Wenna Trelawny\n\
                        wrote to the harbour council to complain\n\
                        about the timetable once more.\n";
        assert_eq!(names(one_line), ["Wenna Trelawny"]);
    }

    #[test]
    fn a_candidate_wanted_is_marked_by_its_bit() {
        let chunk: Vec<Candidate> = (0..64)
            .map(|i| Candidate {
                start: i,
                end: i + 1 + i % 2,
                kind: EntityKind::ALL[i % 4],
                entry: None,
                evidence: Evidence::Gazetteer,
                rank: 0,
            })
            .collect();
        let wanted = |c: &Candidate| c.kind == EntityKind::Place && c.len() == 1;
        let marks = super::wanted_marks(&chunk, wanted);
        for (j, c) in chunk.iter().enumerate() {
            assert_eq!(marks >> j & 1 == 1, wanted(c), "candidate {j}");
        }
        assert_eq!(super::wanted_marks(&chunk[..3], |_| true), 0b111);
    }

    #[test]
    fn a_candidate_is_of_a_kind_and_evidence_only_when_both_match() {
        let evidences = [
            Evidence::Guess,
            Evidence::Designator,
            Evidence::Gazetteer,
            Evidence::Title,
        ];
        for kind in EntityKind::ALL {
            for evidence in evidences {
                let c = Candidate {
                    start: 0,
                    end: 1,
                    kind,
                    entry: None,
                    evidence,
                    rank: 0,
                };
                for k in EntityKind::ALL {
                    for e in evidences {
                        assert_eq!(super::is_of(&c, k, e), kind == k && evidence == e);
                    }
                }
            }
        }
    }

    #[test]
    fn entity_kinds_are_reported_as_given() {
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .gazetteer_data("test.tsv", "organisation\tAcme\n")
            .build()
            .unwrap();
        assert_eq!(extractor.extract("Acme.")[0].kind, EntityKind::Organisation);
    }
}
