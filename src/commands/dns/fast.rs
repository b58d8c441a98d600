//! The fast path for `netkit dns` over UDP (bulk `--file` and single lookups): every query to
//! a server goes out on one connected UDP socket and one receiver task hands each reply to its
//! query by message ID, instead of a fresh socket and resolver round per query; being
//! connected, the socket also hears ICMP port unreachable ("connection refused"). Only clean
//! answers are taken from it (records of the asked type, NXDOMAIN or no data, not truncated)
//! and responses that are no answer at all (another opcode than QUERY, an RCODE without a
//! meaning, which hickory reads as "no records"); anything else (timeout, SERVFAIL, REFUSED,
//! truncation, a bare CNAME to chase) is asked again through the full hickory resolver, so
//! results never differ from the slow path's. Names come fully qualified: the search list is
//! walked above, in [`super::lookup::resolve_name`]. Queries are paced per server ([`Pace`]):
//! a window of queries in flight, and resends of dropped ones within the attempt.

use std::collections::HashMap;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hickory_resolver::proto::op::{Message, MessageType, ResponseCode};
use hickory_resolver::proto::rr::{DNSClass, Name, RecordType};
use tokio::net::UdpSocket;
use tokio::sync::oneshot;

use super::answer::{Answer, Status, related, unusable};
use super::lookup::{Reply, Resolve, Settings};
use super::message::Response;
use super::pace::Pace;
use super::parse::Transport;
use super::server::Server;
use crate::wire::dns_query::QueryWriter;

/// What a query to a port where nothing listens comes back with.
pub const REFUSED: &str =
    "connection refused: nothing listens at that port (ICMP port unreachable)";

/// A query waiting for its reply.
#[derive(Debug)]
struct Pending {
    server: usize,
    tx: oneshot::Sender<Delivery>,
}

/// What the receiver hands a waiting query.
#[derive(Debug)]
enum Delivery {
    /// The reply's bytes.
    Reply(Vec<u8>),
    /// The server's host said nothing listens at its port (ICMP port unreachable).
    Refused,
}

#[derive(Debug, Default)]
struct Table {
    pending: HashMap<u16, Pending>,
    next: u16,
}

impl Table {
    /// ICMP port unreachable from `server`: the error names no query, but on a connected
    /// socket every query waiting for that server went to the closed port. (Linux reports the
    /// error to whichever call on the socket comes next, a receive or a send.)
    fn refuse(&mut self, server: usize) {
        let ids: Vec<u16> = self
            .pending
            .iter()
            .filter(|(_, p)| p.server == server)
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            if let Some(p) = self.pending.remove(&id) {
                let _ = p.tx.send(Delivery::Refused);
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// One connected UDP socket per server in front of a full resolver (`inner`) used for
/// everything the fast path does not settle.
#[derive(Debug)]
pub struct Fast<R> {
    inner: R,
    /// Per server: its lane (None: not UDP, or its socket could not be set up).
    lanes: Vec<Option<Lane>>,
    table: Arc<Mutex<Table>>,
    /// Encodes every query (one message reused, see [`QueryWriter`]).
    writer: Mutex<QueryWriter>,
    timeout: Duration,
    /// Attempts `inner` makes after the fast one; 0 means a fast timeout is final.
    retries: usize,
}

/// One UDP server's connected socket, the task receiving its replies, and its pacing.
#[derive(Debug)]
struct Lane {
    sock: Arc<UdpSocket>,
    receiver: tokio::task::JoinHandle<()>,
    pace: Pace,
}

impl Drop for Lane {
    fn drop(&mut self) {
        self.receiver.abort();
    }
}

impl<R: Resolve> Fast<R> {
    /// Connects one socket per UDP server (must run inside a tokio runtime); for a server
    /// whose socket cannot be set up, queries go to `inner`.
    /// The fast query is the first attempt: `inner` should make `settings.retries` more (its
    /// own retries one fewer), and with none a fast timeout is reported as the timeout. At most
    /// `settings.concurrency` queries are in flight to each server.
    pub async fn new(inner: R, servers: &[Server], settings: &Settings) -> Self {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let table = Arc::new(Mutex::new(Table {
            pending: HashMap::new(),
            next: (seed ^ (seed >> 16)) as u16,
        }));
        let mut lanes = Vec::with_capacity(servers.len());
        for (index, server) in servers.iter().enumerate() {
            let sock = if server.transport == Transport::Udp {
                connect(server.address).await
            } else {
                None
            };
            lanes.push(sock.map(|sock| Lane {
                receiver: tokio::spawn(receive(sock.clone(), index, table.clone())),
                sock,
                pace: Pace::new(settings.concurrency),
            }));
        }
        Fast {
            inner,
            lanes,
            table,
            writer: Mutex::new(QueryWriter::new()),
            timeout: settings.timeout,
            retries: settings.retries,
        }
    }
}

async fn connect(server: SocketAddr) -> Option<Arc<UdpSocket>> {
    connected(server).await.ok().map(Arc::new)
}

/// A UDP socket on an ephemeral port connected to `server` (so that it hears ICMP port
/// unreachable, and only that server's datagrams).
pub async fn connected(server: SocketAddr) -> io::Result<UdpSocket> {
    let local: SocketAddr = if server.is_ipv4() {
        (Ipv4Addr::UNSPECIFIED, 0).into()
    } else {
        (Ipv6Addr::UNSPECIFIED, 0).into()
    };
    let sock = UdpSocket::bind(local).await?;
    sock.connect(server).await?;
    Ok(sock)
}

/// Hands each reply from server `index` to the query waiting for its ID.
async fn receive(sock: Arc<UdpSocket>, index: usize, table: Arc<Mutex<Table>>) {
    let mut buf = vec![0u8; 65535];
    loop {
        let n = match sock.recv(&mut buf).await {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                lock(&table).refuse(index);
                continue;
            }
            // Other ICMP errors (unreachable hosts): the waiting queries time out.
            Err(_) => continue,
        };
        if n < 12 {
            continue;
        }
        let id = u16::from_be_bytes([buf[0], buf[1]]);
        let mut t = lock(&table);
        if t.pending.get(&id).is_some_and(|p| p.server == index)
            && let Some(p) = t.pending.remove(&id)
        {
            let _ = p.tx.send(Delivery::Reply(buf[..n].to_vec()));
        }
    }
}

/// Reads a reply to the query for `name` / `rtype` (its ID already matched); None when it is
/// not one the fast path may settle. The reply must be a response carrying the one question
/// asked (type, class IN, name); then a response with another opcode than QUERY or an RCODE
/// without a meaning is an error, as hickory would not say; otherwise only answers with
/// records of the type, NXDOMAIN and no data are settled here. Records owned by names other
/// than `name` and its CNAME chain are dropped and counted ([`related`]). The reply settled
/// keeps the decoded message (moved, not copied: laid out only if the output is JSON).
pub fn settle(reply: &[u8], name: &str, rtype: RecordType) -> Option<Reply> {
    let msg = Message::from_vec(reply).ok()?;
    let want = name.trim_end_matches('.');
    let [q] = &msg.queries[..] else {
        return None;
    };
    if msg.metadata.message_type != MessageType::Response
        || q.query_type() != rtype
        || q.query_class() != DNSClass::IN
        || !same_name(q.name(), want)
    {
        return None;
    }
    if let Some(why) = unusable(msg.metadata.op_code, msg.metadata.response_code) {
        let response = Response::udp(msg, reply.len());
        return Some(Reply::bare(Status::Error, Some(why)).with_response(Some(Box::new(response))));
    }
    if msg.metadata.truncation {
        return None;
    }
    let (records, ignored) = related(q.name(), &msg.answers);
    let has_type = records.iter().any(|r| r.record_type() == rtype);
    let answers: Vec<Answer> = records.into_iter().map(Answer::from_record).collect();
    let status = match msg.metadata.response_code {
        ResponseCode::NoError if answers.is_empty() => Status::NoData,
        ResponseCode::NoError if has_type => Status::Answer,
        ResponseCode::NXDomain if answers.is_empty() => Status::NxDomain,
        _ => return None,
    };
    Some(Reply {
        status,
        answers,
        message: None,
        ignored,
        response: Some(Box::new(Response::udp(msg, reply.len()))),
    })
}

/// Whether `name` is `want` (dot-separated, no trailing dot), ignoring ASCII case; label by
/// label, without building `Name::to_ascii`'s string (about 900 instructions a reply).
pub fn same_name(name: &Name, want: &str) -> bool {
    let mut want = want.split('.').filter(|l| !l.is_empty());
    name.iter().all(|label| {
        want.next()
            .is_some_and(|w| label.eq_ignore_ascii_case(w.as_bytes()))
    }) && want.next().is_none()
}

impl<R: Resolve> Fast<R> {
    /// The full resolver behind the fast path: the attempts after a first one made elsewhere.
    pub fn inner(&self) -> &R {
        &self.inner
    }

    async fn try_fast(&self, server: usize, name: &str, rtype: RecordType) -> Option<Reply> {
        let Lane { sock, pace, .. } = self.lanes.get(server)?.as_ref()?;
        // Held while the query is in flight; a query resent is counted as lost and leaves the
        // window (as TCP counts its pipe), so a silent server does not hold the window shut.
        let mut slot = Some(pace.slot().await);
        let (tx, mut rx) = oneshot::channel();
        let id = {
            let mut t = lock(&self.table);
            if t.pending.len() > 60_000 {
                return None;
            }
            let mut id = t.next;
            while t.pending.contains_key(&id) {
                id = id.wrapping_add(1);
            }
            // Step by an odd constant so consecutive IDs are not sequential.
            t.next = id.wrapping_add(40_503);
            t.pending.insert(id, Pending { server, tx });
            id
        };
        let forget = || {
            lock(&self.table).pending.remove(&id);
        };
        let Some(query) = lock(&self.writer)
            .encode(id, name, rtype)
            .map(<[u8]>::to_vec)
        else {
            forget();
            return None;
        };
        let sent_ok = |result: io::Result<usize>| match result {
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                lock(&self.table).refuse(server);
                true
            }
            other => other.is_ok(),
        };
        if !sent_ok(sock.send(&query).await) {
            forget();
            return None;
        }
        // Within the attempt's timeout, a query with no reply is sent again (same ID: either
        // copy's reply settles it), each time waiting twice as long, unless no retry at all
        // was asked for.
        let sent = Instant::now();
        let deadline = sent + self.timeout;
        // With --retries 0 the one datagram is all: no resend within the attempt either.
        let mut wait = if self.retries == 0 {
            self.timeout
        } else {
            pace.resend_after()
        };
        let mut resent = false;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(wait.min(left), &mut rx).await {
                Ok(Ok(Delivery::Refused)) => {
                    return Some(Reply::bare(Status::Error, Some(REFUSED.into())));
                }
                Ok(Ok(Delivery::Reply(bytes))) => {
                    if !resent {
                        // Only unambiguous samples (Karn): a reply after a resend may answer
                        // either copy.
                        pace.answered(sent.elapsed());
                    }
                    return settle(&bytes, name, rtype);
                }
                Ok(Err(_)) => return None,
                Err(_) if Instant::now() >= deadline => {
                    forget();
                    return (self.retries == 0).then(|| Reply::bare(Status::Timeout, None));
                }
                Err(_) => {
                    pace.lost(sent);
                    slot.take();
                    sent_ok(sock.send(&query).await);
                    resent = true;
                    wait = wait.saturating_mul(2);
                }
            }
        }
    }
}

impl<R: Resolve> Resolve for Fast<R> {
    async fn lookup(&self, server: usize, name: &str, rtype: RecordType) -> Reply {
        match self.try_fast(server, name, rtype).await {
            Some(reply) => reply,
            None => self.inner.lookup(server, name, rtype).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::op::OpCode;
    use hickory_resolver::proto::rr::{RData, Record};

    #[test]
    fn queries_encode_and_replies_settle() {
        let q = QueryWriter::new()
            .encode(0x1234, "www.example.test.", RecordType::AAAA)
            .unwrap()
            .to_vec();
        let msg = Message::from_vec(&q).unwrap();
        assert_eq!(msg.metadata.id, 0x1234);
        assert!(msg.metadata.recursion_desired);
        assert_eq!(msg.queries[0].name().to_ascii(), "www.example.test.");
        assert_eq!(msg.queries[0].query_type(), RecordType::AAAA);
        // The query itself (QR clear) is not a reply.
        assert!(settle(&q, "www.example.test", RecordType::AAAA).is_none());
        // Echo the query back as a NOERROR reply with no answers: no data.
        let mut reply = q.clone();
        reply[2] |= 0x80;
        let r = settle(&reply, "www.example.test", RecordType::AAAA).unwrap();
        assert_eq!(r.status, Status::NoData);
        // NXDOMAIN.
        reply[3] = (reply[3] & 0xf0) | 3;
        let r = settle(&reply, "www.example.test", RecordType::AAAA).unwrap();
        assert_eq!(r.status, Status::NxDomain);
        // The whole response is kept, as it came.
        let kept = r.response.unwrap();
        assert_eq!(
            *kept,
            Response::udp(Message::from_vec(&reply).unwrap(), reply.len())
        );
        // SERVFAIL, a different question, truncation: not for the fast path.
        reply[3] = (reply[3] & 0xf0) | 2;
        assert!(settle(&reply, "www.example.test", RecordType::AAAA).is_none());
        let mut other = q.clone();
        other[2] |= 0x80;
        assert!(settle(&other, "mail.example.test", RecordType::AAAA).is_none());
        other[2] |= 0x02;
        assert!(settle(&other, "www.example.test", RecordType::AAAA).is_none());
    }

    /// The reply to a query for `name` A built by `edit`.
    fn reply_to(name: &str, edit: impl FnOnce(&mut Message)) -> Vec<u8> {
        let q = QueryWriter::new()
            .encode(7, name, RecordType::A)
            .unwrap()
            .to_vec();
        let mut msg = Message::from_vec(&q).unwrap();
        msg.metadata.message_type = MessageType::Response;
        edit(&mut msg);
        msg.to_vec().unwrap()
    }

    fn a(owner: &str, ip: [u8; 4]) -> Record {
        Record::from_rdata(
            Name::from_ascii(owner).unwrap(),
            60,
            RData::A(std::net::Ipv4Addr::from(ip).into()),
        )
    }

    /// Regression (issue 12): RCODE 11 and 15 and an UPDATE response read as "no data" (the
    /// fast path handed them to hickory, which calls them "no records").
    #[test]
    fn other_opcodes_and_unknown_rcodes_are_errors() {
        for (rcode, op, want) in [
            (11u16, OpCode::Query, "server answered RCODE 11"),
            (15, OpCode::Query, "server answered RCODE 15"),
            (
                0,
                OpCode::Update,
                "server answered with opcode 5 instead of QUERY",
            ),
        ] {
            let reply = reply_to("www.example.test", |m| {
                m.metadata.response_code = rcode.into();
                m.metadata.op_code = op;
                m.add_answer(a("www.example.test.", [192, 0, 2, 1]));
            });
            let r = settle(&reply, "www.example.test", RecordType::A).unwrap();
            assert_eq!(r.status, Status::Error, "{want}");
            assert_eq!(r.message.as_deref(), Some(want));
            assert!(r.answers.is_empty());
            // It is still a response, and kept.
            assert_eq!(r.response.unwrap().message.metadata.op_code, op);
        }
        // Another question than the one asked (class, count) is no reply to this query.
        let reply = reply_to("www.example.test", |m| {
            m.metadata.op_code = OpCode::Update;
            m.queries[0].set_query_class(DNSClass::CH);
        });
        assert!(settle(&reply, "www.example.test", RecordType::A).is_none());
        let reply = reply_to("www.example.test", |m| {
            let q = m.queries[0].clone();
            m.add_query(q);
        });
        assert!(settle(&reply, "www.example.test", RecordType::A).is_none());
        let reply = reply_to("www.example.test", |m| m.queries.clear());
        assert!(settle(&reply, "www.example.test", RecordType::A).is_none());
    }

    /// Regression (issue 12): `dns X A --short` printed an address of `evil.example`.
    #[test]
    fn records_of_unrelated_owners_are_ignored_and_counted() {
        let reply = reply_to("www.example.test", |m| {
            m.add_answer(a("evil.example.", [203, 0, 113, 66]));
            m.add_answer(a("www.example.test.", [192, 0, 2, 1]));
        });
        let r = settle(&reply, "www.example.test", RecordType::A).unwrap();
        assert_eq!(r.status, Status::Answer);
        let data: Vec<&str> = r.answers.iter().map(|a| a.data.as_str()).collect();
        assert_eq!(data, ["192.0.2.1"]);
        assert_eq!(r.ignored, 1);
        // Nothing but strays: no data for the name asked.
        let reply = reply_to("www.example.test", |m| {
            m.add_answer(a("evil.example.", [203, 0, 113, 66]));
        });
        let r = settle(&reply, "www.example.test", RecordType::A).unwrap();
        assert_eq!(
            (r.status, r.answers.len(), r.ignored),
            (Status::NoData, 0, 1)
        );
    }

    #[test]
    fn names_compare_label_by_label() {
        let name = |s: &str| Name::from_ascii(s).unwrap();
        assert!(same_name(&name("WWW.Example.test."), "www.example.TEST"));
        assert!(same_name(&name("."), ""));
        assert!(!same_name(&name("www.example.test."), "www.example"));
        assert!(!same_name(&name("www.example."), "www.example.test"));
        assert!(!same_name(&name("wwx.example.test."), "www.example.test"));
        // A dot inside a label is not a label boundary.
        assert!(!same_name(&name("a\\.b."), "a.b"));
    }

    mod properties {
        use super::*;
        use hickory_resolver::proto::rr::rdata::{CNAME, MX, TXT};
        use proptest::prelude::*;

        /// A reply to `www.example.test A` holding what the reader has to walk: a CNAME chain,
        /// compressed names, TXT, MX, an unrelated record and the OPT record.
        fn rich_reply() -> Vec<u8> {
            let name = |s: &str| Name::from_ascii(s).unwrap();
            reply_to("www.example.test", |m| {
                m.add_answer(Record::from_rdata(
                    name("www.example.test."),
                    60,
                    RData::CNAME(CNAME(name("c.example.test."))),
                ));
                m.add_answer(a("c.example.test.", [192, 0, 2, 1]));
                m.add_answer(Record::from_rdata(
                    name("c.example.test."),
                    60,
                    RData::TXT(TXT::new(vec!["t\x1b".into()])),
                ));
                m.add_answer(Record::from_rdata(
                    name("evil.example."),
                    60,
                    RData::MX(MX::new(1, name("mail.evil.example."))),
                ));
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            /// Whatever a server sends, reading it (parse, question check, chain filter,
            /// records to text) returns an answer, an error or "not settled": never a panic.
            #[test]
            fn any_bytes_are_read_without_panicking(
                bytes in proptest::collection::vec(any::<u8>(), 0..700),
            ) {
                let _ = settle(&bytes, "www.example.test", RecordType::A);
                // The same bytes behind a header and question that match the query, so the
                // reader goes on past them.
                let mut reply = reply_to("www.example.test", |_| {});
                reply.extend_from_slice(&bytes);
                let _ = settle(&reply, "www.example.test", RecordType::A);
            }

            /// A well-formed reply with bytes changed, cut or counts raised: the same.
            #[test]
            fn damaged_replies_are_read_without_panicking(
                changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
                cut in any::<prop::sample::Index>(),
            ) {
                let mut reply = rich_reply();
                for (at, byte) in changes {
                    let i = at.index(reply.len());
                    reply[i] = byte;
                }
                if let Some(r) = settle(&reply, "www.example.test", RecordType::A)
                    && r.status != Status::Error
                {
                    // Every answer record is either shown or counted as ignored.
                    let msg = Message::from_vec(&reply).unwrap();
                    prop_assert_eq!(r.answers.len() + r.ignored, msg.answers.len());
                }
                reply.truncate(cut.index(reply.len() + 1));
                let _ = settle(&reply, "www.example.test", RecordType::A);
            }
        }

        #[test]
        fn the_undamaged_reply_is_an_answer() {
            let r = settle(&rich_reply(), "www.example.test", RecordType::A).unwrap();
            assert_eq!(r.status, Status::Answer);
            assert_eq!(r.answers.len(), 3);
            assert_eq!(r.ignored, 1);
            assert_eq!(r.answers[2].data, "\"t\\027\"");
        }
    }
}
