//! `mx setup <assistant>`: ask the adapter for its edits, validate them, show or apply them.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use mx_plugin_host::types::{Edit, Scope, SetupRequest};
use mx_plugin_host::{FileChange, Ledger, NoServices, PathPolicy, Plugin, PluginHost, SetupMode};

use crate::output::{self, Context};
use crate::plugins;

#[derive(Debug, clap::Args)]
pub struct SetupArgs {
    /// The assistant to wire up (e.g. claude-code, cursor, codex); see `mx plugins list`.
    pub assistant: String,
    /// Wire your user configuration (e.g. `~/.claude/settings.json`) for every project, instead of the current
    /// project (the default).
    #[arg(long)]
    pub user: bool,
    /// Show the changes as a unified diff without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Take out what `mx setup` added.
    #[arg(long)]
    pub remove: bool,
}

pub fn run(ctx: &Context, args: SetupArgs) -> anyhow::Result<ExitCode> {
    if args.assistant == "git" {
        // Not an assistant: commits as memories, through a post-commit hook.
        return super::git_hook::setup(ctx, args.remove, args.dry_run);
    }
    let host = plugins::host(Arc::new(NoServices))?;
    let (plugin, _) = plugins::load_for(&host, &args.assistant)?;
    let root = plugins::project_root(&ctx.cwd);
    let request = SetupRequest {
        project_root: root.display().to_string(),
        scope: if args.user { Scope::User } else { Scope::Project },
        mx_command: mx_command(),
    };
    let edits = host.setup(&plugin, &request)?;
    let mode = if args.remove { SetupMode::Remove } else { SetupMode::Install };
    let nothing = format!("{} is already {}; nothing to change", args.assistant, done_word(mode));
    show_or_apply(&host, &plugin, &root, &edits, mode, args.dry_run, &nothing)
}

/// Validates an adapter's edits against its declared write patterns, then prints them as a unified diff
/// (`dry_run`; `nothing` when there is no change) or applies them with backups, keeps the setup ledger (what
/// installs created, so removals take out exactly that) and says what happened to each file. Shared by `mx setup` and `mx sync`, so both enforce the same policy and print the same way.
pub(crate) fn show_or_apply(
    host: &PluginHost,
    plugin: &Plugin,
    root: &Path,
    edits: &[Edit],
    mode: SetupMode,
    dry_run: bool,
    nothing: &str,
) -> anyhow::Result<ExitCode> {
    let policy = PathPolicy::new(host.home(), Some(root), &[], &plugin.manifest().writes)
        .map_err(|message| anyhow::anyhow!("plugin `{}` declares a bad write pattern: {message}", plugin.name()))?;
    // What earlier installs created, so that a removal takes out exactly that (see `Ledger`).
    let ledger_path = plugins::mx_home().join("setup-ledger.json");
    let mut ledger = Ledger::load(&ledger_path)?;
    let changes = mx_plugin_host::edits::plan_with(plugin.name(), edits, &policy, mode, &ledger)?;

    let mut out = output::stdout();
    let changed: Vec<&FileChange> = changes.iter().filter(|c| !c.is_noop()).collect();
    if dry_run {
        for change in &changed {
            write!(out, "{}", change.unified_diff(&label(&change.path, root, host.home())))?;
        }
        if changed.is_empty() {
            writeln!(out, "{nothing}")?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let backups = mx_plugin_host::edits::apply(&changes, &plugins::mx_home().join("backups"))?;
    match mode {
        SetupMode::Install => ledger.record(&changes),
        SetupMode::Remove => ledger.forget(&changes),
    }
    ledger.save(&ledger_path)?;
    // Nothing changed (a second setup, a second removal whose files are gone): say so once, as --dry-run does, rather
    // than list files as "unchanged" that may not even exist any more.
    let all_noop = changes.iter().all(|c| c.is_noop());
    if all_noop {
        writeln!(out, "{nothing}")?;
    }
    // A file that neither exists nor will is not worth a line.
    for change in changes.iter().filter(|c| !all_noop && (!c.is_noop() || c.before.is_some())) {
        let verb = match (change.is_noop(), &change.before, &change.after) {
            (true, _, _) => "unchanged",
            (false, None, Some(_)) => "created",
            (false, Some(_), None) => "removed",
            _ => "updated",
        };
        writeln!(out, "{verb:<9} {}", label(&change.path, root, host.home()))?;
    }
    if !backups.is_empty() {
        writeln!(out, "backups in {}", plugins::mx_home().join("backups").display())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn done_word(mode: SetupMode) -> &'static str {
    match mode {
        SetupMode::Install => "set up",
        SetupMode::Remove => "removed",
    }
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

/// How the assistant should run mx: `mx` when the `mx` on PATH is this binary, else this binary's full path.
pub(crate) fn mx_command() -> String {
    let Ok(exe) = std::env::current_exe() else { return "mx".to_owned() };
    let exe = exe.canonicalize().unwrap_or(exe);
    let on_path = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| dir.join("mx").canonicalize().is_ok_and(|found| found == exe))
    });
    if on_path { "mx".to_owned() } else { exe.display().to_string() }
}
