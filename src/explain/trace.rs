//! The trace an explaining call keeps: what the stages proposed for each
//! text (or window), and, once the resolver is done, the facts of every
//! mention it made that the reasons are read from.

use super::{Choice, ChoiceBy, Found, Government, LearnedRule, Parted};
use crate::EntityKind;
use crate::candidate::{Candidate, Evidence};
use crate::document::{Document, acronym};
use crate::learned::LearnedRules;
use crate::learned::features::{Features, Sink, View};
use crate::markup::Visible;
use crate::resolver::alias;
use crate::resolver::propagate::Via;
use crate::resolver::{Memory, Resolved};
use crate::tokenizer::TokenKind;

/// What the stages did with one text, recorded as they go.
#[derive(Default)]
pub(crate) struct Trace {
    /// The candidates of the gazetteers and the hand-written rules.
    proposed: Vec<Candidate>,
    /// The candidates the resolver was given: the learned rules' added,
    /// the readings they ruled out gone.
    readings: Vec<Candidate>,
    /// Where the window being read starts in the visible text.
    offset: usize,
    /// The facts of the mentions whose spans are not yet input offsets.
    pending: Vec<Facts>,
    /// The facts of every mention made, with spans in the input.
    pub(super) facts: Vec<Facts>,
    features: Features,
}

/// How a mention was found, before its gazetteer entry's source is looked
/// up.
#[derive(Clone, Debug)]
pub(super) enum Finder {
    /// A gazetteer entry, with the kind the entry gives.
    Gazetteer(u32, EntityKind),
    Other(Found),
}

/// What the reasons of one mention are read from.
#[derive(Clone, Debug)]
pub(super) struct Facts {
    /// Its byte span (in the visible text, then in the input).
    pub span: (usize, usize),
    pub found: Finder,
    /// Its gazetteer entry, if a chosen candidate had one.
    pub entry: Option<u32>,
    /// The kind it was proposed with, before any merge.
    pub kind: EntityKind,
    /// Whether its entity is a person.
    pub person: bool,
    /// The keys of its words: its name as the resolver compares names.
    pub words: Vec<String>,
    /// The initials of a name of more than one token, if it has them.
    pub initials: Option<String>,
    /// Its other initials, spelled out or less the legal forms it ends with
    /// ("hc" of "Halvard Controls Inc"; see `alias::other_initials`).
    pub other_initials: Vec<String>,
    /// The letters of a one-word acronym.
    pub acronym: Option<String>,
    /// The span of the name this acronym follows in parentheses, when
    /// that name is a mention of the same entity.
    pub defines: Option<(usize, usize)>,
    pub chosen: Option<Choice>,
    /// Why it is apart from the side of its name, the side's span mapped
    /// as its own.
    pub parted: Option<Parted>,
    /// Why it stands for its country's government apart from the city of
    /// its name, the city's span mapped as its own.
    pub government: Option<Government>,
}

impl Trace {
    /// The window read next starts at byte `offset` of the visible text.
    pub(crate) fn window_at(&mut self, offset: usize) {
        self.offset = offset;
    }

    /// Keeps the candidates of the gazetteers and the rules.
    pub(crate) fn proposed(&mut self, candidates: &[Candidate]) {
        self.proposed.clear();
        self.proposed.extend_from_slice(candidates);
        self.proposed
            .sort_unstable_by_key(|c| (c.start, c.end, c.kind));
    }

    /// Keeps the candidates the resolver is about to be given.
    pub(crate) fn readings(&mut self, candidates: &[Candidate]) {
        self.readings.clear();
        self.readings.extend_from_slice(candidates);
        self.readings
            .sort_unstable_by_key(|c| (c.start, c.end, c.kind));
    }

    /// Records the facts of every mention of `resolved`, which the
    /// resolver made of `chosen` (the candidates it left, in text order)
    /// keeping what found its further mentions in `memory`; `learned` are
    /// the extractor's learned rules.
    pub(crate) fn resolved(
        &mut self,
        cx: &Document<'_>,
        chosen: &[Candidate],
        resolved: &[Resolved<'_>],
        memory: &Memory,
        learned: Option<&LearnedRules>,
    ) {
        for r in resolved {
            for &(s, e) in &r.mentions {
                let facts = self.facts_of(cx, learned, chosen, memory, r, (s, e));
                self.pending.push(facts);
            }
        }
    }

    /// Turns the spans recorded so far into offsets of the input that
    /// `visible` is the visible text of.
    pub(crate) fn map_to_input(&mut self, visible: &Visible<'_>) {
        for mut facts in self.pending.drain(..) {
            facts.span = visible.to_input(facts.span.0, facts.span.1);
            facts.defines = facts.defines.map(|(s, e)| visible.to_input(s, e));
            if let Some(parted) = &mut facts.parted {
                parted.side = visible.to_input(parted.side.0, parted.side.1);
            }
            if let Some(government) = &mut facts.government {
                government.city = visible.to_input(government.city.0, government.city.1);
            }
            self.facts.push(facts);
        }
        self.offset = 0;
    }

    fn facts_of(
        &mut self,
        cx: &Document<'_>,
        learned: Option<&LearnedRules>,
        chosen: &[Candidate],
        memory: &Memory,
        r: &Resolved<'_>,
        (s, e): (usize, usize),
    ) -> Facts {
        let offset = self.offset;
        let span = |s: usize, e: usize| {
            (
                offset + cx.tokens[s].start(),
                offset + cx.tokens[e - 1].end(),
            )
        };
        let at = chosen.partition_point(|c| c.start < s);
        let candidate = chosen.get(at).filter(|c| (c.start, c.end) == (s, e));
        let word = cx.word(s);
        let acronym = (e - s == 1 && cx.is_acronym(s)).then(|| acronym::letters(word));
        let defines = (acronym.is_some()
            && s >= 2
            && s + 1 < cx.tokens.len()
            && cx.word(s - 1) == "("
            && cx.word(s + 1) == ")")
            .then(|| {
                r.mentions
                    .iter()
                    .find(|&&(_, me)| me == s - 1)
                    .map(|&(ms, me)| span(ms, me))
            })
            .flatten();
        let found = match candidate {
            Some(c) => self.finder(cx, learned, c),
            None if defines.is_some() => Finder::Other(Found::AcronymDefinition),
            // What the resolver found by itself.
            None => Finder::Other(match memory.propagated_by(s, e) {
                Some(Via::MainPerson) => Found::MainPerson,
                Some(Via::NameWord) => Found::NameWord,
                Some(Via::Name) | None => Found::Propagation,
            }),
        };
        let chosen = candidate.and_then(|c| self.choice(cx, learned, c, r.kind));
        Facts {
            span: span(s, e),
            found,
            entry: candidate.and_then(|c| c.entry),
            kind: candidate.map_or(r.kind, |c| c.kind),
            person: r.kind == EntityKind::Person,
            words: (s..e)
                .filter(|&i| cx.tokens[i].kind == TokenKind::Word)
                .map(|i| cx.keys.get(i).to_string())
                .collect(),
            initials: (e - s > 1).then(|| cx.initials(s, e)).flatten(),
            other_initials: alias::other_initials(cx, s, e),
            acronym,
            defines,
            chosen,
            parted: memory.parted(s, e).map(|p| Parted {
                venue: p.role,
                side: span(p.side.0, p.side.1),
                by: p.by,
            }),
            government: memory.governed(s, e).map(|g| Government {
                by: g.by,
                city: span(g.city.0, g.city.1),
                placed: g.placed,
            }),
        }
    }

    /// The candidates of `list` with the span of `c`.
    fn at<'a>(list: &'a [Candidate], c: &Candidate) -> &'a [Candidate] {
        let from = list.partition_point(|o| (o.start, o.end) < (c.start, c.end));
        let to = list.partition_point(|o| (o.start, o.end) <= (c.start, c.end));
        &list[from..to]
    }

    /// What found the chosen candidate `c`.
    fn finder(
        &mut self,
        cx: &Document<'_>,
        learned: Option<&LearnedRules>,
        c: &Candidate,
    ) -> Finder {
        let found = match c.evidence {
            Evidence::Gazetteer => {
                let entry = c.entry.unwrap_or_default();
                // The entry's own kind: a team was a place.
                let kind = Self::at(&self.readings, c)
                    .iter()
                    .find(|o| o.entry == c.entry && o.evidence == Evidence::Gazetteer)
                    .map_or(c.kind, |o| o.kind);
                return Finder::Gazetteer(entry, kind);
            }
            Evidence::Title => Found::Title,
            Evidence::Designator => Found::Designator,
            Evidence::Compound => Found::Compound,
            Evidence::Acronym => Found::AcronymDefinition,
            Evidence::GivenName => Found::GivenName,
            Evidence::Guess => Found::Guess,
            Evidence::LearnedContext => Found::LearnedContext(self.new_name_rule(cx, learned, c)),
            Evidence::LearnedSpelling => Found::LearnedSpelling(self.new_name_rule(cx, learned, c)),
            Evidence::AcronymContext => Found::AcronymContext(self.acronym_rule(cx, learned, c)),
            Evidence::PronounContext => Found::PronounContext,
            Evidence::Institution => Found::Institution,
        };
        Finder::Other(found)
    }

    /// The learned rule that typed `c`, a name no list holds, as the
    /// learned rule found it: of the rules that may type new names its
    /// features fire, the one of the highest confidence.
    fn new_name_rule(
        &mut self,
        cx: &Document<'_>,
        learned: Option<&LearnedRules>,
        c: &Candidate,
    ) -> LearnedRule {
        let Some(rules) = learned else {
            return LearnedRule::default();
        };
        let mut sink = Strongest::new(rules, Some(c.kind), Weigh::NewNames);
        // A lone word that begins a sentence is typed by its whole
        // spelling alone (see the learned rule's `example`).
        if c.len() == 1 && cx.tokens[c.start].sentence_start {
            self.features.whole(cx, c.start, c.end, &mut sink);
        } else {
            self.features.all(cx, c.start, c.end, &mut sink);
        }
        sink.best.unwrap_or_default()
    }

    /// The learned context rule that typed `c`, an unlisted acronym, as
    /// the unlisted-acronym rule found it: of the context rules of its
    /// kind that its neighbours fire, the one of the highest confidence.
    fn acronym_rule(
        &mut self,
        cx: &Document<'_>,
        learned: Option<&LearnedRules>,
        c: &Candidate,
    ) -> LearnedRule {
        let Some(rules) = learned else {
            return LearnedRule::default();
        };
        let mut sink = Strongest::new(rules, Some(c.kind), Weigh::Confidence);
        self.features.context(cx, c.start, c.end, &mut sink);
        sink.best.unwrap_or_default()
    }

    /// Which of several kinds was chosen for the chosen candidate `c` of
    /// an entity of kind `kind`, and why: `None` where its span had one
    /// reading.
    fn choice(
        &mut self,
        cx: &Document<'_>,
        learned: Option<&LearnedRules>,
        c: &Candidate,
        kind: EntityKind,
    ) -> Option<Choice> {
        let proposed = Self::at(&self.proposed, c);
        let readings = Self::at(&self.readings, c);
        let mut kinds: Vec<EntityKind> = proposed
            .iter()
            .chain(readings)
            .map(|o| o.kind)
            .chain([c.kind, kind])
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        if kinds.len() < 2 {
            return None;
        }
        let ruled_out = proposed.iter().any(|o| {
            o.evidence == Evidence::Gazetteer && !readings.iter().any(|r| r.kind == o.kind)
        });
        let team = c.evidence == Evidence::Gazetteer
            && c.kind == EntityKind::Organisation
            && readings
                .iter()
                .any(|o| o.entry == c.entry && o.kind == EntityKind::Place);
        let by = if kind != c.kind && kind == EntityKind::Person {
            ChoiceBy::PersonSurname
        } else if kind != c.kind {
            ChoiceBy::JoinedName
        } else if team {
            ChoiceBy::SportsReport
        } else if ruled_out && let Some(rules) = learned {
            let mut sink = Strongest::new(rules, Some(c.kind), Weigh::Strength);
            self.features.context(cx, c.start, c.end, &mut sink);
            ChoiceBy::LearnedContext(sink.best.unwrap_or_default())
        } else {
            let others = readings
                .iter()
                .filter(|o| o.kind != c.kind)
                .map(|o| o.evidence)
                .max();
            if others.is_some_and(|o| o < c.evidence) {
                ChoiceBy::StrongerEvidence
            } else {
                ChoiceBy::Rank
            }
        };
        Some(Choice {
            kind,
            readings: kinds,
            by,
        })
    }
}

/// Which learned rules [`Strongest`] weighs, and by what.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Weigh {
    /// The rules that may type new names, by their confidence.
    NewNames,
    /// Every rule, by its confidence for a name no list holds.
    Confidence,
    /// Every rule, by its strength.
    Strength,
}

/// The strongest learned rule of a kind that a span's features fire,
/// with its feature's text.
struct Strongest<'r> {
    rules: &'r LearnedRules,
    kind: Option<EntityKind>,
    weigh: Weigh,
    best: Option<LearnedRule>,
}

impl<'r> Strongest<'r> {
    fn new(rules: &'r LearnedRules, kind: Option<EntityKind>, weigh: Weigh) -> Self {
        Strongest {
            rules,
            kind,
            weigh,
            best: None,
        }
    }
}

impl Sink for Strongest<'_> {
    const TEXT: bool = true;

    fn feature(&mut self, _view: View, hash: u64, text: &str) {
        let Some(rule) = self.rules.get(hash) else {
            return;
        };
        if self.kind.is_some_and(|k| k != rule.kind)
            || (self.weigh == Weigh::NewNames && !rule.new_names)
        {
            return;
        }
        let strength = match self.weigh {
            Weigh::NewNames | Weigh::Confidence => rule.confidence,
            Weigh::Strength => rule.strength,
        };
        if self.best.as_ref().is_none_or(|b| strength > b.strength) {
            self.best = Some(LearnedRule {
                feature: text.to_string(),
                strength,
            });
        }
    }
}
