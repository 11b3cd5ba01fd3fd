//! Inputs shared by the benches: the news corpus, deterministic samples of
//! it, and synthetic news-like text for when the corpus is absent.
//!
//! Each bench uses part of this module only.
#![allow(dead_code)]

use std::path::PathBuf;

use serde::Deserialize;

pub mod adversarial;

/// The news corpus, `../shared/corpus/articles/*.jsonl` next to the crate.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles")
}

/// One JSONL line of the corpus; other fields are ignored.
#[derive(Deserialize)]
struct Article {
    text: String,
}

/// The `text` of every article of the corpus, file by file in file-name
/// order, line by line.
///
/// `None`, after printing why, when the corpus is absent or unreadable:
/// benches that need it then skip rather than fail.
pub fn load_corpus(bench: &str) -> Option<Vec<String>> {
    let dir = corpus_dir();
    let skip = |why: String| {
        println!("{bench}: {why}; skipping the benchmarks that need the news corpus");
        None
    };
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(e) => return skip(format!("no news corpus at {} ({e})", dir.display())),
    };
    files.retain(|p| p.extension().is_some_and(|e| e == "jsonl"));
    files.sort();
    if files.is_empty() {
        return skip(format!("no *.jsonl files in {}", dir.display()));
    }
    let mut texts = Vec::new();
    for path in &files {
        let data = match std::fs::read_to_string(path) {
            Ok(data) => data,
            Err(e) => return skip(format!("cannot read {} ({e})", path.display())),
        };
        for (i, line) in data.lines().enumerate() {
            match serde_json::from_str::<Article>(line) {
                Ok(article) => texts.push(article.text),
                Err(e) => return skip(format!("{}:{}: {e}", path.display(), i + 1)),
            }
        }
    }
    Some(texts)
}

/// One document of about `len` bytes of news: the first articles of the
/// corpus's first file, joined by blank lines, or without the corpus
/// synthetic news-like text; and which of the two it is.
pub fn news_document(len: usize) -> (String, &'static str) {
    let first = corpus_dir().join("bbc-2004-2005.jsonl");
    let Ok(data) = std::fs::read_to_string(&first) else {
        return (synthetic_text(len, 1), "synthetic news-like text");
    };
    let mut articles = Vec::new();
    let mut bytes = 0;
    for line in data.lines() {
        let Ok(article) = serde_json::from_str::<Article>(line) else {
            return (synthetic_text(len, 1), "synthetic news-like text");
        };
        bytes += article.text.len() + 2;
        articles.push(article.text);
        if bytes >= len {
            break;
        }
    }
    (document(&articles, len), "BBC articles of the corpus")
}

/// A fixed sample of about `target` bytes spread evenly over the corpus:
/// every k-th article, k = ⌈corpus bytes / target⌉, starting with the first.
/// Deterministic, and drawn from every source of the corpus rather than
/// from the first file only.
pub fn sample(texts: &[String], target: usize) -> Vec<String> {
    let total: usize = texts.iter().map(String::len).sum();
    let stride = total.div_ceil(target.max(1)).max(1);
    texts.iter().step_by(stride).cloned().collect()
}

/// The total length of `texts` in bytes.
pub fn bytes(texts: &[String]) -> usize {
    texts.iter().map(String::len).sum()
}

/// `texts` joined by blank lines until `len` bytes, cut at a character
/// boundary at or before `len` (so exactly `len` bytes for ASCII text).
/// Cycles through `texts` if they are too short.
pub fn document(texts: &[String], len: usize) -> String {
    let mut doc = String::with_capacity(len + 4096);
    let mut i = 0;
    while doc.len() < len && !texts.is_empty() {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&texts[i % texts.len()]);
        i += 1;
    }
    let mut end = len.min(doc.len());
    while !doc.is_char_boundary(end) {
        end -= 1;
    }
    doc.truncate(end);
    doc
}

/// SplitMix64: a small, fast, deterministic pseudo-random generator.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One of `items`, which must not be empty.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const NAMES: &[&str] = &[
    "Baghdad",
    "Iraq",
    "Iran",
    "Basra",
    "Mosul",
    "Washington",
    "London",
    "Reuters",
    "the United Nations",
    "the World Bank",
    "President George Bush",
    "Prime Minister Tony Blair",
    "Mr Abdul Karim",
    "Karbala province",
    "the Popular Mobilisation Forces",
    "Kataib Hezbollah",
    "Microsoft",
    "the European Union",
    "Germany",
    "Tokyo",
];

const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "in",
    "and",
    "to",
    "said",
    "on",
    "for",
    "with",
    "officials",
    "talks",
    "government",
    "market",
    "shares",
    "rose",
    "fell",
    "percent",
    "year",
    "week",
    "after",
    "before",
    "minister",
    "forces",
    "security",
    "agreement",
    "company",
    "profits",
    "oil",
    "prices",
    "meeting",
    "statement",
    "would",
    "could",
    "not",
    "was",
    "were",
    "has",
    "have",
    "been",
    "new",
    "last",
    "first",
    "billion",
    "million",
    "people",
    "city",
    "border",
    "trade",
];

/// News-like English text of exactly `len` bytes (ASCII): paragraphs of
/// sentences mixing common words, numbers and known names, from a fixed
/// seed. Used where the corpus is absent.
pub fn synthetic_text(len: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(len + 256);
    while text.len() < len {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        for _ in 0..3 + rng.below(4) {
            let words = 8 + rng.below(20);
            for w in 0..words {
                let word = match rng.below(10) {
                    0 | 1 => rng.pick(NAMES).to_string(),
                    2 => (1 + rng.below(2000)).to_string(),
                    _ => rng.pick(WORDS).to_string(),
                };
                if w == 0 {
                    let mut chars = word.chars();
                    let first = chars.next().map(|c| c.to_ascii_uppercase());
                    text.extend(first);
                    text.push_str(chars.as_str());
                } else {
                    text.push(' ');
                    text.push_str(&word);
                }
                if w + 1 < words && rng.below(12) == 0 {
                    text.push(',');
                }
            }
            text.push_str(". ");
        }
    }
    text.truncate(len);
    text
}
