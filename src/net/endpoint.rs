//! Endpoints as users type them: `HOST[:PORT]` (`[v6]:port` for IPv6) for a server or
//! destination to reach, an address to listen on, and which addresses only this machine can reach.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::addr::parse_addr;
use super::name::to_ascii_name;
use crate::error::{Error, Result};

/// A host as typed: an IP address, or a host name in the ASCII form DNS carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    /// An IPv4 or IPv6 address.
    Ip(IpAddr),
    /// A host name (punycode for names in other scripts), as typed otherwise.
    Name(String),
}

impl std::fmt::Display for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Host::Ip(ip) => ip.fmt(f),
            Host::Name(name) => f.write_str(name),
        }
    }
}

/// A host and perhaps a port, as typed: `192.0.2.1`, `192.0.2.1:53`, `2001:db8::1`,
/// `[2001:db8::1]`, `[2001:db8::1]:53`, `ns1.example.test`, `ns1.example.test:5353`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The address or name.
    pub host: Host,
    /// The port, when one was written.
    pub port: Option<u16>,
}

/// A host and a port, both required (`127.0.0.1:8001`, `[::1]:8001`, `localhost:8001`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPort {
    /// The address or name.
    pub host: Host,
    /// The port.
    pub port: u16,
}

impl std::fmt::Display for HostPort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.host {
            Host::Ip(IpAddr::V6(v6)) => write!(f, "[{v6}]:{}", self.port),
            _ => write!(f, "{}:{}", self.host, self.port),
        }
    }
}

/// Parses a port: a number from 1 to 65535.
pub fn parse_port(text: &str) -> Result<u16> {
    match text.parse::<u16>() {
        Ok(0) => Err(Error::bad(
            "port",
            text,
            "port 0 is not a port a server listens on",
        )),
        Ok(p) => Ok(p),
        Err(_) => Err(Error::bad(
            "port",
            text,
            "expected a number from 1 to 65535",
        )),
    }
}

/// Parses a host with an optional port: the one parser for every `HOST[:PORT]` netkit takes
/// (a chat server, a flow destination, a DNS server, a route destination). With a port, an
/// IPv6 address is written in brackets and an IPv4 address is not; a host name is checked and
/// turned into its ASCII form. `what` names the value in errors ("server", "destination").
pub fn parse_endpoint(what: &'static str, text: &str) -> Result<Endpoint> {
    let s = text.trim();
    let bad = |reason: &str| Error::bad(what, text, reason);
    if s.is_empty() {
        return Err(bad("empty; expected an address or a host name"));
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (inner, after) = rest
            .split_once(']')
            .ok_or_else(|| bad("no closing ']' after the IPv6 address"))?;
        let ip = inner
            .parse::<Ipv6Addr>()
            .map_err(|_| bad("expected an IPv6 address in the brackets, such as [2001:db8::1]"))?;
        let port = match after {
            "" => None,
            _ => match after.strip_prefix(':') {
                Some(p) => Some(parse_port(p)?),
                None => return Err(bad("expected :PORT after the brackets, such as [::1]:8001")),
            },
        };
        return Ok(Endpoint {
            host: Host::Ip(IpAddr::V6(ip)),
            port,
        });
    }
    // An address alone: `192.0.2.53`, `2001:db8::53`.
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Ok(Endpoint {
            host: Host::Ip(ip),
            port: None,
        });
    }
    let (host, port) = match s.rsplit_once(':') {
        Some((host, _)) if host.contains(':') => {
            return Err(bad(
                "write an IPv6 address with a port in brackets: [2001:db8::1]:53",
            ));
        }
        Some((host, p)) => (host, Some(parse_port(p)?)),
        None => (s, None),
    };
    if let Ok(v4) = host.parse::<Ipv4Addr>() {
        return Ok(Endpoint {
            host: Host::Ip(IpAddr::V4(v4)),
            port,
        });
    }
    if host.chars().all(|c| c.is_ascii_digit() || c == '.') {
        // Digits and dots are an IPv4 address gone wrong: the address parser says how.
        return Err(parse_addr(host)
            .err()
            .unwrap_or_else(|| bad("not an IP address (four numbers from 0 to 255)")));
    }
    let name = to_ascii_name(host).map_err(|_| {
        bad("neither an IP address nor a valid host name (192.0.2.1, [2001:db8::1], host.example)")
    })?;
    Ok(Endpoint {
        host: Host::Name(name),
        port,
    })
}

/// Parses a server spec as dig takes it, `@` optional: `192.0.2.53`, `192.0.2.53:5353`,
/// `[2001:db8::53]:53`, `ns1.example.test[:PORT]` (the caller supplies a missing port).
pub fn parse_server_spec(text: &str) -> Result<Endpoint> {
    let spec = text.trim();
    parse_endpoint("server", spec.strip_prefix('@').unwrap_or(spec))
}

/// Parses `HOST:PORT`; the port is required.
pub fn parse_host_port(what: &'static str, text: &str) -> Result<HostPort> {
    let e = parse_endpoint(what, text)?;
    match (e.port, &e.host) {
        (Some(port), _) => Ok(HostPort { host: e.host, port }),
        (None, Host::Ip(IpAddr::V6(_))) => Err(Error::bad(
            what,
            text,
            "expected HOST:PORT; an IPv6 address with a port goes in brackets, such as [::1]:8001",
        )),
        (None, _) => Err(Error::bad(
            what,
            text,
            "expected HOST:PORT, such as 127.0.0.1:8001 or [::1]:8001",
        )),
    }
}

/// Parses a host without a port: an IP address or a host name.
pub fn parse_host(what: &'static str, text: &str) -> Result<Host> {
    let e = parse_endpoint(what, text)?;
    match e.port {
        None => Ok(e.host),
        Some(_) => Err(Error::bad(
            what,
            text,
            "expected an IP address or a host name, without a port",
        )),
    }
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

/// Parses an address to listen on with its port, `ADDR:PORT` (`[::1]:8080` for IPv6,
/// `localhost:8080`); port 0 asks for any free port.
pub fn parse_listen(text: &str) -> Result<SocketAddr> {
    let bad = |reason: &str| Error::bad("address", text, reason);
    let (host, port) = text
        .rsplit_once(':')
        .ok_or_else(|| bad("expected ADDR:PORT, such as 127.0.0.1:8080 or [::1]:8080"))?;
    if host.contains(':') && !host.starts_with('[') {
        return Err(bad(
            "write an IPv6 address with a port in brackets: [::1]:8080",
        ));
    }
    let ip = parse_bind(host)?;
    let port = port
        .parse::<u16>()
        .map_err(|_| bad("expected a port from 0 to 65535 after the colon"))?;
    Ok(SocketAddr::new(ip, port))
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

    fn hp(text: &str) -> (String, u16) {
        let h = parse_host_port("server", text).unwrap();
        (h.host.to_string(), h.port)
    }

    #[test]
    fn host_port_forms() {
        assert_eq!(hp("127.0.0.1:8001"), ("127.0.0.1".into(), 8001));
        assert_eq!(hp("[::1]:8001"), ("::1".into(), 8001));
        assert_eq!(hp("localhost:80"), ("localhost".into(), 80));
        assert_eq!(hp("Bücher.Test:80"), ("xn--bcher-kva.test".into(), 80));
        for bad in [
            "127.0.0.1",
            "::1:8001",
            "host:0",
            "host:70000",
            ":80",
            "h:x",
            "[::1]",
            "[::1",
            "[::1]8001",
            "[192.0.2.1]:80",
            "1.2.3:53:53",
            "10.0.0.256:53",
            "not an ip:53",
        ] {
            let e = parse_host_port("server", bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
        let e = parse_host_port("server", "::1:8001")
            .unwrap_err()
            .to_string();
        assert!(e.contains("brackets"), "{e}");
        assert_eq!(
            HostPort {
                host: Host::Ip("::1".parse().unwrap()),
                port: 53
            }
            .to_string(),
            "[::1]:53"
        );
    }

    #[test]
    fn endpoints_with_and_without_ports() {
        let e = |text: &str| {
            let e = parse_endpoint("destination", text).unwrap();
            (e.host.to_string(), e.port)
        };
        assert_eq!(e("example.com:80"), ("example.com".into(), Some(80)));
        assert_eq!(e("198.51.100.1"), ("198.51.100.1".into(), None));
        assert_eq!(e("[2001:db8::1]:443"), ("2001:db8::1".into(), Some(443)));
        assert_eq!(e("2001:db8::1"), ("2001:db8::1".into(), None));
        assert_eq!(e("[2001:db8::1]"), ("2001:db8::1".into(), None));
        assert_eq!(e("NS1.Example.test."), ("ns1.example.test.".into(), None));
        for bad in [
            "host:0",
            "host:70000",
            "host:http",
            "[::1",
            "",
            "a..b",
            "10.0.0.256",
        ] {
            assert!(parse_endpoint("destination", bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_host("destination", "remote.test").unwrap(),
            Host::Name("remote.test".into())
        );
        assert!(parse_host("destination", "remote.test:80").is_err());
    }

    #[test]
    fn bind_forms() {
        assert!(is_loopback(parse_bind("127.0.0.1").unwrap()));
        assert!(is_loopback(parse_bind("::1").unwrap()));
        assert!(is_loopback(parse_bind("[::1]").unwrap()));
        assert!(is_wildcard(parse_bind("0.0.0.0").unwrap()));
        assert!(parse_bind("127.0.0.256").is_err());
        assert_eq!(
            parse_listen("127.0.0.1:8080").unwrap(),
            "127.0.0.1:8080".parse().unwrap()
        );
        assert_eq!(parse_listen("[::1]:0").unwrap(), "[::1]:0".parse().unwrap());
        assert_eq!(
            parse_listen("localhost:80").unwrap(),
            "127.0.0.1:80".parse().unwrap()
        );
        for bad in [
            "127.0.0.1",
            "::1:8080",
            "[::1]",
            "127.0.0.1:x",
            "host:80",
            ":80",
        ] {
            assert!(parse_listen(bad).is_err(), "{bad}");
        }
    }
}
