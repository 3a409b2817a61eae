//! Ranking: each signal changes an order; supersession and near-duplicates; explanations add up; BM25.

use jiff::Timestamp;
use mx_core::bm25;
use mx_core::rank::{Candidate, QueryContext, Ranked, RankingMode, Weights, half_life_days, rank, recency};
use mx_core::{Kind, Memory, MemoryId};
use serde_json::json;

fn now() -> Timestamp {
    "2026-11-26T09:00:00Z".parse().expect("valid timestamp")
}

fn days_ago(days: i64) -> Timestamp {
    Timestamp::from_second(now().as_second() - days * 86_400).expect("in range")
}

/// A memory from JSON, as the store and `mx export` write it. `key` doubles as external id and id seed.
fn mem(key: &str, content: &str, kind: Kind, age_days: i64) -> Memory {
    let at = days_ago(age_days);
    let seed = key.bytes().fold(7u128, |h, b| h * 31 + u128::from(b));
    let id = MemoryId::from_parts(at.as_millisecond() as u64, seed);
    serde_json::from_value(json!({
        "id": id.to_string(),
        "content": content,
        "kind": kind.as_str(),
        "conversationId": "conv_main",
        "project": "github.com/acme/shop",
        "externalId": key,
        "createdAt": at.to_string(),
        "updatedAt": at.to_string(),
    }))
    .expect("valid memory")
}

fn cand(memory: Memory, lexical: f32) -> Candidate {
    Candidate { memory, lexical }
}

fn keys(ranked: &[Ranked]) -> Vec<&str> {
    ranked.iter().map(|r| r.memory.external_id.as_deref().unwrap_or("?")).collect()
}

fn ctx() -> QueryContext {
    let mut c = QueryContext::new(now());
    c.query = Some("payments".into());
    c
}

#[test]
fn lexical_relevance_orders_otherwise_equal_memories() {
    let a = mem("a", "Stripe idempotency keys", Kind::Note, 10);
    let b = mem("b", "Stripe webhooks", Kind::Note, 10);
    assert_eq!(keys(&rank(vec![cand(a.clone(), 1.0), cand(b.clone(), 3.0)], &ctx())), ["b", "a"]);
    assert_eq!(keys(&rank(vec![cand(a, 3.0), cand(b, 1.0)], &ctx())), ["a", "b"]);
}

#[test]
fn topic_match_changes_the_order() {
    let mut a = mem("a", "Refunds go through the processor", Kind::Note, 20);
    a.topics = vec!["payments".into()];
    let b = mem("b", "Refunds are logged", Kind::Note, 10);
    let input = vec![cand(a, 1.0), cand(b, 1.0)];
    let mut c = QueryContext::new(now());
    assert_eq!(keys(&rank(input.clone(), &c)), ["b", "a"], "without topics the newer wins");
    c.topics = vec!["payments".into()];
    assert_eq!(keys(&rank(input.clone(), &c)), ["a", "b"]);
    // Without explicit topics, a query word that is one of the memory's topics counts too.
    let mut q = QueryContext::new(now());
    q.query = Some("payments refunds".into());
    let ranked = rank(input, &q);
    assert_eq!(keys(&ranked), ["a", "b"]);
    assert!(ranked[0].breakdown.topic > 0.0);
}

#[test]
fn a_query_that_names_a_topic_whole_gets_the_full_topic_signal() {
    let mut named = mem("named", "FastAPI with PostgreSQL and Redis", Kind::Note, 20);
    named.topics = vec!["ecommerce-api".into()];
    let mut other =
        mem("other", "Why proxy through Next.js rather than calling ecommerce-api directly?", Kind::Note, 10);
    other.topics = vec!["dashboard-app".into()];
    let mut q = QueryContext::new(now());
    q.query = Some("What web framework is the ecommerce-api built with?".into());
    let ranked = rank(vec![cand(named, 0.8), cand(other, 1.0)], &q);
    assert_eq!(keys(&ranked), ["named", "other"]);
    assert_eq!(ranked[0].breakdown.topic, Weights::default().topic);
    assert_eq!(ranked[1].breakdown.topic, 0.0);
}

#[test]
fn the_kind_a_question_asks_for_wins_among_equals() {
    let bug = mem("bug", "Redis timeouts under load: the pool was exhausted", Kind::Debugging, 20);
    let decision = mem("decision", "Redis is the cache for sessions", Kind::Decision, 20);
    let mut q = QueryContext::new(now());
    q.query = Some("What Redis bugs did we hit?".into());
    q.kinds_asked = mx_core::intent::kinds_asked("What Redis bugs did we hit?");
    let ranked = rank(vec![cand(decision, 1.0), cand(bug, 1.0)], &q);
    assert_eq!(keys(&ranked), ["bug", "decision"]);
    assert_eq!(ranked[0].breakdown.kind, Weights::default().intent);
}

#[test]
fn conversation_match_changes_the_order() {
    let mut a = mem("a", "Retry queue gives up after 23h", Kind::Note, 20);
    a.conversation_id = mx_core::ConversationId::parse("conv_feature_payments").expect("valid");
    let b = mem("b", "Retry queue is in Redis", Kind::Note, 10);
    let input = vec![cand(a, 1.0), cand(b, 1.0)];
    let mut c = QueryContext::new(now());
    assert_eq!(keys(&rank(input.clone(), &c)), ["b", "a"]);
    c.conversation_id = Some("conv_feature_payments".into());
    assert_eq!(keys(&rank(input, &c)), ["a", "b"]);
}

#[test]
fn project_memories_beat_global_ones_of_equal_relevance() {
    let a = mem("project", "Use UUID v4 for idempotency keys", Kind::Decision, 20);
    let mut b = mem("global", "Use UUID v7 for ids", Kind::Decision, 10);
    b.project = None;
    let input = vec![cand(a, 1.0), cand(b, 1.0)];
    let mut c = QueryContext::new(now());
    assert_eq!(keys(&rank(input.clone(), &c)), ["global", "project"]);
    c.project = Some("github.com/acme/shop".into());
    assert_eq!(keys(&rank(input, &c)), ["project", "global"]);
}

#[test]
fn kind_changes_the_order() {
    let decision = mem("decision", "Result type in the payment processor", Kind::Decision, 20);
    let note = mem("note", "Result type mentioned in standup", Kind::Note, 0);
    let input = vec![cand(decision, 1.0), cand(note, 1.0)];
    let mut c = QueryContext::new(now());
    assert_eq!(keys(&rank(input.clone(), &c)), ["decision", "note"]);
    c.weights.kind = 0.0;
    assert_eq!(keys(&rank(input, &c)), ["note", "decision"]);
}

#[test]
fn importance_changes_the_order() {
    let mut a = mem("important", "Never log card numbers", Kind::Constraint, 20);
    a.importance = 0.95;
    let mut b = mem("ordinary", "Log request ids", Kind::Constraint, 18);
    b.importance = 0.2;
    let input = vec![cand(a, 1.0), cand(b, 1.0)];
    let mut c = QueryContext::new(now());
    assert_eq!(keys(&rank(input.clone(), &c)), ["important", "ordinary"]);
    c.weights.importance = 0.0;
    assert_eq!(keys(&rank(input, &c)), ["ordinary", "important"]);
}

#[test]
fn recency_changes_the_order_with_a_kind_dependent_half_life() {
    let old = mem("old", "Payments progress: skeleton", Kind::Progress, 40);
    let new = mem("new", "Payments progress: idempotency", Kind::Progress, 2);
    let input = vec![cand(old, 1.2), cand(new, 1.0)];
    let mut c = QueryContext::new(now());
    assert_eq!(keys(&rank(input.clone(), &c)), ["new", "old"]);
    c.weights.recency = 0.0;
    assert_eq!(keys(&rank(input, &c)), ["old", "new"]);

    // One half-life in, every kind is at one half; progress gets there in two weeks, conventions in a year.
    for kind in Kind::ALL {
        let m = mem("k", "x", kind, half_life_days(kind) as i64);
        assert!((recency(&m, now()) - 0.5).abs() < 1e-3, "{kind}");
    }
    let progress = mem("p", "x", Kind::Progress, 60);
    let convention = mem("c", "x", Kind::Convention, 60);
    assert!(recency(&progress, now()) < 0.06 && recency(&convention, now()) > 0.85);
    // A clock skewed into the future is not a bonus.
    assert_eq!(recency(&mem("f", "x", Kind::Note, -3), now()), 1.0);
}

#[test]
fn superseded_memories_disappear_unless_asked_for_and_then_rank_below_their_successor() {
    let old = mem("redlock", "Use Redlock for the migration job lock", Kind::Decision, 50);
    let mut new = mem("advisory", "Switched the migration job lock to Postgres advisory locks", Kind::Decision, 30);
    new.supersedes = Some(old.id.clone());
    // The plain list does not carry the derived state: `supersedes` of another candidate is enough.
    let input = vec![cand(old.clone(), 3.0), cand(new.clone(), 1.0)];
    let c = QueryContext::new(now());
    assert_eq!(keys(&rank(input.clone(), &c)), ["advisory"]);
    // The stored state alone is enough too.
    let mut stored_old = old.clone();
    stored_old.state = mx_core::State::Superseded;
    assert!(rank(vec![cand(stored_old, 3.0)], &c).is_empty());

    let mut with_old = QueryContext::new(now());
    with_old.include_superseded = true;
    let ranked = rank(input, &with_old);
    assert_eq!(keys(&ranked), ["advisory", "redlock"], "the newer statement wins even with less lexical weight");
    assert_eq!(ranked[1].breakdown.superseded, -Weights::default().superseded);
}

#[test]
fn near_duplicates_keep_the_newer_one() {
    let older = mem("older", "Processed idempotency keys are kept in Redis with a 24 hour TTL.", Kind::Note, 5);
    let newer = mem("newer", "Processed idempotency keys are stored in Redis with a 24 hour TTL.", Kind::Note, 2);
    let other = mem("other", "Idempotency keys are UUID v4 per user, action and timestamp.", Kind::Decision, 9);
    let input = vec![cand(older, 2.0), cand(newer, 1.0), cand(other, 1.0)];
    let c = QueryContext::new(now());
    let ranked = rank(input.clone(), &c);
    assert_eq!(keys(&ranked).len(), 2);
    assert!(keys(&ranked).contains(&"newer") && !keys(&ranked).contains(&"older"));
    // Turned off, both stay; the BM25 baseline keeps them too.
    let mut off = QueryContext::new(now());
    off.weights.near_duplicate = 1.5;
    assert_eq!(rank(input.clone(), &off).len(), 3);
    let mut bm25 = QueryContext::new(now());
    bm25.mode = RankingMode::Bm25;
    assert_eq!(rank(input, &bm25).len(), 3);
}

#[test]
fn bm25_mode_is_lexical_only_and_ties_are_newer_first_then_id() {
    let mut important = mem("important", "a", Kind::Constraint, 300);
    important.importance = 1.0;
    let plain = mem("plain", "b", Kind::Note, 1);
    let mut c = QueryContext::new(now());
    c.mode = RankingMode::Bm25;
    let ranked = rank(vec![cand(important.clone(), 2.0), cand(plain.clone(), 1.0)], &c);
    assert_eq!(keys(&ranked), ["important", "plain"]);
    assert_eq!(ranked[0].breakdown.total, 1.0);
    assert_eq!(ranked[1].breakdown.total, 0.5);
    assert_eq!(ranked[0].breakdown.recency, 0.0);
    let tied = rank(vec![cand(important, 1.0), cand(plain, 1.0)], &c);
    assert_eq!(keys(&tied), ["plain", "important"], "equal scores: newer first");
}

#[test]
fn ranking_is_deterministic_whatever_the_input_order() {
    let memories: Vec<Memory> = serde_json::from_str(include_str!("fixtures/memories.json")).expect("fixture");
    let mut c = QueryContext::new(now());
    c.query = Some("stripe idempotency".into());
    let forward = rank(bm25::candidates(memories.clone(), c.query.as_deref()), &c);
    let mut reversed = memories;
    reversed.reverse();
    let backward = rank(bm25::candidates(reversed, c.query.as_deref()), &c);
    assert_eq!(keys(&forward), keys(&backward));
    c.limit = Some(3);
    assert_eq!(
        keys(&rank(
            bm25::candidates(
                serde_json::from_str(include_str!("fixtures/memories.json")).expect("fixture"),
                c.query.as_deref()
            ),
            &c
        )),
        keys(&forward)[..3]
    );
}

#[test]
fn explanations_add_up_to_the_score() {
    let memories: Vec<Memory> = serde_json::from_str(include_str!("fixtures/memories.json")).expect("fixture");
    let mut c = QueryContext::new(now());
    c.query = Some("payments feature".into());
    c.project = Some("github.com/acme/shop".into());
    c.conversation_id = Some("conv_feature_payments".into());
    c.include_superseded = true;
    for r in rank(bm25::candidates(memories, c.query.as_deref()), &c) {
        let b = r.breakdown;
        let sum = b.lexical + b.topic + b.conversation + b.project + b.kind + b.importance + b.recency + b.superseded;
        assert!((sum - b.total).abs() < 1e-5, "{b:?}");
        assert_eq!(r.score, b.total);
    }
}

#[test]
fn bm25_weights_fields_and_rare_terms() {
    let mut topic_hit = mem("topic", "Keys expire after a day", Kind::Note, 1);
    topic_hit.topics = vec!["idempotency".into()];
    let content_hit = mem("content", "Keys for idempotency expire after a day", Kind::Note, 1);
    let none = mem("none", "Unrelated memory about CI caches", Kind::Note, 1);
    let scores = bm25::score(&[topic_hit.clone(), content_hit.clone(), none.clone()], "idempotency");
    assert!(scores[0] > scores[1] && scores[1] > 0.0 && scores[2] == 0.0, "{scores:?}");
    // A rare term outweighs a common one.
    let common = mem("common", "stripe stripe", Kind::Note, 1);
    let rare = mem("rare", "stripe webhook", Kind::Note, 1);
    let s = bm25::score(
        &[common, rare, mem("x", "stripe", Kind::Note, 1), mem("y", "stripe", Kind::Note, 1)],
        "webhook stripe",
    );
    assert!(s[1] > s[0], "{s:?}");
    // Code-aware: a camelCase identifier is found by its words, a path by its parts.
    let code = mem("code", "See PaymentProcessor in src/payments/processor.rs", Kind::Note, 1);
    assert!(bm25::score(std::slice::from_ref(&code), "payment processor")[0] > 0.0);
    assert!(bm25::score(std::slice::from_ref(&code), "processor.rs")[0] > 0.0);
    // Candidates: only matches with a query, everything without one.
    assert_eq!(bm25::candidates(vec![topic_hit.clone(), none.clone()], Some("idempotency")).len(), 1);
    assert_eq!(bm25::candidates(vec![topic_hit, none], Some("  ")).len(), 2);
}

#[test]
fn snapshot_ranking_with_explanations() {
    let memories: Vec<Memory> = serde_json::from_str(include_str!("fixtures/memories.json")).expect("fixture");
    let mut c = QueryContext::new(now());
    c.query = Some("stripe idempotency keys".into());
    c.project = Some("github.com/acme/shop".into());
    c.conversation_id = Some("conv_feature_payments".into());
    c.limit = Some(10);
    let mut table = String::from("key                      total  lex    topic  conv   proj   kind   imp    rec\n");
    for r in rank(bm25::candidates(memories, c.query.as_deref()), &c) {
        let b = r.breakdown;
        table.push_str(&format!(
            "{:<24} {:.3}  {:.3}  {:.3}  {:.3}  {:.3}  {:.3}  {:.3}  {:.3}\n",
            r.memory.external_id.as_deref().unwrap_or("?"),
            b.total,
            b.lexical,
            b.topic,
            b.conversation,
            b.project,
            b.kind,
            b.importance,
            b.recency
        ));
    }
    insta::assert_snapshot!(table);
}
