//! `mx eval retrieval`: measure retrieval quality on a dataset (see [`crate::eval`]); `mx eval context`: measure
//! what the hooks inject (see [`crate::eval::context`]).

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
    /// A dataset is a folder with memories.jsonl and queries.jsonl (format: eval/README.md in the mx repository).
    Retrieval(RetrievalArgs),
    /// Import a dataset into a temporary store, run an assistant's real hooks for each task (session start, then
    /// the prompt) at the task's time, and score what they inject against the memories the task needs.
    ///
    /// A dataset is a folder with memories.jsonl and tasks.jsonl; the format is in eval/README.md of the mx
    /// repository.
    Context(ContextArgs),
    /// Fit the ranking's weights (core/weights.json) on retrieval datasets, with leave-one-dataset-out
    /// cross-validation: for each dataset, the weights fitted on the others and its figures under them.
    ///
    /// Each dataset is imported and each question searched once; every weight vector only re-ranks. Deterministic.
    Fit(FitArgs),
}

#[derive(Debug, clap::Args)]
pub struct FitArgs {
    /// Dataset folders (memories.jsonl + queries.jsonl), comma-separated
    #[arg(long, value_delimiter = ',', required = true, value_name = "DIR,...")]
    pub datasets: Vec<PathBuf>,
    /// Write the weights fitted on every dataset here (the format of core/weights.json)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Start from these weights instead of the shipped ones
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
    /// Rounds of coordinate ascent at most
    #[arg(long, default_value_t = 3)]
    pub rounds: usize,
    /// Weights to leave where they start, comma-separated JSON keys (e.g. `prf,prfDocs,prfTerms`)
    #[arg(long, value_delimiter = ',', value_name = "KEY,...", conflicts_with = "only")]
    pub freeze: Vec<String>,
    /// Fit only these weights, comma-separated JSON keys; every other weight stays where it starts
    #[arg(long, value_delimiter = ',', value_name = "KEY,...")]
    pub only: Vec<String>,
    /// A floor on a dataset's conversation-level hit@1 that fits training on it must keep, as NAME=FRACTION
    /// (the dataset folder's name; the CI gate is `devmembench=0.95`)
    #[arg(long, value_name = "NAME=FRACTION", value_parser = parse_floor)]
    pub gate: Vec<(String, f64)>,
}

fn parse_floor(text: &str) -> Result<(String, f64), String> {
    let (name, value) = text.split_once('=').ok_or("write NAME=FRACTION, e.g. devmembench=0.95")?;
    let value: f64 = value.parse().map_err(|_| format!("{value} is not a number"))?;
    Ok((name.to_owned(), value))
}

#[derive(Debug, clap::Args)]
pub struct ContextArgs {
    /// Dataset folder holding memories.jsonl and tasks.jsonl
    #[arg(long, value_name = "DIR")]
    pub dataset: PathBuf,
    /// The assistant whose hooks run
    #[arg(long, default_value = "claude-code")]
    pub assistant: String,
    /// Run only the first N tasks
    #[arg(long, value_name = "N")]
    pub limit_tasks: Option<usize>,
    /// The prompt gate to run with instead of the fitted one, e.g. `hits=3,coverage=0.3,relative=0.5` (for
    /// fitting it on tuning sets: eval/fit-gate.sh)
    #[arg(long, value_name = "KEY=VALUE,...", value_parser = parse_gate)]
    pub gate: Option<mx_core::gate::PromptGate>,
    /// Fail (exit 1) when the needed-memory recall over all tasks is below this value (for CI)
    #[arg(long, value_name = "FRACTION")]
    pub min_recall: Option<f64>,
    /// Fail (exit 1) when the mean per-prompt precision is below this value
    #[arg(long, value_name = "FRACTION")]
    pub min_precision: Option<f64>,
    /// Fail (exit 1) when any task's session start plus prompt injection exceeds this many tokens
    #[arg(long, value_name = "TOKENS")]
    pub max_tokens: Option<usize>,
    /// Fail (exit 1) when more than this many superseded or replaced memories are injected as current
    #[arg(long, value_name = "N")]
    pub max_superseded: Option<usize>,
    /// Include each hook's injected text in the JSON report
    #[arg(long)]
    pub show_text: bool,
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
    /// Before the queries, record random usage (sessions injected, used) for every memory from this seed: the
    /// ablation of usage in ranking when usage carries no information
    #[arg(long, value_name = "SEED")]
    pub usage_noise: Option<u64>,
    /// Rank with the weights in this file (the format of core/weights.json) instead of the shipped ones
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Ranking {
    Full,
    Bm25,
}

pub fn run(ctx: &Context, cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        EvalCommand::Retrieval(args) => retrieval(ctx, args),
        EvalCommand::Context(args) => context(ctx, args),
        EvalCommand::Fit(args) => fit(ctx, args),
    }
}

fn read_weights(path: &std::path::Path) -> anyhow::Result<mx_core::tuning::Tuning> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| crate::error::usage(format!("cannot read {}: {e}; pass a weights file", path.display())))?;
    mx_core::tuning::Tuning::from_json(&text).map_err(|e| {
        crate::error::usage(format!("{}: {e}; write it in the format of core/weights.json", path.display()))
    })
}

fn fit(ctx: &Context, args: FitArgs) -> anyhow::Result<ExitCode> {
    let start = match &args.weights {
        Some(path) => read_weights(path)?,
        None => mx_core::tuning::Tuning::shipped().clone(),
    };
    let opts = crate::eval::fit::FitOptions {
        datasets: args.datasets,
        rounds: args.rounds,
        start,
        frozen: if args.only.is_empty() { args.freeze } else { crate::eval::fit::all_but(&args.only)? },
        gates: args.gate,
    };
    let report = crate::eval::fit::run(&opts, &mut |line| eprintln!("{line}"))?;
    if let Some(out) = &args.out {
        std::fs::write(out, report.all.to_json())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", out.display()))?;
    }
    let mut out = output::stdout();
    match ctx.format {
        Format::Table | Format::Llm => write!(out, "{}", crate::eval::fit::render_table(&report))?,
        format => output::write_structured(&mut out, format, &report)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn progress_reporter(bar: &indicatif::ProgressBar) -> impl FnMut(u64, u64, &str) + '_ {
    move |done, total, phase| {
        if bar.length() != Some(total) || bar.message() != phase {
            bar.set_length(total);
            bar.set_message(phase.to_owned());
        }
        bar.set_position(done);
    }
}

fn parse_gate(text: &str) -> Result<mx_core::gate::PromptGate, String> {
    mx_core::gate::PromptGate::parse(text)
}

fn context(ctx: &Context, args: ContextArgs) -> anyhow::Result<ExitCode> {
    let opts = crate::eval::context::ContextOptions {
        dataset: args.dataset,
        assistant: args.assistant,
        limit_tasks: args.limit_tasks,
        gate: args.gate,
    };
    let bar = output::progress_bar(ctx, 0, "importing");
    let mut report = crate::eval::context::run(&opts, &mut progress_reporter(&bar))?;
    bar.finish_and_clear();
    if !args.show_text {
        for t in &mut report.tasks {
            t.session_start.text.clear();
            t.prompt_hook.text.clear();
        }
    }

    let mut out = output::stdout();
    match ctx.format {
        Format::Table | Format::Llm => write!(out, "{}", crate::eval::context::render_table(&report))?,
        format => output::write_structured(&mut out, format, &report)?,
    }
    out.flush()?;

    let o = &report.overall;
    let mut failures = Vec::new();
    if let Some(min) = args.min_recall.filter(|min| o.recall < *min) {
        failures.push(format!("needed-memory recall is {:.3}, below the required {min:.3}", o.recall));
    }
    if let Some(min) = args.min_precision.filter(|min| o.prompt_precision < *min) {
        failures.push(format!("prompt precision is {:.3}, below the required {min:.3}", o.prompt_precision));
    }
    if let Some(max) = args.max_tokens.filter(|max| o.max_tokens > *max) {
        failures.push(format!("a task got {} tokens, above the allowed {max}", o.max_tokens));
    }
    if let Some(max) = args.max_superseded.filter(|max| o.superseded_injected > *max) {
        failures.push(format!("{} superseded memories were injected, above the allowed {max}", o.superseded_injected));
    }
    if !failures.is_empty() {
        eprintln!("error: {}", failures.join("; "));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn retrieval(ctx: &Context, args: RetrievalArgs) -> anyhow::Result<ExitCode> {
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
        usage_noise: args.usage_noise,
        tuning: args.weights.as_deref().map(read_weights).transpose()?,
    };
    let bar = output::progress_bar(ctx, 0, "importing");
    let report = crate::eval::run(&opts, &mut progress_reporter(&bar))?;
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
