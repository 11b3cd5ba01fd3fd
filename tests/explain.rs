//! `Extractor::explain`: the entities `extract` finds, with on every
//! mention what found it, the rule that joined it to its entity and, where
//! its form had readings of several kinds, what chose among them.

use gazetteer_ner::explain::{ChoiceBy, Found, JoinRule, Joined, Parted, SideBy, Venue, Why};
use gazetteer_ner::{Entity, EntityKind, Entry, Extractor};

fn defaults() -> Extractor {
    Extractor::builder().build().unwrap()
}

/// An extractor of `gazetteer` alone, with the embedded learned rules.
fn of(gazetteer: &str) -> Extractor {
    Extractor::builder()
        .default_gazetteers(false)
        .learned_rules(true)
        .gazetteer_data("test.tsv", gazetteer)
        .build()
        .unwrap()
}

fn why(entities: &[Entity], entity: usize, mention: usize) -> &Why {
    entities[entity].mentions[mention]
        .why
        .as_deref()
        .expect("every explained mention has a why")
}

/// An entity's kind, name and the spans of its mentions.
type Spans = (EntityKind, String, Vec<(usize, usize)>);

/// The spans of each entity's mentions.
fn spans(entities: &[Entity]) -> Vec<Spans> {
    entities
        .iter()
        .map(|e| {
            let spans = e.mentions.iter().map(|m| (m.start, m.end)).collect();
            (e.kind, e.name.clone(), spans)
        })
        .collect()
}

/// Asserts that `explain` finds what `extract` finds, that every mention
/// has a why, and that every mention after an entity's first is joined to
/// another of its mentions, following which leads to the first.
fn assert_explains(extractor: &Extractor, text: &str) -> Vec<Entity> {
    let explained = extractor.explain(text);
    let extracted = extractor.extract(text);
    assert_eq!(spans(&explained), spans(&extracted));
    assert!(
        extracted
            .iter()
            .flat_map(|e| &e.mentions)
            .all(|m| m.why.is_none())
    );
    for entity in &explained {
        for (i, mention) in entity.mentions.iter().enumerate() {
            let why = mention.why.as_deref().expect("a why on every mention");
            assert_eq!(why.joined.is_none(), i == 0, "{entity:?}");
            // Following the joins leads to the first mention.
            let mut at = i;
            for _ in 0..entity.mentions.len() {
                match entity.mentions[at].why.as_deref().unwrap().joined {
                    Some(Joined { to, .. }) => at = to,
                    None => break,
                }
            }
            assert_eq!(at, 0, "{entity:?}");
        }
    }
    explained
}

#[test]
fn each_mention_says_what_found_it_and_what_joined_it() {
    let text = "Moqtada Al Sadr spoke in Baghdad. Mr Al Sadr later left. Sadr said no.";
    let entities = assert_explains(&defaults(), text);
    assert_eq!(entities[0].name, "Moqtada al-Sadr");
    assert_eq!(why(&entities, 0, 1).found, Found::Title);
    let joined = why(&entities, 0, 1).joined.unwrap();
    assert_eq!((joined.rule, joined.to), (JoinRule::PersonSuffix, 0));
    // "Sadr" alone was proposed by no stage: the resolver found it as a
    // bare use of the man's name.
    assert_eq!(why(&entities, 0, 2).found, Found::Propagation);
    assert_eq!(
        why(&entities, 0, 2).joined.unwrap().rule,
        JoinRule::PersonSuffix
    );
    match &why(&entities, 1, 0).found {
        Found::Gazetteer {
            source,
            entry,
            kind,
        } => {
            assert_eq!(entry, "Baghdad");
            assert_eq!(*kind, EntityKind::Place);
            assert_eq!(source, "places-geonames.tsv");
        }
        other => panic!("Baghdad found by {other:?}"),
    }
}

#[test]
fn same_names_entries_and_acronyms_join() {
    let extractor = of("place\tIraq\tIrak\n");
    let entities = assert_explains(
        &extractor,
        "Iraq and Irak. The Arab Reform Council (ARC) met. The ARC said Iraq agreed.",
    );
    let iraq = &entities[0];
    assert_eq!(iraq.mentions.len(), 3);
    assert_eq!(
        why(&entities, 0, 1).joined.unwrap().rule,
        JoinRule::SameEntry
    );
    assert_eq!(
        why(&entities, 0, 2).joined.unwrap().rule,
        JoinRule::SameName
    );
    let arc = &entities[1];
    assert_eq!(arc.mentions[1].text, "ARC");
    // "Council" is a designator; the acronym is the definition's.
    assert_eq!(why(&entities, 1, 0).found, Found::Designator);
    assert_eq!(why(&entities, 1, 1).found, Found::AcronymDefinition);
    let defined = why(&entities, 1, 1).joined.unwrap();
    assert_eq!((defined.rule, defined.to), (JoinRule::AcronymDefinition, 0));
    let again = why(&entities, 1, 2).joined.unwrap();
    assert_eq!((again.rule, again.to), (JoinRule::SameName, 1));
}

#[test]
fn a_short_name_before_the_full_one_is_joined_to_it() {
    let extractor = of("given-name\tLucia\n");
    let entities = assert_explains(
        &extractor,
        "Mr Moreno arrived first. Later Lucia Moreno spoke, and Lucia left.",
    );
    let moreno = &entities[0];
    assert_eq!(moreno.mentions.len(), 3, "{moreno:?}");
    // "Moreno" comes first; "Lucia Moreno" ends with it.
    assert_eq!(
        why(&entities, 0, 1).joined.unwrap().rule,
        JoinRule::PersonSuffix
    );
    assert_eq!(
        why(&entities, 0, 2).joined.unwrap().rule,
        JoinRule::GivenName
    );
    assert_eq!(why(&entities, 0, 2).joined.unwrap().to, 1);
}

#[test]
fn a_list_word_that_ends_a_persons_name_is_the_person() {
    let extractor = of("place\tJordan\ngiven-name\tMartin\n");
    let entities = assert_explains(
        &extractor,
        "Martin Jordan spoke. Then Jordan left for London.",
    );
    let jordan = &entities[0];
    assert_eq!(jordan.kind, EntityKind::Person);
    let why = why(&entities, 0, 1);
    assert_eq!(why.joined.unwrap().rule, JoinRule::PersonSurname);
    assert!(matches!(
        why.found,
        Found::Gazetteer {
            kind: EntityKind::Place,
            ..
        }
    ));
    let chosen = why.chosen.as_ref().expect("two readings");
    assert_eq!(chosen.kind, EntityKind::Person);
    assert_eq!(chosen.readings, [EntityKind::Person, EntityKind::Place]);
    assert_eq!(chosen.by, ChoiceBy::PersonSurname);
}

#[test]
fn ambiguous_forms_name_the_reading_chosen_and_what_chose_it() {
    let extractor = of("place\tJordan\t\t90\nperson\tJordan\t\t50\n");
    // The words around it: after "Mr", a person.
    let entities = assert_explains(&extractor, "Mr Jordan left.");
    let chosen = why(&entities, 0, 0).chosen.clone().unwrap();
    assert_eq!(chosen.kind, EntityKind::Person);
    assert!(
        matches!(chosen.by, ChoiceBy::LearnedContext(_)),
        "{chosen:?}"
    );
    // Without the learned rules, the title outranks the list.
    let unlearned = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_data("test.tsv", "place\tJordan\t\t90\nperson\tJordan\t\t50\n")
        .build()
        .unwrap();
    let entities = assert_explains(&unlearned, "Mr Jordan left.");
    let chosen = why(&entities, 0, 0).chosen.clone().unwrap();
    assert_eq!(chosen.kind, EntityKind::Person);
    assert_eq!(chosen.by, ChoiceBy::StrongerEvidence);
    // Nothing but the list: its more prominent entry.
    let entities = assert_explains(&unlearned, "Jordan and Iraq.");
    let chosen = why(&entities, 0, 0).chosen.clone().unwrap();
    assert_eq!(chosen.by, ChoiceBy::Rank);
    assert_eq!(chosen.kind, EntityKind::Place);
    // The words around it.
    let entities = assert_explains(&extractor, "Talks in Jordan ended.");
    let chosen = why(&entities, 0, 0).chosen.clone().unwrap();
    assert_eq!(chosen.kind, EntityKind::Place);
    match chosen.by {
        ChoiceBy::LearnedContext(rule) => {
            assert!(rule.feature.starts_with('L') || rule.feature.starts_with('R'));
            assert!(rule.strength >= 0.95, "{rule:?}");
        }
        other => panic!("chosen by {other:?}"),
    }
}

#[test]
fn an_acronym_takes_the_kind_of_its_long_form() {
    let extractor = of("");
    let entities = assert_explains(
        &extractor,
        "The Basra Reform Council met on Monday. Later, Mr BRC spoke.",
    );
    assert_eq!(entities.len(), 1);
    assert_eq!(entities[0].kind, EntityKind::Organisation);
    // A title made "BRC" a person; it spells the council's initials.
    let why = why(&entities, 0, 1);
    assert_eq!(why.found, Found::Title);
    assert_eq!(why.joined.unwrap().rule, JoinRule::AcronymInitials);
    let chosen = why.chosen.as_ref().expect("two readings");
    assert_eq!(
        chosen.readings,
        [EntityKind::Person, EntityKind::Organisation]
    );
    assert_eq!(chosen.by, ChoiceBy::JoinedName);
}

#[test]
fn a_town_competing_in_a_sports_report_is_its_team() {
    let extractor = of("place\tLeicester\t\t40\nplace\tEngland\t\t100\n");
    let text = "Leicester beat Bath 24-10 in the league match. The cup final and \
                the championship season went on; Leicester won again.";
    let entities = assert_explains(&extractor, text);
    let leicester = entities.iter().position(|e| e.name == "Leicester").unwrap();
    assert_eq!(entities[leicester].kind, EntityKind::Organisation);
    let chosen = why(&entities, leicester, 0).chosen.clone().unwrap();
    assert_eq!(chosen.by, ChoiceBy::SportsReport);
    assert_eq!(
        chosen.readings,
        [EntityKind::Place, EntityKind::Organisation]
    );
}

#[test]
fn a_sports_reports_venue_says_which_side_it_is_apart_from() {
    let extractor = of("place\tOxley\t\t40\n");
    let text = "SOCCER - OXLEY 'S STRIKER MOVES\nOXLEY 1997-03-15\nOxley's striker left \
                the league champions after the cup match .\n";
    let entities = assert_explains(&extractor, text);
    let venue = entities.iter().position(|e| e.mentions.len() == 1).unwrap();
    assert_eq!(entities[venue].mentions[0].start, 32);
    // The dateline is apart from the side, which owns a striker in the
    // headline first.
    let parted = why(&entities, venue, 0).parted.unwrap();
    assert_eq!(parted.venue, Venue::Dateline);
    assert_eq!(parted.by, SideBy::Owns);
    assert_eq!(&text[parted.side.0..parted.side.1], "OXLEY");
    assert_eq!(parted.side.0, 9);
    // The side's mentions were parted from nothing.
    let side = 1 - venue;
    assert!((0..2).all(|m| why(&entities, side, m).parted.is_none()));
    #[cfg(feature = "serde")]
    {
        let json = serde_json::to_value(why(&entities, venue, 0)).unwrap();
        assert_eq!(
            json["parted"],
            serde_json::json!({"venue": "dateline", "side": [9, 14], "by": "owns"})
        );
        let back: Parted = serde_json::from_value(json["parted"].clone()).unwrap();
        assert_eq!(back, parted);
    }
}

#[test]
fn each_gazetteer_mention_names_the_file_its_entry_came_from() {
    let dir = std::env::temp_dir().join(format!("gazetteer-ner-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("a-people.tsv"), "person\tKarim Hassan\n").unwrap();
    std::fs::write(dir.join("b-firms.tsv"), "organisation\tAcme Widgets\n").unwrap();
    let extractor = Extractor::builder()
        .gazetteer_data("mine.tsv", "organisation\tNovaxa\n")
        .gazetteer_dir(&dir)
        .entry(Entry::new(EntityKind::Place, "Lowton"))
        .build()
        .unwrap();
    let entities = assert_explains(
        &extractor,
        "Novaxa and Acme Widgets met Karim Hassan in Lowton and Baghdad.",
    );
    let sources: Vec<String> = entities
        .iter()
        .map(|e| match &e.mentions[0].why.as_deref().unwrap().found {
            Found::Gazetteer { source, .. } => source.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    let file = |name: &str| dir.join(name).display().to_string();
    assert_eq!(
        sources,
        [
            "mine.tsv".to_string(),
            file("b-firms.tsv"),
            file("a-people.tsv"),
            "entry".to_string(),
            "places-geonames.tsv".to_string(),
        ]
    );
}

#[test]
fn default_entries_are_traced_to_the_file_that_holds_them() {
    let text = "Iraq's Popular Mobilisation Forces (PMF) met the United Nations, \
                Shiite clerics and the Ministry of Oil in Basra and Tehran.";
    // The defaults read in place, and compiled without some files.
    let fewer = Extractor::builder()
        .leave_out_default("ofac-sdn.tsv")
        .leave_out_default("mined-*")
        .build()
        .unwrap();
    for extractor in [defaults(), fewer] {
        assert!(sources_hold_their_entries(&assert_explains(&extractor, text)) >= 6);
    }
}

/// Asserts that the default file each gazetteer mention names holds its
/// entry, and returns how many mentions were checked.
fn sources_hold_their_entries(entities: &[Entity]) -> usize {
    let mut checked = 0;
    for mention in entities.iter().flat_map(|e| &e.mentions) {
        if let Found::Gazetteer {
            source,
            entry,
            kind,
        } = &mention.why.as_deref().unwrap().found
        {
            let data = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("gazetteers")
                    .join(source),
            )
            .unwrap();
            let line = format!("{kind}\t{entry}\t");
            assert!(
                data.lines().any(|l| format!("{l}\t").starts_with(&line)),
                "{entry:?} is not a {kind} of {source}"
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn long_texts_are_explained_across_windows() {
    let extractor = defaults();
    let small = Extractor::builder().window_size(60).build().unwrap();
    let text = "Talks in Baghdad went on for days.\n\nIn Baghdad, the United Nations (UN) met.\n\n\
                Moqtada Al Sadr spoke. Mr Al Sadr left Baghdad.";
    let whole = assert_explains(&extractor, text);
    let windowed = assert_explains(&small, text);
    let baghdad = windowed.iter().find(|e| e.name == "Baghdad").unwrap();
    assert_eq!(baghdad.mentions.len(), 3);
    assert!(whole.iter().any(|e| e.name == "Baghdad"));
}

#[cfg(feature = "main-content")]
#[test]
fn a_web_pages_article_is_explained() {
    let story = "<p>Talks in Basra went on for a third day on Tuesday, officials said, \
                 as delegations met in the city's old customs house.</p>"
        .repeat(6);
    let page = format!(
        "<html><body><nav><a href=/>Home</a> <a href=/w>Baghdad News</a></nav>\
         <article>{story}</article><footer>Mosul Office</footer></body></html>"
    );
    let extractor = Extractor::builder()
        .markup(gazetteer_ner::Markup::Html)
        .main_content(true)
        .build()
        .unwrap();
    let entities = assert_explains(&extractor, &page);
    assert_eq!(entities.len(), 1);
    assert_eq!(
        why(&entities, 0, 5).joined.unwrap().rule,
        JoinRule::SameName
    );
}

#[test]
fn learned_rules_say_which_feature_typed_a_name() {
    let entities = assert_explains(&defaults(), "Analysts said Williamson was right.");
    assert_eq!(entities[0].kind, EntityKind::Person);
    match &why(&entities, 0, 0).found {
        Found::LearnedContext(rule) | Found::LearnedSpelling(rule) => {
            assert!(!rule.feature.is_empty());
            assert!(rule.strength >= 0.95, "{rule:?}");
        }
        other => panic!("found by {other:?}"),
    }
}

#[cfg(feature = "serde")]
#[test]
fn a_why_serialises_flat_with_the_choice_nested() {
    let extractor = Extractor::builder()
        .default_gazetteers(false)
        .gazetteer_data("test.tsv", "place\tJordan\t\t90\nperson\tJordan\t\t50\n")
        .build()
        .unwrap();
    let entities = extractor.explain("Mr Jordan left. Later Mr Jordan came back.");
    let json = serde_json::to_value(&entities[0].mentions).unwrap();
    let chosen = serde_json::json!(
        {"kind": "person", "readings": ["person", "place"], "by": "stronger-evidence"}
    );
    assert_eq!(
        json,
        serde_json::json!([
            {"start": 3, "end": 9, "text": "Jordan", "why": {"found": "title", "chosen": chosen}},
            {"start": 25, "end": 31, "text": "Jordan", "why": {
                "found": "title", "joined": "same-name", "to": 0, "chosen": chosen,
            }},
        ])
    );
    let back: Vec<gazetteer_ner::Mention> = serde_json::from_value(json).unwrap();
    assert_eq!(back, entities[0].mentions);
}

#[test]
fn a_head_word_alone_is_joined_to_the_organisation_it_heads() {
    let extractor = of("");
    let entities = assert_explains(
        &extractor,
        "The House met. She spoke to the House of Burgesses at noon. Later the House rose.",
    );
    let house = entities
        .iter()
        .position(|e| e.name == "House of Burgesses")
        .unwrap();
    assert_eq!(entities[house].mentions.len(), 3, "{entities:?}");
    // The first "House" comes before the full name, and is joined to it.
    let first = why(&entities, house, 0);
    assert!(first.joined.is_none());
    let joined = why(&entities, house, 1).joined.unwrap();
    assert_eq!((joined.rule, joined.to), (JoinRule::HeadWord, 0));
}

#[test]
fn a_surname_several_persons_share_is_found_as_the_main_persons() {
    // Without the learned rules, which know "Bush" as a name by itself.
    let extractor = Extractor::builder()
        .default_gazetteers(false)
        .learned_rules(false)
        .gazetteer_data("test.tsv", "given-name\tGeorge\ngiven-name\tLaura\n")
        .build()
        .unwrap();
    let text = "George Bush spoke. George Bush met Laura Bush. Later Bush left.";
    let entities = assert_explains(&extractor, text);
    assert_eq!(entities[0].name, "George Bush");
    assert_eq!(entities[0].mentions.len(), 3, "{entities:?}");
    let bush = why(&entities, 0, 2);
    assert_eq!(bush.found, Found::MainPerson);
    assert_eq!(bush.found.name(), "main-person");
    assert_eq!(
        bush.joined.map(|j| (j.rule, j.to)),
        Some((JoinRule::PersonSuffix, 0))
    );
    // A surname no other person has is a plain use of the name.
    let entities = assert_explains(&extractor, "George Bush spoke. Later Bush left.");
    assert_eq!(why(&entities, 0, 1).found, Found::Propagation);
}

#[test]
fn a_word_of_an_organisations_name_alone_is_found_and_joined_as_a_name_word() {
    let extractor = of("organisation\tMercantile Bancorp\norganisation\tFirst Delmarva Trust\n");
    let text = "Shares of Mercantile Bancorp and First Delmarva Trust rose. \
                Analysts said Mercantile would gain, and Delmarva would not.";
    let entities = assert_explains(&extractor, text);
    for (name, word) in [
        ("Mercantile Bancorp", "Mercantile"),
        ("First Delmarva Trust", "Delmarva"),
    ] {
        let at = entities.iter().position(|e| e.name == name).unwrap();
        let mentions = &entities[at].mentions;
        assert_eq!(mentions.len(), 2, "{entities:?}");
        assert_eq!(mentions[1].text, word);
        let why = why(&entities, at, 1);
        assert_eq!(why.found, Found::NameWord);
        assert_eq!(why.found.name(), "name-word");
        // Neither a head word nor the whole name: a word of the name.
        let joined = why.joined.unwrap();
        assert_eq!((joined.rule, joined.to), (JoinRule::NameWord, 0));
        assert_eq!(joined.rule.name(), "name-word");
    }
}
