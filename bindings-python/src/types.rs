//! The result objects: frozen Python classes with read-only attributes, `to_dict()` and a short `repr`.
//!
//! Attribute names are the snake_case forms of the JSON fields the CLI prints (`conversationId` → `conversation_id`);
//! times are timezone-aware `datetime`s in UTC; enums are their CLI strings (`"ruled-out"`).

use jiff::Timestamp;
use jiff::tz::Offset;
use mx_core::State;
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyDict, PyList, PyString, PyTzInfo};

/// A UTC `datetime` with microsecond precision (Python's finest).
pub(crate) fn datetime(py: Python<'_>, at: Timestamp) -> PyResult<Bound<'_, PyDateTime>> {
    let civil = Offset::UTC.to_datetime(at);
    let utc = PyTzInfo::utc(py)?;
    PyDateTime::new(
        py,
        i32::from(civil.year()),
        civil.month().unsigned_abs(),
        civil.day().unsigned_abs(),
        civil.hour().unsigned_abs(),
        civil.minute().unsigned_abs(),
        civil.second().unsigned_abs(),
        civil.subsec_nanosecond().unsigned_abs() / 1_000,
        Some(&utc),
    )
}

/// `{field: value}` for the named attributes; nested result objects and lists of them become dicts too.
fn to_dict<'py>(object: &Bound<'py, PyAny>, fields: &[&str]) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(object.py());
    for field in fields {
        dict.set_item(*field, plain(object.getattr(*field)?)?)?;
    }
    Ok(dict)
}

fn plain(value: Bound<'_, PyAny>) -> PyResult<Bound<'_, PyAny>> {
    if let Ok(list) = value.cast::<PyList>() {
        let items = list.iter().map(plain).collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(value.py(), items)?.into_any());
    }
    if value.hasattr("to_dict")? {
        return value.call_method0("to_dict");
    }
    Ok(value)
}

/// Python's repr of a string (single quotes, Python escapes), shortened for display.
pub(crate) fn repr_str(py: Python<'_>, text: &str, max_chars: usize) -> String {
    let short: String = if text.chars().count() > max_chars {
        text.chars().take(max_chars).chain(std::iter::once('…')).collect()
    } else {
        text.to_owned()
    };
    PyString::new(py, &short).repr().map(|r| r.to_string()).unwrap_or(short)
}

fn state_str(state: State) -> &'static str {
    match state {
        State::Current => "current",
        State::Superseded => "superseded",
    }
}

/// A stored memory.
#[pyclass(frozen, eq, module = "mx_memory._mx_memory", name = "Memory")]
#[derive(Debug, Clone, PartialEq)]
pub struct PyMemory(pub mx_core::Memory);

const MEMORY_FIELDS: &[&str] = &[
    "id",
    "content",
    "kind",
    "kind_inferred",
    "topics",
    "conversation_id",
    "project",
    "name",
    "importance",
    "role",
    "source",
    "memory_type",
    "files",
    "commit",
    "supersedes",
    "superseded_by",
    "state",
    "external_id",
    "private",
    "created_at",
    "updated_at",
    "stale",
];

#[pymethods]
impl PyMemory {
    #[getter]
    fn id(&self) -> &str {
        self.0.id.as_str()
    }
    #[getter]
    fn content(&self) -> &str {
        &self.0.content
    }
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }
    #[getter]
    fn kind_inferred(&self) -> bool {
        self.0.kind_inferred
    }
    #[getter]
    fn topics(&self) -> Vec<String> {
        self.0.topics.clone()
    }
    #[getter]
    fn conversation_id(&self) -> &str {
        self.0.conversation_id.as_str()
    }
    #[getter]
    fn project(&self) -> Option<&str> {
        self.0.project.as_deref()
    }
    #[getter]
    fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }
    #[getter]
    fn importance(&self) -> f64 {
        self.0.importance
    }
    #[getter]
    fn role(&self) -> &'static str {
        self.0.role.as_str()
    }
    #[getter]
    fn source(&self) -> String {
        self.0.source.to_string()
    }
    #[getter]
    fn memory_type(&self) -> Option<&'static str> {
        self.0.memory_type.map(|t| t.as_str())
    }
    #[getter]
    fn files(&self) -> Vec<String> {
        self.0.files.clone()
    }
    #[getter]
    fn commit(&self) -> Option<&str> {
        self.0.commit.as_deref()
    }
    #[getter]
    fn supersedes(&self) -> Option<&str> {
        self.0.supersedes.as_ref().map(|id| id.as_str())
    }
    #[getter]
    fn superseded_by(&self) -> Option<&str> {
        self.0.superseded_by.as_ref().map(|id| id.as_str())
    }
    #[getter]
    fn state(&self) -> &'static str {
        state_str(self.0.state)
    }
    #[getter]
    fn external_id(&self) -> Option<&str> {
        self.0.external_id.as_deref()
    }
    /// Kept on this machine, never synced to a team server.
    #[getter]
    fn private(&self) -> bool {
        self.0.private
    }
    #[getter]
    fn created_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        datetime(py, self.0.created_at)
    }
    #[getter]
    fn updated_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        datetime(py, self.0.updated_at)
    }
    /// Whether the code the memory anchors moved since it was written, read against the store's working directory;
    /// `None` when there is nothing to compare (no files, another project, an unknown commit).
    #[getter]
    fn stale(&self) -> Option<PyStaleness> {
        self.0.stale.clone().map(PyStaleness::from)
    }
    /// The memory as a plain dict (snake_case keys, `datetime` values).
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), MEMORY_FIELDS)
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Memory(id={}, kind={}, content={})",
            repr_str(py, self.0.id.as_str(), 26),
            repr_str(py, self.0.kind.as_str(), 20),
            repr_str(py, &self.0.content, 60)
        )
    }
}

/// A memory's anchors against the code now.
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "Staleness")]
#[derive(Debug, Clone)]
pub struct PyStaleness {
    /// True when an anchor changed (its region, for a range), was renamed or deleted.
    is_stale: bool,
    /// What moved, e.g. `src/x.rs changed since, 3 commits`; empty when nothing did.
    mark: String,
    anchors: Vec<PyAnchorStatus>,
}

impl From<mx_core::staleness::Staleness> for PyStaleness {
    fn from(s: mx_core::staleness::Staleness) -> Self {
        Self { is_stale: s.is_stale, mark: s.mark, anchors: s.anchors.into_iter().map(PyAnchorStatus::from).collect() }
    }
}

#[pymethods]
impl PyStaleness {
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["is_stale", "mark", "anchors"])
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Staleness(is_stale={}, mark={})",
            if self.is_stale { "True" } else { "False" },
            repr_str(py, &self.mark, 80)
        )
    }
}

/// What happened to one anchored file (`src/a.rs` or a region `src/a.rs:40-60`) since the memory was written:
/// `state` is `unchanged`, `changed` (with `commits` in git and, for a region, `region_changed`), `renamed` (to `to`)
/// or `deleted`.
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "AnchorStatus")]
#[derive(Debug, Clone)]
pub struct PyAnchorStatus {
    file: String,
    state: &'static str,
    commits: Option<u32>,
    region_changed: Option<bool>,
    to: Option<String>,
}

impl From<mx_core::staleness::AnchorStatus> for PyAnchorStatus {
    fn from(a: mx_core::staleness::AnchorStatus) -> Self {
        use mx_core::staleness::AnchorState;
        let mut out = Self { file: a.file, state: "unchanged", commits: None, region_changed: None, to: None };
        match a.state {
            AnchorState::Unchanged => {}
            AnchorState::Changed { commits, region_changed } => {
                out.state = "changed";
                out.commits = commits;
                out.region_changed = region_changed;
            }
            AnchorState::Renamed { to } => {
                out.state = "renamed";
                out.to = Some(to);
            }
            AnchorState::Deleted => out.state = "deleted",
        }
        out
    }
}

#[pymethods]
impl PyAnchorStatus {
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["file", "state", "commits", "region_changed", "to"])
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("AnchorStatus(file={}, state={})", repr_str(py, &self.file, 80), repr_str(py, self.state, 20))
    }
}

/// How a search result's score was made (present when `search(..., explain=True)`).
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "ScoreBreakdown")]
#[derive(Debug, Clone)]
pub struct PyScoreBreakdown {
    lexical: f32,
    topic: f32,
    conversation: f32,
    project: f32,
    kind: f32,
    importance: f32,
    recency: f32,
    total: f32,
}

impl From<mx_core::rank::ScoreBreakdown> for PyScoreBreakdown {
    fn from(b: mx_core::rank::ScoreBreakdown) -> Self {
        Self {
            lexical: b.lexical,
            topic: b.topic,
            conversation: b.conversation,
            project: b.project,
            kind: b.kind,
            importance: b.importance,
            recency: b.recency,
            total: b.total,
        }
    }
}

#[pymethods]
impl PyScoreBreakdown {
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(
            slf.as_any(),
            &["lexical", "topic", "conversation", "project", "kind", "importance", "recency", "total"],
        )
    }
    fn __repr__(&self) -> String {
        format!(
            "ScoreBreakdown(total={:.4}, lexical={:.4}, topic={:.4}, conversation={:.4}, project={:.4}, kind={:.4}, \
             importance={:.4}, recency={:.4})",
            self.total,
            self.lexical,
            self.topic,
            self.conversation,
            self.project,
            self.kind,
            self.importance,
            self.recency
        )
    }
}

/// One search hit, best first.
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "SearchResult")]
#[derive(Debug)]
pub struct PySearchResult {
    memory: Py<PyMemory>,
    score: f32,
    breakdown: Option<Py<PyScoreBreakdown>>,
}

impl PySearchResult {
    pub(crate) fn new(py: Python<'_>, ranked: mx_core::rank::Ranked, explain: bool) -> PyResult<Self> {
        let breakdown = if explain { Some(Py::new(py, PyScoreBreakdown::from(ranked.breakdown))?) } else { None };
        Ok(Self { memory: Py::new(py, PyMemory(ranked.memory))?, score: ranked.score, breakdown })
    }
}

#[pymethods]
impl PySearchResult {
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["memory", "score", "breakdown"])
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("SearchResult(score={:.4}, memory={})", self.score, self.memory.get().__repr__(py))
    }
}

/// A secret found in the content and replaced by a `[redacted:<kind>]` marker before storing.
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "Redaction")]
#[derive(Debug, Clone)]
pub struct PyRedaction {
    kind: &'static str,
    start: usize,
    end: usize,
}

impl From<&mx_core::redact::Finding> for PyRedaction {
    fn from(f: &mx_core::redact::Finding) -> Self {
        Self { kind: f.kind, start: f.start, end: f.end }
    }
}

#[pymethods]
impl PyRedaction {
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["kind", "start", "end"])
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Redaction(kind={}, start={}, end={})", repr_str(py, self.kind, 40), self.start, self.end)
    }
}

fn redactions(py: Python<'_>, findings: &[mx_core::redact::Finding]) -> PyResult<Vec<Py<PyRedaction>>> {
    findings.iter().map(|f| Py::new(py, PyRedaction::from(f))).collect()
}

/// The kind mx chose when none was given, and the rule that chose it.
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "Inference")]
#[derive(Debug, Clone)]
pub struct PyInference {
    kind: &'static str,
    rule: String,
}

#[pymethods]
impl PyInference {
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["kind", "rule"])
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Inference(kind={}, rule={})", repr_str(py, self.kind, 20), repr_str(py, &self.rule, 80))
    }
}

/// What `MemoryStore.create` reports: the stored memory plus what happened on the way in.
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "Created")]
#[derive(Debug)]
pub struct PyCreated {
    memory: Py<PyMemory>,
    conversation_started: bool,
    redactions: Vec<Py<PyRedaction>>,
    inferred: Option<Py<PyInference>>,
}

impl PyCreated {
    pub(crate) fn new(py: Python<'_>, created: mx_store::Created) -> PyResult<Self> {
        let inferred =
            created.inferred.map(|i| Py::new(py, PyInference { kind: i.kind.as_str(), rule: i.rule })).transpose()?;
        Ok(Self {
            redactions: redactions(py, &created.redactions)?,
            memory: Py::new(py, PyMemory(created.memory))?,
            conversation_started: created.conversation_started,
            inferred,
        })
    }
}

#[pymethods]
impl PyCreated {
    /// The new memory's id (same as `memory.id`).
    #[getter]
    fn id(&self) -> &str {
        self.memory.get().id()
    }
    /// The conversation it belongs to; pass it to the next `create` to continue that conversation.
    #[getter]
    fn conversation_id(&self) -> &str {
        self.memory.get().conversation_id()
    }
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["memory", "conversation_started", "redactions", "inferred"])
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Created(memory={}, conversation_started={}, redactions={})",
            self.memory.get().__repr__(py),
            if self.conversation_started { "True" } else { "False" },
            self.redactions.len()
        )
    }
}

/// What `MemoryStore.update` reports. A named memory gets a new version: `previous` is the superseded one's id.
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "Updated")]
#[derive(Debug)]
pub struct PyUpdated {
    memory: Py<PyMemory>,
    previous: Option<String>,
    redactions: Vec<Py<PyRedaction>>,
}

impl PyUpdated {
    pub(crate) fn new(py: Python<'_>, updated: mx_store::Updated) -> PyResult<Self> {
        Ok(Self {
            redactions: redactions(py, &updated.redactions)?,
            memory: Py::new(py, PyMemory(updated.memory))?,
            previous: updated.previous.map(String::from),
        })
    }
}

#[pymethods]
impl PyUpdated {
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["memory", "previous", "redactions"])
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        let previous = self.previous.as_deref().map_or_else(|| "None".to_owned(), |p| repr_str(py, p, 26));
        format!("Updated(memory={}, previous={previous})", self.memory.get().__repr__(py))
    }
}

/// A rendered digest (also what `build_context` returns). `str(digest)` is its text.
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "Digest")]
#[derive(Debug, Clone)]
pub struct PyDigest {
    format: &'static str,
    text: String,
    tokens: usize,
    included: Vec<String>,
    omitted: usize,
}

impl From<mx_core::digest::Digest> for PyDigest {
    fn from(d: mx_core::digest::Digest) -> Self {
        Self { format: d.format.as_str(), text: d.text, tokens: d.tokens, included: d.included, omitted: d.omitted }
    }
}

#[pymethods]
impl PyDigest {
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["format", "text", "tokens", "included", "omitted"])
    }
    fn __str__(&self) -> &str {
        &self.text
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Digest(format={}, tokens={}, included={}, omitted={})",
            repr_str(py, self.format, 20),
            self.tokens,
            self.included.len(),
            self.omitted
        )
    }
}

/// A conversation and what it holds.
#[pyclass(frozen, module = "mx_memory._mx_memory", name = "Conversation")]
#[derive(Debug, Clone)]
pub struct PyConversation(pub mx_store::ConversationSummary);

#[pymethods]
impl PyConversation {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    #[getter]
    fn project(&self) -> Option<&str> {
        self.0.project.as_deref()
    }
    #[getter]
    fn memories(&self) -> usize {
        self.0.memories
    }
    #[getter]
    fn first_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        datetime(py, self.0.first_at)
    }
    #[getter]
    fn last_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        datetime(py, self.0.last_at)
    }
    #[getter]
    fn topics(&self) -> Vec<String> {
        self.0.topics.clone()
    }
    /// The newest memory's content, shortened.
    #[getter]
    fn last_content(&self) -> &str {
        &self.0.last_content
    }
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["id", "project", "memories", "first_at", "last_at", "topics", "last_content"])
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Conversation(id={}, memories={})", repr_str(py, &self.0.id, 40), self.0.memories)
    }
}

/// A topic and how many memories carry it.
#[pyclass(frozen, module = "mx_memory._mx_memory", name = "Topic")]
#[derive(Debug, Clone)]
pub struct PyTopic(pub mx_store::TopicCount);

#[pymethods]
impl PyTopic {
    #[getter]
    fn topic(&self) -> &str {
        &self.0.topic
    }
    #[getter]
    fn memories(&self) -> usize {
        self.0.memories
    }
    #[getter]
    fn last_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        datetime(py, self.0.last_at)
    }
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["topic", "memories", "last_at"])
    }
    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Topic(topic={}, memories={})", repr_str(py, &self.0.topic, 64), self.0.memories)
    }
}

/// What `MemoryStore.import_` did.
#[pyclass(frozen, get_all, module = "mx_memory._mx_memory", name = "ImportReport")]
#[derive(Debug, Clone)]
pub struct PyImportReport {
    imported: usize,
    /// Already present (same id): importing twice changes nothing.
    skipped: usize,
    redacted: usize,
    /// Relationships restored (those already present, or whose memories are missing, are not counted).
    relationships: usize,
    /// Usage records restored (likewise).
    usage: usize,
}

impl From<mx_store::ImportReport> for PyImportReport {
    fn from(r: mx_store::ImportReport) -> Self {
        Self {
            imported: r.imported,
            skipped: r.skipped,
            redacted: r.redacted,
            relationships: r.relationships,
            usage: r.usage,
        }
    }
}

#[pymethods]
impl PyImportReport {
    fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        to_dict(slf.as_any(), &["imported", "skipped", "redacted", "relationships", "usage"])
    }
    fn __repr__(&self) -> String {
        format!(
            "ImportReport(imported={}, skipped={}, redacted={}, relationships={}, usage={})",
            self.imported, self.skipped, self.redacted, self.relationships, self.usage
        )
    }
}
