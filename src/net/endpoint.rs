//! Endpoints as users type them: `HOST[:PORT]` (`[v6]:port` for IPv6) for a server or
//! destination to reach, DEST with its IPv6 zone (`fe80::1%eth0`) for `ping` and `trace`, an
//! address to listen on, and which addresses only this machine can reach. One rule for every
//! host netkit is given: an address netkit reads (four decimal numbers, or IPv6), or a host name
//! (letters, digits and hyphens in labels); the old IPv4 shorthands (`127.1`, `0x7f.1`) and text
//! that cannot name a host (`-1`, `xn--`) are refused here, so no resolver is ever asked for them.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use super::addr::{Zone, legacy_ipv4, parse_addr};
use super::name::to_ascii_name;
use crate::error::{Error, Result};
use crate::i18n::{Message, t};

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
/// `[2001:db8::1]`, `[2001:db8::1]:53`, `fe80::1%eth0`, `[fe80::1%eth0]:53`,
/// `ns1.example.test`, `ns1.example.test:5353`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The address or name.
    pub host: Host,
    /// The port, when one was written.
    pub port: Option<u16>,
    /// The IPv6 zone written after `%` (which link a link-local address is on).
    pub zone: Option<Zone>,
}

/// DEST as `ping` and `trace` take it: a host, and for an IPv6 address perhaps its zone
/// (`fe80::1%eth0`: a link-local or multicast address names no link by itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dest {
    /// The address or name.
    pub host: Host,
    /// The zone written after `%`.
    pub zone: Option<Zone>,
}

impl std::fmt::Display for Dest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.zone {
            Some(z) => write!(f, "{}%{z}", self.host),
            None => self.host.fmt(f),
        }
    }
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
            t!("endpoint-what-port"),
            text,
            t!("endpoint-bad-port-zero"),
        )),
        Ok(p) => Ok(p),
        Err(_) => Err(Error::bad(
            t!("endpoint-what-port"),
            text,
            t!("endpoint-bad-port"),
        )),
    }
}

/// An IPv6 address with perhaps a zone: `2001:db8::1`, `fe80::1%eth0`.
fn ipv6_zoned(text: &str) -> Option<Result<(Ipv6Addr, Option<Zone>)>> {
    let (addr, zone) = match text.split_once('%') {
        Some((a, z)) => (a, Some(z)),
        None => (text, None),
    };
    let ip = addr.parse::<Ipv6Addr>().ok()?;
    Some(match zone.map(Zone::parse).transpose() {
        Ok(zone) => Ok((ip, zone)),
        Err(e) => Err(e),
    })
}

/// Checks that `name` (in its ASCII form) can name a host: labels of letters, digits, hyphens
/// and underscores, none starting or ending with a hyphen, `xn--` labels that are punycode
/// indeed, and a last label that is not all digits (RFC 1123, RFC 3696 section 2).
fn check_host_name(name: &str) -> std::result::Result<(), Message> {
    let bare = name.strip_suffix('.').unwrap_or(name);
    for label in bare.split('.') {
        if label.starts_with('-') || label.ends_with('-') {
            return Err(t!("endpoint-bad-hyphen", label = label));
        }
        if label.contains('*') {
            return Err(t!("endpoint-bad-wildcard"));
        }
        if label.len() >= 4
            && label[..4].eq_ignore_ascii_case("xn--")
            && idna::domain_to_ascii_strict(label).is_err()
        {
            return Err(t!("endpoint-bad-punycode", label = label));
        }
    }
    if bare
        .rsplit('.')
        .next()
        .is_some_and(|last| last.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(t!("endpoint-bad-digits"));
    }
    Ok(())
}

/// Parses a host with an optional port: the one parser for every `HOST[:PORT]` netkit takes
/// (a chat server, a flow destination, a DNS server, a route destination, DEST). With a port, an
/// IPv6 address is written in brackets and an IPv4 address is not; an IPv6 address may carry a
/// zone (`%eth0`); a host name is checked and turned into its ASCII form. `what` names the value
/// in errors ([`destination`], [`server`], a command's own word). A zone is refused: only DEST of
/// `ping` and `trace` ([`parse_dest`]) takes one.
pub fn parse_endpoint(what: Message, text: &str) -> Result<Endpoint> {
    let e = endpoint(what.clone(), text)?;
    no_zone(what, text, &e)?;
    Ok(e)
}

/// The word for a host to reach, in errors: "destination".
pub fn destination() -> Message {
    t!("endpoint-what-destination")
}

/// The word for a server to ask, in errors: "server".
pub fn server() -> Message {
    t!("endpoint-what-server")
}

/// [`parse_endpoint`], zones allowed.
fn endpoint(what: Message, text: &str) -> Result<Endpoint> {
    let s = text.trim();
    let bad = |reason: Message| Error::bad(what.clone(), text, reason);
    if s.is_empty() {
        return Err(bad(t!("endpoint-bad-empty")));
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (inner, after) = rest
            .split_once(']')
            .ok_or_else(|| bad(t!("endpoint-bad-no-bracket")))?;
        let (ip, zone) = ipv6_zoned(inner).ok_or_else(|| bad(t!("endpoint-bad-in-brackets")))??;
        let port = match after {
            "" => None,
            _ => match after.strip_prefix(':') {
                Some(p) => Some(parse_port(p)?),
                None => return Err(bad(t!("endpoint-bad-after-brackets"))),
            },
        };
        return Ok(Endpoint {
            host: Host::Ip(IpAddr::V6(ip)),
            port,
            zone,
        });
    }
    // An address alone: `192.0.2.53`, `2001:db8::53`, `fe80::1%eth0`.
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Ok(Endpoint {
            host: Host::Ip(ip),
            port: None,
            zone: None,
        });
    }
    if let Some(zoned) = ipv6_zoned(s) {
        let (ip, zone) = zoned?;
        return Ok(Endpoint {
            host: Host::Ip(IpAddr::V6(ip)),
            port: None,
            zone,
        });
    }
    if let Some((head, _)) = s.split_once('%') {
        return Err(bad(if head.parse::<Ipv4Addr>().is_ok() {
            t!("endpoint-bad-zone-v4")
        } else {
            t!("endpoint-bad-percent")
        }));
    }
    let (host, port) = match s.rsplit_once(':') {
        Some((host, _)) if host.contains(':') => {
            return Err(bad(t!("endpoint-bad-v6-port")));
        }
        Some((host, p)) => (host, Some(parse_port(p)?)),
        None => (s, None),
    };
    if let Ok(v4) = host.parse::<Ipv4Addr>() {
        return Ok(Endpoint {
            host: Host::Ip(IpAddr::V4(v4)),
            port,
            zone: None,
        });
    }
    if host.chars().all(|c| c.is_ascii_digit() || c == '.') || legacy_ipv4(host).is_some() {
        // An IPv4 address gone wrong, or written in a shorthand: the address parser says how.
        return Err(parse_addr(host)
            .err()
            .unwrap_or_else(|| bad(t!("endpoint-bad-not-ipv4"))));
    }
    let name = to_ascii_name(host).map_err(|_| bad(t!("endpoint-bad-not-host")))?;
    check_host_name(&name).map_err(bad)?;
    Ok(Endpoint {
        host: Host::Name(name),
        port,
        zone: None,
    })
}

/// Refuses a zone where the command has no use for one.
fn no_zone(what: Message, text: &str, e: &Endpoint) -> Result<()> {
    match e.zone {
        Some(_) => Err(Error::bad(what, text, t!("endpoint-bad-zone-taken"))),
        None => Ok(()),
    }
}

/// Parses a server spec as dig takes it, `@` optional: `192.0.2.53`, `192.0.2.53:5353`,
/// `[2001:db8::53]:53`, `ns1.example.test[:PORT]` (the caller supplies a missing port).
pub fn parse_server_spec(text: &str) -> Result<Endpoint> {
    let spec = text.trim();
    parse_endpoint(server(), spec.strip_prefix('@').unwrap_or(spec))
}

/// Parses `HOST:PORT`; the port is required.
pub fn parse_host_port(what: Message, text: &str) -> Result<HostPort> {
    let e = parse_endpoint(what.clone(), text)?;
    match (e.port, &e.host) {
        (Some(port), _) => Ok(HostPort { host: e.host, port }),
        (None, Host::Ip(IpAddr::V6(_))) => {
            Err(Error::bad(what, text, t!("endpoint-bad-v6-host-port")))
        }
        (None, _) => Err(Error::bad(what, text, t!("endpoint-bad-host-port"))),
    }
}

/// Parses a host without a port: an IP address or a host name.
pub fn parse_host(what: Message, text: &str) -> Result<Host> {
    let e = parse_endpoint(what.clone(), text)?;
    match e.port {
        None => Ok(e.host),
        Some(_) => Err(Error::bad(what, text, t!("endpoint-bad-with-port"))),
    }
}

/// Parses DEST of `ping` and `trace`: an IP address (IPv6 perhaps with its zone, `fe80::1%eth0`)
/// or a host name, without a port.
pub fn parse_dest(what: Message, text: &str) -> Result<Dest> {
    let e = endpoint(what.clone(), text)?;
    match e.port {
        None => Ok(Dest {
            host: e.host,
            zone: e.zone,
        }),
        Some(_) => Err(Error::bad(what, text, t!("endpoint-bad-with-port"))),
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
    t.parse::<IpAddr>()
        .map_err(|_| Error::bad(t!("addr-what-address"), text, t!("endpoint-bad-bind")))
}

/// Parses an address to listen on with its port, `ADDR:PORT` (`[::1]:8080` for IPv6,
/// `localhost:8080`); port 0 asks for any free port.
pub fn parse_listen(text: &str) -> Result<SocketAddr> {
    let bad = |reason: Message| Error::bad(t!("addr-what-address"), text, reason);
    let (host, port) = text
        .rsplit_once(':')
        .ok_or_else(|| bad(t!("endpoint-bad-listen")))?;
    if host.contains(':') && !host.starts_with('[') {
        return Err(bad(t!("endpoint-bad-listen-v6")));
    }
    let ip = parse_bind(host)?;
    let port = port
        .parse::<u16>()
        .map_err(|_| bad(t!("endpoint-bad-listen-port")))?;
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
        let h = parse_host_port(server(), text).unwrap();
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
            let e = parse_host_port(server(), bad).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}");
        }
        let e = parse_host_port(server(), "::1:8001")
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
            let e = parse_endpoint(destination(), text).unwrap();
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
            assert!(parse_endpoint(destination(), bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_host(destination(), "remote.test").unwrap(),
            Host::Name("remote.test".into())
        );
        assert!(parse_host(destination(), "remote.test:80").is_err());
    }

    /// Issue 25 (DEST): one rule for every host typed. The IPv4 shorthands are refused alike,
    /// saying what the C library would read; text that cannot name a host is refused before any
    /// resolver is asked; IPv6 zones are taken by DEST only.
    #[test]
    fn one_rule_for_dest() {
        for (text, meant) in [
            ("127.1", "127.0.0.1"),
            ("0x7f.1", "127.0.0.1"),
            ("0x7f000001", "127.0.0.1"),
        ] {
            for e in [
                parse_host(destination(), text).unwrap_err(),
                parse_dest(destination(), text).unwrap_err(),
                parse_endpoint(destination(), &format!("{text}:80")).unwrap_err(),
            ] {
                assert_eq!(e.exit_code(), 2);
                assert!(
                    e.to_string().contains(&format!("as {meant}")),
                    "{text}: {e}"
                );
            }
        }
        for text in [
            "-1",
            "xn--",
            "a.-b",
            "b-.test",
            "xn--zz.test",
            "*.example.test",
            "host.123",
        ] {
            let e = parse_dest(destination(), text).unwrap_err();
            assert!(e.to_string().contains("not a host name"), "{text}: {e}");
        }
        for good in [
            "xn--bcher-kva.test",
            "a-b.test",
            "localhost",
            "my_host.lan",
            "0xdeadbeefcafe",
        ] {
            assert!(parse_dest(destination(), good).is_ok(), "{good}");
        }
        let d = parse_dest(destination(), "fe80::1%eth0").unwrap();
        assert_eq!(d.host, Host::Ip("fe80::1".parse().unwrap()));
        assert_eq!(d.zone.map(|z| z.to_string()).as_deref(), Some("eth0"));
        assert_eq!(
            parse_dest(destination(), "ff02::1%2").unwrap().to_string(),
            "ff02::1%2"
        );
        for zoned in ["fe80::1%eth0", "[fe80::1%eth0]:80"] {
            let e = parse_endpoint(destination(), zoned)
                .unwrap_err()
                .to_string();
            assert!(e.contains("ping and trace only"), "{e}");
        }
        for bad in ["192.0.2.1%eth0", "fe80::1%", "host%eth0", "fe80::1%a b"] {
            assert!(parse_dest(destination(), bad).is_err(), "{bad}");
        }
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
