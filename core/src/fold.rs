//! Near-duplicate folding: which near-identical memories are two versions of one fact (the older folds into the
//! newer, which counts what it stands for) and which are two facts that must both stay reachable.
//!
//! Two memories are near-duplicates when their word sets have a Jaccard similarity of at least
//! [`crate::rank::Weights::near_duplicate`] (0.7). Such a pair is decided in this order:
//! 1. A word of the question that only one of the two holds decides between them ("staging database password"
//!    against "the staging …" and "the production …"), from a similarity of [`crate::rank::Weights::twin`]
//!    (0.7; a separate weight because a lower one would also catch a twin that differs in its kind label and a
//!    number too). Both stay, and the one holding the word ranks
//!    above the other whatever their dates and other signals (the [`crate::rank::ScoreBreakdown::twin`] signal
//!    takes the other just below it; [`Ranked::outmatched_by`] names the winner so a digest can leave the loser
//!    out).
//! 2. When the words that differ include a subject ([`subject_words`]: a name, a path or identifier part, a topic
//!    or file, an environment or platform, the object of a preposition), they are two facts about two things
//!    ("… in auth" / "… in search", Kafka / PostgreSQL): both stay, ranked by their own signals.
//! 3. Otherwise they are two statements of one fact (a reworded verb, a changed number): the older folds into the
//!    newer, which says how many it stands for ([`Ranked::folded`]).
//!
//! With superseded memories included nothing is folded: every memory shows.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::analyze;
use crate::model::Memory;
use crate::rank::{QueryContext, Ranked};

/// Decides every near-duplicate pair of `out` (scored, unsorted) for the question of `ctx`: outmatched twins go just
/// below the one holding the question's word, and versions of one fact fold into the newest unless
/// `ctx.include_superseded`. A [`crate::rank::Weights::near_duplicate`] above 1 turns this off.
pub fn fold(out: &mut Vec<Ranked>, ctx: &QueryContext) {
    if ctx.weights.near_duplicate > 1.0 {
        return;
    }
    let query_words = ctx.query.as_deref().map(word_set).unwrap_or_default();
    let twins = near_duplicates(out, ctx.weights.near_duplicate, ctx.weights.twin, &query_words);
    // The one with the question's word ranks above its twin, whatever the other signals say.
    for &(winner, loser) in &twins.outmatched {
        let gap = out[winner].score - out[loser].score - TWIN_MARGIN;
        if gap < 0.0 {
            out[loser].breakdown.twin += gap;
            out[loser].breakdown.total += gap;
            out[loser].score += gap;
        }
        out[loser].outmatched_by = Some(out[winner].memory.id.clone());
    }
    if ctx.include_superseded || twins.folded_into.iter().all(Option::is_none) {
        return;
    }
    for i in 0..out.len() {
        // Follow chains (a folded into b folded into c) to the memory that stays.
        let mut into = twins.folded_into[i];
        while let Some(j) = into {
            match twins.folded_into[j] {
                Some(k) => into = Some(k),
                None => {
                    out[j].folded += 1;
                    break;
                }
            }
        }
    }
    let mut i = 0;
    out.retain(|_| {
        let keep = twins.folded_into[i].is_none();
        i += 1;
        keep
    });
}

/// How far below its twin a memory that lacks the question's word is put.
const TWIN_MARGIN: f32 = 0.001;

/// What [`near_duplicates`] found, by index into the ranking.
struct Twins {
    /// For each memory, the newer near-duplicate it folds into (none of the question's words tells them apart).
    folded_into: Vec<Option<usize>>,
    /// (winner, loser): near-duplicates told apart by a word of the question that only the winner holds (or holds
    /// more of).
    outmatched: Vec<(usize, usize)>,
}

/// Finds every near-duplicate pair (`threshold` for folding, `twin_threshold` for a question's word deciding) and
/// decides it: two versions of one statement (the older folds into the newer),
/// two facts the question tells apart (`query_words`: [`word_set`] of the question), or two facts about different
/// subjects (left alone).
fn near_duplicates(ranked: &[Ranked], threshold: f32, twin_threshold: f32, query_words: &[u64]) -> Twins {
    let lowest = if query_words.is_empty() { threshold } else { threshold.min(twin_threshold) };
    // Superseded memories kept on request are history the caller asked for: never suppressed.
    let words: Vec<Vec<u64>> = ranked
        .iter()
        .map(|r| if r.breakdown.superseded < 0.0 { Vec::new() } else { word_set(&r.memory.content) })
        .collect();
    let sets = &words;
    // Global order: rarest words first, so prefixes hold rare words and common ones ("the", "stripe") rarely
    // make two memories candidates. Words become dense ids in that order, so sets compare as sorted integers.
    let mut df: HashMap<u64, u32, BuildHasherDefault<PreHashed>> = HashMap::default();
    for set in sets {
        for w in set {
            *df.entry(*w).or_default() += 1;
        }
    }
    let mut vocabulary: Vec<(u32, u64)> = df.iter().map(|(w, n)| (*n, *w)).collect();
    vocabulary.sort_unstable();
    let ids: HashMap<u64, u32, BuildHasherDefault<PreHashed>> =
        vocabulary.iter().enumerate().map(|(id, (_, w))| (*w, id as u32)).collect();
    let sets: Vec<Vec<u32>> = words
        .iter()
        .map(|set| {
            let mut v: Vec<u32> = set.iter().filter_map(|w| ids.get(w).copied()).collect();
            v.sort_unstable();
            v
        })
        .collect();
    let prefixes: Vec<&[u32]> =
        sets.iter().map(|set| &set[..if set.is_empty() { 0 } else { prefix_len(set.len(), lowest) }]).collect();
    // Posting lists of prefix words, flat (counting sort by word id); each list holds memory indices ascending.
    let mut starts = vec![0usize; vocabulary.len() + 1];
    for prefix in &prefixes {
        for &w in *prefix {
            starts[w as usize + 1] += 1;
        }
    }
    for k in 1..starts.len() {
        starts[k] += starts[k - 1];
    }
    let mut fill = starts.clone();
    let mut postings = vec![0usize; starts[vocabulary.len()]];
    for (i, prefix) in prefixes.iter().enumerate() {
        for &w in *prefix {
            postings[fill[w as usize]] = i;
            fill[w as usize] += 1;
        }
    }
    let mut twins = Twins { folded_into: vec![None; ranked.len()], outmatched: Vec::new() };
    // How many of the question's words `a` holds and `b` lacks (word sets are sorted: binary searches).
    let only = |a: usize, b: usize| {
        query_words.iter().filter(|w| words[a].binary_search(w).is_ok() && words[b].binary_search(w).is_err()).count()
    };
    // `stamp[j] == i + 1` marks j as already compared with i.
    let mut stamp = vec![0usize; ranked.len()];
    for (i, prefix) in prefixes.iter().enumerate() {
        for &w in *prefix {
            for &j in &postings[starts[w as usize]..starts[w as usize + 1]] {
                if j >= i {
                    break;
                }
                if stamp[j] == i + 1 {
                    continue;
                }
                stamp[j] = i + 1;
                let similarity = jaccard(&sets[i], &sets[j]);
                if similarity >= lowest {
                    let (only_i, only_j) = (only(i, j), only(j, i));
                    if only_i != only_j && similarity >= twin_threshold {
                        twins.outmatched.push(if only_i > only_j { (i, j) } else { (j, i) });
                    } else if only_i == 0
                        && only_j == 0
                        && similarity >= threshold
                        && !differ_in_subject(&ranked[i].memory, &ranked[j].memory, &words[i], &words[j])
                    {
                        let (newer, older) =
                            if is_newer(&ranked[i].memory, &ranked[j].memory) { (i, j) } else { (j, i) };
                        if twins.folded_into[older].is_none() {
                            twins.folded_into[older] = Some(newer);
                        }
                    }
                }
            }
        }
    }
    twins
}

/// A hasher for keys that are already hashes (the FNV-1a word hashes of [`word_set`]).
#[derive(Debug, Default)]
struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

fn is_newer(a: &Memory, b: &Memory) -> bool {
    (a.created_at, &a.id) > (b.created_at, &b.id)
}

fn prefix_len(len: usize, threshold: f32) -> usize {
    let need = (threshold.max(0.0) * len as f32).ceil() as usize;
    (len + 1).saturating_sub(need).clamp(1, len)
}

/// Jaccard similarity of two sorted, distinct word-id sets.
fn jaccard(a: &[u32], b: &[u32]) -> f32 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 { 0.0 } else { both as f32 / union as f32 }
}

/// The distinct lowercase words of a text (stop words dropped), hashed (FNV-1a) and sorted. No stemming: this runs
/// on every candidate of every ranking, and near-duplicates share their words verbatim anyway.
fn word_set(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut lower = String::new();
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if word.is_empty() {
            continue;
        }
        // ASCII words (nearly all) are lowercased on the fly; others go through Unicode lowercasing.
        let bytes: &[u8] = if word.is_ascii() {
            if word.len() <= 5 {
                lower.clear();
                lower.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                if analyze::is_stop_word(&lower) {
                    continue;
                }
            }
            word.as_bytes()
        } else {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            if analyze::is_stop_word(&lower) {
                continue;
            }
            lower.as_bytes()
        };
        out.push(hash_word(bytes));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// FNV-1a of a word's bytes, ASCII-lowercased (non-ASCII words arrive lowercased already).
fn hash_word(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Whether the words that tell `a` and `b` apart (`words_a`, `words_b`: their [`word_set`]s) include a subject of
/// either ([`subject_words`]). Runs only for pairs above the similarity threshold, so it may read the texts again.
fn differ_in_subject(a: &Memory, b: &Memory, words_a: &[u64], words_b: &[u64]) -> bool {
    let only_a: Vec<u64> = words_a.iter().filter(|w| words_b.binary_search(w).is_err()).copied().collect();
    let only_b: Vec<u64> = words_b.iter().filter(|w| words_a.binary_search(w).is_err()).copied().collect();
    let names_one = |m: &Memory, only: &[u64]| {
        !only.is_empty() && {
            let subjects = subject_words(m);
            only.iter().any(|w| subjects.binary_search(w).is_ok())
        }
    };
    names_one(a, &only_a) || names_one(b, &only_b)
}

/// Environments and platforms: the same sentence about another one of them is another fact.
const ENVIRONMENTS: &[&str] = &[
    "staging",
    "production",
    "prod",
    "dev",
    "development",
    "test",
    "testing",
    "qa",
    "uat",
    "sandbox",
    "local",
    "preview",
    "canary",
    "ios",
    "android",
    "web",
    "desktop",
    "mobile",
    "windows",
    "linux",
    "macos",
    "frontend",
    "backend",
    "client",
    "server",
];

/// Prepositions whose object names what a sentence is about ("the pool in auth", "the key for billing").
const PREPOSITIONS: &[&str] = &[
    "in", "on", "for", "from", "to", "at", "of", "via", "by", "with", "into", "inside", "under", "behind", "across",
    "per", "between",
];

/// Words that may stand between a preposition and its object ("in the auth service").
const DETERMINERS: &[&str] = &["the", "a", "an", "our", "their", "its", "this", "that", "each", "every", "all"];

/// The words of a memory that name what it is about rather than say something about it, hashed like
/// [`word_set`], sorted: a word written capitalised inside a sentence or in mixed case (Kafka, PostgreSQL, iOS); a
/// part of a path, identifier, dotted name or URL (`secret/staging/db`, `auth-service`); a word of its topics or
/// files; an environment or platform ([`ENVIRONMENTS`]); the object of a preposition ("in auth", "for the
/// billing"). Numbers never are: "raised to 40" and "raised to 60" are two versions of one setting, and the newer
/// wins. Verbs and adverbs a rewording changes ("kept" / "stored", "usually" / "always") are none of these.
pub fn subject_words(m: &Memory) -> Vec<u64> {
    let mut out = Vec::new();
    let mut push = |word: &str| {
        if !word.is_empty() && !word.bytes().all(|b| b.is_ascii_digit()) {
            out.push(hash_word(word.to_lowercase().as_bytes()));
        }
    };
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    let mut sentence_start = true;
    // The last two plain words, lowercase: a preposition, maybe followed by a determiner.
    let (mut before_last, mut last) = (String::new(), String::new());
    for token in m.content.split_whitespace() {
        let core = token.trim_matches(|c: char| !is_word_char(c));
        let compound = core.contains(|c: char| !is_word_char(c));
        let lower = core.to_lowercase();
        let after_preposition = PREPOSITIONS.contains(&last.as_str())
            || (DETERMINERS.contains(&last.as_str()) && PREPOSITIONS.contains(&before_last.as_str()));
        for (k, word) in core.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).enumerate() {
            let mut chars = word.chars();
            let first_upper = chars.next().is_some_and(char::is_uppercase);
            let inner_upper = chars.any(char::is_uppercase);
            let named = inner_upper || (first_upper && !(sentence_start && k == 0));
            let lower_word = word.to_lowercase();
            if compound || named || ENVIRONMENTS.contains(&lower_word.as_str()) || (k == 0 && after_preposition) {
                push(word);
            }
        }
        if !core.is_empty() && !compound {
            before_last = std::mem::replace(&mut last, lower);
        } else if !core.is_empty() {
            (before_last, last) = (String::new(), String::new());
        }
        sentence_start = token.ends_with(['.', '!', '?']);
    }
    for topic in &m.topics {
        topic.split(|c: char| !is_word_char(c)).for_each(&mut push);
    }
    for file in &m.files {
        file.split(|c: char| !is_word_char(c)).for_each(&mut push);
    }
    out.sort_unstable();
    out.dedup();
    out
}
