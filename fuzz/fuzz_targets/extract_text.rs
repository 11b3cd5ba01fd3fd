//! Arbitrary bytes; valid UTF-8 goes through the default extractor and an
//! HTML-forced one, and every result must keep the invariants of
//! `gazetteer_ner::Entity`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: gazetteer_ner_fuzz::init(), |data: &[u8]| {
    gazetteer_ner_fuzz::check_text(data);
});
