//! Linear time on every input: each adversarial shape of text (see
//! `benches/common/adversarial.rs`) costs at most five times as much per
//! byte as ordinary news.
//!
//! Absolute times mean nothing on a shared machine, so the test compares
//! two times taken in the same run: in each round, news and then a shape,
//! each extracted once, give that shape's ratio of times per byte for the
//! round; the test takes each shape's median over the rounds, which a slow
//! spell of a few runs does not move. A quadratic path shows up as a ratio
//! that grows with the size of the text (10 to 1,000 before the fixes);
//! the shapes' own ratios, from their density of names, are 0.2 to 3.

#[path = "../benches/common/mod.rs"]
mod common;

use std::time::Instant;

use gazetteer_ner::Extractor;

/// The size of each text: several windows, so that a path quadratic in a
/// window shows too.
const SIZE: usize = 256 << 10;
/// The rounds, each with every shape once.
const ROUNDS: usize = 5;
/// The largest median ratio allowed.
const MAX_RATIO: f64 = 5.0;

/// Nanoseconds per byte for one extraction of `text`.
fn ns_per_byte(extractor: &Extractor, text: &str) -> f64 {
    let start = Instant::now();
    let entities = extractor.extract(text);
    let elapsed = start.elapsed();
    drop(std::hint::black_box(entities));
    elapsed.as_nanos() as f64 / text.len() as f64
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[test]
fn adversarial_shapes_cost_at_most_five_times_news_per_byte() {
    let extractor = Extractor::builder().build().unwrap();
    let (news, source) = common::news_document(SIZE);
    let shapes = common::adversarial::shapes(SIZE);
    // A first run of each warms the caches and the allocator.
    ns_per_byte(&extractor, &news);
    let mut ratios = vec![Vec::new(); shapes.len()];
    for _ in 0..ROUNDS {
        for ((_, text), ratios) in shapes.iter().zip(&mut ratios) {
            let news = ns_per_byte(&extractor, &news);
            ratios.push(ns_per_byte(&extractor, text) / news);
        }
    }
    let mut report = format!("time per byte against {source}, median of {ROUNDS} rounds:\n");
    let mut over = Vec::new();
    for ((name, _), ratios) in shapes.iter().zip(&mut ratios) {
        let ratio = median(ratios);
        report.push_str(&format!("  {name:28} {ratio:5.2}\n"));
        if ratio > MAX_RATIO {
            over.push(*name);
        }
    }
    println!("{report}");
    assert!(over.is_empty(), "above {MAX_RATIO}x: {over:?}\n{report}");
}
