//! `mx setup <assistant>` end to end for every built-in adapter, project and user scope: in a temporary git
//! repository and HOME that already hold the user's own configuration, the dry run shows the diff (snapshot),
//! the written files parse and follow the assistant's documented format, a second run changes nothing, and
//! `--remove` puts every file back byte for byte (files mx created are deleted, and the directories made for them).

mod adapters_support;

use std::path::PathBuf;

use adapters_support::{Env, changed, env, read, snapshot_dirs, snapshot_files, write};
use serde_json::Value;

/// Runs the whole cycle and returns the files the setup changed, for format checks.
fn cycle(env: &Env, assistant: &str, user: bool, snapshot: &str) -> Vec<PathBuf> {
    let scope: &[&str] = if user { &["--user"] } else { &[] };
    let args = |extra: &[&str]| -> Vec<String> {
        ["setup", assistant].iter().chain(scope).chain(extra).map(|s| (*s).to_owned()).collect()
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        env.stdout(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let before = snapshot_files(&[&env.home]);
    let dirs_before = snapshot_dirs(&env.home);

    let dry = run(&["--dry-run"]);
    assert_eq!(snapshot_files(&[&env.home]), before, "--dry-run wrote something");
    insta::assert_snapshot!(snapshot, env.filtered(&dry));

    run(&[]);
    let installed = snapshot_files(&[&env.home]);
    let touched = changed(&before, &installed);
    assert!(!touched.is_empty(), "setup changed nothing");

    let again = run(&[]);
    assert_eq!(snapshot_files(&[&env.home]), installed, "a second setup changed files: {again}");
    assert!(run(&["--dry-run"]).contains("nothing to change"), "a second dry run shows changes");

    run(&["--remove"]);
    let removed = snapshot_files(&[&env.home]);
    assert_eq!(changed(&before, &removed), Vec::<PathBuf>::new(), "--remove did not restore the files");
    assert_eq!(snapshot_dirs(&env.home), dirs_before, "--remove left directories setup made");
    // Leave the installed state for the caller's format checks.
    run(&[]);
    touched
}

fn json(path: &std::path::Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|err| panic!("{} is not JSON: {err}", path.display()))
}

fn hook_commands(settings: &Value, event: &str) -> Vec<String> {
    settings["hooks"][event]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|group| group["hooks"].as_array().cloned().unwrap_or_default())
        .filter_map(|hook| hook["command"].as_str().map(str::to_owned))
        .collect()
}

/// A Markdown file's rules block: between the markers, once.
fn assert_one_rules_block(path: &std::path::Path) {
    let text = read(path);
    assert_eq!(text.matches("<!-- mx:begin mx-memory -->").count(), 1, "{text}");
    assert_eq!(text.matches("<!-- mx:end mx-memory -->").count(), 1, "{text}");
    assert!(text.contains("create_memory") && text.contains("recall"), "{text}");
}

#[test]
fn claude_code_project() {
    let env = env();
    let p = &env.project;
    write(
        &p.join(".mcp.json"),
        "{\n  \"mcpServers\": {\n    \"github\": {\n      \"type\": \"http\",\n      \"url\": \"https://api.githubcopilot.com/mcp/\"\n    }\n  }\n}\n",
    );
    write(&p.join("CLAUDE.md"), "# Shop\n\n- Run `cargo test` before committing.\n- Money is always integer cents.\n");
    write(
        &p.join(".claude/settings.json"),
        "{\n  \"permissions\": { \"allow\": [\"Bash(cargo test:*)\"] },\n  \"hooks\": {\n    \"PostToolUse\": [\n      { \"matcher\": \"Edit|Write\", \"hooks\": [{ \"type\": \"command\", \"command\": \"cargo fmt\" }] }\n    ]\n  }\n}\n",
    );
    let touched = cycle(&env, "claude-code", false, "setup_claude_code_project");
    assert_eq!(touched.len(), 3, "{touched:?}");

    let mcp = json(&p.join(".mcp.json"));
    assert_eq!(mcp["mcpServers"]["github"]["type"], "http", "the user's server is kept");
    assert_eq!(mcp["mcpServers"]["mx"]["type"], "stdio");
    assert_eq!(mcp["mcpServers"]["mx"]["args"], serde_json::json!(["mcp"]));
    let settings = json(&p.join(".claude/settings.json"));
    assert_eq!(hook_commands(&settings, "PostToolUse"), ["cargo fmt"]);
    for (event, mx_event) in [
        ("SessionStart", "session-start"),
        ("UserPromptSubmit", "user-prompt-submit"),
        ("PreCompact", "pre-compact"),
        ("Stop", "stop"),
        ("SessionEnd", "session-end"),
    ] {
        let commands = hook_commands(&settings, event);
        assert_eq!(commands.len(), 1, "{event}: {commands:?}");
        assert!(commands[0].ends_with(&format!(" hook claude-code {mx_event}")), "{event}: {commands:?}");
        assert_eq!(settings["hooks"][event][0]["hooks"][0]["type"], "command");
    }
    assert_eq!(settings["hooks"]["SessionStart"][0]["matcher"], "startup|resume|clear|compact");
    assert_one_rules_block(&p.join("CLAUDE.md"));
}

#[test]
fn claude_code_user() {
    let env = env();
    let h = &env.home;
    write(&h.join(".claude.json"), "{\n  \"numStartups\": 42,\n  \"theme\": \"dark\",\n  \"projects\": {}\n}\n");
    write(&h.join(".claude/settings.json"), "{\n  \"model\": \"opus\"\n}\n");
    let touched = cycle(&env, "claude-code", true, "setup_claude_code_user");
    assert_eq!(touched.len(), 3, "{touched:?}");
    let config = json(&h.join(".claude.json"));
    assert_eq!(config["numStartups"], 42);
    assert_eq!(config["mcpServers"]["mx"]["command"].as_str().map(|c| c.ends_with("mx")), Some(true));
    let settings = json(&h.join(".claude/settings.json"));
    assert_eq!(settings["model"], "opus");
    assert_eq!(hook_commands(&settings, "SessionStart").len(), 1);
    assert_one_rules_block(&h.join(".claude/CLAUDE.md"));
    assert!(!env.project.join(".mcp.json").exists(), "user scope wrote into the project");
}

/// One mx command per hook mx installs in Cursor's hooks.json, in its `{ "command" }` entry format, and no
/// `beforeSubmitPrompt` (its output cannot add context).
fn assert_cursor_hooks(hooks: &Value) {
    for (event, mx_event) in [
        ("sessionStart", "session-start"),
        ("stop", "stop"),
        ("preCompact", "pre-compact"),
        ("sessionEnd", "session-end"),
    ] {
        let entries = hooks["hooks"][event].as_array().unwrap_or_else(|| panic!("no {event} hooks: {hooks}"));
        assert_eq!(entries.len(), 1, "{event}: {hooks}");
        let command = entries[0]["command"].as_str().unwrap_or_default();
        assert!(command.ends_with(&format!(" hook cursor {mx_event}")), "{event}: {hooks}");
    }
    assert!(hooks["hooks"].get("beforeSubmitPrompt").is_none(), "{hooks}");
}

#[test]
fn cursor_project_without_existing_files() {
    let env = env();
    let p = &env.project;
    let touched = cycle(&env, "cursor", false, "setup_cursor_project");
    assert_eq!(touched.len(), 3, "{touched:?}");
    let mcp = json(&p.join(".cursor/mcp.json"));
    assert_eq!(mcp["mcpServers"]["mx"]["args"], serde_json::json!(["mcp"]));
    let hooks = json(&p.join(".cursor/hooks.json"));
    assert_eq!(hooks["version"], 1);
    assert_cursor_hooks(&hooks);
    let rule = read(&p.join(".cursor/rules/mx-memory.mdc"));
    let front = rule.strip_prefix("---\n").and_then(|r| r.split_once("\n---\n")).map(|(f, _)| f).expect("front matter");
    assert!(front.lines().any(|l| l == "alwaysApply: true"), "{front}");
    assert!(front.lines().any(|l| l.starts_with("description: ")), "{front}");
}

#[test]
fn cursor_user_keeps_existing_hooks() {
    let env = env();
    let h = &env.home;
    write(
        &h.join(".cursor/hooks.json"),
        "{\n  \"version\": 1,\n  \"hooks\": {\n    \"afterFileEdit\": [{ \"command\": \"./hooks/format.sh\" }]\n  }\n}\n",
    );
    write(
        &h.join(".cursor/mcp.json"),
        "{\n  \"mcpServers\": {\n    \"linear\": { \"url\": \"https://mcp.linear.app/sse\" }\n  }\n}\n",
    );
    cycle(&env, "cursor", true, "setup_cursor_user");
    let hooks = json(&h.join(".cursor/hooks.json"));
    assert_eq!(hooks["hooks"]["afterFileEdit"][0]["command"], "./hooks/format.sh");
    assert_cursor_hooks(&hooks);
    assert!(!h.join(".cursor/rules").exists(), "Cursor has no user rule files");
}

#[test]
fn windsurf_project_and_user() {
    let env = env();
    let h = &env.home;
    write(
        &h.join(".codeium/windsurf/mcp_config.json"),
        "{\n  \"mcpServers\": {\n    \"postgres\": { \"command\": \"npx\", \"args\": [\"-y\", \"@modelcontextprotocol/server-postgres\"] }\n  }\n}\n",
    );
    cycle(&env, "windsurf", false, "setup_windsurf_project");
    let config = json(&h.join(".codeium/windsurf/mcp_config.json"));
    assert_eq!(config["mcpServers"]["postgres"]["command"], "npx");
    assert_eq!(config["mcpServers"]["mx"]["args"], serde_json::json!(["mcp"]));
    let rule = read(&env.project.join(".windsurf/rules/mx-memory.md"));
    assert!(rule.starts_with("---\ntrigger: always_on\n---\n"), "{rule}");
    assert!(rule.chars().count() < 12_000, "Windsurf rule files are capped at 12,000 characters");

    let env = adapters_support::env();
    write(&env.home.join(".codeium/windsurf/memories/global_rules.md"), "Answer in British English.\n");
    cycle(&env, "windsurf", true, "setup_windsurf_user");
    assert_one_rules_block(&env.home.join(".codeium/windsurf/memories/global_rules.md"));
    assert!(
        read(&env.home.join(".codeium/windsurf/memories/global_rules.md")).starts_with("Answer in British English.\n")
    );
}

#[test]
fn copilot_project_and_user_refusal() {
    let env = env();
    let p = &env.project;
    write(
        &p.join(".vscode/mcp.json"),
        "{\n  // Team servers\n  \"servers\": {\n    \"playwright\": { \"command\": \"npx\", \"args\": [\"@playwright/mcp@latest\"] }\n  }\n}\n",
    );
    write(&p.join(".github/copilot-instructions.md"), "# Copilot instructions\n\nUse TypeScript strict mode.\n");
    cycle(&env, "copilot", false, "setup_copilot_project");
    let text = read(&p.join(".vscode/mcp.json"));
    assert!(text.contains("// Team servers"), "the comment was lost: {text}");
    let without_comment: String =
        text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let config: Value = serde_json::from_str(&without_comment).expect("mcp.json is JSONC");
    assert_eq!(config["servers"]["mx"]["type"], "stdio");
    assert_eq!(config["servers"]["playwright"]["command"], "npx");
    assert_one_rules_block(&p.join(".github/copilot-instructions.md"));

    let out = env.mx(&["setup", "copilot", "--user"]).output().expect("run");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("code --add-mcp"), "{stderr}");
}

#[test]
fn codex_project_and_user() {
    let env = env();
    let p = &env.project;
    write(&p.join("AGENTS.md"), "# Agents\n\nRun `make check` before finishing.\n");
    cycle(&env, "codex", false, "setup_codex_project");
    let config: toml_edit::DocumentMut = read(&p.join(".codex/config.toml")).parse().expect("config.toml is TOML");
    assert_eq!(config["mcp_servers"]["mx"]["args"].as_array().map(|a| a.len()), Some(1));
    assert_one_rules_block(&p.join("AGENTS.md"));

    let env = adapters_support::env();
    let h = &env.home;
    write(
        &h.join(".codex/config.toml"),
        "model = \"gpt-5-codex\"\n\n[mcp_servers.context7]\ncommand = \"npx\"\nargs = [\"-y\", \"@upstash/context7-mcp\"]\n",
    );
    cycle(&env, "codex", true, "setup_codex_user");
    let config: toml_edit::DocumentMut = read(&h.join(".codex/config.toml")).parse().expect("config.toml is TOML");
    assert_eq!(config["model"].as_str(), Some("gpt-5-codex"));
    assert_eq!(config["mcp_servers"]["context7"]["command"].as_str(), Some("npx"));
    assert_eq!(config["mcp_servers"]["mx"]["args"][0].as_str(), Some("mcp"));
    assert_one_rules_block(&h.join(".codex/AGENTS.md"));
}
