//! Retrieval metrics exactly as eval/README.md defines them. Pure functions over ranked ids and gold sets,
//! so the arithmetic is tested on hand-computed cases.

use std::collections::{BTreeMap, HashSet};

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// MRR looks this deep for the first gold item; past it the reciprocal rank is 0.
pub const MRR_DEPTH: usize = 100;
/// nDCG is computed at this cut-off, with binary gains.
pub const NDCG_DEPTH: usize = 10;

/// The metrics of one query at one level.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryScores {
    /// `(k, recall@k, hit@k)` for every requested k.
    pub at_k: Vec<(usize, f64, f64)>,
    pub mrr: f64,
    pub ndcg10: f64,
}

/// Scores one ranking (best first) against its gold set. `ranked` may hold duplicates only if the caller did not
/// dedupe; conversation-level callers dedupe first with [`first_occurrences`].
pub fn score(ranked: &[&str], gold: &HashSet<&str>, ks: &[usize]) -> QueryScores {
    let found_within = |k: usize| ranked.iter().take(k).filter(|id| gold.contains(*id)).count();
    let at_k = ks
        .iter()
        .map(|&k| {
            let found = found_within(k);
            (k, found as f64 / gold.len().max(1) as f64, if found > 0 { 1.0 } else { 0.0 })
        })
        .collect();
    let mrr = ranked.iter().take(MRR_DEPTH).position(|id| gold.contains(id)).map_or(0.0, |p| 1.0 / (p as f64 + 1.0));
    let dcg: f64 = ranked
        .iter()
        .take(NDCG_DEPTH)
        .enumerate()
        .filter(|(_, id)| gold.contains(*id))
        .map(|(i, _)| 1.0 / (i as f64 + 2.0).log2())
        .sum();
    let ideal: f64 = (0..gold.len().min(NDCG_DEPTH)).map(|i| 1.0 / (i as f64 + 2.0).log2()).sum();
    let ndcg10 = if ideal > 0.0 { dcg / ideal } else { 0.0 };
    QueryScores { at_k, mrr, ndcg10 }
}

/// Keeps the first occurrence of each item, in order (ranked memories → ranked conversations).
pub fn first_occurrences<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|c| seen.insert(*c)).collect()
}

/// Means of [`QueryScores`] over a set of queries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub queries: usize,
    sums_recall: BTreeMap<usize, f64>,
    sums_hit: BTreeMap<usize, f64>,
    sum_mrr: f64,
    sum_ndcg: f64,
}

impl Summary {
    pub fn add(&mut self, s: &QueryScores) {
        self.queries += 1;
        for &(k, recall, hit) in &s.at_k {
            *self.sums_recall.entry(k).or_default() += recall;
            *self.sums_hit.entry(k).or_default() += hit;
        }
        self.sum_mrr += s.mrr;
        self.sum_ndcg += s.ndcg10;
    }

    fn mean(&self, sum: f64) -> f64 {
        if self.queries == 0 { 0.0 } else { sum / self.queries as f64 }
    }

    pub fn recall(&self, k: usize) -> f64 {
        self.mean(self.sums_recall.get(&k).copied().unwrap_or(0.0))
    }

    pub fn hit(&self, k: usize) -> f64 {
        self.mean(self.sums_hit.get(&k).copied().unwrap_or(0.0))
    }

    pub fn mrr(&self) -> f64 {
        self.mean(self.sum_mrr)
    }

    pub fn ndcg10(&self) -> f64 {
        self.mean(self.sum_ndcg)
    }

    pub fn ks(&self) -> impl Iterator<Item = usize> + '_ {
        self.sums_recall.keys().copied()
    }
}

/// Rounds for reports: four decimals are more than the datasets' resolution.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl Summary {
    /// Writes the figures as map entries in a fixed order: `queries`, `recall@k`…, `hit@k`…, `mrr`, `ndcg@10`.
    fn write_entries<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
        map.serialize_entry("queries", &self.queries)?;
        for k in self.ks() {
            map.serialize_entry(&format!("recall@{k}"), &round4(self.recall(k)))?;
        }
        for k in self.ks() {
            map.serialize_entry(&format!("hit@{k}"), &round4(self.hit(k)))?;
        }
        map.serialize_entry("mrr", &round4(self.mrr()))?;
        map.serialize_entry(&format!("ndcg@{NDCG_DEPTH}"), &round4(self.ndcg10()))
    }
}

/// Serialises as `{"queries": n, "recall@1": …, "hit@1": …, …, "mrr": …, "ndcg@10": …}` in that order.
impl Serialize for Summary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        self.write_entries(&mut map)?;
        map.end()
    }
}

/// One level's report: overall plus per question type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LevelReport {
    pub overall: Summary,
    pub by_type: BTreeMap<String, Summary>,
}

impl LevelReport {
    pub fn add(&mut self, kind: &str, s: &QueryScores) {
        self.overall.add(s);
        self.by_type.entry(kind.to_owned()).or_default().add(s);
    }
}

impl Serialize for LevelReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The overall figures at the top level, then `by_type`: one flat object per level, keys stable. Written
        // directly (not through a serde_json map, which would sort the keys).
        let mut map = s.serialize_map(None)?;
        self.overall.write_entries(&mut map)?;
        map.serialize_entry("by_type", &self.by_type)?;
        map.end()
    }
}

/// p50, p95 and max of latencies in milliseconds (nearest-rank percentiles).
pub fn percentiles(mut ms: Vec<f64>) -> (f64, f64, f64) {
    if ms.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    (at(0.50), at(0.95), ms[ms.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold<'a>(ids: &[&'a str]) -> HashSet<&'a str> {
        ids.iter().copied().collect()
    }

    #[test]
    fn hand_computed_query() {
        // Gold {b, d}; ranking a b c d e. recall@1 = 0, recall@2 = 1/2, recall@5 = 2/2; MRR = 1/2;
        // DCG@10 = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068 = 1.06161; IDCG = 1 + 0.63093 = 1.63093; nDCG = 0.65092.
        let s = score(&["a", "b", "c", "d", "e"], &gold(&["b", "d"]), &[1, 2, 5]);
        assert_eq!(s.at_k, vec![(1, 0.0, 0.0), (2, 0.5, 1.0), (5, 1.0, 1.0)]);
        assert_eq!(s.mrr, 0.5);
        assert!((s.ndcg10 - 0.650_92).abs() < 1e-4, "{}", s.ndcg10);
    }

    #[test]
    fn missing_gold_scores_zero_and_mrr_stops_at_100() {
        let s = score(&["x", "y"], &gold(&["z"]), &[1, 10]);
        assert_eq!((s.mrr, s.ndcg10), (0.0, 0.0));
        let mut long: Vec<String> = (0..150).map(|i| format!("m{i}")).collect();
        long[120] = "gold".into();
        let refs: Vec<&str> = long.iter().map(String::as_str).collect();
        assert_eq!(score(&refs, &gold(&["gold"]), &[10]).mrr, 0.0);
        long.swap(120, 99);
        let refs: Vec<&str> = long.iter().map(String::as_str).collect();
        assert_eq!(score(&refs, &gold(&["gold"]), &[10]).mrr, 0.01);
    }

    #[test]
    fn conversation_level_keeps_first_occurrence() {
        let convs = first_occurrences(["S2", "S2", "S1", "S2", "S3", "S1"]);
        assert_eq!(convs, ["S2", "S1", "S3"]);
        let s = score(&convs, &gold(&["S1"]), &[1, 5]);
        assert_eq!(s.at_k, vec![(1, 0.0, 0.0), (5, 1.0, 1.0)]);
        assert_eq!(s.mrr, 0.5);
    }

    #[test]
    fn summary_means_and_json_keys() {
        let mut level = LevelReport::default();
        level.add("tech-stack", &score(&["a", "b"], &gold(&["a"]), &[1, 5]));
        level.add("knowledge-update", &score(&["a", "b"], &gold(&["b"]), &[1, 5]));
        assert_eq!(level.overall.queries, 2);
        assert_eq!(level.overall.hit(1), 0.5);
        assert_eq!(level.overall.mrr(), 0.75);
        let json = serde_json::to_string(&level).unwrap();
        assert!(
            json.starts_with(
                r#"{"queries":2,"recall@1":0.5,"recall@5":1.0,"hit@1":0.5,"hit@5":1.0,"mrr":0.75,"ndcg@10":"#
            ),
            "{json}"
        );
        assert!(json.contains(r#""by_type":{"knowledge-update":{"queries":1,"recall@1":0.0"#), "{json}");
    }

    #[test]
    fn nearest_rank_percentiles() {
        let ms: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(percentiles(ms), (10.0, 19.0, 20.0));
        assert_eq!(percentiles(vec![]), (0.0, 0.0, 0.0));
    }
}
