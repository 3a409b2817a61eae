//! mx-core: the heart of mx, shared by the store, the CLI, the MCP server, both language bindings, the adapter
//! plugins and the wasm build.
//!
//! Pure by design: no I/O, no threads, no clock, no randomness. Callers pass "now" and fresh ids in, so everything
//! here is deterministic and testable, and the crate builds for `wasm32-unknown-unknown`.
//!
//! - [`model`]: the memory, its fields, limits and validation.
//! - [`id`]: sortable memory ids and conversation ids, prefix resolution.
//! - [`infer`]: kind inference from text, with the rule that fired.
//! - [`redact`]: the one secret detector every write path uses.
//! - [`analyze`]: the code-aware analyser (also registered with tantivy by the store).
//! - [`expand`]: query expansion from tool categories to tools ("web framework" → FastAPI, Django, …).
//! - [`intent`]: what a question asks for beyond its words (meta words discounted, kinds asked for).
//! - [`context`]: conversation context (coverage, the best other match, neighbouring turns) before ranking.
//! - [`bm25`]: in-memory BM25 for plain lists (the wasm build, small sets).
//! - [`rank`]: combines lexical relevance with the other signals, with a per-result breakdown.
//! - [`search`]: the pipeline from a question to a ranking (read the question, add context, rank), shared by the
//!   store and the wasm build.
//! - [`digest`]: extractive, token-budgeted digests in five formats.
//! - [`temporal`]: temporal cues in questions ("now", "originally", "last month", "in March").
//! - [`tokens`]: the documented token estimator.

pub mod analyze;
pub mod bm25;
pub mod context;
pub mod digest;
pub mod error;
pub mod expand;
pub mod id;
pub mod infer;
pub mod intent;
pub mod model;
pub mod rank;
pub mod redact;
pub mod search;
pub mod temporal;
pub mod tokens;

#[cfg(all(feature = "wasm", target_arch = "wasm32"))]
pub mod wasm;

pub use error::{Error, ValidationError};
pub use id::{ConversationId, MemoryId};
pub use model::{Kind, Memory, MemoryPatch, MemoryType, NewMemory, Role, Source, State};
