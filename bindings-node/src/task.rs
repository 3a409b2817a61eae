//! One store call, run either on the JavaScript thread (`*Sync` methods) or on the libuv thread pool (the
//! Promise-returning methods), so each operation is written once.
//!
//! Results cross into JavaScript as one JSON string that `index.js` parses: serialising happens in Rust (on the
//! worker thread for Promise calls), `JSON.parse` is V8's fastest way to build objects, and it has no size limit —
//! napi's `serde_json::Value` conversion stops at a million values, which an `export` of ~60,000 memories exceeds.

use std::sync::Arc;

use mx_store::Store;
use napi::ScopedTask;
use napi::bindgen_prelude::{Env, JsError};
use serde::Serialize;

use crate::error::Failure;

/// An operation on the store: converts its inputs, calls the store once, and returns the result as JSON text.
pub type Job = Box<dyn FnOnce(&Store) -> Result<String, Failure> + Send>;

/// The result as JSON in the store's serde shape (camelCase fields, ISO 8601 dates), the same as the CLI prints.
pub fn to_json(value: impl Serialize) -> Result<String, Failure> {
    serde_json::to_string(&value).map_err(|e| Failure {
        code: mx_store::ErrorCode::Internal,
        message: format!("cannot represent the result as JSON: {e}"),
    })
}

/// What a job produced, handed from the worker thread back to the JavaScript thread.
type Outcome = Result<String, Failure>;

/// A [`Job`] as a napi task: `compute` runs on a libuv worker, `resolve` turns the outcome into the Promise's
/// value or rejection on the JavaScript thread.
pub struct StoreTask {
    store: Arc<Store>,
    job: Option<Job>,
}

impl StoreTask {
    pub fn new(store: Arc<Store>, job: Job) -> Self {
        StoreTask { store, job: Some(job) }
    }
}

impl<'env> ScopedTask<'env> for StoreTask {
    type Output = Outcome;
    type JsValue = String;

    fn compute(&mut self) -> napi::Result<Outcome> {
        // napi calls compute once per task; a second call would find no job and report it rather than panic.
        let job = self.job.take().ok_or_else(|| napi::Error::from_reason("mx: a store task ran twice"))?;
        Ok(job(&self.store))
    }

    fn resolve(&mut self, env: &'env Env, output: Outcome) -> napi::Result<String> {
        // Task rejections only carry napi's own status codes; building the JS error here keeps our `code`
        // (napi rejects the Promise with this very object).
        output.map_err(|failure| napi::Error::from(JsError::from(failure.into_napi()).into_unknown(*env)))
    }
}
