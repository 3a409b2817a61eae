//! `mx topics list`.

use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;

use super::shared::FilterArgs;
use crate::output::{self, Context, Format, write_structured, write_table};

#[derive(Debug, clap::Subcommand)]
pub enum TopicsCommand {
    /// Topics with how many memories use them, most used first.
    List(ListArgs),
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(ctx: &Context, cmd: TopicsCommand) -> anyhow::Result<ExitCode> {
    let TopicsCommand::List(args) = cmd;
    let filter = args.filter.to_filter(ctx, Timestamp::now())?;
    let topics = ctx.open_store()?.topics(&filter)?;
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &topics)?,
        Format::Llm => {
            for t in &topics {
                writeln!(out, "{} {} last={}", t.topic, t.memories, output::short_date(t.last_at))?;
            }
        }
        Format::Table => {
            let mut table = output::table(&["TOPIC", "MEMORIES", "LAST USED"]);
            for t in &topics {
                table.add_row(vec![t.topic.clone(), t.memories.to_string(), output::short_time(t.last_at)]);
            }
            if topics.is_empty() {
                let _ = writeln!(std::io::stderr(), "no topics yet; add some with `mx memories create --topics a,b`");
            } else {
                write_table(&mut out, &table)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
