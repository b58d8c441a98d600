//! Readers of the operating system's own files: DNS configuration (`resolv.conf` and
//! systemd-resolved's state), DHCP leases left by the common clients, and per-interface facts from
//! sysfs.
//!
//! Every reader takes a root directory (`/` on a real machine) so tests can point it at a fixture
//! tree. Nothing here sends a packet or talks to a daemon: it only reads files.

pub mod leases;
pub mod resolv;
pub mod sysfs;

mod util;
