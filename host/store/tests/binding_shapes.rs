//! The hand-written declarations of the bindings (Node's `types.d.ts` and generated `index.d.ts`, the wasm build's
//! TypeScript, Python's `.pyi` stub and the fields its `to_dict` lists) are checked field by field against the Rust
//! types they describe. Each Rust value below is written out field by field, without `..Default::default()`: a field
//! added in Rust stops this test from compiling until it is added here, and then fails it until every binding
//! declares it.

use std::collections::BTreeSet;

use mx_core::model::{Kind, Memory, MemoryType, NewMemory, Role, Source, State};
use mx_core::staleness::{AnchorState, AnchorStatus, Staleness};
use mx_core::{ConversationId, MemoryId};
use mx_store::ImportReport;

const NODE_TYPES: &str = include_str!("../../../bindings-node/types.d.ts");
const NODE_INDEX: &str = include_str!("../../../bindings-node/index.d.ts");
const WASM: &str = include_str!("../../../core/src/wasm.rs");
const PYI: &str = include_str!("../../../bindings-python/python/mx_memory/_mx_memory.pyi");
const PY_TYPES: &str = include_str!("../../../bindings-python/src/types.rs");

fn every_field_of_memory() -> Memory {
    let at = "2026-11-26T09:00:00Z".parse().expect("valid timestamp");
    Memory {
        id: MemoryId::from_parts(1, 2),
        content: "c".into(),
        kind: Kind::Decision,
        kind_inferred: true,
        topics: vec!["t".into()],
        conversation_id: ConversationId::new_from_parts(1, 5),
        project: Some("p".into()),
        name: Some("n".into()),
        importance: 0.5,
        role: Role::User,
        source: Source::Cli,
        memory_type: Some(MemoryType::Semantic),
        files: vec!["f".into()],
        commit: Some("abc".into()),
        supersedes: Some(MemoryId::from_parts(1, 3)),
        superseded_by: Some(MemoryId::from_parts(1, 4)),
        state: State::Superseded,
        external_id: Some("e".into()),
        private: true,
        created_at: at,
        updated_at: at,
        stale: Some(Staleness::from_anchors(vec![AnchorStatus { file: "f".into(), state: AnchorState::Unchanged }])),
    }
}

fn every_field_of_new_memory() -> NewMemory {
    NewMemory {
        content: "c".into(),
        kind: Some(Kind::Note),
        topics: vec![],
        conversation_id: Some("NEW".into()),
        project: Some("p".into()),
        global: true,
        private: true,
        name: Some("n".into()),
        importance: Some(0.5),
        role: Some(Role::User),
        source: Some(Source::Cli),
        memory_type: Some(MemoryType::Semantic),
        files: vec![],
        commit: Some("abc".into()),
        supersedes: Some("x".into()),
        created_at: Some("2026-11-26T09:00:00Z".parse().expect("valid timestamp")),
        external_id: Some("e".into()),
    }
}

/// The JSON (camelCase) field names of a value, as every binding's JSON and the exports show them.
fn json_fields(value: impl serde::Serialize) -> BTreeSet<String> {
    match serde_json::to_value(value).expect("serialises") {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

fn snake(camel: &str) -> String {
    let mut out = String::new();
    for c in camel.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The field names of `export interface NAME {` in a TypeScript text (one field per line, `name:` or `name?:`).
fn ts_fields(text: &str, name: &str) -> BTreeSet<String> {
    let open = format!("export interface {name} ");
    let start = text.find(&open).unwrap_or_else(|| panic!("no `interface {name}`"));
    let body = &text[start..];
    let end = body.find("\n}").expect("interface closes");
    body[..end]
        .lines()
        .skip(1)
        .filter_map(|line| {
            let line = line.trim();
            let (field, _) = line.split_once(':')?;
            let field = field.trim_end_matches('?');
            field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_').then(|| field.to_owned())
        })
        .filter(|f| !f.is_empty())
        .collect()
}

/// The properties of `class NAME:` in the `.pyi` stub.
fn pyi_properties(name: &str) -> BTreeSet<String> {
    let open = format!("class {name}:");
    let start = PYI.find(&open).unwrap_or_else(|| panic!("no `class {name}` in the stub"));
    let body = &PYI[start + open.len()..];
    let end = body.find("\nclass ").or_else(|| body.find("\n@final")).unwrap_or(body.len());
    let lines: Vec<&str> = body[..end].lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].trim() == "@property")
        .filter_map(|w| w[1].trim().strip_prefix("def ")?.split('(').next().map(str::to_owned))
        .collect()
}

/// The field names listed in a `const NAME: &[&str] = &[ ... ];` of the Python binding (what `to_dict` returns).
fn py_dict_fields(list: &str) -> BTreeSet<String> {
    let start = PY_TYPES.find(list).unwrap_or_else(|| panic!("no `{list}` in bindings-python/src/types.rs"));
    let body = &PY_TYPES[start..];
    let end = body.find("];").expect("list closes");
    body[..end].split('"').skip(1).step_by(2).map(str::to_owned).collect()
}

fn assert_declares(binding: &str, declared: &BTreeSet<String>, rust: &BTreeSet<String>) {
    let missing: Vec<_> = rust.difference(declared).collect();
    let extra: Vec<_> = declared.difference(rust).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{binding}: missing {missing:?}, not in the Rust type {extra:?}; update the declaration"
    );
}

#[test]
fn memory_is_declared_field_by_field_in_every_binding() {
    let rust = json_fields(every_field_of_memory());
    assert_declares("bindings-node/types.d.ts Memory", &ts_fields(NODE_TYPES, "Memory"), &rust);
    assert_declares("bindings-node/index.d.ts Memory", &ts_fields(NODE_INDEX, "Memory"), &rust);
    assert_declares("core/src/wasm.rs Memory", &ts_fields(WASM, "Memory"), &rust);
    let snake_case: BTreeSet<String> = rust.iter().map(|f| snake(f)).collect();
    assert_declares("_mx_memory.pyi Memory", &pyi_properties("Memory"), &snake_case);
    assert_declares("bindings-python to_dict(Memory)", &py_dict_fields("MEMORY_FIELDS"), &snake_case);
}

#[test]
fn staleness_is_declared_in_every_binding() {
    let rust = json_fields(Staleness::from_anchors(vec![]));
    assert_declares("bindings-node/types.d.ts Staleness", &ts_fields(NODE_TYPES, "Staleness"), &rust);
    assert_declares("core/src/wasm.rs Staleness", &ts_fields(WASM, "Staleness"), &rust);
    let snake_case: BTreeSet<String> = rust.iter().map(|f| snake(f)).collect();
    assert_declares("_mx_memory.pyi Staleness", &pyi_properties("Staleness"), &snake_case);
}

#[test]
fn the_input_of_a_new_memory_is_declared_in_node() {
    let rust = json_fields(every_field_of_new_memory());
    // `source` is the binding's own (`lib:node`), never the caller's.
    let rust: BTreeSet<String> = rust.into_iter().filter(|f| f != "source").collect();
    assert_declares("bindings-node/types.d.ts NewMemory", &ts_fields(NODE_TYPES, "NewMemory"), &rust);
}

#[test]
fn the_import_report_is_declared_in_every_binding() {
    let report = ImportReport { imported: 1, skipped: 0, redacted: 0, relationships: 0, usage: 0 };
    let rust = json_fields(report);
    assert_declares("bindings-node/types.d.ts ImportReport", &ts_fields(NODE_TYPES, "ImportReport"), &rust);
    assert_declares("bindings-node/index.d.ts ImportReport", &ts_fields(NODE_INDEX, "ImportReport"), &rust);
    assert_declares("_mx_memory.pyi ImportReport", &pyi_properties("ImportReport"), &rust);
}
