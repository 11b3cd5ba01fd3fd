//! Learned rules: decision lists learned from unlabelled news, which type
//! names no list holds by their spelling and their context.
//!
//! The rules are learned by DL-CoTrain (Collins and Singer 1999,
//! "Unsupervised Models for Named Entity Classification") over the
//! project's article corpus, seeded with what the extractor types with
//! confidence; the learner is behind the `learn` cargo feature
//! (`examples/learn`). Each rule says: a name with this feature ("R1
//! said", "S4 shire", "L2 shares of") is of this kind, with this
//! strength, the smoothed share of the names with that feature that had
//! that kind in the corpus.
//!
//! The default rules are embedded from `gazetteers/learned/rules.tsv`. The
//! file has one rule a line, tab-separated:
//!
//! ```text
//! # view     feature        kind           strength  labelled  agreeing
//! context    L2 shares of   organisation   0.9944    179       178
//! spelling   S4 shire       place          0.9667    29        28
//! ```
//!
//! where `labelled` counts the corpus names with the feature that had a
//! label when the rule was learned and `agreeing` those of them with the
//! rule's kind.
//!
//! The names the rules learn from are mostly names the gazetteers know,
//! most of them places; the names they type are names no list holds, few
//! of them places. Lines of the form
//!
//! ```text
//! prior    place    0.5123    0.0451
//! ```
//!
//! give each kind's share of the labelled names and its share of the names
//! no gazetteer holds that a title, designator or acronym typed; a rule's
//! *confidence* for a name no list holds is its strength with the kinds'
//! odds scaled by the ratio of those shares (Bayes' rule with the second
//! distribution for the first).
//!
//! Lines of the form
//!
//! ```text
//! use    S4    person    43    60
//! ```
//!
//! name the classes of rules (a feature tag and a kind) that type names no
//! list holds, with how often their decisions on labelled text were right
//! and how many they made; when a file has such lines, the rules of other
//! classes only choose between the readings of ambiguous list hits (context
//! rules) or do nothing.
//!
//! Beside it, `gazetteers/learned/common-words.tsv` lists the words that
//! the corpus writes in lower case at least as often as with a capital
//! mid-sentence ("results", "sales", "division"), with both counts: a run
//! made of nothing but such words ("Results", "Second Division") is no
//! name to learn from or to type.
//!
//! The build script reads both files (with [`mod@file`]) and writes their
//! tables ([`table`]) into an image that the library embeds and reads in
//! place, as it does the gazetteers' (see `gazetteer/image.rs`): a process
//! that uses the default rules parses none of their lines.

pub(crate) mod features;
mod file;
#[cfg(feature = "learn")]
pub mod learner;
mod table;
mod written;

use crate::EntityKind;
use crate::Error;
use features::View;
use table::RuleTable;
pub(crate) use table::{CommonWords, Rule};

/// The least confidence of a rule that types a name no list holds.
pub(crate) const NEW_NAME_CONFIDENCE: f32 = 0.95;

/// The learned decision lists, by feature hash (see [`features`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct LearnedRules {
    rules: RuleTable,
    /// The words whose runs are no names.
    pub common: CommonWords,
}

/// The default rules' and common words' tables that the build script
/// compiled from the files below, aligned for reading in place.
#[cfg(not(gazetteer_ner_defaults_at_run_time))]
static DEFAULT_IMAGE: &crate::gazetteer::image::Aligned<[u8]> = &crate::gazetteer::image::Aligned(
    *include_bytes!(concat!(env!("OUT_DIR"), "/learned_rules.bin")),
);

/// The embedded default rules, as written.
#[cfg(any(test, gazetteer_ner_defaults_at_run_time))]
const DEFAULT_RULES: &str = include_str!("../../gazetteers/learned/rules.tsv");

/// The name the default rules go by in errors.
#[cfg(any(test, gazetteer_ner_defaults_at_run_time))]
const DEFAULT_RULES_NAME: &str = "gazetteers/learned/rules.tsv";

/// The embedded common words, as written.
#[cfg(any(test, gazetteer_ner_defaults_at_run_time))]
const DEFAULT_COMMON: &str = include_str!("../../gazetteers/learned/common-words.tsv");

/// The name the default common words go by in errors.
#[cfg(any(test, gazetteer_ner_defaults_at_run_time))]
const DEFAULT_COMMON_NAME: &str = "gazetteers/learned/common-words.tsv";

impl LearnedRules {
    /// The rules embedded in the crate, their tables read in place from
    /// the image the build script compiled.
    #[cfg(not(gazetteer_ner_defaults_at_run_time))]
    pub(crate) fn embedded() -> Result<LearnedRules, Error> {
        let read = || {
            let mut image = crate::gazetteer::image::ImageReader::new(&DEFAULT_IMAGE.0)?;
            let rules = RuleTable::read(&mut image)?;
            let common = CommonWords::read(&mut image)?;
            image.finish()?;
            Ok::<_, crate::gazetteer::image::ImageError>(LearnedRules { rules, common })
        };
        Ok(read()
            .unwrap_or_else(|e| panic!("the build script wrote the image for this crate: {e}")))
    }

    /// The rules embedded in the crate, read from their files (for a
    /// target whose byte order differs from that of the machine that built
    /// it, where the build script writes no image).
    #[cfg(gazetteer_ner_defaults_at_run_time)]
    pub(crate) fn embedded() -> Result<LearnedRules, Error> {
        Self::from_files()
    }

    /// The rules embedded in the crate, read from their files.
    #[cfg(any(test, gazetteer_ner_defaults_at_run_time))]
    fn from_files() -> Result<LearnedRules, Error> {
        Ok(LearnedRules {
            rules: file::rules(DEFAULT_RULES_NAME, DEFAULT_RULES)?,
            common: file::common_words(DEFAULT_COMMON_NAME, DEFAULT_COMMON)?,
        })
    }

    /// Reads rules in the format of the module docs, with no common words;
    /// `source_name` names the data in errors. Where two rules share a
    /// feature, the stronger is kept.
    #[cfg(any(test, feature = "learn"))]
    pub(crate) fn parse(source_name: &str, data: &str) -> Result<LearnedRules, Error> {
        Ok(LearnedRules {
            rules: file::rules(source_name, data)?,
            common: CommonWords::default(),
        })
    }

    /// The rule for a feature hash.
    #[inline]
    pub(crate) fn get(&self, hash: u64) -> Option<Rule> {
        self.rules.get(hash)
    }

    /// The rule that types `example` as a name no list holds, if any: of
    /// the rules its features fire that may type new names (for a lone
    /// sentence-initial word, the whole-name rule alone), the one of the
    /// highest confidence, if that is at least [`NEW_NAME_CONFIDENCE`] and
    /// no rule for another kind reaches it too.
    pub(crate) fn decide(
        &self,
        cx: &crate::document::Document<'_>,
        features: &mut features::Features,
        example: features::Example,
    ) -> Option<Rule> {
        let mut decision = Decision::new(self);
        decision.new_names_only = true;
        decision.tags = self.rules.new_name_tags();
        if example.lone_initial {
            features.whole(cx, example.start, example.end, &mut decision);
        } else {
            features.all(cx, example.start, example.end, &mut decision);
        }
        let rule = decision
            .best
            .filter(|r| r.confidence >= NEW_NAME_CONFIDENCE)?;
        // The kinds asked together, as plain values: a rule that fires
        // for another kind is rare, but a branch on each kind's test went
        // either way.
        let contested = EntityKind::ALL.iter().fold(false, |contested, &k| {
            contested
                | ((k != rule.kind) & (decision.confidence[k as usize] >= NEW_NAME_CONFIDENCE))
        });
        (!contested).then_some(rule)
    }

    /// The number of rules.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.rules.len()
    }

    /// Bytes held, on the heap or in the embedded image.
    pub(crate) fn memory_usage(&self) -> usize {
        self.rules.memory_usage() + self.common.memory_usage()
    }
}

impl CommonWords {
    /// Reads a list of common words (see [`file::common_words`]).
    #[cfg(feature = "learn")]
    pub(crate) fn parse(source_name: &str, data: &str) -> Result<CommonWords, Error> {
        file::common_words(source_name, data)
    }
}

/// Collects the strongest rule that the features of an example fire,
/// overall and per kind.
#[derive(Default)]
pub(crate) struct Decision<'r> {
    rules: Option<&'r LearnedRules>,
    /// Whether only rules that may type new names count.
    new_names_only: bool,
    /// The tags whose features are wanted, one bit each.
    tags: u16,
    /// The rule of the highest confidence fired, if any.
    pub best: Option<Rule>,
    /// The highest strength fired for each kind, by [`EntityKind`] order.
    pub strength: [f32; 4],
    /// The highest confidence fired for each kind.
    pub confidence: [f32; 4],
}

impl<'r> Decision<'r> {
    /// A decision by `rules`, nothing fired yet.
    pub(crate) fn new(rules: &'r LearnedRules) -> Self {
        Decision {
            rules: Some(rules),
            new_names_only: false,
            tags: u16::MAX,
            best: None,
            strength: [0.0; 4],
            confidence: [0.0; 4],
        }
    }
}

impl features::Sink for Decision<'_> {
    const TEXT: bool = false;

    #[inline]
    fn wants(&self, tag: u8) -> bool {
        self.tags & 1 << tag != 0
    }

    /// The filter, which settles most features, asked inline; the rest out
    /// of line.
    #[inline(always)]
    fn feature(&mut self, _view: View, hash: u64, _text: &str) {
        if let Some(rules) = self.rules
            && rules.rules.may_hold(hash)
        {
            self.look_up(rules, hash);
        }
    }
}

impl Decision<'_> {
    /// Takes the rule of a feature hash the filter let through, if there is
    /// one and it counts.
    #[inline(never)]
    fn look_up(&mut self, rules: &LearnedRules, hash: u64) {
        let Some(rule) = rules.get(hash) else {
            return;
        };
        if self.new_names_only && !rule.new_names {
            return;
        }
        let k = rule.kind as usize;
        self.strength[k] = self.strength[k].max(rule.strength);
        self.confidence[k] = self.confidence[k].max(rule.confidence);
        if self.best.is_none_or(|b| rule.confidence > b.confidence) {
            self.best = Some(rule);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(gazetteer_ner_defaults_at_run_time))]
    fn the_embedded_tables_are_what_the_library_reads_from_the_files() {
        let from_files = LearnedRules::from_files().unwrap();
        let mut image = crate::gazetteer::image::ImageWriter::new();
        from_files.rules.write(&mut image);
        from_files.common.write(&mut image);
        assert!(image.finish() == DEFAULT_IMAGE.0, "build.rs is out of step");
        let embedded = LearnedRules::embedded().unwrap();
        assert_eq!(embedded.len(), from_files.len());
        let mut rules = 0;
        for line in DEFAULT_RULES.lines() {
            let [view, feature, ..] = line.splitn(3, '\t').collect::<Vec<_>>()[..] else {
                continue;
            };
            if view == "spelling" || view == "context" {
                let (_, hash) = written::hash_text(feature).unwrap();
                let rule = embedded.get(hash).unwrap();
                assert_eq!(Some(rule), from_files.get(hash));
                assert_eq!(rule.view.as_str(), view);
                rules += 1;
            }
        }
        assert!(rules > 1000 && embedded.len() > 1000, "{rules} rules");
        let common = |word: &str| {
            embedded
                .common
                .all_common([crate::hash::hash_key(word)].into_iter())
        };
        let words = DEFAULT_COMMON.lines().filter(|l| !l.starts_with('#'));
        assert!(words.map(|l| l.split('\t').next().unwrap()).all(common));
        assert!(!common("baghdad"));
    }

    #[test]
    fn rules_parsed_at_run_time_have_no_common_words() {
        let rules = LearnedRules::parse("r.tsv", "spelling\tS4 shire\tplace\t0.96\n").unwrap();
        let (_, hash) = written::hash_text("S4 shire").unwrap();
        assert_eq!(rules.get(hash).unwrap().kind, EntityKind::Place);
        assert_eq!(rules.len(), 1);
        assert!(
            !rules
                .common
                .all_common([crate::hash::hash_key("results")].into_iter())
        );
    }
}
