//! The code-aware analyser: turns text into index terms the way developers search.
//!
//! The store registers it with tantivy (wrapping [`analyze_with`] in a tantivy tokenizer) and core's own
//! [`crate::bm25`] uses it too, so both see the same terms.
//!
//! What it does, per "compound" (a run of letters/digits joined by `_ - . / \ : @`, e.g. `src/payments/stripe.rs`,
//! `std::sync::Arc`, `user.email`, `HTTPServer`, `idempotency_key`):
//! - splits it into parts at the joiners and at case changes (`camelCase` → camel, case; `HTTPServer` → http,
//!   server; `parseJSONResponse` → parse, json, response). Letters and digits stay together (`oauth2`, `v4`, `s3`),
//!   because that is how such names are searched;
//! - lowercases and folds common Latin accents to ASCII (`café` → cafe);
//! - stems each part with the Snowball English stemmer (`payments` → payment, `retrying` → retri); parts with digits
//!   and very short parts are left as they are;
//! - emits the whole compound too, lowercased but not stemmed (`src/payments/stripe.rs`, `httpserver`), so an exact
//!   identifier or path matches best.
//!
//! Positions make phrase queries possible: the parts of a compound take consecutive positions, exactly as if they
//! had been written as separate words (so "idempotency key" matches `idempotency_key`), and the whole compound shares
//! the position of its first part.
//!
//! Stop words: documents keep them (positions stay honest and BM25's IDF already makes them cheap); queries drop them
//! ([`Mode::Query`]), unless the query is nothing but stop words, in which case they are kept so that the query still
//! means something.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_stemmers::{Algorithm, Stemmer};

/// One term produced by the analyser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    /// Token position. Parts of a compound take consecutive positions; the whole compound shares its first part's.
    pub position: usize,
    /// Byte offsets of the source text the term came from.
    pub offset_from: usize,
    pub offset_to: usize,
}

/// Whether text is being indexed or searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Indexing: every term, stop words included.
    #[default]
    Document,
    /// Searching: stop words dropped (positions still advance past them).
    Query,
}

/// Terms longer than this many bytes are not emitted (base64 blobs, minified code); tantivy rejects huge terms and
/// nobody searches for them.
pub const MAX_TERM_BYTES: usize = 255;

/// English stop words dropped from queries. Deliberately without negations (`not`, `no`, `never`): "a Result type,
/// not exceptions" must keep its meaning.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "being", "both", "but",
    "by", "can", "could", "did", "do", "does", "each", "few", "for", "from", "had", "has", "have", "he", "her", "him",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more", "most", "my", "of", "on", "only",
    "or", "other", "our", "own", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "to", "too", "very", "was", "we", "were", "what", "when", "where",
    "which", "who", "whom", "why", "will", "with", "would", "you", "your",
];

/// True when `word` (lowercase) is an English stop word of [`STOP_WORDS`].
pub fn is_stop_word(word: &str) -> bool {
    // Dispatch on length, then compare bytes: this runs for every short word of every ranked memory.
    match word.len() {
        1 => matches!(word.as_bytes(), b"a" | b"i"),
        2 => matches!(
            word.as_bytes(),
            b"am"
                | b"an"
                | b"as"
                | b"at"
                | b"be"
                | b"by"
                | b"do"
                | b"he"
                | b"if"
                | b"in"
                | b"is"
                | b"it"
                | b"me"
                | b"my"
                | b"of"
                | b"on"
                | b"or"
                | b"so"
                | b"to"
                | b"we"
        ),
        3 => matches!(
            word.as_bytes(),
            b"all"
                | b"and"
                | b"any"
                | b"are"
                | b"but"
                | b"can"
                | b"did"
                | b"few"
                | b"for"
                | b"had"
                | b"has"
                | b"her"
                | b"him"
                | b"his"
                | b"how"
                | b"its"
                | b"our"
                | b"own"
                | b"she"
                | b"the"
                | b"too"
                | b"was"
                | b"who"
                | b"why"
                | b"you"
        ),
        4 => matches!(
            word.as_bytes(),
            b"also"
                | b"been"
                | b"both"
                | b"does"
                | b"each"
                | b"from"
                | b"have"
                | b"into"
                | b"just"
                | b"more"
                | b"most"
                | b"only"
                | b"some"
                | b"such"
                | b"than"
                | b"that"
                | b"them"
                | b"then"
                | b"they"
                | b"this"
                | b"very"
                | b"were"
                | b"what"
                | b"when"
                | b"whom"
                | b"will"
                | b"with"
                | b"your"
        ),
        5 => matches!(
            word.as_bytes(),
            b"about"
                | b"being"
                | b"could"
                | b"other"
                | b"their"
                | b"there"
                | b"these"
                | b"those"
                | b"where"
                | b"which"
                | b"would"
        ),
        6 => matches!(word.as_bytes(), b"should"),
        _ => false,
    }
}

/// Analyses document text into index terms (stop words kept).
pub fn analyze(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    analyze_with(text, Mode::Document, |t| out.push(t.clone()));
    out
}

/// Analyses a query: like [`analyze`], without stop words.
pub fn analyze_query(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    analyze_with(text, Mode::Query, |t| out.push(t.clone()));
    out
}

/// The distinct terms of a query, in first-seen order: the same analysis as documents, stop words dropped.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    analyze_with(query, Mode::Query, |t| {
        if !out.iter().any(|s| s == &t.text) {
            out.push(t.text.clone());
        }
    });
    out
}

/// How much the whole of a compound query word (`ecommerce-api`, `idempotency_key`, `TypeScript`) counts, and how
/// much all its parts count together. Without this a hyphenated name would count as three words (the whole plus two
/// parts) and outweigh the rest of the question: "What web framework is the ecommerce-api built with?" would rank
/// any short message naming ecommerce-api above the one about the framework. Together they are a little more than
/// a plain word: a compound is usually the most specific thing a question names.
pub const COMPOUND_WHOLE_WEIGHT: f32 = 0.6;
pub const COMPOUND_PARTS_WEIGHT: f32 = 0.5;

/// The distinct terms of a query with their weights, in first-seen order: plain words weigh 1; a compound's whole
/// weighs [`COMPOUND_WHOLE_WEIGHT`] and its parts share [`COMPOUND_PARTS_WEIGHT`]. A term seen twice keeps its
/// larger weight. Every compound is taken to occur in the documents; see [`weighted_query_terms_in`].
pub fn weighted_query_terms(query: &str) -> Vec<(String, f32)> {
    weighted_query_terms_in(query, |_| true)
}

/// [`weighted_query_terms`] for a collection where `indexed(term)` says whether a term occurs at all. A compound
/// whose whole occurs nowhere ("testing-related", "login-flow": a phrase the question hyphenated, not a name the
/// memories use) is searched through its parts, which then share a plain word's weight of 1 between them.
pub fn weighted_query_terms_in(query: &str, indexed: impl Fn(&str) -> bool) -> Vec<(String, f32)> {
    let mut tokens: Vec<Token> = Vec::new();
    analyze_with(query, Mode::Query, |t| tokens.push(t.clone()));
    let mut weights = vec![1.0f32; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        let whole = &tokens[i];
        let parts = tokens[i + 1..]
            .iter()
            .take_while(|p| p.offset_from >= whole.offset_from && p.offset_to <= whole.offset_to)
            .count();
        let is_compound = parts > 0 && tokens[i + 1].position == whole.position;
        if is_compound {
            let (whole_weight, parts_weight) =
                if indexed(&whole.text) { (COMPOUND_WHOLE_WEIGHT, COMPOUND_PARTS_WEIGHT) } else { (0.0, 1.0) };
            weights[i] = whole_weight;
            for w in &mut weights[i + 1..=i + parts] {
                *w = parts_weight / parts as f32;
            }
            i += parts + 1;
        } else {
            i += 1;
        }
    }
    let mut out: Vec<(String, f32)> = Vec::new();
    for (t, w) in tokens.into_iter().zip(weights) {
        match out.iter_mut().find(|(s, _)| *s == t.text) {
            Some((_, seen)) => *seen = seen.max(w),
            None => out.push((t.text, w)),
        }
    }
    out
}

/// Streams the terms of `text` to `sink`, in order, reusing one [`Token`] buffer (clone what you keep). This is the
/// shape a tantivy `TokenStream` wraps without allocating per term.
pub fn analyze_with(text: &str, mode: Mode, mut sink: impl FnMut(&Token)) {
    let drop_stop_words = mode == Mode::Query && !only_stop_words(text);
    let mut analyzer = Analyzer {
        stemmer: Stemmer::create(Algorithm::English),
        token: Token { text: String::new(), position: 0, offset_from: 0, offset_to: 0 },
        scratch: String::new(),
        parts: Vec::new(),
        position: 0,
        drop_stop_words,
    };
    let spans: Vec<(usize, usize)> = compounds(text).collect();
    for (k, &(start, end)) in spans.iter().enumerate() {
        let phrasal = spans.get(k + 1).and_then(|&(s, e)| {
            let after = spans.get(k + 2).map(|&(s2, e2)| (&text[e..s2], &text[s2..e2]));
            phrasal_verb(&text[start..end], &text[s..e], after)
        });
        analyzer.compound(text, start, end, phrasal, &mut sink);
    }
}

/// Words after "logging in" / "log on" that keep it a login ("logging in again", "log in with Google").
const AFTER_LOGIN: &[&str] = &[
    "again",
    "after",
    "and",
    "as",
    "at",
    "before",
    "but",
    "fine",
    "from",
    "once",
    "right",
    "successfully",
    "then",
    "through",
    "to",
    "twice",
    "using",
    "via",
    "when",
    "with",
];

/// The term for a verb that means something else with its particle: "logging in", "logged into", "log on" are about a
/// login, not about logs, so they index (and search) as `login` (and "log out" as `logout`), while "logging" alone
/// stays `log`. "Logging in JSON" or "logging in production" are about logs: after "in"/"on", the phrase is a login
/// only at the end of a sentence or before a word of [`AFTER_LOGIN`]. `after` is the text up to the word after the
/// particle, and that word.
fn phrasal_verb(word: &str, particle: &str, after: Option<(&str, &str)>) -> Option<&'static str> {
    let is = |w: &str, options: &[&str]| options.iter().any(|o| w.eq_ignore_ascii_case(o));
    if !is(word, &["log", "logs", "logged", "logging"]) {
        return None;
    }
    let ends_phrase = match after {
        None => true,
        Some((gap, next)) => gap.contains(['.', ',', ';', ':', '!', '?', ')', '\n']) || is(next, AFTER_LOGIN),
    };
    if is(particle, &["into"]) || (is(particle, &["in", "on"]) && ends_phrase) {
        Some("login")
    } else if is(particle, &["out"]) && ends_phrase {
        Some("logout")
    } else {
        None
    }
}

/// A character that can start or continue a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A character that joins words into one compound (identifier, path, dotted name, e-mail) when it sits between them.
fn is_joiner(c: char) -> bool {
    matches!(c, '_' | '-' | '.' | '/' | '\\' | ':' | '@')
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Byte ranges of the compounds of `text`: runs of word characters and joiners that start and end with a word
/// character. Apostrophes between letters stay inside words (`don't`, `Stripe's`).
fn compounds(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let len = text.len();
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut word_end = chars.peek().map_or(len, |&(j, _)| j);
        let mut prev_word = true;
        while let Some(&(_, c)) = chars.peek() {
            if is_word_char(c) {
                chars.next();
                word_end = chars.peek().map_or(len, |&(j, _)| j);
                prev_word = true;
            } else if is_joiner(c) || (is_apostrophe(c) && prev_word) {
                chars.next();
                prev_word = false;
            } else {
                break;
            }
        }
        // Trailing joiners ("Next:", "end.") are punctuation, not part of the compound.
        Some((start, word_end))
    })
}

/// True when every word of `text` is a stop word (or there are none).
fn only_stop_words(text: &str) -> bool {
    let mut lower = String::new();
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).all(|w| {
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        is_stop_word(&lower)
    })
}

struct Analyzer {
    stemmer: Stemmer,
    token: Token,
    scratch: String,
    parts: Vec<(usize, usize)>,
    position: usize,
    drop_stop_words: bool,
}

impl Analyzer {
    /// Emits the terms of one compound; `phrasal` replaces a one-word compound's stem ([`phrasal_verb`]).
    fn compound(&mut self, text: &str, start: usize, end: usize, phrasal: Option<&str>, sink: &mut impl FnMut(&Token)) {
        let compound = &text[start..end];
        self.parts.clear();
        split_parts(compound, &mut self.parts);
        let first_position = self.position;
        if self.parts.len() > 1 && compound.len() <= MAX_TERM_BYTES {
            self.token.text.clear();
            push_normalized(compound, &mut self.token.text);
            self.token.position = first_position;
            self.token.offset_from = start;
            self.token.offset_to = end;
            sink(&self.token);
        }
        for k in 0..self.parts.len() {
            let (from, to) = self.parts[k];
            let part = &compound[from..to];
            let position = self.position;
            self.position += 1;
            if part.len() > MAX_TERM_BYTES {
                continue;
            }
            self.scratch.clear();
            push_normalized(part, &mut self.scratch);
            if self.drop_stop_words && is_stop_word(&self.scratch) {
                continue;
            }
            self.token.text.clear();
            let stemmable = self.scratch.len() > 2 && !self.scratch.bytes().any(|b| b.is_ascii_digit());
            if let Some(term) = phrasal.filter(|_| self.parts.len() == 1) {
                self.token.text.push_str(term);
            } else if stemmable {
                stem_into(&self.stemmer, &self.scratch, &mut self.token.text);
            } else {
                self.token.text.push_str(&self.scratch);
            }
            self.token.position = position;
            self.token.offset_from = start + from;
            self.token.offset_to = start + to;
            sink(&self.token);
        }
    }
}

/// Most distinct words the stem cache of one thread holds before it starts over (a few MB at most). A developer
/// vocabulary is far smaller, so in practice every word is stemmed once per thread.
const STEM_CACHE_MAX: usize = 50_000;
/// Longer words are stemmed without caching: they are rare, and would only bloat the cache.
const STEM_CACHE_WORD_MAX: usize = 40;

thread_local! {
    /// Word → stem. The Snowball stemmer was most of the analyser's time (an import of 100,000 memories stems about
    /// ten million words, nearly all of them recurring); a lookup is several times cheaper. Per thread, so it needs no
    /// lock and works the same in the single-threaded wasm build.
    static STEMS: RefCell<HashMap<Box<str>, Box<str>, BuildHasherDefault<FxHasher>>> =
        RefCell::new(HashMap::default());
}

/// Appends the stem of `word` (lowercase, normalised) to `out`, from the cache when this thread has seen it.
fn stem_into(stemmer: &Stemmer, word: &str, out: &mut String) {
    if word.len() > STEM_CACHE_WORD_MAX {
        out.push_str(&stemmer.stem(word));
        return;
    }
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word) {
            out.push_str(stem);
            return;
        }
        let stem = stemmer.stem(word);
        out.push_str(&stem);
        if cache.len() >= STEM_CACHE_MAX {
            cache.clear();
        }
        cache.insert(word.into(), stem.into());
    });
}

/// The Fx hash (rustc's): a multiply and a rotate per word of input. Keys are short words from the analyser, not
/// attacker-chosen in any way that matters (a pathological input only makes one process's cache slower).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word) ^ (rest.len() as u64) << 56).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Upper,
    Lower,
    Digit,
    Other,
}

fn class(c: char) -> Class {
    if c.is_uppercase() {
        Class::Upper
    } else if c.is_lowercase() {
        Class::Lower
    } else if c.is_numeric() {
        Class::Digit
    } else {
        Class::Other
    }
}

/// Splits a compound into part byte ranges: at joiners, and at case changes (`aB` → a|B, `ABc` → A|Bc, `9B`
/// after lowercase → |B). Letters and digits stay together otherwise.
fn split_parts(compound: &str, parts: &mut Vec<(usize, usize)>) {
    let mut start: Option<usize> = None;
    let mut prev = Class::Other;
    let mut chars = compound.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_joiner(c) {
            if let Some(s) = start.take() {
                parts.push((s, i));
            }
            prev = Class::Other;
            continue;
        }
        if is_apostrophe(c) {
            // Inside a word: keep it (the stemmer strips possessives).
            prev = Class::Other;
            continue;
        }
        let cur = class(c);
        if let Some(s) = start {
            let next_is_lower = chars.peek().is_some_and(|&(_, n)| class(n) == Class::Lower);
            let boundary = cur == Class::Upper
                && (prev == Class::Lower || prev == Class::Digit || (prev == Class::Upper && next_is_lower));
            if boundary {
                parts.push((s, i));
                start = Some(i);
            }
        } else {
            start = Some(i);
        }
        prev = cur;
    }
    if let Some(s) = start {
        parts.push((s, compound.len()));
    }
}

/// Appends `s` lowercased, with common Latin accents folded to ASCII and typographic apostrophes made plain.
fn push_normalized(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            match fold(l) {
                Some(folded) => out.push_str(folded),
                None => out.push(l),
            }
        }
    }
}

/// ASCII folding for the Latin-1 and Latin Extended-A letters developers meet in names (cheap: a table lookup).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ł' | 'ľ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        '\u{2019}' => "'",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cache only saves time: cached and fresh stems are the same, for the first and every later sighting.
    #[test]
    fn cached_stems_equal_fresh_stems() {
        let stemmer = Stemmer::create(Algorithm::English);
        let words = ["payments", "retrying", "idempotency", "connections", "exhausted", "stripe's", "caching"];
        for _ in 0..3 {
            for w in words {
                let mut cached = String::new();
                stem_into(&stemmer, w, &mut cached);
                assert_eq!(cached, stemmer.stem(w), "{w}");
            }
        }
        let long = "supercalifragilisticexpialidociousnesses-like-identifiers";
        let mut out = String::new();
        stem_into(&stemmer, long, &mut out);
        assert_eq!(out, stemmer.stem(long));
    }

    #[test]
    fn stop_word_test_matches_the_list() {
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        for not_stop in ["not", "no", "never", "stripe", "abouts", "", "thee"] {
            assert!(!is_stop_word(not_stop), "{not_stop}");
        }
    }

    #[test]
    fn compound_query_words_count_about_once() {
        let terms = weighted_query_terms("What framework is ecommerce-api built with?");
        let weight = |t: &str| terms.iter().find(|(s, _)| s == t).map(|(_, w)| *w);
        assert_eq!(weight("framework"), Some(1.0));
        assert_eq!(weight("built"), Some(1.0));
        assert_eq!(weight("ecommerce-api"), Some(COMPOUND_WHOLE_WEIGHT));
        assert_eq!(weight("ecommerc"), Some(COMPOUND_PARTS_WEIGHT / 2.0));
        assert_eq!(weight("api"), Some(COMPOUND_PARTS_WEIGHT / 2.0));
        assert_eq!(weight("what"), None);
        // A part that is also a plain word of the question keeps the plain word's weight.
        let terms = weighted_query_terms("api of ecommerce-api");
        assert_eq!(terms.iter().find(|(s, _)| s == "api").map(|(_, w)| *w), Some(1.0));
    }

    #[test]
    fn a_compound_nobody_wrote_is_searched_through_its_parts() {
        let query = "What was the sequence of testing-related decisions?";
        let indexed = |t: &str| t != "testing-related";
        let terms = weighted_query_terms_in(query, indexed);
        let weight = |t: &str| terms.iter().find(|(s, _)| s == t).map(|(_, w)| *w);
        assert_eq!(weight("testing-related"), Some(0.0));
        assert_eq!(weight("test"), Some(0.5));
        assert_eq!(weight("relat"), Some(0.5));
        assert_eq!(weight("decis"), Some(1.0));
        // The same query against documents that do use the compound keeps the usual split.
        let usual = weighted_query_terms(query);
        assert_eq!(usual.iter().find(|(s, _)| s == "test").map(|(_, w)| *w), Some(COMPOUND_PARTS_WEIGHT / 2.0));
    }
}
