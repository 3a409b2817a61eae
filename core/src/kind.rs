//! The kind of knowledge a memory holds, and its lenient parsing. Its own module so that kind inference
//! ([`crate::infer`]) and the memory model ([`crate::model`], which runs inference) need not import each other.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ValidationError;

/// What kind of knowledge a memory holds. Drives digest sections, recency half-life and ranking weight.
///
/// Read from JSON through [`FromStr`] (`try_from = "String"`), so a wrong kind in a JSON request (MCP, Node, an
/// import line) gets the same message as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", try_from = "String")]
pub enum Kind {
    Decision,
    RuledOut,
    Constraint,
    Convention,
    Debugging,
    Gotcha,
    Progress,
    Note,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Decision,
        Kind::RuledOut,
        Kind::Constraint,
        Kind::Convention,
        Kind::Debugging,
        Kind::Gotcha,
        Kind::Progress,
        Kind::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Decision => "decision",
            Kind::RuledOut => "ruled-out",
            Kind::Constraint => "constraint",
            Kind::Convention => "convention",
            Kind::Debugging => "debugging",
            Kind::Gotcha => "gotcha",
            Kind::Progress => "progress",
            Kind::Note => "note",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = ValidationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        let kind = match norm.as_str() {
            "decision" | "decisions" => Kind::Decision,
            "ruled-out" | "ruledout" | "rejected" => Kind::RuledOut,
            "constraint" | "constraints" => Kind::Constraint,
            "convention" | "conventions" => Kind::Convention,
            "debugging" | "debug" | "bug" => Kind::Debugging,
            "gotcha" | "gotchas" | "known-issue" => Kind::Gotcha,
            "progress" | "status" => Kind::Progress,
            "note" | "notes" => Kind::Note,
            _ => {
                return Err(ValidationError::new(
                    "kind",
                    "is not a known kind",
                    s,
                    "use one of decision, ruled-out, constraint, convention, debugging, gotcha, progress, note",
                ));
            }
        };
        Ok(kind)
    }
}

impl TryFrom<String> for Kind {
    type Error = ValidationError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn kinds_parse_leniently() {
        assert_eq!("Ruled_Out".parse::<Kind>().unwrap(), Kind::RuledOut);
        assert_eq!("nonsense".parse::<Kind>().unwrap_err().field, "kind");
    }
}
