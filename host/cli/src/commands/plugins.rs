use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum PluginsCommand {
    /// Placeholder.
    Todo,
}

pub fn run(_cmd: PluginsCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`mx plugins` is not built yet")
}
