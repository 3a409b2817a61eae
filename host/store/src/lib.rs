//! mx-store: the engine behind the CLI, the MCP server and both bindings.
//!
//! SQLite is the system of record (memories, versions, relationships, conversations, a change log with a
//! monotonically increasing sequence). tantivy is a derived search index whose commit payload records the last change
//! sequence it holds; any process that finds it behind catches it up, and a missing, stale or corrupt index is rebuilt.
//!
//! Invariant: once a call has returned a memory id, that memory is durable and visible to the next search from any
//! process.
//!
//! API CONTRACT: the types and method signatures in this file are what the CLI, MCP server and bindings code against.
//! Extend freely; change a signature only together with every caller.

mod api;
mod db;
mod error;
mod index;
mod project;
mod record;

pub use api::*;
pub use error::{ErrorCode, StoreError};
pub use project::{detect_project, git_head};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
