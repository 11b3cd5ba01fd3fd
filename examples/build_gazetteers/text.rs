//! Text helpers: form validation, diacritic folding, natural casing of UPPERCASE
//! source names, Arabic-article variants, ranks and simple TSV/CSV readers.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Normalises a surface form (collapses whitespace, trims) and rejects forms the
/// parser cannot hold or that cannot be a name: empty, containing a tab, `|`,
/// a control or replacement character, or without any letter.
pub fn clean_form(raw: &str) -> Option<String> {
    let form = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let bad = |c: char| c == '|' || c == '\u{FFFD}' || c.is_control();
    if form.is_empty() || form.chars().any(bad) || !form.chars().any(char::is_alphabetic) {
        return None;
    }
    Some(form)
}

/// Folds Latin diacritics and typographic apostrophes to ASCII ("Anbār" → "Anbar",
/// "Karbalāʼ" → "Karbala'"). Characters without a known folding are kept, so callers
/// should check `is_ascii()` on the result before using it as an ASCII variant.
pub fn fold_diacritics(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match fold_char(c) {
            Some(rep) => out.push_str(rep),
            None => out.push(c),
        }
    }
    out
}

/// ASCII replacement of one non-ASCII Latin character, if known.
fn fold_char(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄǍẠẢẤẦẨẪẬẮẰẲẴẶ", "A"),
        ("àáâãäåāăąǎạảấầẩẫậắằẳẵặ", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ĎĐḌḐ", "D"),
        ("ďđḍḑð", "d"),
        ("ÈÉÊËĒĔĖĘĚẸẺẼẾỀỂỄỆ", "E"),
        ("èéêëēĕėęěẹẻẽếềểễệə", "e"),
        ("ĜĞĠĢǦ", "G"),
        ("ĝğġģǧ", "g"),
        ("ĤĦḤḨḪ", "H"),
        ("ĥħḥḩḫẖ", "h"),
        ("ÌÍÎÏĨĪĬĮİỈỊ", "I"),
        ("ìíîïĩīĭįıỉị", "i"),
        ("Ĵ", "J"),
        ("ĵ", "j"),
        ("ĶḲ", "K"),
        ("ķḳ", "k"),
        ("ĹĻĽĿŁ", "L"),
        ("ĺļľŀł", "l"),
        ("ÑŃŅŇṆ", "N"),
        ("ñńņňṇ", "n"),
        ("ÒÓÔÕÖØŌŎŐƠỌỎỐỒỔỖỘỚỜỞỠỢ", "O"),
        ("òóôõöøōŏőơọỏốồổỗộớờởỡợ", "o"),
        ("ŔŖŘṚ", "R"),
        ("ŕŗřṛ", "r"),
        ("ŚŜŞŠȘṢ", "S"),
        ("śŝşšșṣ", "s"),
        ("ŢŤŦȚṬ", "T"),
        ("ţťŧțṭẗ", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲƯỤỦỨỪỬỮỰ", "U"),
        ("ùúûüũūŭůűųưụủứừửữự", "u"),
        ("Ŵ", "W"),
        ("ŵ", "w"),
        ("ÝŶŸỲỸỶỴ", "Y"),
        ("ýÿŷỳỹỷỵ", "y"),
        ("ŹŻŽẒ", "Z"),
        ("źżžẓ", "z"),
        ("ʼʻʾʿ’‘´`", "'"),
        ("‐‑–", "-"),
    ];
    const MULTI: &[(char, &str)] = &[
        ('Æ', "AE"),
        ('æ', "ae"),
        ('Œ', "OE"),
        ('œ', "oe"),
        ('ß', "ss"),
        ('Þ', "Th"),
        ('þ', "th"),
    ];
    if c.is_ascii() {
        return None;
    }
    if let Some((_, rep)) = MULTI.iter().find(|(m, _)| *m == c) {
        return Some(rep);
    }
    TABLE
        .iter()
        .find(|(chars, _)| chars.contains(c))
        .map(|(_, rep)| *rep)
}

/// The form plus, when different and fully ASCII, its diacritic-folded variant.
pub fn with_ascii_variant(form: &str) -> Vec<String> {
    let mut forms = vec![form.to_string()];
    let folded = fold_diacritics(form);
    if folded != form && folded.is_ascii() {
        forms.push(folded);
    }
    forms
}

/// Lower-case name particles that stay lower case inside a name.
const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "az", "bin", "ibn", "bint", "de", "da", "di", "du", "del",
    "della", "der", "den", "des", "dos", "das", "van", "von", "la", "le", "y", "e", "of", "the",
    "and", "for", "in", "on", "at", "to", "fi", "wa", "wal", "li", "lil", "und", "et", "en",
];

/// Arabic definite articles that take the hyphen/capital variants.
const ARABIC_ARTICLES: &[&str] = &["al", "el", "ad", "ar", "ash", "az"];

/// True if `word` is a lower-case name particle ("al", "bin", "de", "of" ...).
pub fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// True if the letters of `s` are all upper case (and there are at least two).
fn is_all_caps(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// True for a Roman numeral from I to XX (regnal numbers: "Abdullah II").
fn is_roman_numeral(s: &str) -> bool {
    const ROMAN: &[&str] = &[
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    ROMAN.contains(&s)
}

/// Vowel-less abbreviations that are written in title case, not as acronyms.
const TITLE_CASE_ABBREVIATIONS: &[&str] =
    &["MR", "MRS", "DR", "ST", "MT", "JR", "SR", "LTD", "PTY"];

/// True if an ALL-CAPS token should stay upper case: a known acronym, a Roman
/// numeral, a dotted abbreviation ("U.S.") or a token without vowels ("BBC").
fn keep_upper(token: &str, acronyms: &BTreeSet<String>) -> bool {
    let bare: String = token.chars().filter(|c| c.is_alphanumeric()).collect();
    if bare.is_empty() || TITLE_CASE_ABBREVIATIONS.contains(&bare.as_str()) {
        return false;
    }
    acronyms.contains(&bare)
        || (bare.len() > 1 && is_roman_numeral(&bare))
        || (token.matches('.').count() >= 2 && bare.chars().count() <= 4)
        || (bare.chars().count() >= 2 && !bare.chars().any(|c| "AEIOUYaeiouy".contains(c)))
}

/// Capitalises one lower-cased word segment, handling "Mc", "O'" and "D'" prefixes.
pub fn capitalise(seg: &str) -> String {
    let mut chars = seg.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if out.starts_with("Mc") && out.chars().count() > 3 {
        out = format!("Mc{}", capitalise(&out[2..]));
    }
    for prefix in ["O'", "D'"] {
        if out.starts_with(prefix) && out.len() > 2 {
            out = format!("{prefix}{}", capitalise(&out[2..]));
        }
    }
    out
}

/// Converts an UPPERCASE name to natural case word by word: "KATA'IB HIZBALLAH" →
/// "Kata'ib Hizballah", "Abu Mahdi AL-MUHANDIS" → "Abu Mahdi al-Muhandis",
/// "OFFICE FOR THE COORDINATION" → "Office for the Coordination". Words that are not
/// ALL CAPS are kept as written; acronyms in `acronyms`, Roman numerals and
/// vowel-less tokens stay upper case; particles are lower case except as the very
/// first word or as the last part of a word.
pub fn natural_case(s: &str, acronyms: &BTreeSet<String>) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = Vec::with_capacity(words.len());
    for (wi, word) in words.iter().enumerate() {
        if let Some(ordinal) = ordinal_case(word) {
            out.push(ordinal);
            continue;
        }
        let single_letter = word.chars().filter(|c| c.is_alphabetic()).count() == 1;
        if (!is_all_caps(word) && !single_letter) || keep_upper(word, acronyms) {
            out.push(word.to_string());
            continue;
        }
        let segs: Vec<&str> = word.split('-').collect();
        let last_word = wi + 1 == words.len();
        let cased: Vec<String> = segs
            .iter()
            .enumerate()
            .map(|(si, seg)| {
                if seg.chars().count() > 1 && keep_upper(seg, acronyms) {
                    return seg.to_string();
                }
                let lower = seg.to_lowercase();
                let very_first = wi == 0 && si == 0;
                let last_part = si + 1 == segs.len() && (segs.len() > 1 || last_word);
                if !very_first && !last_part && is_particle(&lower) {
                    lower
                } else {
                    capitalise(&lower)
                }
            })
            .collect();
        out.push(cased.join("-"));
    }
    out.join(" ")
}

/// An UPPERCASE ordinal in lower case: "66TH" → "66th", "1ST" → "1st".
fn ordinal_case(word: &str) -> Option<String> {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let suffix = &word[digits..];
    (digits > 0 && ["ST", "ND", "RD", "TH"].contains(&suffix)).then(|| word.to_lowercase())
}

/// Title case for a single UPPERCASE personal name from a name list: "SMITH" →
/// "Smith", "MCDONALD" → "McDonald", "NG" → "Ng" (no acronym heuristics).
pub fn name_case(s: &str) -> String {
    s.split('-')
        .map(|seg| capitalise(&seg.to_lowercase()))
        .collect::<Vec<_>>()
        .join("-")
}

/// Variants of a name holding Arabic articles: "Moqtada al-Sadr" also gives
/// "Moqtada Al-Sadr" and "Moqtada Al Sadr"; "Abd al Aziz al Hakim" also gives the
/// hyphenated and capitalised forms. The input form is included.
pub fn arabic_article_variants(form: &str) -> Vec<String> {
    let tokens: Vec<&str> = form.split(' ').collect();
    let has_article = |t: &str| {
        ARABIC_ARTICLES.iter().any(|a| {
            let lower = t.to_lowercase();
            lower.starts_with(&format!("{a}-")) && t.len() > a.len() + 1
        })
    };
    let spaced_article = |i: usize| {
        i + 1 < tokens.len()
            && i > 0
            && ARABIC_ARTICLES.contains(&tokens[i])
            && tokens[i + 1].starts_with(char::is_uppercase)
    };
    if !tokens
        .iter()
        .enumerate()
        .any(|(i, t)| (i > 0 && has_article(t)) || spaced_article(i))
    {
        return vec![form.to_string()];
    }
    // Render the name three ways: "al-X", "Al-X" and "Al X".
    let mut out = vec![form.to_string()];
    for (capital, joiner) in [(false, "-"), (true, "-"), (true, " ")] {
        let mut words: Vec<String> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = tokens[i];
            let (article, rest) = if i > 0 && has_article(t) {
                let (a, r) = t.split_at(t.find('-').unwrap_or(0));
                (Some(a.to_lowercase()), r[1..].to_string())
            } else if spaced_article(i) {
                i += 1;
                (Some(t.to_string()), tokens[i].to_string())
            } else {
                (None, String::new())
            };
            match article {
                Some(a) => {
                    let a = if capital { capitalise(&a) } else { a };
                    words.push(format!("{a}{joiner}{rest}"));
                }
                None => words.push(t.to_string()),
            }
            i += 1;
        }
        let variant = words.join(" ");
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    out
}

/// Prominence rank from a population on a log scale: 15,000 → 20, 1M → 60,
/// 10M → 82, clamped to 5..=95.
pub fn population_rank(population: u64) -> u8 {
    if population == 0 {
        return 5;
    }
    let r = 20.0 + 22.0 * ((population as f64).log10() - 4.18);
    r.round().clamp(5.0, 95.0) as u8
}

/// Reads a whole source file, exiting with a clear message if it is missing.
pub fn read_source(dir: &Path, rel: &str) -> String {
    let path = dir.join(rel);
    match fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot read source file {}: {e}", path.display());
            std::process::exit(1);
        }
    }
}

/// Parses a TSV file with a header row into rows of owned fields (header dropped).
pub fn tsv_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.trim_end_matches('\r')
                .split('\t')
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// Parses RFC 4180 CSV (quoted fields may hold commas, quotes and newlines).
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, _) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// Field `i` of a row, or "" if the row is short.
pub fn field(row: &[String], i: usize) -> &str {
    row.get(i).map(String::as_str).unwrap_or("")
}

/// Number of whitespace-separated tokens in a form.
pub fn token_count(form: &str) -> usize {
    form.split_whitespace().count()
}
