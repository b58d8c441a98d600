//! `netkit mac ADDR`: decode a MAC address as a primer explains it: notations, the maker (the
//! first six hex digits, the OUI), unicast vs multicast (I/G bit), universal vs local (U/L bit).

use std::io::{self, Write};
use std::net::Ipv6Addr;

use serde::Serialize;

use crate::cli::MacArgs;
use crate::error::Result;
use crate::net::hwaddr::{eui64_link_local, format_mac, is_broadcast, is_local, is_multicast};
use crate::net::oui::{self, Vendor};
use crate::output::{Paint, Report, Ui, emit};

/// The same address in the notations different systems use.
#[derive(Debug, Serialize)]
pub struct Forms {
    /// Linux, macOS: aa:bb:cc:dd:ee:ff
    pub colon: String,
    /// Windows: AA-BB-CC-DD-EE-FF
    pub hyphen: String,
    /// Cisco: aabb.ccdd.eeff
    pub cisco: String,
    /// Bare: aabbccddeeff
    pub bare: String,
}

/// The answer of `netkit mac`.
#[derive(Debug, Serialize)]
pub struct MacInfo {
    /// Normalized (lowercase, colon-separated).
    pub mac: String,
    /// Other notations.
    pub forms: Forms,
    /// The first three octets, the Organizationally Unique Identifier.
    pub oui: String,
    /// The registered vendor, if known.
    pub vendor: Option<Vendor>,
    /// I/G bit clear: meant for one receiver.
    pub unicast: bool,
    /// I/G bit set: meant for a group.
    pub multicast: bool,
    /// ff:ff:ff:ff:ff:ff, every host on the link.
    pub broadcast: bool,
    /// U/L bit set: assigned by software (random/private MACs, VMs, containers), not by the maker.
    pub locally_administered: bool,
    /// The IPv6 link-local address SLAAC would derive from it (modified EUI-64), for unicast MACs.
    pub ipv6_link_local_eui64: Option<Ipv6Addr>,
    /// Remarks on well-known addresses.
    pub notes: Vec<String>,
}

/// Decodes a MAC address.
pub fn describe(mac: [u8; 6]) -> MacInfo {
    let colon = format_mac(&mac);
    let bare: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    let multicast = is_multicast(mac);
    let broadcast = is_broadcast(mac);
    let locally_administered = is_local(mac);
    let mut notes = Vec::new();
    if broadcast {
        notes.push(
            "the broadcast address: every host on the link receives it (ARP requests go here)"
                .into(),
        );
    } else if mac[..3] == [0x01, 0x00, 0x5e] && mac[3] & 0x80 == 0 {
        notes.push(format!(
            "IPv4 multicast: carries group 224-239.{}.{}.{} (the low 23 bits of the group address)",
            mac[3] & 0x7f,
            mac[4],
            mac[5]
        ));
    } else if mac[..2] == [0x33, 0x33] {
        notes.push(format!(
            "IPv6 multicast: carries a group ending in {:02x}{:02x}:{:02x}{:02x} (e.g. ff02::1 all nodes, ff02::1:ffXX:XXXX solicited-node)",
            mac[2], mac[3], mac[4], mac[5]
        ));
    } else if mac[..5] == [0x01, 0x80, 0xc2, 0x00, 0x00] {
        notes.push("IEEE 802.1 link-local group (STP, LLDP, LACP, pause frames): never forwarded by bridges".into());
    } else if mac == [0; 6] {
        notes.push("all zeros: not a real station address (unset or placeholder)".into());
    }
    if locally_administered && !multicast {
        notes.push(
            "locally administered: set by software (randomized 'private' Wi-Fi MAC, VM, container, veth), so the first six hex digits do not name a maker"
                .into(),
        );
    }
    let eui64 = eui64_link_local(mac);
    MacInfo {
        forms: Forms {
            colon: colon.clone(),
            hyphen: colon.replace(':', "-").to_uppercase(),
            cisco: format!("{}.{}.{}", &bare[..4], &bare[4..8], &bare[8..]),
            bare,
        },
        oui: colon[..8].to_string(),
        mac: colon,
        vendor: oui::lookup(mac),
        unicast: !multicast,
        multicast,
        broadcast,
        locally_administered,
        ipv6_link_local_eui64: eui64,
        notes,
    }
}

impl Report for MacInfo {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let label = |l: &str| ui.paint(Paint::Bold, format!("{:<11}", format!("{l}:")));
        writeln!(out, "{} {}", label("MAC"), ui.paint(Paint::Good, &self.mac))?;
        writeln!(
            out,
            "{} {} (Windows) · {} (Cisco) · {} (bare)",
            label("Forms"),
            self.forms.hyphen,
            self.forms.cisco,
            self.forms.bare
        )?;
        let vendor = match (&self.vendor, self.locally_administered) {
            (Some(v), _) => format!(
                "{} (prefix {}, {} /{})",
                v.name, v.prefix, v.registry, v.bits
            ),
            (None, true) => "none: locally administered address".into(),
            (None, false) => "unknown: prefix not in the IEEE registry".into(),
        };
        writeln!(out, "{} {}", label("OUI"), self.oui)?;
        writeln!(out, "{} {vendor}", label("Vendor"))?;
        let cast = if self.broadcast {
            "broadcast (I/G bit 1: a group, here every host)"
        } else if self.multicast {
            "multicast (I/G bit 1: a group of receivers)"
        } else {
            "unicast (I/G bit 0: one receiver)"
        };
        writeln!(out, "{} {cast}", label("Cast"))?;
        let admin = if self.locally_administered {
            "local (U/L bit 1: assigned by software)"
        } else {
            "universal (U/L bit 0: assigned by the maker)"
        };
        writeln!(out, "{} {admin}", label("Scope"))?;
        if let Some(ll) = self.ipv6_link_local_eui64 {
            writeln!(out, "{} {ll} (SLAAC EUI-64 link-local)", label("IPv6"))?;
        }
        for note in &self.notes {
            writeln!(out, "{} {note}", ui.paint(Paint::Dim, "note:"))?;
        }
        Ok(())
    }
}

/// Runs `netkit mac`.
pub fn run(args: &MacArgs, ui: &Ui) -> Result<u8> {
    emit(ui, &describe(args.address))
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: [u8; 6] = [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];

    #[test]
    fn bits_and_forms() {
        let i = describe(M);
        assert_eq!(i.forms.hyphen, "AA-BB-CC-DD-EE-FF");
        assert_eq!(i.forms.cisco, "aabb.ccdd.eeff");
        assert!(i.locally_administered && !i.multicast && i.vendor.is_none());
        let b = describe([0xff; 6]);
        assert!(b.broadcast && b.multicast && b.ipv6_link_local_eui64.is_none());
        let m = describe([0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb]);
        assert!(m.notes[0].contains("224-239.0.0.251"), "{:?}", m.notes);
        let u = describe([0x00, 0x00, 0x0c, 0x12, 0x34, 0x56]);
        assert!(u.unicast && !u.locally_administered && u.vendor.is_some());
        assert_eq!(
            u.ipv6_link_local_eui64.unwrap().to_string(),
            "fe80::200:cff:fe12:3456"
        );
    }
}
