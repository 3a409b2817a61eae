//! `mx sync <assistant>`: refresh the "project memory" block (a token-budgeted digest) in the assistant's static
//! context file — for assistants and teams that prefer files to tools (e.g. Copilot's
//! `.github/copilot-instructions.md`). The adapter decides the file and the block; mx validates and applies the
//! edits exactly as `mx setup` does.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use mx_plugin_host::types::{Scope, SetupRequest};
use mx_plugin_host::{FileChange, PathPolicy, SetupMode};

use crate::output::{self, Context};
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

pub fn run(args: SyncArgs) -> anyhow::Result<ExitCode> {
    let ctx = Context::get();
    let host = plugins::host(Arc::new(StoreServices::default()))?;
    let (plugin, _) = plugins::load_for(&host, &args.assistant)?;
    let root = plugins::project_root(&ctx.cwd);
    let request = SetupRequest {
        project_root: root.display().to_string(),
        scope: Scope::Project,
        mx_command: "mx".to_owned(),
    };
    let edits = host.sync(&plugin, &request)?;
    if edits.is_empty() {
        return Err(crate::error::usage(format!(
            "the {} adapter has no context file to sync; use `mx setup {}` to give it the MCP tools instead",
            args.assistant, args.assistant
        )));
    }
    let policy = PathPolicy::new(host.home(), Some(&root), &[], &plugin.manifest().writes)
        .map_err(|message| anyhow::anyhow!("plugin `{}` declares a bad write pattern: {message}", plugin.name()))?;
    let mode = if args.remove { SetupMode::Remove } else { SetupMode::Install };
    let changes = mx_plugin_host::edits::plan(plugin.name(), &edits, &policy, mode)?;

    let mut out = output::stdout();
    let changed: Vec<&FileChange> = changes.iter().filter(|c| !c.is_noop()).collect();
    if args.dry_run {
        for change in &changed {
            write!(out, "{}", change.unified_diff(&label(&change.path, &root, host.home())))?;
        }
        if changed.is_empty() {
            writeln!(out, "the project memory of {} is up to date; nothing to change", args.assistant)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    mx_plugin_host::edits::apply(&changes, &plugins::mx_home().join("backups"))?;
    for change in &changes {
        let verb = match (change.is_noop(), &change.before, &change.after) {
            (true, _, _) => "unchanged",
            (false, None, Some(_)) => "created",
            (false, Some(_), None) => "removed",
            _ => "updated",
        };
        writeln!(out, "{verb:<9} {}", label(&change.path, &root, host.home()))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Paths as the user thinks of them: relative to the project, or under `~`.
fn label(path: &Path, root: &Path, home: &Path) -> String {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let home = home.canonicalize().unwrap_or_else(|_| home.to_path_buf());
    if let Ok(relative) = path.strip_prefix(&root) {
        return relative.display().to_string();
    }
    if let Ok(relative) = path.strip_prefix(&home) {
        return format!("~/{}", relative.display());
    }
    path.display().to_string()
}
