//! Throughput of the extraction pipeline, stage by stage, against a raw
//! Aho-Corasick scan: the criterion counterpart of `examples/throughput.rs`.
//!
//! ```text
//! cargo bench --features internals --bench pipeline
//! ```
//!
//! Input: a fixed ~2 MB sample of the news corpus in
//! `../shared/corpus/articles/*.jsonl` (every k-th article over the files in
//! file-name order, k = ⌈corpus bytes / 2 MB⌉; about 1,700 articles from all
//! three sources). Every benchmark processes the same articles one by one,
//! as `extract` would see them. Without the corpus the bench says so and
//! measures nothing.
//!
//! Group `pipeline` (`Throughput::Bytes`, MB/s of article text):
//!
//! - `raw_aho_corasick`: a leftmost-longest `AhoCorasick` scan for every
//!   surface form of the default gazetteers' entity entries: no tokens, no
//!   word boundaries, no rules, no resolution. The limit a gazetteer
//!   extractor can approach; divide the other figures by it for ratios.
//! - `segments`: word-boundary segmentation alone (`for_each_segment`);
//! - `tokenize`: the tokenizer (`tokenize`);
//! - `tokenize+keys`: the tokenizer and the lower-cased token keys the
//!   gazetteer matcher looks up (`Keys::new`);
//! - `extract/1_thread`: the whole pipeline, `Extractor::extract` per article;
//! - `extract_batch/N_threads`: `Extractor::extract_batch` over all articles
//!   on every available core.
//!
//! Group `pipeline_articles` (`Throughput::Elements`): the two extraction
//! benchmarks again, reported in articles/s.

mod common;

use std::hint::black_box;
use std::num::NonZeroUsize;
use std::time::Duration;

use aho_corasick::{AhoCorasick, MatchKind};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use gazetteer_ner::tokenizer::{Keys, for_each_segment, tokenize};
use gazetteer_ner::{Extractor, gazetteer};

/// The size of the sample, in bytes.
const SAMPLE_BYTES: usize = 2_000_000;

fn main() {
    let Some(corpus) = common::load_corpus("pipeline") else {
        return;
    };
    let sample = common::sample(&corpus, SAMPLE_BYTES);
    drop(corpus);
    let bytes = common::bytes(&sample);
    let extractor = Extractor::builder()
        .build()
        .expect("the default gazetteers build");
    let raw = raw_scanner();
    let threads = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    println!(
        "pipeline: sample of {} articles, {:.2} MB; raw scan over {} patterns; {threads} threads",
        sample.len(),
        bytes as f64 / 1e6,
        raw.patterns_len(),
    );

    let mut c = Criterion::default().configure_from_args();

    let mut group = c.benchmark_group("pipeline");
    group
        .throughput(Throughput::Bytes(bytes as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("raw_aho_corasick", |b| {
        b.iter(|| {
            sample
                .iter()
                .map(|t| raw.find_iter(t.as_str()).count())
                .sum::<usize>()
        })
    });
    group.bench_function("segments", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for t in &sample {
                for_each_segment(t, |start, end| n += black_box(end - start));
            }
            n
        })
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| sample.iter().map(|t| tokenize(t).len()).sum::<usize>())
    });
    group.bench_function("tokenize+keys", |b| {
        b.iter(|| {
            sample
                .iter()
                .map(|t| {
                    let tokens = tokenize(t);
                    Keys::new(t, &tokens).joined().len()
                })
                .sum::<usize>()
        })
    });
    bench_extraction(&mut group, &extractor, &sample, threads);
    group.finish();

    let mut group = c.benchmark_group("pipeline_articles");
    group
        .throughput(Throughput::Elements(sample.len() as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    bench_extraction(&mut group, &extractor, &sample, threads);
    group.finish();

    c.final_summary();
}

/// `extract` article by article on one thread, and `extract_batch` over all
/// articles on `threads` threads.
fn bench_extraction(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    extractor: &Extractor,
    sample: &[String],
    threads: usize,
) {
    group.bench_function(BenchmarkId::new("extract", "1_thread"), |b| {
        b.iter(|| {
            sample
                .iter()
                .map(|t| extractor.extract(t).len())
                .sum::<usize>()
        })
    });
    group.bench_function(
        BenchmarkId::new("extract_batch", format!("{threads}_threads")),
        |b| {
            b.iter(|| {
                extractor
                    .extract_batch(sample, NonZeroUsize::new(threads))
                    .iter()
                    .map(Vec::len)
                    .sum::<usize>()
            })
        },
    );
}

/// A leftmost-longest automaton over the surface forms of the default
/// gazetteers' entity entries (word lists such as given names and
/// stopwords excluded), as in `examples/throughput.rs`.
fn raw_scanner() -> AhoCorasick {
    let entries = gazetteer::default_entries().expect("the default gazetteers parse");
    let mut phrases: Vec<&str> = entries
        .iter()
        .filter(|e| e.kind.entity().is_some())
        .flat_map(|e| e.surface_forms())
        .collect();
    phrases.sort_unstable();
    phrases.dedup();
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&phrases)
        .expect("the surface forms compile")
}
