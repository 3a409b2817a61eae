//! `mx relationships list|create|delete`: typed links between memories.

use std::io::Write;
use std::process::ExitCode;

use mx_store::RelationKind;

use super::memories::relation_name;
use crate::output::{self, Context, Format, write_structured, write_table};

#[derive(Debug, clap::Subcommand)]
pub enum RelationshipsCommand {
    /// Links from and to a memory.
    List(ListArgs),
    /// Link two memories: mx relationships create FROM resolves TO.
    Create(LinkArgs),
    /// Remove a link.
    Delete(LinkArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Relation {
    Supersedes,
    Follows,
    Resolves,
    Contradicts,
    References,
}

impl From<Relation> for RelationKind {
    fn from(r: Relation) -> Self {
        match r {
            Relation::Supersedes => RelationKind::Supersedes,
            Relation::Follows => RelationKind::Follows,
            Relation::Resolves => RelationKind::Resolves,
            Relation::Contradicts => RelationKind::Contradicts,
            Relation::References => RelationKind::References,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Id, unique prefix or name
    pub id: String,
}

#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// The memory the link starts from (id, prefix or name)
    pub from: String,
    /// The kind of link
    #[arg(value_enum)]
    pub relation: Relation,
    /// The memory the link points to (id, prefix or name)
    pub to: String,
}

pub fn run(ctx: &Context, cmd: RelationshipsCommand) -> anyhow::Result<ExitCode> {
    let store = ctx.open_store()?;
    let mut out = output::stdout();
    match cmd {
        RelationshipsCommand::List(args) => {
            let rels = store.relationships(&args.id)?;
            match ctx.format {
                Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &rels)?,
                Format::Llm => {
                    for r in &rels {
                        writeln!(out, "{} {} {}", r.from, relation_name(r.kind), r.to)?;
                    }
                }
                Format::Table => {
                    let mut t = output::table(&["FROM", "RELATION", "TO", "CREATED"]);
                    for r in &rels {
                        t.add_row(vec![
                            r.from.short().to_owned(),
                            relation_name(r.kind).to_owned(),
                            r.to.short().to_owned(),
                            output::short_time(r.created_at),
                        ]);
                    }
                    if rels.is_empty() {
                        let _ = writeln!(
                            std::io::stderr(),
                            "no relationships; link memories with `mx relationships create FROM resolves TO`"
                        );
                    } else {
                        write_table(&mut out, &t)?;
                    }
                }
            }
        }
        RelationshipsCommand::Create(args) => {
            let r = store.relate(&args.from, &args.to, args.relation.into())?;
            match ctx.format {
                Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &r)?,
                _ => writeln!(out, "linked {} {} {}", r.from, relation_name(r.kind), r.to)?,
            }
        }
        RelationshipsCommand::Delete(args) => {
            let kind: RelationKind = args.relation.into();
            if !store.unrelate(&args.from, &args.to, kind)? {
                anyhow::bail!(
                    "no `{}` link from {} to {}; see the links with `mx relationships list {}`",
                    relation_name(kind),
                    args.from,
                    args.to,
                    args.from
                );
            }
            match ctx.format {
                Format::Json | Format::Yaml => {
                    write_structured(&mut out, ctx.format, &serde_json::json!({ "deleted": true }))?
                }
                _ => writeln!(out, "unlinked {} {} {}", args.from, relation_name(kind), args.to)?,
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
