//! What a DHCP client was given for an interface: the lease's address, server, router, time
//! and expiry, and where netkit read it.

use std::net::IpAddr;

use serde::Serialize;

/// One DHCP lease found on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DhcpLease {
    /// The client that wrote it: "systemd-networkd", "NetworkManager", "dhclient" or "dhcpcd".
    pub client: String,
    /// The file it was read from (empty for text parsed directly).
    pub source: String,
    /// The leased address (`fixed-address`, `ADDRESS=`, yiaddr).
    pub address: Option<IpAddr>,
    /// The DHCP server that granted it (server identifier, option 54).
    pub server: Option<IpAddr>,
    /// The first router (default gateway) the server offered (option 3).
    pub router: Option<IpAddr>,
    /// The lease time the server granted, in seconds (option 51).
    pub lease_seconds: Option<u64>,
    /// When the lease was obtained, as RFC 3339 UTC; `None` where the system does not say (Linux's
    /// lease files; Windows' GetAdaptersInfo does).
    pub obtained: Option<String>,
    /// When the lease expires, as RFC 3339 UTC (`2026-11-25T03:34:53Z`), or "never"; `None`
    /// when the file does not say (networkd's key=value files, NetworkManager's internal client).
    pub expires: Option<String>,
}
