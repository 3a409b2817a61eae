//! `mx memories digest`: a ranked, token-budgeted digest (alias `recall`), and the digest writer `status` and
//! `build-context` share.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;
use jiff::Timestamp;
use mx_core::digest::{DEFAULT_MAX_TOKENS, Digest, DigestFormat};
use mx_store::DigestRequest;
use serde::{Deserialize, Serialize};

use crate::commands::shared::{FilterArgs, parse_date};
use crate::output::{self, Context, Format, write_structured};

use super::{eprintln_hint, now_or, plural};

#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// What the digest is about [default: where things stand]
    #[arg(value_name = "QUERY", conflicts_with = "query_flag")]
    pub query: Option<String>,
    /// What the digest is about (same as the argument)
    #[arg(long = "query", id = "query_flag", value_name = "QUERY")]
    pub query_flag: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// structured, narrative, timeline, status-report or json [default: structured; json with --format json|yaml]
    #[arg(long, value_parser = parse_digest_format)]
    pub digest_format: Option<DigestFormat>,
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
    // `--format json|yaml` asks for data, so it gets the JSON digest unless a text rendering was named explicitly.
    let format = args.digest_format.unwrap_or(if ctx.format.is_structured() {
        DigestFormat::Json
    } else {
        DigestFormat::Structured
    });
    let req = DigestRequest {
        query: args.query.clone().or_else(|| args.query_flag.clone()).filter(|q| !q.trim().is_empty()),
        filter: args.filter.to_filter(ctx, now)?,
        format,
        max_tokens: args.max_tokens,
        show_sources: args.show_sources,
        now: args.now,
        injected: false,
    };
    req.check().map_err(mx_core::Error::from)?;
    let d = ctx.open_store()?.digest(&req)?;
    if format == DigestFormat::Json {
        return write_json_digest(ctx, &d, req.query.as_deref());
    }
    write_digest(ctx, &d)
}

/// The JSON digest's document with its token count: what `--digest-format json` and `--format json` both print, so a
/// program reads one shape whichever flag it used.
#[derive(Debug, Serialize, Deserialize)]
struct JsonDigest<M> {
    format: String,
    query: Option<String>,
    memories: Vec<M>,
    omitted: usize,
    /// The estimate for core's compact document, what an assistant is given (MCP `recall`, hooks), not for this
    /// indented print of it.
    #[serde(default)]
    tokens: usize,
}

/// Writes the JSON digest: core's document (one memory per line, as assistants receive it) plus `tokens`, pretty JSON
/// for `json`, `table` and `llm`, the same fields as YAML for `yaml`.
fn write_json_digest(ctx: &Context, d: &Digest, query: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut out = output::stdout();
    if ctx.format == Format::Yaml {
        let doc: JsonDigest<serde_json::Value> = json_digest(d, query)?;
        write_structured(&mut out, ctx.format, &doc)?;
    } else {
        // Raw memories keep core's field order, one line each.
        let doc: JsonDigest<Box<serde_json::value::RawValue>> = json_digest(d, query)?;
        write_structured(&mut out, Format::Json, &doc)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn json_digest<M: serde::de::DeserializeOwned>(d: &Digest, query: Option<&str>) -> anyhow::Result<JsonDigest<M>> {
    // A budget too small for the document's frame renders nothing; the shape stays the same, with nothing in it.
    let mut doc = if d.text.trim().is_empty() {
        JsonDigest {
            format: DigestFormat::Json.as_str().to_owned(),
            query: query.map(str::to_owned),
            memories: Vec::new(),
            omitted: d.omitted,
            tokens: 0,
        }
    } else {
        serde_json::from_str(&d.text).context("the JSON digest is not valid JSON; please report this bug")?
    };
    doc.tokens = d.tokens;
    Ok(doc)
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
