//! Which files a plugin may read and write.
//!
//! Paths arrive as text from the plugin: relative (to the project root; writes only), absolute, or `~/…`.
//! They are expanded, normalised lexically (`.`/`..`), then resolved through symlinks, and the *resolved* path
//! must be allowed: a symlink inside the project that points at `~/.bashrc` is refused like `~/.bashrc` itself.

use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// `~` or `~/rest` → `home/rest`; anything else unchanged.
pub fn expand_home(raw: &str, home: &Path) -> PathBuf {
    if raw == "~" {
        home.to_path_buf()
    } else if let Some(rest) = raw.strip_prefix("~/") {
        home.join(rest)
    } else {
        PathBuf::from(raw)
    }
}

/// Removes `.` and resolves `..` without touching the file system (`/a/b/../c` → `/a/c`; `..` at the root stays
/// at the root).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Follows symlinks in the longest existing prefix of `path` (which must be absolute and normalised) and
/// appends the rest: the file a write to `path` would really touch.
pub(crate) fn resolve(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut resolved = canonical;
            for part in rest.iter().rev() {
                resolved.push(part);
            }
            return normalize(&resolved);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return path.to_path_buf(),
        }
    }
}

/// The file access rules for one plugin in one context.
#[derive(Debug, Clone)]
pub struct PathPolicy {
    home: PathBuf,
    project_root: Option<PathBuf>,
    reads: GlobSet,
    writes: GlobSet,
}

impl PathPolicy {
    /// Rules from a manifest's `reads`/`writes` patterns. `project_root` (writes only) is always writable.
    pub fn new(home: &Path, project_root: Option<&Path>, reads: &[String], writes: &[String]) -> Result<Self, String> {
        Ok(Self {
            home: home.to_path_buf(),
            project_root: project_root.map(|root| resolve(&normalize(root))),
            reads: glob_set(home, reads)?,
            writes: glob_set(home, writes)?,
        })
    }

    /// The real path the plugin may read, or why not. `Ok(None)` means allowed but absent.
    pub fn check_read(&self, raw: &str) -> Result<Option<PathBuf>, String> {
        let expanded = expand_home(raw, &self.home);
        if !expanded.is_absolute() {
            return Err("paths to read must be absolute or start with `~/`".to_owned());
        }
        let lexical = normalize(&expanded);
        let real = resolve(&lexical);
        if !self.reads.is_match(&lexical) || !self.reads.is_match(&real) {
            return Err("it matches none of the manifest's `reads` patterns".to_owned());
        }
        Ok(real.is_file().then_some(real))
    }

    /// The real path an edit may write, or why not.
    pub fn check_write(&self, raw: &str) -> Result<PathBuf, String> {
        if raw.trim().is_empty() {
            return Err("the path is empty".to_owned());
        }
        let expanded = expand_home(raw, &self.home);
        let absolute = match (&self.project_root, expanded.is_absolute()) {
            (_, true) => expanded,
            (Some(root), false) => root.join(expanded),
            (None, false) => return Err("a relative path needs a project root".to_owned()),
        };
        let lexical = normalize(&absolute);
        let real = resolve(&lexical);
        let inside_project = |path: &Path| {
            self.project_root.as_ref().is_some_and(|root| path.starts_with(root) && path != root.as_path())
        };
        let allowed = |path: &Path| inside_project(path) || self.writes.is_match(path);
        if allowed(&lexical) && allowed(&real) {
            Ok(real)
        } else {
            Err("it is outside the project root and matches none of the manifest's `writes` patterns".to_owned())
        }
    }
}

/// Patterns with `~` expanded, against both the home as given and its resolved form (a symlinked home must not
/// turn every declared path into a denial).
fn glob_set(home: &Path, patterns: &[String]) -> Result<GlobSet, String> {
    let mut homes = vec![home.to_path_buf()];
    let resolved_home = resolve(&normalize(home));
    if resolved_home != home {
        homes.push(resolved_home);
    }
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        for home in &homes {
            let expanded = if pattern == "~" || pattern.starts_with("~/") {
                let escaped_home = globset::escape(&home.to_string_lossy());
                format!("{escaped_home}{}", &pattern[1..])
            } else {
                pattern.clone()
            };
            if !expanded.starts_with('/') {
                return Err(format!("pattern `{pattern}` must be absolute or start with `~/`"));
            }
            if expanded.split('/').any(|part| part == "..") {
                return Err(format!("pattern `{pattern}` must not contain `..`"));
            }
            let glob = GlobBuilder::new(&expanded)
                .literal_separator(true)
                .build()
                .map_err(|err| format!("pattern `{pattern}`: {err}"))?;
            builder.add(glob);
        }
    }
    builder.build().map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(dir: &Path) -> PathPolicy {
        let home = dir.join("home");
        let project = home.join("code/app");
        std::fs::create_dir_all(&project).expect("project dir");
        std::fs::create_dir_all(home.join(".tool/transcripts/p1")).expect("transcripts");
        std::fs::write(home.join(".tool/transcripts/p1/a.jsonl"), "{}\n").expect("transcript");
        std::fs::write(home.join(".bashrc"), "# mine\n").expect("bashrc");
        PathPolicy::new(
            &home,
            Some(&project),
            &["~/.tool/transcripts/**/*.jsonl".to_owned()],
            &["~/.tool/settings.json".to_owned()],
        )
        .expect("policy")
    }

    #[test]
    fn writes_inside_the_project_or_declared_locations_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let policy = policy(dir.path());
        let home = dir.path().join("home").canonicalize().expect("home");
        assert_eq!(policy.check_write("AGENTS.md"), Ok(home.join("code/app/AGENTS.md")));
        assert_eq!(policy.check_write("./docs/../.mcp.json"), Ok(home.join("code/app/.mcp.json")));
        assert_eq!(policy.check_write("~/.tool/settings.json"), Ok(home.join(".tool/settings.json")));
        for escape in ["../../.bashrc", "~/.bashrc", "/etc/passwd", "~/.tool/other.json", ".", "sub/../../app2/x"] {
            assert!(policy.check_write(escape).is_err(), "{escape} must be refused");
        }
    }

    #[test]
    fn a_symlink_out_of_the_project_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let policy = policy(dir.path());
        let project = dir.path().join("home/code/app");
        std::os::unix::fs::symlink(dir.path().join("home/.bashrc"), project.join("innocent.md")).expect("symlink");
        std::os::unix::fs::symlink(dir.path().join("home"), project.join("homelink")).expect("symlink");
        assert!(policy.check_write("innocent.md").is_err());
        assert!(policy.check_write("homelink/.bashrc").is_err());
    }

    #[test]
    fn reads_follow_the_manifest_globs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let policy = policy(dir.path());
        let home = dir.path().join("home").canonicalize().expect("home");
        assert_eq!(
            policy.check_read("~/.tool/transcripts/p1/a.jsonl"),
            Ok(Some(home.join(".tool/transcripts/p1/a.jsonl")))
        );
        assert_eq!(policy.check_read("~/.tool/transcripts/p1/missing.jsonl"), Ok(None));
        for denied in ["/etc/passwd", "~/.bashrc", "~/.tool/transcripts/p1/../../../.bashrc", "relative.jsonl"] {
            assert!(policy.check_read(denied).is_err(), "{denied} must be refused");
        }
    }
}
