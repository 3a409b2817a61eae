//! On-disk cache of compiled components: `<dir>/<sha256(component)>-<engine hash>.cwasm`.
//!
//! The engine hash covers wasmtime's version, target and every compilation setting, so an artifact is only ever
//! loaded into an engine that can run it (wasmtime also checks this itself and refuses a mismatch).

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use wasmtime::Engine;
use wasmtime::component::Component;

/// Feeds `Hash` output into SHA-256, so the engine's compatibility hash is stable across processes and Rust
/// versions (std's `DefaultHasher` promises neither).
struct Sha256Hasher(Sha256);

impl Hasher for Sha256Hasher {
    fn finish(&self) -> u64 {
        0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn cache_path(dir: &Path, engine: &Engine, component: &[u8]) -> PathBuf {
    let content = hex(&Sha256::digest(component));
    let mut hasher = Sha256Hasher(Sha256::new());
    engine.precompile_compatibility_hash().hash(&mut hasher);
    let engine_hash = hex(&hasher.0.finalize()[..8]);
    dir.join(format!("{content}-{engine_hash}.cwasm"))
}

/// Loads a cached artifact; `None` when it is absent or unusable (then the caller recompiles and rewrites it).
pub(crate) fn load(engine: &Engine, path: &Path) -> Option<Component> {
    if !path.is_file() {
        return None;
    }
    // SAFETY: `deserialize_file` trusts the file to be a wasmtime artifact. This one lives in mx's own cache
    // directory, was produced by `Engine::precompile_component` of an engine with the same configuration (the
    // engine hash is part of its name), and is written atomically (temp file + rename), so it is never a partial
    // or foreign file; wasmtime still verifies the header and engine compatibility before using it.
    #[allow(unsafe_code)]
    let component = unsafe { Component::deserialize_file(engine, path) };
    component.ok()
}

/// Compiles `bytes`, stores the artifact at `path` (best effort: a read-only cache only costs speed) and
/// returns the component.
pub(crate) fn compile_and_store(engine: &Engine, bytes: &[u8], path: Option<&Path>) -> wasmtime::Result<Component> {
    let artifact = engine.precompile_component(bytes)?;
    if let Some(path) = path {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        if std::fs::write(&tmp, &artifact).is_ok() && std::fs::rename(&tmp, path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
    // SAFETY: the bytes were produced by `precompile_component` of this very engine just above.
    #[allow(unsafe_code)]
    let component = unsafe { Component::deserialize(engine, &artifact) };
    component
}
