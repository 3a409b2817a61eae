//! `mx index rebuild`.

use std::io::Write;
use std::process::ExitCode;

use crate::output::{self, Context, Format, write_structured};

#[derive(Debug, clap::Subcommand)]
pub enum IndexCommand {
    /// Rebuild the search index from the database (safe at any time; searches keep working meanwhile).
    Rebuild,
}

pub fn run(ctx: &Context, cmd: IndexCommand) -> anyhow::Result<ExitCode> {
    let IndexCommand::Rebuild = cmd;
    let store = ctx.open_store()?;
    let bar = output::progress_bar(ctx, 0, "indexing");
    let count = store.rebuild_index(&mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })?;
    bar.finish_and_clear();
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => {
            write_structured(&mut out, ctx.format, &serde_json::json!({ "indexed": count }))?
        }
        _ => writeln!(out, "rebuilt the search index: {count} memories")?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
