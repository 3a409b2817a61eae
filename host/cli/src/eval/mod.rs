//! `mx eval retrieval`: imports a dataset (memories.jsonl + queries.jsonl, format of eval/README.md) into a
//! fresh temporary store and runs every query through the same path as `mx memories search` (`Store::search`, scoped
//! to the query's project, "now" = the query's `askedAt`, memories created after it excluded). Gold labels are read
//! only after each ranking is complete, when scoring it.

pub mod context;
pub mod fit;
pub mod metrics;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;
use jiff::Timestamp;
use mx_core::rank::RankingMode;
use mx_store::{Filter, ImportRecord, Scope, SearchRequest, Store};
use serde::{Deserialize, Serialize};

use self::metrics::{LevelReport, first_occurrences, percentiles, score};

/// How deep each ranking goes: MRR looks at the top 100.
const RANK_DEPTH: usize = metrics::MRR_DEPTH;

/// One line of queries.jsonl.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Query {
    pub id: String,
    pub project: String,
    pub query: String,
    pub asked_at: Timestamp,
    #[serde(default)]
    pub gold_ids: Option<Vec<String>>,
    #[serde(default)]
    pub gold_conversations: Option<Vec<String>>,
    #[serde(default = "unknown_type", rename = "type")]
    pub kind: String,
}

fn unknown_type() -> String {
    "untyped".into()
}

/// What to run.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    pub dataset: PathBuf,
    pub ks: Vec<usize>,
    pub limit_queries: Option<usize>,
    pub mode: RankingMode,
    /// For each query missed at rank 1, report this many top results (0 = none): error analysis.
    pub show_misses: usize,
    /// Record random usage for every memory before the queries run, from this seed ([`simulate_usage`]).
    pub usage_noise: Option<u64>,
    /// Rank with these weights instead of the shipped ones (`--weights FILE`).
    pub tuning: Option<mx_core::tuning::Tuning>,
}

/// A query missed at rank 1, with what came first instead (only with `--show-misses`).
#[derive(Debug, Serialize)]
pub struct MissDetail {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub query: String,
    pub gold_ids: Vec<String>,
    pub gold_conversations: Vec<String>,
    /// The top results.
    pub top: Vec<MissResult>,
    /// The best-ranked gold result (memory gold first, else conversation gold), if it is in the ranking at all.
    pub first_gold: Option<MissResult>,
}

/// One ranked memory in a [`MissDetail`], with the signals that placed it there (as `--explain` shows them).
#[derive(Debug, Serialize)]
pub struct MissResult {
    pub rank: usize,
    pub id: String,
    pub conversation: String,
    pub score: f32,
    pub breakdown: mx_core::rank::ScoreBreakdown,
    /// The first 100 characters.
    pub content: String,
}

impl MissResult {
    fn new(rank: usize, r: &mx_core::rank::Ranked) -> Self {
        let m = &r.memory;
        Self {
            rank,
            id: m.external_id.clone().unwrap_or_else(|| m.id.to_string()),
            conversation: m.conversation_id.to_string(),
            score: r.score,
            breakdown: r.breakdown,
            content: m.content.chars().take(100).collect(),
        }
    }
}

/// The whole report; JSON keys are stable.
#[derive(Debug, Serialize)]
pub struct Report {
    pub dataset: String,
    pub ranking: RankingMode,
    pub memories: usize,
    pub queries: usize,
    pub memory_level: LevelReport,
    pub conversation_level: LevelReport,
    pub latency_ms: Latency,
    pub import_seconds: f64,
    /// The seed of the random usage recorded before the queries (`--usage-noise`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usage_noise: Option<u64>,
    /// Memories of the dataset the store refuses (empty, oversized, malformed): left out, each with its line.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped_memories: Vec<SkippedMemory>,
    /// Queries with a gold memory among the skipped ones: their figures count a memory nobody could find.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub queries_missing_gold: Vec<String>,
    /// Ids of the queries whose first result is not gold (at either level), for error analysis.
    pub misses_at_1: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub miss_details: Vec<MissDetail>,
}

#[derive(Debug, Serialize)]
pub struct Latency {
    pub p50: f64,
    pub p95: f64,
    pub max: f64,
}

/// Reads a JSONL file line by line, naming the file and line of any error. `files` names what a dataset folder of
/// this command holds, for the error when the file is missing.
pub(crate) fn read_jsonl<T>(
    path: &Path,
    files: &str,
    mut parse: impl FnMut(&str) -> Result<T, String>,
) -> anyhow::Result<Vec<T>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {}; pass a dataset folder holding {files}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse(line).map_err(|e| anyhow::anyhow!("{} line {}: {e}; fix the dataset", path.display(), i + 1))?);
    }
    Ok(out)
}

pub fn load_queries(dataset: &Path) -> anyhow::Result<Vec<Query>> {
    read_jsonl(&dataset.join("queries.jsonl"), RETRIEVAL_FILES, |l| serde_json::from_str(l).map_err(|e| e.to_string()))
}

/// What a retrieval dataset folder holds.
const RETRIEVAL_FILES: &str = "memories.jsonl and queries.jsonl";

/// A memory of a dataset the store would refuse, left out of the evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedMemory {
    /// 1-based line of memories.jsonl.
    pub line: usize,
    /// The record's `id`, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub reason: String,
}

/// The dataset's memories the store accepts, and those it refuses (each with its line and why). Published datasets
/// hold empty and oversized turns; one of them must not stop an evaluation of the other thousands, and `mx import`
/// treats such a file the same way.
pub fn load_memories(dataset: &Path, files: &str) -> anyhow::Result<(Vec<ImportRecord>, Vec<SkippedMemory>)> {
    let path = dataset.join("memories.jsonl");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}; pass a dataset folder holding {files}", path.display()))?;
    let (mut records, mut skipped) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match ImportRecord::from_json_line(line, None).and_then(|r| r.validate().map(|()| r)) {
            Ok(record) => records.push(record),
            Err(reason) => {
                let id = serde_json::from_str::<serde_json::Value>(line)
                    .ok()
                    .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_owned));
                skipped.push(SkippedMemory { line: i + 1, id, reason });
            }
        }
    }
    Ok((records, skipped))
}

/// Sessions [`simulate_usage`] invents.
const SIMULATED_SESSIONS: usize = 24;

/// The usage ablation's worst case: usage that says nothing about relevance. Every memory is injected into each of
/// [`SIMULATED_SESSIONS`] sessions with its own random probability and used in each with another, drawn from
/// `seed` (splitmix64) — independent of every question and gold label. Retrieval figures with this noise against
/// without show what usage in ranking can cost when it carries no information (EVAL.md).
pub fn simulate_usage(store: &Store, seed: u64) -> anyhow::Result<()> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut all = mx_store::ListRequest::default();
    all.filter.scope = Scope::AllProjects;
    all.filter.include_superseded = true;
    let memories = store.list(&all)?;
    let odds: Vec<(f64, f64)> = memories.iter().map(|_| (next(), next())).collect();
    let at = jiff::Timestamp::UNIX_EPOCH;
    for s in 0..SIMULATED_SESSIONS {
        let session = format!("simulated-{s}");
        let mut injected = Vec::new();
        let mut used = Vec::new();
        for (m, (inject, use_)) in memories.iter().zip(&odds) {
            if next() < *inject {
                injected.push(m.id.clone());
                if next() < *use_ {
                    used.push(m.id.clone());
                }
            }
        }
        store.record_injected("eval", &session, "session-start", &injected, at)?;
        for id in &used {
            store.record_used("eval", &session, id, "simulated", at)?;
        }
    }
    Ok(())
}

/// The search a query runs: its project, its time, [`RANK_DEPTH`] results. Ranking sees only the question, its
/// project and its time — never the gold fields.
pub(crate) fn search_request(q: &Query, mode: RankingMode) -> SearchRequest {
    let mut req = SearchRequest::new(q.query.clone());
    req.filter = Filter { scope: Scope::Project(q.project.clone()), before: Some(q.asked_at), ..Filter::default() };
    req.limit = RANK_DEPTH;
    req.now = Some(q.asked_at);
    req.mode = mode;
    req
}

/// Runs the evaluation. `progress(done, total, phase)` reports import and query progress.
pub fn run(opts: &EvalOptions, progress: &mut dyn FnMut(u64, u64, &str)) -> anyhow::Result<Report> {
    let mut queries = load_queries(&opts.dataset)?;
    if let Some(n) = opts.limit_queries {
        queries.truncate(n);
    }
    let (records, skipped_memories) = load_memories(&opts.dataset, RETRIEVAL_FILES)?;
    let memories = records.len();
    let skipped_ids: HashSet<&str> = skipped_memories.iter().filter_map(|s| s.id.as_deref()).collect();
    let queries_missing_gold = queries
        .iter()
        .filter(|q| q.gold_ids.iter().flatten().any(|g| skipped_ids.contains(g.as_str())))
        .map(|q| q.id.clone())
        .collect();

    let home = tempfile::Builder::new().prefix("mx-eval-").tempdir().context("cannot create a temporary store")?;
    let store = Store::open(home.path())?;
    let started = Instant::now();
    let total = records.len() as u64;
    store.import(records, &mut |done, _| progress(done, total, "importing"))?;
    if let Some(seed) = opts.usage_noise {
        simulate_usage(&store, seed)?;
    }
    let import_seconds = started.elapsed().as_secs_f64();

    let mut memory_level = LevelReport::default();
    let mut conversation_level = LevelReport::default();
    let mut latencies = Vec::with_capacity(queries.len());
    let mut misses_at_1 = Vec::new();
    let mut miss_details = Vec::new();
    let total = queries.len() as u64;
    for (i, q) in queries.iter().enumerate() {
        let req = search_request(q, opts.mode);
        let t = Instant::now();
        let ranked = match &opts.tuning {
            None => store.search(&req)?,
            Some(tuning) => {
                let pool = store.search_pool_with(&req, tuning)?;
                pool.query.rank(pool.candidates, pool.context)
            }
        };
        latencies.push(t.elapsed().as_secs_f64() * 1_000.0);

        let memory_ids: Vec<&str> =
            ranked.iter().map(|r| r.memory.external_id.as_deref().unwrap_or(r.memory.id.as_str())).collect();
        if let Some(gold) = q.gold_ids.as_ref().filter(|g| !g.is_empty()) {
            let gold: HashSet<&str> = gold.iter().map(String::as_str).collect();
            let scores = score(&memory_ids, &gold, &opts.ks);
            if scores.mrr < 1.0 {
                misses_at_1.push(q.id.clone());
            }
            memory_level.add(&q.kind, &scores);
        }
        if let Some(gold) = q.gold_conversations.as_ref().filter(|g| !g.is_empty()) {
            let gold: HashSet<&str> = gold.iter().map(String::as_str).collect();
            let convs = first_occurrences(ranked.iter().map(|r| r.memory.conversation_id.as_str()));
            let scores = score(&convs, &gold, &opts.ks);
            if scores.mrr < 1.0 && misses_at_1.last() != Some(&q.id) {
                misses_at_1.push(q.id.clone());
            }
            conversation_level.add(&q.kind, &scores);
        }
        if opts.show_misses > 0 && misses_at_1.last() == Some(&q.id) {
            let is_gold = |r: &mx_core::rank::Ranked| {
                let m = &r.memory;
                let id = m.external_id.as_deref().unwrap_or(m.id.as_str());
                match (&q.gold_ids, &q.gold_conversations) {
                    (Some(ids), _) if !ids.is_empty() => ids.iter().any(|g| g == id),
                    (_, Some(convs)) => convs.iter().any(|g| g == m.conversation_id.as_str()),
                    _ => false,
                }
            };
            miss_details.push(MissDetail {
                id: q.id.clone(),
                kind: q.kind.clone(),
                query: q.query.clone(),
                gold_ids: q.gold_ids.clone().unwrap_or_default(),
                gold_conversations: q.gold_conversations.clone().unwrap_or_default(),
                top: ranked.iter().take(opts.show_misses).enumerate().map(|(i, r)| MissResult::new(i + 1, r)).collect(),
                first_gold: ranked.iter().position(is_gold).map(|i| MissResult::new(i + 1, &ranked[i])),
            });
        }
        progress(i as u64 + 1, total, "querying");
    }
    let (p50, p95, max) = percentiles(latencies);
    Ok(Report {
        dataset: opts.dataset.display().to_string(),
        ranking: opts.mode,
        memories,
        queries: queries.len(),
        memory_level,
        conversation_level,
        latency_ms: Latency { p50: round2(p50), p95: round2(p95), max: round2(max) },
        import_seconds: round2(import_seconds),
        usage_noise: opts.usage_noise,
        skipped_memories,
        queries_missing_gold,
        misses_at_1,
        miss_details,
    })
}

pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Renders the report as aligned tables: one per level, overall first, then each question type.
pub fn render_table(report: &Report, ks: &[usize]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} memories, {} queries, ranking {}; search latency p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        report.dataset,
        report.memories,
        report.queries,
        match report.ranking {
            RankingMode::Full => "full",
            RankingMode::Bm25 => "bm25",
        },
        report.latency_ms.p50,
        report.latency_ms.p95,
        report.latency_ms.max
    );
    if let Some(seed) = report.usage_noise {
        let _ = writeln!(out, "usage: random, seed {seed} (every memory's injections and uses drawn at random)");
    }
    if !report.skipped_memories.is_empty() {
        let shown: Vec<String> = report
            .skipped_memories
            .iter()
            .take(5)
            .map(|s| match &s.id {
                Some(id) => format!("line {} ({id}): {}", s.line, s.reason),
                None => format!("line {}: {}", s.line, s.reason),
            })
            .collect();
        let more = report.skipped_memories.len().saturating_sub(shown.len());
        let more = if more > 0 { format!("; and {more} more") } else { String::new() };
        let _ = writeln!(
            out,
            "skipped {} memories the store refuses: {}{more}",
            report.skipped_memories.len(),
            shown.join("; ")
        );
    }
    if !report.queries_missing_gold.is_empty() {
        let n = report.queries_missing_gold.len();
        let _ = writeln!(
            out,
            "{n} {} lost a gold memory that way (counted as misses): {}",
            if n == 1 { "query" } else { "queries" },
            report.queries_missing_gold.join(", ")
        );
    }
    for (name, level) in [("memory level", &report.memory_level), ("conversation level", &report.conversation_level)] {
        if level.overall.queries == 0 {
            continue;
        }
        let mut headers = vec!["type".to_owned(), "queries".to_owned()];
        headers.extend(ks.iter().map(|k| format!("recall@{k}")));
        headers.extend(ks.iter().map(|k| format!("hit@{k}")));
        headers.extend(["mrr".to_owned(), "ndcg@10".to_owned()]);
        let mut table = crate::output::table(&headers.iter().map(String::as_str).collect::<Vec<_>>());
        let row = |label: &str, s: &metrics::Summary| {
            let mut cells = vec![label.to_owned(), s.queries.to_string()];
            cells.extend(ks.iter().map(|&k| format!("{:.3}", s.recall(k))));
            cells.extend(ks.iter().map(|&k| format!("{:.3}", s.hit(k))));
            cells.extend([format!("{:.3}", s.mrr()), format!("{:.3}", s.ndcg10())]);
            cells
        };
        table.add_row(row("all", &level.overall));
        let by_type: HashMap<&String, &metrics::Summary> = level.by_type.iter().collect();
        let mut types: Vec<&&String> = by_type.keys().collect();
        types.sort();
        for t in types {
            table.add_row(row(t, by_type[*t]));
        }
        let _ = writeln!(out, "\n{name}\n{table}");
    }
    out
}
