//! What kind of addresses a block holds (private, loopback, documentation, CGNAT, multicast...),
//! from the IANA special-purpose registries (RFC 6890 and successors), and the classful class of IPv4.
//! Pure logic.

use serde::Serialize;

use super::addr::{Family, Span, parse_span};

/// One entry of the special-purpose registries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Special {
    /// The registered block.
    pub block: &'static str,
    /// Short machine name ("private", "loopback"...).
    pub kind: &'static str,
    /// Plain-words description with its RFC.
    pub description: &'static str,
}

const V4: &[(&str, &str, &str)] = &[
    (
        "0.0.0.0/32",
        "unspecified",
        "the unspecified address, \"this host\" (RFC 1122)",
    ),
    (
        "0.0.0.0/8",
        "this-network",
        "\"this network\", only valid as a source (RFC 791)",
    ),
    (
        "10.0.0.0/8",
        "private",
        "private network, not routed on the Internet (RFC 1918)",
    ),
    (
        "100.64.0.0/10",
        "cgnat",
        "shared address space for carrier-grade NAT (RFC 6598)",
    ),
    (
        "127.0.0.0/8",
        "loopback",
        "loopback: never leaves this host (RFC 1122)",
    ),
    (
        "169.254.0.0/16",
        "link-local",
        "link-local, self-assigned when DHCP fails (RFC 3927)",
    ),
    (
        "172.16.0.0/12",
        "private",
        "private network, not routed on the Internet (RFC 1918)",
    ),
    (
        "192.0.0.0/24",
        "ietf-protocol",
        "IETF protocol assignments (RFC 6890)",
    ),
    (
        "192.0.2.0/24",
        "documentation",
        "documentation, TEST-NET-1 (RFC 5737)",
    ),
    (
        "192.88.99.0/24",
        "6to4-relay",
        "deprecated 6to4 relay anycast (RFC 7526)",
    ),
    (
        "192.168.0.0/16",
        "private",
        "private network, not routed on the Internet (RFC 1918)",
    ),
    (
        "198.18.0.0/15",
        "benchmarking",
        "network benchmark testing (RFC 2544)",
    ),
    (
        "198.51.100.0/24",
        "documentation",
        "documentation, TEST-NET-2 (RFC 5737)",
    ),
    (
        "203.0.113.0/24",
        "documentation",
        "documentation, TEST-NET-3 (RFC 5737)",
    ),
    ("224.0.0.0/4", "multicast", "multicast, class D (RFC 5771)"),
    (
        "255.255.255.255/32",
        "broadcast",
        "limited broadcast: every host on this link (RFC 919)",
    ),
    (
        "240.0.0.0/4",
        "reserved",
        "reserved for future use, class E (RFC 1112)",
    ),
];

const V6: &[(&str, &str, &str)] = &[
    (
        "::/128",
        "unspecified",
        "the unspecified address (RFC 4291)",
    ),
    (
        "::1/128",
        "loopback",
        "loopback: never leaves this host (RFC 4291)",
    ),
    (
        "::ffff:0:0/96",
        "ipv4-mapped",
        "IPv4-mapped IPv6 address (RFC 4291)",
    ),
    (
        "64:ff9b::/96",
        "nat64",
        "IPv4/IPv6 translation, NAT64 well-known prefix (RFC 6052)",
    ),
    (
        "64:ff9b:1::/48",
        "nat64",
        "local-use IPv4/IPv6 translation (RFC 8215)",
    ),
    ("100::/64", "discard", "discard-only prefix (RFC 6666)"),
    ("2001::/32", "teredo", "Teredo tunnelling (RFC 4380)"),
    ("2001:db8::/32", "documentation", "documentation (RFC 3849)"),
    ("2002::/16", "6to4", "6to4 (RFC 3056)"),
    ("3fff::/20", "documentation", "documentation (RFC 9637)"),
    (
        "fc00::/7",
        "unique-local",
        "unique local address, the IPv6 private range (RFC 4193)",
    ),
    (
        "fe80::/10",
        "link-local",
        "link-local: valid only on one link (RFC 4291)",
    ),
    ("ff00::/8", "multicast", "multicast (RFC 4291)"),
    (
        "2000::/3",
        "public",
        "global unicast, routed on the Internet (RFC 4291)",
    ),
];

fn table(family: Family) -> &'static [(&'static str, &'static str, &'static str)] {
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
        kind != "public"
            && e.start <= span.end
            && span.start <= e.end
            && !(e.start <= span.start && span.end <= e.end)
            && !within_best(&e)
    });
    match best {
        Some((_, special)) if !overlaps => special,
        _ if overlaps => Special {
            block: "",
            kind: "mixed",
            description: "spans several kinds of address (e.g. private and public)",
        },
        _ => match span.family {
            Family::V4 => Special {
                block: "",
                kind: "public",
                description: "public: routed on the Internet",
            },
            Family::V6 => Special {
                block: "",
                kind: "reserved",
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
        classify(&parse_span(s).unwrap()).kind
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
