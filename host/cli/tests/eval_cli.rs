//! `mx eval retrieval` end to end on a tiny hand-made dataset whose every figure is computed by hand below: the
//! project scope, the askedAt cut-off (a memory written after the question does not exist yet), memory- and
//! conversation-level scoring, queries without gold at a level being left out, the JSON keys, the table, and the CI
//! threshold's exit code.

mod cli_support;

use std::path::Path;

use cli_support::{Env, assert_error, stdout};
use serde_json::Value;

/// Five memories in two projects. Each query below matches exactly one memory of its project, so the rankings (and
/// therefore every metric) are the same under any sensible ranking.
const MEMORIES: &str = r#"{"id": "m1", "project": "shop", "conversationId": "c1", "role": "assistant", "content": "We chose PostgreSQL 16 for the orders database; one schema per service.", "createdAt": "2025-01-06T10:00:00Z"}
{"id": "m2", "project": "shop", "conversationId": "c1", "role": "user", "content": "The checkout service listens on port 8080 behind nginx.", "createdAt": "2025-01-06T10:05:00Z"}
{"id": "m3", "project": "shop", "conversationId": "c2", "content": "Deploys run from the GitHub Actions workflow in .github/workflows/deploy.yml on every tag.", "topics": ["ci"], "createdAt": "2025-01-20T15:00:00Z"}
{"id": "m4", "project": "shop", "conversationId": "c3", "content": "Redis caches rendered product pages for 10 minutes.", "createdAt": "2025-03-01T09:00:00Z"}
{"id": "m5", "project": "infra", "conversationId": "c9", "content": "PostgreSQL replica lag above 30s pages the on-call engineer.", "createdAt": "2025-01-10T08:00:00Z"}
"#;

/// q1: hit at both levels. q2: its only gold memory is written after the question (miss; no conversation gold, so
/// it is left out of the conversation level). q3: the gold lives in another project (miss at both levels; m1 is the
/// only PostgreSQL memory in scope). q4: hit at both levels.
const QUERIES: &str = r#"{"id": "q1", "project": "shop", "query": "Which database holds the orders?", "askedAt": "2025-02-01T00:00:00Z", "goldIds": ["m1"], "goldConversations": ["c1"], "type": "tech-stack"}
{"id": "q2", "project": "shop", "query": "How long does Redis cache product pages?", "askedAt": "2025-02-01T00:00:00Z", "goldIds": ["m4"], "type": "tech-stack"}
{"id": "q3", "project": "shop", "query": "PostgreSQL replica lag alert", "askedAt": "2025-02-01T00:00:00Z", "goldIds": ["m5"], "goldConversations": ["c9"], "type": "ops"}
{"id": "q4", "project": "shop", "query": "deploy workflow", "askedAt": "2025-02-01T00:00:00Z", "goldIds": ["m3"], "goldConversations": ["c2"], "type": "ops"}
"#;

fn dataset(dir: &Path) {
    std::fs::write(dir.join("memories.jsonl"), MEMORIES).expect("write memories");
    std::fs::write(dir.join("queries.jsonl"), QUERIES).expect("write queries");
}

fn close(v: &Value, want: f64) {
    let got = v.as_f64().unwrap_or(f64::NAN);
    assert!((got - want).abs() < 1e-3, "expected {want}, got {v}");
}

#[test]
fn json_report_matches_hand_computed_figures() {
    let env = Env::new();
    dataset(env.cwd.path());
    let out = env.run(&["eval", "retrieval", "--dataset", ".", "--format", "json", "--k", "1,5"]);
    assert!(out.status.success(), "eval failed: {}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");

    assert_eq!(report["queries"], 4);
    assert_eq!(report["memories"], 5);
    assert_eq!(report["ranking"], "full");
    let mem = &report["memory_level"];
    assert_eq!(mem["queries"], 4);
    // Hits: q1, q4 at rank 1; q2, q3 never.
    close(&mem["hit@1"], 0.5);
    close(&mem["hit@5"], 0.5);
    close(&mem["recall@1"], 0.5);
    close(&mem["mrr"], 0.5);
    close(&mem["ndcg@10"], 0.5);
    assert_eq!(mem["by_type"]["tech-stack"]["queries"], 2);
    close(&mem["by_type"]["tech-stack"]["mrr"], 0.5);
    close(&mem["by_type"]["ops"]["hit@1"], 0.5);

    // q2 has no conversation gold: three queries, two hits.
    let conv = &report["conversation_level"];
    assert_eq!(conv["queries"], 3);
    close(&conv["hit@1"], 2.0 / 3.0);
    close(&conv["mrr"], 2.0 / 3.0);
    assert_eq!(conv["by_type"]["tech-stack"]["queries"], 1);
    close(&conv["by_type"]["tech-stack"]["hit@1"], 1.0);
    close(&conv["by_type"]["ops"]["hit@1"], 0.5);

    assert_eq!(report["misses_at_1"], serde_json::json!(["q2", "q3"]));
    for key in ["p50", "p95", "max"] {
        assert!(report["latency_ms"][key].as_f64().is_some_and(|v| v >= 0.0), "latency_ms.{key}");
    }
}

#[test]
fn bm25_baseline_runs_through_the_same_tool() {
    let env = Env::new();
    dataset(env.cwd.path());
    let report = env.json(&["eval", "retrieval", "--dataset", ".", "--ranking", "bm25"]);
    assert_eq!(report["ranking"], "bm25");
    close(&report["memory_level"]["hit@1"], 0.5);
    close(&report["conversation_level"]["hit@10"], 2.0 / 3.0);
}

#[test]
fn limit_queries_scores_only_the_first_n() {
    let env = Env::new();
    dataset(env.cwd.path());
    let report = env.json(&["eval", "retrieval", "--dataset", ".", "--limit-queries", "1"]);
    assert_eq!(report["queries"], 1);
    close(&report["memory_level"]["mrr"], 1.0);
    assert_eq!(report["misses_at_1"], serde_json::json!([]));
}

#[test]
fn table_output() {
    let env = Env::new();
    dataset(env.cwd.path());
    let out = env.ok(&["eval", "retrieval", "--dataset", ".", "--format", "table"]);
    let mut settings = env.settings();
    settings.add_filter(r"p50 [0-9.]+ ms, p95 [0-9.]+ ms, max [0-9.]+ ms", "p50 [MS], p95 [MS], max [MS]");
    settings.bind(|| insta::assert_snapshot!("eval_table", out));
}

#[test]
fn threshold_fails_with_exit_1_below_and_passes_above() {
    let env = Env::new();
    dataset(env.cwd.path());
    let below = env.run(&["eval", "retrieval", "--dataset", ".", "--format", "json", "--min-conversation-hit1", "0.9"]);
    assert_eq!(below.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&below.stderr).contains("conversation-level hit@1 is 0.667, below the required 0.900"),
        "stderr: {}",
        String::from_utf8_lossy(&below.stderr)
    );
    let above = env.run(&["eval", "retrieval", "--dataset", ".", "--format", "json", "--min-conversation-hit1", "0.6"]);
    assert_eq!(above.status.code(), Some(0));
}

#[test]
fn missing_or_broken_dataset_is_one_clear_error() {
    let env = Env::new();
    let missing = env.run(&["eval", "retrieval", "--dataset", "nowhere"]);
    assert_error(&missing, 1, "memories.jsonl and queries.jsonl");

    dataset(env.cwd.path());
    std::fs::write(env.cwd.path().join("queries.jsonl"), "{\"id\": \"q1\", \"query\": 5}\n").expect("write");
    let broken = env.run(&["eval", "retrieval", "--dataset", "."]);
    assert_error(&broken, 1, "queries.jsonl line 1");
}

/// A published dataset's bad turns (an empty one, one over the store's 50,000-character limit, a line that is not
/// JSON) are left out with their lines, the evaluation of the rest completes, and the queries whose gold memory was
/// among them are named.
#[test]
fn invalid_memories_are_skipped_and_reported_with_the_queries_they_cost() {
    let env = Env::new();
    let huge = format!(
        r#"{{"id": "m7", "project": "shop", "conversationId": "c4", "content": "{}", "createdAt": "2025-01-07T10:00:00Z"}}"#,
        "word ".repeat(12_000)
    );
    let memories = format!(
        "{MEMORIES}{}\n{huge}\n{}\n",
        r#"{"id": "m6", "project": "shop", "conversationId": "c4", "content": "   ", "createdAt": "2025-01-07T10:00:00Z"}"#,
        r#"{"id": "m8", "project": "shop", "content": "#
    );
    std::fs::write(env.cwd.path().join("memories.jsonl"), memories).expect("write memories");
    let queries = format!(
        "{QUERIES}{}\n",
        r#"{"id": "q5", "project": "shop", "query": "the empty turn", "askedAt": "2025-02-01T00:00:00Z", "goldIds": ["m6"], "type": "ops"}"#
    );
    std::fs::write(env.cwd.path().join("queries.jsonl"), queries).expect("write queries");

    let out = env.run(&["eval", "retrieval", "--dataset", ".", "--format", "json"]);
    assert!(out.status.success(), "eval failed: {}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    assert_eq!(report["memories"], 5, "the five good memories are stored");
    let skipped = report["skipped_memories"].as_array().expect("skipped memories");
    let lines: Vec<_> = skipped.iter().map(|s| s["line"].as_u64().unwrap_or(0)).collect();
    assert_eq!(lines, [6, 7, 8]);
    assert_eq!(skipped[0]["id"], "m6");
    assert!(skipped[0]["reason"].as_str().unwrap_or("").contains("content"), "{skipped:?}");
    assert!(skipped[1]["reason"].as_str().unwrap_or("").contains("content"), "{skipped:?}");
    assert!(skipped[2]["reason"].as_str().unwrap_or("").contains("not valid JSON"), "{skipped:?}");
    assert_eq!(report["queries_missing_gold"], serde_json::json!(["q5"]));

    let table = env.ok(&["eval", "retrieval", "--dataset", ".", "--format", "table"]);
    assert!(table.contains("skipped 3 memories the store refuses: line 6 (m6): field `content`"), "{table}");
    assert!(table.contains("1 query lost a gold memory that way (counted as misses): q5"), "{table}");
}

/// The usage ablation: random usage is recorded before the queries and the report says so; each query here has one
/// match in scope, so noise that only reorders close scores leaves every figure as it is.
#[test]
fn usage_noise_is_recorded_and_reported() {
    let env = Env::new();
    dataset(env.cwd.path());
    let out = env.run(&["eval", "retrieval", "--dataset", ".", "--format", "json", "--usage-noise", "7"]);
    assert!(out.status.success(), "eval failed: {}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    assert_eq!(report["usage_noise"], 7);
    close(&report["memory_level"]["hit@1"], 0.5);
    let table = env.run(&["eval", "retrieval", "--dataset", ".", "--usage-noise", "7"]);
    assert!(stdout(&table).contains("usage: random, seed 7"), "{}", stdout(&table));
    let plain = env.run(&["eval", "retrieval", "--dataset", ".", "--format", "json"]);
    assert!(!stdout(&plain).contains("usage_noise"));
}

#[test]
fn fit_cross_validates_over_datasets_and_writes_weights_eval_reads() {
    let env = Env::new();
    for d in ["a", "b"] {
        let dir = env.cwd.path().join(d);
        std::fs::create_dir(&dir).expect("mkdir");
        dataset(&dir);
    }
    let out = env.run(&["eval", "fit", "--datasets", "a,b", "--rounds", "1", "--out", "w.json", "--format", "json"]);
    assert!(out.status.success(), "fit failed: {}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    let folds = report["folds"].as_array().expect("folds");
    assert_eq!(folds.len(), 2, "one fold per dataset");
    assert_eq!(folds[0]["held_out"], "a");
    assert_eq!(folds[0]["fitted_on"], serde_json::json!(["b"]));
    // Every query matches one memory of its project: any weights give q1 and q4, never q2 and q3.
    close(&folds[0]["held_out_figures"]["memory_hit1"], 0.5);
    // The written weights are the format eval and fit read back.
    let out = env.run(&["eval", "retrieval", "--dataset", "a", "--weights", "w.json", "--format", "json"]);
    assert!(out.status.success(), "eval with weights failed: {}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    close(&report["memory_level"]["hit@1"], 0.5);
    std::fs::write(env.cwd.path().join("bad.json"), r#"{"topic": 1}"#).expect("write");
    let out = env.run(&["eval", "retrieval", "--dataset", "a", "--weights", "bad.json"]);
    assert_error(&out, 2, "bad.json");
    let out = env.run(&["eval", "fit", "--datasets", "a,b", "--only", "speed"]);
    assert_error(&out, 2, "no fitted weight is named speed");
}
