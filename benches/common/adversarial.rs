//! Adversarial shapes of text: inputs whose structure once made a stage
//! look at the same tokens again for every cue, title or name (a path
//! quadratic in the length of a run), shared by the `adversarial` bench
//! group and the linear-time test.

use super::Rng;

/// The shapes, each as `len` bytes or a little more of text, by name.
pub fn shapes(len: usize) -> Vec<(&'static str, String)> {
    let mut rng = Rng::new(11);
    vec![
        // A headline in capitals with titles: each title read the whole
        // run of name words before keeping two.
        (
            "caps_titles",
            repeated("BAGHDAD PRESIDENT SMITH SAID ", len),
        ),
        ("caps_mr_smith", repeated("MR SMITH ", len)),
        // Titles inside one run of name words.
        ("titles_in_a_run", repeated("Mr Smith ", len)),
        // A run of capitalised words without punctuation.
        (
            "capitalised_run",
            repeated("Abc Def Ghi Jkl Mno Pqr Stu Vwx ", len),
        ),
        // Designators that each looked up the whole run around them.
        (
            "designators_after",
            format!("Harvard {}", repeated("University ", len)),
        ),
        ("designators_before", repeated("Lake ", len)),
        ("designators_of", repeated("Ministry of ", len)),
        // Places inside one run, each widened over its neighbours.
        ("places_in_a_run", repeated("Baghdad Abc ", len)),
        ("initials", repeated("A. ", len)),
        (
            "nested_brackets",
            format!("{}{}", "(".repeat(len / 2), ")".repeat(len / 2)),
        ),
        // Character references in HTML, some of them unfinished.
        (
            "references",
            format!(
                "<p>{}</p>",
                repeated("&#8220;Baghdad&#8221; &#x41;&amp;&# &#", len)
            ),
        ),
        ("hyphenated_chain", repeated("Al-", len)),
        (
            "acronym_definitions",
            repeated("Popular Mobilisation Forces (PMF) said. ", len),
        ),
        // Many long forms with the same initials, each defining it.
        (
            "acronyms_of_many_names",
            sentences(len, |rng| {
                format!("The {} {} (AB) met. ", word(rng, 'A'), word(rng, 'B'))
            }),
        ),
        // Many persons who share a surname, or a first and last name.
        (
            "shared_surnames",
            sentences(len, |rng| {
                format!(
                    "Mr {} Smith said on Monday that talks went on. ",
                    word(rng, 'K')
                )
            }),
        ),
        (
            "shared_first_and_last_names",
            sentences(len, |rng| {
                format!(
                    "John {} Smith said on Monday that talks went on. ",
                    word(rng, 'K')
                )
            }),
        ),
        // One long name over and over: every ending of it is a name.
        ("long_name_repeated", {
            let name: Vec<String> = (0..2000).map(|_| word(&mut rng, 'K')).collect();
            repeated(&format!("Mr {}. ", name.join(" ")), len)
        }),
    ]
}

/// `unit` repeated until the text holds at least `len` bytes.
fn repeated(unit: &str, len: usize) -> String {
    unit.repeat(len.div_ceil(unit.len()))
}

/// Sentences from `make`, with a generator from a fixed seed, until the
/// text holds at least `len` bytes.
fn sentences(len: usize, mut make: impl FnMut(&mut Rng) -> String) -> String {
    let mut rng = Rng::new(7);
    let mut text = String::with_capacity(len + 64);
    while text.len() < len {
        text.push_str(&make(&mut rng));
    }
    text
}

/// A capitalised pseudo-word of four to seven letters starting with
/// `first`, which no list holds.
fn word(rng: &mut Rng, first: char) -> String {
    let mut w = String::from(first);
    for _ in 0..3 + rng.below(4) {
        w.push(char::from(b'a' + rng.below(26) as u8));
    }
    w
}
