//! `MemoryStore`: the Python face of `mx_store::Store`. Each method converts its arguments, calls the store once with
//! the GIL released (other Python threads keep running while SQLite and tantivy work), and maps the error.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use mx_core::digest::DigestFormat;
use mx_core::model::normalize_topics;
use mx_core::{Kind, MemoryPatch, NewMemory, Source, ValidationError};
use mx_store::{
    ContextRequest, DigestRequest, Filter, ImportRecord, ListRequest, Scope, SearchRequest, Sort, Store, StoreError,
    input,
};
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::error::OrRaise;
use crate::types::{
    PyConversation, PyCreated, PyDigest, PyImportReport, PyMemory, PySearchResult, PyTopic, PyUpdated, repr_str,
};

/// The `source` of memories written through this binding.
const SOURCE_LANGUAGE: &str = "python";

/// `kind="decision"` or `kind=["decision", "constraint"]`.
#[derive(Debug, FromPyObject)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

fn parse_kinds(kinds: Option<OneOrMany>) -> Result<Vec<Kind>, ValidationError> {
    match kinds {
        None => Ok(Vec::new()),
        Some(OneOrMany::One(kind)) => Ok(vec![kind.parse()?]),
        Some(OneOrMany::Many(kinds)) => kinds.iter().map(|k| k.parse()).collect(),
    }
}

/// `recent=timedelta(days=7)` (Python's own way to say a duration) or `recent="7d"` (the grammar every front end
/// shares: `90s`, `30m`, `24h`, `7d`, `2w`, `3mo`, `1y`).
#[derive(Debug)]
pub enum Recent {
    Window(Duration),
    Text(String),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Recent {
    type Error = PyErr;

    // By hand rather than derived: a negative timedelta must keep pyo3's ValueError, not become an enum TypeError.
    fn extract(obj: pyo3::Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.is_instance_of::<pyo3::types::PyString>() {
            return Ok(Recent::Text(obj.extract()?));
        }
        Ok(Recent::Window(obj.extract()?))
    }
}

/// The start of a `recent` window, counted back from now.
fn since(recent: Option<Recent>) -> Result<Option<Timestamp>, ValidationError> {
    let now = Timestamp::now();
    match recent {
        None => Ok(None),
        Some(Recent::Text(text)) => input::since(&text, now).map(Some),
        Some(Recent::Window(window)) => {
            let invalid = |problem: &str| {
                ValidationError::new(
                    "recent",
                    problem.to_owned(),
                    format!("{window:?}"),
                    "use a window of days or weeks",
                )
            };
            if window.is_zero() {
                return Err(invalid("must be longer than zero"));
            }
            let window = SignedDuration::try_from(window).map_err(|_| invalid("reaches too far back"))?;
            now.checked_sub(window).map(Some).map_err(|_| invalid("reaches too far back"))
        }
    }
}

/// One line of a JSONL import, read as `mx import` reads it: a full mx memory (as `export` writes it: it has `kind` and
/// `updatedAt`) or a foreign record such as the eval datasets' memories.jsonl, whose `id` becomes the memory's
/// `external_id` and which lands in `default_project` unless it names its own.
fn parse_import_line(
    number: usize,
    line: &str,
    default_project: Option<&str>,
) -> Result<ImportRecord, ValidationError> {
    let invalid = |err: String| {
        ValidationError::new(
            "import",
            format!("line {number} is not a memory record: {err}"),
            line,
            "pass a JSONL file written by MemoryStore.export or `mx export`; nothing was imported",
        )
    };
    ImportRecord::from_json_line(line, default_project).map_err(invalid)
}

/// A memory store: the same one the `mx` CLI and MCP server use, safe to share with them (and between threads).
///
/// `home` defaults to `$MX_HOME`, else `~/.local/share/mx`; `project` defaults to `$MX_PROJECT`, else the git identity
/// of the working directory, as in the CLI. Reads cover that project plus global memories.
#[pyclass(frozen, module = "mx_memory._mx_memory", name = "MemoryStore")]
#[derive(Debug)]
pub struct MemoryStore {
    /// `None` once closed; an `Arc` so a call in flight keeps the store alive while another thread closes it.
    store: RwLock<Option<Arc<Store>>>,
    home: PathBuf,
    project: Option<String>,
}

impl MemoryStore {
    fn store(&self) -> Result<Arc<Store>, StoreError> {
        let guard = self.store.read().unwrap_or_else(PoisonError::into_inner);
        guard.clone().ok_or_else(|| StoreError::Unavailable {
            path: self.home.clone(),
            reason: "this MemoryStore was closed".to_owned(),
            hint: "open a new MemoryStore()",
        })
    }

    fn filter(&self, topics: Option<Vec<String>>, kinds: Option<OneOrMany>) -> Result<Filter, ValidationError> {
        let mut filter = Filter::default();
        filter.scope = self.project.clone().map_or(Scope::GlobalOnly, Scope::Project);
        filter.topics = normalize_topics(&topics.unwrap_or_default())?;
        filter.kinds = parse_kinds(kinds)?;
        Ok(filter)
    }
}

#[pymethods]
impl MemoryStore {
    #[new]
    #[pyo3(signature = (home=None, project=None, worktree=None))]
    fn new(
        py: Python<'_>,
        home: Option<PathBuf>,
        project: Option<String>,
        worktree: Option<PathBuf>,
    ) -> PyResult<Self> {
        let home = home.unwrap_or_else(Store::default_home);
        // The rule every front end shares, so a script and `mx` run in the same place see the same memories.
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let project = mx_store::resolve_project(project.as_deref(), &cwd);
        let store = py.detach(|| Store::open(&home)).or_raise(py)?;
        // As the CLI does: anchors are read against the directory the program works in, unless told another.
        if let Some(dir) = worktree.or_else(|| std::env::current_dir().ok()) {
            store.set_worktree(&dir);
        }
        Ok(Self { store: RwLock::new(Some(Arc::new(store))), home, project })
    }

    /// The data directory (`mx.db`, `index/`).
    #[getter]
    fn home(&self) -> PathBuf {
        self.home.clone()
    }

    /// The project reads are scoped to (with global memories); `None` = global memories only.
    #[getter]
    fn project(&self) -> Option<&str> {
        self.project.as_deref()
    }

    /// Stores a memory. `conversation_id="NEW"` (or none) starts a conversation; pass `created.conversation_id` on to
    /// continue it. Without `kind`, mx infers one from the text (`created.inferred` says how).
    /// `private=True` keeps the memory on this machine: never synced to a team server.
    #[pyo3(signature = (content, *, conversation_id=None, topics=Vec::new(), kind=None, name=None, importance=None, files=Vec::new(), supersedes=None, private=false))]
    #[pyo3(
        text_signature = "($self, content, *, conversation_id=None, topics=(), kind=None, name=None, importance=None, files=(), supersedes=None, private=False)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn create(
        &self,
        py: Python<'_>,
        content: String,
        conversation_id: Option<String>,
        topics: Vec<String>,
        kind: Option<String>,
        name: Option<String>,
        importance: Option<f64>,
        files: Vec<String>,
        supersedes: Option<String>,
        private: bool,
    ) -> PyResult<PyCreated> {
        let mut new = NewMemory::default();
        (new.content, new.conversation_id, new.topics, new.name) = (content, conversation_id, topics, name);
        (new.importance, new.files, new.supersedes, new.private) = (importance, files, supersedes, private);
        new.kind = kind.map(|k| k.parse()).transpose().or_raise(py)?;
        new.source = Some(Source::Library(SOURCE_LANGUAGE.to_owned()));
        new.project = self.project.clone();
        let store = self.store().or_raise(py)?;
        let created = py.detach(|| store.create(new)).or_raise(py)?;
        PyCreated::new(py, created)
    }

    /// A memory by full id, unique id prefix (6+ characters) or name.
    fn get(&self, py: Python<'_>, id: &str) -> PyResult<PyMemory> {
        let store = self.store().or_raise(py)?;
        py.detach(|| store.get(id)).map(PyMemory).or_raise(py)
    }

    /// Changes the given fields. A named memory gets a new version and the old one is superseded.
    #[pyo3(signature = (id, *, content=None, topics=None, kind=None, importance=None, files=None))]
    #[allow(clippy::too_many_arguments)]
    fn update(
        &self,
        py: Python<'_>,
        id: &str,
        content: Option<String>,
        topics: Option<Vec<String>>,
        kind: Option<String>,
        importance: Option<f64>,
        files: Option<Vec<String>>,
    ) -> PyResult<PyUpdated> {
        let mut patch = MemoryPatch::default();
        (patch.content, patch.topics, patch.importance, patch.files) = (content, topics, importance, files);
        patch.kind = kind.map(|k| k.parse()).transpose().or_raise(py)?;
        let store = self.store().or_raise(py)?;
        let updated = py.detach(|| store.update(id, patch)).or_raise(py)?;
        PyUpdated::new(py, updated)
    }

    /// Deletes a memory and returns it as it was.
    fn delete(&self, py: Python<'_>, id: &str) -> PyResult<PyMemory> {
        let store = self.store().or_raise(py)?;
        py.detach(|| store.delete(id)).map(|d| PyMemory(d.memory)).or_raise(py)
    }

    /// Memories of this project (and global ones), newest first unless `sort` says otherwise.
    #[pyo3(signature = (*, topics=None, kind=None, conversation_id=None, limit=None, sort="newest", include_superseded=false))]
    #[allow(clippy::too_many_arguments)]
    fn list(
        &self,
        py: Python<'_>,
        topics: Option<Vec<String>>,
        kind: Option<OneOrMany>,
        conversation_id: Option<String>,
        limit: Option<usize>,
        sort: &str,
        include_superseded: bool,
    ) -> PyResult<Vec<PyMemory>> {
        let mut req = ListRequest::default();
        req.filter = self.filter(topics, kind).or_raise(py)?;
        (req.filter.conversation_id, req.filter.include_superseded) = (conversation_id, include_superseded);
        (req.sort, req.limit) = (sort.parse::<Sort>().or_raise(py)?, limit);
        let store = self.store().or_raise(py)?;
        let memories = py.detach(|| store.list(&req)).or_raise(py)?;
        Ok(memories.into_iter().map(PyMemory).collect())
    }

    /// Ranked search, best first (10 results unless `limit` says otherwise). `recent=timedelta(days=7)` or
    /// `recent="7d"` keeps the last week; `explain=True` fills each result's `breakdown`.
    #[pyo3(signature = (query, *, limit=None, topics=None, kind=None, recent=None, conversation_id=None, explain=false))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        query: String,
        limit: Option<usize>,
        topics: Option<Vec<String>>,
        kind: Option<OneOrMany>,
        recent: Option<Recent>,
        conversation_id: Option<String>,
        explain: bool,
    ) -> PyResult<Vec<PySearchResult>> {
        input::query(&query).or_raise(py)?;
        let limit = limit.unwrap_or(input::DEFAULT_SEARCH_LIMIT);
        let mut filter = self.filter(topics, kind).or_raise(py)?;
        filter.after = since(recent).or_raise(py)?;
        let req = SearchRequest { query, filter, limit, now: None, conversation_id, mode: Default::default() };
        req.check().or_raise(py)?;
        let store = self.store().or_raise(py)?;
        let ranked = py.detach(|| store.search(&req)).or_raise(py)?;
        ranked.into_iter().map(|r| PySearchResult::new(py, r, explain)).collect()
    }

    /// A token-budgeted briefing. Without a query: "where things stand". `format` is one of structured, narrative,
    /// timeline, status-report, json. The token budget is the store's default (1500) unless `max_tokens` says otherwise.
    #[pyo3(signature = (query=None, *, format="structured", max_tokens=None, topics=None, kind=None, recent=None, show_sources=false))]
    #[allow(clippy::too_many_arguments)]
    fn digest(
        &self,
        py: Python<'_>,
        query: Option<String>,
        format: &str,
        max_tokens: Option<usize>,
        topics: Option<Vec<String>>,
        kind: Option<OneOrMany>,
        recent: Option<Recent>,
        show_sources: bool,
    ) -> PyResult<PyDigest> {
        let max_tokens = max_tokens.unwrap_or(input::DEFAULT_MAX_TOKENS);
        let format: DigestFormat = format.parse().or_raise(py)?;
        let mut filter = self.filter(topics, kind).or_raise(py)?;
        filter.after = since(recent).or_raise(py)?;
        let req = DigestRequest { query, filter, format, max_tokens, show_sources, now: None, injected: false };
        let store = self.store().or_raise(py)?;
        req.check().or_raise(py)?;
        py.detach(|| store.digest(&req)).map(PyDigest::from).or_raise(py)
    }

    /// A briefing before work on a task (`context`) and/or files: what is known about them.
    #[pyo3(signature = (context=None, *, files=Vec::new(), max_tokens=None, topics=None))]
    #[pyo3(text_signature = "($self, context=None, *, files=(), max_tokens=None, topics=None)")]
    fn build_context(
        &self,
        py: Python<'_>,
        context: Option<String>,
        files: Vec<String>,
        max_tokens: Option<usize>,
        topics: Option<Vec<String>>,
    ) -> PyResult<PyDigest> {
        let mut req = ContextRequest::default();
        (req.context, req.files, req.max_tokens) = (context, files, max_tokens);
        req.filter = self.filter(topics, None).or_raise(py)?;
        let store = self.store().or_raise(py)?;
        req.check().or_raise(py)?;
        py.detach(|| store.build_context(&req)).map(PyDigest::from).or_raise(py)
    }

    /// Conversations of this project (and global ones), most recent first.
    #[pyo3(signature = (*, limit=None))]
    fn conversations(&self, py: Python<'_>, limit: Option<usize>) -> PyResult<Vec<PyConversation>> {
        let filter = self.filter(None, None).or_raise(py)?;
        let store = self.store().or_raise(py)?;
        let conversations = py.detach(|| store.conversations(&filter, limit)).or_raise(py)?;
        Ok(conversations.into_iter().map(PyConversation).collect())
    }

    /// Topics in use, with how many memories carry each.
    fn topics(&self, py: Python<'_>) -> PyResult<Vec<PyTopic>> {
        let filter = self.filter(None, None).or_raise(py)?;
        let store = self.store().or_raise(py)?;
        let topics = py.detach(|| store.topics(&filter)).or_raise(py)?;
        Ok(topics.into_iter().map(PyTopic).collect())
    }

    /// Writes every memory (all projects, superseded ones too) to `path` as JSONL, oldest first, the format of
    /// `mx export`. Returns how many were written.
    fn export(&self, py: Python<'_>, path: PathBuf) -> PyResult<usize> {
        let store = self.store().or_raise(py)?;
        let io_error = |source| StoreError::Io { path: path.clone(), source };
        let written = py.detach(|| {
            let mut out = BufWriter::new(File::create(&path).map_err(io_error)?);
            let count = store.export(&mut |memory| {
                serde_json::to_writer(&mut out, memory)?;
                out.write_all(b"\n")
            })?;
            out.flush().map_err(io_error)?;
            Ok::<_, StoreError>(count)
        });
        written.or_raise(py)
    }

    /// Imports a JSONL file written by `export` (or `mx export`). Every line is checked before anything is written.
    /// Idempotent: memories already present (same id) are skipped.
    fn import_(&self, py: Python<'_>, path: PathBuf) -> PyResult<PyImportReport> {
        let store = self.store().or_raise(py)?;
        let io_error = |source| StoreError::Io { path: path.clone(), source };
        let report = py.detach(|| {
            let mut records = Vec::new();
            for (index, line) in BufReader::new(File::open(&path).map_err(io_error)?).lines().enumerate() {
                let line = line.map_err(io_error)?;
                if !line.trim().is_empty() {
                    records.push(parse_import_line(index + 1, &line, self.project.as_deref())?);
                }
            }
            store.import(records, &mut |_, _| {})
        });
        report.map(PyImportReport::from).or_raise(py)
    }

    /// Releases the store. Further calls raise `StoreUnavailable`. Closing twice is fine.
    fn close(&self) {
        self.store.write().unwrap_or_else(PoisonError::into_inner).take();
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (_exc_type=None, _exc_value=None, _traceback=None))]
    fn __exit__(
        &self,
        _exc_type: Option<Bound<'_, PyType>>,
        _exc_value: Option<Bound<'_, PyAny>>,
        _traceback: Option<Bound<'_, PyAny>>,
    ) -> bool {
        self.close();
        false
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let state = if self.store.read().unwrap_or_else(PoisonError::into_inner).is_some() { "" } else { ", closed" };
        let project = self.project.as_deref().map_or_else(|| "None".to_owned(), |p| repr_str(py, p, 200));
        format!("MemoryStore(home={}, project={project}{state})", repr_str(py, &self.home.to_string_lossy(), 200))
    }
}
