//! Reading import records: every front end (`mx import`, `mx eval`, the Node and Python packages) accepts the same
//! two shapes, decided here once.

use jiff::Timestamp;
use mx_core::model::{Kind, Memory, MemoryType, NewMemory, Role, Source};
use serde::Deserialize;

use crate::transfer::ImportRecord;

/// A record in the eval datasets' format (eval/README.md) or any similar foreign source: `content` plus
/// whatever else it knows. Unknown fields are ignored (other tools' exports carry their own); the foreign `id` is
/// kept as the memory's external id, so re-imports are idempotent and rankings can be reported by it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ForeignRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    external_id: Option<String>,
    #[serde(default)]
    project: Option<String>,
    #[serde(default)]
    conversation_id: Option<String>,
    content: String,
    #[serde(default)]
    created_at: Option<Timestamp>,
    #[serde(default)]
    role: Option<Role>,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    kind: Option<Kind>,
    #[serde(default)]
    memory_type: Option<MemoryType>,
    #[serde(default)]
    importance: Option<f64>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    files: Vec<String>,
    #[serde(default)]
    commit: Option<String>,
}

impl ImportRecord {
    /// Checks what the store would refuse when storing this record (content length, name, importance, topics,
    /// files), so a file with a few bad records can be imported without them, each reported by field.
    pub fn validate(&self) -> Result<(), String> {
        use mx_core::model::{normalize_topics, validate_content, validate_files, validate_importance, validate_name};
        let checked = match self {
            ImportRecord::Memory(m) => validate_content(&m.content)
                .map(drop)
                .and_then(|()| m.name.as_deref().map(validate_name).transpose().map(drop))
                .and_then(|()| validate_importance(m.importance).map(drop))
                .and_then(|()| normalize_topics(&m.topics).map(drop))
                .and_then(|()| validate_files(&m.files).map(drop)),
            ImportRecord::Foreign(new) => validate_content(&new.content)
                .map(drop)
                .and_then(|()| new.name.as_deref().map(validate_name).transpose().map(drop))
                .and_then(|()| new.importance.map(validate_importance).transpose().map(drop))
                .and_then(|()| normalize_topics(&new.topics).map(drop))
                .and_then(|()| validate_files(&new.files).map(drop)),
            ImportRecord::Relationship(r) if r.from == r.to => Err(mx_core::ValidationError::new(
                "relationship.to",
                "is the memory it starts from",
                r.to.as_str(),
                "relate two different memories",
            )),
            ImportRecord::Relationship(_) | ImportRecord::Usage(_) => Ok(()),
        };
        checked.map_err(|e| format!("field `{}` {} (got {})", e.field, e.problem, e.value))
    }

    /// One JSONL line; see [`ImportRecord::from_json`]. The error says what is wrong with the line.
    pub fn from_json_line(line: &str, default_project: Option<&str>) -> Result<Self, String> {
        let value = serde_json::from_str(line).map_err(|e| format!("not valid JSON: {e}"))?;
        Self::from_json(value, default_project)
    }

    /// A full mx memory when the object has `kind` and `updatedAt` (what `mx export` writes: imported losslessly),
    /// else a foreign record, stored in its own `project` or else in `default_project`.
    /// A `{"relationship": …}` object is a relationship line of an export, a `{"usage": …}` object a usage record.
    pub fn from_json(value: serde_json::Value, default_project: Option<&str>) -> Result<Self, String> {
        if value.get("relationship").is_some() {
            return serde_json::from_value::<crate::transfer::RelationshipLine>(value)
                .map(|line| ImportRecord::Relationship(line.relationship))
                .map_err(|e| format!("not a valid relationship: {e}"));
        }
        if value.get("usage").is_some() {
            return serde_json::from_value::<crate::usage::UsageLine>(value)
                .map(|line| ImportRecord::Usage(line.usage))
                .map_err(|e| format!("not a valid usage record: {e}"));
        }
        if value.get("updatedAt").is_some() && value.get("kind").is_some() {
            return serde_json::from_value::<Memory>(value)
                // Staleness is derived from the code at read time; a stale mark in a file is not data.
                .map(|m| ImportRecord::Memory(Box::new(Memory { stale: None, ..m })))
                .map_err(|e| format!("not a valid mx memory: {e}"));
        }
        let r: ForeignRecord = serde_json::from_value(value).map_err(|e| format!("not a memory record: {e}"))?;
        let mut new = NewMemory::default();
        new.content = r.content;
        new.kind = r.kind;
        new.memory_type = r.memory_type;
        new.topics = r.topics;
        new.conversation_id = r.conversation_id;
        new.project = r.project.or_else(|| default_project.map(str::to_owned));
        new.role = r.role;
        new.importance = r.importance;
        new.name = r.name;
        new.files = r.files;
        new.commit = r.commit;
        new.source = Some(Source::Import);
        new.created_at = r.created_at;
        new.external_id = r.external_id.or(r.id);
        Ok(ImportRecord::Foreign(Box::new(new)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_eval_dataset_line_is_a_foreign_record_keyed_by_its_id() {
        let line = r#"{"id":"S01-m1","project":"devmembench","conversationId":"S01","content":"Use FastAPI.","createdAt":"2025-01-15T09:00:00Z","role":"user","topics":["ecommerce-api"],"turn":3}"#;
        let ImportRecord::Foreign(new) = ImportRecord::from_json_line(line, Some("elsewhere")).expect("valid") else {
            panic!("expected a foreign record");
        };
        assert_eq!(new.external_id.as_deref(), Some("S01-m1"));
        assert_eq!(new.project.as_deref(), Some("devmembench"));
        assert_eq!(new.conversation_id.as_deref(), Some("S01"));
        assert_eq!(new.role, Some(Role::User));
        assert_eq!(new.source, Some(Source::Import));
        assert_eq!(new.created_at, Some("2025-01-15T09:00:00Z".parse().expect("valid")));
    }

    #[test]
    fn a_record_without_a_project_lands_in_the_default_one() {
        let Ok(ImportRecord::Foreign(new)) = ImportRecord::from_json_line(r#"{"content":"x"}"#, Some("p")) else {
            panic!("expected a foreign record");
        };
        assert_eq!(new.project.as_deref(), Some("p"));
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        assert!(ImportRecord::from_json_line("{not json", None).unwrap_err().starts_with("not valid JSON"));
        assert!(ImportRecord::from_json_line(r#"{"id":"x"}"#, None).unwrap_err().contains("content"));
        let half_export = r#"{"id":"x","kind":"note","updatedAt":"2025-01-15T09:00:00Z"}"#;
        assert!(ImportRecord::from_json_line(half_export, None).unwrap_err().starts_with("not a valid mx memory"));
    }
}
