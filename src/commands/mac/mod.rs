//! `netkit mac ADDR`: decode a MAC address as a primer explains it: notations, the maker (the
//! first six hex digits, the OUI), unicast vs multicast (I/G bit), universal vs local (U/L bit);
//! and for the addresses a standard fixes (broadcast, all zeros, multicast ranges, bridge
//! groups, VRRP) what they are instead of what their bits would say of a station's. Every word
//! of its view comes from the catalogs (i18n/LANG/mac.ftl); its notes are messages, English in
//! JSON.

use std::io::{self, Write};
use std::net::Ipv6Addr;

use serde::Serialize;

use crate::cli::MacArgs;
use crate::error::Result;
use crate::i18n::{Message, t};
use crate::net::hwaddr::{
    Mac, MacPrefix, Special, eui64_link_local, format_mac, is_broadcast, is_local, is_multicast,
    special,
};
use crate::net::oui::{self, Vendor};
use crate::output::{Paint, Report, Ui, emit, labels, pad};

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
    pub mac: Mac,
    /// Other notations.
    pub forms: Forms,
    /// The first three octets, the Organizationally Unique Identifier.
    pub oui: MacPrefix,
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
    /// Remarks on well-known addresses (English in JSON).
    pub notes: Vec<Message>,
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
        Some(Special::Broadcast) => notes.push(t!("mac-note-broadcast")),
        Some(Special::AllZero) => notes.push(t!("mac-note-zeros")),
        Some(Special::Ipv4Multicast) => {
            let group = format!("{}.{}.{}", mac[3] & 0x7f, mac[4], mac[5]);
            notes.push(t!("mac-note-ipv4-multicast", group = group));
        }
        Some(Special::Ipv6Multicast) => {
            let low = format!("{:02x}{:02x}:{:02x}{:02x}", mac[2], mac[3], mac[4], mac[5]);
            notes.push(t!("mac-note-ipv6-multicast", low = low));
        }
        Some(Special::BridgeGroup) => notes.push(t!("mac-note-ieee-link-local")),
        Some(Special::Vrrp) => {
            let family = if mac[4] == 0x01 { "IPv4" } else { "IPv6" };
            notes.push(t!("mac-note-vrrp", router = mac[5], family = family));
        }
        None if locally_administered && !multicast => notes.push(t!("mac-note-local")),
        None => {}
    }
    // A station derives its link-local address from its own MAC, never from one of these.
    let eui64 = eui64_link_local(mac).filter(|_| special.is_none());
    MacInfo {
        forms: Forms {
            hyphen: colon.replace(':', "-").to_uppercase(),
            colon,
            cisco: format!("{}.{}.{}", &bare[..4], &bare[4..8], &bare[8..]),
            bare,
        },
        oui: MacPrefix::oui(Mac(mac)),
        mac: Mac(mac),
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
        // Values line up after the widest label, at least 11 columns in.
        let (labels, width) = labels(
            [
                t!("mac-label-mac"),
                t!("mac-label-forms"),
                t!("mac-label-oui"),
                t!("mac-label-vendor"),
                t!("mac-label-cast"),
                t!("mac-label-scope"),
                t!("mac-label-ipv6"),
            ],
            11,
        );
        let label = |i: usize| ui.paint(Paint::Bold, pad(&labels[i], width));
        writeln!(out, "{} {}", label(0), ui.paint(Paint::Good, self.mac))?;
        let forms = t!(
            "mac-forms",
            hyphen = &self.forms.hyphen,
            cisco = &self.forms.cisco,
            bare = &self.forms.bare
        );
        writeln!(out, "{} {forms}", label(1))?;
        let vendor = match (&self.vendor, self.special, self.locally_administered) {
            (_, Some(Special::Broadcast), _) => t!("mac-vendor-broadcast"),
            (_, Some(Special::AllZero), _) => t!("mac-vendor-zeros"),
            (_, Some(Special::Ipv6Multicast), _) => t!("mac-vendor-ipv6-multicast"),
            (Some(v), _, _) => t!(
                "mac-vendor",
                name = &v.name,
                prefix = &v.prefix,
                registry = v.registry.to_string(),
                bits = v.bits()
            ),
            (None, _, true) => t!("mac-vendor-none"),
            (None, _, false) => t!("mac-vendor-unknown"),
        };
        writeln!(out, "{} {}", label(2), self.oui)?;
        writeln!(out, "{} {vendor}", label(3))?;
        let cast = match self.special {
            Some(Special::Broadcast) => t!("mac-cast-broadcast"),
            Some(Special::AllZero) => t!("mac-cast-zeros"),
            _ if self.multicast => t!("mac-cast-multicast"),
            _ => t!("mac-cast-unicast"),
        };
        writeln!(out, "{} {cast}", label(4))?;
        let admin = match self.special {
            Some(Special::Broadcast) => t!("mac-scope-broadcast"),
            Some(Special::Ipv6Multicast) => t!("mac-scope-ipv6-multicast"),
            Some(Special::AllZero) => t!("mac-scope-zeros"),
            _ if self.locally_administered => t!("mac-scope-local"),
            _ => t!("mac-scope-universal"),
        };
        writeln!(out, "{} {admin}", label(5))?;
        if let Some(ll) = self.ipv6_link_local_eui64 {
            writeln!(out, "{} {}", label(6), t!("mac-ipv6", address = ll))?;
        }
        let note = t!("common-label", label = t!("common-note"));
        let gap = t!("common-label-gap");
        for text in &self.notes {
            writeln!(out, "{}{gap}{text}", ui.paint(Paint::Dim, &note))?;
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
        assert!(
            m.notes[0].english().contains("224-239.0.0.251"),
            "{:?}",
            m.notes
        );
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
            v.notes[0]
                .english()
                .contains("VRRP virtual router 7 of the IPv4 routers"),
            "{:?}",
            v.notes
        );
        // A station's address is no special one.
        assert_eq!(describe(M).special, None);
    }
}
