//! Commits as memories, on real git repositories made here: `mx setup git` chains an existing post-commit hook (which
//! keeps working) or writes into `core.hooksPath`, `--remove` restores the old hook byte for byte, each commit
//! records one memory (message, changed files, id, topics, the active assistant conversation), merges and fixups are
//! skipped unless configured, secrets are redacted, a broken store never fails a commit, and 100 quick commits record
//! 100 memories.

mod cli_support;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use cli_support::{CLEARED_ENV, Env};
use serde_json::{Value, json};

const PROJECT: &str = "github.com/acme/shop";
/// How long the background `mx` the hook starts may take to record a commit on a loaded machine.
const RECORD_DEADLINE: Duration = Duration::from_secs(120);

/// A repository in the env's working directory, with `origin` set so the project is stable.
fn repo(env: &Env) -> PathBuf {
    let dir = env.cwd.path().to_path_buf();
    git(env, &dir, &["init", "-q", "-b", "main"]);
    git(env, &dir, &["remote", "add", "origin", "https://github.com/acme/shop.git"]);
    dir
}

/// git as a user runs it, with the env's `MX_HOME` so the hook's `mx` writes to the test's store.
fn git_output(env: &Env, dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new("git");
    cmd.args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("MX_HOME", env.home.path())
        .env("NO_COLOR", "1");
    for var in CLEARED_ENV {
        cmd.env_remove(var);
    }
    cmd.output().expect("git runs")
}

fn git(env: &Env, dir: &Path, args: &[&str]) -> String {
    let out = git_output(env, dir, args);
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

fn write(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// Commits everything with `message` and returns the new commit's id.
fn commit(env: &Env, dir: &Path, message: &str) -> String {
    git(env, dir, &["add", "-A"]);
    git(env, dir, &["commit", "-q", "-m", message]);
    git(env, dir, &["rev-parse", "HEAD"])
}

/// The memories the git hook recorded, oldest first.
fn recorded(env: &Env) -> Vec<Value> {
    let list = env.json(&["memories", "list", "--limit", "1000"]);
    let mut out: Vec<Value> =
        list.as_array().into_iter().flatten().filter(|m| m["source"] == json!("hook:git")).cloned().collect();
    out.reverse();
    out
}

/// Waits until the hook's background `mx` processes recorded `n` commits.
fn wait_for(env: &Env, n: usize) -> Vec<Value> {
    let start = Instant::now();
    loop {
        let got = recorded(env);
        if got.len() >= n || start.elapsed() > RECORD_DEADLINE {
            assert_eq!(got.len(), n, "commits recorded; hook log: {}", hook_log(env));
            return got;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn hook_log(env: &Env) -> String {
    std::fs::read_to_string(env.home.path().join("logs/hook.log")).unwrap_or_default()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o7777
}

#[test]
fn an_existing_hook_keeps_working_and_remove_restores_it_byte_for_byte() {
    let env = Env::new();
    let dir = repo(&env);
    let hooks = dir.join(".git/hooks");
    let original =
        "#!/bin/sh\n# the team's own hook\necho \"ran for $(git rev-parse --short HEAD)\" >> .git/own-hook.log\n";
    write(&hooks, "post-commit", original);
    std::fs::set_permissions(hooks.join("post-commit"), std::fs::Permissions::from_mode(0o750)).expect("chmod");

    let out = env.ok(&["setup", "git"]);
    assert!(out.starts_with("chained"), "{out}");
    assert_eq!(std::fs::read_to_string(hooks.join("post-commit.pre-mx")).expect("moved aside"), original);
    assert!(env.ok(&["setup", "git"]).contains("already set up"), "a second setup changes nothing");

    write(&dir, "src/payments/client.rs", "pub fn pool() -> usize { 10 }\n");
    write(&dir, "docs/payments.md", "# Payments\n");
    let id = commit(
        &env,
        &dir,
        "Cap the payments pool at 10\n\nThe provider rejects more than 10 concurrent connections per key.",
    );
    let memories = wait_for(&env, 1);
    let m = &memories[0];
    assert_eq!(
        m["content"],
        json!("Cap the payments pool at 10\n\nThe provider rejects more than 10 concurrent connections per key.")
    );
    assert_eq!(m["files"], json!(["docs/payments.md", "src/payments/client.rs"]));
    assert_eq!(m["commit"], json!(id));
    assert_eq!(m["externalId"], json!(format!("git:{id}")));
    assert_eq!(m["topics"], json!(["docs", "payments"]));
    assert_eq!(m["project"], json!(PROJECT));
    assert_eq!(m["role"], json!("user"));
    let short = &id[..7];
    let own_log = std::fs::read_to_string(dir.join(".git/own-hook.log")).expect("the old hook ran");
    assert_eq!(own_log, format!("ran for {short}\n"));
    // The commit's own memory reads as unchanged against the code: it is the code.
    assert_eq!(m["stale"]["isStale"], json!(false));

    assert!(env.ok(&["setup", "git", "--remove"]).starts_with("restored"));
    assert_eq!(std::fs::read_to_string(hooks.join("post-commit")).expect("restored"), original);
    assert_eq!(mode(&hooks.join("post-commit")), 0o750);
    assert!(!hooks.join("post-commit.pre-mx").exists());
    assert!(env.ok(&["setup", "git", "--remove"]).contains("already removed"));

    // Without mx's hook, commits are the user's alone again.
    write(&dir, "src/payments/client.rs", "pub fn pool() -> usize { 12 }\n");
    commit(&env, &dir, "Raise the pool");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(recorded(&env).len(), 1);
    assert_eq!(hook_log(&env), "");
}

#[test]
fn core_hooks_path_is_respected_and_a_fresh_hook_is_removed_entirely() {
    let env = Env::new();
    let dir = repo(&env);
    git(&env, &dir, &["config", "core.hooksPath", ".githooks"]);
    assert!(env.ok(&["setup", "git"]).starts_with("created"));
    let hook = dir.join(".githooks/post-commit");
    assert!(hook.exists(), "the hook goes where git looks for it");
    assert!(!dir.join(".git/hooks/post-commit").exists());
    assert_eq!(mode(&hook) & 0o111, 0o111, "executable");

    write(&dir, "README.md", "shop\n");
    let id = commit(&env, &dir, "Initial shop");
    let memories = wait_for(&env, 1);
    assert_eq!(memories[0]["commit"], json!(id));
    assert_eq!(memories[0]["files"], json!([".githooks/post-commit", "README.md"]));

    assert!(env.ok(&["setup", "git", "--remove"]).starts_with("removed"));
    assert!(!hook.exists());
}

#[test]
fn merges_and_fixups_are_skipped_unless_configured_and_secrets_are_redacted() {
    let env = Env::new();
    let dir = repo(&env);
    write(&dir, "a.txt", "a\n");
    commit(&env, &dir, "First");
    git(&env, &dir, &["checkout", "-q", "-b", "side"]);
    write(&dir, "b.txt", "b\n");
    commit(&env, &dir, "Side work");
    git(&env, &dir, &["checkout", "-q", "main"]);
    write(&dir, "c.txt", "c\n");
    commit(&env, &dir, "Main work");
    git(&env, &dir, &["merge", "-q", "--no-edit", "side"]);
    let merge = git(&env, &dir, &["rev-parse", "HEAD"]);
    write(&dir, "c.txt", "c2\n");
    let fixup = commit(&env, &dir, "fixup! Main work");
    write(&dir, "c.txt", "c3\n");
    let key = "sk_live_51HqLy2Kx9vQmT3bRzW8pN4dF7gJ2aE5c";
    let secret = commit(&env, &dir, &format!("Rotate the Stripe key\n\nOld one was {key}"));

    // The hook's `mx` run directly (no background), so what is skipped is known once it returns.
    for id in [&merge, &fixup] {
        env.ok(&["hook", "git", "post-commit", "--commit", id]);
    }
    assert_eq!(recorded(&env).len(), 0, "merge and fixup commits are skipped");
    env.ok(&["hook", "git", "post-commit", "--commit", &secret]);
    let memories = recorded(&env);
    assert_eq!(memories.len(), 1);
    let content = memories[0]["content"].as_str().expect("content");
    assert!(!content.contains(key) && content.contains("[redacted:"), "{content}");

    git(&env, &dir, &["config", "mx.recordMerges", "true"]);
    git(&env, &dir, &["config", "mx.recordFixups", "true"]);
    for id in [&merge, &fixup] {
        env.ok(&["hook", "git", "post-commit", "--commit", id]);
    }
    let commits: Vec<Value> = recorded(&env).iter().map(|m| m["commit"].clone()).collect();
    assert_eq!(commits, [json!(secret), json!(merge), json!(fixup)]);
    assert_eq!(hook_log(&env), "");
}

#[test]
fn a_commit_joins_the_conversation_of_the_assistant_session_at_work() {
    let env = Env::new();
    let dir = repo(&env);
    write(&dir, "src/pool.rs", "10\n");
    let first = commit(&env, &dir, "Pool");
    env.ok(&["hook", "git", "post-commit"]);
    let alone = recorded(&env);
    assert_eq!(alone[0]["commit"], json!(first), "without --commit, HEAD is recorded");

    // An assistant saved something here a moment ago: its conversation is the one the next commit belongs to. (An
    // mx export line with `source: mcp` stands for the MCP server's write; a memory the CLI made is re-imported as
    // one under a new id and conversation, then the CLI's is deleted.)
    let cli = env.create("Working on the pool cap", &["--kind", "progress"]);
    let mut assistant = env.export().into_iter().find(|m| m["id"] == json!(cli)).expect("the CLI's memory is exported");
    let id = format!("{}{}", &cli[..25], if cli.ends_with('z') { 'y' } else { 'z' });
    assistant["id"] = json!(id);
    assistant["conversationId"] = json!(format!("conv_{id}"));
    assistant["source"] = json!("mcp");
    let out = env.mx().args(["import", "-"]).write_stdin(format!("{assistant}\n")).output().expect("mx import runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    env.ok(&["memories", "delete", &cli, "--yes"]);

    write(&dir, "src/pool.rs", "20\n");
    commit(&env, &dir, "Pool: raise the cap");
    env.ok(&["hook", "git", "post-commit"]);
    let both = recorded(&env);
    assert_ne!(both[0]["conversationId"], assistant["conversationId"]);
    assert_eq!(both[1]["conversationId"], assistant["conversationId"]);
}

#[test]
fn a_store_that_cannot_be_opened_never_fails_a_commit() {
    let env = Env::new();
    let dir = repo(&env);
    env.ok(&["setup", "git"]);
    // MX_HOME becomes a file: the store cannot open, the commit must still succeed and print what git prints.
    std::fs::remove_dir_all(env.home.path()).expect("rm home");
    std::fs::write(env.home.path(), "not a directory").expect("write");
    write(&dir, "a.txt", "a\n");
    git(&env, &dir, &["add", "-A"]);
    let out = git_output(&env, &dir, &["commit", "-q", "-m", "Still commits"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "the hook adds nothing to git's output");
    std::fs::remove_file(env.home.path()).expect("rm file");
    std::fs::create_dir_all(env.home.path()).expect("restore home");
}

#[test]
fn a_hundred_quick_commits_record_a_hundred_memories() {
    let env = Env::new();
    let dir = repo(&env);
    env.ok(&["setup", "git"]);
    let mut ids = Vec::new();
    for i in 0..100 {
        write(&dir, &format!("src/module_{}/file.rs", i % 7), &format!("// version {i}\n"));
        ids.push(commit(&env, &dir, &format!("Change {i}")));
    }
    let memories = wait_for(&env, 100);
    let mut got: Vec<String> = memories.iter().filter_map(|m| m["commit"].as_str().map(str::to_owned)).collect();
    got.sort();
    ids.sort();
    assert_eq!(got, ids, "each commit recorded exactly once");
    assert_eq!(hook_log(&env), "", "no recording failed");
}
