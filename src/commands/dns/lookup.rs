//! Asking servers: a small [`Resolve`] trait over "ask server N for NAME/TYPE", its hickory
//! implementation, and [`resolve_name`], which asks each type, falls back to the next server
//! when one fails (SERVFAIL, REFUSED, timeout), and times each query. Unit tests plug in a fake.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ProtocolConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use hickory_resolver::lookup::Lookup;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::{OpCode, ResponseCode};
use hickory_resolver::proto::rr::{Name, RecordType};
use hickory_resolver::{Resolver, TokioResolver};
use rustls::ClientConfig;
use serde::Serialize;
use tokio::sync::OnceCell;

use super::answer::{Answer, Status, overall, presentation, related_to, unusable};
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
    /// The name that was finally asked (after search-list expansion), when known.
    pub queried: Option<String>,
    /// Detail for errors (the resolver's message).
    pub message: Option<String>,
    /// Answer records ignored because their owner is neither the name asked nor in its CNAME
    /// chain (see [`related`]).
    pub ignored: usize,
}

impl Reply {
    /// A reply with no records.
    pub fn bare(status: Status, message: Option<String>) -> Self {
        Reply {
            status,
            answers: Vec::new(),
            queried: None,
            message,
            ignored: 0,
        }
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
    /// The name asked (fully qualified; differs from the input when a search domain applied).
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
}

/// A query's record type, or "" when there was none to ask.
fn type_or_empty<S: serde::Serializer>(
    t: &Option<RecordType>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.collect_str(t),
        None => s.serialize_str(""),
    }
}

impl QueryResult {
    /// The record type's name, "" when there was none to ask.
    pub fn type_name(&self) -> String {
        self.rtype.map_or(String::new(), |t| t.to_string())
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

/// Asks for every type of `name` concurrently; each query tries the servers in order and stops
/// at the first that answers (records, NXDOMAIN or no data).
pub async fn resolve_name<R: Resolve>(
    resolver: &R,
    servers: &[Server],
    input: &str,
    name: &str,
    types: &[RecordType],
) -> NameResult {
    let queries = join_all(
        types
            .iter()
            .map(|&rtype| resolve_type(resolver, servers, name, rtype)),
    )
    .await;
    let statuses: Vec<Status> = queries.iter().map(|q| q.status).collect();
    NameResult {
        input: input.to_string(),
        name: name.to_string(),
        status: overall(&statuses),
        queries,
    }
}

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
        let elapsed = start.elapsed();
        let message = match reply.status {
            Status::Timeout => Some(format!(
                "no answer from {server} after waiting {}",
                human_duration(elapsed)
            )),
            _ => reply.message.map(|m| format!("{server}: {m}")),
        };
        let failed = reply.status.is_failure();
        result = Some(QueryResult {
            rtype: Some(rtype),
            status: reply.status,
            name: reply.queried.unwrap_or_else(|| fqdn(name)),
            server: server.to_string(),
            rtt_ms: elapsed.as_secs_f64() * 1000.0,
            answers: reply.answers,
            message,
            ignored: reply.ignored,
        });
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
    })
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
    /// Search list applied to names with fewer than `ndots` dots (system resolvers only).
    pub search: Vec<String>,
    /// resolv.conf's ndots.
    pub ndots: usize,
    /// Queries that may be in flight at once (bulk mode).
    pub concurrency: usize,
    /// Certificates and names for DoT/DoH.
    pub tls: TlsSettings,
}

/// The real resolver: one hickory resolver per server, so each result names its server.
#[derive(Debug)]
pub struct Hickory {
    resolvers: Vec<TokioResolver>,
    /// Hard cap on one lookup, in case the resolver's own timeouts do not fire.
    deadline: Duration,
    /// For DoT/DoH: the client configuration, to find out why a connection failed.
    tls: Option<Arc<ClientConfig>>,
    /// Per server: what it is, the name its certificate must carry, and (once asked) why a
    /// TLS connection to it fails.
    peers: Vec<Peer>,
    timeout: Duration,
    /// The search list, to know which names a relative name was asked as.
    search: Vec<Name>,
}

#[derive(Debug)]
struct Peer {
    server: Server,
    tls_name: String,
    why: OnceCell<Option<String>>,
}

impl Hickory {
    /// Builds the resolvers. Must run inside a tokio runtime.
    pub fn new(servers: &[Server], settings: &Settings) -> Result<Self> {
        let search: Vec<Name> = settings
            .search
            .iter()
            .filter_map(|s| Name::from_ascii(s).ok())
            .collect();
        let tls = if servers
            .iter()
            .any(|s| matches!(s.transport, Transport::Tls | Transport::Https))
        {
            Some(settings.tls.client_config()?)
        } else {
            None
        };
        let mut resolvers = Vec::with_capacity(servers.len());
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
            let config = ResolverConfig::from_parts(None, search.clone(), vec![ns]);
            let mut opts = ResolverOpts::default();
            opts.timeout = settings.timeout;
            opts.attempts = settings.retries;
            opts.ndots = settings.ndots;
            opts.use_hosts_file = ResolveHosts::Never;
            opts.num_concurrent_reqs = 1;
            opts.max_active_requests = settings.concurrency.saturating_mul(4).max(32);
            opts.edns0 = true;
            let mut builder =
                Resolver::builder_with_config(config, TokioRuntimeProvider::default())
                    .with_options(opts);
            if let Some(tls) = &tls {
                builder = builder.with_tls_config(tls.clone());
            }
            let resolver = builder
                .build()
                .map_err(|e| Error::internal(format!("setting up a resolver for {server}"), e))?;
            resolvers.push(resolver);
        }
        let attempts = u32::try_from(settings.retries.saturating_add(1)).unwrap_or(u32::MAX);
        let deadline = settings.timeout.saturating_mul(attempts) + Duration::from_millis(500);
        Ok(Hickory {
            resolvers,
            deadline,
            tls: tls.map(Arc::new),
            peers,
            timeout: settings.timeout,
            search,
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
        let search = &self.search;
        async move {
            let Some(resolver) = resolver else {
                return Reply::bare(Status::Error, Some("no such server".into()));
            };
            match tokio::time::timeout(deadline, resolver.lookup(name.as_str(), rtype)).await {
                Err(_) => Reply::bare(Status::Timeout, None),
                Ok(Ok(lookup)) => from_lookup(&lookup, &name, search),
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
/// starts at the name asked, as typed or expanded by the search list: when hickory followed a
/// CNAME with a query of its own, its lookup names that query's name.
fn from_lookup(lookup: &Lookup, name: &str, search: &[Name]) -> Reply {
    let header = &lookup.message().metadata;
    if let Some(why) = unusable(header.op_code, header.response_code) {
        return Reply::bare(Status::Error, Some(why));
    }
    let mut heads: Vec<Name> = Vec::with_capacity(search.len() + 2);
    if let Ok(asked) = Name::from_ascii(name) {
        if !asked.is_fqdn() {
            heads.extend(
                search
                    .iter()
                    .filter_map(|s| asked.clone().append_domain(s).ok()),
            );
        }
        heads.push(asked);
    }
    heads.push(lookup.query().name().clone());
    for h in &mut heads {
        h.set_fqdn(true);
    }
    let (records, ignored) = related_to(&heads, lookup.answers());
    // The name asked: the head the records start from.
    let queried = heads
        .iter()
        .find(|h| records.iter().any(|r| r.name == **h))
        .map_or_else(|| presentation(lookup.query().name()), presentation);
    let answers: Vec<Answer> = records.into_iter().map(Answer::from_record).collect();
    let status = if answers.is_empty() {
        Status::NoData
    } else {
        Status::Answer
    };
    Reply {
        status,
        answers,
        queried: Some(queried),
        message: None,
        ignored,
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
            Reply {
                status,
                answers: Vec::new(),
                queried: Some(presentation(nr.query.name())),
                message: None,
                ignored: 0,
            }
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
                .find(|(n, t, _)| n == name && *t == rtype)
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
            queried: None,
            message: None,
            ignored: 0,
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
        assert_eq!(r.queried.as_deref(), Some("nope.test."));
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
            "b",
            "b.test",
            &[RecordType::A],
        ));
        assert_eq!(r.status, Status::NxDomain);
        assert_eq!(r.queries[0].server, "127.0.0.1:5300 (udp)");
    }
}
