//! Accuracy floors: minimum values per gold file, checked after scoring.
//!
//! A floors file is a JSON object mapping a gold file's stem to an object
//! of metric names and minimum values:
//!
//! ```json
//! {"conll03-dev": {"coarse_f1": 0.40, "bcubed_f1": 0.90}}
//! ```
//!
//! Metric names are those of [`metrics`]: `exact_f1`, `coarse_precision`,
//! `span_recall`, per kind `exact_person_f1` or
//! `coarse_group_organisation_f1`, and `bcubed_f1`, `muc_precision`, ….

use std::collections::BTreeMap;

use serde::Serialize;

use crate::scoring::{Counts, Matching, Score};

/// Minimum values per file stem, then per metric.
pub type Floors = BTreeMap<String, BTreeMap<String, f64>>;

/// Every metric a floor can name, with its value (`None` when undefined).
pub fn metrics(score: &Score) -> BTreeMap<String, Option<f64>> {
    let mut out = BTreeMap::new();
    let mut prf = |prefix: String, c: Counts| {
        out.insert(format!("{prefix}_precision"), c.precision());
        out.insert(format!("{prefix}_recall"), c.recall());
        out.insert(format!("{prefix}_f1"), c.f1());
    };
    for m in Matching::ALL {
        let counts = score.matching(m);
        prf(m.as_str().to_string(), counts.micro);
        for &row in m.rows() {
            prf(format!("{}_{}", m.as_str(), row.as_str()), counts.row(row));
        }
    }
    let c = &score.coref;
    out.insert("bcubed_precision".into(), c.bcubed_precision());
    out.insert("bcubed_recall".into(), c.bcubed_recall());
    out.insert("bcubed_f1".into(), c.bcubed_f1());
    out.insert("muc_precision".into(), c.muc_precision());
    out.insert("muc_recall".into(), c.muc_recall());
    out.insert("muc_f1".into(), c.muc_f1());
    out
}

/// Parses a floors file, rejecting unknown metric names (a typo must not
/// pass silently).
pub fn parse(json: &str) -> Result<Floors, String> {
    let floors: Floors = serde_json::from_str(json)
        .map_err(|e| format!("not a floors object (file stem -> {{metric: minimum}}): {e}"))?;
    let known = metrics(&Score::default());
    for (stem, checks) in &floors {
        for (metric, value) in checks {
            if !known.contains_key(metric) {
                return Err(format!(
                    "{stem}: unknown metric {metric:?} (known: {})",
                    known.keys().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
            if !value.is_finite() {
                return Err(format!("{stem}: {metric}: not a number"));
            }
        }
    }
    Ok(floors)
}

/// The outcome of one floor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check {
    /// The file stem.
    pub file: String,
    /// The metric name.
    pub metric: String,
    /// The minimum.
    pub floor: f64,
    /// The measured value: `None` when undefined or when the file was not
    /// evaluated.
    pub measured: Option<f64>,
    /// Whether the file was evaluated.
    pub evaluated: bool,
    /// Whether the check passed.
    pub pass: bool,
}

/// Checks every floor against the scores of the evaluated files (by stem).
/// A floor fails when its file was not evaluated or its value is undefined
/// or below the floor.
pub fn check(floors: &Floors, scores: &[(String, &Score)]) -> Vec<Check> {
    let mut checks = Vec::new();
    for (stem, minima) in floors {
        let measured = scores
            .iter()
            .find(|(s, _)| s == stem)
            .map(|(_, score)| metrics(score));
        for (metric, &floor) in minima {
            let value = measured
                .as_ref()
                .and_then(|m| m.get(metric).copied().flatten());
            checks.push(Check {
                file: stem.clone(),
                metric: metric.clone(),
                floor,
                measured: value,
                evaluated: measured.is_some(),
                pass: value.is_some_and(|v| v >= floor),
            });
        }
    }
    checks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{Document, GoldLabel, GoldSpan, GroupPolicy, PredSpan, score_document};
    use gazetteer_ner::EntityKind;

    fn half_right() -> Score {
        let gold = [
            GoldSpan {
                start: 0,
                end: 4,
                label: GoldLabel::Kind(EntityKind::Place),
                cluster: None,
            },
            GoldSpan {
                start: 10,
                end: 14,
                label: GoldLabel::Kind(EntityKind::Place),
                cluster: None,
            },
        ];
        let predicted = [PredSpan {
            start: 0,
            end: 4,
            kind: EntityKind::Place,
            entity: 0,
        }];
        score_document(&Document {
            text: "",
            gold: &gold,
            optional: &[],
            predicted: &predicted,
            groups: GroupPolicy::Scored,
        })
        .0
    }

    #[test]
    fn floors_pass_fail_and_missing_files() {
        let floors = parse(r#"{"a": {"exact_recall": 0.5, "exact_precision": 1.0, "span_f1": 0.9, "bcubed_f1": 0.1}, "b": {"exact_f1": 0.1}}"#).unwrap();
        let score = half_right();
        let checks = check(&floors, &[("a".to_string(), &score)]);
        let outcome: Vec<(&str, bool)> =
            checks.iter().map(|c| (c.metric.as_str(), c.pass)).collect();
        assert_eq!(
            outcome,
            vec![
                ("bcubed_f1", false), // undefined: no clusters
                ("exact_precision", true),
                ("exact_recall", true),
                ("span_f1", false),
                ("exact_f1", false), // file b not evaluated
            ]
        );
        assert!(!checks[4].evaluated);
    }

    #[test]
    fn unknown_metrics_and_bad_json_are_errors() {
        assert!(parse(r#"{"a": {"exact_f2": 0.5}}"#).is_err());
        assert!(parse(r#"{"a": 0.5}"#).is_err());
        assert!(parse("[").is_err());
        assert!(parse(r#"{"a": {"coarse_group_organisation_f1": 0.5}}"#).is_ok());
    }
}
