//! Near-identical memories that are two facts, through the real `mx` and its store: a word of the question that
//! only one of them holds puts that one first in search and digest; a question that names neither keeps both; what
//! is folded says how many it stands for and `--include-superseded` shows it. Then the 10,000-memory templated store
//! where every sentence has newer twins about another technology or service.

mod cli_support;

use std::fmt::Write as _;

use cli_support::Env;
use insta::assert_snapshot;
use serde_json::Value;

const STAGING: &str =
    "Gotcha: the staging database password rotates every Monday; fetch it from Vault path secret/staging/db.";
const PRODUCTION: &str =
    "Gotcha: the production database password rotates every Monday; fetch it from Vault path secret/prod/db.";

/// The two commands of the report, in its order: production is the newer.
fn vault_env() -> Env {
    let env = Env::new();
    env.create(STAGING, &["--conversation-id", "NEW"]);
    env.create(PRODUCTION, &["--conversation-id", "NEW"]);
    env
}

fn contents(json: &Value) -> Vec<String> {
    json.as_array()
        .expect("search prints an array")
        .iter()
        .map(|r| r["memory"]["content"].as_str().expect("content").to_owned())
        .collect()
}

#[test]
fn the_staging_question_puts_the_staging_memory_first_in_search_and_digest() {
    let env = vault_env();
    let found = env.json(&["memories", "search", "staging database password"]);
    assert_eq!(contents(&found), [STAGING, PRODUCTION]);
    assert_eq!(found[1]["outmatchedBy"], found[0]["memory"]["id"], "{found}");

    let table = env.ok(&["memories", "search", "staging database password"]);
    let mut settings = env.settings();
    settings.add_filter(r"\b\d+\.\d{3}\b", "[SCORE]");
    settings.bind(|| assert_snapshot!("twins_search_staging", table));

    let digest = env.ok(&["memories", "digest", "--query", "staging database password"]);
    env.settings().bind(|| assert_snapshot!("twins_digest_staging", digest));
    assert!(digest.contains("secret/staging/db") && !digest.contains("secret/prod/db"), "{digest}");

    // The other way round: the newer one wins only because it holds the question's word.
    let found = env.json(&["memories", "search", "production database password"]);
    assert_eq!(contents(&found), [PRODUCTION, STAGING]);
    let digest = env.ok(&["memories", "digest", "--query", "production database password"]);
    assert!(digest.contains("secret/prod/db") && !digest.contains("secret/staging/db"), "{digest}");
}

#[test]
fn a_question_naming_neither_environment_shows_both() {
    let env = vault_env();
    let found = env.json(&["memories", "search", "database password rotation"]);
    let mut got = contents(&found);
    got.sort();
    assert_eq!(got, [PRODUCTION, STAGING], "two environments are two facts: {found}");
    let digest = env.ok(&["memories", "digest", "--query", "database password rotation"]);
    assert!(digest.contains("secret/staging/db") && digest.contains("secret/prod/db"), "{digest}");
}

#[test]
fn rewordings_fold_into_the_newest_which_says_so_and_include_superseded_shows_every_one() {
    let env = Env::new();
    for verb in ["kept", "stored", "held"] {
        env.create(
            &format!("Processed idempotency keys are {verb} in Redis with a 24 hour TTL."),
            &["--conversation-id", "NEW"],
        );
    }
    let found = env.json(&["memories", "search", "idempotency keys redis"]);
    assert_eq!(contents(&found), ["Processed idempotency keys are held in Redis with a 24 hour TTL."]);
    assert_eq!(found[0]["folded"], 2, "{found}");

    let table = env.ok(&["memories", "search", "idempotency keys redis"]);
    let llm = env.ok(&["memories", "search", "idempotency keys redis", "--format", "llm"]);
    let mut settings = env.settings();
    settings.add_filter(r"\b\d+\.\d{3}\b", "[SCORE]");
    settings.bind(|| {
        assert_snapshot!("twins_search_folded_table", table);
        assert_snapshot!("twins_search_folded_llm", llm);
    });

    let every = env.json(&["memories", "search", "idempotency keys redis", "--include-superseded"]);
    assert_eq!(contents(&every).len(), 3, "{every}");
    assert!(every.as_array().expect("array").iter().all(|r| r.get("folded").is_none()), "{every}");
}

// The templated store: the generator of eval/templated/generate.py (same sequence, same memories), so a miss here
// is a miss of `mx eval retrieval --dataset eval/templated` too.
const KINDS: [&str; 5] = ["Gotcha", "Decision", "Note", "Constraint", "Debugging"];
const TECHS: [&str; 10] =
    ["Kafka", "PostgreSQL", "Redis", "MySQL", "RabbitMQ", "Elasticsearch", "MongoDB", "Cassandra", "NATS", "SQLite"];
const THINGS: [&str; 10] = [
    "connection pool",
    "retry budget",
    "request timeout",
    "schema migration",
    "health check",
    "rate limiter",
    "TLS certificate",
    "backup job",
    "metrics exporter",
    "client library",
];
const SERVICES: [&str; 10] = [
    "auth",
    "search",
    "billing",
    "checkout",
    "inventory",
    "notifications",
    "reporting",
    "gateway",
    "profile",
    "shipping",
];
const TAILS: [&str; 10] = [
    "must stay below {n} connections or the pods restart under load",
    "was raised to {n} after the incident review",
    "times out after {n} seconds when the cluster rebalances",
    "is configured in the shared Helm values, default {n}",
    "leaked {n} handles per hour until the client was upgraded",
    "is owned by the platform team; ask before changing {n}",
    "needs a restart when the credentials rotate every {n} days",
    "was the root cause of the {n} ms latency spike",
    "gets its settings from environment variables, limit {n}",
    "is monitored by the dashboard panel {n}",
];
const TAIL_KEYS: [&str; 10] = [
    "pods restart",
    "incident review",
    "cluster rebalances",
    "Helm values",
    "handles per hour",
    "platform team",
    "credentials rotate",
    "latency spike",
    "environment variables",
    "dashboard panel",
];

/// 10,000 memories as an import file, dated up to 400 days before now (the search's clock is the real one).
fn templated_jsonl() -> String {
    let now = jiff::Timestamp::now().as_second();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let mut out = String::new();
    let mut i = 0;
    for tech in TECHS {
        for thing in THINGS {
            for service in SERVICES {
                for tail in TAILS {
                    let kind = KINDS[(next() % 5) as usize];
                    let n = 2 + next() % 98;
                    let at =
                        jiff::Timestamp::from_second(now - (next() % (400 * 86_400)) as i64 - 60).expect("in range");
                    let content =
                        format!("{kind}: {tech} {thing} in {service} {}.", tail.replace("{n}", &n.to_string()));
                    let line = serde_json::json!({
                        "id": format!("t{i:05}"),
                        "conversationId": format!("c{i:05}"),
                        "role": "assistant",
                        "content": content,
                        "createdAt": at.to_string(),
                    });
                    writeln!(out, "{line}").expect("write to a string");
                    i += 1;
                }
            }
        }
    }
    out
}

#[test]
fn on_a_ten_thousand_memory_templated_store_an_exact_phrase_is_in_the_top_three() {
    let env = Env::new();
    let file = env.cwd.path().join("templated.jsonl");
    std::fs::write(&file, templated_jsonl()).expect("write the import file");
    let file = file.to_str().expect("utf-8 temp path");
    let report = env.json(&["import", file]);
    assert_eq!((report["imported"].as_u64(), report["invalid"].as_u64()), (Some(10_000), Some(0)), "{report}");

    let top3 = |question: &str| contents(&env.json(&["memories", "search", question, "--limit", "3"]));
    // The report's question: ten memories hold the phrase, each with nine twins about another technology and nine
    // about another service, many of them newer.
    let top = top3("Kafka connection pool in auth");
    assert!(top.iter().all(|c| c.contains("Kafka connection pool in auth")), "{top:#?}");

    // The eval set's 30 questions: the exact phrase plus two words of one tail; the one memory with both must lead.
    let mut misses = Vec::new();
    for q in 0..30usize {
        let phrase =
            format!("{} {} in {}", TECHS[q % 10], THINGS[(q * 7 + q / 10) % 10], SERVICES[(q * 3 + q / 10) % 10]);
        let key = TAIL_KEYS[(q * 3 + 1) % 10];
        let top = top3(&format!("{phrase} {key}"));
        if !top.iter().any(|c| c.contains(&phrase) && c.contains(key)) {
            misses.push((phrase, key, top));
        }
    }
    assert!(misses.is_empty(), "{} of 30 missed: {misses:#?}", misses.len());
}
