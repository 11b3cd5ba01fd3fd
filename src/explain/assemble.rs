//! The reasons of every mention, put together from a trace.

use std::collections::HashMap;

use super::joins::joins;
use super::trace::{Finder, Trace};
use super::{Found, Why};
use crate::Entity;

/// Gives every mention of `entities` its [`Why`], from what `trace`
/// recorded; `entry` gives a gazetteer entry's source and name.
pub(super) fn explain<'e>(
    entities: &mut [Entity],
    trace: Trace,
    entry: impl Fn(u32) -> (&'e str, &'e str),
) {
    let facts: HashMap<(usize, usize), usize> = trace
        .facts
        .iter()
        .enumerate()
        .map(|(i, f)| (f.span, i))
        .collect();
    for entity in entities {
        // Every mention was recorded: the trace saw what the resolver made.
        let of: Vec<_> = entity
            .mentions
            .iter()
            .filter_map(|m| facts.get(&(m.start, m.end)).map(|&i| &trace.facts[i]))
            .collect();
        if of.len() != entity.mentions.len() {
            continue;
        }
        let joined = joins(&of);
        for ((mention, facts), joined) in entity.mentions.iter_mut().zip(of).zip(joined) {
            let found = match &facts.found {
                &Finder::Gazetteer(id, kind) => {
                    let (source, name) = entry(id);
                    Found::Gazetteer {
                        source: source.to_string(),
                        entry: name.to_string(),
                        kind,
                    }
                }
                Finder::Other(found) => found.clone(),
            };
            mention.why = Some(Box::new(Why {
                found,
                joined,
                chosen: facts.chosen.clone(),
                parted: facts.parted,
                government: facts.government,
            }));
        }
    }
}
