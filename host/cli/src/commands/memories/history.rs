//! `mx memories history`: every version and change of a memory.

use std::io::Write;
use std::process::ExitCode;

use crate::output::{self, Context, Format, write_structured, write_table};

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Id, unique prefix or name
    pub id: String,
}

pub(super) fn history(ctx: &Context, args: &HistoryArgs) -> anyhow::Result<ExitCode> {
    let entries = ctx.open_store()?.history(&args.id)?;
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &entries)?,
        Format::Llm => {
            for e in &entries {
                writeln!(out, "#{} {} {}: {}", e.seq, e.at, e.action, output::memory_llm_line(&e.memory))?;
            }
        }
        Format::Table => {
            // Each entry holds the memory as it was at that event, so its own state would show the first version as
            // current even after it was superseded: the column shows what each version is now (its last entry).
            let state_now = |id: &mx_core::MemoryId| {
                entries.iter().rev().find(|e| &e.memory.id == id).map_or_else(String::new, |last| {
                    if last.action == "delete" {
                        "deleted".to_owned()
                    } else {
                        format!("{:?}", last.memory.state).to_lowercase()
                    }
                })
            };
            let mut t = output::table(&["SEQ", "AT", "ACTION", "ID", "STATE NOW", "CONTENT"]);
            for e in &entries {
                t.add_row(vec![
                    e.seq.to_string(),
                    output::short_time(e.at),
                    e.action.clone(),
                    e.memory.id.short().to_owned(),
                    state_now(&e.memory.id),
                    output::one_line(&e.memory.content, 60),
                ]);
            }
            write_table(&mut out, &t)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
