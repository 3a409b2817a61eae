//! Project identity of a working directory, read straight from `.git` files: this runs on every CLI call, so it must
//! not spawn `git`.
//!
//! 1. The normalised URL of the `origin` remote (`git@github.com:Acme/Shop.git` and `https://github.com/Acme/Shop`
//!    both give `github.com/Acme/Shop`): clones of one repository on different machines share memories.
//! 2. Else the repository's main working tree root. A linked worktree's `.git` file points into the main repository's
//!    `.git/worktrees/<name>`, whose `commondir` leads back to the shared `.git`: all worktrees share one project.
//! 3. Else the directory itself.

use std::path::{Path, PathBuf};

/// The project a front end works in: the one the caller named (`--project`, an option), else `$MX_PROJECT`, else the
/// identity of `dir` ([`detect_project`]). Blank names count as none. Every front end resolves it here, so
/// `MX_PROJECT=x` means the same to the CLI, the MCP server and both bindings.
pub fn resolve_project(named: Option<&str>, dir: &Path) -> Option<String> {
    let blank = |p: &&str| !p.trim().is_empty();
    if let Some(project) = named.filter(blank) {
        return Some(project.trim().to_owned());
    }
    if let Some(project) = std::env::var("MX_PROJECT").ok().as_deref().filter(blank) {
        return Some(project.trim().to_owned());
    }
    detect_project(dir)
}

/// The project identity of a working directory: the normalised git remote URL (`github.com/acme/shop`), else the
/// repository root (worktrees of one repository share it), else the directory itself.
pub fn detect_project(dir: &Path) -> Option<String> {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let Some((worktree, git_dir)) = find_git_dir(&dir) else {
        return Some(dir.to_string_lossy().into_owned());
    };
    let common = common_dir(&git_dir);
    if let Some(url) = origin_url(&common) {
        return Some(normalize_remote(&url));
    }
    let root = if common.file_name().is_some_and(|n| n == ".git") {
        common.parent().map(Path::to_path_buf).unwrap_or(worktree)
    } else {
        // A bare repository or a separate git dir: the common dir is the repository's identity.
        common
    };
    Some(root.to_string_lossy().into_owned())
}

/// The commit checked out in `dir` (`git rev-parse HEAD`), recorded with memories that anchor files so a reader knows
/// which version of the code they describe. `None` outside git or without `git` on PATH. Spawns `git`: unlike
/// [`detect_project`] this runs only when a memory names files, and resolving refs (packed, symbolic, worktrees) is
/// git's job.
pub fn git_head(dir: &Path) -> Option<String> {
    let out = std::process::Command::new("git")
        .args(["rev-parse", "--verify", "-q", "HEAD"])
        .current_dir(dir)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let head = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (out.status.success() && !head.is_empty()).then_some(head)
}

/// Walks up from `dir` to the first directory holding `.git` (a directory, or a file `gitdir: <path>`).
fn find_git_dir(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    for candidate in dir.ancestors() {
        let dot_git = candidate.join(".git");
        if dot_git.is_dir() {
            return Some((candidate.to_path_buf(), dot_git));
        }
        if dot_git.is_file() {
            let text = std::fs::read_to_string(&dot_git).ok()?;
            let target = text.lines().find_map(|l| l.strip_prefix("gitdir:"))?.trim();
            let path = candidate.join(target);
            let path = std::fs::canonicalize(&path).unwrap_or(path);
            return Some((candidate.to_path_buf(), path));
        }
    }
    None
}

/// The repository's shared git dir: `commondir` inside a linked worktree's git dir names it (usually `../..`).
fn common_dir(git_dir: &Path) -> PathBuf {
    match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(text) => {
            let path = git_dir.join(text.trim());
            std::fs::canonicalize(&path).unwrap_or(path)
        }
        Err(_) => git_dir.to_path_buf(),
    }
}

/// The `url` of `[remote "origin"]` in the repository's config (a minimal reader of git's INI dialect).
fn origin_url(common: &Path) -> Option<String> {
    let config = std::fs::read_to_string(common.join("config")).ok()?;
    let mut in_origin = false;
    for line in config.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            let header: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            in_origin = header.eq_ignore_ascii_case("[remote\"origin\"]");
            continue;
        }
        if !in_origin {
            continue;
        }
        if let Some((key, value)) = line.split_once('=')
            && key.trim().eq_ignore_ascii_case("url")
        {
            let value = value.trim().trim_matches('"').trim();
            if !value.is_empty() {
                return Some(value.to_owned());
            }
        }
    }
    None
}

/// `git@github.com:Acme/Shop.git`, `ssh://git@github.com:22/Acme/Shop`, `https://user@GitHub.com/Acme/Shop/` all
/// become `github.com/Acme/Shop`: scheme, user, port, `.git` and trailing slashes dropped, host lowercased, path kept.
pub fn normalize_remote(url: &str) -> String {
    let url = url.trim();
    let (rest, scp_like) = match url.split_once("://") {
        Some((_, rest)) => (rest, false),
        None => (url, !url.starts_with('/') && url.contains(':')),
    };
    let (authority, path) = if scp_like {
        match rest.split_once(':') {
            Some((a, p)) => (a, p),
            None => (rest, ""),
        }
    } else {
        match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, ""),
        }
    };
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host =
        host.split_once(':').map_or(host, |(h, port)| if port.chars().all(|c| c.is_ascii_digit()) { h } else { host });
    let path = path.trim_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path).trim_end_matches('/');
    if host.is_empty() {
        // A local path remote: keep it as is, minus `.git`.
        return url.strip_suffix(".git").unwrap_or(url).to_owned();
    }
    if path.is_empty() { host.to_ascii_lowercase() } else { format!("{}/{path}", host.to_ascii_lowercase()) }
}

#[cfg(test)]
mod tests {
    use super::normalize_remote;

    #[test]
    fn remotes_normalise_to_host_and_path() {
        for url in [
            "git@github.com:Acme/Shop.git",
            "https://github.com/Acme/Shop",
            "https://user:token@GitHub.com/Acme/Shop.git/",
            "ssh://git@github.com:22/Acme/Shop.git",
            "git://github.com/Acme/Shop",
        ] {
            assert_eq!(normalize_remote(url), "github.com/Acme/Shop", "{url}");
        }
        assert_eq!(normalize_remote("/srv/git/shop.git"), "/srv/git/shop");
    }
}
