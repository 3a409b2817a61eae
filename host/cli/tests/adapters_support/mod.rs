//! Shared by the adapter end-to-end tests (`setup_*.rs`, `hooks_*.rs`, `sync_*.rs`): a temporary HOME, MX_HOME
//! and git project, and `mx` run inside them the way an assistant runs it.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub struct Env {
    _dir: tempfile::TempDir,
    pub home: PathBuf,
    pub mx_home: PathBuf,
    pub project: PathBuf,
}

/// A temporary HOME with a git project at `~/code/shop`.
pub fn env() -> Env {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical tempdir");
    let (home, mx_home, project) = (root.join("home"), root.join("mx"), root.join("home/code/shop"));
    std::fs::create_dir_all(&project).expect("project dir");
    let git = std::process::Command::new("git").args(["init", "-q"]).current_dir(&project).status();
    if !git.is_ok_and(|s| s.success()) {
        // No git on this machine: a `.git` directory is what project detection looks for.
        std::fs::create_dir_all(project.join(".git")).expect("project .git");
    }
    Env { _dir: dir, home, mx_home, project }
}

impl Env {
    pub fn mx(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("mx").expect("mx binary");
        cmd.args(args)
            .current_dir(&self.project)
            .env("HOME", &self.home)
            .env("MX_HOME", &self.mx_home)
            // A PATH without mx, so setup writes this binary's full path, which `filtered` hides.
            .env("PATH", "/usr/bin:/bin")
            .env_remove("MX_PROJECT")
            .env_remove("MX_FORMAT")
            .env_remove("CLAUDECODE")
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs mx and returns stdout; fails the test on a non-zero exit.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self.mx(args).output().expect("run mx");
        assert!(out.status.success(), "mx {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs `mx hook <assistant> <event>` with `payload` on stdin; hooks always exit 0.
    pub fn hook(&self, assistant: &str, event: &str, payload: &str) -> String {
        let out = self.mx(&["hook", assistant, event]).write_stdin(payload).output().expect("run mx hook");
        assert!(out.status.success(), "mx hook {assistant} {event} exited {:?}", out.status);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Every memory of the project, oldest first, as JSON.
    pub fn memories(&self) -> Vec<serde_json::Value> {
        let text = self.stdout(&["memories", "list", "--format", "json", "--limit", "1000"]);
        let value: serde_json::Value = serde_json::from_str(&text).expect("memories list JSON");
        let mut list = value.as_array().cloned().or_else(|| value["memories"].as_array().cloned()).expect("a list");
        list.reverse();
        list
    }

    /// Replaces this binary's path, the temporary directories and the hook log noise with stable names.
    pub fn filtered(&self, text: &str) -> String {
        let exe = assert_cmd::cargo::cargo_bin("mx");
        let exe = exe.canonicalize().unwrap_or(exe);
        text.replace(&exe.display().to_string(), "[MX]")
            .replace(&self.mx_home.display().to_string(), "[MX_HOME]")
            .replace(&self.project.display().to_string(), "[PROJECT]")
            .replace(&self.home.display().to_string(), "[HOME]")
    }

    pub fn hook_log(&self) -> String {
        std::fs::read_to_string(self.mx_home.join("logs/hook.log")).unwrap_or_default()
    }
}

/// Every regular file under `dirs` (recursively) with its bytes, keyed by path: the state setup must restore.
pub fn snapshot_files(dirs: &[&Path]) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for dir in dirs {
        collect(dir, &mut files);
    }
    files
}

/// Every directory below `dir` (`.git` excluded): a removal must also take out the directories setup made.
pub fn snapshot_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&path) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let p = entry.path();
            if p.is_dir() && p.file_name().is_some_and(|n| n != ".git") {
                out.push(p.clone());
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

fn collect(path: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let Ok(meta) = std::fs::symlink_metadata(path) else { return };
    if meta.is_dir() {
        if path.file_name().is_some_and(|n| n == ".git") {
            return;
        }
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(path).expect("read dir").filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for entry in entries {
            collect(&entry, files);
        }
    } else if meta.is_file() {
        files.insert(path.to_path_buf(), std::fs::read(path).expect("read file"));
    }
}

/// Paths whose bytes differ between two snapshots (added, removed or changed).
pub fn changed(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = before.keys().chain(after.keys()).cloned().collect();
    paths.sort();
    paths.dedup();
    paths.into_iter().filter(|p| before.get(p) != after.get(p)).collect()
}

pub fn write(path: &Path, content: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("parent dir");
    }
    std::fs::write(path, content).expect("write fixture");
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("read {}: {err}", path.display()))
}

pub fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/adapters").join(name);
    read(&path)
}

/// Injected context with the short ids and dates (which vary between runs) cut from each digest bullet: bullets end
/// with "(<short id>, <date>, <conversation>)" or similar; the snapshot keeps the words.
pub fn redact_ids(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_owned();
        if let Some(start) = line.rfind(" (")
            && line.ends_with(')')
        {
            line.truncate(start);
            line.push_str(" (…)");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The parts of a memory the adapter decides, for snapshots.
pub fn essentials(memories: &[serde_json::Value]) -> Vec<serde_json::Value> {
    memories
        .iter()
        .map(|m| {
            serde_json::json!({
                "kind": m["kind"], "content": m["content"], "topics": m["topics"], "files": m["files"],
                "conversationId": m["conversationId"], "source": m["source"], "importance": m["importance"],
            })
        })
        .collect()
}
