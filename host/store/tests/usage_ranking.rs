#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! Usage in ranking: of two equally relevant memories, the one past sessions used ranks above the one they were
//! given and ignored — in a search and in "where things stand" (what the session-start hook injects) — and a memory
//! without enough sessions behind it is not moved.

mod common;

use common::*;
use jiff::Timestamp;
use mx_core::Kind;
use mx_core::digest::DigestFormat;
use mx_store::{DigestRequest, Filter, Scope, SearchRequest, Store};

/// Two decisions that a question about retries matches about equally well, returned as (the one that ranks second
/// without usage, the one that leads).
fn two_decisions(store: &Store) -> (String, String) {
    let first = store
        .create(new_kind(
            "Webhook retries use exponential backoff capped at five attempts",
            Kind::Decision,
            &["payments"],
        ))
        .unwrap();
    let second = store
        .create(new_kind(
            "Webhook retries use exponential backoff with jitter on every attempt",
            Kind::Decision,
            &["payments"],
        ))
        .unwrap();
    let (first, second) = (first.memory.id.to_string(), second.memory.id.to_string());
    let ranked = ranked_search(store);
    assert_eq!(ranked.len(), 2, "both match: {ranked:?}");
    if ranked[0].0 == first { (second, first) } else { (first, second) }
}

/// `sessions` assistant sessions that each had `id` injected; the first `used` of them used it.
fn sessions_with(store: &Store, id: &str, sessions: usize, used: usize) {
    let memory = store.get(id).unwrap().id;
    for s in 0..sessions {
        let session = format!("{id}-session-{s}");
        store
            .record_injected("claude-code", &session, "session-start", std::slice::from_ref(&memory), Timestamp::now())
            .unwrap();
        if s < used {
            store.record_used("claude-code", &session, &memory, "cited its id", Timestamp::now()).unwrap();
        }
    }
}

fn ranked_search(store: &Store) -> Vec<(String, f32)> {
    let mut req = SearchRequest::new("webhook retries backoff");
    req.filter = Filter { scope: Scope::Project(PROJECT.to_owned()), ..Default::default() };
    store.search(&req).unwrap().into_iter().map(|r| (r.memory.id.to_string(), r.breakdown.usage)).collect()
}

#[test]
fn a_used_memory_outranks_an_ignored_twin_in_search() {
    let (_dir, store) = store();
    let (first, second) = two_decisions(&store);
    let before = ranked_search(&store);
    assert_eq!(before[0].0, second);
    assert!(before.iter().all(|(_, usage)| *usage == 0.0));

    sessions_with(&store, &first, 8, 6);
    sessions_with(&store, &second, 12, 0);
    let after = ranked_search(&store);
    assert_eq!(after[0].0, first, "used in 6 of 8 sessions beats never used in 12");
    assert!(after[0].1 > 0.0, "the rise shows in --explain: {after:?}");
    assert!(after[1].1 < 0.0, "so does the fade: {after:?}");
}

#[test]
fn too_few_sessions_move_nothing() {
    let (_dir, store) = store();
    let (first, second) = two_decisions(&store);
    sessions_with(&store, &first, 2, 2);
    sessions_with(&store, &second, 2, 0);
    let ranked = ranked_search(&store);
    assert_eq!(ranked[0].0, second);
    assert!(ranked.iter().all(|(_, usage)| *usage == 0.0), "{ranked:?}");
}

#[test]
fn where_things_stand_prefers_what_sessions_used() {
    let (_dir, store) = store();
    two_decisions(&store);
    let digest = |store: &Store| {
        let mut req = DigestRequest::default();
        req.filter = Filter { scope: Scope::Project(PROJECT.to_owned()), ..Default::default() };
        req.format = DigestFormat::Json;
        store.digest(&req).unwrap().included
    };
    let before = digest(&store);
    assert_eq!(before.len(), 2, "{before:?}");
    let (leader, runner_up) = (before[0].clone(), before[1].clone());
    sessions_with(&store, &runner_up, 10, 9);
    sessions_with(&store, &leader, 20, 0);
    assert_eq!(digest(&store), [runner_up, leader]);
}
