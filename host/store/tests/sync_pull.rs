#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! A whole pull applied page by page as a fetching thread would send it ([`Store::sync_apply_pages`]): every
//! memory arrives once, the cursor ends at the last page's, the search index holds them without a catch-up, history
//! names them as pulled and keeps what arrived after a later local change, and a second pull of the same pages
//! changes nothing.

mod common;

use common::*;
use mx_core::MemoryPatch;
use mx_store::{PulledPage, Store, SyncChange};

/// The team changes of a store with `n` memories, as the server would hand them out.
fn changes_of(n: usize) -> (tempfile::TempDir, Vec<SyncChange>) {
    let (dir, source) = store();
    for i in 0..n {
        source
            .create(new(&format!("Ledger shard {i} rebalances nightly; the cron runs at 02:{:02} UTC", i % 60)))
            .unwrap();
    }
    let (changes, _) = source.sync_pending(usize::MAX).unwrap();
    assert_eq!(changes.len(), n);
    (dir, changes)
}

/// Sends `changes` in pages of `page` from another thread, the server's cursor being the running count.
fn pull(store: &Store, changes: &[SyncChange], page: usize) -> usize {
    let (tx, rx) = std::sync::mpsc::sync_channel(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (i, chunk) in changes.chunks(page).enumerate() {
                let cursor = (i * page + chunk.len()) as i64;
                tx.send(PulledPage { changes: chunk.to_vec(), cursor }).unwrap();
            }
        });
        store.sync_apply_pages(rx).unwrap()
    })
}

#[test]
fn a_paged_bulk_pull_stores_indexes_and_records_everything_once() {
    let (_src, changes) = changes_of(2_600);
    let (_dir, store) = store();
    assert_eq!(pull(&store, &changes, 1_000), 2_600);
    assert_eq!(store.sync_pull_cursor().unwrap(), 2_600);
    assert!(store.sync_last_pull().unwrap().is_some());

    let doctor = store.doctor();
    let index = doctor.iter().find(|c| c.name == "index").unwrap();
    assert!(index.ok && index.detail.contains("holds every change"), "the bulk pull indexed what it wrote: {index:?}");
    assert_eq!(search(&store, "shard 1234 rebalances").first(), Some(&changes[1234].id));

    // Pulled memories are not sent back, and pulling the same pages again changes nothing.
    assert!(store.sync_pending(usize::MAX).unwrap().0.is_empty());
    assert_eq!(pull(&store, &changes, 700), 0);

    // History: the pulled version, then a local edit; the pulled text survives the edit.
    let id = changes[7].id.clone();
    let mut patch = MemoryPatch::default();
    patch.content = Some("Ledger shard 7 rebalances hourly since the March incident".into());
    store.update(&id, patch).unwrap();
    let history = store.history(&id).unwrap();
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["pull", "update"]);
    assert!(history[0].memory.content.contains("02:07"), "{:?}", history[0].memory.content);
}

#[test]
fn a_small_pull_is_applied_and_left_to_the_search_catch_up() {
    let (_src, changes) = changes_of(30);
    let (_dir, store) = store();
    assert_eq!(pull(&store, &changes, 10), 30);
    assert_eq!(store.sync_pull_cursor().unwrap(), 30);
    assert_eq!(search(&store, "shard 17 rebalances").first(), Some(&changes[17].id));
}
