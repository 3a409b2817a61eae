//! The input rules every front end shares: default and bounds of a result limit and a token budget, the grammar of a
//! "recent" window, kind lists, a query. The CLI, the MCP server, both bindings and the plugin host translate their
//! own syntax (flags, JSON, keyword arguments, the WIT contract) into calls to these, so one bad value gets one
//! message, with the field named as users see it in JSON (camelCase), whichever surface it came through.

use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};

use crate::Kind;
use crate::error::ValidationError;

/// How many results a search returns when the caller does not say.
pub const DEFAULT_SEARCH_LIMIT: usize = 10;

/// The token budget of a digest or briefing when the caller does not say.
pub use crate::digest::DEFAULT_MAX_TOKENS;

/// The largest token budget anyone may ask for: beyond it a digest no longer fits an assistant's context.
pub const MAX_MAX_TOKENS: usize = 20_000;

/// What a "recent" window looks like, for messages and help texts.
pub const RECENT_EXAMPLES: &str = "90s, 30m, 24h, 7d, 2w, 3mo or 1y";

/// Checks a result limit: at least 1 (a zero limit is always a mistake: it would answer nothing).
pub fn limit(n: usize) -> Result<usize, ValidationError> {
    if n == 0 {
        return Err(ValidationError::new("limit", "must be at least 1", n, "ask for 1 or more results"));
    }
    Ok(n)
}

/// Checks a token budget: 1 to [`MAX_MAX_TOKENS`].
pub fn max_tokens(n: usize) -> Result<usize, ValidationError> {
    if !(1..=MAX_MAX_TOKENS).contains(&n) {
        return Err(ValidationError::new(
            "maxTokens",
            format!("must be between 1 and {MAX_MAX_TOKENS}"),
            n,
            "1500 suits most tasks",
        ));
    }
    Ok(n)
}

/// Checks a search query: some text besides whitespace.
pub fn query(text: &str) -> Result<&str, ValidationError> {
    if text.trim().is_empty() {
        return Err(ValidationError::new(
            "query",
            "must not be empty",
            text,
            "say what to look for, e.g. \"payment retries\"",
        ));
    }
    Ok(text)
}

/// Parses a "recent" window: a number and a unit, or several (`1h30m`), from seconds to years, as jiff's friendly
/// duration format reads them (`7d`, `24 h`, `2 weeks`, `3mo`, `1y`; ISO 8601 `P7D` too). Case does not matter.
/// Empty, zero and negative windows are refused: they would select nothing.
pub fn recent(text: &str) -> Result<Span, ValidationError> {
    let invalid = |problem: &str| {
        ValidationError::new(
            "recent",
            problem.to_owned(),
            text,
            "use a number and a unit: 90s, 30m, 24h, 7d, 2w, 3mo, 1y",
        )
    };
    let trimmed = text.trim().to_ascii_lowercase();
    if trimmed.is_empty() {
        return Err(invalid("must not be empty"));
    }
    let span: Span = trimmed.parse().map_err(|_| invalid("is not a duration"))?;
    if span.signum() <= 0 {
        return Err(invalid("must be longer than zero"));
    }
    Ok(span)
}

/// The start of a "recent" window that ends at `now`. Days, months and years count back on the UTC calendar (a
/// month back from 31 March is 28 or 29 February).
pub fn since(text: &str, now: Timestamp) -> Result<Timestamp, ValidationError> {
    let span = recent(text)?;
    now.to_zoned_datetime(TimeZone::UTC).checked_sub(span).map(|z| z.timestamp()).map_err(|_| {
        ValidationError::new("recent", "reaches too far back", text, "use a window of days, weeks or years")
    })
}

/// Parses one kind or a comma-separated list of kinds, without repeats.
pub fn kinds(text: &str) -> Result<Vec<Kind>, ValidationError> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let kind: Kind = part.parse()?;
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    if out.is_empty() {
        return Err(ValidationError::new(
            "kind",
            "must name a kind",
            text,
            "use one of decision, ruled-out, constraint, convention, debugging, gotcha, progress, note",
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-11-25T10:00:00Z".parse().expect("valid timestamp")
    }

    fn since_ok(text: &str) -> String {
        since(text, now()).map(|t| t.to_string()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn windows_from_seconds_to_years() {
        assert_eq!(since_ok("90s"), "2026-11-25T09:58:30Z");
        assert_eq!(since_ok("90m"), "2026-11-25T08:30:00Z");
        assert_eq!(since_ok(" 24 h "), "2026-11-24T10:00:00Z");
        assert_eq!(since_ok("7d"), "2026-11-18T10:00:00Z");
        assert_eq!(since_ok("2W"), "2026-11-11T10:00:00Z");
        assert_eq!(since_ok("3mo"), "2026-08-25T10:00:00Z");
        assert_eq!(since_ok("1y"), "2025-11-25T10:00:00Z");
        assert_eq!(since_ok("1h30m"), "2026-11-25T08:30:00Z");
        assert_eq!(since_ok("2 weeks"), "2026-11-11T10:00:00Z");
    }

    #[test]
    fn bad_windows_name_the_field() {
        for bad in ["", "  ", "d", "7", "7x", "-3d", "0d", "0s", "3d ago", "99999999999999999w", "20000y"] {
            let err = since(bad, now()).expect_err(bad);
            assert_eq!(err.field, "recent", "{bad}");
        }
        assert_eq!(recent("").expect_err("empty").problem, "must not be empty");
        assert_eq!(recent("0d").expect_err("zero").problem, "must be longer than zero");
        assert_eq!(recent("7x").expect_err("unit").problem, "is not a duration");
    }

    #[test]
    fn kind_lists_are_deduplicated() {
        assert_eq!(kinds("decision, constraint,decision").ok(), Some(vec![Kind::Decision, Kind::Constraint]));
        assert_eq!(kinds("wish").expect_err("unknown kind").field, "kind");
        assert!(kinds(" , ").is_err());
    }

    #[test]
    fn limits_budgets_and_queries() {
        assert_eq!(limit(1).ok(), Some(1));
        assert_eq!(
            limit(0).expect_err("zero").to_string(),
            "limit: must be at least 1 (got \"0\"); ask for 1 or more results"
        );
        assert_eq!(max_tokens(DEFAULT_MAX_TOKENS).ok(), Some(DEFAULT_MAX_TOKENS));
        assert_eq!(max_tokens(0).expect_err("zero").field, "maxTokens");
        assert_eq!(max_tokens(MAX_MAX_TOKENS + 1).expect_err("too big").field, "maxTokens");
        assert_eq!(query(" \n").expect_err("blank").field, "query");
    }
}
