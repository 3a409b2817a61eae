//! What the hooks inject, end to end: real `mx hook claude-code …` processes in a real git project with a real store.
//! Memories whose code moved are not handed over as current (stale progress and gotchas left out, stale decisions
//! marked), and a prompt that describes a symptom gets the similar past bug, framed as such.

mod adapters_support;
mod cli_support;

use adapters_support::{Env, env, write};
use cli_support::git;
use serde_json::{Value, json};

fn commit(env: &Env, message: &str) {
    git(&env.project, &["add", "-A"]);
    git(&env.project, &["commit", "-q", "-m", message]);
}

fn create(env: &Env, content: &str, kind: &str, file: Option<&str>) {
    let mut args = vec!["memories", "create", "--content", content, "--kind", kind];
    if let Some(file) = file {
        args.extend(["--file", file]);
    }
    env.stdout(&args);
}

/// The context a Claude Code hook added (empty when it added none).
fn context(env: &Env, event: &str, extra: Value) -> String {
    let mut payload = json!({ "session_id": "s1", "cwd": env.project.display().to_string(), "hook_event_name": event });
    if let (Some(map), Some(extra)) = (payload.as_object_mut(), extra.as_object()) {
        map.extend(extra.clone());
    }
    let name = if event == "SessionStart" { "session-start" } else { "user-prompt-submit" };
    let out = env.hook("claude-code", name, &payload.to_string());
    if out.is_empty() {
        return out;
    }
    let output: Value = serde_json::from_str(&out).expect("hook output is JSON");
    output["hookSpecificOutput"]["additionalContext"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn memories_whose_code_moved_are_not_injected_as_current() {
    let env = env();
    write(&env.project.join("src/pool.rs"), &"// pool\n".repeat(20));
    write(&env.project.join("src/legacy.rs"), &"// legacy\n".repeat(20));
    commit(&env, "pool and legacy");
    create(
        &env,
        "Halfway through the connection pool rewrite; next: the idle reaper.",
        "progress",
        Some("src/pool.rs"),
    );
    create(&env, "The legacy importer swallows parse errors silently.", "gotcha", Some("src/legacy.rs"));
    create(
        &env,
        "Pool connections are capped at 10 per worker, decided over one global cap.",
        "decision",
        Some("src/pool.rs"),
    );

    let before = context(&env, "SessionStart", json!({ "source": "startup" }));
    for text in ["idle reaper", "swallows parse errors", "capped at 10 per worker"] {
        assert!(before.contains(text), "before the code moved, session start holds {text:?}: {before}");
    }
    assert!(!before.contains("[stale"), "{before}");

    write(&env.project.join("src/pool.rs"), &"// pool, rewritten\n".repeat(20));
    std::fs::remove_file(env.project.join("src/legacy.rs")).expect("remove");
    commit(&env, "rewrite the pool, drop the legacy importer");

    let after = context(&env, "SessionStart", json!({ "source": "startup" }));
    assert!(!after.contains("idle reaper"), "stale progress injected as where things stand: {after}");
    assert!(!after.contains("swallows parse errors"), "stale gotcha injected: {after}");
    let decision = after.lines().find(|l| l.contains("capped at 10 per worker")).expect("the decision stays");
    assert!(decision.contains("[stale: src/pool.rs"), "a stale decision carries its mark: {decision}");

    let prompt =
        context(&env, "UserPromptSubmit", json!({ "prompt": "Why are pool connections capped at 10 per worker?" }));
    let decision =
        prompt.lines().find(|l| l.contains("capped at 10 per worker")).expect("the prompt gets the decision");
    assert!(decision.contains("[stale: src/pool.rs"), "{prompt}");
    let prompt =
        context(&env, "UserPromptSubmit", json!({ "prompt": "Does the legacy importer swallow parse errors?" }));
    assert!(!prompt.contains("swallows parse errors"), "a stale gotcha injected for its prompt: {prompt}");
}

#[test]
fn a_symptom_gets_the_similar_past_bug_framed_as_such() {
    let env = env();
    create(
        &env,
        "Root cause of the random 401s right after login: two tabs refreshed the access token at once and the second \
         refresh revoked the first token. Fixed with a single-flight lock around the token refresh.",
        "debugging",
        Some("src/auth/refresh.ts"),
    );
    create(
        &env,
        "Logging: every log line is JSON with the request id; no console.log in services.",
        "convention",
        None,
    );

    let symptom =
        context(&env, "UserPromptSubmit", json!({ "prompt": "Users get random 401s right after logging in." }));
    let line = symptom.lines().find(|l| l.contains("single-flight lock")).expect("the past bug is injected");
    assert!(line.starts_with("- [similar past bug]"), "{symptom}");
    assert!(!symptom.contains("console.log"), "\"logging in\" is not logging: {symptom}");

    // Asked about the fix itself, it is the debugging note it is.
    let task = context(
        &env,
        "UserPromptSubmit",
        json!({ "prompt": "Move the single-flight lock of the token refresh to a helper" }),
    );
    let line = task.lines().find(|l| l.contains("single-flight lock")).expect("the note is injected");
    assert!(line.starts_with("- [debugging]"), "{task}");
}
