//! `netkit subnet check A B`: are two addresses on the same subnet? The primer's test: AND each
//! address with the mask and compare the network addresses.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::cli::SubnetCheckArgs;
use crate::error::{Error, Result, exit};
use crate::net::addr::Family;
use crate::net::block::{Block, MaskAddr, binary, hex_groups};
use crate::output::{Paint, Report, Ui, emit};

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
    pub network_a: String,
    /// B's network (CIDR).
    pub network_b: String,
    /// The verdict.
    pub same_subnet: bool,
    /// Bitwise working when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explain>,
    #[serde(skip)]
    blocks: (Block, Block),
}

/// Decides which prefix applies: `--mask`, else the prefix written on A or B.
fn resolve_prefix(args: &SubnetCheckArgs) -> Result<(IpAddr, IpAddr, u8)> {
    let (a, pa) = (args.a.addr, args.a.prefix);
    let (b, pb) = (args.b.addr, args.b.prefix);
    let family = Family::of(&a);
    if family != Family::of(&b) {
        return Err(Error::Usage(format!(
            "'{}' is {} but '{}' is {}: an IPv4 and an IPv6 address are never on one subnet",
            args.a,
            family.name(),
            args.b,
            Family::of(&b).name()
        )));
    }
    let given = args.mask.map(|m| m.prefix_for(family)).transpose()?;
    let written: Vec<u8> = [pa, pb].into_iter().flatten().collect();
    let prefix = match (given, written.as_slice()) {
        (Some(m), w) if w.iter().all(|&p| p == m) => m,
        (Some(m), w) => {
            return Err(Error::Usage(format!(
                "--mask says /{m} but an address is written with /{}; give the mask once",
                w.iter().find(|&&p| p != m).copied().unwrap_or(m)
            )));
        }
        (None, [p]) => *p,
        (None, [p, q]) if p == q => *p,
        (None, [p, q]) => {
            return Err(Error::Usage(format!(
                "the two addresses carry different prefixes (/{p} and /{q}); say which with --mask"
            )));
        }
        (None, _) => {
            return Err(Error::Usage(format!(
                "no mask: add --mask 255.255.255.0 (or --mask 24), or write the first address as CIDR ({}/24)",
                args.a
            )));
        }
    };
    Ok((a, b, prefix))
}

/// Compares two addresses under one prefix.
pub fn check(a: IpAddr, b: IpAddr, prefix: u8, explain: bool) -> Check {
    let (ba, bb) = (Block::new(a, prefix), Block::new(b, prefix));
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
        same_subnet: ba.network() == bb.network(),
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

impl Report for Check {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let (ba, bb) = &self.blocks;
        if let Some(ex) = &self.explain {
            let p = |s: &str| split_paint(ui, s, ba.family, self.prefix);
            let unit = if ba.family == Family::V4 {
                "binary"
            } else {
                "hexadecimal"
            };
            writeln!(
                out,
                "Each address AND the mask gives its network ({unit}; network bits bold):"
            )?;
            for (label, bits, addr, net, netaddr) in [
                ("A", &ex.a, self.a, &ex.network_a, ba.ip(ba.network())),
                ("B", &ex.b, self.b, &ex.network_b, bb.ip(bb.network())),
            ] {
                writeln!(out)?;
                writeln!(out, "  {label}         {}  {addr}", p(bits))?;
                writeln!(
                    out,
                    "  AND mask  {}  {} (/{})",
                    p(&ex.mask),
                    self.netmask,
                    self.prefix
                )?;
                writeln!(out, "  =         {}  {netaddr}", p(net))?;
            }
            writeln!(out)?;
        } else {
            let width = self.a.to_string().len().max(self.b.to_string().len());
            writeln!(
                out,
                "{:width$}  AND {}  =  {}",
                self.a, self.netmask, self.network_a
            )?;
            writeln!(
                out,
                "{:width$}  AND {}  =  {}",
                self.b, self.netmask, self.network_b
            )?;
        }
        if self.same_subnet {
            writeln!(
                out,
                "{} both are in {}: they talk directly (ARP for the peer's MAC, no gateway).",
                ui.paint(Paint::Good, "Same subnet:"),
                self.network_a
            )
        } else {
            writeln!(
                out,
                "{} {} vs {}: traffic between them goes through a gateway (router).",
                ui.paint(Paint::Bad, "Different subnets:"),
                self.network_a,
                self.network_b
            )
        }
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
    emit(ui, &check(a, b, prefix, args.explain))
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
        assert!(check(a, b, p, false).same_subnet);
        let (a, b, p) = resolve_prefix(&args("192.168.1.10/24", "192.168.2.10", None)).unwrap();
        let c = check(a, b, p, true);
        assert!(!c.same_subnet);
        assert_eq!(c.network_b, "192.168.2.0/24");
        assert_eq!(
            c.explain.unwrap().network_b,
            "11000000.10101000.00000010.00000000"
        );
        // The same two hosts are on one /16.
        let (a, b, p) = resolve_prefix(&args("192.168.1.10", "192.168.2.10", Some("/16"))).unwrap();
        assert!(check(a, b, p, false).same_subnet);
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

    #[test]
    fn ipv6() {
        let (a, b, p) =
            resolve_prefix(&args("2001:db8:1::5/64", "2001:db8:1::ffff", None)).unwrap();
        assert!(check(a, b, p, false).same_subnet);
        let (a, b, p) = resolve_prefix(&args("2001:db8:1::5/64", "2001:db8:2::5", None)).unwrap();
        assert!(!check(a, b, p, false).same_subnet);
    }
}
