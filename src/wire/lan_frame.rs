//! What `watch` hears on the LAN: one Ethernet frame read as the source MAC it claims and an ARP
//! message, a DHCP server's message (offer, ack, nak) or an IPv6 router advertisement, with the
//! reason when a frame of one of those kinds cannot be taken at its word. Pure: every frame is
//! checked, none trusted. Who sent a server's message is read from the frame's IP and Ethernet
//! sources; what the message says of itself (a DHCP Server Identifier) is kept apart.
//!
//! Router advertisements: the fixed fields come from pnet_packet; the options are read here,
//! because pnet's option iterator computes `length * 8 - 2` in a `u8` (an option length of 32
//! or more overflows, which panics in debug builds).

use std::net::{Ipv4Addr, Ipv6Addr};

use dhcproto::v4::{self, MessageType, Opcode};
use pnet_packet::Packet;
use pnet_packet::ethernet::{EtherTypes, EthernetPacket};
use pnet_packet::icmpv6::ndp::RouterAdvertPacket;
use pnet_packet::ip::IpNextHeaderProtocols;
use pnet_packet::ipv6::Ipv6Packet;
use serde::Serialize;

use crate::i18n::{Message, t};
use crate::net::hwaddr::Mac;
use crate::wire::arp_frame::{self, ArpFrame};
use crate::wire::dhcp_msg::{self, Config};
use crate::wire::discards::Reason;

/// A DHCP server's message to a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DhcpServerMessage {
    /// The IP source: the server that sent it (or the relay that passed it on).
    pub server: Ipv4Addr,
    /// The Ethernet source of the frame.
    pub server_mac: Mac,
    /// The server the message names as its own (option 54, the Server Identifier; null:
    /// none). Anyone can write it: `server` and `server_mac` say who sent it.
    pub server_id: Option<Ipv4Addr>,
    /// offer, ack or nak.
    pub message: &'static str,
    /// The client it is for (chaddr).
    pub client_mac: Mac,
    /// The address it gives (yiaddr; 0.0.0.0 in a nak).
    pub address: Ipv4Addr,
    /// What comes with it.
    pub config: Config,
}

/// One prefix a router advertises (Prefix Information option).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RaPrefix {
    /// The prefix, as a CIDR.
    pub prefix: String,
    /// Hosts may form addresses in it by themselves (SLAAC, the A flag).
    pub autonomous: bool,
    /// How long it stays valid, in seconds (4294967295: forever).
    pub valid_seconds: u32,
}

/// An IPv6 router advertisement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RouterAdvert {
    /// The router's (link-local) address.
    pub router: Ipv6Addr,
    /// The Ethernet source of the frame.
    pub mac: Mac,
    /// How long hosts may use it as their default router, in seconds (0: not a default router).
    pub lifetime_seconds: u16,
    /// Managed (M): addresses come from DHCPv6.
    pub managed: bool,
    /// Other (O): other configuration comes from DHCPv6.
    pub other: bool,
    /// The prefixes it advertises.
    pub prefixes: Vec<RaPrefix>,
}

/// One frame as `watch` takes it: the Ethernet source it claims, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The Ethernet source (None: a frame too short to have one).
    pub source: Option<Mac>,
    /// What it is, or why a frame of a watched kind was skipped.
    pub sighting: Result<Sighting, Flaw>,
}

/// Reads one Ethernet frame.
pub fn read(frame: &[u8]) -> Frame {
    Frame {
        source: frame.get(6..12).and_then(Mac::from_slice),
        sighting: sight(frame),
    }
}

/// The Ethernet destination of a frame (None: too short to have one).
pub fn destination(frame: &[u8]) -> Option<Mac> {
    frame.get(..6).and_then(Mac::from_slice)
}

/// What a frame is, for `watch`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sighting {
    /// An ARP message.
    Arp(ArpFrame),
    /// A DHCP server's offer, ack or nak.
    Dhcp(Box<DhcpServerMessage>),
    /// An IPv6 router advertisement.
    RouterAdvert(RouterAdvert),
    /// Anything else (IPv4 and IPv6 traffic, other protocols).
    Other,
}

/// Why a frame of a watched kind was skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flaw {
    /// An ARP frame that cannot be taken at its word (see [`arp_frame::Flaw`]).
    Arp(arp_frame::Flaw),
    /// An IPv4/UDP frame from or to a DHCP port with an impossible header or message.
    Dhcp(dhcp_msg::Flaw),
    /// A router advertisement that is truncated, has a bad option (a prefix longer than 128
    /// bits among them), or does not come from a link-local address with hop limit 255 (RFC
    /// 4861's checks).
    RouterAdvert,
}

/// As one snake-case word (a key of `discard_reasons`): `arp_truncated`, `dhcp_ip_header`,
/// `router_advert`.
impl Serialize for Flaw {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let word = |inner: serde_json::Result<serde_json::Value>| {
            inner
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        s.serialize_str(&match self {
            Flaw::Arp(a) => format!("arp_{}", word(serde_json::to_value(a))),
            Flaw::Dhcp(d) => format!("dhcp_{}", word(serde_json::to_value(d))),
            Flaw::RouterAdvert => "router_advert".into(),
        })
    }
}

impl Reason for Flaw {
    fn counted(&self, n: u32) -> Message {
        match self {
            Flaw::Arp(a) => t!("watch-discard-arp", count = n, reason = a.words()),
            Flaw::Dhcp(d) => t!("watch-discard-dhcp", count = n, reason = d.words()),
            Flaw::RouterAdvert => t!("watch-discard-router-advert", count = n),
        }
    }
}

/// What one Ethernet frame is.
fn sight(frame: &[u8]) -> Result<Sighting, Flaw> {
    if let Some(arp) = ArpFrame::decode(frame) {
        return arp.map(Sighting::Arp).map_err(Flaw::Arp);
    }
    let Some(eth) = EthernetPacket::new(frame) else {
        return Ok(Sighting::Other);
    };
    let mac = Mac(eth.get_source().octets());
    match eth.get_ethertype() {
        EtherTypes::Ipv4 => dhcp(eth.payload(), mac),
        EtherTypes::Ipv6 => router_advert(eth.payload(), mac),
        _ => Ok(Sighting::Other),
    }
}

/// A DHCP server's message in an IPv4 packet, if it is one.
fn dhcp(ip: &[u8], mac: Mac) -> Result<Sighting, Flaw> {
    let udp = match dhcp_msg::udp_in_ipv4(ip) {
        None => return Ok(Sighting::Other),
        Some(Err(flaw)) => return Err(Flaw::Dhcp(flaw)),
        Some(Ok(udp)) => udp,
    };
    if (udp.sport, udp.dport) != (v4::SERVER_PORT, v4::CLIENT_PORT) {
        return Ok(Sighting::Other);
    }
    let r = dhcp_msg::read_reply(udp.payload).ok_or(Flaw::Dhcp(dhcp_msg::Flaw::NotDhcp))?;
    let message = match (r.op, r.kind) {
        (Opcode::BootReply, Some(MessageType::Offer)) => "offer",
        (Opcode::BootReply, Some(MessageType::Ack)) => "ack",
        (Opcode::BootReply, Some(MessageType::Nak)) => "nak",
        _ => return Err(Flaw::Dhcp(dhcp_msg::Flaw::NotOffer)),
    };
    Ok(Sighting::Dhcp(Box::new(DhcpServerMessage {
        server: udp.src,
        server_mac: mac,
        server_id: r.server_id,
        message,
        client_mac: Mac(r.chaddr),
        address: r.yiaddr,
        config: r.config,
    })))
}

/// ICMPv6 type of a router advertisement.
const ROUTER_ADVERT: u8 = 134;

/// A router advertisement in an IPv6 packet, if it is one.
fn router_advert(ip: &[u8], mac: Mac) -> Result<Sighting, Flaw> {
    let Some(v6) = Ipv6Packet::new(ip) else {
        return Ok(Sighting::Other);
    };
    if v6.get_next_header() != IpNextHeaderProtocols::Icmpv6 {
        return Ok(Sighting::Other);
    }
    let len = usize::from(v6.get_payload_length());
    let body = ip.get(40..40 + len).ok_or(Flaw::RouterAdvert)?;
    if body.first() != Some(&ROUTER_ADVERT) {
        return Ok(Sighting::Other);
    }
    let router = v6.get_source();
    // RFC 4861 6.1.2: from a link-local address, hop limit 255 (never forwarded), code 0.
    let link_local = router.segments()[0] & 0xffc0 == 0xfe80;
    if !link_local || v6.get_hop_limit() != 255 || body.get(1) != Some(&0) {
        return Err(Flaw::RouterAdvert);
    }
    let ra = RouterAdvertPacket::new(body).ok_or(Flaw::RouterAdvert)?;
    let flags = ra.get_flags();
    Ok(Sighting::RouterAdvert(RouterAdvert {
        router,
        mac,
        lifetime_seconds: ra.get_lifetime(),
        managed: flags & 0x80 != 0,
        other: flags & 0x40 != 0,
        prefixes: prefixes(&body[16..])?,
    }))
}

/// The Prefix Information options (type 3) among NDP options; an option of length 0 or
/// running past the end is a flaw (RFC 4861 4.6), and so is a prefix longer than 128 bits.
fn prefixes(mut options: &[u8]) -> Result<Vec<RaPrefix>, Flaw> {
    let mut found = Vec::new();
    while !options.is_empty() {
        let (&kind, &units) = (
            options.first().ok_or(Flaw::RouterAdvert)?,
            options.get(1).ok_or(Flaw::RouterAdvert)?,
        );
        let len = usize::from(units) * 8;
        if len == 0 || len > options.len() {
            return Err(Flaw::RouterAdvert);
        }
        let (option, rest) = options.split_at(len);
        if kind == 3 && len == 32 {
            let bits = option[2];
            if bits > 128 {
                return Err(Flaw::RouterAdvert);
            }
            let mut prefix = [0u8; 16];
            prefix.copy_from_slice(&option[16..32]);
            let valid = u32::from_be_bytes([option[4], option[5], option[6], option[7]]);
            found.push(RaPrefix {
                prefix: format!("{}/{bits}", Ipv6Addr::from(prefix)),
                autonomous: option[3] & 0x40 != 0,
                valid_seconds: valid,
            });
        }
        options = rest;
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::collection::vec;
    use proptest::prelude::*;

    const ROUTER_MAC: [u8; 6] = [0x00, 0x16, 0x3e, 0, 0, 1];

    /// An Ethernet frame with an IPv6 RA from `src` with hop limit `hops` and `options`.
    fn ra_frame(src: Ipv6Addr, hops: u8, options: &[u8]) -> Vec<u8> {
        let mut icmp = vec![134, 0, 0, 0, 64, 0xc0, 0x07, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
        icmp.extend_from_slice(options);
        let mut f = vec![0x33, 0x33, 0, 0, 0, 1];
        f.extend_from_slice(&ROUTER_MAC);
        f.extend_from_slice(&[0x86, 0xdd]);
        f.extend_from_slice(&[0x60, 0, 0, 0]);
        f.extend_from_slice(&(icmp.len() as u16).to_be_bytes());
        f.extend_from_slice(&[58, hops]);
        f.extend_from_slice(&src.octets());
        f.extend_from_slice(&"ff02::1".parse::<Ipv6Addr>().unwrap().octets());
        f.extend_from_slice(&icmp);
        f
    }

    /// A Prefix Information option for 2001:db8:1::/64, autonomous, valid 86400 s.
    fn prefix_option() -> Vec<u8> {
        let mut o = vec![3, 4, 64, 0xc0];
        o.extend_from_slice(&86400u32.to_be_bytes());
        o.extend_from_slice(&14400u32.to_be_bytes());
        o.extend_from_slice(&[0; 4]);
        o.extend_from_slice(&"2001:db8:1::".parse::<Ipv6Addr>().unwrap().octets());
        o
    }

    #[test]
    fn a_router_advertisement_with_its_prefix() {
        let mut options = vec![1, 1];
        options.extend_from_slice(&ROUTER_MAC);
        options.extend(prefix_option());
        let router: Ipv6Addr = "fe80::1".parse().unwrap();
        let Ok(Sighting::RouterAdvert(ra)) = sight(&ra_frame(router, 255, &options)) else {
            panic!("not an RA");
        };
        assert_eq!(ra.router, router);
        assert_eq!(ra.lifetime_seconds, 0x0708);
        assert!(ra.managed && ra.other);
        assert_eq!(
            ra.prefixes,
            [RaPrefix {
                prefix: "2001:db8:1::/64".into(),
                autonomous: true,
                valid_seconds: 86400
            }]
        );
    }

    /// RFC 4861's checks, and options that would overflow pnet's length arithmetic.
    #[test]
    fn bad_advertisements_are_flaws() {
        let ll: Ipv6Addr = "fe80::1".parse().unwrap();
        let global: Ipv6Addr = "2001:db8::1".parse().unwrap();
        assert_eq!(sight(&ra_frame(ll, 64, &[])), Err(Flaw::RouterAdvert));
        assert_eq!(sight(&ra_frame(global, 255, &[])), Err(Flaw::RouterAdvert));
        assert_eq!(
            sight(&ra_frame(ll, 255, &[3, 0, 0, 0])),
            Err(Flaw::RouterAdvert)
        );
        let mut long = vec![3, 41];
        long.extend_from_slice(&[0; 318]);
        assert_eq!(sight(&ra_frame(ll, 255, &long)), Err(Flaw::RouterAdvert));
        // Issue 25: a prefix length above 128 is malformed, not "::/128".
        let mut too_long = prefix_option();
        too_long[2] = 129;
        assert_eq!(
            sight(&ra_frame(ll, 255, &too_long)),
            Err(Flaw::RouterAdvert)
        );
        too_long[2] = 128;
        assert!(matches!(
            sight(&ra_frame(ll, 255, &too_long)),
            Ok(Sighting::RouterAdvert(_))
        ));
        let mut big = vec![9, 32];
        big.extend_from_slice(&[0; 254]);
        assert!(matches!(
            sight(&ra_frame(ll, 255, &big)),
            Ok(Sighting::RouterAdvert(_))
        ));
    }

    proptest! {
        #[test]
        fn arbitrary_frames_never_panic(bytes in vec(any::<u8>(), 0..300)) {
            let _ = read(&bytes);
        }

        /// Arbitrary options behind a valid RA header never panic.
        #[test]
        fn arbitrary_ra_options_never_panic(options in vec(any::<u8>(), 0..300)) {
            let ll: Ipv6Addr = "fe80::1".parse().unwrap();
            let _ = sight(&ra_frame(ll, 255, &options));
        }
    }
}
