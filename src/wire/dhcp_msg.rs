//! DHCP messages (RFC 2131/2132) for `netkit dhcp discover`: building the DHCPDISCOVER broadcast
//! (Ethernet + IPv4 + UDP 68→67, broadcast flag, fresh xid) and parsing DHCPOFFERs. Pure logic.

use std::net::Ipv4Addr;

use pnet_datalink::MacAddr;
use pnet_packet::Packet;
use pnet_packet::ethernet::{EtherTypes, EthernetPacket, MutableEthernetPacket};
use pnet_packet::ip::IpNextHeaderProtocols;
use pnet_packet::ipv4::{self, Ipv4Packet, MutableIpv4Packet};
use pnet_packet::udp::{self, MutableUdpPacket, UdpPacket};
use serde::Serialize;

/// The magic cookie that starts the options field.
pub const COOKIE: [u8; 4] = [99, 130, 83, 99];
/// DHCP message types (option 53).
pub const DISCOVER: u8 = 1;
/// DHCPOFFER.
pub const OFFER: u8 = 2;

/// Options asked for in the parameter request list: mask, router, DNS, domain, lease, server id,
/// broadcast, NTP.
const WANTED: [u8; 8] = [1, 3, 6, 15, 51, 54, 28, 42];

/// The BOOTP/DHCP payload of a DHCPDISCOVER for `chaddr` with transaction id `xid`.
pub fn discover_payload(xid: u32, chaddr: [u8; 6]) -> Vec<u8> {
    let mut p = vec![0u8; 236];
    p[0] = 1; // op: BOOTREQUEST
    p[1] = 1; // htype: Ethernet
    p[2] = 6; // hlen
    p[4..8].copy_from_slice(&xid.to_be_bytes());
    p[10..12].copy_from_slice(&0x8000u16.to_be_bytes()); // flags: broadcast, we have no address yet
    p[28..34].copy_from_slice(&chaddr);
    p.extend_from_slice(&COOKIE);
    p.extend_from_slice(&[53, 1, DISCOVER]);
    p.extend_from_slice(&[61, 7, 1]); // client identifier: hardware type + MAC
    p.extend_from_slice(&chaddr);
    p.extend_from_slice(&[55, WANTED.len() as u8]);
    p.extend_from_slice(&WANTED);
    p.extend_from_slice(&[57, 2, 0x05, 0xdc]); // max message size 1500
    p.push(255);
    while p.len() < 300 {
        p.push(0); // BOOTP minimum size
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
        udp.set_source(68);
        udp.set_destination(67);
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

/// The options of a BOOTP/DHCP message (after the cookie at byte 236) as (code, value), pad
/// options skipped, up to the end option. An option running past the message yields `Err(())`
/// once, and nothing after it.
pub fn options(p: &[u8]) -> impl Iterator<Item = Result<(u8, &[u8]), ()>> + '_ {
    let mut i = 240;
    std::iter::from_fn(move || {
        loop {
            let code = *p.get(i)?;
            match code {
                255 => return None,
                0 => i += 1,
                _ => {
                    let value = p
                        .get(i + 1)
                        .and_then(|&len| p.get(i + 2..i + 2 + usize::from(len)));
                    return match value {
                        Some(v) => {
                            i += 2 + v.len();
                            Some(Ok((code, v)))
                        }
                        None => {
                            i = p.len();
                            Some(Err(()))
                        }
                    };
                }
            }
        }
    })
}

/// A DHCPOFFER, as netkit reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Offer {
    /// Server identifier (option 54), or the IP source of the offer.
    pub server: Ipv4Addr,
    /// The MAC the offer came from.
    pub server_mac: String,
    /// The address offered to us (yiaddr).
    pub offered: Ipv4Addr,
    /// Subnet mask (option 1).
    pub subnet_mask: Option<Ipv4Addr>,
    /// Routers (option 3).
    pub routers: Vec<Ipv4Addr>,
    /// DNS servers (option 6).
    pub dns_servers: Vec<Ipv4Addr>,
    /// Domain name (option 15).
    pub domain: Option<String>,
    /// Lease time in seconds (option 51).
    pub lease_seconds: Option<u32>,
    /// Broadcast address (option 28).
    pub broadcast: Option<Ipv4Addr>,
    /// NTP servers (option 42).
    pub ntp_servers: Vec<Ipv4Addr>,
}

fn addrs(v: &[u8]) -> Vec<Ipv4Addr> {
    v.chunks_exact(4)
        .map(|c| Ipv4Addr::new(c[0], c[1], c[2], c[3]))
        .collect()
}

/// Parses a BOOTP/DHCP payload as an offer for `xid` (None for anything else: other xids,
/// requests, ACKs, malformed messages).
pub fn parse_offer(p: &[u8], xid: u32, ip_src: Ipv4Addr, eth_src: [u8; 6]) -> Option<Offer> {
    if p.len() < 240 || p[0] != 2 || p[4..8] != xid.to_be_bytes() || p[236..240] != COOKIE {
        return None;
    }
    let mut offer = Offer {
        server: ip_src,
        server_mac: crate::net::hwaddr::format_mac(&eth_src),
        offered: Ipv4Addr::new(p[16], p[17], p[18], p[19]),
        subnet_mask: None,
        routers: vec![],
        dns_servers: vec![],
        domain: None,
        lease_seconds: None,
        broadcast: None,
        ntp_servers: vec![],
    };
    let mut kind = None;
    for option in options(p) {
        let (code, v) = option.ok()?;
        let one = || (v.len() == 4).then(|| Ipv4Addr::new(v[0], v[1], v[2], v[3]));
        match code {
            53 if v.len() == 1 => kind = Some(v[0]),
            54 => offer.server = one().unwrap_or(offer.server),
            1 => offer.subnet_mask = one(),
            3 => offer.routers = addrs(v),
            6 => offer.dns_servers = addrs(v),
            15 => {
                offer.domain = Some(
                    String::from_utf8_lossy(v)
                        .trim_end_matches('\0')
                        .to_string(),
                )
            }
            51 if v.len() == 4 => {
                offer.lease_seconds = Some(u32::from_be_bytes([v[0], v[1], v[2], v[3]]))
            }
            28 => offer.broadcast = one(),
            42 => offer.ntp_servers = addrs(v),
            _ => {}
        }
    }
    (kind == Some(OFFER)).then_some(offer)
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
    if udp.get_destination() != 68 || udp.get_source() != 67 {
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

    /// An offer as a server would build it, from the discover's own bytes.
    fn offer_for(discover: &[u8], xid: u32) -> Vec<u8> {
        let mut p = discover.to_vec();
        p[0] = 2;
        p[4..8].copy_from_slice(&xid.to_be_bytes());
        p[16..20].copy_from_slice(&[198, 51, 100, 120]);
        p.truncate(240);
        p.extend_from_slice(&[53, 1, OFFER, 54, 4, 198, 51, 100, 1, 1, 4, 255, 255, 255, 0]);
        p.extend_from_slice(&[
            3, 4, 198, 51, 100, 1, 6, 8, 198, 51, 100, 53, 198, 51, 100, 54,
        ]);
        p.extend_from_slice(&[51, 4, 0, 0, 0xa8, 0xc0, 15, 8]);
        p.extend_from_slice(b"lan.test");
        p.push(255);
        p
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
        assert_eq!(
            &p[240..243],
            &[53, 1, DISCOVER],
            "a DISCOVER, never a REQUEST"
        );
    }

    #[test]
    fn offers_are_parsed_and_foreign_xids_ignored() {
        let d = discover_payload(7, MAC);
        let o = parse_offer(&offer_for(&d, 7), 7, Ipv4Addr::new(198, 51, 100, 1), MAC).unwrap();
        assert_eq!(o.offered, Ipv4Addr::new(198, 51, 100, 120));
        assert_eq!(o.server, Ipv4Addr::new(198, 51, 100, 1));
        assert_eq!(o.subnet_mask, Some(Ipv4Addr::new(255, 255, 255, 0)));
        assert_eq!(o.routers, [Ipv4Addr::new(198, 51, 100, 1)]);
        assert_eq!(o.dns_servers.len(), 2);
        assert_eq!(o.lease_seconds, Some(43200));
        assert_eq!(o.domain.as_deref(), Some("lan.test"));
        assert_eq!(
            parse_offer(&offer_for(&d, 8), 7, Ipv4Addr::UNSPECIFIED, MAC),
            None
        );
        let mut ack = offer_for(&d, 7);
        ack[242] = 5;
        assert_eq!(parse_offer(&ack, 7, Ipv4Addr::UNSPECIFIED, MAC), None);
        // Truncated options never panic.
        let mut cut = offer_for(&d, 7);
        cut.truncate(250);
        let _ = parse_offer(&cut, 7, Ipv4Addr::UNSPECIFIED, MAC);
    }
}
