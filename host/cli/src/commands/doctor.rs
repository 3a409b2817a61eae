//! `mx doctor`: checks the store, the index and the configuration; every failed check says what to do.
//!
//! Exit code: 0 when every check passes; 1 when the store itself is unusable (the home, the database or its schema
//! failed); 6 (degraded) when mx works but something else failed: an index that cannot catch up, a config.toml that
//! does not parse, an unknown `MX_PROFILE`.

use std::io::Write;
use std::process::ExitCode;

use mx_store::{Check, Store};

use crate::error::{EXIT_DEGRADED, EXIT_ERROR};
use crate::output::{self, Context, Format, Style, paint, write_structured, write_table};

#[derive(Debug, clap::Args)]
pub struct DoctorArgs {}

/// Checks whose failure means mx cannot work at all (exit 1 rather than 6).
const FATAL: &[&str] = &["home", "database", "schema"];

pub fn run(ctx: &Context, _args: DoctorArgs) -> anyhow::Result<ExitCode> {
    let home = Store::default_home();
    let mut checks = Vec::new();
    match Store::open(&home) {
        Ok(store) => {
            // A missing or lagging index is normal (a fresh home, a process killed mid-write): any search catches it
            // up. Let that happen first, so the checks report what is actually wrong, not what heals itself.
            let mut warm = mx_store::SearchRequest::new("mx");
            warm.filter.scope = mx_store::Scope::AllProjects;
            warm.limit = 1;
            let _ = store.search(&warm);
            checks.extend(store.doctor());
        }
        Err(e) => checks.push(Check {
            name: "home".into(),
            ok: false,
            detail: e.to_string(),
            fix: Some("make $MX_HOME a writable directory, or point MX_HOME elsewhere".into()),
        }),
    }
    let mut bad_env = Vec::new();
    if let Ok(p) = std::env::var("MX_PROFILE")
        && !p.is_empty()
        && !matches!(p.to_ascii_lowercase().as_str(), "ai" | "human")
    {
        bad_env.push(format!("MX_PROFILE={p}"));
    }
    checks.push(Check {
        name: "environment".into(),
        ok: bad_env.is_empty(),
        detail: if bad_env.is_empty() {
            format!("output format {:?}", ctx.format).to_lowercase()
        } else {
            format!("unknown value {}", bad_env.join(", "))
        },
        fix: (!bad_env.is_empty()).then(|| "set MX_PROFILE to ai or human, or unset it".into()),
    });
    let all_ok = checks.iter().all(|c| c.ok);
    let mut out = output::stdout();
    match ctx.format {
        Format::Json | Format::Yaml => {
            write_structured(&mut out, ctx.format, &serde_json::json!({ "ok": all_ok, "checks": checks }))?
        }
        Format::Llm => {
            for c in &checks {
                let status = if c.ok { "ok" } else { "FAIL" };
                let fix = c.fix.as_deref().map(|f| format!(" -> {f}")).unwrap_or_default();
                writeln!(out, "{status} {}: {}{fix}", c.name, c.detail)?;
            }
        }
        Format::Table => {
            let mut t = output::table(&["CHECK", "STATUS", "DETAIL", "WHAT TO DO"]);
            for c in &checks {
                t.add_row(vec![
                    c.name.clone(),
                    if c.ok { "ok".into() } else { "FAIL".into() },
                    output::one_line(&c.detail, 70),
                    c.fix.clone().unwrap_or_default(),
                ]);
            }
            write_table(&mut out, &t)?;
            let verdict = if all_ok {
                paint("all checks passed", Style::Ok, ctx.color)
            } else {
                paint("some checks failed; see WHAT TO DO", Style::Error, ctx.color)
            };
            writeln!(out, "{verdict}")?;
        }
    }
    out.flush()?;
    let fatal = checks.iter().any(|c| !c.ok && FATAL.contains(&c.name.as_str()));
    Ok(match (all_ok, fatal) {
        (true, _) => ExitCode::SUCCESS,
        (false, true) => ExitCode::from(EXIT_ERROR),
        (false, false) => ExitCode::from(EXIT_DEGRADED),
    })
}
