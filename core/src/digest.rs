//! Digests: extractive, deterministic, token-budgeted summaries of ranked memories, in five formats.
//!
//! Placeholder implementation; the formats of DESIGN.md land with the digest work.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::model::Memory;
use crate::rank::Ranked;

/// Default token budget.
pub const DEFAULT_MAX_TOKENS: usize = 1_500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DigestFormat {
    #[default]
    Structured,
    Narrative,
    Timeline,
    StatusReport,
    Json,
}

impl DigestFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            DigestFormat::Structured => "structured",
            DigestFormat::Narrative => "narrative",
            DigestFormat::Timeline => "timeline",
            DigestFormat::StatusReport => "status-report",
            DigestFormat::Json => "json",
        }
    }
}

impl fmt::Display for DigestFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DigestFormat {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "structured" => Ok(DigestFormat::Structured),
            "narrative" => Ok(DigestFormat::Narrative),
            "timeline" => Ok(DigestFormat::Timeline),
            "status-report" | "status" => Ok(DigestFormat::StatusReport),
            "json" => Ok(DigestFormat::Json),
            _ => Err(ValidationError::new(
                "format",
                "is not a known digest format",
                s,
                "use one of structured, narrative, timeline, status-report, json",
            )),
        }
    }
}

/// How to render a digest.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestOptions {
    pub format: DigestFormat,
    pub max_tokens: usize,
    /// The query the memories were ranked for; `None` = "where things stand".
    pub query: Option<String>,
    pub now: Timestamp,
    /// Append full ids of the memories used.
    pub show_sources: bool,
}

impl DigestOptions {
    pub fn new(now: Timestamp) -> Self {
        Self { format: DigestFormat::Structured, max_tokens: DEFAULT_MAX_TOKENS, query: None, now, show_sources: false }
    }
}

/// A rendered digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Digest {
    pub format: DigestFormat,
    /// The rendered text (for `json`, the JSON document).
    pub text: String,
    /// Estimated tokens of `text` ([`crate::tokens::estimate`]); never above the budget.
    pub tokens: usize,
    /// Ids of the memories included, in render order.
    pub included: Vec<String>,
    /// How many ranked memories did not fit the budget.
    pub omitted: usize,
}

/// Renders ranked memories (best first) as a digest within the budget.
pub fn digest(ranked: &[Ranked], opts: &DigestOptions) -> Digest {
    let mut text = String::new();
    let mut included = Vec::new();
    for r in ranked {
        let line = format!("- {} ({})\n", r.memory.content, r.memory.id.short());
        if crate::tokens::estimate(&text) + crate::tokens::estimate(&line) > opts.max_tokens {
            break;
        }
        text.push_str(&line);
        included.push(r.memory.id.to_string());
    }
    let tokens = crate::tokens::estimate(&text);
    let omitted = ranked.len() - included.len();
    Digest { format: opts.format, text, tokens, included, omitted }
}

/// Selects "where things stand" when there is no query: the newest progress per active conversation plus the
/// strongest standing decisions, constraints and conventions. Placeholder: newest first.
pub fn where_things_stand(memories: Vec<Memory>, _now: Timestamp) -> Vec<Ranked> {
    let mut ms: Vec<Memory> = memories.into_iter().filter(Memory::is_current).collect();
    ms.sort_by(|a, b| b.created_at.cmp(&a.created_at));
    ms.into_iter().map(|memory| Ranked { memory, score: 0.0, breakdown: Default::default() }).collect()
}
