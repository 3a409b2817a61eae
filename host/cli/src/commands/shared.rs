//! Argument types and parsers shared by several commands: filters, durations, dates, content input.

use std::io::Read;
use std::path::PathBuf;

use jiff::Timestamp;
use mx_core::Kind;
use mx_store::Filter;

use crate::error::usage;
use crate::output::Context;

/// Filters accepted by list, search, digest, stats, conversations and topics.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FilterArgs {
    /// Only memories with any of these topics (comma-separated or repeated)
    #[arg(long, value_delimiter = ',', value_name = "TOPICS")]
    pub topics: Vec<String>,
    /// Leave out memories with any of these topics
    #[arg(long, value_delimiter = ',', value_name = "TOPICS")]
    pub exclude_topics: Vec<String>,
    /// Only these kinds: decision, ruled-out, constraint, convention, debugging, gotcha, progress, note
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    pub kind: Vec<String>,
    /// Only this conversation
    #[arg(long, value_name = "ID")]
    pub conversation_id: Option<String>,
    /// Only memories from this long ago until now: 90s, 30m, 24h, 7d, 2w, 3mo, 1y (1h30m too)
    #[arg(long, value_name = "DURATION")]
    pub recent: Option<String>,
    /// Only memories created at or after this date (RFC 3339 or YYYY-MM-DD, UTC)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub after: Option<Timestamp>,
    /// Only memories created before this date (RFC 3339 or YYYY-MM-DD, UTC)
    #[arg(long, value_parser = parse_date, value_name = "DATE")]
    pub before: Option<Timestamp>,
    /// Cover every project, not just the current one and global memories
    #[arg(long)]
    pub all_projects: bool,
}

impl FilterArgs {
    /// The store filter for these flags; `--recent` counts back from `now`.
    pub fn to_filter(&self, ctx: &Context, now: Timestamp) -> anyhow::Result<Filter> {
        let mut filter = Filter::default();
        filter.scope = ctx.scope(self.all_projects);
        filter.topics = mx_core::model::normalize_topics(&self.topics)?;
        filter.exclude_topics = mx_core::model::normalize_topics(&self.exclude_topics)?;
        // Read by the rules every front end shares, so a wrong kind gets the message MCP and the bindings give.
        if !self.kind.is_empty() {
            filter.kinds = mx_store::input::kinds(&self.kind.join(",")).map_err(mx_core::Error::from)?;
        }
        filter.conversation_id = self.conversation_id.as_ref().map(|c| c.trim().to_owned());
        filter.after = self.after;
        filter.before = self.before;
        if let Some(recent) = &self.recent {
            // The store's grammar, so `--recent` reads like MCP's and the bindings' `recent`.
            let since = mx_store::input::since(recent, now).map_err(mx_core::Error::from)?;
            // Both --recent and --after: the later bound wins.
            filter.after = Some(filter.after.map_or(since, |a| a.max(since)));
        }
        if let (Some(a), Some(b)) = (filter.after, filter.before)
            && a >= b
        {
            return Err(usage(format!(
                "the time window is empty (after {a} is not before {b}); widen --after/--before/--recent"
            )));
        }
        Ok(filter)
    }
}

/// Parses a kind for clap with core's message.
pub fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse::<Kind>().map_err(|e| format!("{}; {}", e.problem, e.hint))
}

/// Parses an RFC 3339 timestamp or a `YYYY-MM-DD` date (midnight UTC).
pub fn parse_date(s: &str) -> Result<Timestamp, String> {
    let t = s.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Ok(ts);
    }
    if let Ok(date) = t.parse::<jiff::civil::Date>()
        && let Ok(ts) = jiff::tz::TimeZone::UTC.to_timestamp(date.to_datetime(jiff::civil::Time::midnight()))
    {
        return Ok(ts);
    }
    Err(format!("`{s}` is not a date; use YYYY-MM-DD or RFC 3339 like 2026-11-25T10:00:00Z"))
}

/// Where the text of a memory comes from.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ContentArgs {
    /// The text to remember
    #[arg(long, conflicts_with = "content_file", value_name = "TEXT")]
    pub content: Option<String>,
    /// Read the text from a file, or from stdin with `-`
    #[arg(long, value_name = "PATH|-")]
    pub content_file: Option<PathBuf>,
}

impl ContentArgs {
    /// The text, if any was given. Invalid UTF-8 and unreadable files are usage errors (exit 2).
    pub fn read(&self) -> anyhow::Result<Option<String>> {
        if let Some(c) = &self.content {
            return Ok(Some(c.clone()));
        }
        let Some(path) = &self.content_file else { return Ok(None) };
        let (bytes, what) = if path.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| usage(format!("cannot read stdin: {e}; pipe the text in or use --content")))?;
            (buf, "stdin".to_owned())
        } else {
            let bytes = std::fs::read(path)
                .map_err(|e| usage(format!("cannot read --content-file {}: {e}; check the path", path.display())))?;
            (bytes, path.display().to_string())
        };
        decode_utf8(bytes, &what).map(Some)
    }
}

/// Decodes text a user handed us, with a message that points at the first bad byte.
pub fn decode_utf8(bytes: Vec<u8>, what: &str) -> anyhow::Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        usage(format!(
            "{what} is not valid UTF-8 (bad byte at offset {}); convert it to UTF-8, e.g. with iconv",
            e.utf8_error().valid_up_to()
        ))
    })
}

pub use mx_store::git_head;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2026-11-25").unwrap().to_string(), "2026-11-25T00:00:00Z");
        assert_eq!(parse_date("2026-11-25T10:00:00+01:00").unwrap().to_string(), "2026-11-25T09:00:00Z");
        assert!(parse_date("25/11/2026").is_err());
    }
}
