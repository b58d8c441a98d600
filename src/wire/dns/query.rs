//! DNS query messages (RFC 1035, with EDNS(0) from RFC 6891) as `netkit dns`'s lookups send
//! them, built with hickory-proto's `Message`: recursion desired, one question of class
//! IN, and an OPT record advertising [`EDNS_PAYLOAD`]. Pure logic; replies are read where they
//! are used.

use hickory_resolver::proto::op::{Edns, Message, MessageType, OpCode, Query};
use hickory_resolver::proto::rr::{Name, Record, RecordType};
use hickory_resolver::proto::serialize::binary::{BinEncodable, BinEncoder};

use super::name::from_query_name;

/// The largest UDP reply netkit asks for (EDNS payload size, the DNS Flag Day 2020 value).
pub const EDNS_PAYLOAD: u16 = 1232;

/// Writes queries. A bulk lookup sends tens of thousands, so one `Message` is built once and
/// only its ID and question change from query to query, encoded into the same buffer each time
/// (a fresh `Message`, `Edns` and `to_vec` per query cost about 500 instructions more).
#[derive(Debug)]
pub struct QueryWriter {
    msg: Message,
    buf: Vec<u8>,
}

impl Default for QueryWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl QueryWriter {
    /// A writer of queries with RD set and the EDNS OPT record.
    pub fn new() -> Self {
        let mut msg = Message::new(0, MessageType::Query, OpCode::Query);
        msg.metadata.recursion_desired = true;
        msg.add_query(Query::query(Name::root(), RecordType::A));
        let mut edns = Edns::new();
        edns.set_max_payload(EDNS_PAYLOAD);
        // The OPT record itself rather than `set_edns`: the encoder would rebuild the record
        // from the `Edns` for every query. The bytes are the same.
        msg.add_additional(Record::from(&edns));
        QueryWriter {
            msg,
            buf: Vec::with_capacity(512),
        }
    }

    /// The query with message ID `id` for `name` (as `name::query_name_into` writes it: ASCII,
    /// escapes allowed; the trailing dot is optional) and type `rtype`, valid until the next
    /// call. None when `name` is no DNS name (a label longer than 63 bytes, a name longer than
    /// 255, an empty label).
    pub fn encode(&mut self, id: u16, name: &str, rtype: RecordType) -> Option<&[u8]> {
        let name = from_query_name(name)?;
        self.msg.metadata.id = id;
        self.msg.queries[0].set_name(name).set_query_type(rtype);
        self.buf.clear();
        self.msg.emit(&mut BinEncoder::new(&mut self.buf)).ok()?;
        Some(&self.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::rr::DNSClass;

    /// The message byte for byte: header (ID, RD, one question, one additional), the
    /// question, and the OPT record (root owner, type 41, class = payload size, TTL 0, no
    /// options). A second query from the same writer carries nothing of the first.
    #[test]
    fn query_bytes() {
        let mut w = QueryWriter::new();
        let mut want = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1];
        want.extend_from_slice(b"\x03www\x07example\x04test\x00");
        want.extend_from_slice(&[0, 28, 0, 1]); // AAAA, IN
        want.extend_from_slice(&[0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);
        for name in ["www.example.test.", "www.example.test"] {
            assert_eq!(
                w.encode(0x1234, name, RecordType::AAAA),
                Some(&want[..]),
                "{name}"
            );
        }
        let mut want = vec![0xab, 0xcd, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1];
        want.extend_from_slice(b"\x01x\x00\x00\x01\x00\x01");
        want.extend_from_slice(&[0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(w.encode(0xabcd, "x", RecordType::A), Some(&want[..]));
    }

    #[test]
    fn queries_decode_as_asked() {
        let mut w = QueryWriter::default();
        for (name, rtype) in [
            ("_sip._tcp.example.test", RecordType::SRV),
            ("4.3.2.1.in-addr.arpa.", RecordType::PTR),
            (".", RecordType::NS),
            ("*.x", RecordType::TXT),
        ] {
            let msg = Message::from_vec(w.encode(0xbeef, name, rtype).unwrap()).unwrap();
            assert_eq!(msg.metadata.id, 0xbeef);
            assert_eq!(msg.metadata.message_type, MessageType::Query);
            assert!(msg.metadata.recursion_desired);
            assert_eq!(msg.queries.len(), 1);
            let want = if name.ends_with('.') {
                name.to_string()
            } else {
                format!("{name}.")
            };
            assert_eq!(msg.queries[0].name().to_ascii(), want);
            assert_eq!(msg.queries[0].query_type(), rtype);
            assert_eq!(msg.queries[0].query_class(), DNSClass::IN);
            assert_eq!(msg.edns.as_ref().map(Edns::max_payload), Some(EDNS_PAYLOAD));
            assert!(msg.answers.is_empty() && msg.additionals.is_empty());
        }
    }

    #[test]
    fn names_dns_cannot_carry() {
        let mut w = QueryWriter::new();
        assert_eq!(w.encode(1, &"x".repeat(64), RecordType::A), None);
        let long = ["a".repeat(63).as_str(); 5].join(".");
        assert_eq!(w.encode(1, &long, RecordType::A), None);
        assert!(w.encode(1, &long[..253], RecordType::A).is_some());
        for bad in ["a..b", ".a", ".."] {
            assert_eq!(w.encode(1, bad, RecordType::A), None, "{bad}");
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A label as `encode` may be handed one: the usual host-name characters, or any
        /// characters but the dot and the backslash, which escapes (the caller checks names;
        /// the writer must not care).
        fn label() -> impl Strategy<Value = String> {
            prop_oneof!["[a-zA-Z0-9_-]{1,63}", "[^.\\\\]{1,15}"]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            /// decode(encode(x)) == x: the ID, the question (every label's bytes, the type,
            /// class IN), RD and the EDNS payload come back as written; a name DNS cannot
            /// carry (a label over 63 bytes, over 255 in all) is refused, never cut.
            #[test]
            fn queries_decode_as_encoded(
                id in any::<u16>(),
                labels in proptest::collection::vec(label(), 0..9),
                fqdn in any::<bool>(),
                code in any::<u16>(),
            ) {
                let rtype = RecordType::from(code);
                let mut name = labels.join(".");
                if fqdn || labels.is_empty() {
                    name.push('.');
                }
                let wire_len: usize = labels.iter().map(|l| l.len() + 1).sum::<usize>() + 1;
                let fits = labels.iter().all(|l| l.len() <= 63) && wire_len <= 255;
                let mut w = QueryWriter::new();
                let Some(bytes) = w.encode(id, &name, rtype) else {
                    prop_assert!(!fits, "{name:?} fits but was refused");
                    return Ok(());
                };
                prop_assert!(fits, "{name:?} does not fit but was encoded");
                let msg = Message::from_vec(bytes).unwrap();
                prop_assert_eq!(msg.metadata.id, id);
                prop_assert_eq!(msg.metadata.message_type, MessageType::Query);
                prop_assert_eq!(msg.metadata.op_code, OpCode::Query);
                prop_assert!(msg.metadata.recursion_desired);
                prop_assert_eq!(msg.queries.len(), 1);
                let q = &msg.queries[0];
                let got: Vec<&[u8]> = q.name().iter().collect();
                let want: Vec<&[u8]> = labels.iter().map(|l| l.as_bytes()).collect();
                prop_assert_eq!(got, want);
                prop_assert_eq!(q.query_type(), rtype);
                prop_assert_eq!(q.query_class(), DNSClass::IN);
                prop_assert_eq!(msg.edns.as_ref().map(Edns::max_payload), Some(EDNS_PAYLOAD));
            }
        }
    }
}
