//! Scores the extractor against gold files.
//!
//! ```text
//! cargo run --release --example evaluate -- [--errors N] [--json] [--floors FILE] GOLD.jsonl...
//! ```
//!
//! Each gold file (the corpus format: one JSON document per line with
//! `text`, `entities` and, for re3d, `optional`) is read and checked, the
//! default extractor runs on every document's text, and the report gives,
//! per file and over all files:
//!
//! - precision, recall and F1 with TP/FP/FN, per kind and micro-averaged,
//!   for three matchings: **exact** (span and kind), **coarse** (`group`
//!   and `organisation` as one kind) and **span only** (kind ignored);
//! - alias merging: B-cubed and MUC over the correctly found mentions
//!   (predicted mentions whose span is a gold entity's span, whatever their
//!   kind, and whose gold has a `cluster`), and the **wrong merges**: the
//!   predicted entities holding found mentions of two or more gold
//!   entities, each counted once, with the number of extra entities joined
//!   and of those that join one name (the same text, ignoring case and
//!   runs of whitespace) the gold gives two entities; and the B-cubed
//!   ceiling of a resolver that gives one name one entity per document:
//!   the gold's partition with the mentions of one name always together
//!   (see [`scoring::score_coref`]);
//! - extraction speed in documents/s and MB/s (informational).
//!
//! # Scoring rules
//!
//! Spans match only when equal (UTF-8 byte offsets). Each prediction is,
//! in this order (see [`scoring`]):
//!
//! 1. scored if its span is a gold entity's span (not `misc`);
//! 2. ignored if its span is a gold `misc` span;
//! 3. ignored if it overlaps a re3d `optional` span;
//! 4. **set aside** if it is a `group` and the group policy is `set_aside`:
//!    reported on its own line ("group predictions not scored: N"),
//!    neither right nor wrong;
//! 5. otherwise scored (a false positive).
//!
//! Gold `misc` entities are never false negatives.
//!
//! For alias merging, a CoNLL cluster id `<Wikipedia title>#<label>` counts
//! by its title alone: the label suffix exists to part demonyms (`misc`,
//! not scored) from countries, and between scored labels it would only
//! split one referent typed inconsistently by the annotators (`DETROIT` as
//! `ORG` and as `LOC`, both `Detroit_Tigers`) and count merging it as wrong.
//!
//! The group policy (`--groups auto`, the default) sets unmatched `group`
//! predictions aside on files whose gold has no `group` label at all
//! (CoNLL-2003: demonyms are `misc`, militias `organisation`) and on GUM
//! documents (GUM marks noun phrases only, so adjectival demonyms such as
//! `Australian children` are not gold, and it has only 21 `group` golds in
//! dev); `group` predictions on a gold span are scored there as anywhere.
//! Elsewhere (re3d, whose gold has demonyms and ethnic and religious groups
//! as `group`) every `group` prediction is scored. `--groups scored` or
//! `--groups set-aside` forces one policy for every file.
//!
//! Precision is undefined (shown `—`, JSON `null`) when nothing was
//! predicted, recall when there is no gold; F1 is then 0 if the other is
//! defined. In span-only per-kind rows, precision is by predicted kind and
//! recall by gold kind.
//!
//! # Options
//!
//! - `--errors N`: per file, the N most frequent false positives, false
//!   negatives and wrong kinds under exact matching (by surface text and
//!   kind, with a count and the context of one occurrence), and the first
//!   N wrong merges.
//! - `--merges`: per file, every wrong merge (as `--errors` lists them,
//!   `(one name)` after those that join one name) and every missed
//!   merge: the gold entity split, and per predicted entity holding some
//!   of its found mentions, their surface forms and the context of the
//!   first.
//! - `--json`: a JSON summary on stdout instead of the text report.
//! - `--floors FILE`: check minimum values per file stem (see [`floors`]);
//!   each check prints PASS or FAIL.
//! - `--leave-out PATTERN` (repeatable): leave out the default gazetteer
//!   files a pattern names ("annie-*", "ofac-sdn.tsv"), and
//!   `--no-learned-rules`: switch off the learned rules; for ablations, the
//!   system without one mechanism.
//!
//! # Exit status
//!
//! 0 on success; 1 when a floor fails (a value below its floor, undefined,
//! or its file not evaluated); 2 when a gold file or the floors file cannot
//! be read or is malformed (the message names the file and line), or the
//! arguments are wrong.

mod floors;
mod gold;
mod report;
mod scoring;

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use gazetteer_ner::Extractor;
use serde_json::json;

use crate::gold::GoldFile;
use crate::report::Evaluated;
use crate::scoring::{
    DetectionError, Document, GroupPolicy, MissedMerge, PredSpan, Score, WrongMerge,
};

/// Scores the extractor against gold JSON Lines files.
#[derive(Parser, Debug)]
#[command(name = "evaluate")]
struct Args {
    /// Gold files (corpus JSON Lines format).
    #[arg(required = true, value_name = "GOLD.jsonl")]
    gold: Vec<PathBuf>,
    /// Print the N most frequent errors of each sort per file.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,
    /// Print every wrong and every missed merge of each file.
    #[arg(long)]
    merges: bool,
    /// Print a JSON summary instead of the text report.
    #[arg(long)]
    json: bool,
    /// Check minimum values from a JSON file (file stem -> {metric: minimum}).
    #[arg(long, value_name = "FILE")]
    floors: Option<PathBuf>,
    /// What to do with `group` predictions that match no gold entity.
    #[arg(long, value_enum, default_value_t = Groups::Auto)]
    groups: Groups,
    /// Leave out the default gazetteer files PATTERN names: a file name, or
    /// a prefix and `*` (repeatable).
    #[arg(long, value_name = "PATTERN")]
    leave_out: Vec<String>,
    /// Switch off the learned rules.
    #[arg(long)]
    no_learned_rules: bool,
}

/// The `--groups` choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Groups {
    /// Set aside on gold without `group` labels and on GUM; score elsewhere.
    Auto,
    /// Always score.
    Scored,
    /// Always set aside.
    SetAside,
}

/// Exit status for unusable input.
const INPUT_ERROR: u8 = 2;
/// Exit status for a failed floor.
const FLOOR_FAILED: u8 = 1;

fn main() -> ExitCode {
    let args = Args::parse();
    let floors = match &args.floors {
        None => None,
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|s| floors::parse(&s))
        {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!("error: floors file {}: {e}", path.display());
                return ExitCode::from(INPUT_ERROR);
            }
        },
    };
    let mut files = Vec::new();
    for path in &args.gold {
        match gold::read_file(path) {
            Ok(f) => files.push(f),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(INPUT_ERROR);
            }
        }
    }
    let mut builder = Extractor::builder().learned_rules(!args.no_learned_rules);
    for pattern in &args.leave_out {
        builder = builder.leave_out_default(pattern);
    }
    let extractor = match builder.build() {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: cannot build the extractor: {e}");
            return ExitCode::from(INPUT_ERROR);
        }
    };

    let evaluated: Vec<Evaluated> = files
        .iter()
        .map(|f| evaluate_file(&extractor, f, &args))
        .collect();
    let total = total(&evaluated);

    let checks = floors.map(|f| {
        let scores: Vec<(String, &Score)> = evaluated
            .iter()
            .map(|e| (e.label.clone(), &e.score))
            .collect();
        floors::check(&f, &scores)
    });
    let failed = checks.as_ref().is_some_and(|c| c.iter().any(|c| !c.pass));

    if args.json {
        let summary = json!({
            "files": evaluated.iter().map(report::json).collect::<Vec<_>>(),
            "total": report::json(&total),
            "floors": checks,
        });
        match serde_json::to_string_pretty(&summary) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("error: cannot write JSON: {e}"),
        }
        if failed {
            eprintln!("floors: some checks failed (see \"floors\" in the JSON)");
        }
    } else {
        for e in &evaluated {
            print!("{}", report::text(e));
            println!();
        }
        if evaluated.len() > 1 {
            print!("{}", report::text(&total));
            println!();
        }
        if let Some(checks) = &checks {
            print!("{}", report::floors_text(checks));
        }
    }
    if failed {
        ExitCode::from(FLOOR_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs the extractor on every document of a file and scores it.
fn evaluate_file(extractor: &Extractor, file: &GoldFile, args: &Args) -> Evaluated {
    let mut score = Score::default();
    let mut errors: Vec<(usize, DetectionError)> = Vec::new();
    let mut merges: Vec<(usize, WrongMerge)> = Vec::new();
    let mut missed: Vec<(usize, MissedMerge)> = Vec::new();
    let mut seconds = 0.0;
    let mut bytes = 0;
    let mut policies = Vec::new();
    for (i, doc) in file.docs.iter().enumerate() {
        let started = Instant::now();
        let entities = match catch_unwind(AssertUnwindSafe(|| extractor.extract(&doc.text))) {
            Ok(e) => e,
            Err(panic) => {
                eprintln!(
                    "error: the extractor panicked on document {} ({}, document {})",
                    doc.id,
                    file.path.display(),
                    i + 1
                );
                resume_unwind(panic);
            }
        };
        seconds += started.elapsed().as_secs_f64();
        bytes += doc.text.len();
        let predicted: Vec<PredSpan> = entities
            .iter()
            .enumerate()
            .flat_map(|(entity, e)| {
                e.mentions.iter().map(move |m| PredSpan {
                    start: m.start,
                    end: m.end,
                    kind: e.kind,
                    entity,
                })
            })
            .collect();
        let groups = match args.groups {
            Groups::Auto => gold::auto_group_policy(file, doc),
            Groups::Scored => GroupPolicy::Scored,
            Groups::SetAside => GroupPolicy::SetAside,
        };
        policies.push(groups);
        let (doc_score, details) = scoring::score_document(&Document {
            text: &doc.text,
            gold: &doc.gold,
            optional: &doc.optional,
            predicted: &predicted,
            groups,
        });
        score += &doc_score;
        errors.extend(details.errors.into_iter().map(|e| (i, e)));
        merges.extend(details.wrong_merges.into_iter().map(|m| (i, m)));
        missed.extend(details.missed_merges.into_iter().map(|m| (i, m)));
    }
    Evaluated {
        label: file.stem.clone(),
        path: Some(file.path.display().to_string()),
        documents: file.docs.len(),
        bytes,
        seconds,
        group_policy: policy_name(&policies),
        score,
        errors: (args.errors > 0)
            .then(|| report::summarize_errors(file, &errors, &merges, args.errors)),
        merges: args
            .merges
            .then(|| report::list_merges(file, &merges, &missed)),
    }
}

/// The name of the policy every document shared, or `mixed`.
fn policy_name(policies: &[GroupPolicy]) -> &'static str {
    let all = |p: GroupPolicy| policies.iter().all(|&q| q == p);
    if all(GroupPolicy::SetAside) {
        "set_aside"
    } else if all(GroupPolicy::Scored) {
        "scored"
    } else {
        "mixed"
    }
}

/// All files together.
fn total(files: &[Evaluated]) -> Evaluated {
    let mut score = Score::default();
    for f in files {
        score += &f.score;
    }
    let policies: Vec<&str> = files.iter().map(|f| f.group_policy).collect();
    Evaluated {
        label: format!("all files ({})", files.len()),
        path: None,
        documents: files.iter().map(|f| f.documents).sum(),
        bytes: files.iter().map(|f| f.bytes).sum(),
        seconds: files.iter().map(|f| f.seconds).sum(),
        group_policy: match policies.first() {
            Some(&p) if policies.iter().all(|&q| q == p) => p,
            _ => "mixed",
        },
        score,
        errors: None,
        merges: None,
    }
}
