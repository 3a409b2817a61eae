//! What the embedding application (the `mx` CLI) provides to plugins, in mx-core's terms.
//!
//! The plugin host knows nothing of the memory store: the CLI implements [`HostServices`] with it, opening the
//! store lazily so that a hook that needs no memories never pays for it. The host has already turned the
//! contract's request into these types (topics normalised, limit capped, kinds and formats as core's enums) and
//! turns the answers back into the contract's types, for whichever contract version the plugin was built against.

use mx_core::Memory;
use mx_core::digest::DigestFormat;

use crate::types::LogLevel;

/// A plugin's `search`, checked and normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchQuery {
    /// Free text; empty returns the most relevant recent memories.
    pub query: String,
    /// At most this many hits (1..=the configured `max-search-hits`).
    pub limit: usize,
    /// Normalised topics, ALL of which a memory must have (the contract's meaning, unlike the CLI's any-match
    /// `--topics`).
    pub all_topics: Vec<String>,
    /// Any of these kinds (empty = any).
    pub kinds: Vec<mx_core::Kind>,
    pub conversation_id: Option<mx_core::ConversationId>,
}

/// A plugin's `digest` (or the one `mx sync` renders), checked.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestQuery {
    /// What the digest is for; `None` gives "where things stand".
    pub query: Option<String>,
    /// Token budget; `None` means the store's default.
    pub max_tokens: Option<usize>,
    pub format: DigestFormat,
    pub conversation_id: Option<mx_core::ConversationId>,
}

/// A search hit.
#[derive(Debug, Clone)]
pub struct Found {
    pub memory: Memory,
    /// Relevance for this query, comparable only within one result list.
    pub score: f32,
}

/// A rendered digest and the memories it was made of, best first.
#[derive(Debug, Clone)]
pub struct Digested {
    pub text: String,
    pub memories: Vec<Memory>,
}

/// Why a service failed; becomes the contract's `host-error`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServiceError {
    /// The request is malformed; `field` is the contract's field name (kebab-case).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    #[error("{0}")]
    NotFound(String),
    /// The store or the file system failed.
    #[error("{0}")]
    Unavailable(String),
}

impl ServiceError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        ServiceError::Invalid { field: field.to_owned(), message: message.into() }
    }
}

impl From<mx_core::ValidationError> for ServiceError {
    fn from(err: mx_core::ValidationError) -> Self {
        // Core names fields in camelCase (its JSON); the contract in kebab-case.
        let mut field = String::new();
        for c in err.field.chars() {
            if c.is_ascii_uppercase() {
                field.push('-');
                field.push(c.to_ascii_lowercase());
            } else {
                field.push(c);
            }
        }
        ServiceError::Invalid { field, message: format!("{} (got {})", err.problem, err.value) }
    }
}

/// What the embedding application provides to plugins through the `host` interface.
pub trait HostServices: Send + Sync {
    /// Memories matching the query, best first.
    fn search(&self, query: &SearchQuery) -> Result<Vec<Found>, ServiceError>;
    /// A rendered, token-budgeted digest.
    fn digest(&self, query: &DigestQuery) -> Result<Digested, ServiceError>;
    /// A plugin's diagnostic line (from its `log` import).
    fn log(&self, plugin: &str, level: LogLevel, message: &str) {
        let _ = (plugin, level, message);
    }
}

/// Services for a host without a memory store (tests, `mx plugins install`): search and digest fail.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoServices;

impl HostServices for NoServices {
    fn search(&self, _query: &SearchQuery) -> Result<Vec<Found>, ServiceError> {
        Err(ServiceError::Unavailable("no memory store is available here".to_owned()))
    }

    fn digest(&self, _query: &DigestQuery) -> Result<Digested, ServiceError> {
        Err(ServiceError::Unavailable("no memory store is available here".to_owned()))
    }
}
