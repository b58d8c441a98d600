//! `netkit mac ADDR`: decode a MAC address as a primer explains it: notations, the maker (the
//! first six hex digits, the OUI), unicast vs multicast (I/G bit), universal vs local (U/L bit);
//! and for the addresses a standard fixes (broadcast, all zeros, multicast ranges, bridge
//! groups, VRRP) what they are instead of what their bits would say of a station's.

use std::io::{self, Write};
use std::net::Ipv6Addr;

use serde::Serialize;

use crate::cli::MacArgs;
use crate::error::Result;
use crate::net::hwaddr::{
    Special, eui64_link_local, format_mac, is_broadcast, is_local, is_multicast, special,
};
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
    /// What a standard makes of this address (null: a station's address, as its bits say):
    /// broadcast, all_zero, ipv4_multicast, ipv6_multicast, bridge_group or vrrp.
    pub special: Option<Special>,
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
    let special = special(mac);
    let mut notes = Vec::new();
    match special {
        Some(Special::Broadcast) => notes.push(
            "the broadcast address: every host on the link receives a frame sent to it (ARP \
             requests and DHCP discovers go there), and no host has it as its own"
                .into(),
        ),
        Some(Special::AllZero) => notes.push(
            "all zeros: no station's address; it stands for \"not known\" (the target MAC of \
             an ARP request) or \"none\" (an interface without a link layer, such as lo)"
                .into(),
        ),
        Some(Special::Ipv4Multicast) => notes.push(format!(
            "IPv4 multicast: carries group 224-239.{}.{}.{} (the low 23 bits of the group address)",
            mac[3] & 0x7f,
            mac[4],
            mac[5]
        )),
        Some(Special::Ipv6Multicast) => notes.push(format!(
            "IPv6 multicast: carries a group ending in {:02x}{:02x}:{:02x}{:02x} (e.g. ff02::1 all nodes, ff02::1:ffXX:XXXX solicited-node)",
            mac[2], mac[3], mac[4], mac[5]
        )),
        Some(Special::BridgeGroup) => notes.push("IEEE 802.1 link-local group (STP, LLDP, LACP, pause frames): never forwarded by bridges".into()),
        Some(Special::Vrrp) => notes.push(format!(
            "VRRP virtual router {} of the {} routers (RFC 5798): the MAC of a gateway address \
             several routers share, answered by whichever of them is master",
            mac[5],
            if mac[4] == 0x01 { "IPv4" } else { "IPv6" }
        )),
        None if locally_administered && !multicast => notes.push(
            "locally administered: set by software (randomized 'private' Wi-Fi MAC, VM, container, veth), so the first six hex digits do not name a maker"
                .into(),
        ),
        None => {}
    }
    // A station derives its link-local address from its own MAC, never from one of these.
    let eui64 = eui64_link_local(mac).filter(|_| special.is_none());
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
        special,
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
        let vendor = match (&self.vendor, self.special, self.locally_administered) {
            (_, Some(Special::Broadcast), _) => {
                "none: the broadcast address belongs to no maker".into()
            }
            (_, Some(Special::AllZero), _) => {
                "none: no device has the all-zero address (its prefix 00:00:00 is registered, \
                 which is why some tools name a maker)"
                    .into()
            }
            (_, Some(Special::Ipv6Multicast), _) => {
                "none: 33:33 is set aside for IPv6 multicast (RFC 2464), not a maker's prefix"
                    .into()
            }
            (Some(v), _, _) => format!(
                "{} (prefix {}, {} /{})",
                v.name, v.prefix, v.registry, v.bits
            ),
            (None, _, true) => "none: locally administered address".into(),
            (None, _, false) => "unknown: prefix not in the IEEE registry".into(),
        };
        writeln!(out, "{} {}", label("OUI"), self.oui)?;
        writeln!(out, "{} {vendor}", label("Vendor"))?;
        let cast = match self.special {
            Some(Special::Broadcast) => "broadcast (I/G bit 1: a group, here every host)",
            Some(Special::AllZero) => "none: no station sends from it (its I/G bit is 0)",
            _ if self.multicast => "multicast (I/G bit 1: a group of receivers)",
            _ => "unicast (I/G bit 0: one receiver)",
        };
        writeln!(out, "{} {cast}", label("Cast"))?;
        let admin = match self.special {
            Some(Special::Broadcast) => {
                "fixed by the standard: its U/L bit is 1 only because all its bits are"
            }
            Some(Special::Ipv6Multicast) => {
                "fixed by RFC 2464 for IPv6 multicast: its U/L bit is 1, yet no software chose it"
            }
            Some(Special::AllZero) => "none: nobody assigned it (its U/L bit is 0)",
            _ if self.locally_administered => "local (U/L bit 1: assigned by software)",
            _ => "universal (U/L bit 0: assigned by the maker)",
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

    fn shown(mac: [u8; 6]) -> String {
        let mut out = Vec::new();
        describe(mac).human(&Ui::plain(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Issue 27 item 3: the broadcast address is not "locally administered, assigned by
    /// software"; the all-zero address names no maker and no EUI-64 address; 33:33 is IPv6
    /// multicast, not a software-assigned station.
    #[test]
    fn special_addresses_are_not_read_as_a_stations() {
        let b = shown([0xff; 6]);
        assert!(
            !b.contains("locally administered") && !b.contains("assigned by software"),
            "{b}"
        );
        assert!(b.contains("broadcast address belongs to no maker"), "{b}");
        let z = describe([0; 6]);
        assert_eq!(
            (z.vendor.is_none(), z.special),
            (true, Some(Special::AllZero))
        );
        assert_eq!(z.ipv6_link_local_eui64, None);
        let z = shown([0; 6]);
        assert!(
            !z.to_lowercase().contains("xerox") && z.contains("no device has"),
            "{z}"
        );
        let m = shown([0x33, 0x33, 0, 0, 0, 1]);
        assert!(
            m.contains("RFC 2464") && !m.contains("assigned by software"),
            "{m}"
        );
        let v = describe([0x00, 0x00, 0x5e, 0x00, 0x01, 0x07]);
        assert_eq!(v.special, Some(Special::Vrrp));
        assert!(
            v.notes[0].contains("VRRP virtual router 7 of the IPv4 routers"),
            "{:?}",
            v.notes
        );
        // A station's address is no special one.
        assert_eq!(describe(M).special, None);
    }
}
