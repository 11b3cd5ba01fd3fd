//! The word lists written in code, in one place: the words that the
//! tokenizer, the rules and the resolver read as evidence.
//!
//! Lists in lower case are compared with token keys; [`TITLES`] and
//! [`ABBREVIATIONS`] are written as in text. The rules' cue table
//! (`document/cues.rs`) gathers most of them, with the designators, into one
//! look-up. Names themselves live in the gazetteers (`gazetteers/*.tsv`),
//! not here.

// Titles and roles.

/// Titles and honorifics written before a person's name, as written in
/// text: the one list of titles of this crate. The title rule reads a name
/// after one as a person and keeps the title out of the span ("Mr Abdul
/// Karim" names `Abdul Karim`); the gazetteer generator
/// (`examples/build_gazetteers`) makes each a stop word, never a name on
/// its own, and drops a person's listed form that starts with one.
///
/// ```
/// assert!(gazetteer_ner::TITLES.contains(&"Ayatollah"));
/// let mentions = gazetteer_ner::extract("Talks with Ayatollah Zork Blatt ended.");
/// assert_eq!(mentions[0].mentions[0].text, "Zork Blatt");
/// ```
pub const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Sheikh",
    "Sheik",
    "Sheikha",
    "Shaikh",
    "Sayyed",
    "Sayyid",
    "Hajji",
    "Mawlawi",
    "Maulana",
    "Ayatollah",
    "Imam",
    "Mullah",
    "Hojatoleslam",
    "Rabbi",
    "Rev",
    "Reverend",
    "Father",
    "Pope",
    "Cardinal",
    "Archbishop",
    "Bishop",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emir",
    "Sultan",
    "Crown",
    "President",
    "Vice",
    "Premier",
    "Chancellor",
    "Minister",
    "Secretary",
    "Senator",
    "Sen",
    "Rep",
    "Representative",
    "Congressman",
    "Congresswoman",
    "Gov",
    "Governor",
    "Mayor",
    "Ambassador",
    "Judge",
    "Justice",
    "General",
    "Gen",
    "Lieutenant",
    "Lt",
    "Colonel",
    "Col",
    "Major",
    "Maj",
    "Captain",
    "Capt",
    "Sergeant",
    "Sgt",
    "Corporal",
    "Cpl",
    "Private",
    "Pte",
    "Admiral",
    "Adm",
    "Commander",
    "Cmdr",
    "Marshal",
    "Brigadier",
    "Field",
    "Chairman",
    "Chairwoman",
    "Speaker",
    "Deputy",
    "Chief",
    "Director",
    "Coach",
    "Detective",
    "Inspector",
    "Officer",
    "Agent",
    "Saint",
    "Emperor",
    "Empress",
    "Tsar",
    "Czar",
    "Shah",
    "Pharaoh",
    "Duke",
    "Duchess",
    "Earl",
    "Countess",
    "Baron",
    "Baroness",
    "Marquis",
    "Viscount",
    "Master",
    "Mufti",
    "Patriarch",
    "Metropolitan",
    "Pastor",
    "Deacon",
    "Superintendent",
    "Commissioner",
    "Treasurer",
    "Attorney",
    "Solicitor",
    "Counsel",
    "Senator-elect",
    "Madam",
    "Mme",
    "Mlle",
    "Herr",
    "Frau",
];

/// Lower-case role words that, right before a capitalised name, say it is a
/// person ("cleric Moqtada Al Sadr", "spokesman John Kirby").
pub(crate) const ROLE_WORDS: &[&str] = &[
    "cleric",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "commander",
    "minister",
    "president",
    "chairman",
    "chairwoman",
    "director",
    "general",
    "chief",
    "official",
    "ambassador",
    "envoy",
    "senator",
    "governor",
    "mayor",
    "lawmaker",
    "legislator",
    "candidate",
    "colleague",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "captain",
    "player",
    "batsman",
    "bowler",
    "champion",
    "actor",
    "actress",
    "singer",
    "author",
    "writer",
    "journalist",
    "reporter",
    "analyst",
    "economist",
    "professor",
    "lawyer",
    "attorney",
    "judge",
    "prosecutor",
    "scientist",
    "researcher",
    "founder",
    "owner",
    "executive",
    "businessman",
    "businesswoman",
    "billionaire",
    "prince",
    "king",
    "queen",
    "premier",
    "secretary",
    "deputy",
    "counterpart",
    "predecessor",
    "successor",
    "rival",
    "opponent",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "father",
    "mother",
    "uncle",
    "cousin",
    "militant",
    "fighter",
    "dissident",
    "activist",
    "cardinal",
    "bishop",
    "imam",
    "sheikh",
    "ayatollah",
];

// Small words inside and before names.

/// Lower-case words that may sit inside any multi-word name when a
/// capitalised word follows ("Abu Bakr al Baghdadi", "Ludwig van Beethoven").
pub(crate) const CONNECTORS: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "del", "della", "da", "di", "du", "des", "la", "le",
    "van", "von", "der", "den", "dos", "das", "y",
];

/// Further connectors allowed inside the names of bodies and places, but
/// not of people ("Ministry of Oil", "Organisation for Islamic
/// Cooperation"): "Mr Smith of Reuters" is not one name.
pub(crate) const BODY_CONNECTORS: &[&str] = &["of", "for"];

/// Particles that start Arabic and other names but are never a name alone.
pub(crate) const PARTICLES: &[&str] = &[
    "al", "el", "abu", "abd", "bin", "ibn", "bint", "ben", "de", "del", "da", "di", "du", "la",
    "le", "van", "von", "der", "den", "dos", "das", "ul", "ad", "an", "as", "ash", "at", "az",
];

/// Determiners that precede names but are never part of one.
pub(crate) const DETERMINERS: &[&str] = &["the", "a", "an", "this", "that", "these", "those"];

/// The months, written out: some are given names too ("June", "May"), and
/// before a surname still a date ("in June Smith said").
pub(crate) const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words before a name that say it is a place.
pub(crate) const LOCATIVE: &[&str] = &["in", "to", "from", "into", "near", "across", "outside"];

/// Words that, first in a compound, keep it a place ("New England",
/// "North Kivu", "Greater Manchester").
pub(crate) const PLACE_PREFIXES: &[&str] = &[
    "new", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper",
    "lower", "greater", "central", "old",
];

// Sports reports.

/// Words that mark a sports report.
pub(crate) const SPORTS: &[&str] = &[
    "match",
    "matches",
    "innings",
    "wickets",
    "wicket",
    "goal",
    "goals",
    "scored",
    "league",
    "division",
    "cup",
    "championship",
    "tournament",
    "season",
    "coach",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "batsman",
    "bowler",
    "referee",
    "halftime",
    "half-time",
    "seeded",
    "semifinal",
    "semi-final",
    "quarter-final",
    "pitcher",
    "inning",
    "touchdown",
    "quarterback",
    "rugby",
    "soccer",
    "football",
    "basketball",
    "baseball",
    "hockey",
    "cricket",
    "tennis",
    "golf",
    "olympic",
    "fixture",
    "fixtures",
    "playoff",
    "playoffs",
    "standings",
    "title",
];

/// Words that, right before or after a name, make it a competitor.
pub(crate) const COMPETING: &[&str] = &[
    "beat", "beats", "v", "vs", "versus", "against", "defeated", "drew", "draw", "lost", "won",
    "edged", "thrashed", "hosts", "host", "visit", "visiting", "over",
];

/// Verbs of a coming match that, right before or after a name, make it a
/// side only for parting it from a venue of its name (`resolver/teams.rs`:
/// "Oxley face Derby" is the team, "in Oxley ." the town); towns "play
/// host" and "meet" officials, so they make no team of a town.
pub(crate) const FIXTURES: &[&str] = &["face", "faces", "play", "plays", "meet", "meets"];

/// Auxiliaries between a side and a word of competition after it ("Oxley
/// have won", "Oxley had beaten Derby").
pub(crate) const AUXILIARIES: &[&str] = &["has", "have", "had"];

/// Verbs of speech or stance whose subject, when it is a capital, is its
/// government ("Tarnwell said", "Tarnwell has rejected"): see
/// [`crate::resolver::capitals`].
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "announced",
    "accused",
    "accuses",
    "warned",
    "warns",
    "denied",
    "denies",
    "insisted",
    "insists",
    "rejected",
    "rejects",
    "urged",
    "urges",
    "demanded",
    "demands",
    "condemned",
    "condemns",
    "protested",
    "welcomed",
    "welcomes",
    "threatened",
    "threatens",
    "claimed",
    "claims",
    "responded",
    "replied",
    "stated",
    "refused",
    "refuses",
    "agreed",
    "agrees",
    "blamed",
    "blames",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "recognised",
    "recognized",
    "opposed",
    "opposes",
    "objected",
    "objects",
];

/// Nouns of a government's policy or stance, which a capital owning them
/// stands for its government ("Tarnwell's decision"): see
/// [`crate::resolver::capitals`].
pub(crate) const POLICY_NOUNS: &[&str] = &[
    "decision",
    "policy",
    "policies",
    "position",
    "stance",
    "refusal",
    "demand",
    "demands",
    "proposal",
    "proposals",
    "offer",
    "response",
    "request",
    "plan",
    "plans",
    "ban",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "insistence",
    "approval",
    "rejection",
    "support",
    "opposition",
    "objections",
    "ambassador",
    "envoy",
    "diplomats",
    "relations",
    "ties",
];

/// Results a side inflicts, written before "to" or "by" and its name
/// ("lost to Oxley", "beaten by Oxley").
pub(crate) const LOSSES: &[&str] = &["lost", "lose", "loses", "losing", "beaten", "defeated"];

// Institutions.

/// Bodies of state named by their common noun alone, in lower case: each
/// an organisation designator, an organisation when capitalised and alone
/// mid-sentence (`rules/institution.rs`: "the Senate voted").
pub(crate) const INSTITUTIONS: &[&str] = &["assembly", "congress", "court", "parliament", "senate"];

// Compounds.

/// Words that make an adjective or a noun of a name when a hyphen joins
/// them to it ("Warhol-like", "Obama-era", "Paris-born"), in lower case:
/// after a person's name, such a word is no syllable of the name
/// (`resolver/hyphenated.rs`). Words ending in "-ed" ("Kremlin-backed")
/// are such words without a list.
pub(crate) const HYPHEN_COMBINERS: &[&str] = &[
    "like", "style", "era", "born", "type", "free", "wide", "made", "run", "bred", "class",
    "level", "year", "old", "only", "specific", "friendly", "esque", "ish", "ism", "ist", "ite",
    "led", "fan", "mania",
];

// Pronouns.

/// Pronouns of a person, in lower case: after a word no list holds, they
/// say the word names one (`rules/pronoun_person.rs`).
pub(crate) const PERSON_PRONOUNS: &[&str] = &[
    "he", "his", "him", "himself", "she", "her", "hers", "herself",
];

/// Verbs in lower case that "I" takes and a third person does not ("I
/// think", "he thinks"): after a name and "I", the "I" is the speaker, not
/// a regnal number (`rules/mod.rs`).
pub(crate) const FIRST_PERSON_VERBS: &[&str] = &[
    "am", "think", "know", "mean", "guess", "believe", "suppose", "hope", "feel", "want",
    "remember", "wonder",
];

/// The eras a year is written with ("5000 BCE"), as written: after a
/// number they are no name (`resolver/overlap.rs`).
pub(crate) const ERAS: &[&str] = &["BC", "BCE", "AD", "CE"];

/// Prepositions of what a person is in or part of, in lower case: after
/// them a word names a place or a body, and a pronoun after that word is
/// about someone else (`rules/pronoun_person.rs`).
pub(crate) const WITHIN: &[&str] = &["in", "at", "within", "of"];

/// Pronouns of a thing, a place or a group, and relative words of places
/// and things, in lower case: after a word, they say it names no person
/// (`rules/pronoun_person.rs`).
pub(crate) const THING_PRONOUNS: &[&str] = &[
    "it",
    "its",
    "itself",
    "they",
    "their",
    "them",
    "themselves",
    "which",
    "where",
    "there",
];

// Sentences.

/// Abbreviations whose final period does not end a sentence.
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj", "Rev", "Sen",
    "Rep", "Gov", "Jr", "Sr", "Mt", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "vs", "etc", "Inc", "Co", "Corp", "Ltd", "Bros", "Adm", "Cmdr",
    "Pres", "Supt", "Fr", "Hon",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_list_repeats_a_word() {
        for list in [
            TITLES,
            ROLE_WORDS,
            CONNECTORS,
            BODY_CONNECTORS,
            PARTICLES,
            DETERMINERS,
            MONTHS,
            LOCATIVE,
            PLACE_PREFIXES,
            SPORTS,
            COMPETING,
            ABBREVIATIONS,
            INSTITUTIONS,
            PERSON_PRONOUNS,
            THING_PRONOUNS,
            WITHIN,
            ERAS,
            FIRST_PERSON_VERBS,
            HYPHEN_COMBINERS,
        ] {
            let mut words = list.to_vec();
            words.sort_unstable();
            let before = words.len();
            words.dedup();
            assert_eq!(words.len(), before, "a word repeated in {list:?}");
        }
    }
}
