#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! Export then import into a fresh store loses nothing: for any memories (named ones with several versions, deleted
//! versions, two projects) and any relationships between them, the fresh store exports the same lines, every name
//! resolves to the same current version, every memory has the same relationships and the same version chain.

mod common;

use std::collections::BTreeSet;

use common::*;
use mx_core::{Kind, Memory};
use mx_store::{ImportRecord, RelationKind, Relationship, RelationshipLine, Store};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    /// A memory; with a name (one of three, per project), a second one of that name is its next version.
    Create { text: String, name: Option<u8>, other_project: bool, decision: bool },
    /// A relationship between the `a`-th and `b`-th memory created so far (modulo their count).
    Relate { a: usize, b: usize, kind: u8 },
    /// Deletes the `a`-th memory created so far (a named newest version gives the name back to the previous one).
    Delete { a: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => ("[a-z]{3,8}( [a-z]{2,8}){0,5}", proptest::option::of(0u8..3), any::<bool>(), any::<bool>())
            .prop_map(|(text, name, other_project, decision)| Op::Create { text, name, other_project, decision }),
        3 => (any::<usize>(), any::<usize>(), 0u8..5).prop_map(|(a, b, kind)| Op::Relate { a, b, kind }),
        1 => any::<usize>().prop_map(|a| Op::Delete { a }),
    ]
}

const KINDS: [RelationKind; 5] = [
    RelationKind::Supersedes,
    RelationKind::Follows,
    RelationKind::Resolves,
    RelationKind::Contradicts,
    RelationKind::References,
];

fn apply(store: &Store, ops: &[Op]) {
    let mut ids: Vec<String> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        match op {
            Op::Create { text, name, other_project, decision } => {
                let mut n = new(&format!("note {i}: {text}"));
                n.name = name.map(|k| format!("policy-{k}"));
                n.kind = decision.then_some(Kind::Decision);
                if *other_project {
                    n.project = Some("github.com/acme/other".into());
                }
                n.topics = vec![format!("topic-{}", i % 3)];
                ids.push(store.create(n).unwrap().memory.id.to_string());
            }
            // Refusals (a memory related to itself, a deleted end) are part of the input space: they change nothing.
            Op::Relate { a, b, kind } if !ids.is_empty() => {
                let _ = store.relate(&ids[a % ids.len()], &ids[b % ids.len()], KINDS[*kind as usize]);
            }
            Op::Delete { a } if !ids.is_empty() => {
                let _ = store.delete(&ids[a % ids.len()]);
            }
            _ => {}
        }
    }
}

/// The JSONL `mx export` writes: memories, then relationships.
fn export_lines(store: &Store) -> Vec<String> {
    let mut lines = Vec::new();
    store
        .export(&mut |m: &Memory| {
            lines.push(serde_json::to_string(m).unwrap());
            Ok(())
        })
        .unwrap();
    store
        .export_relationships(&mut |r: &Relationship| {
            lines.push(serde_json::to_string(&RelationshipLine { relationship: r.clone() }).unwrap());
            Ok(())
        })
        .unwrap();
    lines
}

fn all_memories(store: &Store) -> Vec<Memory> {
    let mut out = Vec::new();
    store
        .export(&mut |m: &Memory| {
            out.push(m.clone());
            Ok(())
        })
        .unwrap();
    out
}

/// Everything a user reads about one memory that is not the memory itself: its relationships and its stored
/// versions. A deleted version is left out: what remains of it is its history (the change log, which stays with the
/// store it happened in and is not exported).
fn around(store: &Store, m: &Memory) -> (Vec<Relationship>, BTreeSet<String>) {
    let rels = store.relationships(m.id.as_str()).unwrap();
    let versions = store
        .history(m.id.as_str())
        .unwrap()
        .into_iter()
        .map(|h| h.memory.id.to_string())
        .filter(|id| store.get(id).is_ok())
        .collect();
    (rels, versions)
}

proptest! {
    // Each case opens two stores (SQLite and a tantivy index each): 12 cases of up to 14 operations run in seconds.
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_into_a_fresh_store_loses_nothing(ops in proptest::collection::vec(op(), 1..14)) {
        let (_a, original) = store();
        apply(&original, &ops);
        let lines = export_lines(&original);

        let (_b, fresh) = store();
        let records: Vec<ImportRecord> =
            lines.iter().map(|l| ImportRecord::from_json_line(l, None).unwrap()).collect();
        for r in &records {
            prop_assert!(r.validate().is_ok(), "an exported line must validate: {r:?}");
        }
        fresh.import(records, &mut |_, _| {}).unwrap();

        prop_assert_eq!(export_lines(&fresh), lines);
        for m in all_memories(&original) {
            prop_assert_eq!(around(&fresh, &m), around(&original, &m));
            if let Some(name) = &m.name {
                let current = |s: &Store| s.get(name).map(|x| x.id).map_err(|e| e.to_string());
                prop_assert_eq!(current(&fresh), current(&original));
            }
        }
    }
}
