//! `mx memories list`: list memories, newest first.

use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use mx_store::{ListRequest, Sort};

use crate::commands::shared::FilterArgs;
use crate::output::{self, Context};

use super::write_memories;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortArg {
    Newest,
    Oldest,
    Importance,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// The N newest (same as --limit N --sort newest)
    #[arg(long, value_name = "N", conflicts_with_all = ["limit", "sort"])]
    pub last: Option<usize>,
    /// Order
    #[arg(long, value_enum, default_value_t = SortArg::Newest)]
    pub sort: SortArg,
    /// Include memories that newer ones superseded
    #[arg(long)]
    pub include_superseded: bool,
}

pub(super) fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let now = Timestamp::now();
    let mut req = ListRequest::default();
    req.filter = args.filter.to_filter(ctx, now)?;
    req.filter.include_superseded = args.include_superseded;
    req.sort = match args.sort {
        SortArg::Newest => Sort::Newest,
        SortArg::Oldest => Sort::Oldest,
        SortArg::Importance => Sort::Importance,
    };
    req.limit = Some(args.last.unwrap_or(args.limit));
    if args.last.is_some() {
        req.sort = Sort::Newest;
    }
    let memories = ctx.open_store()?.list(&req)?;
    let mut out = output::stdout();
    write_memories(&mut out, ctx, &memories, "no memories match; save one with `mx memories create`")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
