//! `mx team sync | status | unshare | share`.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::output::{self, Context, Format, write_structured};
use crate::team::{self, Client, SYNC_TIMEOUT};

#[derive(Debug, clap::Subcommand)]
pub enum TeamCommand {
    /// Send waiting changes to the team server and apply the team's new ones.
    Sync,
    /// The server, the last sync and what waits to be sent.
    Status,
    /// Keep this project's memories on this machine from now on.
    Unshare,
    /// Share this project's memories with the team again (the default).
    Share,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusView {
    server: Option<String>,
    pending: usize,
    last_pull: Option<String>,
    last_push: Option<String>,
    unshared_projects: Vec<String>,
}

pub fn run(ctx: &Context, cmd: TeamCommand) -> anyhow::Result<ExitCode> {
    let store = ctx.open_store()?;
    let mut out = output::stdout();
    match cmd {
        TeamCommand::Sync => {
            let client = Client::logged_in(store.home(), SYNC_TIMEOUT)?;
            let report = team::sync(&store, &client)?;
            match ctx.format {
                Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &report)?,
                _ => writeln!(
                    out,
                    "sent {}, received {} ({} new here) from {}",
                    report.pushed,
                    report.pulled,
                    report.applied,
                    client.server()
                )?,
            }
        }
        TeamCommand::Status => {
            let status = store.sync_status()?;
            let server = team::credentials(store.home())?.map(|(c, _)| c.server);
            let view = StatusView {
                server,
                pending: status.pending,
                last_pull: status.last_pull.map(|t| t.to_string()),
                last_push: status.last_push.map(|t| t.to_string()),
                unshared_projects: status.unshared_projects,
            };
            match ctx.format {
                Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &view)?,
                _ => {
                    let never = || "never".to_owned();
                    writeln!(out, "server: {}", view.server.clone().unwrap_or_else(|| "not logged in".to_owned()))?;
                    writeln!(out, "waiting to be sent: {}", view.pending)?;
                    writeln!(out, "last pull: {}", view.last_pull.clone().unwrap_or_else(never))?;
                    writeln!(out, "last push: {}", view.last_push.clone().unwrap_or_else(never))?;
                    if !view.unshared_projects.is_empty() {
                        writeln!(out, "not shared: {}", view.unshared_projects.join(", "))?;
                    }
                }
            }
        }
        TeamCommand::Unshare | TeamCommand::Share => {
            let share = matches!(cmd, TeamCommand::Share);
            let project = ctx
                .project()
                .ok_or_else(|| crate::error::usage("no project here; run inside a git repository or pass --project"))?;
            store.sync_set_shared(project, share)?;
            let what = if share { "shared with the team" } else { "kept on this machine" };
            writeln!(out, "{project}: memories {what}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
