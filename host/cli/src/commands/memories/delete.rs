//! `mx memories delete`: delete memories, asking first on a terminal.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use mx_core::Memory;
use mx_store::StoreError;

use crate::error::{EXIT_ERROR, usage};
use crate::output::{self, Context, Format, write_structured};

use super::{eprintln_hint, plural};

#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// Ids, unique prefixes or names
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Don't ask (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Delete every version of each memory (what it replaced and what replaced it). Without it, deleting the
    /// newest version of a named memory makes the version before it current again.
    #[arg(long)]
    pub all_versions: bool,
}

pub(super) fn delete(ctx: &Context, args: &DeleteArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.open_store()?;
    // Resolve every id first: a typo in the third id must not leave the first two deleted.
    let memories: Vec<Memory> = args.ids.iter().map(|id| store.get(id)).collect::<Result<_, StoreError>>()?;
    if !args.yes {
        if !(ctx.stdin_is_terminal && ctx.stderr_is_terminal) {
            return Err(usage(format!(
                "refusing to delete {} without confirmation; pass --yes",
                plural(memories.len(), "memory", "memories")
            )));
        }
        let mut err = std::io::stderr();
        for m in &memories {
            writeln!(err, "  {}  {}", m.id.short(), output::one_line(&m.content, 70))?;
        }
        let what = plural(memories.len(), "memory", "memories");
        let versions = if args.all_versions { " and every version of them" } else { "" };
        write!(err, "Delete {what}{versions}? [y/N] ")?;
        err.flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            writeln!(err, "nothing deleted")?;
            return Ok(ExitCode::from(EXIT_ERROR));
        }
    }
    let mut deleted: Vec<Memory> = Vec::new();
    let mut restored: Vec<Memory> = Vec::new();
    for m in &memories {
        // Two arguments naming versions of the same memory: the first --all-versions took both.
        if deleted.iter().any(|d| d.id == m.id) {
            continue;
        }
        if args.all_versions {
            deleted.extend(store.delete_all_versions(m.id.as_str())?);
        } else {
            let d = store.delete(m.id.as_str())?;
            deleted.push(d.memory);
            restored.extend(d.restored);
        }
    }
    crate::team::after_write(&store);
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => {
            let ids: Vec<&str> = deleted.iter().map(|m| m.id.as_str()).collect();
            let back: Vec<&str> = restored.iter().map(|m| m.id.as_str()).collect();
            write_structured(&mut out, ctx.format, &serde_json::json!({ "deleted": ids, "restored": back }))?;
        }
        _ => {
            for m in &deleted {
                writeln!(out, "deleted {}", m.id)?;
            }
            for r in &restored {
                writeln!(out, "current again {}  (the version the deleted one had replaced)", r.id)?;
            }
        }
    }
    out.flush()?;
    // Said out loud: a user who deletes a named fact expects it gone, not its older wording back in the digest.
    for r in &restored {
        let target = r.name.as_deref().unwrap_or(r.id.as_str());
        eprintln_hint(ctx, &format!("to delete every version, run `mx memories delete --all-versions {target}`"));
    }
    Ok(ExitCode::SUCCESS)
}
