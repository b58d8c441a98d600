//! The system's DNS configuration as its resolver uses it: servers, search list, options, and
//! when a local stub (systemd-resolved) stands between, the servers it forwards to.

use std::net::{IpAddr, Ipv4Addr};

use serde::Serialize;

use super::origin::Origin;

/// The addresses systemd-resolved's stub listens on: 127.0.0.53 (with search domains and
/// DNSSEC-style processing) and 127.0.0.54 (the "proxy" stub).
pub const STUB_ADDRESSES: [Ipv4Addr; 2] =
    [Ipv4Addr::new(127, 0, 0, 53), Ipv4Addr::new(127, 0, 0, 54)];

/// glibc's limits and defaults (resolv.h: MAXNS, RES_MAXNDOTS, RES_MAXRETRANS, RES_MAXRETRY,
/// RES_TIMEOUT, RES_DFLRETRY).
const MAXNS: usize = 3;
const MAX_NDOTS: u8 = 15;
const MAX_TIMEOUT: u32 = 30;
const MAX_ATTEMPTS: u32 = 5;
const DEFAULT_NDOTS: u8 = 1;
const DEFAULT_TIMEOUT: u32 = 5;
const DEFAULT_ATTEMPTS: u32 = 2;

/// A resolver configuration as written in a `resolv.conf` file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DnsConfig {
    /// `nameserver` lines in file order (all of them; glibc only uses the first three, see
    /// [`DnsConfig::effective`]). An IPv6 zone (`%eth0`) is dropped.
    pub servers: Vec<IpAddr>,
    /// The search list, from the last `search` or `domain` line.
    pub search: Vec<String>,
    /// `options ndots:N`, as written (capped at 255).
    pub ndots: Option<u8>,
    /// `options timeout:N` in seconds, as written.
    pub timeout: Option<u32>,
    /// `options attempts:N`, as written.
    pub attempts: Option<u32>,
    /// Other options, in order (`edns0`, `rotate`, `trust-ad`, `single-request`...).
    pub options: Vec<String>,
    /// Where this was read: the file (`/etc/resolv.conf`), the API
    /// ("GetAdaptersAddresses"), or text parsed directly (written "").
    pub source: Origin,
    /// Set when the only servers are systemd-resolved's local stub.
    pub stub: Option<Stub>,
}

/// systemd-resolved's local stub resolver and the upstream servers it forwards to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stub {
    /// The stub address in resolv.conf (127.0.0.53 or 127.0.0.54).
    pub address: IpAddr,
    /// Which resolver listens there: "systemd-resolved".
    pub resolver: String,
    /// The servers the stub forwards to, as far as its state files say (may be empty).
    pub upstreams: Vec<IpAddr>,
    /// The file or directory the upstreams were read from.
    pub upstream_source: Option<Origin>,
}

impl DnsConfig {
    /// The configuration glibc actually uses: the first three servers (or 127.0.0.1 when none is
    /// listed), options capped at glibc's maxima and defaults filled in (ndots 1, timeout 5 s,
    /// attempts 2). The search list is kept as written (glibc ≥ 2.26 has no length limit; with no
    /// list it would use the host's own domain, which this function does not look up).
    pub fn effective(&self) -> DnsConfig {
        let mut servers: Vec<IpAddr> = self.servers.iter().copied().take(MAXNS).collect();
        if servers.is_empty() {
            servers.push(IpAddr::V4(Ipv4Addr::LOCALHOST));
        }
        DnsConfig {
            servers,
            search: self.search.clone(),
            ndots: Some(self.ndots.unwrap_or(DEFAULT_NDOTS).min(MAX_NDOTS)),
            timeout: Some(self.timeout.unwrap_or(DEFAULT_TIMEOUT).min(MAX_TIMEOUT)),
            attempts: Some(self.attempts.unwrap_or(DEFAULT_ATTEMPTS).min(MAX_ATTEMPTS)),
            options: self.options.clone(),
            source: self.source.clone(),
            stub: self.stub.clone(),
        }
    }

    /// True when every listed server is systemd-resolved's stub (and there is at least one).
    pub fn is_stub_only(&self) -> bool {
        !self.servers.is_empty() && self.servers.iter().all(is_stub_address)
    }
}

/// True for 127.0.0.53 and 127.0.0.54.
pub fn is_stub_address(ip: &IpAddr) -> bool {
    matches!(ip, IpAddr::V4(v4) if STUB_ADDRESSES.contains(v4))
}
