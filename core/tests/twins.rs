//! Near-duplicates that are two facts: a word of the question that only one of two near-identical memories holds
//! decides between them ("staging" / "production"), whatever their dates; what is folded stays reachable.
//! Runs the whole search pipeline ([`mx_core::search`] over in-memory BM25, as the wasm build and the store do).

use jiff::Timestamp;
use mx_core::bm25;
use mx_core::digest::{DigestOptions, digest};
use mx_core::rank::{QueryContext, Ranked};
use mx_core::search::Query;
use mx_core::{Kind, Memory, MemoryId};
use proptest::prelude::*;
use serde_json::json;

fn now() -> Timestamp {
    "2026-11-26T09:00:00Z".parse().expect("valid timestamp")
}

/// A memory `age_seconds` old, in its own conversation (as `--conversation-id NEW` makes).
fn mem(key: &str, content: &str, kind: Kind, age_seconds: i64) -> Memory {
    let at = Timestamp::from_second(now().as_second() - age_seconds).expect("in range");
    let seed = key.bytes().fold(7u128, |h, b| h.wrapping_mul(31).wrapping_add(u128::from(b)));
    let id = MemoryId::from_parts(at.as_millisecond() as u64, seed);
    serde_json::from_value(json!({
        "id": id.to_string(),
        "content": content,
        "kind": kind.as_str(),
        "conversationId": format!("conv_{key}"),
        "project": "github.com/acme/shop",
        "externalId": key,
        "createdAt": at.to_string(),
        "updatedAt": at.to_string(),
    }))
    .expect("valid memory")
}

fn search(memories: &[Memory], question: &str, include_superseded: bool) -> Vec<Ranked> {
    let mut ctx = QueryContext::new(now());
    ctx.include_superseded = include_superseded;
    ctx.limit = Some(10);
    let query = Query::parse(question, now(), ctx.mode, |term| bm25::occurs(memories, term));
    query.rank(bm25::candidates_for(memories.to_vec(), &query), ctx)
}

fn keys(ranked: &[Ranked]) -> Vec<&str> {
    ranked.iter().map(|r| r.memory.external_id.as_deref().unwrap_or("?")).collect()
}

fn vault_paths() -> Vec<Memory> {
    vec![
        mem(
            "staging",
            "Gotcha: the staging database password rotates every Monday; fetch it from Vault path secret/staging/db.",
            Kind::Gotcha,
            60,
        ),
        mem(
            "production",
            "Gotcha: the production database password rotates every Monday; fetch it from Vault path secret/prod/db.",
            Kind::Gotcha,
            30,
        ),
    ]
}

#[test]
fn the_staging_question_gets_the_staging_memory_first_though_production_is_newer() {
    let ranked = search(&vault_paths(), "staging database password", false);
    assert_eq!(keys(&ranked), ["staging", "production"]);
    assert!(ranked[1].breakdown.twin <= 0.0, "{:?}", ranked[1].breakdown);
    assert_eq!(ranked[1].outmatched_by.as_ref(), Some(&ranked[0].memory.id));
    // And the other way round.
    assert_eq!(keys(&search(&vault_paths(), "production database password", false)), ["production", "staging"]);
}

#[test]
fn the_staging_digest_never_states_the_production_path() {
    let ranked = search(&vault_paths(), "staging database password", false);
    let mut opts = DigestOptions::new(now());
    opts.query = Some("staging database password".into());
    let text = digest(&ranked, &opts).text;
    assert!(text.contains("secret/staging/db"), "{text}");
    assert!(!text.contains("secret/prod/db"), "{text}");
}

#[test]
fn rewordings_fold_into_the_newest_which_says_how_many_it_stands_for_and_include_superseded_shows_all() {
    let memories = vec![
        mem("kept", "Processed idempotency keys are kept in Redis with a 24 hour TTL.", Kind::Note, 500),
        mem("stored", "Processed idempotency keys are stored in Redis with a 24 hour TTL.", Kind::Note, 300),
        mem("held", "Processed idempotency keys are held in Redis with a 24 hour TTL.", Kind::Note, 100),
    ];
    let ranked = search(&memories, "idempotency keys redis", false);
    assert_eq!(keys(&ranked), ["held"]);
    assert_eq!(ranked[0].folded, 2);
    let every = search(&memories, "idempotency keys redis", true);
    assert_eq!(every.len(), 3, "{:?}", keys(&every));
    assert!(every.iter().all(|r| r.folded == 0));
}

#[test]
fn a_question_that_names_neither_keeps_both_environments() {
    // "staging" and "production" are two facts even when the question does not say which: folding one into the
    // other would state the production path as the only one.
    let ranked = search(&vault_paths(), "database password rotation", false);
    let mut got = keys(&ranked);
    got.sort_unstable();
    assert_eq!(got, ["production", "staging"]);
    assert!(ranked.iter().all(|r| r.folded == 0 && r.outmatched_by.is_none()), "{ranked:#?}");
}

#[test]
fn the_same_sentence_about_another_tool_or_service_is_another_fact_a_new_number_is_a_new_version() {
    let memories = vec![
        mem("kafka", "Gotcha: Kafka connection pool in auth must stay below 40 connections.", Kind::Gotcha, 900),
        mem(
            "postgres",
            "Gotcha: PostgreSQL connection pool in auth must stay below 40 connections.",
            Kind::Gotcha,
            600,
        ),
        mem(
            "search",
            "Gotcha: PostgreSQL connection pool in search must stay below 40 connections.",
            Kind::Gotcha,
            300,
        ),
        mem("raised", "Gotcha: PostgreSQL connection pool in search must stay below 60 connections.", Kind::Gotcha, 60),
    ];
    let ranked = search(&memories, "connection pool limit", false);
    let mut got = keys(&ranked);
    got.sort_unstable();
    // Kafka / PostgreSQL and auth / search are subjects; 40 -> 60 is the same setting restated, the newer wins.
    assert_eq!(got, ["kafka", "postgres", "raised"]);
    let raised = ranked.iter().find(|r| r.memory.external_id.as_deref() == Some("raised")).expect("kept");
    assert_eq!(raised.folded, 1);
}

/// The templated store of issue 21: 10,000 coding memories from a few templates, where every sentence has twins
/// that differ in one subject (the technology, the service). Deterministic.
fn templated_store() -> Vec<Memory> {
    const KINDS: [(&str, Kind); 5] = [
        ("Gotcha", Kind::Gotcha),
        ("Decision", Kind::Decision),
        ("Note", Kind::Note),
        ("Constraint", Kind::Constraint),
        ("Debugging", Kind::Debugging),
    ];
    let tails = [
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
    let mut out = Vec::with_capacity(10_000);
    // A linear congruential generator spreads dates and kinds so that neither follows the template order.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    for tech in TECHS {
        for thing in THINGS {
            for service in SERVICES {
                for tail in &tails {
                    let (label, kind) = KINDS[(next() % 5) as usize];
                    let n = 2 + next() % 98;
                    let content =
                        format!("{label}: {tech} {thing} in {service} {}.", tail.replace("{n}", &n.to_string()));
                    let key = format!("m{}", out.len());
                    out.push(mem(&key, &content, kind, (next() % (400 * 86_400)) as i64 + 60));
                }
            }
        }
    }
    out
}

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

/// A few words of each tail, in the order of the tails, to aim a question at one memory of a template cell.
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

#[test]
fn on_a_templated_ten_thousand_memory_store_an_exact_phrase_is_in_the_top_three() {
    let memories = templated_store();
    assert_eq!(memories.len(), 10_000);
    let mut misses = Vec::new();
    // 30 questions aimed at one memory each: the exact phrase of its template cell and a few words of its tail.
    // Each memory has nine newer or older twins that differ only in the technology (and a number).
    for q in 0..30usize {
        let phrase =
            format!("{} {} in {}", TECHS[q % 10], THINGS[(q * 7 + q / 10) % 10], SERVICES[(q * 3 + q / 10) % 10]);
        let key = TAIL_KEYS[(q * 3 + 1) % 10];
        let ranked = search(&memories, &format!("{phrase} {key}"), false);
        let top: Vec<&str> = ranked.iter().take(3).map(|r| r.memory.content.as_str()).collect();
        if !top.iter().any(|c| c.contains(&phrase) && c.contains(key)) {
            misses.push((phrase, top.into_iter().map(str::to_owned).collect::<Vec<_>>()));
        }
    }
    assert!(misses.is_empty(), "{} of 30 missed: {misses:#?}", misses.len());
}

/// Distinct words that stem apart and are neither stop words nor question-frame words.
const WORDS: [&str; 40] = [
    "staging",
    "production",
    "kafka",
    "postgres",
    "redis",
    "vault",
    "password",
    "rotates",
    "monday",
    "cluster",
    "billing",
    "checkout",
    "invoice",
    "webhook",
    "gateway",
    "tenant",
    "bucket",
    "replica",
    "shard",
    "ledger",
    "sidecar",
    "ingress",
    "cron",
    "nightly",
    "firmware",
    "sensor",
    "parquet",
    "schema",
    "tokenizer",
    "lambda",
    "terraform",
    "helm",
    "grafana",
    "sentry",
    "stripe",
    "oauth",
    "jwt",
    "nginx",
    "docker",
    "kernel",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Two memories that differ in one word: a question containing that word ranks the memory with it above the
    /// other, whatever their dates.
    #[test]
    fn the_word_that_tells_two_memories_apart_decides_whatever_their_dates(
        picks in proptest::sample::subsequence((0..WORDS.len()).collect::<Vec<_>>(), 3..=14),
        swap_at in 0usize..8,
        asked in proptest::collection::vec(any::<bool>(), 14),
        age_with in 60i64..(3 * 365 * 86_400),
        age_without in 60i64..(3 * 365 * 86_400),
    ) {
        // The last pick is the replacement word; the rest, shuffled by `swap_at`, is the sentence.
        let (sentence, other) = picks.split_at(picks.len() - 1);
        let mut with: Vec<&str> = sentence.iter().map(|&i| WORDS[i]).collect();
        let turn = swap_at % with.len();
        with.rotate_left(turn);
        let mut without = with.clone();
        let at = swap_at % with.len();
        without[at] = WORDS[other[0]];
        let a = mem("with", &with.join(" "), Kind::Note, age_with);
        let b = mem("without", &without.join(" "), Kind::Note, age_without);
        // The question: the distinguishing word plus any of the shared ones.
        let mut question: Vec<&str> =
            with.iter().enumerate().filter(|(i, _)| *i != at && asked[*i]).map(|(_, w)| *w).collect();
        question.insert(question.len() / 2, with[at]);
        let question = question.join(" ");
        let ranked = search(&[a, b], &question, false);
        prop_assert_eq!(keys(&ranked).first().copied(), Some("with"), "question {:?}: {:?}", question, keys(&ranked));
    }
}
