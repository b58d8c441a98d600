//! `netkit subnet info`: everything about an address block, like ipcalc/sipcalc.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::cli::{MaskOrAddress, SubnetInfoArgs};
use crate::error::{Error, Result};
use crate::i18n::{Message, Text, t};
use crate::net::addr::{Cidr, Family, Mask, Span};
use crate::net::block::{Block, Count, MaskAddr, binary};
use crate::net::classify::{AddrKind, Registry, Row, classify, description_words, ipv4_class};
use crate::output::{Paint, Report, Ui, emit, pad, visible_len};

/// The answer of `subnet info`.
#[derive(Debug, Serialize)]
pub struct Info {
    /// IPv4 or IPv6.
    pub family: Family,
    /// The address as given.
    pub address: IpAddr,
    /// The network in CIDR notation.
    pub network: Cidr,
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
    pub notes: Vec<Message>,
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
fn flag_words(flag: Option<bool>, words: [Message; 3]) -> Message {
    let [yes, no, na] = words;
    match flag {
        Some(true) => yes,
        Some(false) => no,
        None => na,
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
            notes.push(t!("subnet-info-note-p2p-v4"));
        }
        if block.family == Family::V6 && host_bits == 1 {
            notes.push(t!("subnet-info-note-p2p-v6"));
        }
        if block.family == Family::V6 && host_bits >= 2 {
            let first = block.ip(hosts.first);
            notes.push(if block.addr == block.network() {
                t!("subnet-info-note-anycast-is-network", first = first)
            } else {
                t!("subnet-info-note-anycast", first = first)
            });
        }
        if host_bits == 0 {
            notes.push(t!("subnet-info-note-host-route", prefix = block.prefix));
        }
        if host_bits >= 2 && block.family == Family::V4 {
            if block.addr == block.network() {
                notes.push(t!("subnet-info-note-is-network"));
            } else if block.addr == block.last() {
                notes.push(t!("subnet-info-note-is-broadcast"));
            }
        }
        if block.family == Family::V6
            && block.prefix != 64
            && host_bits > 1
            && special.kind != AddrKind::Loopback
        {
            notes.push(t!("subnet-info-note-v6-64"));
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
        // (label, value, binary form for IPv4 address rows); no label: a row continuing the
        // one before.
        let mut rows: Vec<(Option<Message>, String, Option<u128>)> = vec![
            (
                Some(t!("subnet-info-label-address")),
                self.address.to_string(),
                Some(b.addr),
            ),
            (
                Some(t!("subnet-info-label-netmask")),
                format!("{} = /{}", self.netmask, self.prefix),
                Some(b.mask()),
            ),
            (
                Some(t!("subnet-info-label-wildcard")),
                self.wildcard.to_string(),
                Some(b.wildcard()),
            ),
            (
                Some(t!("subnet-info-label-network")),
                self.network.to_string(),
                Some(b.network()),
            ),
        ];
        // The network's row is the one painted.
        const NETWORK: usize = 3;
        let broadcast = || Some(t!("subnet-info-label-broadcast"));
        match self.broadcast {
            Some(bc) => rows.push((broadcast(), bc.to_string(), Some(b.last()))),
            None if v4 => rows.push((broadcast(), t!("subnet-info-none").to_string(), None)),
            None => {}
        }
        let first = self.first_host.to_string();
        rows.push((Some(t!("subnet-info-label-first-host")), first, None));
        let last = self.last_host.to_string();
        rows.push((Some(t!("subnet-info-label-last-host")), last, None));
        let hosts = if self.hosts == self.addresses {
            self.hosts.to_string()
        } else {
            t!(
                "subnet-info-hosts",
                hosts = self.hosts.to_string(),
                addresses = self.addresses.to_string()
            )
            .to_string()
        };
        rows.push((Some(t!("subnet-info-label-hosts")), hosts, None));
        if let Some(class) = self.class {
            let text = match (class, ipv4_class(b.addr as u32).1) {
                (_, Some(p)) => t!("subnet-info-class", class = class, prefix = p),
                ('D', None) => t!("subnet-info-class-d"),
                _ => t!("subnet-info-class-e"),
            };
            rows.push((Some(t!("subnet-info-label-class")), text.to_string(), None));
        }
        let kind = kind_words(self.kind, self.kind_description).to_string();
        rows.push((Some(t!("subnet-info-label-kind")), kind, None));
        if let Some(r) = self.registry {
            let (block, name, rfc) = (r.block, r.name, r.rfc);
            let text = if r.registry == Registry::SpecialPurpose {
                let forwardable = flag_words(
                    r.forwardable,
                    [
                        t!("subnet-info-forwardable"),
                        t!("subnet-info-not-forwardable"),
                        t!("subnet-info-forwardable-na"),
                    ],
                );
                let reachable = flag_words(
                    r.globally_reachable,
                    [
                        t!("subnet-info-reachable"),
                        t!("subnet-info-not-reachable"),
                        t!("subnet-info-reachable-na"),
                    ],
                );
                match r.terminated {
                    Some(date) => t!(
                        "subnet-info-registry-terminated",
                        block = block,
                        name = name,
                        rfc = rfc,
                        forwardable = forwardable,
                        reachable = reachable,
                        date = date
                    ),
                    None => t!(
                        "subnet-info-registry-flags",
                        block = block,
                        name = name,
                        rfc = rfc,
                        forwardable = forwardable,
                        reachable = reachable
                    ),
                }
            } else {
                t!(
                    "subnet-info-registry",
                    block = block,
                    name = name,
                    rfc = rfc
                )
            };
            rows.push((
                Some(t!("subnet-info-label-registry")),
                text.to_string(),
                None,
            ));
        }
        const SHOWN: usize = 10;
        for (i, o) in self.overlaps.iter().take(SHOWN).enumerate() {
            let label = (i == 0).then(|| t!("subnet-info-label-overlaps"));
            let text = t!(
                "subnet-info-overlap",
                block = o.block,
                kind = o.kind.as_str(),
                name = o.name
            );
            rows.push((label, text.to_string(), None));
        }
        if self.overlaps.len() > SHOWN {
            let more = t!(
                "subnet-info-more-overlaps",
                count = self.overlaps.len() - SHOWN
            );
            rows.push((None, more.to_string(), None));
        }
        let width = rows
            .iter()
            .filter(|r| r.2.is_some())
            .map(|r| r.1.len())
            .max()
            .unwrap_or(0);
        // Values line up after the widest label (by display width), at least 11 columns in.
        let labels: Vec<Option<String>> = rows
            .iter()
            .map(|r| {
                r.0.as_ref()
                    .map(|l| t!("common-label", label = l).to_string())
            })
            .collect();
        let column = labels
            .iter()
            .flatten()
            .map(|l| visible_len(l))
            .max()
            .unwrap_or(0)
            .max(11);
        for (i, ((_, value, bits), label)) in rows.into_iter().zip(labels).enumerate() {
            let label = match label {
                None => " ".repeat(column),
                Some(l) => ui.paint(Paint::Bold, pad(&l, column)),
            };
            let value = if i == NETWORK {
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
        let note = t!("common-label", label = t!("common-note"));
        let gap = t!("common-label-gap");
        for text in &self.notes {
            writeln!(out, "{}{gap}{text}", ui.paint(Paint::Dim, &note))?;
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
        info.notes.push(t!("subnet-info-note-no-mask", bits = bits));
        return emit(ui, &info);
    }
    let mask = match args.mask {
        None => None,
        Some(MaskOrAddress::Mask(m)) => Some(m),
        Some(MaskOrAddress::Address(a)) => {
            let first = addr.to_string();
            if args.address.prefix.is_none() && Mask::parse(&first).is_ok() {
                return Err(Error::usage(t!(
                    "subnet-info-swapped",
                    mask = first,
                    address = a
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
fn kind_words(kind: AddrKind, description: &'static str) -> Text {
    let name = kind.as_str();
    let said = |n: &str| {
        description
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .collect::<Vec<_>>()
            .windows(n.split(' ').count())
            .any(|w| w.join(" ") == n)
    };
    let words = description_words(description);
    if said(name) || said(&name.replace('-', " ")) {
        words
    } else {
        t!("subnet-info-kind", kind = name, description = words).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_fields() {
        let i = Info::of(Block::parse("192.168.1.10", Some("255.255.255.0")).unwrap());
        assert_eq!(i.network.to_string(), "192.168.1.0/24");
        assert_eq!(i.broadcast.unwrap().to_string(), "192.168.1.255");
        assert_eq!(i.hosts.value, Some(254));
        assert_eq!(i.class, Some('C'));
        assert_eq!(i.kind, AddrKind::Private);
        // Issue 27 item 3: the kind is said once.
        assert_eq!(
            kind_words(
                AddrKind::Documentation,
                "documentation, TEST-NET-1 (RFC 5737)"
            )
            .english(),
            "documentation, TEST-NET-1 (RFC 5737)"
        );
        assert_eq!(
            kind_words(
                AddrKind::Cgnat,
                "shared address space for carrier-grade NAT (RFC 6598)"
            )
            .english(),
            "cgnat: shared address space for carrier-grade NAT (RFC 6598)"
        );
        assert_eq!(
            kind_words(AddrKind::UniqueLocal, "unique local address (RFC 4193)").english(),
            "unique local address (RFC 4193)"
        );
        assert_eq!(
            kind_words(
                AddrKind::Benchmarking,
                "network benchmark testing (RFC 2544)"
            )
            .english(),
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
        assert!(i.notes[0].english().contains("RFC 3021"));
        assert!(i.broadcast.is_none());
        let i = Info::of(Block::parse("10.1.1.255/24", None).unwrap());
        assert!(i.notes[0].english().contains("broadcast address"));
    }
}
