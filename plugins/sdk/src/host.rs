//! What the host provides: memory search and digests, reading declared files, logging.

use crate::bindings::mx::adapter::host as imports;
use crate::{Digest, DigestRequest, FileContent, HostError, Limits, LogLevel, MemoryHit, SearchRequest};

/// Searches the current project's memories (plus global ones), best first.
pub fn search(request: &SearchRequest) -> Result<Vec<MemoryHit>, HostError> {
    imports::search(request)
}

/// A token-budgeted digest of the current project's memories.
pub fn digest(request: &DigestRequest) -> Result<Digest, HostError> {
    imports::digest(request)
}

/// Reads a file declared in the manifest's `reads` (absolute or `~/…`). Larger files come back as their last
/// [`Limits::read_bytes`] (8 MiB unless the user changed it) with `truncated` set.
pub fn read_file(path: &str) -> Result<FileContent, HostError> {
    imports::read_file(path)
}

/// Reads a declared file as text; invalid UTF-8 is replaced, and a truncated file starts at its first full line.
pub fn read_to_string(path: &str) -> Result<String, HostError> {
    let file = read_file(path)?;
    let text = String::from_utf8_lossy(&file.bytes).into_owned();
    if file.truncated {
        if let Some(newline) = text.find('\n') {
            return Ok(text[newline + 1..].to_owned());
        }
    }
    Ok(text)
}

/// Writes a line to mx's log (never shown to the assistant).
pub fn log(level: LogLevel, message: &str) {
    imports::log(level, message);
}

/// Logs at `info`.
pub fn info(message: &str) {
    log(LogLevel::Info, message);
}

/// Logs at `warn`.
pub fn warn(message: &str) {
    log(LogLevel::Warn, message);
}

/// The limits this call runs under, as the user configured them.
pub fn limits() -> Limits {
    imports::limits()
}
