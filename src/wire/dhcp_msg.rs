//! DHCP messages (RFC 2131/2132) for `netkit dhcp discover` and the dhcpcd lease reader. The
//! DHCPDISCOVER is built with dhcproto's `v4::Message` and framed for broadcast (Ethernet + IPv4 +
//! UDP 68→67) with pnet_packet; server replies (DHCPOFFERs, the DHCPACK dhcpcd saves) are read
//! with dhcproto's lazy `v4::borrowed::Message`, decoding only the options netkit reports. Pure
//! logic.

use crate::net::hwaddr::Mac;
use std::net::Ipv4Addr;

use dhcproto::v4::{self, DhcpOption, Encodable, Flags, MessageType, Opcode, OptionCode, borrowed};
use pnet_datalink::MacAddr;
use pnet_packet::Packet;
use pnet_packet::ethernet::{EtherTypes, EthernetPacket, MutableEthernetPacket};
use pnet_packet::ip::IpNextHeaderProtocols;
use pnet_packet::ipv4::{self, Ipv4Packet, MutableIpv4Packet};
use pnet_packet::udp::{self, MutableUdpPacket, UdpPacket};
use serde::Serialize;

/// Options asked for in the parameter request list: mask, router, DNS, domain, lease, server id,
/// broadcast, NTP.
const WANTED: [OptionCode; 8] = [
    OptionCode::SubnetMask,
    OptionCode::Router,
    OptionCode::DomainNameServer,
    OptionCode::DomainName,
    OptionCode::AddressLeaseTime,
    OptionCode::ServerIdentifier,
    OptionCode::BroadcastAddr,
    OptionCode::NtpServers,
];

/// The largest DHCP message netkit accepts (option 57): an Ethernet MTU.
const MAX_MESSAGE_SIZE: u16 = 1500;

/// The BOOTP/DHCP payload of a DHCPDISCOVER for `chaddr` with transaction id `xid`: a
/// BOOTREQUEST for Ethernet with the broadcast flag (we have no address yet), options 53
/// (DISCOVER), 61 (client identifier: hardware type 1 + MAC), 55 ([`WANTED`]) and 57, padded
/// to the BOOTP minimum of 300 bytes.
pub fn discover_payload(xid: u32, chaddr: [u8; 6]) -> Vec<u8> {
    let none = Ipv4Addr::UNSPECIFIED;
    let mut msg = v4::Message::new_with_id(xid, none, none, none, none, &chaddr);
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
pub fn discover_frame(xid: u32, src_mac: [u8; 6], chaddr: [u8; 6]) -> Vec<u8> {
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
    pub xid: u32,
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
        xid: msg.xid(),
        yiaddr: msg.yiaddr(),
        kind: None,
        server_id: None,
        config: Config::default(),
    };
    let c = &mut r.config;
    for opt in msg.opts() {
        let code = opt.code();
        if code == OptionCode::DomainName {
            let text = String::from_utf8_lossy(opt.data());
            c.domain = Some(text.trim_end_matches('\0').to_string());
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
            _ => {}
        }
    }
    Some(r)
}

/// A DHCPOFFER, as netkit reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    /// Server identifier (option 54), or the IP source of the offer.
    pub server: Ipv4Addr,
    /// The MAC the offer came from.
    pub server_mac: Mac,
    /// The address offered to us (yiaddr).
    pub offered: Ipv4Addr,
    /// What comes with the address.
    #[serde(flatten)]
    pub config: Config,
}

/// Parses a BOOTP/DHCP payload as an offer for `xid` (None for anything else: other xids,
/// requests, ACKs, malformed messages).
pub fn parse_offer(p: &[u8], xid: u32, ip_src: Ipv4Addr, eth_src: [u8; 6]) -> Option<Offer> {
    let r = read_reply(p)?;
    if r.op != Opcode::BootReply || r.xid != xid || r.kind != Some(MessageType::Offer) {
        return None;
    }
    Some(Offer {
        server: r.server_id.unwrap_or(ip_src),
        server_mac: Mac(eth_src),
        offered: r.yiaddr,
        config: r.config,
    })
}

/// Takes an Ethernet frame apart down to a DHCP offer for `xid` sent to the client port (68).
pub fn offer_in_frame(frame: &[u8], xid: u32) -> Option<Offer> {
    let eth = EthernetPacket::new(frame)?;
    if eth.get_ethertype() != EtherTypes::Ipv4 {
        return None;
    }
    let ip = Ipv4Packet::new(eth.payload())?;
    if ip.get_next_level_protocol() != IpNextHeaderProtocols::Udp {
        return None;
    }
    let udp = UdpPacket::new(ip.payload())?;
    if udp.get_destination() != v4::CLIENT_PORT || udp.get_source() != v4::SERVER_PORT {
        return None;
    }
    parse_offer(
        udp.payload(),
        xid,
        ip.get_source(),
        eth.get_source().octets(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
        parse_offer(p, 7, Ipv4Addr::new(192, 0, 2, 9), MAC)
    }

    #[test]
    fn discover_is_a_broadcast_request_with_our_mac() {
        let f = discover_frame(0xdead_beef, MAC, MAC);
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
        want.extend_from_slice(&[55, 8, 1, 3, 6, 15, 51, 54, 28, 42]);
        want.extend_from_slice(&[57, 2, 0x05, 0xdc]);
        want.extend_from_slice(&[61, 7, 1, 0x02, 0, 0, 0, 0, 0x42]);
        want.push(255);
        want.resize(300, 0);
        assert_eq!(discover_payload(0x1234_5678, mac), want);
    }

    #[test]
    fn offers_are_parsed_and_foreign_xids_ignored() {
        let o = offer(&offer_for(7)).unwrap();
        assert_eq!(o.offered, Ipv4Addr::new(198, 51, 100, 120));
        assert_eq!(o.server, SERVER);
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
        // No server identifier: the offer's IP source stands in.
        let bare = offer(&reply(7, &[53, 1, 2, 255])).unwrap();
        assert_eq!(bare.server, Ipv4Addr::new(192, 0, 2, 9));
    }

    #[test]
    fn the_offer_frame_is_taken_apart() {
        // A server's frame: the discover's framing with the offer as payload, UDP 67 → 68.
        let payload = offer_for(7);
        let mut f = discover_frame(7, MAC, MAC);
        f.truncate(42);
        f.extend_from_slice(&payload);
        let mut udp = MutableUdpPacket::new(&mut f[34..]).unwrap();
        udp.set_source(67);
        udp.set_destination(68);
        udp.set_length(8 + payload.len() as u16);
        let mut ip = MutableIpv4Packet::new(&mut f[14..]).unwrap();
        ip.set_total_length(28 + payload.len() as u16);
        ip.set_source(SERVER);
        let o = offer_in_frame(&f, 7).unwrap();
        assert_eq!(o.offered, Ipv4Addr::new(198, 51, 100, 120));
        assert_eq!(offer_in_frame(&f, 8), None);
        // Our own broadcast (to port 67) is not an offer.
        assert_eq!(offer_in_frame(&discover_frame(7, MAC, MAC), 7), None);
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
        assert_eq!(o.server, Ipv4Addr::new(10, 0, 0, 9));
    }

    #[test]
    fn truncated_wrong_cookie_and_garbage() {
        // Cut inside the subnet mask option: what came before it stays.
        let mut cut = offer_for(7);
        cut.truncate(250);
        let o = offer(&cut).unwrap();
        assert_eq!((o.server, o.config.subnet_mask), (SERVER, None));
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
        assert_eq!(offer(&p).unwrap().server, SERVER);
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
}
