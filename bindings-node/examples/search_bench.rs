//! The Rust side of `bench/search.mjs`: the same searches on the same store, straight through `mx_store::Store`, so
//! the difference is what the Node binding adds (argument conversion, the JSON shape, the napi call).
//!
//! Usage: search_bench HOME PROJECT NOW ITERATIONS QUERY... ; prints one JSON object with nanoseconds per search.

use std::process::ExitCode;
use std::time::Instant;

use mx_store::{Scope, SearchRequest, Store};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [home, project, now, iterations, queries @ ..] = args.as_slice() else {
        eprintln!("usage: search_bench HOME PROJECT NOW ITERATIONS QUERY...");
        return ExitCode::from(2);
    };
    match run(home, project, now, iterations, queries) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("search_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(home: &str, project: &str, now: &str, iterations: &str, queries: &[String]) -> Result<(), String> {
    let store = Store::open(home).map_err(|e| e.to_string())?;
    let now = now.parse().map_err(|e| format!("NOW: {e}"))?;
    let iterations: usize = iterations.parse().map_err(|e| format!("ITERATIONS: {e}"))?;
    if iterations == 0 || queries.is_empty() {
        return Err("give at least one iteration and one query".into());
    }
    let request = |query: &str| {
        let mut req = SearchRequest::new(query);
        req.filter.scope = Scope::Project(project.to_owned());
        req.limit = 10;
        req.now = Some(now);
        req
    };
    // Warm-up: index caught up, pages cached, the same state the Node side measures in.
    let mut results = 0;
    for q in queries {
        results += store.search(&request(q)).map_err(|e| e.to_string())?.len();
    }
    let mut samples = Vec::with_capacity(iterations * queries.len());
    for _ in 0..iterations {
        for q in queries {
            let req = request(q);
            let start = Instant::now();
            let ranked = store.search(&req).map_err(|e| e.to_string())?;
            samples.push(start.elapsed().as_nanos() as u64);
            std::hint::black_box(ranked);
        }
    }
    samples.sort_unstable();
    let mean = samples.iter().sum::<u64>() / samples.len().max(1) as u64;
    let median = samples[samples.len() / 2];
    println!("{{\"meanNs\":{mean},\"medianNs\":{median},\"searches\":{},\"warmupResults\":{results}}}", samples.len());
    Ok(())
}
