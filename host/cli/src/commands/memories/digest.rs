//! `mx memories digest`: a ranked, token-budgeted digest (alias `recall`), and the digest writer `status` and
//! `build-context` share.

use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use mx_core::digest::{DEFAULT_MAX_TOKENS, Digest, DigestFormat};
use mx_store::DigestRequest;

use crate::commands::shared::{FilterArgs, parse_date};
use crate::output::{self, Context, Format, write_structured};

use super::{eprintln_hint, now_or, plural};

#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// What the digest is about [default: where things stand]
    #[arg(long)]
    pub query: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// structured, narrative, timeline, status-report or json
    #[arg(long, value_parser = parse_digest_format, default_value = "structured")]
    pub digest_format: DigestFormat,
    /// Token budget
    #[arg(long, default_value_t = DEFAULT_MAX_TOKENS)]
    pub max_tokens: usize,
    /// List the full ids of the memories used
    #[arg(long)]
    pub show_sources: bool,
    /// "Now" for recency (RFC 3339 or YYYY-MM-DD); for reproducible runs
    #[arg(long, value_parser = parse_date, hide = true)]
    pub now: Option<Timestamp>,
}

pub(super) fn digest(ctx: &Context, args: &DigestArgs) -> anyhow::Result<ExitCode> {
    let now = now_or(args.now);
    let req = DigestRequest {
        query: args.query.clone().filter(|q| !q.trim().is_empty()),
        filter: args.filter.to_filter(ctx, now)?,
        format: args.digest_format,
        max_tokens: args.max_tokens,
        show_sources: args.show_sources,
        now: args.now,
        injected: false,
    };
    req.check().map_err(mx_core::Error::from)?;
    let d = ctx.open_store()?.digest(&req)?;
    write_digest(ctx, &d)
}

/// Said on stderr when a digest or status found nothing to show.
const EMPTY_DIGEST_HINT: &str = "nothing remembered here matches; save what matters with `mx memories create`, or look in \
                                 every project with --all-projects";

/// Writes a digest: its text for people and assistants, the whole structure for json/yaml.
pub fn write_digest(ctx: &Context, d: &Digest) -> anyhow::Result<ExitCode> {
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, d)?,
        Format::Table | Format::Llm => {
            if d.included.is_empty() && d.text.trim().is_empty() {
                writeln!(out, "Nothing remembered here yet. Save what matters with `mx memories create`.")?;
            } else {
                out.write_all(d.text.as_bytes())?;
                if !d.text.ends_with('\n') {
                    writeln!(out)?;
                }
                // A heading alone reads as "all is well"; say why it is empty, as `list` and `search` do.
                if d.included.is_empty() {
                    eprintln_hint(ctx, EMPTY_DIGEST_HINT);
                }
            }
            if ctx.format == Format::Table && ctx.stderr_is_terminal {
                let note = format!(
                    "~{} tokens, {} used, {} left out",
                    d.tokens,
                    plural(d.included.len(), "memory", "memories"),
                    d.omitted
                );
                eprintln_hint(ctx, &note);
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn parse_digest_format(s: &str) -> Result<DigestFormat, String> {
    s.parse::<DigestFormat>().map_err(|e| format!("{}; {}", e.problem, e.hint))
}
