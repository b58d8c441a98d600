//! Addresses on interfaces: the address and prefix, its scope, and its flags.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr};

use bitflags::bitflags;
use serde::Serialize;

use crate::net::addr::Family;

/// An address on an interface.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addr {
    /// Interface index.
    pub index: u32,
    /// The address (this host's own; on a point-to-point link, not the peer's).
    pub address: IpAddr,
    /// Prefix length.
    pub prefix: u8,
    /// IPv4 broadcast address.
    pub broadcast: Option<Ipv4Addr>,
    /// Peer address of a point-to-point link.
    pub peer: Option<IpAddr>,
    /// Scope: global, link, host, site.
    pub scope: Scope,
    /// Address label (IPv4 aliases like eth0:1).
    pub label: Option<String>,
    /// Flags: deprecated, tentative, permanent, noprefixroute...
    pub flags: AddrFlags,
    /// Valid lifetime in seconds (None = forever).
    pub valid_lft: Option<u32>,
    /// Preferred lifetime in seconds (None = forever).
    pub preferred_lft: Option<u32>,
}

/// An address's scope, named as `ip` names it: global, site, link, host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Usable anywhere.
    Global,
    /// Within a site (deprecated IPv6 site-local).
    Site,
    /// On its link only.
    Link,
    /// On this host only.
    Host,
    /// Nowhere: a destination that does not exist.
    Nowhere,
    /// A scope this version of netkit has no name for, by its number.
    Other(u8),
}

impl Scope {
    /// The name `ip address` shows.
    pub fn name(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Scope::Global => "global",
            Scope::Site => "site",
            Scope::Link => "link",
            Scope::Host => "host",
            Scope::Nowhere => "nowhere",
            Scope::Other(n) => return Cow::Owned(format!("other({n})")),
        })
    }
}

named!(Scope);

bitflags! {
    /// An address's flags, one bit each (as Linux numbers its IFA_F_* flags).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct AddrBits: u32 {
        /// A secondary IPv4 address of its subnet; on IPv6 a temporary (privacy) address.
        const SECONDARY = 0x01;
        /// No duplicate address detection.
        const NODAD = 0x02;
        /// Optimistic duplicate address detection.
        const OPTIMISTIC = 0x04;
        /// Duplicate address detection failed.
        const DADFAILED = 0x08;
        /// A Mobile IPv6 home address.
        const HOMEADDRESS = 0x10;
        /// Still valid, no longer preferred.
        const DEPRECATED = 0x20;
        /// Duplicate address detection is not done yet.
        const TENTATIVE = 0x40;
        /// Configured with no lifetime.
        const PERMANENT = 0x80;
        /// Temporary addresses are made from this one.
        const MANAGETEMPADDR = 0x100;
        /// No prefix route for it.
        const NOPREFIXROUTE = 0x200;
        /// Joined to its multicast group automatically.
        const MCAUTOJOIN = 0x400;
        /// A stable privacy address (RFC 7217).
        const STABLE_PRIVACY = 0x800;
    }
}

/// An address's flags, listed as `ip` lists them, with `dynamic` for an address that is not
/// permanent (it has a lifetime: DHCP, SLAAC). One bit means two things: `secondary` on IPv4 is
/// `temporary` on IPv6, so the flags know their family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddrFlags {
    /// The bits.
    pub bits: AddrBits,
    /// The family of the address they belong to.
    pub family: Family,
}

impl AddrFlags {
    const NAMES: &[(AddrBits, &str)] = &[
        (AddrBits::SECONDARY, "secondary"),
        (AddrBits::NODAD, "nodad"),
        (AddrBits::OPTIMISTIC, "optimistic"),
        (AddrBits::DADFAILED, "dadfailed"),
        (AddrBits::HOMEADDRESS, "home"),
        (AddrBits::DEPRECATED, "deprecated"),
        (AddrBits::TENTATIVE, "tentative"),
        (AddrBits::PERMANENT, "permanent"),
        (AddrBits::MANAGETEMPADDR, "mngtmpaddr"),
        (AddrBits::NOPREFIXROUTE, "noprefixroute"),
        (AddrBits::MCAUTOJOIN, "autojoin"),
        (AddrBits::STABLE_PRIVACY, "stable-privacy"),
    ];

    /// The names of the flags that are set, then `dynamic` when the address is not permanent.
    /// Bit 0x01 is `secondary` on IPv4 and `temporary` (a privacy address) on IPv6, as `ip`
    /// names it.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        let dynamic = (!self.bits.contains(AddrBits::PERMANENT)).then_some("dynamic");
        let ipv6 = self.family == Family::V6;
        Self::NAMES
            .iter()
            .filter(move |(f, _)| self.bits.contains(*f))
            .map(move |(f, n)| match (*f, ipv6) {
                (AddrBits::SECONDARY, true) => "temporary",
                _ => *n,
            })
            .chain(dynamic)
    }
}

impl Serialize for AddrFlags {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 18.4: bit 0x01 is "secondary" on IPv4 and "temporary" on IPv6, as `ip` names it.
    #[test]
    fn secondary_and_temporary_share_a_bit() {
        let bits = AddrBits::SECONDARY | AddrBits::PERMANENT;
        let v4 = AddrFlags {
            bits,
            family: Family::V4,
        };
        let v6 = AddrFlags {
            bits,
            family: Family::V6,
        };
        assert_eq!(v4.names().collect::<Vec<_>>(), ["secondary", "permanent"]);
        assert_eq!(v6.names().collect::<Vec<_>>(), ["temporary", "permanent"]);
        let dynamic = AddrFlags {
            bits: AddrBits::empty(),
            family: Family::V4,
        };
        assert_eq!(dynamic.names().collect::<Vec<_>>(), ["dynamic"]);
    }

    #[test]
    fn scopes_as_ip_names_them() {
        assert_eq!(Scope::Global.to_string(), "global");
        assert_eq!(Scope::Other(200).to_string(), "other(200)");
    }
}
