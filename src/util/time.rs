//! Times as typed on the command line (`1`, `0.2`, `200ms`, `2s`) and as shown to people.

use std::time::Duration;

use crate::error::{Error, Result};
use crate::i18n::{Message, t};

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
pub fn parse_duration(what: Message, input: &str, positive: bool) -> Result<Duration> {
    let bad = |reason: Message| Error::bad(what, input, reason);
    match seconds(input) {
        Some(secs) if positive && secs <= 0.0 => Err(bad(t!("time-bad-zero"))),
        Some(secs) if (0.0..=MAX_SECONDS).contains(&secs) => Ok(Duration::from_secs_f64(secs)),
        Some(_) => Err(bad(t!("time-bad-range"))),
        None => Err(bad(t!("time-bad-syntax"))),
    }
}

/// A duration as netkit shows every time: about three significant digits in µs, ms or s, by
/// size (`7.2 µs`, `14.8 ms`, `250 ms`, `2.05 s`, `3 s`), and from a minute on in hours,
/// minutes and seconds (`1m30s`, `1h`, `2h5m`). Trailing zeros are dropped (`3 s`, not `3.00 s`).
pub fn human_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if d >= Duration::from_secs(60) {
        return human_seconds(d.as_secs() + u64::from(d.subsec_millis() >= 500));
    }
    let (value, unit) = if secs >= 1.0 {
        (secs, "s")
    } else if secs >= 1e-3 {
        (secs * 1e3, "ms")
    } else {
        (secs * 1e6, "µs")
    };
    // Rounded to three significant digits; 999.6 ms rounds up into the next unit.
    let digits = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    let rounded = format!("{value:.digits$}");
    if rounded.len() > 3 && !rounded.contains('.') && unit != "s" {
        // 1000 µs or 1000 ms: one unit up.
        return human_duration(Duration::from_secs_f64(secs.max(1e-3) * 1.0005));
    }
    let trimmed = if rounded.contains('.') {
        rounded.trim_end_matches('0').trim_end_matches('.')
    } else {
        &rounded
    };
    format!("{trimmed} {unit}")
}

/// Whole seconds as netkit shows a long duration (a lease, a TTL with --human-ttl): seconds
/// below a minute (`45 s`), else hours, minutes and seconds without the zero parts (`1m30s`,
/// `1h`, `1h5s`, `26h3m4s`).
pub fn human_seconds(secs: u64) -> String {
    if secs < 60 {
        return format!("{secs} s");
    }
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    for (n, unit) in [(h, "h"), (m, "m"), (s, "s")] {
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    out
}

/// [`human_duration`] of a time held in milliseconds.
pub fn human_ms(ms: f64) -> String {
    human_duration(Duration::from_secs_f64(ms.max(0.0) / 1e3))
}

/// Serializes a time in milliseconds as JSON's `*_ms` fields all are: a number with at most
/// three decimals (microseconds), never `0.022373999999999998`.
pub fn round_ms<S: serde::Serializer>(ms: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64((ms * 1e3).round() / 1e3)
}

/// [`round_ms`] for an optional time (null when absent).
pub fn round_ms_opt<S: serde::Serializer>(
    ms: &Option<f64>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match ms {
        Some(v) => round_ms(v, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let t = |s: &str| parse_duration(t!("time-what-timeout"), s, false);
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
        let zero = parse_duration(t!("time-what-interval"), "0", true).unwrap_err();
        assert!(zero.to_string().contains("more than 0"), "{zero}");
        assert!(parse_duration(t!("time-what-interval"), "0ms", true).is_err());
        assert_eq!(
            parse_duration(t!("time-what-interval"), "1ms", true).unwrap(),
            Duration::from_millis(1)
        );
    }

    #[test]
    fn shown_times_have_three_significant_digits() {
        let t = |us: u64| human_duration(Duration::from_micros(us));
        assert_eq!(t(0), "0 µs");
        assert_eq!(t(7), "7 µs");
        assert_eq!(human_duration(Duration::from_nanos(7_240)), "7.24 µs");
        assert_eq!(t(11), "11 µs");
        assert_eq!(t(148), "148 µs");
        assert_eq!(t(999), "999 µs");
        assert_eq!(human_duration(Duration::from_nanos(999_700)), "1 ms");
        assert_eq!(t(1_000), "1 ms");
        assert_eq!(t(14_797), "14.8 ms");
        assert_eq!(t(500), "500 µs");
        assert_eq!(t(250_000), "250 ms");
        assert_eq!(t(999_800), "1 s");
        assert_eq!(t(2_049_000), "2.05 s");
        assert_eq!(t(3_000_000), "3 s");
        assert_eq!(t(3_007_300), "3.01 s");
        assert_eq!(t(4_003_600), "4 s");
        assert_eq!(t(59_990_000), "60 s");
        assert_eq!(t(90_000_000), "1m30s");
        assert_eq!(t(3_600_000_000), "1h");
    }

    #[test]
    fn long_durations_in_hours_minutes_seconds() {
        assert_eq!(human_seconds(45), "45 s");
        assert_eq!(human_seconds(60), "1m");
        assert_eq!(human_seconds(3600), "1h");
        assert_eq!(human_seconds(3605), "1h5s");
        assert_eq!(human_seconds(86_400), "24h");
        assert_eq!(human_seconds(93_784), "26h3m4s");
    }

    #[test]
    fn json_times_are_milliseconds_to_the_microsecond() {
        let json = |ms: f64| {
            let mut out = Vec::new();
            round_ms(&ms, &mut serde_json::Serializer::new(&mut out)).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(json(0.1 + 0.2), "0.3");
        assert_eq!(json(22.3739), "22.374");
        assert_eq!(json(3000.0), "3000.0");
        assert_eq!(json(0.0004), "0.0");
        assert_eq!(human_ms(14.797), "14.8 ms");
    }
}
