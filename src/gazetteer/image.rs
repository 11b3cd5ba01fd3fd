//! Compiled gazetteer tables as one block of bytes, read in place.
//!
//! The build script compiles the default gazetteers with the same code
//! that compiles a user's at run time, and writes the tables' arrays one
//! after another into an image that the crate embeds. Reading it back
//! takes no parsing: each array is a slice of the image, cast to its item
//! type (by `zerocopy`, which checks its length and alignment), and a
//! table reads its arrays from those slices until something is added to
//! it. Starting the default extractor thus costs a few dozen checks, and
//! the memory of the tables is the embedded bytes, paged in as they are
//! used. The learned rules' tables (`learned/table.rs`) are written and
//! read the same way, in an image of their own.
//!
//! The layout: eight bytes of [`MAGIC`], then for each array its length
//! in bytes as a 64-bit number and its bytes, each starting and ending on
//! a multiple of [`ALIGN`] bytes (zeros fill the gaps), so that every
//! array is aligned for any item and for the cache lines.
//! Numbers and items are in the byte order of the target, which the
//! build script checks is that of the machine compiling the tables.

use std::fmt;

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout};

/// The first bytes of an image: a name, and the version of the layout
/// of the tables, to change when they change.
pub(crate) const MAGIC: [u8; 8] = *b"gzner\0\0\x03";

/// Where arrays start and end in an image: a cache line, so that a
/// table's entries of 32 bytes never straddle two.
pub(crate) const ALIGN: usize = 64;

/// Bytes aligned as an image's start must be (see the module docs), for
/// an image embedded with `include_bytes!`, whose bytes come unaligned.
#[repr(C, align(64))]
pub(crate) struct Aligned<B: ?Sized>(pub B);

/// Writes an image, array by array.
#[cfg_attr(
    not(test),
    allow(dead_code, reason = "build.rs writes the images the library reads")
)]
pub(crate) struct ImageWriter {
    bytes: Vec<u8>,
}

#[cfg_attr(
    not(test),
    allow(dead_code, reason = "build.rs writes the images the library reads")
)]
impl ImageWriter {
    /// An image holding only its [`MAGIC`].
    pub fn new() -> ImageWriter {
        ImageWriter {
            bytes: MAGIC.to_vec(),
        }
    }

    /// Appends an array.
    pub fn array<T: IntoBytes + Immutable>(&mut self, items: &[T]) {
        let bytes = items.as_bytes();
        self.bytes
            .extend_from_slice(&(bytes.len() as u64).to_ne_bytes());
        self.bytes
            .resize(self.bytes.len().next_multiple_of(ALIGN), 0);
        self.bytes.extend_from_slice(bytes);
        self.bytes
            .resize(self.bytes.len().next_multiple_of(ALIGN), 0);
    }

    /// Appends a number, as an array of one.
    pub fn number(&mut self, n: u64) {
        self.array(&[n]);
    }

    /// The image.
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }
}

/// Reads an image written by [`ImageWriter`], array by array in the
/// order they were written, each in place.
pub(crate) struct ImageReader<'a> {
    rest: &'a [u8],
    /// How far into the image `rest` starts, for errors.
    at: usize,
}

/// What is wrong with an image: it does not come from this version of
/// the crate, or it was cut short.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ImageError {
    /// The byte offset where reading failed.
    pub at: usize,
    /// What was expected there.
    pub expected: &'static str,
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid gazetteer image: expected {} at byte {}",
            self.expected, self.at
        )
    }
}

impl<'a> ImageReader<'a> {
    /// A reader of `image`, which must start on a multiple of [`ALIGN`].
    pub fn new(image: &'a [u8]) -> Result<Self, ImageError> {
        let fail = |expected| ImageError { at: 0, expected };
        if image.as_ptr().align_offset(ALIGN) != 0 {
            return Err(fail("an image aligned to a cache line"));
        }
        match image.split_first_chunk::<8>() {
            Some((magic, rest)) if *magic == MAGIC => Ok(ImageReader { rest, at: 8 }),
            _ => Err(fail("the magic bytes of this version")),
        }
    }

    /// Skips to the next multiple of [`ALIGN`].
    fn align(&mut self) {
        let skip = (self.at.next_multiple_of(ALIGN) - self.at).min(self.rest.len());
        self.rest = &self.rest[skip..];
        self.at += skip;
    }

    /// The next array, in place.
    pub fn array<T: FromBytes + Immutable + KnownLayout>(&mut self) -> Result<&'a [T], ImageError> {
        let fail = |at, expected| ImageError { at, expected };
        let (len, rest) = self
            .rest
            .split_first_chunk::<8>()
            .ok_or(fail(self.at, "an array's length"))?;
        let len = u64::from_ne_bytes(*len);
        self.rest = rest;
        self.at += 8;
        self.align();
        let len = usize::try_from(len)
            .ok()
            .filter(|&len| len <= self.rest.len())
            .ok_or(fail(self.at, "an array's length within the image"))?;
        let (bytes, rest) = self.rest.split_at(len);
        let items =
            <[T]>::ref_from_bytes(bytes).map_err(|_| fail(self.at, "an array of whole items"))?;
        self.rest = rest;
        self.at += len;
        self.align();
        Ok(items)
    }

    /// The next number.
    pub fn number(&mut self) -> Result<u64, ImageError> {
        match self.array::<u64>()? {
            &[n] => Ok(n),
            _ => Err(self.invalid("a number")),
        }
    }

    /// An error for something other than `expected` found where the
    /// reader is.
    pub fn invalid(&self, expected: &'static str) -> ImageError {
        ImageError {
            at: self.at,
            expected,
        }
    }

    /// Checks that every array was read.
    pub fn finish(self) -> Result<(), ImageError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(self.invalid("the end of the image"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A buffer holding `bytes` where a reader finds an image: on a
    /// multiple of [`ALIGN`]; and where in it they start.
    fn aligned(bytes: &[u8]) -> (Vec<u8>, usize) {
        let mut buffer = vec![0; bytes.len() + ALIGN];
        let start = buffer.as_ptr().align_offset(ALIGN);
        buffer[start..start + bytes.len()].copy_from_slice(bytes);
        (buffer, start)
    }

    #[test]
    fn arrays_read_back_as_written() {
        let mut image = ImageWriter::new();
        image.array::<u32>(&[1, 2, 3]);
        image.number(7);
        image.array::<u8>(b"abc");
        image.array::<u64>(&[]);
        let bytes = image.finish();
        assert_eq!(bytes.len() % ALIGN, 0);
        let (buffer, start) = aligned(&bytes);
        let mut reader = ImageReader::new(&buffer[start..start + bytes.len()]).unwrap();
        assert_eq!(reader.array::<u32>().unwrap(), [1, 2, 3]);
        assert_eq!(reader.number().unwrap(), 7);
        assert_eq!(reader.array::<u8>().unwrap(), b"abc");
        assert!(reader.array::<u64>().unwrap().is_empty());
        reader.finish().unwrap();
    }

    #[test]
    fn damaged_images_are_errors_not_panics() {
        let mut image = ImageWriter::new();
        image.array::<u32>(&[1, 2, 3]);
        let bytes = image.finish();
        let (mut buffer, start) = aligned(&bytes);
        // Another layout version.
        buffer[start + 7] ^= 1;
        assert!(ImageReader::new(&buffer[start..start + bytes.len()]).is_err());
        buffer[start + 7] ^= 1;
        let whole = &buffer[start..start + bytes.len()];
        // Unaligned.
        assert!(ImageReader::new(&whole[1..]).is_err());
        // Cut short anywhere before the array's last item ends.
        for end in 8..ALIGN + 12 {
            let mut reader = ImageReader::new(&whole[..end]).unwrap();
            assert!(reader.array::<u32>().is_err(), "cut at {end}");
        }
        // Items of another size.
        let mut reader = ImageReader::new(whole).unwrap();
        assert!(reader.array::<u64>().is_err());
        let mut reader = ImageReader::new(whole).unwrap();
        assert!(reader.number().is_err());
        // Something left over.
        let reader = ImageReader::new(whole).unwrap();
        assert_eq!(
            reader.finish().unwrap_err().expected,
            "the end of the image"
        );
    }
}
