//! `netkit mac ADDR`: decode a MAC address as a primer explains it: notations, the maker (the
//! first six hex digits, the OUI), unicast vs multicast (I/G bit), universal vs local (U/L bit).
//! Every word of its view comes from the catalogs (i18n/LANG/mac.ftl); its notes are messages,
//! English in JSON.

use std::io::{self, Write};
use std::net::Ipv6Addr;

use serde::Serialize;

use crate::cli::MacArgs;
use crate::error::Result;
use crate::i18n::{Message, t};
use crate::net::hwaddr::{eui64_link_local, format_mac, is_broadcast, is_local, is_multicast};
use crate::net::oui::{self, Vendor};
use crate::output::{Paint, Report, Ui, emit, pad, visible_len};

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
    let mut notes = Vec::new();
    if broadcast {
        notes.push(t!("mac-note-broadcast"));
    } else if mac[..3] == [0x01, 0x00, 0x5e] && mac[3] & 0x80 == 0 {
        let group = format!("{}.{}.{}", mac[3] & 0x7f, mac[4], mac[5]);
        notes.push(t!("mac-note-ipv4-multicast", group = group));
    } else if mac[..2] == [0x33, 0x33] {
        let low = format!("{:02x}{:02x}:{:02x}{:02x}", mac[2], mac[3], mac[4], mac[5]);
        notes.push(t!("mac-note-ipv6-multicast", low = low));
    } else if mac[..5] == [0x01, 0x80, 0xc2, 0x00, 0x00] {
        notes.push(t!("mac-note-ieee-link-local"));
    } else if mac == [0; 6] {
        notes.push(t!("mac-note-zeros"));
    }
    if locally_administered && !multicast {
        notes.push(t!("mac-note-local"));
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
        let labels = [
            t!("mac-label-mac"),
            t!("mac-label-forms"),
            t!("mac-label-oui"),
            t!("mac-label-vendor"),
            t!("mac-label-cast"),
            t!("mac-label-scope"),
            t!("mac-label-ipv6"),
        ]
        .map(|l| t!("common-label", label = l).to_string());
        // Values line up after the widest label (by display width: a Chinese label is twice
        // as wide as its characters), and at least 11 columns in.
        let width = labels
            .iter()
            .map(|l| visible_len(l))
            .max()
            .unwrap_or(0)
            .max(11);
        let label = |i: usize| ui.paint(Paint::Bold, pad(&labels[i], width));
        writeln!(out, "{} {}", label(0), ui.paint(Paint::Good, &self.mac))?;
        let forms = t!(
            "mac-forms",
            hyphen = &self.forms.hyphen,
            cisco = &self.forms.cisco,
            bare = &self.forms.bare
        );
        writeln!(out, "{} {forms}", label(1))?;
        let vendor = match (&self.vendor, self.locally_administered) {
            (Some(v), _) => t!(
                "mac-vendor",
                name = &v.name,
                prefix = &v.prefix,
                registry = v.registry.to_string(),
                bits = v.bits
            ),
            (None, true) => t!("mac-vendor-none"),
            (None, false) => t!("mac-vendor-unknown"),
        };
        writeln!(out, "{} {}", label(2), self.oui)?;
        writeln!(out, "{} {vendor}", label(3))?;
        let cast = if self.broadcast {
            t!("mac-cast-broadcast")
        } else if self.multicast {
            t!("mac-cast-multicast")
        } else {
            t!("mac-cast-unicast")
        };
        writeln!(out, "{} {cast}", label(4))?;
        let admin = if self.locally_administered {
            t!("mac-scope-local")
        } else {
            t!("mac-scope-universal")
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
}
