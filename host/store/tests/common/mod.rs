#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
#![allow(dead_code)]

use mx_core::{Kind, NewMemory};
use mx_store::{Filter, Scope, SearchRequest, Store};

pub const PROJECT: &str = "github.com/acme/shop";

pub fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("home")).expect("open store");
    (dir, store)
}

pub fn new(content: &str) -> NewMemory {
    let mut n = NewMemory::default();
    n.content = content.to_owned();
    n.project = Some(PROJECT.to_owned());
    n.conversation_id = Some("conv_feature_payments".to_owned());
    n
}

pub fn new_kind(content: &str, kind: Kind, topics: &[&str]) -> NewMemory {
    let mut n = new(content);
    n.kind = Some(kind);
    n.topics = topics.iter().map(|t| (*t).to_owned()).collect();
    n
}

pub fn search(store: &Store, q: &str) -> Vec<String> {
    let mut req = SearchRequest::new(q);
    req.filter = Filter { scope: Scope::Project(PROJECT.to_owned()), ..Default::default() };
    req.limit = 50;
    store.search(&req).expect("search").into_iter().map(|r| r.memory.id.to_string()).collect()
}
