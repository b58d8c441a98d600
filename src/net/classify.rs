//! What kind of addresses a block holds (private, loopback, documentation, CGNAT, multicast...),
//! from the IANA special-purpose registries (RFC 6890 and successors), and the classful class of IPv4.
//! Pure logic.

use serde::Serialize;

use super::addr::{Family, Span, parse_span};

/// What kind of addresses a block holds, as the special-purpose registries name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddrKind {
    /// The unspecified address.
    Unspecified,
    /// "This network" (source only).
    ThisNetwork,
    /// Private networks (RFC 1918).
    Private,
    /// Shared address space for carrier-grade NAT (RFC 6598).
    Cgnat,
    /// Loopback.
    Loopback,
    /// Link-local.
    LinkLocal,
    /// Documentation examples.
    Documentation,
    /// Benchmarking (RFC 2544, RFC 5180).
    Benchmarking,
    /// Multicast.
    Multicast,
    /// Limited broadcast.
    Broadcast,
    /// Reserved.
    Reserved,
    /// IETF protocol assignments.
    IetfProtocol,
    /// 6to4.
    SixToFour,
    /// 6to4 relay anycast.
    SixToFourRelay,
    /// Teredo.
    Teredo,
    /// NAT64 translation.
    Nat64,
    /// IPv4-mapped IPv6.
    Ipv4Mapped,
    /// Discard-only (RFC 6666).
    Discard,
    /// Unique local IPv6 (RFC 4193).
    UniqueLocal,
    /// Routed on the Internet.
    Public,
    /// Several kinds at once (e.g. private and public).
    Mixed,
}

impl AddrKind {
    /// The short machine name ("private", "loopback", "cgnat"...).
    pub fn as_str(self) -> &'static str {
        match self {
            AddrKind::Unspecified => "unspecified",
            AddrKind::ThisNetwork => "this-network",
            AddrKind::Private => "private",
            AddrKind::Cgnat => "cgnat",
            AddrKind::Loopback => "loopback",
            AddrKind::LinkLocal => "link-local",
            AddrKind::Documentation => "documentation",
            AddrKind::Benchmarking => "benchmarking",
            AddrKind::Multicast => "multicast",
            AddrKind::Broadcast => "broadcast",
            AddrKind::Reserved => "reserved",
            AddrKind::IetfProtocol => "ietf-protocol",
            AddrKind::SixToFour => "6to4",
            AddrKind::SixToFourRelay => "6to4-relay",
            AddrKind::Teredo => "teredo",
            AddrKind::Nat64 => "nat64",
            AddrKind::Ipv4Mapped => "ipv4-mapped",
            AddrKind::Discard => "discard",
            AddrKind::UniqueLocal => "unique-local",
            AddrKind::Public => "public",
            AddrKind::Mixed => "mixed",
        }
    }
}

impl std::fmt::Display for AddrKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for AddrKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One entry of the special-purpose registries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Special {
    /// The registered block.
    pub block: &'static str,
    /// What kind of addresses ("private", "loopback"...).
    pub kind: AddrKind,
    /// Plain-words description with its RFC.
    pub description: &'static str,
}

const V4: &[(&str, AddrKind, &str)] = &[
    (
        "0.0.0.0/32",
        AddrKind::Unspecified,
        "the unspecified address, \"this host\" (RFC 1122)",
    ),
    (
        "0.0.0.0/8",
        AddrKind::ThisNetwork,
        "\"this network\", only valid as a source (RFC 791)",
    ),
    (
        "10.0.0.0/8",
        AddrKind::Private,
        "private network, not routed on the Internet (RFC 1918)",
    ),
    (
        "100.64.0.0/10",
        AddrKind::Cgnat,
        "shared address space for carrier-grade NAT (RFC 6598)",
    ),
    (
        "127.0.0.0/8",
        AddrKind::Loopback,
        "loopback: never leaves this host (RFC 1122)",
    ),
    (
        "169.254.0.0/16",
        AddrKind::LinkLocal,
        "link-local, self-assigned when DHCP fails (RFC 3927)",
    ),
    (
        "172.16.0.0/12",
        AddrKind::Private,
        "private network, not routed on the Internet (RFC 1918)",
    ),
    (
        "192.0.0.0/24",
        AddrKind::IetfProtocol,
        "IETF protocol assignments (RFC 6890)",
    ),
    (
        "192.0.2.0/24",
        AddrKind::Documentation,
        "documentation, TEST-NET-1 (RFC 5737)",
    ),
    (
        "192.88.99.0/24",
        AddrKind::SixToFourRelay,
        "deprecated 6to4 relay anycast (RFC 7526)",
    ),
    (
        "192.168.0.0/16",
        AddrKind::Private,
        "private network, not routed on the Internet (RFC 1918)",
    ),
    (
        "198.18.0.0/15",
        AddrKind::Benchmarking,
        "network benchmark testing (RFC 2544)",
    ),
    (
        "198.51.100.0/24",
        AddrKind::Documentation,
        "documentation, TEST-NET-2 (RFC 5737)",
    ),
    (
        "203.0.113.0/24",
        AddrKind::Documentation,
        "documentation, TEST-NET-3 (RFC 5737)",
    ),
    (
        "224.0.0.0/4",
        AddrKind::Multicast,
        "multicast, class D (RFC 5771)",
    ),
    (
        "255.255.255.255/32",
        AddrKind::Broadcast,
        "limited broadcast: every host on this link (RFC 919)",
    ),
    (
        "240.0.0.0/4",
        AddrKind::Reserved,
        "reserved for future use, class E (RFC 1112)",
    ),
];

const V6: &[(&str, AddrKind, &str)] = &[
    (
        "::/128",
        AddrKind::Unspecified,
        "the unspecified address (RFC 4291)",
    ),
    (
        "::1/128",
        AddrKind::Loopback,
        "loopback: never leaves this host (RFC 4291)",
    ),
    (
        "::ffff:0:0/96",
        AddrKind::Ipv4Mapped,
        "IPv4-mapped IPv6 address (RFC 4291)",
    ),
    (
        "64:ff9b::/96",
        AddrKind::Nat64,
        "IPv4/IPv6 translation, NAT64 well-known prefix (RFC 6052)",
    ),
    (
        "64:ff9b:1::/48",
        AddrKind::Nat64,
        "local-use IPv4/IPv6 translation (RFC 8215)",
    ),
    (
        "100::/64",
        AddrKind::Discard,
        "discard-only prefix (RFC 6666)",
    ),
    (
        "2001::/32",
        AddrKind::Teredo,
        "Teredo tunnelling (RFC 4380)",
    ),
    (
        "2001:db8::/32",
        AddrKind::Documentation,
        "documentation (RFC 3849)",
    ),
    ("2002::/16", AddrKind::SixToFour, "6to4 (RFC 3056)"),
    (
        "3fff::/20",
        AddrKind::Documentation,
        "documentation (RFC 9637)",
    ),
    (
        "fc00::/7",
        AddrKind::UniqueLocal,
        "unique local address, the IPv6 private range (RFC 4193)",
    ),
    (
        "fe80::/10",
        AddrKind::LinkLocal,
        "link-local: valid only on one link (RFC 4291)",
    ),
    ("ff00::/8", AddrKind::Multicast, "multicast (RFC 4291)"),
    (
        "2000::/3",
        AddrKind::Public,
        "global unicast, routed on the Internet (RFC 4291)",
    ),
];

fn table(family: Family) -> &'static [(&'static str, AddrKind, &'static str)] {
    match family {
        Family::V4 => V4,
        Family::V6 => V6,
    }
}

fn entry_span(block: &str) -> Span {
    // The tables above are constants checked by a unit test; a failure here is a programming error.
    parse_span(block).unwrap_or_else(|e| panic!("bad built-in block {block}: {e}"))
}

/// Classifies a span: the most specific registered block containing all of it; "public" for IPv4
/// outside every registered block; "mixed" when it straddles categories; "reserved" for IPv6
/// outside the global unicast range.
pub fn classify(span: &Span) -> Special {
    let entries = table(span.family);
    // Most specific first: the smallest containing entry wins.
    let mut best: Option<(u128, Special)> = None;
    for &(block, kind, description) in entries {
        let e = entry_span(block);
        if e.start <= span.start && span.end <= e.end {
            let size = e.end - e.start;
            if best.is_none_or(|(s, _)| size < s) {
                best = Some((
                    size,
                    Special {
                        block,
                        kind,
                        description,
                    },
                ));
            }
        }
    }
    let within_best = |e: &Span| {
        best.is_some_and(|(_, b)| {
            let b = entry_span(b.block);
            b.start <= e.start && e.end <= b.end
        })
    };
    // A registered block that overlaps the span without containing it, and is not a detail of the
    // block that contains the span, makes the span "mixed".
    let overlaps = entries.iter().any(|&(block, kind, _)| {
        let e = entry_span(block);
        kind != AddrKind::Public
            && e.start <= span.end
            && span.start <= e.end
            && !(e.start <= span.start && span.end <= e.end)
            && !within_best(&e)
    });
    match best {
        Some((_, special)) if !overlaps => special,
        _ if overlaps => Special {
            block: "",
            kind: AddrKind::Mixed,
            description: "spans several kinds of address (e.g. private and public)",
        },
        _ => match span.family {
            Family::V4 => Special {
                block: "",
                kind: AddrKind::Public,
                description: "public: routed on the Internet",
            },
            Family::V6 => Special {
                block: "",
                kind: AddrKind::Reserved,
                description: "reserved by the IETF, not in use",
            },
        },
    }
}

/// The classful-era class of an IPv4 address (A-E) and its default prefix, or None for IPv6.
pub fn ipv4_class(addr: u32) -> (char, Option<u8>) {
    match addr >> 28 {
        0..=7 => ('A', Some(8)),
        8..=11 => ('B', Some(16)),
        12..=13 => ('C', Some(24)),
        14 => ('D', None),
        _ => ('E', None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> &'static str {
        classify(&parse_span(s).unwrap()).kind.as_str()
    }

    #[test]
    fn builtin_blocks_parse() {
        for &(b, _, _) in V4.iter().chain(V6) {
            parse_span(b).unwrap();
        }
    }

    #[test]
    fn ipv4_kinds() {
        assert_eq!(kind("192.168.1.10"), "private");
        assert_eq!(kind("172.31.255.255"), "private");
        assert_eq!(kind("172.32.0.1"), "public");
        assert_eq!(kind("10.0.0.0/8"), "private");
        assert_eq!(kind("10.0.0.0/7"), "mixed");
        assert_eq!(kind("127.0.0.1"), "loopback");
        assert_eq!(kind("169.254.3.4"), "link-local");
        assert_eq!(kind("100.64.1.1"), "cgnat");
        assert_eq!(kind("198.51.100.7/24"), "documentation");
        assert_eq!(kind("224.0.0.251"), "multicast");
        assert_eq!(kind("255.255.255.255"), "broadcast");
        assert_eq!(kind("250.1.1.1"), "reserved");
        assert_eq!(kind("0.0.0.0"), "unspecified");
        assert_eq!(kind("8.8.8.8"), "public");
        assert_eq!(kind("0.0.0.0/0"), "mixed");
    }

    #[test]
    fn ipv6_kinds() {
        assert_eq!(kind("::1"), "loopback");
        assert_eq!(kind("fe80::1/64"), "link-local");
        assert_eq!(kind("fd12:3456::1"), "unique-local");
        assert_eq!(kind("2001:db8::/32"), "documentation");
        assert_eq!(kind("2606:4700::1111"), "public");
        assert_eq!(kind("ff02::1"), "multicast");
        assert_eq!(kind("4000::1"), "reserved");
    }

    #[test]
    fn classes() {
        assert_eq!(ipv4_class(0x0a00_0001), ('A', Some(8)));
        assert_eq!(ipv4_class(0xac10_0001), ('B', Some(16)));
        assert_eq!(ipv4_class(0xc0a8_0101), ('C', Some(24)));
        assert_eq!(ipv4_class(0xe000_00fb), ('D', None));
        assert_eq!(ipv4_class(0xf000_0001), ('E', None));
    }
}
