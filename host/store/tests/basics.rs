#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! Round trips of the Store API on a real temporary home.

mod common;

use common::*;
use mx_core::digest::DigestFormat;
use mx_core::{Kind, State};
use mx_store::{DigestRequest, Filter, ListRequest, Scope, Sort, StoreError};

#[test]
fn create_get_list_search_digest_round_trip() {
    let (_dir, store) = store();
    let a = store
        .create(new_kind(
            "Decided to use idempotency keys on every Stripe call instead of client-side retries",
            Kind::Decision,
            &["payments", "stripe"],
        ))
        .unwrap();
    let b =
        store.create(new_kind("Next: wire the webhook handler for refunds", Kind::Progress, &["payments"])).unwrap();
    let mut global = new("Always run cargo fmt on touched files only");
    global.global = true;
    let c = store.create(global).unwrap();
    // The first memory of a named conversation starts it; the next one joins it.
    assert!(a.conversation_started && !b.conversation_started);
    assert_eq!(c.memory.project, None);

    // get by full id, by prefix (any case), and round trip of every field
    assert_eq!(store.get(a.memory.id.as_str()).unwrap(), a.memory);
    assert_eq!(store.get(&a.memory.id.as_str()[..12].to_uppercase()).unwrap(), a.memory);

    // list: newest first, project + global
    let req = ListRequest {
        filter: Filter { scope: Scope::Project(PROJECT.into()), ..Default::default() },
        ..Default::default()
    };
    let ids: Vec<_> = store.list(&req).unwrap().into_iter().map(|m| m.id).collect();
    assert_eq!(ids, [c.memory.id.clone(), b.memory.id.clone(), a.memory.id.clone()]);
    let oldest = ListRequest { sort: Sort::Oldest, limit: Some(1), ..req.clone() };
    assert_eq!(store.list(&oldest).unwrap()[0].id, a.memory.id);
    let mut by_topic = req.clone();
    by_topic.filter.topics = vec!["stripe".into()];
    assert_eq!(store.list(&by_topic).unwrap().len(), 1);
    let mut other = req.clone();
    other.filter.scope = Scope::GlobalOnly;
    assert_eq!(store.list(&other).unwrap().len(), 1);

    // search: stemmed / code-aware terms find the memory; special characters do not error
    assert_eq!(search(&store, "stripe idempotency")[0], a.memory.id.to_string());
    assert!(search(&store, "webhook").contains(&b.memory.id.to_string()));
    assert!(search(&store, "cargo fmt").contains(&c.memory.id.to_string()));
    for weird in ["", "   ", "\"unterminated", "a:b OR (c AND", "*", "the", "-x +y ~z^2"] {
        let _ = search(&store, weird);
    }

    // digest with and without a query
    let mut d = DigestRequest::default();
    d.filter.scope = Scope::Project(PROJECT.into());
    d.query = Some("stripe payments".into());
    let digest = store.digest(&d).unwrap();
    assert!(digest.included.contains(&a.memory.id.to_string()), "{digest:?}");
    d.query = None;
    d.format = DigestFormat::Structured;
    let standing = store.digest(&d).unwrap();
    assert!(standing.included.contains(&b.memory.id.to_string()), "{standing:?}");
}

#[test]
fn new_conversation_and_validation_errors() {
    let (_dir, store) = store();
    let mut n = new("Started the payments feature");
    n.conversation_id = Some("NEW".into());
    let created = store.create(n).unwrap();
    assert!(created.conversation_started);
    assert!(created.memory.conversation_id.as_str().starts_with("conv_"));

    let err = store.create(new("   ")).unwrap_err();
    assert!(matches!(err, StoreError::Core(mx_core::Error::Invalid(ref v)) if v.field == "content"), "{err}");
    let err = store.get("zzzzzzzz").unwrap_err();
    assert!(matches!(err, StoreError::Core(mx_core::Error::NotFound(_))), "{err}");
    assert_eq!(store.list(&ListRequest::default()).unwrap().len(), 0, "global scope holds nothing");
    let all = ListRequest { filter: Filter { scope: Scope::AllProjects, ..Default::default() }, ..Default::default() };
    assert_eq!(store.list(&all).unwrap().len(), 1);
    assert_eq!(store.list(&all).unwrap()[0].state, State::Current);
}

#[test]
fn get_listed_returns_known_ids_in_order_and_skips_the_rest() {
    let (_dir, store) = store();
    let a = store.create(new("The ledger rounds half to even")).unwrap().memory;
    let b = store.create(new("Refunds post to the original card only")).unwrap().memory;
    let ids = vec![b.id.to_string(), "01m00000000000000000000000".to_owned(), a.id.to_string()];
    let got: Vec<String> = store.get_listed(&ids).unwrap().into_iter().map(|m| m.id.to_string()).collect();
    assert_eq!(got, [b.id.to_string(), a.id.to_string()]);
}
