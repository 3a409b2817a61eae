//! `mx memories get`: show memories by id, unique prefix or name, with their relationships and conversation on request.

use std::io::Write;
use std::process::ExitCode;

use mx_core::Memory;
use mx_store::{ListRequest, Sort};
use serde::Serialize;

use crate::output::{self, Context, Format, Style, paint, write_structured, write_table};

use super::relation_name;

#[derive(Debug, clap::Args)]
pub struct GetArgs {
    /// Ids, unique prefixes (6+ characters) or names
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Also show the memory's relationships
    #[arg(long)]
    pub related: bool,
    /// Also show the rest of the memory's conversation
    #[arg(long)]
    pub conversation: bool,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct GetView {
    #[serde(flatten)]
    memory: Memory,
    #[serde(skip_serializing_if = "Option::is_none")]
    relationships: Option<Vec<mx_store::Relationship>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    conversation: Option<Vec<Memory>>,
}

pub(super) fn get(ctx: &Context, args: &GetArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.open_store()?;
    let mut views = Vec::new();
    for id in &args.ids {
        let memory = store.get(id)?;
        let relationships = if args.related { Some(store.relationships(memory.id.as_str())?) } else { None };
        let conversation = if args.conversation {
            let mut req = ListRequest::default();
            req.filter.scope = mx_store::Scope::AllProjects;
            req.filter.conversation_id = Some(memory.conversation_id.to_string());
            req.filter.include_superseded = true;
            req.sort = Sort::Oldest;
            Some(store.list(&req)?)
        } else {
            None
        };
        views.push(GetView { memory, relationships, conversation });
    }
    let mut out = output::stdout();
    match ctx.format {
        // One id → one object; several → an array.
        Format::Json | Format::Yaml if views.len() == 1 => write_structured(&mut out, ctx.format, &views[0])?,
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &views)?,
        Format::Llm => {
            for v in &views {
                writeln!(out, "{}", output::memory_llm_line(&v.memory))?;
                for r in v.relationships.iter().flatten() {
                    writeln!(out, "  {} {} {}", r.from.short(), relation_name(r.kind), r.to.short())?;
                }
                for m in v.conversation.iter().flatten() {
                    writeln!(out, "  {}", output::memory_llm_line(m))?;
                }
            }
        }
        Format::Table => {
            for (i, v) in views.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                out.write_all(output::memory_detail(&v.memory, ctx.color).as_bytes())?;
                if let Some(rels) = &v.relationships {
                    writeln!(out, "\n{}", paint("relationships", Style::Heading, ctx.color))?;
                    if rels.is_empty() {
                        writeln!(out, "  (none)")?;
                    }
                    for r in rels {
                        writeln!(out, "  {} {} {}", r.from.short(), relation_name(r.kind), r.to.short())?;
                    }
                }
                if let Some(conv) = &v.conversation {
                    let heading = format!("conversation {}", v.memory.conversation_id);
                    writeln!(out, "\n{}", paint(&heading, Style::Heading, ctx.color))?;
                    write_table(&mut out, &output::memories_table(conv))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
