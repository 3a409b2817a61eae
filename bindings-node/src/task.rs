//! One store call, run either on the JavaScript thread (`*Sync` methods) or on the libuv thread pool (the
//! Promise-returning methods), so each operation is written once.

use std::sync::Arc;

use mx_store::Store;
use napi::ScopedTask;
use napi::bindgen_prelude::{Env, JsError, ToNapiValue, Unknown};
use serde::Serialize;
use serde_json::Value;

use crate::error::Failure;

/// An operation on the store: converts its inputs, calls the store once, and returns the result as JSON.
pub type Job = Box<dyn FnOnce(&Store) -> Result<Value, Failure> + Send>;

/// The result as the plain object JavaScript receives (camelCase fields, ISO dates: the store's serde shape).
pub fn to_json(value: impl Serialize) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|e| Failure {
        code: mx_store::ErrorCode::Internal,
        message: format!("cannot represent the result as JSON: {e}"),
    })
}

/// A [`Job`] as a napi task: `compute` runs on a libuv worker, `resolve` turns the outcome into the Promise's
/// value or rejection on the JavaScript thread.
/// What a job produced, handed from the worker thread back to the JavaScript thread.
type Outcome = Result<Value, Failure>;

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
    type JsValue = Unknown<'env>;

    fn compute(&mut self) -> napi::Result<Outcome> {
        // napi calls compute once per task; a second call would find no job and report it rather than panic.
        let job = self.job.take().ok_or_else(|| napi::Error::from_reason("mx: a store task ran twice"))?;
        Ok(job(&self.store))
    }

    fn resolve(&mut self, env: &'env Env, output: Outcome) -> napi::Result<Unknown<'env>> {
        match output {
            Ok(value) => value.into_unknown(env),
            // Task rejections only carry napi's own status codes; building the JS error here keeps our `code`
            // (napi rejects the Promise with this very object).
            Err(failure) => Err(napi::Error::from(JsError::from(failure.into_napi()).into_unknown(*env))),
        }
    }
}
