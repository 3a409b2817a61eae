//! `mx mcp`: runs the MCP server on stdio until the client closes the connection.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;
use rmcp::ServiceExt as _;

use crate::mcp::MxServer;
use crate::output::Context;

/// Environment variable that sets the log filter (tracing `EnvFilter` syntax: `info`, `debug`, `mx=debug,rmcp=info`).
const LOG_ENV: &str = "MX_LOG";

/// The server is scoped to one project: the global `--project` (or `MX_PROJECT`), else the git identity of the
/// working directory the assistant started it in. The store is `$MX_HOME` (or the platform data dir).
#[derive(Debug, clap::Args)]
pub struct McpArgs {
    /// Detect the project from this directory instead of the working directory, for clients that start servers
    /// elsewhere (e.g. `"args": ["mcp", "--root", "${workspaceFolder}"]` in VS Code)
    #[arg(long, value_name = "DIR")]
    pub root: Option<std::path::PathBuf>,
}

pub fn run(ctx: &Context, args: McpArgs) -> anyhow::Result<ExitCode> {
    init_logging();
    let home = mx_store::Store::default_home();
    let store = ctx.open_store_in(args.root.as_deref().unwrap_or(&ctx.cwd))?;
    let project = match &args.root {
        Some(root) => {
            anyhow::ensure!(root.is_dir(), "--root {} is not a directory; pass the project's folder", root.display());
            ctx.project_in(root)
        }
        None => ctx.project().map(str::to_owned),
    };
    tracing::info!(home = %home.display(), project = ?project, "starting the mx MCP server on stdio");
    crate::team::spawn_background(home.clone());

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let server = MxServer::new(Arc::new(store), project);
        let service = server
            .serve(rmcp::transport::io::stdio_pipes())
            .await
            .context("the MCP client did not complete the initialize handshake")?;
        let reason = service.waiting().await.context("the MCP server stopped unexpectedly")?;
        tracing::info!(?reason, "the MCP client closed the connection");
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Logs to stderr only (stdout is the protocol channel). Quiet by default: warnings and errors.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env(LOG_ENV)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // A second init (never expected) would fail; logging is best-effort, so that is ignored.
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(false).try_init();
}
