//! Texts longer than the window (`ExtractorBuilder::window_size`) are read
//! window by window: offsets still point into the input as given, entities
//! with the same entry or name are joined across windows, and the other
//! merges stay within a window.

use gazetteer_ner::{EntityKind, Extractor};

/// The checks of the fuzz targets: offsets, order, no overlaps.
#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod checks;

fn extractor(window: usize) -> Extractor {
    Extractor::builder().window_size(window).build().unwrap()
}

#[test]
fn html_read_in_windows_maps_every_mention_back_to_the_input() {
    let mut html = String::from("<html><head><title>Talks</title></head><body>");
    for i in 0..40 {
        html.push_str(&format!(
            "<p>Talks in Baghdad&nbsp;went on, day {i}.<br>Caf&eacute; owners in Basra said &#8220;no&#8221;.</p>\n"
        ));
    }
    html.push_str("</body></html>");
    let entities = extractor(300).extract(&html);
    checks::check_entities(&html, &entities).unwrap();
    for (name, kind) in [("Baghdad", EntityKind::Place), ("Basra", EntityKind::Place)] {
        let found: Vec<_> = entities.iter().filter(|e| e.name == name).collect();
        assert_eq!(found.len(), 1, "{name} is one entity");
        assert_eq!(found[0].kind, kind);
        assert_eq!(found[0].mentions.len(), 40, "{name}");
    }
}

#[test]
fn a_paragraph_longer_than_the_window_is_cut_at_sentence_ends() {
    let text = "Talks in Baghdad went on. Officials in Basra said so. ".repeat(50);
    let entities = extractor(120).extract(&text);
    checks::check_entities(&text, &entities).unwrap();
    let mentions: usize = entities.iter().map(|e| e.mentions.len()).sum();
    assert_eq!(mentions, 100);
    assert_eq!(entities.len(), 2);
}

#[test]
fn only_same_entry_and_same_name_merges_cross_a_window() {
    let text = "Moqtada Al Sadr spoke in Basra.\n\n\
                Later Mr Sadr and the Popular Mobilisation Forces (PMF) left Basra.";
    let described = |window: usize| -> Vec<String> {
        extractor(window)
            .extract(text)
            .iter()
            .map(|e| {
                let spans: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
                format!("{}: {}", e.kind, spans.join(" | "))
            })
            .collect()
    };
    // Read whole, "Mr Sadr" joins Moqtada Al Sadr.
    assert_eq!(
        described(1 << 16),
        [
            "person: Moqtada Al Sadr | Sadr",
            "place: Basra | Basra",
            "group: Popular Mobilisation Forces | PMF",
        ]
    );
    // In two windows, Basra (the same entry) still joins, but "Sadr" (an
    // alias merge) no longer does.
    assert_eq!(
        described(80),
        [
            "person: Moqtada Al Sadr",
            "place: Basra | Basra",
            "person: Sadr",
            "group: Popular Mobilisation Forces | PMF",
        ]
    );
}

#[test]
fn a_window_of_any_size_keeps_the_invariants() {
    let text = "Ünïcode Café in Zürich 😀 met Basra officials.\r\n\r\nBaghdad\u{2028}Iraq é\u{301}";
    for window in 1..text.len() + 2 {
        // A small gazetteer: one build per window size.
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .window_size(window)
            .gazetteer_data(
                "places.tsv",
                "place\tBaghdad\nplace\tBasra\nplace\tZürich\nplace\tIraq\n",
            )
            .build()
            .unwrap();
        let entities = extractor.extract(text);
        if let Err(problem) = checks::check_entities(text, &entities) {
            panic!("window {window}: {problem}");
        }
    }
}

#[test]
fn entities_of_one_window_joined_through_another_keep_their_mentions_in_order() {
    // In the first window "Sadr" could be either Al Sadr, and stays an
    // entity of its own between two mentions of Moqtada Al Sadr; in the
    // second it is Moqtada's, which joins all three.
    let text = "Moqtada Al Sadr met Mohammed Al Sadr. Mr Sadr left. Moqtada Al Sadr stayed.\n\n\
                Moqtada Al Sadr spoke, and Mr Sadr agreed.";
    let entities = extractor(90).extract(text);
    checks::check_entities(text, &entities).unwrap();
    let sadr = &entities[0];
    let spans: Vec<&str> = sadr.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(
        spans,
        [
            "Moqtada Al Sadr",
            "Sadr",
            "Moqtada Al Sadr",
            "Moqtada Al Sadr",
            "Sadr"
        ]
    );
}
