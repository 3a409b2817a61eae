//! Which injected memories an assistant used, end to end through Claude Code's hooks: a session starts with two
//! memories injected, the prompt hook injects one of them again, the recorded transcript then relies on one (the
//! assistant repeats its fact) and not the other, and the Stop hook's check records exactly that. The records show
//! in `mx memories stats --usage`, and survive an export and import.

mod adapters_support;

use adapters_support::{Env, env, fixture, write};
use serde_json::{Value, json};

const SESSION_ID: &str = "7f3c2a91-5d4e-4b8a-9c61-2e8f0a7b4d13";
/// The recorded session repeats this decision ("dedupe … in a processed_events table instead of an in-memory cache,
/// because retries can reach another instance").
const USED: &str = "Decision: webhook retries are deduplicated in a processed_events table rather than an in-memory \
                    cache, because retries can reach another instance.";
/// Nothing in the recorded session touches money amounts.
const UNUSED: &str = "Convention: money amounts are integer cents (i64) in the ledger; never f64.";

fn payload(env: &Env, event: &str, transcript: &str, extra: Value) -> String {
    let mut value = json!({
        "session_id": SESSION_ID,
        "transcript_path": transcript,
        "cwd": env.project.display().to_string(),
        "hook_event_name": event,
    });
    if let (Some(map), Some(extra)) = (value.as_object_mut(), extra.as_object()) {
        map.extend(extra.clone());
    }
    value.to_string()
}

fn create(env: &Env, content: &str, kind: &str) -> String {
    let out = env.stdout(&["memories", "create", "--content", content, "--kind", kind, "--format", "json"]);
    let created: Value = serde_json::from_str(&out).expect("create JSON");
    created["id"].as_str().or_else(|| created["memory"]["id"].as_str()).expect("an id").to_owned()
}

/// The usage lines of `mx export`, keyed by memory id.
fn usage_lines(env: &Env) -> Vec<Value> {
    env.stdout(&["export"])
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter_map(|line| line.get("usage").cloned())
        .collect()
}

#[test]
fn a_recorded_session_uses_one_injected_memory_and_not_the_other() {
    let env = env();
    let used = create(&env, USED, "decision");
    let unused = create(&env, UNUSED, "convention");
    let transcript = env.home.join(".claude/projects/-home-dev-code-shop").join(format!("{SESSION_ID}.jsonl"));
    write(&transcript, &fixture("claude-code/session.jsonl"));
    let transcript = transcript.display().to_string();

    let start = env.hook(
        "claude-code",
        "session-start",
        &payload(&env, "SessionStart", &transcript, json!({ "source": "startup" })),
    );
    assert!(start.contains("processed_events") && start.contains("integer cents"), "both injected: {start}");
    let prompt = "Make the Stripe webhook handler idempotent: retries are deduplicated how?";
    let injected = env.hook(
        "claude-code",
        "user-prompt-submit",
        &payload(&env, "UserPromptSubmit", &transcript, json!({ "prompt": prompt })),
    );
    assert!(injected.contains("processed_events"), "the prompt hook injects the decision: {injected}");

    // Before the session is captured nothing counts as used.
    let before = usage_lines(&env);
    assert_eq!(before.len(), 2, "{before:#?}");
    assert!(before.iter().all(|u| u.get("usedAt").is_none()), "{before:#?}");

    env.hook("claude-code", "stop", &payload(&env, "Stop", &transcript, json!({ "stop_hook_active": false })));
    assert_eq!(env.hook_log(), "", "a hook failed");

    let usage = usage_lines(&env);
    let of = |id: &str| usage.iter().find(|u| u["memoryId"] == id).cloned().expect("a usage record");
    let (used_record, unused_record) = (of(&used), of(&unused));
    assert_eq!(used_record["session"], SESSION_ID);
    assert_eq!(used_record["assistant"], "claude-code");
    assert_eq!(used_record["event"], "session-start");
    assert_eq!(used_record["injections"], 2, "session start and the prompt: {used_record}");
    assert!(used_record["usedAt"].is_string(), "{used_record}");
    assert_eq!(used_record["evidence"], "repeated \"in a processed_events table\"");
    assert_eq!(unused_record["injections"], 1);
    assert!(unused_record.get("usedAt").is_none() && unused_record.get("evidence").is_none(), "{unused_record}");

    // A later Stop finds nothing new and changes nothing.
    env.hook("claude-code", "stop", &payload(&env, "Stop", &transcript, json!({ "stop_hook_active": false })));
    assert_eq!(usage_lines(&env), usage);

    insta::assert_snapshot!("usage_stats_table", env.stdout(&["memories", "stats", "--usage"]));
    insta::assert_snapshot!("usage_stats_json", env.stdout(&["memories", "stats", "--usage", "--format", "json"]));
    insta::assert_snapshot!("usage_stats_llm", env.stdout(&["memories", "stats", "--usage", "--format", "llm"]));

    // The round trip keeps the usage records.
    let exported = env.stdout(&["export"]);
    let fresh = adapters_support::env();
    let file = fresh.home.join("export.jsonl");
    write(&file, &exported);
    let report = fresh.stdout(&["import", &file.display().to_string()]);
    assert!(report.contains("and 2 usage records"), "{report}");
    assert_eq!(usage_lines(&fresh), usage);
}

#[test]
fn usage_stats_say_when_nothing_was_recorded() {
    let env = env();
    insta::assert_snapshot!("usage_stats_empty", env.stdout(&["memories", "stats", "--usage"]));
}
