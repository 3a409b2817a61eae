//! The requests of the store's read calls: what to list, search, digest or brief, and their defaults. Each front end
//! calls a request's `check` (a limit of at least 1, a token budget in bounds: [`mx_core::input`]) before the store,
//! so every front end refuses the same bad values with the same message; `list` checks its limit itself.

use jiff::Timestamp;
use mx_core::digest::DigestFormat;
use mx_core::rank::RankingMode;

use crate::filter::{Filter, Sort};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListRequest {
    pub filter: Filter,
    pub sort: Sort,
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    pub query: String,
    pub filter: Filter,
    pub limit: usize,
    /// "Now" for recency; `None` = the clock.
    pub now: Option<Timestamp>,
    /// The caller's conversation, for the conversation-match signal.
    pub conversation_id: Option<String>,
    pub mode: RankingMode,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DigestRequest {
    /// `None` = "where things stand".
    pub query: Option<String>,
    pub filter: Filter,
    pub format: DigestFormat,
    pub max_tokens: usize,
    pub show_sources: bool,
    pub now: Option<Timestamp>,
    /// A hook injects the digest unasked: leave out stale progress and gotchas too ([`mx_core::current::current`]).
    /// Every digest leaves out replaced facts; one asked for (MCP `recall`, `mx memories digest`) keeps stale
    /// entries with their mark.
    pub injected: bool,
}

/// A briefing before work (`build-context`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContextRequest {
    pub context: Option<String>,
    pub files: Vec<String>,
    pub filter: Filter,
    pub max_tokens: Option<usize>,
}

impl SearchRequest {
    /// Checks what a caller chose ([`mx_core::input::limit`]); front ends call it before the store.
    pub fn check(&self) -> Result<(), mx_core::ValidationError> {
        mx_core::input::limit(self.limit).map(drop)
    }

    /// A search for `query` with no filter, [`mx_core::input::DEFAULT_SEARCH_LIMIT`] results, the clock's "now" and
    /// full ranking. Front ends that take a query from a user check it first ([`mx_core::input::query`]): the store
    /// accepts an empty one (plugins search with none for "what is relevant now").
    pub fn new(query: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            filter: Filter::default(),
            limit: mx_core::input::DEFAULT_SEARCH_LIMIT,
            now: None,
            conversation_id: None,
            mode: RankingMode::Full,
        }
    }
}

impl DigestRequest {
    /// Checks what a caller chose ([`mx_core::input::max_tokens`]); front ends call it before the store.
    pub fn check(&self) -> Result<(), mx_core::ValidationError> {
        mx_core::input::max_tokens(self.max_tokens).map(drop)
    }
}

impl ContextRequest {
    /// Checks what a caller chose ([`mx_core::input::max_tokens`]); front ends call it before the store.
    pub fn check(&self) -> Result<(), mx_core::ValidationError> {
        self.max_tokens.map(mx_core::input::max_tokens).transpose().map(drop)
    }
}

impl Default for DigestRequest {
    fn default() -> Self {
        Self {
            query: None,
            filter: Filter::default(),
            format: DigestFormat::Structured,
            max_tokens: mx_core::input::DEFAULT_MAX_TOKENS,
            show_sources: false,
            now: None,
            injected: false,
        }
    }
}
