//! `mx eval fit`: fits the ranking's weights ([`mx_core::tuning::Tuning`], `core/weights.json`) on retrieval
//! datasets, with leave-one-dataset-out cross-validation.
//!
//! Each dataset is imported once and each of its questions searched once: the lexical candidates and the read
//! question ([`mx_store::SearchPool`]) are kept, and every weight vector only re-ranks them in process. What the
//! weights cannot change is fixed by then (the candidate pool, the question's terms and expansions), so fitting takes
//! seconds per fold, not an import per try.
//!
//! The objective of a dataset is the mean, over the levels it has gold for (memory, conversation), of
//! (recall@10 + MRR) / 2; a fit maximises the mean over its datasets, each counting the same whatever its size.
//! The search is coordinate ascent from the shipped weights over a fixed grid per weight ([`GRID`]): every weight
//! in turn takes the grid value that raises the objective most (ties keep the current value, then the earlier grid
//! value), rounds repeat until none moves or [`FitOptions::rounds`] is reached. Deterministic: same datasets, same
//! weights out.
//!
//! Cross-validation: for every dataset, fit on all the others and score it with those weights (its held-out
//! figures); then fit on all of them for the weights to ship. A gate (`--gate devmembench=0.95`, the CI's floor on
//! conversation hit@1) keeps every fit that trains on that dataset at or above it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use mx_core::rank::RankingMode;
use mx_core::tuning::Tuning;
use mx_store::{SearchPool, Store};
use serde::Serialize;

use super::metrics::{LevelReport, first_occurrences, score};
use super::{RETRIEVAL_FILES, load_memories, load_queries, round2, search_request};

/// The values each weight may take. Zero turns a signal off.
pub const GRID: &[(&str, &[f64])] = &[
    ("topic", &[0.0, 0.15, 0.3, 0.5]),
    ("importance", &[0.0, 0.1, 0.2, 0.4]),
    ("intent", &[0.0, 0.1, 0.2, 0.4]),
    ("recency", &[0.0, 0.05, 0.1, 0.2]),
    ("newestRecency", &[0.1, 0.25, 0.5, 0.8]),
    ("oldestRecency", &[-0.4, -0.2, 0.0]),
    ("timeWindowBoost", &[1.0, 1.25, 1.5, 2.0]),
    ("coverage", &[0.0, 0.25, 0.5, 0.75, 1.0]),
    ("bestOther", &[0.0, 0.15, 0.3, 0.5, 0.75]),
    ("neighbour", &[0.0, 0.15, 0.3, 0.5, 0.75, 1.0]),
    ("reply", &[0.0, 0.15, 0.3, 0.5]),
    ("contextGate", &[0.0, 0.5, 1.0, 2.0]),
    ("updatePenalty", &[0.0, 0.15, 0.3]),
    ("updateRelevance", &[0.3, 0.5, 0.7]),
    ("prf", &[0.0, 0.1, 0.2, 0.35, 0.5]),
    ("prfDocs", &[3.0, 5.0, 10.0]),
    ("prfTerms", &[5.0, 10.0, 20.0]),
    ("diversify", &[0.0, 0.05, 0.1, 0.2]),
    ("diversifyMany", &[0.0, 0.1, 0.2, 0.4]),
    ("preference", &[0.0, 0.25, 0.5, 1.0]),
    ("answerType", &[0.0, 0.1, 0.2, 0.4]),
    ("transcript.topic", &[0.0, 0.15, 0.3, 0.5]),
    ("transcript.importance", &[0.0, 0.1, 0.2, 0.4]),
    ("transcript.intent", &[0.0, 0.1, 0.2, 0.4]),
    ("transcript.recency", &[0.0, 0.05, 0.1, 0.2]),
    ("transcript.coverage", &[0.0, 0.25, 0.5, 0.75, 1.0]),
    ("transcript.bestOther", &[0.0, 0.15, 0.3, 0.5, 0.75]),
    ("transcript.neighbour", &[0.0, 0.15, 0.3, 0.5, 0.75, 1.0]),
    ("transcript.reply", &[0.0, 0.15, 0.3, 0.5]),
    ("transcript.contextGate", &[0.0, 0.5, 1.0, 2.0]),
    ("transcript.updatePenalty", &[0.0, 0.15, 0.3]),
    ("transcript.prf", &[0.0, 0.1, 0.2, 0.35, 0.5]),
    ("transcript.diversify", &[0.0, 0.05, 0.1, 0.2]),
    ("transcript.diversifyMany", &[0.0, 0.1, 0.2, 0.4]),
    ("transcript.preference", &[0.0, 0.25, 0.5, 1.0]),
    ("transcript.answerType", &[0.0, 0.1, 0.2, 0.4]),
    ("transcript.role", &[0.0, 0.2, 0.4, 0.6, 0.8]),
    ("transcript.rolePrior", &[-0.4, -0.2, 0.0, 0.2, 0.4, 0.6]),
    ("code.topic", &[0.0, 0.15, 0.3, 0.5]),
    ("code.importance", &[0.0, 0.1, 0.2, 0.4]),
    ("code.intent", &[0.0, 0.1, 0.2, 0.4]),
    ("code.recency", &[0.0, 0.05, 0.1, 0.2]),
    ("code.coverage", &[0.0, 0.25, 0.5, 0.75, 1.0]),
    ("code.bestOther", &[0.0, 0.15, 0.3, 0.5, 0.75]),
    ("code.neighbour", &[0.0, 0.15, 0.3, 0.5, 0.75, 1.0]),
    ("code.reply", &[0.0, 0.15, 0.3, 0.5]),
    ("code.contextGate", &[0.0, 0.5, 1.0, 2.0]),
    ("code.updatePenalty", &[0.0, 0.15, 0.3]),
    ("code.prf", &[0.0, 0.1, 0.2, 0.35, 0.5]),
    ("code.diversify", &[0.0, 0.05, 0.1, 0.2]),
    ("code.diversifyMany", &[0.0, 0.1, 0.2, 0.4]),
    ("code.preference", &[0.0, 0.25, 0.5, 1.0]),
    ("code.answerType", &[0.0, 0.1, 0.2, 0.4]),
    ("code.role", &[0.0, 0.2, 0.4, 0.6, 0.8]),
    ("code.rolePrior", &[-0.4, -0.2, 0.0, 0.2, 0.4, 0.6]),
];

/// Every weight of [`GRID`] but `keys`: the `--freeze` list of `--only KEYS`. An unknown key is an error.
pub fn all_but(keys: &[String]) -> anyhow::Result<Vec<String>> {
    if let Some(unknown) = keys.iter().find(|k| !GRID.iter().any(|(g, _)| g == k)) {
        return Err(crate::error::usage(format!(
            "--only: no fitted weight is named {unknown}; use the keys of core/weights.json"
        )));
    }
    Ok(GRID.iter().map(|(k, _)| k.to_string()).filter(|k| !keys.contains(k)).collect())
}

/// What to fit.
#[derive(Debug, Clone)]
pub struct FitOptions {
    pub datasets: Vec<PathBuf>,
    /// Rounds of coordinate ascent at most.
    pub rounds: usize,
    /// Where the search starts (the shipped weights, or a file's).
    pub start: Tuning,
    /// Weights left where they start (e.g. `prf` to measure without feedback).
    pub frozen: Vec<String>,
    /// Floors on a dataset's conversation-level hit@1 (the CI gate: `devmembench` at 0.95): a fit that trains on
    /// that dataset never moves to weights below its floor.
    pub gates: Vec<(String, f64)>,
}

/// The figures of one dataset under one weight vector.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Figures {
    pub objective: f64,
    pub memory_queries: usize,
    pub memory_hit1: f64,
    pub memory_mrr: f64,
    pub memory_recall10: f64,
    pub conversation_queries: usize,
    pub conversation_hit1: f64,
    pub conversation_mrr: f64,
    pub conversation_recall5: f64,
    pub conversation_recall10: f64,
}

/// One fold: the weights fitted without `held_out`, and its figures under them and under the starting weights.
#[derive(Debug, Serialize)]
pub struct Fold {
    pub held_out: String,
    pub fitted_on: Vec<String>,
    pub held_out_figures: Figures,
    pub start_figures: Figures,
    /// The fold's objective on the datasets it was fitted on.
    pub training_objective: f64,
    pub weights: Tuning,
}

/// The whole report.
#[derive(Debug, Serialize)]
pub struct FitReport {
    pub folds: Vec<Fold>,
    /// Fitted on every dataset: the weights to ship.
    pub all: Tuning,
    /// Each dataset under the weights fitted on all (in-sample, for comparison only).
    pub in_sample: Vec<(String, Figures)>,
    pub seconds: f64,
}

struct Prepared {
    name: String,
    queries: Vec<PreparedQuery>,
}

struct PreparedQuery {
    pool: SearchPool,
    gold_ids: Option<HashSet<String>>,
    gold_conversations: Option<HashSet<String>>,
}

/// Imports a dataset and searches each question once, keeping what ranking needs.
fn prepare(dataset: &Path, start: &Tuning) -> anyhow::Result<Prepared> {
    let queries = load_queries(dataset)?;
    let (records, _skipped) = load_memories(dataset, RETRIEVAL_FILES)?;
    let home = tempfile::Builder::new().prefix("mx-fit-").tempdir().context("cannot create a temporary store")?;
    let store = Store::open(home.path())?;
    store.import(records, &mut |_, _| {})?;
    let mut out = Vec::with_capacity(queries.len());
    for q in &queries {
        let pool = store.search_pool_with(&search_request(q, RankingMode::Full), start)?;
        let set = |g: &Option<Vec<String>>| g.as_ref().filter(|g| !g.is_empty()).map(|g| g.iter().cloned().collect());
        out.push(PreparedQuery { pool, gold_ids: set(&q.gold_ids), gold_conversations: set(&q.gold_conversations) });
    }
    let name = dataset.file_name().map_or_else(|| dataset.display().to_string(), |n| n.to_string_lossy().into());
    Ok(Prepared { name, queries: out })
}

/// Ranks every prepared question under `tuning` and scores it.
fn figures(p: &Prepared, tuning: &Tuning) -> Figures {
    let ks = [1, 5, 10];
    let mut memory = LevelReport::default();
    let mut conversation = LevelReport::default();
    for q in &p.queries {
        let pool = &q.pool;
        let ranked = pool.query.clone().with_tuning(tuning.clone()).rank(pool.candidates.clone(), pool.context.clone());
        if let Some(gold) = &q.gold_ids {
            let ids: Vec<&str> =
                ranked.iter().map(|r| r.memory.external_id.as_deref().unwrap_or(r.memory.id.as_str())).collect();
            let gold: HashSet<&str> = gold.iter().map(String::as_str).collect();
            memory.add("", &score(&ids, &gold, &ks));
        }
        if let Some(gold) = &q.gold_conversations {
            let convs = first_occurrences(ranked.iter().map(|r| r.memory.conversation_id.as_str()));
            let gold: HashSet<&str> = gold.iter().map(String::as_str).collect();
            conversation.add("", &score(&convs, &gold, &ks));
        }
    }
    let (m, c) = (&memory.overall, &conversation.overall);
    let levels: Vec<f64> = [m, c].iter().filter(|s| s.queries > 0).map(|s| (s.recall(10) + s.mrr()) / 2.0).collect();
    Figures {
        objective: if levels.is_empty() { 0.0 } else { levels.iter().sum::<f64>() / levels.len() as f64 },
        memory_queries: m.queries,
        memory_hit1: m.hit(1),
        memory_mrr: m.mrr(),
        memory_recall10: m.recall(10),
        conversation_queries: c.queries,
        conversation_hit1: c.hit(1),
        conversation_mrr: c.mrr(),
        conversation_recall5: c.recall(5),
        conversation_recall10: c.recall(10),
    }
}

/// Scores datasets under weight vectors, remembering each (dataset, weights) pair: folds share most of their
/// search paths.
struct Scorer<'a> {
    sets: &'a [Prepared],
    seen: HashMap<(usize, String), Figures>,
}

impl Scorer<'_> {
    fn figures(&mut self, set: usize, tuning: &Tuning) -> Figures {
        let key = (set, tuning.to_json());
        if let Some(f) = self.seen.get(&key) {
            return *f;
        }
        let f = figures(&self.sets[set], tuning);
        self.seen.insert(key, f);
        f
    }

    /// Mean objective over `sets`; the datasets not yet scored under `tuning` run on two threads.
    fn objective(&mut self, sets: &[usize], tuning: &Tuning) -> f64 {
        let todo: Vec<usize> =
            sets.iter().copied().filter(|&i| !self.seen.contains_key(&(i, tuning.to_json()))).collect();
        if todo.len() > 1 {
            let all = self.sets;
            let (a, b) = todo.split_at(todo.len() / 2);
            let run = |part: &[usize]| part.iter().map(|&i| (i, figures(&all[i], tuning))).collect::<Vec<_>>();
            let (ra, rb) = std::thread::scope(|s| {
                let h = s.spawn(|| run(a));
                let rb = run(b);
                (h.join().expect("scoring thread"), rb)
            });
            for (i, f) in ra.into_iter().chain(rb) {
                self.seen.insert((i, tuning.to_json()), f);
            }
        }
        sets.iter().map(|&i| self.figures(i, tuning).objective).sum::<f64>() / sets.len().max(1) as f64
    }

    /// Whether every gated dataset among `sets` keeps its conversation hit@1 floor under `tuning`.
    fn passes(&mut self, sets: &[usize], tuning: &Tuning, gates: &[(String, f64)]) -> bool {
        sets.iter().all(|&i| {
            let floor = gates.iter().find(|(name, _)| *name == self.sets[i].name).map(|(_, f)| *f);
            floor.is_none_or(|f| self.figures(i, tuning).conversation_hit1 >= f - 1e-9)
        })
    }

    /// Coordinate ascent on `sets` from `start` (module documentation).
    fn fit(&mut self, sets: &[usize], opts: &FitOptions, log: &mut dyn FnMut(&str)) -> (Tuning, f64) {
        let mut best = opts.start.clone();
        let mut best_score = self.objective(sets, &best);
        for round in 0..opts.rounds {
            let mut moved = false;
            for (key, values) in GRID {
                if opts.frozen.iter().any(|f| f == key) {
                    continue;
                }
                let current = best.get(key);
                for &v in *values {
                    if current.is_some_and(|c| (c - v).abs() < 1e-9) {
                        continue;
                    }
                    let Ok(candidate) = best.with(key, v) else { continue };
                    let s = self.objective(sets, &candidate);
                    if s > best_score + 1e-9 && self.passes(sets, &candidate, &opts.gates) {
                        best = candidate;
                        best_score = s;
                        moved = true;
                    }
                }
            }
            log(&format!("  round {}: objective {:.4}", round + 1, best_score));
            if !moved {
                break;
            }
        }
        (best, best_score)
    }
}

/// Runs the cross-validation and the final fit. `log` receives progress lines.
pub fn run(opts: &FitOptions, log: &mut dyn FnMut(&str)) -> anyhow::Result<FitReport> {
    let started = std::time::Instant::now();
    let mut sets = Vec::new();
    for d in &opts.datasets {
        log(&format!("preparing {}", d.display()));
        sets.push(prepare(d, &opts.start)?);
    }
    let mut scorer = Scorer { sets: &sets, seen: HashMap::new() };
    let mut folds = Vec::new();
    for held in 0..sets.len() {
        let train: Vec<usize> = (0..sets.len()).filter(|&i| i != held).collect();
        if train.is_empty() {
            break;
        }
        log(&format!("fold: {} held out", sets[held].name));
        let (weights, training_objective) = scorer.fit(&train, opts, log);
        folds.push(Fold {
            held_out: sets[held].name.clone(),
            fitted_on: train.iter().map(|&i| sets[i].name.clone()).collect(),
            held_out_figures: scorer.figures(held, &weights),
            start_figures: scorer.figures(held, &opts.start),
            training_objective,
            weights,
        });
    }
    log("fit on every dataset");
    let everything: Vec<usize> = (0..sets.len()).collect();
    let (all, _) = scorer.fit(&everything, opts, log);
    let in_sample = everything.iter().map(|&i| (sets[i].name.clone(), scorer.figures(i, &all))).collect();
    Ok(FitReport { folds, all, in_sample, seconds: round2(started.elapsed().as_secs_f64()) })
}

/// The held-out table (markdown): one row per dataset, its figures under the weights fitted without it, and under
/// the starting weights.
pub fn render_table(report: &FitReport) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "| held out | memory hit@1 | memory MRR | memory R@10 | conv. hit@1 | conv. MRR | conv. R@5 | start: memory R@10 | start: conv. hit@1 |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|");
    let na = |n: usize, x: f64| if n == 0 { "—".to_owned() } else { format!("{x:.3}") };
    for f in &report.folds {
        let (h, s) = (&f.held_out_figures, &f.start_figures);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            f.held_out,
            na(h.memory_queries, h.memory_hit1),
            na(h.memory_queries, h.memory_mrr),
            na(h.memory_queries, h.memory_recall10),
            na(h.conversation_queries, h.conversation_hit1),
            na(h.conversation_queries, h.conversation_mrr),
            na(h.conversation_queries, h.conversation_recall5),
            na(s.memory_queries, s.memory_recall10),
            na(s.conversation_queries, s.conversation_hit1),
        );
    }
    let _ = writeln!(out, "\nfitted on all ({:.0} s):\n{}", report.seconds, report.all.to_json().trim_end());
    out
}
