//! Parsing addresses, masks, CIDR blocks and ranges as users type them, with error messages that
//! say exactly what is wrong ("octet 256 is out of range", "mask bits are not contiguous").
//! Pure logic: no I/O.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::error::{Error, Result};
use crate::i18n::{Message, t};

/// IPv4 or IPv6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Family {
    /// 32-bit addresses.
    #[serde(rename = "ipv4")]
    V4,
    /// 128-bit addresses.
    #[serde(rename = "ipv6")]
    V6,
}

impl Family {
    /// Address width in bits.
    pub fn bits(self) -> u8 {
        match self {
            Family::V4 => 32,
            Family::V6 => 128,
        }
    }

    /// The family of an address.
    pub fn of(addr: &IpAddr) -> Family {
        if addr.is_ipv4() {
            Family::V4
        } else {
            Family::V6
        }
    }

    /// "IPv4" or "IPv6".
    pub fn name(self) -> &'static str {
        match self {
            Family::V4 => "IPv4",
            Family::V6 => "IPv6",
        }
    }
}

/// An address as an integer (IPv4 in the low 32 bits).
pub fn to_u128(addr: &IpAddr) -> u128 {
    match addr {
        IpAddr::V4(a) => u32::from(*a) as u128,
        IpAddr::V6(a) => u128::from(*a),
    }
}

/// The address of `family` whose integer value is `value` (IPv4 uses the low 32 bits).
pub fn from_u128(family: Family, value: u128) -> IpAddr {
    match family {
        Family::V4 => IpAddr::V4(Ipv4Addr::from(value as u32)),
        Family::V6 => IpAddr::V6(Ipv6Addr::from(value)),
    }
}

/// The netmask of a prefix length, as an integer of the family's width.
pub fn prefix_to_mask(family: Family, prefix: u8) -> u128 {
    let host_bits = family.bits() as u32 - (prefix as u32).min(family.bits() as u32);
    if host_bits >= 128 {
        return 0;
    }
    family_max(family) & !((1u128 << host_bits) - 1)
}

/// Parses one IPv4 or IPv6 address, explaining what is wrong when it is not one.
pub fn parse_addr(input: &str) -> Result<IpAddr> {
    let s = input.trim();
    if let Ok(addr) = s.parse::<IpAddr>() {
        return Ok(addr);
    }
    // IPv6 with a zone (fe80::1%eth0): the zone does not matter for subnet arithmetic.
    if let Some((head, zone)) = s.split_once('%')
        && !zone.is_empty()
        && let Ok(addr) = head.parse::<Ipv6Addr>()
    {
        return Ok(IpAddr::V6(addr));
    }
    Err(Error::bad(
        t!("addr-what-address"),
        input,
        explain_bad_addr(s),
    ))
}

fn explain_bad_addr(s: &str) -> Message {
    if s.is_empty() {
        return t!("addr-bad-empty");
    }
    if let Some(meant) = legacy_ipv4(s) {
        return t!("addr-bad-shorthand", meant = meant);
    }
    if s.contains(':') {
        return t!("addr-bad-v6");
    }
    if s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let parts: Vec<&str> = s.split('.').collect();
        if parts.len() != 4 {
            return t!("addr-bad-parts", parts = parts.len());
        }
        for part in parts {
            if part.is_empty() {
                return t!("addr-bad-empty-number");
            }
            match part.parse::<u32>() {
                Ok(n) if n > 255 => {
                    return t!("addr-bad-number", number = n);
                }
                Ok(_) if part.len() > 1 && part.starts_with('0') => {
                    return t!("addr-bad-leading-zero", part = part);
                }
                Err(_) => return t!("addr-bad-big-number", part = part),
                _ => {}
            }
        }
    }
    t!("addr-bad-not-address")
}

/// What the C library's `inet_aton` makes of `text`, when it takes it for an IPv4 address written
/// the old ways netkit refuses (`127.1`, `0x7f.1`, `010.0.0.1`, `2130706433`): one to four
/// numbers, each decimal, octal (a leading 0) or hexadecimal (0x), the last filling the bytes
/// left. None for text `inet_aton` refuses, and for the plain dotted quad (which is no shorthand).
pub fn legacy_ipv4(text: &str) -> Option<Ipv4Addr> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() > 4 || text.parse::<Ipv4Addr>().is_ok() {
        return None;
    }
    let number = |p: &str| -> Option<u64> {
        let (digits, radix) = if let Some(h) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X"))
        {
            (h, 16)
        } else if p.len() > 1 && p.starts_with('0') {
            (&p[1..], 8)
        } else {
            (p, 10)
        };
        if digits.is_empty() || digits.len() > 11 || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        u64::from_str_radix(digits, radix).ok()
    };
    let values: Vec<u64> = parts.iter().map(|p| number(p)).collect::<Option<_>>()?;
    let (last, head) = values.split_last()?;
    let mut value: u64 = 0;
    for (i, v) in head.iter().enumerate() {
        if *v > 255 {
            return None;
        }
        value |= v << (24 - 8 * i);
    }
    let room = 32 - 8 * head.len() as u32;
    if *last >= 1u64 << room {
        return None;
    }
    Some(Ipv4Addr::from((value | last) as u32))
}

/// A mask as typed, before the address it applies to is known: a prefix length (`24`, `/24`)
/// or a netmask (`255.255.255.0`, `ffff:ffff::`) whose 1-bits are contiguous.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mask {
    /// A prefix length, 0-128 (checked against the family when applied).
    Prefix(u8),
    /// A netmask, with its prefix length.
    Netmask(IpAddr, u8),
}

impl std::fmt::Display for Mask {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mask::Prefix(p) => p.fmt(f),
            Mask::Netmask(m, _) => m.fmt(f),
        }
    }
}

impl Mask {
    /// Parses a prefix length or a netmask.
    pub fn parse(input: &str) -> Result<Mask> {
        let s = input.trim();
        let bare = s.strip_prefix('/').unwrap_or(s);
        if !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()) {
            return match bare.parse::<u8>() {
                Ok(p) if p <= 128 => Ok(Mask::Prefix(p)),
                _ => Err(Error::bad(
                    t!("addr-what-prefix"),
                    input,
                    t!("addr-bad-prefix-any"),
                )),
            };
        }
        let addr = bare
            .parse::<IpAddr>()
            .map_err(|_| Error::bad(t!("addr-what-mask"), input, t!("addr-bad-mask")))?;
        let prefix = mask_to_prefix(&addr)
            .map_err(|reason| Error::bad(t!("addr-what-mask"), input, reason))?;
        Ok(Mask::Netmask(addr, prefix))
    }

    /// The prefix length this mask gives an address of `family`, or why it does not fit.
    pub fn prefix_for(self, family: Family) -> Result<u8> {
        match self {
            Mask::Prefix(p) if p <= family.bits() => Ok(p),
            Mask::Prefix(p) => Err(Error::bad(
                t!("addr-what-prefix"),
                p.to_string(),
                t!(
                    "addr-bad-prefix-family",
                    bits = family.bits(),
                    family = family.name()
                ),
            )),
            Mask::Netmask(m, p) if Family::of(&m) == family => Ok(p),
            Mask::Netmask(m, _) => Err(Error::bad(
                t!("addr-what-mask"),
                m.to_string(),
                t!(
                    "addr-bad-mask-family",
                    mask_family = Family::of(&m).name(),
                    family = family.name()
                ),
            )),
        }
    }
}

/// Parses a mask for `family`: a prefix length (`24`, `/24`) or a dotted/colon netmask
/// (`255.255.255.0`, `ffff:ffff::`). Returns the prefix length.
pub fn parse_mask(input: &str, family: Family) -> Result<u8> {
    Mask::parse(input)?.prefix_for(family)
}

/// The prefix length of a netmask, or why it is not a valid one.
pub fn mask_to_prefix(mask: &IpAddr) -> std::result::Result<u8, Message> {
    let family = Family::of(mask);
    let value = to_u128(mask);
    let ones = if family == Family::V4 {
        (value as u32).leading_ones() as u8
    } else {
        value.leading_ones() as u8
    };
    if prefix_to_mask(family, ones) == value {
        return Ok(ones);
    }
    // Looks like a Cisco wildcard (inverse) mask, e.g. 0.0.0.255?
    let inverted = !value & family_max(family);
    let inv_ones = if family == Family::V4 {
        (inverted as u32).leading_ones() as u8
    } else {
        inverted.leading_ones() as u8
    };
    if value != 0 && prefix_to_mask(family, inv_ones) == inverted {
        return Err(t!(
            "addr-bad-wildcard",
            netmask = from_u128(family, inverted)
        ));
    }
    Err(t!("addr-bad-not-contiguous"))
}

/// An IPv6 zone (scope) as written after `%` (`fe80::1%eth0`): an interface name or number
/// (RFC 4007 section 11). Kept inline so that addresses carrying one stay `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone {
    len: u8,
    bytes: [u8; Zone::MAX],
}

impl Zone {
    /// The longest zone accepted, in bytes (interface names are far shorter: 15 on Linux).
    pub const MAX: usize = 64;

    /// A zone from its text: 1 to [`Zone::MAX`] bytes, no spaces or control characters.
    pub fn parse(text: &str) -> Result<Zone> {
        if text.is_empty() || text.len() > Zone::MAX {
            return Err(Error::bad(
                t!("addr-what-zone"),
                text,
                t!("addr-bad-zone-length", max = Zone::MAX),
            ));
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::bad(
                t!("addr-what-zone"),
                text,
                t!("addr-bad-zone-chars"),
            ));
        }
        let mut bytes = [0; Zone::MAX];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Ok(Zone {
            len: text.len() as u8,
            bytes,
        })
    }

    /// The zone's text.
    pub fn as_str(&self) -> &str {
        // Built from a &str cut at its end, so always UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl std::fmt::Display for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Zone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Zone({:?})", self.as_str())
    }
}

impl serde::Serialize for Zone {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// An address with the prefix written on it, if any (`192.168.1.10`, `10.0.0.5/8`), and the
/// zone of an IPv6 address written with one (`fe80::1%eth0/64`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prefixed {
    /// The address.
    pub addr: IpAddr,
    /// The prefix length written after '/', checked against the address's family.
    pub prefix: Option<u8>,
    /// The IPv6 zone written after '%', if any (subnet arithmetic ignores it; which link an
    /// address is on does not).
    pub zone: Option<Zone>,
}

impl std::fmt::Display for Prefixed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.addr.fmt(f)?;
        if let Some(z) = &self.zone {
            write!(f, "%{z}")?;
        }
        match self.prefix {
            Some(p) => write!(f, "/{p}"),
            None => Ok(()),
        }
    }
}

impl Prefixed {
    /// Parses an address (with an optional `%zone` for IPv6) with an optional `/prefix` or
    /// `/netmask`.
    pub fn parse(input: &str) -> Result<Prefixed> {
        let s = input.trim();
        let (text, mask) = match s.split_once('/') {
            None => (s, None),
            Some((text, mask)) => (text, Some(mask)),
        };
        let addr = parse_addr(text)?;
        // parse_addr accepts a zone only on IPv6 and drops it; keep it.
        let zone = match text.trim().split_once('%') {
            Some((_, zone)) => Some(Zone::parse(zone)?),
            None => None,
        };
        let prefix = match mask {
            None => None,
            Some("") => {
                return Err(Error::bad(
                    t!("addr-what-network"),
                    input,
                    t!("addr-bad-no-prefix"),
                ));
            }
            Some(mask) => Some(parse_mask(mask, Family::of(&addr))?),
        };
        Ok(Prefixed { addr, prefix, zone })
    }
}

/// An address with a prefix length, written `198.51.100.2/24` (the address may have host bits
/// set: an interface's own address, or a network address when host bits are clear).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    /// The address.
    pub addr: IpAddr,
    /// The prefix length.
    pub prefix: u8,
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

crate::util::text_value!(Cidr);

/// A contiguous, inclusive span of addresses of one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// IPv4 or IPv6.
    pub family: Family,
    /// First address, as an integer.
    pub start: u128,
    /// Last address, as an integer (inclusive).
    pub end: u128,
}

impl Span {
    /// The span of a CIDR block (host bits of `addr` ignored).
    pub fn of_block(addr: &IpAddr, prefix: u8) -> Span {
        let family = Family::of(addr);
        let mask = prefix_to_mask(family, prefix);
        let start = to_u128(addr) & mask;
        let end = start | (!mask & family_max(family));
        Span { family, start, end }
    }
}

/// The largest integer an address of `family` can hold.
pub fn family_max(family: Family) -> u128 {
    match family {
        Family::V4 => u32::MAX as u128,
        Family::V6 => u128::MAX,
    }
}

/// Parses an address, CIDR block or range (`a-b`, both ends full addresses) into a span.
pub fn parse_span(input: &str) -> Result<Span> {
    let s = input.trim();
    if let Some((a, b)) = s.split_once('-') {
        let (a, b) = (parse_addr(a)?, parse_addr(b)?);
        if Family::of(&a) != Family::of(&b) {
            return Err(Error::bad(
                t!("addr-what-range"),
                input,
                t!("addr-bad-range-families"),
            ));
        }
        let (start, end) = (to_u128(&a), to_u128(&b));
        if start > end {
            return Err(Error::bad(
                t!("addr-what-range"),
                input,
                t!("addr-bad-range-order"),
            ));
        }
        return Ok(Span {
            family: Family::of(&a),
            start,
            end,
        });
    }
    let p = Prefixed::parse(s)?;
    Ok(Span::of_block(
        &p.addr,
        p.prefix.unwrap_or(Family::of(&p.addr).bits()),
    ))
}

/// Splits a list argument on commas and whitespace (grepcidr accepts "10.0.0.0/8,192.168.0.0/16").
pub fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_in_every_notation() {
        assert_eq!(parse_mask("24", Family::V4).unwrap(), 24);
        assert_eq!(parse_mask("/24", Family::V4).unwrap(), 24);
        assert_eq!(parse_mask("255.255.255.0", Family::V4).unwrap(), 24);
        assert_eq!(parse_mask("255.255.255.252", Family::V4).unwrap(), 30);
        assert_eq!(parse_mask("0.0.0.0", Family::V4).unwrap(), 0);
        assert_eq!(parse_mask("255.255.255.255", Family::V4).unwrap(), 32);
        assert_eq!(parse_mask("ffff:ffff:ffff:ffff::", Family::V6).unwrap(), 64);
        assert_eq!(parse_mask("128", Family::V6).unwrap(), 128);
    }

    #[test]
    fn bad_masks_say_why() {
        let e = parse_mask("255.0.255.0", Family::V4)
            .unwrap_err()
            .to_string();
        assert!(e.contains("not contiguous"), "{e}");
        let e = parse_mask("0.0.0.255", Family::V4).unwrap_err().to_string();
        assert!(e.contains("wildcard") && e.contains("255.255.255.0"), "{e}");
        let e = parse_mask("33", Family::V4).unwrap_err().to_string();
        assert!(e.contains("0-32"), "{e}");
        assert!(parse_mask("129", Family::V6).is_err());
        assert!(parse_mask("ffff::", Family::V4).is_err());
        assert!(parse_mask("abc", Family::V4).is_err());
        assert!(parse_mask("", Family::V4).is_err());
    }

    #[test]
    fn prefix_masks() {
        assert_eq!(prefix_to_mask(Family::V4, 0), 0);
        assert_eq!(prefix_to_mask(Family::V4, 24), 0xffff_ff00);
        assert_eq!(prefix_to_mask(Family::V4, 32), 0xffff_ffff);
        assert_eq!(prefix_to_mask(Family::V6, 128), u128::MAX);
        assert_eq!(prefix_to_mask(Family::V6, 1), 1u128 << 127);
        assert_eq!(prefix_to_mask(Family::V6, 0), 0);
    }

    #[test]
    fn bad_addresses_say_why() {
        let e = parse_addr("256.1.1.1").unwrap_err().to_string();
        assert!(e.contains("256 is out of range"), "{e}");
        let e = parse_addr("1.2.3").unwrap_err().to_string();
        assert!(e.contains("4 numbers"), "{e}");
        // Issue 25 (DEST): the shorthands inet_aton takes are refused alike, saying what the C
        // library would make of them.
        for (text, meant) in [
            ("127.1", "127.0.0.1"),
            ("0x7f.1", "127.0.0.1"),
            ("0x7F000001", "127.0.0.1"),
            ("2130706433", "127.0.0.1"),
            ("010.0.0.1", "8.0.0.1"),
            ("1.2.3", "1.2.0.3"),
        ] {
            assert_eq!(legacy_ipv4(text), Some(meant.parse().unwrap()), "{text}");
            let e = parse_addr(text).unwrap_err().to_string();
            assert!(e.contains(&format!("as {meant}")), "{e}");
        }
        for not in [
            "127.0.0.1",
            "1.2.3.4.5",
            "256.1",
            "0x",
            "1..2",
            "08.1.1.1",
            "0x1g",
            "",
        ] {
            assert_eq!(legacy_ipv4(not), None, "{not}");
        }
        assert!(parse_addr("hello").is_err());
        assert!(parse_addr("").is_err());
        assert_eq!(
            parse_addr("fe80::1%eth0").unwrap(),
            "fe80::1".parse::<IpAddr>().unwrap()
        );
    }

    /// Issue 18, item 8: the zone of `fe80::1%eth0` was dropped; it is kept with the address (and
    /// still ignored by the arithmetic).
    #[test]
    fn zones_are_kept_with_the_address() {
        let p = Prefixed::parse("fe80::1%eth0/64").unwrap();
        assert_eq!(p.addr, "fe80::1".parse::<IpAddr>().unwrap());
        assert_eq!(p.prefix, Some(64));
        assert_eq!(p.zone.map(|z| z.to_string()).as_deref(), Some("eth0"));
        assert_eq!(p.to_string(), "fe80::1%eth0/64");
        assert_eq!(
            Prefixed::parse("fe80::1%2").unwrap().to_string(),
            "fe80::1%2"
        );
        assert_eq!(Prefixed::parse("fe80::1").unwrap().zone, None);
        assert_ne!(
            Prefixed::parse("fe80::1%eth0").unwrap(),
            Prefixed::parse("fe80::1%eth1").unwrap()
        );
        assert!(Prefixed::parse("10.0.0.1%eth0").is_err());
        assert!(Prefixed::parse("fe80::1%").is_err());
        assert!(Prefixed::parse("fe80::1%a\u{1b}b").is_err());
        assert!(Prefixed::parse(&format!("fe80::1%{}", "x".repeat(65))).is_err());
        assert!(Prefixed::parse(&format!("fe80::1%{}", "é".repeat(32))).is_ok());
        assert_eq!(
            parse_span("fe80::1%eth0/64").unwrap().start,
            0xfe80u128 << 112
        );
    }

    #[test]
    fn cidr_and_spans() {
        let p = Prefixed::parse("192.168.1.10/255.255.255.0").unwrap();
        assert_eq!(
            (p.addr.to_string(), p.prefix),
            ("192.168.1.10".to_string(), Some(24))
        );
        let s = parse_span("10.1.2.3/8").unwrap();
        assert_eq!((s.start, s.end), (0x0a00_0000, 0x0aff_ffff));
        let s = parse_span("0.0.0.0/0").unwrap();
        assert_eq!((s.start, s.end), (0, u32::MAX as u128));
        let s = parse_span("::/0").unwrap();
        assert_eq!((s.start, s.end), (0, u128::MAX));
        let s = parse_span("192.168.0.5-192.168.0.9").unwrap();
        assert_eq!(s.end - s.start, 4);
        assert!(parse_span("192.168.0.9-192.168.0.5").is_err());
        assert!(parse_span("192.168.0.1-::1").is_err());
        assert!(Prefixed::parse("10.0.0.0/").is_err());
        assert!(Prefixed::parse("10.0.0.0/33").is_err());
    }
}
