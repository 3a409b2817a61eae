//! Ranking: combines the lexical score of each candidate with topic, conversation and project match, kind,
//! importance and recency, drops superseded memories unless asked, and suppresses near-duplicates. Every result
//! carries a [`ScoreBreakdown`] whose signals add up to its score (`--explain`).
//!
//! The score of a memory `m` for a context `ctx` is a weighted sum of signals, each in `0..=1`:
//!
//! | signal | value | default weight |
//! |---|---|---|
//! | lexical | BM25 of `m` ÷ the best BM25 among the candidates (0 without a query) | 1.0 |
//! | topic | share of the asked topics `m` carries; without explicit topics, 1 when the query names one of `m`'s topics whole, else the share of the query's terms that are one of `m`'s topics | 0.3 |
//! | conversation | 1 when `m` belongs to the caller's conversation | 0.15 |
//! | project | 1 when `m` belongs to the caller's project; a global memory gets 0, so it loses ties to project ones | 0.1 |
//! | kind | [`kind_factor`]: constraints and decisions 1, conventions 0.9 … notes 0.3; when the question asks for kinds ([`crate::intent::kinds_asked`]: "what bugs…", "how does she prefer…"), 1 for those kinds and 0 for others, weighted by [`Weights::intent`] | 0.15 |
//! | importance | `m.importance` | 0.2 |
//! | recency | `0.5 ^ (age / half_life(kind))` ([`half_life_days`]: progress 14 days … conventions 365) | 0.25 |
//! | superseded | −1 when `m` is superseded and superseded memories were asked for, so the newer statement wins | 1.0 |
//!
//! Lexical relevance dominates when there is a query (its weight equals all the others' together, roughly), and
//! the other signals order memories of similar relevance. Without a query, kind, importance and recency decide.
//!
//! After scoring, near-duplicates are decided by [`crate::fold`]: two statements of one fact fold into the newer
//! (which counts what it stands for in [`Ranked::folded`]); two facts stay, and when a word of the question tells
//! them apart the one holding it ranks first whatever their dates (the [`ScoreBreakdown::twin`] signal). With
//! superseded memories included nothing is folded: every memory shows.
//! Ties are broken deterministically: newer first, then by id (descending).

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::MemoryId;
use crate::analyze;
use crate::model::{Kind, Memory, State};

/// A memory with its lexical score from the store's BM25 (or [`crate::bm25`]). 0 when there was no query.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub memory: Memory,
    pub lexical: f32,
}

/// How to rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RankingMode {
    /// Every signal.
    #[default]
    Full,
    /// Lexical score only: the baseline `mx eval retrieval --ranking bm25` compares against. Superseded memories
    /// are still left out (that is a filter, not a signal); near-duplicates are kept.
    Bm25,
}

/// The weight of each signal; see the module documentation for the formulas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Lexical relevance (BM25 normalised by the best candidate's): 1.0.
    pub lexical: f32,
    /// Topic match: 0.3.
    pub topic: f32,
    /// Same conversation as the caller: 0.15.
    pub conversation: f32,
    /// Same project as the caller (global memories get nothing): 0.1.
    pub project: f32,
    /// Kind, scaled by [`kind_factor`]: 0.15.
    pub kind: f32,
    /// Importance (0..1 as stored): 0.2.
    pub importance: f32,
    /// Recency with a kind-dependent half-life: 0.25.
    pub recency: f32,
    /// Kind asked for by the question ([`crate::intent::kinds_asked`]): 0.2, replacing the kind signal when
    /// [`QueryContext::kinds_asked`] is set.
    pub intent: f32,
    /// Taken off a superseded memory when superseded memories are included: 1.0.
    pub superseded: f32,
    /// Jaccard similarity of two memories' word sets (lowercase words, stop words dropped) at or above which the
    /// older one is dropped as a near-duplicate: 0.7. Rewordings of one fact ("Added Redis store for processed
    /// keys, 24h TTL" twice with a word changed) land above it; two different facts about the same topic share far
    /// fewer words. Values above 1 turn suppression off.
    pub near_duplicate: f32,
    /// Jaccard similarity at or above which a word of the question that only one of two memories holds puts that
    /// one first ([`crate::fold`]): 0.7, as for folding. A lower value also catches the same sentence about another
    /// subject when its label or a number differs too (0.5 puts `eval/templated`'s last question at rank 1; the
    /// hand-written eval sets give identical tables from 0.4 to 0.7), but it compares many more pairs: on the
    /// templated set the debug eval's search p50 went from ~78 to ~120 ms, so it waits for a release measurement.
    pub twin: f32,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            lexical: 1.0,
            topic: 0.3,
            conversation: 0.15,
            project: 0.1,
            kind: 0.15,
            importance: 0.2,
            recency: 0.25,
            intent: 0.2,
            superseded: 1.0,
            near_duplicate: 0.7,
            twin: 0.7,
        }
    }
}

impl Weights {
    /// Weights for "where things stand" (no query): what holds (kind), what matters (importance) and what is fresh
    /// (recency) decide together.
    pub fn standing() -> Self {
        Self { kind: 0.4, importance: 0.3, recency: 0.3, ..Self::default() }
    }
}

/// How much a kind counts, 0..1: what constrains future work (constraints, decisions, conventions) outranks what
/// documents the past (debugging, progress) and loose notes.
pub fn kind_factor(kind: Kind) -> f32 {
    match kind {
        Kind::Constraint | Kind::Decision => 1.0,
        Kind::Convention => 0.9,
        Kind::Gotcha => 0.8,
        Kind::RuledOut => 0.7,
        Kind::Debugging | Kind::Progress => 0.6,
        Kind::Note => 0.3,
    }
}

/// Recency half-life per kind, in days: where work stands goes stale in weeks, a bug story in months, decisions in
/// half a year, constraints and conventions in a year.
pub fn half_life_days(kind: Kind) -> f64 {
    match kind {
        Kind::Progress => 14.0,
        Kind::Note => 30.0,
        Kind::Debugging | Kind::Gotcha => 60.0,
        Kind::Decision | Kind::RuledOut => 180.0,
        Kind::Constraint | Kind::Convention => 365.0,
    }
}

/// Recency signal, 0..1: `0.5 ^ (age_days / half_life_days(kind))`; a memory from the future counts as new.
pub fn recency(memory: &Memory, now: Timestamp) -> f32 {
    let at = memory.created_at.max(memory.updated_at);
    let age_days = (now.as_millisecond() - at.as_millisecond()).max(0) as f64 / 86_400_000.0;
    0.5f64.powf(age_days / half_life_days(memory.kind)) as f32
}

/// What the ranking knows about the question being asked.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryContext {
    /// The query text, if any.
    pub query: Option<String>,
    /// "Now" for recency (the eval passes the question's `askedAt`).
    pub now: Timestamp,
    /// The caller's project; memories of it (and global ones) are preferred.
    pub project: Option<String>,
    /// The caller's current conversation.
    pub conversation_id: Option<String>,
    /// Topics the caller asked about (normalised).
    pub topics: Vec<String>,
    /// Keep superseded memories in the results (they are ranked below what superseded them).
    pub include_superseded: bool,
    /// Cut the result list after this many.
    pub limit: Option<usize>,
    pub mode: RankingMode,
    /// Signal weights; [`Weights::default`] unless a caller tunes them.
    pub weights: Weights,
    /// Kinds the question asks for ([`crate::intent::kinds_asked`]); when set, the kind signal is
    /// [`Weights::intent`] for memories of these kinds and 0 for others.
    pub kinds_asked: Vec<Kind>,
    /// How the candidates fared in the assistant sessions they were injected into ([`crate::usage::rank_factor`]);
    /// empty = no evidence, no effect.
    pub usage: crate::usage::UsageMap,
}

impl QueryContext {
    pub fn new(now: Timestamp) -> Self {
        Self {
            query: None,
            now,
            project: None,
            conversation_id: None,
            topics: Vec::new(),
            include_superseded: false,
            limit: None,
            mode: RankingMode::Full,
            weights: Weights::default(),
            kinds_asked: Vec::new(),
            usage: crate::usage::UsageMap::new(),
        }
    }
}

/// Per-signal contributions (weight × signal); they add up to `total`, the final score.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreBreakdown {
    #[serde(serialize_with = "round3")]
    pub lexical: f32,
    #[serde(serialize_with = "round3")]
    pub topic: f32,
    #[serde(serialize_with = "round3")]
    pub conversation: f32,
    #[serde(serialize_with = "round3")]
    pub project: f32,
    #[serde(serialize_with = "round3")]
    pub kind: f32,
    #[serde(serialize_with = "round3")]
    pub importance: f32,
    #[serde(serialize_with = "round3")]
    pub recency: f32,
    /// Negative when a superseded memory was kept on request.
    #[serde(default, serialize_with = "round3")]
    pub superseded: f32,
    /// Negative when a near-twin of this memory holds a word of the question that this one lacks and this one
    /// would otherwise rank above it: just enough to take it below the twin.
    #[serde(default, skip_serializing_if = "is_zero", serialize_with = "round3")]
    pub twin: f32,
    /// Negative when the memory's anchored code moved and its kind makes that matter
    /// ([`crate::staleness::rank_factor`]): the share of the other signals it loses.
    #[serde(default, skip_serializing_if = "is_zero", serialize_with = "round3")]
    pub stale: f32,
    /// The share of the score usage adds (used in most sessions it was injected into) or takes (injected often,
    /// never used): [`crate::usage::rank_factor`].
    #[serde(default, skip_serializing_if = "is_zero", serialize_with = "round3")]
    pub usage: f32,
    /// Negative when other memories of the same conversation rank above this one and the question is diversified
    /// across conversations ([`crate::search`], [`crate::tuning::Tuning::diversify`]).
    #[serde(default, skip_serializing_if = "is_zero", serialize_with = "round3")]
    pub diversity: f32,
    /// Shown as [`display_score`], like the result's score.
    #[serde(serialize_with = "serialize_score")]
    pub total: f32,
}

/// A ranked memory.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranked {
    pub memory: Memory,
    /// Serialised as [`display_score`]; the order of results is what carries the ranking.
    #[serde(serialize_with = "serialize_score")]
    pub score: f32,
    pub breakdown: ScoreBreakdown,
    /// How many near-duplicates (older statements of the same thing) were folded into this result and left out.
    #[serde(skip_serializing_if = "is_zero_count")]
    pub folded: usize,
    /// A near-twin that holds a word of the question this memory lacks (it ranks above this one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outmatched_by: Option<MemoryId>,
}

/// A score as people and programs read it: three decimals (an `f32` sum prints as `1.5499998`, noise that says
/// nothing) and never below 0 (a superseded memory kept on request sinks below what replaced it, which its place
/// in the list already says; a negative score reads as an error).
pub fn display_score(score: f32) -> f64 {
    round3_f64(score.max(0.0))
}

fn round3_f64(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

fn serialize_score<S: serde::Serializer>(score: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(display_score(*score))
}

/// Breakdown signals to three decimals, sign kept: they explain the order, penalties included.
fn round3<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round3_f64(*x))
}

fn is_zero(x: &f32) -> bool {
    *x == 0.0
}

fn is_zero_count(n: &usize) -> bool {
    *n == 0
}

/// Near-duplicates are looked for among the best `3 × limit + FOLD_MARGIN` memories of a ranking with a limit.
const FOLD_MARGIN: usize = 20;

/// Orders candidates, best first: filters superseded memories (unless asked), scores every signal, suppresses
/// near-duplicates, sorts, then cuts at `ctx.limit`.
pub fn rank(candidates: Vec<Candidate>, ctx: &QueryContext) -> Vec<Ranked> {
    // A memory counts as superseded when its state says so, or when another candidate names it in `supersedes`
    // (plain lists from JS or files may not carry the derived state).
    let superseded_ids: HashSet<&str> =
        candidates.iter().filter_map(|c| c.memory.supersedes.as_ref()).map(|id| id.as_str()).collect();
    let is_superseded: Vec<bool> = candidates
        .iter()
        .map(|c| c.memory.state == State::Superseded || superseded_ids.contains(c.memory.id.as_str()))
        .collect();
    drop(superseded_ids);

    let keep: Vec<(Candidate, bool)> = candidates
        .into_iter()
        .zip(is_superseded)
        .filter(|(_, superseded)| ctx.include_superseded || !superseded)
        .collect();

    let max_lexical = keep.iter().map(|(c, _)| c.lexical).fold(0f32, f32::max);
    let normalise = |lexical: f32| {
        if max_lexical > 0.0 { (lexical.max(0.0) / max_lexical).min(1.0) } else { 0.0 }
    };

    let mut out: Vec<Ranked> = match ctx.mode {
        RankingMode::Bm25 => keep
            .into_iter()
            .map(|(c, _)| {
                let lexical = normalise(c.lexical);
                let breakdown = ScoreBreakdown { lexical, total: lexical, ..Default::default() };
                Ranked { memory: c.memory, score: lexical, breakdown, folded: 0, outmatched_by: None }
            })
            .collect(),
        RankingMode::Full => {
            let query_topic_terms = query_topic_terms(ctx);
            let mut topic_cache = HashMap::new();
            let w = &ctx.weights;
            keep.into_iter()
                .map(|(c, superseded)| {
                    let m = &c.memory;
                    let mut b = ScoreBreakdown {
                        lexical: w.lexical * normalise(c.lexical),
                        topic: w.topic * topic_signal(m, ctx, &query_topic_terms, &mut topic_cache),
                        conversation: w.conversation
                            * flag(ctx.conversation_id.as_deref() == Some(m.conversation_id.as_str())),
                        project: w.project * flag(ctx.project.is_some() && ctx.project == m.project),
                        kind: if ctx.kinds_asked.is_empty() {
                            w.kind * kind_factor(m.kind)
                        } else {
                            w.intent * flag(ctx.kinds_asked.contains(&m.kind))
                        },
                        importance: w.importance * m.importance.clamp(0.0, 1.0) as f32,
                        recency: w.recency * recency(m, ctx.now),
                        superseded: if superseded { -w.superseded } else { 0.0 },
                        twin: 0.0,
                        stale: 0.0,
                        usage: 0.0,
                        diversity: 0.0,
                        total: 0.0,
                    };
                    b.total = b.lexical
                        + b.topic
                        + b.conversation
                        + b.project
                        + b.kind
                        + b.importance
                        + b.recency
                        + b.superseded;
                    // Staleness (separate from the weights above): scales the whole score by kind.
                    let stale_factor = crate::staleness::rank_factor(m.kind, m.stale.as_ref());
                    if stale_factor < 1.0 && b.total > 0.0 {
                        b.stale = (stale_factor - 1.0) * b.total;
                        b.total += b.stale;
                    }
                    // Usage, the same way: a gentle factor on what relevance and the rest gave.
                    if let Some(&uses) = ctx.usage.get(m.id.as_str()) {
                        let factor = crate::usage::rank_factor(uses);
                        if factor != 1.0 && b.total > 0.0 {
                            b.usage = (factor - 1.0) * b.total;
                            b.total += b.usage;
                        }
                    }
                    Ranked { memory: c.memory, score: b.total, breakdown: b, folded: 0, outmatched_by: None }
                })
                .collect()
        }
    };

    if ctx.mode == RankingMode::Full {
        // Near-duplicates are looked for where they can change the answer: the top of the ranking, with room for
        // what folds away. Comparing every candidate costs the most of a search over long turns and changes
        // nothing below the cut.
        match ctx.limit.map(|limit| limit.saturating_mul(3).saturating_add(FOLD_MARGIN)) {
            Some(top) if top < out.len() => {
                out.sort_by(compare);
                let rest = out.split_off(top);
                crate::fold::fold(&mut out, ctx);
                out.extend(rest);
            }
            _ => crate::fold::fold(&mut out, ctx),
        }
    }

    out.sort_by(compare);
    if let Some(limit) = ctx.limit {
        out.truncate(limit);
    }
    out
}

/// Best first; ties: newer first, then id descending. Deterministic for any input order.
pub fn compare(a: &Ranked, b: &Ranked) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then_with(|| b.memory.created_at.cmp(&a.memory.created_at))
        .then_with(|| b.memory.id.cmp(&a.memory.id))
}

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

/// The stemmed query terms, used to match topics when no explicit topics were asked for.
fn query_topic_terms(ctx: &QueryContext) -> Vec<String> {
    match (&ctx.query, ctx.topics.is_empty()) {
        (Some(q), true) => analyze::query_terms(q),
        _ => Vec::new(),
    }
}

/// Topic signal, 0..1: the share of the asked topics the memory carries. Without asked topics: 1 when the query
/// names one of the memory's topics whole ("what does the ecommerce-api use", topic `ecommerce-api`; "payment
/// retries", topic `payments`), else the share of query terms that are one of its topics' terms.
fn topic_signal(
    m: &Memory,
    ctx: &QueryContext,
    query_terms: &[String],
    cache: &mut HashMap<String, Vec<String>>,
) -> f32 {
    if !ctx.topics.is_empty() {
        let hits = ctx.topics.iter().filter(|t| m.topics.iter().any(|mt| mt == *t)).count();
        return hits as f32 / ctx.topics.len() as f32;
    }
    if query_terms.is_empty() || m.topics.is_empty() {
        return 0.0;
    }
    // Topics repeat across memories: analyse each distinct one once per ranking.
    let mut topic_terms: Vec<&[String]> = Vec::with_capacity(m.topics.len());
    for topic in &m.topics {
        if !cache.contains_key(topic.as_str()) {
            let mut terms = Vec::new();
            analyze::analyze_with(topic, analyze::Mode::Document, |t| terms.push(t.text.clone()));
            cache.insert(topic.clone(), terms);
        }
    }
    for topic in &m.topics {
        if let Some(terms) = cache.get(topic.as_str()) {
            topic_terms.push(terms);
        }
    }
    if topic_terms.iter().any(|terms| !terms.is_empty() && terms.iter().all(|t| query_terms.contains(t))) {
        return 1.0;
    }
    let hits = query_terms.iter().filter(|q| topic_terms.iter().any(|terms| terms.contains(q))).count();
    hits as f32 / query_terms.len() as f32
}
