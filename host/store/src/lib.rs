//! mx-store: the engine behind the CLI, the MCP server and both bindings.
//!
//! SQLite is the system of record (memories, versions, relationships, conversations, a change log with a
//! monotonically increasing sequence). tantivy is a derived search index whose commit payload records the last change
//! sequence it holds; any process that finds it behind catches it up, and a missing, stale or corrupt index is rebuilt.
//!
//! Invariant: once a call has returned a memory id, that memory is durable and visible to the next search from any
//! process.
//!
//! API CONTRACT: the types and methods exported here are what the CLI, MCP server and bindings code against.
//! Extend freely; change a signature only together with every caller.
//!
//! Modules, lowest first (each uses only those above it): `error`; `db` (SQLite schema, rows, the change log);
//! `filter` (what a read covers, rendered to SQL, tantivy and a test on one memory); `index` (the tantivy index and
//! its catch-up); `store` (the handle); then one module per concern of the API: `request`, `memories`, `search`,
//! `history`, `relations`, `stats`, `transfer`, `usage`, `sync`, `doctor`; `record` reads import lines.

mod db;
mod doctor;
mod error;
mod filter;
mod history;
mod index;
mod memories;
mod project;
mod record;
mod relations;
mod request;
mod search;
mod staleness;
mod stats;
mod store;
mod sync;
mod transfer;
mod usage;

pub use doctor::Check;
pub use error::{ErrorCode, Result, StoreError};
pub use filter::{Filter, Scope, Sort};
pub use history::HistoryEntry;
pub use memories::{Created, Deleted, Updated};
pub use mx_core::input;
pub use project::{detect_project, git_head, resolve_project};
pub use relations::{RelationKind, Relationship};
pub use request::{ContextRequest, DigestRequest, ListRequest, SearchRequest};
pub use search::SearchPool;
pub use staleness::{CONTENT_HASH_PREFIX, MAX_COUNTED_COMMITS, region_changed};
pub use stats::{ConversationSummary, StatsGroup, StatsRow, TopicCount};
pub use store::Store;
pub use sync::{PulledPage, SyncChange, SyncStatus};
pub use transfer::{ImportRecord, ImportReport, Progress, RelationshipLine, foreign_id};
pub use usage::{Usage, UsageLine, UsageStat};
