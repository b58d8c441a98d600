//! A CIDR block (an address and a prefix length) and the arithmetic a primer teaches on it:
//! network and broadcast addresses, host range, counts, and the binary view. Pure logic.

use std::net::IpAddr;

use serde::Serialize;

use super::addr::{Cidr, Family, Mask, Prefixed, family_max, from_u128, prefix_to_mask, to_u128};
use crate::error::{Error, Result};
use crate::i18n::t;

/// An address together with a prefix length; the address may have host bits set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// IPv4 or IPv6.
    pub family: Family,
    /// The address as given, as an integer.
    pub addr: u128,
    /// Prefix length (number of 1-bits in the mask).
    pub prefix: u8,
}

/// A number of addresses: exact, serialized as a JSON number for IPv4 and as a decimal string for
/// IPv6 (whose counts overflow what JSON readers hold exactly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// IPv4 or IPv6 (decides the JSON form).
    pub family: Family,
    /// The count; `None` means exactly 2^128 (all of IPv6).
    pub value: Option<u128>,
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            Some(v) => write!(f, "{v}"),
            None => f.write_str("340282366920938463463374607431768211456"),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match (self.family, self.value) {
            (Family::V4, Some(v)) => s.serialize_u64(v as u64),
            _ => s.collect_str(self),
        }
    }
}

/// The usable host range of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hosts {
    /// First usable address.
    pub first: u128,
    /// Last usable address.
    pub last: u128,
    /// How many usable addresses.
    pub count: Count,
    /// The directed broadcast address (IPv4 /0-/30 only).
    pub broadcast: Option<u128>,
}

impl Block {
    /// A block from an address and a prefix (prefix must be valid for the family).
    pub fn new(addr: IpAddr, prefix: u8) -> Block {
        let family = Family::of(&addr);
        Block {
            family,
            addr: to_u128(&addr),
            prefix: prefix.min(family.bits()),
        }
    }

    /// Parses `CIDR` or `IP` + `MASK` (mask as prefix or netmask). A bare IP without mask is an
    /// error. The command line types both parts itself ([`Block::from_parts`]); tests use this.
    #[cfg(test)]
    pub fn parse(address: &str, mask: Option<&str>) -> Result<Block> {
        let mask = mask.map(Mask::parse).transpose()?;
        Block::from_parts(Prefixed::parse(address)?, mask)
    }

    /// The block of an address with its own prefix, or with `mask` (the two must agree when both
    /// are given; one of them is needed).
    pub fn from_parts(address: Prefixed, mask: Option<Mask>) -> Result<Block> {
        let family = Family::of(&address.addr);
        let prefix = match (address.prefix, mask) {
            (Some(p), None) => p,
            (None, Some(m)) => m.prefix_for(family)?,
            (Some(p), Some(m)) => {
                let q = m.prefix_for(family)?;
                if p != q {
                    return Err(Error::usage(t!(
                        "addr-prefix-and-mask",
                        address = address.to_string(),
                        prefix = p,
                        mask = q
                    )));
                }
                p
            }
            (None, None) => {
                return Err(Error::usage(t!(
                    "addr-no-mask",
                    address = address.to_string()
                )));
            }
        };
        Ok(Block::new(address.addr, prefix))
    }

    /// Width of the family in bits.
    pub fn bits(&self) -> u8 {
        self.family.bits()
    }

    /// The mask as an integer.
    pub fn mask(&self) -> u128 {
        prefix_to_mask(self.family, self.prefix)
    }

    /// The wildcard (inverse) mask as an integer.
    pub fn wildcard(&self) -> u128 {
        !self.mask() & family_max(self.family)
    }

    /// The network address (address AND mask).
    pub fn network(&self) -> u128 {
        self.addr & self.mask()
    }

    /// The last address of the block.
    pub fn last(&self) -> u128 {
        self.network() | self.wildcard()
    }

    /// Total addresses in the block.
    pub fn size(&self) -> Count {
        let host_bits = (self.bits() - self.prefix) as u32;
        Count {
            family: self.family,
            value: 1u128.checked_shl(host_bits),
        }
    }

    /// The usable hosts, as Python's `ipaddress` counts them: all but network and broadcast for
    /// IPv4 up to /30; both addresses of a /31 (point-to-point, RFC 3021) and of an IPv6 /127
    /// (RFC 6164); the one address of a /32 or /128; for other IPv6 blocks all but the network
    /// address, which is the Subnet-Router anycast address (RFC 4291 section 2.6.1).
    pub fn hosts(&self) -> Hosts {
        let (net, last) = (self.network(), self.last());
        let host_bits = self.bits() - self.prefix;
        match (self.family, host_bits) {
            (_, 0) | (_, 1) => Hosts {
                first: net,
                last,
                count: self.size(),
                broadcast: None,
            },
            (Family::V6, _) => Hosts {
                first: net + 1,
                last,
                count: Count {
                    family: Family::V6,
                    // 2^host_bits - 1; for ::/0 that is u128::MAX.
                    value: Some(u128::MAX >> (128 - u32::from(host_bits))),
                },
                broadcast: None,
            },
            (Family::V4, _) => Hosts {
                first: net + 1,
                last: last - 1,
                count: Count {
                    family: Family::V4,
                    value: Some((1u128 << host_bits) - 2),
                },
                broadcast: Some(last),
            },
        }
    }

    /// An integer of this family as an address.
    pub fn ip(&self, value: u128) -> IpAddr {
        from_u128(self.family, value)
    }

    /// The address as given.
    pub fn address(&self) -> IpAddr {
        self.ip(self.addr)
    }

    /// The network: its address with the prefix, written "192.168.1.0/24".
    pub fn cidr(&self) -> Cidr {
        Cidr {
            addr: self.ip(self.network()),
            prefix: self.prefix,
        }
    }

    /// The `index`-th piece of prefix `prefix` (at least this block's) in this block, counting
    /// from its network address.
    pub fn subnet(&self, index: u128, prefix: u8) -> Block {
        let step_bits = u32::from(self.bits().saturating_sub(prefix));
        Block {
            family: self.family,
            addr: self.network() + index.checked_shl(step_bits).unwrap_or(0),
            prefix,
        }
    }

    /// The prefix that splits this block into at least `count` equal pieces.
    pub fn prefix_for_count(&self, count: u64) -> Result<u8> {
        if count == 0 {
            return Err(Error::bad(
                t!("subnet-split-what-count"),
                "0",
                t!("subnet-split-count-zero"),
            ));
        }
        let extra = 64 - (count - 1).leading_zeros() as u8; // ceil(log2(count))
        let prefix = self.prefix as u16 + extra as u16;
        if prefix > self.bits() as u16 {
            // The block holds fewer addresses than the count asked for, so its size fits.
            let size = self
                .size()
                .value
                .and_then(|v| u64::try_from(v).ok())
                .unwrap_or(u64::MAX);
            return Err(Error::usage(t!(
                "subnet-split-too-small",
                network = self.cidr(),
                count = count,
                size = size
            )));
        }
        Ok(prefix as u8)
    }

    /// The mask as an address, for printing ([`MaskAddr`]).
    pub fn netmask(&self) -> MaskAddr {
        MaskAddr {
            family: self.family,
            value: self.mask(),
        }
    }

    /// The wildcard (inverse) mask as an address, for printing.
    pub fn wildcard_mask(&self) -> MaskAddr {
        MaskAddr {
            family: self.family,
            value: self.wildcard(),
        }
    }

    /// True when `addr` (same family) lies in this block.
    pub fn contains(&self, addr: u128) -> bool {
        addr & self.mask() == self.network()
    }
}

/// A mask (netmask or wildcard) written as an address. An IPv6 mask is plain IPv6 text
/// (`::ffff:ffff:ffff`), never the IPv4-mapped dotted form `::ffff:255.255.255.255` that an
/// [`IpAddr`] would print: a mask is not an IPv4-mapped address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaskAddr {
    /// IPv4 or IPv6.
    pub family: Family,
    /// The mask as an integer.
    pub value: u128,
}

impl std::fmt::Display for MaskAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.family {
            Family::V4 => from_u128(Family::V4, self.value).fmt(f),
            Family::V6 => f.write_str(&plain_ipv6(self.value)),
        }
    }
}

crate::util::text_value!(MaskAddr);

/// An IPv6 address in RFC 5952 text (lowercase, no leading zeros, the longest run of two or
/// more zero groups, the first of equals, as `::`), always in hexadecimal groups: no dotted
/// IPv4 tail.
pub fn plain_ipv6(value: u128) -> String {
    let groups: Vec<u16> = (0..8).map(|i| (value >> (112 - 16 * i)) as u16).collect();
    // The longest run of zero groups (start, length), the first when several are as long.
    let (mut best, mut run) = ((0, 0), (0, 0));
    for (i, &g) in groups.iter().enumerate() {
        if g == 0 {
            run = if run.1 == 0 {
                (i, 1)
            } else {
                (run.0, run.1 + 1)
            };
            if run.1 > best.1 {
                best = run;
            }
        } else {
            run = (0, 0);
        }
    }
    let hex = |gs: &[u16]| {
        gs.iter()
            .map(|g| format!("{g:x}"))
            .collect::<Vec<_>>()
            .join(":")
    };
    if best.1 < 2 {
        return hex(&groups);
    }
    format!(
        "{}::{}",
        hex(&groups[..best.0]),
        hex(&groups[best.0 + best.1..])
    )
}

/// The binary form of an address, octets separated by dots (IPv4), or groups of 16 bits
/// separated by colons (IPv6).
pub fn binary(family: Family, value: u128) -> String {
    match family {
        Family::V4 => (0..4)
            .map(|i| format!("{:08b}", (value >> (24 - 8 * i)) & 0xff))
            .collect::<Vec<_>>()
            .join("."),
        Family::V6 => (0..8)
            .map(|i| format!("{:016b}", (value >> (112 - 16 * i)) & 0xffff))
            .collect::<Vec<_>>()
            .join(":"),
    }
}

/// The address written out in full hexadecimal groups (IPv6: 2001:0db8:0000:...).
pub fn hex_groups(value: u128) -> String {
    (0..8)
        .map(|i| format!("{:04x}", (value >> (112 - 16 * i)) & 0xffff))
        .collect::<Vec<_>>()
        .join(":")
}

/// The primer's mask arithmetic between this host and a destination: both addresses ANDed with
/// the mask of this host's address, and whether the two networks are one.
#[derive(Debug, Clone, Serialize)]
pub struct SubnetCheck {
    /// This host's address on the outgoing interface, with its prefix.
    pub source: Cidr,
    /// The mask of that address.
    pub netmask: IpAddr,
    /// Source AND mask.
    pub source_network: Cidr,
    /// Destination AND the same mask.
    pub destination_network: Cidr,
    /// Whether the two networks are equal.
    pub same_subnet: bool,
}

impl SubnetCheck {
    /// The arithmetic of `source` (an address of this host, with its prefix) toward `destination`.
    pub fn new(source: Cidr, destination: IpAddr) -> SubnetCheck {
        let own = Block::new(source.addr, source.prefix);
        let theirs = Block::new(destination, source.prefix);
        SubnetCheck {
            source,
            netmask: own.ip(own.mask()),
            source_network: own.cidr(),
            destination_network: theirs.cidr(),
            same_subnet: own.network() == theirs.network(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> Block {
        Block::parse(s, None).unwrap()
    }

    #[test]
    fn ipv4_slash24() {
        let blk = b("192.168.1.10/24");
        assert_eq!(blk.ip(blk.network()).to_string(), "192.168.1.0");
        assert_eq!(blk.ip(blk.mask()).to_string(), "255.255.255.0");
        assert_eq!(blk.ip(blk.wildcard()).to_string(), "0.0.0.255");
        let h = blk.hosts();
        assert_eq!(blk.ip(h.first).to_string(), "192.168.1.1");
        assert_eq!(blk.ip(h.last).to_string(), "192.168.1.254");
        assert_eq!(h.count.value, Some(254));
        assert_eq!(
            h.broadcast.map(|x| blk.ip(x).to_string()).as_deref(),
            Some("192.168.1.255")
        );
        assert_eq!(blk.size().value, Some(256));
    }

    #[test]
    fn rfc3021_and_host_routes() {
        let p2p = b("10.0.0.0/31").hosts();
        assert_eq!((p2p.count.value, p2p.broadcast), (Some(2), None));
        let host = b("10.0.0.7/32").hosts();
        assert_eq!(
            (host.first, host.last, host.count.value),
            (0x0a00_0007, 0x0a00_0007, Some(1))
        );
        let slash30 = b("10.0.0.0/30").hosts();
        assert_eq!(slash30.count.value, Some(2));
        assert!(slash30.broadcast.is_some());
        let all = b("0.0.0.0/0");
        assert_eq!(all.size().value, Some(1 << 32));
        assert_eq!(all.hosts().count.value, Some((1 << 32) - 2));
    }

    #[test]
    fn ipv6_counts() {
        let blk = b("2001:db8::1/64");
        assert_eq!(blk.cidr().to_string(), "2001:db8::/64");
        assert_eq!(blk.size().value, Some(1 << 64));
        assert_eq!(b("::/0").size().value, None);
        assert_eq!(
            b("::/0").size().to_string(),
            "340282366920938463463374607431768211456"
        );
        assert_eq!(
            serde_json::to_string(&blk.size()).unwrap(),
            "\"18446744073709551616\""
        );
        assert_eq!(
            serde_json::to_string(&b("10.0.0.0/8").size()).unwrap(),
            "16777216"
        );
    }

    #[test]
    fn mask_from_separate_argument() {
        let blk = Block::parse("172.16.5.4", Some("255.255.240.0")).unwrap();
        assert_eq!(blk.cidr().to_string(), "172.16.0.0/20");
        assert!(Block::parse("172.16.5.4", None).is_err());
        assert!(Block::parse("172.16.5.4/24", Some("/16")).is_err());
        assert!(Block::parse("172.16.5.4/24", Some("255.255.255.0")).is_ok());
    }

    /// Issue 18, item 7: an IPv6 host range started at the network address, the Subnet-Router
    /// anycast address; it starts one later, as Python's `ipaddress` has it, except /127 and /128.
    #[test]
    fn ipv6_hosts_start_after_the_subnet_router_anycast_address() {
        let h = b("2001:db8::/64").hosts();
        assert_eq!(h.first, b("2001:db8::1/128").addr);
        assert_eq!(h.last, b("2001:db8::ffff:ffff:ffff:ffff/128").addr);
        assert_eq!(h.count.value, Some((1 << 64) - 1));
        let h = b("2001:db8::/126").hosts();
        assert_eq!((h.count.value, h.last - h.first), (Some(3), 2));
        let p2p = b("2001:db8::/127").hosts();
        assert_eq!((p2p.first & 1, p2p.count.value), (0, Some(2)));
        let one = b("2001:db8::5/128").hosts();
        assert_eq!(
            (one.first, one.last, one.count.value),
            (one.last, one.first, Some(1))
        );
        let all = b("::/0").hosts();
        assert_eq!(
            (all.first, all.last, all.count.value),
            (1, u128::MAX, Some(u128::MAX))
        );
    }

    /// Issue 18, item 7: the wildcard of an IPv6 /80 printed as `::ffff:255.255.255.255`.
    #[test]
    fn ipv6_masks_print_without_a_dotted_ipv4_tail() {
        assert_eq!(
            b("2001:db8::/80").wildcard_mask().to_string(),
            "::ffff:ffff:ffff"
        );
        assert_eq!(
            b("2001:db8::/80").netmask().to_string(),
            "ffff:ffff:ffff:ffff:ffff::"
        );
        assert_eq!(b("::/0").netmask().to_string(), "::");
        assert_eq!(
            b("::/0").wildcard_mask().to_string(),
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
        );
        assert_eq!(b("::/96").wildcard_mask().to_string(), "::ffff:ffff");
        assert_eq!(b("10.0.0.0/8").wildcard_mask().to_string(), "0.255.255.255");
        assert_eq!(
            serde_json::to_string(&b("2001:db8::/80").wildcard_mask()).unwrap(),
            "\"::ffff:ffff:ffff\""
        );
    }

    /// `plain_ipv6` writes what the standard library writes, for every address it does not
    /// write as IPv4-mapped: random addresses with random runs of zero groups.
    #[test]
    fn plain_ipv6_matches_std_outside_ipv4_mapped() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..20_000 {
            let (hi, lo, zeros) = (next(), next(), next());
            let mut v = (u128::from(hi) << 64) | u128::from(lo);
            for i in 0..8 {
                if zeros >> i & 1 == 1 {
                    v &= !(0xffffu128 << (16 * i));
                }
            }
            let std = std::net::Ipv6Addr::from(v);
            if std.to_ipv4_mapped().is_none() {
                assert_eq!(plain_ipv6(v), std.to_string(), "{v:#x}");
            } else {
                assert!(!plain_ipv6(v).contains('.'), "{v:#x}");
            }
        }
        assert_eq!(plain_ipv6(0), "::");
        assert_eq!(plain_ipv6(1), "::1");
        assert_eq!(plain_ipv6(0xffff_0000_0000), "::ffff:0:0");
    }

    #[test]
    fn binary_forms() {
        assert_eq!(
            binary(Family::V4, 0xc0a8_010a),
            "11000000.10101000.00000001.00001010"
        );
        assert_eq!(hex_groups(1), "0000:0000:0000:0000:0000:0000:0000:0001");
    }
}
