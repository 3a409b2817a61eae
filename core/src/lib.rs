//! mx-core: the heart of mx, shared by the store, the CLI, the MCP server, both language bindings, the adapter
//! plugins and the wasm build.
//!
//! Pure by design: no I/O, no threads, no clock, no randomness. Callers pass "now" and fresh ids in, so everything
//! here is deterministic and testable, and the crate builds for `wasm32-unknown-unknown`.
//!
//! - [`model`]: the memory, its fields, limits and validation.
//! - [`id`]: sortable memory ids and conversation ids, prefix resolution.
//! - [`kind`]: the kind of knowledge a memory holds.
//! - [`infer`]: kind inference from text, with the rule that fired.
//! - [`input`]: the input rules every front end shares (limits, token budgets, the "recent" grammar, kind lists).
//! - [`redact`]: the one secret detector every write path uses.
//! - [`analyze`]: the code-aware analyser (also registered with tantivy by the store).
//! - [`expand`]: query expansion from tool categories to tools ("web framework" → FastAPI, Django, …).
//! - [`intent`]: what a question asks for beyond its words (meta words discounted, kinds asked for).
//! - [`context`]: conversation context (coverage, the best other match, neighbouring turns) before ranking.
//! - [`prf`]: pseudo-relevance feedback inside the candidate pool.
//! - [`tuning`]: the ranking's fitted weights, as data (`core/weights.json`, fitted by `mx eval fit`).
//! - [`bm25`]: in-memory BM25 for plain lists (the wasm build, small sets).
//! - [`fold`]: near-duplicate folding, and which near-identical memories are two facts rather than two versions.
//! - [`rank`]: combines lexical relevance with the other signals, with a per-result breakdown.
//! - [`search`]: the pipeline from a question to a ranking (read the question, add context, rank), shared by the
//!   store and the wasm build.
//! - [`digest`]: extractive, token-budgeted digests in five formats.
//! - [`staleness`]: whether a memory's anchored code moved since it was written, and the mark surfaces print.
//! - [`temporal`]: temporal cues in questions ("now", "originally", "last month", "in March").
//! - [`tokens`]: the documented token estimator.
//! - [`usage`]: whether an assistant used a memory it was given (the evidence rule).

pub mod analyze;
pub mod answer;
pub mod bm25;
pub mod context;
pub mod current;
pub mod digest;
pub mod error;
pub mod expand;
pub mod fold;
pub mod gate;
pub mod id;
pub mod infer;
pub mod input;
pub mod intent;
pub mod kind;
pub mod model;
pub mod preference;
pub mod prf;
pub mod rank;
pub mod redact;
pub mod replaced;
pub mod search;
pub mod shape;
pub mod staleness;
pub mod temporal;
pub mod tokens;
pub mod tuning;
pub mod usage;

#[cfg(all(feature = "wasm", target_arch = "wasm32"))]
pub mod wasm;

pub use error::{Error, ValidationError};
pub use id::{ConversationId, MemoryId};
pub use model::{Kind, Memory, MemoryPatch, MemoryType, NewMemory, Role, Source, State};
