//! MAC addresses as people write them: parsed from any common notation, printed lowercase with
//! colons (netkit's one notation); and the addresses a standard gives a meaning of their own
//! (broadcast, all zeros, the multicast ranges, bridge groups, VRRP). Pure logic.

use std::net::Ipv6Addr;

use crate::error::{Error, Result};
use crate::i18n::{Text, t};

/// Parses a MAC address in any common notation: `aa:bb:cc:dd:ee:ff` (also `a:b:c:d:e:f`),
/// `aa-bb-cc-dd-ee-ff`, Cisco `aabb.ccdd.eeff`, bare `aabbccddeeff`; any letter case.
pub fn parse_mac(input: &str) -> Result<[u8; 6]> {
    let s = input.trim();
    let bad = |reason: Text| Error::bad(t!("mac-what"), input, reason);
    let not_hex = |c: char| bad(t!("mac-bad-not-hex", digit = c).into());
    let hex_groups = |groups: Vec<&str>, digits: usize| -> Result<Vec<u8>> {
        let mut bytes = Vec::with_capacity(6);
        for g in groups {
            if g.is_empty() || g.len() > digits {
                return Err(bad(
                    t!("mac-bad-group-digits", group = g, digits = digits).into()
                ));
            }
            if let Some(c) = g.chars().find(|c| !c.is_ascii_hexdigit()) {
                return Err(not_hex(c));
            }
            let value = u32::from_str_radix(g, 16).map_err(|e| bad(e.to_string().into()))?;
            for i in (0..digits / 2).rev() {
                bytes.push((value >> (8 * i)) as u8);
            }
        }
        Ok(bytes)
    };
    if s.is_empty() {
        return Err(bad(t!("mac-bad-empty").into()));
    }
    let bytes = if let Some(sep) = [':', '-'].into_iter().find(|&c| s.contains(c)) {
        let groups: Vec<&str> = s.split(sep).collect();
        if groups.len() != 6 {
            return Err(bad(t!(
                "mac-bad-groups",
                separator = sep,
                groups = groups.len()
            )
            .into()));
        }
        hex_groups(groups, 2)?
    } else if s.contains('.') {
        let groups: Vec<&str> = s.split('.').collect();
        if groups.len() != 3 || groups.iter().any(|g| g.len() != 4) {
            return Err(bad(t!("mac-bad-cisco").into()));
        }
        hex_groups(groups, 4)?
    } else {
        let digits = s.chars().count();
        if digits != 12 {
            return Err(bad(t!("mac-bad-length", digits = digits).into()));
        }
        // Sliced by bytes below: only ASCII may get there.
        if let Some(c) = s.chars().find(|c| !c.is_ascii()) {
            return Err(not_hex(c));
        }
        hex_groups(vec![&s[..4], &s[4..8], &s[8..]], 4)?
    };
    let mut mac = [0u8; 6];
    mac.copy_from_slice(&bytes);
    Ok(mac)
}

/// An Ethernet (EUI-48) address, shown and serialized lowercase with colons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mac(pub [u8; 6]);

impl Mac {
    /// The address in `bytes` when they are exactly six.
    pub fn from_slice(bytes: &[u8]) -> Option<Mac> {
        bytes.try_into().ok().map(Mac)
    }
}

impl std::fmt::Display for Mac {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        ColonHex(&self.0).fmt(f)
    }
}

/// The I/G bit: a group address (multicast or broadcast), not one station's.
pub fn is_multicast(mac: [u8; 6]) -> bool {
    mac[0] & 0x01 != 0
}

/// The U/L bit: assigned by software (random Wi-Fi MACs, VMs, containers), not by the maker.
pub fn is_local(mac: [u8; 6]) -> bool {
    mac[0] & 0x02 != 0
}

/// ff:ff:ff:ff:ff:ff, every station on the link.
pub fn is_broadcast(mac: [u8; 6]) -> bool {
    mac == [0xff; 6]
}

/// A MAC address whose meaning a standard fixes, rather than one a maker or software gave a
/// station: its bits (the I/G and U/L bits, the prefix) do not say what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Special {
    /// ff:ff:ff:ff:ff:ff: every station on the link.
    Broadcast,
    /// 00:00:00:00:00:00: no station's address ("not known" in an ARP request, "none" on lo).
    AllZero,
    /// 01:00:5e:00:00:00 to 01:00:5e:7f:ff:ff: an IPv4 multicast group (RFC 1112).
    Ipv4Multicast,
    /// 33:33:xx:xx:xx:xx: an IPv6 multicast group (RFC 2464).
    Ipv6Multicast,
    /// 01:80:c2:00:00:00 to 01:80:c2:00:00:0f: an IEEE 802.1 link-local group (STP, LLDP, LACP,
    /// pause frames), which bridges never forward.
    BridgeGroup,
    /// 00:00:5e:00:01:xx (IPv4) and 00:00:5e:00:02:xx (IPv6): a VRRP virtual router (RFC 5798),
    /// a gateway address that several routers share.
    Vrrp,
}

/// What standard, if any, gives `mac` its meaning.
pub fn special(mac: [u8; 6]) -> Option<Special> {
    Some(match mac {
        [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] => Special::Broadcast,
        [0, 0, 0, 0, 0, 0] => Special::AllZero,
        [0x01, 0x00, 0x5e, b, _, _] if b & 0x80 == 0 => Special::Ipv4Multicast,
        [0x33, 0x33, _, _, _, _] => Special::Ipv6Multicast,
        [0x01, 0x80, 0xc2, 0x00, 0x00, b] if b <= 0x0f => Special::BridgeGroup,
        [0x00, 0x00, 0x5e, 0x00, 0x01 | 0x02, _] => Special::Vrrp,
        _ => return None,
    })
}

/// The IPv6 link-local address SLAAC derives from a unicast MAC (modified EUI-64, RFC 4291);
/// None for a group address.
pub fn eui64_link_local(mac: [u8; 6]) -> Option<Ipv6Addr> {
    if is_multicast(mac) {
        return None;
    }
    let mut octets = [0u8; 16];
    octets[0] = 0xfe;
    octets[1] = 0x80;
    octets[8..11].copy_from_slice(&mac[..3]);
    octets[8] ^= 0x02;
    octets[11] = 0xff;
    octets[12] = 0xfe;
    octets[13..].copy_from_slice(&mac[3..]);
    Some(Ipv6Addr::from(octets))
}

/// Lowercase colon-separated form, netkit's default notation (any hardware address length).
pub fn format_mac(mac: &[u8]) -> String {
    ColonHex(mac).to_string()
}

/// Bytes written as lowercase hex pairs joined by colons: every hardware address's notation.
struct ColonHex<'a>(&'a [u8]);

impl std::fmt::Display for ColonHex<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// A link-layer address of any length, as the kernel reports one (6 bytes on Ethernet and
/// Wi-Fi, 20 on InfiniBand, 4 on an IPv4 tunnel, none on some links): shown and serialized
/// lowercase with colons, like [`Mac`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct HwAddr(pub Vec<u8>);

impl From<&[u8]> for HwAddr {
    fn from(bytes: &[u8]) -> HwAddr {
        HwAddr(bytes.to_vec())
    }
}

impl From<Mac> for HwAddr {
    fn from(mac: Mac) -> HwAddr {
        HwAddr(mac.0.to_vec())
    }
}

impl std::fmt::Display for HwAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        ColonHex(&self.0).fmt(f)
    }
}

/// The first `bits` bits of a MAC address: the maker's prefix (an OUI is 24 bits; the IEEE
/// also registers 28- and 36-bit blocks). Written as the hex digits those bits make, in
/// colon-separated pairs: `3c:22:fb`, `70:b3:d5:1e:0`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MacPrefix {
    /// The address with every bit after the prefix cleared.
    bytes: [u8; 6],
    /// How many leading bits belong to the prefix: a multiple of 4, at most 48.
    bits: u8,
}

impl MacPrefix {
    /// The first `bits` bits of `mac`, rounded down to whole hex digits.
    pub fn of(mac: Mac, bits: u8) -> MacPrefix {
        let bits = bits.min(48) / 4 * 4;
        let mut bytes = [0u8; 6];
        let whole = usize::from(bits / 8);
        bytes[..whole].copy_from_slice(&mac.0[..whole]);
        if !bits.is_multiple_of(8) {
            bytes[whole] = mac.0[whole] & 0xf0;
        }
        MacPrefix { bytes, bits }
    }

    /// The Organizationally Unique Identifier: the first three octets as written.
    pub fn oui(mac: Mac) -> MacPrefix {
        MacPrefix::of(mac, 24)
    }

    /// The prefix length in bits.
    pub fn bits(&self) -> u8 {
        self.bits
    }
}

impl std::fmt::Display for MacPrefix {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = usize::from(self.bits / 4);
        ColonHex(&self.bytes[..digits / 2]).fmt(f)?;
        if !digits.is_multiple_of(2) {
            if digits > 1 {
                f.write_str(":")?;
            }
            write!(f, "{:x}", self.bytes[digits / 2] >> 4)?;
        }
        Ok(())
    }
}

crate::util::text_value!(Mac, HwAddr, MacPrefix);

#[cfg(test)]
mod tests {
    use super::*;

    const M: [u8; 6] = [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff];

    #[test]
    fn every_notation() {
        for s in [
            "aa:bb:cc:dd:ee:ff",
            "AA-BB-CC-DD-EE-FF",
            "aabb.ccdd.eeff",
            "AABBCCDDEEFF",
            " aa:BB:cc:dd:ee:ff ",
        ] {
            assert_eq!(parse_mac(s).unwrap(), M, "{s}");
        }
        assert_eq!(parse_mac("0:1b:2:3:4:5").unwrap(), [0, 0x1b, 2, 3, 4, 5]);
    }

    #[test]
    fn bad_macs_say_why() {
        let e = |s: &str| parse_mac(s).unwrap_err().to_string();
        assert!(e("aa:bb:cc:dd:ee").contains("6 groups"));
        assert!(e("aa:bb:cc:dd:ee:gg").contains("'g' is not a hexadecimal"));
        assert!(e("aabbccddeef").contains("12 hex digits"));
        assert!(e("aab.bccd.deeff").contains("Cisco"));
        assert!(e("aaa:bb:cc:dd:ee:ff").contains("2 hex digits"));
        assert!(e("").contains("empty"));
        assert!(e("aa:bb-cc:dd:ee:ff").contains("6 groups"));
        assert!(parse_mac("ééééééééééé").is_err());
    }

    /// Issue 29 section 1: hardware addresses and prefixes are types, written as before.
    #[test]
    fn hardware_addresses_and_prefixes_are_written_as_ip_writes_them() {
        assert_eq!(HwAddr(vec![]).to_string(), "");
        assert_eq!(HwAddr(vec![0xc0, 0, 2, 1]).to_string(), "c0:00:02:01");
        assert_eq!(HwAddr::from(Mac(M)).to_string(), format_mac(&M));
        let p = |bits| MacPrefix::of(Mac(M), bits).to_string();
        assert_eq!(p(24), "aa:bb:cc");
        assert_eq!(p(28), "aa:bb:cc:d");
        assert_eq!(p(36), "aa:bb:cc:dd:e");
        assert_eq!(p(48), "aa:bb:cc:dd:ee:ff");
        assert_eq!(p(4), "a");
        assert_eq!(p(0), "");
        assert_eq!(MacPrefix::oui(Mac(M)), MacPrefix::of(Mac(M), 24));
        assert_eq!(
            MacPrefix::of(Mac(M), 28),
            MacPrefix::of(Mac([0xaa, 0xbb, 0xcc, 0xd0, 0, 0]), 28)
        );
        assert_eq!(
            serde_json::to_string(&MacPrefix::of(Mac(M), 36)).unwrap(),
            "\"aa:bb:cc:dd:e\""
        );
        assert_eq!(
            serde_json::to_string(&HwAddr(vec![0xff, 0x0a])).unwrap(),
            "\"ff:0a\""
        );
    }

    /// Issue 27 item 3: the addresses a standard fixes are told apart from a station's, at the
    /// edges of each range.
    #[test]
    fn special_addresses_and_their_edges() {
        let cases: [([u8; 6], Option<Special>); 12] = [
            ([0xff; 6], Some(Special::Broadcast)),
            ([0xff, 0xff, 0xff, 0xff, 0xff, 0xfe], None),
            ([0; 6], Some(Special::AllZero)),
            (
                [0x01, 0x00, 0x5e, 0x7f, 0xff, 0xff],
                Some(Special::Ipv4Multicast),
            ),
            ([0x01, 0x00, 0x5e, 0x80, 0x00, 0x00], None),
            (
                [0x33, 0x33, 0xff, 0x00, 0x00, 0x01],
                Some(Special::Ipv6Multicast),
            ),
            (
                [0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e],
                Some(Special::BridgeGroup),
            ),
            ([0x01, 0x80, 0xc2, 0x00, 0x00, 0x10], None),
            ([0x00, 0x00, 0x5e, 0x00, 0x01, 0x07], Some(Special::Vrrp)),
            ([0x00, 0x00, 0x5e, 0x00, 0x02, 0x07], Some(Special::Vrrp)),
            ([0x00, 0x00, 0x5e, 0x00, 0x03, 0x07], None),
            ([0x00, 0x16, 0x3e, 0x00, 0x00, 0x01], None),
        ];
        for (mac, want) in cases {
            assert_eq!(special(mac), want, "{}", Mac(mac));
        }
    }
}
