//! Acronyms no list holds: one defined anywhere in a document names its
//! entity everywhere in it, and one that is not defined is an organisation
//! where the learned context rules say so, with the rule that said it in
//! the explanation.

use gazetteer_ner::explain::{Found, JoinRule};
use gazetteer_ner::{Entity, EntityKind, Extractor};

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
