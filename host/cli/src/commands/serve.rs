//! `mx serve`: run the team server (see the mx-server crate), and `mx serve key create|list|revoke`.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::output::{self, Context, Format, write_structured};

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// PostgreSQL URL, e.g. postgres://mx@127.0.0.1:5432/mx (the server's only state)
    #[arg(long, env = "MX_DATABASE_URL", global = true, value_name = "URL")]
    pub database_url: Option<String>,
    /// Address to listen on; a non-loopback address exposes the server to the network
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// PEM certificate chain: serve HTTPS (with --tls-key)
    #[arg(long, requires = "tls_key", value_name = "PATH")]
    pub tls_cert: Option<PathBuf>,
    /// PEM private key for --tls-cert
    #[arg(long, requires = "tls_cert", value_name = "PATH")]
    pub tls_key: Option<PathBuf>,
    /// Requests per second one API key may make before getting 429
    #[arg(long, default_value_t = mx_server::DEFAULT_RATE_PER_SECOND, value_name = "N")]
    pub rate_limit: u32,
    /// Database connections this process keeps
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub pool_size: usize,
    #[command(subcommand)]
    pub command: Option<ServeCommand>,
}

#[derive(Debug, clap::Subcommand)]
pub enum ServeCommand {
    /// Manage API keys.
    #[command(subcommand)]
    Key(KeyCommand),
}

#[derive(Debug, clap::Subcommand)]
pub enum KeyCommand {
    /// Create a key (and its team and user when new); the key is printed once and only its hash is stored.
    Create {
        #[arg(long)]
        team: String,
        #[arg(long)]
        user: String,
        /// read, write or admin
        #[arg(long, default_value = "write")]
        role: String,
    },
    /// List keys (ids, never the keys).
    List,
    /// Revoke a key by its id or the key itself.
    Revoke { key: String },
}

fn database_url(args: &ServeArgs) -> anyhow::Result<&str> {
    args.database_url
        .as_deref()
        .ok_or_else(|| crate::error::usage("no database given; pass --database-url URL or set MX_DATABASE_URL"))
}

pub fn run(ctx: &Context, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let url = database_url(&args)?;
    match &args.command {
        None => {
            let opts = mx_server::ServeOptions {
                database_url: url.to_owned(),
                listen: args.listen,
                tls: args.tls_cert.clone().zip(args.tls_key.clone()),
                rate_per_second: args.rate_limit,
                pool_size: args.pool_size,
            };
            mx_server::serve(opts)?;
        }
        Some(ServeCommand::Key(KeyCommand::Create { team, user, role })) => {
            let key = mx_server::key_create(url, team, user, role)?;
            let mut out = output::stdout();
            writeln!(out, "{key}")?;
            out.flush()?;
            let _ = writeln!(std::io::stderr(), "note: this key is shown once; give it to {user} (team {team})");
        }
        Some(ServeCommand::Key(KeyCommand::List)) => {
            let keys = mx_server::key_list(url)?;
            let mut out = output::stdout();
            match ctx.format {
                Format::Json | Format::Yaml => write_structured(&mut out, ctx.format, &keys)?,
                _ => {
                    for k in &keys {
                        let state = if k.revoked { "revoked" } else { "active" };
                        writeln!(out, "{}  {}  {}  {}  {}  {state}", k.key_id, k.team, k.user, k.role, k.created_at)?;
                    }
                }
            }
            out.flush()?;
        }
        Some(ServeCommand::Key(KeyCommand::Revoke { key })) => {
            if !mx_server::key_revoke(url, key)? {
                return Err(crate::error::usage("no active key with that id; see `mx serve key list`"));
            }
            let _ = writeln!(std::io::stderr(), "revoked");
        }
    }
    Ok(ExitCode::SUCCESS)
}
