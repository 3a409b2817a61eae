//! `mx memories search`: ranked search results in every format, grouped by conversation on request.

use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use mx_core::rank::{Ranked, RankingMode, display_score};
use mx_store::SearchRequest;
use serde::Serialize;

use crate::commands::shared::{FilterArgs, parse_date};
use crate::error::usage;
use crate::output::{self, Context, Format, Style, paint, write_structured, write_table};

use super::{eprintln_hint, now_or};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SearchGroup {
    Conversation,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for
    #[arg(value_name = "QUERY", conflicts_with = "query_flag")]
    pub query: Option<String>,
    /// What to look for (same as the argument)
    #[arg(long = "query", id = "query_flag", value_name = "QUERY")]
    pub query_flag: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many results
    #[arg(long, default_value_t = mx_store::input::DEFAULT_SEARCH_LIMIT)]
    pub limit: usize,
    /// Show each result's score breakdown (each column is a signal's share of the score; see the legend under the
    /// table)
    #[arg(long)]
    pub explain: bool,
    /// Include memories that newer ones superseded, and every near-duplicate (nothing folded)
    #[arg(long)]
    pub include_superseded: bool,
    /// Group results
    #[arg(long, value_enum)]
    pub group_by: Option<SearchGroup>,
    /// Rank with lexical relevance only (the eval's baseline)
    #[arg(long, hide = true)]
    pub bm25_only: bool,
    /// "Now" for recency (RFC 3339 or YYYY-MM-DD); for reproducible runs
    #[arg(long, value_parser = parse_date, hide = true)]
    pub now: Option<Timestamp>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ConversationGroup<'a> {
    conversation_id: String,
    results: Vec<&'a Ranked>,
}

pub(super) fn search(ctx: &Context, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let query = args
        .query
        .clone()
        .or_else(|| args.query_flag.clone())
        .ok_or_else(|| usage("no query given; pass it as an argument: mx memories search \"payment retries\""))?;
    mx_store::input::query(&query).map_err(mx_core::Error::from)?;
    let now = now_or(args.now);
    let mut filter = args.filter.to_filter(ctx, now)?;
    filter.include_superseded = args.include_superseded;
    let req = SearchRequest {
        query,
        conversation_id: filter.conversation_id.clone(),
        filter,
        limit: args.limit,
        now: args.now,
        mode: if args.bm25_only { RankingMode::Bm25 } else { RankingMode::Full },
    };
    req.check().map_err(mx_core::Error::from)?;
    let results = ctx.open_store()?.search(&req)?;
    let mut out = output::stdout();
    let groups: Option<Vec<ConversationGroup<'_>>> = args.group_by.map(|_| group_by_conversation(&results));
    match (ctx.format, &groups) {
        (Format::Json | Format::Yaml, Some(g)) => write_structured(&mut out, ctx.format, g)?,
        (Format::Json | Format::Yaml, None) => write_structured(&mut out, ctx.format, &results)?,
        (Format::Llm, _) => {
            for r in &results {
                let mut line = format!("{:.3} {}", display_score(r.score), output::memory_llm_line(&r.memory));
                if r.folded > 0 {
                    line.push_str(&folded_note(r.folded));
                }
                if args.explain {
                    line.push_str(&format!(" | {}", explain_text(&r.breakdown)));
                }
                writeln!(out, "{line}")?;
            }
        }
        (Format::Table, _) if results.is_empty() => {
            eprintln_hint(ctx, "no memories match; try other words or --all-projects");
        }
        (Format::Table, Some(g)) => {
            for (i, group) in g.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                writeln!(
                    out,
                    "{}",
                    paint(&format!("conversation {}", group.conversation_id), Style::Heading, ctx.color)
                )?;
                write_table(&mut out, &ranked_table(&group.results, args.explain))?;
            }
        }
        (Format::Table, None) => {
            let refs: Vec<&Ranked> = results.iter().collect();
            write_table(&mut out, &ranked_table(&refs, args.explain))?;
        }
    }
    // The short column names fit the table but are explained nowhere else.
    if args.explain && ctx.format == Format::Table && !results.is_empty() {
        writeln!(out, "{}", paint(EXPLAIN_LEGEND, Style::Dim, ctx.color))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn group_by_conversation(results: &[Ranked]) -> Vec<ConversationGroup<'_>> {
    let mut groups: Vec<ConversationGroup<'_>> = Vec::new();
    for r in results {
        let conv = r.memory.conversation_id.as_str();
        match groups.iter_mut().find(|g| g.conversation_id == conv) {
            Some(g) => g.results.push(r),
            None => groups.push(ConversationGroup { conversation_id: conv.to_owned(), results: vec![r] }),
        }
    }
    groups
}

fn explain_text(b: &mx_core::rank::ScoreBreakdown) -> String {
    let mut text = format!(
        "lexical={:.3} topic={:.3} conversation={:.3} project={:.3} kind={:.3} importance={:.3} recency={:.3}",
        b.lexical, b.topic, b.conversation, b.project, b.kind, b.importance, b.recency,
    );
    // Adjustments that most results do not have are named only when they moved this one.
    for (name, v) in [
        ("superseded", b.superseded),
        ("twin", b.twin),
        ("stale", b.stale),
        ("usage", b.usage),
        ("diversity", b.diversity),
    ] {
        if v != 0.0 {
            text.push_str(&format!(" {name}={v:.3}"));
        }
    }
    text.push_str(&format!(" total={:.3}", display_score(b.total)));
    text
}

/// What the `--explain` columns mean: each is that signal's weighted share of SCORE.
const EXPLAIN_LEGEND: &str = "legend: LEXICAL words of the query matched, TOPIC topics matched, CONV same conversation, PROJECT \
                              this project, KIND+ the kind's weight (or the kind the question asks for), IMPORT \
                              importance, RECENCY newer scores higher; SCORE adds them up, minus penalties (superseded, stale code) \
                              and plus or minus how often past sessions used the memory";

fn ranked_table(results: &[&Ranked], explain: bool) -> comfy_table::Table {
    let mut headers = vec!["ID", "SCORE"];
    if explain {
        headers.extend(["LEXICAL", "TOPIC", "CONV", "PROJECT", "KIND+", "IMPORT", "RECENCY"]);
    }
    headers.extend(["KIND", "CREATED", "CONTENT"]);
    let mut t = output::table(&headers);
    for r in results {
        let mut row = vec![r.memory.id.short().to_owned(), format!("{:.3}", display_score(r.score))];
        if explain {
            let b = &r.breakdown;
            for v in [b.lexical, b.topic, b.conversation, b.project, b.kind, b.importance, b.recency] {
                row.push(format!("{v:.3}"));
            }
        }
        row.push(output::kind_label(&r.memory));
        row.push(output::short_date(r.memory.created_at));
        let mut content = output::one_line(&r.memory.content, if explain { 40 } else { output::CONTENT_PREVIEW_CHARS });
        if r.folded > 0 {
            content.push_str(&folded_note(r.folded));
        }
        row.push(content);
        t.add_row(row);
    }
    t
}

/// Says how many near-duplicates a result stands for, and how to see them.
fn folded_note(folded: usize) -> String {
    format!(" (+{folded} similar folded; --include-superseded shows them)")
}
