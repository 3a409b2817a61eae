//! Reading: ranked search, digests ("where things stand" or an answer to a question) and the briefing before work.

use std::collections::{HashMap, HashSet};

use jiff::Timestamp;
use mx_core::digest::{Digest, DigestFormat, DigestOptions, digest, where_things_stand_with};
use mx_core::id::MemoryId;
use mx_core::model::{Kind, Memory};
use mx_core::rank::{Candidate, QueryContext, Ranked, RankingMode, rank};
use mx_core::tuning::Tuning;
use rusqlite::Connection;
use rusqlite::types::Value;

use crate::db;
use crate::error::Result;
use crate::filter::{Filter, Scope, Sort};
use crate::index::Hit;
use crate::request::{ContextRequest, DigestRequest, SearchRequest};
use crate::store::{Store, lock, now_or};

/// How many memories the query-less digest ("where things stand") looks at: the newest memories plus the strongest
/// standing ones, so it stays fast on a store of any size.
const STANDING_RECENT: usize = 120;
const STANDING_STRONG: usize = 120;
/// How many ranked memories a digest with a query considers before the token budget cuts.
const DIGEST_CANDIDATES: usize = 60;
/// How many turns of one conversation the session pull reads at most ([`Tuning::session_pull`]).
const SESSION_PULL_TURNS: usize = 30;

/// A search before ranking ([`Store::search_pool`]).
#[derive(Debug, Clone)]
pub struct SearchPool {
    pub query: mx_core::search::Query,
    pub candidates: Vec<Candidate>,
    pub context: QueryContext,
}

impl Store {
    pub fn search(&self, req: &SearchRequest) -> Result<Vec<Ranked>> {
        let pool = self.search_pool(req)?;
        Ok(pool.query.rank(pool.candidates, pool.context))
    }

    /// What [`Store::search`] ranks, before ranking: the read question, its lexical candidates and the caller's
    /// scope. `pool.query.rank(pool.candidates, pool.context)` is the search; `mx eval fit` keeps pools and ranks
    /// them again under other weights ([`mx_core::search::Query::with_tuning`]) without searching again.
    pub fn search_pool(&self, req: &SearchRequest) -> Result<SearchPool> {
        self.search_pool_with(req, mx_core::tuning::Tuning::shipped())
    }

    /// [`Store::search_pool`] with the retrieval-stage weights of `tuning` ([`Tuning::neighbour_pull`]); the pool's
    /// query ranks with `tuning` too.
    pub fn search_pool_with(&self, req: &SearchRequest, tuning: &Tuning) -> Result<SearchPool> {
        let n = req.limit.max(1).saturating_mul(5).max(100);
        let now = now_or(req.now);
        let query = self.read_query(&req.query, now, req.mode).with_tuning(tuning.clone());
        let mut candidates = self.candidates(&query, &req.filter, n)?;
        if req.mode == RankingMode::Full
            && !query.is_empty()
            && mx_core::shape::is_transcript(candidates.iter().map(|c| &c.memory.role))
        {
            self.pull_neighbours(&mut candidates, &req.filter, tuning.neighbour_pull)?;
            self.pull_sessions(&mut candidates, &req.filter, tuning.session_pull)?;
        }
        self.annotate_within_budget(candidates.iter_mut().map(|c| &mut c.memory));
        let mut ctx = QueryContext::new(now);
        ctx.project = scope_project(&req.filter.scope);
        ctx.conversation_id = req.conversation_id.clone().or_else(|| req.filter.conversation_id.clone());
        ctx.topics = req.filter.topics.clone();
        ctx.include_superseded = req.filter.include_superseded;
        ctx.limit = Some(req.limit);
        ctx.usage = self.uses_of(candidates.iter().map(|c| &c.memory))?;
        Ok(SearchPool { query, candidates, context: ctx })
    }

    /// Reads a question ([`mx_core::search::Query::parse`]). A compound query word that no memory contains is
    /// searched through its parts; the index is consulted only when the query has a compound.
    fn read_query(&self, text: &str, now: Timestamp, mode: RankingMode) -> mx_core::search::Query {
        let fresh = std::cell::OnceCell::new();
        let indexed = |term: &str| {
            let fresh = fresh.get_or_init(|| self.index.fresh_searcher(&lock(&self.reader), &self.uid).ok());
            // Without a readable index, assume the compound occurs: the split every query got before.
            fresh.as_ref().is_none_or(|f| self.index.contains_term(f, term))
        };
        mx_core::search::Query::parse(text, now, mode, indexed)
    }

    /// Lexical candidates for a read question from the index (caught up first), hydrated from SQLite, in BM25
    /// order. A question with nothing searchable (empty, stop words, punctuation) yields the newest memories under
    /// the filter, unscored.
    fn candidates(&self, query: &mx_core::search::Query, filter: &Filter, n: usize) -> Result<Vec<Candidate>> {
        let terms = query.search_terms();
        let terms = terms.as_slice();
        let conn = lock(&self.reader);
        if terms.is_empty() {
            let w = filter.to_sql();
            let ms = db::select_memories(&conn, &w, Sort::Newest.to_sql(), Some(n))?;
            return Ok(ms.into_iter().map(|memory| Candidate { memory, lexical: 0.0 }).collect());
        }
        let hits = match self.index_search(&conn, terms, filter, n) {
            Ok(h) => h,
            Err(_) => {
                // Corrupt segments surface at query time: rebuild from SQLite and try once more.
                self.index.invalidate();
                self.index.rebuild(&conn, &self.uid, &mut |_, _| {})?;
                self.index_search(&conn, terms, filter, n)?
            }
        };
        let rids: Vec<i64> = hits.iter().map(|h| h.rid).collect();
        let mut by_rid: HashMap<i64, Memory> = db::memories_by_rids(&conn, &rids)?.into_iter().collect();
        Ok(hits
            .into_iter()
            .filter_map(|h| by_rid.remove(&h.rid).map(|memory| Candidate { memory, lexical: h.score }))
            .collect())
    }

    /// In a transcript ([`mx_core::shape::is_transcript`]), adds the turns of the other speaker next to the `top`
    /// best candidates (the one just before and the one just after, in the same conversation, under the same filter)
    /// that the lexical search did not find, with a lexical score of 0. An answer often shares no word with the
    /// question its neighbouring turn asked ("why is the webhook failing?" / "the signature check needs the raw
    /// body"); in the pool, conversation context ([`mx_core::context`]) can lift it. Notes an assistant saved in
    /// one session are separate facts, not a question and its answer: they are not pulled. Two indexed reads per
    /// top candidate.
    fn pull_neighbours(&self, candidates: &mut Vec<Candidate>, filter: &Filter, top: usize) -> Result<()> {
        if top == 0 || candidates.is_empty() {
            return Ok(());
        }
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_by(|&a, &b| candidates[b].lexical.total_cmp(&candidates[a].lexical).then(a.cmp(&b)));
        let mut seen: HashSet<MemoryId> = candidates.iter().map(|c| c.memory.id.clone()).collect();
        let mut pulled = Vec::new();
        let conn = lock(&self.reader);
        for &i in order.iter().take(top) {
            let m = &candidates[i].memory;
            let mut scoped = filter.clone();
            scoped.conversation_id = Some(m.conversation_id.to_string());
            let at = m.created_at.as_millisecond();
            for (side, order) in [
                ("m.created_ms <= ?", "m.created_ms DESC, m.rid DESC"),
                ("m.created_ms >= ?", "m.created_ms ASC, m.rid ASC"),
            ] {
                let mut w = scoped.to_sql();
                w.push(format!("{side} AND m.id != ?"), [Value::Integer(at), Value::Text(m.id.to_string())]);
                for memory in db::select_memories(&conn, &w, order, Some(1))? {
                    if memory.role != m.role && seen.insert(memory.id.clone()) {
                        pulled.push(Candidate { memory, lexical: 0.0 });
                    }
                }
            }
        }
        candidates.extend(pulled);
        Ok(())
    }

    /// In a transcript, adds every turn of the `top` conversations whose best candidate scores highest (at most
    /// [`SESSION_PULL_TURNS`] each) that the lexical search did not find, with a lexical score of 0: a session that
    /// is about the question holds turns that answer it in other words ("what's left to do on the export?" / "the
    /// CSV encoding and the retry are still open"). In the pool, conversation context can lift them.
    fn pull_sessions(&self, candidates: &mut Vec<Candidate>, filter: &Filter, top: usize) -> Result<()> {
        if top == 0 || candidates.is_empty() {
            return Ok(());
        }
        let mut best: Vec<(&str, f32)> = Vec::new();
        for c in candidates.iter() {
            match best.iter_mut().find(|(id, _)| *id == c.memory.conversation_id.as_str()) {
                Some((_, score)) => *score = score.max(c.lexical),
                None => best.push((c.memory.conversation_id.as_str(), c.lexical)),
            }
        }
        best.sort_by(|a, b| b.1.total_cmp(&a.1));
        let conversations: Vec<String> = best.iter().take(top).map(|(id, _)| id.to_string()).collect();
        let mut seen: HashSet<MemoryId> = candidates.iter().map(|c| c.memory.id.clone()).collect();
        let conn = lock(&self.reader);
        for conversation in conversations {
            let mut scoped = filter.clone();
            scoped.conversation_id = Some(conversation);
            let w = scoped.to_sql();
            for memory in db::select_memories(&conn, &w, "m.created_ms ASC, m.rid ASC", Some(SESSION_PULL_TURNS))? {
                if seen.insert(memory.id.clone()) {
                    candidates.push(Candidate { memory, lexical: 0.0 });
                }
            }
        }
        Ok(())
    }

    fn index_search(&self, conn: &Connection, terms: &[(String, f32)], filter: &Filter, n: usize) -> Result<Vec<Hit>> {
        let searcher = self.index.fresh_searcher(conn, &self.uid)?;
        self.index.search(&searcher, terms, filter, n)
    }

    pub fn digest(&self, req: &DigestRequest) -> Result<Digest> {
        let now = now_or(req.now);
        let mut opts = DigestOptions::new(now);
        opts.format = req.format;
        opts.max_tokens = req.max_tokens;
        opts.query = req.query.clone().filter(|q| !q.trim().is_empty());
        opts.show_sources = req.show_sources;
        let ranked = match &opts.query {
            Some(q) => {
                let mut s = SearchRequest::new(q.clone());
                s.filter = req.filter.clone();
                s.limit = DIGEST_CANDIDATES;
                s.now = Some(now);
                self.search(&s)?
            }
            None => {
                let mut standing = self.standing(&req.filter)?;
                self.annotate_within_budget(&mut standing);
                let usage = self.uses_of(standing.iter())?;
                where_things_stand_with(standing, now, usage)
            }
        };
        if !req.injected {
            return Ok(digest(&mx_core::current::not_replaced(ranked, |r| &r.memory), &opts));
        }
        let candidates: Vec<Memory> = ranked.iter().map(|r| r.memory.clone()).collect();
        let ranked = mx_core::current::current(ranked, |r| &r.memory);
        let mut out = digest(&ranked, &opts);
        // What a hook leaves out for staleness is named in one line, so the assistant is not silently missing it.
        let left_out: Vec<&Memory> =
            candidates.iter().filter(|m| !ranked.iter().any(|r| r.memory.id == m.id)).collect();
        if let (Some(note), false) =
            (mx_core::current::set_aside_note(&left_out), matches!(opts.format, DigestFormat::Json))
        {
            let text = format!("{}\n{note}\n", out.text.trim_end());
            let tokens = mx_core::tokens::estimate(&text);
            if tokens <= opts.max_tokens {
                out.text = text;
                out.tokens = tokens;
            }
        }
        Ok(out)
    }

    /// How `memories` fared in the assistant sessions they were injected into (see [`crate::usage`]).
    fn uses_of<'a>(&self, memories: impl Iterator<Item = &'a Memory>) -> Result<mx_core::usage::UsageMap> {
        let ids: Vec<&str> = memories.map(|m| m.id.as_str()).collect();
        crate::usage::uses_of(&lock(&self.reader), &ids)
    }

    /// The bounded set "where things stand" chooses from: the newest memories under the filter plus the strongest
    /// standing decisions, constraints, conventions, ruled-out approaches and gotchas.
    fn standing(&self, filter: &Filter) -> Result<Vec<Memory>> {
        let conn = lock(&self.reader);
        let mut out = select_per_project(&conn, filter, Sort::Newest, STANDING_RECENT)?;
        let mut strong_filter = filter.clone();
        if strong_filter.kinds.is_empty() {
            strong_filter.kinds =
                vec![Kind::Decision, Kind::Constraint, Kind::Convention, Kind::RuledOut, Kind::Gotcha];
        }
        let strong = select_per_project(&conn, &strong_filter, Sort::Importance, STANDING_STRONG)?;
        let seen: HashSet<MemoryId> = out.iter().map(|m| m.id.clone()).collect();
        out.extend(strong.into_iter().filter(|m| !seen.contains(&m.id)));
        Ok(out)
    }

    /// A briefing before work: memories relevant to the context text, memories anchored to the given files, and the
    /// active progress, ranked together and rendered as a structured digest. Replaced facts are left out
    /// ([`mx_core::current::not_replaced`]); stale entries keep their mark.
    pub fn build_context(&self, req: &ContextRequest) -> Result<Digest> {
        let now = Timestamp::now();
        let query = req.context.clone().filter(|c| !c.trim().is_empty());
        let mut pool: Vec<Candidate> = Vec::new();
        if let Some(q) = &query {
            pool.extend(self.candidates(&self.read_query(q, now, RankingMode::Full), &req.filter, 100)?);
        }
        let top_lexical = pool.iter().map(|c| c.lexical).fold(1.0f32, f32::max);
        let files = mx_core::model::validate_files(&req.files)?;
        {
            let conn = lock(&self.reader);
            if !files.is_empty() {
                let mut w = req.filter.to_sql();
                w.push(
                    format!(
                        "m.rid IN (SELECT rid FROM memory_files WHERE path IN ({}))",
                        db::placeholders(files.len())
                    ),
                    files.iter().map(|f| Value::Text(f.clone())),
                );
                // Anchored memories are as relevant as the best lexical match: the files are the question.
                for memory in db::select_memories(&conn, &w, Sort::Newest.to_sql(), Some(100))? {
                    pool.push(Candidate { memory, lexical: top_lexical });
                }
            }
            let mut progress = req.filter.clone();
            progress.kinds = vec![Kind::Progress];
            let w = progress.to_sql();
            for memory in db::select_memories(&conn, &w, Sort::Newest.to_sql(), Some(10))? {
                pool.push(Candidate { memory, lexical: 0.0 });
            }
        }
        let mut seen = HashSet::new();
        pool.retain(|c| seen.insert(c.memory.id.clone()));
        self.annotate_within_budget(pool.iter_mut().map(|c| &mut c.memory));
        let mut ctx = QueryContext::new(now);
        ctx.query = query.clone();
        ctx.project = scope_project(&req.filter.scope);
        ctx.topics = req.filter.topics.clone();
        ctx.limit = Some(DIGEST_CANDIDATES);
        ctx.usage = self.uses_of(pool.iter().map(|c| &c.memory))?;
        let ranked = mx_core::current::not_replaced(rank(pool, &ctx), |r| &r.memory);
        let mut opts = DigestOptions::new(now);
        opts.query = query;
        if let Some(max) = req.max_tokens {
            opts.max_tokens = max;
        }
        Ok(digest(&ranked, &opts))
    }
}

/// The first `limit` memories under the filter in `sort` order (newest or most important), read per project value of
/// the scope and merged. "This project or global" as one `m.project IN (?, '')` makes SQLite read and sort every row
/// of a large project (hundreds of ms on a 30,000-memory project); each value alone walks an index in order
/// (`memories_project_created`, `memories_project_importance`) and stops after `limit` rows.
fn select_per_project(conn: &Connection, filter: &Filter, sort: Sort, limit: usize) -> Result<Vec<Memory>> {
    let projects: Vec<Option<String>> = match &filter.scope {
        Scope::Project(p) if p.is_empty() => vec![Some(String::new())],
        Scope::Project(p) => vec![Some(p.clone()), Some(String::new())],
        Scope::GlobalOnly => vec![Some(String::new())],
        Scope::AllProjects => vec![None],
    };
    // Row-id order breaks ties in the index's order, so no sort step is needed.
    let order = match sort {
        Sort::Newest => "m.created_ms DESC, m.rid DESC",
        Sort::Oldest => "m.created_ms ASC, m.rid ASC",
        Sort::Importance => "m.importance DESC, m.created_ms DESC, m.rid DESC",
    };
    let mut unscoped = filter.clone();
    unscoped.scope = Scope::AllProjects;
    let mut out = Vec::new();
    for project in projects {
        let mut w = unscoped.to_sql();
        if let Some(p) = project {
            w.push("m.project = ?", [Value::Text(p)]);
        }
        out.extend(db::select_memories(conn, &w, order, Some(limit))?);
    }
    let newest = |a: &Memory, b: &Memory| b.created_at.cmp(&a.created_at).then_with(|| b.id.cmp(&a.id));
    match sort {
        Sort::Newest => out.sort_by(newest),
        Sort::Oldest => out.sort_by(|a, b| newest(b, a)),
        Sort::Importance => out.sort_by(|a, b| b.importance.total_cmp(&a.importance).then_with(|| newest(a, b))),
    }
    out.truncate(limit);
    Ok(out)
}

fn scope_project(scope: &Scope) -> Option<String> {
    match scope {
        Scope::Project(p) => Some(p.clone()),
        _ => None,
    }
}
