//! Injected i/o errors, for the ledger's own tests: "an i/o error at every
//! call", as SQLite tests its pager. Outside `cfg(test)` every check is a
//! no-op the compiler removes.
//!
//! A test plans the `n`-th write, sync or cut of the log on its thread to
//! fail with `EIO` ([`fail_at`]), optionally with every later one too (a
//! dead disk).

/// An i/o call of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Point {
    /// Appending a line.
    Write,
    /// Syncing the log.
    Sync,
    /// Cutting the log back after a failure.
    Cut,
}

/// Fails when a test planned this call to fail.
#[inline]
pub(crate) fn hit(point: Point) -> std::io::Result<()> {
    #[cfg(test)]
    {
        let fail = plan::PLAN.with(|cell| {
            let Some(mut plan) = cell.get() else { return false };
            let fail = if plan.fired {
                plan.sticky
            } else if plan.point == point {
                plan.left -= 1;
                plan.fired = plan.left == 0;
                plan.fired
            } else {
                false
            };
            cell.set(Some(plan));
            fail
        });
        if fail {
            return Err(std::io::Error::from_raw_os_error(5));
        }
    }
    let _ = point;
    Ok(())
}

/// Plans the `nth` (from 1) call at `point` on this thread to fail, and
/// with `sticky` every call after it.
#[cfg(test)]
pub(crate) fn fail_at(point: Point, nth: u32, sticky: bool) {
    assert!(nth >= 1, "calls are counted from 1");
    plan::PLAN.with(|cell| cell.set(Some(plan::Plan { point, left: nth, sticky, fired: false })));
}

/// Whether the planned failure happened.
#[cfg(test)]
pub(crate) fn fired() -> bool {
    plan::PLAN.with(|cell| cell.get().is_some_and(|plan| plan.fired))
}

/// Removes the plan.
#[cfg(test)]
pub(crate) fn clear() {
    plan::PLAN.with(|cell| cell.set(None));
}

#[cfg(test)]
mod plan {
    use super::Point;
    use std::cell::Cell;

    #[derive(Debug, Clone, Copy)]
    pub(super) struct Plan {
        pub(super) point: Point,
        pub(super) left: u32,
        pub(super) sticky: bool,
        pub(super) fired: bool,
    }

    thread_local! {
        pub(super) static PLAN: Cell<Option<Plan>> = const { Cell::new(None) };
    }
}
