//! The wasmtime side: one engine, a ticker for epoch deadlines, and a fresh store per call.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use wasmtime::component::{Component, Linker};
use wasmtime::{Config, Engine, ResourceLimiter, Store, Trap};

use crate::error::PluginError;
use crate::limits::Limits;
use crate::paths::PathPolicy;
use crate::services::HostServices;
use crate::{cache, componentize};

use crate::inspect::inspect;
use crate::services::DigestQuery;
use crate::types::{Edit, Event, EventResponse, Manifest, MemoryDigest, MemoryHit, SetupRequest, SyncRequest};
use crate::wit::{self, Adapter, AdapterPre, ContractVersion};

/// How often the epoch advances: the granularity of deadlines.
const TICK: Duration = Duration::from_millis(5);

/// How to build a [`PluginHost`].
#[derive(Clone)]
pub struct PluginHostConfig {
    /// Where compiled components are cached (`$MX_HOME/cache/plugins`); `None` compiles every time.
    pub cache_dir: Option<PathBuf>,
    /// The user's home directory, for `~` in manifests and paths.
    pub home: PathBuf,
    pub limits: Limits,
    pub services: Arc<dyn HostServices>,
}

impl std::fmt::Debug for PluginHostConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginHostConfig")
            .field("cache_dir", &self.cache_dir)
            .field("home", &self.home)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl PluginHostConfig {
    pub fn new(home: PathBuf, services: Arc<dyn HostServices>) -> Self {
        Self { cache_dir: None, home, limits: Limits::default(), services }
    }
}

/// A loaded plugin: compiled, linked, and its manifest read.
#[derive(Clone)]
pub struct Plugin {
    name: String,
    manifest: Manifest,
    contract: ContractVersion,
    pre: AdapterPre,
}

impl std::fmt::Debug for Plugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plugin")
            .field("name", &self.name)
            .field("contract", &self.contract)
            .field("manifest", &self.manifest)
            .finish_non_exhaustive()
    }
}

impl Plugin {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// The contract version the plugin was built against.
    pub fn contract(&self) -> ContractVersion {
        self.contract
    }
}

/// Runs plugins. Create one per process; it owns the engine and the epoch ticker thread.
pub struct PluginHost {
    engine: Engine,
    linker: Linker<CallState>,
    config: PluginHostConfig,
    stop_ticker: Arc<AtomicBool>,
}

impl std::fmt::Debug for PluginHost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PluginHost").field("config", &self.config).finish_non_exhaustive()
    }
}

impl Drop for PluginHost {
    fn drop(&mut self) {
        self.stop_ticker.store(true, Ordering::Relaxed);
    }
}

impl PluginHost {
    pub fn new(config: PluginHostConfig) -> Result<Self, PluginError> {
        let mut engine_config = Config::new();
        engine_config.wasm_component_model(true).epoch_interruption(true);
        let engine = Engine::new(&engine_config).map_err(|err| PluginError::Load {
            plugin: "(engine)".to_owned(),
            message: format!("cannot create the WebAssembly engine: {err}"),
        })?;
        let mut linker = Linker::new(&engine);
        wit::add_to_linker(&mut linker).map_err(|err| PluginError::Load {
            plugin: "(engine)".to_owned(),
            message: format!("cannot link the host: {err}"),
        })?;

        let stop_ticker = Arc::new(AtomicBool::new(false));
        let ticker_engine = engine.clone();
        let stop = Arc::clone(&stop_ticker);
        std::thread::Builder::new()
            .name("mx-plugin-epoch".to_owned())
            .spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(TICK);
                    ticker_engine.increment_epoch();
                }
            })
            .map_err(PluginError::io("start the plugin deadline thread for", PathBuf::new()))?;

        Ok(Self { engine, linker, config, stop_ticker })
    }

    pub fn limits(&self) -> Limits {
        self.config.limits
    }

    pub fn home(&self) -> &Path {
        &self.config.home
    }

    /// Loads a plugin from component bytes (a core module is wrapped first) and reads its manifest: from the
    /// component's `mx:manifest` section when it has one, else by calling its `manifest` export.
    /// `origin` names the plugin in errors until its manifest is known (e.g. the file name).
    pub fn load(&self, origin: &str, bytes: &[u8]) -> Result<Plugin, PluginError> {
        let bytes = componentize(bytes).map_err(|message| PluginError::Load { plugin: origin.to_owned(), message })?;
        let contract_error = |message: String| PluginError::Contract { plugin: origin.to_owned(), message };
        let inspection = inspect(&bytes).map_err(contract_error)?;
        let component = self.compile(origin, &bytes)?;
        // A component that says nothing of its version is tried against each contract, newest first.
        let candidates: Vec<ContractVersion> = match inspection.contract {
            Some(version) => vec![version],
            None => ContractVersion::ALL.into_iter().rev().collect(),
        };
        let mut linked = Err(String::new());
        for version in candidates {
            linked = AdapterPre::new(version, &self.linker, &component)
                .map(|pre| (version, pre))
                .map_err(|err| format!("{err:#}"));
            if linked.is_ok() {
                break;
            }
        }
        let (contract, pre) = linked.map_err(contract_error)?;
        let mut plugin = Plugin { name: origin.to_owned(), manifest: empty_manifest(), contract, pre };
        let manifest = match inspection.manifest {
            Some(manifest) => manifest,
            None => self.call(&plugin, None, |adapter, store| adapter.call_manifest(store))?,
        };
        validate_manifest(origin, &manifest)?;
        plugin.name = manifest.name.clone();
        plugin.manifest = manifest;
        Ok(plugin)
    }

    /// The edits the plugin proposes for `request` (not yet validated: see [`crate::edits::plan`]).
    pub fn setup(&self, plugin: &Plugin, request: &SetupRequest) -> Result<Vec<Edit>, PluginError> {
        self.call(plugin, None, |adapter, store| adapter.call_setup(store, request))?
            .map_err(|message| PluginError::Failed { plugin: plugin.name.clone(), message })
    }

    /// Delivers an event.
    pub fn handle_event(&self, plugin: &Plugin, event: &Event) -> Result<EventResponse, PluginError> {
        let policy = PathPolicy::new(&self.config.home, None, &plugin.manifest.reads, &[])
            .map_err(|message| PluginError::Contract { plugin: plugin.name.clone(), message })?;
        self.call(plugin, Some(policy), |adapter, store| adapter.call_handle_event(store, event))?
            .map_err(|message| PluginError::Failed { plugin: plugin.name.clone(), message })
    }

    /// Renders a digest as the assistant's context text.
    pub fn render_context(&self, plugin: &Plugin, digest: &MemoryDigest) -> Result<String, PluginError> {
        self.call(plugin, None, |adapter, store| adapter.call_render_context(store, digest))
    }

    /// The edits that refresh the assistant's static context file (`mx sync`). For a 0.2.0 plugin the host makes
    /// the digest (`sync_max_tokens`), has the plugin's `render-context` turn it into text and passes that to
    /// `sync`; a 0.1.0 plugin makes its own digest through the host's `digest`.
    pub fn sync(&self, plugin: &Plugin, request: &SetupRequest) -> Result<Vec<Edit>, PluginError> {
        let context = match plugin.contract {
            ContractVersion::V0_1_0 => String::new(),
            ContractVersion::V0_2_0 => {
                let query = DigestQuery {
                    query: None,
                    max_tokens: Some(self.config.limits.sync_max_tokens as usize),
                    format: mx_core::digest::DigestFormat::Structured,
                    conversation_id: None,
                };
                let digest = self.config.services.digest(&query).map_err(|err| PluginError::Failed {
                    plugin: plugin.name.clone(),
                    message: format!("cannot make the project digest: {err}"),
                })?;
                let digest = MemoryDigest {
                    text: digest.text,
                    memories: digest.memories.iter().map(|memory| MemoryHit::from_memory(memory, 0.0)).collect(),
                };
                self.render_context(plugin, &digest)?
            }
        };
        let request =
            SyncRequest { project_root: request.project_root.clone(), mx_command: request.mx_command.clone(), context };
        self.call(plugin, None, |adapter, store| adapter.call_sync(store, &request))?
            .map_err(|message| PluginError::Failed { plugin: plugin.name.clone(), message })
    }

    fn compile(&self, origin: &str, bytes: &[u8]) -> Result<Component, PluginError> {
        let path = self.config.cache_dir.as_deref().map(|dir| cache::cache_path(dir, &self.engine, bytes));
        if let Some(component) = path.as_deref().and_then(|path| cache::load(&self.engine, path)) {
            return Ok(component);
        }
        cache::compile_and_store(&self.engine, bytes, path.as_deref())
            .map_err(|err| PluginError::Load { plugin: origin.to_owned(), message: format!("{err:#}") })
    }

    /// One exported call in a fresh store, with the deadline and memory cap, errors classified.
    fn call<R>(
        &self,
        plugin: &Plugin,
        reads: Option<PathPolicy>,
        f: impl FnOnce(&Adapter, &mut Store<CallState>) -> wasmtime::Result<R>,
    ) -> Result<R, PluginError> {
        let limits = self.config.limits;
        let state = CallState {
            plugin: plugin.name.clone(),
            services: Arc::clone(&self.config.services),
            reads,
            limits,
            memory: MemoryCap { limit: limits.memory_bytes, exceeded: false },
            denied: None,
            last_error_log: None,
        };
        let mut store = Store::new(&self.engine, state);
        store.limiter(|state| &mut state.memory);
        let ticks = limits.deadline.as_nanos().div_ceil(TICK.as_nanos()).max(1);
        store.set_epoch_deadline(u64::try_from(ticks).unwrap_or(u64::MAX));
        store.epoch_deadline_trap();

        let result = plugin.pre.instantiate(&mut store).and_then(|adapter| f(&adapter, &mut store));
        let state = store.into_data();
        match result {
            Ok(value) => match state.denied {
                // A denial is reported even when the plugin carried on: the user must know it tried.
                Some((path, reason)) => {
                    Err(PluginError::Denied { plugin: plugin.name.clone(), action: "reading", path, reason })
                }
                None => Ok(value),
            },
            Err(err) => Err(classify(&plugin.name, limits, &state, err)),
        }
    }
}

fn classify(plugin: &str, limits: Limits, state: &CallState, err: wasmtime::Error) -> PluginError {
    let plugin = plugin.to_owned();
    match err.downcast_ref::<Trap>() {
        Some(Trap::Interrupt) => PluginError::Timeout { plugin, limit: limits.deadline },
        Some(_) if state.memory.exceeded => PluginError::OutOfMemory { plugin, limit_bytes: limits.memory_bytes },
        Some(trap) => {
            let message = match &state.last_error_log {
                Some(logged) => format!("{trap} ({logged})"),
                None => trap.to_string(),
            };
            PluginError::Trap { plugin, message }
        }
        None if state.memory.exceeded => PluginError::OutOfMemory { plugin, limit_bytes: limits.memory_bytes },
        None => PluginError::Contract { plugin, message: format!("{err:#}") },
    }
}

fn empty_manifest() -> Manifest {
    Manifest {
        name: String::new(),
        assistant: String::new(),
        version: String::new(),
        description: String::new(),
        events: Vec::new(),
        reads: Vec::new(),
        writes: Vec::new(),
    }
}

fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn validate_manifest(origin: &str, manifest: &Manifest) -> Result<(), PluginError> {
    let contract = |message: String| PluginError::Contract { plugin: origin.to_owned(), message };
    if !is_kebab(&manifest.name) {
        return Err(contract(format!("manifest name `{}` is not kebab-case", manifest.name)));
    }
    if !is_kebab(&manifest.assistant) {
        return Err(contract(format!("manifest assistant `{}` is not kebab-case", manifest.assistant)));
    }
    // Patterns are checked now so a bad one fails at install, not in the middle of a hook.
    PathPolicy::new(Path::new("/home"), None, &manifest.reads, &manifest.writes).map_err(contract)?;
    Ok(())
}

/// The memory cap. Refusing growth makes the guest's allocator fail, which ends in a trap; the flag tells
/// that trap apart from any other.
struct MemoryCap {
    limit: usize,
    exceeded: bool,
}

impl ResourceLimiter for MemoryCap {
    fn memory_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        if desired > self.limit {
            self.exceeded = true;
            return Ok(false);
        }
        Ok(true)
    }

    fn table_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(desired <= 100_000)
    }
}

/// Everything one call can reach.
pub(crate) struct CallState {
    pub(crate) plugin: String,
    pub(crate) services: Arc<dyn HostServices>,
    /// `None` outside `handle-event`: reading files is for events only.
    pub(crate) reads: Option<PathPolicy>,
    pub(crate) limits: Limits,
    memory: MemoryCap,
    pub(crate) denied: Option<(String, String)>,
    pub(crate) last_error_log: Option<String>,
}
