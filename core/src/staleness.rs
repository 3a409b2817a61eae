//! Whether the code a memory is anchored to moved since the memory was written.
//!
//! A memory's `files` are its anchors: a whole file (`src/pool.rs`) or a line range in it (`src/pool.rs:40-60`,
//! `src/pool.rs:42`). The store compares each anchor against the code as it is now (git in-process, or a content
//! hash outside git) and attaches a [`Staleness`] to the memories it returns; this module holds the result types,
//! the anchor syntax and the short mark every surface prints ("src/x.rs changed since, 3 commits"). Pure: the store
//! does the reading.

use serde::{Deserialize, Serialize};

use crate::model::Kind;

/// A line range inside an anchored file, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LineRange {
    pub start: u32,
    pub end: u32,
}

/// One anchor as written in a memory's `files`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor<'a> {
    /// The repo-relative path.
    pub path: &'a str,
    /// The region the memory is about, when it names one.
    pub lines: Option<LineRange>,
}

/// Splits `path:40-60` / `path:42` into the path and its line range; anything else is a whole-file anchor. A colon
/// followed by something other than a valid range stays part of the path (`C:` style names, `a:b.txt`).
pub fn parse_anchor(anchor: &str) -> Anchor<'_> {
    let whole = Anchor { path: anchor, lines: None };
    let Some((path, range)) = anchor.rsplit_once(':') else { return whole };
    if path.is_empty() {
        return whole;
    }
    let (start, end) = match range.split_once('-') {
        Some((s, e)) => (s, e),
        None => (range, range),
    };
    match (start.trim().parse::<u32>(), end.trim().parse::<u32>()) {
        (Ok(start), Ok(end)) if start >= 1 && end >= start => Anchor { path, lines: Some(LineRange { start, end }) },
        _ => whole,
    }
}

/// What happened to one anchored file since the memory was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum AnchorState {
    /// Same content as when the memory was written.
    Unchanged,
    /// Different content. `commits` counts the commits that touched the file since the memory's commit (absent
    /// outside git, where only a content hash is known); `region_changed` tells, for a line-range anchor, whether
    /// that region itself changed.
    #[serde(rename_all = "camelCase")]
    Changed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        commits: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region_changed: Option<bool>,
    },
    /// Moved to another path (git's rename detection), possibly with edits.
    Renamed { to: String },
    /// Gone from the code.
    Deleted,
}

/// The state of one anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnchorStatus {
    /// The anchor as the memory names it (`src/pool.rs:40-60`).
    pub file: String,
    #[serde(flatten)]
    pub state: AnchorState,
}

impl AnchorStatus {
    /// True when this anchor no longer describes the code: the file changed (for a line-range anchor: the region
    /// changed), moved or went away.
    pub fn moved(&self) -> bool {
        match &self.state {
            AnchorState::Unchanged => false,
            AnchorState::Changed { region_changed, .. } => region_changed.unwrap_or(true),
            AnchorState::Renamed { .. } | AnchorState::Deleted => true,
        }
    }

    /// `src/x.rs changed since, 3 commits` / `src/x.rs renamed to src/y.rs` / `src/x.rs deleted`.
    pub fn mark(&self) -> String {
        match &self.state {
            AnchorState::Unchanged => format!("{} unchanged", self.file),
            AnchorState::Changed { commits, region_changed } => {
                let what = if *region_changed == Some(false) { "file changed, region unchanged" } else { "changed" };
                match commits {
                    Some(1) => format!("{} {what} since, 1 commit", self.file),
                    Some(n) => format!("{} {what} since, {n} commits", self.file),
                    None => format!("{} {what} since", self.file),
                }
            }
            AnchorState::Renamed { to } => format!("{} renamed to {to}", self.file),
            AnchorState::Deleted => format!("{} deleted", self.file),
        }
    }
}

/// How a memory's anchors compare with the code now: attached by the store to the memories it returns (the
/// `stale` field in JSON, MCP and the bindings). Absent on memories without anchors or whose code cannot be read
/// (another project, a commit this clone does not have).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Staleness {
    /// True when at least one anchor moved: the memory may describe code that is no longer there.
    pub is_stale: bool,
    /// The moved anchors' marks joined by `; ` (empty when nothing moved).
    pub mark: String,
    pub anchors: Vec<AnchorStatus>,
}

impl Staleness {
    /// Builds the summary from per-anchor states.
    pub fn from_anchors(anchors: Vec<AnchorStatus>) -> Staleness {
        let marks: Vec<String> = anchors.iter().filter(|a| a.moved()).map(AnchorStatus::mark).collect();
        Staleness { is_stale: !marks.is_empty(), mark: marks.join("; "), anchors }
    }
}

/// How staleness weighs on a memory's rank, by kind. Where things stand and traps in code are claims about the code
/// as it was: once it moved they mislead, so they sink. Decisions, constraints and conventions usually outlive an
/// edit of the file they were made in: they keep their place and carry the mark, so the reader can check.
pub fn rank_factor(kind: Kind, staleness: Option<&Staleness>) -> f32 {
    match staleness {
        Some(s) if s.is_stale => match kind {
            Kind::Progress | Kind::Gotcha => STALE_SINK,
            Kind::Debugging | Kind::Note => STALE_SOFT,
            Kind::Decision | Kind::RuledOut | Kind::Constraint | Kind::Convention => 1.0,
        },
        _ => 1.0,
    }
}

/// Score multiplier of a stale progress note or gotcha.
pub const STALE_SINK: f32 = 0.35;
/// Score multiplier of a stale debugging note or plain note: the history is still true, the pointer may not be.
pub const STALE_SOFT: f32 = 0.8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_parse_ranges_and_keep_odd_paths_whole() {
        assert_eq!(parse_anchor("src/a.rs:40-60").lines, Some(LineRange { start: 40, end: 60 }));
        assert_eq!(parse_anchor("src/a.rs:40-60").path, "src/a.rs");
        assert_eq!(parse_anchor("src/a.rs:42").lines, Some(LineRange { start: 42, end: 42 }));
        for whole in ["src/a.rs", "a:b.txt", "src/a.rs:60-40", "src/a.rs:0", ":12"] {
            assert_eq!(parse_anchor(whole), Anchor { path: whole, lines: None }, "{whole}");
        }
    }

    #[test]
    fn marks_read_as_a_short_sentence() {
        let s = Staleness::from_anchors(vec![
            AnchorStatus {
                file: "src/x.rs".into(),
                state: AnchorState::Changed { commits: Some(3), region_changed: None },
            },
            AnchorStatus { file: "src/y.rs".into(), state: AnchorState::Unchanged },
            AnchorStatus {
                file: "src/z.rs:1-5".into(),
                state: AnchorState::Changed { commits: Some(1), region_changed: Some(false) },
            },
            AnchorStatus { file: "src/old.rs".into(), state: AnchorState::Renamed { to: "src/new.rs".into() } },
        ]);
        assert!(s.is_stale);
        assert_eq!(s.mark, "src/x.rs changed since, 3 commits; src/old.rs renamed to src/new.rs");
        let json = serde_json::to_string(&s.anchors[0]).unwrap();
        assert_eq!(json, r#"{"file":"src/x.rs","state":"changed","commits":3}"#);
    }
}
