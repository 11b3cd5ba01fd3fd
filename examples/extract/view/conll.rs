//! `--format conll`: one token a line, `TOKEN TAG`, with a blank line after
//! each sentence, for CoNLL-style tooling.
//!
//! Tokens and sentences are the extractor's own ([`Reading::sentences`]),
//! so every mention covers whole tokens. Tags are BIO: `B-` on a mention's
//! first token, `I-` on the others, `O` outside mentions, with the kinds'
//! short labels ([`super::label`]: `PER`, `GRP`, `LOC`, `ORG`). With several
//! documents (several inputs, or `--jsonl` records) each starts with a line
//! `-DOCSTART- O` and a blank line, as in CoNLL 2003.

use gazetteer_ner::{Entity, Markup, Reading};

use super::{label, mention_spans, spans};

/// The line that starts each document of several.
pub const DOCSTART: &str = "-DOCSTART- O\n\n";

/// Writes the tokens of `text` with the BIO tags of `entities` (byte
/// offsets into `text`) to `out`.
pub fn push(out: &mut Vec<u8>, text: &str, markup: Markup, entities: &[Entity]) {
    let reading = Reading::new(text, markup);
    let spans = spans(entities, mention_spans);
    let mut next = spans.iter().peekable();
    for sentence in reading.sentences() {
        for token in sentence {
            while next.next_if(|&&(_, end, _)| end <= token.start).is_some() {}
            let tag = match next.peek() {
                Some(&&(start, _, i)) if start <= token.start => {
                    let prefix = if start == token.start { "B-" } else { "I-" };
                    Some((prefix, label(entities[i].kind)))
                }
                _ => None,
            };
            let word = &reading.text()[token.visible_start..token.visible_end];
            // A token never holds white space; were it to, the line would
            // not split in two.
            for c in word.chars() {
                let c = if c.is_whitespace() { '_' } else { c };
                let mut buffer = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
            }
            out.push(b' ');
            match tag {
                Some((prefix, label)) => {
                    out.extend_from_slice(prefix.as_bytes());
                    out.extend_from_slice(label.as_bytes());
                }
                None => out.push(b'O'),
            }
            out.push(b'\n');
        }
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazetteer_ner::{EntityKind, Entry, Extractor};

    #[test]
    fn mentions_are_tagged_bio_and_sentences_end_with_a_blank_line() {
        let extractor = Extractor::builder()
            .default_gazetteers(false)
            .entry(Entry::new(EntityKind::Person, "Ann Lee Smith"))
            .entry(Entry::new(EntityKind::Organisation, "Acme"))
            .build()
            .unwrap();
        let text = "Ann Lee Smith joined Acme.\nAcme grew.";
        let mut out = Vec::new();
        push(&mut out, text, Markup::Plain, &extractor.extract(text));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Ann B-PER\nLee I-PER\nSmith I-PER\njoined O\nAcme B-ORG\n. O\n\nAcme B-ORG\ngrew O\n. O\n\n"
        );
    }
}
