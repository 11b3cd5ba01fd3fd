//! The words that rules read as evidence: titles, designators and the small
//! words that may sit inside a name.

use std::sync::LazyLock;

use crate::EntityKind;
use crate::gazetteer::{KeyTable, WordFilter};
use crate::hash::hash_key;
use crate::tokenizer::Keys;
use crate::words::{
    BODY_CONNECTORS, COMPETING, CONNECTORS, DETERMINERS, PARTICLES, ROLE_WORDS, SPORTS, TITLES,
};

/// Where a designator sits relative to the name it completes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Position {
    /// After the name: "Anbar province", "Harvard University".
    After,
    /// Before the name, joined by "of": "Ministry of Oil".
    BeforeOf,
    /// Right before the name: "Lake Tharthar", "Mount Sinjar".
    Before,
    /// A lower-case cue before "of" and the name, not part of the span:
    /// "the town of Tal Afar", "the base of Al Assad".
    CueOf,
}

/// A word that completes a name and tells its kind.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Designator {
    pub word: &'static str,
    pub kind: EntityKind,
    pub position: Position,
    /// Whether the word may be written in lower case ("province").
    pub lower_ok: bool,
}

const fn d(word: &'static str, kind: EntityKind, position: Position, lower_ok: bool) -> Designator {
    Designator {
        word,
        kind,
        position,
        lower_ok,
    }
}

use EntityKind::{Group, Organisation, Place};
use Position::{After, Before, BeforeOf, CueOf};

/// Designators, matched on the token's lower-cased text.
const DESIGNATORS: &[Designator] = &[
    // places
    d("province", Place, After, true),
    d("governorate", Place, After, true),
    d("district", Place, After, true),
    d("region", Place, After, false),
    d("county", Place, After, false),
    d("prefecture", Place, After, true),
    d("valley", Place, After, false),
    d("river", Place, After, false),
    d("mountains", Place, After, false),
    d("desert", Place, After, false),
    d("island", Place, After, false),
    d("islands", Place, After, false),
    d("peninsula", Place, After, false),
    d("sea", Place, After, false),
    d("ocean", Place, After, false),
    d("airport", Place, After, false),
    d("square", Place, After, false),
    d("street", Place, After, false),
    d("avenue", Place, After, false),
    d("bridge", Place, After, false),
    d("dam", Place, After, false),
    d("camp", Place, After, false),
    d("base", Place, After, false),
    d("heights", Place, After, false),
    d("city", Place, After, false),
    d("bay", Place, After, false),
    d("park", Place, After, false),
    d("trail", Place, After, false),
    d("hall", Place, After, false),
    d("palace", Place, After, false),
    d("tower", Place, After, false),
    d("stadium", Place, After, false),
    d("beach", Place, After, false),
    d("harbour", Place, After, false),
    d("harbor", Place, After, false),
    d("canal", Place, After, false),
    d("gate", Place, After, false),
    d("mosque", Place, After, false),
    d("cathedral", Place, After, false),
    d("castle", Place, After, false),
    d("mansion", Place, After, false),
    d("lake", Place, Before, false),
    d("mount", Place, Before, false),
    d("gulf", Place, BeforeOf, false),
    d("strait", Place, BeforeOf, false),
    d("bay", Place, BeforeOf, false),
    d("republic", Place, BeforeOf, false),
    d("kingdom", Place, BeforeOf, false),
    d("province", Place, BeforeOf, false),
    d("city", Place, BeforeOf, false),
    d("town", Place, CueOf, true),
    d("city", Place, CueOf, true),
    d("village", Place, CueOf, true),
    d("port", Place, CueOf, true),
    d("base", Place, CueOf, true),
    d("province", Place, CueOf, true),
    d("region", Place, CueOf, true),
    d("district", Place, CueOf, true),
    d("capital", Place, CueOf, true),
    d("outskirts", Place, CueOf, true),
    d("suburb", Place, CueOf, true),
    // groups
    d("forces", Group, After, false),
    d("brigades", Group, After, false),
    d("brigade", Group, After, false),
    d("battalion", Group, After, false),
    d("battalions", Group, After, false),
    d("militia", Group, After, false),
    d("militias", Group, After, false),
    d("movement", Group, After, false),
    d("front", Group, After, false),
    d("guards", Group, After, false),
    d("units", Group, After, false),
    d("mujahideen", Group, After, false),
    d("rebels", Group, After, false),
    // organisations
    d("party", Organisation, After, false),
    d("university", Organisation, After, false),
    d("college", Organisation, After, false),
    d("institute", Organisation, After, false),
    d("council", Organisation, After, false),
    d("committee", Organisation, After, false),
    d("commission", Organisation, After, false),
    d("company", Organisation, After, false),
    d("corporation", Organisation, After, false),
    d("corp", Organisation, After, false),
    d("inc", Organisation, After, false),
    d("ltd", Organisation, After, false),
    d("plc", Organisation, After, false),
    d("bank", Organisation, After, false),
    d("agency", Organisation, After, false),
    d("authority", Organisation, After, false),
    d("court", Organisation, After, false),
    d("parliament", Organisation, After, true),
    d("assembly", Organisation, After, false),
    d("embassy", Organisation, After, true),
    d("association", Organisation, After, false),
    d("union", Organisation, After, false),
    d("organisation", Organisation, After, false),
    d("organization", Organisation, After, false),
    d("foundation", Organisation, After, false),
    d("federation", Organisation, After, false),
    d("league", Organisation, After, false),
    d("club", Organisation, After, false),
    d("society", Organisation, After, false),
    d("airlines", Organisation, After, false),
    d("airways", Organisation, After, false),
    d("group", Organisation, After, false),
    d("holdings", Organisation, After, false),
    d("industries", Organisation, After, false),
    d("motors", Organisation, After, false),
    d("ministry", Organisation, After, false),
    d("department", Organisation, After, false),
    d("army", Organisation, After, false),
    d("navy", Organisation, After, false),
    d("police", Organisation, After, false),
    d("hospital", Organisation, After, false),
    d("school", Organisation, After, false),
    d("academy", Organisation, After, false),
    d("times", Organisation, After, false),
    d("post", Organisation, After, false),
    d("news", Organisation, After, false),
    d("journal", Organisation, After, false),
    d("library", Organisation, After, false),
    d("museum", Organisation, After, false),
    d("gallery", Organisation, After, false),
    d("centre", Organisation, After, false),
    d("center", Organisation, After, false),
    d("government", Organisation, After, false),
    d("senate", Organisation, After, false),
    d("congress", Organisation, After, false),
    d("office", Organisation, After, false),
    d("service", Organisation, After, false),
    d("services", Organisation, After, false),
    d("press", Organisation, After, false),
    d("studios", Organisation, After, false),
    d("network", Organisation, After, false),
    d("board", Organisation, After, false),
    d("bureau", Organisation, After, false),
    d("fund", Organisation, After, false),
    d("trust", Organisation, After, false),
    d("laboratory", Organisation, After, false),
    d("clinic", Organisation, After, false),
    d("orchestra", Organisation, After, false),
    d("ministry", Organisation, BeforeOf, false),
    d("museum", Organisation, BeforeOf, false),
    d("library", Organisation, BeforeOf, false),
    d("school", Organisation, BeforeOf, false),
    d("college", Organisation, BeforeOf, false),
    d("academy", Organisation, BeforeOf, false),
    d("society", Organisation, BeforeOf, false),
    d("board", Organisation, BeforeOf, false),
    d("journal", Organisation, BeforeOf, false),
    d("bureau", Organisation, BeforeOf, false),
    d("commission", Organisation, BeforeOf, false),
    d("department", Organisation, BeforeOf, false),
    d("university", Organisation, BeforeOf, false),
    d("bank", Organisation, BeforeOf, false),
    d("office", Organisation, BeforeOf, false),
    d("council", Organisation, BeforeOf, false),
    d("court", Organisation, BeforeOf, false),
    d("house", Organisation, BeforeOf, false),
    d("church", Organisation, BeforeOf, false),
    d("institute", Organisation, BeforeOf, false),
    d("organisation", Organisation, BeforeOf, false),
    d("organization", Organisation, BeforeOf, false),
    d("federation", Organisation, BeforeOf, false),
    d("association", Organisation, BeforeOf, false),
    d("league", Organisation, BeforeOf, false),
];

/// What the cue lists say about one word, looked up by its lower-cased key.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cue {
    /// A title when capitalised ("Mr", "President").
    pub title: bool,
    /// A role word when written in lower case ("cleric").
    pub role: bool,
    /// A connector inside any name when written in lower case ("al").
    pub connector: bool,
    /// A connector inside the names of bodies and places ("of").
    pub body_connector: bool,
    /// A particle that is never a name alone, in any case ("Al", "bin").
    pub particle: bool,
    /// A determiner, in any case ("the").
    pub determiner: bool,
    /// A sports term ("innings", "league").
    pub sports: bool,
    /// A word of competition next to a team's name ("beat", "against").
    pub competing: bool,
    /// The designators spelled this way.
    pub designators: Vec<&'static Designator>,
}

impl Cue {
    /// The designators of this word at `position`.
    pub fn designators(&self, position: Position) -> impl Iterator<Item = &'static Designator> {
        self.designators
            .iter()
            .copied()
            .filter(move |d| d.position == position)
    }
}

/// Sets one flag of a [`Cue`].
type SetFlag = fn(&mut Cue);

/// Every cue word, built once per process.
static TABLE: LazyLock<KeyTable<Cue>> = LazyLock::new(|| {
    let lists: [(&[&str], SetFlag); 8] = [
        (SPORTS, |c| c.sports = true),
        (COMPETING, |c| c.competing = true),
        (TITLES, |c| c.title = true),
        (ROLE_WORDS, |c| c.role = true),
        (CONNECTORS, |c| c.connector = true),
        (BODY_CONNECTORS, |c| c.body_connector = true),
        (PARTICLES, |c| c.particle = true),
        (DETERMINERS, |c| c.determiner = true),
    ];
    // Room for every word, so that building never rehashes. (A text's
    // tokens are looked up in the `CueIndex` made from this table.)
    let words = lists.iter().map(|(words, _)| words.len()).sum::<usize>() + DESIGNATORS.len();
    let mut table: KeyTable<Cue> = KeyTable::with_capacity(words);
    for (words, set) in lists {
        for word in words {
            set(table.get_or_insert_with(&word.to_lowercase(), Cue::default));
        }
    }
    for d in DESIGNATORS {
        table
            .get_or_insert_with(d.word, Cue::default)
            .designators
            .push(d);
    }
    table
});

/// The cues of a lower-cased key, if it is a cue word.
pub(crate) fn lookup(key: &str) -> Option<&'static Cue> {
    TABLE.get(key)
}

/// The cue lists, fetched once for a whole text: every use of a
/// `LazyLock` costs an atomic load and a branch, and [`Cues::lookup_token`]
/// is asked about every token.
#[derive(Clone, Copy)]
pub(crate) struct Cues {
    index: &'static CueIndex,
    filter: &'static WordFilter,
}

impl Cues {
    /// The cue lists (built on first use).
    pub fn get() -> Cues {
        Cues {
            index: &INDEX,
            filter: &FILTER,
        }
    }

    /// Whether the word of this key hash may be a cue word: false for
    /// most words, and always true for cue words.
    #[inline]
    pub fn may_hold(self, hash: u64) -> bool {
        self.filter.may_contain_hashed(hash)
    }

    /// [`lookup`] for token `i` of a text, whose key's hash is known.
    #[inline]
    pub fn lookup_token(self, keys: &Keys, i: usize) -> Option<&'static Cue> {
        self.index.get(keys.get(i), keys.hash(i))
    }
}

/// The cue words by their keys' whole hashes, for [`Cues::lookup_token`]:
/// a fifth of the words of a text are cue words, and a look-up here costs
/// half what one in a [`KeyTable`] does, which keeps only part of each hash
/// and its keys in an arena.
struct CueIndex {
    /// Each slot's word's key hash, or [`NO_HASH`] in an empty slot; a
    /// power of two long, and at most a quarter full, so that nearly every
    /// look-up ends at the first probe.
    hashes: Box<[u64]>,
    /// Each slot's word's key and cues.
    words: Box<[Option<(&'static str, &'static Cue)>]>,
}

/// The hash of no cue word (checked when the index is built).
const NO_HASH: u64 = 0;

impl CueIndex {
    fn new(table: &'static KeyTable<Cue>) -> CueIndex {
        let size = (table.iter().count() * 4).next_power_of_two();
        let mut hashes = vec![NO_HASH; size].into_boxed_slice();
        let mut words = vec![None; size].into_boxed_slice();
        for (key, cue) in table.iter() {
            let hash = hash_key(key);
            assert_ne!(hash, NO_HASH, "cue word {key:?} hashes to the empty slot");
            let mut i = CueIndex::slot(hash, size);
            while hashes[i] != NO_HASH {
                i = (i + 1) % size;
            }
            hashes[i] = hash;
            words[i] = Some((key, cue));
        }
        CueIndex { hashes, words }
    }

    /// The first slot to probe for a hash (from its top bits, which the
    /// hash mixes best).
    fn slot(hash: u64, size: usize) -> usize {
        (hash >> 32) as usize & (size - 1)
    }

    /// The cues of a key whose hash ([`hash_key`]) is `hash`.
    #[inline]
    fn get(&self, key: &str, hash: u64) -> Option<&'static Cue> {
        let mask = self.hashes.len() - 1;
        let mut i = CueIndex::slot(hash, self.hashes.len());
        loop {
            let slot_hash = self.hashes[i];
            if slot_hash == hash {
                if let Some((word, cue)) = self.words[i]
                    && word == key
                {
                    return Some(cue);
                }
            } else if slot_hash == NO_HASH {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
}

/// [`TABLE`] indexed for look-ups by token.
static INDEX: LazyLock<CueIndex> = LazyLock::new(|| CueIndex::new(&TABLE));

/// The cue words as a Bloom filter, which settles most words of a text
/// before the table is asked.
static FILTER: LazyLock<WordFilter> = LazyLock::new(|| {
    let mut filter = WordFilter::new(14);
    for (key, _) in TABLE.iter() {
        filter.insert(key);
    }
    filter
});

/// Whether a lower-cased key is a particle.
pub(crate) fn is_particle(key: &str) -> bool {
    lookup(key).is_some_and(|c| c.particle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_finds_every_cue_word_and_no_other() {
        for (key, cue) in TABLE.iter() {
            assert!(std::ptr::eq(INDEX.get(key, hash_key(key)).unwrap(), cue));
        }
        for key in ["baghdad", "mrs.", "", "provinces"] {
            assert!(INDEX.get(key, hash_key(key)).is_none(), "{key}");
        }
    }

    #[test]
    fn table_holds_every_list() {
        assert!(lookup("mr").unwrap().title);
        assert!(lookup("cleric").unwrap().role);
        assert!(lookup("al").unwrap().particle && lookup("al").unwrap().connector);
        assert!(lookup("of").unwrap().body_connector);
        assert!(lookup("the").unwrap().determiner);
        let province = lookup("province").unwrap();
        assert_eq!(province.designators(Position::After).count(), 1);
        assert_eq!(province.designators(Position::CueOf).count(), 1);
        assert!(lookup("baghdad").is_none());
        for list in [TITLES, ROLE_WORDS, CONNECTORS, PARTICLES, DETERMINERS] {
            assert!(list.iter().all(|w| lookup(&w.to_lowercase()).is_some()));
        }
    }
}
