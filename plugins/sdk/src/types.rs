//! The contract's types, re-exported with short names, plus constructors so adapters read well.

pub use crate::bindings::mx::adapter::types::{
    Block, CallLimits as Limits, Change, DigestFormat, DigestRequest, Edit, Event, EventResponse, FileContent,
    HostError, InvalidInput, LogLevel, MemoryDigest as Digest, MemoryDraft, MemoryHit, MemoryKind, Merge, MergeMode,
    Scope, SearchRequest, SetupRequest, SyncRequest,
};

impl EventResponse {
    /// Nothing to save, nothing to print.
    pub fn none() -> Self {
        Self { drafts: Vec::new(), output: None, exit_code: None }
    }

    /// Print `text` for the assistant.
    pub fn output(text: impl Into<String>) -> Self {
        Self { output: Some(text.into()), ..Self::none() }
    }

    /// Save these memories.
    pub fn save(drafts: Vec<MemoryDraft>) -> Self {
        Self { drafts, ..Self::none() }
    }
}

impl MemoryDraft {
    /// A draft with only content; mx infers the kind.
    pub fn new(content: impl Into<String>) -> Self {
        Self {
            content: content.into(),
            kind: None,
            topics: Vec::new(),
            conversation_id: None,
            files: Vec::new(),
            importance: None,
        }
    }

    pub fn kind(mut self, kind: MemoryKind) -> Self {
        self.kind = Some(kind);
        self
    }

    pub fn topics<I: IntoIterator<Item = S>, S: Into<String>>(mut self, topics: I) -> Self {
        self.topics = topics.into_iter().map(Into::into).collect();
        self
    }

    pub fn files<I: IntoIterator<Item = S>, S: Into<String>>(mut self, files: I) -> Self {
        self.files = files.into_iter().map(Into::into).collect();
        self
    }

    pub fn conversation(mut self, conversation_id: impl Into<String>) -> Self {
        self.conversation_id = Some(conversation_id.into());
        self
    }

    pub fn importance(mut self, importance: f32) -> Self {
        self.importance = Some(importance);
        self
    }
}

impl Event {
    /// The payload parsed as JSON; an empty payload is `null`.
    pub fn json(&self) -> Result<serde_json::Value, String> {
        if self.payload.trim().is_empty() {
            return Ok(serde_json::Value::Null);
        }
        serde_json::from_str(&self.payload).map_err(|err| format!("the `{}` payload is not JSON: {err}", self.name))
    }
}

impl Default for SearchRequest {
    fn default() -> Self {
        Self { query: String::new(), limit: 10, topics: Vec::new(), kinds: Vec::new(), conversation_id: None }
    }
}

impl Default for DigestRequest {
    fn default() -> Self {
        Self { query: None, max_tokens: None, format: DigestFormat::Structured, conversation_id: None }
    }
}

impl HostError {
    /// A one-line description, e.g. `denied: /etc/passwd is not declared in the manifest's reads`.
    pub fn message(&self) -> String {
        match self {
            HostError::Denied(msg) => format!("denied: {msg}"),
            HostError::NotFound(msg) => format!("not found: {msg}"),
            HostError::Invalid(input) => format!("invalid {}: {}", input.field, input.message),
            HostError::Unavailable(msg) => format!("unavailable: {msg}"),
        }
    }
}

impl From<HostError> for String {
    fn from(err: HostError) -> Self {
        err.message()
    }
}
