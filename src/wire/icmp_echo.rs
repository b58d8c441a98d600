//! ICMP and ICMPv6 as `ping` needs them, built and parsed without I/O: echo requests (with the
//! Internet checksum for IPv4; the kernel fills ICMPv6's), echo replies, and the errors a router
//! sends back about an echo request (time exceeded, destination unreachable...), from which the
//! request's id and sequence number are recovered. Every decoder takes hostile bytes: it answers
//! or names the flaw, and never panics.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

use crate::i18n::t;
use crate::wire::discards::Reason;
use serde::Serialize;

/// ICMP echo request and reply types (RFC 792), and ICMPv6's (RFC 4443).
const V4_ECHO_REQUEST: u8 = 8;
const V4_ECHO_REPLY: u8 = 0;
const V6_ECHO_REQUEST: u8 = 128;
const V6_ECHO_REPLY: u8 = 129;
/// IP protocol numbers of ICMP and ICMPv6.
const PROTO_ICMP: u8 = 1;
const PROTO_ICMPV6: u8 = 58;

/// One echo message: the identifier, the sequence number and the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Echo {
    /// Identifier (with datagram sockets the kernel chooses it).
    pub id: u16,
    /// Sequence number.
    pub seq: u16,
    /// The data carried after the 8-byte header.
    pub payload: Vec<u8>,
}

/// What an ICMP error says about a packet that was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IcmpError {
    /// The TTL / hop limit reached 0 on the way (type 11 code 0; ICMPv6 3/0).
    TtlExceeded,
    /// Fragments did not all arrive in time (11/1; ICMPv6 3/1).
    ReassemblyTimeExceeded,
    /// No route to the network (3/0; ICMPv6 1/0).
    NetUnreachable,
    /// The host does not answer on its link (3/1; ICMPv6 1/3 address unreachable).
    HostUnreachable,
    /// The protocol is not served (3/2).
    ProtocolUnreachable,
    /// The port is closed (3/3; ICMPv6 1/4).
    PortUnreachable,
    /// Too big to pass without fragmenting (3/4; ICMPv6 2).
    PacketTooBig,
    /// A filter refused it (3/9, 3/10, 3/13; ICMPv6 1/1, 1/5, 1/6).
    Prohibited,
    /// Another destination-unreachable code.
    Unreachable,
    /// The header was refused (12; ICMPv6 4).
    ParameterProblem,
    /// A redirect to a better gateway (5).
    Redirect,
    /// Source quench (4).
    SourceQuench,
}

impl IcmpError {
    /// The error an ICMP (`v6` false) or ICMPv6 message of this type and code reports, or None
    /// when the type is not an error about a sent packet.
    pub fn from_type_code(v6: bool, kind: u8, code: u8) -> Option<IcmpError> {
        use IcmpError::*;
        Some(if v6 {
            match (kind, code) {
                (1, 0) => NetUnreachable,
                (1, 1 | 5 | 6) => Prohibited,
                (1, 3) => HostUnreachable,
                (1, 4) => PortUnreachable,
                (1, _) => Unreachable,
                (2, _) => PacketTooBig,
                (3, 0) => TtlExceeded,
                (3, _) => ReassemblyTimeExceeded,
                (4, _) => ParameterProblem,
                _ => return None,
            }
        } else {
            match (kind, code) {
                (3, 0 | 6) => NetUnreachable,
                (3, 1 | 7) => HostUnreachable,
                (3, 2) => ProtocolUnreachable,
                (3, 3) => PortUnreachable,
                (3, 4) => PacketTooBig,
                (3, 9 | 10 | 13) => Prohibited,
                (3, _) => Unreachable,
                (4, _) => SourceQuench,
                (5, _) => Redirect,
                (11, 0) => TtlExceeded,
                (11, _) => ReassemblyTimeExceeded,
                (12, _) => ParameterProblem,
                _ => return None,
            }
        })
    }
}

impl IcmpError {
    /// What the error says, in words for people (ping's words in English).
    pub fn words(self) -> crate::i18n::Message {
        use IcmpError::*;
        match self {
            TtlExceeded => t!("ping-icmp-ttl-exceeded"),
            ReassemblyTimeExceeded => t!("ping-icmp-reassembly-time-exceeded"),
            NetUnreachable => t!("ping-icmp-net-unreachable"),
            HostUnreachable => t!("ping-icmp-host-unreachable"),
            ProtocolUnreachable => t!("ping-icmp-protocol-unreachable"),
            PortUnreachable => t!("ping-icmp-port-unreachable"),
            PacketTooBig => t!("ping-icmp-packet-too-big"),
            Prohibited => t!("ping-icmp-prohibited"),
            Unreachable => t!("ping-icmp-unreachable"),
            ParameterProblem => t!("ping-icmp-parameter-problem"),
            Redirect => t!("ping-icmp-redirect"),
            SourceQuench => t!("ping-icmp-source-quench"),
        }
    }
}

impl fmt::Display for IcmpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.words().fmt(f)
    }
}

/// Why a received packet was not taken as an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flaw {
    /// Shorter than its headers say.
    Truncated,
    /// Not IPv4, or a header length that cannot be.
    BadIpHeader,
    /// The ICMP checksum does not add up.
    BadChecksum,
}

impl Flaw {
    /// Why such a packet was thrown away, in words for people.
    pub fn words(self) -> crate::i18n::Message {
        match self {
            Flaw::Truncated => t!("ping-flaw-truncated"),
            Flaw::BadIpHeader => t!("ping-flaw-bad-ip-header"),
            Flaw::BadChecksum => t!("ping-flaw-bad-checksum"),
        }
    }
}

impl fmt::Display for Flaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.words().fmt(f)
    }
}

impl Reason for Flaw {
    fn counted(&self, n: u32) -> crate::i18n::Message {
        t!("ping-discard-reason", count = n, reason = self.words())
    }
}

/// An ICMP message as far as `ping` cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// An echo reply; `len` is the whole ICMP message's length (header and data), as ping counts.
    Reply {
        /// The echo's identifier, sequence number and data.
        echo: Echo,
        /// Header and data, in bytes.
        len: usize,
    },
    /// An error about an echo request we may have sent (its id and sequence number).
    Error {
        /// What the error says.
        error: IcmpError,
        /// The request's identifier.
        id: u16,
        /// The request's sequence number.
        seq: u16,
        /// The destination the request was sent to.
        to: Option<IpAddr>,
    },
    /// Anything else: an echo request, an error about some other packet, another type.
    Other,
}

/// The Internet checksum (RFC 1071) of `bytes`.
pub fn checksum(bytes: &[u8]) -> u16 {
    let mut sum: u32 = 0;
    let mut chunks = bytes.chunks_exact(2);
    for c in &mut chunks {
        sum += u32::from(u16::from_be_bytes([c[0], c[1]]));
    }
    if let [last] = chunks.remainder() {
        sum += u32::from(*last) << 8;
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    !(sum as u16)
}

/// An echo request: type, code 0, checksum (IPv4 only: the kernel computes ICMPv6's over its
/// pseudo-header), id, seq, payload.
pub fn encode_request(v6: bool, echo: &Echo) -> Vec<u8> {
    encode(v6, if v6 { V6_ECHO_REQUEST } else { V4_ECHO_REQUEST }, echo)
}

/// An echo reply (what a peer would send), built the same way; for tests.
#[cfg(test)]
pub fn encode_reply(v6: bool, echo: &Echo) -> Vec<u8> {
    encode(v6, if v6 { V6_ECHO_REPLY } else { V4_ECHO_REPLY }, echo)
}

fn encode(v6: bool, kind: u8, echo: &Echo) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + echo.payload.len());
    out.extend_from_slice(&[kind, 0, 0, 0]);
    out.extend_from_slice(&echo.id.to_be_bytes());
    out.extend_from_slice(&echo.seq.to_be_bytes());
    out.extend_from_slice(&echo.payload);
    if !v6 {
        let sum = checksum(&out);
        out[2..4].copy_from_slice(&sum.to_be_bytes());
    }
    out
}

/// The fields of an IPv4 header `ping` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Head {
    /// Time to live.
    pub ttl: u8,
    /// The protocol carried.
    pub protocol: u8,
    /// Source address.
    pub source: Ipv4Addr,
    /// Destination address.
    pub destination: Ipv4Addr,
    /// The header's length in bytes.
    pub header_len: usize,
}

/// Reads the IPv4 header at the start of `bytes` (raw IPv4 sockets receive it).
pub fn ipv4_head(bytes: &[u8]) -> Result<Ipv4Head, Flaw> {
    let first = *bytes.first().ok_or(Flaw::Truncated)?;
    let header_len = usize::from(first & 0x0f) * 4;
    if first >> 4 != 4 || header_len < 20 {
        return Err(Flaw::BadIpHeader);
    }
    if bytes.len() < header_len {
        return Err(Flaw::Truncated);
    }
    let addr = |at: usize| Ipv4Addr::new(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    Ok(Ipv4Head {
        ttl: bytes[8],
        protocol: bytes[9],
        source: addr(12),
        destination: addr(16),
        header_len,
    })
}

/// Decodes one ICMP (`v6` false) or ICMPv6 message, without the IP header. The IPv4 checksum is
/// checked when `check` (raw sockets; datagram sockets have the kernel check it).
pub fn decode(v6: bool, bytes: &[u8], check: bool) -> Result<Message, Flaw> {
    if bytes.len() < 8 {
        return Err(Flaw::Truncated);
    }
    if check && !v6 && checksum(bytes) != 0 {
        return Err(Flaw::BadChecksum);
    }
    let (kind, code) = (bytes[0], bytes[1]);
    let id = u16::from_be_bytes([bytes[4], bytes[5]]);
    let seq = u16::from_be_bytes([bytes[6], bytes[7]]);
    if kind == if v6 { V6_ECHO_REPLY } else { V4_ECHO_REPLY } {
        return Ok(Message::Reply {
            echo: Echo {
                id,
                seq,
                payload: bytes[8..].to_vec(),
            },
            len: bytes.len(),
        });
    }
    let Some(error) = IcmpError::from_type_code(v6, kind, code) else {
        return Ok(Message::Other);
    };
    // The error quotes the packet it is about: its IP header and at least 8 bytes after.
    let quoted = &bytes[8..];
    let (proto, to, inner) = if v6 {
        if quoted.len() < 40 + 8 {
            return Err(Flaw::Truncated);
        }
        let mut dst = [0u8; 16];
        dst.copy_from_slice(&quoted[24..40]);
        (quoted[6], IpAddr::from(dst), &quoted[40..])
    } else {
        let head = ipv4_head(quoted)?;
        let inner = &quoted[head.header_len..];
        if inner.len() < 8 {
            return Err(Flaw::Truncated);
        }
        (head.protocol, IpAddr::V4(head.destination), inner)
    };
    let (want_proto, request) = if v6 {
        (PROTO_ICMPV6, V6_ECHO_REQUEST)
    } else {
        (PROTO_ICMP, V4_ECHO_REQUEST)
    };
    if proto != want_proto || inner[0] != request {
        return Ok(Message::Other);
    }
    Ok(Message::Error {
        error,
        id: u16::from_be_bytes([inner[4], inner[5]]),
        seq: u16::from_be_bytes([inner[6], inner[7]]),
        to: Some(to),
    })
}

/// An ICMP error about a UDP or TCP packet (a trace's probe): what it says, and the quoted
/// packet's destination and ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransportError {
    /// What the error says.
    pub error: IcmpError,
    /// The quoted packet's destination.
    pub to: IpAddr,
    /// Its source port.
    pub src_port: u16,
    /// Its destination port.
    pub dst_port: u16,
}

/// IP protocol numbers of TCP and UDP.
const PROTO_TCP: u8 = 6;
const PROTO_UDP: u8 = 17;

/// Decodes an ICMP (`v6` false) or ICMPv6 error, without the IP header, about a UDP or TCP
/// packet; None for anything else (an echo, an error about another protocol, too short). The
/// quoted IPv6 header is taken without extension headers, as probes carry none.
pub fn transport_error(v6: bool, bytes: &[u8]) -> Option<TransportError> {
    if bytes.len() < 8 {
        return None;
    }
    let error = IcmpError::from_type_code(v6, bytes[0], bytes[1])?;
    let quoted = &bytes[8..];
    let (proto, to, inner) = if v6 {
        if quoted.len() < 40 + 4 {
            return None;
        }
        let mut dst = [0u8; 16];
        dst.copy_from_slice(&quoted[24..40]);
        (quoted[6], IpAddr::from(dst), &quoted[40..])
    } else {
        let head = ipv4_head(quoted).ok()?;
        (
            head.protocol,
            IpAddr::V4(head.destination),
            &quoted[head.header_len..],
        )
    };
    if !matches!(proto, PROTO_TCP | PROTO_UDP) || inner.len() < 4 {
        return None;
    }
    Some(TransportError {
        error,
        to,
        src_port: u16::from_be_bytes([inner[0], inner[1]]),
        dst_port: u16::from_be_bytes([inner[2], inner[3]]),
    })
}

/// The id and sequence number of an echo request we sent, as the kernel hands it back with an
/// error from the error queue of a datagram socket; None when it is not one.
pub fn sent_request(v6: bool, bytes: &[u8]) -> Option<(u16, u16)> {
    let request = if v6 { V6_ECHO_REQUEST } else { V4_ECHO_REQUEST };
    (bytes.len() >= 8 && bytes[0] == request).then(|| {
        (
            u16::from_be_bytes([bytes[4], bytes[5]]),
            u16::from_be_bytes([bytes[6], bytes[7]]),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ipv4(proto: u8, src: [u8; 4], dst: [u8; 4], body: &[u8]) -> Vec<u8> {
        let mut h = vec![0x45, 0, 0, 0, 0, 0, 0, 0, 64, proto, 0, 0];
        h.extend_from_slice(&src);
        h.extend_from_slice(&dst);
        let total = (h.len() + body.len()) as u16;
        h[2..4].copy_from_slice(&total.to_be_bytes());
        h.extend_from_slice(body);
        h
    }

    #[test]
    fn a_request_has_a_valid_checksum() {
        let echo = Echo {
            id: 0x1234,
            seq: 7,
            payload: b"abc".to_vec(),
        };
        let bytes = encode_request(false, &echo);
        assert_eq!(&bytes[..2], &[8, 0]);
        assert_eq!(checksum(&bytes), 0);
        // The request itself is not a reply.
        assert_eq!(decode(false, &bytes, true), Ok(Message::Other));
        let reply = encode_reply(false, &echo);
        assert_eq!(
            decode(false, &reply, true),
            Ok(Message::Reply { echo, len: 11 })
        );
        let mut bad = reply.clone();
        bad[9] ^= 1;
        assert_eq!(decode(false, &bad, true), Err(Flaw::BadChecksum));
        assert!(decode(false, &bad, false).is_ok());
    }

    #[test]
    fn a_time_exceeded_names_the_request() {
        let request = encode_request(
            false,
            &Echo {
                id: 9,
                seq: 3,
                payload: vec![0; 56],
            },
        );
        let quoted = ipv4(1, [198, 51, 100, 2], [203, 0, 113, 10], &request[..8]);
        let mut err = vec![11, 0, 0, 0, 0, 0, 0, 0];
        err.extend_from_slice(&quoted);
        let sum = checksum(&err);
        err[2..4].copy_from_slice(&sum.to_be_bytes());
        assert_eq!(
            decode(false, &err, true),
            Ok(Message::Error {
                error: IcmpError::TtlExceeded,
                id: 9,
                seq: 3,
                to: Some("203.0.113.10".parse().unwrap()),
            })
        );
        assert_eq!(IcmpError::TtlExceeded.to_string(), "Time to live exceeded");
        // About a UDP datagram: not ours.
        let udp = ipv4(17, [198, 51, 100, 2], [203, 0, 113, 10], &[0; 8]);
        let mut other = vec![3, 3, 0, 0, 0, 0, 0, 0];
        other.extend_from_slice(&udp);
        assert_eq!(decode(false, &other, false), Ok(Message::Other));
        let whole = ipv4(1, [203, 0, 113, 1], [198, 51, 100, 2], &err);
        let head = ipv4_head(&whole).unwrap();
        assert_eq!((head.ttl, head.protocol, head.header_len), (64, 1, 20));
        assert_eq!(head.source, Ipv4Addr::new(203, 0, 113, 1));
    }

    #[test]
    fn icmpv6_errors_quote_the_ipv6_header() {
        let request = encode_request(
            true,
            &Echo {
                id: 1,
                seq: 513,
                payload: vec![],
            },
        );
        let mut quoted = vec![0x60, 0, 0, 0, 0, 8, PROTO_ICMPV6, 1];
        quoted.extend_from_slice(&[0x20, 1, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
        quoted.extend_from_slice(&[0x20, 1, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10]);
        quoted.extend_from_slice(&request);
        let mut err = vec![3, 0, 0, 0, 0, 0, 0, 0];
        err.extend_from_slice(&quoted);
        match decode(true, &err, true) {
            Ok(Message::Error { error, seq, to, .. }) => {
                assert_eq!((error, seq), (IcmpError::TtlExceeded, 513));
                assert_eq!(to, Some("2001:db8:2::10".parse().unwrap()));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(sent_request(true, &request), Some((1, 513)));
        assert_eq!(sent_request(false, &request), None);
        assert_eq!(decode(true, &err[..30], true), Err(Flaw::Truncated));
    }

    /// An error about a UDP probe names its destination and ports; one about ICMP is not one.
    #[test]
    fn errors_about_udp_probes() {
        let udp = ipv4(
            17,
            [198, 51, 100, 2],
            [192, 0, 2, 70],
            &[0xee, 0x48, 0x82, 0x9a, 0, 8, 0, 0],
        );
        let mut err = vec![3, 1, 0, 0, 0, 0, 0, 0];
        err.extend_from_slice(&udp);
        assert_eq!(
            transport_error(false, &err),
            Some(TransportError {
                error: IcmpError::HostUnreachable,
                to: "192.0.2.70".parse().unwrap(),
                src_port: 0xee48,
                dst_port: 0x829a,
            })
        );
        let icmp = ipv4(
            1,
            [198, 51, 100, 2],
            [192, 0, 2, 70],
            &[8, 0, 0, 0, 0, 1, 0, 1],
        );
        let mut other = vec![3, 1, 0, 0, 0, 0, 0, 0];
        other.extend_from_slice(&icmp);
        assert_eq!(transport_error(false, &other), None);
        assert_eq!(transport_error(false, &err[..20]), None);
    }

    proptest! {
        /// Arbitrary bytes never panic any decoder.
        #[test]
        fn hostile_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), v6: bool) {
            let _ = decode(v6, &bytes, true);
            let _ = decode(v6, &bytes, false);
            let _ = ipv4_head(&bytes);
            let _ = sent_request(v6, &bytes);
            let _ = transport_error(v6, &bytes);
            if let Ok(h) = ipv4_head(&bytes) {
                prop_assert!(h.header_len <= bytes.len());
            }
        }

        /// What is encoded decodes to itself.
        #[test]
        fn replies_round_trip(id: u16, seq: u16, payload in proptest::collection::vec(any::<u8>(), 0..300), v6: bool) {
            let echo = Echo { id, seq, payload };
            let bytes = encode_reply(v6, &echo);
            let len = bytes.len();
            prop_assert_eq!(decode(v6, &bytes, true), Ok(Message::Reply { echo: echo.clone(), len }));
            prop_assert_eq!(sent_request(v6, &encode_request(v6, &echo)), Some((id, seq)));
        }
    }
}
