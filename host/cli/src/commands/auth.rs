//! `mx auth login | status | whoami | logout`: the credentials of the team server.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use mx_store::Store;

use crate::output::{self, Context, Format, write_structured};
use crate::team::{self, Client, CredentialSource, Credentials, SYNC_TIMEOUT};

#[derive(Debug, clap::Subcommand)]
pub enum AuthCommand {
    /// Log in to a team server: checks the key, then keeps it in the data home (mode 0600).
    Login(LoginArgs),
    /// Show the server and where the key comes from (without asking the server).
    Status,
    /// Ask the server who the key belongs to.
    Whoami,
    /// Forget the stored key (memories stay).
    Logout,
}

#[derive(Debug, clap::Args)]
pub struct LoginArgs {
    /// The server's URL, e.g. https://mx.example.com
    #[arg(long, value_name = "URL")]
    pub server: Option<String>,
    /// Read the API key from stdin (keeps it out of the shell history and the process list)
    #[arg(long)]
    pub api_key_stdin: bool,
    /// Ask for the URL and the key (typed hidden)
    #[arg(long, conflicts_with = "api_key_stdin")]
    pub interactive: bool,
}

pub fn run(ctx: &Context, cmd: AuthCommand) -> anyhow::Result<ExitCode> {
    let home = Store::default_home();
    match cmd {
        AuthCommand::Login(args) => login(&home, args),
        AuthCommand::Status => {
            let mut out = output::stdout();
            match team::credentials(&home)? {
                None => writeln!(out, "not logged in")?,
                Some((c, source)) => {
                    let from = match source {
                        CredentialSource::Environment => "MX_API_URL / MX_API_KEY".to_owned(),
                        CredentialSource::File => team::credentials_path(&home).display().to_string(),
                    };
                    writeln!(out, "server: {}\nkey: {}… (from {from})", c.server, key_hint(&c.api_key))?;
                }
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        AuthCommand::Whoami => {
            let who = Client::logged_in(&home, SYNC_TIMEOUT)?.whoami()?;
            let mut out = output::stdout();
            match ctx.format {
                Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &who)?,
                _ => writeln!(out, "{} in team {} ({})", who.user, who.team, who.role)?,
            }
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        AuthCommand::Logout => {
            match std::fs::remove_file(team::credentials_path(&home)) {
                Ok(()) => eprintln_line("logged out"),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => eprintln_line("not logged in"),
                Err(e) => return Err(e.into()),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The key's public part (`mxk_<id>`): enough to tell keys apart, useless to an attacker.
fn key_hint(key: &str) -> &str {
    key.rsplit_once('_').map_or("mxk_", |(head, _)| head)
}

fn eprintln_line(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

fn login(home: &std::path::Path, args: LoginArgs) -> anyhow::Result<ExitCode> {
    let stdin = std::io::stdin();
    let (server, key) = if args.interactive {
        if !stdin.is_terminal() {
            return Err(crate::error::usage("--interactive needs a terminal; use --server URL --api-key-stdin"));
        }
        let server = match args.server {
            Some(s) => s,
            None => {
                eprint!("Server URL: ");
                let mut line = String::new();
                stdin.lock().read_line(&mut line)?;
                line.trim().to_owned()
            }
        };
        let key = rpassword::prompt_password("API key (hidden): ")?;
        (server, key)
    } else if args.api_key_stdin {
        let server = args.server.ok_or_else(|| crate::error::usage("--api-key-stdin needs --server URL"))?;
        let mut key = String::new();
        stdin.lock().read_line(&mut key)?;
        (server, key)
    } else {
        return Err(crate::error::usage("say how to give the key: --interactive, or --server URL --api-key-stdin"));
    };
    let key = key.trim().to_owned();
    if key.is_empty() || server.trim().is_empty() {
        return Err(crate::error::usage("the server URL and the API key must not be empty"));
    }
    let creds = Credentials { server: server.trim().trim_end_matches('/').to_owned(), api_key: key };
    let who = Client::new(&creds, SYNC_TIMEOUT).whoami()?;
    let previous = team::credentials(home).ok().flatten().map(|(c, _)| c.server);
    let path = team::save_credentials(home, &creds)?;
    if previous.as_deref() != Some(creds.server.as_str()) {
        // Another server knows none of what this store sent or pulled before.
        Store::open(home)?.sync_reset()?;
    }
    eprintln_line(&format!(
        "logged in to {} as {} (team {}, {}); key kept in {}",
        creds.server,
        who.user,
        who.team,
        who.role,
        path.display()
    ));
    Ok(ExitCode::SUCCESS)
}
