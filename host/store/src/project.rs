use std::path::Path;

/// The project identity of a working directory: the normalised git remote URL (`github.com/acme/shop`), else the
/// repository root (worktrees of one repository share it), else the directory itself. Placeholder: the directory.
pub fn detect_project(dir: &Path) -> Option<String> {
    Some(dir.to_string_lossy().into_owned())
}
