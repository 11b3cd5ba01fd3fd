//! The scorer: pure functions from gold spans and predicted spans to counts.
//!
//! Nothing here reads files or runs the extractor, so every rule can be
//! tested on small hand-made documents (see the tests at the bottom).
//!
//! # Which predictions are scored
//!
//! Each predicted mention gets one [`Disposition`], the same in all three
//! matchings, in this order:
//!
//! 1. its span equals the span of a gold entity (not `misc`): **scored**
//!    (a true positive if the kind agrees under the matching, else a false
//!    positive);
//! 2. its span equals a gold `misc` span: **ignored**;
//! 3. it overlaps an `optional` span (re3d): **ignored**;
//! 4. its kind is `group` and the document's [`GroupPolicy`] is
//!    [`GroupPolicy::SetAside`]: **set aside** (counted and reported, but
//!    neither right nor wrong);
//! 5. otherwise: **scored** (a false positive in every matching).
//!
//! Because the dispositions do not depend on the matching, the three
//! matchings see the same predictions and differ only in how kinds compare.
//! Gold `misc` entities are never false negatives.
//!
//! # Undefined values
//!
//! Precision is undefined (`None`) when nothing was predicted, recall when
//! there is no gold; F1 is `2PR/(P+R)` when both are defined, 0 when only
//! one is (there was gold or there were predictions, and nothing matched),
//! and undefined when there was neither.

use std::collections::{HashMap, HashSet};
use std::ops::AddAssign;

use gazetteer_ner::EntityKind;
use serde::Serialize;

/// A byte span, end exclusive.
pub type Span = (usize, usize);

/// A gold label: one of the four kinds, or `misc` (ignored by scoring).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoldLabel {
    /// One of the extractor's four kinds.
    Kind(EntityKind),
    /// A name outside the four kinds; never counted.
    Misc,
}

/// One gold mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSpan {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Its label.
    pub label: GoldLabel,
    /// The gold entity it belongs to, where the corpus says (`None` means
    /// unknown, not singleton).
    pub cluster: Option<String>,
}

/// One predicted mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PredSpan {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// The kind of its entity.
    pub kind: EntityKind,
    /// The index of its predicted entity in the document.
    pub entity: usize,
}

/// What to do with `group` predictions that match no gold entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupPolicy {
    /// Score them like any other prediction (re3d, whose gold annotates
    /// demonyms and ethnic and religious groups as `group`).
    Scored,
    /// Neither right nor wrong: count them separately (CoNLL, whose gold has
    /// no `group` label, and GUM, which does not annotate adjectival
    /// demonyms).
    SetAside,
}

/// How predicted and gold kinds are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Matching {
    /// Span and kind both right.
    Exact,
    /// Span right, kind right with `group` and `organisation` as one kind.
    Coarse,
    /// Span right, kind ignored.
    Span,
}

impl Matching {
    /// The three matchings, in report order.
    pub const ALL: [Matching; 3] = [Matching::Exact, Matching::Coarse, Matching::Span];

    /// Its name in reports, JSON and floor keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Matching::Exact => "exact",
            Matching::Coarse => "coarse",
            Matching::Span => "span",
        }
    }

    /// Whether a prediction of kind `pred` matches gold of kind `gold`.
    pub fn kinds_match(self, pred: EntityKind, gold: EntityKind) -> bool {
        match self {
            Matching::Exact => pred == gold,
            Matching::Coarse => Row::coarse(pred) == Row::coarse(gold),
            Matching::Span => true,
        }
    }

    /// The report row a mention of `kind` is counted under.
    pub fn row(self, kind: EntityKind) -> Row {
        match self {
            Matching::Exact | Matching::Span => Row::of(kind),
            Matching::Coarse => Row::coarse(kind),
        }
    }

    /// The rows this matching reports, in order.
    pub fn rows(self) -> &'static [Row] {
        match self {
            Matching::Exact | Matching::Span => {
                &[Row::Person, Row::Group, Row::Place, Row::Organisation]
            }
            Matching::Coarse => &[Row::Person, Row::Place, Row::GroupOrganisation],
        }
    }
}

/// A per-kind row of a report: the four kinds, plus the merged
/// group-or-organisation row of coarse matching.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Row {
    /// `person`.
    Person,
    /// `group`.
    Group,
    /// `place`.
    Place,
    /// `organisation`.
    Organisation,
    /// `group` and `organisation` together (coarse matching).
    GroupOrganisation,
}

impl Row {
    const COUNT: usize = 5;

    fn of(kind: EntityKind) -> Row {
        match kind {
            EntityKind::Person => Row::Person,
            EntityKind::Group => Row::Group,
            EntityKind::Place => Row::Place,
            EntityKind::Organisation => Row::Organisation,
            // `EntityKind` is non-exhaustive: a kind added to the library
            // needs a row here before it can be scored.
            other => unreachable!("no report row for the kind {other}"),
        }
    }

    fn coarse(kind: EntityKind) -> Row {
        match kind {
            EntityKind::Group | EntityKind::Organisation => Row::GroupOrganisation,
            other => Row::of(other),
        }
    }

    /// Its name in reports, JSON and floor keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Row::Person => "person",
            Row::Group => "group",
            Row::Place => "place",
            Row::Organisation => "organisation",
            Row::GroupOrganisation => "group_organisation",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// True positive, false positive and false negative counts.
///
/// True positives are kept twice: under the predicted kind (for precision)
/// and under the gold kind (for recall). They differ only in span-only
/// per-kind rows, where a `group` prediction on an `organisation` gold span
/// is right for the `group` row's precision and the `organisation` row's
/// recall.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Matched predictions, counted under the predicted kind.
    pub tp_pred: usize,
    /// Matched gold entities, counted under the gold kind.
    pub tp_gold: usize,
    /// Scored predictions that matched nothing.
    pub fp: usize,
    /// Gold entities nothing matched.
    pub fn_: usize,
}

impl Counts {
    /// `tp / (tp + fp)`; `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp_pred, self.tp_pred + self.fp)
    }

    /// `tp / (tp + fn)`; `None` when there is no gold.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp_gold, self.tp_gold + self.fn_)
    }

    /// The harmonic mean of precision and recall (see the module doc for
    /// undefined cases).
    pub fn f1(&self) -> Option<f64> {
        f1(self.precision(), self.recall())
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.tp_pred += o.tp_pred;
        self.tp_gold += o.tp_gold;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// `num / den`, or `None` when `den` is 0.
pub fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// F1 from precision and recall: the harmonic mean when both are defined
/// (0 when both are 0), 0 when only one is, `None` when neither is.
pub fn f1(p: Option<f64>, r: Option<f64>) -> Option<f64> {
    match (p, r) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        (None, None) => None,
        _ => Some(0.0),
    }
}

/// The counts of one matching: per row and micro-averaged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatchCounts {
    rows: [Counts; Row::COUNT],
    /// All kinds together.
    pub micro: Counts,
}

impl MatchCounts {
    /// The counts of one row.
    pub fn row(&self, row: Row) -> Counts {
        self.rows[row.index()]
    }

    fn row_mut(&mut self, row: Row) -> &mut Counts {
        &mut self.rows[row.index()]
    }
}

impl AddAssign for MatchCounts {
    fn add_assign(&mut self, o: MatchCounts) {
        for (a, b) in self.rows.iter_mut().zip(o.rows) {
            *a += b;
        }
        self.micro += o.micro;
    }
}

/// What happened to a predicted mention (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Disposition {
    /// Counted as right or wrong.
    Scored,
    /// Its span is a gold `misc` span.
    IgnoredMisc,
    /// It overlaps an `optional` span.
    IgnoredOptional,
    /// An unmatched `group` prediction under [`GroupPolicy::SetAside`].
    SetAsideGroup,
}

/// The fate of every `group` prediction of a document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GroupTally {
    /// All `group` predictions.
    pub predicted: usize,
    /// Those whose span is a gold entity's span: scored.
    pub matching_gold: usize,
    /// Those on a gold `misc` span: ignored.
    pub on_misc: usize,
    /// Those overlapping an `optional` span: ignored.
    pub on_optional: usize,
    /// Those set aside by [`GroupPolicy::SetAside`]: not scored.
    pub not_scored: usize,
}

impl AddAssign for GroupTally {
    fn add_assign(&mut self, o: GroupTally) {
        self.predicted += o.predicted;
        self.matching_gold += o.matching_gold;
        self.on_misc += o.on_misc;
        self.on_optional += o.on_optional;
        self.not_scored += o.not_scored;
    }
}

/// Alias-merging counts, summed over documents.
///
/// They are computed over the *correctly found* mentions only: predicted
/// mentions whose span equals a gold entity (not `misc`) that has a
/// `cluster`, whatever their kind. Predicted entities partition these
/// mentions one way and gold clusters another; B-cubed and MUC compare the
/// two partitions, so detection errors do not enter these figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct CorefCounts {
    /// Correctly found mentions with a gold cluster.
    pub mentions: usize,
    /// Gold mentions (not `misc`) with a cluster, found or not.
    pub gold_mentions: usize,
    /// Sum over mentions of B-cubed precision.
    pub bcubed_p_sum: f64,
    /// Sum over mentions of B-cubed recall.
    pub bcubed_r_sum: f64,
    /// MUC precision numerator: Σ over predicted entities of |E| − |parts of E by gold|.
    pub muc_p_num: usize,
    /// MUC precision denominator: Σ over predicted entities of |E| − 1.
    pub muc_p_den: usize,
    /// MUC recall numerator: Σ over gold clusters of |K| − |parts of K by prediction|.
    pub muc_r_num: usize,
    /// MUC recall denominator: Σ over gold clusters of |K| − 1.
    pub muc_r_den: usize,
    /// Predicted entities holding found mentions of two or more gold clusters.
    pub wrong_merges: usize,
    /// Σ over wrongly merged entities of (gold clusters joined − 1).
    pub extra_clusters_joined: usize,
    /// Gold clusters whose found mentions are spread over two or more
    /// predicted entities (missed merges).
    pub split_clusters: usize,
    /// Wrong merges holding two mentions of one name (see [`name_key`]) that
    /// belong to two different gold clusters: merges that any resolver
    /// giving one name one entity per document must make.
    pub same_name_wrong_merges: usize,
    /// Sum over mentions of B-cubed precision of the one-entity-per-name
    /// ceiling (see [`score_coref`]).
    pub ceiling_p_sum: f64,
    /// Sum over mentions of B-cubed recall of the ceiling.
    pub ceiling_r_sum: f64,
    /// Entities of the ceiling's partition holding found mentions of two
    /// or more gold clusters.
    pub ceiling_wrong_merges: usize,
}

impl CorefCounts {
    /// Mean B-cubed precision over found mentions.
    pub fn bcubed_precision(&self) -> Option<f64> {
        (self.mentions > 0).then(|| self.bcubed_p_sum / self.mentions as f64)
    }

    /// Mean B-cubed recall over found mentions.
    pub fn bcubed_recall(&self) -> Option<f64> {
        (self.mentions > 0).then(|| self.bcubed_r_sum / self.mentions as f64)
    }

    /// B-cubed F1.
    pub fn bcubed_f1(&self) -> Option<f64> {
        f1_strict(self.bcubed_precision(), self.bcubed_recall())
    }

    /// MUC precision (undefined when no predicted entity has two found mentions).
    pub fn muc_precision(&self) -> Option<f64> {
        ratio(self.muc_p_num, self.muc_p_den)
    }

    /// MUC recall (undefined when no gold cluster has two found mentions).
    pub fn muc_recall(&self) -> Option<f64> {
        ratio(self.muc_r_num, self.muc_r_den)
    }

    /// MUC F1.
    pub fn muc_f1(&self) -> Option<f64> {
        f1_strict(self.muc_precision(), self.muc_recall())
    }

    /// Mean B-cubed precision of the one-entity-per-name ceiling.
    pub fn ceiling_precision(&self) -> Option<f64> {
        (self.mentions > 0).then(|| self.ceiling_p_sum / self.mentions as f64)
    }

    /// Mean B-cubed recall of the ceiling (1 whenever defined: its entities
    /// are unions of whole gold clusters).
    pub fn ceiling_recall(&self) -> Option<f64> {
        (self.mentions > 0).then(|| self.ceiling_r_sum / self.mentions as f64)
    }

    /// B-cubed F1 of the ceiling.
    pub fn ceiling_f1(&self) -> Option<f64> {
        f1_strict(self.ceiling_precision(), self.ceiling_recall())
    }
}

/// F1 defined only when both precision and recall are.
fn f1_strict(p: Option<f64>, r: Option<f64>) -> Option<f64> {
    match (p, r) {
        (Some(_), Some(_)) => f1(p, r),
        _ => None,
    }
}

impl AddAssign for CorefCounts {
    fn add_assign(&mut self, o: CorefCounts) {
        self.mentions += o.mentions;
        self.gold_mentions += o.gold_mentions;
        self.bcubed_p_sum += o.bcubed_p_sum;
        self.bcubed_r_sum += o.bcubed_r_sum;
        self.muc_p_num += o.muc_p_num;
        self.muc_p_den += o.muc_p_den;
        self.muc_r_num += o.muc_r_num;
        self.muc_r_den += o.muc_r_den;
        self.wrong_merges += o.wrong_merges;
        self.extra_clusters_joined += o.extra_clusters_joined;
        self.split_clusters += o.split_clusters;
        self.same_name_wrong_merges += o.same_name_wrong_merges;
        self.ceiling_p_sum += o.ceiling_p_sum;
        self.ceiling_r_sum += o.ceiling_r_sum;
        self.ceiling_wrong_merges += o.ceiling_wrong_merges;
    }
}

/// One detection error under exact matching, for error analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetectionError {
    /// A scored prediction whose span is no gold entity's span.
    FalsePositive { span: Span, kind: EntityKind },
    /// A gold entity whose span no scored prediction has.
    FalseNegative { span: Span, kind: EntityKind },
    /// Span right, kind wrong (an exact-matching FP and FN at once).
    WrongKind {
        span: Span,
        gold: EntityKind,
        pred: EntityKind,
    },
}

/// A predicted entity joining found mentions of several gold clusters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrongMerge {
    /// The predicted entity's index in the document.
    pub entity: usize,
    /// The found mentions, with their gold clusters, in text order.
    pub mentions: Vec<(Span, String)>,
    /// Whether two of its mentions of different gold clusters are one name
    /// (see [`name_key`]).
    pub same_name: bool,
}

/// A gold cluster whose found mentions are spread over several predicted
/// entities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissedMerge {
    /// The gold cluster.
    pub cluster: String,
    /// Its found mentions, one list per predicted entity holding some, each
    /// in text order, the lists in the order of their first mentions.
    pub parts: Vec<Vec<Span>>,
}

/// Everything the scorer says about one document (or, summed, a file).
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// Counts per matching, in [`Matching::ALL`] order.
    pub matchings: [MatchCounts; 3],
    /// Predictions ignored because their span is a gold `misc` span.
    pub ignored_misc: usize,
    /// Predictions ignored because they overlap an `optional` span.
    pub ignored_optional: usize,
    /// What happened to `group` predictions.
    pub groups: GroupTally,
    /// Alias merging.
    pub coref: CorefCounts,
}

impl Score {
    /// The counts of one matching.
    pub fn matching(&self, m: Matching) -> &MatchCounts {
        &self.matchings[m as usize]
    }
}

impl AddAssign<&Score> for Score {
    fn add_assign(&mut self, o: &Score) {
        for (a, b) in self.matchings.iter_mut().zip(o.matchings) {
            *a += b;
        }
        self.ignored_misc += o.ignored_misc;
        self.ignored_optional += o.ignored_optional;
        self.groups += o.groups;
        self.coref += o.coref;
    }
}

/// The details of one document's scoring, for error analysis.
#[derive(Clone, Debug, Default)]
pub struct Details {
    /// Detection errors under exact matching, in prediction then gold order.
    pub errors: Vec<DetectionError>,
    /// Wrong merges.
    pub wrong_merges: Vec<WrongMerge>,
    /// Missed merges, in the order of their clusters' first found mentions.
    pub missed_merges: Vec<MissedMerge>,
}

/// The input of [`score_document`].
#[derive(Clone, Copy, Debug)]
pub struct Document<'a> {
    /// The text the spans point into.
    pub text: &'a str,
    /// Gold mentions, `misc` included.
    pub gold: &'a [GoldSpan],
    /// Spans whose overlapping predictions count neither way.
    pub optional: &'a [Span],
    /// Predicted mentions.
    pub predicted: &'a [PredSpan],
    /// What to do with unmatched `group` predictions.
    pub groups: GroupPolicy,
}

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Decides each prediction's [`Disposition`] (see the module doc).
pub fn dispositions(doc: &Document) -> Vec<Disposition> {
    let gold_spans: HashSet<Span> = doc
        .gold
        .iter()
        .filter(|g| g.label != GoldLabel::Misc)
        .map(|g| (g.start, g.end))
        .collect();
    let misc_spans: HashSet<Span> = doc
        .gold
        .iter()
        .filter(|g| g.label == GoldLabel::Misc)
        .map(|g| (g.start, g.end))
        .collect();
    doc.predicted
        .iter()
        .map(|p| {
            let span = (p.start, p.end);
            if gold_spans.contains(&span) {
                Disposition::Scored
            } else if misc_spans.contains(&span) {
                Disposition::IgnoredMisc
            } else if doc.optional.iter().any(|&o| overlaps(span, o)) {
                Disposition::IgnoredOptional
            } else if p.kind == EntityKind::Group && doc.groups == GroupPolicy::SetAside {
                Disposition::SetAsideGroup
            } else {
                Disposition::Scored
            }
        })
        .collect()
}

/// Matches scored predictions to gold under one matching: one gold entity
/// per prediction at most, on equal spans, first come first served (which
/// is a maximum matching, as kind agreement is an equivalence).
///
/// Returns the counts and, per prediction, the index of the gold it
/// matched.
fn match_spans(doc: &Document, scored: &[bool], m: Matching) -> (MatchCounts, Vec<Option<usize>>) {
    let mut by_span: HashMap<Span, Vec<usize>> = HashMap::new();
    for (i, g) in doc.gold.iter().enumerate() {
        if let GoldLabel::Kind(_) = g.label {
            by_span.entry((g.start, g.end)).or_default().push(i);
        }
    }
    let mut used = vec![false; doc.gold.len()];
    let mut matched = vec![None; doc.predicted.len()];
    let mut counts = MatchCounts::default();
    for (pi, p) in doc.predicted.iter().enumerate() {
        if !scored[pi] {
            continue;
        }
        let hit = by_span.get(&(p.start, p.end)).and_then(|golds| {
            golds.iter().find_map(|&gi| match doc.gold[gi].label {
                GoldLabel::Kind(k) if !used[gi] && m.kinds_match(p.kind, k) => Some((gi, k)),
                _ => None,
            })
        });
        match hit {
            Some((gi, gk)) => {
                used[gi] = true;
                matched[pi] = Some(gi);
                counts.row_mut(m.row(p.kind)).tp_pred += 1;
                counts.row_mut(m.row(gk)).tp_gold += 1;
                counts.micro.tp_pred += 1;
                counts.micro.tp_gold += 1;
            }
            None => {
                counts.row_mut(m.row(p.kind)).fp += 1;
                counts.micro.fp += 1;
            }
        }
    }
    for (gi, g) in doc.gold.iter().enumerate() {
        if let GoldLabel::Kind(k) = g.label
            && !used[gi]
        {
            counts.row_mut(m.row(k)).fn_ += 1;
            counts.micro.fn_ += 1;
        }
    }
    (counts, matched)
}

/// Scores one document: detection under the three matchings, the fate of
/// `group` predictions and alias merging.
pub fn score_document(doc: &Document) -> (Score, Details) {
    let disp = dispositions(doc);
    let scored: Vec<bool> = disp.iter().map(|&d| d == Disposition::Scored).collect();
    let mut score = Score::default();
    let mut details = Details::default();

    for (i, d) in disp.iter().enumerate() {
        match d {
            Disposition::IgnoredMisc => score.ignored_misc += 1,
            Disposition::IgnoredOptional => score.ignored_optional += 1,
            _ => {}
        }
        if doc.predicted[i].kind == EntityKind::Group {
            let g = &mut score.groups;
            g.predicted += 1;
            match d {
                Disposition::Scored if gold_at(doc, doc.predicted[i]).is_some() => {
                    g.matching_gold += 1
                }
                Disposition::Scored => {}
                Disposition::IgnoredMisc => g.on_misc += 1,
                Disposition::IgnoredOptional => g.on_optional += 1,
                Disposition::SetAsideGroup => g.not_scored += 1,
            }
        }
    }

    let mut exact_matched = Vec::new();
    for m in Matching::ALL {
        let (counts, matched) = match_spans(doc, &scored, m);
        score.matchings[m as usize] = counts;
        if m == Matching::Exact {
            exact_matched = matched;
        }
    }
    details.errors = exact_errors(doc, &scored, &exact_matched);
    let (coref, wrong, missed) = score_coref(doc);
    score.coref = coref;
    details.wrong_merges = wrong;
    details.missed_merges = missed;
    (score, details)
}

/// The first gold entity (not `misc`) whose span is the prediction's.
fn gold_at<'a>(doc: &'a Document, p: PredSpan) -> Option<&'a GoldSpan> {
    doc.gold
        .iter()
        .find(|g| g.start == p.start && g.end == p.end && g.label != GoldLabel::Misc)
}

/// Exact-matching errors, split into false positives (no gold there),
/// false negatives (no scored prediction there) and wrong kinds.
fn exact_errors(doc: &Document, scored: &[bool], matched: &[Option<usize>]) -> Vec<DetectionError> {
    let mut errors = Vec::new();
    let mut gold_used = vec![false; doc.gold.len()];
    for gi in matched.iter().flatten() {
        gold_used[*gi] = true;
    }
    let mut predicted_spans: HashSet<Span> = HashSet::new();
    for (pi, p) in doc.predicted.iter().enumerate() {
        if !scored[pi] {
            continue;
        }
        let span = (p.start, p.end);
        predicted_spans.insert(span);
        if matched[pi].is_some() {
            continue;
        }
        errors.push(match gold_at(doc, *p) {
            Some(&GoldSpan {
                label: GoldLabel::Kind(gold),
                ..
            }) => DetectionError::WrongKind {
                span,
                gold,
                pred: p.kind,
            },
            _ => DetectionError::FalsePositive { span, kind: p.kind },
        });
    }
    for (gi, g) in doc.gold.iter().enumerate() {
        if let GoldLabel::Kind(kind) = g.label
            && !gold_used[gi]
            && !predicted_spans.contains(&(g.start, g.end))
        {
            errors.push(DetectionError::FalseNegative {
                span: (g.start, g.end),
                kind,
            });
        }
    }
    errors
}

/// Alias-merging counts for one document (see [`CorefCounts`]), its wrong
/// merges and its missed merges.
///
/// Two more figures say which wrong merges a resolver that gives one name
/// one entity per document ("one sense per discourse") must make, and how
/// well it scores when it makes no other error:
///
/// - a wrong merge is a **same-name** merge when two of the found mentions
///   it holds belong to different gold clusters and are one name (see
///   [`name_key`]): such a resolver must make it;
/// - the **ceiling** is the partition of the found mentions exactly as the
///   gold's, except that mentions of one name are always together: its
///   entities are the connected components of the found mentions linked
///   by a shared gold cluster or a shared name (union-find), so gold
///   clusters are also joined through a third (A shares a name with B, B
///   another with C: one entity). Its B-cubed recall is 1 and its
///   precision the highest of any such resolver that splits no gold
///   entity; its wrong merges are the components holding two or more gold
///   clusters, each counted once however many it joins.
pub fn score_coref(doc: &Document) -> (CorefCounts, Vec<WrongMerge>, Vec<MissedMerge>) {
    let mut counts = CorefCounts::default();
    let mut cluster_of: HashMap<Span, &str> = HashMap::new();
    for g in doc.gold {
        if let (GoldLabel::Kind(_), Some(c)) = (g.label, &g.cluster) {
            counts.gold_mentions += 1;
            cluster_of.entry((g.start, g.end)).or_insert(c.as_str());
        }
    }
    // The found mentions: (span, predicted entity, gold cluster), one per span.
    let mut seen: HashSet<Span> = HashSet::new();
    let mut found: Vec<(Span, usize, &str)> = Vec::new();
    for p in doc.predicted {
        let span = (p.start, p.end);
        if let Some(&c) = cluster_of.get(&span)
            && seen.insert(span)
        {
            found.push((span, p.entity, c));
        }
    }
    found.sort_by_key(|&(span, _, _)| span);
    counts.mentions = found.len();
    let names: Vec<Option<String>> = found
        .iter()
        .map(|&((start, end), _, _)| doc.text.get(start..end).map(name_key))
        .collect();

    let predicted = Partition::new(found.iter().map(|&(_, e, c)| (e, c)).collect());
    (counts.bcubed_p_sum, counts.bcubed_r_sum) = predicted.bcubed_sums();
    // MUC: an entity of size n cut into k parts by the other side contributes
    // n - k correct links out of n - 1.
    for (e, &n) in &predicted.entity_size {
        counts.muc_p_num += n - predicted.parts_of_entity[e];
        counts.muc_p_den += n - 1;
    }
    for (c, &n) in &predicted.gold_size {
        counts.muc_r_num += n - predicted.parts_of_gold[c];
        counts.muc_r_den += n - 1;
    }
    counts.split_clusters = predicted.parts_of_gold.values().filter(|&&k| k > 1).count();

    let mut merges: Vec<WrongMerge> = Vec::new();
    let mut entities: Vec<usize> = predicted
        .parts_of_entity
        .iter()
        .filter(|&(_, &k)| k > 1)
        .map(|(&e, _)| e)
        .collect();
    entities.sort_unstable();
    for e in entities {
        let members: Vec<usize> = (0..found.len()).filter(|&i| found[i].1 == e).collect();
        let same_name = members.iter().enumerate().any(|(k, &i)| {
            members[k + 1..]
                .iter()
                .any(|&j| found[i].2 != found[j].2 && names[i].is_some() && names[i] == names[j])
        });
        counts.wrong_merges += 1;
        counts.same_name_wrong_merges += usize::from(same_name);
        counts.extra_clusters_joined += predicted.parts_of_entity[&e] - 1;
        merges.push(WrongMerge {
            entity: e,
            mentions: members
                .iter()
                .map(|&i| (found[i].0, found[i].2.to_string()))
                .collect(),
            same_name,
        });
    }

    let ceiling = Partition::new(
        one_entity_per_name(&found, &names)
            .into_iter()
            .zip(found.iter().map(|&(_, _, c)| c))
            .collect(),
    );
    (counts.ceiling_p_sum, counts.ceiling_r_sum) = ceiling.bcubed_sums();
    counts.ceiling_wrong_merges = ceiling.parts_of_entity.values().filter(|&&k| k > 1).count();
    (
        counts,
        merges,
        missed_merges(&found, &predicted.parts_of_gold),
    )
}

/// The name a mention's text is, for telling whether two mentions are one
/// name: lower-cased, with every run of whitespace one space ("NEW  YORK"
/// and "New York" are one name).
fn name_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A partition of a document's found mentions into entities, met with the
/// mentions' gold clusters: what B-cubed and MUC count.
struct Partition<'a> {
    /// Per found mention, in text order: its entity and its gold cluster.
    mentions: Vec<(usize, &'a str)>,
    /// Found mentions per entity.
    entity_size: HashMap<usize, usize>,
    /// Found mentions per gold cluster.
    gold_size: HashMap<&'a str, usize>,
    /// Found mentions per entity and gold cluster.
    both: HashMap<(usize, &'a str), usize>,
    /// Gold clusters per entity.
    parts_of_entity: HashMap<usize, usize>,
    /// Entities per gold cluster.
    parts_of_gold: HashMap<&'a str, usize>,
}

impl<'a> Partition<'a> {
    /// Counts the partition given by `mentions` (entity, gold cluster).
    fn new(mentions: Vec<(usize, &'a str)>) -> Self {
        let mut entity_size: HashMap<usize, usize> = HashMap::new();
        let mut gold_size: HashMap<&str, usize> = HashMap::new();
        let mut both: HashMap<(usize, &str), usize> = HashMap::new();
        for &(e, c) in &mentions {
            *entity_size.entry(e).or_default() += 1;
            *gold_size.entry(c).or_default() += 1;
            *both.entry((e, c)).or_default() += 1;
        }
        let mut parts_of_entity: HashMap<usize, usize> = HashMap::new();
        let mut parts_of_gold: HashMap<&str, usize> = HashMap::new();
        for &(e, c) in both.keys() {
            *parts_of_entity.entry(e).or_default() += 1;
            *parts_of_gold.entry(c).or_default() += 1;
        }
        Partition {
            mentions,
            entity_size,
            gold_size,
            both,
            parts_of_entity,
            parts_of_gold,
        }
    }

    /// The sums over mentions of B-cubed precision and recall, in text order.
    fn bcubed_sums(&self) -> (f64, f64) {
        let (mut p, mut r) = (0.0, 0.0);
        for &(e, c) in &self.mentions {
            let n = self.both[&(e, c)] as f64;
            p += n / self.entity_size[&e] as f64;
            r += n / self.gold_size[&c] as f64;
        }
        (p, r)
    }
}

/// Per found mention, its entity in the one-entity-per-name ceiling (see
/// [`score_coref`]): mentions joined when they share a gold cluster or a
/// name, by union-find, each entity numbered by its first mention.
/// Mentions without a name (a span outside the text) share only their
/// cluster.
fn one_entity_per_name(found: &[(Span, usize, &str)], names: &[Option<String>]) -> Vec<usize> {
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    fn join(parent: &mut [usize], a: usize, b: usize) {
        let (a, b) = (root(parent, a), root(parent, b));
        parent[a.max(b)] = a.min(b);
    }
    let mut parent: Vec<usize> = (0..found.len()).collect();
    let mut first_of_cluster: HashMap<&str, usize> = HashMap::new();
    let mut first_of_name: HashMap<&str, usize> = HashMap::new();
    for (i, &(_, _, cluster)) in found.iter().enumerate() {
        let first = *first_of_cluster.entry(cluster).or_insert(i);
        join(&mut parent, first, i);
        if let Some(name) = &names[i] {
            let first = *first_of_name.entry(name).or_insert(i);
            join(&mut parent, first, i);
        }
    }
    (0..found.len()).map(|i| root(&mut parent, i)).collect()
}

/// The gold clusters `parts_of_gold` says are split, with their found
/// mentions (sorted by span) grouped by predicted entity.
fn missed_merges(
    found: &[(Span, usize, &str)],
    parts_of_gold: &HashMap<&str, usize>,
) -> Vec<MissedMerge> {
    let mut missed: Vec<MissedMerge> = Vec::new();
    let mut entities: Vec<usize> = Vec::new();
    for &(_, _, cluster) in found {
        if parts_of_gold[cluster] < 2 || missed.iter().any(|m| m.cluster == cluster) {
            continue;
        }
        entities.clear();
        let mut parts: Vec<Vec<Span>> = Vec::new();
        for &(span, e, _) in found.iter().filter(|&&(_, _, c)| c == cluster) {
            match entities.iter().position(|&known| known == e) {
                Some(part) => parts[part].push(span),
                None => {
                    entities.push(e);
                    parts.push(vec![span]);
                }
            }
        }
        missed.push(MissedMerge {
            cluster: cluster.to_string(),
            parts,
        });
    }
    missed
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::{Group, Organisation, Person, Place};

    fn gold(start: usize, end: usize, kind: EntityKind, cluster: &str) -> GoldSpan {
        GoldSpan {
            start,
            end,
            label: GoldLabel::Kind(kind),
            cluster: (!cluster.is_empty()).then(|| cluster.to_string()),
        }
    }

    fn misc(start: usize, end: usize) -> GoldSpan {
        GoldSpan {
            start,
            end,
            label: GoldLabel::Misc,
            cluster: None,
        }
    }

    fn pred(start: usize, end: usize, kind: EntityKind, entity: usize) -> PredSpan {
        PredSpan {
            start,
            end,
            kind,
            entity,
        }
    }

    fn score(
        gold: &[GoldSpan],
        optional: &[Span],
        predicted: &[PredSpan],
        groups: GroupPolicy,
    ) -> Score {
        score_document(&Document {
            text: "",
            gold,
            optional,
            predicted,
            groups,
        })
        .0
    }

    /// The score and the details of `predicted` against `gold`, with
    /// nothing optional and groups scored.
    fn score_with_details(gold: &[GoldSpan], predicted: &[PredSpan]) -> (Score, Details) {
        score_document(&Document {
            text: "",
            gold,
            optional: &[],
            predicted,
            groups: GroupPolicy::Scored,
        })
    }

    /// The score and the details of `predicted` against `gold` in `text`,
    /// with nothing optional and groups scored.
    fn score_text(text: &str, gold: &[GoldSpan], predicted: &[PredSpan]) -> (Score, Details) {
        score_document(&Document {
            text,
            gold,
            optional: &[],
            predicted,
            groups: GroupPolicy::Scored,
        })
    }

    /// The span of the `nth` (from 0) occurrence of `word` in `text`.
    fn at(text: &str, word: &str, nth: usize) -> Span {
        let start = text.match_indices(word).nth(nth).unwrap().0;
        (start, start + word.len())
    }

    fn micro(s: &Score, m: Matching) -> Counts {
        s.matching(m).micro
    }

    fn counts(tp: usize, fp: usize, fn_: usize) -> Counts {
        Counts {
            tp_pred: tp,
            tp_gold: tp,
            fp,
            fn_,
        }
    }

    /// Two people (one with an alias), a place and an organisation.
    fn sample_gold() -> Vec<GoldSpan> {
        vec![
            gold(0, 12, Person, "Marlowe"),
            gold(20, 26, Place, "London"),
            gold(30, 37, Person, "Marlowe"),
            gold(40, 46, Organisation, "Reuters"),
        ]
    }

    /// The sample with the two mentions of the person as two entities.
    fn sample_pred_split() -> Vec<PredSpan> {
        vec![
            pred(0, 12, Person, 0),
            pred(20, 26, Place, 1),
            pred(30, 37, Person, 3),
            pred(40, 46, Organisation, 2),
        ]
    }

    fn sample_pred() -> Vec<PredSpan> {
        vec![
            pred(0, 12, Person, 0),
            pred(20, 26, Place, 1),
            pred(30, 37, Person, 0),
            pred(40, 46, Organisation, 2),
        ]
    }

    #[test]
    fn perfect_prediction_scores_one_everywhere() {
        let s = score(&sample_gold(), &[], &sample_pred(), GroupPolicy::Scored);
        for m in Matching::ALL {
            let c = micro(&s, m);
            assert_eq!(c, counts(4, 0, 0), "{m:?}");
            assert_eq!(c.precision(), Some(1.0));
            assert_eq!(c.recall(), Some(1.0));
            assert_eq!(c.f1(), Some(1.0));
        }
        assert_eq!(
            s.matching(Matching::Exact).row(Row::Person),
            counts(2, 0, 0)
        );
        assert_eq!(s.coref.bcubed_precision(), Some(1.0));
        assert_eq!(s.coref.bcubed_recall(), Some(1.0));
        assert_eq!(s.coref.bcubed_f1(), Some(1.0));
        assert_eq!(s.coref.muc_precision(), Some(1.0));
        assert_eq!(s.coref.muc_recall(), Some(1.0));
        assert_eq!(s.coref.muc_f1(), Some(1.0));
        assert_eq!(s.coref.wrong_merges, 0);
    }

    #[test]
    fn empty_prediction_has_zero_recall_and_f1_and_undefined_precision() {
        let s = score(&sample_gold(), &[], &[], GroupPolicy::Scored);
        let c = micro(&s, Matching::Exact);
        assert_eq!(c, counts(0, 0, 4));
        assert_eq!(c.precision(), None);
        assert_eq!(c.recall(), Some(0.0));
        assert_eq!(c.f1(), Some(0.0));
        assert_eq!(s.coref.mentions, 0);
        assert_eq!(s.coref.bcubed_f1(), None);
        assert_eq!(s.coref.muc_f1(), None);
    }

    #[test]
    fn nothing_at_all_is_undefined() {
        let s = score(&[], &[], &[], GroupPolicy::Scored);
        let c = micro(&s, Matching::Exact);
        assert_eq!((c.precision(), c.recall(), c.f1()), (None, None, None));
    }

    #[test]
    fn prediction_on_misc_span_is_ignored_and_misc_is_never_missed() {
        let g = vec![gold(0, 4, Place, ""), misc(10, 16), misc(20, 27)];
        let p = vec![pred(0, 4, Place, 0), pred(10, 16, Group, 1)];
        let s = score(&g, &[], &p, GroupPolicy::Scored);
        for m in Matching::ALL {
            assert_eq!(micro(&s, m), counts(1, 0, 0), "{m:?}");
        }
        assert_eq!(s.ignored_misc, 1);
        assert_eq!(s.groups.on_misc, 1);
        // Overlapping a misc span without equalling it is an error.
        let s = score(&g, &[], &[pred(10, 14, Person, 0)], GroupPolicy::Scored);
        assert_eq!(micro(&s, Matching::Exact), counts(0, 1, 1));
    }

    #[test]
    fn coarse_joins_group_and_organisation_exact_does_not() {
        let g = vec![gold(0, 3, Organisation, ""), gold(10, 16, Person, "")];
        let p = vec![pred(0, 3, Group, 0), pred(10, 16, Place, 1)];
        let s = score(&g, &[], &p, GroupPolicy::Scored);
        assert_eq!(micro(&s, Matching::Exact), counts(0, 2, 2));
        assert_eq!(micro(&s, Matching::Coarse), counts(1, 1, 1));
        assert_eq!(
            s.matching(Matching::Coarse).row(Row::GroupOrganisation),
            counts(1, 0, 0)
        );
        assert_eq!(s.matching(Matching::Exact).row(Row::Group), counts(0, 1, 0));
        assert_eq!(
            s.matching(Matching::Exact).row(Row::Organisation),
            counts(0, 0, 1)
        );
    }

    #[test]
    fn span_only_ignores_kind() {
        let g = vec![gold(0, 3, Organisation, ""), gold(10, 16, Person, "")];
        let p = vec![
            pred(0, 3, Group, 0),
            pred(10, 16, Place, 1),
            pred(20, 25, Place, 2),
        ];
        let s = score(&g, &[], &p, GroupPolicy::Scored);
        assert_eq!(micro(&s, Matching::Span), counts(2, 1, 0));
        // Per kind: precision by predicted kind, recall by gold kind.
        let group = s.matching(Matching::Span).row(Row::Group);
        assert_eq!((group.precision(), group.recall()), (Some(1.0), None));
        let org = s.matching(Matching::Span).row(Row::Organisation);
        assert_eq!((org.precision(), org.recall()), (None, Some(1.0)));
        let place = s.matching(Matching::Span).row(Row::Place);
        assert_eq!(place.precision(), Some(0.5));
    }

    #[test]
    fn optional_overlap_counts_neither_way() {
        let g = vec![gold(0, 5, Place, "")];
        let optional = [(20, 40)];
        let p = vec![
            pred(0, 5, Place, 0),
            pred(25, 32, Person, 1), // inside the optional span
            pred(38, 45, Place, 2),  // overlapping its end
            pred(50, 55, Person, 3), // outside: a false positive
        ];
        let s = score(&g, &optional, &p, GroupPolicy::Scored);
        assert_eq!(micro(&s, Matching::Exact), counts(1, 1, 0));
        assert_eq!(s.ignored_optional, 2);
        // A prediction on a gold span is scored even inside an optional span.
        let g = vec![gold(25, 32, Place, "")];
        let s = score(
            &g,
            &optional,
            &[pred(25, 32, Person, 0)],
            GroupPolicy::Scored,
        );
        assert_eq!(micro(&s, Matching::Exact), counts(0, 1, 1));
    }

    #[test]
    fn unmatched_groups_are_set_aside_only_under_set_aside() {
        let g = vec![gold(0, 4, Group, ""), gold(10, 13, Organisation, "")];
        let p = vec![
            pred(0, 4, Group, 0),   // matches: scored
            pred(10, 13, Group, 1), // gold span, other kind: scored
            pred(20, 27, Group, 2), // no gold: set aside
        ];
        let s = score(&g, &[], &p, GroupPolicy::SetAside);
        assert_eq!(micro(&s, Matching::Exact), counts(1, 1, 1));
        assert_eq!(micro(&s, Matching::Coarse), counts(2, 0, 0));
        assert_eq!(
            s.groups,
            GroupTally {
                predicted: 3,
                matching_gold: 2,
                on_misc: 0,
                on_optional: 0,
                not_scored: 1
            }
        );
        let s = score(&g, &[], &p, GroupPolicy::Scored);
        assert_eq!(micro(&s, Matching::Exact), counts(1, 2, 1));
        assert_eq!(s.groups.not_scored, 0);
    }

    #[test]
    fn wrong_merge_is_counted_and_lowers_bcubed_precision() {
        // Marlowe (0, 30) and London (20) all predicted as one entity.
        let p = vec![
            pred(0, 12, Person, 0),
            pred(20, 26, Place, 0),
            pred(30, 37, Person, 0),
            pred(40, 46, Organisation, 2),
        ];
        let (s, d) = score_with_details(&sample_gold(), &p);
        let c = s.coref;
        assert_eq!(c.wrong_merges, 1);
        assert_eq!(c.extra_clusters_joined, 1);
        assert_eq!(c.bcubed_recall(), Some(1.0));
        // Precision per mention: 2/3, 1/3, 2/3, 1 → 8/3 / 4.
        let bp = c.bcubed_precision().unwrap();
        assert!((bp - 2.0 / 3.0).abs() < 1e-12, "{bp}");
        // MUC: the merged entity has 3 mentions in 2 gold parts: 1 of 2 links right.
        assert_eq!(c.muc_precision(), Some(0.5));
        assert_eq!(c.muc_recall(), Some(1.0));
        assert_eq!(d.wrong_merges.len(), 1);
        assert_eq!(d.wrong_merges[0].mentions.len(), 3);
    }

    #[test]
    fn a_wrong_merge_of_one_name_in_two_gold_entities_is_marked() {
        // A river and the town on it, one name the gold gives two entities;
        // and two persons of one surname.
        let text = "The Ardmore rose and flooded ARDMORE town. Ann Quill met Ed Quill.";
        let spans = [
            at(text, "Ardmore", 0),
            at(text, "ARDMORE", 0),
            at(text, "Ann Quill", 0),
            at(text, "Ed Quill", 0),
        ];
        let g = vec![
            gold(spans[0].0, spans[0].1, Place, "Ardmore_river"),
            gold(spans[1].0, spans[1].1, Place, "Ardmore"),
            gold(spans[2].0, spans[2].1, Person, "Ann_Quill"),
            gold(spans[3].0, spans[3].1, Person, "Ed_Quill"),
        ];
        let p = vec![
            pred(spans[0].0, spans[0].1, Place, 0),
            pred(spans[1].0, spans[1].1, Place, 0),
            pred(spans[2].0, spans[2].1, Person, 1),
            pred(spans[3].0, spans[3].1, Person, 1),
        ];
        let (s, d) = score_text(text, &g, &p);
        assert_eq!(s.coref.wrong_merges, 2);
        assert_eq!(s.coref.same_name_wrong_merges, 1);
        let marks: Vec<bool> = d.wrong_merges.iter().map(|m| m.same_name).collect();
        assert_eq!(marks, vec![true, false]);
    }

    #[test]
    fn one_name_ignores_case_and_runs_of_whitespace() {
        assert_eq!(name_key("New\n  York"), name_key("NEW YORK"));
        assert_ne!(name_key("New York"), name_key("NewYork"));
    }

    #[test]
    fn the_one_entity_per_name_ceiling_joins_gold_entities_through_shared_names() {
        // Gold: A = {Ardmore}, B = {Ardmore, Ardmore B}, D = {ARDMORE B},
        // C = {Oxley, Oxley}. Names join A to B and B to D: the ceiling has
        // the entities {A, B, D} (4 mentions) and {C} (2 mentions).
        let text = "Ardmore. Ardmore. Ardmore B. Oxley. Oxley. ARDMORE B.";
        let g = vec![
            gold(0, 7, Place, "A"),
            gold(9, 16, Place, "B"),
            gold(18, 27, Place, "B"),
            gold(29, 34, Place, "C"),
            gold(36, 41, Place, "C"),
            gold(43, 52, Place, "D"),
        ];
        assert_eq!(&text[43..52], "ARDMORE B");
        // Each mention its own entity: the prediction does not enter the ceiling.
        let p: Vec<PredSpan> = g
            .iter()
            .enumerate()
            .map(|(i, m)| pred(m.start, m.end, Place, i))
            .collect();
        let (s, _) = score_text(text, &g, &p);
        let c = s.coref;
        assert_eq!((c.wrong_merges, c.same_name_wrong_merges), (0, 0));
        assert_eq!(c.ceiling_wrong_merges, 1);
        assert_eq!(c.ceiling_recall(), Some(1.0));
        // Precision per mention: A's 1/4, B's 2/4 twice, D's 1/4, C's 1
        // twice: 7/2 over 6 mentions = 7/12; F1 = 2·(7/12)/(19/12) = 14/19.
        let p = c.ceiling_precision().unwrap();
        assert!((p - 7.0 / 12.0).abs() < 1e-12, "{p}");
        let f = c.ceiling_f1().unwrap();
        assert!((f - 14.0 / 19.0).abs() < 1e-12, "{f}");
    }

    #[test]
    fn missed_merge_lowers_recall_not_precision() {
        let s = score(
            &sample_gold(),
            &[],
            &sample_pred_split(),
            GroupPolicy::Scored,
        );
        let c = s.coref;
        assert_eq!(c.wrong_merges, 0);
        assert_eq!(c.split_clusters, 1);
        assert_eq!(c.bcubed_precision(), Some(1.0));
        assert_eq!(c.bcubed_recall(), Some(0.75));
        assert_eq!(c.muc_recall(), Some(0.0));
        assert_eq!(c.muc_precision(), None);
    }

    #[test]
    fn missed_merge_lists_the_split_cluster_by_predicted_entity() {
        let (_, d) = score_with_details(&sample_gold(), &sample_pred_split());
        assert!(d.wrong_merges.is_empty());
        assert_eq!(
            d.missed_merges,
            vec![MissedMerge {
                cluster: "Marlowe".to_string(),
                parts: vec![vec![(0, 12)], vec![(30, 37)]],
            }]
        );
    }

    #[test]
    fn coref_uses_only_found_mentions_with_a_cluster() {
        let g = vec![
            gold(0, 12, Person, "A"),
            gold(20, 26, Person, "A"),
            gold(30, 37, Person, ""),
            misc(40, 46),
        ];
        // A wrong-kind mention still counts for merging; the unclustered
        // and misc ones do not, nor does a missed one.
        let p = vec![
            pred(0, 12, Place, 0),
            pred(30, 37, Person, 0),
            pred(40, 46, Person, 0),
        ];
        let s = score(&g, &[], &p, GroupPolicy::Scored);
        assert_eq!(s.coref.mentions, 1);
        assert_eq!(s.coref.gold_mentions, 2);
        assert_eq!(s.coref.wrong_merges, 0);
        assert_eq!(s.coref.bcubed_f1(), Some(1.0));
    }

    #[test]
    fn duplicate_predictions_on_one_span_match_once() {
        let g = vec![gold(0, 4, Place, "")];
        let p = vec![pred(0, 4, Place, 0), pred(0, 4, Place, 1)];
        let s = score(&g, &[], &p, GroupPolicy::Scored);
        assert_eq!(micro(&s, Matching::Exact), counts(1, 1, 0));
    }

    #[test]
    fn exact_errors_are_split_by_cause() {
        let g = vec![
            gold(0, 4, Place, ""),
            gold(10, 13, Organisation, ""),
            gold(20, 25, Person, ""),
        ];
        let p = vec![
            pred(0, 4, Place, 0),
            pred(10, 13, Group, 1),
            pred(30, 33, Person, 2),
        ];
        let (_, d) = score_with_details(&g, &p);
        assert_eq!(
            d.errors,
            vec![
                DetectionError::WrongKind {
                    span: (10, 13),
                    gold: Organisation,
                    pred: Group
                },
                DetectionError::FalsePositive {
                    span: (30, 33),
                    kind: Person
                },
                DetectionError::FalseNegative {
                    span: (20, 25),
                    kind: Person
                },
            ]
        );
    }

    #[test]
    fn scores_add_up() {
        let a = score(&sample_gold(), &[], &sample_pred(), GroupPolicy::Scored);
        let b = score(&sample_gold(), &[], &[], GroupPolicy::Scored);
        let mut total = Score::default();
        total += &a;
        total += &b;
        assert_eq!(micro(&total, Matching::Exact), counts(4, 0, 4));
        assert_eq!(total.coref.mentions, 4);
        assert_eq!(total.coref.gold_mentions, 8);
    }

    #[test]
    fn f1_edge_cases() {
        assert_eq!(f1(Some(0.0), Some(0.0)), Some(0.0));
        assert_eq!(f1(None, Some(0.0)), Some(0.0));
        assert_eq!(f1(Some(0.5), None), Some(0.0));
        assert_eq!(f1(None, None), None);
        let f = f1(Some(0.5), Some(1.0)).unwrap();
        assert!((f - 2.0 / 3.0).abs() < 1e-12, "{f}");
    }
}
