use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct HookArgs {}

pub fn run(_args: HookArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`mx hook` is not built yet")
}
