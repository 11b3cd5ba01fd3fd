//! Arbitrary bytes as a gazetteer file: parsing and building return `Ok`
//! or `Err`, never panic, never drop a record, and an extractor built from
//! the data keeps the invariants of `gazetteer_ner::Entity`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    gazetteer_ner_fuzz::check_gazetteer(data);
});
