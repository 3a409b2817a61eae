//! `mx memories update`: change a memory's content, topics, kind or importance (a named memory gets a new version).

use std::io::Write;
use std::process::ExitCode;

use mx_core::Kind;
use mx_core::model::MemoryPatch;

use crate::commands::shared::{ContentArgs, parse_kind};
use crate::error::usage;
use crate::output::{self, Context, Format, Style, paint, write_structured};

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Id, unique prefix or name
    pub id: String,
    #[command(flatten)]
    pub content: ContentArgs,
    /// Replace the topics (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "TOPICS")]
    pub topics: Option<Vec<String>>,
    /// New kind
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// New importance, 0 to 1
    #[arg(long)]
    pub importance: Option<f64>,
    /// Replace the anchored files (repeatable)
    #[arg(long = "file", value_name = "PATH")]
    pub files: Vec<String>,
}

pub(super) fn update(ctx: &Context, args: &UpdateArgs) -> anyhow::Result<ExitCode> {
    let mut patch = MemoryPatch::default();
    patch.content = args.content.read()?;
    patch.topics = args.topics.clone();
    patch.kind = args.kind;
    patch.importance = args.importance;
    if !args.files.is_empty() {
        patch.files = Some(args.files.clone());
    }
    if patch.is_empty() {
        return Err(usage(
            "nothing to update; pass --content, --content-file, --topics, --kind, --importance or --file",
        ));
    }
    let store = ctx.open_store()?;
    let updated = store.update(&args.id, patch)?;
    crate::team::after_write(&store);
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &updated)?,
        Format::Llm | Format::Table => {
            let id = paint(updated.memory.id.as_str(), Style::Id, ctx.color && ctx.format == Format::Table);
            match &updated.previous {
                Some(prev) => writeln!(out, "updated: new version {id} supersedes {prev}")?,
                None => writeln!(out, "updated {id}")?,
            }
            if !updated.redactions.is_empty() {
                let kinds: Vec<&str> = updated.redactions.iter().map(|f| f.kind).collect();
                writeln!(out, "  redacted {} before storing: {}", kinds.len(), kinds.join(", "))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
