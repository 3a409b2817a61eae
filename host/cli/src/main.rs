//! The `mx` binary. Clap types live in each command's module; this file parses, dispatches and renders errors once.
//!
//! Ownership (for parallel work): `commands/memories.rs` & friends = core CLI; `commands/mcp.rs` = MCP server;
//! `commands/{plugins,setup,hook,sync}.rs` = adapter plugins; `commands/eval.rs` = retrieval eval.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;

/// mx — local-first memory for AI coding assistants.
#[derive(Debug, Parser)]
#[command(name = "mx", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, find, recall and manage memories.
    #[command(subcommand)]
    Memories(commands::memories::MemoriesCommand),
    /// Run the MCP server on stdio.
    Mcp(commands::mcp::McpArgs),
    /// Assistant hook entry point: payload on stdin, answer on stdout; never fails the assistant.
    Hook(commands::hook::HookArgs),
    /// Wire an assistant to mx (MCP server, rules, hooks).
    Setup(commands::setup::SetupArgs),
    /// Manage adapter plugins.
    #[command(subcommand)]
    Plugins(commands::plugins::PluginsCommand),
    /// Measure retrieval quality.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Memories(cmd) => commands::memories::run(cmd),
        Command::Mcp(args) => commands::mcp::run(args),
        Command::Hook(args) => commands::hook::run(args),
        Command::Setup(args) => commands::setup::run(args),
        Command::Plugins(cmd) => commands::plugins::run(cmd),
        Command::Eval(cmd) => commands::eval::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}
