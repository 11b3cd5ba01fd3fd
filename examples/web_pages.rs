//! Extraction on real web pages, with and without their main content.
//!
//! ```text
//! cargo run --release --features main-content --example web_pages -- [DIR] [--per-page] [--outside N]
//! ```
//!
//! `DIR` (by default `../shared/corpus/web/readability-test-pages`) holds
//! one folder per page with `source.html`, the page as fetched, and
//! `expected.html`, its main content as Mozilla's Readability keeps it.
//! Over all pages, with the default gazetteers and `Markup::Html`:
//!
//! - mentions per page, reading the whole page and with `main_content`;
//! - in the article: the share of mentions whose text lies in the
//!   article (the mention's visible text, white space collapsed, is found
//!   in the visible text of `expected.html`);
//! - still found: of the mentions found by extraction on `expected.html`
//!   itself, the share found again on the page (per page, the mentions of
//!   each visible text counted, and the smaller count taken);
//! - crossing: mentions whose span in the page holds a tag of a block-level
//!   or hidden element (`</p>`, `<td>`, `</title>`, `<script>` …), and
//!   those that hold a link's tag (`<a …>`, `</a>`);
//! - pages per second and MB/s of page on one thread, each run timed
//!   `--repeat` times and the best kept;
//! - the title and byline found, against Readability's own in
//!   `expected-metadata.json` where a page has one.
//!
//! `--outside N` lists the N commonest mention texts outside the article
//! (the menus', footers' and banners' entities); `--per-page` gives the
//! figures of each page. `--min-in-article`, `--min-still-found` and
//! `--max-crossing` make it a check: exit status 1 when a figure is out of
//! bounds.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use gazetteer_ner::markup::Visible;
use gazetteer_ner::{Entity, Extractor, Markup};

#[derive(Parser)]
#[command(about = "Measures extraction on web pages with and without their main content")]
struct Args {
    /// Folder of pages, one folder each with source.html and expected.html.
    dir: Option<PathBuf>,
    /// Times each speed run is repeated; the best is kept.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
    /// Figures for each page.
    #[arg(long)]
    per_page: bool,
    /// Lists the N commonest mention texts outside the article, reading the
    /// whole page.
    #[arg(long, value_name = "N")]
    outside: Option<usize>,
    /// Fails below this share of main-content mentions in the article.
    #[arg(long)]
    min_in_article: Option<f64>,
    /// Fails below this share of the article's mentions still found with
    /// main content.
    #[arg(long)]
    min_still_found: Option<f64>,
    /// Fails above this many mentions crossing a block element, reading the
    /// whole page.
    #[arg(long)]
    max_crossing: Option<usize>,
}

struct Page {
    name: String,
    source: String,
    /// The visible text of expected.html, white space collapsed.
    article_text: String,
    /// Mentions found on expected.html, by visible text.
    article_mentions: HashMap<String, usize>,
    /// Readability's title and byline, from expected-metadata.json.
    metadata: Option<(Option<String>, Option<String>)>,
}

/// Figures of one way of reading the pages.
#[derive(Default)]
struct Tally {
    mentions: usize,
    in_article: usize,
    still_found: usize,
    of_article: usize,
    crossing_blocks: usize,
    crossing_links: usize,
}

fn main() {
    let args = Args::parse();
    match run(&args) {
        Ok(true) => {}
        Ok(false) => std::process::exit(1),
        Err(message) => {
            eprintln!("web_pages: {message}");
            std::process::exit(2);
        }
    }
}

fn run(args: &Args) -> Result<bool, String> {
    let dir = args.dir.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus/web/readability-test-pages")
    });
    let whole = Extractor::builder()
        .markup(Markup::Html)
        .build()
        .map_err(|e| e.to_string())?;
    let main = Extractor::builder()
        .markup(Markup::Html)
        .main_content(true)
        .build()
        .map_err(|e| e.to_string())?;
    let pages = load(&dir, &whole)?;
    if pages.is_empty() {
        return Err(format!("no pages in {}", dir.display()));
    }

    let mut tallies = [Tally::default(), Tally::default()];
    let mut outside: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        for (k, extractor) in [&whole, &main].into_iter().enumerate() {
            let entities = extractor.extract(&page.source);
            let t = tally(page, &entities, (k == 0).then_some(&mut outside));
            if args.per_page {
                println!(
                    "{:<22} {:<5} mentions {:>4}  in article {:>5.1}%  still found {:>5.1}%  crossing blocks {:>3} links {:>3}",
                    page.name,
                    ["whole", "main"][k],
                    t.mentions,
                    percent(t.in_article, t.mentions),
                    percent(t.still_found, t.of_article),
                    t.crossing_blocks,
                    t.crossing_links,
                );
            }
            let all = &mut tallies[k];
            all.mentions += t.mentions;
            all.in_article += t.in_article;
            all.still_found += t.still_found;
            all.of_article += t.of_article;
            all.crossing_blocks += t.crossing_blocks;
            all.crossing_links += t.crossing_links;
        }
    }

    // Titles and bylines against Readability's.
    let (mut with_metadata, mut same_title, mut same_byline) = (0, 0, 0);
    for page in &pages {
        let Some((title, byline)) = &page.metadata else {
            continue;
        };
        let found = main.extract_page(&page.source);
        let same = |a: &Option<String>, b: &Option<String>| {
            a.as_deref().map(collapse) == b.as_deref().map(collapse)
        };
        with_metadata += 1;
        same_title += usize::from(same(&found.title, title));
        same_byline += usize::from(same(&found.byline, byline));
    }

    let bytes: usize = pages.iter().map(|p| p.source.len()).sum();
    let speed = |extractor: &Extractor| {
        let best = (0..args.repeat.max(1))
            .map(|_| {
                let start = Instant::now();
                let found: usize = pages
                    .iter()
                    .map(|p| extractor.extract(&p.source).len())
                    .sum();
                std::hint::black_box(found);
                start.elapsed().as_secs_f64()
            })
            .fold(f64::INFINITY, f64::min);
        (pages.len() as f64 / best, bytes as f64 / 1e6 / best)
    };
    let speeds = [speed(&whole), speed(&main)];

    println!(
        "{} pages, {:.1} MB; {} mentions on expected.html",
        pages.len(),
        bytes as f64 / 1e6,
        tallies[0].of_article
    );
    println!(
        "| reading | mentions | per page | in the article | article's mentions still found | crossing a block element | crossing a link | pages/s | MB/s |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (k, label) in ["whole page", "`main_content`"].into_iter().enumerate() {
        let t = &tallies[k];
        println!(
            "| {label} | {} | {:.1} | {:.1}% | {:.1}% | {} | {} | {:.1} | {:.2} |",
            t.mentions,
            t.mentions as f64 / pages.len() as f64,
            percent(t.in_article, t.mentions),
            percent(t.still_found, t.of_article),
            t.crossing_blocks,
            t.crossing_links,
            speeds[k].0,
            speeds[k].1,
        );
    }
    println!(
        "\ntitle as Readability's on {same_title} of {with_metadata} pages, byline on {same_byline}"
    );
    if let Some(n) = args.outside {
        let mut common: Vec<(String, usize)> = outside.into_iter().collect();
        common.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        println!("\ncommonest mentions outside the article, reading the whole page:");
        for (text, count) in common.into_iter().take(n) {
            println!("{count:>5}  {text}");
        }
    }

    let mut ok = true;
    let mut check = |pass: bool, what: String| {
        if !pass {
            eprintln!("web_pages: {what}");
            ok = false;
        }
    };
    let main_tally = &tallies[1];
    if let Some(min) = args.min_in_article {
        let got = percent(main_tally.in_article, main_tally.mentions) / 100.0;
        check(got >= min, format!("in article {got:.3} < {min}"));
    }
    if let Some(min) = args.min_still_found {
        let got = percent(main_tally.still_found, main_tally.of_article) / 100.0;
        check(got >= min, format!("still found {got:.3} < {min}"));
    }
    if let Some(max) = args.max_crossing {
        let got = tallies[0].crossing_blocks;
        check(
            got <= max,
            format!("{got} mentions cross a block element (at most {max})"),
        );
    }
    Ok(ok)
}

fn load(dir: &std::path::Path, whole: &Extractor) -> Result<Vec<Page>, String> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
        .collect();
    folders.sort();
    folders
        .into_iter()
        .map(|folder| {
            let read = |name: &str| {
                let path = folder.join(name);
                std::fs::read(&path)
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))
            };
            let source = read("source.html")?;
            let expected = read("expected.html")?;
            let mut article_mentions = HashMap::new();
            for entity in whole.extract(&expected) {
                for m in entity.mentions {
                    *article_mentions.entry(visible_text(&m.text)).or_default() += 1;
                }
            }
            let metadata = std::fs::read_to_string(folder.join("expected-metadata.json"))
                .ok()
                .and_then(|json| serde_json::from_str::<serde_json::Value>(&json).ok())
                .map(|v| {
                    let field = |k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_string);
                    (field("title"), field("byline"))
                });
            Ok(Page {
                metadata,
                name: folder
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                article_text: collapse(Visible::new(&expected, Markup::Html).text()),
                article_mentions,
                source,
            })
        })
        .collect()
}

fn tally(
    page: &Page,
    entities: &[Entity],
    mut outside: Option<&mut HashMap<String, usize>>,
) -> Tally {
    let mut t = Tally::default();
    let mut found: HashMap<String, usize> = HashMap::new();
    for m in entities.iter().flat_map(|e| &e.mentions) {
        t.mentions += 1;
        let text = visible_text(&m.text);
        if page.article_text.contains(&text) {
            t.in_article += 1;
        } else if let Some(outside) = outside.as_deref_mut() {
            *outside.entry(text.clone()).or_default() += 1;
        }
        *found.entry(text).or_default() += 1;
        let tags = tags(&m.text);
        t.crossing_blocks += usize::from(tags.iter().any(|t| is_block(t)));
        t.crossing_links += usize::from(tags.iter().any(|t| t.eq_ignore_ascii_case("a")));
    }
    for (text, &n) in &page.article_mentions {
        t.of_article += n;
        t.still_found += n.min(found.get(text).copied().unwrap_or(0));
    }
    t
}

/// The visible text of a piece of HTML, white space collapsed.
fn visible_text(html: &str) -> String {
    collapse(Visible::new(html, Markup::Html).text())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The names of the tags in a piece of HTML (`<p>`, `</p>`, `<a href=…>`).
fn tags(html: &str) -> Vec<&str> {
    html.match_indices('<')
        .filter_map(|(i, _)| {
            let rest = html[i + 1..].trim_start_matches('/');
            let end = rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len());
            (end > 0 && rest.as_bytes()[0].is_ascii_alphabetic()).then(|| &rest[..end])
        })
        .collect()
}

/// Elements whose boundary no name crosses: block-level, and those whose
/// content is never text.
fn is_block(tag: &str) -> bool {
    const BLOCKS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "button",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "iframe",
        "li",
        "main",
        "nav",
        "noscript",
        "ol",
        "option",
        "p",
        "pre",
        "script",
        "section",
        "select",
        "style",
        "summary",
        "svg",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ];
    BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(tag))
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}
