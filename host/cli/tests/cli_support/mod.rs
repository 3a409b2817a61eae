//! Shared helpers for the CLI integration tests: a temporary `MX_HOME` and working directory per test, the real
//! `mx` binary with a clean environment, and insta filters for ids, temp paths and times.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use tempfile::TempDir;

/// Variables that would change mx's defaults if the test runner happens to run inside an assistant.
pub const CLEARED_ENV: &[&str] = &[
    "MX_FORMAT",
    "MX_PROFILE",
    "MX_PROJECT",
    "MX_LOG",
    "CLAUDECODE",
    "CURSOR_TRACE_ID",
    "CURSOR_AGENT",
    "GITHUB_COPILOT_CLI",
    "COPILOT_MODEL",
    "CODEX_SANDBOX",
    "CODEX_THREAD_ID",
    "CODEX_CI",
    "CODEX_SANDBOX_NETWORK_DISABLED",
    "GEMINI_CLI",
    "CLINE_ACTIVE",
    "OPENCODE",
    "AUGMENT_AGENT",
];

/// git with fixed identities and dates and no user or system config, so commit ids (and what prints them) are the
/// same on every run. Panics with git's message when it fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .env("GIT_AUTHOR_DATE", "2026-11-20T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-20T10:00:00Z")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Commits everything in the repository at `dir`.
pub fn commit_all(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", message]);
}

/// Writes `text` to `dir/path`, making its directories.
pub fn write_file(dir: &Path, path: &str, text: &str) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// One isolated mx installation: its own data home and its own working directory (not a git repository, so the
/// project is the directory itself).
#[derive(Debug)]
pub struct Env {
    pub home: TempDir,
    pub cwd: TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            home: tempfile::Builder::new().prefix("mxhome").tempdir().expect("temp home"),
            cwd: tempfile::Builder::new().prefix("mxcwd").tempdir().expect("temp cwd"),
        }
    }

    pub fn home_path(&self) -> PathBuf {
        self.home.path().to_path_buf()
    }

    /// `mx` with this env's home and cwd, no colors, nothing inherited that could change the output format.
    pub fn mx(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_mx())
    }

    /// The same as a plain `std::process::Command`, for spawning many processes at once.
    pub fn std_mx(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mx"));
        self.prepare(&mut cmd);
        cmd
    }

    fn prepare(&self, cmd: &mut std::process::Command) {
        cmd.current_dir(self.cwd.path()).env("MX_HOME", self.home.path()).env("NO_COLOR", "1");
        for var in CLEARED_ENV {
            cmd.env_remove(var);
        }
    }

    /// Runs `mx args…` and returns its output, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        self.mx().args(args).output().expect("mx runs")
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "mx {args:?} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs a command with `--format json` that must succeed and parses its output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--format", "json"]);
        let text = self.ok(&all);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("mx {args:?} printed invalid JSON ({e}): {text}"))
    }

    /// Creates a memory and returns its full id.
    pub fn create(&self, content: &str, extra: &[&str]) -> String {
        let mut args = vec!["memories", "create", "--content", content];
        args.extend_from_slice(extra);
        let v = self.json(&args);
        v["id"].as_str().expect("create prints an id").to_owned()
    }

    /// Every memory, all projects, superseded included, as exported.
    /// The exported memories (the relationship lines that follow them left out).
    pub fn export(&self) -> Vec<Value> {
        self.ok(&["export"])
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).expect("export lines are JSON"))
            .filter(|v| v.get("relationship").is_none())
            .collect()
    }

    /// The canonical export text: a fingerprint of everything stored, to prove a failed command changed nothing.
    pub fn fingerprint(&self) -> String {
        self.ok(&["export"])
    }

    /// Insta settings that replace what changes between runs: ids, conversation ids, times, temp paths.
    pub fn settings(&self) -> insta::Settings {
        let mut s = insta::Settings::clone_current();
        s.set_prepend_module_to_snapshot(false);
        for (path, name) in [(self.home.path(), "[HOME]"), (self.cwd.path(), "[CWD]")] {
            for variant in path_variants(path) {
                s.add_filter(&regex_escape(&variant), name);
            }
        }
        s.add_filter(r"01[0-9a-hjkmnp-tv-z]{24}", "[ID]");
        s.add_filter(r"\b01[0-9a-hjkmnp-tv-z]{10}\b", "[SHORT]");
        s.add_filter(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", "[TIME]");
        s.add_filter(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", "[TIME]");
        s.add_filter(r"\b\d{4}-\d{2}-\d{2}\b", "[DATE]");
        s
    }
}

fn path_variants(p: &Path) -> Vec<String> {
    let mut v = vec![p.display().to_string()];
    if let Ok(c) = p.canonicalize() {
        v.push(c.display().to_string());
    }
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.dedup();
    v
}

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts a failed run: the exit code, a single `error: …` line on stderr containing `needle`, nothing on stdout.
pub fn assert_error(out: &Output, code: i32, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "exit code; stderr: {err}");
    assert!(err.starts_with("error: "), "stderr starts with `error: `: {err:?}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(err.contains(needle), "stderr mentions {needle:?}: {err:?}");
    assert!(!err.contains("panicked") && !err.contains("RUST_BACKTRACE"), "no panic: {err}");
}

/// A realistic session's worth of memories: decisions, ruled-out approaches, a constraint, progress.
pub const SESSION: &[(&str, &str, &str)] = &[
    (
        "decision",
        "payments,stripe",
        "Decided to wrap every Stripe call in an idempotency key derived from the order id, instead of retrying blindly.",
    ),
    (
        "ruled-out",
        "payments,retries",
        "Tried exponential backoff with jitter on webhook retries; it didn't work because Stripe already retries for 3 days.",
    ),
    ("constraint", "payments", "Refunds above 500 EUR need a second approver per the finance team's policy."),
    (
        "progress",
        "payments,in-progress",
        "End of session. Implemented idempotency key pattern on all Stripe calls. Next: add the refund approval flow.",
    ),
    ("convention", "testing", "Integration tests use the stripe-mock container, never the live test-mode API."),
];

/// Stores [`SESSION`] in one new conversation; returns the ids in order and the conversation id.
pub fn seed_session(env: &Env) -> (Vec<String>, String) {
    let first = env.json(&[
        "memories",
        "create",
        "--conversation-id",
        "NEW",
        "--kind",
        SESSION[0].0,
        "--topics",
        SESSION[0].1,
        "--content",
        SESSION[0].2,
    ]);
    let conv = first["conversationId"].as_str().expect("conversation id").to_owned();
    let mut ids = vec![first["id"].as_str().expect("id").to_owned()];
    for (kind, topics, content) in &SESSION[1..] {
        ids.push(env.create(content, &["--conversation-id", &conv, "--kind", kind, "--topics", topics]));
    }
    (ids, conv)
}
