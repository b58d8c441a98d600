//! The Windows backend: the IP Helper API (iphlpapi.dll) for adapters, addresses, routes, the
//! neighbour cache, DHCP leases and DNS servers, and IcmpSendEcho2 for `ping` and `trace`
//! without Administrator. The API's calls live in one FFI module ([`ffi`], the only `unsafe` in
//! netkit), their answers become `system::model`'s types in [`convert`].
//!
//! ARP goes through SendARP ([`arp`]). What Windows offers only through a packet-capture
//! driver (raw Ethernet frames: `dhcp discover`, `watch`, gratuitous ARP and `--dad`) says so
//! (exit 2): Npcap is not used by this build. Names of interfaces are the adapters' friendly names ("Ethernet", "Wi-Fi"), as
//! `ipconfig` shows them.

mod arp;
mod convert;
mod echo;
mod ffi;
mod files;
mod handoff;

use std::io;
use std::net::IpAddr;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::i18n::{Text, t};
use crate::system::model::{Addr, DhcpLease, DnsConfig, Link, LinkFacts, Neighbour, Route};
use crate::system::rawlink::{ArpLink, Heard as ArpHeard};

pub use crate::system::datagrams::{BATCH as DATAGRAMS_PER_CALL, OneByOne as Datagrams};
pub use crate::system::interrupt::CtrlC as StopSignals;
pub use echo::IcmpSocket;
pub use files::{file_kind, keep_mode_and_owner, open_lock_file};

/// The getnameinfo flag that makes a reverse lookup fail rather than give the address back
/// (NI_NAMEREQD in ws2def.h).
pub const NAME_REQUIRED: i32 = 0x04;

/// The system's name, in messages.
const OS: &str = "Windows";

/// The adapters, read once when the tables are opened (one GetAdaptersAddresses call), and
/// GetAdaptersInfo's lease times when first asked.
#[derive(Debug)]
pub struct Tables {
    adapters: Vec<ffi::RawAdapter>,
    leases: std::cell::OnceCell<Vec<ffi::RawLease>>,
}

/// The error of an IP Helper call.
fn api(what: &'static str, e: io::Error) -> Error {
    Error::io(what, e)
}

impl Tables {
    /// Reads the adapters.
    pub fn open() -> Result<Tables> {
        Ok(Tables {
            adapters: ffi::adapters().map_err(|e| api("GetAdaptersAddresses", e))?,
            leases: std::cell::OnceCell::new(),
        })
    }

    /// Every adapter, as a link.
    pub fn links(&mut self) -> Result<Vec<Link>> {
        Ok(self.adapters.iter().map(convert::link).collect())
    }

    /// Every unicast address of every adapter.
    pub fn addresses(&mut self) -> Result<Vec<Addr>> {
        Ok(convert::addrs(&self.adapters))
    }

    /// Every IPv4 and IPv6 route (GetIpForwardTable2).
    pub fn routes(&mut self) -> Result<Vec<Route>> {
        let rows = ffi::routes().map_err(|e| api("GetIpForwardTable2", e))?;
        Ok(rows.iter().map(convert::route).collect())
    }

    /// The neighbour cache (GetIpNetTable2).
    pub fn neighbours(&mut self) -> Result<Vec<Neighbour>> {
        let rows = ffi::neighbours().map_err(|e| api("GetIpNetTable2", e))?;
        Ok(rows.iter().map(convert::neighbour).collect())
    }

    /// How Windows would route a packet to `dst` (GetBestRoute2), with the source address it
    /// would choose; where that call is missing, the longest matching prefix of the forwarding
    /// table (lowest metric first), as Windows chooses.
    pub fn route_to(&mut self, dst: IpAddr) -> Result<std::result::Result<Route, io::Error>> {
        match ffi::best_route(dst, 0) {
            Ok((row, src)) => {
                let mut r = convert::route(&row);
                r.prefsrc = src;
                Ok(Ok(r))
            }
            // ERROR_NETWORK_UNREACHABLE, ERROR_NOT_FOUND, ERROR_HOST_UNREACHABLE: no route.
            Err(1231 | 1168) => Ok(Err(io::ErrorKind::NetworkUnreachable.into())),
            Err(1232) => Ok(Err(io::ErrorKind::HostUnreachable.into())),
            // ERROR_INVALID_PARAMETER for a family with no address here.
            Err(87) => Ok(Err(io::ErrorKind::InvalidInput.into())),
            // ERROR_NOT_SUPPORTED, ERROR_CALL_NOT_IMPLEMENTED: choose from the table.
            Err(50 | 120) => {
                let routes = self.routes()?;
                let addrs = convert::addrs(&self.adapters);
                Ok(convert::best_route(&routes, &addrs, dst)
                    .ok_or_else(|| io::ErrorKind::NetworkUnreachable.into()))
            }
            Err(e) => Err(api("GetBestRoute2", io::Error::from_raw_os_error(e as i32))),
        }
    }

    /// The adapter with index `index`.
    fn adapter(&self, index: u32) -> Option<&ffi::RawAdapter> {
        self.adapters.iter().find(|a| a.index == index)
    }

    /// What the adapter called `name` says beside the tables.
    pub fn link_facts(&self, name: &str) -> LinkFacts {
        self.adapters
            .iter()
            .find(|a| a.friendly_name == name)
            .map(convert::facts)
            .unwrap_or_default()
    }

    /// The DHCP lease of adapter `index` (GetAdaptersInfo has its times).
    pub fn dhcp_lease(&self, _name: &str, index: u32) -> Option<DhcpLease> {
        let a = self.adapter(index)?;
        let leases = self
            .leases
            .get_or_init(|| ffi::leases().unwrap_or_default());
        let info = leases.iter().find(|l| l.adapter_name == a.adapter_name);
        convert::lease(a, info)
    }

    /// The friendly name of adapter `index`.
    pub fn interface_name(&self, index: u32) -> Option<String> {
        self.adapter(index).map(|a| a.friendly_name.clone())
    }
}

/// The DNS servers and suffixes of the adapters that are up (Windows has no resolv.conf).
pub fn dns_config() -> Result<DnsConfig> {
    let adapters = ffi::adapters().map_err(|e| api("GetAdaptersAddresses", e))?;
    Ok(convert::dns_config(&adapters))
}

/// The host name, as Winsock's gethostname gives it.
pub fn hostname() -> Option<String> {
    dns_lookup::get_hostname().ok()
}

/// The index of the adapter whose friendly name is `name` (as ipconfig shows it, any case).
pub fn interface_index(name: &str) -> Result<Option<u32>> {
    let adapters = ffi::adapters().map_err(|e| api("GetAdaptersAddresses", e))?;
    Ok(adapters
        .iter()
        .find(|a| a.friendly_name.eq_ignore_ascii_case(name))
        .map(|a| a.index))
}

/// Raw sockets (trippy-core's UDP and TCP traces) need an elevated process on Windows.
pub fn may_use_raw_sockets() -> bool {
    ffi::elevated()
}

/// The error for `action` attempted without the privilege raw sockets need on Windows.
pub fn denied(action: Text) -> Error {
    Error::Permission {
        action,
        missing: t!("privilege-windows-missing").into(),
        advice: t!("privilege-windows-advice").into(),
    }
}

/// "`what` through Npcap (which this build does not use) is not available on Windows yet"
/// (exit 2).
fn needs_npcap(what: crate::i18n::Message) -> Error {
    Error::Unsupported {
        what: t!("windows-needs-npcap", what = what).into(),
        os: OS,
    }
}

/// A raw Ethernet link: on Windows, only ARP requests, through SendARP ([`arp`]); other frames
/// need Npcap.
#[derive(Debug)]
pub struct RawLink(arp::SendArp);

impl RawLink {
    /// ARP through SendARP; anything else says it needs Npcap.
    pub fn open(name: &str, _index: u32, what: &str) -> Result<RawLink> {
        if what == "ARP" {
            Ok(RawLink(arp::SendArp::new()))
        } else {
            Err(needs_npcap(t!(
                "common-sending-on",
                what = what,
                interface = name
            )))
        }
    }

    /// Raw frames need Npcap.
    pub fn send_raw(&mut self, _frame: &[u8]) -> io::Result<()> {
        Err(io::Error::new(
            io::ErrorKind::Unsupported,
            t!("windows-npcap-only", what = "sending a raw frame").to_string(),
        ))
    }

    /// Nothing but SendARP's answers comes in: no raw frame ever does.
    pub fn recv_raw_until<T>(
        &mut self,
        _deadline: Instant,
        _keep: impl FnMut(&[u8]) -> Option<T>,
    ) -> io::Result<Option<(T, Instant)>> {
        Ok(None)
    }
}

impl ArpLink for RawLink {
    fn send(&mut self, frame: &[u8]) -> io::Result<()> {
        self.0.send(frame)
    }

    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(ArpHeard, Instant)>> {
        self.0.recv_until(deadline)
    }
}

/// What SendARP cannot show.
pub fn arp_caveat() -> Option<crate::i18n::Text> {
    Some(t!("windows-arp-caveat").into())
}

/// A listener on a link: needs Npcap on Windows.
#[derive(Debug)]
pub enum Listener {}

impl Listener {
    /// Says listening to a link's frames needs Npcap here.
    pub fn open(name: &str, _index: u32, _promiscuous: bool) -> Result<Listener> {
        Err(needs_npcap(t!("common-listening-on", interface = name)))
    }

    /// Never called: there is no value of this type.
    pub fn dropped(&mut self) -> u64 {
        match *self {}
    }

    /// Never called: there is no value of this type.
    pub fn recv_until<T>(
        &mut self,
        _deadline: Instant,
        _keep: impl FnMut(&[u8]) -> Option<T>,
    ) -> io::Result<Option<(T, Instant)>> {
        match *self {}
    }
}
