//! Properties that hold for every input: offsets that slice the input to
//! the mention's text on character boundaries, mentions of one entity that
//! never overlap, entities in order of first mention, no mention across a
//! blank line or a block-level or hidden HTML element, and results that do
//! not depend on the run or the thread.

use gazetteer_ner::{Entity, Extractor, extract};
use proptest::prelude::*;

fn check_invariants(text: &str, entities: &[Entity]) -> Result<(), TestCaseError> {
    let mut previous_first = None;
    for entity in entities {
        prop_assert!(!entity.mentions.is_empty());
        prop_assert!(!entity.name.is_empty());
        for m in &entity.mentions {
            prop_assert!(m.start < m.end, "empty mention {:?}", m);
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
        }
        for pair in entity.mentions.windows(2) {
            prop_assert!(
                pair[0].end <= pair[1].start,
                "overlap or disorder {:?}",
                pair
            );
        }
        let first = entity.mentions[0].start;
        if let Some(previous) = previous_first {
            prop_assert!(previous <= first, "entities out of order");
        }
        previous_first = Some(first);
    }
    Ok(())
}

/// Whether a mention's text spans a hard break that shows in the input: a
/// blank line, or the tag of a block-level or hidden HTML element.
fn spans_a_boundary(mention: &str) -> bool {
    let lower = mention.to_ascii_lowercase();
    mention.lines().any(|line| line.trim().is_empty())
        || [
            "<p", "</p", "<br", "<td", "</td", "<h1", "</h1", "</title", "<script",
        ]
        .iter()
        .any(|tag| lower.contains(tag))
}

/// Text made of news-like pieces, so that the rules and the resolver get
/// exercised, mixed with arbitrary characters.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Iraq".to_string()),
        Just("Iraq's".to_string()),
        Just("Mr".to_string()),
        Just("Mr.".to_string()),
        Just("Al".to_string()),
        Just("Sadr".to_string()),
        Just("Moqtada Al Sadr".to_string()),
        Just("Popular Mobilisation Forces".to_string()),
        Just("(PMF)".to_string()),
        Just("PMF".to_string()),
        Just("province".to_string()),
        Just("Ministry of".to_string()),
        Just("the".to_string()),
        Just("-".to_string()),
        Just(".".to_string()),
        Just("\n".to_string()),
        Just("’s".to_string()),
        Just("<p>".to_string()),
        Just("</a>".to_string()),
        Just("<a href=\"x\">".to_string()),
        Just("&amp;".to_string()),
        Just("&#8217;".to_string()),
        Just("<!--".to_string()),
        Just("<script>".to_string()),
        Just("\n\n".to_string()),
        Just("<br>".to_string()),
        Just("</p><p>".to_string()),
        Just("</td><td>".to_string()),
        Just("<h1>".to_string()),
        Just("</title>".to_string()),
        Just("<script>Mosul</script>".to_string()),
        Just("<em>".to_string()),
        Just("New York".to_string()),
        Just("Basra".to_string()),
        Just("Jones".to_string()),
        Just("Party".to_string()),
        "[A-Z][a-z]{0,8}",
        "[a-z]{1,8}",
        "\\PC{0,6}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_unicode_keeps_the_invariants(text in "\\PC{0,200}") {
        let entities = extract(&text);
        check_invariants(&text, &entities)?;
    }

    #[test]
    fn arbitrary_strings_with_controls_keep_the_invariants(text in ".{0,120}") {
        let entities = extract(&text);
        check_invariants(&text, &entities)?;
    }

    #[test]
    fn newsish_and_html_text_keeps_the_invariants(text in newsish()) {
        let entities = extract(&text);
        check_invariants(&text, &entities)?;
        for m in entities.iter().flat_map(|e| &e.mentions) {
            prop_assert!(!spans_a_boundary(&m.text), "{:?} spans a boundary", m.text);
        }
        // The same text gives the same result on every run.
        prop_assert_eq!(extract(&text), entities);
    }
}

#[test]
fn results_are_identical_across_threads() {
    let extractor = Extractor::builder().build().unwrap();
    let texts: Vec<String> = (0..64)
        .map(|i| {
            format!(
                "Moqtada Al Sadr met {i} envoys in Baghdad. Mr Al Sadr said the \
                 Popular Mobilisation Forces (PMF) would stay in Karbala province. \
                 Iraq's PMF and Iran-backed groups agreed {i} times."
            )
        })
        .collect();
    let expected: Vec<Vec<Entity>> = texts.iter().map(|t| extractor.extract(t)).collect();
    assert!(expected.iter().all(|e| e.len() >= 5));
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|offset| {
                let extractor = &extractor;
                let texts = &texts;
                scope.spawn(move || {
                    (0..texts.len())
                        .map(|i| (i + offset * 16) % texts.len())
                        .map(|i| (i, extractor.extract(&texts[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            for (i, entities) in handle.join().unwrap() {
                assert_eq!(entities, expected[i], "text {i} differs across threads");
            }
        }
    });
}
