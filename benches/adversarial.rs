//! Time on adversarial shapes of text, against news of the same size.
//!
//! ```text
//! cargo bench --bench adversarial
//! cargo bench --bench adversarial -- 1MB   # one size only
//! ```
//!
//! Group `adversarial` (`Throughput::Bytes`): `Extractor::extract` with the
//! default gazetteers on one document of 100 KB and of 1 MB of each shape
//! of `common/adversarial.rs` (headlines in capitals with titles, titles
//! inside a name, runs of capitalised words and of designators, initials,
//! nested brackets, character references, hyphenated chains, acronym
//! definitions, persons sharing names, one long name over and over), and
//! of news (`news`: BBC articles of the corpus joined by blank lines, or
//! synthetic news-like text without it). Every shape's throughput should
//! stay within a small factor of news at both sizes; a quadratic path
//! shows as a shape ten times slower per byte at 1 MB than at 100 KB.
//! `tests/linear_time.rs` holds the ratio to 5 at most.

mod common;

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use gazetteer_ner::Extractor;

/// Document sizes, in bytes.
const SIZES: [usize; 2] = [100_000, 1_000_000];

fn main() {
    let mut c = Criterion::default().configure_from_args();
    let extractor = Extractor::builder()
        .build()
        .expect("the default gazetteers build");
    let mut group = c.benchmark_group("adversarial");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for size in SIZES {
        let label = if size >= 1_000_000 { "1MB" } else { "100KB" };
        let (news, source) = common::news_document(size);
        println!("adversarial/news/{label}: {source}");
        let mut texts = vec![("news", news)];
        texts.extend(common::adversarial::shapes(size));
        for (name, text) in &texts {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(*name, label), text, |b, text| {
                b.iter(|| extractor.extract(text).len())
            });
        }
    }
    group.finish();
    c.final_summary();
}
