//! Contract 0.1.0 (`plugins/wit/v0.1.0/`, frozen): its bindings, and conversions to and from the latest types so
//! the rest of the host never sees them. Every 0.1.0 value has a latest counterpart with the same fields except:
//! `host-error.invalid` was a bare message (the field is folded into it), and `sync` took a `setup-request` (the
//! plugin made its own digest, so the host's rendered `context` is not passed).

use wasmtime::component::{HasSelf, Linker};

use super::latest::mx::adapter::types as latest;
use crate::runtime::CallState;

mod bindings {
    wasmtime::component::bindgen!({
        path: "../../plugins/wit/v0.1.0",
        world: "mx:adapter/adapter@0.1.0",
    });
}

pub(crate) use bindings::{Adapter, AdapterPre, mx};

use mx::adapter::types::{
    Block, Change, DigestFormat, DigestRequest, Edit, Event, EventResponse, FileContent, HostError, LogLevel, Manifest,
    MemoryDigest, MemoryDraft, MemoryHit, MemoryKind, Merge, MergeMode, Scope, SearchRequest, SetupRequest,
};

pub(crate) fn add_to_linker(linker: &mut Linker<CallState>) -> wasmtime::Result<()> {
    Adapter::add_to_linker::<CallState, HasSelf<CallState>>(linker, |state| state)
}

impl mx::adapter::types::Host for CallState {}

impl mx::adapter::host::Host for CallState {
    fn search(&mut self, request: SearchRequest) -> Result<Vec<MemoryHit>, HostError> {
        let request = latest::SearchRequest {
            query: request.query,
            limit: request.limit,
            topics: request.topics,
            kinds: request.kinds.into_iter().map(kind).collect(),
            conversation_id: request.conversation_id,
        };
        self.search_memories(request).map(|hits| hits.into_iter().map(hit).collect()).map_err(host_error)
    }

    fn digest(&mut self, request: DigestRequest) -> Result<MemoryDigest, HostError> {
        let request = latest::DigestRequest {
            query: request.query,
            max_tokens: request.max_tokens,
            format: match request.format {
                DigestFormat::Structured => latest::DigestFormat::Structured,
                DigestFormat::Narrative => latest::DigestFormat::Narrative,
                DigestFormat::Timeline => latest::DigestFormat::Timeline,
                DigestFormat::StatusReport => latest::DigestFormat::StatusReport,
            },
            conversation_id: request.conversation_id,
        };
        self.make_digest(request).map(Into::into).map_err(host_error)
    }

    fn read_file(&mut self, path: String) -> Result<FileContent, HostError> {
        self.read_declared_file(path)
            .map(|file| FileContent { bytes: file.bytes, truncated: file.truncated, size: file.size })
            .map_err(host_error)
    }

    fn log(&mut self, level: LogLevel, message: String) {
        let level = match level {
            LogLevel::Trace => latest::LogLevel::Trace,
            LogLevel::Debug => latest::LogLevel::Debug,
            LogLevel::Info => latest::LogLevel::Info,
            LogLevel::Warn => latest::LogLevel::Warn,
            LogLevel::Error => latest::LogLevel::Error,
        };
        self.write_log(level, message);
    }
}

fn host_error(err: latest::HostError) -> HostError {
    match err {
        latest::HostError::Denied(message) => HostError::Denied(message),
        latest::HostError::NotFound(message) => HostError::NotFound(message),
        latest::HostError::Invalid(input) => HostError::Invalid(format!("{}: {}", input.field, input.message)),
        latest::HostError::Unavailable(message) => HostError::Unavailable(message),
    }
}

fn kind(kind: MemoryKind) -> latest::MemoryKind {
    match kind {
        MemoryKind::Decision => latest::MemoryKind::Decision,
        MemoryKind::RuledOut => latest::MemoryKind::RuledOut,
        MemoryKind::Constraint => latest::MemoryKind::Constraint,
        MemoryKind::Convention => latest::MemoryKind::Convention,
        MemoryKind::Debugging => latest::MemoryKind::Debugging,
        MemoryKind::Gotcha => latest::MemoryKind::Gotcha,
        MemoryKind::Progress => latest::MemoryKind::Progress,
        MemoryKind::Note => latest::MemoryKind::Note,
    }
}

fn latest_kind(kind: latest::MemoryKind) -> MemoryKind {
    match kind {
        latest::MemoryKind::Decision => MemoryKind::Decision,
        latest::MemoryKind::RuledOut => MemoryKind::RuledOut,
        latest::MemoryKind::Constraint => MemoryKind::Constraint,
        latest::MemoryKind::Convention => MemoryKind::Convention,
        latest::MemoryKind::Debugging => MemoryKind::Debugging,
        latest::MemoryKind::Gotcha => MemoryKind::Gotcha,
        latest::MemoryKind::Progress => MemoryKind::Progress,
        latest::MemoryKind::Note => MemoryKind::Note,
    }
}

fn hit(hit: latest::MemoryHit) -> MemoryHit {
    MemoryHit {
        id: hit.id,
        content: hit.content,
        kind: latest_kind(hit.kind),
        topics: hit.topics,
        conversation_id: hit.conversation_id,
        files: hit.files,
        importance: hit.importance,
        created_at: hit.created_at,
        score: hit.score,
    }
}

impl From<latest::MemoryDigest> for MemoryDigest {
    fn from(digest: latest::MemoryDigest) -> Self {
        MemoryDigest { text: digest.text, memories: digest.memories.into_iter().map(hit).collect() }
    }
}

impl From<Manifest> for latest::Manifest {
    fn from(m: Manifest) -> Self {
        latest::Manifest {
            name: m.name,
            assistant: m.assistant,
            version: m.version,
            description: m.description,
            events: m.events,
            reads: m.reads,
            writes: m.writes,
        }
    }
}

impl From<latest::SetupRequest> for SetupRequest {
    fn from(request: latest::SetupRequest) -> Self {
        SetupRequest {
            project_root: request.project_root,
            scope: match request.scope {
                latest::Scope::Project => Scope::Project,
                latest::Scope::User => Scope::User,
            },
            mx_command: request.mx_command,
        }
    }
}

impl From<latest::SyncRequest> for SetupRequest {
    fn from(request: latest::SyncRequest) -> Self {
        SetupRequest { project_root: request.project_root, scope: Scope::Project, mx_command: request.mx_command }
    }
}

impl From<latest::Event> for Event {
    fn from(event: latest::Event) -> Self {
        Event { name: event.name, payload: event.payload, cwd: event.cwd }
    }
}

impl From<EventResponse> for latest::EventResponse {
    fn from(response: EventResponse) -> Self {
        latest::EventResponse {
            drafts: response.drafts.into_iter().map(draft).collect(),
            output: response.output,
            exit_code: response.exit_code,
        }
    }
}

fn draft(draft: MemoryDraft) -> latest::MemoryDraft {
    latest::MemoryDraft {
        content: draft.content,
        kind: draft.kind.map(kind),
        topics: draft.topics,
        conversation_id: draft.conversation_id,
        files: draft.files,
        importance: draft.importance,
    }
}

/// A 0.1.0 plugin's edits as the latest type.
pub(crate) fn edits(edits: Vec<Edit>) -> Vec<latest::Edit> {
    edits.into_iter().map(edit).collect()
}

fn edit(edit: Edit) -> latest::Edit {
    let merge = |m: Merge| latest::Merge {
        key_path: m.key_path,
        value: m.value,
        mode: match m.mode {
            MergeMode::Set => latest::MergeMode::Set,
            MergeMode::DeepMerge => latest::MergeMode::DeepMerge,
            MergeMode::AppendUnique => latest::MergeMode::AppendUnique,
        },
    };
    let change = match edit.change {
        Change::JsonMerge(m) => latest::Change::JsonMerge(merge(m)),
        Change::TomlMerge(m) => latest::Change::TomlMerge(merge(m)),
        Change::UpsertBlock(Block { marker_id, content }) => {
            latest::Change::UpsertBlock(latest::Block { marker_id, content })
        }
        Change::CreateFile(content) => latest::Change::CreateFile(content),
    };
    latest::Edit { path: edit.path, change }
}
