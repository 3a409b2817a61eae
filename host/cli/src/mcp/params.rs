//! Tool parameters. Each struct is the JSON schema an assistant sees in `tools/list`, so every field carries a
//! description (the doc comment) and names are camelCase like the rest of mx's JSON. Unknown fields are rejected: a
//! misspelt `conversation_id` silently ignored would lose the conversation, so the assistant is told instead.

use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreateMemoryParams {
    /// The knowledge to remember, self-contained and specific: what was decided or learned and why (1 to 50,000
    /// characters). Secrets are redacted automatically, but do not send them.
    pub content: String,
    /// The conversation this memory belongs to. Pass "NEW" for the first memory of a session; the result returns the
    /// new conversation id, which you pass on every later create_memory call of the same session.
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// 1-4 short topics someone would search by, e.g. ["payments", "retries"]. Normalised to kebab-case.
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    /// What kind of knowledge this is: decision, ruled-out, constraint, convention, debugging, gotcha, progress or
    /// note. Inferred from the text when omitted.
    #[serde(default)]
    pub kind: Option<String>,
    /// Optional stable kebab-case handle (e.g. "payment-retry-policy") for a fact that will be updated over time.
    #[serde(default)]
    pub name: Option<String>,
    /// How much this matters, from 0 to 1 (default 0.5; use 0.8+ for things that must not be forgotten).
    #[serde(default)]
    pub importance: Option<f64>,
    /// Repo-relative paths of the files this memory is about, e.g. ["src/payments/retry.rs"].
    #[serde(default)]
    pub files: Option<Vec<String>>,
    /// Id (or unique prefix of 6+ characters) of an older memory that this one replaces; the old one becomes
    /// superseded and drops out of search and recall.
    #[serde(default)]
    pub supersedes: Option<String>,
    /// Store as a global memory that applies to every project, not just the current one (default false).
    #[serde(default)]
    pub global: Option<bool>,
    /// Keep it on this machine, never synced to the team, even in a shared project (default false): for personal notes.
    #[serde(default)]
    pub private: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchMemoriesParams {
    /// What you are looking for, in plain words or code identifiers (e.g. "why retries use jitter",
    /// "PaymentProcessor").
    pub query: String,
    /// Only memories with any of these topics.
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    /// Only memories of this kind (decision, ruled-out, constraint, convention, debugging, gotcha, progress, note); a
    /// comma-separated list is accepted.
    #[serde(default)]
    pub kind: Option<String>,
    /// Only memories created within this period, e.g. "24h", "7d", "2w", "90m".
    #[serde(default)]
    pub recent: Option<String>,
    /// Only memories of this conversation.
    #[serde(default)]
    pub conversation_id: Option<String>,
    /// Maximum number of results, 1 to 100 (default 10).
    #[serde(default)]
    pub limit: Option<u32>,
    /// Also return memories that newer ones have superseded (default false).
    #[serde(default)]
    pub include_superseded: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemoryRefParams {
    /// The memory's full id, a unique prefix of 6 or more characters, or its name.
    pub id: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UpdateMemoryParams {
    /// The memory's full id, a unique prefix of 6 or more characters, or its name. A named memory gets a new version
    /// and the old one is kept as superseded.
    pub id: String,
    /// New content, replacing the old text (1 to 50,000 characters).
    #[serde(default)]
    pub content: Option<String>,
    /// New topics, replacing the old ones.
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    /// New kind: decision, ruled-out, constraint, convention, debugging, gotcha, progress or note.
    #[serde(default)]
    pub kind: Option<String>,
    /// New importance, from 0 to 1.
    #[serde(default)]
    pub importance: Option<f64>,
    /// New list of repo-relative file paths, replacing the old one.
    #[serde(default)]
    pub files: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecallParams {
    /// What the task is about. Omit it to get "where things stand": the latest progress and the standing decisions,
    /// constraints and conventions of the project.
    #[serde(default)]
    pub query: Option<String>,
    /// Digest format: structured (default; sections by kind), narrative, timeline, status-report or json.
    #[serde(default)]
    pub format: Option<String>,
    /// Token budget of the digest, 50 to 20,000 (default 1,500).
    #[serde(default)]
    pub max_tokens: Option<u32>,
    /// Only memories with any of these topics.
    #[serde(default)]
    pub topics: Option<Vec<String>>,
    /// Only memories created within this period, e.g. "24h", "7d", "2w".
    #[serde(default)]
    pub recent: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BuildContextParams {
    /// The task about to start, in a sentence or two (e.g. "add retry with backoff to the Stripe webhook handler").
    #[serde(default)]
    pub context: Option<String>,
    /// Repo-relative paths of the files the task will touch; memories anchored to them rank higher.
    #[serde(default)]
    pub files: Option<Vec<String>>,
    /// Token budget of the briefing, 50 to 20,000 (default 1,500).
    #[serde(default)]
    pub max_tokens: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListConversationsParams {
    /// Only conversations with memories created within this period, e.g. "24h", "7d", "2w".
    #[serde(default)]
    pub recent: Option<String>,
    /// Maximum number of conversations, 1 to 100 (default 20).
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListTopicsParams {
    /// Only count memories created within this period, e.g. "30d".
    #[serde(default)]
    pub recent: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ListStaleParams {
    /// At most this many memories, newest first (default 20, at most 100).
    #[serde(default)]
    pub limit: Option<u32>,
}
