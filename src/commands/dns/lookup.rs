//! Asking servers: a small [`Resolve`] trait over "ask server N for NAME/TYPE" (netkit's own
//! [`Client`](super::client::Client) implements it), and [`resolve_name`], which asks each
//! type, walks the search list as a stub resolver does ([`Search`]), falls back to the next
//! server when one fails (SERVFAIL, REFUSED, a referral, a timeout), follows a CNAME chain that
//! leaves a server's zones with a query of its own to the same server (a failure there is a note:
//! the chain is what the server answered), and times each query. Unit tests plug in a fake.

use std::future::Future;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use hickory_resolver::proto::rr::{Name, RecordType};
use serde::Serialize;

pub use super::answer::Reply;
use super::answer::{Status, cname_loop, overall, presentation};
use super::message::Received;
use super::server::Server;
use super::tls::TlsSettings;
use crate::i18n::{Text, t};
use crate::util::time::{human_duration, round_ms};
use crate::wire::dns::name::dots;
use crate::wire::dns::record::Record;
use crate::wire::dns::types::Type;

/// "Ask server number `server` for `name` / `rtype`", so the logic above it needs no network.
pub trait Resolve: Send + Sync {
    /// Sends the query (with the configured timeout and retries) and classifies the reply.
    fn lookup(
        &self,
        server: usize,
        name: &str,
        rtype: RecordType,
    ) -> impl Future<Output = Reply> + Send;
}

/// One query's outcome, as reported.
#[derive(Debug, Clone, Serialize)]
pub struct QueryResult {
    /// The record type asked for (none for a line that was not a name).
    #[serde(rename = "type", serialize_with = "type_or_empty")]
    pub rtype: Option<RecordType>,
    /// What came back.
    pub status: Status,
    /// The name asked (fully qualified; differs from the input when a search domain applied),
    /// the first of the CNAME chain in the answers.
    pub name: String,
    /// The server that gave this result (the last one tried).
    pub server: String,
    /// From the query to its answer (for a timeout: how long netkit waited), in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub rtt_ms: f64,
    /// The answer records.
    pub answers: Vec<Record>,
    /// Detail for failures, and why an alias has no records (where its chain leads); English
    /// in JSON.
    pub message: Option<Text>,
    /// What else there is to know (null: nothing): a follow-up query for where the CNAME chain
    /// leads that failed.
    pub note: Option<Text>,
    /// Answer records ignored as unrelated to the question (owned by a name that is neither
    /// the one asked nor in its CNAME chain).
    pub ignored: usize,
    /// Every name asked for this type, in order: the name as typed and its search-list
    /// expansions ([`Search::candidates`]); one entry when no search list applies.
    pub attempts: Vec<Attempt>,
    /// The whole response this result was read from, as `--full` shows a message (null when
    /// none came: a timeout, nothing listening, a line that is no name; `message` says why).
    pub response: Option<Received>,
}

/// One name asked while walking the search list, and what came back for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attempt {
    /// The name asked (fully qualified).
    pub name: String,
    /// What came back (from the last server tried).
    pub status: Status,
    /// From the query to its answer, in milliseconds.
    #[serde(serialize_with = "round_ms")]
    pub rtt_ms: f64,
}

/// A query's record type, or "" when there was none to ask.
fn type_or_empty<S: serde::Serializer>(
    t: &Option<RecordType>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.collect_str(&Type(*t)),
        None => s.serialize_str(""),
    }
}

impl QueryResult {
    /// The record type's name, "" when there was none to ask.
    pub fn type_name(&self) -> String {
        self.rtype.map_or(String::new(), |t| Type(t).to_string())
    }
}

/// Everything found out about one name.
#[derive(Debug, Clone, Serialize)]
pub struct NameResult {
    /// The name as given (or the address given to -x).
    pub input: String,
    /// The ASCII (punycode) name that was looked up.
    pub name: String,
    /// Summary: answer, nxdomain, nodata, or the first failure.
    pub status: Status,
    /// One entry per record type.
    pub queries: Vec<QueryResult>,
}

/// The search list and ndots of resolv.conf: which names a name stands for, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The domains appended to a relative name (none with servers given on the command line).
    pub domains: Vec<String>,
    /// A name with at least this many dots is asked as typed before the search list.
    pub ndots: usize,
}

/// One name a stub resolver asks for the name typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Fully qualified, ASCII.
    pub name: String,
    /// Whether this is the name as typed (not a search-list expansion).
    pub as_typed: bool,
}

impl Search {
    /// No search list: every name is asked as typed.
    pub fn none() -> Self {
        Search {
            domains: Vec::new(),
            ndots: 1,
        }
    }

    /// Whether `name` is asked only as typed ([`Search::candidates`] makes no other name of it).
    pub fn as_typed_only(&self, name: &str) -> bool {
        name.ends_with('.') || self.domains.is_empty() || self.candidates(name).len() == 1
    }

    /// The names asked for `name` (ASCII), in glibc's order (res_search): a fully qualified
    /// name only as typed; otherwise the name as typed first when it has at least `ndots`
    /// dots, then the name under each search domain, then the name as typed when it was not
    /// asked first. Expansions longer than a DNS name may be are left out.
    pub fn candidates(&self, name: &str) -> Vec<Candidate> {
        let typed = Candidate {
            name: fqdn(name),
            as_typed: true,
        };
        if name.ends_with('.') || self.domains.is_empty() {
            return vec![typed];
        }
        let first = dots(name) >= self.ndots;
        let mut out = Vec::with_capacity(self.domains.len() + 1);
        if first {
            out.push(typed.clone());
        }
        for domain in &self.domains {
            let domain = domain.trim_matches('.');
            if domain.is_empty() {
                continue;
            }
            let expanded = format!("{name}.{domain}.");
            if expanded.len() <= 254 && !out.iter().any(|c: &Candidate| c.name == expanded) {
                out.push(Candidate {
                    name: expanded,
                    as_typed: false,
                });
            }
        }
        if !first {
            out.push(typed);
        }
        out
    }
}

/// Asks for every type of `name` concurrently; each query walks the names `search` makes of
/// it ([`walk`]), asking the servers in order and stopping at the first that answers (records,
/// NXDOMAIN or no data).
pub async fn resolve_name<R: Resolve>(
    resolver: &R,
    servers: &[Server],
    search: &Search,
    input: &str,
    name: &str,
    types: &[RecordType],
) -> NameResult {
    let candidates = search.candidates(name);
    let queries = join_all(
        types
            .iter()
            .map(|&rtype| walk(resolver, servers, &candidates, rtype)),
    )
    .await;
    NameResult::new(input, name, queries)
}

/// Asks the candidates for `rtype` as glibc's res_search does, and reports the result a
/// program on this machine would get, with every name asked in [`QueryResult::attempts`]:
/// - records for a name end the walk: that is the answer;
/// - NXDOMAIN, no data and SERVFAIL move on to the next name; another failure (REFUSED, a
///   timeout) ends the search list, and only the name as typed is still asked if it was not;
/// - without an answer, the result is the first name with no data (the name exists: an
///   NXDOMAIN or a failure elsewhere does not hide it), else the name as typed when it was asked
///   first, else the first SERVFAIL, else the last name asked.
async fn walk<R: Resolve>(
    resolver: &R,
    servers: &[Server],
    candidates: &[Candidate],
    rtype: RecordType,
) -> QueryResult {
    let mut results: Vec<QueryResult> = Vec::with_capacity(candidates.len());
    let mut searching = true;
    for c in candidates {
        if !c.as_typed && !searching {
            continue;
        }
        let q = resolve_type(resolver, servers, &c.name, rtype).await;
        let status = q.status;
        results.push(q);
        match status {
            Status::Answer => break,
            Status::NxDomain | Status::NoData | Status::ServFail => {}
            _ if !c.as_typed => searching = false,
            _ => {}
        }
    }
    let first_typed = candidates.first().is_some_and(|c| c.as_typed);
    // glibc's res_search: an answer; else NODATA for any name tried (got_nodata); else the
    // name as typed when it was asked first (saved_herrno); else SERVFAIL; else the last.
    let pick = results
        .iter()
        .position(|q| q.status == Status::Answer)
        .or_else(|| results.iter().position(|q| q.status == Status::NoData))
        .or_else(|| first_typed.then_some(0))
        .or_else(|| results.iter().position(|q| q.status == Status::ServFail))
        .unwrap_or(results.len().saturating_sub(1));
    let attempts: Vec<Attempt> = results
        .iter()
        .map(|q| Attempt {
            name: q.name.clone(),
            status: q.status,
            rtt_ms: q.rtt_ms,
        })
        .collect();
    if pick >= results.len() {
        return QueryResult {
            rtype: Some(rtype),
            status: Status::Error,
            name: String::new(),
            server: String::new(),
            rtt_ms: 0.0,
            answers: Vec::new(),
            message: Some(t!("dns-why-no-name").into()),
            note: None,
            ignored: 0,
            attempts,
            response: None,
        };
    }
    let mut result = results.swap_remove(pick);
    result.attempts = attempts;
    result
}

/// Asks the servers in order for `name` (fully qualified) / `rtype`, until one answers.
async fn resolve_type<R: Resolve>(
    resolver: &R,
    servers: &[Server],
    name: &str,
    rtype: RecordType,
) -> QueryResult {
    let mut result = None;
    for (i, server) in servers.iter().enumerate() {
        let start = Instant::now();
        let mut reply = resolver.lookup(i, name, rtype).await;
        let note = follow_up(resolver, i, server, &mut reply, rtype).await;
        let failed = reply.status.is_failure();
        let mut q = QueryResult::from_reply(server, name, rtype, reply, start.elapsed());
        q.note = note;
        result = Some(q);
        if !failed {
            break;
        }
    }
    result.unwrap_or_else(|| QueryResult {
        rtype: Some(rtype),
        status: Status::Error,
        name: fqdn(name),
        server: String::new(),
        rtt_ms: 0.0,
        answers: Vec::new(),
        message: Some(t!("dns-why-no-server").into()),
        note: None,
        ignored: 0,
        attempts: Vec::new(),
        response: None,
    })
}

/// The most links of a CNAME chain followed with queries of their own.
const MAX_FOLLOW_UPS: usize = 8;

/// When `reply`'s CNAME chain leads out of what server `index` answered, asks that server for
/// where it leads (a server with several zones answers each alone), and again for the next
/// link, merging what comes back: the records, and for the end of the chain its status (no
/// data, NXDOMAIN, a loop). A follow-up that fails (REFUSED: the target is in nobody's zone the
/// server has) leaves the reply as the server gave it, the chain; the failure is the note
/// returned.
async fn follow_up<R: Resolve>(
    resolver: &R,
    index: usize,
    server: &Server,
    reply: &mut Reply,
    rtype: RecordType,
) -> Option<Text> {
    let mut seen: Vec<Name> = Vec::new();
    while let Some(target) = reply.leads_to.take() {
        let text = presentation(&target);
        if seen.len() >= MAX_FOLLOW_UPS {
            return Some(
                t!(
                    "dns-note-chain-too-long",
                    name = text,
                    links = MAX_FOLLOW_UPS
                )
                .into(),
            );
        }
        if seen.contains(&target) {
            reply.status = Status::CnameLoop;
            let mut names: Vec<String> = seen.iter().map(presentation).collect();
            names.push(text);
            reply.message = Some(cname_loop(&names).into());
            return None;
        }
        seen.push(target.clone());
        let next = resolver.lookup(index, &text, rtype).await;
        match next.status {
            Status::Answer | Status::NoData | Status::NxDomain | Status::CnameLoop => {
                let why = match next.status {
                    Status::NoData => {
                        Some(t!("dns-why-chain-nodata", name = &text, rtype = Type(rtype)).into())
                    }
                    Status::NxDomain => Some(t!("dns-why-chain-nxdomain", name = &text).into()),
                    _ => None,
                };
                reply.status = next.status;
                reply.message = next.message.or(why);
                reply.ignored += next.ignored;
                reply.answers.extend(next.answers);
                reply.leads_to = next.leads_to;
            }
            failed => {
                let note = match next.message {
                    Some(detail) => t!(
                        "dns-note-chain-outside-detail",
                        name = &text,
                        server = server.to_string(),
                        rtype = Type(rtype),
                        status = failed.tag(),
                        detail = detail
                    ),
                    None => t!(
                        "dns-note-chain-outside",
                        name = &text,
                        server = server.to_string(),
                        rtype = Type(rtype),
                        status = failed.tag()
                    ),
                };
                return Some(note.into());
            }
        }
    }
    None
}

impl QueryResult {
    /// What `server` said to the query for `name` / `rtype`, `elapsed` after it was sent (the
    /// search-list walk fills in [`QueryResult::attempts`]).
    pub fn from_reply(
        server: &Server,
        name: &str,
        rtype: RecordType,
        reply: Reply,
        elapsed: Duration,
    ) -> Self {
        let message = match reply.status {
            Status::Timeout => Some(
                t!(
                    "dns-why-timeout",
                    server = server.to_string(),
                    waited = human_duration(elapsed)
                )
                .into(),
            ),
            // A referral, a loop, an alias's end: about the name; the server is on its line.
            Status::Referral
            | Status::CnameLoop
            | Status::NoData
            | Status::NxDomain
            | Status::Answer => reply.message,
            _ => reply
                .message
                .map(|m| t!("dns-why-server-said", server = server.to_string(), why = m).into()),
        };
        QueryResult {
            rtype: Some(rtype),
            status: reply.status,
            name: fqdn(name),
            server: server.to_string(),
            rtt_ms: elapsed.as_secs_f64() * 1000.0,
            answers: reply.answers,
            message,
            note: None,
            ignored: reply.ignored,
            attempts: Vec::new(),
            response: reply.response.map(|response| Received {
                server: server.address,
                response,
            }),
        }
    }

    /// The result of a name asked alone (no search list): its one attempt, as [`walk`]
    /// reports it.
    pub fn alone(mut self) -> Self {
        self.attempts = vec![Attempt {
            name: self.name.clone(),
            status: self.status,
            rtt_ms: self.rtt_ms,
        }];
        self
    }
}

impl NameResult {
    /// The result for `input` (looked up as `name`, ASCII) from one query per type.
    pub fn new(input: &str, name: &str, queries: Vec<QueryResult>) -> Self {
        let statuses: Vec<Status> = queries.iter().map(|q| q.status).collect();
        NameResult {
            input: input.to_string(),
            name: name.to_string(),
            status: overall(&statuses),
            queries,
        }
    }
}

fn fqdn(name: &str) -> String {
    if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    }
}

/// Query settings shared by every server.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Per-attempt timeout.
    pub timeout: Duration,
    /// Retries after the first attempt.
    pub retries: usize,
    /// Queries that may be in flight at once (bulk mode).
    pub concurrency: usize,
    /// Certificates and names for DoT/DoH.
    pub tls: TlsSettings,
}

#[cfg(test)]
pub(crate) mod fake {
    //! A resolver that answers from a table, for unit tests.
    use super::*;

    /// Per server: (name, type) → reply; anything else is NXDOMAIN.
    #[derive(Debug, Default)]
    pub struct Fake {
        pub servers: Vec<Vec<(String, RecordType, Reply)>>,
    }

    impl Resolve for Fake {
        fn lookup(
            &self,
            server: usize,
            name: &str,
            rtype: RecordType,
        ) -> impl Future<Output = Reply> + Send {
            let reply = self.servers[server]
                .iter()
                .find(|(n, t, _)| {
                    n.trim_end_matches('.') == name.trim_end_matches('.') && *t == rtype
                })
                .map(|(_, _, r)| r.clone())
                .unwrap_or_else(|| Reply::bare(Status::NxDomain, None));
            std::future::ready(reply)
        }
    }

    /// An A record.
    pub fn record(name: &str, ip: &str) -> Record {
        let ip: std::net::Ipv4Addr = ip.parse().unwrap();
        Record::new(
            Name::from_ascii(format!("{}.", name.trim_end_matches('.'))).unwrap(),
            60,
            hickory_resolver::proto::rr::DNSClass::IN,
            RecordType::A,
            &ip.octets(),
        )
        .unwrap()
    }

    /// A CNAME record.
    pub fn cname(name: &str, target: &str) -> Record {
        let target = Name::from_ascii(target).unwrap();
        let mut wire = Vec::new();
        for l in target.iter() {
            wire.push(l.len() as u8);
            wire.extend_from_slice(l);
        }
        wire.push(0);
        Record::new(
            Name::from_ascii(name).unwrap(),
            60,
            hickory_resolver::proto::rr::DNSClass::IN,
            RecordType::CNAME,
            &wire,
        )
        .unwrap()
    }

    /// An answer of one A record.
    pub fn a(name: &str, ip: &str) -> Reply {
        Reply {
            status: Status::Answer,
            answers: vec![record(name, ip)],
            ..Reply::bare(Status::Answer, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::Transport;
    use super::fake::*;
    use super::*;

    fn servers(n: usize) -> Vec<Server> {
        (0..n)
            .map(|i| {
                Server::at(
                    std::net::SocketAddr::from(([127, 0, 0, 1], 5300 + i as u16)),
                    Transport::Udp,
                )
            })
            .collect()
    }

    fn block_on<F: Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(f)
    }

    /// A reply's response goes into the result, with the server it came from; a reply
    /// without one (a timeout) has none.
    #[test]
    fn results_carry_the_response_of_their_reply() {
        let server = &servers(1)[0];
        let mut bytes = crate::wire::dns::query::QueryWriter::new()
            .encode(7, "www.test.", RecordType::A)
            .unwrap()
            .to_vec();
        bytes[2] |= 0x80;
        let m = crate::wire::dns::message::read(&bytes).unwrap();
        let mut reply = a("www.test", "192.0.2.1");
        reply.response = Some(Box::new(super::super::answer::Response::udp(m.clone(), 29)));
        let q = QueryResult::from_reply(
            server,
            "www.test",
            RecordType::A,
            reply,
            Duration::from_millis(3),
        );
        let r = q.response.as_ref().unwrap();
        assert_eq!((r.server, r.response.size), (server.address, 29));
        assert_eq!(r.response.message, m);
        let json = serde_json::to_value(&q).unwrap();
        assert_eq!(json["response"]["header"]["id"], 7);
        assert_eq!(json["answers"][0]["class"], "IN");
        assert_eq!(json["note"], serde_json::Value::Null);
        assert_eq!(json["response"]["server"], "127.0.0.1:5300");
        assert_eq!(json["message"], serde_json::Value::Null);
        let q = QueryResult::from_reply(
            server,
            "www.test",
            RecordType::A,
            Reply::bare(Status::Timeout, None),
            Duration::from_millis(3),
        );
        let json = serde_json::to_value(&q).unwrap();
        assert_eq!(json["response"], serde_json::Value::Null);
        assert!(json["message"].as_str().unwrap().contains("no answer"));
    }

    #[test]
    fn falls_back_to_the_next_server_on_failure() {
        let fake = Fake {
            servers: vec![
                vec![(
                    "www.test".into(),
                    RecordType::A,
                    Reply::bare(Status::ServFail, None),
                )],
                vec![("www.test".into(), RecordType::A, a("www.test", "192.0.2.1"))],
            ],
        };
        let r = block_on(resolve_name(
            &fake,
            &servers(2),
            &Search::none(),
            "www.test",
            "www.test",
            &[RecordType::A, RecordType::AAAA],
        ));
        assert_eq!(r.queries[0].status, Status::Answer);
        assert_eq!(r.queries[0].server, "127.0.0.1:5301 (udp)");
        assert_eq!(r.queries[0].answers[0].data, "192.0.2.1");
        assert_eq!(r.queries[1].status, Status::NxDomain);
        assert_eq!(r.queries[1].server, "127.0.0.1:5300 (udp)");
        assert_eq!(r.status, Status::Answer);
    }

    #[test]
    fn negative_answers_do_not_fall_back_and_timeouts_name_the_server() {
        let fake = Fake {
            servers: vec![
                vec![(
                    "a.test".into(),
                    RecordType::A,
                    Reply::bare(Status::Timeout, None),
                )],
                vec![],
            ],
        };
        let r = block_on(resolve_name(
            &fake,
            &servers(1),
            &Search::none(),
            "a.test",
            "a.test",
            &[RecordType::A],
        ));
        assert_eq!(r.status, Status::Timeout);
        let msg = r.queries[0].message.as_ref().unwrap().english();
        assert!(msg.contains("127.0.0.1:5300"), "{msg}");
        assert_eq!(r.queries[0].name, "a.test.");
        let r = block_on(resolve_name(
            &fake,
            &servers(2),
            &Search::none(),
            "b",
            "b.test",
            &[RecordType::A],
        ));
        assert_eq!(r.status, Status::NxDomain);
        assert_eq!(r.queries[0].server, "127.0.0.1:5300 (udp)");
    }

    fn names(c: &[Candidate]) -> Vec<(&str, bool)> {
        c.iter().map(|c| (c.name.as_str(), c.as_typed)).collect()
    }

    #[test]
    fn candidates_follow_glibc_order() {
        let lab = Search {
            domains: vec!["lab.test".into(), "other.test.".into()],
            ndots: 1,
        };
        assert_eq!(
            names(&lab.candidates("www.lab.test")),
            [
                ("www.lab.test.", true),
                ("www.lab.test.lab.test.", false),
                ("www.lab.test.other.test.", false)
            ]
        );
        assert_eq!(
            names(&lab.candidates("www")),
            [
                ("www.lab.test.", false),
                ("www.other.test.", false),
                ("www.", true)
            ]
        );
        assert_eq!(names(&lab.candidates("www.test.")), [("www.test.", true)]);
        let two = Search {
            domains: vec!["lab.test".into()],
            ndots: 2,
        };
        assert_eq!(
            names(&two.candidates("www.test")),
            [("www.test.lab.test.", false), ("www.test.", true)]
        );
        assert_eq!(names(&Search::none().candidates("www")), [("www.", true)]);
        assert_eq!(names(&Search::none().candidates(".")), [(".", true)]);
        // An expansion longer than a name may be is not asked.
        let long = format!(
            "{}.{}.{}.{}",
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(58)
        );
        assert_eq!(lab.candidates(&long).len(), 1);
    }

    fn walk_of(
        search: &Search,
        replies: Vec<(&str, RecordType, Reply)>,
        name: &str,
        rtype: RecordType,
    ) -> QueryResult {
        let fake = Fake {
            servers: vec![
                replies
                    .into_iter()
                    .map(|(n, t, r)| (n.to_string(), t, r))
                    .collect(),
            ],
        };
        let mut r = block_on(resolve_name(
            &fake,
            &servers(1),
            search,
            name,
            name,
            &[rtype],
        ));
        r.queries.remove(0)
    }

    fn tried(q: &QueryResult) -> Vec<(&str, Status)> {
        q.attempts
            .iter()
            .map(|a| (a.name.as_str(), a.status))
            .collect()
    }

    /// Issue 17: with `search lab.test`, `dns www.lab.test MX` reported the NXDOMAIN of
    /// www.lab.test.lab.test.; the name as typed exists with no MX, and that is the result.
    #[test]
    fn no_data_for_the_name_as_typed_wins_over_a_later_nxdomain() {
        let lab = Search {
            domains: vec!["lab.test".into()],
            ndots: 1,
        };
        let nodata = || Reply::bare(Status::NoData, None);
        let q = walk_of(
            &lab,
            vec![("www.lab.test", RecordType::MX, nodata())],
            "www.lab.test",
            RecordType::MX,
        );
        assert_eq!(
            (q.status, q.name.as_str()),
            (Status::NoData, "www.lab.test.")
        );
        assert_eq!(
            tried(&q),
            [
                ("www.lab.test.", Status::NoData),
                ("www.lab.test.lab.test.", Status::NxDomain)
            ]
        );
        // A name missing everywhere: the name as typed, asked first, says so.
        let q = walk_of(&lab, vec![], "nope.lab.test", RecordType::A);
        assert_eq!(
            (q.status, q.name.as_str()),
            (Status::NxDomain, "nope.lab.test.")
        );
        assert_eq!(q.attempts.len(), 2);
        // Records under a later name are the answer (as glibc returns them).
        let q = walk_of(
            &lab,
            vec![
                ("www.test", RecordType::A, nodata()),
                (
                    "www.test.lab.test",
                    RecordType::A,
                    a("www.test.lab.test", "192.0.2.2"),
                ),
            ],
            "www.test",
            RecordType::A,
        );
        assert_eq!(
            (q.status, q.name.as_str()),
            (Status::Answer, "www.test.lab.test.")
        );
        assert_eq!(q.answers[0].data, "192.0.2.2");
    }

    /// glibc keeps NODATA from any name tried over the NXDOMAIN of the name as typed.
    #[test]
    fn no_data_anywhere_wins_over_the_typed_names_nxdomain() {
        let search = Search {
            domains: vec!["lab.test".into()],
            ndots: 1,
        };
        let q = walk_of(
            &search,
            vec![
                (
                    "www.example",
                    RecordType::MX,
                    Reply::bare(Status::NxDomain, None),
                ),
                (
                    "www.example.lab.test",
                    RecordType::MX,
                    Reply::bare(Status::NoData, None),
                ),
            ],
            "www.example",
            RecordType::MX,
        );
        assert_eq!(
            (q.status, q.name.as_str()),
            (Status::NoData, "www.example.lab.test.")
        );
    }

    /// Regression (issue 12 note): `dns remote` with `search test`: AAAA had no data at
    /// remote.test., then hickory asked `remote.`, was REFUSED, and that was the result (exit 3).
    #[test]
    fn no_data_under_a_search_domain_is_not_hidden_by_a_later_failure() {
        let search = Search {
            domains: vec!["test".into()],
            ndots: 1,
        };
        let q = walk_of(
            &search,
            vec![
                (
                    "remote.test",
                    RecordType::AAAA,
                    Reply::bare(Status::NoData, None),
                ),
                (
                    "remote",
                    RecordType::AAAA,
                    Reply::bare(Status::Refused, None),
                ),
            ],
            "remote",
            RecordType::AAAA,
        );
        assert_eq!(
            (q.status, q.name.as_str()),
            (Status::NoData, "remote.test.")
        );
        assert_eq!(
            tried(&q),
            [
                ("remote.test.", Status::NoData),
                ("remote.", Status::Refused)
            ]
        );
        // An answer ends the walk at once.
        let q = walk_of(
            &search,
            vec![(
                "remote.test",
                RecordType::A,
                a("remote.test", "203.0.113.10"),
            )],
            "remote",
            RecordType::A,
        );
        assert_eq!(tried(&q), [("remote.test.", Status::Answer)]);
    }

    /// A failure other than SERVFAIL under a search domain ends the search list; the name as
    /// typed is still asked. A SERVFAIL moves on, and is the result when nothing better came.
    #[test]
    fn failures_end_the_search_list_but_servfail_moves_on() {
        let search = Search {
            domains: vec!["a.test".into(), "b.test".into()],
            ndots: 1,
        };
        let q = walk_of(
            &search,
            vec![(
                "x.a.test",
                RecordType::A,
                Reply::bare(Status::Refused, None),
            )],
            "x",
            RecordType::A,
        );
        assert_eq!(
            tried(&q),
            [("x.a.test.", Status::Refused), ("x.", Status::NxDomain)]
        );
        assert_eq!(q.status, Status::NxDomain);
        let q = walk_of(
            &search,
            vec![(
                "x.a.test",
                RecordType::A,
                Reply::bare(Status::ServFail, None),
            )],
            "x",
            RecordType::A,
        );
        assert_eq!(
            tried(&q),
            [
                ("x.a.test.", Status::ServFail),
                ("x.b.test.", Status::NxDomain),
                ("x.", Status::NxDomain)
            ]
        );
        assert_eq!((q.status, q.name.as_str()), (Status::ServFail, "x.a.test."));
    }

    /// Issue 24 item 3: a chain that leaves the server's zones is what the server answered; the
    /// follow-up to where it leads is merged when it answers, a note when it fails.
    #[test]
    fn a_chain_out_of_the_zones_is_followed_and_a_failure_is_a_note() {
        let target = Name::from_ascii("www.example.com.").unwrap();
        let alias = Reply {
            answers: vec![cname("www.lab.test.", "www.example.com.")],
            leads_to: Some(target),
            ..Reply::bare(Status::Answer, None)
        };
        let refused = walk_of(
            &Search::none(),
            vec![
                ("www.lab.test", RecordType::A, alias.clone()),
                (
                    "www.example.com",
                    RecordType::A,
                    Reply::bare(Status::Refused, None),
                ),
            ],
            "www.lab.test",
            RecordType::A,
        );
        assert_eq!(refused.status, Status::Answer);
        assert_eq!(refused.answers.len(), 1);
        assert_eq!(refused.answers[0].data, "www.example.com.");
        let note = refused.note.unwrap().english().into_owned();
        assert!(note.contains("said REFUSED"), "{note}");
        assert!(
            note.contains("outside 127.0.0.1:5300 (udp)'s zones"),
            "{note}"
        );
        let answered = walk_of(
            &Search::none(),
            vec![
                ("www.lab.test", RecordType::A, alias.clone()),
                (
                    "www.example.com",
                    RecordType::A,
                    a("www.example.com", "192.0.2.9"),
                ),
            ],
            "www.lab.test",
            RecordType::A,
        );
        assert_eq!(
            (answered.status, answered.answers.len()),
            (Status::Answer, 2)
        );
        assert_eq!(answered.note, None);
        let nodata = walk_of(
            &Search::none(),
            vec![
                ("www.lab.test", RecordType::A, alias),
                (
                    "www.example.com",
                    RecordType::A,
                    Reply::bare(Status::NoData, None),
                ),
            ],
            "www.lab.test",
            RecordType::A,
        );
        assert_eq!(nodata.status, Status::NoData);
        assert!(
            nodata
                .message
                .unwrap()
                .english()
                .contains("www.example.com. (where the CNAME chain leads) has no A records")
        );
    }
}
