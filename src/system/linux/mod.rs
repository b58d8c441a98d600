//! The Linux backend: the kernel's tables over rtnetlink, the files Linux keeps (sysfs and
//! procfs, resolv.conf and systemd-resolved's state, the DHCP clients' lease files), AF_PACKET
//! links, ICMP sockets, CAP_NET_RAW, sendmmsg/recvmmsg, signals and careful file operations. The only place netkit names netlink, caps, nix, pnet's
//! datalink or libc, or reads /proc and /sys; everything it hands up is `system::model`'s.
//!
//! The file readers take a root directory (`/` here, [`ROOT`]) so their tests point them at a
//! fixture tree.

mod datagrams;
mod fileops;
mod files;
mod icmp;
mod leases;
mod netlink;
mod privilege;
mod rawlink;
mod resolv;
mod signals;
mod sysfs;

use std::path::Path;

use crate::error::Result;
use crate::system::model::{DhcpLease, DnsConfig, LinkFacts};
use files::ROOT;

pub use datagrams::{BATCH as DATAGRAMS_PER_CALL, Datagrams};
pub use fileops::{file_kind, keep_mode_and_owner, open_lock_file};
pub use icmp::IcmpSocket;
pub use netlink::Netlink as Tables;
pub use privilege::{denied, has_cap_net_raw as may_use_raw_sockets};
pub use rawlink::{Listener, PnetLink as RawLink};
pub use signals::StopSignals;

/// The flag of getnameinfo(3) that makes a reverse lookup fail rather than give the address back.
pub const NAME_REQUIRED: i32 = libc::NI_NAMEREQD;

/// The DNS configuration: /etc/resolv.conf, and systemd-resolved's upstreams behind its stub.
pub fn dns_config() -> Result<DnsConfig> {
    resolv::system_dns(Path::new(ROOT))
}

/// The index of interface `name` (one ioctl).
pub fn interface_index(name: &str) -> Result<Option<u32>> {
    Ok(icmp::interface_index(name))
}

/// What the files say beside the tables, asked through the same handle.
impl Tables {
    /// The lease a DHCP client left for interface `name` (index `index`).
    pub fn dhcp_lease(&self, name: &str, index: u32) -> Option<DhcpLease> {
        leases::find_lease(Path::new(ROOT), name, index)
    }

    /// What sysfs says about interface `name`.
    pub fn link_facts(&self, name: &str) -> LinkFacts {
        sysfs::link_facts(Path::new(ROOT), name)
    }

    /// The name of interface `index` (one ioctl: cheaper than a dump of every link).
    pub fn interface_name(&self, index: u32) -> Option<String> {
        icmp::interface_name(index)
    }
}

/// Linux's raw links see every ARP frame: nothing to add.
pub fn arp_caveat() -> Option<crate::i18n::Text> {
    None
}

/// The host name (procfs, else /etc/hostname).
pub fn hostname() -> Option<String> {
    sysfs::hostname(Path::new(ROOT))
}
