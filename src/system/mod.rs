//! This machine as the operating system shows it: the kernel's tables over rtnetlink (links,
//! addresses, routes, neighbours, `route get`), the routing facts derived from them, files the
//! OS keeps (resolv.conf, DHCP leases, sysfs), the raw Ethernet link and the privilege it needs,
//! the ICMP sockets of `ping`, and the system resolver with a deadline.
//!
//! File readers take a root directory (`/` on a real machine) so tests can point them at a
//! fixture tree. Imports only `net`, `wire` and `util` below it.

pub mod icmp;
pub mod interrupt;
pub mod leases;
pub mod lookup;
pub mod model;
pub mod netlink;
pub mod privilege;
pub mod rawlink;
pub mod resolv;
pub mod routing;
pub mod sysfs;
pub mod tracer;

mod files;
