//! `mx plugins`, `mx setup` and `mx hook` as a user runs them, against the example adapter (installed as a user's
//! plugin: it is not shipped) and the misbehaving test plugin.

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
    let env = Env { _dir: dir, home, mx_home, project };
    let file = root.join("example.wasm");
    std::fs::write(&file, mx_builtin_plugins::test_plugins::EXAMPLE).expect("write the example");
    env.stdout(&["plugins", "install", file.to_str().expect("utf-8")]);
    env
}

#[test]
fn the_example_adapter_is_not_shipped() {
    let env = env();
    env.stdout(&["plugins", "remove", "example"]);
    let out = env.mx(&["setup", "example"]).output().expect("run");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("claude-code") && !err.contains("example,") && !err.contains(", example"), "{err}");
    assert!(!env.project.join(".example").exists());
    let listed = env.stdout(&["plugins", "list", "--format", "json"]);
    assert!(!listed.contains("\"example\""), "{listed}");
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
    assert_eq!(second, "example is already set up; nothing to change\n");
    assert_eq!(env.stdout(&["setup", "example", "--dry-run"]), "example is already set up; nothing to change\n");

    env.stdout(&["setup", "example", "--remove"]);
    // The files mx created are gone: a second removal has nothing to do and lists none of them as "unchanged".
    assert_eq!(env.stdout(&["setup", "example", "--remove"]), "example is already removed; nothing to change\n");
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
            "installed misbehaving 0.0.0 for misbehaving (contract 0.2.0) at {}\n",
            env.mx_home.join("plugins/misbehaving.wasm").display()
        )
    );
    // A plugin built against the frozen 0.1.0 contract installs and runs beside the 0.2.0 ones.
    let old = env.home.join("contract-old.wasm");
    std::fs::write(&old, mx_builtin_plugins::test_plugins::CONTRACT_V0_1_0).expect("write");
    let installed = env.stdout(&["plugins", "install", old.to_str().expect("utf-8")]);
    assert!(installed.starts_with("installed contract-old 1.0.0 for contract-old (contract 0.1.0) at "), "{installed}");

    let listed = env.stdout(&["plugins", "list", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&listed).expect("json");
    let names: Vec<(&str, &str)> = rows
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|r| Some((r["name"].as_str()?, r["contract"].as_str()?)))
        .collect();
    assert_eq!(
        names,
        [
            ("claude-code", "0.2.0"),
            ("codex", "0.2.0"),
            ("copilot", "0.2.0"),
            ("cursor", "0.2.0"),
            ("windsurf", "0.2.0"),
            ("contract-old", "0.1.0"),
            ("example", "0.2.0"),
            ("misbehaving", "0.2.0"),
        ]
    );
    let table = env.stdout(&["plugins", "list", "--format", "table"]);
    let header: Vec<&str> = table.lines().next().unwrap_or_default().split_whitespace().collect();
    assert_eq!(header, ["NAME", "VERSION", "CONTRACT", "SOURCE", "DESCRIPTION"]);
    assert!(
        table.lines().any(|line| line.split_whitespace().take(3).eq(["contract-old", "1.0.0", "0.1.0"])),
        "{table}"
    );

    let out = env.mx(&["hook", "contract-old", "bad-search"]).write_stdin("").output().expect("run");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "invalid: topics: must be at most 32 topics (got \"40 topics\")");

    // A plugin that loops is stopped by its deadline, here the one the user configured; the assistant sees a clean
    // exit 0.
    std::fs::write(env.mx_home.join("config.toml"), "[plugins]\ndeadline-ms = 500\n").expect("config");
    let out = env.mx(&["hook", "misbehaving", "loop"]).write_stdin("").output().expect("run");
    assert!(out.status.success() && out.stdout.is_empty(), "{out:?}");
    let log = std::fs::read_to_string(env.mx_home.join("logs/hook.log")).expect("hook.log");
    assert!(log.contains("plugin `misbehaving` ran longer than its 500 ms deadline and was stopped"), "{log}");
    std::fs::write(env.mx_home.join("config.toml"), "[plugins]\ndeadline = 500\n").expect("config");
    let out = env.mx(&["setup", "misbehaving", "--dry-run"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2), "a typo in [plugins] is a usage error: {out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("[plugins] has no key `deadline`"), "{out:?}");
    std::fs::remove_file(env.mx_home.join("config.toml")).expect("config");

    assert_eq!(env.stdout(&["plugins", "remove", "misbehaving"]), "removed misbehaving\n");
    let out = env.mx(&["plugins", "remove", "claude-code"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "error: `claude-code` is built into mx and cannot be removed"
    );

    let junk = env.home.join("junk.wasm");
    std::fs::write(&junk, b"hello").expect("write");
    let out = env.mx(&["plugins", "install", junk.to_str().expect("utf-8")]).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
}
