//! Kind inference: when a caller gives no kind, choose one from the text with transparent rules, and say which rule
//! fired so the caller can report "kind inferred: decision (\"decided\")".
//!
//! # How it decides
//!
//! Every kind has a list of *cues*: short phrases matched case-insensitively on word boundaries (see [`CUES`]). Each
//! cue carries a weight:
//!
//! - **4, strong**: the phrase names the kind outright ("root cause", "ruled out", "end of session", "gotcha").
//! - **2-3, medium**: a typical phrasing of the kind ("instead of", "must", "always", "fixed by", "implemented").
//! - **1, weak**: a word that leans towards the kind but shows up everywhere ("error", "added", "limit").
//!
//! A kind's score is the sum of the weights of its cues found in the text (each cue counts once, however often it
//! occurs). The kind with the highest score wins, if that score reaches [`MIN_SCORE`]; otherwise the memory is a
//! `note`. Equal scores are broken by [`TIE_ORDER`]. The reported rule names the winning cues, strongest first, and
//! the runner-up when there was one, e.g. `"end of session" + "next:" + "implemented" → progress (10 vs gotcha 3)`.
//!
//! Scoring instead of "first rule wins" is what lets a session summary that mentions a known issue stay `progress`
//! while a one-line known issue is a `gotcha`.
//!
//! # Speed
//!
//! Inference runs on every write. All cues are compiled once into a single forward lazy DFA, so the text is scanned in
//! one pass with no per-cue allocation; only the winning rule's description is formatted.
//!
//! Compiling the cues is most of the cost of a one-shot `mx memories create` process, so only what the question
//! "which cues occur?" needs is built: the forward NFA and a lazy DFA over it. A [`regex::RegexSet`] would also build
//! a reverse NFA, literal prefilters and other engines for finding match positions, which inference never asks for
//! (the first call in a fresh process took about 14 ms, now 4-5 ms: `first_call_in_fresh_process` in
//! `core/benches/redact_infer.rs`). Matching semantics are those of `RegexSet`: the same parser, the same NFA,
//! overlapping "all matches" search.

use std::sync::LazyLock;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::pikevm::PikeVM;
use regex_automata::nfa::thompson::{self, NFA};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind, PatternSet};
use serde::Serialize;

use crate::kind::Kind;

/// The inferred kind and the rule that chose it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inference {
    pub kind: Kind,
    /// Human-readable rule, e.g. `"decided" → decision`.
    pub rule: String,
}

/// A kind needs at least this score to be inferred: one weak cue ("added", "error") is not enough to move a memory
/// out of `note`.
pub const MIN_SCORE: u32 = 2;

/// Breaks ties between equal scores, most specific first. Ruled-out and debugging describe what happened and are
/// the most specific; progress comes last because its weak cues ("implemented", "added") appear incidentally in
/// memories of every kind, and its strong cues ("Next:", "end of session") win on score anyway.
pub const TIE_ORDER: [Kind; 7] =
    [Kind::RuledOut, Kind::Debugging, Kind::Decision, Kind::Gotcha, Kind::Constraint, Kind::Convention, Kind::Progress];

/// One cue: the label shown in the rule, the kind it points to, its weight, and its pattern.
///
/// Patterns are case-insensitive; `\b` is an ASCII word boundary (so the scan stays on the fast DFA path even for text
/// with em dashes or accents). `[^.\n]` gaps keep a two-part cue ("tried … didn't work") inside one sentence.
#[derive(Debug)]
pub struct Cue {
    pub label: &'static str,
    pub kind: Kind,
    pub weight: u32,
    pub pattern: &'static str,
}

const fn cue(label: &'static str, kind: Kind, weight: u32, pattern: &'static str) -> Cue {
    Cue { label, kind, weight, pattern }
}

use Kind::{Constraint, Convention, Debugging, Decision, Gotcha, Progress, RuledOut};

/// Every cue, grouped by kind. This table is the whole rule set: to change inference, change it here and add a case
/// to `core/tests/infer.rs`.
pub static CUES: &[Cue] = &[
    // ── decision: a choice and (often) its reason
    cue("decided", Decision, 4, r"\b(?:decided|decision)\b"),
    cue(
        "we use X, not Y",
        Decision,
        4,
        r"\bwe(?: now)? (?:use|chose|picked|went with|are using|'re using|settled on|standardi[sz]ed on)\b[^.\n]{1,100}?(?:,\s*not\b|\brather than\b|\binstead of\b|\bover\b)",
    ),
    cue("instead of", Decision, 3, r"\binstead of\b"),
    cue("chose", Decision, 3, r"\b(?:chose|chosen|choosing)\b"),
    cue("going with", Decision, 3, r"\b(?:going|went|go) with\b"),
    cue("settled on", Decision, 3, r"\b(?:settled on|opted (?:for|to)|in favou?r of|switched (?:from|to)|picked)\b"),
    cue("ADR", Decision, 3, r"\bADR\b"),
    cue("rather than", Decision, 2, r"\brather than\b"),
    cue("trade-off", Decision, 1, r"\btrade-?offs?\b"),
    cue("because", Decision, 1, r"\b(?:because|so that)\b"),
    // ── ruled-out: an approach tried or considered and dropped, with why
    cue("ruled out", RuledOut, 4, r"\brul(?:ed|e|ing) out\b"),
    cue("decided against", RuledOut, 5, r"\bdecided (?:against|not to)\b"),
    cue(
        "tried … didn't work",
        RuledOut,
        4,
        r"\b(?:tried|trying|attempted|experimented with)\b[^.\n]{0,120}?(?:\b(?:didn't|did not|doesn't|does not|wasn't|was not|won't|couldn't|failed|fails)\b|\bno luck\b|\btoo (?:slow|heavy|complex|flaky)\b)",
    ),
    cue("rejected", RuledOut, 4, r"\b(?:rejected|abandoned|dead end|gave up on|dropped the idea)\b"),
    cue("doesn't work because", RuledOut, 3, r"\b(?:doesn't|does not|didn't|did not|won't|will not) work\b"),
    cue("not viable", RuledOut, 3, r"\b(?:not viable|not an option|no-go|non-starter|not worth it)\b"),
    cue("considered", RuledOut, 1, r"\b(?:considered|evaluated)\b"),
    // ── constraint: a hard rule imposed from outside (platform, law, client, budget)
    cue("must not", Constraint, 4, r"\b(?:must not|mustn't|may not|not allowed|forbidden|prohibited)\b"),
    cue("only … allowed", Constraint, 4, r"\bonly\b[^\n]{0,60}?\b(?:allowed|permitted|supported)\b"),
    cue("constraint", Constraint, 4, r"\b(?:constraints?|hard limit|hard requirement)\b"),
    cue("must", Constraint, 3, r"\b(?:must|mandatory|shall)\b"),
    cue("never", Constraint, 2, r"\bnever\b"),
    cue("required", Constraint, 2, r"\b(?:required|requires|requirement)\b"),
    cue("cannot", Constraint, 2, r"\b(?:cannot|can't|can not|unable to)\b"),
    cue("limit", Constraint, 1, r"\b(?:limits?|limited|at most|maximum|no more than|quota)\b"),
    cue("compliance", Constraint, 2, r"\b(?:compliance|PCI|GDPR|HIPAA|SOC ?2|SLA)\b"),
    cue(
        "backwards compatible",
        Constraint,
        2,
        r"\b(?:backwards?[- ]compatib(?:le|ility)|break existing|breaking changes?)\b",
    ),
    cue("has to", Constraint, 1, r"\b(?:has to|have to|needs to stay|must stay)\b"),
    // ── convention: how this codebase does things by agreement
    cue(
        "convention",
        Convention,
        4,
        r"\b(?:conventions?|conventional|by convention|code style|style guide)\b|\bstyle:",
    ),
    cue("naming", Convention, 3, r"\b(?:naming|we name|are named|is named|named after)\b"),
    cue("always", Convention, 2, r"\balways\b"),
    cue("prefer", Convention, 2, r"\b(?:prefer|prefers|preferred)\b"),
    cue("camelCase", Convention, 2, r"\b(?:camelCase|snake_case|kebab-case|PascalCase|SCREAMING_SNAKE_CASE)\b"),
    cue(
        "lowercase",
        Convention,
        2,
        r"\b(?:lower-?case|upper-?case|capitali[sz]ed|title case|no trailing|trailing (?:period|slash|comma|newline))\b",
    ),
    cue("prefix", Convention, 1, r"\b(?:prefix(?:ed)?|suffix(?:ed)?)\b"),
    cue("consistently", Convention, 1, r"\b(?:consistent(?:ly)?|in this (?:repo|codebase|project))\b"),
    cue("lint", Convention, 1, r"\b(?:lint(?:er|ing)?|eslint|clippy|rustfmt|prettier)\b"),
    // ── debugging: what went wrong and why
    cue("root cause", Debugging, 4, r"\broot[- ]caus(?:e|ed)\b"),
    cue("the bug was", Debugging, 4, r"\bthe (?:bug|issue|problem|crash|failure|culprit) (?:was|is|turned out)\b"),
    cue("fixed by", Debugging, 3, r"\b(?:fixed (?:it )?by|the fix (?:was|is)|fix:)"),
    cue("stack trace", Debugging, 3, r"\b(?:stack ?trace|traceback|backtrace)\b"),
    cue("caused by", Debugging, 3, r"\b(?:caused by|was causing|is causing|causes the)\b"),
    cue("turned out", Debugging, 2, r"\bturn(?:ed|s) out\b"),
    cue("debugged", Debugging, 2, r"\b(?:debug(?:ged|ging)?|bisect(?:ed|ing)?|repro(?:duce[sd]?|duction)?)\b"),
    cue(
        "race condition",
        Debugging,
        2,
        r"\b(?:race condition|deadlock|memory leak|off-by-one|null pointer|segfault|OOM|stack overflow|flaky)\b",
    ),
    cue("error", Debugging, 1, r"\b(?:errors?|exceptions?|crash(?:ed|es)?|panic(?:ked|s)?|bug|regression)\b"),
    // ── gotcha: a trap for the next person
    cue("gotcha", Gotcha, 4, r"\b(?:gotchas?|footguns?|pitfalls?)\b"),
    cue("watch out", Gotcha, 4, r"\b(?:watch out|beware|heads[- ]up)\b"),
    cue("known issue", Gotcha, 3, r"\bknown (?:issue|bug|problem|limitation)s?\b"),
    cue("careful", Gotcha, 3, r"\b(?:careful|caveat|quirk)\b"),
    cue("surprisingly", Gotcha, 3, r"\b(?:surprising(?:ly)?|counter-?intuitive(?:ly)?|unexpected(?:ly)?)\b"),
    cue("trap", Gotcha, 3, r"\btraps?\b"),
    cue("silently", Gotcha, 2, r"\bsilently\b"),
    cue("don't forget", Gotcha, 2, r"\b(?:don't forget|do not forget|remember to|note that|make sure to)\b"),
    // ── progress: where the work stands
    cue("end of session", Progress, 4, r"\b(?:end of (?:the )?session|session (?:summary|end|wrap-up)|wrapping up)\b"),
    cue("next:", Progress, 4, r"\bnext(?: steps?| up)?:"),
    cue("in progress", Progress, 3, r"\b(?:in[- ]progress|WIP|work in progress|halfway)\b"),
    cue("blocked on", Progress, 3, r"\bblocked (?:on|by)\b"),
    cue("done:", Progress, 3, r"\b(?:done|status|remaining|todo|progress):"),
    cue("TODO", Progress, 2, r"\bTODO\b"),
    cue("implemented", Progress, 2, r"\b(?:implemented|finished|completed|shipped|merged|landed)\b"),
    cue("still need to", Progress, 2, r"\b(?:still need(?:s)? to|left to do|next step|working on|started on)\b"),
    cue("added", Progress, 1, r"\b(?:added|wrote|refactored|migrated|so far)\b"),
];

/// All cue patterns compiled into one automaton, so one scan of the text finds every cue.
#[derive(Debug)]
struct CueMatcher {
    /// Finds every cue in one forward pass; its states are built on demand and cached per thread of use.
    dfa: DFA,
    /// The exact fallback if the lazy DFA ever stops (it cannot with ASCII-only word boundaries and no give-up
    /// limit, but a wrong kind must never come from an engine error).
    pikevm: PikeVM,
}

static CUES_COMPILED: LazyLock<CueMatcher> = LazyLock::new(|| {
    let patterns: Vec<String> = CUES.iter().map(|c| format!("(?i){}", c.pattern.replace(r"\b", r"(?-u:\b)"))).collect();
    // The patterns are constants checked by the unit test below; a typo is a programming error, not input.
    #[allow(clippy::expect_used)]
    let nfa: NFA =
        thompson::Compiler::new().build_many(&patterns).expect("kind-inference cue patterns are valid regexes");
    #[allow(clippy::expect_used)]
    let dfa = DFA::builder()
        .configure(DFA::config().match_kind(MatchKind::All))
        .build_from_nfa(nfa.clone())
        .expect("kind-inference cues fit a lazy DFA (ASCII word boundaries only)");
    #[allow(clippy::expect_used)]
    let pikevm = PikeVM::new_from_nfa(nfa).expect("kind-inference cues fit a PikeVM");
    CueMatcher { dfa, pikevm }
});

/// Lazy DFA caches (the states built so far), one per concurrent caller, reused across calls.
static CUE_CACHES: LazyLock<Pool<Cache>> = LazyLock::new(|| Pool::new(|| CUES_COMPILED.dfa.create_cache()));

/// The indexes (into [`CUES`]) of every cue that occurs in the text.
fn matched_cues(text: &str) -> PatternSet {
    let matcher = &*CUES_COMPILED;
    let input = Input::new(text);
    let mut matched = PatternSet::new(CUES.len());
    if matcher.dfa.try_which_overlapping_matches(&mut CUE_CACHES.get(), &input, &mut matched).is_err() {
        matched.clear();
        matcher.pikevm.which_overlapping_matches(&mut matcher.pikevm.create_cache(), &input, &mut matched);
    }
    matched
}

/// Infers a kind from the text, with the rule that chose it.
pub fn infer_kind(text: &str) -> Inference {
    let matched = matched_cues(text);
    let mut scores = [0u32; TIE_ORDER.len()];
    for index in matched.iter() {
        let cue = &CUES[index.as_usize()];
        if let Some(slot) = TIE_ORDER.iter().position(|k| *k == cue.kind) {
            scores[slot] += cue.weight;
        }
    }

    // Highest score wins; iterating TIE_ORDER and keeping only strictly greater scores breaks ties by that order.
    let mut best = 0usize;
    for slot in 1..scores.len() {
        if scores[slot] > scores[best] {
            best = slot;
        }
    }
    let runner_up = (0..scores.len())
        .filter(|&slot| slot != best && scores[slot] > 0)
        .max_by(|&a, &b| scores[a].cmp(&scores[b]).then(b.cmp(&a)));

    let winner_cues = |kind: Kind| {
        let mut cues: Vec<&Cue> = matched.iter().map(|i| &CUES[i.as_usize()]).filter(|c| c.kind == kind).collect();
        cues.sort_by_key(|c| std::cmp::Reverse(c.weight));
        cues.iter().take(3).map(|c| format!("\"{}\"", c.label)).collect::<Vec<_>>().join(" + ")
    };

    if scores[best] < MIN_SCORE {
        let rule = if scores[best] == 0 {
            "no rule matched → note".to_owned()
        } else {
            format!("only weak cues ({}) → note", winner_cues(TIE_ORDER[best]))
        };
        return Inference { kind: Kind::Note, rule };
    }

    let kind = TIE_ORDER[best];
    let mut rule = format!("{} → {kind}", winner_cues(kind));
    if let Some(other) = runner_up {
        rule.push_str(&format!(" ({} vs {} {})", scores[best], TIE_ORDER[other], scores[other]));
    }
    Inference { kind, rule }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cue_compiles_and_every_kind_but_note_has_cues() {
        assert_eq!(CUES_COMPILED.dfa.pattern_len(), CUES.len());
        for kind in TIE_ORDER {
            assert!(CUES.iter().any(|c| c.kind == kind), "{kind} has no cue");
        }
    }

    /// The lazy DFA finds exactly the cues a `regex::RegexSet` of the same patterns finds (what inference used before
    /// it built only the forward automaton), on realistic memories, both redaction corpora and Unicode case variants.
    #[test]
    fn finds_the_same_cues_as_a_regex_set() {
        #[allow(clippy::expect_used)]
        let set = regex::RegexSet::new(CUES.iter().map(|c| format!("(?i){}", c.pattern.replace(r"\b", r"(?-u:\b)"))))
            .expect("valid patterns");
        #[allow(clippy::expect_used)]
        let memories: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../tests/fixtures/memories.json")).expect("fixture is JSON");
        let mut texts: Vec<String> = memories.iter().filter_map(|m| m["content"].as_str()).map(str::to_owned).collect();
        for corpus in [
            include_str!("../tests/fixtures/redact/positives.txt"),
            include_str!("../tests/fixtures/redact/negatives.txt"),
        ] {
            texts.extend(corpus.lines().map(str::to_owned));
            texts.push(corpus.to_owned());
        }
        // KELVIN SIGN and LONG S fold to k and s under Unicode case-insensitivity; an em dash is three bytes in a gap.
        texts.extend(
            [
                "we \u{17F}ettled on Postgres — rather than MySQL",
                "\u{212A}nown issue: the cache",
                "Tried ſharding; it didn't work",
            ]
            .map(str::to_owned),
        );
        let mut cues_seen = std::collections::BTreeSet::new();
        for text in &texts {
            let expected: Vec<usize> = set.matches(text).iter().collect();
            let found: Vec<usize> = matched_cues(text).iter().map(|p| p.as_usize()).collect();
            assert_eq!(found, expected, "{text}");
            cues_seen.extend(found);
        }
        assert!(cues_seen.len() >= 30, "the texts exercise many different cues ({})", cues_seen.len());
    }
}
