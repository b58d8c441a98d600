//! Values many subcommands take on the command line, parsed one way everywhere: times
//! (`1`, `0.2`, `200ms`, `2s`) and `HOST:PORT` (`[v6]:port` for IPv6).

use std::net::SocketAddr;
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

/// Splits `HOST:PORT` (`[v6]:port` for IPv6) into a host and a non-zero port; `what` names the
/// value in errors ("server", "destination").
pub fn split_host_port(what: &'static str, text: &str) -> Result<(String, u16)> {
    if let Ok(sa) = text.parse::<SocketAddr>() {
        if sa.port() == 0 {
            return Err(Error::bad("port", "0", "a server's port cannot be 0"));
        }
        return Ok((sa.ip().to_string(), sa.port()));
    }
    let bad = |reason: &str| Error::bad(what, text, reason);
    let (host, port) = text
        .rsplit_once(':')
        .ok_or_else(|| bad("expected HOST:PORT, such as 127.0.0.1:8001 or [::1]:8001"))?;
    if host.contains(':') && !host.starts_with('[') {
        return Err(bad("write an IPv6 address in brackets: [::1]:8001"));
    }
    let host = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    if host.is_empty() || host.contains(['[', ']', ' ', '/']) {
        return Err(bad(
            "expected HOST:PORT, such as 127.0.0.1:8001 or [::1]:8001",
        ));
    }
    let port: u16 = port
        .parse()
        .ok()
        .filter(|p| *p != 0)
        .ok_or_else(|| Error::bad("port", port, "expected a number from 1 to 65535"))?;
    Ok((host.to_string(), port))
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
