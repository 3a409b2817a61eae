//! The `mx` binary. Clap types live in each command's module; this file parses, builds the invocation's
//! [`output::Context`] from the global flags, passes it to the command, and renders errors once ([`error::report`]).
//!
//! Ownership (for parallel work): `commands/memories/` (one file per `mx memories` subcommand),
//! `commands/{conversations,topics,relationships,transfer,index,doctor,completions,shared}.rs`, `output.rs`,
//! `error.rs` = core CLI; `commands/mcp.rs` = MCP server; `commands/{plugins,setup,hook,sync}.rs` = adapter plugins;
//! `commands/eval.rs` = retrieval eval.
//!
//! Adding a command: a variant in [`Command`] plus one line in [`run`]; its module exposes
//! `run(ctx: &Context, args) -> anyhow::Result<ExitCode>` and reads the global flags from that `ctx`: nothing deeper
//! down reaches for them, so a command's inputs are its arguments.
//! Global flags (`--format`, `--project`) are accepted after any subcommand; don't define flags of those names in a
//! subcommand (clap rejects duplicates).

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

mod commands;
mod error;
mod eval;
mod mcp;
mod output;
mod plugins;
mod team;

/// mx — local-first memory for AI coding assistants.
///
/// Save what a session learned (decisions, ruled-out approaches, constraints, where the work stands) and start the
/// next one with a short, ranked digest of it. Everything stays on this machine.
#[derive(Debug, Parser)]
#[command(name = "mx", version, about, max_term_width = 110)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts. Under their own heading, so a subcommand's help lists its own options first.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Output format [default: table in a terminal; json when MX_PROFILE=ai or inside an AI assistant]
    #[arg(long, global = true, value_enum, env = "MX_FORMAT")]
    pub format: Option<output::Format>,
    /// Project to use instead of the one detected from the working directory's git repository
    #[arg(long, global = true, env = "MX_PROJECT", value_name = "PROJECT")]
    pub project: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create, find, recall and manage memories.
    #[command(subcommand)]
    Memories(commands::memories::MemoriesCommand),
    /// List conversations and show one.
    #[command(subcommand)]
    Conversations(commands::conversations::ConversationsCommand),
    /// List topics.
    #[command(subcommand)]
    Topics(commands::topics::TopicsCommand),
    /// Link memories: supersedes, follows, resolves, contradicts, references.
    #[command(subcommand)]
    Relationships(commands::relationships::RelationshipsCommand),
    /// Write every memory as JSONL (lossless; all projects, superseded included).
    Export(commands::transfer::ExportArgs),
    /// Read memories from JSONL: mx's own export or an eval dataset's memories.jsonl (idempotent by id).
    Import(commands::transfer::ImportArgs),
    /// Manage the search index.
    #[command(subcommand)]
    Index(commands::index::IndexCommand),
    /// Check the store, the index and the configuration, and say what to do.
    Doctor(commands::doctor::DoctorArgs),
    /// Print a shell completion script.
    Completions(commands::completions::CompletionsArgs),
    /// Run the MCP server on stdio.
    Mcp(commands::mcp::McpArgs),
    /// Assistant hook entry point: payload on stdin, answer on stdout; never fails the assistant.
    Hook(commands::hook::HookArgs),
    /// Wire an assistant to mx (MCP server, rules, hooks).
    Setup(commands::setup::SetupArgs),
    /// Refresh the project-memory block (a digest) in an assistant's context file, e.g. for Copilot.
    Sync(commands::sync::SyncArgs),
    /// Manage adapter plugins.
    #[command(subcommand)]
    Plugins(commands::plugins::PluginsCommand),
    /// Measure retrieval quality.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
    /// Log in to a team server and check the key.
    #[command(subcommand)]
    Auth(commands::auth::AuthCommand),
    /// Share memories with a team: sync, status, unshare.
    #[command(subcommand)]
    Team(commands::team::TeamCommand),
    /// Run the team server over PostgreSQL, and manage its API keys.
    Serve(commands::serve::ServeArgs),
}

fn run(ctx: &output::Context, command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Memories(cmd) => commands::memories::run(ctx, cmd),
        Command::Conversations(cmd) => commands::conversations::run(ctx, cmd),
        Command::Topics(cmd) => commands::topics::run(ctx, cmd),
        Command::Relationships(cmd) => commands::relationships::run(ctx, cmd),
        Command::Export(args) => commands::transfer::run_export(ctx, args),
        Command::Import(args) => commands::transfer::run_import(ctx, args),
        Command::Index(cmd) => commands::index::run(ctx, cmd),
        Command::Doctor(args) => commands::doctor::run(ctx, args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Mcp(args) => commands::mcp::run(ctx, args),
        Command::Hook(args) => commands::hook::run(ctx, args),
        Command::Setup(args) => commands::setup::run(ctx, args),
        Command::Sync(args) => commands::sync::run(ctx, args),
        Command::Plugins(cmd) => commands::plugins::run(ctx, cmd),
        Command::Eval(cmd) => commands::eval::run(ctx, cmd),
        Command::Auth(cmd) => commands::auth::run(ctx, cmd),
        Command::Team(cmd) => commands::team::run(ctx, cmd),
        Command::Serve(args) => commands::serve::run(ctx, args),
    }
}

fn main() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(err) => return error::report_clap(&err),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => return error::report_clap(&err),
    };
    // Whether `--format` was typed or came from MX_FORMAT: clap's derive types cannot tell, its matches can.
    let typed = matches.value_source("format") == Some(clap::parser::ValueSource::CommandLine);
    let mut ctx = output::Context::new(cli.global.format, cli.global.project);
    ctx.format_flag = cli.global.format.filter(|_| typed);
    match run(&ctx, cli.command) {
        Ok(code) => code,
        Err(err) => error::report(&err),
    }
}
