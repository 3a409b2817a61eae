//! Health checks for `mx doctor`: the home directory, the database, its schema, the search index and the config.

use serde::Serialize;

use crate::db;
use crate::index::TAIL_MAX;
use crate::store::{HOME_HINT, Store, lock};

/// A health check result for `mx doctor`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub name: String,
    pub ok: bool,
    pub detail: String,
    /// What to do when not ok.
    pub fix: Option<String>,
}

impl Store {
    pub fn doctor(&self) -> Vec<Check> {
        let mut checks = Vec::new();
        let check = |name: &str, ok: bool, detail: String, fix: Option<&str>| Check {
            name: name.to_owned(),
            ok,
            detail,
            fix: if ok { None } else { fix.map(str::to_owned) },
        };
        let probe = self.home.join(".mx-doctor-probe");
        let writable = std::fs::write(&probe, b"ok").and_then(|_| std::fs::remove_file(&probe));
        checks.push(check(
            "home",
            writable.is_ok(),
            match &writable {
                Ok(()) => format!("{} is writable", self.home.display()),
                Err(e) => format!("{} is not writable: {e}", self.home.display()),
            },
            Some(HOME_HINT),
        ));
        let conn = lock(&self.reader);
        let quick: rusqlite::Result<String> = conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
        checks.push(match &quick {
            Ok(s) if s == "ok" => check("database", true, "mx.db opens and passes quick_check".into(), None),
            Ok(s) => check(
                "database",
                false,
                format!("quick_check reports: {s}"),
                Some("export what you can with `mx export`, move mx.db aside and import it again"),
            ),
            Err(e) => check("database", false, format!("cannot read mx.db: {e}"), Some("check the file's permissions")),
        });
        let version = db::schema_version(&conn).unwrap_or(-1);
        checks.push(check(
            "schema",
            version == db::SCHEMA_VERSION,
            format!("schema version {version} (this mx writes {})", db::SCHEMA_VERSION),
            Some("upgrade mx: this database was written by a newer version"),
        ));
        let seq = db::max_seq(&conn).unwrap_or(-1);
        let status = self.index.status(&self.uid);
        checks.push(match (status.seq, status.problem.clone()) {
            (Some(s), _) if s >= seq => {
                check("index", true, format!("search index holds every change (seq {s})"), None)
            }
            (None, _) if status.missing && seq <= TAIL_MAX => check(
                "index",
                true,
                format!("search index not built yet; the first search builds it ({seq} changes)"),
                None,
            ),
            (Some(s), _) if seq - s <= TAIL_MAX => check(
                "index",
                true,
                format!("search index holds seq {s}; searches cover the {} newer changes from the log", seq - s),
                None,
            ),
            (Some(s), _) => check(
                "index",
                false,
                format!("search index is behind: seq {s} of {seq}"),
                Some("run any search to catch it up, or `mx index rebuild`"),
            ),
            (None, problem) => check(
                "index",
                false,
                format!("search index unusable: {}", problem.unwrap_or_default()),
                Some("run `mx index rebuild` (searches also rebuild it automatically)"),
            ),
        });
        let config = self.home.join("config.toml");
        checks.push(match std::fs::read_to_string(&config) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                check("config", true, "no config.toml (defaults apply)".into(), None)
            }
            Err(e) => {
                check("config", false, format!("cannot read {}: {e}", config.display()), Some("fix its permissions"))
            }
            Ok(text) => match text.parse::<toml_edit::DocumentMut>() {
                Ok(_) => check("config", true, format!("{} parses", config.display()), None),
                Err(e) => check(
                    "config",
                    false,
                    format!("{} does not parse: {}", config.display(), e.to_string().lines().next().unwrap_or("")),
                    Some("fix the TOML syntax or remove the file"),
                ),
            },
        });
        checks
    }
}
