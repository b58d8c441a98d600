//! Times as typed on the command line (`1`, `0.2`, `200ms`, `2s`) and as shown to people.

use std::time::Duration;

use crate::error::{Error, Result};

/// A time as typed, in seconds: a number with an optional unit, `ms` or `s`; a bare number counts
/// in units of `bare` seconds. None unless the number is finite.
pub fn parse_seconds(text: &str, bare: f64) -> Option<f64> {
    let t = text.trim();
    let (number, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else {
        (t, bare)
    };
    number
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(|v| v * scale)
}

/// Parses a time for `arp`, `dhcp` and `flow`: seconds ("1", "0.2") or with a unit ("200ms",
/// "2s"), from 0 to a day.
pub fn parse_time(what: &'static str, input: &str) -> Result<Duration> {
    match parse_seconds(input, 1.0) {
        Some(secs) if (0.0..=86_400.0).contains(&secs) => Ok(Duration::from_secs_f64(secs)),
        _ => Err(Error::bad(
            what,
            input,
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
        assert_eq!(parse_time("t", "1").unwrap(), Duration::from_secs(1));
        assert_eq!(parse_time("t", "0.2").unwrap(), Duration::from_millis(200));
        assert_eq!(
            parse_time("t", "200ms").unwrap(),
            Duration::from_millis(200)
        );
        assert_eq!(parse_time("t", "2s").unwrap(), Duration::from_secs(2));
        assert!(parse_time("t", "-1").is_err());
        assert!(parse_time("t", "soon").is_err());
        assert!(parse_time("t", "NaN").is_err());
        assert_eq!(parse_seconds("250", 0.001), Some(0.25));
        assert_eq!(parse_seconds("inf", 1.0), None);
    }
}
