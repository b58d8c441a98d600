//! `netkit subnet check A B`: are two addresses on the same subnet? The primer's test: AND each
//! address with the mask and compare the network addresses.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::cli::SubnetCheckArgs;
use crate::error::{Error, Result, exit};
use crate::i18n::t;
use crate::net::addr::{Cidr, Family, Zone};
use crate::net::block::{Block, MaskAddr, binary, hex_groups};
use crate::output::{Paint, Report, Ui, emit, pad, visible_len};

/// The bitwise working, for `--explain`.
#[derive(Debug, Serialize)]
pub struct Explain {
    /// A in binary (IPv4) or full hex (IPv6).
    pub a: String,
    /// B likewise.
    pub b: String,
    /// The mask likewise.
    pub mask: String,
    /// A AND mask.
    pub network_a: String,
    /// B AND mask.
    pub network_b: String,
}

/// The answer of `subnet check`.
#[derive(Debug, Serialize)]
pub struct Check {
    /// First address.
    pub a: IpAddr,
    /// Second address.
    pub b: IpAddr,
    /// Prefix length used.
    pub prefix: u8,
    /// The mask used (IPv6: plain hexadecimal groups).
    pub netmask: MaskAddr,
    /// A's network (CIDR).
    pub network_a: Cidr,
    /// B's network (CIDR).
    pub network_b: Cidr,
    /// A's IPv6 zone, when written (`fe80::1%eth0`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone_a: Option<Zone>,
    /// B's IPv6 zone, when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zone_b: Option<Zone>,
    /// For two link-local (link-scoped) addresses that both carry a zone: whether the zones are
    /// the same, i.e. one link (RFC 4007; compared as written: `eth0` and its index `2` are
    /// told apart). Absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_link: Option<bool>,
    /// The verdict: the same network, and (for zoned link-local addresses) the same link.
    pub same_subnet: bool,
    /// Bitwise working when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
    #[serde(skip)]
    blocks: (Block, Block),
}

/// Whether `addr` is written as a subnet mask would be: IPv4, the first byte 255, the ones
/// contiguous (255.255.255.0). No host has such an address (240.0.0.0/4 is reserved).
fn looks_like_mask(addr: IpAddr) -> bool {
    match addr {
        IpAddr::V4(v4) => {
            let bits = u32::from(v4);
            bits >> 24 == 0xff && bits.leading_ones() + bits.trailing_zeros() == 32
        }
        IpAddr::V6(_) => false,
    }
}

/// Decides which prefix applies: `--mask` (or the mask given as a third value), else the
/// prefix written on A or B.
fn resolve_prefix(args: &SubnetCheckArgs) -> Result<(IpAddr, IpAddr, u8)> {
    let (a, pa) = (args.a.addr, args.a.prefix);
    let (b, pb) = (args.b.addr, args.b.prefix);
    // Issue 27 item 4: a mask where the second address belongs (`check 192.168.1.10/24
    // 255.255.255.0`) is a slip, never a question about the host 255.255.255.0.
    if pb.is_none() && looks_like_mask(b) {
        let example = match pa {
            Some(_) => format!("{} ADDRESS", args.a),
            None => format!("{} ADDRESS --mask {b}", args.a),
        };
        return Err(Error::usage(t!(
            "subnet-check-mask-not-address",
            mask = b,
            example = example
        )));
    }
    let family = Family::of(&a);
    if family != Family::of(&b) {
        return Err(Error::usage(t!(
            "subnet-check-families",
            a = args.a.to_string(),
            family_a = family.name(),
            b = args.b.to_string(),
            family_b = Family::of(&b).name()
        )));
    }
    let given = args
        .mask
        .or(args.mask_value)
        .map(|m| m.prefix_for(family))
        .transpose()?;
    let written: Vec<u8> = [pa, pb].into_iter().flatten().collect();
    let prefix = match (given, written.as_slice()) {
        (Some(m), w) if w.iter().all(|&p| p == m) => m,
        (Some(m), w) => {
            return Err(Error::usage(t!(
                "subnet-check-mask-twice",
                mask = m,
                written = w.iter().find(|&&p| p != m).copied().unwrap_or(m)
            )));
        }
        (None, [p]) => *p,
        (None, [p, q]) if p == q => *p,
        (None, [p, q]) => {
            return Err(Error::usage(t!(
                "subnet-check-prefixes-differ",
                p = *p,
                q = *q
            )));
        }
        (None, _) => {
            return Err(Error::usage(t!(
                "subnet-check-no-mask",
                a = args.a.to_string()
            )));
        }
    };
    Ok((a, b, prefix))
}

/// True for an address whose zone is a link or an interface (RFC 4007): IPv6 link-local unicast
/// (fe80::/10) and interface- or link-local multicast (ffx1::, ffx2::). A global address has
/// one zone, the Internet, whatever is written after its `%`.
fn link_scoped(addr: &IpAddr) -> bool {
    match addr {
        IpAddr::V4(_) => false,
        IpAddr::V6(a) => {
            let first = a.segments()[0];
            first & 0xffc0 == 0xfe80 || (first & 0xff00 == 0xff00 && matches!(first & 0xf, 1 | 2))
        }
    }
}

/// Compares two addresses under one prefix; `zones` are theirs when written (`fe80::1%eth0`).
pub fn check(a: IpAddr, b: IpAddr, prefix: u8, zones: [Option<Zone>; 2], explain: bool) -> Check {
    let (ba, bb) = (Block::new(a, prefix), Block::new(b, prefix));
    let [zone_a, zone_b] = zones;
    let same_link = match (zone_a, zone_b) {
        (Some(za), Some(zb)) if link_scoped(&a) && link_scoped(&b) => Some(za == zb),
        _ => None,
    };
    let show = |v: u128| match ba.family {
        Family::V4 => binary(Family::V4, v),
        Family::V6 => hex_groups(v),
    };
    Check {
        a,
        b,
        prefix,
        netmask: ba.netmask(),
        network_a: ba.cidr(),
        network_b: bb.cidr(),
        zone_a,
        zone_b,
        same_link,
        same_subnet: ba.network() == bb.network() && same_link != Some(false),
        explain: explain.then(|| Explain {
            a: show(ba.addr),
            b: show(bb.addr),
            mask: show(ba.mask()),
            network_a: show(ba.network()),
            network_b: show(bb.network()),
        }),
        blocks: (ba, bb),
    }
}

/// Colours the network part of a binary/hex string bold and the host part dim.
fn split_paint(ui: &Ui, text: &str, family: Family, prefix: u8) -> String {
    // Characters per bit position: binary strings have 1 char per bit plus separators; hex has 4 bits per char.
    let mut bits_seen = 0u32;
    let per_char = if family == Family::V4 { 1 } else { 4 };
    let mut cut = text.len();
    for (i, c) in text.char_indices() {
        if c == '.' || c == ':' {
            continue;
        }
        if bits_seen >= prefix as u32 {
            cut = i;
            break;
        }
        bits_seen += per_char;
    }
    let (net, host) = text.split_at(cut);
    format!(
        "{}{}",
        ui.paint(Paint::Bold, net),
        ui.paint(Paint::Dim, host)
    )
}

impl Check {
    /// A as written, with its zone.
    fn shown_a(&self) -> String {
        with_zone(self.a, self.zone_a)
    }

    /// B as written, with its zone.
    fn shown_b(&self) -> String {
        with_zone(self.b, self.zone_b)
    }
}

/// `fe80::1%eth0`, or the bare address.
fn with_zone(addr: IpAddr, zone: Option<Zone>) -> String {
    match zone {
        Some(z) => format!("{addr}%{z}"),
        None => addr.to_string(),
    }
}

impl Report for Check {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let (ba, bb) = &self.blocks;
        if let Some(ex) = &self.explain {
            let p = |s: &str| split_paint(ui, s, ba.family, self.prefix);
            let heading = if ba.family == Family::V4 {
                t!("subnet-check-explain-binary")
            } else {
                t!("subnet-check-explain-hex")
            };
            writeln!(out, "{heading}")?;
            // The labels' column: "AND mask" in the run's language, at least as wide as
            // the English layout's (by display width).
            let and_mask = t!("subnet-check-and-mask").to_string();
            let col = visible_len(&and_mask).max(8);
            for (label, bits, addr, net, netaddr) in [
                (
                    "A",
                    &ex.a,
                    self.shown_a(),
                    &ex.network_a,
                    ba.ip(ba.network()),
                ),
                (
                    "B",
                    &ex.b,
                    self.shown_b(),
                    &ex.network_b,
                    bb.ip(bb.network()),
                ),
            ] {
                writeln!(out)?;
                writeln!(out, "  {}  {}  {addr}", pad(label, col), p(bits))?;
                writeln!(
                    out,
                    "  {}  {}  {} (/{})",
                    pad(&and_mask, col),
                    p(&ex.mask),
                    self.netmask,
                    self.prefix
                )?;
                writeln!(out, "  {}  {}  {netaddr}", pad("=", col), p(net))?;
            }
            writeln!(out)?;
        } else {
            let (a, b) = (self.shown_a(), self.shown_b());
            let width = a.len().max(b.len());
            writeln!(
                out,
                "{a:width$}  AND {}  =  {}",
                self.netmask, self.network_a
            )?;
            writeln!(
                out,
                "{b:width$}  AND {}  =  {}",
                self.netmask, self.network_b
            )?;
        }
        let (paint, verdict, text) = if self.same_link == Some(false) {
            let text = t!(
                "subnet-check-links",
                a = self.shown_a(),
                b = self.shown_b(),
                zone_a = self.zone_a.map(|z| z.to_string()).unwrap_or_default(),
                zone_b = self.zone_b.map(|z| z.to_string()).unwrap_or_default(),
                network = &self.network_a
            );
            (Paint::Warn, t!("subnet-check-verdict-links"), text)
        } else if self.same_subnet {
            let text = match ba.family {
                Family::V4 => t!("subnet-check-same-v4", network = &self.network_a),
                Family::V6 => t!("subnet-check-same-v6", network = &self.network_a),
            };
            (Paint::Good, t!("subnet-check-verdict-same"), text)
        } else {
            let text = t!(
                "subnet-check-different",
                a = &self.network_a,
                b = &self.network_b
            );
            (Paint::Warn, t!("subnet-check-verdict-different"), text)
        };
        let label = t!("common-label", label = verdict);
        let gap = t!("common-label-gap");
        writeln!(out, "{}{gap}{text}", ui.paint(paint, label))
    }

    fn status(&self) -> u8 {
        if self.same_subnet {
            exit::OK
        } else {
            exit::NEGATIVE
        }
    }
}

/// Runs `netkit subnet check`.
pub fn run(args: &SubnetCheckArgs, ui: &Ui) -> Result<u8> {
    let (a, b, prefix) = resolve_prefix(args)?;
    emit(
        ui,
        &check(a, b, prefix, [args.a.zone, args.b.zone], args.explain),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::addr::{Mask, Prefixed};

    fn args(a: &str, b: &str, mask: Option<&str>) -> SubnetCheckArgs {
        SubnetCheckArgs {
            a: Prefixed::parse(a).unwrap(),
            b: Prefixed::parse(b).unwrap(),
            mask: mask.map(|m| Mask::parse(m).unwrap()),
            mask_value: None,
            explain: false,
        }
    }

    #[test]
    fn primer_examples() {
        let (a, b, p) = resolve_prefix(&args(
            "192.168.1.10",
            "192.168.1.200",
            Some("255.255.255.0"),
        ))
        .unwrap();
        assert!(check(a, b, p, [None, None], false).same_subnet);
        let (a, b, p) = resolve_prefix(&args("192.168.1.10/24", "192.168.2.10", None)).unwrap();
        let c = check(a, b, p, [None, None], true);
        assert!(!c.same_subnet);
        assert_eq!(c.network_b.to_string(), "192.168.2.0/24");
        assert_eq!(
            c.explain.unwrap().network_b,
            "11000000.10101000.00000010.00000000"
        );
        // The same two hosts are on one /16.
        let (a, b, p) = resolve_prefix(&args("192.168.1.10", "192.168.2.10", Some("/16"))).unwrap();
        assert!(check(a, b, p, [None, None], false).same_subnet);
    }

    #[test]
    fn mask_sources_conflict_or_missing() {
        assert!(resolve_prefix(&args("10.0.0.1", "10.0.0.2", None)).is_err());
        assert!(resolve_prefix(&args("10.0.0.1/8", "10.0.0.2/16", None)).is_err());
        assert!(resolve_prefix(&args("10.0.0.1/8", "10.0.0.2", Some("16"))).is_err());
        assert_eq!(
            resolve_prefix(&args("10.0.0.1", "10.0.0.2/8", None))
                .unwrap()
                .2,
            8
        );
        assert!(resolve_prefix(&args("10.0.0.1", "::1", Some("8"))).is_err());
    }

    fn human(c: &Check) -> String {
        let mut buf = Vec::new();
        c.human(&Ui::plain(), &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    /// Issue 18, item 8: IPv6 neighbours are found by Neighbor Discovery, not ARP; link-local
    /// addresses in different zones are on different links, whatever their prefix says.
    #[test]
    fn ipv6_uses_ndp_and_zones_are_links() {
        let run = |a: &str, b: &str| {
            let args = args(a, b, Some("64"));
            let (x, y, p) = resolve_prefix(&args).unwrap();
            check(x, y, p, [args.a.zone, args.b.zone], false)
        };
        let c = run("2001:db8::1", "2001:db8::2");
        assert!(c.same_subnet);
        let text = human(&c);
        assert!(
            text.contains("Neighbor Discovery (NDP)") && !text.contains("ARP"),
            "{text}"
        );
        let text = human(&check(
            "10.0.0.1".parse().unwrap(),
            "10.0.0.2".parse().unwrap(),
            24,
            [None, None],
            false,
        ));
        assert!(text.contains("ARP"), "{text}");

        let c = run("fe80::1%eth0", "fe80::2%eth1");
        assert_eq!((c.same_subnet, c.same_link), (false, Some(false)));
        assert_eq!(c.status(), exit::NEGATIVE);
        let text = human(&c);
        assert!(
            text.contains("different links") && text.contains("fe80::1%eth0"),
            "{text}"
        );
        let c = run("fe80::1%eth0", "fe80::2%eth0");
        assert_eq!((c.same_subnet, c.same_link), (true, Some(true)));
        // One zone missing: nothing to compare, as before.
        let c = run("fe80::1%eth0", "fe80::2");
        assert_eq!((c.same_subnet, c.same_link), (true, None));
        // Link-local multicast is link-scoped too; a global address has one zone.
        let c = run("ff02::1%eth0", "ff02::2%eth1");
        assert_eq!(c.same_link, Some(false));
        let c = run("2001:db8::1%eth0", "2001:db8::2%eth1");
        assert_eq!((c.same_subnet, c.same_link), (true, None));
    }

    #[test]
    fn ipv6() {
        let (a, b, p) =
            resolve_prefix(&args("2001:db8:1::5/64", "2001:db8:1::ffff", None)).unwrap();
        assert!(check(a, b, p, [None, None], false).same_subnet);
        let (a, b, p) = resolve_prefix(&args("2001:db8:1::5/64", "2001:db8:2::5", None)).unwrap();
        assert!(!check(a, b, p, [None, None], false).same_subnet);
    }
}
