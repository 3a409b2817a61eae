use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum MemoriesCommand {
    /// Placeholder.
    Todo,
}

pub fn run(_cmd: MemoriesCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`mx memories` is not built yet")
}
