//! JavaScript option objects → store requests.
//!
//! Options arrive as plain objects (`serde_json::Value`) and are read with serde, in camelCase, the same names as
//! the CLI's JSON and the MCP tools. A key that no option knows is an `INVALID_INPUT` error naming it, so a typo such
//! as `{ limt: 5 }` fails instead of being ignored.

use std::collections::BTreeMap;

use jiff::Timestamp;
use mx_core::NewMemory;
use mx_core::digest::DigestFormat;
use mx_core::rank::RankingMode;
use mx_store::input;
use mx_store::{ContextRequest, DigestRequest, Filter, ImportRecord, ListRequest, Scope, SearchRequest, Sort};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::Failure;

/// Reads a plain object (or `undefined`/`null` = all defaults) as `T`, naming `what` in the error.
pub fn parse<T: DeserializeOwned + Default>(what: &str, value: Option<Value>) -> Result<T, Failure> {
    match value {
        None | Some(Value::Null) => Ok(T::default()),
        Some(v) => serde_json::from_value(v).map_err(|e| Failure::invalid_input(what, e)),
    }
}

/// Which memories a read covers, shared by every read. `project`, `allProjects` and `globalOnly` choose the scope;
/// without them the scope is the store's project plus global memories.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FilterOptions {
    project: Option<String>,
    #[serde(default)]
    all_projects: bool,
    #[serde(default)]
    global_only: bool,
    #[serde(default)]
    topics: Vec<String>,
    #[serde(default)]
    exclude_topics: Vec<String>,
    /// Kind names, read with core's parser so a wrong one gets the message every front end gives.
    #[serde(default)]
    kinds: Vec<String>,
    conversation_id: Option<String>,
    /// A window ending now, in the grammar every front end shares: `90s`, `30m`, `24h`, `7d`, `2w`, `3mo`, `1y`.
    recent: Option<String>,
    after: Option<Timestamp>,
    before: Option<Timestamp>,
    #[serde(default)]
    include_superseded: bool,
    /// Everything the outer options and this filter did not claim: must stay empty.
    #[serde(flatten)]
    unknown: BTreeMap<String, Value>,
}

impl FilterOptions {
    fn into_filter(self, default_project: Option<&str>) -> Result<Filter, Failure> {
        if let Some(key) = self.unknown.keys().next() {
            return Err(Failure::invalid_input("options", format!("unknown option `{key}`")));
        }
        let mut filter = Filter::default();
        filter.scope = match (self.all_projects, self.global_only, self.project.as_deref().or(default_project)) {
            (true, true, _) => {
                return Err(Failure::invalid_input("options", "`allProjects` and `globalOnly` exclude each other"));
            }
            (true, false, _) => Scope::AllProjects,
            (false, true, _) | (false, false, None) => Scope::GlobalOnly,
            (false, false, Some(project)) => Scope::Project(project.to_owned()),
        };
        filter.topics = mx_core::model::normalize_topics(&self.topics).map_err(mx_store::StoreError::from)?;
        filter.exclude_topics =
            mx_core::model::normalize_topics(&self.exclude_topics).map_err(mx_store::StoreError::from)?;
        if !self.kinds.is_empty() {
            filter.kinds = input::kinds(&self.kinds.join(",")).map_err(mx_store::StoreError::from)?;
        }
        filter.conversation_id = self.conversation_id;
        filter.after = self.after;
        if let Some(recent) = &self.recent {
            let since = input::since(recent, Timestamp::now()).map_err(mx_store::StoreError::from)?;
            // Both `recent` and `after`: the later bound wins, as on the command line.
            filter.after = Some(filter.after.map_or(since, |a| a.max(since)));
        }
        filter.before = self.before;
        filter.include_superseded = self.include_superseded;
        Ok(filter)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListOptions {
    #[serde(default)]
    sort: Sort,
    limit: Option<usize>,
    #[serde(flatten)]
    filter: FilterOptions,
}

impl ListOptions {
    pub fn into_request(self, project: Option<&str>) -> Result<ListRequest, Failure> {
        let mut req = ListRequest::default();
        req.sort = self.sort;
        req.limit = self.limit;
        req.filter = self.filter.into_filter(project)?;
        Ok(req)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchOptions {
    limit: Option<usize>,
    /// "Now" for recency (ISO 8601); default: the clock.
    now: Option<Timestamp>,
    /// The caller's own conversation, which ranks its memories higher (not a filter: see `conversationId`).
    current_conversation_id: Option<String>,
    #[serde(default)]
    mode: RankingMode,
    #[serde(flatten)]
    filter: FilterOptions,
}

impl SearchOptions {
    pub fn into_request(self, query: String, project: Option<&str>) -> Result<SearchRequest, Failure> {
        input::query(&query).map_err(mx_store::StoreError::from)?;
        let mut req = SearchRequest::new(query);
        req.filter = self.filter.into_filter(project)?;
        req.limit = self.limit.unwrap_or(input::DEFAULT_SEARCH_LIMIT);
        req.now = self.now;
        req.conversation_id = self.current_conversation_id;
        req.mode = self.mode;
        req.check().map_err(mx_store::StoreError::from)?;
        Ok(req)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DigestOptions {
    /// What the digest is about; absent = "where things stand".
    query: Option<String>,
    #[serde(default)]
    format: DigestFormat,
    max_tokens: Option<usize>,
    #[serde(default)]
    show_sources: bool,
    now: Option<Timestamp>,
    #[serde(flatten)]
    filter: FilterOptions,
}

impl DigestOptions {
    pub fn into_request(self, project: Option<&str>) -> Result<DigestRequest, Failure> {
        let mut req = DigestRequest::default();
        req.query = self.query.filter(|q| !q.trim().is_empty());
        req.filter = self.filter.into_filter(project)?;
        req.format = self.format;
        req.max_tokens = self.max_tokens.unwrap_or(input::DEFAULT_MAX_TOKENS);
        req.show_sources = self.show_sources;
        req.now = self.now;
        req.check().map_err(mx_store::StoreError::from)?;
        Ok(req)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextOptions {
    /// What the coming work is about, in words.
    context: Option<String>,
    /// Files the work will touch (repo-relative).
    #[serde(default)]
    files: Vec<String>,
    max_tokens: Option<usize>,
    #[serde(flatten)]
    filter: FilterOptions,
}

impl ContextOptions {
    pub fn into_request(self, project: Option<&str>) -> Result<ContextRequest, Failure> {
        let mut req = ContextRequest::default();
        req.context = self.context;
        req.files = self.files;
        req.max_tokens = self.max_tokens;
        req.filter = self.filter.into_filter(project)?;
        req.check().map_err(mx_store::StoreError::from)?;
        Ok(req)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationsOptions {
    limit: Option<usize>,
    #[serde(flatten)]
    filter: FilterOptions,
}

impl ConversationsOptions {
    pub fn into_parts(self, project: Option<&str>) -> Result<(Filter, Option<usize>), Failure> {
        Ok((self.filter.into_filter(project)?, self.limit))
    }
}

impl FilterOptions {
    pub fn into_request(self, project: Option<&str>) -> Result<Filter, Failure> {
        self.into_filter(project)
    }
}

/// What `create` stores: the caller's fields, marked as coming from this binding, in the store's project unless the
/// caller chose a project or `global`.
pub fn new_memory(input: Value, project: Option<&str>) -> Result<NewMemory, Failure> {
    let mut new: NewMemory = serde_json::from_value(input).map_err(|e| Failure::invalid_input("memory", e))?;
    new.source = Some(mx_core::Source::Library("node".to_owned()));
    if new.project.is_none() && !new.global {
        new.project = project.map(str::to_owned);
    }
    Ok(new)
}

/// One record of `import`: a memory as `export` returns it, or a foreign record (`content` plus optional
/// `conversationId`, `createdAt`, `topics`… and a foreign `id`, which is kept as `externalId`).
pub fn import_record(value: Value) -> Result<ImportRecord, Failure> {
    ImportRecord::from_json(value, None).map_err(|e| Failure::invalid_input("import record", e))
}
