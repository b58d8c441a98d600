//! DNS messages read from the wire (RFC 1035 4.1, EDNS from RFC 6891), as dig reads them: the
//! header and its flags, the question, the answer, authority and additional sections as typed
//! [`Record`]s with their data in presentation format, and the OPT record as [`Edns`]. Legal
//! empty RDATA is read (hickory refuses it outside UPDATE); a message that is not well formed
//! is refused at once with dig's reason and where it went wrong ("bad compression pointer
//! (byte 26, the owner of answer record 1)"). Bytes after the last record are counted, not
//! refused (dig warns about them). Pure logic.

use hickory_resolver::proto::rr::{DNSClass, Name, RecordType};
use serde::Serialize;

use super::edns::{Edns, EdnsOption};
use super::rdata::{self, Malformed, read_name};
use super::record::Record;

/// The header's flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Flags {
    /// QR: a response.
    pub qr: bool,
    /// Authoritative answer.
    pub aa: bool,
    /// Truncated.
    pub tc: bool,
    /// Recursion desired.
    pub rd: bool,
    /// Recursion available.
    pub ra: bool,
    /// Authentic data (DNSSEC validated by the server).
    pub ad: bool,
    /// Checking disabled.
    pub cd: bool,
}

/// The header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// Message ID.
    pub id: u16,
    /// The opcode (0 QUERY).
    pub opcode: u8,
    /// The flags.
    pub flags: Flags,
    /// The header's four bits of the response code.
    pub rcode: u8,
    /// Records in each section: question, answer, authority, additional.
    pub counts: [u16; 4],
}

impl Header {
    /// Reads the twelve bytes of a header.
    pub fn read(bytes: &[u8]) -> Result<Header, BadPacket> {
        let h = bytes.get(..12).ok_or(BadPacket {
            why: Malformed::UnexpectedEnd,
            at: bytes.len(),
            place: "the header".into(),
        })?;
        let word = |i: usize| u16::from_be_bytes([h[i], h[i + 1]]);
        Ok(Header {
            id: word(0),
            opcode: (h[2] >> 3) & 0x0f,
            flags: Flags {
                qr: h[2] & 0x80 != 0,
                aa: h[2] & 0x04 != 0,
                tc: h[2] & 0x02 != 0,
                rd: h[2] & 0x01 != 0,
                ra: h[3] & 0x80 != 0,
                ad: h[3] & 0x20 != 0,
                cd: h[3] & 0x10 != 0,
            },
            rcode: h[3] & 0x0f,
            counts: [word(4), word(6), word(8), word(10)],
        })
    }
}

/// One question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The name asked.
    pub name: Name,
    /// The type asked.
    pub rtype: RecordType,
    /// The class asked.
    pub class: DNSClass,
}

/// A message, read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The header.
    pub header: Header,
    /// The question section.
    pub question: Vec<Question>,
    /// The answer section.
    pub answer: Vec<Record>,
    /// The authority section.
    pub authority: Vec<Record>,
    /// The additional section, without the OPT record.
    pub additional: Vec<Record>,
    /// The OPT record (None: no EDNS).
    pub edns: Option<Edns>,
    /// The message's size in bytes.
    pub size: usize,
    /// Bytes after the last record (dig: "Message has N extra bytes at end").
    pub trailing: usize,
}

impl Message {
    /// The whole response code: the header's four bits, and with EDNS the OPT record's eight
    /// above them (16 with OPT is BADVERS).
    pub fn rcode(&self) -> u16 {
        let high = self.edns.as_ref().map_or(0, |e| u16::from(e.ext_rcode));
        (high << 4) | u16::from(self.header.rcode)
    }

    /// Whether this is a response whose one question is `name` (as `name::query_name_into`
    /// writes it) / `rtype` in class IN: the reply to that query, once its ID matched. Anything
    /// else (a query, perhaps our own reflected; another question) is not.
    pub fn answers(&self, name: &str, rtype: RecordType) -> bool {
        let [q] = &self.question[..] else {
            return false;
        };
        self.header.flags.qr
            && q.rtype == rtype
            && q.class == DNSClass::IN
            && super::name::same_name(&q.name, name)
    }

    /// The Extended DNS Errors of the OPT record.
    pub fn ede(&self) -> Vec<super::edns::Ede> {
        self.edns
            .iter()
            .flat_map(|e| e.options.iter().filter_map(EdnsOption::ede))
            .collect()
    }
}

/// Why bytes are no message, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadPacket {
    /// The reason, in dig's words.
    pub why: Malformed,
    /// The byte where reading stopped.
    pub at: usize,
    /// What was being read ("the owner of answer record 2").
    pub place: String,
}

impl std::fmt::Display for BadPacket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (byte {}, {})", self.why, self.at, self.place)
    }
}

impl std::error::Error for BadPacket {}

const SECTIONS: [&str; 3] = ["answer", "authority", "additional"];

/// Reads a whole message.
pub fn read(bytes: &[u8]) -> Result<Message, BadPacket> {
    let header = Header::read(bytes)?;
    let mut at = 12;
    let mut question = Vec::with_capacity(usize::from(header.counts[0]).min(4));
    for i in 0..header.counts[0] {
        let (q, next) = read_question(bytes, at).map_err(|(why, at)| BadPacket {
            why,
            at,
            place: format!("question {}", i + 1),
        })?;
        question.push(q);
        at = next;
    }
    let (sections, edns, end) = read_sections(bytes, at, &header.counts, 0)?;
    let [answer, authority, additional] = sections;
    Ok(Message {
        header,
        question,
        answer,
        authority,
        additional,
        edns,
        size: bytes.len(),
        trailing: bytes.len() - end,
    })
}

/// The question at `at` and where it ends; Err: why it cannot be read, and where.
pub fn read_question(bytes: &[u8], at: usize) -> Result<(Question, usize), (Malformed, usize)> {
    let (name, next) = name_at(bytes, at).map_err(|why| (why, at))?;
    let fixed = bytes
        .get(next..next + 4)
        .ok_or((Malformed::UnexpectedEnd, next))?;
    Ok((
        Question {
            name,
            rtype: RecordType::from(u16::from_be_bytes([fixed[0], fixed[1]])),
            class: DNSClass::from(u16::from_be_bytes([fixed[2], fixed[3]])),
        },
        next + 4,
    ))
}

/// The answer, authority and additional sections, the OPT record, and where the last record
/// ends.
pub type Sections = ([Vec<Record>; 3], Option<Edns>, usize);

/// The three record sections from `at` (`counts` as in the header; the sections before
/// `from`, 0 answer to 2 additional, are taken as empty): their records, the OPT record, and
/// where the last record ends.
pub fn read_sections(
    bytes: &[u8],
    mut at: usize,
    counts: &[u16; 4],
    from: usize,
) -> Result<Sections, BadPacket> {
    let fail = |why: Malformed, at: usize, place: String| BadPacket { why, at, place };
    let mut sections: [Vec<Record>; 3] = Default::default();
    let mut edns: Option<Edns> = None;
    for (s, list) in sections.iter_mut().enumerate().skip(from) {
        let count = counts[s + 1];
        list.reserve(usize::from(count).min(32));
        for i in 0..count {
            let place = |what: &str| format!("{what} {} record {}", SECTIONS[s], i + 1);
            let (name, next) =
                name_at(bytes, at).map_err(|why| fail(why, at, place("the owner of")))?;
            let fixed = bytes
                .get(next..next + 10)
                .ok_or_else(|| fail(Malformed::UnexpectedEnd, next, place("the fields of")))?;
            let rtype = u16::from_be_bytes([fixed[0], fixed[1]]);
            let class = u16::from_be_bytes([fixed[2], fixed[3]]);
            let ttl = u32::from_be_bytes([fixed[4], fixed[5], fixed[6], fixed[7]]);
            let len = usize::from(u16::from_be_bytes([fixed[8], fixed[9]]));
            let start = next + 10;
            if start + len > bytes.len() {
                return Err(fail(
                    Malformed::UnexpectedEnd,
                    start,
                    format!(
                        "{}: its RDLENGTH {len} runs past the end of the message",
                        place("the data of")
                    ),
                ));
            }
            if rtype == 41 {
                // OPT: one, in the additional section, owned by the root (RFC 6891 6.1.1).
                let why = if s != 2 {
                    Some("an OPT record outside the additional section")
                } else if edns.is_some() {
                    Some("a second OPT record")
                } else if !name.is_root() {
                    Some("an OPT record not owned by the root")
                } else {
                    None
                };
                if let Some(why) = why {
                    return Err(fail(
                        Malformed::Other(format!("FORMERR: {why}")),
                        at,
                        place("the"),
                    ));
                }
                edns = Some(
                    opt(&bytes[start..start + len], class, ttl)
                        .map_err(|why| fail(why, start, place("the options of")))?,
                );
            } else {
                let (rdata, data) = rdata::read(bytes, start, len, rtype, class)
                    .map_err(|why| fail(why, start, place("the data of")))?;
                list.push(Record {
                    name,
                    ttl,
                    class: DNSClass::from(class),
                    rtype: RecordType::from(rtype),
                    rdata,
                    data,
                });
            }
            at = start + len;
        }
    }
    Ok((sections, edns, at))
}

/// The name at `at` and where it ends.
pub fn name_at(bytes: &[u8], at: usize) -> Result<(Name, usize), Malformed> {
    let mut wire = Vec::with_capacity(32);
    let next = read_name(bytes, at, &mut wire, None)?;
    let mut name = Name::root();
    let mut labels = &wire[..];
    while let Some((&len, rest)) = labels.split_first() {
        if len == 0 {
            break;
        }
        let (label, rest) = rest.split_at(usize::from(len));
        name = name
            .append_label(label)
            .map_err(|_| Malformed::NameTooLong)?;
        labels = rest;
    }
    name.set_fqdn(true);
    Ok((name, next))
}

/// The OPT record's fields and options (each option's length within the data).
fn opt(data: &[u8], class: u16, ttl: u32) -> Result<Edns, Malformed> {
    let mut options = Vec::new();
    let mut at = 0;
    while at < data.len() {
        let head = data.get(at..at + 4).ok_or(Malformed::UnexpectedEnd)?;
        let code = u16::from_be_bytes([head[0], head[1]]);
        let len = usize::from(u16::from_be_bytes([head[2], head[3]]));
        let value = data
            .get(at + 4..at + 4 + len)
            .ok_or(Malformed::UnexpectedEnd)?;
        options.push(EdnsOption {
            code,
            data: value.to_vec(),
        });
        at += 4 + len;
    }
    Ok(Edns {
        version: (ttl >> 16) as u8,
        udp_size: class,
        dnssec_ok: ttl & 0x8000 != 0,
        ext_rcode: (ttl >> 24) as u8,
        options,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::dns::name::wire as name;

    fn rr(owner: &[u8], rtype: u16, rdata: &[u8]) -> Vec<u8> {
        let mut v = owner.to_vec();
        v.extend_from_slice(&rtype.to_be_bytes());
        v.extend_from_slice(&[0, 1, 0, 0, 0, 60]);
        v.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
        v.extend_from_slice(rdata);
        v
    }

    fn message(flags: [u8; 2], counts: [u16; 4], body: &[&[u8]]) -> Vec<u8> {
        let mut m = vec![0x12, 0x34, flags[0], flags[1]];
        for c in counts {
            m.extend_from_slice(&c.to_be_bytes());
        }
        for b in body {
            m.extend_from_slice(b);
        }
        m
    }

    fn question(n: &str) -> Vec<u8> {
        let mut q = name(n);
        q.extend_from_slice(&[0, 1, 0, 1]);
        q
    }

    /// Issue 24 item 10: legal empty RDATA is read, in every section.
    #[test]
    fn empty_rdata_is_read() {
        let owner = name("e.test.");
        let m = message(
            [0x84, 0],
            [1, 2, 1, 0],
            &[
                &question("e.test."),
                &rr(&owner, 65000, &[]),
                &rr(&owner, 42, &[]),
                &rr(&owner, 65001, &[]),
            ],
        );
        let m = read(&m).unwrap();
        assert_eq!(m.answer[0].data, "\\# 0");
        assert_eq!(m.answer[1].data, "");
        assert_eq!(m.authority[0].data, "\\# 0");
        assert!(m.header.flags.qr && m.header.flags.aa);
        assert_eq!(m.trailing, 0);
    }

    /// Issue 24 item 10: malformed messages are refused with the reason and the place.
    #[test]
    fn malformed_messages_say_why_and_where() {
        let q = question("x.test.");
        // RDLENGTH beyond the end.
        let mut record = rr(&[0xc0, 12], 1, &[192, 0, 2, 1]);
        record[11] = 50;
        let bad = read(&message([0x84, 0], [1, 1, 0, 0], &[&q, &record])).unwrap_err();
        assert_eq!(bad.why, Malformed::UnexpectedEnd);
        assert!(bad.to_string().contains("RDLENGTH 50"), "{bad}");
        // A pointer to itself.
        let at = (12 + q.len()) as u8;
        let looped = rr(&[0xc0, at], 1, &[192, 0, 2, 1]);
        let bad = read(&message([0x84, 0], [1, 1, 0, 0], &[&q, &looped])).unwrap_err();
        assert_eq!(
            bad.to_string(),
            format!("bad compression pointer (byte {at}, the owner of answer record 1)")
        );
        // An A record of five bytes.
        let five = rr(&[0xc0, 12], 1, &[192, 0, 2, 1, 5]);
        let bad = read(&message([0x84, 0], [1, 1, 0, 0], &[&q, &five])).unwrap_err();
        assert_eq!(bad.why, Malformed::ExtraData);
        // A header cut short; a question cut short.
        assert_eq!(read(&[0; 11]).unwrap_err().why, Malformed::UnexpectedEnd);
        assert_eq!(
            read(&message([0x84, 0], [1, 0, 0, 0], &[&q[..q.len() - 1]]))
                .unwrap_err()
                .why,
            Malformed::UnexpectedEnd
        );
        // Bytes after the last record are counted.
        let ok = rr(&[0xc0, 12], 1, &[192, 0, 2, 1]);
        let m = read(&message([0x84, 0], [1, 1, 0, 0], &[&q, &ok, b"junk"])).unwrap();
        assert_eq!((m.answer[0].data.as_str(), m.trailing), ("192.0.2.1", 4));
    }

    /// Issue 24 item 13: the OPT record's extended RCODE bits make 16 BADVERS.
    #[test]
    fn opt_and_the_extended_rcode() {
        let q = question("x.test.");
        let mut opt_rr = vec![0, 0, 41, 0x04, 0xd0, 1, 0, 0x80, 0];
        let options = [&[0u8, 15, 0, 3, 0, 6, b'x'][..], &[0xfd, 0xe9, 0, 1, b'y']].concat();
        opt_rr.extend_from_slice(&(options.len() as u16).to_be_bytes());
        opt_rr.extend_from_slice(&options);
        let m = read(&message([0x84, 0], [1, 0, 0, 1], &[&q, &opt_rr])).unwrap();
        let e = m.edns.as_ref().unwrap();
        assert_eq!(
            (e.version, e.udp_size, e.dnssec_ok, e.ext_rcode),
            (0, 1232, true, 1)
        );
        assert_eq!(m.rcode(), 16);
        assert_eq!(m.ede()[0].to_string(), "EDE 6 (DNSSEC Bogus): x");
        assert!(m.additional.is_empty());
        // Two OPT records, or one in the answer section: FORMERR.
        let two = read(&message([0x84, 0], [1, 0, 0, 2], &[&q, &opt_rr, &opt_rr])).unwrap_err();
        assert!(two.to_string().contains("a second OPT record"), "{two}");
        let misplaced = read(&message([0x84, 0], [1, 1, 0, 0], &[&q, &opt_rr])).unwrap_err();
        assert!(
            misplaced.to_string().contains("outside the additional"),
            "{misplaced}"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A reply holding one record of each of many types, for the damage below.
        fn rich() -> Vec<u8> {
            let owner = name("x.test.");
            let records: Vec<Vec<u8>> = vec![
                rr(&[0xc0, 12], 1, &[192, 0, 2, 1]),
                rr(&[0xc0, 12], 15, &[0, 10, 0xc0, 12]),
                rr(&owner, 16, b"\x05hello\x03a\x1bb"),
                rr(
                    &owner,
                    29,
                    &[
                        0, 0x12, 0x16, 0x13, 0x8b, 0x3c, 0xf0, 0x18, 0x81, 0x0c, 0xbc, 0xe0, 0,
                        0x98, 0x95, 0xb8,
                    ],
                ),
                rr(&owner, 42, &[0, 1, 24, 3, 192, 0, 2]),
                rr(&owner, 47, &[0xc0, 12, 0, 1, 0x40]),
                rr(&owner, 64, &[0, 1, 0, 0, 1, 0, 3, 2, b'h', b'2']),
                rr(&owner, 65000, &[]),
            ];
            let mut parts: Vec<&[u8]> = Vec::new();
            let q = question("x.test.");
            parts.push(&q);
            for r in &records {
                parts.push(r);
            }
            message([0x84, 0], [1, records.len() as u16, 0, 0], &parts)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2048))]

            /// Whatever the bytes, reading never panics, and what is read is printable ASCII:
            /// nothing a terminal acts on comes out of a record.
            #[test]
            fn any_damage_is_read_or_refused(
                changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
                cut in any::<prop::sample::Index>(),
            ) {
                let mut bytes = rich();
                for (at, b) in changes {
                    let i = at.index(bytes.len());
                    bytes[i] = b;
                }
                bytes.truncate(cut.index(bytes.len() + 1));
                if let Ok(m) = read(&bytes) {
                    for r in m.answer.iter().chain(&m.authority).chain(&m.additional) {
                        prop_assert!(r.data.bytes().all(|b| (0x20..0x7f).contains(&b)), "{:?}", r.data);
                        // The data read back, standing alone, is the same data.
                        let again = Record::new(r.name.clone(), r.ttl, r.class, r.rtype, &r.rdata).unwrap();
                        prop_assert_eq!(&again.data, &r.data);
                    }
                }
            }

            /// Any type, any data: read or refused, never a panic; printable when read.
            #[test]
            fn any_rdata_is_read_or_refused(
                rtype in prop_oneof![1u16..=66, 99u16..=109, 249u16..=262, Just(32768u16), Just(32769u16), any::<u16>()],
                data in proptest::collection::vec(any::<u8>(), 0..64),
            ) {
                if let Ok((_, text)) = rdata::read(&data, 0, data.len(), rtype, 1) {
                    prop_assert!(text.bytes().all(|b| (0x20..0x7f).contains(&b)), "{:?}", text);
                }
            }
        }
    }
}
