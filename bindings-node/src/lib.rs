//! The npm package `mx-memory`: the mx store from Node.js.
//!
//! Thin by design: each method converts its arguments, calls [`mx_store::Store`] once and maps the error
//! ([`error`]). Every operation is written once as a [`task::Job`] and exposed twice: as a Promise (run on the libuv
//! thread pool, off the JavaScript thread) and as a `*Sync` twin. Arguments arrive as plain objects; results leave
//! as JSON text in the store's own serde shape (camelCase, ISO 8601 dates), the same JSON the CLI prints, which
//! `index.js` parses — so JavaScript always sees plain objects. The TypeScript shapes of those objects live in
//! `types.d.ts`, which napi prepends to the generated `index.d.ts`; the signatures below declare what `index.js`
//! returns.

// napi-derive expands `#[napi]` into FFI glue that needs `unsafe`; this crate writes none itself.
#![allow(unsafe_code)]
// Store requests are built from `Default`/`new` plus field assignment on purpose, so that fields added to them later
// (with defaults) do not break this crate.
#![allow(clippy::field_reassign_with_default)]

mod error;
mod options;
mod task;

use std::path::PathBuf;
use std::sync::Arc;

use mx_core::Memory;
use mx_core::model::MemoryPatch;
use mx_store::Store;
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;
use serde_json::Value;

use crate::error::Failure;
use crate::options::{
    ContextOptions, ConversationsOptions, DigestOptions, FilterOptions, ListOptions, SearchOptions, parse,
};
use crate::task::{Job, StoreTask, to_json};

/// What a method throws: a JS error whose `code` is the store's error code. (Signatures spell out `Result<_, Thrown>`:
/// napi-derive recognises a fallible method by the name `Result`.)
type Thrown = napi::Error<&'static str>;

/// Where the store lives and which project it works in.
#[napi(object)]
#[derive(Debug, Default)]
pub struct StoreOptions {
    /// The data directory (default: `$MX_HOME`, else the platform data dir, `~/.local/share/mx` on Linux).
    pub home: Option<String>,
    /// The project identity that reads default to and new memories belong to (default: `$MX_PROJECT`, else detected
    /// from the current directory like the CLI does: the git remote, else the repository root, else the directory).
    pub project: Option<String>,
    /// The directory whose code memories' file anchors are compared with (their `stale` field) and whose `HEAD` new
    /// memories with files are stamped with (default: the current directory).
    pub worktree: Option<String>,
}

/// The mx store: the same memories as the `mx` CLI and the MCP server, safe to use from several processes at once.
#[napi]
#[derive(Debug)]
pub struct MemoryStore {
    store: Arc<Store>,
    project: Option<String>,
}

#[napi]
impl MemoryStore {
    /// Opens (creating if needed) the store. Throws `MxError` with code `STORE_UNAVAILABLE` when it cannot.
    #[napi(constructor)]
    pub fn new(options: Option<StoreOptions>) -> Result<Self, Thrown> {
        let options = options.unwrap_or_default();
        let home = options.home.map_or_else(Store::default_home, PathBuf::from);
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let project = mx_store::resolve_project(options.project.as_deref(), &cwd);
        let store = Store::open(home).map_err(|e| Failure::from(e).into_napi())?;
        // As the CLI does: anchors are read against the directory the program works in, unless told another.
        if let Some(dir) = options.worktree.map(PathBuf::from).or_else(|| std::env::current_dir().ok()) {
            store.set_worktree(&dir);
        }
        Ok(MemoryStore { store: Arc::new(store), project })
    }

    /// The data directory in use.
    #[napi(getter)]
    pub fn home(&self) -> String {
        self.store.home().to_string_lossy().into_owned()
    }

    /// The project reads default to and new memories belong to (`null`: global only).
    #[napi(getter)]
    pub fn project(&self) -> Option<String> {
        self.project.clone()
    }

    /// Stores a memory (kind inferred when absent, secrets redacted) and reports what was done.
    #[napi(ts_args_type = "input: NewMemory", ts_return_type = "Promise<Created>")]
    pub fn create(&self, input: Value) -> AsyncTask<StoreTask> {
        self.spawn(self.create_job(input))
    }

    #[napi(ts_args_type = "input: NewMemory", ts_return_type = "Created")]
    pub fn create_sync(&self, input: Value) -> Result<String, Thrown> {
        self.run(self.create_job(input))
    }

    /// A memory by full id, unique id prefix (6+ characters) or name.
    #[napi(ts_return_type = "Promise<Memory>")]
    pub fn get(&self, id_or_name: String) -> AsyncTask<StoreTask> {
        self.spawn(get_job(id_or_name))
    }

    #[napi(ts_return_type = "Memory")]
    pub fn get_sync(&self, id_or_name: String) -> Result<String, Thrown> {
        self.run(get_job(id_or_name))
    }

    /// Changes a memory; a named memory gets a new version and the old one is superseded.
    #[napi(ts_args_type = "idOrName: string, patch: MemoryPatch", ts_return_type = "Promise<Updated>")]
    pub fn update(&self, id_or_name: String, patch: Value) -> AsyncTask<StoreTask> {
        self.spawn(update_job(id_or_name, patch))
    }

    #[napi(ts_args_type = "idOrName: string, patch: MemoryPatch", ts_return_type = "Updated")]
    pub fn update_sync(&self, id_or_name: String, patch: Value) -> Result<String, Thrown> {
        self.run(update_job(id_or_name, patch))
    }

    /// Deletes a memory and returns it as it was.
    #[napi(ts_return_type = "Promise<Memory>")]
    pub fn delete(&self, id_or_name: String) -> AsyncTask<StoreTask> {
        self.spawn(delete_job(id_or_name))
    }

    #[napi(ts_return_type = "Memory")]
    pub fn delete_sync(&self, id_or_name: String) -> Result<String, Thrown> {
        self.run(delete_job(id_or_name))
    }

    /// Memories matching a filter, newest first by default.
    #[napi(ts_args_type = "options?: ListOptions", ts_return_type = "Promise<Memory[]>")]
    pub fn list(&self, options: Option<Value>) -> AsyncTask<StoreTask> {
        self.spawn(self.list_job(options))
    }

    #[napi(ts_args_type = "options?: ListOptions", ts_return_type = "Memory[]")]
    pub fn list_sync(&self, options: Option<Value>) -> Result<String, Thrown> {
        self.run(self.list_job(options))
    }

    /// Ranked search, best first; each result explains its score.
    #[napi(ts_args_type = "query: string, options?: SearchOptions", ts_return_type = "Promise<Ranked[]>")]
    pub fn search(&self, query: String, options: Option<Value>) -> AsyncTask<StoreTask> {
        self.spawn(self.search_job(query, options))
    }

    #[napi(ts_args_type = "query: string, options?: SearchOptions", ts_return_type = "Ranked[]")]
    pub fn search_sync(&self, query: String, options: Option<Value>) -> Result<String, Thrown> {
        self.run(self.search_job(query, options))
    }

    /// A token-budgeted digest: of a query, or of "where things stand" when no query is given.
    #[napi(ts_args_type = "options?: DigestOptions", ts_return_type = "Promise<Digest>")]
    pub fn digest(&self, options: Option<Value>) -> AsyncTask<StoreTask> {
        self.spawn(self.digest_job(options))
    }

    #[napi(ts_args_type = "options?: DigestOptions", ts_return_type = "Digest")]
    pub fn digest_sync(&self, options: Option<Value>) -> Result<String, Thrown> {
        self.run(self.digest_job(options))
    }

    /// A briefing before work on a task or some files.
    #[napi(ts_args_type = "options?: ContextOptions", ts_return_type = "Promise<Digest>")]
    pub fn build_context(&self, options: Option<Value>) -> AsyncTask<StoreTask> {
        self.spawn(self.build_context_job(options))
    }

    #[napi(ts_args_type = "options?: ContextOptions", ts_return_type = "Digest")]
    pub fn build_context_sync(&self, options: Option<Value>) -> Result<String, Thrown> {
        self.run(self.build_context_job(options))
    }

    /// Conversations with their memory counts, newest activity first.
    #[napi(ts_args_type = "options?: ConversationsOptions", ts_return_type = "Promise<ConversationSummary[]>")]
    pub fn conversations(&self, options: Option<Value>) -> AsyncTask<StoreTask> {
        self.spawn(self.conversations_job(options))
    }

    #[napi(ts_args_type = "options?: ConversationsOptions", ts_return_type = "ConversationSummary[]")]
    pub fn conversations_sync(&self, options: Option<Value>) -> Result<String, Thrown> {
        self.run(self.conversations_job(options))
    }

    /// Topics in use with their memory counts.
    #[napi(ts_args_type = "options?: FilterOptions", ts_return_type = "Promise<TopicCount[]>")]
    pub fn topics(&self, options: Option<Value>) -> AsyncTask<StoreTask> {
        self.spawn(self.topics_job(options))
    }

    #[napi(ts_args_type = "options?: FilterOptions", ts_return_type = "TopicCount[]")]
    pub fn topics_sync(&self, options: Option<Value>) -> Result<String, Thrown> {
        self.run(self.topics_job(options))
    }

    /// Every memory (all projects, superseded included), oldest first: a lossless copy for `import`.
    #[napi(ts_return_type = "Promise<Memory[]>")]
    pub fn export(&self) -> AsyncTask<StoreTask> {
        self.spawn(Box::new(export))
    }

    #[napi(ts_return_type = "Memory[]")]
    pub fn export_sync(&self) -> Result<String, Thrown> {
        self.run(Box::new(export))
    }

    /// Imports memories from `export` (or foreign records with at least `content`); idempotent by id.
    #[napi(ts_args_type = "records: Array<Memory | ForeignRecord>", ts_return_type = "Promise<ImportReport>")]
    pub fn import(&self, records: Vec<Value>) -> AsyncTask<StoreTask> {
        self.spawn(import_job(records))
    }

    #[napi(ts_args_type = "records: Array<Memory | ForeignRecord>", ts_return_type = "ImportReport")]
    pub fn import_sync(&self, records: Vec<Value>) -> Result<String, Thrown> {
        self.run(import_job(records))
    }
}

/// The operations: convert, call the store once, return JSON. Conversion happens inside the job so that a bad
/// argument rejects the Promise instead of throwing from an async method.
impl MemoryStore {
    fn spawn(&self, job: Job) -> AsyncTask<StoreTask> {
        AsyncTask::new(StoreTask::new(Arc::clone(&self.store), job))
    }

    fn run(&self, job: Job) -> Result<String, Thrown> {
        job(&self.store).map_err(Failure::into_napi)
    }

    fn create_job(&self, input: Value) -> Job {
        let project = self.project.clone();
        Box::new(move |store| to_json(store.create(options::new_memory(input, project.as_deref())?)?))
    }

    fn list_job(&self, options: Option<Value>) -> Job {
        let project = self.project.clone();
        Box::new(move |store| {
            let req = parse::<ListOptions>("list options", options)?.into_request(project.as_deref())?;
            to_json(store.list(&req)?)
        })
    }

    fn search_job(&self, query: String, options: Option<Value>) -> Job {
        let project = self.project.clone();
        Box::new(move |store| {
            let req = parse::<SearchOptions>("search options", options)?.into_request(query, project.as_deref())?;
            to_json(store.search(&req)?)
        })
    }

    fn digest_job(&self, options: Option<Value>) -> Job {
        let project = self.project.clone();
        Box::new(move |store| {
            let req = parse::<DigestOptions>("digest options", options)?.into_request(project.as_deref())?;
            to_json(store.digest(&req)?)
        })
    }

    fn build_context_job(&self, options: Option<Value>) -> Job {
        let project = self.project.clone();
        Box::new(move |store| {
            let req = parse::<ContextOptions>("context options", options)?.into_request(project.as_deref())?;
            to_json(store.build_context(&req)?)
        })
    }

    fn conversations_job(&self, options: Option<Value>) -> Job {
        let project = self.project.clone();
        Box::new(move |store| {
            let opts = parse::<ConversationsOptions>("conversation options", options)?;
            let (filter, limit) = opts.into_parts(project.as_deref())?;
            to_json(store.conversations(&filter, limit)?)
        })
    }

    fn topics_job(&self, options: Option<Value>) -> Job {
        let project = self.project.clone();
        Box::new(move |store| {
            let filter = parse::<FilterOptions>("topic options", options)?.into_request(project.as_deref())?;
            to_json(store.topics(&filter)?)
        })
    }
}

fn get_job(id_or_name: String) -> Job {
    Box::new(move |store| to_json(store.get(&id_or_name)?))
}

fn update_job(id_or_name: String, patch: Value) -> Job {
    Box::new(move |store| {
        let patch: MemoryPatch = serde_json::from_value(patch).map_err(|e| Failure::invalid_input("patch", e))?;
        to_json(store.update(&id_or_name, patch)?)
    })
}

fn delete_job(id_or_name: String) -> Job {
    Box::new(move |store| to_json(store.delete(&id_or_name)?.memory))
}

fn export(store: &Store) -> Result<String, Failure> {
    let mut memories: Vec<Memory> = Vec::new();
    store.export(&mut |memory| {
        memories.push(memory.clone());
        Ok(())
    })?;
    to_json(memories)
}

fn import_job(records: Vec<Value>) -> Job {
    Box::new(move |store| {
        let records = records.into_iter().map(options::import_record).collect::<Result<Vec<_>, _>>()?;
        to_json(store.import(records, &mut |_, _| {})?)
    })
}
