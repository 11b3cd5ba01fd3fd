//! The reasons a mention is one: the public types of an explanation.

use std::fmt;

use crate::EntityKind;

/// Why a mention is a mention of its entity.
///
/// ```
/// use gazetteer_ner::explain::Found;
///
/// let extractor = gazetteer_ner::Extractor::builder().build()?;
/// let entities = extractor.explain("Talks in Baghdad.");
/// let why = entities[0].mentions[0].why.as_deref().unwrap();
/// assert!(matches!(&why.found, Found::Gazetteer { entry, .. } if entry == "Baghdad"));
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Why {
    /// What found the mention.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub found: Found,
    /// The rule that joined the mention to an earlier one of its entity
    /// (`None` on an entity's first mention).
    #[cfg_attr(
        feature = "serde",
        serde(flatten, default, skip_serializing_if = "Option::is_none")
    )]
    pub joined: Option<Joined>,
    /// Which of the several kinds its form could be was chosen, and why
    /// (`None` where there was one reading).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub chosen: Option<Choice>,
    /// Why the mention is an entity apart from another mention of its
    /// name: a sports report's venue kept apart from the side of that
    /// name (`None` where nothing parted it).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub parted: Option<Parted>,
    /// Why the mention, a listed capital's, stands for its country's
    /// government apart from the city ("Tarnwell said" against "in
    /// Tarnwell"; `None` where nothing parted it).
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub government: Option<Government>,
}

/// What found a mention: a gazetteer entry or a rule, named as the code
/// names it (the `found` field of the JSON, in kebab case).
///
/// ```
/// use gazetteer_ner::explain::Found;
///
/// assert_eq!(Found::AcronymDefinition.name(), "acronym-definition");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "found", rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum Found {
    /// A surface form of a gazetteer entry.
    Gazetteer {
        /// The gazetteer file the entry came from (a default file's name,
        /// a user's file as given to the builder, the name given with
        /// [`ExtractorBuilder::gazetteer_data`](crate::ExtractorBuilder::gazetteer_data),
        /// or `"entry"` for an [`Entry`](crate::Entry) given in code).
        source: String,
        /// The entry's canonical name.
        entry: String,
        /// The entry's kind, which may differ from the entity's ("Jordan"
        /// the place joined to "Martin Jordan").
        kind: EntityKind,
    },
    /// A title or role word before the name ("Mr", "President").
    Title,
    /// A designator that belongs to the name or a cue before it
    /// ("province", "Ministry of", "the town of").
    Designator,
    /// An acronym defined in parentheses: the long form before it, or
    /// the acronym itself.
    AcronymDefinition,
    /// A capitalised sequence whose first word is a known given name.
    GivenName,
    /// A lone common given name where nothing else explains the word.
    Guess,
    /// A learned rule of the words around the name.
    LearnedContext(LearnedRule),
    /// A learned rule of the name's spelling.
    LearnedSpelling(LearnedRule),
    /// An acronym no list holds or definition explains, made an
    /// organisation by the learned context rule of the highest confidence
    /// it fires ("security firm RSA": `L2 security firm`; the strength is
    /// that confidence).
    AcronymContext(LearnedRule),
    /// A body of state named by its common noun alone, capitalised
    /// mid-sentence ("the Senate voted").
    Institution,
    /// A word no list holds, a person because personal pronouns ("he",
    /// "his", "her") follow its uses in the document.
    PronounContext,
    /// A place or organisation name inside a longer unexplained name
    /// ("Real Madrid", "Barclays Capital"), widened into that name.
    Compound,
    /// A bare use of a name the document gave its entity elsewhere.
    Propagation,
    /// A bare surname or given name that several persons of the document
    /// share ("Bush" after "George Bush" and "Laura Bush"), a use of the
    /// one the document names most often.
    MainPerson,
    /// A capitalised word of an organisation's or group's name alone in
    /// running text after the name ("Mercantile" after "Mercantile
    /// Bancorp"), where no other entity claims it.
    NameWord,
}

impl Found {
    /// The name of what found the mention, as the JSON writes it.
    pub fn name(&self) -> &'static str {
        match self {
            Found::Gazetteer { .. } => "gazetteer",
            Found::Title => "title",
            Found::Designator => "designator",
            Found::AcronymDefinition => "acronym-definition",
            Found::GivenName => "given-name",
            Found::Guess => "guess",
            Found::LearnedContext(_) => "learned-context",
            Found::LearnedSpelling(_) => "learned-spelling",
            Found::AcronymContext(_) => "acronym-context",
            Found::PronounContext => "pronoun-context",
            Found::Institution => "institution",
            Found::Compound => "compound",
            Found::Propagation => "propagation",
            Found::MainPerson => "main-person",
            Found::NameWord => "name-word",
        }
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Gazetteer {
                source,
                entry,
                kind,
            } => write!(f, "gazetteer {source}: {kind} {entry:?}"),
            Found::LearnedContext(rule)
            | Found::LearnedSpelling(rule)
            | Found::AcronymContext(rule) => {
                write!(f, "{} {rule}", self.name())
            }
            _ => f.write_str(self.name()),
        }
    }
}

/// A learned rule: its feature, as the rule files write it, and its
/// strength.
///
/// ```
/// use gazetteer_ner::explain::Found;
///
/// let extractor = gazetteer_ner::Extractor::builder().build()?;
/// let entities = extractor.explain("Analysts said Williamson was right.");
/// let why = entities[0].mentions[0].why.as_deref().unwrap();
/// assert!(matches!(&why.found, Found::LearnedContext(rule) | Found::LearnedSpelling(rule)
///     if rule.strength > 0.5 && !rule.feature.is_empty()));
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LearnedRule {
    /// The feature the rule tests ("L2 shares of": the two words before).
    pub feature: String,
    /// How strongly it says its kind, from 0 to 1.
    pub strength: f32,
}

// Strengths are read from the rule files, never NaN.
impl Eq for LearnedRule {}

impl std::hash::Hash for LearnedRule {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.feature.hash(state);
        self.strength.to_bits().hash(state);
    }
}

impl fmt::Display for LearnedRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} ({:.2})", self.feature, self.strength)
    }
}

/// The rule that joined a mention to another of its entity, and which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Joined {
    /// The rule.
    #[cfg_attr(feature = "serde", serde(rename = "joined"))]
    pub rule: JoinRule,
    /// The index, among the entity's mentions, of the mention it was
    /// joined to: an earlier one, unless only a later one explains it
    /// ("Sadr" before "Moqtada Al Sadr").
    pub to: usize,
}

/// The resolver's rules that make two mentions one entity (the `joined`
/// field of the JSON, in kebab case).
///
/// ```
/// use gazetteer_ner::explain::JoinRule;
///
/// assert_eq!(JoinRule::PersonSuffix.name(), "person-suffix");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum JoinRule {
    /// The same name ("Basra" … "Basra").
    SameName,
    /// Another form of the same gazetteer entry ("Irak" … "Iraq").
    SameEntry,
    /// A person's name with a middle name more or less ("Thomas Brackley",
    /// "Thomas Edward Brackley").
    MiddleName,
    /// A person's given name alone ("Lucia" of "Lucia Moreno").
    GivenName,
    /// An ending of a person's name ("Sadr", "Al Sadr" of "Moqtada Al
    /// Sadr").
    PersonSuffix,
    /// A word that a list took for a place or an organisation, which ends
    /// a person's name in the document ("Jordan" after "Martin Jordan").
    PersonSurname,
    /// An organisation's head word alone ("the University"), which starts
    /// or ends the one organisation's name of the document that has it
    /// ("Wexford University").
    HeadWord,
    /// An acronym defined in parentheses after the name ("Popular
    /// Mobilisation Forces (PMF)").
    AcronymDefinition,
    /// An acronym that spells the initials of the name.
    AcronymInitials,
    /// A word of an organisation's or group's name alone, found as one
    /// ([`Found::NameWord`]): "Mercantile" of "Mercantile Bancorp".
    NameWord,
    /// A listed capital that stands for its government, joined to its
    /// country ("Tarnwell said" to "Tarnmark", see [`Why::government`]).
    Capital,
}

impl JoinRule {
    /// The rule's name, as the JSON writes it.
    pub fn name(self) -> &'static str {
        match self {
            JoinRule::SameName => "same-name",
            JoinRule::SameEntry => "same-entry",
            JoinRule::MiddleName => "middle-name",
            JoinRule::GivenName => "given-name",
            JoinRule::PersonSuffix => "person-suffix",
            JoinRule::PersonSurname => "person-surname",
            JoinRule::HeadWord => "head-word",
            JoinRule::AcronymDefinition => "acronym-definition",
            JoinRule::AcronymInitials => "acronym-initials",
            JoinRule::NameWord => "name-word",
            JoinRule::Capital => "capital",
        }
    }
}

impl fmt::Display for JoinRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The kind chosen for a mention whose form had readings of several kinds,
/// and what chose it.
///
/// ```
/// use gazetteer_ner::explain::ChoiceBy;
/// use gazetteer_ner::{EntityKind, Extractor};
///
/// let extractor = Extractor::builder()
///     .default_gazetteers(false)
///     .gazetteer_data("mine.tsv", "place\tJordan\nperson\tJordan\n")
///     .build()?;
/// let entities = extractor.explain("Mr Jordan left.");
/// let chosen = entities[0].mentions[0].why.as_deref().unwrap().chosen.as_ref().unwrap();
/// assert_eq!(chosen.kind, EntityKind::Person);
/// assert_eq!(chosen.readings, [EntityKind::Person, EntityKind::Place]);
/// assert_eq!(chosen.by, ChoiceBy::StrongerEvidence);
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Choice {
    /// The kind chosen: the mention's entity's.
    pub kind: EntityKind,
    /// Every kind the form could be, the chosen one among them, in the
    /// order of [`EntityKind::ALL`].
    pub readings: Vec<EntityKind>,
    /// What chose it.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub by: ChoiceBy,
}

/// What chose among the readings of a form (the `by` field of the JSON's
/// `chosen`, in kebab case).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(tag = "by", rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum ChoiceBy {
    /// A learned rule of the words around it ruled the other readings out.
    LearnedContext(LearnedRule),
    /// The reading of the strongest evidence: what [`Why::found`] names
    /// (a title outranks a list, a list a designator, a designator an
    /// acronym, an acronym a given name).
    StrongerEvidence,
    /// Readings of one list: the more prominent entry (of the higher rank).
    Rank,
    /// A town named as a competitor in a sports report is its team, one
    /// reading for all its mentions in the document.
    SportsReport,
    /// A person of the document is called by a name that ends with the
    /// word (see [`JoinRule::PersonSurname`]).
    PersonSurname,
    /// The kind of the name it was joined to: an acronym takes its long
    /// form's ("Loan League (L.L)").
    JoinedName,
}

/// Why a venue of a sports report is an entity apart from the side of its
/// name ("in Kelso ." the country, "Kelso face Harlow" its national side):
/// what makes the mention a venue, and which mention of the name is the
/// side and why.
///
/// ```
/// use gazetteer_ner::explain::{SideBy, Venue};
/// use gazetteer_ner::Extractor;
///
/// let extractor = Extractor::builder()
///     .default_gazetteers(false)
///     .gazetteer_data("mine.tsv", "place\tKelso\t\t100\n")
///     .build()?;
/// let text = "SOCCER\nThe league match is played in Kelso . Kelso face the cup \
///             holders , and their coach named a striker .\n";
/// let entities = extractor.explain(text);
/// let venue = entities.iter().find(|e| e.mentions.len() == 1).unwrap();
/// let parted = venue.mentions[0].why.as_deref().unwrap().parted.unwrap();
/// assert_eq!(parted.venue, Venue::AfterIn);
/// assert_eq!(parted.by, SideBy::Fixture);
/// assert_eq!(&text[parted.side.0..parted.side.1], "Kelso");
/// assert!(parted.side.0 > venue.mentions[0].start);
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Parted {
    /// What makes the mention a venue.
    pub venue: Venue,
    /// The byte span of the side's mention it was kept apart from (its
    /// first that is a side and no venue).
    pub side: (usize, usize),
    /// What makes that mention the side.
    pub by: SideBy,
}

/// What makes a mention a venue of a sports report (the `venue` field of
/// the JSON's `parted`, in kebab case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum Venue {
    /// A place of the dateline, the line of place names before a date
    /// ("OXLEY , Kelso 1997-03-15").
    Dateline,
    /// A place after "in" that ends its clause ("in Kelso .").
    AfterIn,
}

/// What makes a mention the side of its name in a sports report (the `by`
/// field of the JSON's `parted`, in kebab case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum SideBy {
    /// A word of competition next to it or a score after it ("Kelso beat
    /// Harlow", "Oxley 2 Harlow 1").
    Competes,
    /// A verb of a coming match next to it ("Kelso face Harlow").
    Fixture,
    /// A word of competition after an auxiliary ("Oxley have won").
    Result,
    /// A loss before "to" or "by" and it ("lost to Oxley").
    Loss,
    /// A possessive after it, against a dateline ("Oxley's striker").
    Owns,
}

/// Why a mention of a listed capital stands for its country's government,
/// apart from the city of its name ("Tarnwell said" the government, "in
/// Tarnwell" the city): what makes it the government, and which mention
/// of the name is the city and why. The mention joins its country's
/// entity where the document names the country ([`JoinRule::Capital`]),
/// else is an entity of its own.
///
/// ```
/// use gazetteer_ner::explain::{GovernmentBy, JoinRule, Placed};
/// use gazetteer_ner::Extractor;
///
/// let extractor = Extractor::builder()
///     .default_gazetteers(false)
///     .learned_rules(false)
///     .gazetteer_data("mine.tsv", "place\tValletta\t\t90\nplace\tMalta\t\t100\n")
///     .build()?;
/// let text = "Talks resumed in Valletta on Monday. Valletta said the offer was too low, \
///             and Malta will reply next week.";
/// let entities = extractor.explain(text);
/// let country = entities.iter().find(|e| e.mentions.len() == 2).unwrap();
/// let why = country.mentions[0].why.as_deref().unwrap();
/// let government = why.government.unwrap();
/// assert_eq!(government.by, GovernmentBy::Speaks);
/// assert_eq!(government.placed, Placed::AfterLocative);
/// assert_eq!(&text[government.city.0..government.city.1], "Valletta");
/// assert!(government.city.0 < country.mentions[0].start);
/// let joined = country.mentions[1].why.as_deref().unwrap().joined.unwrap();
/// assert_eq!((joined.rule, joined.to), (JoinRule::Capital, 0));
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Government {
    /// What makes the mention its government.
    pub by: GovernmentBy,
    /// The byte span of the city's mention it was parted from (its first
    /// that is plainly the city).
    pub city: (usize, usize),
    /// What makes that mention the city.
    pub placed: Placed,
}

/// What makes a capital's mention its government (the `by` field of the
/// JSON's `government`, in kebab case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum GovernmentBy {
    /// A verb of speech or stance after it, after an auxiliary or not
    /// ("Tarnwell said", "Tarnwell has rejected").
    Speaks,
    /// A possessive and a noun of policy after it ("Tarnwell's decision").
    Owns,
}

/// What makes a capital's mention the city (the `placed` field of the
/// JSON's `government`, in kebab case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "kebab-case")
)]
#[non_exhaustive]
pub enum Placed {
    /// A word of place before it ("in Tarnwell", "from Tarnwell").
    AfterLocative,
    /// A place of the dateline ("TARNWELL 1997-03-15").
    Dateline,
}
