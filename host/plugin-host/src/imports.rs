//! What the `host` interface does, once for every contract version (each `wit::since_v*` module converts its
//! types to the latest ones and calls these). Requests are checked and normalised here, with the contract's
//! meaning — search topics are normalised like a memory's and must ALL match — before the embedding application
//! sees them as mx-core types; a malformed request is answered with `host-error.invalid` naming the field.

use std::path::Path;

use crate::runtime::CallState;
use crate::services::{DigestQuery, SearchQuery, ServiceError};
use crate::types::{
    CallLimits, DigestRequest, FileContent, HostError, InvalidInput, LogLevel, MemoryDigest, MemoryHit, SearchRequest,
};

impl CallState {
    pub(crate) fn search_memories(&mut self, request: SearchRequest) -> Result<Vec<MemoryHit>, HostError> {
        let query = search_query(request, self.limits.max_search_hits)?;
        if query.limit == 0 {
            return Ok(Vec::new());
        }
        let found = self.services.search(&query)?;
        Ok(found.iter().take(query.limit).map(MemoryHit::from).collect())
    }

    pub(crate) fn make_digest(&mut self, request: DigestRequest) -> Result<MemoryDigest, HostError> {
        let query = digest_query(request)?;
        let digest = self.services.digest(&query)?;
        Ok(MemoryDigest {
            text: digest.text,
            memories: digest.memories.iter().map(|memory| MemoryHit::from_memory(memory, 0.0)).collect(),
        })
    }

    pub(crate) fn read_declared_file(&mut self, path: String) -> Result<FileContent, HostError> {
        let Some(policy) = &self.reads else {
            return Err(invalid("path", "files can only be read while handling an event"));
        };
        if path.trim().is_empty() {
            return Err(invalid("path", "must not be empty"));
        }
        match policy.check_read(&path) {
            Err(reason) => {
                self.denied.get_or_insert_with(|| (path.clone(), reason.clone()));
                Err(HostError::Denied(format!("{path}: {reason}")))
            }
            Ok(None) => Err(HostError::NotFound(path)),
            Ok(Some(real)) => {
                read_tail(&real, self.limits.read_bytes).map_err(|err| HostError::Unavailable(format!("{path}: {err}")))
            }
        }
    }

    pub(crate) fn write_log(&mut self, level: LogLevel, message: String) {
        if level == LogLevel::Error {
            self.last_error_log = Some(message.chars().take(500).collect());
        }
        self.services.log(&self.plugin, level, &message);
    }

    pub(crate) fn contract_limits(&self) -> CallLimits {
        let limits = &self.limits;
        CallLimits {
            deadline_ms: u64::try_from(limits.deadline.as_millis()).unwrap_or(u64::MAX),
            memory_bytes: limits.memory_bytes as u64,
            read_bytes: limits.read_bytes,
            max_search_hits: limits.max_search_hits,
            sync_max_tokens: limits.sync_max_tokens,
        }
    }
}

fn invalid(field: &str, message: &str) -> HostError {
    HostError::Invalid(InvalidInput { field: field.to_owned(), message: message.to_owned() })
}

/// The contract's search request as core types: limit capped, topics normalised (all must match), the
/// conversation id checked.
pub(crate) fn search_query(request: SearchRequest, max_hits: u32) -> Result<SearchQuery, ServiceError> {
    let all_topics = mx_core::model::normalize_topics(&request.topics)?;
    let conversation_id = request.conversation_id.as_deref().map(mx_core::ConversationId::parse).transpose()?;
    Ok(SearchQuery {
        query: request.query,
        limit: request.limit.min(max_hits) as usize,
        all_topics,
        kinds: request.kinds.into_iter().map(Into::into).collect(),
        conversation_id,
    })
}

/// The contract's digest request as core types.
pub(crate) fn digest_query(request: DigestRequest) -> Result<DigestQuery, ServiceError> {
    let conversation_id = request.conversation_id.as_deref().map(mx_core::ConversationId::parse).transpose()?;
    if request.max_tokens == Some(0) {
        return Err(ServiceError::invalid("max-tokens", "must be at least 1 (or none for the default)"));
    }
    Ok(DigestQuery {
        query: request.query.filter(|q| !q.trim().is_empty()),
        max_tokens: request.max_tokens.map(|max| max as usize),
        format: request.format.into(),
        conversation_id,
    })
}

/// The whole file, or its last `cap` bytes.
fn read_tail(path: &Path, cap: u64) -> std::io::Result<FileContent> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let truncated = size > cap;
    if truncated {
        file.seek(SeekFrom::Start(size - cap))?;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(cap)).unwrap_or(0));
    file.take(cap).read_to_end(&mut bytes)?;
    Ok(FileContent { bytes, truncated, size })
}
