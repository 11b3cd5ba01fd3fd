//! Extraction and explanation over many texts at once, on several threads.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::{Entity, Extractor};

/// How many texts a thread takes at a time: small enough to balance uneven
/// texts, large enough that handing out work costs nothing.
const CHUNK: usize = 16;

impl Extractor {
    /// Extracts the entities of every text, using up to `threads` threads
    /// (all available cores when `None`). The result is in input order and
    /// identical to calling [`Extractor::extract`] on each text in turn.
    ///
    /// ```
    /// use gazetteer_ner::Extractor;
    ///
    /// let extractor = Extractor::builder().build()?;
    /// let texts = ["Talks in Baghdad.", "Iran and Iraq.", ""];
    /// let results = extractor.extract_batch(&texts, None);
    /// assert_eq!(results.len(), 3);
    /// assert_eq!(results[1], extractor.extract("Iran and Iraq."));
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    pub fn extract_batch<T: AsRef<str> + Sync>(
        &self,
        texts: &[T],
        threads: Option<NonZeroUsize>,
    ) -> Vec<Vec<Entity>> {
        in_parallel(texts, threads, |text| self.extract(text))
    }

    /// Explains the entities of every text, using up to `threads` threads
    /// (all available cores when `None`). The result is in input order and
    /// identical to calling [`Extractor::explain`] on each text in turn,
    /// every mention's [`why`](crate::Mention::why) included.
    ///
    /// ```
    /// use gazetteer_ner::Extractor;
    ///
    /// let extractor = Extractor::builder().build()?;
    /// let texts = ["Talks in Baghdad.", "Mr Sadr left. Sadr said so.", ""];
    /// let results = extractor.explain_batch(&texts, None);
    /// assert_eq!(results.len(), 3);
    /// assert_eq!(results[1], extractor.explain("Mr Sadr left. Sadr said so."));
    /// assert!(results[0][0].mentions[0].why.is_some());
    /// assert!(results[2].is_empty());
    /// # Ok::<(), gazetteer_ner::Error>(())
    /// ```
    pub fn explain_batch<T: AsRef<str> + Sync>(
        &self,
        texts: &[T],
        threads: Option<NonZeroUsize>,
    ) -> Vec<Vec<Entity>> {
        in_parallel(texts, threads, |text| self.explain(text))
    }
}

/// `find` of every text, in input order, on up to `threads` threads (all
/// available cores when `None`), each taking [`CHUNK`] texts at a time.
fn in_parallel<T, F>(texts: &[T], threads: Option<NonZeroUsize>, find: F) -> Vec<Vec<Entity>>
where
    T: AsRef<str> + Sync,
    F: Fn(&str) -> Vec<Entity> + Sync,
{
    let threads = threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
        .min(texts.len().div_ceil(CHUNK))
        .max(1);
    if threads == 1 {
        return texts.iter().map(|t| find(t.as_ref())).collect();
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, Vec<Vec<Entity>>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if start >= texts.len() {
                            break done;
                        }
                        let end = (start + CHUNK).min(texts.len());
                        let results = texts[start..end].iter().map(|t| find(t.as_ref()));
                        done.push((start, results.collect()));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| match w.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    parts.sort_unstable_by_key(|&(start, _)| start);
    parts.into_iter().flat_map(|(_, results)| results).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_results_equal_one_by_one_results_in_order() {
        let extractor = Extractor::builder().build().unwrap();
        let texts: Vec<String> = (0..100)
            .map(|i| match i % 3 {
                0 => format!("Talks {i} in Baghdad with Iran."),
                1 => format!("Mr Abdul Karim met {i} people in Karbala province."),
                _ => String::new(),
            })
            .collect();
        let one_by_one: Vec<_> = texts.iter().map(|t| extractor.extract(t)).collect();
        for threads in [1, 2, 3, 8] {
            let batch = extractor.extract_batch(&texts, NonZeroUsize::new(threads));
            assert_eq!(batch, one_by_one, "with {threads} threads");
        }
        assert!(extractor.extract_batch::<&str>(&[], None).is_empty());
    }

    #[test]
    fn batch_explanations_equal_one_by_one_explanations_in_order() {
        let extractor = Extractor::builder().build().unwrap();
        let texts: Vec<String> = (0..100)
            .map(|i| match i % 4 {
                0 => format!("Moqtada al-Sadr spoke {i} times in Baghdad. Mr Sadr left."),
                1 => format!("The Basra Reform Council (BRC) met {i} people. The BRC said so."),
                2 => format!("<p>Talks {i} in Erbil with Iran.</p>"),
                _ => String::new(),
            })
            .collect();
        let one_by_one: Vec<_> = texts.iter().map(|t| extractor.explain(t)).collect();
        // Every text but the empty ones has entities, each mention a why.
        let named = one_by_one.iter().zip(&texts).filter(|(_, t)| !t.is_empty());
        assert!(named.clone().count() == 75);
        assert!(named.map(|(entities, _)| entities).all(|entities| {
            !entities.is_empty()
                && entities
                    .iter()
                    .all(|e| e.mentions.iter().all(|m| m.why.is_some()))
        }));
        for threads in [1, 2, 3, 8] {
            // Entity equality compares each mention's why too.
            let batch = extractor.explain_batch(&texts, NonZeroUsize::new(threads));
            assert_eq!(batch, one_by_one, "with {threads} threads");
        }
        assert!(extractor.explain_batch::<&str>(&[], None).is_empty());
        // The entities extraction finds, once the whys are taken away.
        let mut without_why = one_by_one;
        for mention in without_why
            .iter_mut()
            .flatten()
            .flat_map(|e| &mut e.mentions)
        {
            mention.why = None;
        }
        assert_eq!(without_why, extractor.extract_batch(&texts, None));
    }
}
