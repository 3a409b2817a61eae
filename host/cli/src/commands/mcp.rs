use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct McpArgs {}

pub fn run(_args: McpArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`mx mcp` is not built yet")
}
