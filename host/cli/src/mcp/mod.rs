//! `mx mcp`: the Model Context Protocol server that assistants (Claude Code, Cursor, Windsurf, Copilot, …) use to save
//! and recall memories by themselves. Built on rmcp, the official Rust SDK; stdio transport; logs go to stderr only,
//! because stdout carries the protocol.
//!
//! - [`server`]: the tools and the handler.
//! - `params`: the tools' input schemas.
//! - `input`: checks on tool arguments that are about the MCP surface (periods, limits, budgets).
//! - `render`: the readable text of each result.
//!
//! This module depends on nothing else in the binary crate, so the integration tests include it directly and drive it
//! in-process over a duplex pipe.

mod input;
mod params;
mod render;
pub mod server;

pub use server::MxServer;
