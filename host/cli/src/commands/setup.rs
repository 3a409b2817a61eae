use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct SetupArgs {}

pub fn run(_args: SetupArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`mx setup` is not built yet")
}
