//! Digests: extractive, deterministic, token-budgeted summaries of ranked memories, in five formats.
//!
//! A digest selects memories in rank order (best first), gives each the longest form that still fits (whole, then
//! fewer sentences, then its first sentence cut at a word), groups them, and renders the groups in the format's
//! order. The budget is in tokens of [`crate::tokens::estimate`] and is never exceeded: every line is priced before
//! it is taken (the estimate of a text is at most the sum of its lines' estimates plus one per line break), and the
//! finished text is measured again as a safety net.
//!
//! Formats:
//! - `structured`: sections Where things stand, Decisions, Ruled out, Constraints, Conventions, Gotchas and known
//!   issues, Debugging history, Other (empty ones omitted). Each bullet ends with `(short id, date, conversation)`.
//!   The newest progress memory of each conversation goes under Where things stand, with its "Next:", "Known
//!   issue:" and "Blocked" sentences as sub-bullets so they stay visible even when the rest is shortened.
//! - `narrative`: one short paragraph per conversation, its memories in time order.
//! - `timeline`: one dated line per memory, newest last.
//! - `status-report`: Done / In progress / Blocked / Next, from the sentences of progress memories (older progress
//!   of a conversation only contributes what was done).
//! - `json`: `{"format","query","memories":[…],"omitted"}` with one memory object per line: id, section, score,
//!   kind, createdAt, conversationId, project, topics, content (shortened like the others, `truncated` set), and
//!   `stale` with the mark when the anchored code moved.
//!
//! A memory whose anchored code moved carries ` [stale: src/x.rs changed since, 3 commits]` after its metadata in
//! every text format.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::model::{Kind, Memory, State};
use crate::rank::{self, Candidate, QueryContext, Ranked, Weights};

mod render;
mod text;

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
///
/// A memory outmatched by a near-twin that holds the question's distinguishing word ("production" when "staging"
/// was asked) is left out while that twin is in the list: under the question's heading it would state the wrong fact.
pub fn digest(ranked: &[Ranked], opts: &DigestOptions) -> Digest {
    let present = |id: &crate::MemoryId| ranked.iter().any(|r| &r.memory.id == id);
    let kept: Vec<Ranked>;
    let ranked = if ranked.iter().any(|r| r.outmatched_by.as_ref().is_some_and(present)) {
        kept = ranked.iter().filter(|r| !r.outmatched_by.as_ref().is_some_and(present)).cloned().collect();
        &kept[..]
    } else {
        ranked
    };
    let mut budget = opts.max_tokens;
    loop {
        let rendered = render::render(ranked, opts, budget);
        let tokens = crate::tokens::estimate(&rendered.text);
        if tokens <= opts.max_tokens || budget == 0 {
            // `budget == 0` renders nothing, which always fits; the check keeps the loop finite regardless.
            let included: Vec<String> = rendered.included.iter().map(|&i| ranked[i].memory.id.to_string()).collect();
            let omitted = ranked.len() - rendered.included.len();
            return Digest { format: opts.format, text: rendered.text, tokens, included, omitted };
        }
        // The line-by-line pricing is an upper bound, so this never runs; if it ever does, shrink and retry.
        budget = budget.saturating_sub(tokens - opts.max_tokens);
    }
}

/// Conversations whose last memory is at most this much older than the project's latest activity count as active for
/// "where things stand". Measured from the project's own last memory, not the clock: a project you return to after
/// two months still stands where its last sessions left it.
pub const ACTIVE_CONVERSATION_DAYS: i64 = 30;
/// At most this many active conversations contribute their progress.
pub const MAX_ACTIVE_CONVERSATIONS: usize = 5;
/// At most this many standing memories (decisions, constraints, conventions, gotchas, ruled-out approaches).
pub const MAX_STANDING: usize = 40;

/// Selects "where things stand" when there is no query: the progress of each active conversation (active = written to
/// within [`ACTIVE_CONVERSATION_DAYS`] of the latest memory of the set), newest first — its newest progress memory,
/// and older ones whose open items (next steps, blockers) no newer one restates — then the standing knowledge —
/// decisions, constraints, conventions, then gotchas and ruled-out approaches — ordered by [`Weights::standing`]
/// (kind, importance, recency). Superseded memories are left out, and so are those a newer memory restates as
/// changed ([`crate::replaced`]). `now` only weighs recency.
pub fn where_things_stand(memories: Vec<Memory>, now: Timestamp) -> Vec<Ranked> {
    where_things_stand_with(memories, now, crate::usage::UsageMap::new())
}

/// [`where_things_stand`] with what is known of the memories' use in past sessions ([`crate::usage::rank_factor`]).
pub fn where_things_stand_with(memories: Vec<Memory>, now: Timestamp, usage: crate::usage::UsageMap) -> Vec<Ranked> {
    let superseded: std::collections::HashSet<String> =
        memories.iter().filter_map(|m| m.supersedes.as_ref()).map(ToString::to_string).collect();
    let current: Vec<Memory> =
        memories.into_iter().filter(|m| m.state == State::Current && !superseded.contains(m.id.as_str())).collect();
    let replaced = crate::replaced::replaced(&current.iter().collect::<Vec<_>>());
    let current: Vec<Memory> = current.into_iter().filter(|m| !replaced.contains(m.id.as_str())).collect();

    // Last activity per conversation, most recent first.
    let mut last_activity: Vec<(&str, Timestamp)> = Vec::new();
    for m in &current {
        match last_activity.iter_mut().find(|(c, _)| *c == m.conversation_id.as_str()) {
            Some((_, t)) => *t = (*t).max(m.created_at),
            None => last_activity.push((m.conversation_id.as_str(), m.created_at)),
        }
    }
    last_activity.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let latest = last_activity.first().map_or(now, |(_, t)| *t);
    let horizon_ms = ACTIVE_CONVERSATION_DAYS * 86_400_000;
    let active: Vec<String> = last_activity
        .iter()
        .filter(|(_, t)| latest.as_millisecond() - t.as_millisecond() <= horizon_ms)
        .take(MAX_ACTIVE_CONVERSATIONS)
        .map(|(c, _)| (*c).to_owned())
        .collect();

    let standing_kinds = [Kind::Decision, Kind::Constraint, Kind::Convention, Kind::Gotcha, Kind::RuledOut];
    let mut ctx = QueryContext::new(now);
    ctx.weights = Weights::standing();
    ctx.include_superseded = false;
    ctx.usage = usage;
    let is_active_progress =
        |m: &Memory| m.kind == Kind::Progress && active.iter().any(|c| c == m.conversation_id.as_str());
    let candidates: Vec<Candidate> = current
        .into_iter()
        .filter(|m| is_active_progress(m) || standing_kinds.contains(&m.kind))
        .map(|memory| Candidate { memory, lexical: 0.0 })
        .collect();
    let ranked = rank::rank(candidates, &ctx);
    let (progress, standing): (Vec<Ranked>, Vec<Ranked>) =
        ranked.into_iter().partition(|r| r.memory.kind == Kind::Progress);
    // Of each conversation's progress, what still stands (the renderer's own rule).
    let stands = render::newest_progress(&progress);
    let mut progress: Vec<Ranked> = progress.into_iter().zip(stands).filter(|(_, s)| *s).map(|(r, _)| r).collect();
    progress.sort_by(|a, b| b.memory.created_at.cmp(&a.memory.created_at).then_with(|| b.memory.id.cmp(&a.memory.id)));
    // Decisions, constraints and conventions before gotchas and ruled-out approaches; by score within each.
    let (mut primary, secondary): (Vec<Ranked>, Vec<Ranked>) = standing
        .into_iter()
        .partition(|r| matches!(r.memory.kind, Kind::Decision | Kind::Constraint | Kind::Convention));
    primary.extend(secondary);
    primary.truncate(MAX_STANDING);
    progress.extend(primary);
    progress
}
