//! The pure input side of `netkit dns`: record type names, host names (IDN to punycode),
//! reverse names for `-x`, `@SERVER[:PORT]` specs and `--timeout` durations. No I/O.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::str::FromStr;
use std::time::Duration;

use hickory_resolver::proto::rr::RecordType;
use serde::Serialize;

use crate::error::{Error, Result};

/// The record types `netkit dns` accepts by name.
pub const KNOWN_TYPES: [RecordType; 12] = [
    RecordType::A,
    RecordType::AAAA,
    RecordType::CNAME,
    RecordType::MX,
    RecordType::NS,
    RecordType::TXT,
    RecordType::SOA,
    RecordType::PTR,
    RecordType::SRV,
    RecordType::CAA,
    RecordType::HTTPS,
    RecordType::SVCB,
];

/// The types `--all` asks for: the common ones a name carries (ANY is deprecated, RFC 8482).
pub const ALL_TYPES: [RecordType; 9] = [
    RecordType::A,
    RecordType::AAAA,
    RecordType::CNAME,
    RecordType::MX,
    RecordType::NS,
    RecordType::TXT,
    RecordType::SOA,
    RecordType::CAA,
    RecordType::HTTPS,
];

/// Parses a record type name, case-insensitively (`a`, `AAAA`, `mx`...).
pub fn parse_type(text: &str) -> Result<RecordType> {
    let upper = text.trim().to_ascii_uppercase();
    if upper == "ANY" {
        return Err(Error::bad(
            "record type",
            text,
            "ANY is not supported (most servers refuse it, RFC 8482); use --all",
        ));
    }
    match RecordType::from_str(&upper) {
        Ok(t) if KNOWN_TYPES.contains(&t) => Ok(t),
        _ => Err(Error::bad(
            "record type",
            text,
            "expected one of A, AAAA, CNAME, MX, NS, TXT, SOA, PTR, SRV, CAA, HTTPS, SVCB",
        )),
    }
}

/// Converts a host name to the ASCII form DNS carries: IDN labels become punycode (`bücher.de`
/// → `xn--bcher-kva.de`), upper case is folded; checks label and name lengths and characters.
/// The result keeps a trailing dot when the input had one (a fully qualified name).
pub fn to_ascii_name(text: &str) -> Result<String> {
    let input = text.trim();
    let bad = |reason: &str| Error::bad("name", text, reason);
    if input.is_empty() {
        return Err(bad("empty"));
    }
    if input == "." {
        return Ok(".".to_string());
    }
    let fqdn = input.ends_with('.');
    let bare = input.strip_suffix('.').unwrap_or(input);
    let ascii = if bare.is_ascii() {
        bare.to_ascii_lowercase()
    } else {
        idna::domain_to_ascii(bare).map_err(|_| bad("not a valid internationalized domain name"))?
    };
    if ascii.len() > 253 {
        return Err(bad("longer than 253 characters"));
    }
    for label in ascii.split('.') {
        if label.is_empty() {
            return Err(bad(
                "has an empty label (two dots in a row, or a leading dot)",
            ));
        }
        if label.len() > 63 {
            return Err(bad("has a label longer than 63 characters"));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '*'))
        {
            return Err(bad(&format!(
                "the character {c:?} is not allowed in a name"
            )));
        }
    }
    Ok(if fqdn { format!("{ascii}.") } else { ascii })
}

/// The reverse-lookup name of an address: `192.0.2.1` → `1.2.0.192.in-addr.arpa.`, IPv6 →
/// 32 nibbles under `ip6.arpa.`.
pub fn reverse_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa.", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(v6) => {
            let mut s = String::with_capacity(73);
            for byte in v6.octets().iter().rev() {
                for nibble in [byte & 0x0f, byte >> 4] {
                    s.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
                    s.push('.');
                }
            }
            s.push_str("ip6.arpa.");
            s
        }
    }
}

/// Parses the address given to `-x`.
pub fn parse_reverse(text: &str) -> Result<IpAddr> {
    text.trim()
        .parse()
        .map_err(|_| Error::bad("address", text, "-x needs an IPv4 or IPv6 address"))
}

/// How a query travels to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    /// Plain DNS over UDP (TCP when the answer is truncated).
    Udp,
    /// Plain DNS over TCP.
    Tcp,
    /// DNS over TLS (RFC 7858), port 853.
    Tls,
    /// DNS over HTTPS (RFC 8484), port 443, path /dns-query.
    Https,
}

impl Transport {
    /// The port used when a server spec names none.
    pub fn default_port(self) -> u16 {
        match self {
            Transport::Udp | Transport::Tcp => 53,
            Transport::Tls => 853,
            Transport::Https => 443,
        }
    }

    /// Lower-case name, as shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Transport::Udp => "udp",
            Transport::Tcp => "tcp",
            Transport::Tls => "tls",
            Transport::Https => "https",
        }
    }
}

/// A server as given: an address, or a host name to look up (as dig's `@ns1.example.com`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerSpec {
    /// An IP address and port.
    Address(SocketAddr),
    /// A host name (ASCII form) and port.
    Name(String, u16),
}

/// Parses a server spec: `IP`, `IPv4:PORT`, `[IPv6]:PORT`, `NAME` or `NAME:PORT`, with or
/// without a leading `@`.
pub fn parse_server(text: &str, default_port: u16) -> Result<ServerSpec> {
    let spec = text.trim();
    let spec = spec.strip_prefix('@').unwrap_or(spec);
    let bad = |reason: &str| Error::bad("server", text, reason);
    if spec.is_empty() {
        return Err(bad("empty; expected @IP, @IP:PORT or @NAME"));
    }
    fn unbracket(s: &str) -> Option<&str> {
        s.strip_prefix('[').and_then(|s| s.strip_suffix(']'))
    }
    // An address alone: `192.0.2.53`, `2001:db8::53`, `[2001:db8::53]`.
    if let Ok(ip) = unbracket(spec).unwrap_or(spec).parse::<IpAddr>() {
        return Ok(ServerSpec::Address(SocketAddr::new(ip, default_port)));
    }
    let (host, port) = match spec.rsplit_once(':') {
        Some((host, p)) => match p.parse::<u16>() {
            Ok(0) => return Err(bad("port 0 is not a port a server listens on")),
            Ok(n) => (host, n),
            Err(_) => return Err(bad("the port must be a number from 1 to 65535")),
        },
        None => (spec, default_port),
    };
    // With a port, an IPv6 address is in brackets and an IPv4 address is not.
    let ip = match unbracket(host) {
        Some(inner) => inner.parse::<Ipv6Addr>().map(IpAddr::V6).ok(),
        None => host.parse::<Ipv4Addr>().map(IpAddr::V4).ok(),
    };
    if let Some(ip) = ip {
        return Ok(ServerSpec::Address(SocketAddr::new(ip, port)));
    }
    if host.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad("not an IP address (four numbers from 0 to 255)"));
    }
    if host.starts_with('[') || host.contains(':') {
        return Err(bad("expected @IP, @IP:PORT, @[IPv6]:PORT or @NAME[:PORT]"));
    }
    let name = to_ascii_name(host).map_err(|_| {
        bad("neither an IP address nor a host name (@192.0.2.53:5353, @[2001:db8::53]:53, @ns1.example.test)")
    })?;
    Ok(ServerSpec::Name(name, port))
}

/// Parses a duration: `2`, `1.5s`, `500ms`; a bare number is seconds (as dig's +time=2).
pub fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    match crate::util::time::parse_seconds(text, 1.0) {
        Some(secs) if secs > 0.0 && secs <= 3600.0 => Ok(Duration::from_secs_f64(secs)),
        _ => Err(format!(
            "'{text}' is not a duration: use e.g. 2 (seconds), 1.5s or 500ms (at most 1 hour, more than 0)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_parse_case_insensitively_and_any_is_refused() {
        assert_eq!(parse_type("a").unwrap(), RecordType::A);
        assert_eq!(parse_type("Https").unwrap(), RecordType::HTTPS);
        assert_eq!(parse_type("svcb").unwrap(), RecordType::SVCB);
        assert!(parse_type("ANY").unwrap_err().to_string().contains("--all"));
        assert!(parse_type("BOGUS").is_err());
        assert!(parse_type("example").is_err());
    }

    #[test]
    fn names_become_ascii() {
        assert_eq!(to_ascii_name("bücher.de").unwrap(), "xn--bcher-kva.de");
        assert_eq!(
            to_ascii_name("WWW.Example.TEST.").unwrap(),
            "www.example.test."
        );
        assert_eq!(
            to_ascii_name("_sip._tcp.example.test").unwrap(),
            "_sip._tcp.example.test"
        );
        assert!(to_ascii_name("a..b").is_err());
        assert!(to_ascii_name("has space.test").is_err());
        assert!(to_ascii_name(&"x".repeat(64)).is_err());
        assert!(to_ascii_name("").is_err());
    }

    #[test]
    fn reverse_names() {
        assert_eq!(
            reverse_name("192.0.2.1".parse().unwrap()),
            "1.2.0.192.in-addr.arpa."
        );
        assert_eq!(
            reverse_name("2001:db8::1".parse().unwrap()),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."
        );
        assert!(parse_reverse("example.com").is_err());
    }

    #[test]
    fn servers() {
        let addr = |text: &str, port: u16| match parse_server(text, port).unwrap() {
            ServerSpec::Address(a) => a.to_string(),
            other => panic!("{text}: {other:?}"),
        };
        assert_eq!(addr("@127.0.0.1:5353", 53), "127.0.0.1:5353");
        assert_eq!(addr("9.9.9.9", 853), "9.9.9.9:853");
        assert_eq!(addr("@[::1]:54", 53), "[::1]:54");
        assert_eq!(addr("::1", 53), "[::1]:53");
        assert_eq!(addr("@[::1]", 53), "[::1]:53");
        assert_eq!(
            parse_server("@NS1.Example.test", 53).unwrap(),
            ServerSpec::Name("ns1.example.test".into(), 53)
        );
        assert_eq!(
            parse_server("@dns.example.test:5353", 853).unwrap(),
            ServerSpec::Name("dns.example.test".into(), 5353)
        );
        for bad in [
            "@1.2.3.4:99999",
            "@1.2.3.4:0",
            "@",
            "@dns.example.test:x",
            "@bad..name",
            "@not an ip",
            "@[::1",
            "@1.2.3:53:53",
            "@1.2.3",
            "@10.0.0.256",
        ] {
            let e = parse_server(bad, 53).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{bad}: {e}");
        }
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_duration("2s").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("1.5s").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("2").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("0.25").unwrap(), Duration::from_millis(250));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("soon").is_err());
    }
}
