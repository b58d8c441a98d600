//! MAC addresses as people write them: parsed from any common notation, printed lowercase with
//! colons (netkit's one notation). Pure logic.

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
        let m = self.0;
        write!(
            f,
            "{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}",
            m[0], m[1], m[2], m[3], m[4], m[5]
        )
    }
}

impl serde::Serialize for Mac {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
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
    mac.iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

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
}
