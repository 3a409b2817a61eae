use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum EvalCommand {
    /// Placeholder.
    Todo,
}

pub fn run(_cmd: EvalCommand) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`mx eval` is not built yet")
}
