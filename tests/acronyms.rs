//! Acronyms no list holds: one defined anywhere in a document names its
//! entity everywhere in it, and one that is not defined is an organisation
//! where the learned context rules say so, with the rule that said it in
//! the explanation. And acronyms a list holds, which join the one long
//! form of the document they spell unless their entry names another.

use gazetteer_ner::explain::{Found, JoinRule};
use gazetteer_ner::{Entity, EntityKind, Entry, Extractor};

/// The kind and the mention texts of each entity.
fn mentions(entities: &[Entity]) -> Vec<(EntityKind, Vec<&str>)> {
    entities
        .iter()
        .map(|e| (e.kind, e.mentions.iter().map(|m| m.text.as_str()).collect()))
        .collect()
}

#[test]
fn a_defined_acronym_names_its_entity_before_and_after_the_definition() {
    let extractor = Extractor::builder().build().unwrap();
    let text = "The BRQ said so on Monday. Later the Basra Reform Quorum (BRQ) left. \
                The BRQ came back.";
    assert_eq!(
        mentions(&extractor.extract(text)),
        [(
            EntityKind::Organisation,
            vec!["BRQ", "Basra Reform Quorum", "BRQ", "BRQ"]
        )]
    );
}

#[test]
fn context_types_an_acronym_no_list_holds_and_the_explanation_names_the_rule() {
    let text = "Analysts said security firm QRXT, which ran the poll, was right. QRXT said so.";
    let extractor = Extractor::builder().build().unwrap();
    let entities = extractor.explain(text);
    assert_eq!(
        mentions(&entities),
        [(EntityKind::Organisation, vec!["QRXT", "QRXT"])]
    );
    let why = |i: usize| entities[0].mentions[i].why.as_deref().unwrap();
    match &why(0).found {
        Found::AcronymContext(rule) => {
            assert_eq!(rule.feature, "L2 security firm");
            assert!(rule.strength >= 0.95, "{rule:?}");
        }
        other => panic!("found by {other:?}"),
    }
    assert_eq!(why(0).found.name(), "acronym-context");
    assert_eq!(why(1).found, Found::Propagation);
    assert_eq!(why(1).joined.unwrap().rule, JoinRule::SameName);
    // The context is read by the learned rules: without them, nothing.
    let without = Extractor::builder().learned_rules(false).build().unwrap();
    assert!(without.extract(text).is_empty());
}

#[test]
fn an_acronym_used_as_a_common_noun_is_no_name() {
    let extractor = Extractor::builder().build().unwrap();
    let text = "He bought a QRXT. Analysts said security firm QRXT was right.";
    assert!(extractor.extract(text).is_empty());
}

/// An extractor of no gazetteer but `entries`.
fn listing(entries: impl IntoIterator<Item = Entry>) -> Extractor {
    entries
        .into_iter()
        .fold(Extractor::builder().default_gazetteers(false), |b, e| {
            b.entry(e)
        })
        .build()
        .unwrap()
}

#[test]
fn a_listed_acronym_joins_the_one_long_form_it_spells_before_or_after_it() {
    let extractor = listing([Entry::new(EntityKind::Organisation, "QTB")]);
    let long = "Quellan Transit Board";
    for text in [
        "The QTB raised fares on Monday. The Quellan Transit Board said costs had risen.",
        "The Quellan Transit Board said costs had risen. The QTB raised fares on Monday.",
    ] {
        let entities = extractor.explain(text);
        assert_eq!(entities.len(), 1, "{text}: {entities:?}");
        assert_eq!(entities[0].name, long);
        let mut texts: Vec<_> = entities[0].mentions.iter().map(|m| &m.text).collect();
        texts.sort();
        assert_eq!(texts, ["QTB", long]);
        let joined = entities[0]
            .mentions
            .iter()
            .find_map(|m| m.why.as_ref()?.joined);
        assert_eq!(joined.unwrap().rule, JoinRule::AcronymInitials);
    }
}

#[test]
fn a_listed_acronym_stays_apart_from_two_long_forms_it_spells() {
    let extractor = listing([Entry::new(EntityKind::Organisation, "QTB")]);
    let text = "The QTB raised fares. The Quellan Transit Board and the Quarry Trades \
                Board met on Monday.";
    assert_eq!(
        mentions(&extractor.extract(text)),
        [
            (EntityKind::Organisation, vec!["QTB"]),
            (EntityKind::Organisation, vec!["Quellan Transit Board"]),
            (EntityKind::Organisation, vec!["Quarry Trades Board"]),
        ]
    );
}

#[test]
fn a_listed_acronym_of_two_letters_whose_entry_names_another_long_form_stays_apart() {
    let extractor = listing([
        Entry::new(EntityKind::Organisation, "Quellan Bank").alias("QB"),
        Entry::new(EntityKind::Organisation, "Quellan Organization").alias("QO"),
    ]);
    let text = "The QB raised rates. The Quarry Board met on Monday.";
    let entities = extractor.extract(text);
    assert_eq!(
        mentions(&entities),
        [
            (EntityKind::Organisation, vec!["QB"]),
            (EntityKind::Organisation, vec!["Quarry Board"]),
        ]
    );
    assert_eq!(entities[0].name, "Quellan Bank");
    // The entry's name spelled another way is the same long form.
    let text = "The QO raised fares. The Quellan Organisation met on Monday.";
    assert_eq!(
        mentions(&extractor.extract(text)),
        [(EntityKind::Organisation, vec!["QO", "Quellan Organisation"])]
    );
}

#[test]
fn a_listed_acronym_of_three_letters_stands_for_the_documents_long_form() {
    let extractor =
        listing([Entry::new(EntityKind::Organisation, "Quellan Transit Board").alias("QTB")]);
    let text = "The QTB raised fares. The Quarry Trades Board met on Monday.";
    let entities = extractor.extract(text);
    assert_eq!(
        mentions(&entities),
        [(EntityKind::Organisation, vec!["QTB", "Quarry Trades Board"])]
    );
    assert_eq!(entities[0].name, "Quarry Trades Board");
}

#[test]
fn a_listed_acronym_does_not_spell_a_one_word_name_and_its_legal_form() {
    let extractor = listing([Entry::new(EntityKind::Organisation, "HI")]);
    let text = "Shares of HI rose. Halvard Inc said sales had risen.";
    assert_eq!(
        mentions(&extractor.extract(text)),
        [
            (EntityKind::Organisation, vec!["HI"]),
            (EntityKind::Organisation, vec!["Halvard Inc"]),
        ]
    );
}

#[test]
fn an_acronym_spells_a_long_form_with_or_without_its_legal_forms() {
    let extractor = listing([Entry::new(EntityKind::Organisation, "HCS")]);
    for text in [
        "Shares of HCS rose. Halvard Control Systems Inc said sales had risen.",
        "Shares of HCS rose. Halvard Control Services said sales had risen.",
    ] {
        let entities = extractor.extract(text);
        assert_eq!(entities.len(), 1, "{text}: {entities:?}");
        assert_eq!(entities[0].mentions.len(), 2);
    }
    // An acronym no list holds as well, which the default rules find.
    let text = "Talks with the HCS ended. Halvard Control Systems Inc said sales had risen.";
    let entities = Extractor::builder().build().unwrap().explain(text);
    assert_eq!(
        mentions(&entities),
        [(
            EntityKind::Organisation,
            vec!["HCS", "Halvard Control Systems Inc"]
        )]
    );
    let why = entities[0].mentions[1].why.as_ref().unwrap();
    assert_eq!(why.joined.unwrap().rule, JoinRule::AcronymInitials);
}

#[test]
fn an_acronym_in_a_long_form_gives_all_its_letters_to_the_acronym_of_the_whole() {
    let extractor = Extractor::builder().build().unwrap();
    let text = "The U.N. Quellan Office said so. Talks with the UNQO ended.";
    let entities = extractor.explain(text);
    assert_eq!(
        mentions(&entities),
        [(
            EntityKind::Organisation,
            vec!["U.N. Quellan Office", "UNQO"]
        )]
    );
    let why = entities[0].mentions[1].why.as_ref().unwrap();
    assert_eq!(why.joined.unwrap().rule, JoinRule::AcronymInitials);
}
