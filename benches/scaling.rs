//! How extraction cost scales with the size of the gazetteer and with the
//! size of the document.
//!
//! ```text
//! cargo bench --bench scaling
//! cargo bench --bench scaling -- gazetteer_size   # one group only
//! ```
//!
//! Group `gazetteer_size` (`Throughput::Bytes`): `Extractor::extract`, article
//! by article, over a fixed ~200 KB text with extractors built from
//! synthetic gazetteers only (`default_gazetteers(false)`) of 1k, 10k, 100k
//! and 1M entries. Entries are deterministic pseudo-random two-word
//! capitalised names ("Marvin Kelosh"), of kind place, person or
//! organisation, one stream from a fixed seed, so that each gazetteer
//! holds the entries of every smaller one. The text is a sample of the news
//! corpus (every k-th article, ~200 KB), each article followed by a
//! sentence that names three entries among the first 1,000, so every
//! gazetteer matches the same names. Throughput should stay nearly flat as
//! the gazetteer grows. Each extractor is built (and its build time, size
//! and entity count printed) only when its benchmark runs.
//!
//! Group `document_size` (`Throughput::Bytes`, and criterion's time per
//! document): `Extractor::extract` with the default gazetteers on one
//! document of 1 KB, 10 KB, 100 KB, 1 MB and 10 MB, made by joining corpus
//! articles in corpus order, and the 10 MB document's bytes read as 1,000
//! documents of 10 KB (`10KBx1000`). Time should grow linearly with size,
//! that is throughput should stay flat. (The 10 KB document, read over and
//! over, finds its gazetteer entries and buffers in the caches; the 10 MB
//! one, read in windows of 64 KiB, is better compared with `10KBx1000`.)
//!
//! Without the news corpus both groups use synthetic news-like text instead
//! (and say so), so this bench always runs.

mod common;

use std::cell::OnceCell;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use gazetteer_ner::Extractor;

use common::Rng;

/// Gazetteer sizes, in entries.
const GAZETTEER_SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];
/// The size of the text sample of `gazetteer_size`, in bytes.
const SAMPLE_BYTES: usize = 200_000;
/// Document sizes, in bytes.
const DOCUMENT_SIZES: [usize; 5] = [1_000, 10_000, 100_000, 1_000_000, 10_000_000];

fn main() {
    let corpus = common::load_corpus("scaling");
    if corpus.is_none() {
        println!("scaling: using synthetic news-like text instead of the corpus");
    }
    let mut c = Criterion::default().configure_from_args();
    gazetteer_size(&mut c, corpus.as_deref());
    document_size(&mut c, corpus.as_deref());
    c.final_summary();
}

fn gazetteer_size(c: &mut Criterion, corpus: Option<&[String]>) {
    let names = SyntheticGazetteer::new(*GAZETTEER_SIZES.iter().max().unwrap_or(&0));
    let articles = match corpus {
        Some(corpus) => common::sample(corpus, SAMPLE_BYTES),
        None => (0..SAMPLE_BYTES / 1200)
            .map(|i| common::synthetic_text(1200, i as u64))
            .collect(),
    };
    let mut rng = Rng::new(7);
    let texts: Vec<String> = articles
        .into_iter()
        .map(|article| {
            let mut pick = || names.name(rng.below(1_000));
            format!(
                "{article}\n\n{} met officials of {} in {} on Monday.",
                pick(),
                pick(),
                pick()
            )
        })
        .collect();
    let bytes = common::bytes(&texts);
    println!(
        "gazetteer_size: {} texts, {:.2} MB",
        texts.len(),
        bytes as f64 / 1e6
    );

    let mut group = c.benchmark_group("gazetteer_size");
    group
        .throughput(Throughput::Bytes(bytes as u64))
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for size in GAZETTEER_SIZES {
        let extractor = OnceCell::new();
        group.bench_function(BenchmarkId::from_parameter(size), |b| {
            let extractor = extractor.get_or_init(|| names.extractor(size, &texts));
            b.iter(|| {
                texts
                    .iter()
                    .map(|t| extractor.extract(t).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

fn document_size(c: &mut Criterion, corpus: Option<&[String]>) {
    let extractor = Extractor::builder()
        .build()
        .expect("the default gazetteers build");
    let mut group = c.benchmark_group("document_size");
    for size in DOCUMENT_SIZES {
        let doc = match corpus {
            Some(corpus) => common::document(corpus, size),
            None => common::synthetic_text(size, 1),
        };
        group.throughput(Throughput::Bytes(doc.len() as u64));
        if size >= 1_000_000 {
            // About 0.1 s (1 MB) and 1 s (10 MB) an iteration.
            group
                .sampling_mode(SamplingMode::Flat)
                .sample_size(10)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(if size >= 10_000_000 { 12 } else { 4 }));
        } else {
            group
                .sampling_mode(SamplingMode::Auto)
                .sample_size(20)
                .warm_up_time(Duration::from_secs(1))
                .measurement_time(Duration::from_secs(3));
        }
        group.bench_function(BenchmarkId::from_parameter(human(size)), |b| {
            b.iter(|| extractor.extract(&doc).len())
        });
        if size == PIECES_OF {
            // The same bytes read as documents of 10 KB: the time per byte
            // of news whose tables and buffers are not warm from reading the
            // same 10 KB over and over.
            let pieces = pieces(&doc, 10_000);
            let label = format!("{}x{}", human(10_000), pieces.len());
            group.bench_function(BenchmarkId::from_parameter(label), |b| {
                b.iter(|| {
                    pieces
                        .iter()
                        .map(|p| extractor.extract(p).len())
                        .sum::<usize>()
                })
            });
        }
    }
    group.finish();
}

/// The document that is also read in pieces of 10 KB.
const PIECES_OF: usize = 10_000_000;

/// `text` cut into pieces of `len` bytes (to the next character boundary).
fn pieces(text: &str, len: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        pieces.push(&text[start..end]);
        start = end;
    }
    pieces
}

/// A stream of synthetic gazetteer entries from a fixed seed.
struct SyntheticGazetteer {
    /// Entry lines, `kind<TAB>name<TAB><TAB>rank`.
    lines: Vec<String>,
}

impl SyntheticGazetteer {
    const SYLLABLES: &[&str] = &[
        "ba", "ka", "lo", "mi", "ra", "tu", "ve", "zan", "dor", "rin", "sha", "kel", "mar", "tos",
        "vin", "gal", "hen", "li", "no", "pe", "qua", "sor", "tha", "wen", "yel", "zu", "fer",
        "gri", "ost", "ul", "and", "em",
    ];
    const KINDS: &[&str] = &["place", "person", "organisation"];

    fn new(n: usize) -> SyntheticGazetteer {
        let mut rng = Rng::new(0x5eed);
        let word = |rng: &mut Rng| {
            let mut w = String::new();
            for _ in 0..2 + rng.below(2) {
                w.push_str(rng.pick(Self::SYLLABLES));
            }
            w[..1].to_ascii_uppercase() + &w[1..]
        };
        let lines = (0..n)
            .map(|_| {
                let kind = rng.pick(Self::KINDS);
                let name = format!("{} {}", word(&mut rng), word(&mut rng));
                format!("{kind}\t{name}\t\t{}", rng.below(101))
            })
            .collect();
        SyntheticGazetteer { lines }
    }

    /// The name of entry `i`.
    fn name(&self, i: usize) -> &str {
        self.lines[i].split('\t').nth(1).unwrap_or("")
    }

    /// An extractor with the first `n` entries only, reporting its build
    /// time, size and what it finds in `texts`.
    fn extractor(&self, n: usize, texts: &[String]) -> Extractor {
        let data = self.lines[..n].join("\n");
        let start = Instant::now();
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .gazetteer_data("synthetic.tsv", data)
            .build()
            .expect("the synthetic gazetteer builds");
        let built = start.elapsed();
        let entities: usize = texts.iter().map(|t| extractor.extract(t).len()).sum();
        println!(
            "gazetteer_size/{n}: {} entries, {} surface forms, built in {:.0} ms, \
             memory_usage() {:.1} MB, {entities} entities in the sample",
            extractor.entry_count(),
            extractor.pattern_count(),
            built.as_secs_f64() * 1e3,
            extractor.memory_usage() as f64 / 1e6,
        );
        extractor
    }
}

/// `1_000` as "1KB", `10_000_000` as "10MB".
fn human(bytes: usize) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{}MB", b / 1_000_000),
        b if b >= 1_000 => format!("{}KB", b / 1_000),
        b => format!("{b}B"),
    }
}
