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
//! covers a run ("Diyala province" over "Diyala"), the example is the
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

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::CommonWords;
use super::features::{self, Example, Features, Sink, View};
use crate::candidate::{Candidate, Evidence};
use crate::hash::hash_key;
use crate::rules::Context;
use crate::tokenizer::{Headline, Shape, TokenKind};
use crate::{EntityKind, Extractor};

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
                if token.kind != TokenKind::Word || token.headline != Headline::No {
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
        cx: &Context<'_>,
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
        let designated = cx.cue(end - 1).and_then(|cue| {
            cue.designators(crate::rules::cues::Position::After)
                .map(|d| d.kind)
                .next()
        });
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
        let text = &cx.text[cx.tokens[start].start..cx.tokens[end - 1].end];
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

    /// The decisions on new names of each class of rules on the validation
    /// texts, and whether it passes (see [`Params::validation_precision`]).
    fn validate(&self, learned: &Learned) -> Vec<Class> {
        let mut rules = super::LearnedRules::parse("learned rules", &learned.rules_file())
            .expect("the learner writes rules it can read");
        rules.common = CommonWords::of(learned.common.iter().map(|(w, _)| w.as_str()));
        let mut tally: BTreeMap<(u8, EntityKind), (u32, u32)> = BTreeMap::new();
        let mut features = Features::default();
        for (text, gold) in &self.validation {
            self.extractor.proposals(text, |cx, candidates| {
                for example in features::examples(cx) {
                    let (start, end) = (example.start, example.end);
                    let covered = candidates
                        .iter()
                        .any(|c| c.evidence != Evidence::Guess && c.start < end && start < c.end);
                    let words = crate::rules::learned::word_hashes(cx, start, end);
                    if covered || rules.common.all_common(words) {
                        continue;
                    }
                    let Some(rule) = rules.decide(cx, &mut features, example) else {
                        continue;
                    };
                    let span = (cx.tokens[start].start, cx.tokens[end - 1].end);
                    let right = match gold.iter().find(|g| (g.start, g.end) == span) {
                        Some(GoldSpan { kind: None, .. }) => continue,
                        Some(g) => g.kind == Some(rule.kind),
                        None => false,
                    };
                    let counts = tally.entry((rule.tag, rule.kind)).or_default();
                    counts.0 += u32::from(right);
                    counts.1 += 1;
                }
            });
        }
        let p = &self.params;
        tally
            .into_iter()
            .map(|((tag, kind), (right, typed))| Class {
                tag,
                kind,
                right,
                typed,
                used: typed >= p.validation_support
                    && f64::from(right) >= p.validation_precision * f64::from(typed),
            })
            .collect()
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

    /// Mines names (see the module docs).
    fn mine(&self, list: &List, log: &mut String) -> Vec<Mined> {
        #[derive(Default)]
        struct Tally {
            /// Typed occurrences per kind.
            kinds: [u32; 3],
            /// Documents per kind, and the last document counted.
            documents: [(u32, Option<u32>); 3],
            /// Occurrences per kind and source.
            sources: BTreeMap<(u8, Source), u32>,
            /// Whether some occurrence holds a title or role word.
            titled: bool,
            /// Whether some occurrence looks cut short.
            cut: bool,
            /// Whether some occurrence ends with a designator of another kind.
            misdesignated: bool,
        }
        let mut tallies: BTreeMap<u32, Tally> = BTreeMap::new();
        for record in &self.records {
            if record.listed {
                continue;
            }
            let typed = match record.seed {
                Some((k, source)) if source != Source::Gazetteer => Some((k, source)),
                Some(_) => None,
                None => {
                    let ids = &self.features[record.context as usize..record.to as usize];
                    list.decide(ids)
                        .filter(|&(_, strength)| strength >= self.params.threshold)
                        .map(|(k, _)| (k, Source::Context))
                }
            };
            let Some((k, source)) = typed else { continue };
            let tally = tallies.entry(record.name).or_default();
            tally.kinds[k as usize] += 1;
            tally.titled |= record.titled;
            tally.cut |= record.cut;
            if record.designated.is_some_and(|d| d != KINDS[k as usize]) {
                tally.misdesignated = true;
            }
            let (documents, last) = &mut tally.documents[k as usize];
            if source != Source::Context && *last != Some(record.document) {
                *documents += 1;
                *last = Some(record.document);
            }
            *tally.sources.entry((k, source)).or_default() += 1;
        }
        let mut mined = Vec::new();
        for (name, tally) in &tallies {
            let total: u32 = tally.kinds.iter().sum();
            let (k, &count) = tally
                .kinds
                .iter()
                .enumerate()
                .max_by_key(|&(k, c)| (c, std::cmp::Reverse(k)))
                .expect("three kinds");
            let documents = tally.documents[k].0;
            let agreement = f64::from(count) / f64::from(total);
            let text = self.names.text(*name);
            // A name typed by its designator alone is found by that
            // designator wherever it occurs: an entry would add nothing.
            let beyond_designator = tally
                .sources
                .iter()
                .any(|(&(kind, source), _)| kind as usize == k && source != Source::Designator);
            let person_of_one_word = KINDS[k] == EntityKind::Person && !text.contains(' ');
            if !beyond_designator
                || person_of_one_word
                || tally.titled
                || tally.cut
                || tally.misdesignated
                || (documents as usize) < self.params.mine_documents
                || agreement < self.params.mine_agreement
                || !minable(text)
            {
                continue;
            }
            let sources = Source::ALL
                .iter()
                .filter_map(|&s| tally.sources.get(&(k as u8, s)).map(|&n| (s, n)))
                .collect();
            mined.push(Mined {
                kind: KINDS[k],
                name: text.to_string(),
                documents,
                occurrences: count,
                typed: total,
                sources,
            });
        }
        mined.sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
        for kind in KINDS {
            let n = mined.iter().filter(|m| m.kind == kind).count();
            let _ = writeln!(log, "mined: {kind} {n}");
        }
        mined
    }
}

/// What the learned rules see of one example of a text (see [`explain`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    /// Where it starts in the visible text (the input, for plain text).
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// A single word that begins its sentence.
    pub lone_initial: bool,
    /// Whether a gazetteer entry or another rule's proposal covers some
    /// of it (the learned rules then type it only to choose between the
    /// readings of an ambiguous list hit).
    pub covered: bool,
    /// Whether its words are all common words.
    pub common: bool,
    /// The rules its features fire: the feature, the kind, the strength
    /// and the confidence for a name no list holds.
    pub fired: Vec<(String, EntityKind, f32, f32)>,
}

/// Every example of `text` and the rules of `rules` (a rules file's
/// contents) it fires, with `common` the contents of a common-words file:
/// for a person, or a script, to see why the learned rules type a name.
///
/// ```
/// use gazetteer_ner::{EntityKind, Extractor};
/// use gazetteer_ner::learn::explain;
///
/// let extractor = Extractor::builder().learned_rules(false).build()?;
/// let rules = "context\tR1 said\tperson\t0.99\n";
/// let seen = explain(&extractor, rules, "", "Yesterday Kowalczyk said no.")?;
/// assert_eq!(seen[0].fired, [("R1 said".to_string(), EntityKind::Person, 0.99, 0.99)]);
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
pub fn explain(
    extractor: &Extractor,
    rules: &str,
    common: &str,
    text: &str,
) -> Result<Vec<Explained>, crate::Error> {
    let rules = super::LearnedRules::parse("rules", rules)?;
    let common = CommonWords::parse("common words", common)?;
    struct Fired<'r> {
        rules: &'r super::LearnedRules,
        out: Vec<(String, EntityKind, f32, f32)>,
    }
    impl Sink for Fired<'_> {
        const TEXT: bool = true;
        fn feature(&mut self, _view: View, hash: u64, text: &str) {
            if let Some(rule) = self.rules.get(hash) {
                self.out
                    .push((text.to_string(), rule.kind, rule.strength, rule.confidence));
            }
        }
    }
    let mut seen = Vec::new();
    let mut features = Features::default();
    extractor.proposals(text, |cx, candidates| {
        for example in features::examples(cx) {
            let (start, end) = (example.start, example.end);
            let mut fired = Fired {
                rules: &rules,
                out: Vec::new(),
            };
            features.all(cx, start, end, &mut fired);
            seen.push(Explained {
                start: cx.tokens[start].start,
                end: cx.tokens[end - 1].end,
                lone_initial: example.lone_initial,
                covered: candidates
                    .iter()
                    .any(|c| c.evidence != Evidence::Guess && c.start < end && start < c.end),
                common: common.all_common(crate::rules::learned::word_hashes(cx, start, end)),
                fired: fired.out,
            });
        }
    });
    Ok(seen)
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

/// Whether a name typed many times may become a gazetteer entry: at most
/// six words, each a capitalised word or a small joiner, with a lower-case
/// letter somewhere unless it is one acronym, and no digit.
fn minable(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() > 6
        || name
            .chars()
            .any(|c| c.is_ascii_digit() || c == '\t' || c == '|')
    {
        return false;
    }
    let acronym = words.len() == 1
        && (2..=6).contains(&name.chars().filter(|c| c.is_alphabetic()).count())
        && !name.chars().any(char::is_lowercase);
    acronym
        || (name.chars().any(char::is_lowercase)
            && name.chars().next().is_some_and(char::is_uppercase))
}

/// A rule of a decision list under construction.
#[derive(Clone, Copy, Debug)]
struct ListRule {
    kind: u8,
    strength: f64,
    labelled: u32,
    agreeing: u32,
}

/// A decision list by feature id.
#[derive(Default)]
struct List {
    rules: Vec<Option<ListRule>>,
    len: usize,
}

impl List {
    fn new(features: usize) -> Self {
        List {
            rules: vec![None; features],
            len: 0,
        }
    }

    fn insert(&mut self, id: u32, kind: u8, strength: f64, labelled: u32, agreeing: u32) {
        let slot = &mut self.rules[id as usize];
        if slot.is_none() {
            self.len += 1;
        }
        *slot = Some(ListRule {
            kind,
            strength,
            labelled,
            agreeing,
        });
    }

    fn remove(&mut self, id: u32) {
        if self.rules[id as usize].take().is_some() {
            self.len -= 1;
        }
    }

    /// Adds the rules of `other` that this list lacks.
    fn merge(&mut self, other: &List) {
        if self.rules.len() < other.rules.len() {
            self.rules.resize(other.rules.len(), None);
        }
        for (id, rule) in other.iter() {
            if self.rules[id as usize].is_none() {
                self.insert(id, rule.kind, rule.strength, rule.labelled, rule.agreeing);
            }
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn iter(&self) -> impl Iterator<Item = (u32, ListRule)> + '_ {
        self.rules
            .iter()
            .enumerate()
            .filter_map(|(id, r)| r.map(|r| (id as u32, r)))
    }

    /// The kind and strength of the strongest rule that the features
    /// `ids` fire (ties: the first kind).
    fn decide(&self, ids: &[u32]) -> Option<(u8, f64)> {
        let mut best: Option<(u8, f64)> = None;
        for &id in ids {
            let Some(Some(rule)) = self.rules.get(id as usize) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((kind, strength)) => {
                    rule.strength > strength || (rule.strength == strength && rule.kind < kind)
                }
            };
            if better {
                best = Some((rule.kind, rule.strength));
            }
        }
        best
    }
}

/// A name of labelled text, for validation: its byte span and kind (`None`
/// for a name of none of the four kinds, which no decision is scored on).
/// Score groups as organisations: the rules do not tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoldSpan {
    /// Where it starts.
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// Its kind.
    pub kind: Option<EntityKind>,
}

/// A class of rules (a feature tag and a kind) and its decisions on the
/// validation texts.
#[derive(Clone, Copy, Debug)]
struct Class {
    tag: u8,
    kind: EntityKind,
    right: u32,
    typed: u32,
    used: bool,
}

/// One rule of the learned decision list.
#[derive(Clone, Debug, PartialEq)]
pub struct LearnedRule {
    view: View,
    /// The feature, as written in the rules file.
    pub feature: String,
    /// The kind it says.
    pub kind: EntityKind,
    /// Its strength.
    pub strength: f64,
    /// The labelled examples with the feature.
    pub labelled: u32,
    /// Those of them of the rule's kind.
    pub agreeing: u32,
}

impl LearnedRule {
    /// The strength as written in the file: four decimals.
    fn strength_text(&self) -> String {
        format!("{:.4}", self.strength)
    }
}

/// A mined name with its counts.
#[derive(Clone, Debug, PartialEq)]
pub struct Mined {
    /// Its kind.
    pub kind: EntityKind,
    /// The name as written.
    pub name: String,
    /// The documents it is typed with its kind in.
    pub documents: u32,
    /// Its occurrences typed with its kind.
    pub occurrences: u32,
    /// Its occurrences typed with any kind.
    pub typed: u32,
    sources: Vec<(Source, u32)>,
}

/// What a [`Learner`] learned: the rules file and the mined gazetteers.
pub struct Learned {
    params: Params,
    /// Each kind's share of the labelled examples and of the unlisted ones.
    priors: [(f64, f64); 3],
    rules: Vec<LearnedRule>,
    mined: Vec<Mined>,
    /// The common words and their counts in lower case and capitalised.
    common: Vec<(String, [u32; 2])>,
    /// The classes of rules checked on validation texts, if any were given.
    classes: Vec<Class>,
    log: String,
}

impl Learned {
    /// The rules, in the file's order.
    pub fn rules(&self) -> &[LearnedRule] {
        &self.rules
    }

    /// The mined names, by kind and name.
    pub fn mined(&self) -> &[Mined] {
        &self.mined
    }

    /// What happened, round by round, for a person to read.
    pub fn log(&self) -> &str {
        &self.log
    }

    /// The rules file (its format is described in `src/learned/mod.rs`).
    pub fn rules_file(&self) -> String {
        let p = &self.params;
        let mut out = String::new();
        let count = |view: View, kind: EntityKind| {
            self.rules
                .iter()
                .filter(|r| r.view == view && r.kind == kind)
                .count()
        };
        let _ = writeln!(
            out,
            "# Rules learned from unlabelled news by DL-CoTrain (Collins and Singer 1999),\n\
             # generated by examples/learn from ../shared/corpus/articles (do not edit by hand).\n\
             # Seeds: what the default gazetteers and rules type with confidence.\n\
             # Threshold {}, smoothing {}, {} rounds adding {} rules per kind and view each.\n\
             #\n\
             # rules: {}",
            p.threshold,
            p.alpha,
            p.rounds,
            p.step,
            self.rules.len()
        );
        for view in [View::Spelling, View::Context] {
            for kind in KINDS {
                let _ = writeln!(out, "#   {} {kind}: {}", view.as_str(), count(view, kind));
            }
        }
        out.push_str(
            "#\n# Each kind's share of the labelled names, and of the names no gazetteer\n\
             # holds that a title, designator or acronym typed:\n",
        );
        for (kind, (labelled, unlisted)) in KINDS.iter().zip(self.priors) {
            let _ = writeln!(out, "prior\t{kind}\t{labelled:.4}\t{unlisted:.4}");
        }
        if !self.classes.is_empty() {
            let _ = writeln!(
                out,
                "#\n# The classes of rules that type names no list holds: those whose decisions\n\
                 # on names no list holds in the labelled validation texts were right at least\n\
                 # {}% of the time, in at least {} decisions (right, decisions):",
                (p.validation_precision * 100.0).round(),
                p.validation_support
            );
            for class in &self.classes {
                let tag = features::TAGS_WRITTEN[class.tag as usize];
                let line = format!("{tag}\t{}\t{}\t{}", class.kind, class.right, class.typed);
                if class.used {
                    let _ = writeln!(out, "use\t{line}");
                } else {
                    let _ = writeln!(out, "# not used: {line}");
                }
            }
        }
        out.push_str("#\n# view\tfeature\tkind\tstrength\tlabelled\tagreeing\n");
        for r in &self.rules {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                r.view.as_str(),
                r.feature,
                r.kind,
                r.strength_text(),
                r.labelled,
                r.agreeing
            );
        }
        out
    }

    /// The common-words file (see `src/learned/mod.rs`).
    pub fn common_words_file(&self) -> String {
        let mut out = format!(
            "# Words the article corpus (../shared/corpus/articles) writes in lower case\n\
             # at least as often as with a capital mid-sentence, among the words of its\n\
             # name runs; generated by examples/learn (do not edit by hand). A run made\n\
             # of nothing but these is no name the learned rules learn from or type.\n\
             #\n\
             # words: {}\n\
             #\n\
             # word\tlower case\tcapitalised\n",
            self.common.len()
        );
        for (word, [lower, capital]) in &self.common {
            let _ = writeln!(out, "{word}\t{lower}\t{capital}");
        }
        out
    }

    /// The mined gazetteers: a file name (`mined-<kind>.tsv`) and its
    /// contents for each kind, in the gazetteer format, each entry after a
    /// comment with its counts.
    pub fn mined_files(&self) -> Vec<(String, String)> {
        let p = &self.params;
        KINDS
            .iter()
            .map(|&kind| {
                let entries: Vec<&Mined> = self.mined.iter().filter(|m| m.kind == kind).collect();
                let mut out = String::new();
                let _ = writeln!(
                    out,
                    "# Names of {kind}s mined from unlabelled news (../shared/corpus/articles),\n\
                     # generated by examples/learn (do not edit by hand): names no gazetteer\n\
                     # holds, typed {kind} by strong evidence (a title, a designator, an acronym\n\
                     # definition) in at least {} documents, and {kind} in at least {}% of\n\
                     # their occurrences typed by that evidence or by the learned context rules;\n\
                     # see src/learned/learner.rs for what is left out. Before each entry: the\n\
                     # documents, the occurrences typed {kind} of those typed at all, and the\n\
                     # occurrences by evidence.\n\
                     #\n\
                     # entries: {}\n\
                     #\n\
                     # kind\tname\taliases\trank",
                    p.mine_documents,
                    (p.mine_agreement * 100.0).round(),
                    entries.len()
                );
                for m in entries {
                    let sources: Vec<String> = m
                        .sources
                        .iter()
                        .map(|(s, n)| format!("{} {n}", s.as_str()))
                        .collect();
                    let _ = writeln!(
                        out,
                        "# {} documents; {} of {}; {}\n{kind}\t{}\t\t{}",
                        m.documents,
                        m.occurrences,
                        m.typed,
                        sources.join(", "),
                        m.name,
                        MINED_RANK
                    );
                }
                (format!("mined-{kind}.tsv"), out)
            })
            .collect()
    }
}

/// The rank of a mined entry: below the hand-made and curated lists'.
const MINED_RANK: u8 = 30;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minable_names() {
        assert!(minable("Kowalczyk Fabryka"));
        assert!(minable("IMF"));
        assert!(!minable("ARMY OF GOD"));
        assert!(!minable("Route 66"));
        assert!(!minable("a b c d e f g"));
        assert!(!minable("mid-year"));
    }

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
