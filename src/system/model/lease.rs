//! What a DHCP client was given for an interface: the lease's address, server, router, time
//! and expiry, which client holds it and where netkit read it.

use std::fmt;
use std::net::IpAddr;

use jiff::Timestamp;
use serde::{Serialize, Serializer};

use super::origin::Origin;

/// The lease time that means "forever" (RFC 2131 section 3.3: 0xffffffff).
pub const INFINITE_LEASE: u64 = 0xffff_ffff;

/// One DHCP lease, as a client left it on disk or the system's API reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DhcpLease {
    /// The client that holds it.
    pub client: DhcpClient,
    /// Where it was read: the lease file, the API ("GetAdaptersInfo"), or text parsed directly.
    pub source: Origin,
    /// The leased address (`fixed-address`, `ADDRESS=`, yiaddr).
    pub address: Option<IpAddr>,
    /// The DHCP server that granted it (server identifier, option 54).
    pub server: Option<IpAddr>,
    /// The first router (default gateway) the server offered (option 3).
    pub router: Option<IpAddr>,
    /// The lease time the server granted, in seconds (option 51); [`INFINITE_LEASE`] is
    /// forever.
    pub lease_seconds: Option<u64>,
    /// When the lease was obtained; `None` where the client does not record it (dhclient's and
    /// networkd's key=value files, NetworkManager's internal client). dhcpcd dates its lease by
    /// the file's time, networkd's JSON and Windows' GetAdaptersInfo say it. JSON: RFC 3339
    /// UTC, whole seconds.
    #[serde(serialize_with = "rfc3339")]
    pub obtained: Option<Timestamp>,
    /// When the lease expires, or that it never does; `None` when the file does not say
    /// (networkd's key=value files, NetworkManager's internal client).
    pub expires: Option<Expiry>,
}

impl DhcpLease {
    /// A lease of `client` that says nothing yet, read from text.
    pub fn new(client: DhcpClient) -> DhcpLease {
        DhcpLease {
            client,
            source: Origin::Text,
            address: None,
            server: None,
            router: None,
            lease_seconds: None,
            obtained: None,
            expires: None,
        }
    }
}

/// The DHCP client that holds a lease, named as it names itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DhcpClient {
    /// systemd-networkd (`/run/systemd/netif/leases/<ifindex>`).
    Networkd,
    /// NetworkManager, with its internal client or its dhclient backend.
    NetworkManager,
    /// ISC dhclient.
    Dhclient,
    /// dhcpcd.
    Dhcpcd,
    /// The DHCP client service of Windows.
    #[cfg_attr(not(windows), allow(dead_code))]
    Windows,
}

impl DhcpClient {
    /// The client's name: "systemd-networkd", "NetworkManager", "dhclient", "dhcpcd" or
    /// "Windows DHCP client".
    pub fn name(self) -> &'static str {
        match self {
            DhcpClient::Networkd => "systemd-networkd",
            DhcpClient::NetworkManager => "NetworkManager",
            DhcpClient::Dhclient => "dhclient",
            DhcpClient::Dhcpcd => "dhcpcd",
            DhcpClient::Windows => "Windows DHCP client",
        }
    }
}

named!(DhcpClient);

/// When a lease runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    /// At this instant.
    At(Timestamp),
    /// Never (an infinite lease: dhclient's `expire never`, a lease time of 0xffffffff).
    Never,
}

impl fmt::Display for Expiry {
    /// RFC 3339 UTC (`2026-11-25T03:34:53Z`), or `never`: the JSON form. A view says "never"
    /// in the run's language instead.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expiry::At(t) => t.fmt(f),
            Expiry::Never => f.write_str("never"),
        }
    }
}

crate::util::text_value!(Expiry);

/// 0000-01-01T00:00:00Z in seconds since the epoch: no earlier year is written in RFC 3339.
const YEAR_ZERO: i64 = -62_167_219_200;

/// The instant `secs` seconds after the Unix epoch, when RFC 3339 can write it: from year 0
/// to jiff's last instant (9999-12-30T22:00:00Z, a day short of the year's end so that every
/// offset's civil time stays in year 9999); else `None`.
pub fn utc(secs: i64) -> Option<Timestamp> {
    (secs >= YEAR_ZERO)
        .then(|| Timestamp::from_second(secs).ok())
        .flatten()
}
/// An optional instant as RFC 3339 UTC (jiff's `Display`: `Z`, and a fraction only when there
/// is one), or null.
fn rfc3339<S: Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.collect_str(t),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 29 section 1: lease times are typed and written in JSON exactly as before: RFC
    /// 3339 UTC with whole seconds and `Z`, "never", null.
    #[test]
    fn times_are_written_as_before() {
        let mut lease = DhcpLease::new(DhcpClient::Windows);
        lease.source = Origin::Api("GetAdaptersInfo");
        lease.obtained = Some(Timestamp::from_second(1_764_900_000).unwrap());
        lease.expires = Some(Expiry::At(Timestamp::from_second(1_764_986_400).unwrap()));
        let json = serde_json::to_value(&lease).unwrap();
        assert_eq!(json["client"], "Windows DHCP client");
        assert_eq!(json["source"], "GetAdaptersInfo");
        assert_eq!(json["obtained"], "2025-12-05T02:00:00Z");
        assert_eq!(json["expires"], "2025-12-06T02:00:00Z");
        lease.obtained = None;
        lease.expires = Some(Expiry::Never);
        let json = serde_json::to_value(&lease).unwrap();
        assert!(json["obtained"].is_null());
        assert_eq!(json["expires"], "never");
        lease.expires = None;
        assert!(serde_json::to_value(&lease).unwrap()["expires"].is_null());
        // The field order is the one of before.
        let text = serde_json::to_string(&DhcpLease::new(DhcpClient::Dhcpcd)).unwrap();
        assert_eq!(
            text,
            "{\"client\":\"dhcpcd\",\"source\":\"\",\"address\":null,\"server\":null,\
             \"router\":null,\"lease_seconds\":null,\"obtained\":null,\"expires\":null}"
        );
    }

    /// The edges of what RFC 3339 writes: year 0, and the last instant jiff holds.
    #[test]
    fn timestamps_at_the_edges() {
        let first = Timestamp::from_second(-62_167_219_200).unwrap();
        assert_eq!(Expiry::At(first).to_string(), "0000-01-01T00:00:00Z");
        let last = Timestamp::from_second(Timestamp::MAX.as_second()).unwrap();
        assert_eq!(Expiry::At(last).to_string(), "9999-12-30T22:00:00Z");
    }
}
