//! `mx eval retrieval`: measure retrieval quality on a dataset (see [`crate::eval`]).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use mx_core::rank::RankingMode;

use crate::eval::{EvalOptions, render_table};
use crate::output::{self, Context, Format};

#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Import a dataset into a temporary store, run its queries through `mx memories search`, print the metrics.
    ///
    /// A dataset is a folder with memories.jsonl and queries.jsonl (format: shared/eval/README.md).
    Retrieval(RetrievalArgs),
}

#[derive(Debug, clap::Args)]
pub struct RetrievalArgs {
    /// Dataset folder holding memories.jsonl and queries.jsonl
    #[arg(long, value_name = "DIR")]
    pub dataset: PathBuf,
    /// Cut-offs for recall@k and hit@k
    #[arg(long, value_delimiter = ',', default_value = "1,5,10", value_parser = clap::value_parser!(u16).range(1..=100))]
    pub k: Vec<u16>,
    /// Score only the first N queries
    #[arg(long, value_name = "N")]
    pub limit_queries: Option<usize>,
    /// `full` = every ranking signal; `bm25` = lexical score only (the baseline)
    #[arg(long, value_enum, default_value = "full")]
    pub ranking: Ranking,
    /// Fail (exit 1) when conversation-level hit@1 is below this value (for CI)
    #[arg(long, value_name = "FRACTION")]
    pub min_conversation_hit1: Option<f64>,
    /// Add `miss_details` to the JSON report: for every query missed at rank 1, its top N results (error analysis)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub show_misses: usize,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Ranking {
    Full,
    Bm25,
}

pub fn run(cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    let EvalCommand::Retrieval(args) = cmd;
    let ctx = Context::get();
    let mut ks: Vec<usize> = args.k.iter().map(|&k| usize::from(k)).collect();
    ks.sort_unstable();
    if args.min_conversation_hit1.is_some() && !ks.contains(&1) {
        ks.push(1);
    }
    ks.sort_unstable();
    ks.dedup();
    let opts = EvalOptions {
        dataset: args.dataset,
        ks: ks.clone(),
        limit_queries: args.limit_queries,
        mode: match args.ranking {
            Ranking::Full => RankingMode::Full,
            Ranking::Bm25 => RankingMode::Bm25,
        },
        show_misses: args.show_misses,
    };
    let bar = output::progress_bar(ctx, 0, "importing");
    let report = crate::eval::run(&opts, &mut |done, total, phase| {
        if bar.length() != Some(total) || bar.message() != phase {
            bar.set_length(total);
            bar.set_message(phase.to_owned());
        }
        bar.set_position(done);
    })?;
    bar.finish_and_clear();

    let mut out = output::stdout();
    match ctx.format {
        Format::Table | Format::Llm => write!(out, "{}", render_table(&report, &ks))?,
        format => output::write_structured(&mut out, format, &report)?,
    }
    out.flush()?;

    if let Some(min) = args.min_conversation_hit1 {
        let hit1 = report.conversation_level.overall.hit(1);
        if report.conversation_level.overall.queries == 0 || hit1 < min {
            eprintln!("error: conversation-level hit@1 is {hit1:.3}, below the required {min:.3}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
