//! Commits as memories: `mx setup git` installs a post-commit hook that runs `mx hook git post-commit`, which
//! records the commit just made as a memory, with no LLM: its subject and body, the files it changed as anchors, its
//! id, topics from the paths, and the conversation of the assistant session active in this project, if any.
//!
//! The hook never slows or fails a commit: it hands the new commit's id to an `mx` started in the background, with
//! its output discarded, and exits with the status it would have had without mx; `mx` logs any error and swallows
//! it. An existing post-commit hook keeps working: it is moved aside to `post-commit.pre-mx` and called first by the
//! hook mx writes, whose exit status is the old hook's. `--remove` moves it back, so the original returns byte for
//! byte (same file, same permissions).
//!
//! Merge commits and `fixup!`/`squash!`/`amend!` commits are noise and skipped unless the repository's git config
//! says otherwise (`mx.recordMerges`, `mx.recordFixups`).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use jiff::{SignedDuration, Timestamp};
use mx_core::{NewMemory, Role, Source};
use mx_store::{Filter, ListRequest, Scope, Sort, Store};

use crate::output::{self, Context};
use crate::plugins;

/// First line of the hook mx writes: how it recognises its own file.
const MARKER: &str = "# Installed by `mx setup git`";
/// Where an existing hook waits while mx's runs it.
const CHAINED: &str = "post-commit.pre-mx";
/// An assistant memory at most this old marks its session as active: a commit then joins its conversation.
const ACTIVE_SESSION: SignedDuration = SignedDuration::from_hours(2);
/// Topics taken from a commit's paths at most.
const MAX_COMMIT_TOPICS: usize = 4;
/// Directory names that say nothing about what a change is about.
const GENERIC_DIRS: &[&str] = &["src", "lib", "crates", "packages", "app", "apps", "internal", "pkg", "cmd", "host"];

/// `mx setup git [--remove] [--dry-run]`.
pub fn setup(ctx: &Context, remove: bool, dry_run: bool) -> anyhow::Result<ExitCode> {
    let hooks = hooks_dir(&ctx.cwd)?;
    let hook = hooks.join("post-commit");
    let chained = hooks.join(CHAINED);
    let existing = std::fs::read(&hook).ok();
    let ours = existing.as_deref().is_some_and(|b| String::from_utf8_lossy(b).contains(MARKER));
    let mut out = output::stdout();
    if remove {
        if !ours {
            writeln!(out, "git is already removed; nothing to change")?;
        } else if dry_run {
            let what = if chained.exists() { "restore the previous hook" } else { "remove" };
            writeln!(out, "would {what}: {}", hook.display())?;
        } else if chained.exists() {
            std::fs::rename(&chained, &hook).with_context(|| format!("cannot restore {}", hook.display()))?;
            writeln!(out, "restored  {}", hook.display())?;
        } else {
            std::fs::remove_file(&hook).with_context(|| format!("cannot remove {}", hook.display()))?;
            writeln!(out, "removed   {}", hook.display())?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    if ours {
        writeln!(out, "git is already set up; nothing to change")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    anyhow::ensure!(
        existing.is_none() || !chained.exists(),
        "{} exists besides a post-commit hook mx did not write; move one of them away and run `mx setup git` again",
        chained.display()
    );
    let script = hook_script(&super::setup::mx_command(), existing.is_some());
    if dry_run {
        writeln!(out, "would write {}:\n{script}", hook.display())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    std::fs::create_dir_all(&hooks).with_context(|| format!("cannot create {}", hooks.display()))?;
    if existing.is_some() {
        std::fs::rename(&hook, &chained).with_context(|| format!("cannot move {} aside", hook.display()))?;
    }
    write_executable(&hook, &script)?;
    let verb = if existing.is_some() { "chained" } else { "created" };
    writeln!(out, "{verb:<9} {}", hook.display())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The hook: the previous hook first (its status is the hook's), then mx in the background with everything
/// discarded. The commit id is resolved here, not by mx later: by then `HEAD` may be the next commit.
fn hook_script(mx: &str, chain: bool) -> String {
    let mx = shell_quote(mx);
    let mut s = format!("#!/bin/sh\n{MARKER}; `mx setup git --remove` takes it out.\n");
    if chain {
        s.push_str(&format!(
            "previous=\"$(dirname \"$0\")/{CHAINED}\"\nstatus=0\nif [ -x \"$previous\" ]; then \"$previous\" \"$@\"; \
             status=$?; fi\n"
        ));
    } else {
        s.push_str("status=0\n");
    }
    s.push_str(&format!(
        "commit=$(git rev-parse -q --verify HEAD 2>/dev/null) && \
         ({mx} hook git post-commit --commit \"$commit\" </dev/null >/dev/null 2>&1 &)\nexit $status\n"
    ));
    s
}

fn shell_quote(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c)) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(unix)]
fn write_executable(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("cannot make {} executable", path.display()))
}

#[cfg(not(unix))]
fn write_executable(path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
}

/// `core.hooksPath` when set (relative to the working tree root, as git reads it), else the common git dir's
/// `hooks` (shared by every worktree).
fn hooks_dir(cwd: &Path) -> anyhow::Result<PathBuf> {
    let repo = gix::discover(cwd)
        .map_err(|_| anyhow::anyhow!("{} is not inside a git repository; run `mx setup git` in one", cwd.display()))?;
    let config = repo.config_snapshot();
    if let Some(path) = config.string("core.hooksPath") {
        let path = PathBuf::from(path.to_string());
        let path = match path.strip_prefix("~") {
            Ok(rest) => dirs_home().join(rest),
            Err(_) => path,
        };
        let base = repo.workdir().map(Path::to_path_buf).unwrap_or_else(|| repo.git_dir().to_path_buf());
        return Ok(if path.is_absolute() { path } else { base.join(path) });
    }
    Ok(repo.common_dir().join("hooks"))
}

fn dirs_home() -> PathBuf {
    std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default()
}

/// `mx hook git post-commit [--commit ID]`: records the commit (default `HEAD`) as a memory. Fails open like every
/// hook: errors go to the hook log, the exit status is always 0.
pub fn post_commit(ctx: &Context, commit: Option<&str>) -> ExitCode {
    if let Err(err) = record(ctx, commit) {
        plugins::append_log("hook.log", &format!("git post-commit: {err:#}"));
    }
    ExitCode::SUCCESS
}

fn record(ctx: &Context, commit: Option<&str>) -> anyhow::Result<()> {
    let repo = gix::discover(&ctx.cwd).context("not in a git repository")?;
    let commit = match commit {
        Some(id) => {
            let id =
                gix::ObjectId::from_hex(id.trim().as_bytes()).with_context(|| format!("`{id}` is not a commit id"))?;
            repo.find_commit(id).with_context(|| format!("commit {id} is not in this repository"))?
        }
        None => repo.head_commit().context("HEAD is not a commit")?,
    };
    let config = repo.config_snapshot();
    let parents: Vec<gix::ObjectId> = commit.parent_ids().map(|p| p.detach()).collect();
    if parents.len() > 1 && !config.boolean("mx.recordMerges").unwrap_or(false) {
        return Ok(());
    }
    let message = commit.message_raw_sloppy().to_string();
    let subject = message.lines().next().unwrap_or("").trim().to_owned();
    let fixup = ["fixup!", "squash!", "amend!"].iter().any(|p| subject.starts_with(p));
    if subject.is_empty() || (fixup && !config.boolean("mx.recordFixups").unwrap_or(false)) {
        return Ok(());
    }
    let files = changed_files(&repo, &commit, parents.first().copied())?;
    let store = ctx.open_store()?;
    let mut new = NewMemory::default();
    new.content = within_limit(message.trim());
    new.topics = topics_from_paths(&files);
    // A path the store would refuse must not lose the commit: such paths are left out, the rest anchor it.
    new.files = files
        .into_iter()
        .filter(|f| f.chars().count() <= mx_core::model::MAX_FILE_PATH_CHARS && !f.chars().any(char::is_control))
        .take(mx_core::model::MAX_FILES)
        .collect();
    new.commit = Some(commit.id.to_string());
    new.project = ctx.project().map(str::to_owned);
    new.source = Some(Source::Hook("git".to_owned()));
    new.role = Some(Role::User);
    new.conversation_id = Some(active_conversation(&store, ctx).unwrap_or_else(|| "NEW".to_owned()));
    new.external_id = Some(format!("git:{}", commit.id));
    store.create(new)?;
    crate::team::after_write(&store);
    Ok(())
}

/// A commit message longer than a memory may be is cut (on a character boundary) rather than lost.
fn within_limit(message: &str) -> String {
    match message.char_indices().nth(mx_core::model::MAX_CONTENT_CHARS) {
        Some((end, _)) => message[..end].to_owned(),
        None => message.to_owned(),
    }
}

/// Paths the commit changed against its first parent (everything, for a root commit), sorted.
fn changed_files(
    repo: &gix::Repository,
    commit: &gix::Commit<'_>,
    parent: Option<gix::ObjectId>,
) -> anyhow::Result<Vec<String>> {
    let new = commit.tree()?;
    let old = match parent {
        Some(p) => repo.find_commit(p)?.tree()?,
        None => repo.empty_tree(),
    };
    let changes = repo.diff_tree_to_tree(&old, &new, gix::diff::Options::default())?;
    let mut files = Vec::new();
    for change in changes {
        if change.entry_mode().is_tree() {
            continue;
        }
        files.push(change.location().to_string());
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// `src/payments/client.rs`, `src/payments/retry.rs`, `docs/api.md` → `payments`, `docs`: the most specific
/// directory that is not a generic one, most frequent first.
pub fn topics_from_paths(files: &[String]) -> Vec<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for file in files {
        let dirs: Vec<&str> = file.split('/').collect();
        let Some(topic) = dirs[..dirs.len().saturating_sub(1)]
            .iter()
            .find(|d| !GENERIC_DIRS.contains(d) && !d.starts_with('.'))
            .and_then(|d| mx_core::model::normalize_topic(d))
        else {
            continue;
        };
        match counts.iter_mut().find(|(t, _)| *t == topic) {
            Some((_, n)) => *n += 1,
            None => counts.push((topic, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts.into_iter().take(MAX_COMMIT_TOPICS).map(|(t, _)| t).collect()
}

/// The conversation of the assistant session working in this project: the newest memory an assistant (hook or MCP)
/// saved here within [`ACTIVE_SESSION`].
fn active_conversation(store: &Store, ctx: &Context) -> Option<String> {
    let project = ctx.project()?.to_owned();
    let mut req = ListRequest::default();
    req.filter = Filter { scope: Scope::Project(project), ..Default::default() };
    req.filter.after = Timestamp::now().checked_sub(ACTIVE_SESSION).ok();
    req.sort = Sort::Newest;
    req.limit = Some(20);
    let recent = store.list(&req).ok()?;
    recent
        .into_iter()
        .find(|m| match &m.source {
            Source::Mcp => true,
            Source::Hook(a) => a != "git",
            _ => false,
        })
        .map(|m| m.conversation_id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_come_from_the_most_specific_meaningful_directory() {
        let files: Vec<String> =
            ["src/payments/client.rs", "src/payments/retry.rs", "docs/api.md", "Cargo.toml", ".github/ci.yml"]
                .iter()
                .map(|s| (*s).to_owned())
                .collect();
        assert_eq!(topics_from_paths(&files), ["payments", "docs"]);
    }

    #[test]
    fn the_hook_chains_the_previous_one_and_keeps_its_status() {
        let s = hook_script("/opt/my tools/mx", true);
        assert!(s.starts_with("#!/bin/sh\n# Installed by `mx setup git`"), "{s}");
        assert!(s.contains("if [ -x \"$previous\" ]; then \"$previous\" \"$@\"; status=$?; fi"), "{s}");
        assert!(s.contains("('/opt/my tools/mx' hook git post-commit --commit \"$commit\" </dev/null"), "{s}");
        assert!(s.ends_with("2>&1 &)\nexit $status\n"), "{s}");
    }

    #[test]
    fn a_long_message_is_cut_on_a_character_boundary() {
        let long = "é".repeat(mx_core::model::MAX_CONTENT_CHARS + 10);
        assert_eq!(within_limit(&long).chars().count(), mx_core::model::MAX_CONTENT_CHARS);
        assert_eq!(within_limit("short"), "short");
    }
}
