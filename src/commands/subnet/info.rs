//! `netkit subnet info`: everything about an address block, like ipcalc/sipcalc.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::cli::{MaskOrAddress, SubnetInfoArgs};
use crate::error::{Error, Result};
use crate::net::addr::{Family, Mask, Span};
use crate::net::block::{Block, Count, MaskAddr, binary};
use crate::net::classify::{AddrKind, Registry, Row, classify, ipv4_class};
use crate::output::{Paint, Report, Ui, emit, visible_len};

/// The answer of `subnet info`.
#[derive(Debug, Serialize)]
pub struct Info {
    /// IPv4 or IPv6.
    pub family: Family,
    /// The address as given.
    pub address: IpAddr,
    /// The network in CIDR notation.
    pub network: String,
    /// The network address.
    pub network_address: IpAddr,
    /// Prefix length.
    pub prefix: u8,
    /// The netmask (IPv6: plain hexadecimal groups, never a dotted IPv4 tail).
    pub netmask: MaskAddr,
    /// The wildcard (inverse) mask, written likewise.
    pub wildcard: MaskAddr,
    /// Directed broadcast (IPv4 up to /30; none for /31, /32 and IPv6).
    pub broadcast: Option<IpAddr>,
    /// First usable host.
    pub first_host: IpAddr,
    /// Last usable host.
    pub last_host: IpAddr,
    /// Usable hosts (number for IPv4, decimal string for IPv6).
    pub hosts: Count,
    /// All addresses in the block (number for IPv4, decimal string for IPv6).
    pub addresses: Count,
    /// Classful class (A-E), IPv4 only.
    pub class: Option<char>,
    /// What kind of addresses: private, public, loopback, link-local, multicast, documentation, cgnat...
    pub kind: AddrKind,
    /// The kind in plain words, with its RFC.
    pub kind_description: &'static str,
    /// The registered special-purpose block this falls in, if any.
    pub registry_block: Option<&'static str>,
    /// That block's row of the registry: name, RFC, dates and flags (globally reachable,
    /// forwardable...).
    pub registry: Option<&'static Row>,
    /// Registered blocks sharing addresses with this one without containing all of it (what
    /// makes a block "mixed", or the more specific blocks inside its own).
    pub overlaps: Vec<Overlap>,
    /// Remarks (RFC 3021 point-to-point, host route, address is the network/broadcast address...).
    pub notes: Vec<String>,
    #[serde(skip)]
    block: Block,
}

/// A registered block that a block overlaps.
#[derive(Debug, Serialize)]
pub struct Overlap {
    /// The registered block.
    pub block: &'static str,
    /// Its kind.
    pub kind: AddrKind,
    /// Its name in the registry.
    pub name: &'static str,
}

/// A registry flag in words: "forwardable", "not forwardable", "forwardable: n/a".
fn flag_words(flag: Option<bool>, what: &str) -> String {
    match flag {
        Some(true) => what.to_string(),
        Some(false) => format!("not {what}"),
        None => format!("{what}: n/a"),
    }
}

impl Info {
    /// Computes the info of a block.
    pub fn of(block: Block) -> Info {
        let hosts = block.hosts();
        let special = classify(&Span {
            family: block.family,
            start: block.network(),
            end: block.last(),
        });
        let class = match block.family {
            Family::V4 => Some(ipv4_class(block.addr as u32).0),
            Family::V6 => None,
        };
        let mut notes = Vec::new();
        let host_bits = block.bits() - block.prefix;
        if block.family == Family::V4 && host_bits == 1 {
            notes.push(
                "/31: a point-to-point link; both addresses are usable hosts (RFC 3021)".into(),
            );
        }
        if block.family == Family::V6 && host_bits == 1 {
            notes.push(
                "/127: a point-to-point link; both addresses are usable hosts (RFC 6164)".into(),
            );
        }
        if block.family == Family::V6 && host_bits >= 2 {
            let anycast = if block.addr == block.network() {
                "the address is the network address, the Subnet-Router anycast address"
            } else {
                "the network address is the Subnet-Router anycast address"
            };
            notes.push(format!(
                "{anycast} (RFC 4291 section 2.6.1), so hosts start at {}",
                block.ip(hosts.first)
            ));
        }
        if host_bits == 0 {
            notes.push(format!("/{}: a single address (host route)", block.prefix));
        }
        if host_bits >= 2 && block.family == Family::V4 {
            if block.addr == block.network() {
                notes.push("the address is the network address itself, not a usable host".into());
            } else if block.addr == block.last() {
                notes.push("the address is the broadcast address, not a usable host".into());
            }
        }
        if block.family == Family::V6
            && block.prefix != 64
            && host_bits > 1
            && special.kind != AddrKind::Loopback
        {
            notes.push("IPv6 subnets for hosts are normally /64 (SLAAC needs it)".into());
        }
        Info {
            family: block.family,
            address: block.address(),
            network: block.cidr(),
            network_address: block.ip(block.network()),
            prefix: block.prefix,
            netmask: block.netmask(),
            wildcard: block.wildcard_mask(),
            broadcast: hosts.broadcast.map(|b| block.ip(b)),
            first_host: block.ip(hosts.first),
            last_host: block.ip(hosts.last),
            hosts: hosts.count,
            addresses: block.size(),
            class,
            kind: special.kind,
            kind_description: special.description,
            registry_block: special.row.map(|r| r.block),
            registry: special.row,
            overlaps: special
                .overlaps
                .iter()
                .map(|r| Overlap {
                    block: r.block,
                    kind: r.kind,
                    name: r.name,
                })
                .collect(),
            notes,
            block,
        }
    }
}

impl Report for Info {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let b = &self.block;
        let v4 = b.family == Family::V4;
        // (label, value, binary form for IPv4 address rows)
        let mut rows: Vec<(&str, String, Option<u128>)> = vec![
            ("Address", self.address.to_string(), Some(b.addr)),
            (
                "Netmask",
                format!("{} = /{}", self.netmask, self.prefix),
                Some(b.mask()),
            ),
            ("Wildcard", self.wildcard.to_string(), Some(b.wildcard())),
            ("Network", self.network.clone(), Some(b.network())),
        ];
        match self.broadcast {
            Some(bc) => rows.push(("Broadcast", bc.to_string(), Some(b.last()))),
            None if v4 => rows.push(("Broadcast", "none".into(), None)),
            None => {}
        }
        rows.push(("First host", self.first_host.to_string(), None));
        rows.push(("Last host", self.last_host.to_string(), None));
        let hosts = if self.hosts == self.addresses {
            self.hosts.to_string()
        } else {
            format!("{} usable ({} addresses)", self.hosts, self.addresses)
        };
        rows.push(("Hosts", hosts, None));
        if let Some(class) = self.class {
            let text = match (class, ipv4_class(b.addr as u32).1) {
                (_, Some(p)) => {
                    format!("{class} (classful default /{p}; historical, CIDR decides)")
                }
                ('D', None) => "D (multicast)".into(),
                _ => "E (reserved)".into(),
            };
            rows.push(("Class", text, None));
        }
        rows.push(("Kind", kind_words(self.kind, self.kind_description), None));
        if let Some(r) = self.registry {
            let mut text = format!("{} {} {}", r.block, r.name, r.rfc);
            if r.registry == Registry::SpecialPurpose {
                text.push_str(&format!(
                    ": {}, {}",
                    flag_words(r.forwardable, "forwardable"),
                    flag_words(r.globally_reachable, "globally reachable")
                ));
                if let Some(t) = r.terminated {
                    text.push_str(&format!(", terminated {t}"));
                }
            }
            rows.push(("Registry", text, None));
        }
        const SHOWN: usize = 10;
        for (i, o) in self.overlaps.iter().take(SHOWN).enumerate() {
            let label = if i == 0 { "Overlaps" } else { "" };
            rows.push((label, format!("{} {} ({})", o.block, o.kind, o.name), None));
        }
        if self.overlaps.len() > SHOWN {
            rows.push((
                "",
                format!("... and {} more (see --json)", self.overlaps.len() - SHOWN),
                None,
            ));
        }
        let width = rows
            .iter()
            .filter(|r| r.2.is_some())
            .map(|r| r.1.len())
            .max()
            .unwrap_or(0);
        for (label, value, bits) in rows {
            let label = match label {
                "" => " ".repeat(11),
                _ => ui.paint(Paint::Bold, format!("{:<11}", format!("{label}:"))),
            };
            let value = if label.contains("Network") {
                ui.paint(Paint::Good, &value)
            } else {
                value
            };
            match bits {
                Some(bits) if v4 => {
                    let pad = " ".repeat(width.saturating_sub(visible_len(&value)));
                    writeln!(
                        out,
                        "{label} {value}{pad}  {}",
                        ui.paint(Paint::Dim, binary(Family::V4, bits))
                    )?;
                }
                _ => writeln!(out, "{label} {value}")?,
            }
        }
        for note in &self.notes {
            writeln!(out, "{} {note}", ui.paint(Paint::Dim, "note:"))?;
        }
        Ok(())
    }
}

/// Runs `netkit subnet info`.
pub fn run(args: &SubnetInfoArgs, ui: &Ui) -> Result<u8> {
    let addr = args.address.addr;
    if args.address.prefix.is_none() && args.mask.is_none() {
        // A bare address: describe the address itself, as a single-address block.
        let bits = Family::of(&addr).bits();
        let mut info = Info::of(Block::new(addr, bits));
        info.notes.push(format!(
            "no mask given, so this is the single address /{bits}; add a mask (or /prefix) for its subnet"
        ));
        return emit(ui, &info);
    }
    let mask = match args.mask {
        None => None,
        Some(MaskOrAddress::Mask(m)) => Some(m),
        Some(MaskOrAddress::Address(a)) => {
            let first = addr.to_string();
            if args.address.prefix.is_none() && Mask::parse(&first).is_ok() {
                return Err(Error::usage(format!(
                    "{first} is a mask and {a} an address: the address comes first \
                     (netkit subnet info {a} {first})"
                )));
            }
            // Not a swap: the mask's own error.
            Some(Mask::parse(&a.to_string())?)
        }
    };
    emit(ui, &Info::of(Block::from_parts(args.address, mask)?))
}

/// The kind for people: its name, then its description, unless the description already says
/// the name ("documentation, TEST-NET-1 (RFC 5737)", not "documentation: documentation, ...").
fn kind_words(kind: AddrKind, description: &str) -> String {
    let name = kind.as_str();
    let said = |n: &str| {
        description
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .collect::<Vec<_>>()
            .windows(n.split(' ').count())
            .any(|w| w.join(" ") == n)
    };
    if said(name) || said(&name.replace('-', " ")) {
        description.to_string()
    } else {
        format!("{name}: {description}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_fields() {
        let i = Info::of(Block::parse("192.168.1.10", Some("255.255.255.0")).unwrap());
        assert_eq!(i.network, "192.168.1.0/24");
        assert_eq!(i.broadcast.unwrap().to_string(), "192.168.1.255");
        assert_eq!(i.hosts.value, Some(254));
        assert_eq!(i.class, Some('C'));
        assert_eq!(i.kind, AddrKind::Private);
        // Issue 27 item 3: the kind is said once.
        assert_eq!(
            kind_words(
                AddrKind::Documentation,
                "documentation, TEST-NET-1 (RFC 5737)"
            ),
            "documentation, TEST-NET-1 (RFC 5737)"
        );
        assert_eq!(
            kind_words(
                AddrKind::Cgnat,
                "shared address space for carrier-grade NAT (RFC 6598)"
            ),
            "cgnat: shared address space for carrier-grade NAT (RFC 6598)"
        );
        assert_eq!(
            kind_words(AddrKind::UniqueLocal, "unique local address (RFC 4193)"),
            "unique local address (RFC 4193)"
        );
        assert_eq!(
            kind_words(
                AddrKind::Benchmarking,
                "network benchmark testing (RFC 2544)"
            ),
            "benchmarking: network benchmark testing (RFC 2544)"
        );
        let mut buf = Vec::new();
        i.human(&Ui::plain(), &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(
            text.contains("11000000.10101000.00000001.00001010"),
            "{text}"
        );
        assert!(text.contains("254 usable (256 addresses)"), "{text}");
    }

    #[test]
    fn notes() {
        let i = Info::of(Block::parse("10.1.1.0/31", None).unwrap());
        assert!(i.notes[0].contains("RFC 3021"));
        assert!(i.broadcast.is_none());
        let i = Info::of(Block::parse("10.1.1.255/24", None).unwrap());
        assert!(i.notes[0].contains("broadcast address"));
    }
}
