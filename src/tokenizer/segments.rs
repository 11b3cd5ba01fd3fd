//! Word-boundary segments (UAX #29), one at a time: the reference that
//! the one-pass tokenizer is held to.

use unicode_segmentation::UnicodeSegmentation;

use super::bytes::{FLAGS, WORD, chunk_end, word_run_end};

/// Calls `f` with the byte range of every word-boundary segment of `text`
/// (UAX #29), white space included.
///
/// Runs of plain ASCII between white space take a fast path that gives the
/// same segments as `unicode-segmentation`; any other run is handed to it,
/// starting from the white space before the run, where UAX #29 always has
/// a boundary.
pub fn for_each_segment(text: &str, mut f: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        if bytes[pos].is_ascii_whitespace() {
            // One segment per white-space byte run, CR LF kept together;
            // line breaks are segments of their own, as in UAX #29.
            let start = pos;
            pos += 1;
            if bytes[start] == b'\r' && bytes.get(pos) == Some(&b'\n') {
                pos += 1;
            } else if bytes[start] == b' ' {
                while pos < bytes.len() && bytes[pos] == b' ' {
                    pos += 1;
                }
            }
            // A combining mark after white space belongs to it.
            if pos < bytes.len() && !bytes[pos].is_ascii() {
                let chunk_end = chunk_end(bytes, pos);
                unicode_segments(text, start, chunk_end, &mut f);
                pos = chunk_end;
                continue;
            }
            f(start, pos);
            continue;
        }
        let end = chunk_end(bytes, pos);
        if bytes[pos..end].is_ascii() {
            ascii_segments(bytes, pos, end, &mut f);
        } else {
            unicode_segments(text, pos, end, &mut f);
        }
        pos = end;
    }
}

fn unicode_segments(text: &str, start: usize, end: usize, f: &mut impl FnMut(usize, usize)) {
    for (offset, piece) in text[start..end].split_word_bound_indices() {
        f(start + offset, start + offset + piece.len());
    }
}

/// Segments a run of ASCII without white space by the UAX #29 rules that
/// apply to ASCII: letters, digits and underscores join (WB5, WB8-WB10,
/// WB13a-b); a mid-letter or mid-number-letter between two letters joins
/// them (WB6-7); a mid-number or mid-number-letter between two digits
/// joins them (WB11-12); everything else stands alone.
fn ascii_segments(bytes: &[u8], start: usize, end: usize, f: &mut impl FnMut(usize, usize)) {
    let mut pos = start;
    while pos < end {
        if FLAGS[usize::from(bytes[pos])] & WORD == 0 {
            f(pos, pos + 1);
            pos += 1;
            continue;
        }
        let (stop, _) = word_run_end(&bytes[..end], pos);
        f(pos, stop);
        pos = stop;
    }
}
