//! Reads the rule files of the module docs of [`super`]: the learned rules
//! and the common words, into their tables ([`super::table`]).
//!
//! The build script reads the embedded files with this, and the library
//! reads the tables it wrote in place; rules learned at run time (the
//! learner's) are read with it by the library itself.

#![cfg_attr(
    not(any(test, feature = "learn", gazetteer_ner_defaults_at_run_time)),
    allow(
        dead_code,
        reason = "the build script reads the rule files; the library, the image it writes"
    )
)]

use super::table::{CommonWords, EMPTY, Rule, RuleTable};
use super::written::{hash_text, tag_of};
use crate::EntityKind;
use crate::Error;
use crate::hash::{NameMap, hash_key};

/// Reads a list of common words: one a line, its key first, then
/// anything after a tab; `#` starts a comment line.
pub(crate) fn common_words(source_name: &str, data: &str) -> Result<CommonWords, Error> {
    let mut hashes = Vec::with_capacity(line_count(data));
    for line in lines(source_name, data) {
        let word = line.text.split(is_tab).next().unwrap_or("");
        if word.is_empty() || word.contains(' ') || word.chars().any(char::is_uppercase) {
            return Err(line.malformed(format!("{word:?} is not a lower-case word key")));
        }
        let hash = hash_key(word);
        if hash == EMPTY {
            return Err(line.malformed(format!("the key of {word:?} hashes to zero")));
        }
        hashes.push(hash);
    }
    hashes.sort_unstable();
    hashes.dedup();
    Ok(CommonWords::new(&hashes))
}

/// Reads rules in the format of the module docs of [`super`];
/// `source_name` names the data in errors. Where two rules share a
/// feature, the stronger is kept (the first of two as strong).
pub(crate) fn rules(source_name: &str, data: &str) -> Result<RuleTable, Error> {
    let mut rules = NameMap::with_capacity_and_hasher(line_count(data), Default::default());
    // Each kind's share of the labelled names and of the unlisted ones.
    let mut priors = [(1.0f32, 1.0f32); 4];
    // The classes of rules that type new names, if the file says.
    let mut uses: Option<Vec<(u8, EntityKind)>> = None;
    for line in lines(source_name, data) {
        let (fields, count) = fields(line.text);
        let fields = &fields[..count.min(FIELDS)];
        if let ["prior", kind, labelled, unlisted] = *fields
            && count == FIELDS
        {
            let kind: EntityKind = kind
                .parse()
                .map_err(|_| line.malformed(format!("unknown kind {kind:?}")))?;
            let share = |s: &str| {
                s.parse::<f32>()
                    .ok()
                    .filter(|s| *s > 0.0 && *s <= 1.0)
                    .ok_or_else(|| {
                        line.malformed(format!("share {s:?} is not above 0 and up to 1"))
                    })
            };
            priors[kind as usize] = (share(labelled)?, share(unlisted)?);
            continue;
        }
        if let ["use", tag, kind, ..] = *fields {
            let tag = tag_of(tag)
                .filter(|_| !tag.contains(' '))
                .ok_or_else(|| line.malformed(format!("unknown feature tag {tag:?}")))?;
            let kind: EntityKind = kind
                .parse()
                .map_err(|_| line.malformed(format!("unknown kind {kind:?}")))?;
            uses.get_or_insert_with(Vec::new).push((tag, kind));
            continue;
        }
        let [view, feature, kind, strength] = *fields else {
            return Err(line.malformed(format!(
                "expected 4 or more tab-separated fields (view, feature, kind, strength), found {count}"
            )));
        };
        let Some((feature_view, hash)) = hash_text(feature) else {
            return Err(line.malformed(format!("unknown feature {feature:?}")));
        };
        if feature_view.as_str() != view {
            return Err(line.malformed(format!(
                "the feature {feature:?} belongs to the {} view, not {view:?}",
                feature_view.as_str()
            )));
        }
        if hash == EMPTY {
            return Err(line.malformed(format!("the feature {feature:?} hashes to zero")));
        }
        let kind: EntityKind = kind
            .parse()
            .map_err(|_| line.malformed(format!("unknown kind {kind:?}")))?;
        let strength: f32 = strength
            .parse()
            .ok()
            .filter(|s: &f32| (0.0..=1.0).contains(s))
            .ok_or_else(|| line.malformed(format!("strength {strength:?} is not from 0 to 1")))?;
        let rule = Rule {
            kind,
            view: feature_view,
            strength,
            confidence: strength,
            tag: tag_of(feature).expect("a feature's tag is known"),
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
    let mut rules: Vec<(u64, Rule)> = rules.into_iter().collect();
    for (_, rule) in &mut rules {
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
    // In the order of their hashes, so that a file makes one table.
    rules.sort_unstable_by_key(|&(hash, _)| hash);
    Ok(RuleTable::new(&rules))
}

/// A line of a rule file that is neither empty nor a comment.
struct Line<'a> {
    text: &'a str,
    /// Its number, from 1.
    number: usize,
    /// The name of the data it is a line of, for errors.
    source_name: &'a str,
}

impl Line<'_> {
    /// The error that the line is malformed, and why.
    fn malformed(&self, message: String) -> Error {
        Error::MalformedRules {
            source_name: self.source_name.to_string(),
            line: self.number,
            message,
        }
    }
}

/// The lines of `data` that say something: neither empty nor a comment
/// (`#` first); `source_name` names the data in their errors.
fn lines<'a>(source_name: &'a str, data: &'a str) -> impl Iterator<Item = Line<'a>> {
    data.lines()
        .enumerate()
        .filter(|(_, text)| !text.is_empty() && !text.starts_with('#'))
        .map(move |(index, text)| Line {
            text,
            number: index + 1,
            source_name,
        })
}

/// The fields of a rule line that the rules read; a line may have more.
const FIELDS: usize = 4;

/// The first [`FIELDS`] tab-separated fields of a line (empty where it has
/// fewer), and how many it has. No vector is collected for a line.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_and_malformed_lines_say_where() {
        let data = "# header\ncontext\tL2 shares of\torganisation\t0.99\t10\t9\n\
                    spelling\tS4 shire\tplace\t0.9\n";
        let rules = rules("r.tsv", data).unwrap();
        assert_eq!(rules.len(), 2);
        let (_, hash) = hash_text("L2 shares of").unwrap();
        assert_eq!(rules.get(hash).unwrap().kind, EntityKind::Organisation);
        let error = |data: &str| super::rules("r.tsv", data).unwrap_err().to_string();
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
    fn of_two_rules_for_one_feature_the_stronger_is_kept() {
        let get = |data: &str| {
            let (_, hash) = hash_text("S4 shire").unwrap();
            rules("r.tsv", data).unwrap().get(hash).unwrap()
        };
        let rule = get("spelling\tS4 shire\tplace\t0.9\nspelling\tS4 shire\tperson\t0.95\n");
        assert_eq!((rule.kind, rule.strength), (EntityKind::Person, 0.95));
        let rule = get("spelling\tS4 shire\tplace\t0.9\nspelling\tS4 shire\tperson\t0.9\n");
        assert_eq!(rule.kind, EntityKind::Place);
    }

    #[test]
    fn use_lines_say_which_rules_type_new_names() {
        let data = "use\tS4\tperson\t43\t60\n\
                    spelling\tS4 mons\tperson\t0.96\nspelling\tS4 shire\tplace\t0.96\n";
        let table = rules("r.tsv", data).unwrap();
        let get = |f: &str| table.get(hash_text(f).unwrap().1).unwrap();
        assert!(get("S4 mons").new_names);
        assert!(!get("S4 shire").new_names);
        assert_eq!(table.new_name_tags(), 1 << 4);
        let table = rules("r.tsv", "spelling\tS4 shire\tplace\t0.96\n").unwrap();
        assert!(
            table
                .get(hash_text("S4 shire").unwrap().1)
                .unwrap()
                .new_names
        );
    }

    #[test]
    fn priors_scale_a_rule_s_odds() {
        let data = "prior\tperson\t0.2\t0.4\nprior\tplace\t0.6\t0.2\nprior\torganisation\t0.2\t0.4\n\
                    spelling\tS4 shire\tplace\t0.96\nspelling\tS4 mons\tperson\t0.96\n";
        let table = rules("r.tsv", data).unwrap();
        let get = |f: &str| table.get(hash_text(f).unwrap().1).unwrap();
        // Place: odds 0.96 / 3 against 0.04 * 2.
        assert!((get("S4 shire").confidence - 0.8).abs() < 1e-4);
        // Person: odds 0.96 * 2 against 0.04 * (1/3 + 2) / 2.
        assert!(get("S4 mons").confidence > 0.97);
        assert_eq!(get("S4 mons").strength, 0.96);
    }

    #[test]
    fn common_words_read_and_malformed_lines_say_where() {
        let common = common_words("c.tsv", "# words\nresults\t90\t3\nsales\nsales\n").unwrap();
        let hashes = |words: &[&str]| words.iter().map(|w| hash_key(w)).collect::<Vec<_>>();
        assert!(common.all_common(hashes(&["results", "sales"]).into_iter()));
        assert!(!common.all_common(hashes(&["results", "holdings"]).into_iter()));
        assert!(!common.all_common(std::iter::empty()));
        let error = common_words("c.tsv", "ok\nNot\n").unwrap_err().to_string();
        assert!(error.contains("line 2"));
    }
}
