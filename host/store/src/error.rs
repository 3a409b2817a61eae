use std::path::PathBuf;

/// Stable, language-neutral error codes: the bindings expose them (`err.code` in Node, exception classes in Python),
/// the CLI maps them to exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// Bad input: exit code 2, `INVALID_INPUT`, Python `InvalidInput(ValueError)`.
    InvalidInput,
    /// Unknown id or name: exit code 1, `NOT_FOUND`, Python `NotFound(KeyError)`.
    NotFound,
    /// A prefix matching several ids: exit code 2, `AMBIGUOUS_ID`.
    AmbiguousId,
    /// The store cannot be opened or written (permissions, disk, lock held too long): exit 1, `STORE_UNAVAILABLE`,
    /// Python `StoreUnavailable(OSError)`.
    StoreUnavailable,
    /// Anything else: exit 1, `INTERNAL`.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::AmbiguousId => "AMBIGUOUS_ID",
            ErrorCode::StoreUnavailable => "STORE_UNAVAILABLE",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// Errors of the store. Messages are one line saying what is wrong and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Core(#[from] mx_core::Error),
    #[error("cannot use the mx store at {path}: {reason}; {hint}")]
    Unavailable { path: PathBuf, reason: String, hint: &'static str },
    #[error("the mx database is busy (another process holds it for more than {seconds}s); try again")]
    Busy { seconds: u64 },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("search index error: {0}; run `mx index rebuild`")]
    Index(String),
    #[error("I/O error at {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl From<mx_core::ValidationError> for StoreError {
    fn from(e: mx_core::ValidationError) -> Self {
        StoreError::Core(mx_core::Error::Invalid(e))
    }
}

impl StoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Core(mx_core::Error::Invalid(_)) => ErrorCode::InvalidInput,
            StoreError::Core(mx_core::Error::NotFound(_)) => ErrorCode::NotFound,
            StoreError::Core(mx_core::Error::AmbiguousId { .. }) => ErrorCode::AmbiguousId,
            StoreError::Unavailable { .. } | StoreError::Busy { .. } | StoreError::Io { .. } => {
                ErrorCode::StoreUnavailable
            }
            StoreError::Sqlite(_) | StoreError::Index(_) => ErrorCode::Internal,
        }
    }
}
