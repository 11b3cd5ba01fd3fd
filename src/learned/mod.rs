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

pub(crate) mod features;
#[cfg(feature = "learn")]
pub mod learner;

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use crate::EntityKind;
use crate::Error;
use crate::hash::{NameHasher, NameMap, hash_key};
use features::View;

/// The embedded default rules.
const DEFAULT_RULES: &str = include_str!("../../gazetteers/learned/rules.tsv");

/// The name the default rules go by in errors.
const DEFAULT_RULES_NAME: &str = "gazetteers/learned/rules.tsv";

/// The embedded common words.
const DEFAULT_COMMON: &str = include_str!("../../gazetteers/learned/common-words.tsv");

/// The name the default common words go by in errors.
const DEFAULT_COMMON_NAME: &str = "gazetteers/learned/common-words.tsv";

/// Words the corpus mostly writes in lower case (see the module docs), by
/// the hash of their key.
#[derive(Clone, Debug, Default)]
pub(crate) struct CommonWords {
    hashes: HashSet<u64, BuildHasherDefault<NameHasher>>,
}

impl CommonWords {
    /// Reads a list of common words: one a line, its key first, then
    /// anything after a tab; `#` starts a comment line.
    pub(crate) fn parse(source_name: &str, data: &str) -> Result<CommonWords, Error> {
        let mut hashes = HashSet::with_capacity_and_hasher(line_count(data), Default::default());
        for (index, line) in data.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let word = line.split(is_tab).next().unwrap_or("");
            if word.is_empty() || word.contains(' ') || word.chars().any(char::is_uppercase) {
                return Err(Error::MalformedRules {
                    source_name: source_name.to_string(),
                    line: index + 1,
                    message: format!("{word:?} is not a lower-case word key"),
                });
            }
            hashes.insert(hash_key(word));
        }
        Ok(CommonWords { hashes })
    }

    /// A list of the given word keys.
    #[cfg(feature = "learn")]
    pub(crate) fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> CommonWords {
        CommonWords {
            hashes: words.into_iter().map(hash_key).collect(),
        }
    }

    /// Whether the words of these key hashes are all common (and there is
    /// one at least).
    pub(crate) fn all_common(&self, mut hashes: impl Iterator<Item = u64>) -> bool {
        let mut any = false;
        hashes.all(|h| {
            any = true;
            self.hashes.contains(&h)
        }) && any
    }
}

/// The fields of a rule line that the rules read; a line may have more.
const FIELDS: usize = 4;

/// The first [`FIELDS`] tab-separated fields of a line (empty where it has
/// fewer), and how many it has. No vector is collected for a line: reading
/// the embedded rules is part of every process's start-up.
fn fields(line: &str) -> ([&str; FIELDS], usize) {
    let mut fields = [""; FIELDS];
    let mut count = 0;
    for field in line.split(is_tab) {
        if let Some(slot) = fields.get_mut(count) {
            *slot = field;
        }
        count += 1;
    }
    (fields, count)
}

/// Whether a character is a tab. Splitting short fields by this test
/// costs less than by the character `'\t'`, whose searcher calls `memchr`
/// for every field.
fn is_tab(c: char) -> bool {
    c == '\t'
}

/// How many lines `data` has, at most: the room its maps take up front.
fn line_count(data: &str) -> usize {
    data.bytes().filter(|&b| b == b'\n').count() + 1
}

/// One learned rule: the kind a feature says, how strongly, and from which
/// view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rule {
    pub kind: EntityKind,
    pub view: View,
    /// The rule's strength, from 0 to 1.
    pub strength: f32,
    /// Its strength for a name no list holds (see the module docs).
    pub confidence: f32,
    /// Its feature's tag (see [`features::TAGS_WRITTEN`]).
    pub tag: u8,
    /// Whether it may type a name no list holds (see the module docs).
    pub new_names: bool,
}

/// The least confidence of a rule that types a name no list holds.
pub(crate) const NEW_NAME_CONFIDENCE: f32 = 0.95;

/// The bits of a feature hash the filter of [`LearnedRules`] reads.
const FILTER_BITS: u32 = 16;

/// The filter's bit for a feature hash: its word and its mask.
fn filter_bit(hash: u64) -> (usize, u64) {
    let bit = (hash >> (64 - FILTER_BITS)) as usize;
    (bit / 64, 1 << (bit % 64))
}

/// The learned decision lists, by feature hash (see [`features`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct LearnedRules {
    rules: NameMap<u64, Rule>,
    /// One bit per value of a feature hash's top [`FILTER_BITS`] bits, set
    /// where some rule's hash has it: most features fire no rule, and the
    /// filter, small enough to stay in cache, settles most of them.
    filter: Vec<u64>,
    /// The tags of the rules that may type new names, one bit each: the
    /// features of other tags are not computed for new names.
    new_name_tags: u16,
    /// The words whose runs are no names.
    pub common: CommonWords,
}

impl LearnedRules {
    /// The rules embedded in the crate.
    pub(crate) fn embedded() -> Result<LearnedRules, Error> {
        let mut rules = LearnedRules::parse(DEFAULT_RULES_NAME, DEFAULT_RULES)?;
        rules.common = CommonWords::parse(DEFAULT_COMMON_NAME, DEFAULT_COMMON)?;
        Ok(rules)
    }

    /// Reads rules in the format of the module docs; `source_name` names
    /// the data in errors. Where two rules share a feature, the stronger
    /// is kept.
    pub(crate) fn parse(source_name: &str, data: &str) -> Result<LearnedRules, Error> {
        let mut rules = NameMap::with_capacity_and_hasher(line_count(data), Default::default());
        // Each kind's share of the labelled names and of the unlisted ones.
        let mut priors = [(1.0f32, 1.0f32); 4];
        // The classes of rules that type new names, if the file says.
        let mut uses: Option<Vec<(u8, EntityKind)>> = None;
        for (index, line) in data.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let malformed = |message: String| Error::MalformedRules {
                source_name: source_name.to_string(),
                line: index + 1,
                message,
            };
            let (fields, count) = fields(line);
            let fields = &fields[..count.min(FIELDS)];
            if let ["prior", kind, labelled, unlisted] = *fields
                && count == FIELDS
            {
                let kind: EntityKind = kind
                    .parse()
                    .map_err(|_| malformed(format!("unknown kind {kind:?}")))?;
                let share = |s: &str| {
                    s.parse::<f32>()
                        .ok()
                        .filter(|s| *s > 0.0 && *s <= 1.0)
                        .ok_or_else(|| malformed(format!("share {s:?} is not above 0 and up to 1")))
                };
                priors[kind as usize] = (share(labelled)?, share(unlisted)?);
                continue;
            }
            if let ["use", tag, kind, ..] = *fields {
                let tag = features::tag_of(tag)
                    .filter(|_| !tag.contains(' '))
                    .ok_or_else(|| malformed(format!("unknown feature tag {tag:?}")))?;
                let kind: EntityKind = kind
                    .parse()
                    .map_err(|_| malformed(format!("unknown kind {kind:?}")))?;
                uses.get_or_insert_with(Vec::new).push((tag, kind));
                continue;
            }
            let [view, feature, kind, strength] = *fields else {
                return Err(malformed(format!(
                    "expected 4 or more tab-separated fields (view, feature, kind, strength), found {count}"
                )));
            };
            let Some((feature_view, hash)) = features::hash_text(feature) else {
                return Err(malformed(format!("unknown feature {feature:?}")));
            };
            if feature_view.as_str() != view {
                return Err(malformed(format!(
                    "the feature {feature:?} belongs to the {} view, not {view:?}",
                    feature_view.as_str()
                )));
            }
            let kind: EntityKind = kind
                .parse()
                .map_err(|_| malformed(format!("unknown kind {kind:?}")))?;
            let strength: f32 = strength
                .parse()
                .ok()
                .filter(|s: &f32| (0.0..=1.0).contains(s))
                .ok_or_else(|| malformed(format!("strength {strength:?} is not from 0 to 1")))?;
            let rule = Rule {
                kind,
                view: feature_view,
                strength,
                confidence: strength,
                tag: features::tag_of(feature).expect("a feature's tag is known"),
                new_names: true,
            };
            rules
                .entry(hash)
                .and_modify(|old: &mut Rule| {
                    if rule.strength > old.strength {
                        *old = rule;
                    }
                })
                .or_insert(rule);
        }
        // The odds of the kinds scaled by the ratios of their shares.
        let ratio = priors.map(|(labelled, unlisted)| unlisted / labelled);
        let learned = [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organisation,
        ];
        for rule in rules.values_mut() {
            let others: f32 = learned
                .iter()
                .filter(|&&k| k != rule.kind)
                .map(|&k| ratio[k as usize])
                .sum::<f32>()
                / (learned.len() - 1) as f32;
            let odds = rule.strength * ratio[rule.kind as usize];
            rule.confidence = odds / (odds + (1.0 - rule.strength) * others);
            if let Some(uses) = &uses {
                rule.new_names = uses.contains(&(rule.tag, rule.kind));
            }
        }
        let new_name_tags = rules
            .values()
            .filter(|r| r.new_names)
            .fold(0, |tags, r| tags | 1 << r.tag);
        let mut filter = vec![0u64; (1 << FILTER_BITS) / 64];
        for &hash in rules.keys() {
            let (word, mask) = filter_bit(hash);
            filter[word] |= mask;
        }
        Ok(LearnedRules {
            rules,
            filter,
            new_name_tags,
            common: CommonWords::default(),
        })
    }

    /// The rule for a feature hash.
    #[inline]
    pub(crate) fn get(&self, hash: u64) -> Option<&Rule> {
        let (word, mask) = filter_bit(hash);
        if self.filter.get(word).is_none_or(|w| w & mask == 0) {
            return None;
        }
        self.rules.get(&hash)
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
        decision.tags = self.new_name_tags;
        if example.lone_initial {
            features.whole(cx, example.start, example.end, &mut decision);
        } else {
            features.all(cx, example.start, example.end, &mut decision);
        }
        let rule = decision
            .best
            .filter(|r| r.confidence >= NEW_NAME_CONFIDENCE)?;
        let contested = EntityKind::ALL
            .iter()
            .any(|&k| k != rule.kind && decision.confidence[k as usize] >= NEW_NAME_CONFIDENCE);
        (!contested).then_some(rule)
    }

    /// The number of rules.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.rules.len()
    }

    /// Heap bytes held, roughly.
    pub(crate) fn memory_usage(&self) -> usize {
        self.rules.capacity() * (std::mem::size_of::<(u64, Rule)>() + 1)
            + self.filter.capacity() * std::mem::size_of::<u64>()
            + self.common.hashes.capacity() * (std::mem::size_of::<u64>() + 1)
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

    #[inline]
    fn feature(&mut self, _view: View, hash: u64, _text: &str) {
        let Some(rule) = self.rules.and_then(|r| r.get(hash)) else {
            return;
        };
        if self.new_names_only && !rule.new_names {
            return;
        }
        let k = rule.kind as usize;
        self.strength[k] = self.strength[k].max(rule.strength);
        self.confidence[k] = self.confidence[k].max(rule.confidence);
        if self.best.is_none_or(|b| rule.confidence > b.confidence) {
            self.best = Some(*rule);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rules_parse() {
        let rules = LearnedRules::embedded().unwrap();
        assert!(rules.len() > 0);
    }

    #[test]
    fn rules_parse_and_malformed_lines_say_where() {
        let data = "# header\ncontext\tL2 shares of\torganisation\t0.99\t10\t9\n\
                    spelling\tS4 shire\tplace\t0.9\n";
        let rules = LearnedRules::parse("r.tsv", data).unwrap();
        assert_eq!(rules.len(), 2);
        let (_, hash) = features::hash_text("L2 shares of").unwrap();
        assert_eq!(rules.get(hash).unwrap().kind, EntityKind::Organisation);
        let error = |data: &str| LearnedRules::parse("r.tsv", data).unwrap_err().to_string();
        assert!(error("context\tL1 in\tplace\n").contains("line 1"));
        assert!(error("context\tL1 in\tplace\n").contains("found 3"));
        assert!(error("# x\ncontext\tQ in\tplace\t0.5\n").contains("line 2"));
        assert!(error("spelling\tL1 in\tplace\t0.5\n").contains("context view"));
        assert!(error("context\tL1 in\tplanet\t0.5\n").contains("unknown kind"));
        assert!(error("context\tL1 in\tplace\t1.5\n").contains("strength"));
        assert!(error("prior\tplace\t0.5\t0\n").contains("share"));
        assert!(error("use\tQ\tplace\n").contains("unknown feature tag"));
    }

    #[test]
    fn use_lines_say_which_rules_type_new_names() {
        let data = "use\tS4\tperson\t43\t60\n\
                    spelling\tS4 mons\tperson\t0.96\nspelling\tS4 shire\tplace\t0.96\n";
        let rules = LearnedRules::parse("r.tsv", data).unwrap();
        let get = |f: &str| *rules.get(features::hash_text(f).unwrap().1).unwrap();
        assert!(get("S4 mons").new_names);
        assert!(!get("S4 shire").new_names);
        let rules = LearnedRules::parse("r.tsv", "spelling\tS4 shire\tplace\t0.96\n").unwrap();
        assert!(
            rules
                .get(features::hash_text("S4 shire").unwrap().1)
                .unwrap()
                .new_names
        );
    }

    #[test]
    fn priors_scale_a_rule_s_odds() {
        let data = "prior\tperson\t0.2\t0.4\nprior\tplace\t0.6\t0.2\nprior\torganisation\t0.2\t0.4\n\
                    spelling\tS4 shire\tplace\t0.96\nspelling\tS4 mons\tperson\t0.96\n";
        let rules = LearnedRules::parse("r.tsv", data).unwrap();
        let get = |f: &str| *rules.get(features::hash_text(f).unwrap().1).unwrap();
        // Place: odds 0.96 / 3 against 0.04 * 2.
        assert!((get("S4 shire").confidence - 0.8).abs() < 1e-4);
        // Person: odds 0.96 * 2 against 0.04 * (1/3 + 2) / 2.
        assert!(get("S4 mons").confidence > 0.97);
        assert_eq!(get("S4 mons").strength, 0.96);
    }

    #[test]
    fn common_words() {
        let common = CommonWords::parse("c.tsv", "# words\nresults\t90\t3\nsales\n").unwrap();
        let hashes = |words: &[&str]| words.iter().map(|w| hash_key(w)).collect::<Vec<_>>();
        assert!(common.all_common(hashes(&["results", "sales"]).into_iter()));
        assert!(!common.all_common(hashes(&["results", "holdings"]).into_iter()));
        assert!(!common.all_common(std::iter::empty()));
        let error = CommonWords::parse("c.tsv", "ok\nNot\n")
            .unwrap_err()
            .to_string();
        assert!(error.contains("line 2"));
    }
}
