//! `mx_memory._mx_memory`: the native half of the Python package `mx-memory`. Thin over mx-store: each method
//! converts its arguments, calls the store once with the GIL released, and maps the error (see `error.rs`).
//! The Python half (`python/mx_memory/`) re-exports these classes and defines the exception hierarchy.

// Shared structs are built from `Default` plus field assignment so that new fields never break this crate.
#![allow(clippy::field_reassign_with_default)]

mod error;
mod store;
mod types;

use pyo3::prelude::*;

/// Native module of mx-memory; import `mx_memory` instead.
#[pymodule]
mod _mx_memory {
    #[pymodule_export]
    use crate::store::MemoryStore;
    #[pymodule_export]
    use crate::types::{
        PyAnchorStatus, PyConversation, PyCreated, PyDigest, PyImportReport, PyInference, PyMemory, PyRedaction,
        PyScoreBreakdown, PySearchResult, PyStaleness, PyTopic, PyUpdated,
    };

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }

    use super::*;
}
