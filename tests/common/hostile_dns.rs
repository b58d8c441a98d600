//! A hostile DNS server for the tests: UDP and TCP on one port of 127.0.0.1 (never anything off
//! loopback), answering each query with a response crafted byte by byte, as an attacker or a
//! broken server would send it. The case is the first label of the name asked:
//!
//! | first label | response                                                                 |
//! |-------------|--------------------------------------------------------------------------|
//! | `rcode11`   | RCODE 11 (no name in hickory), no records                                |
//! | `rcode15`   | RCODE 15, with an A record for the name asked (192.0.2.15)               |
//! | `opcode5`   | opcode 5 (UPDATE), NOERROR, with an A record for the name (192.0.2.5)    |
//! | `wrongid`   | another message ID than the query's, an A record for the name (192.0.2.99) |
//! | `evil`      | the name's A 192.0.2.1 and `evil.example A 203.0.113.66`                 |
//! | `onlyevil`  | only `evil.example A 203.0.113.66`                                       |
//! | `chain`     | NAME CNAME c2, c2 CNAME c3, c3 A 192.0.2.3, with two strays in between: |
//! |             | `evil.example A 203.0.113.66`, `c9.hostile.test A 192.0.2.9`             |
//! | `ctrl`      | NAME CNAME `a<ESC>[31mb<U+202E>.hostile.test`, and that name's A 192.0.2.7 |
//! | `hop`       | NAME CNAME `target.hostile.test` and `evil.example A 203.0.113.66`: the  |
//! |             | resolver asks again for the target                                       |
//! | `target`    | the name's A 192.0.2.44                                                  |
//! | `caa`       | for any type, a CAA record whose value holds OSC, BEL and U+202E         |
//! | `garbage`   | the query's ID followed by bytes that are no DNS message                 |
//! | `cut`       | a NOERROR header announcing one answer, cut off inside the record        |
//! | anything    | NXDOMAIN                                                                 |
//!
//! Records are answered for type A only (another type gets NOERROR and no records), except the
//! header cases (rcode, opcode, garbage, cut) and `caa`, which answer every type alike.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::OnceLock;

/// The control bytes and the right-to-left override (UTF-8 E2 80 AE) in the `ctrl` case's
/// CNAME target label.
pub const CTRL_LABEL: &[u8] = b"a\x1b[31mb\xe2\x80\xae";

/// That label in presentation format, as dig prints it (decimal escapes).
pub const CTRL_LABEL_SHOWN: &str = "a\\027[31mb\\226\\128\\174";

/// The value of the `caa` case's record: an OSC title sequence, BEL, and U+202E.
pub const CAA_VALUE: &[u8] = b"ca\x1b]0;pwned\x07\xe2\x80\xae.test";

/// That record's data as shown: quoted, decimal escapes.
pub const CAA_SHOWN: &str = "0 tbs \"ca\\027]0;pwned\\007\\226\\128\\174.test\"";

/// The server's address (UDP and TCP on the same port), started once per test process.
pub fn hostile_dns() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let (udp, tcp) = loop {
            let udp = UdpSocket::bind("127.0.0.1:0").expect("bind UDP on loopback");
            let port = udp.local_addr().unwrap().port();
            if let Ok(tcp) = TcpListener::bind(("127.0.0.1", port)) {
                break (udp, tcp);
            }
        };
        let addr = udp.local_addr().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 1500];
            while let Ok((n, peer)) = udp.recv_from(&mut buf) {
                if let Some(reply) = respond(&buf[..n]) {
                    let _ = udp.send_to(&reply, peer);
                }
            }
        });
        std::thread::spawn(move || {
            for stream in tcp.incoming().flatten() {
                std::thread::spawn(move || serve_tcp(stream));
            }
        });
        addr
    })
}

/// DNS over TCP: each message with a two-byte length before it.
fn serve_tcp(mut stream: TcpStream) {
    loop {
        let mut len = [0u8; 2];
        if stream.read_exact(&mut len).is_err() {
            return;
        }
        let mut query = vec![0u8; usize::from(u16::from_be_bytes(len))];
        if stream.read_exact(&mut query).is_err() {
            return;
        }
        let Some(reply) = respond(&query) else {
            continue;
        };
        let mut framed = u16::try_from(reply.len()).unwrap().to_be_bytes().to_vec();
        framed.extend_from_slice(&reply);
        if stream.write_all(&framed).is_err() {
            return;
        }
    }
}

/// A name in wire format from its labels (no compression).
fn wire_name(labels: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    for l in labels {
        out.push(u8::try_from(l.len()).unwrap());
        out.extend_from_slice(l);
    }
    out.push(0);
    out
}

/// One resource record of class IN, TTL 60.
fn rr(owner: &[u8], rtype: u16, rdata: &[u8]) -> Vec<u8> {
    let mut out = owner.to_vec();
    out.extend_from_slice(&rtype.to_be_bytes());
    out.extend_from_slice(&[0, 1, 0, 0, 0, 60]);
    out.extend_from_slice(&u16::try_from(rdata.len()).unwrap().to_be_bytes());
    out.extend_from_slice(rdata);
    out
}

const A: u16 = 1;
const CNAME: u16 = 5;

/// The response to `query` for its case; None when the query cannot be read.
fn respond(query: &[u8]) -> Option<Vec<u8>> {
    if query.len() < 12 {
        return None;
    }
    // The question: labels from byte 12 to the root label, then type and class.
    let mut at = 12;
    let mut labels: Vec<&[u8]> = Vec::new();
    loop {
        let len = usize::from(*query.get(at)?);
        if len == 0 {
            at += 1;
            break;
        }
        labels.push(query.get(at + 1..at + 1 + len)?);
        at += len + 1;
    }
    let question = query.get(12..at + 4)?;
    let qname = &query[12..at];
    let qtype = u16::from_be_bytes([query[at], query[at + 1]]);
    let case = labels.first().copied().unwrap_or(b"");
    let (id, rd) = ([query[0], query[1]], query[2] & 0x01);

    let evil = || rr(&wire_name(&[b"evil", b"example"]), A, &[203, 0, 113, 66]);
    let mut opcode = 0u8;
    let mut rcode = 0u8;
    let mut answers: Vec<Vec<u8>> = Vec::new();
    let a = qtype == A;
    match case {
        b"rcode11" => rcode = 11,
        b"rcode15" => {
            rcode = 15;
            answers.push(rr(qname, A, &[192, 0, 2, 15]));
        }
        b"opcode5" => {
            opcode = 5;
            answers.push(rr(qname, A, &[192, 0, 2, 5]));
        }
        b"wrongid" if a => answers.push(rr(qname, A, &[192, 0, 2, 99])),
        b"evil" if a => {
            answers.push(rr(qname, A, &[192, 0, 2, 1]));
            answers.push(evil());
        }
        b"onlyevil" if a => answers.push(evil()),
        b"chain" if a => {
            let c2 = wire_name(&[b"c2", b"hostile", b"test"]);
            let c3 = wire_name(&[b"c3", b"hostile", b"test"]);
            let c9 = wire_name(&[b"c9", b"hostile", b"test"]);
            answers.push(rr(qname, CNAME, &c2));
            answers.push(evil());
            answers.push(rr(&c2, CNAME, &c3));
            answers.push(rr(&c9, A, &[192, 0, 2, 9]));
            answers.push(rr(&c3, A, &[192, 0, 2, 3]));
        }
        b"ctrl" if a => {
            let target = wire_name(&[CTRL_LABEL, b"hostile", b"test"]);
            answers.push(rr(qname, CNAME, &target));
            answers.push(rr(&target, A, &[192, 0, 2, 7]));
        }
        b"hop" if a => {
            let target = wire_name(&[b"target", b"hostile", b"test"]);
            answers.push(rr(qname, CNAME, &target));
            answers.push(evil());
        }
        b"target" if a => answers.push(rr(qname, A, &[192, 0, 2, 44])),
        b"caa" => {
            let mut rdata = vec![0, 3];
            rdata.extend_from_slice(b"tbs");
            rdata.extend_from_slice(CAA_VALUE);
            answers.push(rr(qname, 257, &rdata));
        }
        b"garbage" => {
            let mut reply = id.to_vec();
            reply.extend((0u8..60).map(|i| i.wrapping_mul(151) ^ 0xa5));
            return Some(reply);
        }
        b"cut" => {
            let mut reply = id.to_vec();
            reply.extend_from_slice(&[0x80 | rd, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
            reply.extend_from_slice(question);
            let record = rr(qname, A, &[192, 0, 2, 66]);
            reply.extend_from_slice(&record[..record.len() - 3]);
            return Some(reply);
        }
        b"wrongid" | b"evil" | b"onlyevil" | b"chain" | b"ctrl" | b"hop" | b"target" => {}
        _ => rcode = 3,
    }
    let id = if case == b"wrongid" {
        [id[0] ^ 0x55, id[1] ^ 0xaa]
    } else {
        id
    };
    let mut reply = id.to_vec();
    // QR, the opcode, RD as asked; RA and the RCODE.
    reply.push(0x80 | (opcode << 3) | rd);
    reply.push(0x80 | rcode);
    reply.extend_from_slice(&[0, 1]);
    reply.extend_from_slice(&u16::try_from(answers.len()).unwrap().to_be_bytes());
    reply.extend_from_slice(&[0, 0, 0, 0]);
    reply.extend_from_slice(question);
    for r in answers {
        reply.extend_from_slice(&r);
    }
    Some(reply)
}
