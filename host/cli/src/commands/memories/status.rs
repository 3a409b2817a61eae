//! `mx memories status`: where the work stands: a status-report digest.

use std::process::ExitCode;

use jiff::Timestamp;
use mx_core::digest::{DEFAULT_MAX_TOKENS, DigestFormat};
use mx_store::DigestRequest;

use crate::commands::shared::FilterArgs;
use crate::output::Context;

use super::write_digest;

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Token budget
    #[arg(long, default_value_t = DEFAULT_MAX_TOKENS)]
    pub max_tokens: usize,
    /// List the full ids of the memories used
    #[arg(long)]
    pub show_sources: bool,
}

pub(super) fn status(ctx: &Context, args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let req = DigestRequest {
        query: None,
        filter: args.filter.to_filter(ctx, Timestamp::now())?,
        format: DigestFormat::StatusReport,
        max_tokens: args.max_tokens,
        show_sources: args.show_sources,
        now: None,
        injected: false,
    };
    req.check().map_err(mx_core::Error::from)?;
    let d = ctx.open_store()?.digest(&req)?;
    write_digest(ctx, &d)
}
