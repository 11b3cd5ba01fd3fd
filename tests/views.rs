//! End-to-end tests of the `extract` CLI's views (`--format`, `--offsets`,
//! `--kinds`, `--progress`, `--summary`) and of the `top_entities` example,
//! run as built binaries (built once per test process by `tests/common/`).

mod common;

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use common::{Run, TempDir, example, run};

// ------------------------------------------------------------- harness --

fn run_example(name: &str, args: &[&str], stdin: &[u8]) -> Run {
    run(Command::new(example(name)).args(args), stdin)
}

fn extract(args: &[&str], stdin: &str) -> Run {
    run_example("extract", args, stdin.as_bytes())
}

/// A scratch file's path as the CLI's argument.
fn arg(path: PathBuf) -> String {
    path.to_string_lossy().into_owned()
}

/// Gazetteers of names with accents, for texts with emoji.
fn gazetteers() -> TempDir {
    let dir = TempDir::new("gazetteers");
    dir.file(
        "names.tsv",
        "place\tZürich\nperson\tJosé Ñúñez\tÑúñez\norganisation\tAcme Widgets\tAcme\n",
    );
    dir
}

/// `(start, end, text)` of every mention.
fn spans(entities: &Value) -> Vec<(usize, usize, String)> {
    entities
        .as_array()
        .expect("entities is an array")
        .iter()
        .flat_map(|e| e["mentions"].as_array().unwrap())
        .map(|m| {
            let n = |key: &str| m[key].as_u64().unwrap() as usize;
            (
                n("start"),
                n("end"),
                m["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const ACCENTED: &str = "😀 José Ñúñez flew from Zürich 🇨🇭. Ñúñez met Acme Widgets in Zürich.";

// ------------------------------------------------------------ --offsets --

#[test]
fn offsets_count_bytes_chars_or_utf16_units() {
    let dir = gazetteers();
    let names = arg(dir.path().to_path_buf());
    let of = |unit: &str| {
        let run = extract(
            &["--gazetteers", &names, "--compact", "--offsets", unit],
            ACCENTED,
        );
        spans(&run.assert_ok().json()["entities"])
    };
    let bytes = of("bytes");
    let chars = of("chars");
    let utf16 = of("utf16");
    assert!(bytes.len() >= 5, "{bytes:?}");
    assert_eq!(
        bytes,
        spans(&extract(&["--gazetteers", &names], ACCENTED).json()["entities"])
    );
    let code_points: Vec<char> = ACCENTED.chars().collect();
    let units: Vec<u16> = ACCENTED.encode_utf16().collect();
    for ((b, c), u) in bytes.iter().zip(&chars).zip(&utf16) {
        let name = &b.2;
        assert_eq!(&ACCENTED[b.0..b.1], name);
        assert_eq!(&code_points[c.0..c.1].iter().collect::<String>(), name);
        assert_eq!(&String::from_utf16(&units[u.0..u.1]).unwrap(), name);
        assert!(
            c.0 < b.0 && u.0 > c.0,
            "the emoji before count differently: {b:?} {c:?} {u:?}"
        );
    }
}

#[test]
fn offsets_apply_to_jsonl_records_and_count_a_byte_order_mark_as_one() {
    let dir = gazetteers();
    let names = arg(dir.path().to_path_buf());
    let record = json!({"id": "a", "text": ACCENTED});
    let run = extract(
        &["--gazetteers", &names, "--jsonl", "--offsets", "chars"],
        &format!("{record}\n"),
    );
    let chars: Vec<char> = ACCENTED.chars().collect();
    for (start, end, text) in spans(&run.assert_ok().json_lines()[0]["entities"]) {
        assert_eq!(chars[start..end].iter().collect::<String>(), text);
    }
    let with_bom = arg(dir.file("bom.txt", format!("\u{feff}{ACCENTED}")));
    let run = extract(
        &["--gazetteers", &names, "--offsets", "utf16", &with_bom],
        "",
    );
    let units: Vec<u16> = format!("\u{feff}{ACCENTED}").encode_utf16().collect();
    for (start, end, text) in spans(&run.assert_ok().json()["entities"]) {
        assert_eq!(String::from_utf16(&units[start..end]).unwrap(), text);
    }
}

#[test]
fn offsets_other_than_bytes_are_for_json_only() {
    let run = extract(
        &["--offsets", "chars", "--format", "conll"],
        "Talks in Baghdad.",
    );
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr.contains("--offsets"), "{}", run.stderr);
}

// -------------------------------------------------------------- --kinds --

#[test]
fn kinds_keeps_only_the_kinds_asked_for() {
    let text = "Iraqi troops left Baghdad. Moqtada al-Sadr met the United Nations.";
    let all = extract(&[], text).assert_ok().json();
    let kinds = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap().to_string())
            .collect();
        k.sort();
        k.dedup();
        k
    };
    assert!(kinds(&all).len() >= 3, "{all}");
    let some = extract(&["--kinds", "person,place"], text)
        .assert_ok()
        .json();
    assert_eq!(kinds(&some), ["person", "place"]);
    let kept: Vec<&Value> = all["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "person" || e["kind"] == "place")
        .collect();
    assert_eq!(
        some["entities"]
            .as_array()
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        kept
    );
    let lines = extract(
        &["--jsonl", "--kinds", "group"],
        &format!("{}\n", json!({"text": text})),
    );
    assert_eq!(kinds(&lines.assert_ok().json_lines()[0]), ["group"]);
}

#[test]
fn an_unknown_kind_is_a_usage_error() {
    let run = extract(&["--kinds", "person,planet"], "Talks in Baghdad.");
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr.contains("planet"), "{}", run.stderr);
    assert!(
        run.stderr.contains("person, group, place, organisation"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

// ------------------------------------------------------------- --format --

#[test]
fn html_marks_every_mention_in_the_visible_text() {
    let input = "<html><body><h1>Talks</h1><p>Moqtada al-Sadr &amp; Iraqi leaders met in <b>Baghdad</b>.</p>\
                 <p>Al-Sadr left Baghdad for Najaf.</p></body></html>";
    let json = extract(&["--compact"], input).assert_ok().json();
    let mentions = spans(&json["entities"]);
    assert!(mentions.len() >= 4, "{json}");
    let run = extract(&["--format", "html"], input);
    let html = &run.assert_ok().stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(
        html.matches("<mark data-kind=").count(),
        mentions.len(),
        "{html}"
    );
    assert!(
        html.contains("met in <mark data-kind=\"place\" data-entity=\""),
        "{html}"
    );
    assert!(
        html.contains("</mark> &amp; <mark"),
        "the visible text, references decoded and escaped again"
    );
    assert!(
        html.contains("<div class=\"text\">Talks\n\n<mark"),
        "blank lines collapsed: {html}"
    );
    assert!(
        !html.contains("<p>") && !html.contains("<b>"),
        "the input's tags are not shown"
    );
    for entity in json["entities"].as_array().unwrap() {
        let name = entity["name"].as_str().unwrap();
        assert!(
            html.contains(&format!("title=\"{name} (")),
            "hover names {name}"
        );
    }
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "nothing loaded"
    );
}

#[test]
fn html_of_several_inputs_has_a_section_per_input_with_its_own_entities() {
    let dir = TempDir::new("html-several");
    let first = arg(dir.file("first.txt", "Moqtada al-Sadr met Iraqi leaders in Baghdad."));
    let second = arg(dir.file("second.txt", "Talks in Najaf. Najaf and Basra said."));
    let missing = arg(dir.path().join("missing.txt"));
    let run = extract(&["--format", "html", &first, &missing, &second], "");
    assert_eq!(run.code(), Some(2), "a missing input fails the run");
    assert!(run.stderr.contains(&missing), "{}", run.stderr);
    let html = &run.stdout;
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1, "one page");
    assert!(
        html.contains("<title>3 documents · entities</title>"),
        "{html}"
    );
    assert!(html.trim_end().ends_with("</html>"), "the page is closed");
    // A section per input read, in order, headed by its name; the missing
    // input's place is skipped.
    let sections: Vec<&str> = html.split("<section id=\"doc-").skip(1).collect();
    assert_eq!(sections.len(), 2, "{html}");
    for (section, (index, file)) in sections.iter().zip([(0, &first), (2, &second)]) {
        assert!(section.starts_with(&format!("{index}\">")), "{section}");
        assert!(section.contains(&format!("<h1>{file}</h1>")), "{section}");
        // Its marks are its input's mentions, numbered as in its JSON.
        let json = extract(&["--compact", file], "").assert_ok().json();
        let mut expected: Vec<(String, String)> = Vec::new();
        for (i, entity) in json["entities"].as_array().unwrap().iter().enumerate() {
            for mention in entity["mentions"].as_array().unwrap() {
                expected.push((i.to_string(), mention["text"].as_str().unwrap().to_string()));
            }
        }
        let mut marks: Vec<(String, String)> = section
            .split("<mark ")
            .skip(1)
            .map(|mark| {
                let entity = mark.split("data-entity=\"").nth(1).unwrap();
                let entity = &entity[..entity.find('"').unwrap()];
                let text = &mark[mark.find('>').unwrap() + 1..mark.find("</mark>").unwrap()];
                (entity.to_string(), text.to_string())
            })
            .collect();
        expected.sort();
        marks.sort();
        assert!(!marks.is_empty(), "{section}");
        assert_eq!(marks, expected, "{section}");
    }
}

#[test]
fn html_with_jsonl_is_refused() {
    let run = extract(&["--format", "html", "--jsonl"], "{\"text\":\"Baghdad\"}\n");
    assert_eq!(run.code(), Some(2));
    assert!(run.stderr.contains("--format html"), "{}", run.stderr);
}

#[test]
fn displacy_gives_spacy_manual_format_with_code_point_offsets() {
    let dir = gazetteers();
    let names = arg(dir.path().to_path_buf());
    let file = arg(dir.file("article.txt", ACCENTED));
    let run = extract(&["--gazetteers", &names, "--format", "displacy", &file], "");
    let doc = run.assert_ok().json();
    assert_eq!(doc["text"], ACCENTED);
    assert_eq!(doc["title"], file.as_str());
    let chars: Vec<char> = ACCENTED.chars().collect();
    let ents: Vec<(String, &str)> = doc["ents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = |key: &str| e[key].as_u64().unwrap() as usize;
            (
                chars[n("start")..n("end")].iter().collect(),
                e["label"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        ents.contains(&("José Ñúñez".to_string(), "PER")),
        "{ents:?}"
    );
    assert!(ents.contains(&("Zürich".to_string(), "LOC")), "{ents:?}");
    assert!(
        ents.contains(&("Acme Widgets".to_string(), "ORG")),
        "{ents:?}"
    );
    let records = format!(
        "{}\n{}\n",
        json!({"id": "x1", "text": "Talks in Baghdad."}),
        json!({"id": 7, "text": "Basra"})
    );
    let lines = extract(&["--format", "displacy", "--jsonl"], &records)
        .assert_ok()
        .json_lines();
    assert_eq!(
        lines[0],
        json!({"text": "Talks in Baghdad.", "ents": [{"start": 9, "end": 16, "label": "LOC"}], "title": "x1"})
    );
    assert_eq!(lines[1]["title"], "7");
    // With several inputs, a title names the record's file too.
    let dir = TempDir::new("displacy-several");
    let first = arg(dir.file("a.jsonl", &records));
    let second = arg(dir.file("b.jsonl", format!("{}\n", json!({"text": "Basra"}))));
    let lines = extract(&["--format", "displacy", "--jsonl", &first, &second], "")
        .assert_ok()
        .json_lines();
    let titles: Vec<&Value> = lines.iter().map(|line| &line["title"]).collect();
    assert_eq!(
        titles,
        [
            &json!(format!("{first} x1")),
            &json!(format!("{first} 7")),
            &json!(second)
        ]
    );
}

#[test]
fn conll_gives_one_token_a_line_with_bio_tags() {
    let dir = gazetteers();
    let names = arg(dir.path().to_path_buf());
    let run = extract(
        &["--gazetteers", &names, "--format", "conll"],
        "Acme Widgets opened in Zürich. Acme grew.",
    );
    assert_eq!(
        run.assert_ok().stdout,
        "Acme B-ORG\nWidgets I-ORG\nopened O\nin O\nZürich B-LOC\n. O\n\nAcme B-ORG\ngrew O\n. O\n\n"
    );
    let records = format!(
        "{}\n{}\n",
        json!({"text": "Talks in Baghdad."}),
        json!({"text": "Basra"})
    );
    let run = extract(&["--format", "conll", "--jsonl"], &records);
    assert_eq!(
        run.assert_ok().stdout,
        "-DOCSTART- O\n\nTalks O\nin O\nBaghdad B-LOC\n. O\n\n-DOCSTART- O\n\nBasra B-LOC\n\n"
    );
}

// ---------------------------------------------------- --progress, --summary --

#[test]
fn summary_and_progress_go_to_stderr_only_when_asked() {
    let records = format!(
        "{}\n{}\nnot json\n",
        json!({"id": 1, "text": "Iraqi troops left Baghdad."}),
        json!({"id": 2, "text": "Moqtada al-Sadr met them."})
    );
    let quiet = extract(&["--jsonl"], &records);
    assert_eq!(quiet.code(), Some(1));
    assert_eq!(
        quiet
            .stderr
            .lines()
            .filter(|l| !l.starts_with("error:"))
            .count(),
        0,
        "{}",
        quiet.stderr
    );
    let summary = extract(&["--jsonl", "--summary"], &records);
    assert_eq!(summary.stdout, quiet.stdout, "stdout is the same");
    assert!(
        summary.stderr.contains("summary: 3 records, "),
        "{}",
        summary.stderr
    );
    assert!(
        summary
            .stderr
            .contains(&format!(" {} bytes, 1 failed", records.len())),
        "{}",
        summary.stderr
    );
    assert!(
        summary.stderr.contains("1 person") && summary.stderr.contains("1 place"),
        "{}",
        summary.stderr
    );
    let progress = extract(&["--jsonl", "--progress"], &records);
    assert_eq!(progress.stdout, quiet.stdout);
    let last = progress.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("3 records, ") && last.ends_with(" 1 errors"),
        "{}",
        progress.stderr
    );
    let document = extract(&["--summary"], "Talks in Baghdad.");
    assert!(
        document
            .assert_ok()
            .stderr
            .starts_with("summary: 1 records, 17 bytes, 0 failed"),
        "{}",
        document.stderr
    );
}

// ---------------------------------------------------------------- --help --

#[test]
fn help_describes_every_view_option() {
    let help = extract(&["--help"], "").assert_ok().stdout.clone();
    for word in [
        "--format",
        "json",
        "html",
        "displacy",
        "conll",
        "PER",
        "GRP",
        "LOC",
        "ORG",
        "--offsets",
        "bytes",
        "chars",
        "utf16",
        "--kinds",
        "--progress",
        "--summary",
    ] {
        assert!(help.contains(word), "--help says nothing of {word}: {help}");
    }
}

// --------------------------------------------------------- top_entities --

#[test]
fn top_entities_counts_mentions_and_documents_of_a_run() {
    let records = format!(
        "{}\n{}\n{}\n",
        json!({"id": 1, "text": "Talks in Baghdad. Baghdad agreed."}),
        json!({"id": 2, "text": "Baghdad and Basra."}),
        json!({"id": 3, "text": "Basra"})
    );
    let output = extract(&["--jsonl"], &records).assert_ok().stdout.clone();
    let tsv = run_example(
        "top_entities",
        &["--tsv", "--kinds", "place"],
        output.as_bytes(),
    );
    assert_eq!(
        tsv.assert_ok().stdout,
        "kind\tname\tmentions\tdocuments\nplace\tBaghdad\t3\t2\nplace\tBasra\t2\t2\n"
    );
    let table = run_example("top_entities", &["--top", "1"], output.as_bytes());
    let table = &table.assert_ok().stdout;
    assert!(table.starts_with("3 documents\n"), "{table}");
    assert!(table.contains("place: 2 entities\n"), "{table}");
    assert!(
        table.contains("Baghdad\n") && !table.contains("Basra"),
        "--top 1: {table}"
    );
    let bad = run_example("top_entities", &["--kinds", "planet"], b"");
    assert_eq!(bad.code(), Some(2));
    let not_json = run_example("top_entities", &[], b"{\"entities\": [");
    assert_eq!(not_json.code(), Some(2));
}

#[test]
fn progress_is_on_by_default_for_jsonl_when_stderr_is_a_terminal() {
    // `script` runs the command on a pseudo-terminal and copies what it
    // writes there (its stderr; stdout goes to a file) to its own stdout.
    let dir = TempDir::new("terminal");
    let records = dir.file(
        "in.jsonl",
        format!("{}\n", json!({"text": "Talks in Baghdad."})).repeat(3),
    );
    let out = dir.path().join("out.jsonl");
    let command = format!(
        "{} --jsonl {} > {}",
        example("extract").display(),
        records.display(),
        out.display()
    );
    let terminal = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("script (util-linux) runs");
    assert!(terminal.status.success(), "{terminal:?}");
    let shown = String::from_utf8_lossy(&terminal.stdout);
    assert!(shown.contains("\r\u{1b}[2K3 records, "), "{shown:?}");
    assert_eq!(fs::read_to_string(&out).unwrap().lines().count(), 3);
}

#[test]
fn views_of_lossy_input_show_the_text_as_read() {
    let dir = TempDir::new("lossy");
    let file = arg(dir.file("bad.txt", b"Talks \xff in Baghdad."));
    let run = extract(&["--lossy", "--format", "displacy", &file], "");
    let doc = run.assert_ok().json();
    assert_eq!(doc["text"], "Talks \u{fffd} in Baghdad.");
    assert_eq!(
        doc["ents"],
        json!([{"start": 11, "end": 18, "label": "LOC"}])
    );
    let chars = extract(&["--lossy", "--offsets", "chars", "--compact", &file], "");
    assert_eq!(
        spans(&chars.assert_ok().json()["entities"]),
        [(11, 18, "Baghdad".to_string())]
    );
}

#[test]
fn with_explain_the_html_view_shows_each_mentions_why() {
    let text = "Moqtada Al Sadr spoke. Mr Al Sadr later left Baghdad.";
    let html = extract(&["--explain", "--format", "html"], text);
    let html = &html.assert_ok().stdout;
    let marks = html.matches("<mark ").count();
    assert!(marks >= 3, "{html}");
    assert_eq!(html.matches(" data-why=\"{").count(), marks, "{html}");
    assert!(
        html.contains("&quot;joined&quot;:&quot;person-suffix&quot;"),
        "{html}"
    );
    assert!(
        !extract(&["--format", "html"], text)
            .stdout
            .contains("data-why")
    );
}
