#![allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
//! Project detection against real repositories made with `git`.

use std::path::Path;
use std::process::Command;

use mx_store::detect_project;

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .expect("git is installed");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn repo() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("shop");
    std::fs::create_dir_all(root.join("src/payments")).unwrap();
    git(&root, &["init", "-q", "-b", "main"]);
    std::fs::write(root.join("README"), "hi").unwrap();
    git(&root, &["add", "."]);
    git(&root, &["commit", "-q", "-m", "init"]);
    (tmp, root)
}

#[test]
fn remote_url_is_the_project_from_any_subdirectory() {
    let (_tmp, root) = repo();
    git(&root, &["remote", "add", "origin", "git@github.com:Acme/Shop.git"]);
    assert_eq!(detect_project(&root.join("src/payments")).as_deref(), Some("github.com/Acme/Shop"));
    git(&root, &["remote", "set-url", "origin", "https://github.com/Acme/Shop"]);
    assert_eq!(detect_project(&root).as_deref(), Some("github.com/Acme/Shop"));
}

#[test]
fn without_a_remote_worktrees_share_the_main_root() {
    let (tmp, root) = repo();
    let canonical = std::fs::canonicalize(&root).unwrap().to_string_lossy().into_owned();
    assert_eq!(detect_project(&root.join("src")).as_deref(), Some(canonical.as_str()));
    let wt = tmp.path().join("shop-feature");
    git(&root, &["worktree", "add", "-q", wt.to_str().unwrap(), "-b", "feature"]);
    assert_eq!(detect_project(&wt).as_deref(), Some(canonical.as_str()));
    // and with a remote, the worktree reads the shared config
    git(&root, &["remote", "add", "origin", "ssh://git@gitlab.example.com:2222/Team/Shop.git"]);
    assert_eq!(detect_project(&wt).as_deref(), Some("gitlab.example.com/Team/Shop"));
}

#[test]
fn outside_git_the_directory_is_the_project() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("notes");
    std::fs::create_dir_all(&dir).unwrap();
    let canonical = std::fs::canonicalize(&dir).unwrap().to_string_lossy().into_owned();
    assert_eq!(detect_project(&dir).as_deref(), Some(canonical.as_str()));
}
