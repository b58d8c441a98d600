//! Replies read only as far as a bulk line needs: for an A or AAAA question, the reply's status
//! and where its addresses are, without building a record or a string per answer. The header,
//! the question and every authority and additional record are still read as the full reader
//! reads them (`wire::dns::message`); only the answer records' data, the addresses, is taken as
//! bytes.
//!
//! [`read`] takes only replies that [`settle`](super::client::settle) would settle to the same
//! status with the same records: every answer record owned by the name asked, of the type asked,
//! class IN; NOERROR or NXDOMAIN (also with EDNS's extended bits), not truncated, a message
//! the full reader reads; no data only without an authority section (else it may be a
//! referral). Anything else (a CNAME, a stray record, an error) is None, and the caller settles
//! it the full way. The property tests below hold the two readers to that.

use std::io::{self, Write};
use std::net::{Ipv4Addr, Ipv6Addr};

use hickory_resolver::proto::rr::{DNSClass, RecordType};

use super::answer::Status;
use crate::wire::dns::message::{Header, read_sections};
use crate::wire::dns::name::same_wire;
use crate::wire::dns::rdata::read_name;

/// Reads `reply` to the query for `name` (as `name::query_name_into` writes it) / `rtype`: its
/// status, with the byte span of each address in `spans` (cleared first). None when it is not
/// a reply this reader takes (see the module docs).
pub fn read(
    reply: &[u8],
    name: &str,
    rtype: RecordType,
    spans: &mut Vec<(usize, usize)>,
) -> Option<Status> {
    let (header, at) = answers(reply, name, rtype, spans)?;
    // The rest is read as the full reader reads it: a reply it would refuse is not taken here.
    let (sections, edns, _) = read_sections(reply, at, &header.counts, 1).ok()?;
    if edns.is_some_and(|e| e.ext_rcode != 0) {
        return None;
    }
    match (header.rcode, spans.is_empty()) {
        (0, true) if sections[1].is_empty() => Some(Status::NoData),
        (0, false) => Some(Status::Answer),
        (3, true) => Some(Status::NxDomain),
        _ => None,
    }
}

/// The spans of the addresses of a reply [`read`] took (its answer section, read again
/// without the sections after it).
pub fn address_spans(
    reply: &[u8],
    name: &str,
    rtype: RecordType,
    spans: &mut Vec<(usize, usize)>,
) -> Option<()> {
    answers(reply, name, rtype, spans).map(drop)
}

/// Reads the header, the question and the answer section (see [`read`]); returns the header
/// and where the answer section ends.
fn answers(
    reply: &[u8],
    name: &str,
    rtype: RecordType,
    spans: &mut Vec<(usize, usize)>,
) -> Option<(Header, usize)> {
    spans.clear();
    let size = match rtype {
        RecordType::A => 4,
        RecordType::AAAA => 16,
        _ => return None,
    };
    let header = Header::read(reply).ok()?;
    if !header.flags.qr || header.opcode != 0 || header.flags.tc || header.counts[0] != 1 {
        return None;
    }
    let mut asked: Vec<u8> = Vec::with_capacity(64);
    let next = read_name(reply, 12, &mut asked, None).ok()?;
    let fixed = reply.get(next..next + 4)?;
    if u16::from_be_bytes([fixed[0], fixed[1]]) != u16::from(rtype)
        || u16::from_be_bytes([fixed[2], fixed[3]]) != u16::from(DNSClass::IN)
        || !same_wire(&asked, name)
    {
        return None;
    }
    let mut at = next + 4;
    let mut owner: Vec<u8> = Vec::new();
    for _ in 0..header.counts[1] {
        // An owner written as a pointer to the question's name is that name (most are).
        let next = if reply.get(at..at + 2) == Some(&[0xc0, 12]) {
            owner.clone_from(&asked);
            at + 2
        } else {
            owner.clear();
            read_name(reply, at, &mut owner, None).ok()?
        };
        let f = reply.get(next..next + 10)?;
        let rt = u16::from_be_bytes([f[0], f[1]]);
        let class = u16::from_be_bytes([f[2], f[3]]);
        let len = usize::from(u16::from_be_bytes([f[8], f[9]]));
        if rt != u16::from(rtype)
            || class != u16::from(DNSClass::IN)
            || len != size
            || !owner.eq_ignore_ascii_case(&asked)
        {
            return None;
        }
        let start = next + 10;
        reply.get(start..start + size)?;
        spans.push((start, start + size));
        at = start + size;
    }
    Some((header, at))
}

/// Writes the addresses at `spans` of `reply`, each one once: one per line, or with `typed =
/// Some((TYPE, nothing_before))` as `TYPE DATA` joined by `, ` (after a `, ` unless nothing was
/// written before on the line); returns how many were written.
pub fn write_addresses(
    out: &mut dyn Write,
    reply: &[u8],
    spans: &[(usize, usize)],
    typed: Option<(RecordType, bool)>,
) -> io::Result<usize> {
    let mut written = 0;
    for (i, &(start, end)) in spans.iter().enumerate() {
        let bytes = &reply[start..end];
        if spans[..i].iter().any(|&(s, e)| &reply[s..e] == bytes) {
            continue;
        }
        if let Some((rtype, first)) = typed {
            let sep = if first && written == 0 { "" } else { ", " };
            write!(out, "{sep}{rtype} ")?;
        }
        match <[u8; 4]>::try_from(bytes) {
            Ok(v4) => write!(out, "{}", Ipv4Addr::from(v4))?,
            Err(_) => {
                let v6 = <[u8; 16]>::try_from(bytes).map_err(|_| io::ErrorKind::InvalidData)?;
                write!(
                    out,
                    "{}",
                    crate::wire::dns::rdata::ipv6_text(Ipv6Addr::from(v6))
                )?;
            }
        }
        if typed.is_none() {
            writeln!(out)?;
        }
        written += 1;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::dns::client::{Settled, settle};
    use crate::commands::dns::message::Carried;
    use crate::wire::dns::query::QueryWriter;
    use hickory_resolver::proto::op::{Message, MessageType, ResponseCode};
    use hickory_resolver::proto::rr::rdata::{CNAME, NS};
    use hickory_resolver::proto::rr::{Name, RData, Record};
    use proptest::prelude::*;

    fn reply_to(name: &str, rtype: RecordType, edit: impl FnOnce(&mut Message)) -> Vec<u8> {
        let q = QueryWriter::new().encode(7, name, rtype).unwrap().to_vec();
        let mut msg = Message::from_vec(&q).unwrap();
        msg.metadata.message_type = MessageType::Response;
        edit(&mut msg);
        msg.to_vec().unwrap()
    }

    fn name(s: &str) -> Name {
        Name::from_ascii(s).unwrap()
    }

    fn a(owner: &str, ip: [u8; 4]) -> Record {
        Record::from_rdata(name(owner), 60, RData::A(Ipv4Addr::from(ip).into()))
    }

    /// What `read` and `write_addresses` make of a reply: the status and the lines.
    fn quick(reply: &[u8], rtype: RecordType) -> Option<(Status, String)> {
        let mut spans = Vec::new();
        let status = read(reply, "www.example.test", rtype, &mut spans)?;
        let mut again = Vec::new();
        address_spans(reply, "www.example.test", rtype, &mut again).unwrap();
        assert_eq!(spans, again);
        let mut out = Vec::new();
        write_addresses(&mut out, reply, &spans, None).unwrap();
        Some((status, String::from_utf8(out).unwrap()))
    }

    /// The same from the full reader: the status and the unique records' data, one per line.
    fn full(reply: &[u8], rtype: RecordType) -> Option<(Status, String)> {
        let Settled::Reply(r) = settle(reply, "www.example.test", rtype, Carried::Udp) else {
            return None;
        };
        let mut lines: Vec<String> = Vec::new();
        for a in &r.answers {
            if !lines.contains(&a.data) {
                lines.push(a.data.clone());
            }
        }
        Some((r.status, lines.iter().map(|l| format!("{l}\n")).collect()))
    }

    #[test]
    fn plain_answers_nodata_and_nxdomain_are_read() {
        let reply = reply_to("www.example.test", RecordType::A, |m| {
            m.add_answer(a("www.example.test.", [192, 0, 2, 1]));
            m.add_answer(a("WWW.example.test.", [192, 0, 2, 2]));
            m.add_answer(a("www.example.test.", [192, 0, 2, 1]));
            m.add_authority(Record::from_rdata(
                name("example.test."),
                60,
                RData::NS(NS(name("ns.example.test."))),
            ));
            m.add_additional(a("ns.example.test.", [192, 0, 2, 53]));
        });
        let got = quick(&reply, RecordType::A).unwrap();
        assert_eq!(got, (Status::Answer, "192.0.2.1\n192.0.2.2\n".into()));
        assert_eq!(Some(got), full(&reply, RecordType::A));
        let mut spans = Vec::new();
        let mut out = Vec::new();
        read(&reply, "www.example.test.", RecordType::A, &mut spans).unwrap();
        write_addresses(&mut out, &reply, &spans, Some((RecordType::A, false))).unwrap();
        assert_eq!(out, b", A 192.0.2.1, A 192.0.2.2");

        let nodata = reply_to("www.example.test", RecordType::AAAA, |_| {});
        assert_eq!(
            quick(&nodata, RecordType::AAAA),
            Some((Status::NoData, String::new()))
        );
        let nx = reply_to("www.example.test", RecordType::AAAA, |m| {
            m.metadata.response_code = ResponseCode::NXDomain;
        });
        assert_eq!(
            quick(&nx, RecordType::AAAA),
            Some((Status::NxDomain, String::new()))
        );
    }

    #[test]
    fn anything_else_is_left_to_the_full_reader() {
        // A CNAME chain, a stray owner, another type, SERVFAIL, truncation, an NXDOMAIN with
        // records, another question.
        let cname = reply_to("www.example.test", RecordType::A, |m| {
            m.add_answer(Record::from_rdata(
                name("www.example.test."),
                60,
                RData::CNAME(CNAME(name("c.example.test."))),
            ));
            m.add_answer(a("c.example.test.", [192, 0, 2, 1]));
        });
        let stray = reply_to("www.example.test", RecordType::A, |m| {
            m.add_answer(a("evil.example.", [203, 0, 113, 66]));
        });
        let servfail = reply_to("www.example.test", RecordType::A, |m| {
            m.metadata.response_code = ResponseCode::ServFail;
        });
        let truncated = reply_to("www.example.test", RecordType::A, |m| {
            m.metadata.truncation = true;
        });
        let nx_with_records = reply_to("www.example.test", RecordType::A, |m| {
            m.metadata.response_code = ResponseCode::NXDomain;
            m.add_answer(a("www.example.test.", [192, 0, 2, 1]));
        });
        let other = reply_to("mail.example.test", RecordType::A, |_| {});
        for reply in [cname, stray, servfail, truncated, nx_with_records, other] {
            assert_eq!(quick(&reply, RecordType::A), None);
        }
        // Only addresses are read here.
        let mx = reply_to("www.example.test", RecordType::MX, |_| {});
        assert_eq!(quick(&mx, RecordType::MX), None);
    }

    /// A reply with what the readers must agree on: answers (one twice), authority and
    /// additional records, the OPT record.
    fn rich_reply(rtype: RecordType) -> Vec<u8> {
        let addr = |last: u8| match rtype {
            RecordType::A => RData::A(Ipv4Addr::new(192, 0, 2, last).into()),
            _ => RData::AAAA(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, last.into()).into()),
        };
        reply_to("www.example.test", rtype, |m| {
            for last in [1, 2, 1] {
                m.add_answer(Record::from_rdata(
                    name("www.example.test."),
                    60,
                    addr(last),
                ));
            }
            m.add_authority(Record::from_rdata(
                name("example.test."),
                60,
                RData::NS(NS(name("ns.example.test."))),
            ));
            // The OPT record is there already: the query's, echoed.
            m.add_additional(a("ns.example.test.", [192, 0, 2, 53]));
        })
    }

    #[test]
    fn the_undamaged_rich_reply_is_read_alike() {
        for rtype in [RecordType::A, RecordType::AAAA] {
            let reply = rich_reply(rtype);
            let q = quick(&reply, rtype).unwrap();
            assert_eq!(q.0, Status::Answer);
            assert_eq!(q.1.lines().count(), 2);
            assert_eq!(Some(q), full(&reply, rtype));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        /// Whatever the bytes, a reply this reader takes is one the full reader settles to the
        /// same status and the same addresses.
        #[test]
        fn read_agrees_with_settle(
            changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
            cut in any::<prop::sample::Index>(),
            aaaa in any::<bool>(),
            drop_records in any::<bool>(),
        ) {
            let rtype = if aaaa { RecordType::AAAA } else { RecordType::A };
            let mut reply = rich_reply(rtype);
            if drop_records {
                // Counts of zero make NODATA and NXDOMAIN replies reachable.
                reply[6..12].fill(0);
            }
            for (at, byte) in changes {
                let i = at.index(reply.len());
                reply[i] = byte;
            }
            if let Some(q) = quick(&reply, rtype) {
                prop_assert_eq!(Some(q), full(&reply, rtype));
            }
            reply.truncate(cut.index(reply.len() + 1));
            if let Some(q) = quick(&reply, rtype) {
                prop_assert_eq!(Some(q), full(&reply, rtype));
            }
        }
    }
}
