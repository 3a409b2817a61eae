#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! The search index is derived: missing, corrupt or behind, it is repaired from SQLite before a search answers.

mod common;

use common::*;
use mx_core::Kind;
use mx_store::{ImportRecord, Store};

fn seed(store: &Store) -> Vec<String> {
    [
        "Decided to use idempotency keys on every Stripe call",
        "The checkout page caches prices for five minutes",
        "Ruled out GraphQL for the admin API: too much tooling for three endpoints",
    ]
    .iter()
    .map(|c| store.create(new(c)).unwrap().memory.id.to_string())
    .collect()
}

#[test]
fn deleted_index_is_rebuilt_on_next_search() {
    let (dir, store) = store();
    let ids = seed(&store);
    drop(store);
    std::fs::remove_dir_all(dir.path().join("home/index")).unwrap();
    let store = Store::open(dir.path().join("home")).unwrap();
    assert_eq!(search(&store, "stripe idempotency"), [ids[0].clone()]);
    assert_eq!(search(&store, "graphql"), [ids[2].clone()]);
}

#[test]
fn garbage_in_the_index_directory_is_rebuilt() {
    let (dir, store) = store();
    let ids = seed(&store);
    drop(store);
    let index = dir.path().join("home/index");
    for entry in std::fs::read_dir(&index).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && !path.ends_with(".mx-writer.lock") {
            std::fs::write(&path, b"\x00garbage{not json").unwrap();
        }
    }
    std::fs::write(index.join("stray.idx"), b"more garbage").unwrap();
    let store = Store::open(dir.path().join("home")).unwrap();
    assert_eq!(search(&store, "checkout prices"), [ids[1].clone()]);
    assert!(store.doctor().iter().all(|c| c.ok));
}

#[test]
fn rebuild_on_demand_reports_progress() {
    let (_dir, store) = store();
    let ids = seed(&store);
    let mut last = (0, 0);
    let n = store.rebuild_index(&mut |done, total| last = (done, total)).unwrap();
    assert_eq!(n, 3);
    assert_eq!(last, (3, 3));
    assert_eq!(search(&store, "stripe"), [ids[0].clone()]);
}

#[test]
fn index_behind_is_caught_up_from_another_store_instance() {
    let (dir, first) = store();
    let ids = seed(&first);
    assert_eq!(search(&first, "graphql"), [ids[2].clone()]);
    // A second "process" writes while the first holds its reader open.
    let second = Store::open(dir.path().join("home")).unwrap();
    let late = second.create(new("GraphQL subscriptions are needed for the live order board")).unwrap().memory;
    let mut hits = search(&first, "graphql");
    hits.sort();
    let mut want = vec![ids[2].clone(), late.id.to_string()];
    want.sort();
    assert_eq!(hits, want);
    // deletes propagate too
    second.delete(late.id.as_str()).unwrap();
    assert_eq!(search(&first, "graphql"), [ids[2].clone()]);
}

#[test]
fn index_lagging_behind_the_log_catches_up_when_the_writer_could_not_index() {
    let (dir, store) = store();
    let ids = seed(&store);
    assert_eq!(search(&store, "stripe"), [ids[0].clone()]);
    // Hold the inter-process writer lock, as another process indexing would: writes land in SQLite only, and a
    // search covering them from the change log does not wait for the lock.
    let lock = std::fs::OpenOptions::new().write(true).open(dir.path().join("home/index/.mx-writer.lock")).unwrap();
    lock.lock().unwrap();
    let other = Store::open(dir.path().join("home")).unwrap();
    let m = other.create(new("Stripe webhooks arrive out of order; sort by event created time")).unwrap().memory;
    let mut hits = search(&store, "stripe");
    hits.sort();
    let mut want = vec![ids[0].clone(), m.id.to_string()];
    want.sort();
    assert_eq!(hits, want);
    drop(lock);
    let mut hits = search(&other, "stripe");
    hits.sort();
    let mut want = vec![ids[0].clone(), m.id.to_string()];
    want.sort();
    assert_eq!(hits, want);
}

#[test]
fn concurrent_writers_and_searchers_lose_nothing() {
    let (_dir, store) = store();
    let store = std::sync::Arc::new(store);
    let mut handles = Vec::new();
    for t in 0..8 {
        let s = store.clone();
        handles.push(std::thread::spawn(move || {
            (0..100)
                .map(|i| {
                    s.create(new(&format!("worker{t} note{i} about payments retries"))).unwrap().memory.id.to_string()
                })
                .collect::<Vec<_>>()
        }));
    }
    for _ in 0..2 {
        let s = store.clone();
        handles.push(std::thread::spawn(move || {
            for _ in 0..20 {
                let _ = search(&s, "payments retries");
            }
            Vec::new()
        }));
    }
    let mut ids: Vec<String> = handles.into_iter().flat_map(|h| h.join().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 800);
    let listed = store.list(&mx_store::ListRequest::default()).unwrap();
    assert_eq!(listed.len(), 0, "nothing global");
    for t in [0, 7] {
        for i in [0, 99] {
            let hits = search(&store, &format!("worker{t} note{i}"));
            assert!(!hits.is_empty(), "worker{t} note{i} not found");
        }
    }
    let mut req = mx_store::SearchRequest::new("payments");
    req.filter.scope = mx_store::Scope::Project(PROJECT.into());
    req.limit = 1000;
    let mut found: Vec<String> = store.search(&req).unwrap().into_iter().map(|r| r.memory.id.to_string()).collect();
    found.sort();
    assert_eq!(found, ids);
}

#[test]
fn import_is_idempotent_and_maps_foreign_records() {
    let (_dir, store) = store();
    let line = r#"{"id":"S01-m1","project":"shop","conversationId":"S01","content":"We chose Stripe over Adyen for lower fees","createdAt":"2025-03-01T12:00:00Z","role":"user","topics":["Payments"]}"#;
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    let mut n = mx_core::NewMemory::default();
    n.content = v["content"].as_str().unwrap().into();
    n.project = Some(v["project"].as_str().unwrap().into());
    n.conversation_id = Some(v["conversationId"].as_str().unwrap().into());
    n.created_at = Some(v["createdAt"].as_str().unwrap().parse().unwrap());
    n.role = Some(mx_core::Role::User);
    n.topics = vec!["Payments".into()];
    n.external_id = Some("S01-m1".into());
    let records = vec![ImportRecord::Foreign(Box::new(n.clone()))];
    let report = store.import(records.clone(), &mut |_, _| {}).unwrap();
    assert_eq!((report.imported, report.skipped), (1, 0));
    let report = store.import(records, &mut |_, _| {}).unwrap();
    assert_eq!((report.imported, report.skipped), (0, 1));

    let id = mx_store::foreign_id(n.created_at.unwrap(), "S01-m1");
    let m = store.get(id.as_str()).unwrap();
    assert_eq!(m.external_id.as_deref(), Some("S01-m1"));
    assert_eq!(m.created_at.to_string(), "2025-03-01T12:00:00Z");
    assert_eq!(m.project.as_deref(), Some("shop"));
    assert_eq!(m.conversation_id.as_str(), "S01");
    assert_eq!(m.role, mx_core::Role::User);
    assert_eq!(m.topics, ["payments"]);
    assert_eq!(m.source, mx_core::Source::Import);

    // export → import into a fresh store is lossless
    let mut exported = Vec::new();
    let extra = store.create(new("A native memory with a name")).unwrap().memory;
    store
        .export(&mut |m| {
            exported.push(m.clone());
            Ok(())
        })
        .unwrap();
    assert_eq!(exported.len(), 2);
    assert_eq!(exported[0].id, id, "oldest first");
    let (_d2, fresh) = common::store();
    let recs = exported.iter().cloned().map(|m| ImportRecord::Memory(Box::new(m))).collect();
    let r = fresh.import(recs, &mut |_, _| {}).unwrap();
    assert_eq!(r.imported, 2);
    assert_eq!(fresh.get(extra.id.as_str()).unwrap(), extra);
    assert_eq!(fresh.get(id.as_str()).unwrap(), m);
    let mut req = mx_store::SearchRequest::new("stripe adyen");
    req.filter.scope = mx_store::Scope::AllProjects;
    assert_eq!(fresh.search(&req).unwrap()[0].memory.id, id);
}

/// Recent single writes are not committed to the index; searches score them from the change log. They must rank
/// and score as they will once committed, and updates/deletes must hide the stale indexed documents.
#[test]
fn uncommitted_tail_scores_like_the_committed_index() {
    let (_dir, store) = store();
    let topics = ["payments", "checkout", "search", "deploy", "auth"];
    let records: Vec<ImportRecord> = (0..300)
        .map(|i| {
            let mut n = new(&format!(
                "Note {i}: the {} service retries {} times; webhook handler {} checks idempotency keys",
                topics[i % 5],
                i % 7,
                i % 11
            ));
            n.topics = vec![topics[i % 5].to_owned()];
            ImportRecord::Foreign(Box::new(n))
        })
        .collect();
    store.import(records, &mut |_, _| {}).unwrap();
    let tail = [
        store.create(new_kind("Stripe webhook retries need idempotency keys", Kind::Decision, &["payments"])).unwrap(),
        store.create(new_kind("Checkout retries are capped at 3", Kind::Constraint, &["checkout"])).unwrap(),
        store.create(new_kind("Deploy on Tuesdays only, never Fridays", Kind::Convention, &["deploy"])).unwrap(),
    ];
    let bm25 = |q: &str, kinds: Vec<Kind>| -> Vec<(String, f32)> {
        let mut req = mx_store::SearchRequest::new(q);
        req.filter.scope = mx_store::Scope::Project(PROJECT.into());
        req.filter.kinds = kinds;
        req.mode = mx_core::rank::RankingMode::Bm25;
        req.limit = 20;
        store.search(&req).unwrap().into_iter().map(|r| (r.memory.id.to_string(), r.breakdown.lexical)).collect()
    };
    let queries = ["stripe webhook idempotency", "checkout retries", "deploy fridays", "retries"];
    let before: Vec<_> = queries.iter().map(|q| bm25(q, vec![])).collect();
    assert_eq!(before[0][0].0, tail[0].memory.id.to_string());
    assert_eq!(before[2][0].0, tail[2].memory.id.to_string());
    // Filters apply to the tail too.
    let decisions = bm25("retries", vec![Kind::Decision]);
    assert_eq!(decisions.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(), [tail[0].memory.id.to_string()]);
    store.rebuild_index(&mut |_, _| {}).unwrap();
    let after: Vec<_> = queries.iter().map(|q| bm25(q, vec![])).collect();
    // Scores equal the committed index's (a unit test in index.rs checks them raw); here: the same ranking.
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.len(), a.len());
        assert_eq!(b[0].0, a[0].0);
        for t in &tail {
            let id = t.memory.id.to_string();
            let rank = |v: &Vec<(String, f32)>| v.iter().position(|(i, _)| *i == id);
            assert_eq!(rank(b), rank(a), "{id}");
        }
    }
    // An update and a delete in the tail hide the indexed documents they replace.
    let mut patch = mx_core::model::MemoryPatch::default();
    patch.content = Some("Deploy on Mondays".into());
    store.update(tail[2].memory.id.as_str(), patch).unwrap();
    store.delete(tail[0].memory.id.as_str()).unwrap();
    assert!(search(&store, "fridays").is_empty());
    assert!(!search(&store, "stripe").contains(&tail[0].memory.id.to_string()));
    assert_eq!(search(&store, "mondays"), [tail[2].memory.id.to_string()]);
}
