//! Turning tool arguments into store requests. The rules every front end shares (the "recent" grammar, kind lists,
//! limits of at least 1, token budgets) are mx-core's [`mx_store::input`]; this file adds only what is about the MCP
//! surface: an assistant's context is small, so results and budgets have tighter upper and lower bounds here.

use jiff::Timestamp;
use mx_core::{Kind, ValidationError};
use mx_store::input;

/// Largest `limit` a tool accepts: more results than this only burn the assistant's context.
pub const MAX_LIMIT: usize = 100;
/// Smallest token budget for recall and build_context: below it a digest says nothing useful to an assistant.
pub const MIN_MAX_TOKENS: usize = 50;

/// The start of a "recent" window ending at `now` (the shared grammar: 90s, 30m, 24h, 7d, 2w, 3mo, 1y).
pub fn since(period: &str, now: Timestamp) -> Result<Timestamp, ValidationError> {
    input::since(period, now)
}

/// One kind or a comma-separated list of kinds.
pub fn kinds(text: &str) -> Result<Vec<Kind>, ValidationError> {
    input::kinds(text)
}

/// Checks a result limit (at least 1, at most [`MAX_LIMIT`]), or gives the default.
pub fn limit(value: Option<u32>, default: usize) -> Result<usize, ValidationError> {
    let Some(n) = value else { return Ok(default) };
    let n = input::limit(n as usize)?;
    if n > MAX_LIMIT {
        return Err(ValidationError::new(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
            n,
            "ask for fewer results and narrow the query instead",
        ));
    }
    Ok(n)
}

/// Checks a token budget (the shared bounds, and at least [`MIN_MAX_TOKENS`]), or gives none.
pub fn max_tokens(value: Option<u32>) -> Result<Option<usize>, ValidationError> {
    let Some(n) = value else { return Ok(None) };
    let n = input::max_tokens(n as usize)?;
    if n < MIN_MAX_TOKENS {
        return Err(ValidationError::new(
            "maxTokens",
            format!("must be between {MIN_MAX_TOKENS} and {}", input::MAX_MAX_TOKENS),
            n,
            "1500 suits most tasks",
        ));
    }
    Ok(Some(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_budgets_are_bounded() {
        assert_eq!(limit(None, 10).ok(), Some(10));
        assert_eq!(limit(Some(0), 10).expect_err("zero").problem, "must be at least 1");
        assert!(limit(Some(101), 10).is_err());
        assert_eq!(max_tokens(Some(800)).ok(), Some(Some(800)));
        assert_eq!(max_tokens(Some(10)).expect_err("too small").field, "maxTokens");
        assert_eq!(max_tokens(Some(0)).expect_err("zero").problem, "must be between 1 and 20000");
    }
}
