//! Shared by the chat load generators: wait until every line is delivered, the time is up, or
//! nothing moved for 5 s (lines were dropped), and measure until the last delivery.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Waits as said above; returns the deliveries counted and the seconds from `start` to the
/// last one (a stall's idle seconds do not count).
pub async fn wait(
    delivered: &AtomicU64,
    expected: u64,
    start: Instant,
    timeout: Duration,
) -> (u64, f64) {
    let mut last = 0;
    let mut last_change = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let d = delivered.load(Ordering::Relaxed);
        if d != last {
            last = d;
            last_change = Instant::now();
        }
        if d >= expected
            || start.elapsed() > timeout
            || last_change.elapsed() > Duration::from_secs(5)
        {
            break;
        }
    }
    let d = delivered.load(Ordering::Relaxed);
    (
        d,
        last_change.duration_since(start).as_secs_f64().max(0.001),
    )
}
