//! Asking servers: a small [`Resolve`] trait over "ask server N for NAME/TYPE", its hickory
//! implementation, and [`resolve_name`], which asks each type, walks the search list as a stub
//! resolver does ([`Search`]), falls back to the next server when one fails (SERVFAIL, REFUSED,
//! timeout), and times each query. Unit tests plug in a fake.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use hickory_resolver::Resolver;
use hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ProtocolConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::lookup::Lookup;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::{OpCode, ResponseCode};
use hickory_resolver::proto::rr::{Name, RecordType};
use rustls::ClientConfig;
use serde::Serialize;
use tokio::sync::OnceCell;

use super::answer::{Answer, Status, overall, related_to, unusable};
use super::heard::{Heard, Tapped};
use super::message::{Received, Response};
use super::parse::Transport;
use super::server::Server;
use super::tls::{self, TlsSettings};
use crate::error::{Error, Result};
use crate::util::time::{human_duration, round_ms};

/// What one server said to one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The kind of answer.
    pub status: Status,
    /// The records (empty unless [`Status::Answer`]).
    pub answers: Vec<Answer>,
    /// Detail for errors (the resolver's message).
    pub message: Option<String>,
    /// Answer records ignored because their owner is neither the name asked nor in its CNAME
    /// chain (see [`related`]).
    pub ignored: usize,
    /// The response this reply was read from, whole (None: none came, or none was kept).
    pub response: Option<Box<Response>>,
}

impl Reply {
    /// A reply with no records.
    pub fn bare(status: Status, message: Option<String>) -> Self {
        Reply {
            status,
            answers: Vec::new(),
            message,
            ignored: 0,
            response: None,
        }
    }

    /// This reply, read from `response`.
    pub fn with_response(mut self, response: Option<Box<Response>>) -> Self {
        self.response = response;
        self
    }
}

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
    pub answers: Vec<Answer>,
    /// Detail for failures.
    pub message: Option<String>,
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
        Some(t) => s.serialize_str(&super::answer::type_text(*t)),
        None => s.serialize_str(""),
    }
}

impl QueryResult {
    /// The record type's name, "" when there was none to ask.
    pub fn type_name(&self) -> String {
        self.rtype.map_or(String::new(), super::answer::type_text)
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
        let first = name.matches('.').count() >= self.ndots;
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
            message: Some("no name to ask".to_string()),
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
        let reply = resolver.lookup(i, name, rtype).await;
        let failed = reply.status.is_failure();
        result = Some(QueryResult::from_reply(
            server,
            name,
            rtype,
            reply,
            start.elapsed(),
        ));
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
        message: Some("no server to ask".to_string()),
        ignored: 0,
        attempts: Vec::new(),
        response: None,
    })
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
            Status::Timeout => Some(format!(
                "no answer from {server} after waiting {}",
                human_duration(elapsed)
            )),
            _ => reply.message.map(|m| format!("{server}: {m}")),
        };
        QueryResult {
            rtype: Some(rtype),
            status: reply.status,
            name: fqdn(name),
            server: server.to_string(),
            rtt_ms: elapsed.as_secs_f64() * 1000.0,
            answers: reply.answers,
            message,
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

/// The real resolver: one hickory resolver per server, so each result names its server.
#[derive(Debug)]
pub struct Hickory {
    resolvers: Vec<Resolver<Tapped>>,
    /// Per server: the responses its resolver's connections hear ([`heard`](super::heard)).
    heard: Vec<Heard>,
    /// Whether each reply carries the response it came from ([`Hickory::keeping_responses`]).
    keep: bool,
    /// Hard cap on one lookup, in case the resolver's own timeouts do not fire.
    deadline: Duration,
    /// For DoT/DoH: the client configuration, to find out why a connection failed.
    tls: Option<Arc<ClientConfig>>,
    /// Per server: what it is, the name its certificate must carry, and (once asked) why a
    /// TLS connection to it fails.
    peers: Vec<Peer>,
    timeout: Duration,
}

#[derive(Debug)]
struct Peer {
    server: Server,
    tls_name: String,
    why: OnceCell<Option<String>>,
}

impl Hickory {
    /// Builds the resolvers. Must run inside a tokio runtime.
    /// Names are asked fully qualified: the search list is walked by [`resolve_name`], not
    /// by hickory (whose walk reports the last name's error, not the best answer).
    /// With `keep` (for `--json`), each reply carries the response it was read from, whole:
    /// the responses of every query are heard ([`Heard`]), and hickory's cache is off, so that
    /// every result comes from a response to its own query, as the fast path's do.
    pub fn new(servers: &[Server], settings: &Settings, keep: bool) -> Result<Self> {
        let tls = if servers
            .iter()
            .any(|s| matches!(s.transport, Transport::Tls | Transport::Https))
        {
            Some(settings.tls.client_config()?)
        } else {
            None
        };
        let mut resolvers = Vec::with_capacity(servers.len());
        let mut heard = Vec::with_capacity(servers.len());
        let mut peers = Vec::with_capacity(servers.len());
        for server in servers {
            let tls_name = settings.tls.name_for(server);
            peers.push(Peer {
                server: server.clone(),
                tls_name: tls_name.clone(),
                why: OnceCell::new(),
            });
            let protocol = match server.transport {
                Transport::Udp => ProtocolConfig::Udp,
                Transport::Tcp => ProtocolConfig::Tcp,
                Transport::Tls => ProtocolConfig::Tls {
                    server_name: tls_name.into(),
                },
                Transport::Https => ProtocolConfig::Https {
                    server_name: tls_name.into(),
                    path: "/dns-query".into(),
                },
            };
            let mut connection = ConnectionConfig::new(protocol);
            connection.port = server.address.port();
            let mut connections = vec![connection];
            if server.transport == Transport::Udp {
                // A truncated UDP answer is asked again over TCP, on the same port.
                let mut tcp = ConnectionConfig::new(ProtocolConfig::Tcp);
                tcp.port = server.address.port();
                connections.push(tcp);
            }
            let ns = NameServerConfig::new(server.address.ip(), true, connections);
            let config = ResolverConfig::from_parts(None, Vec::new(), vec![ns]);
            let mut opts = ResolverOpts::default();
            opts.timeout = settings.timeout;
            opts.attempts = settings.retries;
            opts.use_hosts_file = ResolveHosts::Never;
            opts.num_concurrent_reqs = 1;
            opts.max_active_requests = settings.concurrency.saturating_mul(4).max(32);
            opts.edns0 = true;
            if keep {
                opts.cache_size = 0;
            }
            let ears = Heard::default();
            let mut builder =
                Resolver::builder_with_config(config, Tapped::new(ears.clone())).with_options(opts);
            if let Some(tls) = &tls {
                builder = builder.with_tls_config(tls.clone());
            }
            let resolver = builder
                .build()
                .map_err(|e| Error::internal(format!("setting up a resolver for {server}"), e))?;
            resolvers.push(resolver);
            heard.push(ears);
        }
        let attempts = u32::try_from(settings.retries.saturating_add(1)).unwrap_or(u32::MAX);
        let deadline = settings.timeout.saturating_mul(attempts) + Duration::from_millis(500);
        Ok(Hickory {
            resolvers,
            heard,
            keep,
            deadline,
            tls: tls.map(Arc::new),
            peers,
            timeout: settings.timeout,
        })
    }
}

impl Resolve for Hickory {
    fn lookup(
        &self,
        server: usize,
        name: &str,
        rtype: RecordType,
    ) -> impl Future<Output = Reply> + Send {
        let resolver = self.resolvers.get(server).cloned();
        let name = name.to_string();
        let deadline = self.deadline;
        let peer = self.peers.get(server);
        let heard = self.heard.get(server).filter(|_| self.keep);
        async move {
            let Some(resolver) = resolver else {
                return Reply::bare(Status::Error, Some("no such server".into()));
            };
            let listener = heard.and_then(|h| h.listen(&name, rtype));
            let reply = self.ask(&resolver, peer, &name, rtype, deadline).await;
            let Some(listener) = listener else {
                return reply;
            };
            match (reply.status, listener.last()) {
                // The response of an earlier attempt is not what the result came from.
                (Status::Timeout, _) => reply,
                (_, Some(response)) => reply.with_response(Some(response)),
                (_, None) if reply.message.is_none() => Reply {
                    message: Some(NOT_ASKED.into()),
                    ..reply
                },
                (_, None) => reply,
            }
        }
    }
}

/// Why a result that is no failure has no response.
pub const NOT_ASKED: &str = "no response: the resolver answered without asking the server \
     (names such as localhost, *.invalid and 127.in-addr.arpa are answered locally, RFC 6761)";

impl Hickory {
    /// Asks hickory's resolver for `name` / `rtype` and reads what it says.
    async fn ask(
        &self,
        resolver: &Resolver<Tapped>,
        peer: Option<&Peer>,
        name: &str,
        rtype: RecordType,
        deadline: Duration,
    ) -> Reply {
        match tokio::time::timeout(deadline, resolver.lookup(name, rtype)).await {
            Err(_) => Reply::bare(Status::Timeout, None),
            Ok(Ok(lookup)) => from_lookup(&lookup, name),
            Ok(Err(NetError::NoConnections)) => {
                let why = match peer {
                    Some(peer) if peer.is_tls() => self.why_tls_fails(peer).await,
                    _ => None,
                };
                match why {
                    Some(why) => Reply::bare(Status::Error, Some(why)),
                    None => classify_error(&NetError::NoConnections),
                }
            }
            Ok(Err(e)) => classify_error(&e),
        }
    }
}

impl Peer {
    fn is_tls(&self) -> bool {
        matches!(self.server.transport, Transport::Tls | Transport::Https)
    }
}

impl Hickory {
    /// Why TLS connections to `peer` fail, found once per server by a handshake of our own.
    async fn why_tls_fails(&self, peer: &Peer) -> Option<String> {
        let config = self.tls.clone()?;
        let (addr, name) = (peer.server.address, peer.tls_name.clone());
        let https = peer.server.transport == Transport::Https;
        let timeout = self.timeout;
        peer.why
            .get_or_init(|| async move {
                tokio::task::spawn_blocking(move || {
                    tls::diagnose(addr, &name, &config, https, timeout)
                })
                .await
                .ok()
                .flatten()
            })
            .await
            .clone()
    }
}

/// Reads hickory's lookup of `name`: the records that answer the question (records of other
/// owners are counted and dropped, see [`related_to`]), unless the response is no answer at
/// all (another opcode than QUERY, an RCODE without a meaning, see [`unusable`]). The chain
/// starts at the name asked; when hickory followed a CNAME with a query of its own, it may
/// start at that query's name too.
fn from_lookup(lookup: &Lookup, name: &str) -> Reply {
    let header = &lookup.message().metadata;
    if let Some(why) = unusable(header.op_code, header.response_code) {
        return Reply::bare(Status::Error, Some(why));
    }
    let mut heads: Vec<Name> = Vec::with_capacity(2);
    if let Ok(asked) = Name::from_ascii(name) {
        heads.push(asked);
    }
    heads.push(lookup.query().name().clone());
    let (records, ignored) = related_to(&heads, lookup.answers());
    let answers: Vec<Answer> = records.into_iter().map(Answer::from_record).collect();
    let status = if answers.is_empty() {
        Status::NoData
    } else {
        Status::Answer
    };
    Reply {
        status,
        answers,
        message: None,
        ignored,
        response: None,
    }
}

/// Maps a hickory error to a reply.
pub fn classify_error(e: &NetError) -> Reply {
    match e {
        NetError::Dns(DnsError::NoRecordsFound(nr)) => {
            let status = match nr.response_code {
                ResponseCode::NXDomain => Status::NxDomain,
                ResponseCode::NoError => Status::NoData,
                // hickory passes an RCODE it has no name for (11, 15...) on as "no records".
                other => return classify_rcode(other),
            };
            Reply::bare(status, None)
        }
        NetError::Dns(DnsError::ResponseCode(rc)) => classify_rcode(*rc),
        NetError::Timeout => Reply::bare(Status::Timeout, None),
        NetError::NoConnections => Reply::bare(
            Status::Error,
            Some(
                "could not connect (nothing listening, unreachable, or a failed TLS handshake)"
                    .into(),
            ),
        ),
        other => Reply::bare(Status::Error, Some(other.to_string())),
    }
}

/// A response code that is neither an answer nor a negative one.
fn classify_rcode(rc: ResponseCode) -> Reply {
    match rc {
        ResponseCode::ServFail => Reply::bare(Status::ServFail, None),
        ResponseCode::Refused => Reply::bare(Status::Refused, None),
        other => match unusable(OpCode::Query, other) {
            Some(why) => Reply::bare(Status::Error, Some(why)),
            None => Reply::bare(Status::Error, Some(format!("response code {other}"))),
        },
    }
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

    pub fn a(name: &str, ip: &str) -> Reply {
        Reply {
            status: Status::Answer,
            answers: vec![Answer {
                name: format!("{name}."),
                ttl: 60,
                rtype: RecordType::A,
                data: ip.into(),
            }],
            message: None,
            ignored: 0,
            response: None,
        }
    }
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn hickory_errors_are_classified() {
        use hickory_resolver::net::NoRecords;
        use hickory_resolver::proto::op::Query;
        let q = Query::query(Name::from_ascii("nope.test.").unwrap(), RecordType::A);
        let nx = NetError::Dns(DnsError::NoRecordsFound(NoRecords::new(
            q.clone(),
            ResponseCode::NXDomain,
        )));
        let r = classify_error(&nx);
        assert_eq!(r.status, Status::NxDomain);
        let nodata = NetError::Dns(DnsError::NoRecordsFound(NoRecords::new(
            q,
            ResponseCode::NoError,
        )));
        assert_eq!(classify_error(&nodata).status, Status::NoData);
        let servfail = NetError::Dns(DnsError::ResponseCode(ResponseCode::ServFail));
        assert_eq!(classify_error(&servfail).status, Status::ServFail);
        let refused = NetError::Dns(DnsError::ResponseCode(ResponseCode::Refused));
        assert_eq!(classify_error(&refused).status, Status::Refused);
        assert_eq!(classify_error(&NetError::Timeout).status, Status::Timeout);
        // Regression (issue 12): hickory reads an RCODE it has no name for as "no records",
        // which read as no data.
        for code in [11u16, 15] {
            let odd = NetError::Dns(DnsError::NoRecordsFound(NoRecords::new(
                Query::query(Name::from_ascii("odd.test.").unwrap(), RecordType::A),
                code.into(),
            )));
            let r = classify_error(&odd);
            assert_eq!(r.status, Status::Error);
            assert_eq!(r.message, Some(format!("server answered RCODE {code}")));
        }
        let r = classify_error(&NetError::NoConnections);
        assert_eq!(r.status, Status::Error);
        assert!(r.message.unwrap().contains("could not connect"));
    }

    /// A reply's response goes into the result, with the server it came from; a reply
    /// without one (a timeout) has none.
    #[test]
    fn results_carry_the_response_of_their_reply() {
        use hickory_resolver::proto::op::{Message, MessageType};
        let server = &servers(1)[0];
        let mut m = Message::new(7, MessageType::Response, OpCode::Query);
        m.add_query(hickory_resolver::proto::op::Query::query(
            Name::from_ascii("www.test.").unwrap(),
            RecordType::A,
        ));
        let reply =
            a("www.test", "192.0.2.1").with_response(Some(Box::new(Response::udp(m.clone(), 29))));
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
        let msg = r.queries[0].message.as_deref().unwrap();
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
}
