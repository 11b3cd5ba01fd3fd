//! Explanations: why each mention is one, and why it belongs to its entity.
//!
//! [`Extractor::explain`] returns the entities [`Extractor::extract`] finds,
//! with a [`Why`] on every mention:
//!
//! - [`Why::found`]: what found the mention, a gazetteer entry (with the
//!   file it came from) or a rule, named as the code names it;
//! - [`Why::joined`]: on every mention after its entity's first, the rule
//!   that makes it the same entity as another mention, and which;
//! - [`Why::chosen`]: where the mention's form had readings of several
//!   kinds (Jordan the country or the person), the kind chosen and what
//!   chose it;
//! - [`Why::parted`]: on a sports report's venue kept apart from the side
//!   of its name, what makes it a venue and which mention is the side;
//! - [`Why::government`]: on a listed capital that stands for its
//!   government ("Tarnwell said"), kept apart from the city of its name,
//!   what makes it the government and which mention is the city.
//!
//! ```
//! use gazetteer_ner::explain::{Found, JoinRule};
//! use gazetteer_ner::Extractor;
//!
//! let extractor = Extractor::builder().build()?;
//! let text = "Moqtada Al Sadr spoke in Baghdad. Mr Al Sadr later left. Sadr said no.";
//! let entities = extractor.explain(text);
//! let sadr = &entities[0].mentions;
//! let why = |i: usize| sadr[i].why.as_deref().unwrap();
//! assert!(why(0).joined.is_none());
//! assert_eq!(why(1).found, Found::Title);
//! let joined = why(2).joined.as_ref().unwrap();
//! assert_eq!(joined.rule, JoinRule::PersonSuffix);
//! assert_eq!(&sadr[joined.to].text, "Moqtada Al Sadr");
//! # Ok::<(), gazetteer_ner::Error>(())
//! ```
//!
//! `extract` records none of this and costs what it cost before: the
//! explaining call runs the same stages, keeps what each proposed and
//! chose, and reads the reasons off them afterwards.
//!
//! With the `serde` feature, a mention's `why` serialises as one object,
//! `found` and `joined` flat in it, the choice nested:
//!
//! ```json
//! {"found":"gazetteer","source":"places-geonames.tsv","entry":"New York","kind":"place",
//!  "joined":"same-name","to":0,
//!  "chosen":{"kind":"place","readings":["person","place"],"by":"learned-context",
//!            "feature":"R2 attorney general","strength":0.9956}}
//! ```

mod assemble;
mod joins;
mod sources;
mod trace;
mod why;

pub(crate) use sources::Sources;
pub(crate) use trace::Trace;
pub use why::{
    Choice, ChoiceBy, Found, Government, GovernmentBy, JoinRule, Joined, LearnedRule, Parted,
    Placed, SideBy, Venue, Why,
};

use crate::{Entity, Extractor};

impl Extractor {
    /// Finds the entities of `text` as [`Extractor::extract`] does, and
    /// says on every mention why it is one ([`Mention::why`](crate::Mention::why)):
    /// what found it, the rule that joined it to its entity, and, where its
    /// form had several readings, which was chosen and why (see the
    /// [`explain`](crate::explain) module).
    ///
    /// It costs more than `extract` (it keeps what every stage proposed,
    /// and the first call on an extractor finds which gazetteer file each
    /// entry came from); `extract` itself records nothing.
    ///
    /// ```
    /// use gazetteer_ner::explain::{Found, JoinRule};
    ///
    /// let extractor = gazetteer_ner::Extractor::builder().build()?;
    /// let text = "The Basra Reform Council (BRC) left. The BRC said so.";
    /// let entities = extractor.explain(text);
    /// let spans = |entities: &[gazetteer_ner::Entity]| -> Vec<Vec<(usize, usize)>> {
    ///     entities.iter().map(|e| e.mentions.iter().map(|m| (m.start, m.end)).collect()).collect()
    /// };
    /// assert_eq!(spans(&entities), spans(&extractor.extract(text)));
    /// let brc = &entities[0].mentions;
    /// let why = brc[1].why.as_deref().unwrap();
    /// assert_eq!(why.found, Found::AcronymDefinition);
    /// assert_eq!(why.joined.unwrap().rule, JoinRule::AcronymDefinition);
    /// assert_eq!(why.joined.unwrap().to, 0);
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    pub fn explain(&self, text: &str) -> Vec<Entity> {
        let (mut entities, trace) = self.extract_traced(text);
        assemble::explain(&mut entities, trace, |id| self.entry_source(id));
        entities
    }
}
