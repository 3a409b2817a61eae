//! The one place where Rust errors become JavaScript errors.
//!
//! Every failure carries a stable `code` (`mx_store::ErrorCode::as_str()`: `INVALID_INPUT`, `NOT_FOUND`,
//! `AMBIGUOUS_ID`, `STORE_UNAVAILABLE`, `INTERNAL`) that napi puts on the thrown error's `code` property, and a
//! message that keeps the whole cause chain. `index.js` turns these errors into `MxError` instances.

use mx_store::{ErrorCode, StoreError};

/// A failed store call, still on the Rust side (it is `Send`, so it can leave the libuv worker thread).
#[derive(Debug)]
pub struct Failure {
    pub code: ErrorCode,
    pub message: String,
}

impl Failure {
    /// Bad input that never reached the store (wrong shape, unknown option, unparsable date).
    pub fn invalid_input(what: &str, detail: impl std::fmt::Display) -> Self {
        Failure { code: ErrorCode::InvalidInput, message: format!("{what}: {detail}") }
    }

    /// The napi error thrown to JavaScript: `code` is the stable error code.
    pub fn into_napi(self) -> napi::Error<&'static str> {
        napi::Error::new(self.code.as_str(), self.message)
    }
}

impl From<StoreError> for Failure {
    fn from(err: StoreError) -> Self {
        let mut message = message_with_causes(&err);
        // Library messages leave out where ids are listed (that depends on the front end); in Node it is store.list().
        if err.code() == ErrorCode::NotFound {
            message.push_str("; list ids with store.list()");
        }
        Failure { code: err.code(), message }
    }
}

/// The error's own message followed by each source that adds something, on one line. Store errors usually print
/// their source already (`database error: {0}`), so a cause whose text is already there is not repeated.
fn message_with_causes(err: &dyn std::error::Error) -> String {
    let mut message = err.to_string();
    let mut cause = err.source();
    while let Some(inner) = cause {
        let text = inner.to_string();
        if !message.contains(&text) {
            message.push_str(" (caused by: ");
            message.push_str(&text);
            message.push(')');
        }
        cause = inner.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_keep_their_code_and_message() {
        let err = StoreError::Core(mx_core::Error::NotFound("01jd8x".into()));
        let failure = Failure::from(err);
        assert_eq!(failure.code.as_str(), "NOT_FOUND");
        assert_eq!(failure.message, "no memory matches id `01jd8x`; list ids with store.list()");
    }

    #[test]
    fn causes_that_add_information_are_appended_once() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "permission denied");
        let err = StoreError::Io { path: "/data/mx/mx.db".into(), source: io };
        let failure = Failure::from(err);
        assert_eq!(failure.code.as_str(), "STORE_UNAVAILABLE");
        // The I/O error is already part of the message: it is not repeated.
        assert_eq!(failure.message, "I/O error at /data/mx/mx.db: permission denied");
    }
}
