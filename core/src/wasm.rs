//! WebAssembly exports (feature `wasm`, wasm32 only): `rank` and `digest` over plain JS objects, for browsers and
//! edge runtimes (the npm package's `mx-memory/wasm`). No store: memories come in as mx JSON objects (camelCase, as
//! `mx export` and the MCP tools write them), lexical scores come from core's in-memory BM25.
//!
//! Each export converts its inputs, calls core once and maps errors through [`into_error`] to a JS `Error` whose
//! message says what is wrong. "Now" comes from `options.now` (RFC 3339 string or epoch milliseconds) or else from
//! JS `Date.now()`: core itself never reads a clock.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::bm25;
use crate::digest::{self, DigestFormat, DigestOptions};
use crate::model::Memory;
use crate::rank::{QueryContext, Ranked, RankingMode};
use crate::search::Query;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A memory as mx writes it in JSON (`mx export`, MCP tools). */
export interface Memory {
  id: string;
  content: string;
  kind: "decision" | "ruled-out" | "constraint" | "convention" | "debugging" | "gotcha" | "progress" | "note";
  kindInferred?: boolean;
  topics?: string[];
  conversationId: string;
  project?: string;
  name?: string;
  importance?: number;
  role?: "user" | "assistant" | "system";
  source?: string;
  memoryType?: "episodic" | "semantic" | "procedural";
  files?: string[];
  commit?: string;
  supersedes?: string;
  supersededBy?: string;
  state?: "current" | "superseded";
  externalId?: string;
  /** Kept on this machine, never synced to a team server. */
  private?: boolean;
  /** RFC 3339 UTC. */
  createdAt: string;
  /** RFC 3339 UTC. */
  updatedAt: string;
  /** Whether the anchored code moved since the memory was written (set by a store that can read the code). */
  stale?: Staleness;
}

/** One anchored file compared with the code now. */
export interface AnchorStatus {
  /** The anchor as the memory names it (`src/pool.rs` or `src/pool.rs:40-60`). */
  file: string;
  state: "unchanged" | "changed" | "renamed" | "deleted";
  /** changed: commits that touched the file since (absent outside git). */
  commits?: number;
  /** changed, line-range anchor: whether the region itself changed. */
  regionChanged?: boolean;
  /** renamed: the new path. */
  to?: string;
}

export interface Staleness {
  isStale: boolean;
  /** "src/x.rs changed since, 3 commits"; empty when nothing moved. */
  mark: string;
  anchors: AnchorStatus[];
}

/** What the ranking knows about the question. */
export interface RankOptions {
  /** "Now" for recency: RFC 3339 string or epoch milliseconds. Default: Date.now(). */
  now?: string | number;
  /** The caller's project: its memories win ties over global ones. */
  project?: string;
  /** The caller's conversation. */
  conversationId?: string;
  /** Topics asked about. */
  topics?: string[];
  /** Keep superseded memories (ranked below what superseded them). */
  includeSuperseded?: boolean;
  /** Cut the result after this many. */
  limit?: number;
  /** "full" (every signal, default) or "bm25" (lexical only). */
  mode?: "full" | "bm25";
}

/** Per-signal contributions; they add up to `total`. */
export interface ScoreBreakdown {
  lexical: number;
  topic: number;
  conversation: number;
  project: number;
  kind: number;
  importance: number;
  recency: number;
  superseded: number;
  /** Negative when a near-twin holds a word of the question this memory lacks; absent when 0. */
  twin?: number;
  /** Negative when a stale progress note or gotcha sinks; absent when 0. */
  stale?: number;
  /** How past assistant sessions' use moved the score (stores that record usage); absent when 0. */
  usage?: number;
  /** Negative when the question is diversified across conversations and others of this one's rank above it. */
  diversity?: number;
  total: number;
}

export interface RankedMemory {
  memory: Memory;
  score: number;
  breakdown: ScoreBreakdown;
}

export interface DigestOptions extends RankOptions {
  /** The query; absent or empty = "where things stand". */
  query?: string;
  format?: "structured" | "narrative" | "timeline" | "status-report" | "json";
  /** Token budget, never exceeded. Default 1500. */
  maxTokens?: number;
  /** Append the full ids of the memories used. */
  showSources?: boolean;
}

export interface Digest {
  format: "structured" | "narrative" | "timeline" | "status-report" | "json";
  /** The rendered digest (for "json", the JSON document). */
  text: string;
  /** Estimated tokens of `text`; never above `maxTokens`. */
  tokens: number;
  /** Ids of the memories included, in render order. */
  included: string[];
  /** How many ranked memories did not fit. */
  omitted: number;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "Memory[]")]
    pub type MemoryList;
    #[wasm_bindgen(typescript_type = "RankOptions")]
    pub type RankOptionsArg;
    #[wasm_bindgen(typescript_type = "DigestOptions")]
    pub type DigestOptionsArg;
    #[wasm_bindgen(typescript_type = "RankedMemory[]")]
    pub type RankedList;
    #[wasm_bindgen(typescript_type = "Digest")]
    pub type DigestResult;

    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
}

/// Options of both exports (unknown fields are ignored so callers can pass one object to both).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Options {
    now: Option<Now>,
    project: Option<String>,
    conversation_id: Option<String>,
    topics: Vec<String>,
    include_superseded: bool,
    limit: Option<usize>,
    mode: Option<RankingMode>,
    query: Option<String>,
    format: Option<String>,
    max_tokens: Option<usize>,
    show_sources: bool,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Now {
    Millis(f64),
    Text(String),
}

/// Maps any error to a JS `Error` carrying its message.
fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn from_js<T: for<'de> Deserialize<'de> + Default>(value: JsValue, what: &str) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| into_error(format!("{what}: {e}")))
}

fn memories_from_js(value: JsValue) -> Result<Vec<Memory>, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        into_error(format!("memories: {e}; pass an array of mx memory objects (as `mx export` writes them)"))
    })
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(into_error)
}

impl Options {
    fn now(&self) -> Result<Timestamp, JsError> {
        match &self.now {
            Some(Now::Text(s)) => {
                s.parse().map_err(|e| into_error(format!("now: {e}; pass an RFC 3339 time like 2026-11-25T10:00:00Z")))
            }
            Some(Now::Millis(ms)) => millis(*ms),
            None => millis(date_now()),
        }
    }

    fn context(&self, query: Option<String>) -> Result<QueryContext, JsError> {
        let mut ctx = QueryContext::new(self.now()?);
        ctx.query = query;
        ctx.project = self.project.clone();
        ctx.conversation_id = self.conversation_id.clone();
        ctx.topics = crate::model::normalize_topics(&self.topics).map_err(into_error)?;
        ctx.include_superseded = self.include_superseded;
        ctx.limit = self.limit;
        ctx.mode = self.mode.unwrap_or_default();
        Ok(ctx)
    }
}

fn millis(ms: f64) -> Result<Timestamp, JsError> {
    Timestamp::from_millisecond(ms as i64).map_err(|e| into_error(format!("now: {e}")))
}

/// The same pipeline as `mx memories search` ([`crate::search`]), over in-memory BM25.
fn ranked(memories: Vec<Memory>, ctx: QueryContext) -> Vec<Ranked> {
    let text = ctx.query.clone().unwrap_or_default();
    let query = Query::parse(&text, ctx.now, ctx.mode, |term| bm25::occurs(&memories, term));
    query.rank(bm25::candidates_for(memories, &query), ctx)
}

/// Ranks memories for a query (every memory, by the other signals, when the query is empty), best first.
#[wasm_bindgen(js_name = rank)]
pub fn rank_js(
    memories: MemoryList,
    query: Option<String>,
    options: Option<RankOptionsArg>,
) -> Result<RankedList, JsError> {
    let memories = memories_from_js(memories.into())?;
    let options: Options = from_js(options.map_or(JsValue::UNDEFINED, Into::into), "options")?;
    let ctx = options.context(query)?;
    Ok(to_js(&ranked(memories, ctx))?.into())
}

/// Renders a digest of memories: for `options.query` when given, else "where things stand".
#[wasm_bindgen(js_name = digest)]
pub fn digest_js(memories: MemoryList, options: Option<DigestOptionsArg>) -> Result<DigestResult, JsError> {
    let memories = memories_from_js(memories.into())?;
    let options: Options = from_js(options.map_or(JsValue::UNDEFINED, Into::into), "options")?;
    let query = options.query.clone().filter(|q| !q.trim().is_empty());
    let ctx = options.context(query.clone())?;
    let now = ctx.now;
    let ranked = match &query {
        Some(_) => ranked(memories, ctx),
        None => digest::where_things_stand(memories, now),
    };
    let mut opts = DigestOptions::new(now);
    opts.query = query;
    if let Some(format) = &options.format {
        opts.format = format.parse::<DigestFormat>().map_err(into_error)?;
    }
    if let Some(max) = options.max_tokens {
        opts.max_tokens = max;
    }
    opts.show_sources = options.show_sources;
    Ok(to_js(&digest::digest(&ranked, &opts))?.into())
}
