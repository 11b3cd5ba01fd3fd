//! Turning scores into the text report, the JSON summary and error lists.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Value, json};

use crate::floors::Check;
use crate::gold::GoldFile;
use crate::scoring::{Counts, DetectionError, Matching, MissedMerge, Score, Span, WrongMerge};

/// The scores of one gold file, or of all files together.
#[derive(Clone, Debug)]
pub struct Evaluated {
    /// The file stem, or `all files`.
    pub label: String,
    /// The path, for a single file.
    pub path: Option<String>,
    /// Documents scored.
    pub documents: usize,
    /// Bytes of document text.
    pub bytes: usize,
    /// Seconds spent in extraction.
    pub seconds: f64,
    /// `set_aside`, `scored` or `mixed`: how unmatched group predictions were treated.
    pub group_policy: &'static str,
    /// The summed score.
    pub score: Score,
    /// The most frequent errors, with `--errors`.
    pub errors: Option<ErrorSummary>,
    /// Every wrong and missed merge, with `--merges`.
    pub merges: Option<MergeList>,
}

/// One line of an error list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ErrorEntry {
    /// The surface text.
    pub text: String,
    /// The kind (`place`), or for a wrong kind `gold -> predicted`.
    pub kind: String,
    /// How often it occurs in the file.
    pub count: usize,
    /// The document of one occurrence.
    pub document: String,
    /// ±40 characters around that occurrence, the mention in brackets.
    pub context: String,
}

/// One wrongly merged predicted entity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MergeEntry {
    /// Its document.
    pub document: String,
    /// Per gold cluster joined: the cluster and the surface forms found.
    pub clusters: BTreeMap<String, Vec<String>>,
    /// Whether it joins one name the gold gives two entities (see
    /// [`crate::scoring::score_coref`]).
    pub same_name: bool,
}

/// One gold entity split over several predicted entities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissedEntry {
    /// Its document.
    pub document: String,
    /// The gold cluster.
    pub cluster: String,
    /// Per predicted entity holding some of its found mentions: the surface
    /// forms, and the context of the first of them.
    pub parts: Vec<MissedPart>,
}

/// The found mentions of a split gold entity that one predicted entity holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissedPart {
    /// The surface forms, each once, in text order.
    pub forms: Vec<String>,
    /// ±30 characters around the first mention, the mention in brackets.
    pub context: String,
}

/// Every wrong and missed merge of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MergeList {
    /// Predicted entities joining two or more gold entities.
    pub wrong: Vec<MergeEntry>,
    /// Gold entities split over two or more predicted entities.
    pub missed: Vec<MissedEntry>,
}

/// The most frequent errors of a file (exact matching).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ErrorSummary {
    /// Predictions whose span is no gold entity's span.
    pub false_positives: Vec<ErrorEntry>,
    /// Gold entities whose span nothing scored predicted.
    pub false_negatives: Vec<ErrorEntry>,
    /// Right span, wrong kind.
    pub wrong_kinds: Vec<ErrorEntry>,
    /// Predicted entities joining two or more gold entities (the first N).
    pub wrong_merges: Vec<MergeEntry>,
}

/// The text of `span` with up to `width` characters either side, the span
/// in brackets, newlines shown as `⏎`. Never panics: a span that is not
/// one of `text` gives an empty string.
pub fn snippet(text: &str, span: Span, width: usize) -> String {
    let (start, end) = span;
    let (Some(before), Some(mention), Some(after)) =
        (text.get(..start), text.get(start..end), text.get(end..))
    else {
        return String::new();
    };
    let from = before
        .char_indices()
        .rev()
        .nth(width.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let to = after
        .char_indices()
        .nth(width)
        .map_or(after.len(), |(i, _)| i);
    let clean = |s: &str| {
        s.replace("\r\n", "⏎")
            .replace(['\n', '\r'], "⏎")
            .replace('\t', " ")
    };
    format!(
        "{}{}[{}]{}{}",
        if from > 0 { "…" } else { "" },
        clean(&before[from..]),
        clean(mention),
        clean(&after[..to]),
        if to < after.len() { "…" } else { "" },
    )
}

/// Counts errors by (surface text, kind), most frequent first (ties by
/// text), keeping the first occurrence for context.
fn top(file: &GoldFile, items: Vec<(usize, Span, String)>, n: usize) -> Vec<ErrorEntry> {
    let mut counts: HashMap<(String, String), (usize, usize, Span)> = HashMap::new();
    for (doc, span, kind) in items {
        let text = file.docs[doc]
            .text
            .get(span.0..span.1)
            .unwrap_or_default()
            .to_string();
        counts.entry((text, kind)).or_insert((0, doc, span)).0 += 1;
    }
    let mut entries: Vec<ErrorEntry> = counts
        .into_iter()
        .map(|((text, kind), (count, doc, span))| ErrorEntry {
            text,
            kind,
            count,
            document: file.docs[doc].id.clone(),
            context: snippet(&file.docs[doc].text, span, 40),
        })
        .collect();
    entries.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| (&a.text, &a.kind).cmp(&(&b.text, &b.kind)))
    });
    entries.truncate(n);
    entries
}

/// The `n` most frequent errors of each sort, and the first `n` wrong
/// merges, from per-document details (`(document index, item)`).
pub fn summarize_errors(
    file: &GoldFile,
    errors: &[(usize, DetectionError)],
    merges: &[(usize, WrongMerge)],
    n: usize,
) -> ErrorSummary {
    let (mut fps, mut fns, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
    for &(doc, e) in errors {
        match e {
            DetectionError::FalsePositive { span, kind } => fps.push((doc, span, kind.to_string())),
            DetectionError::FalseNegative { span, kind } => fns.push((doc, span, kind.to_string())),
            DetectionError::WrongKind { span, gold, pred } => {
                kinds.push((doc, span, format!("{gold} -> {pred}")))
            }
        }
    }
    let wrong_merges = merges
        .iter()
        .take(n)
        .map(|(doc, m)| merge_entry(file, *doc, m))
        .collect();
    ErrorSummary {
        false_positives: top(file, fps, n),
        false_negatives: top(file, fns, n),
        wrong_kinds: top(file, kinds, n),
        wrong_merges,
    }
}

/// A wrong merge as listed: its gold clusters and their surface forms.
fn merge_entry(file: &GoldFile, doc: usize, m: &WrongMerge) -> MergeEntry {
    let text = &file.docs[doc].text;
    let mut clusters: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (span, cluster) in &m.mentions {
        let forms = clusters.entry(cluster.clone()).or_default();
        push_form(forms, text, *span);
    }
    MergeEntry {
        document: file.docs[doc].id.clone(),
        clusters,
        same_name: m.same_name,
    }
}

/// Adds the surface form of `span` to `forms` unless it is there.
fn push_form(forms: &mut Vec<String>, text: &str, span: Span) {
    let surface = text.get(span.0..span.1).unwrap_or_default();
    if !forms.iter().any(|f| f == surface) {
        forms.push(surface.to_string());
    }
}

/// Every wrong and missed merge, from per-document details (`(document
/// index, item)`).
pub fn list_merges(
    file: &GoldFile,
    wrong: &[(usize, WrongMerge)],
    missed: &[(usize, MissedMerge)],
) -> MergeList {
    let missed = missed
        .iter()
        .map(|(doc, m)| {
            let text = &file.docs[*doc].text;
            let parts = m
                .parts
                .iter()
                .map(|spans| {
                    let mut forms = Vec::new();
                    for &span in spans {
                        push_form(&mut forms, text, span);
                    }
                    MissedPart {
                        forms,
                        context: spans
                            .first()
                            .map_or_else(String::new, |&s| snippet(text, s, 30)),
                    }
                })
                .collect();
            MissedEntry {
                document: file.docs[*doc].id.clone(),
                cluster: m.cluster.clone(),
                parts,
            }
        })
        .collect();
    MergeList {
        wrong: wrong
            .iter()
            .map(|(doc, m)| merge_entry(file, *doc, m))
            .collect(),
        missed,
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.3}"))
}

fn tp(c: &Counts) -> String {
    if c.tp_pred == c.tp_gold {
        c.tp_pred.to_string()
    } else {
        format!("{}/{}", c.tp_pred, c.tp_gold)
    }
}

fn row_line(out: &mut String, name: &str, c: &Counts) {
    let _ = writeln!(
        out,
        "    {name:<28} {:>6} {:>6} {:>6} {:>11} {:>6} {:>6}",
        num(c.precision()),
        num(c.recall()),
        num(c.f1()),
        tp(c),
        c.fp,
        c.fn_
    );
}

fn matching_title(m: Matching) -> &'static str {
    match m {
        Matching::Exact => "exact (span and kind)",
        Matching::Coarse => "coarse (group = organisation)",
        Matching::Span => "span only (kind ignored)",
    }
}

/// The text report of one file or of the total.
pub fn text(e: &Evaluated) -> String {
    let mut out = String::new();
    let s = &e.score;
    let _ = writeln!(
        out,
        "== {}{}: {} documents, {} bytes",
        e.label,
        e.path
            .as_ref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default(),
        e.documents,
        e.bytes
    );
    for m in Matching::ALL {
        let _ = writeln!(
            out,
            "  {:<30} {:>6} {:>6} {:>6} {:>11} {:>6} {:>6}",
            matching_title(m),
            "P",
            "R",
            "F1",
            "TP",
            "FP",
            "FN"
        );
        let counts = s.matching(m);
        for &row in m.rows() {
            row_line(&mut out, row.as_str(), &counts.row(row));
        }
        row_line(&mut out, "micro", &counts.micro);
    }
    if s.matching(Matching::Span).micro.tp_pred > 0 {
        let _ = writeln!(
            out,
            "  (span-only rows: precision by predicted kind, recall by gold kind; TP shown as predicted/gold where they differ)"
        );
    }
    let g = &s.groups;
    let _ = writeln!(
        out,
        "  group predictions not scored: {} (no gold entity at their span; policy {}); matching gold: {} of {} (scored); {} on gold misc and {} on optional spans (ignored)",
        g.not_scored, e.group_policy, g.matching_gold, g.predicted, g.on_misc, g.on_optional
    );
    let _ = writeln!(
        out,
        "  ignored predictions: {} on gold misc spans, {} overlapping optional spans",
        s.ignored_misc, s.ignored_optional
    );
    let c = &s.coref;
    if c.gold_mentions == 0 {
        let _ = writeln!(out, "  alias merging: no gold clusters");
    } else {
        let _ = writeln!(
            out,
            "  alias merging, over {} correctly found of {} clustered gold mentions:",
            c.mentions, c.gold_mentions
        );
        let _ = writeln!(
            out,
            "    B-cubed  P {}  R {}  F1 {}",
            num(c.bcubed_precision()),
            num(c.bcubed_recall()),
            num(c.bcubed_f1())
        );
        let _ = writeln!(
            out,
            "    B-cubed ceiling with one entity per name: P {}  R {}  F1 {}, {} wrong merges",
            num(c.ceiling_precision()),
            num(c.ceiling_recall()),
            num(c.ceiling_f1()),
            c.ceiling_wrong_merges
        );
        let _ = writeln!(
            out,
            "    MUC      P {}  R {}  F1 {}",
            num(c.muc_precision()),
            num(c.muc_recall()),
            num(c.muc_f1())
        );
        let _ = writeln!(
            out,
            "    !! WRONG MERGES: {} predicted entities join 2+ gold entities ({} extra entities joined), of which {} join one name the gold gives two entities !!",
            c.wrong_merges, c.extra_clusters_joined, c.same_name_wrong_merges
        );
        let _ = writeln!(
            out,
            "    missed merges: {} gold entities split over 2+ predicted entities",
            c.split_clusters
        );
    }
    let mb = e.bytes as f64 / 1e6;
    let _ = writeln!(
        out,
        "  extraction: {:.3} s, {:.0} documents/s, {:.2} MB/s (informational)",
        e.seconds,
        rate(e.documents as f64, e.seconds),
        rate(mb, e.seconds)
    );
    if let Some(errors) = &e.errors {
        errors_text(&mut out, errors);
    }
    if let Some(merges) = &e.merges {
        merges_text(&mut out, merges);
    }
    out
}

fn rate(amount: f64, seconds: f64) -> f64 {
    if seconds > 0.0 { amount / seconds } else { 0.0 }
}

fn errors_text(out: &mut String, errors: &ErrorSummary) {
    let lists = [
        (
            "false positives (no gold entity at this span)",
            &errors.false_positives,
        ),
        (
            "false negatives (nothing scored at this span)",
            &errors.false_negatives,
        ),
        ("wrong kinds (gold -> predicted)", &errors.wrong_kinds),
    ];
    for (title, list) in lists {
        let _ = writeln!(out, "  most frequent {title}:");
        for e in list {
            let _ = writeln!(
                out,
                "    {:>4}  {:?} {}    {}: {}",
                e.count, e.text, e.kind, e.document, e.context
            );
        }
    }
    if !errors.wrong_merges.is_empty() {
        let _ = writeln!(out, "  wrong merges:");
        wrong_merges_text(out, &errors.wrong_merges);
    }
}

/// A line per wrong merge: its document, then each gold entity it joins,
/// and `(one name)` after those that join one name the gold gives two
/// entities.
fn wrong_merges_text(out: &mut String, wrong: &[MergeEntry]) {
    for m in wrong {
        let joined: Vec<String> = m
            .clusters
            .iter()
            .map(|(cluster, forms)| format!("{} [{cluster}]", forms.join(" / ")))
            .collect();
        let mark = if m.same_name { "  (one name)" } else { "" };
        let _ = writeln!(out, "    {}: {}{mark}", m.document, joined.join("  +  "));
    }
}

/// Every wrong merge, then every missed merge: a line per split gold
/// entity and a line under it per predicted entity holding some of it.
fn merges_text(out: &mut String, merges: &MergeList) {
    let _ = writeln!(out, "  all wrong merges ({}):", merges.wrong.len());
    wrong_merges_text(out, &merges.wrong);
    let _ = writeln!(out, "  all missed merges ({}):", merges.missed.len());
    for m in &merges.missed {
        let _ = writeln!(out, "    {}: [{}]", m.document, m.cluster);
        for part in &m.parts {
            let _ = writeln!(out, "      {}    {}", part.forms.join(" / "), part.context);
        }
    }
}

fn counts_json(c: &Counts) -> Value {
    json!({
        "precision": c.precision(),
        "recall": c.recall(),
        "f1": c.f1(),
        "tp": c.tp_pred,
        "tp_gold": c.tp_gold,
        "fp": c.fp,
        "fn": c.fn_,
    })
}

/// The JSON summary of one file or of the total.
pub fn json(e: &Evaluated) -> Value {
    let s = &e.score;
    let mut detection = serde_json::Map::new();
    for m in Matching::ALL {
        let counts = s.matching(m);
        let per_kind: serde_json::Map<String, Value> = m
            .rows()
            .iter()
            .map(|&row| (row.as_str().to_string(), counts_json(&counts.row(row))))
            .collect();
        detection.insert(
            m.as_str().to_string(),
            json!({"micro": counts_json(&counts.micro), "per_kind": per_kind}),
        );
    }
    let c = &s.coref;
    let mut v = json!({
        "file": e.label,
        "path": e.path,
        "documents": e.documents,
        "bytes": e.bytes,
        "detection": detection,
        "ignored": {"misc": s.ignored_misc, "optional": s.ignored_optional},
        "group_predictions": {"policy": e.group_policy, "tally": s.groups},
        "alias_merging": {
            "mentions": c.mentions,
            "gold_mentions": c.gold_mentions,
            "bcubed": {"precision": c.bcubed_precision(), "recall": c.bcubed_recall(), "f1": c.bcubed_f1()},
            "muc": {"precision": c.muc_precision(), "recall": c.muc_recall(), "f1": c.muc_f1()},
            "wrong_merges": c.wrong_merges,
            "same_name_wrong_merges": c.same_name_wrong_merges,
            "extra_clusters_joined": c.extra_clusters_joined,
            "split_clusters": c.split_clusters,
            "one_entity_per_name_ceiling": {
                "bcubed": {"precision": c.ceiling_precision(), "recall": c.ceiling_recall(), "f1": c.ceiling_f1()},
                "wrong_merges": c.ceiling_wrong_merges,
            },
        },
        "extraction": {
            "seconds": e.seconds,
            "documents_per_second": rate(e.documents as f64, e.seconds),
            "mb_per_second": rate(e.bytes as f64 / 1e6, e.seconds),
        },
    });
    if let Some(obj) = v.as_object_mut() {
        if let Some(errors) = &e.errors {
            obj.insert("errors".to_string(), json!(errors));
        }
        if let Some(merges) = &e.merges {
            obj.insert("merges".to_string(), json!(merges));
        }
    }
    v
}

/// The floor checks as text, one line each.
pub fn floors_text(checks: &[Check]) -> String {
    let mut out = String::from("== floors\n");
    for c in checks {
        let verdict = if c.pass { "PASS" } else { "FAIL" };
        let measured = if c.evaluated {
            format!("measured {}", num(c.measured))
        } else {
            "file not evaluated".to_string()
        };
        let _ = writeln!(
            out,
            "  {verdict}  {}  {}: {measured}, floor {:.3}",
            c.file, c.metric, c.floor
        );
    }
    let failed = checks.iter().filter(|c| !c.pass).count();
    let _ = writeln!(out, "  {} checks, {failed} failed", checks.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_marks_the_mention_and_shows_newlines() {
        let text = "LONDON 1997-03-14\nKenyan-born all-rounder Glen Marlowe took";
        let start = text.find("Glen").unwrap();
        let s = snippet(text, (start, start + 12), 40);
        assert_eq!(
            s,
            "…NDON 1997-03-14⏎Kenyan-born all-rounder [Glen Marlowe] took"
        );
        let s = snippet(text, (start, start + 12), 5);
        assert_eq!(s, "…nder [Glen Marlowe] took");
    }

    #[test]
    fn list_merges_gives_forms_per_gold_entity_and_per_predicted_part() {
        let text = "Ann Lee met Bo Lee. Lee left; Ms Lee stayed.";
        let at = |word: &str, nth: usize| {
            let start = text.match_indices(word).nth(nth).unwrap().0;
            (start, start + word.len())
        };
        let file = GoldFile {
            path: "x.jsonl".into(),
            stem: "x".to_string(),
            docs: vec![crate::gold::GoldDoc {
                id: "d1".to_string(),
                text: text.to_string(),
                gold: Vec::new(),
                optional: Vec::new(),
                source: None,
            }],
        };
        let wrong = WrongMerge {
            entity: 0,
            mentions: vec![
                (at("Ann Lee", 0), "Ann".to_string()),
                (at("Bo Lee", 0), "Bo".to_string()),
                (at("Lee", 2), "Bo".to_string()),
            ],
            same_name: false,
        };
        let missed = MissedMerge {
            cluster: "Ann".to_string(),
            parts: vec![vec![at("Ann Lee", 0)], vec![at("Lee", 3), at("Lee", 3)]],
        };
        let list = list_merges(&file, &[(0, wrong)], &[(0, missed)]);
        assert_eq!(list.wrong.len(), 1);
        assert_eq!(list.wrong[0].clusters["Ann"], vec!["Ann Lee"]);
        assert_eq!(list.wrong[0].clusters["Bo"], vec!["Bo Lee", "Lee"]);
        assert_eq!(list.missed.len(), 1);
        let parts = &list.missed[0].parts;
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].forms, vec!["Ann Lee"]);
        assert_eq!(parts[1].forms, vec!["Lee"]);
        assert!(
            parts[1].context.contains("Ms [Lee] stayed"),
            "{}",
            parts[1].context
        );
        let mut out = String::new();
        merges_text(&mut out, &list);
        assert!(out.contains("all wrong merges (1):"), "{out}");
        assert!(
            out.contains("all missed merges (1):\n    d1: [Ann]\n      Ann Lee"),
            "{out}"
        );
    }

    #[test]
    fn wrong_merges_of_one_name_are_marked() {
        let entry = |same_name| MergeEntry {
            document: "d1".to_string(),
            clusters: BTreeMap::from([
                ("Ardmore".to_string(), vec!["Ardmore".to_string()]),
                ("Ardmore_river".to_string(), vec!["ARDMORE".to_string()]),
            ]),
            same_name,
        };
        let mut out = String::new();
        wrong_merges_text(&mut out, &[entry(true), entry(false)]);
        assert_eq!(
            out,
            "    d1: Ardmore [Ardmore]  +  ARDMORE [Ardmore_river]  (one name)\n    \
             d1: Ardmore [Ardmore]  +  ARDMORE [Ardmore_river]\n"
        );
    }

    #[test]
    fn snippet_respects_characters_and_bad_spans() {
        let text = "ééééé Zürich ééééé";
        let start = text.find("Zürich").unwrap();
        assert_eq!(snippet(text, (start, start + 7), 2), "…é [Zürich] é…");
        assert_eq!(snippet(text, (1, 3), 2), "");
        assert_eq!(snippet(text, (0, 999), 2), "");
    }
}
