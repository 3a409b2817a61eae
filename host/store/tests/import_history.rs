#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! History of imported memories. An import's change-log entry carries no copy of the memory while the memory's row
//! is unchanged (a bulk import writes each memory once); these tests pin that history still shows exactly what was
//! imported, before and after the memory is updated, superseded or deleted.

mod common;

use common::*;
use mx_core::{Kind, MemoryPatch, State};
use mx_store::{ImportRecord, Store};

fn import_one(store: &Store, content: &str, name: Option<&str>) -> mx_core::Memory {
    let mut n = new_kind(content, Kind::Decision, &["payments"]);
    n.created_at = Some("2025-03-01T12:00:00Z".parse().unwrap());
    n.external_id = Some(format!("ext-{content}"));
    n.name = name.map(str::to_owned);
    let report = store.import(vec![ImportRecord::Foreign(Box::new(n.clone()))], &mut |_, _| {}).unwrap();
    assert_eq!(report.imported, 1);
    let id = mx_store::foreign_id(n.created_at.unwrap(), n.external_id.as_deref().unwrap());
    store.get(id.as_str()).unwrap()
}

fn actions(h: &[mx_store::HistoryEntry]) -> Vec<&str> {
    h.iter().map(|e| e.action.as_str()).collect()
}

#[test]
fn an_imported_memory_has_its_import_in_history() {
    let (_dir, store) = store();
    let m = import_one(&store, "We chose Stripe over Adyen for lower fees", None);
    let h = store.history(m.id.as_str()).unwrap();
    assert_eq!(actions(&h), ["import"]);
    assert_eq!(h[0].memory, m);
}

#[test]
fn history_keeps_the_imported_version_after_an_update_and_a_delete() {
    let (_dir, store) = store();
    let m = import_one(&store, "Refunds run nightly at 02:00 UTC", None);
    let mut patch = MemoryPatch::default();
    patch.content = Some("Refunds run hourly since the backlog incident".into());
    store.update(m.id.as_str(), patch).unwrap();

    let h = store.history(m.id.as_str()).unwrap();
    assert_eq!(actions(&h), ["import", "update"]);
    assert_eq!(h[0].memory, m, "the import entry shows the memory as imported, not as it is now");
    assert_eq!(h[1].memory.content, "Refunds run hourly since the backlog incident");

    store.delete(m.id.as_str()).unwrap();
    let h = store.history(m.id.as_str()).unwrap();
    assert_eq!(actions(&h), ["import", "update", "delete"]);
    assert_eq!(h[0].memory, m);
    assert_eq!(h[2].memory.content, "Refunds run hourly since the backlog incident");
}

#[test]
fn history_keeps_the_imported_version_after_a_delete() {
    let (_dir, store) = store();
    let m = import_one(&store, "Webhook secrets rotate every 90 days", None);
    store.delete(m.id.as_str()).unwrap();
    let h = store.history(m.id.as_str()).unwrap();
    assert_eq!(actions(&h), ["import", "delete"]);
    assert_eq!(h[0].memory, m);
}

#[test]
fn history_keeps_the_imported_version_after_it_is_superseded() {
    let (_dir, store) = store();
    let old = import_one(&store, "Retry Stripe calls 3 times", Some("stripe-retries"));
    let mut v2 = new_kind("Retry Stripe calls 5 times with jitter", Kind::Decision, &["payments"]);
    v2.name = Some("stripe-retries".into());
    v2.project = old.project.clone();
    let v2 = store.create(v2).unwrap().memory;
    assert_eq!(v2.supersedes.as_ref(), Some(&old.id));
    assert_eq!(store.get(old.id.as_str()).unwrap().state, State::Superseded);

    let h = store.history(old.id.as_str()).unwrap();
    let import = h.iter().find(|e| e.action == "import" && e.memory.id == old.id).unwrap();
    assert_eq!(import.memory, old, "the import entry shows the version as imported (current then)");
    assert!(h.iter().any(|e| e.action == "supersede" && e.memory.state == State::Superseded));
}

/// Re-importing the same records changes nothing, history included.
#[test]
fn a_second_import_adds_no_history() {
    let (_dir, store) = store();
    let m = import_one(&store, "Cache product pages for 60 s", None);
    let mut n = new_kind("Cache product pages for 60 s", Kind::Decision, &["payments"]);
    n.created_at = Some("2025-03-01T12:00:00Z".parse().unwrap());
    n.external_id = Some("ext-Cache product pages for 60 s".into());
    let report = store.import(vec![ImportRecord::Foreign(Box::new(n))], &mut |_, _| {}).unwrap();
    assert_eq!((report.imported, report.skipped), (0, 1));
    let h = store.history(m.id.as_str()).unwrap();
    assert_eq!(actions(&h), ["import"]);
}
