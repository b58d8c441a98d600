//! Pacing bulk queries to one server, the way TCP paces a connection (RFC 6298, RFC 5681): a
//! round-trip estimate says when a query with no reply was probably dropped and is worth
//! sending again, and a congestion window says how many queries may be in flight. The window
//! starts at 64, doubles every round trip until the server first drops a query, halves then
//! (at most once per round trip) and grows by one per round trip after that, never above
//! `--concurrency`. A server whose socket buffer overflows (dnsmasq's holds about 260 queries)
//! thus costs a few resends, not a timeout per lost query.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::{Semaphore, SemaphorePermit};

/// The smallest resend interval, so that a server's jitter does not look like loss.
const RESEND_FLOOR: Duration = Duration::from_millis(50);
/// The resend interval before the first reply has been timed.
const RESEND_INITIAL: Duration = Duration::from_millis(250);
/// The window never shrinks below this many queries.
const MIN_WINDOW: f64 = 4.0;
/// The window's size at the start: the default `--concurrency`, so that only a larger one is
/// reached by growing.
const INITIAL_WINDOW: f64 = 64.0;

/// One server's round-trip estimate and congestion window.
#[derive(Debug)]
pub struct Pace {
    permits: Semaphore,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// Smoothed RTT and its variation; None until the first timed reply.
    rtt: Option<(Duration, Duration)>,
    /// The congestion window, in queries.
    window: f64,
    /// Below it the window doubles per round trip (slow start); above it, one more per round trip.
    threshold: f64,
    /// The upper bound (`--concurrency`).
    max: usize,
    /// Permits still to retire as they come back (the window shrank below those in use).
    debt: usize,
    /// When the window last shrank: once per round trip is enough for one burst of losses.
    last_cut: Option<Instant>,
    /// When the last reply came.
    last_answer: Option<Instant>,
}

/// A place in the window, held while a query is in flight.
#[derive(Debug)]
pub struct Slot<'a> {
    pace: &'a Pace,
    permit: Option<SemaphorePermit<'a>>,
}

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        let Some(permit) = self.permit.take() else {
            return;
        };
        let mut s = self.pace.lock();
        if s.debt > 0 {
            s.debt -= 1;
            permit.forget();
        }
    }
}

impl Pace {
    /// A window of at most `max` queries in flight.
    pub fn new(max: usize) -> Self {
        let max = max.max(1);
        let window = INITIAL_WINDOW.min(max as f64);
        // Permits in circulation: always the window's whole part (see `resize`).
        Pace {
            permits: Semaphore::new(window as usize),
            state: Mutex::new(State {
                rtt: None,
                window,
                threshold: max as f64,
                max,
                debt: 0,
                last_cut: None,
                last_answer: None,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Waits for room in the window.
    pub async fn slot(&self) -> Slot<'_> {
        // The semaphore is never closed.
        let permit = self.permits.acquire().await.ok();
        Slot { pace: self, permit }
    }

    /// Room in the window now, if there is any.
    pub fn try_slot(&self) -> Option<Slot<'_>> {
        let permit = self.permits.try_acquire().ok()?;
        Some(Slot {
            pace: self,
            permit: Some(permit),
        })
    }

    /// How long to wait for a reply before sending a query again: srtt + 4 * rttvar.
    pub fn resend_after(&self) -> Duration {
        match self.lock().rtt {
            None => RESEND_INITIAL,
            Some((srtt, var)) => (srtt + var * 4).max(RESEND_FLOOR),
        }
    }

    /// A reply came for a query sent once, `rtt` after it was sent: time it and widen the window.
    pub fn answered(&self, rtt: Duration) {
        let mut s = self.lock();
        s.last_answer = Some(Instant::now());
        s.rtt = Some(match s.rtt {
            None => (rtt, rtt / 2),
            Some((srtt, var)) => (srtt * 7 / 8 + rtt / 8, var * 3 / 4 + srtt.abs_diff(rtt) / 4),
        });
        let grow = if s.window < s.threshold {
            1.0
        } else {
            1.0 / s.window
        };
        let window = (s.window + grow).min(s.max as f64);
        self.resize(&mut s, window);
    }

    /// A query sent at `sent` went unanswered for a resend interval. When the server has
    /// answered since, it is dropping queries, so the window halves (once per round trip); a
    /// server that answers nothing is not congested, just silent, and keeps its window.
    pub fn lost(&self, sent: Instant) {
        let mut s = self.lock();
        if s.last_answer.is_none_or(|t| t < sent) {
            return;
        }
        let now = Instant::now();
        let srtt = s.rtt.map_or(RESEND_INITIAL, |(srtt, _)| srtt);
        if s.last_cut.is_some_and(|t| now.duration_since(t) < srtt) {
            return;
        }
        s.last_cut = Some(now);
        let window = (s.window / 2.0).max(MIN_WINDOW).min(s.max as f64);
        s.threshold = window;
        self.resize(&mut s, window);
    }

    /// Sets the window, issuing permits for a larger whole part (repaying debt first) or
    /// retiring them for a smaller one (those in use are retired as they come back).
    fn resize(&self, s: &mut State, window: f64) {
        let (before, after) = (s.window as usize, window as usize);
        s.window = window;
        if after > before {
            let repaid = (after - before).min(s.debt);
            s.debt -= repaid;
            self.permits.add_permits(after - before - repaid);
        } else if before > after {
            let cut = before - after;
            let retired = self.permits.forget_permits(cut);
            s.debt += cut - retired;
        }
    }

    /// The window's current size, in queries.
    #[cfg(test)]
    fn window(&self) -> usize {
        self.lock().window as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rt() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn the_window_grows_to_the_limit_and_halves_on_loss() {
        let pace = Pace::new(200);
        assert_eq!(pace.window(), 64);
        assert_eq!(pace.permits.available_permits(), 64);
        for _ in 0..200 {
            pace.answered(Duration::from_millis(2));
        }
        assert_eq!(pace.window(), 200);
        assert_eq!(pace.permits.available_permits(), 200);
        let sent = Instant::now() - Duration::from_millis(1);
        pace.lost(sent);
        assert_eq!(pace.window(), 100);
        assert_eq!(pace.permits.available_permits(), 100);
        // A second loss in the same round trip is the same burst.
        pace.lost(sent);
        assert_eq!(pace.window(), 100);
        // Past the threshold it grows by about one per window of answers.
        for _ in 0..110 {
            pace.answered(Duration::from_millis(2));
        }
        assert_eq!(pace.window(), 100 + 1);
        // Never above the limit; a smaller limit is the window from the start, and a loss does
        // not raise it to the minimum.
        assert_eq!(Pace::new(10).window(), 10);
        let small = Pace::new(2);
        small.answered(Duration::from_millis(2));
        small.lost(sent);
        assert_eq!(small.window(), 2);
        assert_eq!(small.permits.available_permits(), 2);
    }

    #[test]
    fn slots_in_use_are_retired_when_the_window_shrinks() {
        rt().block_on(async {
            let pace = Pace::new(8);
            let slots: Vec<Slot<'_>> =
                futures_util::future::join_all((0..8).map(|_| pace.slot())).await;
            assert_eq!(pace.permits.available_permits(), 0);
            let sent = Instant::now();
            pace.answered(Duration::from_millis(1));
            pace.lost(sent);
            assert_eq!(pace.window(), 4);
            drop(slots);
            // Four of the eight returned permits were retired.
            assert_eq!(pace.permits.available_permits(), 4);
        });
    }

    #[test]
    fn a_silent_server_keeps_its_window() {
        let pace = Pace::new(100);
        pace.lost(Instant::now());
        assert_eq!(pace.window(), 64);
        // Answers that came before the lost query was sent do not make it congestion either.
        pace.answered(Duration::from_millis(1));
        pace.lost(Instant::now() + Duration::from_millis(1));
        assert_eq!(pace.window(), 65);
    }

    #[test]
    fn the_resend_interval_follows_the_round_trip() {
        let pace = Pace::new(10);
        assert_eq!(pace.resend_after(), RESEND_INITIAL);
        pace.answered(Duration::from_millis(1));
        assert_eq!(pace.resend_after(), RESEND_FLOOR);
        let slow = Pace::new(10);
        for _ in 0..20 {
            slow.answered(Duration::from_millis(100));
        }
        let after = slow.resend_after();
        assert!(
            after >= Duration::from_millis(100) && after < Duration::from_millis(200),
            "{after:?}"
        );
    }
}
