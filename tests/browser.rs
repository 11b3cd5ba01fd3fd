//! The HTML view in a real browser: headless Chromium renders the seed
//! article's page (`extract --format html`), and the DOM it builds must
//! hold one marked element per mention, with its kind and entity, and the
//! article's text, and the page's script must have run; on a page of two
//! inputs, a link ending in `#doc-1-entity-N` selects that entity's
//! mentions in the second input only.
//!
//! Ignored by a plain `cargo test`: it needs `chromium` and
//! `../shared/corpus/seed-article.txt`. `.ci/run` installs Debian's
//! `chromium` when it is missing and runs it with
//! `cargo test --test browser -- --ignored`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use gazetteer_ner::{Markup, Reading};
use serde_json::Value;

use common::extract;

const SEED: &str = "../shared/corpus/seed-article.txt";

/// Runs `command`, returning its stdout; panics with its stderr if it fails.
fn output(command: &mut Command) -> String {
    let out = command.output().expect("the command starts");
    assert!(
        out.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The DOM that headless Chromium builds of the page at `url`, its
/// scripts run; `dir` holds the browser's profile.
fn dump_dom(dir: &Path, url: &str) -> String {
    output(
        Command::new("timeout")
            .args([
                "120",
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
            ])
            .args([
                "--disable-background-networking",
                "--disable-component-update",
            ])
            .args(["--disable-sync", "--no-first-run"])
            .arg(format!("--user-data-dir={}", dir.join("profile").display()))
            .arg("--dump-dom")
            .arg(url),
    )
}

/// The text of an HTML fragment: tags dropped, the page's escapes decoded.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = &rest[open + rest[open..].find('>').expect("tags close") + 1..];
    }
    text.push_str(rest);
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
#[ignore = "needs chromium and ../shared/corpus; run by .ci/run"]
fn chromium_renders_one_marked_element_per_mention_and_the_article() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let article = fs::read_to_string(&seed).expect("the seed article is readable");
    let json: Value =
        serde_json::from_str(&output(extract().arg("--compact").arg(&seed))).expect("JSON output");
    let mentions: Vec<(String, String, &str)> = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .enumerate()
        .flat_map(|(i, e)| {
            e["mentions"]
                .as_array()
                .expect("mentions")
                .iter()
                .map(move |m| {
                    (
                        e["kind"].as_str().expect("kind").to_string(),
                        i.to_string(),
                        m["text"].as_str().expect("text"),
                    )
                })
        })
        .collect();
    assert!(mentions.len() > 20, "the seed article has its entities");

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch directory");
    let page = dir.join("seed-article.html");
    fs::write(
        &page,
        output(extract().args(["--format", "html"]).arg(&seed)),
    )
    .expect("the page is written");
    let dom = dump_dom(&dir, &format!("file://{}", page.display()));

    // One <mark> per mention, in text order, with its kind and entity.
    let marks: Vec<(&str, &str, String)> = dom
        .split("<mark ")
        .skip(1)
        .map(|mark| {
            let attribute = |name: &str| {
                let at = mark
                    .find(&format!("{name}=\""))
                    .expect("the attribute is there")
                    + name.len()
                    + 2;
                &mark[at..at + mark[at..].find('"').expect("quoted")]
            };
            let body = &mark
                [mark.find('>').expect("tag ends") + 1..mark.find("</mark>").expect("mark ends")];
            (
                attribute("data-kind"),
                attribute("data-entity"),
                text_of(body),
            )
        })
        .collect();
    let mut expected: Vec<(&str, &str, &str)> = mentions
        .iter()
        .map(|(kind, entity, text)| (kind.as_str(), entity.as_str(), *text))
        .collect();
    let mut seen: Vec<(&str, &str, &str)> =
        marks.iter().map(|(k, e, t)| (*k, *e, t.as_str())).collect();
    expected.sort_unstable();
    seen.sort_unstable();
    assert_eq!(seen, expected, "one marked element per mention");

    // The script ran: it counted the marks.
    assert!(
        dom.contains(&format!("data-mentions=\"{}\"", mentions.len())),
        "the page's script counted the marks"
    );

    // The article's text as a reader sees it (the seed article holds a
    // link), word for word.
    let visible = Reading::new(&article, Markup::Auto);
    let start = dom
        .find("<div class=\"text\">")
        .expect("the text is on the page");
    let end = start + dom[start..].find("</div>").expect("the text ends");
    assert_eq!(words(&text_of(&dom[start..end])), words(visible.text()));
}

#[test]
#[ignore = "needs chromium and ../shared/corpus; run by .ci/run"]
fn a_link_picks_an_entity_of_the_document_it_names() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-several");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch directory");
    let second = dir.join("second.txt");
    fs::write(
        &second,
        "Talks in Najaf. Najaf and Basra said. Later, Najaf.",
    )
    .expect("written");
    let json: Value = serde_json::from_str(&output(extract().arg("--compact").arg(&second)))
        .expect("JSON output");
    let najaf = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .position(|e| e["mentions"][0]["text"] == "Najaf")
        .expect("Najaf is found");
    let page = dir.join("two.html");
    fs::write(
        &page,
        output(extract().args(["--format", "html"]).arg(&seed).arg(&second)),
    )
    .expect("the page is written");
    let dom = dump_dom(
        &dir,
        &format!("file://{}#doc-1-entity-{najaf}", page.display()),
    );
    // Only the second document's marks of Najaf, and its list item, are
    // selected; the seed article's entity of the same number is not.
    let second_section = &dom[dom.find("<section id=\"doc-1\"").expect("a second section")..];
    let selected: Vec<&str> = dom.split("class=\"selected\"").skip(1).collect();
    assert_eq!(
        selected.len(),
        3 + 1,
        "three marks and one list item: {dom}"
    );
    assert_eq!(
        second_section.matches("class=\"selected\"").count(),
        4,
        "all in the second document"
    );
    assert_eq!(
        second_section
            .matches("class=\"selected\">Najaf</mark>")
            .count(),
        3,
        "{second_section}"
    );
}
