// @generated: copied from the overlay (src/clock.rs) by `cargo xtask regen`. Edit it there.

//! Where time comes from, for JWT verification and the M2M token cache: re-exported as
//! `jwt::Clock` and `m2m_tokens::Clock`.

use std::fmt;
use std::sync::Arc;
use std::time::SystemTime;

/// Where time comes from: the system clock, or a function (for tests).
#[derive(Clone)]
pub struct Clock(Option<Arc<dyn Fn() -> SystemTime + Send + Sync>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock(None)
    }

    /// A clock that asks `now` for the current time.
    pub fn from_fn(now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Clock {
        Clock(Some(Arc::new(now)))
    }

    /// The current time.
    pub fn now(&self) -> SystemTime {
        self.0.as_ref().map_or_else(SystemTime::now, |now| now())
    }
}

impl Default for Clock {
    fn default() -> Clock {
        Clock::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() { "Clock(custom)" } else { "Clock(system)" })
    }
}
