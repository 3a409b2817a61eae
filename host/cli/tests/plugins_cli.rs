//! `mx plugins`, `mx setup` and `mx hook` as a user runs them, against the built-in example adapter and the
//! misbehaving test plugin.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

struct Env {
    _dir: tempfile::TempDir,
    home: PathBuf,
    mx_home: PathBuf,
    project: PathBuf,
}

fn env() -> Env {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical tempdir");
    let (home, mx_home, project) = (root.join("home"), root.join("mx"), root.join("home/code/app"));
    std::fs::create_dir_all(project.join(".git")).expect("project");
    std::fs::write(project.join("AGENTS.md"), "# App\n\nRun the tests before committing.\n").expect("agents");
    Env { _dir: dir, home, mx_home, project }
}

impl Env {
    fn mx(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("mx").expect("mx binary");
        cmd.args(args)
            .current_dir(&self.project)
            .env("HOME", &self.home)
            .env("MX_HOME", &self.mx_home)
            // A PATH without mx, so setup writes this binary's full path, which the filter below hides.
            .env("PATH", "/usr/bin:/bin")
            .env_remove("MX_PROJECT")
            .env("NO_COLOR", "1");
        cmd
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.mx(args).output().expect("run mx");
        assert!(out.status.success(), "mx {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn read(&self, path: impl AsRef<Path>) -> String {
        std::fs::read_to_string(self.project.join(path)).expect("read")
    }
}

fn filtered(env: &Env, text: &str) -> String {
    let exe = assert_cmd::cargo::cargo_bin("mx");
    let exe = exe.canonicalize().unwrap_or(exe);
    text.replace(&exe.display().to_string(), "[MX]").replace(&env.mx_home.display().to_string(), "[MX_HOME]")
}

#[test]
fn setup_shows_a_diff_applies_once_and_removes_exactly_what_it_added() {
    let env = env();
    let dry = env.stdout(&["setup", "example", "--dry-run"]);
    insta::assert_snapshot!("setup_example_dry_run", filtered(&env, &dry));
    assert!(!env.project.join(".example").exists(), "a dry run writes nothing");

    insta::assert_snapshot!("setup_example_apply", filtered(&env, &env.stdout(&["setup", "example"])));
    let agents = env.read("AGENTS.md");
    assert!(agents.starts_with("# App\n\nRun the tests before committing.\n\n<!-- mx:begin memory -->\n"), "{agents}");

    let second = env.stdout(&["setup", "example"]);
    assert_eq!(second, "unchanged .example/settings.json\nunchanged AGENTS.md\n");
    assert_eq!(env.stdout(&["setup", "example", "--dry-run"]), "example is already set up; nothing to change\n");

    env.stdout(&["setup", "example", "--remove"]);
    assert_eq!(env.read("AGENTS.md"), "# App\n\nRun the tests before committing.\n");
    assert!(!env.project.join(".example/settings.json").exists());
    assert!(std::fs::read_dir(env.mx_home.join("backups")).expect("backups").count() >= 1);
}

#[test]
fn hook_injects_context_saves_drafts_and_fails_open() {
    let env = env();
    let out = env.mx(&["hook", "example", "session-start"]).write_stdin("{}").output().expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Project memory (mx)\n"), "{out:?}");

    let transcripts = env.home.join(".example/transcripts/p");
    std::fs::create_dir_all(&transcripts).expect("dir");
    std::fs::write(transcripts.join("s.jsonl"), "{\"summary\":\"Ranking done; next: the MCP server.\"}\n").expect("w");
    let payload = serde_json::json!({ "transcript_path": transcripts.join("s.jsonl") }).to_string();
    let out = env.mx(&["hook", "example", "session-end"]).write_stdin(payload).output().expect("run");
    assert!(out.status.success() && out.stdout.is_empty(), "{out:?}");
    let listed = env.stdout(&["memories", "list", "--format", "json"]);
    assert!(listed.contains("Ranking done; next: the MCP server.") && listed.contains("hook:example"), "{listed}");

    // Unknown assistant, undeclared file: exit 0, nothing on stdout, the reason in the log.
    let out = env.mx(&["hook", "nobody", "session-start"]).write_stdin("{}").output().expect("run");
    assert!(out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    let payload = serde_json::json!({ "transcript_path": "/etc/passwd" }).to_string();
    let out = env.mx(&["hook", "example", "session-end"]).write_stdin(payload).output().expect("run");
    assert!(out.status.success() && out.stdout.is_empty(), "{out:?}");
    let log = std::fs::read_to_string(env.mx_home.join("logs/hook.log")).expect("hook.log");
    assert!(log.contains("nobody session-start: no adapter for `nobody`"), "{log}");
    assert!(log.contains("example session-end: plugin `example` was denied reading `/etc/passwd`"), "{log}");
}

#[test]
fn plugins_install_list_run_and_remove_a_third_party_plugin() {
    let env = env();
    let file = env.home.join("misbehaving.wasm");
    std::fs::create_dir_all(&env.home).expect("home");
    std::fs::write(&file, mx_builtin_plugins::test_plugins::MISBEHAVING).expect("write");

    let installed = env.stdout(&["plugins", "install", file.to_str().expect("utf-8")]);
    assert_eq!(
        installed,
        format!(
            "installed misbehaving 0.0.0 for misbehaving at {}\n",
            env.mx_home.join("plugins/misbehaving.wasm").display()
        )
    );
    let listed = env.stdout(&["plugins", "list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&listed).expect("json");
    let names: Vec<&str> = rows.as_array().expect("array").iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(names, ["claude-code", "codex", "copilot", "cursor", "example", "windsurf", "misbehaving"]);

    // A plugin that loops is stopped by the default 2 s deadline; the assistant sees a clean exit 0.
    let out = env.mx(&["hook", "misbehaving", "loop"]).write_stdin("").output().expect("run");
    assert!(out.status.success() && out.stdout.is_empty(), "{out:?}");
    let log = std::fs::read_to_string(env.mx_home.join("logs/hook.log")).expect("hook.log");
    assert!(log.contains("plugin `misbehaving` ran longer than its 2000 ms deadline and was stopped"), "{log}");

    assert_eq!(env.stdout(&["plugins", "remove", "misbehaving"]), "removed misbehaving\n");
    let out = env.mx(&["plugins", "remove", "example"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), "error: `example` is built into mx and cannot be removed");

    let junk = env.home.join("junk.wasm");
    std::fs::write(&junk, b"hello").expect("write");
    let out = env.mx(&["plugins", "install", junk.to_str().expect("utf-8")]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
}
