//! `mx memories stale` and `mx memories reanchor`: the memories whose anchored code moved since they were written,
//! and what to do about one that still holds. Superseding (`mx memories create --supersedes ID`) and deleting
//! (`mx memories delete ID`) are the other two answers.

use std::io::Write as _;
use std::process::ExitCode;

use jiff::Timestamp;

use crate::commands::shared::FilterArgs;
use crate::output::{self, Context, Format, Style, paint, write_structured, write_table};

#[derive(Debug, clap::Args)]
pub struct StaleArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many, newest first
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
}

#[derive(Debug, clap::Args)]
pub struct ReanchorArgs {
    /// Ids, unique id prefixes (6+ characters) or names of memories that still hold although their code moved
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
}

pub fn stale(ctx: &Context, args: &StaleArgs) -> anyhow::Result<ExitCode> {
    let filter = args.filter.to_filter(ctx, Timestamp::now())?;
    let memories = ctx.open_store()?.stale(&filter, Some(args.limit))?;
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &memories)?,
        Format::Llm => {
            for m in &memories {
                writeln!(out, "{}", output::memory_llm_line(m))?;
            }
        }
        Format::Table if memories.is_empty() => {
            let hint = "no memory's anchored code moved since it was written";
            let _ = writeln!(std::io::stderr(), "{}", paint(hint, Style::Dim, ctx.stderr_is_terminal && ctx.color));
        }
        Format::Table => {
            let mut t = output::table(&["ID", "KIND", "WHAT MOVED", "CONTENT"]);
            for m in &memories {
                t.add_row(vec![
                    m.id.short().to_owned(),
                    m.kind.to_string(),
                    output::stale_mark(m).unwrap_or_default().to_owned(),
                    output::one_line(&m.content, 60),
                ]);
            }
            write_table(&mut out, &t)?;
            let hint = "still holds: mx memories reanchor ID · changed: mx memories create --supersedes ID · gone: \
                        mx memories delete ID";
            let _ = writeln!(std::io::stderr(), "{}", paint(hint, Style::Dim, ctx.stderr_is_terminal && ctx.color));
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn reanchor(ctx: &Context, args: &ReanchorArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.open_store()?;
    let mut done = Vec::with_capacity(args.ids.len());
    for id in &args.ids {
        done.push(store.reanchor(id)?);
    }
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &done)?,
        Format::Llm | Format::Table => {
            for r in &done {
                let files = if r.memory.files.is_empty() { "no files".to_owned() } else { r.memory.files.join(", ") };
                writeln!(out, "re-anchored {} to {}: {files}", r.memory.id, r.memory.commit.as_deref().unwrap_or("-"))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
