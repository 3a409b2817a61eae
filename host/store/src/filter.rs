//! What a read covers ([`Filter`], [`Scope`]) and in which order ([`Sort`]), with the filter's three renderings: a SQL
//! `WHERE` clause over `memories AS m` ([`Filter::to_sql`]), tantivy clauses over the search index's fields
//! ([`Filter::to_tantivy`]) and a test on one memory ([`Filter::matches`], for the memories the index has not
//! committed yet). The three must select the same memories; keep them side by side when a filter field is added.

use std::ops::Bound;

use jiff::Timestamp;
use mx_core::model::{Memory, State};
use rusqlite::types::Value;
use tantivy::Term;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use crate::db::{Where, placeholders};

/// The project term of global memories in the search index (a project identity never starts with a control
/// character).
pub(crate) const GLOBAL_PROJECT: &str = "\u{1}global";

/// Which memories a read covers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// The given project plus global memories (the default, with the project detected from the working directory).
    Project(String),
    /// Global memories only (no project could be detected, or `--global`).
    #[default]
    GlobalOnly,
    /// Every project.
    AllProjects,
}

/// Filters shared by list, search, digest and friends. Empty = no filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub scope: Scope,
    /// Any of these topics (normalised).
    pub topics: Vec<String>,
    pub exclude_topics: Vec<String>,
    pub kinds: Vec<mx_core::Kind>,
    pub conversation_id: Option<String>,
    pub after: Option<Timestamp>,
    pub before: Option<Timestamp>,
    pub include_superseded: bool,
}

/// The order of a list. Front ends name it in lower case (`newest`, `oldest`, `importance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Newest,
    Oldest,
    Importance,
}

impl std::str::FromStr for Sort {
    type Err = mx_core::ValidationError;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "newest" => Ok(Sort::Newest),
            "oldest" => Ok(Sort::Oldest),
            "importance" => Ok(Sort::Importance),
            _ => Err(mx_core::ValidationError::new("sort", "is not an order", s, "use newest, oldest or importance")),
        }
    }
}

/// The search index's fields a filter reads (see `index::schema`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FilterFields {
    pub project: Field,
    pub conversation: Field,
    pub kind: Field,
    pub state: Field,
    pub topic_key: Field,
    pub created: Field,
}

impl Filter {
    /// The SQL rendering: a `WHERE` clause over `memories AS m`.
    pub(crate) fn to_sql(&self) -> Where {
        let f = self;
        let mut w = Where::default();
        match &f.scope {
            Scope::Project(p) => {
                w.clauses.push("m.project IN (?, '')".into());
                w.params.push(Value::Text(p.clone()));
            }
            Scope::GlobalOnly => w.clauses.push("m.project = ''".into()),
            Scope::AllProjects => {}
        }
        if !f.topics.is_empty() {
            w.clauses.push(format!(
                "m.rid IN (SELECT rid FROM memory_topics WHERE topic IN ({}))",
                placeholders(f.topics.len())
            ));
            w.params.extend(f.topics.iter().map(|t| Value::Text(t.clone())));
        }
        if !f.exclude_topics.is_empty() {
            w.clauses.push(format!(
                "m.rid NOT IN (SELECT rid FROM memory_topics WHERE topic IN ({}))",
                placeholders(f.exclude_topics.len())
            ));
            w.params.extend(f.exclude_topics.iter().map(|t| Value::Text(t.clone())));
        }
        if !f.kinds.is_empty() {
            w.clauses.push(format!("m.kind IN ({})", placeholders(f.kinds.len())));
            w.params.extend(f.kinds.iter().map(|k| Value::Text(k.as_str().to_owned())));
        }
        if let Some(c) = &f.conversation_id {
            w.clauses.push("m.conversation_id = ?".into());
            w.params.push(Value::Text(c.trim().to_owned()));
        }
        if let Some(after) = f.after {
            w.clauses.push("m.created_ms >= ?".into());
            w.params.push(Value::Integer(after.as_millisecond()));
        }
        if let Some(before) = f.before {
            w.clauses.push("m.created_ms < ?".into());
            w.params.push(Value::Integer(before.as_millisecond()));
        }
        if !f.include_superseded {
            w.clauses.push("m.state = 'current'".into());
        }
        w
    }

    /// The tantivy rendering: clauses to add to a query (`Must` ones score nothing).
    pub(crate) fn to_tantivy(&self, f: FilterFields) -> Vec<(Occur, Box<dyn Query>)> {
        let filter = self;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut must = |q: Box<dyn Query>| clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0))));
        let term = |field: Field, value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
        };
        let any = |field: Field, values: &mut dyn Iterator<Item = &str>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(values.map(|v| (Occur::Should, term(field, v))).collect()))
        };
        match &filter.scope {
            Scope::Project(p) => must(any(f.project, &mut [p.as_str(), GLOBAL_PROJECT].into_iter())),
            Scope::GlobalOnly => must(term(f.project, GLOBAL_PROJECT)),
            Scope::AllProjects => {}
        }
        if !filter.topics.is_empty() {
            must(any(f.topic_key, &mut filter.topics.iter().map(String::as_str)));
        }
        if !filter.kinds.is_empty() {
            must(any(f.kind, &mut filter.kinds.iter().map(|k| k.as_str())));
        }
        if let Some(c) = &filter.conversation_id {
            must(term(f.conversation, c.trim()));
        }
        if filter.after.is_some() || filter.before.is_some() {
            let lower = filter
                .after
                .map_or(Bound::Unbounded, |t| Bound::Included(Term::from_field_i64(f.created, t.as_millisecond())));
            let upper = filter
                .before
                .map_or(Bound::Unbounded, |t| Bound::Excluded(Term::from_field_i64(f.created, t.as_millisecond())));
            must(Box::new(RangeQuery::new(lower, upper)));
        }
        if !filter.include_superseded {
            must(term(f.state, "current"));
        }
        for t in &filter.exclude_topics {
            clauses.push((Occur::MustNot, term(f.topic_key, t)));
        }
        clauses
    }

    /// The in-memory rendering: whether one memory passes the filter.
    pub fn matches(&self, m: &Memory) -> bool {
        let filter = self;
        let scope = match &filter.scope {
            Scope::Project(p) => m.project.is_none() || m.project.as_deref() == Some(p.as_str()),
            Scope::GlobalOnly => m.project.is_none(),
            Scope::AllProjects => true,
        };
        scope
            && (filter.topics.is_empty() || m.topics.iter().any(|t| filter.topics.contains(t)))
            && !m.topics.iter().any(|t| filter.exclude_topics.contains(t))
            && (filter.kinds.is_empty() || filter.kinds.contains(&m.kind))
            && filter.conversation_id.as_ref().is_none_or(|c| m.conversation_id.as_str() == c.trim())
            && filter.after.is_none_or(|t| m.created_at >= t)
            && filter.before.is_none_or(|t| m.created_at < t)
            && (filter.include_superseded || m.state == State::Current)
    }
}

impl Sort {
    /// The SQL rendering: an `ORDER BY` over `memories AS m`. Ties within one millisecond break by insertion order
    /// (rowid), not by id: ids made in the same millisecond differ only in their random part, so ordering by id would
    /// shuffle memories written back to back.
    pub(crate) fn to_sql(self) -> &'static str {
        match self {
            Sort::Newest => "m.created_ms DESC, m.rowid DESC",
            Sort::Oldest => "m.created_ms ASC, m.rowid ASC",
            Sort::Importance => "m.importance DESC, m.created_ms DESC, m.rowid DESC",
        }
    }
}
