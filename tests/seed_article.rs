//! The seed article: the text this project exists for. It lives in
//! `../shared/corpus/seed-article.txt`, outside the repository, so this
//! test is ignored by a plain `cargo test` and run by `.ci/run` with
//! `cargo test --test seed_article -- --ignored`.
//!
//! On it, every person, group and place named is found with its kind,
//! "Moqtada Al Sadr" and "Mr Al Sadr" are one entity, "Popular Mobilisation
//! Forces" and "PMF" are one entity, and no common word is tagged.

use std::path::Path;

use gazetteer_ner::{Entity, EntityKind, extract};

const SEED: &str = "../shared/corpus/seed-article.txt";

fn seed() -> (String, Vec<Entity>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let entities = extract(&text);
    (text, entities)
}

/// The entity with a mention spelled `mention`, which must be unique.
fn entity_of<'e>(entities: &'e [Entity], mention: &str) -> &'e Entity {
    let found: Vec<&Entity> = entities
        .iter()
        .filter(|e| e.mentions.iter().any(|m| m.text == mention))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{mention:?} is in {} entities: {found:#?}",
        found.len()
    );
    found[0]
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn every_person_group_and_place_is_found_with_its_kind() {
    let (_, entities) = seed();
    let expected = [
        ("Moqtada Al Sadr", EntityKind::Person),
        ("Saddam Hussein", EntityKind::Person),
        ("Abu Mahdi Al Muhandis", EntityKind::Person),
        ("Qassem Sulaimani", EntityKind::Person),
        ("Shiite", EntityKind::Group),
        ("Iraqi", EntityKind::Group),
        ("Jordanian", EntityKind::Group),
        ("Iranian", EntityKind::Group),
        ("American", EntityKind::Group),
        ("Popular Mobilisation Forces", EntityKind::Group),
        ("Kataib Hezbollah", EntityKind::Group),
        ("Iraq", EntityKind::Place),
        ("Baghdad", EntityKind::Place),
        ("Israel", EntityKind::Place),
        ("Jordan", EntityKind::Place),
        ("Gaza", EntityKind::Place),
        ("Anbar province", EntityKind::Place),
        ("West Bank", EntityKind::Place),
        ("Iran", EntityKind::Place),
        ("US", EntityKind::Place),
        ("Al Assad", EntityKind::Place),
    ];
    for (mention, kind) in expected {
        assert_eq!(
            entity_of(&entities, mention).kind,
            kind,
            "kind of {mention:?}"
        );
    }
    let washington = entity_of(&entities, "Washington");
    assert!(matches!(
        washington.kind,
        EntityKind::Place | EntityKind::Organisation
    ));
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn aliases_are_merged_without_wrong_merges() {
    let (_, entities) = seed();
    let sadr = entity_of(&entities, "Moqtada Al Sadr");
    let texts: Vec<&str> = sadr.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Moqtada Al Sadr", "Al Sadr"]);
    let pmf = entity_of(&entities, "Popular Mobilisation Forces");
    assert!(pmf.mentions.iter().any(|m| m.text == "PMF"));
    // Each entity's mentions spell one referent: no two different names of
    // the article's people, groups or places in one entity.
    let distinct = [
        "Moqtada Al Sadr",
        "Saddam Hussein",
        "Abu Mahdi Al Muhandis",
        "Qassem Sulaimani",
        "Iraq",
        "Iraqi",
        "Iran",
        "Iranian",
        "US",
        "US embassy",
        "Kataib Hezbollah",
        "Popular Mobilisation Forces",
    ];
    for (i, a) in distinct.iter().enumerate() {
        for b in &distinct[i + 1..] {
            assert!(
                !std::ptr::eq(entity_of(&entities, a), entity_of(&entities, b)),
                "{a:?} and {b:?} were merged"
            );
        }
    }
}

#[test]
#[ignore = "needs ../shared/corpus; run by .ci/run"]
fn no_common_word_is_tagged() {
    let (text, entities) = seed();
    for m in entities.iter().flat_map(|e| &e.mentions) {
        assert_eq!(&text[m.start..m.end], m.text);
        let first = m.text.chars().next().unwrap();
        assert!(first.is_uppercase(), "{:?} is not a name", m.text);
        for word in [
            "Some",
            "Hundreds",
            "Thousands",
            "It",
            "They",
            "He",
            "If",
            "Mr",
            "Friday",
            "The",
        ] {
            assert_ne!(m.text, word, "common word tagged");
        }
    }
    // Nothing inside the anchor's attributes.
    let tag_end = text.find('>').unwrap();
    assert!(
        entities
            .iter()
            .flat_map(|e| &e.mentions)
            .all(|m| m.start > tag_end)
    );
}
