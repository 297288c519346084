//! The CPU gate of the `properties` binary. Hostile cases run the binary under a wall-clock
//! limit; the heaviest take the gate alone ([`exclusive`]), and every other run of the binary or
//! in-process case in this test binary (hostile, limits, mutation) holds it shared
//! ([`shared`]) meanwhile, so another test's work cannot push a heavy case over its limit. (When
//! hostile.rs was a test binary of its own, only its own runs needed the gate.)

use std::cell::Cell;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

/// Taken for writing by the heaviest generated cases, so that no other run competes with them
/// for the CPU and their timeout measures them, not the machine's load.
static LOAD: RwLock<()> = RwLock::new(());

thread_local! {
    /// True on the thread of a test that holds [`exclusive`].
    static HEAVY: Cell<bool> = const { Cell::new(false) };
}

/// The write side of [`LOAD`], held by a heavy case for its whole test.
pub struct Exclusive {
    _guard: RwLockWriteGuard<'static, ()>,
}

impl Drop for Exclusive {
    fn drop(&mut self) {
        HEAVY.with(|h| h.set(false));
    }
}

/// Waits until no other run of the binary is under way, and keeps others out until dropped.
pub fn exclusive() -> Exclusive {
    let guard = LOAD.write().unwrap_or_else(|e| e.into_inner());
    HEAVY.with(|h| h.set(true));
    Exclusive { _guard: guard }
}

/// Held by every run of the binary and every in-process case in this test binary, unless the
/// heavy case holding [`exclusive`] runs it itself.
pub fn shared() -> Option<RwLockReadGuard<'static, ()>> {
    if HEAVY.with(|h| h.get()) {
        return None;
    }
    Some(LOAD.read().unwrap_or_else(|e| e.into_inner()))
}
