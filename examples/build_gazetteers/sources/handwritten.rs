//! Lists written by hand for this project (general knowledge, CC0): stopwords and
//! country demonyms.

use crate::model::{Gazetteer, Kind, SourceDoc};
use crate::text::with_ascii_variant;
use crate::wordlists::{DEMONYMS, stopwords};

/// Builds `stopwords.tsv` from [`stopwords`]: the hand-written stop words and the
/// library's titles.
pub fn build_stopwords() -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "stopwords.tsv",
        &[
            "Capitalised common words that are never a mention on their own (pronouns,",
            "determiners, sentence-start words, titles, weekdays, months, common words that",
            "are also names). Hand-written for gazetteer-ner, CC0 1.0.",
        ],
        SourceDoc {
            source: "hand-written in `examples/build_gazetteers/wordlists.rs` (`STOPWORDS`) \
                     and `src/wordlists.rs` (`TITLES`)",
            licence: "CC0 1.0",
            attribution: "none required",
            taken: "Written from general English knowledge, not copied from any corpus. Words \
                    whose ALL-CAPS spelling is an entity acronym (Us/US, Who/WHO, Is/IS) are \
                    deliberately left out because the library matches ALL-CAPS text too.",
        },
    );
    for word in stopwords() {
        gaz.add(Kind::Stopword, word, [""; 0], 0);
    }
    gaz
}

/// Builds `demonyms.tsv` from [`DEMONYMS`]: one `group` per country, the adjective
/// as canonical name and the noun/plural forms as aliases.
pub fn build_demonyms() -> Gazetteer {
    let mut gaz = Gazetteer::new(
        "demonyms.tsv",
        &[
            "Demonyms and nationality adjectives/nouns, singular and plural, for every",
            "country (and a few regions). Hand-written for gazetteer-ner, CC0 1.0.",
        ],
        SourceDoc {
            source: "hand-written in `examples/build_gazetteers/wordlists.rs` (`DEMONYMS`)",
            licence: "CC0 1.0",
            attribution: "none required",
            taken: "Written from general knowledge (facts) to avoid the ODbL world-countries \
                    data: adjective as canonical name, nouns and plurals as aliases (Iraqi, \
                    Iraqis; British, Briton, Britons, Brits; Swiss), ASCII variants added. \
                    Rank 90.",
        },
    );
    for (_, forms) in DEMONYMS {
        let aliases: Vec<String> = forms.iter().flat_map(|f| with_ascii_variant(f)).collect();
        gaz.protected.extend(aliases.iter().cloned());
        gaz.add(Kind::Group, forms[0], aliases, 90);
    }
    gaz
}
