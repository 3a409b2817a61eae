//! The Rust side of the binding-overhead benchmark: the same `Store::search` calls that bench_search.py makes
//! through Python, on the same store, timed the same way. Run by bench_search.py; by hand:
//! `cargo bench -p mx-memory-python --bench search -- HOME PROJECT ROUNDS BLOCKS QUERY...`
//! Prints one line per query: `<query>\t<ns per call>\t<results>`, the time per call being the mean over ROUNDS calls
//! in the fastest of BLOCKS blocks (the machine is shared: the fastest block is the least disturbed one).

use std::process::ExitCode;
use std::time::Instant;

use mx_store::{Filter, Scope, SearchRequest, Store};

fn main() -> ExitCode {
    // `cargo bench` appends `--bench`; everything else is ours.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let [home, project, rounds, blocks, queries @ ..] = args.as_slice() else {
        eprintln!("usage: search HOME PROJECT ROUNDS BLOCKS QUERY...");
        return ExitCode::from(2);
    };
    let (Ok(rounds), Ok(blocks)) = (rounds.parse::<u32>(), blocks.parse::<u32>()) else {
        eprintln!("ROUNDS and BLOCKS must be numbers, got {rounds} and {blocks}");
        return ExitCode::from(2);
    };
    let store = match Store::open(home) {
        Ok(store) => store,
        Err(err) => {
            eprintln!("cannot open the store: {err}");
            return ExitCode::FAILURE;
        }
    };
    for query in queries {
        let mut filter = Filter::default();
        filter.scope = Scope::Project(project.clone());
        let req = SearchRequest {
            query: query.clone(),
            filter,
            limit: 10,
            now: None,
            conversation_id: None,
            mode: Default::default(),
        };
        let mut hits = 0;
        // Warm-up: the first search opens the index reader and fills caches, as the Python side's warm-up does.
        for _ in 0..3 {
            if let Ok(found) = store.search(&req) {
                hits = found.len();
            }
        }
        let mut fastest = u128::MAX;
        for _ in 0..blocks.max(1) {
            let started = Instant::now();
            for _ in 0..rounds.max(1) {
                match store.search(&req) {
                    Ok(found) => hits = std::hint::black_box(found).len(),
                    Err(err) => {
                        eprintln!("search failed: {err}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            fastest = fastest.min(started.elapsed().as_nanos() / u128::from(rounds.max(1)));
        }
        let mean = fastest;
        println!("{query}\t{mean}\t{hits}");
    }
    ExitCode::SUCCESS
}
