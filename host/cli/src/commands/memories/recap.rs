//! `mx memories recap`: recent memories as they were saved, grouped by conversation.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use mx_core::Memory;
use mx_store::{ListRequest, Sort};
use serde::Serialize;

use crate::commands::shared::FilterArgs;
use crate::output::{self, Context, Format, Style, paint, write_structured};

use super::plural;

#[derive(Debug, clap::Args)]
pub struct RecapArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many memories
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct RecapGroup {
    conversation_id: String,
    memories: Vec<Memory>,
}

pub(super) fn recap(ctx: &Context, args: &RecapArgs) -> anyhow::Result<ExitCode> {
    let mut filter_args = args.filter.clone();
    if filter_args.recent.is_none() && filter_args.after.is_none() && filter_args.before.is_none() {
        filter_args.recent = Some("24h".to_owned());
    }
    let mut req = ListRequest::default();
    req.filter = filter_args.to_filter(ctx, Timestamp::now())?;
    req.sort = Sort::Oldest;
    req.limit = Some(args.limit);
    let memories = ctx.open_store()?.list(&req)?;
    // Conversations in order of their latest memory, memories in time order inside each.
    let mut groups: BTreeMap<String, Vec<Memory>> = BTreeMap::new();
    for m in memories {
        groups.entry(m.conversation_id.to_string()).or_default().push(m);
    }
    let mut groups: Vec<RecapGroup> =
        groups.into_iter().map(|(conversation_id, memories)| RecapGroup { conversation_id, memories }).collect();
    groups.sort_by_key(|g| g.memories.last().map(|m| m.created_at));
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &groups)?,
        Format::Llm | Format::Table => {
            if groups.is_empty() {
                writeln!(out, "Nothing saved in this window. Widen it with --recent 7d.")?;
            }
            for (i, g) in groups.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                let heading = format!("## {} ({})", g.conversation_id, plural(g.memories.len(), "memory", "memories"));
                writeln!(out, "{}", paint(&heading, Style::Heading, ctx.color && ctx.format == Format::Table))?;
                for m in &g.memories {
                    writeln!(
                        out,
                        "- {} {} [{}] {}",
                        output::short_time(m.created_at),
                        m.id.short(),
                        m.kind,
                        output::one_line(&m.content, if ctx.format == Format::Llm { usize::MAX } else { 200 })
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
