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
    Sqlite(rusqlite::Error),
    /// The file system holding the store has no space left (SQLite's `SQLITE_FULL`, `ENOSPC`, `EDQUOT`). SQLite and
    /// the index both roll back what they could not write, so nothing stored before is at risk.
    #[error("the disk holding the mx store is full; free some space and try again")]
    DiskFull,
    #[error("search index error: {0}; rebuild the search index")]
    Index(String),
    #[error("I/O error at {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DiskFull => StoreError::DiskFull,
            other => StoreError::Sqlite(other),
        }
    }
}

/// Whether an error, or one it wraps, is an I/O error saying the file system is full. Tantivy wraps its I/O errors
/// several layers deep (and some only as text), so the chain and, last, the message are both looked at.
pub(crate) fn is_disk_full(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(err) = next {
        if let Some(io) = err.downcast_ref::<std::io::Error>()
            && (io.kind() == std::io::ErrorKind::StorageFull || matches!(io.raw_os_error(), Some(28 | 122)))
        {
            return true;
        }
        next = err.source();
    }
    let text = e.to_string();
    text.contains("No space left on device") || text.contains("Disk quota exceeded")
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
            StoreError::Unavailable { .. } | StoreError::Busy { .. } | StoreError::Io { .. } | StoreError::DiskFull => {
                ErrorCode::StoreUnavailable
            }
            StoreError::Sqlite(_) | StoreError::Index(_) => ErrorCode::Internal,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
