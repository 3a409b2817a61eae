//! The one place where store errors become Python exceptions.
//!
//! The exception classes live in `mx_memory/_errors.py`: Python classes can have two bases (`InvalidInput` is also a
//! `ValueError`, `NotFound` a `KeyError`, `StoreUnavailable` an `OSError`), which pyo3's `create_exception!` cannot
//! express. Each error code maps to exactly one class; the Rust `source()` chain becomes the `__cause__` chain so
//! `raise ... from ...` tracebacks show what went wrong underneath (an SQLite or I/O error).

use std::error::Error as _;

use mx_store::{ErrorCode, StoreError};
use pyo3::exceptions::{PyOSError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

const ERRORS_MODULE: &str = "mx_memory._errors";

/// The Python class for an error code.
fn exception_class(py: Python<'_>, code: ErrorCode) -> PyResult<&Bound<'_, PyType>> {
    static MX_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static INVALID_INPUT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static NOT_FOUND: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static AMBIGUOUS_ID: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static STORE_UNAVAILABLE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let (cell, name) = match code {
        ErrorCode::InvalidInput => (&INVALID_INPUT, "InvalidInput"),
        ErrorCode::NotFound => (&NOT_FOUND, "NotFound"),
        ErrorCode::AmbiguousId => (&AMBIGUOUS_ID, "AmbiguousId"),
        ErrorCode::StoreUnavailable => (&STORE_UNAVAILABLE, "StoreUnavailable"),
        ErrorCode::Internal => (&MX_ERROR, "MxError"),
    };
    cell.import(py, ERRORS_MODULE, name)
}

/// Converts a store error into the matching `mx_memory` exception, keeping the cause chain and the structured details
/// (`field` of an invalid input, `matches` of an ambiguous id).
pub(crate) fn to_py_err(py: Python<'_>, err: StoreError) -> PyErr {
    build(py, &err).unwrap_or_else(|failed_to_build| failed_to_build)
}

fn build(py: Python<'_>, err: &StoreError) -> PyResult<PyErr> {
    let mut message = err.to_string();
    // Library messages leave out where ids are listed (that depends on the front end); in Python it is Store.list().
    if err.code() == ErrorCode::NotFound {
        message.push_str("; list ids with Store.list()");
    }
    let exception = exception_class(py, err.code())?.call1((message,))?;
    match err {
        StoreError::Core(mx_core::Error::Invalid(invalid)) => exception.setattr("field", invalid.field)?,
        StoreError::Core(mx_core::Error::AmbiguousId { matches, .. }) => exception.setattr("matches", matches)?,
        _ => {}
    }
    let mut tail = exception.clone();
    let mut source = err.source();
    while let Some(cause) = source {
        let cause_exception = match cause.downcast_ref::<std::io::Error>() {
            Some(io) => match io.raw_os_error() {
                Some(errno) => PyOSError::new_err((errno, io.to_string())),
                None => PyOSError::new_err(io.to_string()),
            },
            None => PyRuntimeError::new_err(cause.to_string()),
        }
        .into_value(py)
        .into_bound(py)
        .into_any();
        // Setting __cause__ also sets __suppress_context__, as `raise ... from ...` does.
        tail.setattr("__cause__", &cause_exception)?;
        tail = cause_exception;
        source = cause.source();
    }
    Ok(PyErr::from_value(exception))
}

/// `result.or_raise(py)?`: a store result as a Python result.
pub(crate) trait OrRaise<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T, E: Into<StoreError>> OrRaise<T> for Result<T, E> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|err| to_py_err(py, err.into()))
    }
}
