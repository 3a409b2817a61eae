//! `mx memories build-context`: a briefing before work: active work, relevant decisions and constraints, gotchas
//! touching the files.

use std::process::ExitCode;

use jiff::Timestamp;
use mx_store::ContextRequest;

use crate::commands::shared::FilterArgs;
use crate::output::Context;

use super::write_digest;

#[derive(Debug, clap::Args)]
pub struct BuildContextArgs {
    /// What you are about to work on
    #[arg(long, value_name = "TEXT")]
    pub context: Option<String>,
    /// Files you are about to touch (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', value_name = "PATHS")]
    pub files: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Token budget
    #[arg(long)]
    pub max_tokens: Option<usize>,
}

pub(super) fn build_context(ctx: &Context, args: &BuildContextArgs) -> anyhow::Result<ExitCode> {
    let mut req = ContextRequest::default();
    req.context = args.context.clone().filter(|c| !c.trim().is_empty());
    req.files = args.files.clone();
    req.filter = args.filter.to_filter(ctx, Timestamp::now())?;
    req.max_tokens = args.max_tokens;
    req.check().map_err(mx_core::Error::from)?;
    let d = ctx.open_store()?.build_context(&req)?;
    write_digest(ctx, &d)
}
