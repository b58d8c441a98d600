//! `netkit dns`: look names up like dig. This file is the command-line glue: it turns the
//! arguments into a plan (name, types, servers), runs the lookups on a current-thread tokio
//! runtime built here, and renders the results. Pure parts live in [`parse`] (input) and
//! [`answer`] (what a reply says), with the messages themselves below the commands
//! (`wire::dns`); [`lookup`] walks servers and search lists over the [`client`], netkit's own
//! UDP/TCP/TLS/HTTPS client. A names file (`--file`) is read as a stream and its result lines
//! written in [`lines`]; against one UDP server the [`batch`] engine asks for every name,
//! reading A/AAAA replies with [`quick`].

pub mod answer;
pub mod batch;
pub mod client;
pub mod compare;
pub mod lines;
pub mod lookup;
pub mod message;
pub mod pace;
pub mod parse;
pub mod quick;
pub mod server;
pub mod source;
pub mod tls;
pub mod validate;
pub mod view;
pub mod walk;

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr, ToSocketAddrs};
use std::path::Path;

use futures_util::stream::StreamExt;
use hickory_resolver::proto::rr::{DNSClass, Name, RecordType};
use serde::Serialize;

use self::answer::{Status, exit_status};
use self::client::Client;
use self::lines::{Names, Sink, entry_name, unique_records};
use self::lookup::{NameResult, QueryResult, Resolve, Search, Settings};
use self::parse::Transport;
use self::server::Server;
use crate::cli::DnsArgs;
use crate::error::{Cause, Error, Result, exit};
use crate::i18n::t;
use crate::net::endpoint::{Endpoint, Host, parse_server_spec};
use crate::net::name::reverse_name;
use crate::output::{Format, Guard, Paint, Report, Ui, emit};
use crate::system::dns_config;
use crate::system::model::Stub;
use crate::util::input;
use crate::util::time::human_ms;
use crate::wire::dns::name::{from_query_name, query_name_into};
use crate::wire::dns::types::Type;
use crate::wire::dnssec::Security;
use crate::wire::dnssec::anchors::{Anchor, ROOT_ANCHORS, parse_anchors};

/// What to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// One name: (as typed, ASCII form).
    Name(String, String),
    /// The PTR of an address: (as typed, reverse name).
    Reverse(String, String),
    /// Every name in a file ('-' is standard input).
    File(std::path::PathBuf),
}

/// The parsed command line.
#[derive(Debug)]
struct Plan {
    target: Target,
    types: Vec<RecordType>,
    servers: Vec<Server>,
    settings: Settings,
    /// The system's search list and ndots (none with servers given on the command line).
    search: Search,
    /// Set when the servers are systemd-resolved's stub.
    stub: Option<Stub>,
    /// The class asked (IN unless a class word was given: `CH TXT version.bind`).
    class: DNSClass,
}

fn plan(args: &DnsArgs) -> Result<Plan> {
    let transport = if args.tls {
        Transport::Tls
    } else if args.https {
        Transport::Https
    } else if args.tcp {
        Transport::Tcp
    } else {
        Transport::Udp
    };
    let timeout = args.timeout;
    if args.concurrency == 0 {
        return Err(Error::bad(
            t!("dns-what-concurrency"),
            "0",
            t!("dns-bad-at-least-one"),
        ));
    }
    let mut specs: Vec<Endpoint> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut class = DNSClass::IN;
    let many = args.args.len() > 1;
    for a in &args.args {
        if a.starts_with('@') {
            specs.push(parse_server_spec(a)?);
        } else if let Some(c) = parse::parse_class(a).filter(|_| many) {
            class = c;
        } else {
            words.push(a);
        }
    }
    if class != DNSClass::IN && !full_mode(args) && !args.compare {
        return Err(Error::usage(t!(
            "dns-class-needs-full",
            class = class.to_string()
        )));
    }
    specs.extend(args.servers.iter().cloned());
    let (target, type_words) = if let Some(ip) = args.reverse {
        (
            Target::Reverse(ip.to_string(), reverse_name(ip)),
            &words[..],
        )
    } else if let Some(file) = &args.file {
        (Target::File(file.clone()), &words[..])
    } else {
        // The name and its types in either order, as dig takes them (`dns A www.example.com`):
        // the name is the first word that is not a record type; when every word is one, the
        // first (`dns A` looks up the name A, `dns mx MX` the MX records of mx).
        let at = words
            .iter()
            .position(|w| !parse::is_type_word(w))
            .unwrap_or(0);
        if words.is_empty() {
            return Err(Error::usage(t!("dns-give-a-name")));
        }
        let name = words.remove(at);
        let mut ascii = String::new();
        query_name_into(name, &mut ascii)?;
        (Target::Name(name.to_string(), ascii), &words[..])
    };
    let mut types: Vec<RecordType> = Vec::new();
    for w in type_words {
        let t = parse::parse_type(w).map_err(|e| several_names(w, e))?;
        if !types.contains(&t) {
            types.push(t);
        }
    }
    if args.all {
        for t in parse::ALL_TYPES {
            if !types.contains(&t) {
                types.push(t);
            }
        }
    }
    if types.is_empty() {
        types = match target {
            Target::Reverse(..) => vec![RecordType::PTR],
            _ => vec![RecordType::A, RecordType::AAAA],
        };
    }
    let settings = Settings {
        timeout,
        retries: args.retries,
        concurrency: args.concurrency,
        tls: tls_settings(args, transport)?,
    };
    let mut stub = None;
    let mut search = Search::none();
    let mut found: Vec<Server> = Vec::new();
    for spec in specs {
        found.extend(server_addresses(spec, transport)?);
    }
    if found.is_empty() {
        // The system's resolvers, with their search list and ndots.
        let cfg = dns_config()?.effective();
        found = cfg
            .servers
            .iter()
            .map(|ip| Server::at(SocketAddr::new(*ip, transport.default_port()), transport))
            .collect();
        search = Search {
            domains: cfg.search.clone(),
            ndots: usize::from(cfg.ndots.unwrap_or(1)),
        };
        stub = cfg.stub;
    }
    let mut servers: Vec<Server> = Vec::new();
    for s in found {
        if !servers.iter().any(|k| k.address == s.address) {
            servers.push(s);
        }
    }
    Ok(Plan {
        target,
        types,
        servers,
        settings,
        search,
        stub,
        class,
    })
}

/// The servers a spec stands for: its address, or every address its host name has, found
/// the way other programs on this machine find one (getaddrinfo: /etc/hosts, then DNS), as dig
/// does for `@ns1.example.com`.
fn server_addresses(spec: Endpoint, transport: Transport) -> Result<Vec<Server>> {
    let port = spec.port.unwrap_or(transport.default_port());
    let name = match spec.host {
        Host::Ip(ip) => return Ok(vec![Server::at(SocketAddr::new(ip, port), transport)]),
        Host::Name(name) => name,
    };
    let addresses = (name.trim_end_matches('.'), port)
        .to_socket_addrs()
        .map_err(|e| Error::io(t!("dns-looking-up-server", name = &name), e))?;
    let servers: Vec<Server> = addresses
        .map(|address| Server {
            address,
            transport,
            name: Some(name.clone()),
        })
        .collect();
    if servers.is_empty() {
        return Err(Error::io(
            t!("dns-looking-up-server", name = &name),
            io::Error::new(io::ErrorKind::NotFound, Cause(t!("dns-no-address").into())),
        ));
    }
    Ok(servers)
}

/// `--tls-ca` and `--tls-hostname`, which only mean something with --tls or --https.
fn tls_settings(args: &DnsArgs, transport: Transport) -> Result<tls::TlsSettings> {
    let encrypted = matches!(transport, Transport::Tls | Transport::Https);
    for (flag, given) in [
        ("--tls-ca", args.tls_ca.is_some()),
        ("--tls-hostname", args.tls_hostname.is_some()),
    ] {
        if given && !encrypted {
            return Err(Error::usage(t!("dns-needs-tls", flag = flag)));
        }
    }
    tls::TlsSettings::load(args.tls_ca.as_deref(), args.tls_hostname.as_deref())
}

/// The answer for one name (or one reverse lookup).
#[derive(Debug, Serialize)]
pub struct DnsReport {
    /// The name's results.
    #[serde(flatten)]
    pub result: NameResult,
    /// The servers that could be asked, in order.
    pub servers: Vec<Server>,
    /// systemd-resolved's stub and its upstreams, when the system servers are the stub.
    pub stub: Option<Stub>,
    /// Show TTLs as 1h2m3s (--human-ttl); JSON keeps seconds.
    #[serde(skip)]
    pub human_ttl: bool,
}

impl Report for DnsReport {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let records = unique_records(&self.result);
        let label = view::labels(
            ui,
            [
                t!("dns-label-name"),
                t!("dns-label-server"),
                t!("dns-label-search"),
                t!("dns-label-via"),
            ],
            8,
        );
        // The name that exists (or, when none does, the first result's name).
        let asked = self
            .result
            .queries
            .iter()
            .find(|q| matches!(q.status, Status::Answer | Status::NoData))
            .or(self.result.queries.first())
            .map_or(self.result.name.clone(), |q| q.name.clone());
        if asked.trim_end_matches('.') == self.result.input.trim_end_matches('.') {
            writeln!(out, "{} {}", label(0), self.result.input)?;
        } else {
            let name = t!(
                "dns-name-asked-as",
                name = &self.result.input,
                asked = &asked
            );
            writeln!(out, "{} {name}", label(0))?;
        }
        let mut used: Vec<&str> = Vec::new();
        for q in &self.result.queries {
            if !q.server.is_empty() && !used.contains(&q.server.as_str()) {
                used.push(&q.server);
            }
        }
        let list = t!("common-list-separator").to_string();
        writeln!(out, "{} {}", label(1), used.join(&list))?;
        if let Some(tried) = search_note(&self.result.queries) {
            writeln!(out, "{} {}", label(2), ui.paint(Paint::Dim, tried))?;
        }
        if let Some(stub) = &self.stub {
            let via = if stub.upstreams.is_empty() {
                t!(
                    "dns-via-stub-unknown",
                    stub = stub.address,
                    resolver = stub.resolver.to_string()
                )
            } else {
                let ups: Vec<String> = stub.upstreams.iter().map(ToString::to_string).collect();
                t!(
                    "dns-via-stub",
                    stub = stub.address,
                    resolver = stub.resolver.to_string(),
                    upstreams = ups.join(&list)
                )
            };
            writeln!(out, "{} {via}", label(3))?;
        }
        if !records.is_empty() {
            let mut table = view::records_table(ui);
            for a in records {
                table.add_row([
                    a.owner(),
                    if self.human_ttl {
                        crate::util::time::human_seconds(u64::from(a.ttl))
                    } else {
                        a.ttl.to_string()
                    },
                    Type(a.rtype).to_string(),
                    a.data.clone(),
                ]);
            }
            writeln!(out, "{table}")?;
        }
        // No data for the name itself, in one line for every type; an alias's is said per type.
        let nodata: Vec<String> = self
            .result
            .queries
            .iter()
            .filter(|q| q.status == Status::NoData && q.message.is_none())
            .map(QueryResult::type_name)
            .collect();
        if !nodata.is_empty() {
            let name = self
                .result
                .queries
                .iter()
                .find(|q| q.status == Status::NoData && q.message.is_none())
                .map_or("", |q| q.name.as_str());
            let text = t!("dns-nodata-line", name = name, types = nodata.join(&list));
            writeln!(out, "{}", ui.paint(Paint::Warn, text))?;
        }
        let answered = self
            .result
            .queries
            .iter()
            .any(|q| q.status == Status::Answer);
        for q in &self.result.queries {
            if q.status == Status::Answer || (q.status == Status::NoData && q.message.is_none()) {
                continue;
            }
            // REFUSED for one type of a name that answered another (issue 27 item 5): a note.
            let excused = q.status == Status::Refused && answered;
            let paint = if q.status.is_failure() && !excused {
                Paint::Bad
            } else {
                Paint::Warn
            };
            let text = match (&q.status, &q.message) {
                (Status::NxDomain, None) => t!("dns-nxdomain-line", name = &q.name),
                (Status::NxDomain | Status::NoData, Some(m)) => {
                    t!("dns-status-said", status = q.status.tag(), why = m.clone())
                }
                (Status::Referral | Status::CnameLoop, Some(m)) => {
                    t!("dns-said", why = m.clone())
                }
                (_, Some(m)) => t!(
                    "dns-status-said",
                    status = q.status.describe(),
                    why = m.clone()
                ),
                (_, None) => t!(
                    "dns-status-from",
                    status = q.status.describe(),
                    server = &q.server
                ),
            };
            writeln!(out, "{:<6} {}", q.type_name(), ui.paint(paint, text))?;
        }
        for q in &self.result.queries {
            if let Some(note) = &q.note {
                writeln!(out, "{:<6} {}", q.type_name(), ui.paint(Paint::Dim, note))?;
            }
        }
        let ignored: usize = self.result.queries.iter().map(|q| q.ignored).sum();
        if ignored > 0 {
            let text = t!("dns-ignored", count = ignored, name = &asked);
            writeln!(out, "{}", ui.paint(Paint::Warn, text))?;
        }
        // `dns A` alone looks up the name A; when that finds nothing, say how to ask for a type.
        if self.result.status != Status::Answer && parse::is_type_word(&self.result.input) {
            let text = t!(
                "dns-also-a-type",
                word = &self.result.input,
                rtype = self.result.input.to_ascii_uppercase()
            );
            writeln!(out, "{}", ui.paint(Paint::Dim, text))?;
        }
        let qs = &self.result.queries;
        let times = if qs.len() <= 3 {
            let each: Vec<String> = qs
                .iter()
                .map(|q| format!("{} {}", q.type_name(), human_ms(q.rtt_ms)))
                .collect();
            t!("dns-query-time", times = each.join(&list))
        } else {
            let min = qs.iter().map(|q| q.rtt_ms).fold(f64::INFINITY, f64::min);
            let max = qs.iter().map(|q| q.rtt_ms).fold(0.0, f64::max);
            let (min, max) = (human_ms(min), human_ms(max));
            if min == max {
                t!("dns-query-time-each", time = min, queries = qs.len())
            } else {
                t!(
                    "dns-query-time-range",
                    min = min,
                    max = max,
                    queries = qs.len()
                )
            }
        };
        writeln!(out, "{}", ui.paint(Paint::Dim, times))
    }

    fn short(&self, _ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        for a in unique_records(&self.result) {
            writeln!(out, "{}", a.data)?;
        }
        Ok(())
    }

    fn status(&self) -> u8 {
        exit_status(self.result.queries.iter().map(|q| q.status))
    }
}

/// The names the search list made of the name typed, when more than one was asked: `tried
/// www.lab.test. (NODATA), www.lab.test.lab.test. (NXDOMAIN)`, each name once in the order
/// asked, with what came back for it; when the types asked got different answers for a name
/// (or not all of them asked it), each type's (`www.lab.test. (A ANSWER, AAAA NODATA), www.
/// (AAAA REFUSED)`).
fn search_note(queries: &[QueryResult]) -> Option<String> {
    if queries.iter().all(|q| q.attempts.len() <= 1) {
        return None;
    }
    let mut names: Vec<(&str, Vec<(String, Status)>)> = Vec::new();
    for q in queries {
        for a in &q.attempts {
            let at = match names.iter().position(|(n, _)| *n == a.name) {
                Some(at) => at,
                None => {
                    names.push((&a.name, Vec::new()));
                    names.len() - 1
                }
            };
            names[at].1.push((q.type_name(), a.status));
        }
    }
    let list = t!("common-list-separator").to_string();
    let parts: Vec<String> = names
        .iter()
        .map(|(name, said)| {
            let what = match said.split_first() {
                Some((first, rest))
                    if said.len() == queries.len() && rest.iter().all(|s| s.1 == first.1) =>
                {
                    first.1.tag().to_string()
                }
                _ => said
                    .iter()
                    .map(|(t, s)| format!("{t} {}", s.tag()))
                    .collect::<Vec<_>>()
                    .join(&list),
            };
            t!("dns-search-name", name = *name, what = what).to_string()
        })
        .collect();
    Some(t!("dns-search-tried", names = parts.join(&list)).to_string())
}

/// Issue 27 item 4: a second name where a record type belongs (`dns a.test b.test`) is a
/// student asking about several names: said so, with the ways to do that.
fn several_names(word: &str, refused: Error) -> Error {
    if !word.contains('.') || word.contains(char::is_whitespace) {
        return refused;
    }
    Error::usage(t!("dns-second-name", word = word))
}

/// Runs `netkit dns`.
/// The current-thread tokio runtime every lookup of `netkit dns` runs on.
fn dns_runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::internal(t!("dns-starting-runtime"), e))
}

/// Whether the message itself is asked for (`--full`, or a flag only a raw query can carry).
fn full_mode(args: &DnsArgs) -> bool {
    args.full
        || args.norecurse
        || args.cd
        || args.dnssec
        || args.nsid
        || args.subnet.is_some()
        || args.bufsize.is_some()
        || args.no_edns
        || args.ignore_tc
}

/// The query flags the command line asks for.
fn query_flags(args: &DnsArgs) -> message::QueryFlags {
    message::QueryFlags {
        recurse: !args.norecurse,
        checking_disabled: args.cd,
        edns: !args.no_edns,
        bufsize: args.bufsize.unwrap_or(1232),
        dnssec_ok: args.dnssec,
        nsid: args.nsid,
        subnet: args.subnet,
        ignore_tc: args.ignore_tc,
    }
}

/// The name of a single-name plan, fully qualified (no search list: as dig asks).
fn one_name(plan: &Plan, what: &str) -> Result<Name> {
    let ascii = match &plan.target {
        Target::Name(_, ascii) | Target::Reverse(_, ascii) => ascii,
        Target::File(_) => {
            return Err(Error::usage(t!("dns-one-name-not-file", option = what)));
        }
    };
    if plan
        .servers
        .iter()
        .any(|s| !matches!(s.transport, Transport::Udp | Transport::Tcp))
    {
        return Err(Error::usage(t!("dns-udp-or-tcp-only", option = what)));
    }
    from_query_name(ascii)
        .ok_or_else(|| Error::bad(t!("name-what"), ascii.clone(), t!("dns-why-not-a-name")))
}

/// The most netkit reads of a root hints or trust anchor file (named.root is 3 KiB).
const MAX_ZONE_FILE: usize = 1 << 20;

/// The root servers of a root hints file: the addresses of its A and AAAA lines.
fn read_root_hints(path: &Path) -> Result<Vec<IpAddr>> {
    let text = input::read_whole(path, t!("dns-what-root-hints"), MAX_ZONE_FILE)?;
    let text = String::from_utf8_lossy(&text);
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.split(';').next().unwrap_or("");
        let words: Vec<&str> = line.split_whitespace().collect();
        if let Some(i) = words
            .iter()
            .position(|w| w.eq_ignore_ascii_case("A") || w.eq_ignore_ascii_case("AAAA"))
            && let Some(Ok(ip)) = words.get(i + 1).map(|w| w.parse::<IpAddr>())
        {
            found.push(ip);
        }
    }
    if found.is_empty() {
        return Err(Error::bad(
            t!("dns-what-root-hints"),
            path.display().to_string(),
            t!("dns-bad-root-hints"),
        ));
    }
    Ok(found)
}

/// The trust anchors of `--trust-anchor FILE` (DS or DNSKEY lines), else the root's.
fn trust_anchors(args: &DnsArgs) -> Result<Vec<Anchor>> {
    let Some(path) = &args.trust_anchor else {
        return parse_anchors(&ROOT_ANCHORS.join("\n")).map_err(|e| {
            Error::internal(
                t!("dns-built-in-anchors"),
                io::Error::other(e.english().into_owned()),
            )
        });
    };
    let shown = path.display().to_string();
    let text = input::read_whole(path, t!("dns-what-trust-anchor"), MAX_ZONE_FILE)?;
    let found = parse_anchors(&String::from_utf8_lossy(&text))
        .map_err(|why| Error::bad(t!("dns-what-trust-anchor"), &shown, why))?;
    if found.is_empty() {
        return Err(Error::bad(
            t!("dns-what-trust-anchor"),
            shown,
            t!("dns-bad-trust-anchor-empty"),
        ));
    }
    Ok(found)
}

/// `--trace` and `--validate`: the walk from the root to the name, the DNSSEC verdict on the
/// answer, or both. The walk starts from the root servers SERVER names (as `dig +trace
/// @SERVER`), or from root hints; validation asks SERVER for every record it needs (as `delv
/// @SERVER`), or follows referrals from the root hints (or, after a walk, from its zones).
fn trace(plan: &Plan, args: &DnsArgs, ui: &Ui) -> Result<u8> {
    let name = one_name(plan, if args.trace { "--trace" } else { "--validate" })?;
    let given: Vec<SocketAddr> = if args_name_servers(args) {
        plan.servers.iter().map(|s| s.address).collect()
    } else {
        Vec::new()
    };
    if args.root_hints.is_some() && !given.is_empty() {
        return Err(Error::usage(t!("dns-root-hints-and-server")));
    }
    let port = given.first().map_or(53, |s| s.port());
    let hints: Vec<SocketAddr> = match &args.root_hints {
        Some(path) => read_root_hints(path)?,
        None => walk::ROOT_HINTS
            .iter()
            .filter_map(|a| a.parse::<IpAddr>().ok())
            .collect(),
    }
    .into_iter()
    .map(|ip| SocketAddr::new(ip, port))
    .collect();
    let anchors = if args.validate {
        trust_anchors(args)?
    } else {
        Vec::new()
    };
    let runtime = dns_runtime()?;
    let rtype = plan.types.first().copied().unwrap_or(RecordType::A);
    let budget = source::Budget::new(args.max_queries, args.max_time);
    let settings = walk::WalkSettings {
        budget: &budget,
        timeout: plan.settings.timeout,
        port,
        dnssec_ok: args.dnssec || args.validate,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as u32);
    let result = runtime.block_on(async {
        let mut cuts = vec![(Name::root(), hints.clone())];
        let mut result = if args.trace {
            let start = match given.first() {
                Some(server) => walk::prime(*server, &settings)
                    .await
                    .map(|(p, hops)| (Some(p), hops)),
                None => Ok((
                    None,
                    hints
                        .iter()
                        .map(|&server| walk::Hop { server, ns: None })
                        .collect(),
                )),
            };
            match start {
                Ok((priming, start)) => {
                    let mut w = walk::walk(&name, rtype, plan.class, &start, &settings).await;
                    w.root_servers = priming;
                    cuts = w.cuts(&start, port);
                    w
                }
                Err(why) => walk::Walk::failed(&name, rtype, Some(why)),
            }
        } else {
            walk::Walk::failed(&name, rtype, None)
        };
        if args.validate {
            let through = if args.trace {
                None
            } else {
                given.first().copied()
            };
            if through.is_some() {
                // Everything is asked of SERVER, and of the servers its referrals name: never
                // of the root hints.
                cuts.clear();
            }
            let source = source::Source::new(&budget, plan.settings.timeout, port, through, cuts);
            let reply = if args.trace {
                result.reply.clone()
            } else {
                match &*source.get(&name, rtype).await {
                    Ok(r) => Some(r.clone()),
                    Err(e) => {
                        result.detail = Some(e.clone());
                        None
                    }
                }
            };
            if !args.trace {
                result.records_asked = Some(source.describe());
                if let Some(r) = &reply {
                    result.answered(r);
                }
            }
            result.validation = Some(match reply.filter(|_| result.end != walk::End::Failed) {
                Some(reply) => {
                    source.remember(&name, rtype, reply.clone());
                    validate::Validator::new(&source, &anchors, now)
                        .validate(&name, rtype, reply)
                        .await
                }
                None => validate::Validation {
                    security: Security::Indeterminate,
                    reason: Some(
                        match &result.detail {
                            Some(why) => t!("dns-validate-no-answer", why = why.clone()),
                            None => t!("dns-validate-no-answer-none"),
                        }
                        .into(),
                    ),
                    chain: Vec::new(),
                },
            });
            if let (Some(v), Some(spent)) = (&mut result.validation, budget.exhausted())
                && v.security != Security::Bogus
            {
                v.security = Security::Indeterminate;
                v.reason = Some(spent);
            }
        }
        result.queries = budget.spent();
        result
    });
    emit(ui, &result)
}

/// Whether servers were given on the command line (not the system's resolvers).
fn args_name_servers(args: &DnsArgs) -> bool {
    !args.servers.is_empty() || args.args.iter().any(|a| a.starts_with('@'))
}

/// How `--full` and `--compare` send their queries: TCP with `--tcp`, else UDP (again over TCP
/// when truncated, unless `--ignore-tc`).
fn over(args: &DnsArgs) -> message::Over {
    if args.tcp {
        message::Over::Tcp
    } else {
        message::Over::Udp {
            ignore_tc: args.ignore_tc,
        }
    }
}

/// `--compare`: every server asked at once, per type, the answers grouped.
fn compare(plan: &Plan, args: &DnsArgs, ui: &Ui) -> Result<u8> {
    let name = one_name(plan, "--compare")?;
    if plan.servers.len() < 2 {
        return Err(Error::usage(t!("dns-compare-two-servers")));
    }
    let flags = query_flags(args);
    let servers: Vec<SocketAddr> = plan.servers.iter().map(|s| s.address).collect();
    let runtime = dns_runtime()?;
    let mut all = Vec::new();
    for &rtype in &plan.types {
        all.push(runtime.block_on(compare::compare(
            &servers,
            &name,
            rtype,
            plan.class,
            &flags,
            plan.settings.timeout,
            over(args),
        )));
    }
    emit(ui, &compare::Comparisons(all))
}

/// `--full`: one query per type to the first server that answers, the whole reply shown.
fn full(plan: &Plan, args: &DnsArgs, ui: &Ui) -> Result<u8> {
    let name = one_name(plan, "--full")?;
    let ascii = answer::presentation(&name);
    let flags = query_flags(args);
    let runtime = dns_runtime()?;
    let mut answers = Vec::new();
    for &rtype in &plan.types {
        let query = message::build_query(
            crate::util::random::unpredictable_u32() as u16,
            &name,
            rtype,
            plan.class,
            &flags,
        );
        let bytes = query
            .to_vec()
            .map_err(|e| Error::internal(t!("dns-building-query"), e))?;
        let mut failures = Vec::new();
        let mut got = None;
        for server in &plan.servers {
            match runtime.block_on(message::ask(
                server.address,
                &bytes,
                plan.settings.timeout,
                over(args),
            )) {
                Ok(raw) => {
                    got = Some(message::FullAnswer::of(server.address, &raw, &name, rtype));
                    break;
                }
                Err(why) => failures.push(why),
            }
        }
        let Some(mut answer) = got else {
            // "a; b; c" in every language: each server's failure joined to the rest.
            let why = failures
                .into_iter()
                .rev()
                .reduce(|rest, first| t!("dns-failures", first = first, rest = rest).into())
                .unwrap_or_else(|| t!("dns-why-no-server").into());
            return Err(Error::io(
                t!("dns-asking-for", name = &ascii, rtype = Type(rtype)),
                io::Error::new(io::ErrorKind::TimedOut, Cause(why)),
            ));
        };
        answer.human_ttl = args.human_ttl;
        answers.push(answer);
    }
    emit(ui, &message::FullAnswers(answers))
}

pub fn run(args: &DnsArgs, ui: &Ui) -> Result<u8> {
    let short = ui.short();
    let ui = if args.short { &short } else { ui };
    let plan = plan(args)?;
    if args.root_hints.is_some() && !(args.trace || args.validate) {
        return Err(Error::usage(t!("dns-root-hints-alone")));
    }
    if args.trace || args.validate {
        return trace(&plan, args, ui);
    }
    if args.compare {
        return compare(&plan, args, ui);
    }
    if full_mode(args) {
        return full(&plan, args, ui);
    }
    let runtime = dns_runtime()?;
    runtime.block_on(async {
        let client = Client::new(&plan.servers, &plan.settings).await?;
        let path = match &plan.target {
            Target::File(path) => path,
            _ => return answer(&client, &plan, args, ui).await,
        };
        let mut names = Names::open(path)?;
        let first = names.first(1024).await.to_vec();
        let mut sink = Sink::new(ui, &first, names.total)?;
        let interrupted = match &plan.servers[..] {
            [server] if server.transport == Transport::Udp => match batch::connect_to(server).await
            {
                Some(sock) => {
                    let job = batch::Job {
                        server,
                        search: &plan.search,
                        types: &plan.types,
                        settings: &plan.settings,
                        window: args.concurrency,
                        unordered: args.unordered,
                        quick_lines: ui.format == Format::Short
                            || (ui.format == Format::Table && !ui.live),
                    };
                    batch::run(&job, sock, &mut names, &client, &mut sink).await?
                }
                None => bulk(&client, &plan, &mut names, args, &mut sink).await?,
            },
            _ => bulk(&client, &plan, &mut names, args, &mut sink).await?,
        };
        let code = sink.finish(interrupted)?;
        match names.error() {
            Some(e) if !interrupted => Err(e),
            _ => Ok(code),
        }
    })
}

/// Looks up the plan's one name and prints the result.
async fn answer<R: Resolve>(resolver: &R, plan: &Plan, args: &DnsArgs, ui: &Ui) -> Result<u8> {
    let (input, ascii) = match &plan.target {
        Target::Name(input, ascii) | Target::Reverse(input, ascii) => (input, ascii),
        Target::File(_) => unreachable!("a names file is looked up in bulk"),
    };
    let result = lookup::resolve_name(
        resolver,
        &plan.servers,
        &plan.search,
        input,
        ascii,
        &plan.types,
    )
    .await;
    let report = DnsReport {
        result,
        servers: plan.servers.clone(),
        stub: plan.stub.clone(),
        human_ttl: args.human_ttl,
    };
    let code = emit(ui, &report)?;
    if ui.format == Format::Short && code != exit::OK {
        // The server's words (an error message) reach the terminal neutralized.
        let mut err = Guard::new(io::stderr().lock(), false);
        for q in &report.result.queries {
            if q.status != Status::Answer {
                let text = q
                    .message
                    .as_ref()
                    .map_or_else(|| q.server.clone(), ToString::to_string);
                let _ = writeln!(
                    err,
                    "netkit: {} {}: {} ({text})",
                    q.name,
                    q.type_name(),
                    q.status.tag()
                );
            }
        }
    }
    Ok(code)
}

/// Looks up many names with bounded concurrency, writing one result per name as it completes
/// (in input order unless --unordered; the reorder buffer holds at most `--concurrency`
/// results). Over one UDP server, [`batch`] does this instead.
async fn bulk<R: Resolve>(
    resolver: &R,
    plan: &Plan,
    names: &mut Names,
    args: &DnsArgs,
    sink: &mut Sink<'_>,
) -> Result<bool> {
    let entries = futures_util::stream::unfold(names, |names| async move {
        names.next().await.map(|e| (e, names))
    });
    let lookups = entries.map(|entry| async move {
        let mut ascii = String::new();
        match entry_name(&entry, &mut ascii) {
            Ok(()) => {
                lookup::resolve_name(
                    resolver,
                    &plan.servers,
                    &plan.search,
                    &entry.text,
                    &ascii,
                    &plan.types,
                )
                .await
            }
            Err(invalid) => invalid,
        }
    });
    let mut results: std::pin::Pin<Box<dyn futures_util::Stream<Item = NameResult>>> =
        if args.unordered {
            Box::pin(lookups.buffer_unordered(args.concurrency))
        } else {
            Box::pin(lookups.buffered(args.concurrency))
        };
    let mut tick = Sink::ticks();
    let interrupted = loop {
        tokio::select! {
            r = results.next() => {
                let Some(r) = r else { break false };
                sink.write(&r)?;
            }
            _ = tick.tick() => {
                if sink.tick()? {
                    break true;
                }
            }
        }
    };
    // Lookups still running are dropped (cancelled) with the stream.
    drop(results);
    Ok(interrupted)
}

#[cfg(test)]
mod tests {
    use super::lines::*;
    use super::*;
    use crate::output::rate;
    use crate::util::lists::read_line_bounded;
    use clap::Parser;
    use std::time::Duration;

    fn plan_of(words: &[&str]) -> Result<Plan> {
        let mut argv = vec!["netkit", "dns"];
        argv.extend_from_slice(words);
        let cli = crate::cli::Cli::try_parse_from(argv).unwrap();
        match cli.command {
            crate::cli::Command::Dns(args) => plan(&args),
            _ => unreachable!(),
        }
    }

    #[test]
    fn plans() {
        let p = plan_of(&["bücher.test", "mx", "@127.0.0.1:5353", "TXT"]).unwrap();
        assert_eq!(
            p.target,
            Target::Name("bücher.test".into(), "xn--bcher-kva.test".into())
        );
        assert_eq!(p.types, [RecordType::MX, RecordType::TXT]);
        assert_eq!(p.servers[0].address.to_string(), "127.0.0.1:5353");
        let p = plan_of(&["-x", "192.0.2.1", "@127.0.0.1", "--tcp"]).unwrap();
        assert_eq!(p.types, [RecordType::PTR]);
        assert_eq!(p.servers[0].transport, Transport::Tcp);
        let p = plan_of(&["a.test", "@127.0.0.1", "--tls"]).unwrap();
        assert_eq!(p.servers[0].address.port(), 853);
        let p = plan_of(&["a.test", "--all", "@127.0.0.1"]).unwrap();
        assert_eq!(p.types.len(), parse::ALL_TYPES.len());
        assert!(plan_of(&["a.test", "BOGUS", "@127.0.0.1"]).is_err());
        // The type first, as dig takes it: the word that is not a type is the name.
        let p = plan_of(&["A", "www.example.test", "@127.0.0.1"]).unwrap();
        assert_eq!(
            p.target,
            Target::Name("www.example.test".into(), "www.example.test".into())
        );
        assert_eq!(p.types, [RecordType::A]);
        let p = plan_of(&["mx", "@127.0.0.1", "example.test", "TXT"]).unwrap();
        assert_eq!(
            p.target,
            Target::Name("example.test".into(), "example.test".into())
        );
        assert_eq!(p.types, [RecordType::MX, RecordType::TXT]);
        // Every word a type: the first is the name.
        let p = plan_of(&["A", "@127.0.0.1"]).unwrap();
        assert_eq!(p.target, Target::Name("A".into(), "a".into()));
        assert_eq!(p.types, [RecordType::A, RecordType::AAAA]);
        let p = plan_of(&["mx", "MX", "@127.0.0.1"]).unwrap();
        assert_eq!(p.target, Target::Name("mx".into(), "mx".into()));
        assert_eq!(p.types, [RecordType::MX]);
        // ANY is a type word, refused as a type (not looked up as a name).
        let e = plan_of(&["ANY", "example.test", "@127.0.0.1"]).unwrap_err();
        assert!(e.to_string().contains("--all"), "{e}");
        assert!(plan_of(&["@127.0.0.1"]).is_err());
        assert!(plan_of(&["a.test", "@bad..name"]).is_err());
        // Addresses given twice are asked once.
        let p = plan_of(&["a.test", "@127.0.0.1", "-s", "127.0.0.1:53"]).unwrap();
        assert_eq!(p.servers.len(), 1);
        // A bad time is refused by the command line itself.
        let argv = ["netkit", "dns", "a.test", "@127.0.0.1", "--timeout", "soon"];
        assert!(crate::cli::Cli::try_parse_from(argv).is_err());
    }

    #[test]
    fn the_stub_and_its_upstreams_are_named() {
        let q = lookup::QueryResult {
            rtype: Some(RecordType::A),
            status: Status::Answer,
            name: "www.example.test.".into(),
            server: "127.0.0.53:53 (udp)".into(),
            rtt_ms: 1.0,
            answers: vec![lookup::fake::record("www.example.test", "192.0.2.1")],
            message: None,
            note: None,
            ignored: 0,
            attempts: Vec::new(),
            response: None,
        };
        let report = DnsReport {
            result: NameResult {
                input: "www".into(),
                name: "www".into(),
                status: Status::Answer,
                queries: vec![q.clone(), q],
            },
            servers: vec![],
            human_ttl: false,
            stub: Some(Stub {
                address: "127.0.0.53".parse().unwrap(),
                resolver: "systemd-resolved".into(),
                upstreams: vec!["192.0.2.53".parse().unwrap()],
                upstream_source: None,
            }),
        };
        let mut out = Vec::new();
        crate::output::write_report(&Ui::plain(), &report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("(asked as www.example.test.)"), "{text}");
        assert!(
            text.contains("127.0.0.53 is systemd-resolved's local stub; it forwards to 192.0.2.53"),
            "{text}"
        );
        assert_eq!(
            text.matches("192.0.2.1 ").count(),
            1,
            "one row per distinct record: {text}"
        );
    }

    fn entries(bytes: &[u8], max: usize) -> Vec<(usize, String, Option<String>)> {
        // A reader that hands out 3 bytes at a time, so lines cross its buffer's edges.
        let reader = io::BufReader::with_capacity(3, bytes);
        read_entries(reader, max)
            .unwrap()
            .into_iter()
            .map(|e| (e.line, e.text, e.invalid.map(|t| t.english().into_owned())))
            .collect()
    }

    /// Regression (issue 12): one line that was not UTF-8 ended the whole run (exit 3, no
    /// results); a byte order mark was part of the first name.
    #[test]
    fn names_files_are_read_line_by_line_whatever_they_hold() {
        let file = b"\xef\xbb\xbfwww.example.test\r\n# a comment\n\n  b\xffad.test  # note\nok.test # \xfe\n\xef\xbb\xbfbom.test";
        assert_eq!(
            entries(file, 4096),
            [
                (1, "www.example.test".into(), None),
                (4, "b\\xffad.test".into(), Some("not UTF-8 text".into())),
                (5, "ok.test".into(), None),
                (6, "\u{feff}bom.test".into(), None),
            ]
        );
        assert!(entries(b"", 4096).is_empty());
        assert!(entries(b"\xef\xbb\xbf\n", 4096).is_empty());
    }

    /// A line longer than the bound is reported, not read whole; the next line is read as usual.
    #[test]
    fn long_lines_are_cut_and_reported() {
        let mut file = b"a.test\n".to_vec();
        file.extend(std::iter::repeat_n(b'x', 100));
        file.extend_from_slice(b"\nb.test\n");
        file.extend(std::iter::repeat_n(b'y', 8));
        file.extend_from_slice(b"\r\n");
        file.extend_from_slice(b"c.test #");
        file.extend(std::iter::repeat_n(b'z', 100));
        file.extend_from_slice(b"\n");
        file.extend(std::iter::repeat_n(b'w', 9));
        let got = entries(&file, 8);
        let why = Some("line longer than 8 bytes".to_string());
        assert_eq!(
            got,
            [
                (1, "a.test".into(), None),
                (2, "xxxxxxxx…".into(), why.clone()),
                (3, "b.test".into(), None),
                (4, "yyyyyyyy".into(), None),
                (5, "c.test".into(), None),
                (6, "wwwwwwww…".into(), why),
            ]
        );
        // The line kept in memory is at most the bound (plus a byte to see a \r), whatever
        // the line's length.
        let mut buf = Vec::new();
        let mut r = io::Cursor::new(vec![b'q'; 1 << 20]);
        assert_eq!(
            read_line_bounded(&mut r, &mut buf, 16).unwrap(),
            Some(1 << 20)
        );
        assert_eq!(buf.len(), 16);
        assert_eq!(read_line_bounded(&mut r, &mut buf, 16).unwrap(), None);
    }

    #[test]
    fn bulk_lines() {
        let r = NameResult {
            input: "nx.test".into(),
            name: "nx.test".into(),
            status: Status::NxDomain,
            queries: vec![],
        };
        let mut out = Vec::new();
        write_bulk_line(&Ui::plain(), None, &r, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "nx.test\tNXDOMAIN\t\n");
        let r = NameResult {
            input: "a\tb.test".into(),
            name: String::new(),
            status: Status::Invalid,
            queries: vec![],
        };
        let mut out = Vec::new();
        write_bulk_line(&Ui::plain(), None, &r, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "a\\tb.test\tINVALID\t\n");
    }

    /// On a terminal, bulk lines line up: NAME padded to the widest name of the file (capped),
    /// STATUS to its longest tag; no trailing blanks when there is nothing more to say.
    #[test]
    fn bulk_columns() {
        let entry = |text: &str| Entry {
            line: 1,
            text: text.into(),
            invalid: None,
        };
        let c = Columns::fit(&[entry("a.test"), entry("longer.example.test")]);
        assert_eq!(c.name, 19);
        assert_eq!(Columns::fit(&[entry("a")]).name, 4);
        assert_eq!(
            Columns::fit(&[entry(&"x".repeat(90))]).name,
            Columns::MAX_NAME
        );
        let mut out = Vec::new();
        c.write_header(&Ui::plain(), &mut out).unwrap();
        let nx = NameResult {
            input: "nx.test".into(),
            name: "nx.test".into(),
            status: Status::NxDomain,
            queries: vec![],
        };
        write_bulk_line(&Ui::plain(), Some(&c), &nx, &mut out).unwrap();
        let mut q = lookup::QueryResult {
            rtype: Some(RecordType::A),
            status: Status::Answer,
            name: "a.test.".into(),
            server: String::new(),
            rtt_ms: 1.0,
            answers: vec![lookup::fake::record("a.test", "192.0.2.1")],
            message: None,
            note: None,
            ignored: 0,
            attempts: Vec::new(),
            response: None,
        };
        let a = NameResult {
            input: "a.test".into(),
            name: "a.test".into(),
            status: Status::Answer,
            queries: vec![q.clone()],
        };
        write_bulk_line(&Ui::plain(), Some(&c), &a, &mut out).unwrap();
        q.status = Status::Timeout;
        q.answers.clear();
        q.message = Some("no answer from 192.0.2.53:53 (udp) after waiting 2 s".into());
        let t = NameResult {
            input: "longer.example.test".into(),
            name: "longer.example.test".into(),
            status: Status::Timeout,
            queries: vec![q],
        };
        write_bulk_line(&Ui::plain(), Some(&c), &t, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Name                 Status    Records\n\
             nx.test              NXDOMAIN\n\
             a.test               ANSWER    A 192.0.2.1\n\
             longer.example.test  TIMEOUT   no answer from 192.0.2.53:53 (udp) after waiting 2 s\n"
        );
    }

    #[test]
    fn bulk_progress_and_summary() {
        let mut t = Tally::default();
        assert_eq!(t.status(), exit::OK);
        for s in [
            Status::Answer,
            Status::Answer,
            Status::NxDomain,
            Status::NoData,
        ] {
            t.add(s);
        }
        assert_eq!(t.status(), exit::NEGATIVE);
        let secs = Duration::from_millis(2500);
        assert_eq!(
            t.progress(Some(10), secs),
            "4/10 names, 2 answered, 1.6/s, 2.5 s"
        );
        assert_eq!(t.progress(None, secs), "4 names, 2 answered, 1.6/s, 2.5 s");
        assert_eq!(
            t.summary(Some(10), secs, true),
            "interrupted after 2.5 s: 4 of 10 names (1.6/s): 2 answered, 2 NXDOMAIN or NODATA"
        );
        t.add(Status::Invalid);
        assert_eq!(t.status(), exit::USAGE);
        t.add(Status::Refused);
        assert_eq!(t.status(), exit::NETWORK);
        assert_eq!(
            t.summary(None, Duration::from_millis(300), false),
            "6 names in 300 ms (20/s): 2 answered, 2 NXDOMAIN or NODATA, 1 failed, 1 INVALID"
        );
        assert_eq!(rate(0, Duration::ZERO), "-/s");
        assert_eq!(rate(0, secs), "0/s");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Any bytes make a names file that is read to the end: never an error nor a
            /// panic, every entry's line number within the file, no name longer than a line
            /// may be.
            #[test]
            fn any_file_is_read(
                bytes in proptest::collection::vec(
                    prop_oneof![any::<u8>(), Just(b'\n'), Just(b'#'), Just(b'.')], 0..400),
                max in 1usize..40,
            ) {
                let lines = bytes.split(|&b| b == b'\n').count();
                let got = read_entries(io::BufReader::with_capacity(7, &bytes[..]), max).unwrap();
                let mut last = 0;
                for e in &got {
                    prop_assert!(e.line > last && e.line <= lines);
                    last = e.line;
                    // At most `max` bytes, each written in at most 4 characters (`\xNN`).
                    prop_assert!(e.text.len() <= 4 * max + "…".len(), "{:?}", e);
                    prop_assert!(!e.text.is_empty());
                }
            }
        }
    }
}
