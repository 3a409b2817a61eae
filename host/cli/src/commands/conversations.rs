//! `mx conversations list|show`.

use std::io::Write;
use std::process::ExitCode;

use jiff::Timestamp;
use mx_store::{ListRequest, Scope, Sort};

use super::memories::{plural, write_memories};
use super::shared::FilterArgs;
use crate::output::{self, Context, Format, write_structured, write_table};

#[derive(Debug, clap::Subcommand)]
pub enum ConversationsCommand {
    /// Conversations, most recently active first.
    List(ListArgs),
    /// Every memory of one conversation, in time order.
    Show(ShowArgs),
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// At most this many
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The conversation id
    pub id: String,
    /// Include memories that newer ones superseded
    #[arg(long)]
    pub include_superseded: bool,
}

pub fn run(ctx: &Context, cmd: ConversationsCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        ConversationsCommand::List(args) => list(ctx, &args),
        ConversationsCommand::Show(args) => show(ctx, &args),
    }
}

fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let filter = args.filter.to_filter(ctx, Timestamp::now())?;
    let conversations = ctx.open_store()?.conversations(&filter, Some(args.limit))?;
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &conversations)?,
        Format::Llm => {
            for c in &conversations {
                writeln!(
                    out,
                    "{} {} {}..{} [{}]: {}",
                    c.id,
                    plural(c.memories, "memory", "memories"),
                    output::short_date(c.first_at),
                    output::short_date(c.last_at),
                    c.topics.join(","),
                    output::one_line(&c.last_content, 200)
                )?;
            }
        }
        Format::Table => {
            let mut t = output::table(&["CONVERSATION", "MEMORIES", "FIRST", "LAST", "TOPICS", "LATEST"]);
            for c in &conversations {
                t.add_row(vec![
                    c.id.clone(),
                    c.memories.to_string(),
                    output::short_time(c.first_at),
                    output::short_time(c.last_at),
                    output::one_line(&c.topics.join(","), 30),
                    output::one_line(&c.last_content, 50),
                ]);
            }
            if conversations.is_empty() {
                let _ = writeln!(
                    std::io::stderr(),
                    "no conversations yet; start one with `mx memories create --conversation-id NEW`"
                );
            } else {
                write_table(&mut out, &t)?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn show(ctx: &Context, args: &ShowArgs) -> anyhow::Result<ExitCode> {
    let mut req = ListRequest::default();
    // A conversation id is specific enough: show it whichever project it belongs to.
    req.filter.scope = Scope::AllProjects;
    req.filter.conversation_id = Some(args.id.trim().to_owned());
    req.filter.include_superseded = args.include_superseded;
    req.sort = Sort::Oldest;
    let memories = ctx.open_store()?.list(&req)?;
    if memories.is_empty() {
        anyhow::bail!(
            "no conversation `{}` has memories; list conversations with `mx conversations list`",
            args.id.trim()
        );
    }
    let mut out = output::stdout();
    write_memories(&mut out, ctx, &memories, "")?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
