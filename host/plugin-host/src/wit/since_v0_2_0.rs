//! Contract 0.2.0 (`plugins/wit/v0.2.0/`), the latest: its types are the host's own (re-exported as
//! `mx_plugin_host::types`), and the conversions between them and mx-core live here.

use wasmtime::component::{HasSelf, Linker};

use crate::runtime::CallState;
use crate::services::{Found, ServiceError};

mod bindings {
    wasmtime::component::bindgen!({
        path: "../../plugins/wit/v0.2.0",
        world: "mx:adapter/adapter@0.2.0",
    });
}

pub(crate) use bindings::{Adapter, AdapterPre, mx};

use mx::adapter::types::{
    CallLimits, DigestFormat, DigestRequest, FileContent, HostError, InvalidInput, LogLevel, MemoryDigest, MemoryHit,
    MemoryKind, SearchRequest,
};

pub(crate) fn add_to_linker(linker: &mut Linker<CallState>) -> wasmtime::Result<()> {
    Adapter::add_to_linker::<CallState, HasSelf<CallState>>(linker, |state| state)
}

impl mx::adapter::types::Host for CallState {}

impl mx::adapter::host::Host for CallState {
    fn search(&mut self, request: SearchRequest) -> Result<Vec<MemoryHit>, HostError> {
        self.search_memories(request)
    }

    fn digest(&mut self, request: DigestRequest) -> Result<MemoryDigest, HostError> {
        self.make_digest(request)
    }

    fn read_file(&mut self, path: String) -> Result<FileContent, HostError> {
        self.read_declared_file(path)
    }

    fn log(&mut self, level: LogLevel, message: String) {
        self.write_log(level, message);
    }

    fn limits(&mut self) -> CallLimits {
        self.contract_limits()
    }
}

impl From<MemoryKind> for mx_core::Kind {
    fn from(kind: MemoryKind) -> Self {
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
}

impl From<mx_core::Kind> for MemoryKind {
    fn from(kind: mx_core::Kind) -> Self {
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
}

impl From<DigestFormat> for mx_core::digest::DigestFormat {
    fn from(format: DigestFormat) -> Self {
        match format {
            DigestFormat::Structured => mx_core::digest::DigestFormat::Structured,
            DigestFormat::Narrative => mx_core::digest::DigestFormat::Narrative,
            DigestFormat::Timeline => mx_core::digest::DigestFormat::Timeline,
            DigestFormat::StatusReport => mx_core::digest::DigestFormat::StatusReport,
        }
    }
}

impl MemoryHit {
    pub(crate) fn from_memory(memory: &mx_core::Memory, score: f32) -> Self {
        MemoryHit {
            id: memory.id.to_string(),
            content: memory.content.clone(),
            kind: memory.kind.into(),
            topics: memory.topics.clone(),
            conversation_id: Some(memory.conversation_id.to_string()),
            files: memory.files.clone(),
            importance: memory.importance as f32,
            created_at: memory.created_at.to_string(),
            score,
        }
    }
}

impl From<&Found> for MemoryHit {
    fn from(found: &Found) -> Self {
        MemoryHit::from_memory(&found.memory, found.score)
    }
}

impl From<ServiceError> for HostError {
    fn from(err: ServiceError) -> Self {
        match err {
            ServiceError::Invalid { field, message } => HostError::Invalid(InvalidInput { field, message }),
            ServiceError::NotFound(message) => HostError::NotFound(message),
            ServiceError::Unavailable(message) => HostError::Unavailable(message),
        }
    }
}

impl mx::adapter::types::MemoryDraft {
    /// The memory to create for this draft of `assistant`'s plugin: source `hook:<assistant>`, role assistant.
    /// The caller sets the project (the host fills it in, per the contract).
    pub fn into_new_memory(self, assistant: &str) -> mx_core::NewMemory {
        let mut new = mx_core::NewMemory::default();
        new.content = self.content;
        new.kind = self.kind.map(Into::into);
        new.topics = self.topics;
        new.conversation_id = self.conversation_id;
        new.files = self.files;
        new.importance = self.importance.map(f64::from);
        new.source = Some(mx_core::Source::Hook(assistant.to_owned()));
        new.role = Some(mx_core::Role::Assistant);
        new
    }
}
