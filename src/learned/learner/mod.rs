//! The learner: decision lists learned from unlabelled news by DL-CoTrain,
//! and names mined from what they and the extractor's strong evidence type
//! (behind the `learn` cargo feature; `examples/learn` runs it over the
//! project's article corpus).
//!
//! # Examples and seeds
//!
//! Every text goes through the extractor's stages up to the rules (markup,
//! tokens, gazetteer matches, rule proposals; no learned rules). Its
//! examples are the name runs of `features::examples` (`src/learned/features.rs`,
//! the code the extractor's learned rule shares); where a proposal
//! covers a run ("Karbala province" over "Karbala"), the example is the
//! longest such proposal's span. An example is *seeded* with a kind when
//! the extractor types that span with confidence: a title before it, a
//! designator in it, an acronym defined by it, or gazetteer entries that
//! all give it one kind. A run that starts with a given name is not a
//! seed, nor is a group (demonyms and militias: the rules learn persons,
//! places and organisations). Lone words that begin a sentence are
//! examples only when seeded: their capital says nothing.
//!
//! # DL-CoTrain (Collins and Singer 1999, section 3)
//!
//! A decision list of one view (spelling or context, see
//! `src/learned/features.rs`) is induced from labelled examples: a feature `x` says kind
//! `y` with strength `h(x, y) = (count(x, y) + α) / (count(x) + 3α)`,
//! where `count(x)` counts the labelled examples with `x` and `count(x, y)`
//! those labelled `y`; a rule is kept when its strength is at least
//! [`Params::threshold`], and of each kind only the `n` rules with the
//! most labelled examples. Applying a list labels an example with the kind
//! of the strongest rule its features fire. Then, for rounds `t = 1..=R`
//! with `n = t × step`:
//!
//! 1. label the examples with the spelling list (none in the first round),
//!    seeds keeping their seed kind;
//! 2. induce the context list from those labels;
//! 3. label the examples with the context list, seeds kept;
//! 4. induce the spelling list from those labels.
//!
//! Finally the examples are labelled with both lists together (seeds
//! kept), and the final list is induced from those labels over both views
//! with no limit on `n`: every rule of at least the threshold's strength.
//! With α = 0.1 and a threshold of 0.95, that takes at least four labelled
//! examples, all of one kind. A whole-name rule (`F ...`) is kept only for
//! a name seen at least once where no proposal covered it: the others
//! would never fire, since the rules type only runs that nothing else
//! explains.
//!
//! # Common words, priors and validation
//!
//! Words the corpus writes in lower case at least as often as with a
//! capital mid-sentence (outside headlines) are *common words*; examples
//! made of nothing else ("Results", "Second Division") are left out before
//! learning, and the extractor types no such run.
//!
//! The labelled examples are mostly names the gazetteers know, half of
//! them places; the names the rules type at run time are names no list
//! holds, few of them places. The rules file gives each kind's share of
//! the labelled examples and of the unlisted examples that a title,
//! designator or acronym seeded, and the extractor weighs a rule's odds by
//! their ratio (see `src/learned/mod.rs`).
//!
//! Labelled texts given with [`Learner::add_validation`] (the GUM training
//! set; never an evaluation set) check each class of rules (a feature tag
//! and a kind: `S4` person, `F` organisation) on the names no list holds
//! there, deciding as the extractor does; a class whose decisions are right
//! less often than [`Params::validation_precision`], or that makes fewer
//! than [`Params::validation_support`] of them, types no new names (one
//! pass: dropping a class is not checked again). The spelling rules of
//! such classes are left out of the file, which keeps every context rule:
//! those choose between the readings of ambiguous list hits.
//!
//! # Mining
//!
//! A name that no gazetteer entry matched is typed by strong evidence
//! where it is a seed of a title, a designator or an acronym definition;
//! and it is typed by the final list's context rules where they alone give
//! it a kind with at least the threshold's strength. A name typed by strong
//! evidence with one kind in at least [`Params::mine_documents`]
//! documents, which is that kind in at least [`Params::mine_agreement`] of
//! all its typed occurrences (context ones included), becomes an entry of
//! a mined gazetteer, with its counts; except a name typed by its
//! designator alone (that designator finds it wherever it occurs: an entry
//! would add nothing), a person of one word (a lone given name or surname
//! names many people), a name with a title or role word among its words
//! ("House Speaker Paul Ryan": a role and a name run together), a name
//! that looks cut short (its last word an initial, "George H.W", or the
//! start of a hyphenated word, "Li Ka" of "Li Ka-shing"), and a name that
//! ends with a designator of another kind ("Motors Co" as a person, after
//! the title-like "General").
use std::collections::HashMap;
use std::fmt::Write as _;

use super::CommonWords;
use super::features::{self, Example, Features, Sink, View};
use crate::candidate::{Candidate, Evidence};
use crate::document::Document;
use crate::hash::hash_key;
use crate::tokenizer::{Headline, Shape, TokenKind};
use crate::{EntityKind, Extractor};

mod decision_list;
mod explain;
mod mining;
mod output;
mod validation;

use decision_list::List;
pub use explain::{Explained, explain};
pub use mining::Mined;
pub use output::{Learned, LearnedRule};
pub use validation::GoldSpan;

/// The kinds the learner labels with, in index order.
const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organisation,
];

/// The index of a kind in [`KINDS`].
fn kind_index(kind: EntityKind) -> Option<u8> {
    KINDS.iter().position(|&k| k == kind).map(|i| i as u8)
}

/// The settings of learning and mining.
#[derive(Clone, Debug)]
pub struct Params {
    /// The least strength of a rule (Collins and Singer's p_min): 0.95.
    pub threshold: f64,
    /// The smoothing of a rule's strength (α): 0.1.
    pub alpha: f64,
    /// The rounds of co-training: 20.
    pub rounds: usize,
    /// How many more rules of each kind and view each round admits: 100.
    pub step: usize,
    /// The least number of documents a mined name is typed in: 3.
    pub mine_documents: usize,
    /// The least share of a mined name's typed occurrences that have its
    /// kind: 0.9.
    pub mine_agreement: f64,
    /// The least share of right decisions on the validation texts of a
    /// class of rules (a feature tag and a kind) that types names no list
    /// holds: 0.6.
    pub validation_precision: f64,
    /// The least number of decisions on the validation texts a class of
    /// rules must make to type names no list holds: 5.
    pub validation_support: u32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            threshold: 0.95,
            alpha: 0.1,
            rounds: 20,
            step: 100,
            mine_documents: 3,
            mine_agreement: 0.9,
            validation_precision: 0.6,
            validation_support: 5,
        }
    }
}

/// Why an example is seeded, or a name mined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Source {
    Gazetteer,
    Title,
    Designator,
    Acronym,
    /// The final list's context rules (mining only).
    Context,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Gazetteer => "gazetteer",
            Source::Title => "title",
            Source::Designator => "designator",
            Source::Acronym => "acronym",
            Source::Context => "context",
        }
    }

    const ALL: [Source; 5] = [
        Source::Gazetteer,
        Source::Title,
        Source::Designator,
        Source::Acronym,
        Source::Context,
    ];
}

/// One example as the learner keeps it.
#[derive(Clone, Copy, Debug)]
struct Record {
    /// Its features: a range of [`Learner::features`], spelling first.
    from: u32,
    /// Where its context features start.
    context: u32,
    to: u32,
    /// The seed's kind index and why, if seeded.
    seed: Option<(u8, Source)>,
    /// The document it is in.
    document: u32,
    /// Its text, interned.
    name: u32,
    /// Whether a gazetteer entry matched some span covering it.
    listed: bool,
    /// Whether a title or role word is among its words ("House Speaker
    /// Paul Ryan"): a name and its role run together.
    titled: bool,
    /// Whether it looks cut short: its last word an initial ("George H.W")
    /// or the start of a hyphenated word ("Li Ka" of "Li Ka-shing").
    cut: bool,
    /// The kind a designator at its end gives ("Motors Co"), if any.
    designated: Option<EntityKind>,
    /// Whether any proposal covered it.
    covered: bool,
    /// Its whole-name feature (`F ...`).
    whole: u32,
    /// Its words: a range of [`Learner::example_words`].
    words: (u32, u32),
}

/// Strings numbered in order of first sight.
#[derive(Default)]
struct Interner {
    ids: HashMap<Box<str>, u32>,
    texts: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        let id = self.texts.len() as u32;
        self.texts.push(text.into());
        self.ids.insert(text.into(), id);
        id
    }

    fn text(&self, id: u32) -> &str {
        &self.texts[id as usize]
    }
}

/// Collects the feature ids of an example.
struct Collect<'a> {
    interner: &'a mut Interner,
    views: &'a mut Vec<View>,
    out: &'a mut Vec<u32>,
}

impl Sink for Collect<'_> {
    const TEXT: bool = true;

    fn feature(&mut self, view: View, _hash: u64, text: &str) {
        let id = self.interner.id(text);
        if id as usize == self.views.len() {
            self.views.push(view);
        }
        self.out.push(id);
    }
}

/// Learns decision lists from texts given one by one, then mines names.
///
/// ```
/// use gazetteer_ner::Extractor;
/// use gazetteer_ner::learn::{Learner, Params};
///
/// let extractor = Extractor::builder().learned_rules(false).build()?;
/// let mut learner = Learner::new(&extractor, Params::default());
/// learner.add_text("Talks in Baghdad went on. Mr Kowalski said no.");
/// let learned = learner.learn();
/// assert!(learned.rules_file().starts_with('#'));
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
pub struct Learner<'e> {
    extractor: &'e Extractor,
    params: Params,
    features: Vec<u32>,
    feature_texts: Interner,
    views: Vec<View>,
    names: Interner,
    records: Vec<Record>,
    documents: u32,
    scratch: Features,
    /// Labelled texts the rules that type new names are checked on.
    validation: Vec<(String, Vec<GoldSpan>)>,
    /// Word keys, and how often each is written in lower case and with a
    /// capital mid-sentence (outside headlines).
    words: Interner,
    word_counts: Vec<[u32; 2]>,
    /// The words of the examples, by [`Interner`] id of `words`.
    example_words: Vec<u32>,
}

impl<'e> Learner<'e> {
    /// A learner that finds its examples and seeds with `extractor` (build
    /// it without learned rules, and without files mined from the same
    /// texts, for a learner that does not learn from its own output).
    pub fn new(extractor: &'e Extractor, params: Params) -> Self {
        Learner {
            extractor,
            params,
            features: Vec::new(),
            feature_texts: Interner::default(),
            views: Vec::new(),
            names: Interner::default(),
            records: Vec::new(),
            documents: 0,
            scratch: Features::default(),
            words: Interner::default(),
            word_counts: Vec::new(),
            example_words: Vec::new(),
            validation: Vec::new(),
        }
    }

    /// Adds a labelled text on which the classes of rules that type names
    /// no list holds are checked (see the module docs); `gold` gives its
    /// names by byte offsets. Without any, every class types new names.
    pub fn add_validation(&mut self, text: &str, gold: Vec<GoldSpan>) {
        self.validation.push((text.to_string(), gold));
    }

    /// Adds the examples of one text (a document).
    pub fn add_text(&mut self, text: &str) {
        let document = self.documents;
        self.documents += 1;
        let extractor = self.extractor;
        extractor.proposals(text, |cx, candidates| {
            for (i, token) in cx.tokens.iter().enumerate() {
                if token.kind != TokenKind::Word || token.headline != Headline::RunningText {
                    continue;
                }
                let case = if token.shape == Shape::Lower {
                    0
                } else if token.shape.is_capitalised() && !token.sentence_start {
                    1
                } else {
                    continue;
                };
                let id = self.words.id(cx.keys.get(i)) as usize;
                if id == self.word_counts.len() {
                    self.word_counts.push([0; 2]);
                }
                self.word_counts[id][case] += 1;
            }
            for example in features::examples(cx) {
                self.add_example(cx, candidates, example, document);
            }
        });
    }

    fn add_example(
        &mut self,
        cx: &Document<'_>,
        candidates: &[Candidate],
        example: Example,
        document: u32,
    ) {
        let (run_start, run_end) = (example.start, example.end);
        let covering = |c: &&Candidate| {
            c.evidence != Evidence::Guess && c.start <= run_start && c.end >= run_end
        };
        let (start, end) = candidates
            .iter()
            .filter(covering)
            .map(|c| (c.start, c.end))
            .max_by_key(|&(s, e)| (e - s, std::cmp::Reverse(s)))
            .unwrap_or((run_start, run_end));
        let seed = seed(candidates, start, end);
        if example.lone_initial && seed.is_none() {
            return;
        }
        let covered = candidates
            .iter()
            .any(|c| c.evidence != Evidence::Guess && c.start < run_end && run_start < c.end);
        let listed = candidates
            .iter()
            .any(|c| c.evidence == Evidence::Gazetteer && c.start <= start && c.end >= end);
        let titled = (start..end).any(|i| cx.is_title(i));
        let last = cx.word(end - 1);
        let initial = last.chars().filter(|c| c.is_alphabetic()).count() <= 2 || last.contains('.');
        let hyphen_after = cx.tokens.get(end + 1).is_some_and(|t| !t.space_before)
            && cx.word(end) == "-"
            && !cx.tokens[end].space_before;
        let cut = initial || hyphen_after;
        let designated = cx.designator_kinds_after(end - 1).next();
        let from = self.features.len() as u32;
        let mut ids = Vec::new();
        let mut collect = Collect {
            interner: &mut self.feature_texts,
            views: &mut self.views,
            out: &mut ids,
        };
        self.scratch.spelling(cx, start, end, &mut collect);
        // The whole name comes first (see `Features::spelling`).
        let whole = ids[0];
        push_distinct(&mut self.features, &mut ids);
        let context = self.features.len() as u32;
        let mut collect = Collect {
            interner: &mut self.feature_texts,
            views: &mut self.views,
            out: &mut ids,
        };
        self.scratch.context(cx, start, end, &mut collect);
        push_distinct(&mut self.features, &mut ids);
        let to = self.features.len() as u32;
        let words_from = self.example_words.len() as u32;
        for i in (start..end).filter(|&i| cx.tokens[i].kind == TokenKind::Word) {
            let id = self.words.id(cx.keys.get(i));
            if id as usize == self.word_counts.len() {
                self.word_counts.push([0; 2]);
            }
            self.example_words.push(id);
        }
        let words = (words_from, self.example_words.len() as u32);
        let text = &cx.text[cx.tokens[start].start()..cx.tokens[end - 1].end()];
        let name = self
            .names
            .id(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        self.records.push(Record {
            from,
            context,
            to,
            seed,
            document,
            name,
            listed,
            titled,
            cut,
            designated,
            covered,
            whole,
            words,
        });
    }

    /// Learns the decision lists and mines names.
    pub fn learn(mut self) -> Learned {
        let mut log = String::new();
        let common = self.common_words();
        let hashes = CommonWords::of(common.iter().map(|&id| self.words.text(id)));
        let before = self.records.len();
        let (words, example_words) = (&self.words, &self.example_words);
        self.records.retain(|r| {
            let ids = &example_words[r.words.0 as usize..r.words.1 as usize];
            !hashes.all_common(ids.iter().map(|&id| hash_key(words.text(id))))
        });
        let _ = writeln!(
            log,
            "{} common words; {} examples made of nothing else left out",
            common.len(),
            before - self.records.len()
        );
        let seeds: Vec<Option<u8>> = self.records.iter().map(|r| r.seed.map(|s| s.0)).collect();
        let _ = writeln!(
            log,
            "{} documents, {} examples, {} seeded, {} distinct features",
            self.documents,
            self.records.len(),
            seeds.iter().filter(|s| s.is_some()).count(),
            self.views.len()
        );
        for source in Source::ALL {
            for (k, kind) in KINDS.iter().enumerate() {
                let n = self
                    .records
                    .iter()
                    .filter(|r| r.seed == Some((k as u8, source)))
                    .count();
                if n > 0 {
                    let _ = writeln!(log, "  seeds: {} {kind} {n}", source.as_str());
                }
            }
        }
        let mut spelling = List::default();
        let mut labels = seeds.clone();
        for round in 1..=self.params.rounds {
            let n = round * self.params.step;
            self.label(&spelling, &seeds, &mut labels);
            let context = self.induce(&labels, Some(View::Context), n);
            self.label(&context, &seeds, &mut labels);
            spelling = self.induce(&labels, Some(View::Spelling), n);
            let labelled = labels.iter().filter(|l| l.is_some()).count();
            let _ = writeln!(
                log,
                "round {round:2}: n {n:5}, context rules {:5}, spelling rules {:5}, labelled {labelled}",
                context.len(),
                spelling.len()
            );
            if round == self.params.rounds {
                // Both lists together, for the final labels.
                let mut both = context;
                both.merge(&spelling);
                self.label(&both, &seeds, &mut labels);
            }
        }
        let priors = self.priors(&labels);
        let mut last = self.induce(&labels, None, usize::MAX);
        self.prune_whole_names(&mut last);
        let _ = writeln!(log, "final list: {} rules", last.len());
        let rules = self.rules(&last);
        let mined = self.mine(&last, &mut log);
        let mut common: Vec<(String, [u32; 2])> = common
            .iter()
            .map(|&id| {
                (
                    self.words.text(id).to_string(),
                    self.word_counts[id as usize],
                )
            })
            .collect();
        common.sort();
        let mut learned = Learned {
            params: self.params.clone(),
            priors,
            rules,
            mined,
            common,
            classes: Vec::new(),
            log,
        };
        if !self.validation.is_empty() {
            learned.classes = self.validate(&learned);
            // The spelling rules of classes that type no new names serve
            // nothing at run time: only context rules choose between the
            // readings of ambiguous list hits.
            let used: Vec<(u8, EntityKind)> = learned
                .classes
                .iter()
                .filter(|c| c.used)
                .map(|c| (c.tag, c.kind))
                .collect();
            let before = learned.rules.len();
            learned.rules.retain(|r| {
                let tag = features::tag_of(&r.feature).expect("a feature's tag is known");
                r.view == View::Context || used.contains(&(tag, r.kind))
            });
            let _ = writeln!(
                learned.log,
                "{} spelling rules of classes that type no new names left out",
                before - learned.rules.len()
            );
            for class in &learned.classes {
                let _ = writeln!(
                    learned.log,
                    "validation: {} {}: {} right of {}{}",
                    features::TAGS_WRITTEN[class.tag as usize],
                    class.kind,
                    class.right,
                    class.typed,
                    if class.used { "" } else { ", not used" }
                );
            }
        }
        learned
    }

    /// Each kind's share of the labelled examples, and of the examples no
    /// gazetteer entry covers that a title, designator or acronym seeded.
    fn priors(&self, labels: &[Option<u8>]) -> [(f64, f64); 3] {
        let mut labelled = [0u32; 3];
        let mut unlisted = [0u32; 3];
        for (record, label) in self.records.iter().zip(labels) {
            if let Some(k) = label {
                labelled[*k as usize] += 1;
            }
            if let Some((k, source)) = record.seed
                && source != Source::Gazetteer
                && !record.listed
            {
                unlisted[k as usize] += 1;
            }
        }
        let share = |counts: [u32; 3], k: usize| {
            // Smoothed, so that no kind's share is 0.
            (f64::from(counts[k]) + 1.0) / (f64::from(counts.iter().sum::<u32>()) + 3.0)
        };
        [0, 1, 2].map(|k| (share(labelled, k), share(unlisted, k)))
    }

    /// The common words (see `src/learned/mod.rs`) that are words of some
    /// example: the others never decide anything.
    fn common_words(&self) -> Vec<u32> {
        let mut in_examples = vec![false; self.word_counts.len()];
        for &id in &self.example_words {
            in_examples[id as usize] = true;
        }
        (0..self.word_counts.len() as u32)
            .filter(|&id| {
                let [lower, capital] = self.word_counts[id as usize];
                in_examples[id as usize] && lower >= capital && lower > 0
            })
            .collect()
    }

    /// The labels of the examples by `list`, seeds keeping their seed.
    fn label(&self, list: &List, seeds: &[Option<u8>], labels: &mut [Option<u8>]) {
        for ((record, seed), label) in self.records.iter().zip(seeds).zip(labels.iter_mut()) {
            *label = seed.or_else(|| {
                let ids = &self.features[record.from as usize..record.to as usize];
                list.decide(ids).map(|(kind, _)| kind)
            });
        }
    }

    /// Induces a decision list of `view` (both when `None`) from the
    /// labelled examples, with at most `n` rules of each kind.
    fn induce(&self, labels: &[Option<u8>], view: Option<View>, n: usize) -> List {
        let mut counts = vec![[0u32; 3]; self.views.len()];
        for (record, label) in self.records.iter().zip(labels) {
            let Some(k) = label else { continue };
            let range = match view {
                None => record.from..record.to,
                Some(View::Spelling) => record.from..record.context,
                Some(View::Context) => record.context..record.to,
            };
            for &id in &self.features[range.start as usize..range.end as usize] {
                counts[id as usize][*k as usize] += 1;
            }
        }
        let Params {
            threshold, alpha, ..
        } = self.params;
        let mut candidates: Vec<(u8, u32, u32, f64)> = Vec::new();
        for (id, count) in counts.iter().enumerate() {
            let total: u32 = count.iter().sum();
            if total == 0 {
                continue;
            }
            let (k, &agreeing) = count
                .iter()
                .enumerate()
                .max_by_key(|&(k, c)| (c, std::cmp::Reverse(k)))
                .expect("three kinds");
            let strength =
                (f64::from(agreeing) + alpha) / (f64::from(total) + KINDS.len() as f64 * alpha);
            if strength >= threshold {
                candidates.push((k as u8, id as u32, total, strength));
            }
        }
        // Of each kind, the rules with the most labelled examples; ties by
        // feature text, so that the choice does not hang on numbering.
        candidates.sort_by(|a, b| {
            (a.0, std::cmp::Reverse(a.2))
                .cmp(&(b.0, std::cmp::Reverse(b.2)))
                .then_with(|| {
                    self.feature_texts
                        .text(a.1)
                        .cmp(self.feature_texts.text(b.1))
                })
        });
        let mut list = List::new(self.views.len());
        let mut taken = [0usize; 3];
        for (k, id, total, strength) in candidates {
            if taken[k as usize] < n {
                taken[k as usize] += 1;
                let agreeing = counts[id as usize][k as usize];
                list.insert(id, k, strength, total, agreeing);
            }
        }
        list
    }

    /// Drops the whole-name rules of names that something else always
    /// explained (see the module docs).
    fn prune_whole_names(&self, list: &mut List) {
        let mut seen_free = vec![false; self.views.len()];
        for record in self.records.iter().filter(|r| !r.covered) {
            seen_free[record.whole as usize] = true;
        }
        for (id, free) in seen_free.into_iter().enumerate() {
            if !free && self.feature_texts.text(id as u32).starts_with("F ") {
                list.remove(id as u32);
            }
        }
    }

    /// The final rules, sorted for the file.
    fn rules(&self, list: &List) -> Vec<LearnedRule> {
        let mut rules: Vec<LearnedRule> = list
            .iter()
            .map(|(id, r)| LearnedRule {
                view: self.views[id as usize],
                feature: self.feature_texts.text(id).to_string(),
                kind: KINDS[r.kind as usize],
                strength: r.strength,
                labelled: r.labelled,
                agreeing: r.agreeing,
            })
            .collect();
        rules.sort_by(|a, b| {
            (
                a.view,
                b.strength_text(),
                std::cmp::Reverse(a.labelled),
                &a.feature,
            )
                .cmp(&(
                    b.view,
                    a.strength_text(),
                    std::cmp::Reverse(b.labelled),
                    &b.feature,
                ))
        });
        rules
    }
}

/// Moves the distinct feature ids of `ids` to the end of `features`, so
/// that a feature an example has twice counts it once.
fn push_distinct(features: &mut Vec<u32>, ids: &mut Vec<u32>) {
    ids.sort_unstable();
    ids.dedup();
    features.append(ids);
}

/// The seed of the example at `start..end`: the kind the extractor's
/// strongest confident proposal of that span gives it (see the module docs).
fn seed(candidates: &[Candidate], start: usize, end: usize) -> Option<(u8, Source)> {
    let at = || {
        candidates
            .iter()
            .filter(move |c| (c.start, c.end) == (start, end))
    };
    let strongest = at()
        .filter(|c| {
            matches!(
                c.evidence,
                Evidence::Title | Evidence::Gazetteer | Evidence::Designator | Evidence::Acronym
            )
        })
        .max_by_key(|c| c.evidence)?;
    let source = match strongest.evidence {
        Evidence::Title => Source::Title,
        Evidence::Gazetteer => {
            // A gazetteer form with one kind only.
            if at().any(|c| c.evidence == Evidence::Gazetteer && c.kind != strongest.kind) {
                return None;
            }
            Source::Gazetteer
        }
        Evidence::Designator => Source::Designator,
        _ => Source::Acronym,
    };
    Some((kind_index(strongest.kind)?, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learning_finds_context_rules_from_seeds() {
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .gazetteer_data(
                "t.tsv",
                "place\tBaghdad\nplace\tBasra\nplace\tMosul\nplace\tErbil\n",
            )
            .learned_rules(false)
            .build()
            .unwrap();
        let mut learner = Learner::new(&extractor, Params::default());
        for city in ["Baghdad", "Basra", "Mosul", "Erbil", "Kirkuk", "Kirkuk"] {
            learner.add_text(&format!("Fighting flared near {city} on Monday."));
        }
        for person in ["Kowalski", "Nowak", "Wozniak", "Mazur"] {
            learner.add_text(&format!("and then Mr {person} spoke."));
        }
        let learned = learner.learn();
        let near = learned
            .rules()
            .iter()
            .find(|r| r.feature == "L1 near")
            .expect("a rule for L1 near");
        assert_eq!(near.kind, EntityKind::Place);
        assert_eq!((near.labelled, near.agreeing), (6, 6));
        // Kirkuk, in no list, is typed by context twice in two documents:
        // too few to mine with the defaults.
        assert!(learned.mined().is_empty());
        assert!(!learned.rules().iter().any(|r| r.feature == "X words1"));
        let file = learned.rules_file();
        assert!(file.contains("context\tL1 near\tplace\t"));
        assert!(crate::learned::LearnedRules::parse("learned", &file).is_ok());
    }
}
