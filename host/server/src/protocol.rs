//! The `/v1` wire types, shared by the server and the `mx` client. JSON, camelCase, unknown fields refused.
//!
//! A change is the newest state of one memory: its full record, or a tombstone. `version` orders the states of one
//! memory (the record's `updatedAt`, or the deletion time, in milliseconds); a tombstone outranks any record, so a
//! delete is final everywhere.

use mx_core::model::Memory;
use serde::{Deserialize, Serialize};

/// One memory's state as it travels between a store and the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Change {
    pub id: String,
    pub version: i64,
    #[serde(default)]
    pub deleted: bool,
    /// The record; absent on a tombstone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<Memory>,
}

impl From<mx_store::SyncChange> for Change {
    fn from(c: mx_store::SyncChange) -> Self {
        Change { id: c.id, version: c.version, deleted: c.deleted, memory: c.memory }
    }
}

impl From<Change> for mx_store::SyncChange {
    fn from(c: Change) -> Self {
        mx_store::SyncChange { id: c.id, version: c.version, deleted: c.deleted, memory: c.memory }
    }
}

/// `POST /v1/push`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushRequest {
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PushResponse {
    /// Changes received.
    pub received: usize,
    /// Of those, the ones newer than what the server had (the rest were already there).
    pub stored: usize,
}

/// `GET /v1/pull?after=N&limit=M`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PullQuery {
    #[serde(default)]
    pub after: i64,
    #[serde(default)]
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PullResponse {
    pub changes: Vec<Change>,
    /// The server sequence of the last change returned (the `after` of the next pull).
    pub cursor: i64,
    /// True when more changes wait after `cursor`.
    pub more: bool,
}

/// `GET /v1/whoami`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Whoami {
    pub team: String,
    pub user: String,
    pub role: String,
}

/// Every error body.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    pub error: String,
}

/// Most changes one push or pull carries.
pub const MAX_BATCH: usize = 1_000;
