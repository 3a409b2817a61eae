//! Memory ids and conversation ids.
//!
//! A memory id is a ULID in lowercase Crockford base32 (26 characters): the first 10 characters encode the creation
//! time in milliseconds, so ids sort by creation time; the other 16 are random. Core never draws randomness or reads
//! the clock: callers supply both through [`MemoryId::from_parts`]. Users may type any unique prefix of
//! [`MIN_PREFIX_LEN`] or more characters, in either case.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ValidationError};

/// Length of a full memory id.
pub const ID_LEN: usize = 26;
/// The shortest prefix accepted in place of a full id.
pub const MIN_PREFIX_LEN: usize = 6;
/// Length of the short id shown in digests and tables: the 10 time characters plus 2 random ones, so ids made in
/// the same millisecond still differ (1 in 1024 collide, and a collision only makes the prefix ambiguous).
pub const SHORT_ID_LEN: usize = 12;
/// Conversation ids started by mx look like `conv_<ulid>`.
pub const CONVERSATION_PREFIX: &str = "conv_";
/// The longest conversation id accepted.
pub const MAX_CONVERSATION_ID_LEN: usize = 128;
/// What a caller passes as the conversation id to start a new conversation.
pub const NEW_CONVERSATION: &str = "NEW";

/// How many of the ids an ambiguous prefix matches are named in the error (the count is always given in full).
pub const AMBIGUOUS_SHOWN: usize = 5;

const CROCKFORD: &str = "0123456789abcdefghjkmnpqrstvwxyz";

/// A memory id: a lowercase ULID. Ordering is creation order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MemoryId(String);

impl MemoryId {
    /// Builds an id from a creation time (Unix milliseconds) and 80 random bits (higher bits are ignored).
    pub fn from_parts(unix_ms: u64, random: u128) -> Self {
        Self(ulid::Ulid::from_parts(unix_ms, random).to_string().to_ascii_lowercase())
    }

    /// Parses a full id, accepting either case.
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        let lower = s.trim().to_ascii_lowercase();
        if lower.len() != ID_LEN || !lower.chars().all(|c| CROCKFORD.contains(c)) {
            return Err(ValidationError::new(
                "id",
                format!("must be a {ID_LEN}-character mx id"),
                s,
                "use a full id or a unique prefix of 6 or more characters",
            ));
        }
        ulid::Ulid::from_string(&lower).map_err(|_| {
            ValidationError::new("id", "is not a valid mx id", s, "use a full id as listed or printed by mx")
        })?;
        Ok(Self(lower))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The short form shown in digests and tables; it is a valid prefix.
    pub fn short(&self) -> &str {
        &self.0[..SHORT_ID_LEN]
    }

    /// Creation time in Unix milliseconds, read from the id.
    pub fn unix_ms(&self) -> u64 {
        ulid::Ulid::from_string(&self.0).map(|u| u.timestamp_ms()).unwrap_or(0)
    }
}

impl fmt::Display for MemoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for MemoryId {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<MemoryId> for String {
    fn from(id: MemoryId) -> String {
        id.0
    }
}

/// Validates what a user typed as an id or id prefix and returns it normalised (lowercase), ready for a prefix match.
pub fn normalize_prefix(prefix: &str) -> Result<String, ValidationError> {
    let lower = prefix.trim().to_ascii_lowercase();
    if lower.len() < MIN_PREFIX_LEN || lower.len() > ID_LEN || !lower.chars().all(|c| CROCKFORD.contains(c)) {
        return Err(ValidationError::new(
            "id",
            format!("must be an mx id or a prefix of {MIN_PREFIX_LEN} to {ID_LEN} id characters"),
            prefix,
            "use a full id as listed or printed by mx",
        ));
    }
    Ok(lower)
}

/// Whether `s` could be the start of an id but is too short to be accepted as a prefix (1 to 5 id characters): a
/// lookup that finds no such name then says the prefix needs [`MIN_PREFIX_LEN`] characters instead of "not found".
pub fn is_short_prefix(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    !lower.is_empty() && lower.len() < MIN_PREFIX_LEN && lower.chars().all(|c| CROCKFORD.contains(c))
}

/// The error for a too-short prefix (see [`is_short_prefix`]) that is not a name either.
pub fn short_prefix_error(s: &str) -> ValidationError {
    ValidationError::new(
        "id",
        format!("no memory has this name, and an id prefix needs {MIN_PREFIX_LEN} characters"),
        s.trim(),
        "type more of the id, or the full id or name",
    )
}

/// Resolves a prefix against a set of known ids: exactly one match wins, none is [`Error::NotFound`], several are
/// [`Error::AmbiguousId`] listing them.
pub fn resolve_prefix<'a>(prefix: &str, ids: impl IntoIterator<Item = &'a MemoryId>) -> Result<&'a MemoryId, Error> {
    let wanted = normalize_prefix(prefix)?;
    let matches: Vec<&MemoryId> = ids.into_iter().filter(|id| id.0.starts_with(&wanted)).collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::NotFound(prefix.to_owned())),
        many => Err(Error::AmbiguousId {
            prefix: prefix.to_owned(),
            count: many.len(),
            matches: many.iter().take(AMBIGUOUS_SHOWN).map(|id| id.to_string()).collect(),
        }),
    }
}

/// A conversation id. mx starts them as `conv_<ulid>`; any other non-empty string a caller brings is kept as is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ConversationId(String);

impl ConversationId {
    /// A new conversation id from a time and randomness supplied by the caller.
    pub fn new_from_parts(unix_ms: u64, random: u128) -> Self {
        Self(format!("{CONVERSATION_PREFIX}{}", MemoryId::from_parts(unix_ms, random)))
    }

    /// Validates a caller's conversation id: trimmed, 1..=128 characters, no control characters. `NEW` is not an id:
    /// the caller must turn it into a fresh one first (see [`is_new`]).
    pub fn parse(s: &str) -> Result<Self, ValidationError> {
        let t = s.trim();
        if t.is_empty() || t.chars().count() > MAX_CONVERSATION_ID_LEN || t.chars().any(char::is_control) {
            return Err(ValidationError::new(
                "conversationId",
                format!("must be 1 to {MAX_CONVERSATION_ID_LEN} printable characters"),
                s,
                "pass NEW to start a conversation, or reuse the id of an existing one",
            ));
        }
        Ok(Self(t.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// True when the caller asked for a new conversation (`NEW`, any case).
pub fn is_new(s: &str) -> bool {
    s.trim().eq_ignore_ascii_case(NEW_CONVERSATION)
}

impl fmt::Display for ConversationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for ConversationId {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<ConversationId> for String {
    fn from(id: ConversationId) -> String {
        id.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation_time() {
        let a = MemoryId::from_parts(1_700_000_000_000, u128::MAX);
        let b = MemoryId::from_parts(1_700_000_000_001, 0);
        assert!(a < b);
        assert_eq!(a.as_str().len(), ID_LEN);
        assert_eq!(a.unix_ms(), 1_700_000_000_000);
    }

    #[test]
    fn parse_accepts_upper_case_and_rejects_garbage() {
        let id = MemoryId::from_parts(1_700_000_000_000, 42);
        assert_eq!(MemoryId::parse(&id.as_str().to_uppercase()).unwrap(), id);
        let err = MemoryId::parse("not-an-id").unwrap_err();
        assert_eq!(err.field, "id");
    }

    #[test]
    fn prefix_resolution() {
        let a = MemoryId::from_parts(1_700_000_000_000, 1);
        let b = MemoryId::from_parts(1_700_000_000_000, 2 << 70);
        let c = MemoryId::from_parts(1_800_000_000_000, 3);
        let all = [a.clone(), b.clone(), c.clone()];
        assert_eq!(resolve_prefix(c.short(), &all).unwrap(), &c);
        assert_eq!(resolve_prefix(&a.as_str()[..24].to_uppercase(), &all).unwrap(), &a);
        assert!(matches!(resolve_prefix(&a.as_str()[..8], &all), Err(Error::AmbiguousId { .. })));
        assert!(matches!(resolve_prefix("zzzzzz", &all), Err(Error::NotFound(_))));
        assert!(matches!(resolve_prefix("01ab", &all), Err(Error::Invalid(_))));
        let many: Vec<MemoryId> = (0..7).map(|i| MemoryId::from_parts(1_700_000_000_000, i << 70)).collect();
        match resolve_prefix(&many[0].as_str()[..10], &many) {
            Err(e @ Error::AmbiguousId { count: 7, .. }) => assert!(e.to_string().contains("matches 7 memories")),
            other => panic!("expected an ambiguity over 7 ids, got {other:?}"),
        }
        assert!(is_short_prefix("01ab5") && is_short_prefix(" 01AB ") && !is_short_prefix("01abcd"));
        assert!(!is_short_prefix("") && !is_short_prefix("oil"));
    }

    #[test]
    fn conversation_ids() {
        assert!(is_new("new") && is_new(" NEW "));
        let c = ConversationId::new_from_parts(1_700_000_000_000, 7);
        assert!(c.as_str().starts_with("conv_"));
        assert_eq!(ConversationId::parse(" conv_feature_payments ").unwrap().as_str(), "conv_feature_payments");
        assert_eq!(ConversationId::parse("  ").unwrap_err().field, "conversationId");
    }
}
