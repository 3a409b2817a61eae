//! `mx sync <assistant>`: refresh the "project memory" block (a token-budgeted digest) in the assistant's static
//! context file — for assistants and teams that prefer files to tools (e.g. Copilot's
//! `.github/copilot-instructions.md`). The adapter decides the file and the block; mx validates and applies the
//! edits exactly as `mx setup` does.

use std::process::ExitCode;
use std::sync::Arc;

use mx_plugin_host::SetupMode;
use mx_plugin_host::types::{Scope, SetupRequest};

use super::setup::{mx_command, show_or_apply};
use crate::output::Context;
use crate::plugins::{self, StoreServices};

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The assistant whose context file to refresh (e.g. copilot, claude-code, codex); see `mx plugins list`.
    pub assistant: String,
    /// Show the change as a unified diff without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Take the project-memory block out again.
    #[arg(long)]
    pub remove: bool,
}

pub fn run(ctx: &Context, args: SyncArgs) -> anyhow::Result<ExitCode> {
    let host = plugins::host(Arc::new(StoreServices::new(ctx)))?;
    let (plugin, _) = plugins::load_for(&host, &args.assistant)?;
    let root = plugins::project_root(&ctx.cwd);
    let request =
        SetupRequest { project_root: root.display().to_string(), scope: Scope::Project, mx_command: mx_command() };
    let edits = host.sync(&plugin, &request)?;
    if edits.is_empty() {
        return Err(crate::error::usage(format!(
            "the {} adapter has no context file to sync; use `mx setup {}` to give it the MCP tools instead",
            args.assistant, args.assistant
        )));
    }
    let mode = if args.remove { SetupMode::Remove } else { SetupMode::Install };
    let nothing = format!("the project memory of {} is up to date; nothing to change", args.assistant);
    show_or_apply(&host, &plugin, &root, &edits, mode, args.dry_run, &nothing)
}
