#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! The store and the wasm build read a question and rank through the same pipeline (`mx_core::search`); only the
//! lexical scorer differs (tantivy over the index vs in-memory BM25 over a list). Over one realistic fixture, both
//! must put the same memories first.

mod common;

use common::*;
use jiff::Timestamp;
use mx_core::Memory;
use mx_core::bm25;
use mx_core::rank::{QueryContext, RankingMode};
use mx_core::search::Query;
use mx_store::{Filter, ImportRecord, Scope, SearchRequest};

fn fixture() -> Vec<Memory> {
    serde_json::from_str(include_str!("../../../core/tests/fixtures/memories.json")).unwrap()
}

fn now() -> Timestamp {
    "2026-11-26T09:00:00Z".parse().unwrap()
}

const TOP: usize = 3;

#[test]
fn the_store_and_the_core_pipeline_put_the_same_memories_first() {
    let (_dir, store) = store();
    let memories = fixture();
    let records = memories.iter().map(|m| ImportRecord::Memory(Box::new(m.clone()))).collect();
    store.import(records, &mut |_, _| {}).unwrap();
    let questions = [
        "payments feature",
        "why did we pick the official Stripe SDK?",
        "what caused the flaky checkout test",
        "which database do we run in production",
        "how long does Stripe keep idempotency keys now?",
        "auth migration to JWT",
    ];
    for q in questions {
        let mut req = SearchRequest::new(q);
        req.filter = Filter { scope: Scope::Project(PROJECT.to_owned()), ..Default::default() };
        req.now = Some(now());
        req.limit = TOP;
        let in_store: Vec<String> = store.search(&req).unwrap().iter().map(|r| r.memory.id.to_string()).collect();

        let mut ctx = QueryContext::new(now());
        ctx.project = Some(PROJECT.to_owned());
        ctx.limit = Some(TOP);
        let in_project: Vec<Memory> =
            memories.iter().filter(|m| m.project.as_deref().is_none_or(|p| p == PROJECT)).cloned().collect();
        let query = Query::parse(q, now(), RankingMode::Full, |t| bm25::occurs(&in_project, t));
        let in_core: Vec<String> =
            query.rank(bm25::candidates_for(in_project, &query), ctx).iter().map(|r| r.memory.id.to_string()).collect();

        assert!(!in_store.is_empty(), "{q}: the store finds something");
        assert_eq!(in_store[0], in_core[0], "{q}: the same memory first\nstore: {in_store:?}\ncore:  {in_core:?}");
    }
}
