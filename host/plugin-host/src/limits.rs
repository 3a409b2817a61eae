//! The limits plugins run under, and the `[plugins]` table of `$MX_HOME/config.toml` that changes them.

use std::time::Duration;

/// Per-call limits (and the sizes the host gives plugins). The contract documents the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Wall-clock time one exported call may take (instantiation included).
    pub deadline: Duration,
    /// Maximum size of the plugin's linear memory, in bytes.
    pub memory_bytes: usize,
    /// Maximum bytes `read-file` returns (the tail of a larger file).
    pub read_bytes: u64,
    /// Maximum hits one `search` returns.
    pub max_search_hits: u32,
    /// Token budget of the digest `mx sync` renders through a plugin.
    pub sync_max_tokens: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            deadline: Duration::from_secs(2),
            memory_bytes: 64 << 20,
            read_bytes: 8 << 20,
            max_search_hits: 100,
            sync_max_tokens: 1_200,
        }
    }
}

/// One configurable key: its name in `[plugins]`, its accepted range, and where it goes.
struct Key {
    name: &'static str,
    min: i64,
    max: i64,
    apply: fn(&mut Limits, u64),
}

const KEYS: &[Key] = &[
    Key { name: "deadline-ms", min: 10, max: 600_000, apply: |l, v| l.deadline = Duration::from_millis(v) },
    Key { name: "memory-mib", min: 1, max: 4_096, apply: |l, v| l.memory_bytes = (v as usize) << 20 },
    Key { name: "read-mib", min: 1, max: 1_024, apply: |l, v| l.read_bytes = v << 20 },
    Key { name: "max-search-hits", min: 1, max: 10_000, apply: |l, v| l.max_search_hits = v as u32 },
    Key { name: "sync-max-tokens", min: 100, max: 100_000, apply: |l, v| l.sync_max_tokens = v as u32 },
];

impl Limits {
    /// The defaults overridden by the `[plugins]` table of a config.toml text (absent table: the defaults).
    /// An unknown key or a value out of range is an error naming it, so a typo is not silently ignored.
    pub fn from_config(toml: &str) -> Result<Self, String> {
        let document: toml_edit::DocumentMut = toml.parse().map_err(|err: toml_edit::TomlError| {
            format!("does not parse: {}", err.message().lines().next().unwrap_or_default())
        })?;
        let mut limits = Limits::default();
        let Some(item) = document.get("plugins") else { return Ok(limits) };
        let table = item.as_table_like().ok_or("`plugins` must be a table")?;
        for (name, value) in table.iter() {
            let key = KEYS.iter().find(|key| key.name == name).ok_or_else(|| {
                let known: Vec<&str> = KEYS.iter().map(|key| key.name).collect();
                format!("[plugins] has no key `{name}`; the keys are {}", known.join(", "))
            })?;
            let number = value.as_integer().filter(|n| (key.min..=key.max).contains(n)).ok_or_else(|| {
                let got = value.as_value().map(|v| v.to_string()).unwrap_or_default();
                format!("[plugins] {name} must be an integer from {} to {} (got {})", key.min, key.max, got.trim())
            })?;
            (key.apply)(&mut limits, number.unsigned_abs());
        }
        Ok(limits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_overrides_the_defaults_and_refuses_typos_and_nonsense() {
        assert_eq!(Limits::from_config(""), Ok(Limits::default()));
        assert_eq!(Limits::from_config("[store]\nx = 1\n"), Ok(Limits::default()));
        let limits = Limits::from_config("[plugins]\ndeadline-ms = 5000\nmemory-mib = 128\nsync-max-tokens = 800\n")
            .expect("valid");
        assert_eq!(limits.deadline, Duration::from_secs(5));
        assert_eq!(limits.memory_bytes, 128 << 20);
        assert_eq!(limits.sync_max_tokens, 800);
        assert_eq!(limits.read_bytes, Limits::default().read_bytes);
        assert_eq!(
            Limits::from_config("[plugins]\ndeadline = 5\n").unwrap_err(),
            "[plugins] has no key `deadline`; the keys are deadline-ms, memory-mib, read-mib, max-search-hits, \
             sync-max-tokens"
        );
        assert_eq!(
            Limits::from_config("[plugins]\nmemory-mib = 0\n").unwrap_err(),
            "[plugins] memory-mib must be an integer from 1 to 4096 (got 0)"
        );
        assert_eq!(
            Limits::from_config("[plugins]\nread-mib = \"8\"\n").unwrap_err(),
            "[plugins] read-mib must be an integer from 1 to 1024 (got \"8\")"
        );
    }
}
