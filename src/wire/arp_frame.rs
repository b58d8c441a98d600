//! ARP frames as the primer draws them: "who has IP X? tell Y" broadcast, "X is at MAC M" reply.
//! Building and parsing only (pnet_packet), no I/O.

use std::net::Ipv4Addr;

use pnet_datalink::MacAddr;
use pnet_packet::Packet;
use pnet_packet::arp::{ArpHardwareTypes, ArpOperation, ArpPacket, MutableArpPacket};
use pnet_packet::ethernet::{EtherTypes, EthernetPacket, MutableEthernetPacket};

/// The Ethernet broadcast address: every host on the link receives the frame.
pub const BROADCAST: [u8; 6] = [0xff; 6];
/// Size of an ARP-over-Ethernet frame without padding.
pub const FRAME_LEN: usize = 42;

/// An ARP message with its Ethernet addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArpFrame {
    /// 1 = request, 2 = reply.
    pub op: u16,
    /// Ethernet source.
    pub eth_src: [u8; 6],
    /// Ethernet destination.
    pub eth_dst: [u8; 6],
    /// Sender hardware address.
    pub sender_mac: [u8; 6],
    /// Sender protocol address.
    pub sender_ip: Ipv4Addr,
    /// Target hardware address.
    pub target_mac: [u8; 6],
    /// Target protocol address.
    pub target_ip: Ipv4Addr,
}

/// ARP request opcode.
pub const REQUEST: u16 = 1;
/// ARP reply opcode.
pub const REPLY: u16 = 2;

impl ArpFrame {
    /// A broadcast request "who has `target`? tell `sender_ip`" (sender 0.0.0.0 for duplicate
    /// address detection; sender = target for a gratuitous announcement).
    pub fn request(sender_mac: [u8; 6], sender_ip: Ipv4Addr, target_ip: Ipv4Addr) -> ArpFrame {
        ArpFrame {
            op: REQUEST,
            eth_src: sender_mac,
            eth_dst: BROADCAST,
            sender_mac,
            sender_ip,
            target_mac: [0; 6],
            target_ip,
        }
    }

    /// The frame's bytes (Ethernet header + ARP payload).
    pub fn to_bytes(self) -> [u8; FRAME_LEN] {
        let mut buf = [0u8; FRAME_LEN];
        {
            let mut eth =
                MutableEthernetPacket::new(&mut buf).expect("42 bytes hold an Ethernet header");
            eth.set_destination(MacAddr::from(self.eth_dst));
            eth.set_source(MacAddr::from(self.eth_src));
            eth.set_ethertype(EtherTypes::Arp);
        }
        let mut arp = MutableArpPacket::new(&mut buf[14..]).expect("28 bytes hold an ARP packet");
        arp.set_hardware_type(ArpHardwareTypes::Ethernet);
        arp.set_protocol_type(EtherTypes::Ipv4);
        arp.set_hw_addr_len(6);
        arp.set_proto_addr_len(4);
        arp.set_operation(ArpOperation::new(self.op));
        arp.set_sender_hw_addr(MacAddr::from(self.sender_mac));
        arp.set_sender_proto_addr(self.sender_ip);
        arp.set_target_hw_addr(MacAddr::from(self.target_mac));
        arp.set_target_proto_addr(self.target_ip);
        buf
    }

    /// Parses an Ethernet frame; None unless it is an Ethernet/IPv4 ARP message.
    pub fn parse(frame: &[u8]) -> Option<ArpFrame> {
        let eth = EthernetPacket::new(frame)?;
        if eth.get_ethertype() != EtherTypes::Arp {
            return None;
        }
        let arp = ArpPacket::new(eth.payload())?;
        if arp.get_hardware_type() != ArpHardwareTypes::Ethernet
            || arp.get_protocol_type() != EtherTypes::Ipv4
            || arp.get_hw_addr_len() != 6
            || arp.get_proto_addr_len() != 4
        {
            return None;
        }
        Some(ArpFrame {
            op: arp.get_operation().0,
            eth_src: eth.get_source().octets(),
            eth_dst: eth.get_destination().octets(),
            sender_mac: arp.get_sender_hw_addr().octets(),
            sender_ip: arp.get_sender_proto_addr(),
            target_mac: arp.get_target_hw_addr().octets(),
            target_ip: arp.get_target_proto_addr(),
        })
    }

    /// True when this is the reply to our request for `target` from `our_ip`/`our_mac`: op=reply,
    /// sender IP = target, target IP = us (or 0.0.0.0/target for DAD probes), addressed to our MAC.
    pub fn answers(&self, target: Ipv4Addr, our_ip: Ipv4Addr, our_mac: [u8; 6]) -> bool {
        self.op == REPLY
            && self.sender_ip == target
            && (self.target_ip == our_ip || our_ip.is_unspecified())
            && (self.eth_dst == our_mac || self.eth_dst == BROADCAST)
            && self.sender_mac != our_mac
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const US: [u8; 6] = [0x00, 0x16, 0x3e, 0x12, 0x34, 0x56];
    const THEM: [u8; 6] = [0x00, 0x16, 0x3e, 0x00, 0x00, 0x01];

    #[test]
    fn request_round_trip() {
        let req = ArpFrame::request(
            US,
            "198.51.100.2".parse().unwrap(),
            "198.51.100.1".parse().unwrap(),
        );
        let bytes = req.to_bytes();
        assert_eq!(&bytes[..6], &BROADCAST);
        assert_eq!(&bytes[12..14], &[0x08, 0x06]);
        assert_eq!(ArpFrame::parse(&bytes), Some(req));
        assert_eq!(ArpFrame::parse(&bytes[..20]), None);
        let mut ip = bytes;
        ip[12..14].copy_from_slice(&[0x08, 0x00]);
        assert_eq!(ArpFrame::parse(&ip), None);
    }

    #[test]
    fn only_real_replies_match() {
        let (us_ip, them_ip) = (
            "198.51.100.2".parse().unwrap(),
            "198.51.100.1".parse().unwrap(),
        );
        let reply = ArpFrame {
            op: REPLY,
            eth_src: THEM,
            eth_dst: US,
            sender_mac: THEM,
            sender_ip: them_ip,
            target_mac: US,
            target_ip: us_ip,
        };
        assert!(reply.answers(them_ip, us_ip, US));
        // A request, a reply about someone else, a reply to another host: ignored.
        assert!(
            !ArpFrame {
                op: REQUEST,
                ..reply
            }
            .answers(them_ip, us_ip, US)
        );
        assert!(
            !ArpFrame {
                sender_ip: "198.51.100.9".parse().unwrap(),
                ..reply
            }
            .answers(them_ip, us_ip, US)
        );
        assert!(
            !ArpFrame {
                target_ip: "198.51.100.7".parse().unwrap(),
                ..reply
            }
            .answers(them_ip, us_ip, US)
        );
        assert!(
            !ArpFrame {
                eth_dst: THEM,
                ..reply
            }
            .answers(them_ip, us_ip, US)
        );
    }
}
