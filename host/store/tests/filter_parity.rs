#![allow(clippy::unwrap_used)]
//! A filter means one thing in its three renderings: the SQL `WHERE` a list runs (`Filter::to_sql`), the tantivy
//! clauses a search runs (`Filter::to_tantivy`) and the test on one memory (`Filter::matches`). Random memories
//! (project, topics, kind, conversation, state, date) under a random filter: `list`, `search` and `matches` select
//! the same set.

mod common;

use std::collections::BTreeSet;

use common::store;
use jiff::{SignedDuration, Timestamp};
use mx_core::{Kind, Memory, State};
use mx_store::{Filter, ImportRecord, ListRequest, Scope, SearchRequest};
use proptest::prelude::*;

const PROJECTS: [&str; 2] = ["github.com/acme/shop", "github.com/acme/blog"];
const TOPICS: [&str; 3] = ["payments", "auth", "search"];
const CONVERSATIONS: [&str; 2] = ["conv_feature_payments", "conv_auth_migration"];
/// One word every memory holds, so a search for it reaches every memory and only the filter decides.
const SHARED_WORD: &str = "zebracrossing";

fn base() -> Timestamp {
    "2026-06-01T00:00:00Z".parse().unwrap()
}

/// The fixture's memories are templates (valid ids and fields); the test varies what filters read.
fn templates() -> Vec<Memory> {
    serde_json::from_str(include_str!("../../../core/tests/fixtures/memories.json")).unwrap()
}

#[derive(Debug, Clone)]
struct Shape {
    project: Option<usize>,
    topics: Vec<usize>,
    kind: usize,
    conversation: usize,
    superseded: bool,
    day: i64,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        proptest::option::of(0..PROJECTS.len()),
        proptest::collection::vec(0..TOPICS.len(), 0..3),
        0..Kind::ALL.len(),
        0..CONVERSATIONS.len(),
        any::<bool>(),
        0i64..30,
    )
        .prop_map(|(project, topics, kind, conversation, superseded, day)| Shape {
            project,
            topics,
            kind,
            conversation,
            superseded,
            day,
        })
}

fn filter() -> impl Strategy<Value = Filter> {
    let scope = prop_oneof![
        (0..PROJECTS.len()).prop_map(|p| Scope::Project(PROJECTS[p].to_owned())),
        Just(Scope::GlobalOnly),
        Just(Scope::AllProjects),
    ];
    let topics = || proptest::collection::btree_set(0..TOPICS.len(), 0..3);
    let kinds = proptest::collection::btree_set(0..Kind::ALL.len(), 0..3);
    let conversation = proptest::option::of(0..CONVERSATIONS.len());
    let window = (proptest::option::of(0i64..30), proptest::option::of(0i64..30));
    (scope, topics(), topics(), kinds, conversation, window, any::<bool>()).prop_map(
        |(scope, topics, exclude, kinds, conversation, (after, before), include_superseded)| {
            let day = |d: i64| base() + SignedDuration::from_hours(24 * d);
            let mut f = Filter::default();
            f.scope = scope;
            f.topics = topics.into_iter().map(|t| TOPICS[t].to_owned()).collect();
            f.exclude_topics = exclude.into_iter().map(|t| TOPICS[t].to_owned()).collect();
            f.kinds = kinds.into_iter().map(|k| Kind::ALL[k]).collect();
            f.conversation_id = conversation.map(|c| CONVERSATIONS[c].to_owned());
            f.after = after.map(day);
            f.before = before.map(day);
            f.include_superseded = include_superseded;
            f
        },
    )
}

fn memories(shapes: &[Shape]) -> Vec<Memory> {
    templates()
        .into_iter()
        .zip(shapes)
        .enumerate()
        .map(|(i, (mut m, s))| {
            // Words no other memory shares: no two memories are near-duplicates, so ranking folds none away.
            m.content = format!("{SHARED_WORD} alpha{i}x bravo{i}y charlie{i}z delta{i}w echo{i}v");
            m.project = s.project.map(|p| PROJECTS[p].to_owned());
            m.topics = s.topics.iter().map(|t| TOPICS[*t].to_owned()).collect::<BTreeSet<_>>().into_iter().collect();
            m.kind = Kind::ALL[s.kind];
            m.conversation_id = mx_core::ConversationId::parse(CONVERSATIONS[s.conversation]).unwrap();
            m.state = if s.superseded { State::Superseded } else { State::Current };
            m.created_at = base() + SignedDuration::from_hours(24 * s.day) + SignedDuration::from_mins(i as i64);
            m.updated_at = m.created_at;
            m.files = Vec::new();
            m
        })
        .collect()
}

fn ids<'a>(memories: impl IntoIterator<Item = &'a Memory>) -> BTreeSet<String> {
    memories.into_iter().map(|m| m.id.to_string()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn sql_tantivy_and_in_memory_select_the_same_memories(
        shapes in proptest::collection::vec(shape(), 1..24),
        filter in filter(),
    ) {
        let (_dir, store) = store();
        let memories = memories(&shapes);
        let records = memories.iter().map(|m| ImportRecord::Memory(Box::new(m.clone()))).collect();
        store.import(records, &mut |_, _| {}).unwrap();

        let in_memory = ids(memories.iter().filter(|m| filter.matches(m)));

        let mut list = ListRequest::default();
        list.filter = filter.clone();
        let sql = ids(&store.list(&list).unwrap());

        let mut search = SearchRequest::new(SHARED_WORD);
        search.filter = filter.clone();
        search.limit = 1_000;
        let tantivy = ids(store.search(&search).unwrap().iter().map(|r| &r.memory));

        prop_assert_eq!(&sql, &in_memory, "SQL vs in memory under {:?}", filter);
        prop_assert_eq!(&tantivy, &in_memory, "tantivy vs in memory under {:?}", filter);
    }
}
