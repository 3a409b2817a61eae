#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! Named versions, supersession, history, update, delete, relationships and the listing helpers.

mod common;

use common::*;
use mx_core::{Kind, MemoryPatch, State};
use mx_store::{Filter, ListRequest, RelationKind, Scope, StatsGroup, StoreError};

fn named(content: &str, name: &str) -> mx_core::NewMemory {
    let mut n = new_kind(content, Kind::Decision, &["payments"]);
    n.name = Some(name.to_owned());
    n
}

#[test]
fn creating_a_name_again_makes_a_new_version() {
    let (_dir, store) = store();
    let v1 = store.create(named("Retry Stripe calls 3 times with backoff", "payment-retry-policy")).unwrap().memory;
    let v2 =
        store.create(named("Retry Stripe calls 5 times with jittered backoff", "payment-retry-policy")).unwrap().memory;
    assert_eq!(v2.supersedes.as_ref(), Some(&v1.id));

    let old = store.get(v1.id.as_str()).unwrap();
    assert_eq!(old.state, State::Superseded);
    assert_eq!(old.superseded_by.as_ref(), Some(&v2.id));
    // the name resolves to the current version
    assert_eq!(store.get("payment-retry-policy").unwrap().id, v2.id);
    // search hides the superseded one
    let hits = search(&store, "retry backoff");
    assert_eq!(hits, [v2.id.to_string()]);

    // update of a named memory: a third version
    let mut patch = MemoryPatch::default();
    patch.content = Some("Retry Stripe calls 4 times; idempotency keys make it safe".into());
    let updated = store.update("payment-retry-policy", patch).unwrap();
    assert_eq!(updated.previous.as_ref(), Some(&v2.id));
    assert_ne!(updated.memory.id, v2.id);
    assert_eq!(store.get("payment-retry-policy").unwrap().id, updated.memory.id);

    let history = store.history("payment-retry-policy").unwrap();
    let actions: Vec<(String, String)> = history.iter().map(|h| (h.memory.id.to_string(), h.action.clone())).collect();
    assert_eq!(
        actions,
        [
            (v1.id.to_string(), "create".to_owned()),
            (v2.id.to_string(), "create".to_owned()),
            (v1.id.to_string(), "supersede".to_owned()),
            (updated.memory.id.to_string(), "create".to_owned()),
            (v2.id.to_string(), "supersede".to_owned()),
        ]
    );
    // the same name in another project is another memory
    let mut elsewhere = named("Other shop retries twice", "payment-retry-policy");
    elsewhere.project = Some("github.com/acme/other".into());
    let other = store.create(elsewhere).unwrap().memory;
    assert_eq!(other.supersedes, None);
    assert_eq!(store.get(updated.memory.id.as_str()).unwrap().state, State::Current);

    let rels = store.relationships(v2.id.as_str()).unwrap();
    assert_eq!(rels.len(), 2, "{rels:?}");
    assert!(rels.iter().all(|r| r.kind == RelationKind::Supersedes));
}

#[test]
fn explicit_supersedes_by_prefix_and_deleting_restores_the_previous_version() {
    let (_dir, store) = store();
    let old = store.create(new("We use PostgreSQL 14 for orders")).unwrap().memory;
    let mut n = new("We moved orders to PostgreSQL 16");
    n.supersedes = Some(old.id.as_str()[..10].to_owned());
    let newer = store.create(n).unwrap().memory;
    assert_eq!(newer.supersedes.as_ref(), Some(&old.id));
    assert_eq!(store.get(old.id.as_str()).unwrap().state, State::Superseded);
    assert_eq!(search(&store, "postgresql orders"), [newer.id.to_string()]);

    let deleted = store.delete(newer.id.as_str()).unwrap();
    assert_eq!(deleted.memory.id, newer.id);
    assert_eq!(deleted.restored.map(|m| m.id), Some(old.id.clone()), "the restored version is reported");
    assert!(matches!(store.get(newer.id.as_str()), Err(StoreError::Core(mx_core::Error::NotFound(_)))));
    assert_eq!(store.get(old.id.as_str()).unwrap().state, State::Current);
    assert_eq!(search(&store, "postgresql orders"), [old.id.to_string()]);
    // history of a deleted memory is still there
    let h = store.history(newer.id.as_str()).unwrap();
    assert_eq!(h.last().map(|e| e.action.as_str()), Some("delete"));
}

#[test]
fn update_in_place_changes_fields_and_the_index() {
    let (_dir, store) = store();
    let m = store.create(new_kind("The flaky test was a timezone bug", Kind::Debugging, &["tests"])).unwrap().memory;
    let mut patch = MemoryPatch::default();
    patch.content = Some("Root cause of the flaky checkout test: DST transition in the fixture clock".into());
    patch.topics = Some(vec!["Tests".into(), "Checkout".into()]);
    patch.importance = Some(0.9);
    patch.files = Some(vec!["./tests/checkout.rs".into()]);
    let u = store.update(&m.id.as_str()[..8], patch).unwrap();
    assert_eq!(u.previous, None);
    assert_eq!(u.memory.id, m.id);
    let got = store.get(m.id.as_str()).unwrap();
    assert_eq!(got.topics, ["tests", "checkout"]);
    assert_eq!(got.files, ["tests/checkout.rs"]);
    assert_eq!(got.importance, 0.9);
    assert_eq!(search(&store, "fixture clock"), [m.id.to_string()]);
    assert!(search(&store, "timezone").is_empty());
    let h = store.history(m.id.as_str()).unwrap();
    assert_eq!(h.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(), ["create", "update"]);
}

#[test]
fn prefixes_resolve_uniquely_or_report_ambiguity() {
    let (_dir, store) = store();
    // Same millisecond prefix is likely for memories created back to back; force it through import.
    let t: jiff::Timestamp = "2026-01-05T10:00:00Z".parse().unwrap();
    let recs: Vec<mx_store::ImportRecord> = (0..7)
        .map(|i| {
            let mut n = new(&format!("memory number {i}"));
            n.created_at = Some(t);
            n.external_id = Some(format!("ext-{i}"));
            mx_store::ImportRecord::Foreign(Box::new(n))
        })
        .collect();
    store.import(recs, &mut |_, _| {}).unwrap();
    let all = store
        .list(&ListRequest { filter: Filter { scope: Scope::AllProjects, ..Default::default() }, ..Default::default() })
        .unwrap();
    assert_eq!(all.len(), 7);
    let shared = &all[0].id.as_str()[..10];
    assert!(all.iter().all(|m| &m.id.as_str()[..10] == shared), "same creation ms → same 10-char time prefix");
    // The count is the real one (7), even though only the first 5 ids are listed.
    match store.get(shared) {
        Err(e @ StoreError::Core(mx_core::Error::AmbiguousId { count: 7, .. })) => {
            let StoreError::Core(mx_core::Error::AmbiguousId { matches, .. }) = &e else { unreachable!() };
            assert_eq!(matches.len(), 5);
            assert!(e.to_string().contains("matches 7 memories"), "{e}");
        }
        other => panic!("expected ambiguity over 7, got {other:?}"),
    }
    assert!(matches!(store.history(shared), Err(StoreError::Core(mx_core::Error::AmbiguousId { count: 7, .. }))));
    assert_eq!(store.get(all[0].id.as_str()).unwrap().id, all[0].id);
    // Too short to be a prefix and not a name: say the prefix is too short, not that nothing matches.
    match store.get(&all[0].id.as_str()[..5]) {
        Err(e @ StoreError::Core(mx_core::Error::Invalid(_))) => assert!(e.to_string().contains("needs 6 characters")),
        other => panic!("expected a too-short prefix error, got {other:?}"),
    }
    assert!(matches!(store.get("oil"), Err(StoreError::Core(mx_core::Error::NotFound(_)))), "not an id alphabet");
}

#[test]
fn redaction_is_applied_and_reported() {
    let (_dir, store) = store();
    let content =
        "Stripe test key is sk_live_51HqLyjWDarjtT1zdp7dcXoi5ZbIRyrKS2pbQhNfyXyh4 and AWS AKIAIOSFODNN7EXAMPLE";
    let expected = mx_core::redact::redact(content);
    let created = store.create(new(content)).unwrap();
    assert_eq!(created.redactions, expected.findings);
    assert_eq!(created.memory.content, expected.text);
    assert_eq!(store.get(created.memory.id.as_str()).unwrap().content, expected.text);
    if !expected.findings.is_empty() {
        let history = store.history(created.memory.id.as_str()).unwrap();
        assert!(history.iter().all(|h| !h.memory.content.contains("sk_live_51HqLyj")));
    }
}

#[test]
fn relationships_conversations_topics_and_stats() {
    let (_dir, store) = store();
    let mut a = new_kind("Checkout fails on Safari with a CORS error", Kind::Gotcha, &["checkout", "safari"]);
    a.created_at = Some("2026-01-05T10:00:00Z".parse().unwrap());
    let a = store.create(a).unwrap().memory;
    let mut b =
        new_kind("Fixed the Safari CORS error by allowing the preflight header", Kind::Debugging, &["checkout"]);
    b.conversation_id = Some("conv_safari".into());
    b.created_at = Some("2026-01-06T09:00:00Z".parse().unwrap());
    let b = store.create(b).unwrap().memory;

    let rel = store.relate(b.id.as_str(), a.id.as_str(), RelationKind::Resolves).unwrap();
    assert_eq!((rel.from.clone(), rel.to.clone(), rel.kind), (b.id.clone(), a.id.clone(), RelationKind::Resolves));
    assert_eq!(store.relationships(a.id.as_str()).unwrap(), std::slice::from_ref(&rel));
    assert!(store.unrelate(b.id.as_str(), a.id.as_str(), RelationKind::Resolves).unwrap());
    assert!(!store.unrelate(b.id.as_str(), a.id.as_str(), RelationKind::Resolves).unwrap());
    assert!(store.relationships(a.id.as_str()).unwrap().is_empty());

    let scope = Filter { scope: Scope::Project(PROJECT.into()), ..Default::default() };
    let convs = store.conversations(&scope, None).unwrap();
    assert_eq!(
        convs.iter().map(|c| (c.id.as_str(), c.memories)).collect::<Vec<_>>(),
        [("conv_safari", 1), ("conv_feature_payments", 1)]
    );
    assert_eq!(convs[0].topics, ["checkout"]);

    let topics = store.topics(&scope).unwrap();
    assert_eq!(
        topics.iter().map(|t| (t.topic.as_str(), t.memories)).collect::<Vec<_>>(),
        [("checkout", 2), ("safari", 1)]
    );

    let days = store.stats(&scope, StatsGroup::Day).unwrap();
    assert_eq!(
        days.iter().map(|r| (r.key.as_str(), r.memories)).collect::<Vec<_>>(),
        [("2026-01-05", 1), ("2026-01-06", 1)]
    );
    let weeks = store.stats(&scope, StatsGroup::Week).unwrap();
    assert_eq!(weeks.iter().map(|r| (r.key.as_str(), r.memories)).collect::<Vec<_>>(), [("2026-W02", 2)]);
    let months = store.stats(&scope, StatsGroup::Month).unwrap();
    assert_eq!(months.iter().map(|r| (r.key.as_str(), r.memories)).collect::<Vec<_>>(), [("2026-01", 2)]);

    // build-context: anchored files and context text
    let mut anchored = new_kind("Never log card numbers in the payment processor", Kind::Constraint, &["payments"]);
    anchored.files = vec!["src/payments/processor.rs".into()];
    let anchored = store.create(anchored).unwrap().memory;
    let mut req = mx_store::ContextRequest::default();
    req.files = vec!["src/payments/processor.rs".into()];
    req.context = Some("fix safari checkout".into());
    req.filter = scope;
    let briefing = store.build_context(&req).unwrap();
    assert!(briefing.included.contains(&anchored.id.to_string()), "{briefing:?}");
    assert!(briefing.included.contains(&b.id.to_string()), "{briefing:?}");
}

#[test]
fn doctor_reports_a_healthy_store() {
    let (_dir, store) = store();
    store.create(new("Something worth remembering")).unwrap();
    let checks = store.doctor();
    let names: Vec<_> = checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["home", "database", "schema", "index", "config"]);
    assert!(checks.iter().all(|c| c.ok), "{checks:#?}");
    std::fs::write(store.home().join("config.toml"), "this is = = not toml").unwrap();
    let config = store.doctor().into_iter().find(|c| c.name == "config").unwrap();
    assert!(!config.ok && config.fix.is_some(), "{config:?}");
}

#[test]
fn deleting_all_versions_of_a_name_leaves_nothing_current_and_keeps_each_history() {
    let (_dir, store) = store();
    let mut ids = Vec::new();
    for text in ["Deploy with fly v1", "Deploy with fly v2", "Deploy with fly v3"] {
        let mut n = new(text);
        n.name = Some("deploy-process".into());
        ids.push(store.create(n).unwrap().memory.id);
    }
    let unrelated = store.create(new("Payments use Stripe")).unwrap().memory;

    // By the name, which resolves to the newest version; the chain is followed from there.
    let deleted = store.delete_all_versions("deploy-process").unwrap();
    let deleted_ids: Vec<_> = deleted.iter().map(|m| m.id.clone()).collect();
    assert_eq!(deleted_ids, [ids[2].clone(), ids[1].clone(), ids[0].clone()], "newest first");
    for id in &ids {
        assert!(matches!(store.get(id.as_str()), Err(StoreError::Core(mx_core::Error::NotFound(_)))));
        let h = store.history(id.as_str()).unwrap();
        assert_eq!(h.last().map(|e| e.action.as_str()), Some("delete"), "history of {id} ends with its delete");
    }
    assert!(store.get("deploy-process").is_err(), "no version of the name is current again");
    assert_eq!(store.get(unrelated.id.as_str()).unwrap().id, unrelated.id);

    // From an older version too: the chain runs forward as well as back.
    let mut a = new("Release on Tuesdays");
    a.name = Some("release-day".into());
    let first = store.create(a.clone()).unwrap().memory;
    a.content = "Release on Thursdays".into();
    store.create(a).unwrap();
    assert_eq!(store.delete_all_versions(first.id.as_str()).unwrap().len(), 2);
    assert!(store.get("release-day").is_err());
}
