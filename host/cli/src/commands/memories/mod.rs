//! `mx memories …`: the subcommand enum and its dispatch, one file per subcommand, and the writers several of them
//! share (a list of memories, a hint on stderr). `stale` and `reanchor` live in [`stale`].

use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use mx_core::Memory;

mod build_context;
mod create;
mod delete;
mod digest;
mod get;
mod history;
mod list;
mod recap;
mod search;
mod stale;
mod stats;
mod status;
mod update;

pub use build_context::BuildContextArgs;
pub use create::CreateArgs;
pub use delete::DeleteArgs;
pub use digest::{DigestArgs, write_digest};
pub use get::GetArgs;
pub use history::HistoryArgs;
pub use list::ListArgs;
pub use recap::RecapArgs;
pub use search::SearchArgs;
pub use stats::StatsArgs;
pub use status::StatusArgs;
pub use update::UpdateArgs;

use crate::output::{self, Context, Format, Style, paint, write_structured, write_table};

#[derive(Debug, clap::Subcommand)]
pub enum MemoriesCommand {
    /// Save a memory (or many with --stdin-jsonl).
    Create(CreateArgs),
    /// List memories, newest first.
    List(ListArgs),
    /// Show memories by id, unique id prefix (6+ characters) or name.
    Get(GetArgs),
    /// Change a memory's content, topics, kind or importance (a named memory gets a new version).
    Update(UpdateArgs),
    /// Delete memories (asks first on a terminal; needs --yes otherwise).
    Delete(DeleteArgs),
    /// Search memories, best first.
    Search(SearchArgs),
    /// A ranked, token-budgeted digest of what matters (no query = where things stand).
    #[command(visible_alias = "recall")]
    Digest(DigestArgs),
    /// Where the work stands: done, in progress, blocked, next.
    Status(StatusArgs),
    /// Recent memories as they were saved, grouped by conversation (default: the last 24h).
    Recap(RecapArgs),
    /// A briefing before work: active work, relevant decisions and constraints, gotchas touching the files.
    BuildContext(BuildContextArgs),
    /// Every version and change of a memory.
    History(HistoryArgs),
    /// How many memories, by day, week, month or topic.
    Stats(StatsArgs),
    /// Memories whose anchored code changed, was renamed or deleted since they were written.
    Stale(stale::StaleArgs),
    /// Re-anchor memories that still hold although their code moved (follows renames, drops deleted files).
    Reanchor(stale::ReanchorArgs),
}

pub fn run(ctx: &Context, cmd: MemoriesCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        MemoriesCommand::Create(a) if a.stdin_jsonl => create::create_batch(ctx, &a),
        MemoriesCommand::Create(a) => create::create(ctx, &a),
        MemoriesCommand::List(a) => list::list(ctx, &a),
        MemoriesCommand::Get(a) => get::get(ctx, &a),
        MemoriesCommand::Update(a) => update::update(ctx, &a),
        MemoriesCommand::Delete(a) => delete::delete(ctx, &a),
        MemoriesCommand::Search(a) => search::search(ctx, &a),
        MemoriesCommand::Digest(a) => digest::digest(ctx, &a),
        MemoriesCommand::Status(a) => status::status(ctx, &a),
        MemoriesCommand::Recap(a) => recap::recap(ctx, &a),
        MemoriesCommand::BuildContext(a) => build_context::build_context(ctx, &a),
        MemoriesCommand::History(a) => history::history(ctx, &a),
        MemoriesCommand::Stats(a) => stats::stats(ctx, &a),
        MemoriesCommand::Stale(a) => stale::stale(ctx, &a),
        MemoriesCommand::Reanchor(a) => stale::reanchor(ctx, &a),
    }
}

fn now_or(arg: Option<Timestamp>) -> Timestamp {
    arg.unwrap_or_else(Timestamp::now)
}

/// Writes a list of memories in the context's format; `empty` is said (on stderr) when there are none.
pub fn write_memories(out: &mut dyn Write, ctx: &Context, memories: &[Memory], empty: &str) -> anyhow::Result<()> {
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(out, ctx.format, memories)?,
        Format::Llm => {
            for m in memories {
                writeln!(out, "{}", output::memory_llm_line(m))?;
            }
        }
        Format::Table => {
            if memories.is_empty() {
                eprintln_hint(ctx, empty);
            } else {
                write_table(out, &output::memories_table(memories))?;
            }
        }
    }
    Ok(())
}

/// A hint for people on stderr (never for programs: stdout stays clean).
fn eprintln_hint(ctx: &Context, text: &str) {
    let _ = writeln!(std::io::stderr(), "{}", paint(text, Style::Dim, ctx.stderr_is_terminal && ctx.color));
}

pub fn relation_name(kind: mx_store::RelationKind) -> &'static str {
    use mx_store::RelationKind as R;
    match kind {
        R::Supersedes => "supersedes",
        R::Follows => "follows",
        R::Resolves => "resolves",
        R::Contradicts => "contradicts",
        R::References => "references",
    }
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
