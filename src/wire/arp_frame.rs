//! ARP frames as the primer draws them: "who has IP X? tell Y" broadcast, "X is at MAC M" reply.
//! Building and parsing only (pnet_packet), no I/O.

use std::net::Ipv4Addr;

use pnet_base::MacAddr;
use pnet_packet::Packet;
use pnet_packet::arp::{ArpHardwareTypes, ArpOperation, ArpPacket, MutableArpPacket};
use pnet_packet::ethernet::{EtherTypes, EthernetPacket, MutableEthernetPacket};
use serde::Serialize;

use crate::i18n::{Message, t};
use crate::net::hwaddr::{is_broadcast, is_multicast};
use crate::wire::discards::Reason;

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

/// Why an ARP frame was thrown away (never an answer, never a scan host).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flaw {
    /// Shorter than the 28 bytes of an ARP message for Ethernet and IPv4.
    Truncated,
    /// Hardware type not Ethernet, protocol not IPv4, or address lengths not 6 and 4.
    NotEthernetIpv4,
    /// Neither a request (1) nor a reply (2).
    Opcode,
    /// The Ethernet source is a group or zero address: no station sends from one.
    EthernetSource,
    /// The sender MAC is ff:ff:ff:ff:ff:ff.
    SenderBroadcast,
    /// The sender MAC is a multicast (group) address.
    SenderMulticast,
    /// The sender MAC is 00:00:00:00:00:00.
    SenderZero,
    /// A plausible reply beyond what one run keeps (replies per request, MACs per address):
    /// a flood is counted, not stored. Never a verdict of [`ArpFrame::decode`].
    OverLimit,
}

impl Flaw {
    /// Why such a frame was thrown away, in words for people.
    pub fn words(self) -> Message {
        match self {
            Flaw::Truncated => t!("arp-flaw-truncated"),
            Flaw::NotEthernetIpv4 => t!("arp-flaw-not-ethernet-ipv4"),
            Flaw::Opcode => t!("arp-flaw-opcode"),
            Flaw::EthernetSource => t!("arp-flaw-ethernet-source"),
            Flaw::SenderBroadcast => t!("arp-flaw-sender-broadcast"),
            Flaw::SenderMulticast => t!("arp-flaw-sender-multicast"),
            Flaw::SenderZero => t!("arp-flaw-sender-zero"),
            Flaw::OverLimit => t!("arp-flaw-over-limit"),
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
        t!("arp-discard-reason", count = n, reason = self.words())
    }
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

    /// Reads an Ethernet frame: `None` when it is not ARP at all (another ethertype, or too short
    /// for an Ethernet header), `Err` with the reason when it is ARP but no answer may be taken
    /// from it, else the message. Checked: 28 bytes of ARP, hardware type Ethernet, protocol
    /// IPv4, address lengths 6 and 4, opcode request or reply, a unicast Ethernet source and a
    /// unicast sender hardware address (not broadcast, zero or multicast). An Ethernet source
    /// that differs from the sender MAC is kept (as arp-scan does; bridges and Wi-Fi repeaters
    /// rewrite one and not the other): the sender MAC is the answer, the reports show the other.
    pub fn decode(frame: &[u8]) -> Option<Result<ArpFrame, Flaw>> {
        let eth = EthernetPacket::new(frame)?;
        if eth.get_ethertype() != EtherTypes::Arp {
            return None;
        }
        Some(Self::decode_arp(&eth))
    }

    fn decode_arp(eth: &EthernetPacket<'_>) -> Result<ArpFrame, Flaw> {
        let arp = ArpPacket::new(eth.payload()).ok_or(Flaw::Truncated)?;
        if arp.get_hardware_type() != ArpHardwareTypes::Ethernet
            || arp.get_protocol_type() != EtherTypes::Ipv4
            || arp.get_hw_addr_len() != 6
            || arp.get_proto_addr_len() != 4
        {
            return Err(Flaw::NotEthernetIpv4);
        }
        let f = ArpFrame {
            op: arp.get_operation().0,
            eth_src: eth.get_source().octets(),
            eth_dst: eth.get_destination().octets(),
            sender_mac: arp.get_sender_hw_addr().octets(),
            sender_ip: arp.get_sender_proto_addr(),
            target_mac: arp.get_target_hw_addr().octets(),
            target_ip: arp.get_target_proto_addr(),
        };
        if f.op != REQUEST && f.op != REPLY {
            return Err(Flaw::Opcode);
        }
        if is_multicast(f.eth_src) || f.eth_src == [0; 6] {
            return Err(Flaw::EthernetSource);
        }
        if is_broadcast(f.sender_mac) {
            return Err(Flaw::SenderBroadcast);
        }
        if is_multicast(f.sender_mac) {
            return Err(Flaw::SenderMulticast);
        }
        if f.sender_mac == [0; 6] {
            return Err(Flaw::SenderZero);
        }
        Ok(f)
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
        assert_eq!(ArpFrame::decode(&bytes), Some(Ok(req)));
        assert_eq!(ArpFrame::decode(&bytes[..20]), Some(Err(Flaw::Truncated)));
        let mut ip = bytes;
        ip[12..14].copy_from_slice(&[0x08, 0x00]);
        assert_eq!(ArpFrame::decode(&ip), None);
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

    fn reply_bytes(sender_mac: [u8; 6]) -> [u8; FRAME_LEN] {
        ArpFrame {
            op: REPLY,
            eth_src: THEM,
            eth_dst: US,
            sender_mac,
            sender_ip: "198.51.100.1".parse().unwrap(),
            target_mac: US,
            target_ip: "198.51.100.2".parse().unwrap(),
        }
        .to_bytes()
    }

    /// Issue 12: replies claiming a broadcast, multicast or zero MAC were taken as the answer.
    #[test]
    fn group_and_zero_sender_macs_are_flaws() {
        let d = |mac| ArpFrame::decode(&reply_bytes(mac)).unwrap();
        assert_eq!(d(BROADCAST), Err(Flaw::SenderBroadcast));
        assert_eq!(d([0x01, 0x00, 0x5e, 0, 0, 1]), Err(Flaw::SenderMulticast));
        assert_eq!(d([0x33, 0x33, 0, 0, 0, 1]), Err(Flaw::SenderMulticast));
        assert_eq!(d([0; 6]), Err(Flaw::SenderZero));
        assert_eq!(d(THEM).map(|f| f.sender_mac), Ok(THEM));
        // A locally administered unicast MAC is a station like any other.
        assert!(d([0x02, 0, 0, 0, 0, 1]).is_ok());
    }

    #[test]
    fn header_fields_are_checked() {
        let good = reply_bytes(THEM);
        let with = |at: usize, bytes: &[u8]| {
            let mut f = good;
            f[at..at + bytes.len()].copy_from_slice(bytes);
            ArpFrame::decode(&f).unwrap()
        };
        assert_eq!(
            with(14, &[0, 6]),
            Err(Flaw::NotEthernetIpv4),
            "IEEE 802 htype"
        );
        assert_eq!(with(16, &[0x86, 0xdd]), Err(Flaw::NotEthernetIpv4), "IPv6");
        assert_eq!(with(18, &[8]), Err(Flaw::NotEthernetIpv4), "hlen");
        assert_eq!(with(19, &[16]), Err(Flaw::NotEthernetIpv4), "plen");
        for op in [0u8, 3, 4, 8, 9] {
            assert_eq!(with(20, &[0, op]), Err(Flaw::Opcode), "op {op}");
        }
        assert_eq!(with(6, &BROADCAST), Err(Flaw::EthernetSource));
        assert_eq!(with(6, &[0; 6]), Err(Flaw::EthernetSource));
        // The Ethernet source may differ from the sender MAC (a bridge rewrote it): kept.
        let via = with(6, &[0x00, 0x16, 0x3e, 0, 0, 0x77]).unwrap();
        assert_eq!(
            (via.sender_mac, via.eth_src),
            (THEM, [0x00, 0x16, 0x3e, 0, 0, 0x77])
        );
        // Truncated ARP is a flaw; a frame too short for Ethernet or of another type is not ARP.
        assert_eq!(ArpFrame::decode(&good[..41]), Some(Err(Flaw::Truncated)));
        assert_eq!(ArpFrame::decode(&good[..13]), None);
        // Ethernet padding after the 28 bytes is normal.
        let mut padded = good.to_vec();
        padded.resize(60, 0);
        assert!(ArpFrame::decode(&padded).unwrap().is_ok());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn unicast() -> impl Strategy<Value = [u8; 6]> {
            any::<[u8; 6]>()
                .prop_map(|mut m| {
                    m[0] &= 0xfe;
                    m
                })
                .prop_filter("non-zero", |m| *m != [0; 6])
        }

        fn ip() -> impl Strategy<Value = Ipv4Addr> {
            any::<u32>().prop_map(Ipv4Addr::from)
        }

        prop_compose! {
            fn plausible()(
                op in prop_oneof![Just(REQUEST), Just(REPLY)],
                eth_src in unicast(),
                eth_dst in any::<[u8; 6]>(),
                sender_mac in unicast(),
                sender_ip in ip(),
                target_mac in any::<[u8; 6]>(),
                target_ip in ip(),
            ) -> ArpFrame {
                ArpFrame { op, eth_src, eth_dst, sender_mac, sender_ip, target_mac, target_ip }
            }
        }

        prop_compose! {
            fn anything()(
                op in any::<u16>(),
                eth_src in any::<[u8; 6]>(),
                eth_dst in any::<[u8; 6]>(),
                sender_mac in any::<[u8; 6]>(),
                sender_ip in ip(),
                target_mac in any::<[u8; 6]>(),
                target_ip in ip(),
            ) -> ArpFrame {
                ArpFrame { op, eth_src, eth_dst, sender_mac, sender_ip, target_mac, target_ip }
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
                let _ = ArpFrame::decode(&bytes);
            }

            /// Bytes that start like ARP over Ethernet reach the deeper checks.
            #[test]
            fn arbitrary_arp_payloads_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..64)) {
                let mut f = vec![0xff; 12];
                f.extend_from_slice(&[0x08, 0x06]);
                f.extend_from_slice(&tail);
                prop_assert!(ArpFrame::decode(&f).is_some());
            }

            #[test]
            fn decode_inverts_encode(x in plausible()) {
                prop_assert_eq!(ArpFrame::decode(&x.to_bytes()), Some(Ok(x)));
            }

            /// Any frame netkit could encode decodes to itself or to the flaw it has, never to
            /// something else.
            #[test]
            fn decode_never_invents(x in anything()) {
                match ArpFrame::decode(&x.to_bytes()) {
                    Some(Ok(y)) => prop_assert_eq!(y, x),
                    Some(Err(flaw)) => prop_assert!(match flaw {
                        Flaw::Opcode => x.op != REQUEST && x.op != REPLY,
                        Flaw::EthernetSource => is_multicast(x.eth_src) || x.eth_src == [0; 6],
                        Flaw::SenderBroadcast => is_broadcast(x.sender_mac),
                        Flaw::SenderMulticast => is_multicast(x.sender_mac),
                        Flaw::SenderZero => x.sender_mac == [0; 6],
                        Flaw::Truncated | Flaw::NotEthernetIpv4 | Flaw::OverLimit => false,
                    }, "{flaw:?} for {x:?}"),
                    None => prop_assert!(false, "an encoded frame is ARP"),
                }
            }
        }
    }
}
