// @generated: copied from the generator's runtime (codegen/runtime/blocking.rs) by `cargo xtask regen`. Edit it there.

//! Calls from synchronous code (cargo feature `blocking`): every [`Call`] can be sent and
//! waited for without an async runtime of the caller's own.

use std::future::Future;
use std::sync::OnceLock;

use crate::call::{Call, Response};
use crate::error::Error;

impl<T: Send + 'static> Call<T> {
    /// Sends the call and waits for the decoded result, blocking the current thread.
    ///
    /// The call runs on a small runtime the crate starts once (one worker thread). Calling this
    /// from inside an async runtime would block that runtime's thread: it fails with
    /// [`Error::Config`] instead; `.await` the call there.
    pub fn send_blocking(self) -> Result<T, Error> {
        block_on(self.send())?
    }

    /// Like [`send_blocking`](Self::send_blocking), with the status and headers.
    pub fn send_blocking_with_response(self) -> Result<Response<T>, Error> {
        block_on(self.send_with_response())?
    }
}

/// Runs `future` to completion on the crate's runtime.
fn block_on<F: Future>(future: F) -> Result<F::Output, Error> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::Config("a blocking call was made inside an async runtime; `.await` the call instead".into()));
    }
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    let runtime = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name(concat!(env!("CARGO_PKG_NAME"), "-blocking"))
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
    });
    match runtime {
        Ok(runtime) => Ok(runtime.block_on(future)),
        Err(e) => Err(Error::Config(format!("cannot start the runtime for blocking calls: {e}"))),
    }
}
