//! Not a check: crashes when an input exercises the property named in the
//! environment variable `COVERS` (one of `text_properties` or
//! `gazetteer_properties` in `src/lib.rs`, prefixed `text:` or
//! `gazetteer:`), so that `cargo fuzz tmin covers INPUT` minimises a corpus
//! input into a regression case that still exercises it.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: gazetteer_ner_fuzz::init(), |data: &[u8]| {
    let wanted = std::env::var("COVERS").expect("COVERS names a property");
    let found = match wanted.split_once(':') {
        Some(("text", property)) => gazetteer_ner_fuzz::text_properties(data).contains(&property),
        Some(("gazetteer", property)) => {
            gazetteer_ner_fuzz::gazetteer_properties(data).contains(&property)
        }
        _ => panic!("COVERS={wanted:?} names no property"),
    };
    if found {
        panic!("covers {wanted}");
    }
});
