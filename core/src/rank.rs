//! Ranking: combines the lexical score of each candidate with topic, conversation and project match, kind,
//! importance and recency, drops superseded memories unless asked, and suppresses near-duplicates. Every result
//! carries a [`ScoreBreakdown`] (`--explain`).
//!
//! Placeholder implementation: the signals' formulas and weights land with the ranking work.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::model::Memory;

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
    /// Lexical score only: the baseline `mx eval retrieval --ranking bm25` compares against.
    Bm25,
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
    /// Keep superseded memories in the results.
    pub include_superseded: bool,
    /// Cut the result list after this many.
    pub limit: Option<usize>,
    pub mode: RankingMode,
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
        }
    }
}

/// Per-signal contributions; `total` is the final score.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreBreakdown {
    pub lexical: f32,
    pub topic: f32,
    pub conversation: f32,
    pub project: f32,
    pub kind: f32,
    pub importance: f32,
    pub recency: f32,
    pub total: f32,
}

/// A ranked memory.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ranked {
    pub memory: Memory,
    pub score: f32,
    pub breakdown: ScoreBreakdown,
}

/// Orders candidates, best first.
pub fn rank(candidates: Vec<Candidate>, ctx: &QueryContext) -> Vec<Ranked> {
    let mut out: Vec<Ranked> = candidates
        .into_iter()
        .filter(|c| ctx.include_superseded || c.memory.is_current())
        .map(|c| {
            let breakdown = ScoreBreakdown { lexical: c.lexical, total: c.lexical, ..Default::default() };
            Ranked { memory: c.memory, score: breakdown.total, breakdown }
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| b.memory.id.cmp(&a.memory.id)));
    if let Some(limit) = ctx.limit {
        out.truncate(limit);
    }
    out
}
