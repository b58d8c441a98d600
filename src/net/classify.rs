//! What kind of addresses a block holds (private, loopback, documentation, CGNAT, multicast...),
//! from the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and successors), row
//! for row with their flags, and the classful class of IPv4. Pure logic.

use serde::Serialize;

use super::addr::{Family, Span, parse_span};
use crate::i18n::{Text, t};

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
    /// A globally reachable anycast service (PCP, TURN, DNS-SD, AMT, AS112).
    Anycast,
    /// An IPv4/IPv6 transition mechanism other than 6to4, Teredo and NAT64 (DS-Lite, 6a44).
    Transition,
    /// A dummy address or prefix, for a source that has none of its own (RFC 7600, RFC 9780).
    Dummy,
    /// Cryptographic identifiers, not locators (ORCHID, drone entity tags).
    Identifier,
    /// Segment Routing over IPv6 segment identifiers (RFC 9602).
    Srv6,
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
            AddrKind::Anycast => "anycast",
            AddrKind::Transition => "transition",
            AddrKind::Dummy => "dummy",
            AddrKind::Identifier => "identifier",
            AddrKind::Srv6 => "srv6-sid",
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

/// The registry a row of the table comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Registry {
    /// The IANA IPv4 or IPv6 Special-Purpose Address Registry.
    SpecialPurpose,
    /// The IANA IPv4 or IPv6 Multicast Address Space Registry (its top-level block).
    Multicast,
    /// The IANA IPv6 Address Space Registry (global unicast, the catch-all of IPv6).
    AddressSpace,
}

/// A registry flag: `Some(true)`, `Some(false)`, or `None` where the registry says "N/A" or
/// leaves the cell blank (terminated rows).
pub type Flag = Option<bool>;

const T: Flag = Some(true);
const F: Flag = Some(false);
const NA: Flag = None;

/// One row of the registries, with the registry's own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The registered block.
    pub block: &'static str,
    /// What kind of addresses ("private", "loopback"...).
    #[serde(skip)]
    pub kind: AddrKind,
    /// Plain-words description with its RFC.
    #[serde(skip)]
    pub description: &'static str,
    /// Which registry the row is from.
    pub registry: Registry,
    /// The registry's name for the block.
    pub name: &'static str,
    /// The registry's RFC column (line breaks as single spaces).
    pub rfc: &'static str,
    /// Allocation date (YYYY-MM), empty for rows outside the special-purpose registries.
    pub allocated: &'static str,
    /// Termination date of a terminated (deprecated) allocation.
    pub terminated: Option<&'static str>,
    /// Valid as a source address.
    pub source: Flag,
    /// Valid as a destination address.
    pub destination: Flag,
    /// A router may forward packets with it between interfaces.
    pub forwardable: Flag,
    /// Reachable beyond one administrative domain.
    pub globally_reachable: Flag,
    /// Its special handling is required by a protocol (not just a routing policy).
    pub reserved_by_protocol: Flag,
}

/// A special-purpose registry row. `flags` are Source, Destination, Forwardable, Globally
/// Reachable and Reserved-by-Protocol, in the registry's order.
#[allow(clippy::too_many_arguments)]
const fn special(
    block: &'static str,
    kind: AddrKind,
    name: &'static str,
    rfc: &'static str,
    allocated: &'static str,
    terminated: Option<&'static str>,
    flags: [Flag; 5],
    description: &'static str,
) -> Row {
    Row {
        block,
        kind,
        description,
        registry: Registry::SpecialPurpose,
        name,
        rfc,
        allocated,
        terminated,
        source: flags[0],
        destination: flags[1],
        forwardable: flags[2],
        globally_reachable: flags[3],
        reserved_by_protocol: flags[4],
    }
}

/// A row from another IANA registry, which has none of the special-purpose flags.
const fn other(
    block: &'static str,
    kind: AddrKind,
    registry: Registry,
    name: &'static str,
    rfc: &'static str,
    description: &'static str,
) -> Row {
    Row {
        block,
        kind,
        description,
        registry,
        name,
        rfc,
        allocated: "",
        terminated: None,
        source: NA,
        destination: NA,
        forwardable: NA,
        globally_reachable: NA,
        reserved_by_protocol: NA,
    }
}

/// Every row of the IANA IPv4 Special-Purpose Address Registry (in its order; a test compares
/// them with tests/fixtures/iana-ipv4-special-registry.csv), then multicast.
pub const V4: &[Row] = &[
    special(
        "0.0.0.0/8",
        AddrKind::ThisNetwork,
        "\"This network\"",
        "[RFC791], Section 3.2",
        "1981-09",
        None,
        [T, F, F, F, T],
        "\"this network\", only valid as a source (RFC 791)",
    ),
    special(
        "0.0.0.0/32",
        AddrKind::Unspecified,
        "\"This host on this network\"",
        "[RFC1122], Section 3.2.1.3",
        "1981-09",
        None,
        [T, F, F, F, T],
        "the unspecified address, \"this host\" (RFC 1122)",
    ),
    special(
        "10.0.0.0/8",
        AddrKind::Private,
        "Private-Use",
        "[RFC1918]",
        "1996-02",
        None,
        [T, T, T, F, F],
        "private network, not routed on the Internet (RFC 1918)",
    ),
    special(
        "100.64.0.0/10",
        AddrKind::Cgnat,
        "Shared Address Space",
        "[RFC6598]",
        "2012-04",
        None,
        [T, T, T, F, F],
        "shared address space for carrier-grade NAT (RFC 6598)",
    ),
    special(
        "127.0.0.0/8",
        AddrKind::Loopback,
        "Loopback",
        "[RFC1122], Section 3.2.1.3",
        "1981-09",
        None,
        [F, F, F, F, T],
        "loopback: never leaves this host (RFC 1122)",
    ),
    special(
        "169.254.0.0/16",
        AddrKind::LinkLocal,
        "Link Local",
        "[RFC3927]",
        "2005-05",
        None,
        [T, T, F, F, T],
        "link-local, self-assigned when DHCP fails (RFC 3927)",
    ),
    special(
        "172.16.0.0/12",
        AddrKind::Private,
        "Private-Use",
        "[RFC1918]",
        "1996-02",
        None,
        [T, T, T, F, F],
        "private network, not routed on the Internet (RFC 1918)",
    ),
    special(
        "192.0.0.0/24",
        AddrKind::IetfProtocol,
        "IETF Protocol Assignments",
        "[RFC6890], Section 2.1",
        "2010-01",
        None,
        [F, F, F, F, F],
        "IETF protocol assignments, not globally reachable unless a row inside says so (RFC 6890)",
    ),
    special(
        "192.0.0.0/29",
        AddrKind::Transition,
        "IPv4 Service Continuity Prefix",
        "[RFC7335]",
        "2011-06",
        None,
        [T, T, T, F, F],
        "IPv4 service continuity prefix, for DS-Lite's tunnel ends (RFC 7335)",
    ),
    special(
        "192.0.0.8/32",
        AddrKind::Dummy,
        "IPv4 dummy address",
        "[RFC7600]",
        "2015-03",
        None,
        [T, F, F, F, F],
        "dummy source address of a host without an IPv4 address of its own (RFC 7600)",
    ),
    special(
        "192.0.0.9/32",
        AddrKind::Anycast,
        "Port Control Protocol Anycast",
        "[RFC7723]",
        "2015-10",
        None,
        [T, T, T, T, F],
        "Port Control Protocol server anycast (RFC 7723)",
    ),
    special(
        "192.0.0.10/32",
        AddrKind::Anycast,
        "Traversal Using Relays around NAT Anycast",
        "[RFC8155]",
        "2017-02",
        None,
        [T, T, T, T, F],
        "TURN server anycast (RFC 8155)",
    ),
    special(
        "192.0.0.170/32",
        AddrKind::Nat64,
        "NAT64/DNS64 Discovery",
        "[RFC8880][RFC7050], Section 2.2",
        "2013-02",
        None,
        [F, F, F, F, T],
        "NAT64/DNS64 prefix discovery, a name's well-known answer (RFC 7050, RFC 8880)",
    ),
    special(
        "192.0.0.171/32",
        AddrKind::Nat64,
        "NAT64/DNS64 Discovery",
        "[RFC8880][RFC7050], Section 2.2",
        "2013-02",
        None,
        [F, F, F, F, T],
        "NAT64/DNS64 prefix discovery, a name's well-known answer (RFC 7050, RFC 8880)",
    ),
    special(
        "192.0.2.0/24",
        AddrKind::Documentation,
        "Documentation (TEST-NET-1)",
        "[RFC5737]",
        "2010-01",
        None,
        [F, F, F, F, F],
        "documentation, TEST-NET-1 (RFC 5737)",
    ),
    special(
        "192.31.196.0/24",
        AddrKind::Anycast,
        "AS112-v4",
        "[RFC7535]",
        "2014-12",
        None,
        [T, T, T, T, F],
        "AS112 anycast DNS sink for private reverse zones (RFC 7535)",
    ),
    special(
        "192.52.193.0/24",
        AddrKind::Anycast,
        "AMT",
        "[RFC7450]",
        "2014-12",
        None,
        [T, T, T, T, F],
        "Automatic Multicast Tunneling relay anycast (RFC 7450)",
    ),
    special(
        "192.88.99.0/24",
        AddrKind::SixToFourRelay,
        "Deprecated (6to4 Relay Anycast)",
        "[RFC7526]",
        "2001-06",
        Some("2015-03"),
        [NA, NA, NA, NA, NA],
        "deprecated 6to4 relay anycast (RFC 7526)",
    ),
    special(
        "192.88.99.2/32",
        AddrKind::Transition,
        "6a44-relay anycast address",
        "[RFC6751]",
        "2012-10",
        None,
        [T, T, T, F, F],
        "6a44 relay anycast, IPv6 behind an IPv4 NAT (RFC 6751)",
    ),
    special(
        "192.168.0.0/16",
        AddrKind::Private,
        "Private-Use",
        "[RFC1918]",
        "1996-02",
        None,
        [T, T, T, F, F],
        "private network, not routed on the Internet (RFC 1918)",
    ),
    special(
        "192.175.48.0/24",
        AddrKind::Anycast,
        "Direct Delegation AS112 Service",
        "[RFC7534]",
        "1996-01",
        None,
        [T, T, T, T, F],
        "AS112 anycast DNS sink, direct delegation (RFC 7534)",
    ),
    special(
        "198.18.0.0/15",
        AddrKind::Benchmarking,
        "Benchmarking",
        "[RFC2544]",
        "1999-03",
        None,
        [T, T, T, F, F],
        "network benchmark testing (RFC 2544)",
    ),
    special(
        "198.51.100.0/24",
        AddrKind::Documentation,
        "Documentation (TEST-NET-2)",
        "[RFC5737]",
        "2010-01",
        None,
        [F, F, F, F, F],
        "documentation, TEST-NET-2 (RFC 5737)",
    ),
    special(
        "203.0.113.0/24",
        AddrKind::Documentation,
        "Documentation (TEST-NET-3)",
        "[RFC5737]",
        "2010-01",
        None,
        [F, F, F, F, F],
        "documentation, TEST-NET-3 (RFC 5737)",
    ),
    special(
        "240.0.0.0/4",
        AddrKind::Reserved,
        "Reserved",
        "[RFC1112], Section 4",
        "1989-08",
        None,
        [F, F, F, F, T],
        "reserved for future use, class E (RFC 1112)",
    ),
    special(
        "255.255.255.255/32",
        AddrKind::Broadcast,
        "Limited Broadcast",
        "[RFC8190] [RFC919], Section 7",
        "1984-10",
        None,
        [F, T, F, F, T],
        "limited broadcast: every host on this link (RFC 919)",
    ),
    other(
        "224.0.0.0/4",
        AddrKind::Multicast,
        Registry::Multicast,
        "Multicast",
        "[RFC5771]",
        "multicast, class D (RFC 5771)",
    ),
];

/// Every row of the IANA IPv6 Special-Purpose Address Registry (in its order; a test compares
/// them with tests/fixtures/iana-ipv6-special-registry.csv), then multicast and the global
/// unicast catch-all.
pub const V6: &[Row] = &[
    special(
        "::1/128",
        AddrKind::Loopback,
        "Loopback Address",
        "[RFC4291]",
        "2006-02",
        None,
        [F, F, F, F, T],
        "loopback: never leaves this host (RFC 4291)",
    ),
    special(
        "::/128",
        AddrKind::Unspecified,
        "Unspecified Address",
        "[RFC4291]",
        "2006-02",
        None,
        [T, F, F, F, T],
        "the unspecified address (RFC 4291)",
    ),
    special(
        "::ffff:0:0/96",
        AddrKind::Ipv4Mapped,
        "IPv4-mapped Address",
        "[RFC4291]",
        "2006-02",
        None,
        [F, F, F, F, T],
        "IPv4-mapped IPv6 address (RFC 4291)",
    ),
    special(
        "64:ff9b::/96",
        AddrKind::Nat64,
        "IPv4-IPv6 Translat.",
        "[RFC6052]",
        "2010-10",
        None,
        [T, T, T, T, F],
        "IPv4/IPv6 translation, NAT64 well-known prefix (RFC 6052)",
    ),
    special(
        "64:ff9b:1::/48",
        AddrKind::Nat64,
        "IPv4-IPv6 Translat.",
        "[RFC8215]",
        "2017-06",
        None,
        [T, T, T, F, F],
        "local-use IPv4/IPv6 translation (RFC 8215)",
    ),
    special(
        "100::/64",
        AddrKind::Discard,
        "Discard-Only Address Block",
        "[RFC6666]",
        "2012-06",
        None,
        [T, T, T, F, F],
        "discard-only prefix (RFC 6666)",
    ),
    special(
        "100:0:0:1::/64",
        AddrKind::Dummy,
        "Dummy IPv6 Prefix",
        "[RFC9780]",
        "2025-04",
        None,
        [T, F, F, F, F],
        "dummy prefix, for a source that has no IPv6 address of its own (RFC 9780)",
    ),
    special(
        "2001::/23",
        AddrKind::IetfProtocol,
        "IETF Protocol Assignments",
        "[RFC2928]",
        "2000-09",
        None,
        [F, F, F, F, F],
        "IETF protocol assignments, not globally reachable unless a row inside says so (RFC 2928)",
    ),
    special(
        "2001::/32",
        AddrKind::Teredo,
        "TEREDO",
        "[RFC4380] [RFC8190]",
        "2006-01",
        None,
        [T, T, T, NA, F],
        "Teredo tunnelling (RFC 4380)",
    ),
    special(
        "2001:1::1/128",
        AddrKind::Anycast,
        "Port Control Protocol Anycast",
        "[RFC7723]",
        "2015-10",
        None,
        [T, T, T, T, F],
        "Port Control Protocol server anycast (RFC 7723)",
    ),
    special(
        "2001:1::2/128",
        AddrKind::Anycast,
        "Traversal Using Relays around NAT Anycast",
        "[RFC8155]",
        "2017-02",
        None,
        [T, T, T, T, F],
        "TURN server anycast (RFC 8155)",
    ),
    special(
        "2001:1::3/128",
        AddrKind::Anycast,
        "DNS-SD Service Registration Protocol Anycast",
        "[RFC9665]",
        "2024-04",
        None,
        [T, T, T, T, F],
        "DNS-SD service registration protocol anycast (RFC 9665)",
    ),
    special(
        "2001:2::/48",
        AddrKind::Benchmarking,
        "Benchmarking",
        "[RFC5180][RFC Errata 1752]",
        "2008-04",
        None,
        [T, T, T, F, F],
        "network benchmark testing (RFC 5180)",
    ),
    special(
        "2001:3::/32",
        AddrKind::Anycast,
        "AMT",
        "[RFC7450]",
        "2014-12",
        None,
        [T, T, T, T, F],
        "Automatic Multicast Tunneling relay anycast (RFC 7450)",
    ),
    special(
        "2001:4:112::/48",
        AddrKind::Anycast,
        "AS112-v6",
        "[RFC7535]",
        "2014-12",
        None,
        [T, T, T, T, F],
        "AS112 anycast DNS sink for private reverse zones (RFC 7535)",
    ),
    special(
        "2001:10::/28",
        AddrKind::Identifier,
        "Deprecated (previously ORCHID)",
        "[RFC4843]",
        "2007-03",
        Some("2014-03"),
        [NA, NA, NA, NA, NA],
        "deprecated ORCHID cryptographic identifiers (RFC 4843)",
    ),
    special(
        "2001:20::/28",
        AddrKind::Identifier,
        "ORCHIDv2",
        "[RFC7343]",
        "2014-07",
        None,
        [T, T, T, T, F],
        "ORCHIDv2 cryptographic identifiers (RFC 7343)",
    ),
    special(
        "2001:30::/28",
        AddrKind::Identifier,
        "Drone Remote ID Protocol Entity Tags (DETs) Prefix",
        "[RFC9374]",
        "2022-12",
        None,
        [T, T, T, T, F],
        "drone remote ID entity tags (RFC 9374)",
    ),
    special(
        "2001:db8::/32",
        AddrKind::Documentation,
        "Documentation",
        "[RFC3849]",
        "2004-07",
        None,
        [F, F, F, F, F],
        "documentation (RFC 3849)",
    ),
    special(
        "2002::/16",
        AddrKind::SixToFour,
        "6to4",
        "[RFC3056]",
        "2001-02",
        None,
        [T, T, T, NA, F],
        "6to4 (RFC 3056)",
    ),
    special(
        "2620:4f:8000::/48",
        AddrKind::Anycast,
        "Direct Delegation AS112 Service",
        "[RFC7534]",
        "2011-05",
        None,
        [T, T, T, T, F],
        "AS112 anycast DNS sink, direct delegation (RFC 7534)",
    ),
    special(
        "3fff::/20",
        AddrKind::Documentation,
        "Documentation",
        "[RFC9637]",
        "2024-07",
        None,
        [F, F, F, F, F],
        "documentation (RFC 9637)",
    ),
    special(
        "5f00::/16",
        AddrKind::Srv6,
        "Segment Routing (SRv6) SIDs",
        "[RFC9602]",
        "2024-04",
        None,
        [T, T, T, F, F],
        "Segment Routing over IPv6 segment identifiers (RFC 9602)",
    ),
    special(
        "fc00::/7",
        AddrKind::UniqueLocal,
        "Unique-Local",
        "[RFC4193] [RFC8190]",
        "2005-10",
        None,
        [T, T, T, F, F],
        "unique local address, the IPv6 private range (RFC 4193)",
    ),
    special(
        "fe80::/10",
        AddrKind::LinkLocal,
        "Link-Local Unicast",
        "[RFC4291]",
        "2006-02",
        None,
        [T, T, F, F, T],
        "link-local: valid only on one link (RFC 4291)",
    ),
    other(
        "ff00::/8",
        AddrKind::Multicast,
        Registry::Multicast,
        "Multicast",
        "[RFC4291]",
        "multicast (RFC 4291)",
    ),
    other(
        "2000::/3",
        AddrKind::Public,
        Registry::AddressSpace,
        "Global Unicast",
        "[RFC4291]",
        "global unicast, routed on the Internet (RFC 4291)",
    ),
];

impl Row {
    /// The addresses of the row's block.
    pub fn span(&self) -> Span {
        // The tables above are constants checked by a unit test; a failure here is a programming
        // error.
        parse_span(self.block).unwrap_or_else(|e| panic!("bad built-in block {}: {e}", self.block))
    }
}

/// The spans of [`rows`], parsed once (classifying an address compares it with every row).
fn spans(family: Family) -> &'static [Span] {
    static V4_SPANS: std::sync::OnceLock<Vec<Span>> = std::sync::OnceLock::new();
    static V6_SPANS: std::sync::OnceLock<Vec<Span>> = std::sync::OnceLock::new();
    let cell = match family {
        Family::V4 => &V4_SPANS,
        Family::V6 => &V6_SPANS,
    };
    cell.get_or_init(|| rows(family).iter().map(Row::span).collect())
}

/// The rows of one family's registries.
pub fn rows(family: Family) -> &'static [Row] {
    match family {
        Family::V4 => V4,
        Family::V6 => V6,
    }
}

/// How a span is classified: its kind, the row that decides it, and the rows it overlaps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classification {
    /// What kind of addresses the span holds.
    pub kind: AddrKind,
    /// The kind in plain words, with its RFC.
    pub description: &'static str,
    /// The row deciding the kind: the most specific one containing the whole span. None when
    /// the span is mixed, or outside every row (public IPv4, reserved IPv6).
    pub row: Option<&'static Row>,
    /// The rows sharing addresses with the span without containing all of it (more specific
    /// rows inside it, or rows it straddles), in address order.
    pub overlaps: Vec<&'static Row>,
}

/// Classifies a span: the most specific registered block containing all of it; "mixed" when it
/// also overlaps a row outside that block (or, with no special-purpose row containing it, any
/// row at all: the global unicast catch-all never hides an overlap); "public" for IPv4 outside
/// every row; "reserved" for IPv6 outside the global unicast range and every other row.
pub fn classify(span: &Span) -> Classification {
    let table: Vec<(&'static Row, Span)> = rows(span.family)
        .iter()
        .zip(spans(span.family).iter().copied())
        .collect();
    let within = |inner: &Span, outer: &Span| outer.start <= inner.start && inner.end <= outer.end;
    let best = table
        .iter()
        .filter(|(r, e)| r.registry != Registry::AddressSpace && within(span, e))
        .min_by_key(|(_, e)| e.end - e.start);
    let mut overlapping: Vec<&(&'static Row, Span)> = table
        .iter()
        .filter(|(_, e)| e.start <= span.end && span.start <= e.end && !within(span, e))
        .collect();
    overlapping.sort_by_key(|(_, e)| (e.start, std::cmp::Reverse(e.end)));
    let mixed = overlapping
        .iter()
        .any(|(_, e)| best.is_none_or(|(_, b)| !within(e, b)));
    let overlaps: Vec<&'static Row> = overlapping.iter().map(|(r, _)| *r).collect();
    let decided = |row: &'static Row| Classification {
        kind: row.kind,
        description: row.description,
        row: Some(row),
        overlaps: overlaps.clone(),
    };
    if mixed {
        return Classification {
            kind: AddrKind::Mixed,
            description: "spans several kinds of address (see the blocks it overlaps)",
            row: None,
            overlaps,
        };
    }
    if let Some((row, _)) = best {
        return decided(row);
    }
    if let Some((row, _)) = table
        .iter()
        .find(|(r, e)| r.registry == Registry::AddressSpace && within(span, e))
    {
        return decided(row);
    }
    let (kind, description) = match span.family {
        Family::V4 => (AddrKind::Public, "public: routed on the Internet"),
        Family::V6 => (AddrKind::Reserved, "reserved by the IETF, not in use"),
    };
    Classification {
        kind,
        description,
        row: None,
        overlaps,
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

/// A kind's description (a row's, or [`classify`]'s own for mixed, public and reserved spans)
/// in the run's language: the catalogs word every description of the registries'
/// rows (subnet.ftl, `subnet-desc-*`); JSON keeps the English.
pub fn description_words(description: &'static str) -> Text {
    let words = match description {
        "\"this network\", only valid as a source (RFC 791)" => t!("subnet-desc-this-network"),
        "the unspecified address, \"this host\" (RFC 1122)" => t!("subnet-desc-unspecified-v4"),
        "private network, not routed on the Internet (RFC 1918)" => t!("subnet-desc-private"),
        "shared address space for carrier-grade NAT (RFC 6598)" => t!("subnet-desc-cgnat"),
        "loopback: never leaves this host (RFC 1122)" => t!("subnet-desc-loopback-v4"),
        "link-local, self-assigned when DHCP fails (RFC 3927)" => t!("subnet-desc-link-local-v4"),
        "IETF protocol assignments, not globally reachable unless a row inside says so (RFC 6890)" =>
        {
            t!("subnet-desc-ietf-v4")
        }
        "IPv4 service continuity prefix, for DS-Lite's tunnel ends (RFC 7335)" => {
            t!("subnet-desc-ds-lite")
        }
        "dummy source address of a host without an IPv4 address of its own (RFC 7600)" => {
            t!("subnet-desc-dummy-v4")
        }
        "Port Control Protocol server anycast (RFC 7723)" => t!("subnet-desc-pcp"),
        "TURN server anycast (RFC 8155)" => t!("subnet-desc-turn"),
        "NAT64/DNS64 prefix discovery, a name's well-known answer (RFC 7050, RFC 8880)" => {
            t!("subnet-desc-nat64-discovery")
        }
        "documentation, TEST-NET-1 (RFC 5737)" => t!("subnet-desc-test-net-1"),
        "AS112 anycast DNS sink for private reverse zones (RFC 7535)" => t!("subnet-desc-as112"),
        "Automatic Multicast Tunneling relay anycast (RFC 7450)" => t!("subnet-desc-amt"),
        "deprecated 6to4 relay anycast (RFC 7526)" => t!("subnet-desc-6to4-relay"),
        "6a44 relay anycast, IPv6 behind an IPv4 NAT (RFC 6751)" => t!("subnet-desc-6a44"),
        "AS112 anycast DNS sink, direct delegation (RFC 7534)" => t!("subnet-desc-as112-direct"),
        "network benchmark testing (RFC 2544)" => t!("subnet-desc-benchmark-v4"),
        "documentation, TEST-NET-2 (RFC 5737)" => t!("subnet-desc-test-net-2"),
        "documentation, TEST-NET-3 (RFC 5737)" => t!("subnet-desc-test-net-3"),
        "reserved for future use, class E (RFC 1112)" => t!("subnet-desc-class-e"),
        "limited broadcast: every host on this link (RFC 919)" => t!("subnet-desc-broadcast"),
        "multicast, class D (RFC 5771)" => t!("subnet-desc-multicast-v4"),
        "loopback: never leaves this host (RFC 4291)" => t!("subnet-desc-loopback-v6"),
        "the unspecified address (RFC 4291)" => t!("subnet-desc-unspecified-v6"),
        "IPv4-mapped IPv6 address (RFC 4291)" => t!("subnet-desc-v4-mapped"),
        "IPv4/IPv6 translation, NAT64 well-known prefix (RFC 6052)" => t!("subnet-desc-nat64"),
        "local-use IPv4/IPv6 translation (RFC 8215)" => t!("subnet-desc-nat64-local"),
        "discard-only prefix (RFC 6666)" => t!("subnet-desc-discard"),
        "dummy prefix, for a source that has no IPv6 address of its own (RFC 9780)" => {
            t!("subnet-desc-dummy-v6")
        }
        "IETF protocol assignments, not globally reachable unless a row inside says so (RFC 2928)" =>
        {
            t!("subnet-desc-ietf-v6")
        }
        "Teredo tunnelling (RFC 4380)" => t!("subnet-desc-teredo"),
        "DNS-SD service registration protocol anycast (RFC 9665)" => t!("subnet-desc-dns-sd"),
        "network benchmark testing (RFC 5180)" => t!("subnet-desc-benchmark-v6"),
        "deprecated ORCHID cryptographic identifiers (RFC 4843)" => t!("subnet-desc-orchid"),
        "ORCHIDv2 cryptographic identifiers (RFC 7343)" => t!("subnet-desc-orchid-v2"),
        "drone remote ID entity tags (RFC 9374)" => t!("subnet-desc-drone"),
        "documentation (RFC 3849)" => t!("subnet-desc-documentation-v6"),
        "6to4 (RFC 3056)" => t!("subnet-desc-6to4"),
        "documentation (RFC 9637)" => t!("subnet-desc-documentation-3fff"),
        "Segment Routing over IPv6 segment identifiers (RFC 9602)" => t!("subnet-desc-srv6"),
        "unique local address, the IPv6 private range (RFC 4193)" => t!("subnet-desc-unique-local"),
        "link-local: valid only on one link (RFC 4291)" => t!("subnet-desc-link-local-v6"),
        "multicast (RFC 4291)" => t!("subnet-desc-multicast-v6"),
        "global unicast, routed on the Internet (RFC 4291)" => t!("subnet-desc-global-unicast"),
        "spans several kinds of address (see the blocks it overlaps)" => t!("subnet-desc-mixed"),
        "public: routed on the Internet" => t!("subnet-desc-public"),
        "reserved by the IETF, not in use" => t!("subnet-desc-reserved-v6"),
        _ => return Text::from(description),
    };
    Text::from(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::addr::Prefixed;

    fn of(s: &str) -> Classification {
        classify(&parse_span(s).unwrap())
    }

    fn kind(s: &str) -> &'static str {
        of(s).kind.as_str()
    }

    /// Issue 28 section 1: every kind's description is worded by the catalogs, and its English
    /// there is the registry table's own.
    #[test]
    fn every_description_is_in_the_catalogs() {
        let spans = ["10.0.0.0/7", "8.8.8.8/32", "4000::/3"];
        let own = spans.iter().map(|s| of(s).description);
        for description in V4.iter().chain(V6).map(|r| r.description).chain(own) {
            let words = description_words(description);
            assert!(matches!(words, Text::Message(_)), "{description}");
            assert_eq!(words.english(), description);
        }
    }

    #[test]
    fn builtin_blocks_parse_as_network_addresses() {
        for row in V4.iter().chain(V6) {
            let p = Prefixed::parse(row.block).unwrap();
            let span = row.span();
            assert_eq!(
                crate::net::addr::to_u128(&p.addr),
                span.start,
                "{} has host bits set",
                row.block
            );
        }
    }

    /// Every row's own block is classified as that row: the most specific match wins, and the
    /// rows nested in it (192.0.0.9/32 in 192.0.0.0/24) do not make it mixed.
    #[test]
    fn every_row_classifies_as_itself() {
        let rows = V4.iter().chain(V6);
        for row in rows.filter(|r| r.registry != Registry::AddressSpace) {
            let c = classify(&row.span());
            assert_eq!(c.row, Some(row), "{}: {c:?}", row.block);
            assert_eq!(c.kind, row.kind, "{}", row.block);
            // And so does every single address of it that no more specific row holds: its first
            // and last.
            for addr in [row.span().start, row.span().end] {
                let one = Span {
                    family: row.span().family,
                    start: addr,
                    end: addr,
                };
                let c = classify(&one);
                let inner = V4.iter().chain(V6).any(|r| {
                    r != row
                        && r.span().family == one.family
                        && r.span().start <= addr
                        && addr <= r.span().end
                        && r.span().end - r.span().start < row.span().end - row.span().start
                });
                if !inner {
                    assert_eq!(c.row, Some(row), "{} at {addr:#x}", row.block);
                }
            }
        }
    }

    /// A CSV record reader for the IANA files: quoted cells with `""` and line breaks inside,
    /// and `#` comment lines (ours, not IANA's) between records.
    fn csv_records(text: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let (mut record, mut cell) = (Vec::new(), String::new());
        let (mut quoted, mut at_start) = (false, true);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if at_start && !quoted && c == '#' {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
                continue;
            }
            at_start = false;
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => cell.push(c),
                (false, '"') => quoted = true,
                (false, ',') => record.push(std::mem::take(&mut cell)),
                (false, '\n') => {
                    record.push(std::mem::take(&mut cell));
                    records.push(std::mem::take(&mut record));
                    at_start = true;
                }
                (false, c) => cell.push(c),
            }
        }
        if !cell.is_empty() || !record.is_empty() {
            record.push(cell);
            records.push(record);
        }
        records
    }

    /// A cell without IANA's footnote marks (`False [1]`, `2002::/16 [3]`) and with its line
    /// breaks as single spaces.
    fn clean(cell: &str) -> String {
        let words: Vec<&str> = cell
            .split_whitespace()
            .filter(|w| {
                !(w.starts_with('[')
                    && w.ends_with(']')
                    && w[1..w.len() - 1].bytes().all(|b| b.is_ascii_digit()))
            })
            .collect();
        words.join(" ")
    }

    fn flag(cell: &str) -> Flag {
        match clean(cell).as_str() {
            "True" => Some(true),
            "False" => Some(false),
            "N/A" | "" => None,
            other => panic!("unexpected flag {other:?}"),
        }
    }

    /// The table holds every row of the IANA registries, as transcribed in tests/fixtures, with
    /// the same name, RFC, dates and flags, in the registry's order: a missing, extra or changed
    /// row fails.
    #[test]
    fn rows_match_the_iana_registries() {
        for (csv, table) in [
            (
                include_str!("../../tests/fixtures/iana-ipv4-special-registry.csv"),
                V4,
            ),
            (
                include_str!("../../tests/fixtures/iana-ipv6-special-registry.csv"),
                V6,
            ),
        ] {
            let records = csv_records(csv);
            assert_eq!(
                records[0],
                [
                    "Address Block",
                    "Name",
                    "RFC",
                    "Allocation Date",
                    "Termination Date",
                    "Source",
                    "Destination",
                    "Forwardable",
                    "Globally Reachable",
                    "Reserved-by-Protocol"
                ]
            );
            let mut expected = Vec::new();
            for r in &records[1..] {
                assert_eq!(r.len(), 10, "{r:?}");
                // One record may name several blocks ("192.0.0.170/32, 192.0.0.171/32").
                for block in clean(&r[0]).split(", ") {
                    let terminated = (r[4] != "N/A").then(|| r[4].clone());
                    expected.push((
                        block.to_string(),
                        r[1].clone(),
                        clean(&r[2]),
                        r[3].clone(),
                        terminated,
                        [r[5].as_str(), &r[6], &r[7], &r[8], &r[9]].map(flag),
                    ));
                }
            }
            let ours: Vec<_> = table
                .iter()
                .filter(|r| r.registry == Registry::SpecialPurpose)
                .map(|r| {
                    (
                        r.block.to_string(),
                        r.name.to_string(),
                        r.rfc.to_string(),
                        r.allocated.to_string(),
                        r.terminated.map(str::to_string),
                        [
                            r.source,
                            r.destination,
                            r.forwardable,
                            r.globally_reachable,
                            r.reserved_by_protocol,
                        ],
                    )
                })
                .collect();
            for (i, row) in expected.iter().enumerate() {
                assert_eq!(ours.get(i), Some(row), "registry row {i}");
            }
            assert_eq!(ours.len(), expected.len(), "rows not in the registry");
        }
    }

    #[test]
    fn csv_reader_reads_iana_quoting() {
        let r = csv_records("# ours\na,\"\"\"q\"\"\",\"x\n  y\"\n\"1, 2\",,\n");
        assert_eq!(r, [vec!["a", "\"q\"", "x\n  y"], vec!["1, 2", "", ""]]);
        assert_eq!(
            clean("[RFC8190]\n        [RFC919], Section 7"),
            "[RFC8190] [RFC919], Section 7"
        );
        assert_eq!(clean("2002::/16 [3]"), "2002::/16");
        assert_eq!(flag("N/A [2]"), None);
        assert_eq!(flag("False [1]"), Some(false));
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
        assert_eq!(kind("192.0.0.9"), "anycast");
        assert_eq!(kind("192.0.0.77"), "ietf-protocol");
        assert_eq!(kind("192.88.99.2"), "transition");
        assert_eq!(kind("192.88.99.1"), "6to4-relay");
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
        assert_eq!(kind("5f00::1"), "srv6-sid");
        assert_eq!(kind("100:0:0:1::7"), "dummy");
    }

    /// Issue 18, item 5: IPv6 blocks straddling a special range were "public" (the catch-all
    /// 2000::/3 hid the overlap); they are mixed and name what they overlap, as IPv4 blocks do.
    #[test]
    fn ipv6_blocks_straddling_special_ranges_are_mixed() {
        for (block, overlapped) in [
            ("2001:db8::/31", "2001:db8::/32"),
            ("2002::/15", "2002::/16"),
            ("3ff0::/12", "3fff::/20"),
            ("5e00::/7", "5f00::/16"),
            ("198.51.100.0/23", "198.51.100.0/24"),
        ] {
            let c = of(block);
            assert_eq!(c.kind, AddrKind::Mixed, "{block}: {c:?}");
            assert_eq!(c.row, None, "{block}");
            let names: Vec<&str> = c.overlaps.iter().map(|r| r.block).collect();
            assert!(names.contains(&overlapped), "{block}: {names:?}");
        }
        // The whole of IPv6 overlaps the catch-all too.
        assert!(of("::/0").overlaps.iter().any(|r| r.block == "2000::/3"));
        // Global unicast with nothing special in it stays public.
        let c = of("2a00::/12");
        assert_eq!(
            (c.kind, c.row.map(|r| r.block)),
            (AddrKind::Public, Some("2000::/3"))
        );
        assert!(c.overlaps.is_empty());
    }

    /// Issue 18, item 6: 2001::/23 (IETF protocol assignments) and its rows were public.
    #[test]
    fn ietf_protocol_assignments_are_not_public() {
        let c = of("2001::/31");
        assert_eq!(c.row.map(|r| r.block), Some("2001::/23"));
        assert!(c.overlaps.iter().any(|r| r.block == "2001::/32"));
        assert_eq!(kind("2001:2::/48"), "benchmarking");
        assert_eq!(kind("2001:2::1"), "benchmarking");
        assert_eq!(kind("2001:5::1"), "ietf-protocol");
        assert_eq!(of("2001:5::1").row.unwrap().globally_reachable, Some(false));
        assert_eq!(of("2001:1::1").row.unwrap().globally_reachable, Some(true));
        assert_eq!(kind("2001:1ff::/32"), "ietf-protocol");
        assert_eq!(kind("2001:200::/32"), "public");
        assert_eq!(kind("2001::/22"), "mixed");
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
