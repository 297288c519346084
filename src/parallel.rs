//! Two pieces of work at once. Layout and render split their largest independent parts
//! (cards, the font subsets, the cards' SVG) over two threads with [`both`]; each part is a
//! pure function of its input, so the output does not depend on which thread ran what, or
//! when. [`discard`] frees big values on a thread of their own. Uses nothing else in the crate.

/// From this many items on, a blueprint's cards are measured, wrapped and written on two
/// threads; below it, a thread costs more than it saves.
pub(crate) const TWO_THREADS_FROM: usize = 64;

/// From a blueprint of this many items on, what each stage leaves behind (the parse tree, the
/// layout, the model, the written document) is freed on the freeing thread ([`discard`]).
pub(crate) const DISCARD_ELSEWHERE_FROM: usize = 256;

/// Drops `value`: on the freeing thread when `elsewhere`, so the caller goes on at once; else
/// here. The freeing thread is started by the first such call and lives as long as the process;
/// the values sent to it are dropped one after the other, in the order sent. A process may end
/// while some wait, which is fine for memory: freeing what the process is about to give back
/// whole is the work this saves. If the system refuses the thread, values are dropped here.
pub(crate) fn discard<T: Send + 'static>(value: T, elsewhere: bool) {
    type Bin = std::sync::mpsc::Sender<Box<dyn Send>>;
    static BIN: std::sync::OnceLock<Option<Bin>> = std::sync::OnceLock::new();
    if !elsewhere {
        drop(value);
        return;
    }
    let bin = BIN.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<Box<dyn Send>>();
        let freeing = std::thread::Builder::new()
            .name("free".into())
            .spawn(move || rx.into_iter().for_each(drop));
        freeing.is_ok().then_some(tx)
    });
    match bin {
        // A send fails only when the receiver is gone, which it never is while the thread
        // runs; the refused value comes back and is dropped here.
        Some(tx) => {
            let _ = tx.send(Box::new(value));
        }
        None => drop(value),
    }
}

/// `a()` and `b()`: at once when `parallel` (`b` on a second thread), else one after the
/// other. A panic in `b` is resumed on the caller's thread, as if it had run there. If the
/// system refuses a thread (a process or memory limit), both run here, one after the other.
pub(crate) fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
    parallel: bool,
) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    on(std::thread::Builder::new(), a, b)
}

/// Stack of a thread that parses a blueprint: the YAML reader recurses once per nesting level,
/// and a spawned thread's default 2 MiB is too little for the deepest nesting it accepts in a
/// debug build.
pub(crate) const DEEP_STACK_BYTES: usize = 32 << 20;

/// [`both`] in parallel, the second thread made by `builder`.
fn on<A: Send, B: Send>(
    builder: std::thread::Builder,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    // `b` waits in a slot for whichever thread runs it: the new one, or this one when the
    // system refuses a thread (`Builder::spawn_scoped` would otherwise consume it).
    let slot = std::sync::Mutex::new(Some(b));
    let run = || {
        let b = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
        b.map(|b| b())
    };
    std::thread::scope(|s| {
        let other = builder.spawn_scoped(s, run);
        let a = a();
        let b = match other {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => run(),
        };
        (a, b.expect("the slot holds `b` until one thread takes it"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_returns_each_result_in_place_on_one_thread_or_two() {
        for parallel in [false, true] {
            let (a, b) = both(|| "a".repeat(3), || vec![1, 2], parallel);
            assert_eq!((a.as_str(), b), ("aaa", vec![1, 2]));
        }
        let here = std::thread::current().id();
        let (_, there) = both(|| (), || std::thread::current().id(), true);
        assert_ne!(there, here, "b runs on a second thread");
    }

    #[test]
    fn a_thread_the_system_refuses_means_both_run_here() {
        // No system gives a thread a stack of half the address space.
        let refused = std::thread::Builder::new().stack_size(usize::MAX / 2);
        let here = std::thread::current().id();
        let (a, b) = on(refused, || 1, || std::thread::current().id());
        assert_eq!((a, b), (1, here));
    }

    #[test]
    fn discard_drops_the_value_elsewhere_or_here() {
        struct Tell(std::sync::mpsc::Sender<std::thread::ThreadId>);
        impl Drop for Tell {
            fn drop(&mut self) {
                let _ = self.0.send(std::thread::current().id());
            }
        }
        let here = std::thread::current().id();
        for elsewhere in [false, true] {
            let (tx, rx) = std::sync::mpsc::channel();
            discard(Tell(tx), elsewhere);
            let dropped_on = rx
                .recv_timeout(std::time::Duration::from_secs(60))
                .expect("the value is dropped");
            assert_eq!(dropped_on != here, elsewhere);
        }
    }

    #[test]
    fn a_panic_in_the_second_thread_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| both(|| (), || panic!("in b"), true));
        assert!(caught.is_err());
    }
}
