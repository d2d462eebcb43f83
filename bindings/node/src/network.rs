//! Network calls as napi `AsyncTask`s: the blocking omg-core client runs on a libuv pool thread
//! (`compute`), and the result is converted on the JS thread (`resolve`). The event loop never
//! waits on a socket. The call's log events (logging.rs) are handed to its `log` callback on
//! the JS thread, in order, just before the promise settles, whether it resolves or rejects.

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::*;

use crate::errors::{panic_to_js, to_js};
use crate::logging::{self, Event};

/// The JS function that receives a call's log events: `log(level, message)`.
pub type LogCallback = FunctionRef<FnArgs<(&'static str, String)>, ()>;

/// One call of the omg-core client: `work` runs off the main thread, `convert` turns its result
/// into the JS-facing type.
pub struct ApiCall<T, J> {
    work: Option<Box<dyn FnOnce() -> omg_core::Result<T> + Send>>,
    convert: fn(T) -> J,
    log: Option<LogCallback>,
    events: Vec<Event>,
}

impl<T, J> ApiCall<T, J> {
    pub fn new(
        work: impl FnOnce() -> omg_core::Result<T> + Send + 'static,
        convert: fn(T) -> J,
        log: Option<LogCallback>,
    ) -> AsyncTask<Self>
    where
        Self: Task,
    {
        AsyncTask::new(ApiCall { work: Some(Box::new(work)), convert, log, events: Vec::new() })
    }

    /// Hands the recorded events to the call's `log` callback (JS thread). A callback that throws
    /// does not change the call's outcome: the JS layer's callback never throws.
    fn deliver_events(&mut self, env: &Env) -> Result<()> {
        let events = std::mem::take(&mut self.events);
        if let Some(log) = &self.log {
            let log = log.borrow_back(env)?;
            for (level, message) in events {
                log.call((level, message).into())?;
            }
        }
        Ok(())
    }
}

impl<T: Send + 'static, J: ToNapiValue + TypeName> Task for ApiCall<T, J> {
    type Output = T;
    type JsValue = J;

    fn compute(&mut self) -> Result<T> {
        let work = self.work.take().ok_or_else(|| Error::from_reason("omg-payment: a network call was run twice"))?;
        // Events are recorded only when someone will read them.
        let run = || catch_unwind(AssertUnwindSafe(work));
        let outcome = if self.log.is_some() {
            let (outcome, events) = logging::record(run);
            self.events = events;
            outcome
        } else {
            run()
        };
        // napi-rs does not guard pool threads: a panic here would abort the process.
        match outcome {
            Ok(result) => result.map_err(to_js),
            Err(panic) => Err(panic_to_js(panic)),
        }
    }

    fn resolve(&mut self, env: Env, output: T) -> Result<J> {
        self.deliver_events(&env)?;
        Ok((self.convert)(output))
    }

    fn reject(&mut self, env: Env, error: Error) -> Result<J> {
        self.deliver_events(&env)?;
        Err(error)
    }
}
