//! The words that rules read as evidence: titles, designators and the small
//! words that may sit inside a name.

use std::sync::LazyLock;

use crate::EntityKind;
use crate::hash::{WordMap, hash_key};
use crate::tokenizer::Keys;
use crate::wordlists::{
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
    d("government", Organisation, BeforeOf, false),
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

/// Every cue word and what the lists say about it, built once per process.
static INDEX: LazyLock<CueIndex> = LazyLock::new(CueIndex::new);

/// The cues of a lower-cased key, if it is a cue word.
pub(crate) fn lookup(key: &str) -> Option<&'static Cue> {
    INDEX.get(key, hash_key(key))
}

/// The cue index, fetched once for a whole text: every use of a
/// `LazyLock` costs an atomic load and a branch, and [`Cues::may_hold`]
/// is asked about every token.
#[derive(Clone, Copy)]
pub(crate) struct Cues {
    index: &'static CueIndex,
}

impl Cues {
    /// The cue index (built on first use).
    pub fn get() -> Cues {
        Cues { index: &INDEX }
    }

    /// Whether the word of this key hash may be a cue word: false for
    /// nearly every other word, and always true for cue words.
    #[inline]
    pub fn may_hold(self, hash: u64) -> bool {
        let slot = CueIndex::slot(hash);
        self.index.occupied[slot / 64] & 1 << (slot % 64) != 0
    }

    /// [`lookup`] for token `i` of a text, whose key's hash is known.
    #[inline]
    pub fn lookup_token(self, keys: &Keys, i: usize) -> Option<&'static Cue> {
        self.index.get(keys.get(i), keys.hash(i))
    }
}

/// How many slots the [`CueIndex`] has: a power of two, about forty
/// times the number of cue words, so that few other words find their slot
/// taken.
const SLOTS: usize = 1 << 14;

/// No word: the end of a slot's chain.
const NO_WORD: u16 = u16::MAX;

/// The one look-up structure of the cue words: a hash table of [`SLOTS`]
/// slots by their keys' hashes ([`hash_key`]), whose occupied slots are
/// marked in a bit set small enough to stay in cache. Whether a token may
/// be a cue word is one bit of it, asked of every word without a branch
/// on the answer (a fifth of a text's words are cue words, so a branch
/// would be mispredicted often); only a word whose slot is taken has its
/// key compared with the words of the slot.
struct CueIndex {
    /// One bit per slot, set where a word is. Arrays of a fixed length,
    /// so that a masked slot needs no bounds check: asked about every
    /// token, the check cost more than the look-up.
    occupied: Box<[u64; SLOTS / 64]>,
    /// Each occupied slot's first word, as an index into `words`.
    first: Box<[u16; SLOTS]>,
    /// Every cue word's key and cues, and the next word of its slot.
    words: Box<[CueWord]>,
}

/// A cue word in the [`CueIndex`].
struct CueWord {
    key: String,
    cue: Cue,
    /// The next word in the same slot, or [`NO_WORD`].
    next: u16,
}

impl CueIndex {
    /// The index of every list.
    fn new() -> CueIndex {
        let mut occupied = Box::new([0; SLOTS / 64]);
        let mut first = Box::new([NO_WORD; SLOTS]);
        let mut words = Vec::new();
        for (i, (key, cue)) in cue_words().into_iter().enumerate() {
            let i = u16::try_from(i).expect("fewer than 65,535 cue words");
            let slot = CueIndex::slot(hash_key(&key));
            occupied[slot / 64] |= 1 << (slot % 64);
            let next = std::mem::replace(&mut first[slot], i);
            words.push(CueWord { key, cue, next });
        }
        CueIndex {
            occupied,
            first,
            words: words.into_boxed_slice(),
        }
    }

    /// The slot of a key hash, from its bits 32 and up (see [`crate::hash`]).
    #[inline]
    fn slot(hash: u64) -> usize {
        (hash >> 32) as usize & (SLOTS - 1)
    }

    /// The cues of a key whose hash ([`hash_key`]) is `hash`.
    #[inline]
    fn get(&'static self, key: &str, hash: u64) -> Option<&'static Cue> {
        let mut i = self.first[CueIndex::slot(hash)];
        while i != NO_WORD {
            let word = &self.words[usize::from(i)];
            if word.key == key {
                return Some(&word.cue);
            }
            i = word.next;
        }
        None
    }
}

/// Every word of the cue lists and the designators, once, with what they
/// say about it, in the order the lists give them.
fn cue_words() -> Vec<(String, Cue)> {
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
    let mut words = Vec::new();
    let mut at = WordMap::default();
    for (list, set) in lists {
        for word in list {
            set(cue_of(&mut words, &mut at, word.to_lowercase()));
        }
    }
    for d in DESIGNATORS {
        cue_of(&mut words, &mut at, d.word.to_owned())
            .designators
            .push(d);
    }
    words
}

/// The cues of `key` in `words`, added first if absent; `at` holds each
/// key's place in `words`.
fn cue_of<'w>(
    words: &'w mut Vec<(String, Cue)>,
    at: &mut WordMap<String, usize>,
    key: String,
) -> &'w mut Cue {
    let i = *at.entry(key).or_insert_with_key(|key| {
        words.push((key.clone(), Cue::default()));
        words.len() - 1
    });
    &mut words[i].1
}

/// Whether a lower-cased key is a particle.
pub(crate) fn is_particle(key: &str) -> bool {
    lookup(key).is_some_and(|c| c.particle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_finds_every_cue_word_and_no_other() {
        let cues = Cues::get();
        for CueWord { key, cue, .. } in &INDEX.words {
            assert!(cues.may_hold(hash_key(key)), "{key}");
            assert!(std::ptr::eq(INDEX.get(key, hash_key(key)).unwrap(), cue));
        }
        for key in ["baghdad", "mrs.", "", "provinces"] {
            assert!(INDEX.get(key, hash_key(key)).is_none(), "{key}");
        }
        // Few words that are no cue word get past `may_hold`.
        let passed = (0..10_000)
            .filter(|i| cues.may_hold(hash_key(&format!("other{i}"))))
            .count();
        assert!(passed < 500, "{passed} of 10,000");
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
