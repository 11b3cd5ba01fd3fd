//! The output of extraction: typed entities and the spans that mention them.

use std::fmt;
use std::str::FromStr;

use crate::UnknownKind;
use crate::explain::Why;

/// The four kinds of entity the extractor recognises.
///
/// The kinds follow the project's annotation guidelines: a `Group` is a
/// collective that is not a formally constituted institution (demonyms,
/// religious and ethnic groups, movements, militias), an `Organisation` is a
/// formally constituted body (ministries, companies, parties, universities).
///
/// Kinds serialise in lower case:
///
/// ```
/// use gazetteer_ner::EntityKind;
/// # #[cfg(feature = "serde")]
/// assert_eq!(serde_json::to_string(&EntityKind::Organisation).unwrap(), "\"organisation\"");
/// assert_eq!("place".parse::<EntityKind>().unwrap(), EntityKind::Place);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
#[non_exhaustive]
pub enum EntityKind {
    /// A named individual, real or fictional.
    Person,
    /// A collective of people that is not one formally constituted institution.
    Group,
    /// A geopolitical entity or a location.
    Place,
    /// A formally constituted body.
    Organisation,
}

impl EntityKind {
    /// Every kind, in declaration order.
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Group,
        EntityKind::Place,
        EntityKind::Organisation,
    ];

    /// The lower-case name used in JSON and in gazetteer files.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Group => "group",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownKind::entity(s))
    }
}

/// One span of the input that names an entity.
///
/// `start` and `end` are UTF-8 byte offsets into the input exactly as it was
/// given (HTML markup included), end exclusive, and always on character
/// boundaries, so `&input[start..end] == text` holds for every mention.
///
/// ```
/// let text = "Talks in Baghdad.";
/// let entities = gazetteer_ner::extract(text);
/// let m = &entities[0].mentions[0];
/// assert_eq!(&text[m.start..m.end], m.text);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Mention {
    /// Byte offset of the first byte of the mention.
    pub start: usize,
    /// Byte offset one past the last byte of the mention.
    pub end: usize,
    /// The mention as it appears in the input.
    pub text: String,
    /// Why it is a mention of its entity: `None` from
    /// [`Extractor::extract`](crate::Extractor::extract), given on every
    /// mention by [`Extractor::explain`](crate::Extractor::explain).
    /// Boxed, so that a mention without one stays small.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub why: Option<Box<Why>>,
}

/// One real-world referent and every span of the document that mentions it.
///
/// Mentions are in text order and never overlap; a list of entities is in
/// order of first mention.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Entity {
    /// What kind of thing the entity is.
    pub kind: EntityKind,
    /// The entity's name: the gazetteer's canonical name where a gazetteer
    /// knows the referent, otherwise its most complete form in the document.
    pub name: String,
    /// Every span that mentions the entity, in text order.
    pub mentions: Vec<Mention>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_str() {
        for kind in EntityKind::ALL {
            assert_eq!(kind.as_str().parse::<EntityKind>().unwrap(), kind);
        }
    }

    #[cfg(feature = "serde")]
    #[test]
    fn kinds_round_trip_through_json() {
        for kind in EntityKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(serde_json::from_str::<EntityKind>(&json).unwrap(), kind);
        }
    }

    #[test]
    fn unknown_kind_is_an_error_naming_the_input() {
        let err = "location".parse::<EntityKind>().unwrap_err();
        assert_eq!(err.name(), "location");
        assert!(err.to_string().contains("\"location\""));
    }
}
