//! `mx memories stats`: how many memories, by day, week, month or topic; `--usage`: injected against used.

use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use mx_store::StatsGroup;

use crate::commands::shared::FilterArgs;
use crate::output::{self, Context, Format, write_structured, write_table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsGroupArg {
    Day,
    Week,
    Month,
    Topic,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How to group
    #[arg(long, value_enum, default_value_t = StatsGroupArg::Month)]
    pub group_by: StatsGroupArg,
    /// Show, by assistant and kind, how many memories the hooks injected into sessions and how many of those the
    /// assistant then used (counted once per session; "used" means the session's transcript cites the memory's id,
    /// repeats four of its words in a row, or uses two of its identifiers, none of which the user or a tool said
    /// first)
    #[arg(long, conflicts_with = "group_by")]
    pub usage: bool,
}

pub(super) fn stats(ctx: &Context, args: &StatsArgs) -> anyhow::Result<ExitCode> {
    let filter = args.filter.to_filter(ctx, Timestamp::now())?;
    if args.usage {
        return usage_stats(ctx, &filter);
    }
    let group = match args.group_by {
        StatsGroupArg::Day => StatsGroup::Day,
        StatsGroupArg::Week => StatsGroup::Week,
        StatsGroupArg::Month => StatsGroup::Month,
        StatsGroupArg::Topic => StatsGroup::Topic,
    };
    let rows = ctx.open_store()?.stats(&filter, group)?;
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &rows)?,
        Format::Llm => {
            for r in &rows {
                writeln!(out, "{} {}", r.key, r.memories)?;
            }
        }
        Format::Table => {
            let heading = match args.group_by {
                StatsGroupArg::Day => "DAY",
                StatsGroupArg::Week => "WEEK",
                StatsGroupArg::Month => "MONTH",
                StatsGroupArg::Topic => "TOPIC",
            };
            let mut t = output::table(&[heading, "MEMORIES"]);
            for r in &rows {
                t.add_row(vec![r.key.clone(), r.memories.to_string()]);
            }
            let total: usize = rows.iter().map(|r| r.memories).sum();
            if args.group_by != StatsGroupArg::Topic {
                t.add_row(vec!["total".to_owned(), total.to_string()]);
            }
            write_table(&mut out, &t)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `mx memories stats --usage`: injected against used, by assistant and kind, with a total per assistant.
fn usage_stats(ctx: &Context, filter: &mx_store::Filter) -> anyhow::Result<ExitCode> {
    let rows = ctx.open_store()?.usage_stats(filter)?;
    let mut out = output::stdout();
    let share = |used: usize, injected: usize| {
        if injected == 0 { "-".to_owned() } else { format!("{:.0}%", 100.0 * used as f64 / injected as f64) }
    };
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &rows)?,
        Format::Llm => {
            for r in &rows {
                writeln!(out, "{} {} injected {} used {}", r.assistant, r.kind.as_str(), r.injected, r.used)?;
            }
        }
        Format::Table => {
            if rows.is_empty() {
                writeln!(
                    out,
                    "no injected memories recorded yet; the hooks record them once `mx setup <assistant>` is done"
                )?;
                out.flush()?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut t = output::table(&["ASSISTANT", "KIND", "INJECTED", "USED", "USED %"]);
            let mut assistants: Vec<&str> = rows.iter().map(|r| r.assistant.as_str()).collect();
            assistants.dedup();
            for assistant in assistants {
                let mine: Vec<_> = rows.iter().filter(|r| r.assistant == assistant).collect();
                for r in &mine {
                    t.add_row(vec![
                        r.assistant.clone(),
                        r.kind.as_str().to_owned(),
                        r.injected.to_string(),
                        r.used.to_string(),
                        share(r.used, r.injected),
                    ]);
                }
                let (injected, used) = mine.iter().fold((0, 0), |(i, u), r| (i + r.injected, u + r.used));
                t.add_row(vec![
                    assistant.to_owned(),
                    "total".to_owned(),
                    injected.to_string(),
                    used.to_string(),
                    share(used, injected),
                ]);
            }
            write_table(&mut out, &t)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
