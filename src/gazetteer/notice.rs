//! What compiling a user's gazetteer data found worth telling its author.

use crate::EntityKind;

/// Something in the user's gazetteer data that did not stop the build but
/// that its author should know: nothing is dropped without a notice.
///
/// ```
/// use gazetteer_ner::{gazetteer::Notice, EntityKind, Entry, Extractor};
///
/// let extractor = Extractor::builder()
///     .default_gazetteers(false)
///     .entry(Entry::new(EntityKind::Place, "Jordan"))
///     .entry(Entry::new(EntityKind::Person, "Jordan"))
///     .build()?;
/// assert!(matches!(extractor.notices(), [Notice::Conflict { .. }]));
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Notice {
    /// The same form of the same entity was given twice; it is kept once.
    Duplicate {
        /// The surface form.
        form: String,
        /// The entity's kind and name.
        entry: (EntityKind, String),
    },
    /// One form names two different entities (two kinds, or two names);
    /// both are kept, and the resolver chooses by context and rank.
    Conflict {
        /// The surface form.
        form: String,
        /// The entity given first.
        first: (EntityKind, String),
        /// The entity given later.
        second: (EntityKind, String),
    },
    /// A user form hides the default entries spelled the same way.
    Shadowed {
        /// The surface form.
        form: String,
        /// The default entity no longer matched under this form.
        default: (EntityKind, String),
        /// The user's entity matched instead.
        user: (EntityKind, String),
    },
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Duplicate { form, entry } => {
                write!(
                    f,
                    "{form:?} is given twice for the {} {:?}",
                    entry.0, entry.1
                )
            }
            Notice::Conflict {
                form,
                first,
                second,
            } => write!(
                f,
                "{form:?} names both the {} {:?} and the {} {:?}; both are kept",
                first.0, first.1, second.0, second.1
            ),
            Notice::Shadowed {
                form,
                default,
                user,
            } => write!(
                f,
                "{form:?} now names the {} {:?}, hiding the default {} {:?}",
                user.0, user.1, default.0, default.1
            ),
        }
    }
}
