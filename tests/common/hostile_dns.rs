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
//! | `badlen`    | an A record whose RDLENGTH (50) runs past the end of the message         |
//! | `ptrloop`   | an A record whose owner is a compression pointer to itself               |
//! | `qr0`       | QR clear (a query, not a response), with an A record (192.0.2.100)       |
//! | `empty`     | for TYPE65000 and APL, a record of the type with empty RDATA (legal)     |
//! | `ede`       | SERVFAIL with EDNS: EDE 6 "signature expired", option 65001 "hello",     |
//! |             | NSID "ns-1", EDE 18 without text                                         |
//! | `badvers`   | EDNS with extended RCODE 1 over header RCODE 0: BADVERS (16)             |
//! | `cnameloop` | NAME CNAME a.loop.hostile.test, a CNAME b.loop..., b CNAME a.loop...     |
//! | `leave`     | NAME CNAME refused.hostile.test (no SOA: the chain leaves the "zones")   |
//! | `refused`   | REFUSED                                                                  |
//! | `aaaarefused` | A 192.0.2.27; AAAA REFUSED                                             |
//! | `referral`  | not authoritative, no answer, `hostile.test. NS ns.hostile.test.` with   |
//! |             | glue `ns.hostile.test. A 192.0.2.53`, no SOA: a referral                 |
//! | `trailing`  | the name's A 192.0.2.1, then four bytes after the message                |
//! | anything    | NXDOMAIN                                                                 |
//!
//! Records are answered for type A only (another type gets NOERROR and no records), except the
//! header cases (rcode, opcode, garbage, cut, badlen, ptrloop, qr0, ede, badvers, refused,
//! referral) and `caa`, which answer every type alike.

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
    *ADDR.get_or_init(start)
}

/// A second server answering alike (for `--compare`), started once per test process.
pub fn hostile_dns_twin() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(start)
}

/// Starts a server on a port of its own.
fn start() -> SocketAddr {
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
const NS: u16 = 2;
const CNAME: u16 = 5;
const AAAA: u16 = 28;
const APL: u16 = 42;

/// The OPT record: UDP size 1232, `ext_rcode` over the header's RCODE, these options.
fn opt(ext_rcode: u8, options: &[(u16, &[u8])]) -> Vec<u8> {
    let mut data = Vec::new();
    for (code, value) in options {
        data.extend_from_slice(&code.to_be_bytes());
        data.extend_from_slice(&u16::try_from(value.len()).unwrap().to_be_bytes());
        data.extend_from_slice(value);
    }
    let mut out = vec![0, 0, 41, 0x04, 0xd0, ext_rcode, 0, 0, 0];
    out.extend_from_slice(&u16::try_from(data.len()).unwrap().to_be_bytes());
    out.extend_from_slice(&data);
    out
}

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
    let mut qr = 0x80u8;
    let mut aa = 0u8;
    let mut answers: Vec<Vec<u8>> = Vec::new();
    let mut authority: Vec<Vec<u8>> = Vec::new();
    let mut additional: Vec<Vec<u8>> = Vec::new();
    let mut trailing: &[u8] = b"";
    let a = qtype == A;
    // The name of this case's record in the answer, compressed: a pointer to the question.
    let here = [0xc0, 12];
    match case {
        b"badlen" => {
            let mut record = rr(&here, A, &[192, 0, 2, 50]);
            let at = record.len() - 6;
            record[at..at + 2].copy_from_slice(&50u16.to_be_bytes());
            answers.push(record);
        }
        b"ptrloop" => {
            // The owner points at itself: at 12 + the question's length.
            let at = u16::try_from(12 + question.len()).unwrap() | 0xc000;
            answers.push(rr(&at.to_be_bytes(), A, &[192, 0, 2, 51]));
        }
        b"qr0" => {
            qr = 0;
            answers.push(rr(&here, A, &[192, 0, 2, 100]));
        }
        b"empty" => {
            if qtype == 65000 || qtype == APL {
                answers.push(rr(&here, qtype, &[]));
            }
        }
        b"ede" => {
            rcode = 2;
            additional.push(opt(
                0,
                &[
                    (15, b"\x00\x06signature expired"),
                    (65001, b"hello"),
                    (3, b"ns-1"),
                    (15, b"\x00\x12"),
                ],
            ));
        }
        b"badvers" => additional.push(opt(1, &[])),
        b"cnameloop" if a => {
            let one = wire_name(&[b"a", b"loop", b"hostile", b"test"]);
            let two = wire_name(&[b"b", b"loop", b"hostile", b"test"]);
            answers.push(rr(qname, CNAME, &one));
            answers.push(rr(&one, CNAME, &two));
            answers.push(rr(&two, CNAME, &one));
        }
        b"leave" if a => {
            answers.push(rr(
                qname,
                CNAME,
                &wire_name(&[b"refused", b"hostile", b"test"]),
            ));
        }
        b"refused" => rcode = 5,
        b"aaaarefused" if a => answers.push(rr(&here, A, &[192, 0, 2, 27])),
        b"aaaarefused" if qtype == AAAA => rcode = 5,
        b"referral" => {
            let ns = wire_name(&[b"ns", b"hostile", b"test"]);
            authority.push(rr(&wire_name(&[b"hostile", b"test"]), NS, &ns));
            additional.push(rr(&ns, A, &[192, 0, 2, 53]));
        }
        b"trailing" if a => {
            aa = 0x04;
            answers.push(rr(&here, A, &[192, 0, 2, 1]));
            trailing = b"junk";
        }
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
        b"wrongid" | b"evil" | b"onlyevil" | b"chain" | b"ctrl" | b"hop" | b"target"
        | b"cnameloop" | b"leave" | b"aaaarefused" | b"trailing" => {}
        _ => rcode = 3,
    }
    let id = if case == b"wrongid" {
        [id[0] ^ 0x55, id[1] ^ 0xaa]
    } else {
        id
    };
    let mut reply = id.to_vec();
    // QR, the opcode, AA, RD as asked; RA and the RCODE.
    reply.push(qr | (opcode << 3) | aa | rd);
    reply.push(0x80 | rcode);
    reply.extend_from_slice(&[0, 1]);
    for section in [&answers, &authority, &additional] {
        reply.extend_from_slice(&u16::try_from(section.len()).unwrap().to_be_bytes());
    }
    reply.extend_from_slice(question);
    for r in answers.iter().chain(&authority).chain(&additional) {
        reply.extend_from_slice(r);
    }
    reply.extend_from_slice(trailing);
    Some(reply)
}
