//! Finding an article's text in the page it was taken from.
//!
//! A readability step hands back the article as new HTML, whose offsets
//! mean nothing in the page. Its text, though, is the page's own text,
//! block by block, in the page's order: readability drops and moves
//! elements but keeps the words of those it keeps. [`align`] finds each
//! block of the article's visible text in the page's visible text and
//! returns the stretches of the page the article covers.
//!
//! Both texts are compared as words (maximal runs of letters and digits),
//! so that punctuation, white space and the way each side writes a
//! character reference do not matter. A block is a line of the article's
//! text. The blocks are placed in three passes:
//!
//! 1. **Anchors.** A block found at most [`ANCHOR_OCCURRENCES`] times in the
//!    page is an anchor candidate at each place it occurs. Of all the
//!    chains of candidates that keep the article's order, the one that
//!    covers the most article words is taken; among equal chains, each
//!    block takes the place nearest the block before it (a headline found
//!    both in the page's `<title>` and above the body goes with the body).
//! 2. **Gaps.** The other blocks (a lone "Share", a short caption) are
//!    searched only between the anchors around them, in order; before the
//!    first anchor they are searched backwards from it, so that a word of
//!    the menu above the article is not taken for one of the article.
//! 3. **Left over.** Blocks found nowhere (text the readability step
//!    rewrote) take the page's text between the blocks placed around them
//!    when that stretch is not much longer than they are.
//!
//! Each search from a word is bounded, so the alignment is linear in the
//! two texts.

use std::ops::Range;

use crate::hash::WordMap;

/// A block occurring more often than this in the page is no anchor.
pub(crate) const ANCHOR_OCCURRENCES: usize = 4;

/// How many places of a block's rarest word one search verifies at most.
const MAX_TRIES: usize = 256;

/// The stretches of `page` (byte ranges, sorted and disjoint) that hold the
/// text of `article`, where `article` is a text taken from `page` block by
/// block in the page's order.
pub(crate) fn align(page: &str, article: &str) -> Vec<Range<usize>> {
    let page_words = words(page);
    let article_words = words(article);
    let blocks = blocks(article, &article_words);
    let index = Index::new(page, &page_words);
    let texts = |ws: &[Range<usize>]| -> Vec<&str> {
        // One allocation per block, not per search.
        ws.iter().map(|w| &article[w.clone()]).collect()
    };
    let block_words: Vec<Vec<&str>> = blocks
        .iter()
        .map(|b| texts(&article_words[b.clone()]))
        .collect();

    let mut placed = anchors(&index, &block_words);
    fill_gaps(&index, &block_words, &mut placed);

    // Stretches of page words: placed blocks, and the page's text between
    // placed blocks for the blocks found nowhere.
    let mut stretches: Vec<Range<usize>> = placed
        .iter()
        .zip(&block_words)
        .filter_map(|(p, w)| p.map(|p| p..p + w.len()))
        .collect();
    stretches.extend(left_over(&block_words, &placed));
    stretches.sort_by_key(|s| s.start);

    // Stretches next to each other in the page's words become one range,
    // so that what lies between them (spaces, a line break, inline tags)
    // stays as the page has it.
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut last_word = None;
    for s in stretches.into_iter().filter(|s| !s.is_empty()) {
        let (first, last) = (s.start, s.end - 1);
        let bytes = page_words[first].start..page_words[last].end;
        match (ranges.last_mut(), last_word) {
            (Some(range), Some(prev)) if first <= prev + 1 => {
                range.end = range.end.max(bytes.end);
            }
            _ => ranges.push(bytes),
        }
        last_word = Some(last_word.map_or(last, |p: usize| p.max(last)));
    }
    ranges
}

/// The byte ranges of the words of `text`: maximal runs of alphanumeric
/// characters.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The article's blocks as ranges of its words: a new block starts at each
/// line break. Blocks without words are left out.
fn blocks(text: &str, words: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..words.len() {
        if text[words[i - 1].end..words[i].start].contains('\n') {
            out.push(start..i);
            start = i;
        }
    }
    if start < words.len() {
        out.push(start..words.len());
    }
    out
}

/// The page's words and where each occurs.
struct Index<'p> {
    words: Vec<&'p str>,
    places: WordMap<&'p str, Vec<u32>>,
}

impl<'p> Index<'p> {
    fn new(page: &'p str, ranges: &[Range<usize>]) -> Self {
        let words: Vec<&str> = ranges.iter().map(|r| &page[r.clone()]).collect();
        let mut places: WordMap<&str, Vec<u32>> = WordMap::default();
        for (i, &w) in words.iter().enumerate() {
            // Page positions fit in u32: a page of 4 G words is not text.
            places.entry(w).or_default().push(i as u32);
        }
        Index { words, places }
    }

    /// The places `p` where the page's words `p..p + block.len()` are the
    /// block's, inside `within`, in page order, as many as `limit`; the
    /// search stops early after [`MAX_TRIES`] places of the block's rarest
    /// word. With `backwards`, the places come from the end of `within`.
    fn find(
        &self,
        block: &[&str],
        within: Range<usize>,
        limit: usize,
        backwards: bool,
    ) -> Vec<usize> {
        let mut found = Vec::new();
        let Some((j, places)) = block
            .iter()
            .enumerate()
            .map(|(j, w)| (j, self.places.get(w).map_or(&[][..], Vec::as_slice)))
            .min_by_key(|(_, places)| places.len())
        else {
            return found;
        };
        if within.end < within.start + block.len() {
            return found;
        }
        // The block's word j at q means the block at q - j.
        let lo = places.partition_point(|&q| (q as usize) < within.start + j);
        let hi = places.partition_point(|&q| (q as usize) + block.len() - j <= within.end);
        let candidates = places.get(lo..hi).unwrap_or(&[]);
        let matches = |q: &&u32| {
            let p = **q as usize - j;
            self.words[p..p + block.len()] == *block
        };
        let place = |q: &u32| *q as usize - j;
        if backwards {
            let tried = candidates.iter().rev().take(MAX_TRIES);
            found.extend(tried.filter(matches).take(limit).map(place));
        } else {
            let tried = candidates.iter().take(MAX_TRIES);
            found.extend(tried.filter(matches).take(limit).map(place));
        }
        found
    }
}

/// Pass 1: the anchors' places, as the heaviest chain in article order.
fn anchors(index: &Index<'_>, blocks: &[Vec<&str>]) -> Vec<Option<usize>> {
    let whole = 0..index.words.len();
    // Candidates (block, place), in block order.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (b, words) in blocks.iter().enumerate() {
        let places = index.find(words, whole.clone(), ANCHOR_OCCURRENCES + 1, false);
        if places.len() <= ANCHOR_OCCURRENCES {
            candidates.extend(places.into_iter().map(|p| (b, p)));
        }
    }
    // best[c]: the heaviest chain ending with candidate c, and the
    // candidate before c in it. A Fenwick tree over page positions gives
    // the best chain ending before any position; ties go to the chain whose
    // last block ends latest, the nearest to what follows.
    let mut tree = PrefixMax::new(index.words.len() + 1);
    let mut best: Vec<(Score, Option<usize>)> = Vec::with_capacity(candidates.len());
    for group in candidates.chunk_by(|x, y| x.0 == y.0) {
        let first = best.len();
        for &(b, p) in group {
            let (before, prev) = tree.query(p);
            let score = Score {
                words: before.words + blocks[b].len() as u64,
                end: p + blocks[b].len(),
            };
            best.push((score, prev));
        }
        // Inserted after the whole block, so a block never chains to itself.
        for (k, &(score, _)) in best.iter().enumerate().skip(first) {
            tree.update(score.end, score, k);
        }
    }
    let mut placed = vec![None; blocks.len()];
    let mut at = (0..best.len()).max_by_key(|&k| best[k].0);
    while let Some(k) = at {
        let (b, p) = candidates[k];
        placed[b] = Some(p);
        at = best[k].1;
    }
    placed
}

/// A chain's weight (article words covered), then where its last block
/// ends in the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    words: u64,
    end: usize,
}

/// A Fenwick tree of the best [`Score`] ending at or before a position.
struct PrefixMax {
    tree: Vec<(Score, Option<usize>)>,
}

impl PrefixMax {
    fn new(len: usize) -> Self {
        PrefixMax {
            tree: vec![(Score::default(), None); len + 1],
        }
    }

    /// Records the chain ending with candidate `id` at position `end`.
    fn update(&mut self, end: usize, score: Score, id: usize) {
        let mut i = end + 1;
        while i < self.tree.len() {
            if score > self.tree[i].0 {
                self.tree[i] = (score, Some(id));
            }
            i += i & i.wrapping_neg();
        }
    }

    /// The best chain ending at or before position `end`.
    fn query(&self, end: usize) -> (Score, Option<usize>) {
        let mut best = (Score::default(), None);
        let mut i = (end + 1).min(self.tree.len() - 1);
        while i > 0 {
            if self.tree[i].0 > best.0 {
                best = self.tree[i];
            }
            i -= i & i.wrapping_neg();
        }
        best
    }
}

/// Pass 2: the other blocks, searched between the anchors around them.
fn fill_gaps(index: &Index<'_>, blocks: &[Vec<&str>], placed: &mut [Option<usize>]) {
    let end_of = |b: usize, p: usize| p + blocks[b].len();
    let first_anchor = placed.iter().position(Option::is_some);
    // Before the first anchor: backwards from it, nearest first.
    if let Some(first) = first_anchor {
        let mut limit = placed[first].unwrap_or(0);
        for b in (0..first).rev() {
            if let Some(&p) = index.find(&blocks[b], 0..limit, 1, true).first() {
                placed[b] = Some(p);
                limit = p;
            }
        }
    }
    // After each anchor (or from the page's start when there is none):
    // forwards, up to the next anchor.
    let mut next_placed = vec![index.words.len(); blocks.len() + 1];
    for b in (0..blocks.len()).rev() {
        next_placed[b] = placed[b].unwrap_or(next_placed[b + 1]);
    }
    let mut cursor = 0;
    for b in first_anchor.unwrap_or(0)..blocks.len() {
        if placed[b].is_none()
            && let Some(&p) = index
                .find(&blocks[b], cursor..next_placed[b + 1], 1, false)
                .first()
        {
            placed[b] = Some(p);
        }
        if let Some(p) = placed[b] {
            cursor = end_of(b, p);
        }
    }
}

/// Pass 3: for each run of blocks found nowhere between two placed blocks,
/// the page's words between those, when they are at most twice as many
/// (and a few) as the run's.
fn left_over(blocks: &[Vec<&str>], placed: &[Option<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut prev_end = None;
    let mut missing = 0;
    for (b, p) in placed.iter().enumerate() {
        match (p, prev_end) {
            (None, _) => missing += blocks[b].len(),
            (Some(p), Some(end)) => {
                if missing > 0 && *p > end && p - end <= 2 * missing + 16 {
                    out.push(end..*p);
                }
                missing = 0;
                prev_end = Some(p + blocks[b].len());
            }
            (Some(p), None) => {
                missing = 0;
                prev_end = Some(p + blocks[b].len());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's text in each aligned range.
    fn aligned<'p>(page: &'p str, article: &str) -> Vec<&'p str> {
        align(page, article).into_iter().map(|r| &page[r]).collect()
    }

    #[test]
    fn blocks_are_found_in_order_and_joined_when_adjacent() {
        let page = "Home | News | Sport\n\nTalks in Basra\nThe talks, said Smith,\nwent on.\n\nShare\nContact Us";
        let article = "Talks in Basra\nThe talks said Smith\nwent on.";
        assert_eq!(
            aligned(page, article),
            ["Talks in Basra\nThe talks, said Smith,\nwent on"]
        );
    }

    #[test]
    fn a_headline_goes_with_the_body_not_the_page_title() {
        let page = "Talks in Basra | The Daily\n\nMenu\n\nTalks in Basra\n\nThe talks went on for a long while today.";
        let article = "Talks in Basra\nThe talks went on for a long while today.";
        let ranges = align(page, article);
        assert_eq!(ranges.len(), 1);
        assert_eq!(
            &page[ranges[0].clone()],
            "Talks in Basra\n\nThe talks went on for a long while today"
        );
    }

    #[test]
    fn a_common_block_is_searched_next_to_the_anchors() {
        // "Share" is in the menu six times, and once inside the article.
        let menu = "Share\n".repeat(6);
        let page = format!(
            "{menu}\nThe first paragraph of the story.\nShare\nThe second paragraph of the story.\n\nShare"
        );
        let article =
            "The first paragraph of the story.\nShare\nThe second paragraph of the story.";
        let ranges = align(&page, article);
        assert_eq!(ranges.len(), 1);
        assert!(ranges[0].start > menu.len());
        assert!(page[ranges[0].clone()].ends_with("second paragraph of the story"));
    }

    #[test]
    fn removed_text_between_blocks_is_left_out() {
        let page = "The first paragraph of the story.\n\nAdvertisement: buy Acme now\n\nThe second paragraph of the story.";
        let article = "The first paragraph of the story.\nThe second paragraph of the story.";
        assert_eq!(
            aligned(page, article),
            [
                "The first paragraph of the story",
                "The second paragraph of the story"
            ]
        );
    }

    #[test]
    fn rewritten_text_takes_the_page_text_between_its_neighbours() {
        // The page's markup stage left a reference it does not know as it
        // was; the readability step decoded it.
        let page = "Opening words of the piece here.\n\nCafé &hearts; Basra\n\nClosing words of the piece here.";
        let article =
            "Opening words of the piece here.\nCafé ♥ Basra\nClosing words of the piece here.";
        assert_eq!(
            aligned(page, article),
            [
                "Opening words of the piece here.\n\nCafé &hearts; Basra\n\nClosing words of the piece here"
            ]
        );
    }

    #[test]
    fn nothing_in_common_aligns_nothing() {
        assert!(align("Talks in Basra", "Something else entirely").is_empty());
        assert!(align("", "Talks").is_empty());
        assert!(align("Talks", "").is_empty());
    }

    #[test]
    fn repetitive_input_stays_bounded() {
        let page = "a ".repeat(200_000);
        let article = "a a a\n".repeat(20_000);
        let ranges = align(&page, &article);
        assert!(!ranges.is_empty());
    }
}
