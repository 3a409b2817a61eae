//! The memory model: fields, limits, normalisation and validation.
//!
//! [`NewMemory`] is what a caller asks to store; [`NewMemory::build`] turns it into a [`Memory`] by validating every
//! field, redacting secrets ([`crate::redact`]), normalising topics and inferring the kind when none was given
//! ([`crate::infer`]). Every write path (CLI, batch, MCP, import, bindings, hooks) goes through `build` or
//! [`Memory::apply_patch`], so the rules live in one place.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::id::{ConversationId, MemoryId};
use crate::infer::{self, Inference};
pub use crate::kind::Kind;
use crate::redact::{self, Finding};

/// Content must have at least this many characters after trimming.
pub const MIN_CONTENT_CHARS: usize = 1;
/// Content may have at most this many characters (Unicode scalar values) after trimming.
pub const MAX_CONTENT_CHARS: usize = 50_000;
/// A memory has at most this many topics.
pub const MAX_TOPICS: usize = 32;
/// A topic is at most this many characters after normalisation.
pub const MAX_TOPIC_CHARS: usize = 64;
/// A name is 2..=64 characters of kebab-case.
pub const MIN_NAME_CHARS: usize = 2;
pub const MAX_NAME_CHARS: usize = 64;
/// A memory anchors at most this many files.
pub const MAX_FILES: usize = 64;
/// A file path is at most this many characters.
pub const MAX_FILE_PATH_CHARS: usize = 1024;
/// Importance when none is given.
pub const DEFAULT_IMPORTANCE: f64 = 0.5;

/// Who said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    User,
    #[default]
    Assistant,
    System,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Assistant => "assistant",
            Role::System => "system",
        }
    }
}

impl FromStr for Role {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "user" => Ok(Role::User),
            "assistant" => Ok(Role::Assistant),
            "system" => Ok(Role::System),
            _ => Err(ValidationError::new("role", "is not a known role", s, "use one of user, assistant, system")),
        }
    }
}

/// The cognitive flavour of a memory (`--memory-type`), kept for users of other memory tools; optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemoryType {
    Episodic,
    Semantic,
    Procedural,
}

impl MemoryType {
    pub fn as_str(self) -> &'static str {
        match self {
            MemoryType::Episodic => "episodic",
            MemoryType::Semantic => "semantic",
            MemoryType::Procedural => "procedural",
        }
    }
}

impl FromStr for MemoryType {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "episodic" => Ok(MemoryType::Episodic),
            "semantic" => Ok(MemoryType::Semantic),
            "procedural" => Ok(MemoryType::Procedural),
            _ => Err(ValidationError::new(
                "memoryType",
                "is not a known memory type",
                s,
                "use one of episodic, semantic, procedural",
            )),
        }
    }
}

/// Where a memory came from: `cli`, `mcp`, `hook:<assistant>`, `import`, or `lib:<language>` for the bindings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Source {
    #[default]
    Cli,
    Mcp,
    Hook(String),
    Import,
    Library(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Cli => f.write_str("cli"),
            Source::Mcp => f.write_str("mcp"),
            Source::Hook(a) => write!(f, "hook:{a}"),
            Source::Import => f.write_str("import"),
            Source::Library(l) => write!(f, "lib:{l}"),
        }
    }
}

impl FromStr for Source {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Ok(match t {
            "cli" => Source::Cli,
            "mcp" => Source::Mcp,
            "import" => Source::Import,
            _ => match t.split_once(':') {
                Some(("hook", a)) if !a.is_empty() => Source::Hook(a.to_owned()),
                Some(("lib", l)) if !l.is_empty() => Source::Library(l.to_owned()),
                _ => {
                    return Err(ValidationError::new(
                        "source",
                        "is not a known source",
                        s,
                        "use cli, mcp, import, hook:<assistant> or lib:<language>",
                    ));
                }
            },
        })
    }
}

impl Serialize for Source {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Derived from supersession: a memory that a newer one supersedes is `superseded`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    #[default]
    Current,
    Superseded,
}

/// A stored memory. JSON field names are camelCase everywhere (CLI json, MCP, export, bindings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    pub id: MemoryId,
    pub content: String,
    pub kind: Kind,
    /// True when no kind was given and [`crate::infer`] chose it.
    #[serde(default)]
    pub kind_inferred: bool,
    #[serde(default)]
    pub topics: Vec<String>,
    pub conversation_id: ConversationId,
    /// Project identity (see the store's scoping); `None` = global, applies everywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default = "default_importance")]
    pub importance: f64,
    #[serde(default)]
    pub role: Role,
    #[serde(default)]
    pub source: Source,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_type: Option<MemoryType>,
    /// Repo-relative paths the memory is about (code anchors).
    #[serde(default)]
    pub files: Vec<String>,
    /// Git HEAD when written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<MemoryId>,
    /// Set on the older memory when a newer one supersedes it (derived, kept for fast filtering).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<MemoryId>,
    #[serde(default)]
    pub state: State,
    /// The id a memory had in a foreign dataset it was imported from (e.g. an eval set's `S01-m1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Kept on this machine: never sent to a team server, whatever the project's sharing says. Global memories
    /// are private anyway; this is for one memory of a shared project.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Whether the anchored code moved since the memory was written: derived by the store when it returns the memory
    /// (never stored, never exported), absent when there is nothing to compare.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale: Option<crate::staleness::Staleness>,
}

fn default_importance() -> f64 {
    DEFAULT_IMPORTANCE
}

impl Memory {
    pub fn is_current(&self) -> bool {
        self.state == State::Current
    }

    /// Applies a patch, producing the updated memory (same id; the store decides whether a named memory gets a new
    /// version instead). Content in the patch is validated and redacted like on create.
    pub fn apply_patch(&self, patch: &MemoryPatch, now: Timestamp) -> Result<Built, ValidationError> {
        let mut memory = self.clone();
        let mut findings = Vec::new();
        let mut inferred = None;
        if let Some(content) = &patch.content {
            let (text, f) = validate_content(content)?;
            memory.content = text;
            findings = f;
            if patch.kind.is_none() && self.kind_inferred {
                let inference = infer::infer_kind(&memory.content);
                memory.kind = inference.kind;
                inferred = Some(inference);
            }
        }
        if let Some(kind) = patch.kind {
            memory.kind = kind;
            memory.kind_inferred = false;
        }
        if let Some(topics) = &patch.topics {
            memory.topics = normalize_topics(topics)?;
        }
        if let Some(importance) = patch.importance {
            memory.importance = validate_importance(importance)?;
        }
        if let Some(files) = &patch.files {
            memory.files = validate_files(files)?;
        }
        memory.updated_at = now;
        Ok(Built { memory, redactions: findings, inferred })
    }
}

/// What a caller asks to store. Optional fields get defaults in [`NewMemory::build`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewMemory {
    pub content: String,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub topics: Vec<String>,
    /// `NEW`, an existing id, or absent (the store picks: a new conversation).
    #[serde(default)]
    pub conversation_id: Option<String>,
    #[serde(default)]
    pub project: Option<String>,
    /// Store as a global memory (no project) even inside a project.
    #[serde(default)]
    pub global: bool,
    /// Keep it on this machine: never synced to a team server ([`Memory::private`]).
    #[serde(default)]
    pub private: bool,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub importance: Option<f64>,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub source: Option<Source>,
    #[serde(default)]
    pub memory_type: Option<MemoryType>,
    #[serde(default)]
    pub files: Vec<String>,
    #[serde(default)]
    pub commit: Option<String>,
    /// Id or unique prefix of the memory this one replaces (resolved by the store).
    #[serde(default)]
    pub supersedes: Option<String>,
    /// Kept on import; otherwise the store's clock.
    #[serde(default)]
    pub created_at: Option<Timestamp>,
    #[serde(default)]
    pub external_id: Option<String>,
}

/// The result of building or patching a memory: the memory itself plus what the caller should report.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub memory: Memory,
    /// Secrets that were replaced by `[redacted:<kind>]` markers (empty when nothing was redacted).
    pub redactions: Vec<Finding>,
    /// Set when the kind was inferred, with the rule that chose it.
    pub inferred: Option<Inference>,
}

/// Ids and times the store resolved for a [`NewMemory`]; core never reads the clock or resolves prefixes.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub id: MemoryId,
    pub conversation_id: ConversationId,
    pub project: Option<String>,
    pub supersedes: Option<MemoryId>,
    pub now: Timestamp,
}

impl NewMemory {
    /// Validates every field, redacts secrets, normalises topics, infers the kind when absent.
    pub fn build(&self, resolved: Resolved) -> Result<Built, ValidationError> {
        let (content, redactions) = validate_content(&self.content)?;
        let (kind, inferred) = match self.kind {
            Some(k) => (k, None),
            None => {
                let inference = infer::infer_kind(&content);
                (inference.kind, Some(inference))
            }
        };
        let name = self.name.as_deref().map(validate_name).transpose()?;
        let importance = validate_importance(self.importance.unwrap_or(DEFAULT_IMPORTANCE))?;
        let created_at = self.created_at.unwrap_or(resolved.now);
        let memory = Memory {
            id: resolved.id,
            content,
            kind,
            kind_inferred: inferred.is_some(),
            topics: normalize_topics(&self.topics)?,
            conversation_id: resolved.conversation_id,
            project: if self.global { None } else { resolved.project },
            name,
            importance,
            role: self.role.unwrap_or_default(),
            source: self.source.clone().unwrap_or_default(),
            memory_type: self.memory_type,
            files: validate_files(&self.files)?,
            commit: self.commit.clone().filter(|c| !c.trim().is_empty()),
            supersedes: resolved.supersedes,
            superseded_by: None,
            state: State::Current,
            external_id: self.external_id.clone(),
            private: self.private,
            created_at,
            updated_at: created_at,
            stale: None,
        };
        Ok(Built { memory, redactions, inferred })
    }
}

/// A partial update. `None` leaves a field as it was.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemoryPatch {
    #[serde(default)]
    pub content: Option<String>,
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    #[serde(default)]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub importance: Option<f64>,
    #[serde(default)]
    pub files: Option<Vec<String>>,
}

impl MemoryPatch {
    pub fn is_empty(&self) -> bool {
        self == &MemoryPatch::default()
    }
}

/// Trims, checks the length limits and redacts secrets.
pub fn validate_content(content: &str) -> Result<(String, Vec<Finding>), ValidationError> {
    let trimmed = content.trim();
    let chars = trimmed.chars().count();
    if chars < MIN_CONTENT_CHARS {
        return Err(ValidationError::new(
            "content",
            "must not be empty",
            content,
            "pass the text to remember with --content, --content-file or stdin",
        ));
    }
    if chars > MAX_CONTENT_CHARS {
        return Err(ValidationError::new(
            "content",
            format!("must be at most {MAX_CONTENT_CHARS} characters"),
            trimmed,
            "split it into several memories or keep only what matters",
        ));
    }
    let redaction = redact::redact(trimmed);
    Ok((redaction.text, redaction.findings))
}

/// Normalises one topic: lowercase, trimmed, runs of spaces/underscores/punctuation become single hyphens.
/// Returns `None` for a topic that is empty after normalisation.
pub fn normalize_topic(topic: &str) -> Option<String> {
    let mut out = String::with_capacity(topic.len());
    let mut pending_hyphen = false;
    for c in topic.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '.' || c == '/' {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c);
        } else {
            pending_hyphen = true;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Normalises, de-duplicates (keeping first-seen order) and checks the count and length limits.
pub fn normalize_topics<S: AsRef<str>>(topics: &[S]) -> Result<Vec<String>, ValidationError> {
    let mut out: Vec<String> = Vec::new();
    for raw in topics {
        // Accept "a,b" inside one element too: callers pass comma lists through many layers.
        for part in raw.as_ref().split(',') {
            let Some(topic) = normalize_topic(part) else { continue };
            if topic.chars().count() > MAX_TOPIC_CHARS {
                return Err(ValidationError::new(
                    "topics",
                    format!("each topic must be at most {MAX_TOPIC_CHARS} characters"),
                    &topic,
                    "use a short kebab-case topic",
                ));
            }
            if !out.contains(&topic) {
                out.push(topic);
            }
        }
    }
    if out.len() > MAX_TOPICS {
        return Err(ValidationError::new(
            "topics",
            format!("must be at most {MAX_TOPICS} topics"),
            format!("{} topics", out.len()),
            "keep the few topics that someone would search by",
        ));
    }
    Ok(out)
}

/// A name is kebab-case: lowercase ASCII letters and digits in hyphen-separated words, 2..=64 characters.
pub fn validate_name(name: &str) -> Result<String, ValidationError> {
    let n = name.trim();
    let ok_len = (MIN_NAME_CHARS..=MAX_NAME_CHARS).contains(&n.len());
    let ok_shape = !n.starts_with('-')
        && !n.ends_with('-')
        && !n.contains("--")
        && n.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !(ok_len && ok_shape) {
        return Err(ValidationError::new(
            "name",
            format!("must be kebab-case, {MIN_NAME_CHARS} to {MAX_NAME_CHARS} characters"),
            name,
            "use lowercase words joined by hyphens, like payment-retry-policy",
        ));
    }
    Ok(n.to_owned())
}

pub fn validate_importance(importance: f64) -> Result<f64, ValidationError> {
    if !(0.0..=1.0).contains(&importance) || importance.is_nan() {
        return Err(ValidationError::new(
            "importance",
            "must be between 0 and 1",
            importance,
            "use 0.5 for ordinary memories, up to 1 for critical ones",
        ));
    }
    Ok(importance)
}

/// Files are repo-relative paths: trimmed, `\` turned into `/`, a leading `./` dropped, de-duplicated.
pub fn validate_files<S: AsRef<str>>(files: &[S]) -> Result<Vec<String>, ValidationError> {
    let mut out: Vec<String> = Vec::new();
    for f in files {
        let raw = f.as_ref().trim();
        if raw.is_empty() {
            continue;
        }
        if raw.chars().count() > MAX_FILE_PATH_CHARS || raw.chars().any(char::is_control) {
            return Err(ValidationError::new(
                "files",
                format!("each path must be at most {MAX_FILE_PATH_CHARS} printable characters"),
                raw,
                "pass repo-relative paths like src/payments/stripe.rs",
            ));
        }
        let p = raw.replace('\\', "/");
        let p = p.strip_prefix("./").unwrap_or(&p).to_owned();
        if !out.contains(&p) {
            out.push(p);
        }
    }
    if out.len() > MAX_FILES {
        return Err(ValidationError::new(
            "files",
            format!("must be at most {MAX_FILES} paths"),
            format!("{} paths", out.len()),
            "anchor the memory to the few files it is about",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved() -> Resolved {
        Resolved {
            id: MemoryId::from_parts(1_732_000_000_000, 99),
            conversation_id: ConversationId::parse("conv_feature_payments").unwrap(),
            project: Some("github.com/acme/shop".into()),
            supersedes: None,
            now: "2026-11-25T10:00:00Z".parse().unwrap(),
        }
    }

    #[test]
    fn topics_are_normalised_and_deduplicated() {
        let t = normalize_topics(&["  Payments ", "in_progress", "In Progress", "a,b", "", "API Design!"]).unwrap();
        assert_eq!(t, ["payments", "in-progress", "a", "b", "api-design"]);
    }

    #[test]
    fn limits_name_the_field_and_value() {
        let too_long = "x".repeat(MAX_CONTENT_CHARS + 1);
        let err = validate_content(&too_long).unwrap_err();
        assert_eq!(err.field, "content");
        assert!(err.to_string().contains("50000"), "{err}");
        assert_eq!(validate_content("   ").unwrap_err().field, "content");
        assert_eq!(validate_importance(1.5).unwrap_err().field, "importance");
        assert_eq!(validate_name("Not Kebab").unwrap_err().field, "name");
        assert_eq!(validate_name("x").unwrap_err().field, "name");
        assert!(validate_name("payment-retry-policy").is_ok());
        let many: Vec<String> = (0..33).map(|i| format!("t{i}")).collect();
        assert_eq!(normalize_topics(&many).unwrap_err().field, "topics");
    }

    #[test]
    fn content_limit_counts_characters_not_bytes() {
        let exactly = "é".repeat(MAX_CONTENT_CHARS);
        assert!(validate_content(&exactly).is_ok());
    }

    #[test]
    fn json_round_trip_is_stable_and_camel_case() {
        let new = NewMemory {
            content: "We use a Result type pattern, not exceptions, in the payment processor".into(),
            kind: Some(Kind::Decision),
            topics: vec!["payments".into()],
            files: vec!["./src/payments/processor.rs".into()],
            ..Default::default()
        };
        let built = new.build(resolved()).unwrap();
        let json = serde_json::to_string(&built.memory).unwrap();
        assert!(json.contains("\"conversationId\":\"conv_feature_payments\""), "{json}");
        assert!(json.contains("\"createdAt\":\"2026-11-25T10:00:00Z\""), "{json}");
        let back: Memory = serde_json::from_str(&json).unwrap();
        assert_eq!(back, built.memory);
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        assert_eq!(back.files, ["src/payments/processor.rs"]);
    }

    #[test]
    fn sources_round_trip() {
        for s in ["cli", "mcp", "import", "hook:claude-code", "lib:python"] {
            assert_eq!(s.parse::<Source>().unwrap().to_string(), s);
        }
        assert!("hook:".parse::<Source>().is_err());
    }
}
