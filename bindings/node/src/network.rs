//! Network calls as napi `AsyncTask`s: the blocking omg-core client runs on a libuv pool thread
//! (`compute`), and the result is converted on the JS thread (`resolve`). The event loop never
//! waits on a socket.

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::*;

use crate::error::{panic_to_js, to_js};

/// One call of the omg-core client: `work` runs off the main thread, `convert` turns its result
/// into the JS-facing type.
pub struct ApiCall<T, J> {
    work: Option<Box<dyn FnOnce() -> omg_core::Result<T> + Send>>,
    convert: fn(T) -> J,
}

impl<T, J> ApiCall<T, J> {
    pub fn new(work: impl FnOnce() -> omg_core::Result<T> + Send + 'static, convert: fn(T) -> J) -> AsyncTask<Self>
    where
        Self: Task,
    {
        AsyncTask::new(ApiCall { work: Some(Box::new(work)), convert })
    }
}

impl<T: Send + 'static, J: ToNapiValue + TypeName> Task for ApiCall<T, J> {
    type Output = T;
    type JsValue = J;

    fn compute(&mut self) -> Result<T> {
        let work = self.work.take().ok_or_else(|| Error::from_reason("omg-payment: a network call was run twice"))?;
        // napi-rs does not guard pool threads: a panic here would abort the process.
        match catch_unwind(AssertUnwindSafe(work)) {
            Ok(result) => result.map_err(to_js),
            Err(panic) => Err(panic_to_js(panic)),
        }
    }

    fn resolve(&mut self, _env: Env, output: T) -> Result<J> {
        Ok((self.convert)(output))
    }
}
