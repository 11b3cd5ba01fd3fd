//! Why the learned rules type a name: every example of a text and the rules
//! it fires, for a person or a script to read.

use crate::candidate::Evidence;
use crate::learned::features::{self, Features, Sink, View};
use crate::learned::{CommonWords, LearnedRules};
use crate::{EntityKind, Extractor};

/// What the learned rules see of one example of a text (see [`explain`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Explained {
    /// Where it starts in the visible text (the input, for plain text).
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    /// A single word that begins its sentence.
    pub lone_initial: bool,
    /// Whether a gazetteer entry or another rule's proposal covers some
    /// of it (the learned rules then type it only to choose between the
    /// readings of an ambiguous list hit).
    pub covered: bool,
    /// Whether its words are all common words.
    pub common: bool,
    /// The rules its features fire: the feature, the kind, the strength
    /// and the confidence for a name no list holds.
    pub fired: Vec<(String, EntityKind, f32, f32)>,
}

/// Every example of `text` and the rules of `rules` (a rules file's
/// contents) it fires, with `common` the contents of a common-words file:
/// for a person, or a script, to see why the learned rules type a name.
///
/// # Errors
///
/// [`crate::Error::MalformedRules`] when `rules` or `common` is malformed.
///
/// ```
/// use gazetteer_ner::{EntityKind, Extractor};
/// use gazetteer_ner::learn::explain;
///
/// let extractor = Extractor::builder().learned_rules(false).build()?;
/// let rules = "context\tR1 said\tperson\t0.99\n";
/// let seen = explain(&extractor, rules, "", "Yesterday Kowalczyk said no.")?;
/// assert_eq!(seen[0].fired, [("R1 said".to_string(), EntityKind::Person, 0.99, 0.99)]);
/// # Ok::<(), gazetteer_ner::Error>(())
/// ```
pub fn explain(
    extractor: &Extractor,
    rules: &str,
    common: &str,
    text: &str,
) -> Result<Vec<Explained>, crate::Error> {
    let rules = LearnedRules::parse("rules", rules)?;
    let common = CommonWords::parse("common words", common)?;
    struct Fired<'r> {
        rules: &'r LearnedRules,
        out: Vec<(String, EntityKind, f32, f32)>,
    }
    impl Sink for Fired<'_> {
        const TEXT: bool = true;
        fn feature(&mut self, _view: View, hash: u64, text: &str) {
            if let Some(rule) = self.rules.get(hash) {
                self.out
                    .push((text.to_string(), rule.kind, rule.strength, rule.confidence));
            }
        }
    }
    let mut seen = Vec::new();
    let mut features = Features::default();
    extractor.proposals(text, |cx, candidates| {
        for example in features::examples(cx) {
            let (start, end) = (example.start, example.end);
            let mut fired = Fired {
                rules: &rules,
                out: Vec::new(),
            };
            features.all(cx, start, end, &mut fired);
            seen.push(Explained {
                start: cx.tokens[start].start(),
                end: cx.tokens[end - 1].end(),
                lone_initial: example.lone_initial,
                covered: candidates
                    .iter()
                    .any(|c| c.evidence != Evidence::Guess && c.start < end && start < c.end),
                common: common.all_common(cx.word_hashes(start, end)),
                fired: fired.out,
            });
        }
    });
    Ok(seen)
}
