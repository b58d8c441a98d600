//! The backend of every system netkit has none for yet (Windows, macOS: issue 29 builds them
//! under `system/windows/` and `system/macos/`, with the same functions and types as
//! `system/linux/`). Every call that needs the system says so, "... is not available on Windows
//! yet" (exit 2), and never makes up a value: the handles it would return ([`Tables`],
//! [`RawLink`], [`Listener`], [`IcmpSocket`]) are types without values, so nothing can be asked
//! of them. What needs no backend works: batches of datagrams one per call, Ctrl-C, the host
//! name, file kinds.

use std::fs::{File, Metadata};
use std::io;
use std::net::IpAddr;
use std::path::Path;
use std::time::Instant;

use crate::error::{Error, Result};
use crate::i18n::{Text, t};
use crate::system::FileKind;
use crate::system::icmp::{EchoOptions, EchoSocket, Heard as EchoHeard, SocketKind};
use crate::system::model::{Addr, DhcpLease, DnsConfig, Link, LinkFacts, Neighbour, Route};
use crate::system::rawlink::{ArpLink, Heard as ArpHeard};

pub use crate::system::datagrams::{BATCH as DATAGRAMS_PER_CALL, OneByOne as Datagrams};
pub use crate::system::interrupt::CtrlC as StopSignals;

/// The system's name, in messages.
const OS: &str = if cfg!(windows) {
    "Windows"
} else if cfg!(target_os = "macos") {
    "macOS"
} else {
    std::env::consts::OS
};

/// The getnameinfo flag that makes a reverse lookup fail rather than give the address back
/// (NI_NAMEREQD: 0x04 in Windows' ws2def.h and in the BSDs' and macOS's netdb.h).
pub const NAME_REQUIRED: i32 = 0x04;

/// "`what` is not available on <this system> yet".
fn not_yet(what: impl Into<Text>) -> Error {
    Error::Unsupported {
        what: what.into(),
        os: OS,
    }
}

/// The system's tables: not readable here yet.
#[derive(Debug)]
pub enum Tables {}

impl Tables {
    /// Says the tables cannot be read here yet.
    pub fn open() -> Result<Tables> {
        Err(not_yet(t!("unbuilt-tables")))
    }

    /// Never called: there is no value of this type.
    pub fn links(&mut self) -> Result<Vec<Link>> {
        match *self {}
    }

    /// Never called: there is no value of this type.
    pub fn addresses(&mut self) -> Result<Vec<Addr>> {
        match *self {}
    }

    /// Never called: there is no value of this type.
    pub fn routes(&mut self) -> Result<Vec<Route>> {
        match *self {}
    }

    /// Never called: there is no value of this type.
    pub fn neighbours(&mut self) -> Result<Vec<Neighbour>> {
        match *self {}
    }

    /// Never called: there is no value of this type.
    pub fn route_to(&mut self, _dst: IpAddr) -> Result<std::result::Result<Route, io::Error>> {
        match *self {}
    }

    /// Never called: there is no value of this type.
    pub fn link_facts(&self, _name: &str) -> LinkFacts {
        match *self {}
    }

    /// Never called: there is no value of this type.
    pub fn dhcp_lease(&self, _name: &str, _index: u32) -> Option<DhcpLease> {
        match *self {}
    }

    /// Never called: there is no value of this type.
    pub fn interface_name(&self, _index: u32) -> Option<String> {
        match *self {}
    }
}

/// Says the DNS configuration cannot be read here yet.
pub fn dns_config() -> Result<DnsConfig> {
    Err(not_yet(t!("unbuilt-dns-config")))
}

/// The host name, as the C library's gethostname gives it.
pub fn hostname() -> Option<String> {
    dns_lookup::get_hostname().ok()
}

/// Says interfaces cannot be named here yet.
pub fn interface_index(_name: &str) -> Result<Option<u32>> {
    Err(not_yet(t!("unbuilt-interface-by-name")))
}

/// Raw sockets are not built here yet: nothing may use them.
pub fn may_use_raw_sockets() -> bool {
    false
}

/// What needs raw sockets is not available here yet.
pub fn denied(action: Text) -> Error {
    not_yet(action)
}

/// No ARP here yet: nothing to add.
pub fn arp_caveat() -> Option<crate::i18n::Text> {
    None
}

/// A raw Ethernet link: not available here yet.
#[derive(Debug)]
pub enum RawLink {}

impl RawLink {
    /// Says raw links are not available here yet.
    pub fn open(name: &str, _index: u32, what: &str) -> Result<RawLink> {
        Err(not_yet(t!(
            "common-sending-on",
            what = what,
            interface = name
        )))
    }

    /// Never called: there is no value of this type.
    pub fn send_raw(&mut self, _frame: &[u8]) -> io::Result<()> {
        match *self {}
    }

    /// Never called: there is no value of this type.
    pub fn recv_raw_until<T>(
        &mut self,
        _deadline: Instant,
        _keep: impl FnMut(&[u8]) -> Option<T>,
    ) -> io::Result<Option<(T, Instant)>> {
        match *self {}
    }
}

impl ArpLink for RawLink {
    fn send(&mut self, _frame: &[u8]) -> io::Result<()> {
        match *self {}
    }

    fn recv_until(&mut self, _deadline: Instant) -> io::Result<Option<(ArpHeard, Instant)>> {
        match *self {}
    }
}

/// A listener on a link: not available here yet.
#[derive(Debug)]
pub enum Listener {}

impl Listener {
    /// Says listening on a link is not available here yet.
    pub fn open(name: &str, _index: u32, _promiscuous: bool) -> Result<Listener> {
        Err(not_yet(t!("common-listening-on", interface = name)))
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

/// An ICMP echo socket: not available here yet.
#[derive(Debug)]
pub enum IcmpSocket {}

impl IcmpSocket {
    /// Says echo requests are not available here yet.
    pub fn open(_dest: IpAddr, _options: EchoOptions<'_>) -> Result<IcmpSocket> {
        Err(not_yet(t!("unbuilt-echo")))
    }

    /// Never called: there is no value of this type.
    pub fn kind(&self) -> SocketKind {
        match *self {}
    }
}

impl EchoSocket for IcmpSocket {
    fn send(&mut self, _seq: u16, _payload: &[u8]) -> io::Result<()> {
        match *self {}
    }

    fn set_ttl(&mut self, _ttl: u8) -> io::Result<()> {
        match *self {}
    }

    fn recv_until(&mut self, _deadline: Instant) -> io::Result<Option<(EchoHeard, Instant)>> {
        match *self {}
    }
}

/// Says a lock file cannot be opened with the care a root process needs here yet.
pub fn open_lock_file(path: &Path, _mode: u32) -> io::Result<Option<File>> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        format!(
            "opening {} without following a link is not available on {OS} yet",
            path.display()
        ),
    ))
}

/// What a file that is not a regular one is, in words.
pub fn file_kind(m: &Metadata) -> FileKind {
    if m.is_dir() {
        FileKind::Directory
    } else {
        FileKind::Other
    }
}

/// Says a file's owner cannot be kept here yet.
pub fn keep_mode_and_owner(
    _file: &File,
    _old: Option<&Metadata>,
    _new_mode: u32,
) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        format!("keeping a file's owner is not available on {OS} yet"),
    ))
}
