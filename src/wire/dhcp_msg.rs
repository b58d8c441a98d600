//! DHCP messages (RFC 2131/2132) for `netkit dhcp discover` and the dhcpcd lease reader. The
//! DHCPDISCOVER is built with dhcproto's `v4::Message` and framed for broadcast (Ethernet + IPv4 +
//! UDP 68→67) with pnet_packet; server replies (DHCPOFFERs, the DHCPACK dhcpcd saves) are read
//! with dhcproto's lazy `v4::borrowed::Message`, decoding only the options netkit reports. The
//! IPv4 and UDP headers around a captured reply are checked field by field against the bytes
//! there (never sliced on trust), and a frame that is not our offer says why (`Flaw`). Pure
//! logic.

use crate::net::addr::Cidr;
use crate::net::hwaddr::Mac;
use std::net::{IpAddr, Ipv4Addr};

use crate::i18n::{Message, t};
use crate::wire::discards::Reason;
use dhcproto::v4::{self, DhcpOption, Encodable, Flags, MessageType, Opcode, OptionCode, borrowed};
use pnet_base::MacAddr;
use pnet_packet::Packet;
use pnet_packet::ethernet::{EtherTypes, EthernetPacket, MutableEthernetPacket};
use pnet_packet::ip::IpNextHeaderProtocols;
use pnet_packet::ipv4::{self, MutableIpv4Packet};
use pnet_packet::udp::{self, MutableUdpPacket};
use serde::Serialize;

/// A DHCP transaction id (xid): the number a client picks for one exchange, which every reply
/// to it carries. Shown and serialized as `0x` and eight hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Xid(pub u32);

impl std::fmt::Display for Xid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "0x{:08x}", self.0)
    }
}

crate::util::text_value!(Xid);

/// Options asked for in the parameter request list: mask, router, DNS, domain, lease, server id,
/// broadcast, NTP.
const WANTED: [OptionCode; 14] = [
    OptionCode::SubnetMask,
    OptionCode::Router,
    OptionCode::DomainNameServer,
    OptionCode::DomainName,
    OptionCode::AddressLeaseTime,
    OptionCode::ServerIdentifier,
    OptionCode::BroadcastAddr,
    OptionCode::NtpServers,
    OptionCode::InterfaceMtu,
    OptionCode::Renewal,
    OptionCode::Rebinding,
    OptionCode::ClasslessStaticRoute,
    OptionCode::TFTPServerName,
    OptionCode::BootfileName,
];

/// The largest DHCP message netkit accepts (option 57): an Ethernet MTU.
const MAX_MESSAGE_SIZE: u16 = 1500;

/// The BOOTP/DHCP payload of a DHCPDISCOVER for `chaddr` with transaction id `xid`: a
/// BOOTREQUEST for Ethernet with the broadcast flag (we have no address yet), options 53
/// (DISCOVER), 61 (client identifier: hardware type 1 + MAC), 55 ([`WANTED`]) and 57, padded
/// to the BOOTP minimum of 300 bytes.
pub fn discover_payload(xid: Xid, chaddr: [u8; 6]) -> Vec<u8> {
    let none = Ipv4Addr::UNSPECIFIED;
    let mut msg = v4::Message::new_with_id(xid.0, none, none, none, none, &chaddr);
    msg.set_htype(v4::HType::Eth)
        .set_flags(Flags::default().set_broadcast());
    let opts = msg.opts_mut();
    opts.insert(DhcpOption::MessageType(MessageType::Discover));
    let mut client_id = vec![u8::from(v4::HType::Eth)];
    client_id.extend_from_slice(&chaddr);
    opts.insert(DhcpOption::ClientIdentifier(client_id));
    opts.insert(DhcpOption::ParameterRequestList(WANTED.to_vec()));
    opts.insert(DhcpOption::MaxMessageSize(MAX_MESSAGE_SIZE));
    // Encoding fails only for an oversized sname/file, which this message does not set.
    let mut p = msg.to_vec().expect("a DHCPDISCOVER encodes");
    // dhcproto ends the options with the end option but does not pad to the BOOTP minimum.
    if p.len() < v4::MIN_PACKET_SIZE {
        p.resize(v4::MIN_PACKET_SIZE, 0);
    }
    p
}

/// The whole broadcast frame: Ethernet from `src_mac` to ff:ff:ff:ff:ff:ff, IPv4 0.0.0.0 →
/// 255.255.255.255, UDP 68 → 67, with checksums.
pub fn discover_frame(xid: Xid, src_mac: [u8; 6], chaddr: [u8; 6]) -> Vec<u8> {
    let payload = discover_payload(xid, chaddr);
    let udp_len = 8 + payload.len();
    let ip_len = 20 + udp_len;
    let mut frame = vec![0u8; 14 + ip_len];
    let (src, dst) = (Ipv4Addr::UNSPECIFIED, Ipv4Addr::BROADCAST);
    {
        let mut udp = MutableUdpPacket::new(&mut frame[34..]).expect("room for UDP");
        udp.set_source(v4::CLIENT_PORT);
        udp.set_destination(v4::SERVER_PORT);
        udp.set_length(udp_len as u16);
        udp.set_payload(&payload);
        let sum = udp::ipv4_checksum(&udp.to_immutable(), &src, &dst);
        udp.set_checksum(sum);
    }
    {
        let mut ip = MutableIpv4Packet::new(&mut frame[14..]).expect("room for IPv4");
        ip.set_version(4);
        ip.set_header_length(5);
        ip.set_total_length(ip_len as u16);
        ip.set_ttl(64);
        ip.set_next_level_protocol(IpNextHeaderProtocols::Udp);
        ip.set_source(src);
        ip.set_destination(dst);
        let sum = ipv4::checksum(&ip.to_immutable());
        ip.set_checksum(sum);
    }
    let mut eth = MutableEthernetPacket::new(&mut frame).expect("room for Ethernet");
    eth.set_destination(MacAddr::broadcast());
    eth.set_source(MacAddr::from(src_mac));
    eth.set_ethertype(EtherTypes::Ipv4);
    frame
}

/// What netkit reads from a DHCP message a server sent: header fields and the options it
/// reports. Absent or malformed options are `None` or empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// BOOTREQUEST or BOOTREPLY (op).
    pub op: Opcode,
    /// Transaction id (xid).
    pub xid: Xid,
    /// The first six bytes of the client hardware address field (chaddr): an Ethernet client's
    /// MAC. Read from the fixed header whatever hlen says.
    pub chaddr: [u8; 6],
    /// The address given to the client (yiaddr).
    pub yiaddr: Ipv4Addr,
    /// DHCP message type (option 53).
    pub kind: Option<MessageType>,
    /// Server identifier (option 54).
    pub server_id: Option<Ipv4Addr>,
    /// The configuration the message hands out.
    pub config: Config,
}

/// The network configuration a DHCP server hands out, as netkit reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Config {
    /// Subnet mask (option 1).
    pub subnet_mask: Option<Ipv4Addr>,
    /// Routers (option 3).
    pub routers: Vec<Ipv4Addr>,
    /// DNS servers (option 6).
    pub dns_servers: Vec<Ipv4Addr>,
    /// Domain name (option 15), as text (invalid UTF-8 replaced), trailing NULs trimmed.
    pub domain: Option<String>,
    /// Lease time in seconds (option 51).
    pub lease_seconds: Option<u32>,
    /// Broadcast address (option 28).
    pub broadcast: Option<Ipv4Addr>,
    /// NTP servers (option 42).
    pub ntp_servers: Vec<Ipv4Addr>,
    /// Interface MTU (option 26).
    pub mtu: Option<u16>,
    /// T1: when the client starts renewing with the same server, in seconds (option 58).
    pub renewal_seconds: Option<u32>,
    /// T2: when the client asks any server to extend the lease, in seconds (option 59).
    pub rebinding_seconds: Option<u32>,
    /// Classless static routes (option 121, RFC 3442): they replace the router option.
    pub classless_routes: Vec<ClasslessRoute>,
    /// PXE boot: the TFTP server's name (option 66).
    pub tftp_server: Option<String>,
    /// PXE boot: the file to fetch (option 67).
    pub boot_file: Option<String>,
    /// Every option the message held, in order, as code and bytes (hex).
    pub options: Vec<RawOption>,
}

/// One route of option 121.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClasslessRoute {
    /// The destination network, as a CIDR.
    pub destination: Cidr,
    /// The router to send it to (0.0.0.0: on the link).
    pub router: Ipv4Addr,
}

/// An option as it came on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawOption {
    /// The option code.
    pub code: u8,
    /// dhcproto's name for it (`Unknown(224)` for codes it does not know).
    pub name: String,
    /// Its value, as hex bytes.
    pub hex: String,
}

/// dhcproto's name of an option code in snake case (`InterfaceMtu` → `interface_mtu`;
/// `unknown` for codes it has no name for).
fn snake_name(code: OptionCode) -> String {
    let debug = format!("{code:?}");
    if debug.starts_with("Unknown") {
        return "unknown".into();
    }
    // A word starts at an upper-case letter after a lower-case one, or at the last capital of
    // an acronym followed by lower case (`TFTPServerName` → `tftp_server_name`).
    let chars: Vec<char> = debug.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let starts = c.is_ascii_uppercase()
            && (prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit())
                || prev.is_some_and(|p| p.is_ascii_uppercase())
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
        if starts {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Text of an option value: invalid UTF-8 replaced, trailing NULs trimmed.
fn option_text(data: &[u8]) -> String {
    String::from_utf8_lossy(data)
        .trim_end_matches('\0')
        .to_string()
}

/// Reads a BOOTP/DHCP message: `None` unless it has the fixed header and the DHCP magic
/// cookie. Options are taken one at a time (split options are joined, RFC 3396): one with a
/// value of the wrong shape is skipped alone, and one running past the end ends the list, what
/// came before it staying. Only the options netkit reports are decoded (dhcproto's decoder
/// asserts on the lengths of some others in debug builds, see the tests).
pub fn read_reply(p: &[u8]) -> Option<Reply> {
    let msg = borrowed::Message::new(p).ok()?;
    if p.get(236..240) != Some(&v4::MAGIC[..]) {
        return None;
    }
    let mut r = Reply {
        op: msg.opcode(),
        xid: Xid(msg.xid()),
        // Not msg.chaddr(): it slices 28..28+hlen, past the message for a large hlen.
        chaddr: Mac::from_slice(p.get(28..34)?)?.0,
        yiaddr: msg.yiaddr(),
        kind: None,
        server_id: None,
        config: Config::default(),
    };
    let c = &mut r.config;
    for opt in msg.opts() {
        let code = opt.code();
        let data = opt.data();
        c.options.push(RawOption {
            code: u8::from(code),
            name: snake_name(code),
            hex: data.iter().map(|b| format!("{b:02x}")).collect(),
        });
        // Text options, and numbers of a fixed size checked here (dhcproto's decoder asserts
        // on some lengths in debug builds).
        let be = |n: usize| {
            (data.len() == n).then(|| data.iter().fold(0u32, |a, b| a << 8 | u32::from(*b)))
        };
        match code {
            OptionCode::DomainName => c.domain = Some(option_text(data)),
            OptionCode::TFTPServerName => c.tftp_server = Some(option_text(data)),
            OptionCode::BootfileName => c.boot_file = Some(option_text(data)),
            OptionCode::InterfaceMtu => c.mtu = be(2).map(|v| v as u16),
            OptionCode::Renewal => c.renewal_seconds = be(4),
            OptionCode::Rebinding => c.rebinding_seconds = be(4),
            _ => {}
        }
        if matches!(
            code,
            OptionCode::DomainName
                | OptionCode::TFTPServerName
                | OptionCode::BootfileName
                | OptionCode::InterfaceMtu
                | OptionCode::Renewal
                | OptionCode::Rebinding
        ) {
            continue;
        }
        if code != OptionCode::MessageType && !WANTED.contains(&code) {
            continue;
        }
        match opt.into_option() {
            Ok(DhcpOption::MessageType(kind)) => r.kind = Some(kind),
            Ok(DhcpOption::ServerIdentifier(a)) => r.server_id = Some(a),
            Ok(DhcpOption::SubnetMask(a)) => c.subnet_mask = Some(a),
            Ok(DhcpOption::Router(v)) => c.routers = v,
            Ok(DhcpOption::DomainNameServer(v)) => c.dns_servers = v,
            Ok(DhcpOption::AddressLeaseTime(s)) => c.lease_seconds = Some(s),
            Ok(DhcpOption::BroadcastAddr(a)) => c.broadcast = Some(a),
            Ok(DhcpOption::NtpServers(v)) => c.ntp_servers = v,
            Ok(DhcpOption::ClasslessStaticRoute(routes)) => {
                c.classless_routes = routes
                    .into_iter()
                    .map(|(net, router)| ClasslessRoute {
                        destination: Cidr {
                            addr: IpAddr::V4(net.addr()),
                            prefix: net.prefix_len(),
                        },
                        router,
                    })
                    .collect();
            }
            _ => {}
        }
    }
    Some(r)
}

/// A DHCPOFFER, as netkit reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    /// The IP source of the offer: the server that sent it (or the relay that passed it on).
    pub server: Ipv4Addr,
    /// The MAC the offer came from.
    pub server_mac: Mac,
    /// The server the offer names as its own (option 54, the Server Identifier; null: none).
    /// Anyone can write it: `server` and `server_mac` say who sent the offer.
    pub server_id: Option<Ipv4Addr>,
    /// The address offered to us (yiaddr).
    pub offered: Ipv4Addr,
    /// What comes with the address.
    #[serde(flatten)]
    pub config: Config,
}

/// Why a frame that may have carried a DHCP reply for us was thrown away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flaw {
    /// IPv4 (UDP) with a header that cannot be: version not 4, header length (IHL) under 20
    /// bytes or beyond the packet, or a wrong header checksum.
    IpHeader,
    /// IPv4 total length beyond the captured bytes or smaller than the IP and UDP headers.
    IpLength,
    /// An IP fragment: DHCP replies come whole, and netkit does not reassemble.
    IpFragment,
    /// UDP (from or to a DHCP port) with a length under 8 or beyond the IP payload.
    UdpLength,
    /// A reply to our transaction that did not come from UDP port 67 to port 68.
    UdpPort,
    /// Sent to the DHCP client port but no BOOTP message with the DHCP magic cookie.
    NotDhcp,
    /// Another transaction id: an offer for another client, or a stale one.
    OtherTransaction,
    /// Our transaction, but a BOOTREQUEST or another message type (ACK, NAK...) than an offer.
    NotOffer,
    /// Our transaction id but another client's hardware address (chaddr).
    OtherClient,
    /// An offer beyond what one exchange keeps: a flood is counted, not stored. Never a verdict
    /// of [`offer_in_frame`].
    OverLimit,
}

impl Flaw {
    /// Why such a message was thrown away, in words for people.
    pub fn words(self) -> Message {
        match self {
            Flaw::IpHeader => t!("dhcp-flaw-ip-header"),
            Flaw::IpLength => t!("dhcp-flaw-ip-length"),
            Flaw::IpFragment => t!("dhcp-flaw-ip-fragment"),
            Flaw::UdpLength => t!("dhcp-flaw-udp-length"),
            Flaw::UdpPort => t!("dhcp-flaw-udp-port"),
            Flaw::NotDhcp => t!("dhcp-flaw-not-dhcp"),
            Flaw::OtherTransaction => t!("dhcp-flaw-other-transaction"),
            Flaw::NotOffer => t!("dhcp-flaw-not-offer"),
            Flaw::OtherClient => t!("dhcp-flaw-other-client"),
            Flaw::OverLimit => t!("dhcp-flaw-over-limit"),
        }
    }
}

impl std::fmt::Display for Flaw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.words().fmt(f)
    }
}

impl Reason for Flaw {
    fn counted(&self, n: u32) -> Message {
        t!("dhcp-discard-reason", count = n, reason = self.words())
    }
}

/// Parses a BOOTP/DHCP payload as the offer for transaction `xid` from client `chaddr`; `Err`
/// says why it is not (other xids and clients, requests, ACKs, malformed messages).
pub fn parse_offer(
    p: &[u8],
    xid: Xid,
    chaddr: [u8; 6],
    ip_src: Ipv4Addr,
    eth_src: [u8; 6],
) -> Result<Offer, Flaw> {
    let r = read_reply(p).ok_or(Flaw::NotDhcp)?;
    if r.xid != xid {
        return Err(Flaw::OtherTransaction);
    }
    if r.op != Opcode::BootReply || r.kind != Some(MessageType::Offer) {
        return Err(Flaw::NotOffer);
    }
    if r.chaddr != chaddr {
        return Err(Flaw::OtherClient);
    }
    Ok(Offer {
        server: ip_src,
        server_mac: Mac(eth_src),
        server_id: r.server_id,
        offered: r.yiaddr,
        config: r.config,
    })
}

/// The server a message from IP `source` names in its Server Identifier (option 54) when that
/// is another address: flagged, since a rogue server names the real one to pass for it (and a
/// relay passes on the server's offers from its own address).
pub fn other_server_id(source: Ipv4Addr, server_id: Option<Ipv4Addr>) -> Option<Ipv4Addr> {
    server_id.filter(|id| *id != source)
}

/// A UDP datagram taken out of an IPv4 packet whose headers were checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Datagram<'a> {
    /// IPv4 source.
    pub src: Ipv4Addr,
    /// UDP source port.
    pub sport: u16,
    /// UDP destination port.
    pub dport: u16,
    /// The UDP payload, exactly as long as the UDP length says.
    pub payload: &'a [u8],
}

/// The internet checksum (RFC 1071) of `bytes`: 0 over a header that carries a correct one.
fn internet_checksum(bytes: &[u8]) -> u16 {
    let mut sum: u32 = bytes
        .chunks(2)
        .map(|c| u32::from(u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)])))
        .sum();
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// Reads the UDP datagram in IPv4 packet `ip` (an Ethernet payload, padding included): `None`
/// when it is not UDP (or too short to say), `Err` when a length or header field is impossible.
/// Every length is checked against the bytes actually there before anything is sliced; IP
/// options are skipped; fragments are refused. UDP length flaws are reported only for datagrams
/// from or to a DHCP port (67, 68), other UDP being none of netkit's business.
pub fn udp_in_ipv4(ip: &[u8]) -> Option<Result<Datagram<'_>, Flaw>> {
    const UDP: u8 = 17;
    if *ip.get(9)? != UDP {
        return None;
    }
    let ihl = usize::from(ip[0] & 0x0f) * 4;
    if ip[0] >> 4 != 4 || ihl < 20 || ihl > ip.len() {
        return Some(Err(Flaw::IpHeader));
    }
    if internet_checksum(&ip[..ihl]) != 0 {
        return Some(Err(Flaw::IpHeader));
    }
    let total = usize::from(u16::from_be_bytes([ip[2], ip[3]]));
    if total > ip.len() || total < ihl + 8 {
        return Some(Err(Flaw::IpLength));
    }
    // More-fragments flag or a fragment offset.
    if u16::from_be_bytes([ip[6], ip[7]]) & 0x3fff != 0 {
        return Some(Err(Flaw::IpFragment));
    }
    let src = Ipv4Addr::new(ip[12], ip[13], ip[14], ip[15]);
    let udp = &ip[ihl..total];
    let sport = u16::from_be_bytes([udp[0], udp[1]]);
    let dport = u16::from_be_bytes([udp[2], udp[3]]);
    let len = usize::from(u16::from_be_bytes([udp[4], udp[5]]));
    if len < 8 || len > udp.len() {
        let dhcp = [sport, dport]
            .iter()
            .any(|p| *p == v4::SERVER_PORT || *p == v4::CLIENT_PORT);
        return dhcp.then_some(Err(Flaw::UdpLength));
    }
    Some(Ok(Datagram {
        src,
        sport,
        dport,
        payload: &udp[8..len],
    }))
}

/// Takes an Ethernet frame apart down to the DHCP offer for transaction `xid` from client
/// `chaddr`. `None` for frames that are none of this exchange's business (not IPv4/UDP, other
/// ports, requests such as our own broadcast); `Err` for a frame that is or claims to be a reply
/// to a DHCP client but may not be taken as our offer, with the reason.
pub fn offer_in_frame(frame: &[u8], xid: Xid, chaddr: [u8; 6]) -> Option<Result<Offer, Flaw>> {
    let eth = EthernetPacket::new(frame)?;
    if eth.get_ethertype() != EtherTypes::Ipv4 {
        return None;
    }
    let udp = match udp_in_ipv4(eth.payload())? {
        Ok(udp) => udp,
        Err(flaw) => return Some(Err(flaw)),
    };
    let eth_src = eth.get_source().octets();
    if (udp.sport, udp.dport) == (v4::SERVER_PORT, v4::CLIENT_PORT) {
        return Some(parse_offer(udp.payload, xid, chaddr, udp.src, eth_src));
    }
    // Elsewhere only a reply to our own transaction is worth a word.
    let r = read_reply(udp.payload)?;
    (r.op == Opcode::BootReply && r.xid == xid).then_some(Err(Flaw::UdpPort))
}

#[cfg(test)]
mod tests {
    use super::*;
    use pnet_packet::ipv4::Ipv4Packet;
    use pnet_packet::udp::UdpPacket;

    const MAC: [u8; 6] = [0x00, 0x16, 0x3e, 0x12, 0x34, 0x56];
    const SERVER: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 1);

    /// A BOOTREPLY header for `xid` offering 198.51.100.120, with the cookie, and `options`.
    fn reply(xid: u32, options: &[u8]) -> Vec<u8> {
        let mut p = vec![0u8; 240];
        p[0] = 2;
        p[1] = 1;
        p[2] = 6;
        p[4..8].copy_from_slice(&xid.to_be_bytes());
        p[16..20].copy_from_slice(&[198, 51, 100, 120]);
        p[28..34].copy_from_slice(&MAC);
        p[236..240].copy_from_slice(&[99, 130, 83, 99]);
        p.extend_from_slice(options);
        p
    }

    /// An offer as a server would build it.
    fn offer_for(xid: u32) -> Vec<u8> {
        let mut o = vec![53, 1, 2, 54, 4, 198, 51, 100, 1, 1, 4, 255, 255, 255, 0];
        o.extend_from_slice(&[
            3, 4, 198, 51, 100, 1, 6, 8, 198, 51, 100, 53, 198, 51, 100, 54,
        ]);
        o.extend_from_slice(&[51, 4, 0, 0, 0xa8, 0xc0, 15, 8]);
        o.extend_from_slice(b"lan.test");
        o.push(255);
        reply(xid, &o)
    }

    fn offer(p: &[u8]) -> Option<Offer> {
        parse_offer(p, Xid(7), MAC, Ipv4Addr::new(192, 0, 2, 9), MAC).ok()
    }

    #[test]
    fn discover_is_a_broadcast_request_with_our_mac() {
        let f = discover_frame(Xid(0xdead_beef), MAC, MAC);
        let eth = EthernetPacket::new(&f).unwrap();
        assert_eq!(eth.get_destination(), MacAddr::broadcast());
        let ip = Ipv4Packet::new(eth.payload()).unwrap();
        assert_eq!(
            (ip.get_source(), ip.get_destination()),
            (Ipv4Addr::UNSPECIFIED, Ipv4Addr::BROADCAST)
        );
        assert_eq!(ip.get_checksum(), ipv4::checksum(&ip));
        let udp = UdpPacket::new(ip.payload()).unwrap();
        assert_eq!((udp.get_source(), udp.get_destination()), (68, 67));
        assert_eq!(
            udp.get_checksum(),
            udp::ipv4_checksum(&udp, &ip.get_source(), &ip.get_destination())
        );
        let p = udp.payload();
        assert_eq!(p[0], 1);
        assert_eq!(&p[4..8], &0xdead_beefu32.to_be_bytes());
        assert_eq!(p[10] & 0x80, 0x80, "broadcast flag");
        assert_eq!(&p[28..34], &MAC);
        assert_eq!(&p[240..243], &[53, 1, 1], "a DISCOVER, never a REQUEST");
    }

    /// The payload byte for byte: the fixed header, then the options in code order (dhcproto
    /// keeps them sorted), the end option and zero padding to 300 bytes.
    /// Issue 29 section 1: the xid is a type, shown and serialized as it was as a string.
    #[test]
    fn xid_is_written_in_hex() {
        assert_eq!(Xid(0x1a2b).to_string(), "0x00001a2b");
        assert_eq!(Xid(u32::MAX).to_string(), "0xffffffff");
        assert_eq!(serde_json::to_string(&Xid(7)).unwrap(), "\"0x00000007\"");
    }

    #[test]
    fn discover_payload_bytes() {
        let mac = [0x02, 0, 0, 0, 0, 0x42];
        let mut want = vec![0u8; 240];
        want[..3].copy_from_slice(&[1, 1, 6]); // BOOTREQUEST, Ethernet, hlen 6
        want[4..8].copy_from_slice(&[0x12, 0x34, 0x56, 0x78]);
        want[10] = 0x80; // broadcast
        want[28..34].copy_from_slice(&mac);
        want[236..240].copy_from_slice(&[99, 130, 83, 99]);
        want.extend_from_slice(&[53, 1, 1]);
        // Parameter request list: mask, router, DNS, domain, lease, server id, broadcast, NTP,
        // MTU, T1, T2, classless routes, TFTP server, boot file.
        want.extend_from_slice(&[55, 14, 1, 3, 6, 15, 51, 54, 28, 42, 26, 58, 59, 121, 66, 67]);
        want.extend_from_slice(&[57, 2, 0x05, 0xdc]);
        want.extend_from_slice(&[61, 7, 1, 0x02, 0, 0, 0, 0, 0x42]);
        want.push(255);
        want.resize(300, 0);
        assert_eq!(discover_payload(Xid(0x1234_5678), mac), want);
    }

    #[test]
    fn offers_are_parsed_and_foreign_xids_ignored() {
        let o = offer(&offer_for(7)).unwrap();
        assert_eq!(o.offered, Ipv4Addr::new(198, 51, 100, 120));
        // Issue 25 item 3: the server is who sent it (the IP source); option 54 is kept apart.
        assert_eq!(o.server, Ipv4Addr::new(192, 0, 2, 9));
        assert_eq!(o.server_id, Some(SERVER));
        assert_eq!(other_server_id(o.server, o.server_id), Some(SERVER));
        assert_eq!(other_server_id(SERVER, o.server_id), None);
        assert_eq!(o.server_mac.to_string(), "00:16:3e:12:34:56");
        assert_eq!(o.config.subnet_mask, Some(Ipv4Addr::new(255, 255, 255, 0)));
        assert_eq!(o.config.routers, [SERVER]);
        assert_eq!(
            o.config.dns_servers,
            [
                Ipv4Addr::new(198, 51, 100, 53),
                Ipv4Addr::new(198, 51, 100, 54)
            ]
        );
        assert_eq!(o.config.lease_seconds, Some(43200));
        assert_eq!(o.config.domain.as_deref(), Some("lan.test"));
        assert_eq!((o.config.broadcast, o.config.ntp_servers.len()), (None, 0));
        assert_eq!(offer(&offer_for(8)), None);
        let mut ack = offer_for(7);
        ack[242] = 5;
        assert_eq!(offer(&ack), None);
        let mut request = offer_for(7);
        request[0] = 1;
        assert_eq!(offer(&request), None);
        // No server identifier: none is named.
        let bare = offer(&reply(7, &[53, 1, 2, 255])).unwrap();
        assert_eq!(bare.server, Ipv4Addr::new(192, 0, 2, 9));
        assert_eq!(bare.server_id, None);
    }

    /// Sets the IPv4 header checksum of Ethernet frame `f` right (whatever its IHL says, as
    /// far as the bytes go).
    fn fix_ip_checksum(f: &mut [u8]) {
        f[24..26].copy_from_slice(&[0, 0]);
        let end = (14 + usize::from(f[14] & 0x0f) * 4).min(f.len());
        let sum = internet_checksum(&f[14..end]);
        f[24..26].copy_from_slice(&sum.to_be_bytes());
    }

    /// A server's frame around `payload`: the discover's framing, IPv4 from SERVER, UDP 67 → 68,
    /// lengths and IP checksum right.
    fn server_frame(payload: &[u8]) -> Vec<u8> {
        let mut f = discover_frame(Xid(7), [0x00, 0x16, 0x3e, 0, 0, 1], MAC);
        f.truncate(42);
        f.extend_from_slice(payload);
        let mut udp = MutableUdpPacket::new(&mut f[34..]).unwrap();
        udp.set_source(67);
        udp.set_destination(68);
        udp.set_length(8 + payload.len() as u16);
        let mut ip = MutableIpv4Packet::new(&mut f[14..]).unwrap();
        ip.set_total_length(28 + payload.len() as u16);
        ip.set_source(SERVER);
        fix_ip_checksum(&mut f);
        f
    }

    /// `server_frame(offer_for(7))` changed by `edit`, the IP checksum fixed after it.
    fn edited(edit: impl FnOnce(&mut Vec<u8>)) -> Option<Result<Offer, Flaw>> {
        let mut f = server_frame(&offer_for(7));
        edit(&mut f);
        fix_ip_checksum(&mut f);
        offer_in_frame(&f, Xid(7), MAC)
    }

    fn set16(f: &mut [u8], at: usize, v: u16) {
        f[at..at + 2].copy_from_slice(&v.to_be_bytes());
    }

    #[test]
    fn the_offer_frame_is_taken_apart() {
        let f = server_frame(&offer_for(7));
        let o = offer_in_frame(&f, Xid(7), MAC).unwrap().unwrap();
        assert_eq!(o.offered, Ipv4Addr::new(198, 51, 100, 120));
        assert_eq!(o.server_mac.to_string(), "00:16:3e:00:00:01");
        assert_eq!(
            offer_in_frame(&f, Xid(8), MAC),
            Some(Err(Flaw::OtherTransaction))
        );
        // Our own broadcast (to port 67) is none of the exchange's business.
        assert_eq!(
            offer_in_frame(&discover_frame(Xid(7), MAC, MAC), Xid(7), MAC),
            None
        );
        // Ethernet padding after the IP packet is not part of it.
        assert!(
            edited(|f| f.extend_from_slice(&[0xee; 40]))
                .unwrap()
                .is_ok()
        );
        // IP options (IHL 6: one word of NOPs) are skipped.
        let with_options = edited(|f| {
            f.splice(34..34, [1, 1, 1, 1]);
            f[14] = 0x46;
            let total = u16::from_be_bytes([f[16], f[17]]) + 4;
            set16(f, 16, total);
        });
        assert!(with_options.unwrap().is_ok());
    }

    /// Issue 12: offers with impossible IPv4 or UDP header fields were accepted.
    #[test]
    fn impossible_headers_are_flaws() {
        let flaw = |edit: &dyn Fn(&mut Vec<u8>)| edited(edit).map(|r| r.err());
        assert_eq!(flaw(&|f| f[14] = 0x44), Some(Some(Flaw::IpHeader)), "IHL 4");
        assert_eq!(flaw(&|f| f[14] = 0x40), Some(Some(Flaw::IpHeader)), "IHL 0");
        assert_eq!(
            flaw(&|f| f[14] = 0x65),
            Some(Some(Flaw::IpHeader)),
            "version 6"
        );
        assert_eq!(
            flaw(&|f| {
                f[14] = 0x4f;
                f.truncate(14 + 40);
            }),
            Some(Some(Flaw::IpHeader)),
            "IHL 15 beyond the packet"
        );
        let mut bad_sum = server_frame(&offer_for(7));
        bad_sum[24] ^= 0x55;
        assert_eq!(
            offer_in_frame(&bad_sum, Xid(7), MAC),
            Some(Err(Flaw::IpHeader)),
            "checksum"
        );
        let len = |f: &Vec<u8>| u16::from_be_bytes([f[16], f[17]]);
        assert_eq!(
            flaw(&|f| {
                let n = len(f) + 1;
                set16(f, 16, n)
            }),
            Some(Some(Flaw::IpLength)),
            "total length beyond the bytes"
        );
        assert_eq!(flaw(&|f| set16(f, 16, 0xffff)), Some(Some(Flaw::IpLength)));
        for total in [0, 19, 20, 27] {
            assert_eq!(
                flaw(&|f| set16(f, 16, total)),
                Some(Some(Flaw::IpLength)),
                "total {total}"
            );
        }
        assert_eq!(flaw(&|f| f[20] = 0x20), Some(Some(Flaw::IpFragment)), "MF");
        assert_eq!(
            flaw(&|f| f[21] = 0x01),
            Some(Some(Flaw::IpFragment)),
            "offset"
        );
        for udp_len in [0, 7] {
            assert_eq!(
                flaw(&|f| set16(f, 38, udp_len)),
                Some(Some(Flaw::UdpLength)),
                "UDP length {udp_len}"
            );
        }
        let udp_len = |f: &Vec<u8>| u16::from_be_bytes([f[38], f[39]]);
        assert_eq!(
            flaw(&|f| {
                let n = udp_len(f) + 1;
                set16(f, 38, n)
            }),
            Some(Some(Flaw::UdpLength)),
            "UDP length beyond the IP payload"
        );
        // A UDP length shorter than the packet cuts the payload: here inside the fixed header.
        assert_eq!(flaw(&|f| set16(f, 38, 8 + 200)), Some(Some(Flaw::NotDhcp)));
        // Other UDP with a bad length is not DHCP's business.
        assert_eq!(
            flaw(&|f| {
                set16(f, 34, 5353);
                set16(f, 36, 5353);
                set16(f, 38, 3);
            }),
            None
        );
    }

    /// Issue 12: an offer for another client's MAC was accepted; so were replies to our xid
    /// from the wrong port.
    #[test]
    fn other_clients_ports_and_kinds_are_flaws() {
        let flaw = |edit: &dyn Fn(&mut Vec<u8>)| edited(edit).map(|r| r.err());
        assert_eq!(flaw(&|f| f[42 + 33] = 0x57), Some(Some(Flaw::OtherClient)));
        assert_eq!(flaw(&|f| set16(f, 34, 6767)), Some(Some(Flaw::UdpPort)));
        assert_eq!(flaw(&|f| set16(f, 36, 6868)), Some(Some(Flaw::UdpPort)));
        assert_eq!(
            flaw(&|f| f[42 + 242] = 5),
            Some(Some(Flaw::NotOffer)),
            "ACK"
        );
        assert_eq!(
            flaw(&|f| f[42] = 1),
            Some(Some(Flaw::NotOffer)),
            "BOOTREQUEST"
        );
        assert_eq!(
            flaw(&|f| f[42 + 236] = 0),
            Some(Some(Flaw::NotDhcp)),
            "cookie"
        );
        // A request to port 67 with our xid (a relay's copy of our DISCOVER) is no reply at all.
        assert_eq!(
            flaw(&|f| {
                f[42] = 1;
                set16(f, 34, 68);
                set16(f, 36, 67);
            }),
            None
        );
        // A huge hlen does not make the reader slice past the message.
        let o = edited(|f| f[42 + 2] = 255).unwrap().unwrap();
        assert_eq!(o.offered, Ipv4Addr::new(198, 51, 100, 120));
    }

    /// Issue 12: the domain reaches the report exactly, control characters included (the
    /// renderer neutralizes them for a terminal; JSON escapes them).
    #[test]
    fn option_text_is_kept_exactly() {
        let domain = b"\x1b[31mevil\x07\r\xe2\x80\xaelan";
        let mut o = vec![53, 1, 2, 15, domain.len() as u8];
        o.extend_from_slice(domain);
        o.push(255);
        let got = offer(&reply(7, &o)).unwrap().config.domain.unwrap();
        assert_eq!(got, "\u{1b}[31mevil\u{7}\r\u{202e}lan");
        let json = serde_json::to_string(&got).unwrap();
        assert_eq!(json, "\"\\u001b[31mevil\\u0007\\r\u{202e}lan\"");
    }

    #[test]
    fn option_values_as_today() {
        // Domain: invalid UTF-8 replaced, trailing NULs trimmed; a split option (RFC 3396) is
        // joined; a value of the wrong shape is skipped alone.
        let o = offer(&reply(
            7,
            &[
                53, 1, 2, 15, 6, b'l', 0xff, b'n', b'.', 0, 0, // domain
                6, 4, 10, 0, 0, 1, 6, 4, 10, 0, 0, 2, // DNS in two parts
                1, 3, 255, 255, 255, // a mask of 3 bytes
                54, 4, 10, 0, 0, 9, 255,
            ],
        ))
        .unwrap();
        assert_eq!(o.config.domain.as_deref(), Some("l\u{fffd}n."));
        assert_eq!(
            o.config.dns_servers,
            [Ipv4Addr::new(10, 0, 0, 1), Ipv4Addr::new(10, 0, 0, 2)]
        );
        assert_eq!(o.config.subnet_mask, None);
        assert_eq!(o.server_id, Some(Ipv4Addr::new(10, 0, 0, 9)));
    }

    #[test]
    fn truncated_wrong_cookie_and_garbage() {
        // Cut inside the subnet mask option: what came before it stays.
        let mut cut = offer_for(7);
        cut.truncate(250);
        let o = offer(&cut).unwrap();
        assert_eq!((o.server_id, o.config.subnet_mask), (Some(SERVER), None));
        // Cut before the message type: not an offer.
        assert_eq!(offer(&offer_for(7)[..241]), None);
        for n in [0, 1, 100, 235, 239] {
            assert_eq!(read_reply(&offer_for(7)[..n]), None, "{n} bytes");
        }
        let mut cookie = offer_for(7);
        cookie[239] = 0x62;
        assert_eq!(read_reply(&cookie), None);
        // Every option code with short and odd lengths, running to the end or not, never
        // panics (codes 80, 81, 94, 152-155 make dhcproto's full decoder assert).
        for code in 1..=254u8 {
            for len in 0..=9u8 {
                let mut o = vec![53, 1, 2, code, len];
                o.extend((0..len).map(|i| i.wrapping_mul(37)));
                for end in [vec![], vec![255]] {
                    let p = reply(7, &[o.clone(), end].concat());
                    let r = read_reply(&p).unwrap();
                    assert_eq!(r.kind, Some(MessageType::Offer), "code {code} len {len}");
                    let _ = offer(&p);
                    let _ = offer(&p[..p.len() - 1]);
                }
            }
        }
        // Pseudo-random bytes after a valid header (xorshift, fixed seed).
        let mut x: u32 = 0x9e37_79b9;
        for _ in 0..2000 {
            let len = (x % 64) as usize;
            let tail: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x as u8
                })
                .collect();
            let _ = offer(&reply(7, &tail));
        }
    }

    /// Why replies are read with `v4::borrowed::Message` and not decoded whole with
    /// `v4::Message::decode` (dhcproto 0.15): (1) the full decoder `debug_assert!`s option
    /// lengths for some codes (80, 81, 94, 152-155), so a malformed one from the network
    /// panics in debug builds (release builds skip the assertion); (2) it stops at the first
    /// option it cannot decode and drops every option after it, without an error.
    #[test]
    fn dhcproto_full_decode_defects() {
        use dhcproto::Decodable;
        // Rapid commit (80) must be empty; here it has one byte.
        let p = reply(7, &[53, 1, 2, 80, 1, 0, 54, 4, 198, 51, 100, 1, 255]);
        let full = std::panic::catch_unwind(|| v4::Message::from_bytes(&p).is_ok());
        assert_eq!(full.is_err(), cfg!(debug_assertions), "{full:?}");
        assert_eq!(offer(&p).unwrap().server_id, Some(SERVER));
        // A domain that is not UTF-8, then the server identifier.
        let p = reply(
            7,
            &[53, 1, 2, 15, 2, 0xc3, 0x28, 54, 4, 198, 51, 100, 1, 255],
        );
        let full = v4::Message::from_bytes(&p).unwrap();
        assert_eq!(full.opts().get(OptionCode::ServerIdentifier), None);
        assert_eq!(full.opts().len(), 1, "only the message type survives");
        let r = read_reply(&p).unwrap();
        assert_eq!(r.server_id, Some(SERVER));
        assert_eq!(r.config.domain.as_deref(), Some("\u{fffd}("));
    }

    mod properties {
        use super::*;
        use dhcproto::Decodable;
        use proptest::collection::vec;
        use proptest::prelude::*;

        fn ip() -> impl Strategy<Value = Ipv4Addr> {
            any::<u32>().prop_map(Ipv4Addr::from)
        }

        fn ips() -> impl Strategy<Value = Vec<Ipv4Addr>> {
            vec(ip(), 0..5)
        }

        prop_compose! {
            fn config()(
                subnet_mask in proptest::option::of(ip()),
                routers in ips(),
                dns_servers in ips(),
                domain in proptest::option::of("[^\u{0}]{1,60}"),
                lease_seconds in proptest::option::of(any::<u32>()),
                broadcast in proptest::option::of(ip()),
                ntp_servers in ips(),
                mtu in proptest::option::of(any::<u16>()),
                renewal_seconds in proptest::option::of(any::<u32>()),
                rebinding_seconds in proptest::option::of(any::<u32>()),
                tftp_server in proptest::option::of("[a-z.]{1,30}"),
                boot_file in proptest::option::of("[a-z./]{1,30}"),
            ) -> Config {
                Config {
                    subnet_mask, routers, dns_servers, domain, lease_seconds, broadcast,
                    ntp_servers, mtu, renewal_seconds, rebinding_seconds, tftp_server, boot_file,
                    ..Config::default()
                }
            }
        }

        /// A DHCPOFFER as a server encodes it (dhcproto), carrying `c`.
        fn encode_offer(xid: u32, chaddr: [u8; 6], yiaddr: Ipv4Addr, c: &Config) -> Vec<u8> {
            let none = Ipv4Addr::UNSPECIFIED;
            let mut msg = v4::Message::new_with_id(xid, none, yiaddr, SERVER, none, &chaddr);
            msg.set_opcode(Opcode::BootReply);
            let o = msg.opts_mut();
            o.insert(DhcpOption::MessageType(MessageType::Offer));
            o.insert(DhcpOption::ServerIdentifier(SERVER));
            if let Some(m) = c.subnet_mask {
                o.insert(DhcpOption::SubnetMask(m));
            }
            if !c.routers.is_empty() {
                o.insert(DhcpOption::Router(c.routers.clone()));
            }
            if !c.dns_servers.is_empty() {
                o.insert(DhcpOption::DomainNameServer(c.dns_servers.clone()));
            }
            if let Some(d) = &c.domain {
                o.insert(DhcpOption::DomainName(d.clone()));
            }
            if let Some(s) = c.lease_seconds {
                o.insert(DhcpOption::AddressLeaseTime(s));
            }
            if let Some(b) = c.broadcast {
                o.insert(DhcpOption::BroadcastAddr(b));
            }
            if !c.ntp_servers.is_empty() {
                o.insert(DhcpOption::NtpServers(c.ntp_servers.clone()));
            }
            if let Some(m) = c.mtu {
                o.insert(DhcpOption::InterfaceMtu(m));
            }
            if let Some(t) = c.renewal_seconds {
                o.insert(DhcpOption::Renewal(t));
            }
            if let Some(t) = c.rebinding_seconds {
                o.insert(DhcpOption::Rebinding(t));
            }
            if let Some(t) = &c.tftp_server {
                o.insert(DhcpOption::TFTPServerName(t.as_bytes().to_vec()));
            }
            if let Some(f) = &c.boot_file {
                o.insert(DhcpOption::BootfileName(f.as_bytes().to_vec()));
            }
            msg.to_vec().unwrap()
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(384))]

            #[test]
            fn arbitrary_frames_never_panic(bytes in vec(any::<u8>(), 0..400)) {
                let _ = offer_in_frame(&bytes, Xid(7), MAC);
                let _ = read_reply(&bytes);
            }

            /// Arbitrary bytes behind an Ethernet header saying IPv4 and an IP byte saying UDP
            /// reach the header checks.
            #[test]
            fn arbitrary_ipv4_udp_never_panics(mut ip in vec(any::<u8>(), 10..120)) {
                ip[9] = 17;
                let mut f = server_frame(&[])[..14].to_vec();
                f.extend_from_slice(&ip);
                let _ = offer_in_frame(&f, Xid(7), MAC);
                prop_assert!(udp_in_ipv4(&ip).is_some());
            }

            /// A real offer with a few bytes changed anywhere (lengths, IHL, options...) never
            /// panics, with or without the IP checksum set right after the change.
            #[test]
            fn edited_offers_never_panic(
                edits in vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
                cut in any::<prop::sample::Index>(),
                fix in any::<bool>(),
            ) {
                let mut f = server_frame(&offer_for(7));
                for (at, v) in edits {
                    let i = at.index(f.len());
                    f[i] = v;
                }
                if fix {
                    fix_ip_checksum(&mut f);
                }
                let _ = offer_in_frame(&f, Xid(7), MAC);
                let n = cut.index(f.len() + 1);
                let _ = offer_in_frame(&f[..n], Xid(7), MAC);
            }

            #[test]
            fn discover_decodes_to_what_was_encoded(
                xid in any::<u32>(),
                src in any::<[u8; 6]>(),
                chaddr in any::<[u8; 6]>(),
            ) {
                let f = discover_frame(Xid(xid), src, chaddr);
                prop_assert_eq!(&f[6..12], &src[..]);
                let d = udp_in_ipv4(&f[14..]).unwrap().unwrap();
                prop_assert_eq!((d.src, d.sport, d.dport), (Ipv4Addr::UNSPECIFIED, 68, 67));
                let m = v4::Message::from_bytes(d.payload).unwrap();
                prop_assert_eq!(m.opcode(), Opcode::BootRequest);
                prop_assert_eq!(m.xid(), xid);
                prop_assert_eq!(m.chaddr(), &chaddr[..]);
                prop_assert!(m.flags().broadcast());
                prop_assert_eq!(
                    m.opts().get(OptionCode::MessageType),
                    Some(&DhcpOption::MessageType(MessageType::Discover))
                );
                let mut id = vec![1];
                id.extend_from_slice(&chaddr);
                prop_assert_eq!(
                    m.opts().get(OptionCode::ClientIdentifier),
                    Some(&DhcpOption::ClientIdentifier(id))
                );
                prop_assert_eq!(
                    m.opts().get(OptionCode::ParameterRequestList),
                    Some(&DhcpOption::ParameterRequestList(WANTED.to_vec()))
                );
            }

            #[test]
            fn offers_decode_to_what_the_server_encoded(
                xid in any::<u32>(),
                yiaddr in ip(),
                c in config(),
            ) {
                let f = server_frame(&encode_offer(xid, MAC, yiaddr, &c));
                let mut o = offer_in_frame(&f, Xid(xid), MAC).unwrap().unwrap();
                prop_assert_eq!((o.server, o.offered), (SERVER, yiaddr));
                // Every option is listed as it came: the MTU's bytes among them.
                let listed = |code: u8| o.config.options.iter().find(|r| r.code == code).cloned();
                prop_assert_eq!(
                    listed(26).map(|r| r.hex),
                    c.mtu.map(|m| format!("{m:04x}"))
                );
                prop_assert_eq!(listed(53).map(|r| r.name), Some("message_type".to_string()));
                if c.tftp_server.is_some() {
                    prop_assert_eq!(
                        listed(66).map(|r| r.name),
                        Some("tftp_server_name".to_string())
                    );
                }
                o.config.options.clear();
                prop_assert_eq!(o.config, c);
                let other = [0x02, 0, 0, 0, 0, 1];
                prop_assert_eq!(offer_in_frame(&f, Xid(xid), other), Some(Err(Flaw::OtherClient)));
                prop_assert_eq!(
                    offer_in_frame(&f, Xid(xid ^ 1), MAC),
                    Some(Err(Flaw::OtherTransaction))
                );
            }
        }
    }
}
