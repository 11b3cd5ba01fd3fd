//! Tables written as Rust source: the build script compiles some lists
//! (the cue words, the boilerplate phrases) into statics that the library
//! includes, so that no process builds them.

#![cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "the build script writes the source; the library includes it"
    )
)]

use std::fmt::{Display, Write as _};

/// Writes `static NAME: [TYPE; LEN] = [...];` of `values`, sixteen a line
/// in decimal (bit sets are data, not literals to read), and a blank line
/// after it.
pub(crate) fn write_array<T: Display>(
    out: &mut String,
    name: &str,
    ty: &str,
    len: &str,
    values: &[T],
) {
    out.push_str("#[allow(clippy::unreadable_literal)]\n");
    let _ = writeln!(out, "static {name}: [{ty}; {len}] = [");
    for line in values.chunks(16) {
        out.push_str("   ");
        for value in line {
            let _ = write!(out, " {value},");
        }
        out.push('\n');
    }
    out.push_str("];\n\n");
}
