use crate::types::{DigestRequest, LogLevel, MemoryDigest, MemoryHit, SearchRequest};

/// What the embedding application (the `mx` CLI) provides to plugins through the `host` interface.
///
/// The plugin host knows nothing of the memory store: the CLI implements this trait with it, opening the store
/// lazily so that a hook that needs no memories never pays for it. Errors are messages; the plugin receives
/// them as `host-error::unavailable`.
pub trait HostServices: Send + Sync {
    /// Memories matching the request, best first.
    fn search(&self, request: &SearchRequest) -> Result<Vec<MemoryHit>, String>;
    /// A rendered, token-budgeted digest.
    fn digest(&self, request: &DigestRequest) -> Result<MemoryDigest, String>;
    /// A plugin's diagnostic line (from its `log` import).
    fn log(&self, plugin: &str, level: LogLevel, message: &str) {
        let _ = (plugin, level, message);
    }
}

/// Services for a host without a memory store (tests, `mx plugins install`): search and digest fail.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoServices;

impl HostServices for NoServices {
    fn search(&self, _request: &SearchRequest) -> Result<Vec<MemoryHit>, String> {
        Err("no memory store is available here".to_owned())
    }

    fn digest(&self, _request: &DigestRequest) -> Result<MemoryDigest, String> {
        Err("no memory store is available here".to_owned())
    }
}
