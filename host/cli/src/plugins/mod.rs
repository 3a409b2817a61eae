//! The CLI's side of adapter plugins: where they live, how a plugin reaches the memory store, and logging.
//!
//! Built-in adapters come from `mx-builtin-plugins` (embedded in the binary); user adapters are components in
//! `$MX_HOME/plugins/<name>.wasm`, which take precedence so a user can update an adapter without a new mx.

pub mod prompt;
pub mod usage;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::Context as _;
use mx_plugin_host::types::LogLevel;
use mx_plugin_host::{
    DigestQuery, Digested, Found, HostServices, Limits, Plugin, PluginHost, PluginHostConfig, SearchQuery, ServiceError,
};
use mx_store::Store;

use crate::output::Context;

/// `$MX_HOME` (or the platform data dir).
pub fn mx_home() -> PathBuf {
    Store::default_home()
}

/// The user's home directory, for `~` in manifests and edits.
pub fn user_home() -> anyhow::Result<PathBuf> {
    std::env::var_os("HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
        .context("cannot find your home directory; set HOME")
}

pub fn installed_dir() -> PathBuf {
    mx_home().join("plugins")
}

/// Where a plugin comes from.
#[derive(Debug, Clone)]
pub enum Source {
    Builtin(&'static [u8]),
    Installed(PathBuf),
}

impl Source {
    pub fn label(&self) -> String {
        match self {
            Source::Builtin(_) => "built-in".to_owned(),
            Source::Installed(path) => path.display().to_string(),
        }
    }

    pub fn bytes(&self) -> anyhow::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            Source::Builtin(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Source::Installed(path) => Ok(std::borrow::Cow::Owned(
                std::fs::read(path).with_context(|| format!("cannot read plugin {}", path.display()))?,
            )),
        }
    }
}

/// Installed plugin files, sorted.
pub fn installed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(installed_dir())
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "wasm"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// A host for CLI use: cache under `$MX_HOME/cache/plugins`, limits from the `[plugins]` table of
/// `$MX_HOME/config.toml`, the store opened only if a plugin asks for it.
pub fn host(services: Arc<dyn HostServices>) -> anyhow::Result<PluginHost> {
    let mut config = PluginHostConfig::new(user_home()?, services);
    config.cache_dir = Some(mx_home().join("cache").join("plugins"));
    config.limits = configured_limits()?;
    Ok(PluginHost::new(config)?)
}

/// The plugin limits the user configured (the defaults without a config file).
pub fn configured_limits() -> anyhow::Result<Limits> {
    let path = mx_home().join("config.toml");
    match std::fs::read_to_string(&path) {
        Ok(text) => Limits::from_config(&text).map_err(|err| crate::error::usage(format!("{}: {err}", path.display()))),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Limits::default()),
        Err(err) => Err(anyhow::anyhow!("cannot read {}: {err}", path.display())),
    }
}

/// The plugin serving `assistant`: an installed `<assistant>.wasm`, else the built-in, else any installed plugin
/// whose manifest names that assistant.
pub fn load_for(host: &PluginHost, assistant: &str) -> anyhow::Result<(Plugin, Source)> {
    let direct = installed_dir().join(format!("{assistant}.wasm"));
    let mut candidates = Vec::new();
    if direct.is_file() {
        candidates.push(Source::Installed(direct.clone()));
    }
    if let Some(builtin) = mx_builtin_plugins::find(assistant) {
        candidates.push(Source::Builtin(builtin.component));
    }
    for source in candidates {
        let plugin = host.load(&origin(&source, assistant), &source.bytes()?)?;
        if plugin.manifest().assistant == assistant {
            return Ok((plugin, source));
        }
    }
    for path in installed_files().into_iter().filter(|path| *path != direct) {
        let source = Source::Installed(path);
        let Ok(plugin) = host.load(&origin(&source, assistant), &source.bytes()?) else { continue };
        if plugin.manifest().assistant == assistant {
            return Ok((plugin, source));
        }
    }
    let known: Vec<&str> = mx_builtin_plugins::BUILTIN.iter().map(|b| b.assistant).collect();
    anyhow::bail!(
        "no adapter for `{assistant}`; built-in adapters: {}; install others with `mx plugins install FILE.wasm`",
        known.join(", ")
    )
}

fn origin(source: &Source, assistant: &str) -> String {
    match source {
        Source::Builtin(_) => assistant.to_owned(),
        Source::Installed(path) => path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
    }
}

/// Appends a line to `$MX_HOME/logs/<file>`; logging never fails the caller.
pub fn append_log(file: &str, line: &str) {
    let dir = mx_home().join("logs");
    let _ = std::fs::create_dir_all(&dir);
    if let Ok(mut log) = std::fs::OpenOptions::new().create(true).append(true).open(dir.join(file)) {
        let _ = writeln!(log, "{} {line}", jiff::Timestamp::now());
    }
}

/// The memory store behind the `host` interface, opened on first use.
#[derive(Default)]
pub struct StoreServices {
    /// The invocation these services answer for: where the store is and which project reads cover. `None` for the
    /// eval, which hands over its own store and sets a [`View`] for every task.
    ctx: Option<Context>,
    store: OnceLock<Result<Arc<Store>, String>>,
    /// Set by `mx eval context` to replay a task: its project and its time. `None` = the working directory's
    /// project and the clock, which is what a real hook gets.
    view: std::sync::Mutex<Option<View>>,
    /// The prompt gate of digests for a query; `mx eval context --gate` sets candidates while fitting it.
    gate: std::sync::Mutex<mx_core::gate::PromptGate>,
    /// Every memory a digest handed to the plugin, in order: what a hook injects (see [`usage`]).
    digested: std::sync::Mutex<Vec<mx_core::Memory>>,
}

/// What a plugin's reads see: which project, and when "now" is (memories written after it are not there yet).
#[derive(Debug, Clone)]
pub struct View {
    pub scope: mx_store::Scope,
    pub now: jiff::Timestamp,
}

impl std::fmt::Debug for StoreServices {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreServices").field("opened", &self.store.get().is_some()).finish()
    }
}

impl StoreServices {
    /// Services for this invocation: the store opens on first use, reads cover its project.
    pub fn new(ctx: &Context) -> Self {
        Self { ctx: Some(ctx.clone()), ..Self::default() }
    }

    /// Services over an already open store (the eval's temporary one).
    pub fn with_store(store: Arc<Store>) -> Self {
        let services = Self::default();
        let _ = services.store.set(Ok(store));
        services
    }

    pub fn store(&self) -> Result<&Store, String> {
        self.store
            .get_or_init(|| match &self.ctx {
                Some(ctx) => ctx.open_store().map(Arc::new).map_err(|err| format!("{err:#}")),
                None => Err("no store was handed to the plugin services".to_owned()),
            })
            .as_ref()
            .map(|store| store.as_ref())
            .map_err(Clone::clone)
    }

    /// Replays reads as of `view` (see [`View`]).
    pub fn set_view(&self, view: View) {
        if let Ok(mut current) = self.view.lock() {
            *current = Some(view);
        }
    }

    /// Replaces the prompt gate ([`mx_core::gate::PromptGate::FITTED`] otherwise).
    pub fn set_gate(&self, gate: mx_core::gate::PromptGate) {
        if let Ok(mut current) = self.gate.lock() {
            *current = gate;
        }
    }

    /// The memories the plugin's digests returned so far, taken (a second call returns only later ones).
    pub fn take_digested(&self) -> Vec<mx_core::Memory> {
        self.digested.lock().map(|mut d| std::mem::take(&mut *d)).unwrap_or_default()
    }

    fn note_digested(&self, memories: &[mx_core::Memory]) {
        if let Ok(mut digested) = self.digested.lock() {
            digested.extend_from_slice(memories);
        }
    }

    /// The filter and clock every read of a plugin runs under.
    fn reads(&self) -> (mx_store::Filter, Option<jiff::Timestamp>) {
        let view = self.view.lock().ok().and_then(|v| v.clone());
        match view {
            Some(View { scope, now }) => {
                (mx_store::Filter { scope, before: Some(now), ..Default::default() }, Some(now))
            }
            None => {
                let scope = self.ctx.as_ref().map(|ctx| ctx.scope(false)).unwrap_or_default();
                (mx_store::Filter { scope, ..Default::default() }, None)
            }
        }
    }
}

/// How many ranked candidates to draw before keeping those with every asked topic: the store's topic filter is
/// any-match, the contract's all-match.
const ALL_TOPICS_POOL: usize = 1_000;

impl HostServices for StoreServices {
    fn search(&self, query: &SearchQuery) -> Result<Vec<Found>, ServiceError> {
        let store = self.store().map_err(ServiceError::Unavailable)?;
        let mut search = mx_store::SearchRequest::new(query.query.clone());
        search.limit = if query.all_topics.is_empty() { query.limit } else { ALL_TOPICS_POOL.max(query.limit) };
        (search.filter, search.now) = self.reads();
        search.filter.topics = query.all_topics.clone();
        search.filter.kinds = query.kinds.clone();
        search.filter.conversation_id = query.conversation_id.as_ref().map(ToString::to_string);
        // What a plugin injects is presented as current: no replaced fact, no stale progress or gotcha.
        let ranked = mx_core::current::current(store.search(&search).map_err(service_error)?, |r| &r.memory);
        Ok(ranked
            .iter()
            .filter(|r| query.all_topics.iter().all(|topic| r.memory.topics.contains(topic)))
            .take(query.limit)
            .map(|r| Found { score: r.score, memory: r.memory.clone() })
            .collect())
    }

    fn digest(&self, query: &DigestQuery) -> Result<Digested, ServiceError> {
        let store = self.store().map_err(ServiceError::Unavailable)?;
        if let Some(prompt) = query.query.as_deref().filter(|q| !q.trim().is_empty()) {
            // A digest for a query is what an adapter injects for a prompt: only what clearly concerns it.
            let (mut filter, now) = self.reads();
            filter.conversation_id = query.conversation_id.as_ref().map(ToString::to_string);
            let gate = self.gate.lock().map(|g| *g).unwrap_or_default();
            let (text, memories) = prompt::select(store, prompt, &filter, now, &gate).map_err(service_error)?;
            self.note_digested(&memories);
            return Ok(Digested { text, memories });
        }
        let mut digest = mx_store::DigestRequest::default();
        digest.query = query.query.clone();
        (digest.filter, digest.now) = self.reads();
        digest.filter.conversation_id = query.conversation_id.as_ref().map(ToString::to_string);
        if let Some(max) = query.max_tokens {
            digest.max_tokens = max;
        }
        digest.format = query.format;
        digest.injected = true;
        let result = store.digest(&digest).map_err(service_error)?;
        let memories = store.get_listed(&result.included).map_err(service_error)?;
        self.note_digested(&memories);
        Ok(Digested { text: result.text, memories })
    }

    fn log(&self, plugin: &str, level: LogLevel, message: &str) {
        append_log("plugins.log", &format!("{plugin} {level:?}: {message}"));
    }
}

/// The store's errors as the contract's: bad input keeps its field, an unknown id is not-found, the rest is the
/// store being unavailable.
fn service_error(err: mx_store::StoreError) -> ServiceError {
    match err {
        mx_store::StoreError::Core(mx_core::Error::Invalid(validation)) => validation.into(),
        other => match other.code() {
            mx_store::ErrorCode::NotFound => ServiceError::NotFound(other.to_string()),
            mx_store::ErrorCode::InvalidInput | mx_store::ErrorCode::AmbiguousId => {
                ServiceError::invalid("request", other.to_string())
            }
            _ => ServiceError::Unavailable(other.to_string()),
        },
    }
}

/// The project root for `mx setup`: the enclosing git work tree, else the working directory.
pub fn project_root(cwd: &Path) -> PathBuf {
    cwd.ancestors().find(|dir| dir.join(".git").exists()).unwrap_or(cwd).to_path_buf()
}
