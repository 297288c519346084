//! Two pieces of work at once. Layout and render split their largest independent parts
//! (cards, the font subsets, the cards' SVG) over two threads with [`both`]; each part is a
//! pure function of its input, so the output does not depend on which thread ran what, or
//! when. Uses nothing else in the crate.

/// From this many items on, a blueprint's cards are measured, wrapped and written on two
/// threads; below it, a thread costs more than it saves.
pub const TWO_THREADS_FROM: usize = 64;

/// `a()` and `b()`: at once when `parallel` (`b` on a second thread), else one after the
/// other. A panic in `b` is resumed on the caller's thread, as if it had run there.
pub fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
    parallel: bool,
) -> (A, B) {
    if !parallel {
        return (a(), b());
    }
    std::thread::scope(|s| {
        let other = s.spawn(b);
        let a = a();
        let b = other
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (a, b)
    })
}
