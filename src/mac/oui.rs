//! Vendor lookup for MAC addresses from an embedded, offline copy of the IEEE registries
//! (MA-L 24-bit, MA-M 28-bit, MA-S 36-bit, CID, IAB), longest prefix first. Shared by `mac`,
//! and later by `ifaces` and `arp` output.

use serde::Serialize;

/// Who a MAC address prefix is registered to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vendor {
    /// The organization's name as registered with the IEEE.
    pub name: String,
    /// The registered prefix, colon-separated lowercase hex ("3c:22:fb", "70:b3:d5:1e:0").
    pub prefix: String,
    /// Prefix length in bits (24, 28 or 36).
    pub bits: u8,
    /// The IEEE registry: MA-L, MA-M, MA-S, CID or IAB.
    pub registry: &'static str,
}

/// Looks up the vendor of a MAC address (longest registered prefix wins). Locally administered
/// addresses have no vendor, except those in the CID registry (which is made of such addresses).
/// A group address is registered under its OUI with the I/G bit clear (01:00:5e is IANA's 00:00:5e).
pub fn lookup(mut mac: [u8; 6]) -> Option<Vendor> {
    mac[0] &= !0x01;
    let hex: String = mac.iter().map(|b| format!("{b:02X}")).collect();
    let rec = oui_data::lookup(&hex)?;
    let (bits, registry) = match rec.registry() {
        oui_data::Registry::Mal => (24, "MA-L"),
        oui_data::Registry::Mam => (28, "MA-M"),
        oui_data::Registry::Mas => (36, "MA-S"),
        oui_data::Registry::Cid => (24, "CID"),
        oui_data::Registry::Iab => (36, "IAB"),
    };
    let locally_administered = mac[0] & 0x02 != 0;
    if locally_administered && registry != "CID" {
        return None;
    }
    let prefix_hex = &hex[..(bits as usize / 4)];
    let prefix = prefix_hex
        .as_bytes()
        .chunks(2)
        .map(|c| String::from_utf8_lossy(c).to_lowercase())
        .collect::<Vec<_>>()
        .join(":");
    Some(Vendor {
        name: rec.organization().trim().to_string(),
        prefix,
        bits,
        registry,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins() {
        // 24-bit MA-L.
        let v = lookup([0x00, 0x00, 0x0c, 0x12, 0x34, 0x56]).unwrap();
        assert_eq!(
            (v.bits, v.registry, v.prefix.as_str()),
            (24, "MA-L", "00:00:0c")
        );
        assert!(v.name.to_lowercase().contains("cisco"), "{v:?}");
        // 28-bit MA-M inside a block registered to the IEEE registration authority.
        let v = lookup([0xb8, 0x4c, 0x87, 0x40, 0x00, 0x00]).unwrap();
        assert_eq!((v.bits, v.registry), (28, "MA-M"));
        // 36-bit MA-S.
        let v = lookup([0x8c, 0x1f, 0x64, 0xaf, 0xa0, 0x00]).unwrap();
        assert_eq!(
            (v.bits, v.registry, v.prefix.as_str()),
            (36, "MA-S", "8c:1f:64:af:a")
        );
    }

    #[test]
    fn locally_administered_has_no_vendor() {
        assert_eq!(lookup([0x02, 0x00, 0x0c, 0x12, 0x34, 0x56]), None);
        // ...except the CID registry, which is made of locally administered prefixes.
        assert_eq!(
            lookup([0xea, 0x27, 0x01, 0, 0, 0]).map(|v| v.registry),
            Some("CID")
        );
        assert_eq!(lookup([0xff; 6]), None);
    }

    #[test]
    fn group_addresses_use_the_oui_without_the_ig_bit() {
        let v = lookup([0x01, 0x00, 0x5e, 0, 0, 0xfb]).unwrap();
        assert_eq!(v.prefix, "00:00:5e");
        assert!(v.name.contains("IANA"), "{v:?}");
    }
}
