//! Turning tool arguments into store requests: the checks the store cannot do because they are about the MCP surface
//! (period strings, result limits, budgets), each failing with a one-line message an assistant can act on.

use std::str::FromStr;

use jiff::{SignedDuration, Timestamp};
use mx_core::{Kind, ValidationError};

/// Largest `limit` a tool accepts: more results than this only burn the assistant's context.
pub const MAX_LIMIT: u32 = 100;
/// Smallest and largest token budget for recall and build_context.
pub const MIN_MAX_TOKENS: u32 = 50;
pub const MAX_MAX_TOKENS: u32 = 20_000;

/// Parses a period like `90m`, `24h`, `7d`, `2w` (a number and a unit, spaces allowed) into the instant that far
/// before `now`.
pub fn since(field: &'static str, period: &str, now: Timestamp) -> Result<Timestamp, ValidationError> {
    let invalid = || {
        ValidationError::new(
            field,
            "must be a period like 90m, 24h, 7d or 2w",
            period,
            "use a number and a unit (m, h, d, w)",
        )
    };
    let text = period.trim().to_ascii_lowercase();
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(invalid)?;
    let (number, unit) = text.split_at(split);
    let amount: i64 = number.parse().map_err(|_| invalid())?;
    let unit_secs: i64 = match unit.trim() {
        "m" | "min" | "mins" | "minute" | "minutes" => 60,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3_600,
        "d" | "day" | "days" => 86_400,
        "w" | "wk" | "week" | "weeks" => 604_800,
        _ => return Err(invalid()),
    };
    let secs = amount.checked_mul(unit_secs).filter(|s| *s > 0).ok_or_else(invalid)?;
    now.checked_sub(SignedDuration::from_secs(secs)).map_err(|_| invalid())
}

/// Parses one kind or a comma-separated list of kinds.
pub fn kinds(field: &'static str, text: &str) -> Result<Vec<Kind>, ValidationError> {
    let mut out = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let kind = Kind::from_str(part)?;
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    if out.is_empty() {
        return Err(ValidationError::new(
            field,
            "must name a kind",
            text,
            "use one of decision, ruled-out, constraint, convention, debugging, gotcha, progress, note",
        ));
    }
    Ok(out)
}

/// Checks a result limit, or gives the default.
pub fn limit(value: Option<u32>, default: u32) -> Result<usize, ValidationError> {
    match value {
        None => Ok(default as usize),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n as usize),
        Some(n) => Err(ValidationError::new(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
            n,
            "ask for fewer results and narrow the query instead",
        )),
    }
}

/// Checks a token budget, or gives the default.
pub fn max_tokens(value: Option<u32>) -> Result<Option<usize>, ValidationError> {
    match value {
        None => Ok(None),
        Some(n) if (MIN_MAX_TOKENS..=MAX_MAX_TOKENS).contains(&n) => Ok(Some(n as usize)),
        Some(n) => Err(ValidationError::new(
            "maxTokens",
            format!("must be between {MIN_MAX_TOKENS} and {MAX_MAX_TOKENS}"),
            n,
            "1500 suits most tasks",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Timestamp {
        "2026-11-25T10:00:00Z".parse().expect("valid timestamp")
    }

    #[test]
    fn periods_parse_with_their_units() {
        assert_eq!(since("recent", "7d", now()).ok(), "2026-11-18T10:00:00Z".parse().ok());
        assert_eq!(since("recent", " 24 h ", now()).ok(), "2026-11-24T10:00:00Z".parse().ok());
        assert_eq!(since("recent", "2W", now()).ok(), "2026-11-11T10:00:00Z".parse().ok());
        assert_eq!(since("recent", "90m", now()).ok(), "2026-11-25T08:30:00Z".parse().ok());
    }

    #[test]
    fn bad_periods_name_the_field() {
        for bad in ["", "d", "7", "7y", "-3d", "0d", "99999999999999999w"] {
            let err = since("recent", bad, now()).expect_err(bad);
            assert_eq!(err.field, "recent", "{bad}");
        }
    }

    #[test]
    fn kind_lists_are_deduplicated() {
        assert_eq!(kinds("kind", "decision, constraint,decision").ok(), Some(vec![Kind::Decision, Kind::Constraint]));
        assert_eq!(kinds("kind", "wish").expect_err("unknown kind").field, "kind");
        assert!(kinds("kind", " , ").is_err());
    }

    #[test]
    fn limits_and_budgets_are_bounded() {
        assert_eq!(limit(None, 10).ok(), Some(10));
        assert!(limit(Some(0), 10).is_err());
        assert!(limit(Some(101), 10).is_err());
        assert_eq!(max_tokens(Some(800)).ok(), Some(Some(800)));
        assert_eq!(max_tokens(Some(10)).expect_err("too small").field, "maxTokens");
    }
}
