//! The CLI's side of adapter plugins: where they live, how a plugin reaches the memory store, and logging.
//!
//! Built-in adapters come from `mx-builtin-plugins` (embedded in the binary); user adapters are components in
//! `$MX_HOME/plugins/<name>.wasm`, which take precedence so a user can update an adapter without a new mx.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use anyhow::Context as _;
use mx_plugin_host::types::{
    DigestFormat, DigestRequest, LogLevel, MemoryDigest, MemoryHit, MemoryKind, SearchRequest,
};
use mx_plugin_host::{HostServices, Plugin, PluginHost, PluginHostConfig};
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

/// A host for CLI use: cache under `$MX_HOME/cache/plugins`, the store opened only if a plugin asks for it.
pub fn host(services: Arc<dyn HostServices>) -> anyhow::Result<PluginHost> {
    let mut config = PluginHostConfig::new(user_home()?, services);
    config.cache_dir = Some(mx_home().join("cache").join("plugins"));
    Ok(PluginHost::new(config)?)
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
    store: OnceLock<Result<Store, String>>,
}

impl std::fmt::Debug for StoreServices {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreServices").field("opened", &self.store.get().is_some()).finish()
    }
}

impl StoreServices {
    pub fn store(&self) -> Result<&Store, String> {
        self.store
            .get_or_init(|| Context::get().open_store().map_err(|err| format!("{err:#}")))
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl HostServices for StoreServices {
    fn search(&self, request: &SearchRequest) -> Result<Vec<MemoryHit>, String> {
        let store = self.store()?;
        let mut search = mx_store::SearchRequest::new(request.query.clone());
        search.limit = request.limit as usize;
        search.filter.scope = Context::get().scope(false);
        search.filter.topics = request.topics.clone();
        search.filter.kinds = request.kinds.iter().map(|k| core_kind(*k)).collect();
        search.filter.conversation_id = request.conversation_id.clone();
        let ranked = store.search(&search).map_err(|err| err.to_string())?;
        Ok(ranked.iter().map(|r| hit(&r.memory, r.score)).collect())
    }

    fn digest(&self, request: &DigestRequest) -> Result<MemoryDigest, String> {
        let store = self.store()?;
        let mut digest = mx_store::DigestRequest::default();
        digest.query = request.query.clone().filter(|q| !q.trim().is_empty());
        digest.filter.scope = Context::get().scope(false);
        digest.filter.conversation_id = request.conversation_id.clone();
        if let Some(max) = request.max_tokens {
            digest.max_tokens = max as usize;
        }
        digest.format = match request.format {
            DigestFormat::Structured => mx_core::digest::DigestFormat::Structured,
            DigestFormat::Narrative => mx_core::digest::DigestFormat::Narrative,
            DigestFormat::Timeline => mx_core::digest::DigestFormat::Timeline,
            DigestFormat::StatusReport => mx_core::digest::DigestFormat::StatusReport,
        };
        let result = store.digest(&digest).map_err(|err| err.to_string())?;
        let memories = result.included.iter().filter_map(|id| store.get(id).ok()).map(|m| hit(&m, 0.0)).collect();
        Ok(MemoryDigest { text: result.text, memories })
    }

    fn log(&self, plugin: &str, level: LogLevel, message: &str) {
        append_log("plugins.log", &format!("{plugin} {level:?}: {message}"));
    }
}

fn core_kind(kind: MemoryKind) -> mx_core::Kind {
    match kind {
        MemoryKind::Decision => mx_core::Kind::Decision,
        MemoryKind::RuledOut => mx_core::Kind::RuledOut,
        MemoryKind::Constraint => mx_core::Kind::Constraint,
        MemoryKind::Convention => mx_core::Kind::Convention,
        MemoryKind::Debugging => mx_core::Kind::Debugging,
        MemoryKind::Gotcha => mx_core::Kind::Gotcha,
        MemoryKind::Progress => mx_core::Kind::Progress,
        MemoryKind::Note => mx_core::Kind::Note,
    }
}

pub fn wit_kind(kind: mx_core::Kind) -> MemoryKind {
    match kind {
        mx_core::Kind::Decision => MemoryKind::Decision,
        mx_core::Kind::RuledOut => MemoryKind::RuledOut,
        mx_core::Kind::Constraint => MemoryKind::Constraint,
        mx_core::Kind::Convention => MemoryKind::Convention,
        mx_core::Kind::Debugging => MemoryKind::Debugging,
        mx_core::Kind::Gotcha => MemoryKind::Gotcha,
        mx_core::Kind::Progress => MemoryKind::Progress,
        mx_core::Kind::Note => MemoryKind::Note,
    }
}

pub fn draft_kind(kind: MemoryKind) -> mx_core::Kind {
    core_kind(kind)
}

fn hit(memory: &mx_core::model::Memory, score: f32) -> MemoryHit {
    MemoryHit {
        id: memory.id.to_string(),
        content: memory.content.clone(),
        kind: wit_kind(memory.kind),
        topics: memory.topics.clone(),
        conversation_id: Some(memory.conversation_id.to_string()),
        files: memory.files.clone(),
        importance: memory.importance as f32,
        created_at: memory.created_at.to_string(),
        score,
    }
}

/// The project root for `mx setup`: the enclosing git work tree, else the working directory.
pub fn project_root(cwd: &Path) -> PathBuf {
    cwd.ancestors().find(|dir| dir.join(".git").exists()).unwrap_or(cwd).to_path_buf()
}
