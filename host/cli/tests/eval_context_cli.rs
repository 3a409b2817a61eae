//! `mx eval context` end to end on a tiny dataset: the real claude-code adapter's hooks run at the task's time in
//! the task's project, what they print is matched back to memories, and the gates and dataset checks answer with
//! one-line errors.

mod cli_support;

use std::path::Path;

use cli_support::{Env, assert_error, stdout};
use serde_json::Value;

/// A shop project with a convention, open work, a fact replaced by a later one (`replacedBy`), a memory written after
/// the task, and another project's memory.
const MEMORIES: &str = r#"{"id": "m1", "project": "shop", "conversationId": "c1", "kind": "convention", "content": "Convention: money is int64 cents everywhere, never floats.", "createdAt": "2025-01-06T10:00:00Z"}
{"id": "m2", "project": "shop", "conversationId": "c2", "kind": "progress", "content": "End of session. Done: refund API. Blocked: waiting on finance for the approval limits. Next: refund approval flow.", "createdAt": "2025-02-10T17:00:00Z"}
{"id": "m3", "project": "shop", "conversationId": "c1", "kind": "decision", "content": "The billing client polls Stripe for charge status every minute.", "createdAt": "2025-01-07T10:00:00Z", "replacedBy": "m4"}
{"id": "m4", "project": "shop", "conversationId": "c3", "kind": "decision", "content": "The billing client no longer polls: Stripe pushes charge events to our webhook endpoint.", "createdAt": "2025-02-01T10:00:00Z"}
{"id": "m5", "project": "shop", "conversationId": "c4", "kind": "convention", "content": "Convention: refunds above 500 euros need two approvers.", "createdAt": "2025-06-01T10:00:00Z"}
{"id": "m6", "project": "infra", "conversationId": "c9", "kind": "convention", "content": "Convention: every refund runbook lives in the infra wiki.", "createdAt": "2025-01-10T08:00:00Z"}
"#;

const TASKS: &str = r#"{"id": "t1", "project": "shop", "prompt": "Let's continue the refund approval work.", "askedAt": "2025-03-01T09:00:00Z", "neededIds": ["m2", "m1"], "acceptableIds": ["m4"], "type": "open-work"}
"#;

fn dataset(dir: &Path, tasks: &str) {
    std::fs::write(dir.join("memories.jsonl"), MEMORIES).expect("write memories");
    std::fs::write(dir.join("tasks.jsonl"), tasks).expect("write tasks");
}

#[test]
fn the_real_hooks_run_at_the_task_time_and_are_scored() {
    let env = Env::new();
    dataset(env.cwd.path(), TASKS);
    let out = env.run(&["eval", "context", "--dataset", ".", "--format", "json", "--show-text"]);
    assert!(out.status.success(), "eval failed: {}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    assert_eq!(report["assistant"], "claude-code");
    assert_eq!(report["memories"], 6);
    let task = &report["tasks"][0];
    let injected: Vec<&str> = ["session_start", "prompt_hook"]
        .iter()
        .flat_map(|hook| task[hook]["ids"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    // The convention and the open work are there; a memory from the future and another project's are not.
    assert!(injected.contains(&"m1") && injected.contains(&"m2"), "{injected:?}");
    assert!(!injected.contains(&"m5") && !injected.contains(&"m6"), "{injected:?}");
    assert_eq!(task["recall"], 1.0);
    assert!(task["session_start"]["text"].as_str().is_some_and(|t| t.contains("Next: refund approval flow")));
    assert!(task["session_start"]["tokens"].as_u64().is_some_and(|t| t > 0));
    assert_eq!(report["overall"]["recall"], 1.0);
    // The replaced polling note is never injected as current.
    assert_eq!(task["superseded_injected"], serde_json::json!([]));
    assert_eq!(report["overall"]["superseded_injected"], 0);
}

#[test]
fn gates_fail_with_one_line() {
    let env = Env::new();
    dataset(env.cwd.path(), TASKS);
    let out = env.run(&["eval", "context", "--dataset", ".", "--max-tokens", "5"]);
    assert_error(&out, 1, "above the allowed 5");
    let table = stdout(&out);
    assert!(table.contains("overall: recall 1.000"), "{table}");
}

#[test]
fn a_task_naming_a_missing_or_later_memory_is_refused() {
    let env = Env::new();
    let missing = env.run(&["eval", "context", "--dataset", "nowhere"]);
    assert_error(&missing, 1, "memories.jsonl and tasks.jsonl");

    dataset(env.cwd.path(), &TASKS.replace("\"m1\"]", "\"m7\"]"));
    assert_error(&env.run(&["eval", "context", "--dataset", "."]), 1, "task t1 names memory m7");

    dataset(env.cwd.path(), &TASKS.replace("\"m1\"]", "\"m5\"]"));
    assert_error(&env.run(&["eval", "context", "--dataset", "."]), 1, "written after the task");
}
