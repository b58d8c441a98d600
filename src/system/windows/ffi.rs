//! The Windows backend's only `unsafe` code: the IP Helper API's calls (GetAdaptersAddresses,
//! GetAdaptersInfo, GetIpForwardTable2, GetBestRoute2, GetIpNetTable2 and GetIpNetTable,
//! SendARP, IcmpSendEcho2 and Icmp6SendEcho2) and the token's elevation, each copied at once into plain owned records
//! ([`RawAdapter`], [`RawRoute`]...) that the rest of the backend converts without `unsafe`
//! (and that its unit tests build by hand, as the API filled them on a real machine).
//!
//! Every buffer the API fills is one this module allocated, 8-byte aligned, of the size the API
//! asked for; every pointer read comes from that buffer (or a table the API allocated and
//! FreeMibTable releases) and is read before the buffer goes.

#![allow(unsafe_code)]

use std::ffi::c_void;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ptr;
use std::sync::Arc;

use windows_sys::Win32::Foundation::{
    CloseHandle, ERROR_BUFFER_OVERFLOW, ERROR_INSUFFICIENT_BUFFER, ERROR_NO_DATA, HANDLE,
    INVALID_HANDLE_VALUE, NO_ERROR,
};
use windows_sys::Win32::NetworkManagement::IpHelper::{
    FreeMibTable, GAA_FLAG_INCLUDE_GATEWAYS, GetAdaptersAddresses, GetAdaptersInfo, GetBestRoute2,
    GetIpForwardTable2, GetIpNetTable, GetIpNetTable2, ICMP_ECHO_REPLY, ICMPV6_ECHO_REPLY_LH,
    IP_ADAPTER_ADDRESSES_LH, IP_ADAPTER_INFO, IP_OPTION_INFORMATION, Icmp6CreateFile,
    Icmp6SendEcho2, IcmpCloseHandle, IcmpCreateFile, IcmpSendEcho2, MIB_IPFORWARD_ROW2,
    MIB_IPFORWARD_TABLE2, MIB_IPNET_TABLE2, MIB_IPNETTABLE, SendARP,
};
use windows_sys::Win32::Networking::WinSock::{
    AF_INET, AF_INET6, AF_UNSPEC, SOCKADDR, SOCKADDR_IN, SOCKADDR_IN6, SOCKADDR_INET,
    SOCKET_ADDRESS,
};
use windows_sys::Win32::Security::{
    GetTokenInformation, TOKEN_ELEVATION, TOKEN_QUERY, TokenElevation,
};
use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

/// One unicast address of an adapter, as GetAdaptersAddresses gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawUnicast {
    pub address: IpAddr,
    /// OnLinkPrefixLength.
    pub prefix: u8,
    /// NL_PREFIX_ORIGIN: 0 other, 1 manual, 2 well known, 3 DHCP, 4 router advertisement.
    pub prefix_origin: i32,
    /// NL_SUFFIX_ORIGIN: 0 other, 1 manual, 2 well known, 3 DHCP, 4 link layer, 5 random.
    pub suffix_origin: i32,
    /// NL_DAD_STATE: 0 invalid, 1 tentative, 2 duplicate, 3 deprecated, 4 preferred.
    pub dad_state: i32,
    /// Seconds; u32::MAX is forever.
    pub valid_lifetime: u32,
    pub preferred_lifetime: u32,
}

/// One adapter, as GetAdaptersAddresses gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawAdapter {
    /// IfIndex (the IPv4 index), else Ipv6IfIndex.
    pub index: u32,
    /// The adapter's GUID name ("{4D36E972-...}"): what GetAdaptersInfo names it by.
    pub adapter_name: String,
    pub friendly_name: String,
    pub description: String,
    pub dns_suffix: String,
    pub mac: Vec<u8>,
    /// IP_ADAPTER_* flags (0x4: DHCP enabled).
    pub flags: u32,
    pub mtu: u32,
    /// IANA ifType: 6 Ethernet, 24 software loopback, 71 IEEE 802.11, 131 tunnel, 23 PPP.
    pub if_type: u32,
    /// IF_OPER_STATUS: 1 up, 2 down, 3 testing, 4 unknown, 5 dormant, 6 not present, 7 lower
    /// layer down.
    pub oper_status: i32,
    /// Bits per second; u64::MAX when unknown.
    pub receive_speed: u64,
    pub unicast: Vec<RawUnicast>,
    pub gateways: Vec<IpAddr>,
    pub dns_servers: Vec<IpAddr>,
    pub dhcpv4_server: Option<IpAddr>,
    /// The connection-specific DNS suffix search list (FirstDnsSuffix).
    pub dns_suffixes: Vec<String>,
}

/// What GetAdaptersInfo adds for one adapter: DHCP, and the lease times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLease {
    pub adapter_name: String,
    pub dhcp_enabled: bool,
    pub server: Option<Ipv4Addr>,
    /// Seconds since 1970 (time_t), 0 when none.
    pub obtained: i64,
    pub expires: i64,
}

/// One row of GetIpForwardTable2 (or GetBestRoute2's answer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRoute {
    pub index: u32,
    pub dst: IpAddr,
    pub prefix: u8,
    /// The unspecified address when the destination is on the link.
    pub next_hop: IpAddr,
    pub metric: u32,
    /// NL_ROUTE_PROTOCOL (MIB_IPPROTO_*): 2 local, 3 network management, 4 ICMP, 8 RIP...
    pub protocol: i32,
    /// The route leads to this host itself.
    pub loopback: bool,
}

/// One neighbour (ARP or NDP cache entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawNeighbour {
    pub index: u32,
    pub address: IpAddr,
    pub mac: Vec<u8>,
    /// GetIpNetTable2's NL_NEIGHBOR_STATE (0 unreachable, 1 incomplete, 2 probe, 3 delay, 4
    /// stale, 5 reachable, 6 permanent), or GetIpNetTable's dwType + 100 (101 other, 102
    /// invalid, 103 dynamic, 104 static).
    pub state: i32,
    pub router: bool,
}

/// The outcome of one echo request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawEcho {
    /// IP_SUCCESS: the reply's source, its TTL (IPv4 only) and data.
    Reply {
        from: IpAddr,
        ttl: Option<u8>,
        data: Vec<u8>,
    },
    /// Another IP_STATUS (11000 and up): who said it (unspecified when nobody did).
    Status { from: IpAddr, status: u32 },
}

/// A buffer of `bytes` bytes, 8-byte aligned, for the API to fill.
fn buffer(bytes: u32) -> Vec<u64> {
    vec![0u64; (bytes as usize).div_ceil(8).max(1)]
}

/// A NUL-terminated UTF-16 string, or "" for a null pointer.
///
/// # Safety
/// `p` is null or points at a NUL-terminated UTF-16 string that lives while this runs.
unsafe fn wide(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut n = 0;
    // SAFETY: the string is NUL-terminated (the caller's promise): every read up to the NUL is in it.
    while unsafe { *p.add(n) } != 0 && n < 4096 {
        n += 1;
    }
    // SAFETY: the n units just read are in the string.
    String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, n) })
}

/// A NUL-terminated byte string in a fixed array.
fn narrow(bytes: &[i8]) -> String {
    let b: Vec<u8> = bytes
        .iter()
        .take_while(|&&c| c != 0)
        .map(|&c| c as u8)
        .collect();
    String::from_utf8_lossy(&b).into_owned()
}

/// The address in a SOCKADDR (IPv4 or IPv6), None for another family or a null pointer.
///
/// # Safety
/// `sa` is null or points at a SOCKADDR_IN or SOCKADDR_IN6 as its family says.
unsafe fn sockaddr_ip(sa: *const SOCKADDR) -> Option<IpAddr> {
    if sa.is_null() {
        return None;
    }
    // SAFETY: non-null, and every sockaddr starts with its family.
    match unsafe { (*sa).sa_family } {
        AF_INET => {
            // SAFETY: the family says it is a SOCKADDR_IN; read unaligned to be safe.
            let v4 = unsafe { ptr::read_unaligned(sa.cast::<SOCKADDR_IN>()) };
            // SAFETY: every view of IN_ADDR is the same four bytes.
            Some(IpAddr::V4(Ipv4Addr::from(
                unsafe { v4.sin_addr.S_un.S_addr }.to_ne_bytes(),
            )))
        }
        AF_INET6 => {
            // SAFETY: the family says it is a SOCKADDR_IN6.
            let v6 = unsafe { ptr::read_unaligned(sa.cast::<SOCKADDR_IN6>()) };
            // SAFETY: every view of IN6_ADDR is the same sixteen bytes.
            Some(IpAddr::V6(Ipv6Addr::from(unsafe { v6.sin6_addr.u.Byte })))
        }
        _ => None,
    }
}

/// The address of a SOCKET_ADDRESS.
///
/// # Safety
/// As [`sockaddr_ip`] for its `lpSockaddr`.
unsafe fn socket_address(a: &SOCKET_ADDRESS) -> Option<IpAddr> {
    // SAFETY: passed on.
    unsafe { sockaddr_ip(a.lpSockaddr) }
}

/// The address in a SOCKADDR_INET.
fn inet_ip(a: &SOCKADDR_INET) -> Option<IpAddr> {
    // SAFETY: every member of the union starts with the family; the family says which is there.
    unsafe { sockaddr_ip((a as *const SOCKADDR_INET).cast::<SOCKADDR>()) }
}

/// A SOCKADDR_INET for `ip`.
fn to_inet(ip: IpAddr, scope_id: u32) -> SOCKADDR_INET {
    // SAFETY: all zeros is a valid SOCKADDR_INET (AF_UNSPEC), filled in below.
    let mut s: SOCKADDR_INET = unsafe { std::mem::zeroed() };
    match ip {
        IpAddr::V4(v4) => {
            s.Ipv4.sin_family = AF_INET;
            s.Ipv4.sin_addr.S_un.S_addr = u32::from_ne_bytes(v4.octets());
        }
        IpAddr::V6(v6) => {
            s.Ipv6 = to_in6(v6, scope_id);
        }
    }
    s
}

/// A SOCKADDR_IN6 for `ip`.
fn to_in6(ip: Ipv6Addr, scope_id: u32) -> SOCKADDR_IN6 {
    // SAFETY: all zeros is a valid SOCKADDR_IN6 (the unspecified address), filled in below.
    let mut s: SOCKADDR_IN6 = unsafe { std::mem::zeroed() };
    s.sin6_family = AF_INET6;
    s.sin6_addr.u.Byte = ip.octets();
    s.Anonymous.sin6_scope_id = scope_id;
    s
}

/// The unspecified address of `ip`'s family.
fn unspecified(v6: bool) -> IpAddr {
    if v6 {
        IpAddr::V6(Ipv6Addr::UNSPECIFIED)
    } else {
        IpAddr::V4(Ipv4Addr::UNSPECIFIED)
    }
}

/// An API's error number as an io::Error.
fn win_error(code: u32) -> io::Error {
    io::Error::from_raw_os_error(code as i32)
}

/// A buffer the API filled: `call` is given a buffer and its size in bytes, and answers
/// ERROR_BUFFER_OVERFLOW with the size it needs (asked again, a few times: the list may grow in
/// between). None for ERROR_NO_DATA.
fn filled(mut call: impl FnMut(&mut [u64], &mut u32) -> u32) -> io::Result<Option<Vec<u64>>> {
    let mut size: u32 = 16 * 1024;
    for _ in 0..4 {
        let mut buf = buffer(size);
        match call(&mut buf, &mut size) {
            NO_ERROR => return Ok(Some(buf)),
            ERROR_NO_DATA => return Ok(None),
            ERROR_BUFFER_OVERFLOW => {}
            e => return Err(win_error(e)),
        }
    }
    Err(win_error(ERROR_BUFFER_OVERFLOW))
}

/// Every adapter, with its addresses, gateways and DNS servers (GetAdaptersAddresses).
pub fn adapters() -> io::Result<Vec<RawAdapter>> {
    let filled = filled(|buf, size| {
        // SAFETY: `buf` holds `size` bytes, 8-byte aligned as the structure needs; the API
        // writes at most `size` bytes, or says ERROR_BUFFER_OVERFLOW with the size it needs.
        unsafe {
            GetAdaptersAddresses(
                u32::from(AF_UNSPEC),
                GAA_FLAG_INCLUDE_GATEWAYS,
                ptr::null(),
                buf.as_mut_ptr().cast::<IP_ADAPTER_ADDRESSES_LH>(),
                size,
            )
        }
    })?;
    let Some(buf) = filled else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    // SAFETY: the first entry of `buf` and the Next links the API wrote, inside `buf`, whose
    // every pointer points inside `buf` (or is null); `buf` lives until the walk ends.
    unsafe {
        walk(
            buf.as_ptr().cast_mut().cast::<IP_ADAPTER_ADDRESSES_LH>(),
            |a| a.Next,
            |a| out.push(adapter(a)),
        )
    };
    Ok(out)
}

/// Copies one adapter entry.
///
/// # Safety
/// Every pointer in `a` is null or points at what GetAdaptersAddresses wrote, still alive.
unsafe fn adapter(a: &IP_ADAPTER_ADDRESSES_LH) -> RawAdapter {
    // SAFETY: the union's IfIndex view is what XP and later write.
    let if_index = unsafe { a.Anonymous1.Anonymous.IfIndex };
    let mut unicast = Vec::new();
    // SAFETY (each walk): lists the API wrote in the same buffer, their addresses in it too.
    unsafe {
        walk(
            a.FirstUnicastAddress,
            |e| e.Next,
            |e| {
                if let Some(address) = socket_address(&e.Address) {
                    unicast.push(RawUnicast {
                        address,
                        prefix: e.OnLinkPrefixLength,
                        prefix_origin: e.PrefixOrigin,
                        suffix_origin: e.SuffixOrigin,
                        dad_state: e.DadState,
                        valid_lifetime: e.ValidLifetime,
                        preferred_lifetime: e.PreferredLifetime,
                    });
                }
            },
        )
    };
    // SAFETY: as above.
    let gateways = unsafe { addresses(a.FirstGatewayAddress, |e| e.Next, |e| &e.Address) };
    // SAFETY: as above.
    let dns_servers = unsafe { addresses(a.FirstDnsServerAddress, |e| e.Next, |e| &e.Address) };
    let mut dns_suffixes = Vec::new();
    // SAFETY: as above (Vista and later; null before).
    unsafe {
        walk(
            a.FirstDnsSuffix,
            |e| e.Next,
            |e| {
                let text = narrow_wide(&e.String);
                if !text.is_empty() {
                    dns_suffixes.push(text);
                }
            },
        )
    };
    let len = (a.PhysicalAddressLength as usize).min(a.PhysicalAddress.len());
    RawAdapter {
        index: if if_index != 0 {
            if_index
        } else {
            a.Ipv6IfIndex
        },
        // SAFETY: a NUL-terminated ANSI string in the buffer.
        adapter_name: unsafe { ansi(a.AdapterName) },
        // SAFETY: NUL-terminated UTF-16 strings in the buffer (or null).
        friendly_name: unsafe { wide(a.FriendlyName) },
        description: unsafe { wide(a.Description) },
        dns_suffix: unsafe { wide(a.DnsSuffix) },
        mac: a.PhysicalAddress[..len].to_vec(),
        // SAFETY: the union's Flags view is the whole word.
        flags: unsafe { a.Anonymous2.Flags },
        mtu: a.Mtu,
        if_type: a.IfType,
        oper_status: a.OperStatus,
        receive_speed: a.ReceiveLinkSpeed,
        unicast,
        gateways,
        dns_servers,
        // SAFETY: as for the adapter (a null lpSockaddr where there is no DHCP server).
        dhcpv4_server: unsafe { socket_address(&a.Dhcpv4Server) },
        dns_suffixes,
    }
}

/// Calls `f` on each entry of a list the API wrote, from `first` along `next`.
///
/// # Safety
/// `first` and every `next` are null or point at entries the API wrote, alive while this runs;
/// `f` may read what they point at.
unsafe fn walk<T>(first: *mut T, next: impl Fn(&T) -> *mut T, mut f: impl FnMut(&T)) {
    let mut p = first;
    while !p.is_null() {
        // SAFETY: the caller's promise.
        let e = unsafe { &*p };
        f(e);
        p = next(e);
    }
}

/// The addresses of a list of SOCKET_ADDRESS entries (gateways, DNS servers).
///
/// # Safety
/// As [`walk`], and each entry's address as [`socket_address`].
unsafe fn addresses<T>(
    first: *mut T,
    next: impl Fn(&T) -> *mut T,
    address: impl Fn(&T) -> &SOCKET_ADDRESS,
) -> Vec<IpAddr> {
    let mut out = Vec::new();
    // SAFETY: the caller's promise.
    unsafe { walk(first, next, |e| out.extend(socket_address(address(e)))) };
    out
}

/// A NUL-terminated UTF-16 string in a fixed array.
fn narrow_wide(units: &[u16]) -> String {
    let end = units.iter().position(|&c| c == 0).unwrap_or(units.len());
    String::from_utf16_lossy(&units[..end])
}

/// A NUL-terminated ANSI string, or "" for a null pointer.
///
/// # Safety
/// `p` is null or a NUL-terminated string that lives while this runs.
unsafe fn ansi(p: *const u8) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: the caller's promise.
    unsafe { std::ffi::CStr::from_ptr(p.cast()) }
        .to_string_lossy()
        .into_owned()
}

/// DHCP and the lease times of every IPv4 adapter (GetAdaptersInfo).
pub fn leases() -> io::Result<Vec<RawLease>> {
    let filled = filled(|buf, size| {
        // SAFETY: `buf` holds `size` bytes, aligned; the API writes at most that, or asks for more.
        unsafe { GetAdaptersInfo(buf.as_mut_ptr().cast::<IP_ADAPTER_INFO>(), size) }
    })?;
    let Some(buf) = filled else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    // SAFETY: the first entry of `buf` and the Next links the API wrote in it.
    unsafe {
        walk(
            buf.as_ptr().cast_mut().cast::<IP_ADAPTER_INFO>(),
            |a| a.Next,
            |a| {
                out.push(RawLease {
                    adapter_name: narrow(&a.AdapterName),
                    dhcp_enabled: a.DhcpEnabled != 0,
                    server: narrow(&a.DhcpServer.IpAddress.String).parse().ok(),
                    obtained: a.LeaseObtained,
                    expires: a.LeaseExpires,
                })
            },
        )
    };
    Ok(out)
}

/// Copies one forwarding row.
fn route_row(r: &MIB_IPFORWARD_ROW2) -> Option<RawRoute> {
    let dst = inet_ip(&r.DestinationPrefix.Prefix)?;
    Some(RawRoute {
        index: r.InterfaceIndex,
        dst,
        prefix: r.DestinationPrefix.PrefixLength,
        next_hop: inet_ip(&r.NextHop).unwrap_or(unspecified(dst.is_ipv6())),
        metric: r.Metric,
        protocol: r.Protocol,
        loopback: r.Loopback,
    })
}

/// Every IPv4 and IPv6 route (GetIpForwardTable2).
pub fn routes() -> io::Result<Vec<RawRoute>> {
    let mut table: *mut MIB_IPFORWARD_TABLE2 = ptr::null_mut();
    // SAFETY: the API allocates the table and stores its address in `table`.
    let rc = unsafe { GetIpForwardTable2(AF_UNSPEC, &mut table) };
    if rc != NO_ERROR {
        return Err(win_error(rc));
    }
    // SAFETY: on success `table` points at NumEntries rows, alive until FreeMibTable.
    let rows = unsafe {
        std::slice::from_raw_parts((*table).Table.as_ptr(), (*table).NumEntries as usize)
    };
    let out = rows.iter().filter_map(route_row).collect();
    // SAFETY: the table the API allocated, freed once, after its last read.
    unsafe { FreeMibTable(table.cast::<c_void>()) };
    Ok(out)
}

/// The route the system would take to `dst`, and the source address it would use
/// (GetBestRoute2). Err with the system's error number when there is none.
pub fn best_route(dst: IpAddr, scope_id: u32) -> Result<(RawRoute, Option<IpAddr>), u32> {
    let to = to_inet(dst, scope_id);
    // SAFETY: all zeros is a valid row and address, overwritten by the API.
    let mut row: MIB_IPFORWARD_ROW2 = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    let mut src: SOCKADDR_INET = unsafe { std::mem::zeroed() };
    // SAFETY: no interface or source given (null / 0), a valid destination, and out-structures
    // of the right types.
    let rc = unsafe { GetBestRoute2(ptr::null(), 0, ptr::null(), &to, 0, &mut row, &mut src) };
    if rc != NO_ERROR {
        return Err(rc);
    }
    let route = route_row(&row).ok_or(rc)?;
    Ok((route, inet_ip(&src).filter(|a| !a.is_unspecified())))
}

/// The neighbour cache (GetIpNetTable2; where that is not supported, IPv4's GetIpNetTable).
pub fn neighbours() -> io::Result<Vec<RawNeighbour>> {
    let mut table: *mut MIB_IPNET_TABLE2 = ptr::null_mut();
    // SAFETY: the API allocates the table and stores its address in `table`.
    let rc = unsafe { GetIpNetTable2(AF_UNSPEC, &mut table) };
    // ERROR_NOT_SUPPORTED, and ERROR_INVALID_FUNCTION where it is a stub (Wine 8).
    if rc == windows_sys::Win32::Foundation::ERROR_NOT_SUPPORTED || rc == 1 {
        return neighbours_v4();
    }
    if rc != NO_ERROR {
        return Err(win_error(rc));
    }
    // SAFETY: on success `table` points at NumEntries rows, alive until FreeMibTable.
    let rows = unsafe {
        std::slice::from_raw_parts((*table).Table.as_ptr(), (*table).NumEntries as usize)
    };
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(address) = inet_ip(&r.Address) else {
            continue;
        };
        let len = (r.PhysicalAddressLength as usize).min(r.PhysicalAddress.len());
        out.push(RawNeighbour {
            index: r.InterfaceIndex,
            address,
            mac: r.PhysicalAddress[..len].to_vec(),
            state: r.State,
            // SAFETY: the union's Flags view is the whole byte; bit 0 is IsRouter.
            router: unsafe { r.Anonymous.Flags } & 1 != 0,
        });
    }
    // SAFETY: the table the API allocated, freed once, after its last read.
    unsafe { FreeMibTable(table.cast::<c_void>()) };
    Ok(out)
}

/// The IPv4 neighbour cache (GetIpNetTable).
fn neighbours_v4() -> io::Result<Vec<RawNeighbour>> {
    let mut size: u32 = 0;
    // SAFETY: a null table with size 0 asks for the size needed.
    let rc = unsafe { GetIpNetTable(ptr::null_mut(), &mut size, 0) };
    match rc {
        NO_ERROR | ERROR_NO_DATA => return Ok(Vec::new()),
        ERROR_INSUFFICIENT_BUFFER => {}
        e => return Err(win_error(e)),
    }
    // Room for entries that arrive between the two calls.
    size = size.saturating_add(16 * 24);
    let mut buf = buffer(size);
    // SAFETY: `buf` holds `size` bytes, aligned; the API writes at most that.
    let rc = unsafe { GetIpNetTable(buf.as_mut_ptr().cast::<MIB_IPNETTABLE>(), &mut size, 1) };
    match rc {
        NO_ERROR => {}
        ERROR_NO_DATA => return Ok(Vec::new()),
        e => return Err(win_error(e)),
    }
    let t = buf.as_ptr().cast::<MIB_IPNETTABLE>();
    // SAFETY: the API wrote dwNumEntries rows into `buf`, inside the size it was given.
    let rows =
        unsafe { std::slice::from_raw_parts((*t).table.as_ptr(), (*t).dwNumEntries as usize) };
    Ok(rows
        .iter()
        .map(|r| {
            let len = (r.dwPhysAddrLen as usize).min(r.bPhysAddr.len());
            RawNeighbour {
                index: r.dwIndex,
                address: IpAddr::V4(Ipv4Addr::from(r.dwAddr.to_ne_bytes())),
                mac: r.bPhysAddr[..len].to_vec(),
                // SAFETY: the union's dwType view is the whole word.
                state: 100 + unsafe { r.Anonymous.dwType } as i32,
                router: false,
            }
        })
        .collect())
}

/// Asks `target` for its MAC with an ARP request from `source` (unspecified: the system
/// chooses), the system waiting for the reply (SendARP). Ok(None) when nobody answered.
pub fn send_arp(target: Ipv4Addr, source: Ipv4Addr) -> io::Result<Option<[u8; 6]>> {
    let mut mac = [0u64; 1];
    let mut len: u32 = 6;
    // SAFETY: `mac` holds 8 bytes and `len` says 6; the API writes at most `len` bytes.
    let rc = unsafe {
        SendARP(
            u32::from_ne_bytes(target.octets()),
            u32::from_ne_bytes(source.octets()),
            mac.as_mut_ptr().cast::<c_void>(),
            &mut len,
        )
    };
    match rc {
        NO_ERROR if len == 6 => {
            let b = mac[0].to_ne_bytes();
            Ok(Some([b[0], b[1], b[2], b[3], b[4], b[5]]))
        }
        NO_ERROR => Ok(None),
        // ERROR_BAD_NET_NAME and ERROR_GEN_FAILURE: nobody answered.
        67 | 31 => Ok(None),
        e => Err(win_error(e)),
    }
}

/// Whether this process runs elevated (as Administrator, past UAC): what raw sockets need on
/// Windows. False when the token cannot be read.
pub fn elevated() -> bool {
    let mut token: HANDLE = ptr::null_mut();
    // SAFETY: the current process's pseudo-handle needs no closing; `token` receives a handle
    // that is closed below.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return false;
    }
    let mut e = TOKEN_ELEVATION { TokenIsElevated: 0 };
    let mut len = 0u32;
    // SAFETY: a token opened for query, and an out-structure of the size given.
    let ok = unsafe {
        GetTokenInformation(
            token,
            TokenElevation,
            (&mut e as *mut TOKEN_ELEVATION).cast::<c_void>(),
            std::mem::size_of::<TOKEN_ELEVATION>() as u32,
            &mut len,
        )
    } != 0;
    // SAFETY: the handle OpenProcessToken gave, closed once.
    unsafe { CloseHandle(token) };
    ok && e.TokenIsElevated != 0
}

/// An ICMP handle (IcmpCreateFile or Icmp6CreateFile), closed when the last clone goes.
#[derive(Debug)]
pub struct Icmp {
    handle: HANDLE,
    v6: bool,
}

// SAFETY: an ICMP handle may be used from any thread, by several requests at once (each with its
// own reply buffer); the handle itself is only read.
unsafe impl Send for Icmp {}
// SAFETY: as above.
unsafe impl Sync for Icmp {}

impl Drop for Icmp {
    fn drop(&mut self) {
        // SAFETY: the handle was opened by `Icmp::open` and is closed once, here.
        unsafe { IcmpCloseHandle(self.handle) };
    }
}

impl Icmp {
    /// Opens an ICMP (or ICMPv6) handle: no privilege needed.
    pub fn open(v6: bool) -> io::Result<Arc<Icmp>> {
        // SAFETY: no arguments; the handle is checked below.
        let handle = unsafe {
            if v6 {
                Icmp6CreateFile()
            } else {
                IcmpCreateFile()
            }
        };
        if handle == INVALID_HANDLE_VALUE || handle.is_null() {
            return Err(io::Error::last_os_error());
        }
        Ok(Arc::new(Icmp { handle, v6 }))
    }

    /// Sends one echo request carrying `data` to `dest` with `ttl` (None: the system's) and
    /// waits up to `timeout_ms` for what comes back. Ok(None) when nothing came in time.
    pub fn echo(
        &self,
        dest: IpAddr,
        scope_id: u32,
        data: &[u8],
        ttl: Option<u8>,
        timeout_ms: u32,
    ) -> io::Result<Option<RawEcho>> {
        let size = u16::try_from(data.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "echo data too long"))?;
        // SAFETY: all zeros is a valid IP_OPTION_INFORMATION (no options).
        let mut options: IP_OPTION_INFORMATION = unsafe { std::mem::zeroed() };
        options.Ttl = ttl.unwrap_or(128);
        // The reply structure, the data, an ICMP error's quoted headers (8 more bytes), and the
        // 8 bytes of an IO_STATUS_BLOCK the documentation asks for.
        let bytes = std::mem::size_of::<ICMP_ECHO_REPLY>() + data.len() + 8 + 8 + 64;
        let mut buf = buffer(bytes as u32);
        let rc = match (dest, self.v6) {
            (IpAddr::V4(v4), false) => {
                // SAFETY: a live handle, no event or APC (a synchronous call), the request's
                // data and options alive during the call, and a reply buffer of `bytes` bytes.
                unsafe {
                    IcmpSendEcho2(
                        self.handle,
                        ptr::null_mut(),
                        None,
                        ptr::null(),
                        u32::from_ne_bytes(v4.octets()),
                        data.as_ptr().cast::<c_void>(),
                        size,
                        &options,
                        buf.as_mut_ptr().cast::<c_void>(),
                        bytes as u32,
                        timeout_ms,
                    )
                }
            }
            (IpAddr::V6(v6), true) => {
                let from = to_in6(Ipv6Addr::UNSPECIFIED, 0);
                let to = to_in6(v6, scope_id);
                // SAFETY: as for IPv4, with source and destination addresses alive during the call.
                unsafe {
                    Icmp6SendEcho2(
                        self.handle,
                        ptr::null_mut(),
                        None,
                        ptr::null(),
                        &from,
                        &to,
                        data.as_ptr().cast::<c_void>(),
                        size,
                        &options,
                        buf.as_mut_ptr().cast::<c_void>(),
                        bytes as u32,
                        timeout_ms,
                    )
                }
            }
            _ => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "address family differs from the handle's",
                ));
            }
        };
        if rc == 0 {
            let e = io::Error::last_os_error();
            // IP_REQ_TIMED_OUT (11010): nothing came back in time.
            return match e.raw_os_error() {
                Some(11010) => Ok(None),
                Some(status @ 11000..=11999) => Ok(Some(RawEcho::Status {
                    from: unspecified(self.v6),
                    status: status as u32,
                })),
                _ => Err(e),
            };
        }
        if self.v6 {
            // SAFETY: on success the buffer starts with an ICMPV6_ECHO_REPLY, the data after it.
            let r = unsafe { ptr::read_unaligned(buf.as_ptr().cast::<ICMPV6_ECHO_REPLY_LH>()) };
            let words = r.Address.sin6_addr;
            let mut octets = [0u8; 16];
            for (i, w) in words.iter().enumerate() {
                // The words are in network order, as stored.
                octets[2 * i..2 * i + 2].copy_from_slice(&w.to_ne_bytes());
            }
            let from = IpAddr::V6(Ipv6Addr::from(octets));
            if r.Status != 0 {
                return Ok(Some(RawEcho::Status {
                    from,
                    status: r.Status,
                }));
            }
            let head = std::mem::size_of::<ICMPV6_ECHO_REPLY_LH>();
            // SAFETY: the buffer is `bytes` long; at most `data.len()` bytes after the header are read.
            let all = unsafe { std::slice::from_raw_parts(buf.as_ptr().cast::<u8>(), bytes) };
            let end = (head + data.len()).min(bytes);
            return Ok(Some(RawEcho::Reply {
                from,
                ttl: None,
                data: all[head..end].to_vec(),
            }));
        }
        // SAFETY: on success the buffer starts with an ICMP_ECHO_REPLY.
        let r = unsafe { &*buf.as_ptr().cast::<ICMP_ECHO_REPLY>() };
        let from = IpAddr::V4(Ipv4Addr::from(r.Address.to_ne_bytes()));
        if r.Status != 0 {
            return Ok(Some(RawEcho::Status {
                from,
                status: r.Status,
            }));
        }
        let start = buf.as_ptr().cast::<u8>() as usize;
        let at = r.Data as usize;
        let n = usize::from(r.DataSize);
        // The data must lie inside the buffer: anything else is not read.
        let data = if at >= start && at + n <= start + bytes {
            // SAFETY: checked just above to lie inside `buf`.
            unsafe { std::slice::from_raw_parts(r.Data.cast::<u8>(), n) }.to_vec()
        } else {
            Vec::new()
        };
        Ok(Some(RawEcho::Reply {
            from,
            ttl: Some(r.Options.Ttl),
            data,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ANSI strings of GetAdaptersInfo stop at their NUL.
    #[test]
    fn reads_fixed_strings() {
        let mut a = [0i8; 16];
        for (i, c) in b"10.0.2.2".iter().enumerate() {
            a[i] = *c as i8;
        }
        assert_eq!(narrow(&a), "10.0.2.2");
        let w: Vec<u16> = "corp.example\0junk".encode_utf16().collect();
        assert_eq!(narrow_wide(&w), "corp.example");
    }

    /// Addresses go into and out of the API's structures unchanged.
    #[test]
    fn sockaddrs_round_trip() {
        for ip in ["192.0.2.7", "2001:db8::7", "fe80::1"] {
            let ip: IpAddr = ip.parse().unwrap();
            assert_eq!(inet_ip(&to_inet(ip, 3)), Some(ip));
        }
    }
}
