//! Export, import, index rebuild, doctor and completions, end to end.

mod cli_support;

use cli_support::{Env, SESSION, seed_session, stderr, stdout};
use insta::assert_snapshot;

/// A few records in the eval datasets' memories.jsonl format (see the eval README): foreign ids, projects, times.
const EVAL_MEMORIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/eval_memories.jsonl");

#[test]
fn export_then_import_into_a_fresh_home_is_lossless_and_idempotent() {
    let env = Env::new();
    let (ids, _) = seed_session(&env);
    env.ok(&["memories", "update", &ids[0], "--importance", "0.9"]);
    env.ok(&["relationships", "create", &ids[1], "follows", &ids[0]]);
    env.ok(&["relationships", "create", &ids[2], "resolves", &ids[1]]);
    let dump = env.cwd.path().join("dump.jsonl");
    let out = env.run(&["export", "--output", dump.to_str().unwrap()]);
    assert!(out.status.success());
    let exported = std::fs::read_to_string(&dump).unwrap();
    assert_eq!(exported.lines().count(), SESSION.len() + 2, "one line per memory, then one per relationship");
    assert_eq!(exported, env.fingerprint(), "--output and stdout write the same JSONL");

    let other = Env::new();
    let first = other.json(&["import", dump.to_str().unwrap()]);
    assert_eq!(first["imported"], SESSION.len());
    assert_eq!(first["relationships"], 2);
    assert_eq!(other.fingerprint(), exported, "every field survives the round trip");
    assert_eq!(
        other.ok(&["relationships", "list", &ids[1]]),
        env.ok(&["relationships", "list", &ids[1]]),
        "relationships survive the round trip"
    );
    other
        .settings()
        .bind(|| assert_snapshot!("import_relationships_list", other.ok(&["relationships", "list", &ids[1]])));
    let again = other.ok(&["import", dump.to_str().unwrap()]);
    assert_eq!(
        again.trim(),
        format!(
            "imported 0 memories ({} already present, 0 with secrets redacted) from {}",
            SESSION.len(),
            dump.display()
        )
    );
    assert_eq!(other.fingerprint(), exported, "a second import changes nothing");
    let found = other.json(&["memories", "search", "idempotency key", "--all-projects"]);
    assert_eq!(found[0]["memory"]["id"], ids[0].as_str(), "imported memories are searchable");
}

#[test]
fn import_reads_the_eval_dataset_format_keeping_times_and_ids() {
    let env = Env::new();
    let summary = env.json(&["import", EVAL_MEMORIES]);
    let lines = std::fs::read_to_string(EVAL_MEMORIES).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(summary["imported"], lines);
    let all = env.export();
    assert_eq!(all.len(), lines);
    let first = all.iter().find(|m| m["externalId"] == "S01-m1").expect("external id kept");
    assert_eq!(first["createdAt"], "2025-01-15T09:00:00Z");
    assert_eq!(first["conversationId"], "S01");
    assert_eq!(first["project"], "shop-api");
    assert_eq!(first["role"], "user");
    assert_eq!(first["source"], "import");
    let rerun = env.json(&["import", EVAL_MEMORIES]);
    assert_eq!(rerun["imported"], 0);
    assert_eq!(rerun["skipped"], lines);
    let hits = env.json(&["memories", "search", "connection pool timing out", "--project", "shop-api"]);
    let found: Vec<&str> =
        hits.as_array().unwrap().iter().map(|h| h["memory"]["externalId"].as_str().unwrap()).collect();
    assert!(found.contains(&"S02-m2") && found.iter().all(|id| id.starts_with("S02-")), "{found:?}");
    let elsewhere = env.json(&["memories", "search", "connection pool timing out", "--project", "blog-engine"]);
    assert!(
        elsewhere.as_array().unwrap().iter().all(|h| h["memory"]["project"] == "blog-engine"),
        "another project's memories stay out: {elsewhere}"
    );
}

#[test]
fn import_from_stdin_and_human_summary() {
    let env = Env::new();
    let line = r#"{"id":"x-1","project":"p","conversationId":"c1","content":"Chose tokio over async-std for the daemon.","createdAt":"2026-01-02T03:04:05Z"}"#;
    let out = env.mx().args(["import", "-"]).write_stdin(format!("{line}\n\n")).output().unwrap();
    assert!(out.status.success());
    env.settings().bind(|| assert_snapshot!("import_stdin_summary", stdout(&out)));
}

#[test]
fn index_rebuild_and_doctor() {
    let env = Env::new();
    seed_session(&env);
    let out = env.ok(&["index", "rebuild"]);
    assert_eq!(out.trim(), format!("rebuilt the search index: {} memories", SESSION.len()));
    let doctor = env.ok(&["doctor"]);
    env.settings().bind(|| assert_snapshot!("doctor_ok", doctor));
    let json = env.json(&["doctor"]);
    assert_eq!(json["ok"], true);
}

#[test]
fn doctor_reports_a_bad_profile_with_what_to_do() {
    let env = Env::new();
    let out = env.mx().args(["doctor", "--format", "llm"]).env("MX_PROFILE", "robot").output().unwrap();
    // mx works with an unknown profile (it falls back to the terminal's format): degraded, not failed.
    assert_eq!(out.status.code(), Some(6));
    let text = stdout(&out);
    assert!(
        text.contains("FAIL environment: unknown value MX_PROFILE=robot -> set MX_PROFILE to ai or human"),
        "{text}"
    );
}

#[test]
fn completions_for_each_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = env.ok(&["completions", shell]);
        assert!(
            script.contains("memories") && script.contains("stdin-jsonl"),
            "{shell}: completes subcommands and flags"
        );
    }
    let out = env.run(&["completions", "tcsh"]);
    cli_support::assert_error(&out, 2, "invalid value 'tcsh'");
}

#[test]
fn assistant_environment_defaults_to_json_and_profile_overrides() {
    let env = Env::new();
    env.create("We pin wasmtime to 48 because 49 needs a newer Rust.", &["--kind", "constraint"]);
    let out = env.mx().args(["memories", "list"]).env("CLAUDECODE", "1").output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json inside Claude Code");
    assert_eq!(v.as_array().unwrap().len(), 1);
    let out = env.mx().args(["memories", "list"]).env("MX_PROFILE", "ai").output().unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok());
    let out = env.mx().args(["memories", "list"]).env("CLAUDECODE", "1").env("MX_PROFILE", "human").output().unwrap();
    assert!(stdout(&out).starts_with("ID "), "MX_PROFILE=human wins");
    let out = env.mx().args(["memories", "list", "--format", "llm"]).env("CURSOR_TRACE_ID", "x").output().unwrap();
    assert!(stdout(&out).contains("constraint"), "an explicit --format wins");
    assert!(!stdout(&out).contains('\u{1b}'), "no escape codes when piped");
}

/// Real datasets hold a few bad records: each is named by line and field, every good record is stored, exit 2.
#[test]
fn import_stores_the_good_records_and_names_each_bad_line() {
    let env = Env::new();
    let record = |id: &str, content: &str| {
        serde_json::json!({ "id": id, "project": "p", "conversationId": "c1", "content": content,
                            "createdAt": "2025-01-15T09:00:00Z", "role": "user" })
        .to_string()
    };
    let lines = [
        record("m1", "Payments use integer cents."),
        record("m2", ""),
        record("m3", &"x".repeat(50_001)),
        "{not json".to_owned(),
        record("m5", "Refunds go through the approval flow."),
    ];
    let file = env.cwd.path().join("dataset.jsonl");
    std::fs::write(&file, lines.join("\n") + "\n").expect("write");
    let out = env.run(&["import", file.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    for needle in [
        "line 2: field `content` must not be empty",
        "line 3: field `content` must be at most 50000",
        "line 4: not valid JSON",
    ] {
        assert!(err.contains(needle), "{needle} missing from {err}");
    }
    env.settings().bind(|| assert_snapshot!("import_bad_records_summary", stdout(&out)));
    let stored: Vec<String> = env.export().iter().filter_map(|m| m["content"].as_str().map(str::to_owned)).collect();
    assert_eq!(stored, ["Payments use integer cents.", "Refunds go through the approval flow."]);
}
