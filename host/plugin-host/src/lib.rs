//! mx-plugin-host: runs adapter plugins (WebAssembly components implementing `mx:adapter`) in a sandbox.
//!
//! Deny by default: a plugin gets no WASI at all. The linker provides only the contract's `host` interface, and
//! each import checks its request against the plugin's manifest. Every call runs in a fresh [`wasmtime::Store`]
//! under an epoch deadline and a memory cap, so a plugin that loops, hoards memory or traps yields a typed
//! [`PluginError`] naming it and the next call starts clean.
//!
//! Contract versions: every released `mx:adapter` version (0.1.0, 0.2.0) is loaded side by side; a component
//! records its version (and manifest) in custom sections, read by [`inspect`] without running it. The rest of the
//! host, and its callers, see the latest contract's types ([`types`]) and mx-core's ([`HostServices`]).
//!
//! Compiled components are cached on disk, keyed by the component's SHA-256 and the engine's compatibility
//! hash; a cached load takes well under a millisecond.

mod cache;
pub mod edits;
mod error;
mod imports;
mod inspect;
mod limits;
mod paths;
mod runtime;
mod services;
pub(crate) mod wit;

pub use edits::{Created, FileChange, Ledger, SetupMode};
pub use error::PluginError;
pub use inspect::{CONTRACT_SECTION, Inspection, MANIFEST_SECTION, inspect, with_manifest_section};
pub use limits::Limits;
pub use paths::{PathPolicy, expand_home};
pub use runtime::{Plugin, PluginHost, PluginHostConfig};
pub use services::{DigestQuery, Digested, Found, HostServices, NoServices, SearchQuery, ServiceError};
pub use wit::ContractVersion;

/// The latest contract's types, generated from `plugins/wit/v0.2.0`; plugins built against older versions are
/// converted to and from them.
pub mod types {
    pub use crate::wit::latest::mx::adapter::types::*;
}

/// Wraps a core WebAssembly module built against the contract (e.g. `cargo build --target
/// wasm32-unknown-unknown` with the mx-plugin SDK) as a component; a component is returned unchanged.
pub fn componentize(bytes: &[u8]) -> Result<Vec<u8>, String> {
    if is_component(bytes) {
        return Ok(bytes.to_vec());
    }
    if bytes.get(..4) != Some(b"\0asm".as_slice()) {
        return Err("not a WebAssembly file".to_owned());
    }
    wit_component::ComponentEncoder::default()
        .module(bytes)
        .and_then(|encoder| encoder.validate(true).encode())
        .map_err(|err| format!("{err:#}"))
}

/// True for a component (binary layer 1), false for a core module or anything else.
pub fn is_component(bytes: &[u8]) -> bool {
    bytes.get(..4) == Some(b"\0asm".as_slice()) && bytes.get(6..8) == Some([1u8, 0].as_slice())
}
