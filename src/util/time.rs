//! Times as typed on the command line (`1`, `0.2`, `200ms`, `2s`) and as shown to people.

use std::time::Duration;

use crate::error::{Error, Result};

/// The longest time a flag accepts: a day.
const MAX_SECONDS: f64 = 86_400.0;

/// A time as typed, in seconds: a number with an optional unit, `ms` or `s`; a bare number counts
/// in seconds. None unless the number is finite.
fn seconds(text: &str) -> Option<f64> {
    let t = text.trim();
    let (number, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else {
        (t, 1.0)
    };
    number
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v * scale)
}

/// Parses the time flag `what` (`--timeout`, `--interval`...): seconds (`1`, `0.5`) or a time
/// with a unit (`200ms`, `2s`), from 0 to a day; `positive` refuses 0 (an interval, a timeout
/// that must wait at all). The one parser of every time netkit takes.
pub fn parse_duration(what: &'static str, input: &str, positive: bool) -> Result<Duration> {
    let bad = |reason: &str| Error::bad(what, input, reason);
    match seconds(input) {
        Some(secs) if positive && secs <= 0.0 => Err(bad("must be more than 0")),
        Some(secs) if (0.0..=MAX_SECONDS).contains(&secs) => Ok(Duration::from_secs_f64(secs)),
        Some(_) => Err(bad("must be from 0 to a day (86400 s)")),
        None => Err(bad(
            "expected seconds (1, 0.5) or a time with a unit (200ms, 2s)",
        )),
    }
}

/// A duration as people read it: whole milliseconds below a second (`12 ms`), tenths of a
/// second above (`2.0 s`).
pub fn human_duration(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{:.1} s", d.as_secs_f64())
    } else {
        format!("{} ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let t = |s: &str| parse_duration("timeout", s, false);
        assert_eq!(t("1").unwrap(), Duration::from_secs(1));
        assert_eq!(t("0.2").unwrap(), Duration::from_millis(200));
        assert_eq!(t("200ms").unwrap(), Duration::from_millis(200));
        assert_eq!(t("2s").unwrap(), Duration::from_secs(2));
        assert_eq!(t(" 1.5 s ").unwrap(), Duration::from_millis(1500));
        assert_eq!(t("0").unwrap(), Duration::ZERO);
        assert_eq!(t("86400").unwrap(), Duration::from_secs(86_400));
        for bad in ["-1", "soon", "NaN", "inf", "", "86401", "1 minute"] {
            let e = t(bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
            assert!(e.to_string().starts_with("invalid timeout"), "{e}");
        }
        let zero = parse_duration("interval", "0", true).unwrap_err();
        assert!(zero.to_string().contains("more than 0"), "{zero}");
        assert!(parse_duration("interval", "0ms", true).is_err());
        assert_eq!(
            parse_duration("interval", "1ms", true).unwrap(),
            Duration::from_millis(1)
        );
    }

    #[test]
    fn shown_times() {
        assert_eq!(human_duration(Duration::from_millis(12)), "12 ms");
        assert_eq!(human_duration(Duration::from_millis(2049)), "2.0 s");
    }
}
