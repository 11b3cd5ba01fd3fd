//! The learned rule: decision lists learned from unlabelled news (see
//! [`crate::learned`]) type the names that no list or other rule explains,
//! and choose between the readings of an ambiguous list hit.
//!
//! - A name run that no candidate covers (a guess aside) and that is not
//!   made of common words alone ("Results", "Second Division") is proposed
//!   with the kind of the rule of highest confidence its features fire, of
//!   the rules that may type new names ([`LearnedRules::decide`]), unless a
//!   rule for another kind is as confident
//!   ([`Evidence::LearnedSpelling`], [`Evidence::LearnedContext`]). A lone
//!   word that begins a sentence, whose capital says nothing, is typed by
//!   its whole spelling alone: a word the corpus typed where it was written
//!   with a capital mid-sentence.
//! - A run with a word written with an apostrophe between letters is
//!   first handed to [`apostrophe`], which reads it as the listed name
//!   without the apostrophe ("Ba’ath", "Baath").
//! - A lone word that no rule types this way is handed to
//!   [`unlisted_acronym`], which makes an acronym no list holds an
//!   organisation where its context says so
//!   ([`Evidence::AcronymContext`]); the lone words left untyped then go
//!   to [`pronoun_person`], which makes a person of a word that personal
//!   pronouns follow again and again ([`Evidence::PronounContext`]).
//! - Where the gazetteers give one span readings of two or more of the
//!   kinds the rules know ("Jordan" the country and the person), the
//!   context rules choose: when the strongest fired for one of those kinds
//!   is strong enough, the readings of the others go.
//!
//! Runs in headlines are left alone, as everywhere: there, every word is
//! capitalised.

use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::gazetteer::Matcher;
use crate::learned::features::{Features, View, example};
use crate::learned::{Decision, LearnedRules};
use crate::rules::{apostrophe, pronoun_person, unlisted_acronym};

/// The least strength of a context rule that chooses between the readings
/// of an ambiguous list hit.
const RETYPE_STRENGTH: f32 = 0.95;

/// The memory the rule keeps from one text for the next.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The tokens the candidates cover.
    covered: Covered,
    features: Features,
    /// Candidates to drop, by index.
    dropped: Vec<usize>,
    /// The lone words left untyped, for [`pronoun_person`].
    pronouns: pronoun_person::Scratch,
    /// The acronyms [`unlisted_acronym`] has looked for in the document.
    acronyms: unlisted_acronym::Acronyms,
}

/// Proposes the names the learned rules type and the listed names of words
/// written with an apostrophe (see [`apostrophe`]), using `matcher`, the
/// gazetteer's; and drops the readings of ambiguous list hits that context
/// rules out.
pub(crate) fn find(
    cx: &Document<'_>,
    matcher: &Matcher,
    rules: &LearnedRules,
    scratch: &mut Scratch,
    out: &mut Vec<Candidate>,
) {
    let Scratch {
        covered,
        features,
        dropped,
        pronouns,
        acronyms,
    } = scratch;
    pronouns.clear();
    acronyms.clear();
    covered.clear(cx.tokens.len());
    // Whether two gazetteer readings of one span differ in kind: most texts
    // have none, and need no pass that looks for them.
    // The spans are compared first: few candidates share the span of the
    // one before, where whether both are the gazetteer's went either way
    // from candidate to candidate. A guess's span is added with no bits,
    // rather than left out by a branch on its evidence.
    let mut ambiguous = false;
    let mut before: Option<&Candidate> = None;
    for c in out.iter() {
        covered.add(c.start, c.end, c.evidence != Evidence::Guess);
        ambiguous |= before.is_some_and(|b| {
            (b.start, b.end) == (c.start, c.end)
                && b.evidence == Evidence::Gazetteer
                && c.evidence == Evidence::Gazetteer
                && b.kind != c.kind
        });
        before = Some(c);
    }
    if ambiguous {
        retype(cx, rules, features, dropped, out);
    }
    covered.sort();
    // Most runs are list hits: coverage is tested before anything else.
    for (run_start, run_end) in cx.name_runs() {
        if covered.any(run_start, run_end) {
            continue;
        }
        // A word written with an apostrophe the lists' spelling lacks is
        // the listed name.
        if apostrophe::find(cx, matcher, (run_start, run_end), out) {
            continue;
        }
        let Some(example) = example(cx, run_start, run_end) else {
            continue;
        };
        let (start, end) = (example.start, example.end);
        if covered.any(start, run_start) {
            continue;
        }
        // Most runs fire no rule: the common words are looked up only for
        // those that do.
        let Some(rule) = rules.decide(cx, features, example) else {
            // A lone acronym that no rule of new names types may be typed
            // by its context alone.
            if example.end - example.start == 1 {
                match unlisted_acronym::propose(cx, rules, features, example, out, acronyms) {
                    Some(c) => out.push(c),
                    None => pronouns.push(example.start),
                }
            }
            continue;
        };
        if rules.common.all_common(cx.word_hashes(start, end)) {
            continue;
        }
        out.push(Candidate {
            start,
            end,
            kind: rule.kind,
            entry: None,
            evidence: match rule.view {
                View::Spelling => Evidence::LearnedSpelling,
                View::Context => Evidence::LearnedContext,
            },
            rank: 0,
        });
    }
    pronoun_person::find(cx, &rules.common, pronouns, out);
}

/// The tokens a text's candidates cover, asked about its name runs in
/// text order.
///
/// Nearly every candidate spans a few tokens: a bit for each token, 64
/// tokens to a number, answers for them, which clearing takes a number
/// for every 64 tokens of the text and a candidate or a name run a bit or
/// two to mark or test, fewer instructions than sorting the candidates'
/// spans took. The rare candidate longer than [`SHORT_SPAN`] tokens
/// ("Lake Lake Lake …" gives one per word, each to the end of the run) is
/// kept as a span with the others as long, sorted, so that marking them
/// takes no time that grows with the square of a run's length.
#[derive(Default)]
struct Covered {
    /// Bit `i % 64` of number `i / 64` is set when a short span covers
    /// token `i`.
    bits: Vec<u64>,
    /// The spans longer than [`SHORT_SPAN`].
    long: LongSpans,
}

/// The most tokens of a span that [`Covered`] marks token by token.
const SHORT_SPAN: usize = 64;

impl Covered {
    /// Forgets every span, for a text of `tokens` tokens.
    fn clear(&mut self, tokens: usize) {
        self.bits.clear();
        self.bits.resize(tokens.div_ceil(64), 0);
        self.long.clear();
    }

    /// Adds the span of tokens `start..end` if `counts`, before
    /// [`Covered::sort`].
    fn add(&mut self, start: usize, end: usize, counts: bool) {
        if end - start > SHORT_SPAN {
            if counts {
                self.long.add(start, end);
            }
            return;
        }
        // Nearly every span's bits fall in one number: one mask marks them,
        // none if the span does not count.
        let word = start / 64;
        if start < end && (end - 1) / 64 == word {
            let mask = u64::MAX >> (64 - (end - start)) << (start % 64);
            self.bits[word] |= mask & u64::from(counts).wrapping_neg();
            return;
        }
        if counts {
            for i in start..end {
                self.bits[i / 64] |= 1 << (i % 64);
            }
        }
    }

    /// Readies the spans added for [`Covered::any`].
    fn sort(&mut self) {
        if !self.long.spans.is_empty() {
            self.long.sort();
        }
    }

    /// Whether any of tokens `start..end` is covered.
    fn any(&mut self, start: usize, end: usize) -> bool {
        (start..end).any(|i| self.bits[i / 64] & (1 << (i % 64)) != 0)
            || (!self.long.spans.is_empty() && self.long.any(start, end))
    }
}

/// Spans of tokens, sorted by their starts, asked about stretches in text
/// order.
#[derive(Default)]
struct LongSpans {
    /// The spans, by their starts once sorted, each with its end raised to
    /// the furthest end of the spans up to it.
    spans: Vec<(usize, usize)>,
    /// How many spans start before the end of the stretch asked about
    /// last: the next stretch, later in the text, moves it on from there.
    before: usize,
}

impl LongSpans {
    /// Forgets every span.
    fn clear(&mut self) {
        self.spans.clear();
        self.before = 0;
    }

    /// Adds the span of tokens `start..end`, before [`LongSpans::sort`].
    fn add(&mut self, start: usize, end: usize) {
        self.spans.push((start, end));
    }

    /// Sorts the spans added, for [`LongSpans::any`]. Out of line: most
    /// texts have none.
    #[inline(never)]
    fn sort(&mut self) {
        self.spans.sort_by_key(|&(start, _)| start);
        let mut furthest = 0;
        for (_, end) in &mut self.spans {
            furthest = furthest.max(*end);
            *end = furthest;
        }
    }

    /// Whether a span covers any of tokens `start..end`: one that starts
    /// before `end` and ends after `start`. Out of line, as
    /// [`LongSpans::sort`] is.
    #[inline(never)]
    fn any(&mut self, start: usize, end: usize) -> bool {
        let spans = &self.spans;
        let mut before = self.before;
        while before < spans.len() && spans[before].0 < end {
            before += 1;
        }
        while before > 0 && spans[before - 1].0 >= end {
            before -= 1;
        }
        self.before = before;
        start < end && before > 0 && spans[before - 1].1 > start
    }
}

/// The kinds the learned rules know.
fn learned_kind(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Person | EntityKind::Place | EntityKind::Organisation
    )
}

/// Drops the readings of ambiguous gazetteer hits that the context rules
/// rule out. The matcher gives the readings of one span one after another.
fn retype(
    cx: &Document<'_>,
    rules: &LearnedRules,
    features: &mut Features,
    dropped: &mut Vec<usize>,
    out: &mut Vec<Candidate>,
) {
    dropped.clear();
    let mut first = 0;
    while first < out.len() {
        let c = out[first];
        let mut last = first + 1;
        while last < out.len()
            && out[last].evidence == Evidence::Gazetteer
            && (out[last].start, out[last].end) == (c.start, c.end)
        {
            last += 1;
        }
        let group = &out[first..last];
        let ambiguous = c.evidence == Evidence::Gazetteer
            && learned_kind(c.kind)
            && group
                .iter()
                .any(|o| o.kind != c.kind && learned_kind(o.kind));
        if ambiguous && cx.tokens[c.start].headline == crate::tokenizer::Headline::RunningText {
            let mut decision = Decision::new(rules);
            features.context(cx, c.start, c.end, &mut decision);
            let chosen = group
                .iter()
                .map(|o| o.kind)
                .filter(|&k| learned_kind(k))
                .max_by(|a, b| {
                    decision.strength[*a as usize].total_cmp(&decision.strength[*b as usize])
                });
            if let Some(kind) = chosen.filter(|&k| decision.strength[k as usize] >= RETYPE_STRENGTH)
            {
                dropped.extend(
                    (first..last).filter(|&i| out[i].kind != kind && learned_kind(out[i].kind)),
                );
            }
        }
        first = last;
    }
    if !dropped.is_empty() {
        let mut index = 0;
        let mut next = dropped.iter().copied().peekable();
        out.retain(|_| {
            let keep = next.peek() != Some(&index);
            if !keep {
                next.next();
            }
            index += 1;
            keep
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Entry;
    use crate::rules::testing::learned_proposals;

    const RULES: &str = "context\tR1 said\tperson\t0.99\n\
                         context\tL2 shares of\torganisation\t0.99\n\
                         context\tL1 in\tplace\t0.97\n\
                         spelling\tS4 shire\tplace\t0.98\n\
                         spelling\tF novaxa\torganisation\t0.99\n";

    /// "kind text" for each candidate after the rule, on a gazetteer of
    /// `entries`.
    fn run(entries: &[Entry], text: &str) -> Vec<String> {
        learned_proposals(RULES, entries, text, |_| true)
    }

    #[test]
    fn covered_finds_a_span_over_any_token_of_a_stretch() {
        let mut covered = Covered::default();
        covered.clear(200);
        // The last span long enough to be kept as a span.
        for (start, end) in [(8, 9), (2, 6), (3, 4), (100, 100 + SHORT_SPAN + 1)] {
            covered.add(start, end, true);
        }
        // A span that does not count adds nothing.
        covered.add(20, 30, false);
        covered.sort();
        // Asked in text order, and back again.
        let asked = [
            (0, 2),
            (0, 3),
            (5, 7),
            (6, 8),
            (6, 9),
            (4, 5),
            (9, 12),
            (7, 7),
            (98, 101),
            (150, 151),
            (180, 190),
            (80, 99),
            (19, 31),
        ];
        let answers: Vec<bool> = asked.iter().map(|&(s, e)| covered.any(s, e)).collect();
        assert_eq!(
            answers,
            [
                false, true, true, false, true, true, false, false, true, true, false, false, false
            ]
        );
    }

    #[test]
    fn covered_marks_spans_within_a_number_of_bits_and_across_two() {
        let mut covered = Covered::default();
        covered.clear(300);
        // All 64 bits of the second number; a span across the third and
        // the fourth.
        covered.add(64, 128, true);
        covered.add(190, 194, true);
        covered.sort();
        let asked = [
            (60, 64),
            (63, 65),
            (127, 128),
            (128, 190),
            (185, 191),
            (191, 192),
            (192, 193),
            (193, 200),
            (194, 300),
        ];
        let answers: Vec<bool> = asked.iter().map(|&(s, e)| covered.any(s, e)).collect();
        assert_eq!(
            answers,
            [false, true, true, false, true, true, true, true, false]
        );
    }

    #[test]
    fn names_no_list_holds_are_typed_by_spelling_and_context() {
        assert_eq!(
            run(
                &[],
                "yesterday Kowalczyk said shares of Novaxa fell in Lowtonshire."
            ),
            [
                "person Kowalczyk",
                "organisation Novaxa",
                "place Lowtonshire"
            ]
        );
    }

    #[test]
    fn listed_names_are_left_to_the_lists() {
        let entries = [Entry::new(EntityKind::Organisation, "Kowalczyk")];
        assert_eq!(
            run(&entries, "Then Kowalczyk said no."),
            ["organisation Kowalczyk"]
        );
    }

    #[test]
    fn a_lone_sentence_initial_word_needs_its_spelling() {
        assert_eq!(
            run(&[], "Novaxa said so. Kowalczyk said no."),
            ["organisation Novaxa"]
        );
    }

    #[test]
    fn context_chooses_among_the_readings_of_an_ambiguous_hit() {
        let entries = [
            Entry::new(EntityKind::Place, "Jordan"),
            Entry::new(EntityKind::Person, "Jordan"),
        ];
        assert_eq!(run(&entries, "Then Jordan said no."), ["person Jordan"]);
        assert_eq!(run(&entries, "Talks in Jordan ended."), ["place Jordan"]);
        let mut both = run(&entries, "Talks with Jordan ended.");
        both.sort();
        assert_eq!(both, ["person Jordan", "place Jordan"]);
    }
}
