//! Endpoints as users type them: `HOST:PORT` (`[v6]:port` for IPv6) for a server to reach, an
//! address to listen on, and which addresses only this machine can reach.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::error::{Error, Result};

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

/// Parses `--bind`: an IPv4 or IPv6 address, or `localhost`.
pub fn parse_bind(text: &str) -> Result<IpAddr> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    let t = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(text);
    t.parse::<IpAddr>().map_err(|_| {
        Error::bad(
            "address",
            text,
            "expected an IPv4 or IPv6 address such as 127.0.0.1 or ::1",
        )
    })
}

/// True for addresses only this machine can reach.
pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v| v.is_loopback()),
    }
}

/// The unspecified address of the same family, for messages.
pub fn is_wildcard(ip: IpAddr) -> bool {
    ip == IpAddr::V4(Ipv4Addr::UNSPECIFIED) || ip == IpAddr::V6(Ipv6Addr::UNSPECIFIED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_port_forms() {
        assert_eq!(
            split_host_port("server", "127.0.0.1:8001").unwrap(),
            ("127.0.0.1".into(), 8001)
        );
        assert_eq!(
            split_host_port("server", "[::1]:8001").unwrap(),
            ("::1".into(), 8001)
        );
        assert_eq!(
            split_host_port("server", "localhost:80").unwrap(),
            ("localhost".into(), 80)
        );
        for bad in [
            "127.0.0.1",
            "::1:8001",
            "host:0",
            "host:70000",
            ":80",
            "h:x",
            "[::1]",
        ] {
            let e = split_host_port("server", bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
    }

    #[test]
    fn bind_forms() {
        assert!(is_loopback(parse_bind("127.0.0.1").unwrap()));
        assert!(is_loopback(parse_bind("::1").unwrap()));
        assert!(is_loopback(parse_bind("[::1]").unwrap()));
        assert!(is_wildcard(parse_bind("0.0.0.0").unwrap()));
        assert!(parse_bind("127.0.0.256").is_err());
    }
}
