//! `netkit dns NAME --trace`: resolve iteratively from the root, as `dig +trace` does. Each
//! step asks the servers of one zone (recursion off) until one answers; a referral (the NS of
//! a zone closer to NAME, with glue addresses) gives the next step's servers, and the final
//! answer (or NXDOMAIN, or no data) ends the walk. Servers that time out, refuse or answer
//! neither with data nor a referral (lame delegations) are shown, and the walk goes on with the
//! next one. Referrals without glue have their name servers' addresses found by a walk of
//! their own from the same start.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{DNSClass, Name, RData, RecordType};
use serde::Serialize;

use super::answer::{presentation, type_text};
use super::message::{self, QueryFlags, Rr};
use crate::error::exit;
use crate::output::{Paint, Report, Ui};
use crate::util::time::{human_ms, round_ms_opt};

/// The root servers' addresses (IANA root hints), where a walk starts unless told otherwise.
pub const ROOT_HINTS: [&str; 26] = [
    "198.41.0.4",
    "170.247.170.2",
    "192.33.4.12",
    "199.7.91.13",
    "192.203.230.10",
    "192.5.5.241",
    "192.112.36.4",
    "198.97.190.53",
    "192.36.148.17",
    "192.58.128.30",
    "193.0.14.129",
    "199.7.83.42",
    "202.12.27.33",
    "2001:503:ba3e::2:30",
    "2801:1b8:10::b",
    "2001:500:2::c",
    "2001:500:2d::d",
    "2001:500:a8::e",
    "2001:500:2f::f",
    "2001:500:12::d0d",
    "2001:500:1::53",
    "2001:7fe::53",
    "2001:503:c27::2:30",
    "2001:7fd::1",
    "2001:500:9f::42",
    "2001:dc3::35",
];

/// Most steps a walk takes (a name has at most 127 labels; real walks take 3 to 6).
const MAX_STEPS: usize = 32;
/// Most servers asked in one step.
const MAX_ASKED: usize = 8;
/// How deep walks for glueless name servers may nest.
const MAX_DEPTH: usize = 2;

/// A server to ask, and the name it was given under (None: a start server).
#[derive(Debug, Clone)]
pub struct Hop {
    /// Its address and port.
    pub server: SocketAddr,
    /// Its NS name.
    pub ns: Option<String>,
}

/// What one server said in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It delegated to a zone closer to the name.
    Referral,
    /// It answered.
    Answer,
    /// It said the name does not exist.
    Nxdomain,
    /// It said the name has no data of the type.
    Nodata,
    /// It answered with neither data nor a referral, or refused: a lame delegation.
    Lame,
    /// No answer in time.
    Timeout,
    /// Anything else (unreachable, malformed).
    Error,
}

/// One server asked.
#[derive(Debug, Clone, Serialize)]
pub struct Asked {
    /// Its address.
    pub server: SocketAddr,
    /// Its NS name (null: a start server).
    pub ns: Option<String>,
    /// What it said.
    pub outcome: Outcome,
    /// Its response code (null: no answer).
    pub rcode: Option<String>,
    /// The round trip (null: no answer).
    #[serde(serialize_with = "round_ms_opt")]
    pub rtt_ms: Option<f64>,
    /// What went wrong, in words (null: nothing).
    pub detail: Option<String>,
}

/// A name server of a referral.
#[derive(Debug, Clone, Serialize)]
pub struct NameServer {
    /// Its name.
    pub name: String,
    /// Its addresses.
    pub addresses: Vec<IpAddr>,
    /// Whether they came as glue (else: found by a walk of their own, or not at all).
    pub glue: bool,
}

/// A referral.
#[derive(Debug, Clone, Serialize)]
pub struct Referral {
    /// The zone delegated to.
    pub zone: String,
    /// Its name servers.
    pub servers: Vec<NameServer>,
}

/// One step: a zone's servers asked.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// The zone whose servers were asked.
    pub zone: String,
    /// Each server asked, in order.
    pub asked: Vec<Asked>,
    /// Where it led (null: the step ended the walk).
    pub referral: Option<Referral>,
}

/// How the walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum End {
    /// An authoritative answer.
    Answer,
    /// The name does not exist.
    Nxdomain,
    /// No data of that type.
    Nodata,
    /// No server of a zone answered usefully.
    Failed,
}

/// A whole walk.
#[derive(Debug, Clone, Serialize)]
pub struct Walk {
    /// The name.
    pub name: String,
    /// The type.
    #[serde(rename = "type")]
    pub rtype: String,
    /// The steps, from the root.
    pub steps: Vec<Step>,
    /// How it ended.
    pub end: End,
    /// The final answer's records.
    pub answer: Vec<Rr>,
    /// Why it failed (null: it did not).
    pub detail: Option<String>,
    /// The DNSSEC verdict (null: --validate not asked).
    pub validation: Option<super::validate::Validation>,
    /// The answer's records as they came (for validation).
    #[serde(skip)]
    pub answer_records: Vec<hickory_resolver::proto::rr::Record>,
    /// The authority section of a negative answer as it came (for validation: its NSEC or
    /// NSEC3 records and their RRSIGs prove the answer).
    #[serde(skip)]
    pub authority_records: Vec<hickory_resolver::proto::rr::Record>,
}

/// The walk's settings.
#[derive(Debug, Clone)]
pub struct WalkSettings {
    /// How long each server may take.
    pub timeout: Duration,
    /// The port every server of the walk is asked on (53, or the start server's, as dig -p).
    pub port: u16,
    /// Ask with DO set.
    pub dnssec_ok: bool,
}

/// Whether `record`'s owner is `name` (case aside).
fn owned_by(owner: &Name, name: &Name) -> bool {
    owner.eq_case(name) || owner == name
}

/// Walks from `start` to `name`/`rtype`.
pub async fn walk(
    name: &Name,
    rtype: RecordType,
    class: DNSClass,
    start: &[Hop],
    settings: &WalkSettings,
) -> Walk {
    walk_at(name, rtype, class, start, settings, 0).await
}

fn walk_at<'a>(
    name: &'a Name,
    rtype: RecordType,
    class: DNSClass,
    start: &'a [Hop],
    settings: &'a WalkSettings,
    depth: usize,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Walk> + 'a>> {
    Box::pin(async move {
        let flags = QueryFlags {
            recurse: false,
            dnssec_ok: settings.dnssec_ok,
            ..QueryFlags::default()
        };
        let mut walk = Walk {
            name: presentation(name),
            rtype: type_text(rtype),
            steps: Vec::new(),
            end: End::Failed,
            answer: Vec::new(),
            detail: None,
            validation: None,
            answer_records: Vec::new(),
            authority_records: Vec::new(),
        };
        let mut zone = Name::root();
        let mut servers: Vec<Hop> = start.to_vec();
        for _ in 0..MAX_STEPS {
            let mut step = Step {
                zone: presentation(&zone),
                asked: Vec::new(),
                referral: None,
            };
            let mut next: Option<(Name, Vec<Hop>)> = None;
            let mut ended = false;
            for hop in servers.iter().take(MAX_ASKED) {
                let query = message::build_query(
                    crate::util::random::unpredictable_u32() as u16,
                    name,
                    rtype,
                    class,
                    &flags,
                );
                let mut asked = Asked {
                    server: hop.server,
                    ns: hop.ns.clone(),
                    outcome: Outcome::Error,
                    rcode: None,
                    rtt_ms: None,
                    detail: None,
                };
                let x = match message::exchange(hop.server, &query, settings.timeout, false).await {
                    Ok(x) => x,
                    Err(why) => {
                        asked.outcome = if why.starts_with("no answer") {
                            Outcome::Timeout
                        } else {
                            Outcome::Error
                        };
                        asked.detail = Some(why);
                        step.asked.push(asked);
                        continue;
                    }
                };
                let m = &x.reply;
                let rcode = m.metadata.response_code;
                asked.rtt_ms = Some(x.rtt.as_secs_f64() * 1000.0);
                asked.rcode = Some(
                    message::FullAnswer::new(hop.server, &x)
                        .message
                        .header
                        .rcode,
                );
                let authoritative = m.metadata.authoritative;
                let answers: Vec<_> = m
                    .answers
                    .iter()
                    .filter(|r| owned_by(&r.name, name))
                    .collect();
                if rcode == ResponseCode::NXDomain && authoritative {
                    asked.outcome = Outcome::Nxdomain;
                    walk.end = End::Nxdomain;
                    walk.authority_records = m.authorities.clone();
                    ended = true;
                } else if rcode != ResponseCode::NoError {
                    asked.outcome = Outcome::Lame;
                    asked.detail = Some("refused or failed: a lame delegation".into());
                } else if !answers.is_empty() {
                    asked.outcome = Outcome::Answer;
                    walk.end = End::Answer;
                    walk.answer = m.answers.iter().map(Rr::from_record).collect();
                    walk.answer_records = m.answers.clone();
                    ended = true;
                } else if let Some((child, ns_names)) = referral(m, &zone, name) {
                    asked.outcome = Outcome::Referral;
                    let mut found = Vec::new();
                    let mut hops = Vec::new();
                    for ns in &ns_names {
                        let glue: Vec<IpAddr> = m
                            .additionals
                            .iter()
                            .filter(|r| owned_by(&r.name, ns))
                            .filter_map(|r| match &r.data {
                                RData::A(a) => Some(IpAddr::V4(a.0)),
                                RData::AAAA(a) => Some(IpAddr::V6(a.0)),
                                _ => None,
                            })
                            .collect();
                        found.push(NameServer {
                            name: presentation(ns),
                            glue: !glue.is_empty(),
                            addresses: glue,
                        });
                    }
                    // Name servers without glue: their addresses from a walk of their own.
                    if found.iter().all(|f| f.addresses.is_empty()) && depth < MAX_DEPTH {
                        for (ns, f) in ns_names.iter().zip(found.iter_mut()).take(3) {
                            let sub = walk_at(
                                ns,
                                RecordType::A,
                                DNSClass::IN,
                                start,
                                settings,
                                depth + 1,
                            )
                            .await;
                            f.addresses = sub
                                .answer
                                .iter()
                                .filter_map(|r| r.data.parse::<IpAddr>().ok())
                                .collect();
                        }
                    }
                    // IPv4 first: a host without IPv6 loses no time on it.
                    for v6 in [false, true] {
                        for f in &found {
                            for a in f.addresses.iter().filter(|a| a.is_ipv6() == v6) {
                                hops.push(Hop {
                                    server: SocketAddr::new(*a, settings.port),
                                    ns: Some(f.name.clone()),
                                });
                            }
                        }
                    }
                    step.referral = Some(Referral {
                        zone: presentation(&child),
                        servers: found,
                    });
                    next = Some((child, hops));
                } else if authoritative {
                    asked.outcome = Outcome::Nodata;
                    walk.end = End::Nodata;
                    walk.authority_records = m.authorities.clone();
                    ended = true;
                } else {
                    asked.outcome = Outcome::Lame;
                    asked.detail =
                        Some("neither an answer nor a referral: a lame delegation".into());
                }
                let stop = ended || next.is_some();
                step.asked.push(asked);
                if stop {
                    break;
                }
            }
            walk.steps.push(step);
            if ended {
                return walk;
            }
            match next {
                Some((child, hops)) if !hops.is_empty() => {
                    zone = child;
                    servers = hops;
                }
                Some((child, _)) => {
                    walk.detail = Some(format!(
                        "no address for any name server of {}",
                        presentation(&child)
                    ));
                    return walk;
                }
                None => {
                    walk.detail = Some(format!(
                        "no server of {} gave an answer or a referral",
                        presentation(&zone)
                    ));
                    return walk;
                }
            }
        }
        walk.detail = Some(format!("more than {MAX_STEPS} referrals"));
        walk
    })
}

/// The referral in `m`, if it is one: the NS records in the authority section for a zone
/// below `zone` that holds `name` (closer to it than the zone asked), and their names.
fn referral(
    m: &hickory_resolver::proto::op::Message,
    zone: &Name,
    name: &Name,
) -> Option<(Name, Vec<Name>)> {
    let mut child: Option<Name> = None;
    let mut ns = Vec::new();
    for r in &m.authorities {
        let RData::NS(target) = &r.data else {
            continue;
        };
        let owner = &r.name;
        let closer =
            owner.zone_of(name) && zone.zone_of(owner) && owner.num_labels() > zone.num_labels();
        if !closer {
            continue;
        }
        match &child {
            Some(c) if c != owner => continue,
            _ => child = Some(owner.clone()),
        }
        ns.push(target.0.clone());
    }
    Some((child?, ns))
}

impl Walk {
    /// Each zone of the walk from the root down, with the server of it that answered (a
    /// referral, an answer or a negative answer).
    pub fn zone_servers(&self) -> Vec<(Name, SocketAddr)> {
        self.steps
            .iter()
            .filter_map(|s| {
                let a = s.asked.iter().find(|a| {
                    matches!(
                        a.outcome,
                        Outcome::Referral | Outcome::Answer | Outcome::Nodata | Outcome::Nxdomain
                    )
                })?;
                Some((Name::from_ascii(&s.zone).ok()?, a.server))
            })
            .collect()
    }

    /// The DNSSEC verdict and its chain, when --validate asked for it.
    fn write_validation(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        use super::validate::Security;
        let Some(v) = &self.validation else {
            return Ok(());
        };
        for l in &v.chain {
            writeln!(out, "  {}: {}", l.zone, l.detail)?;
        }
        let line = match v.security {
            Security::Secure => ui.paint(
                Paint::Good,
                "DNSSEC: secure (every link of the chain verified)",
            ),
            Security::Insecure => ui.paint(
                Paint::Warn,
                format!("DNSSEC: insecure: {}", v.reason.as_deref().unwrap_or("")),
            ),
            Security::Bogus => ui.paint(
                Paint::Bad,
                format!("DNSSEC: bogus: {}", v.reason.as_deref().unwrap_or("")),
            ),
            Security::Unchecked => ui.paint(
                Paint::Dim,
                format!("DNSSEC: not checked: {}", v.reason.as_deref().unwrap_or("")),
            ),
        };
        writeln!(out, "{line}")
    }
}

impl Report for Walk {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "trace of {} {} from the root", self.name, self.rtype)?;
        for s in &self.steps {
            writeln!(out, "{}", ui.paint(Paint::Bold, format!("{}:", s.zone)))?;
            for a in &s.asked {
                let who = match &a.ns {
                    Some(n) => format!("{n} ({})", a.server),
                    None => a.server.to_string(),
                };
                let time = a
                    .rtt_ms
                    .map_or(String::new(), |t| format!(" in {}", human_ms(t)));
                let said = match a.outcome {
                    Outcome::Referral => "referral".to_string(),
                    Outcome::Answer => ui.paint(Paint::Good, "answer"),
                    Outcome::Nxdomain => ui.paint(Paint::Warn, "NXDOMAIN"),
                    Outcome::Nodata => ui.paint(Paint::Warn, "no data"),
                    Outcome::Lame => ui.paint(Paint::Warn, "lame"),
                    Outcome::Timeout => ui.paint(Paint::Warn, "no answer"),
                    Outcome::Error => ui.paint(Paint::Bad, "error"),
                };
                let why = a
                    .detail
                    .as_ref()
                    .map_or(String::new(), |d| format!(": {d}"));
                writeln!(out, "  asked {who}: {said}{time}{why}")?;
            }
            if let Some(r) = &s.referral {
                let servers: Vec<String> = r
                    .servers
                    .iter()
                    .map(|n| {
                        let addrs: Vec<String> =
                            n.addresses.iter().map(|a| a.to_string()).collect();
                        let how = if n.glue {
                            "glue"
                        } else if addrs.is_empty() {
                            "no glue, no address found"
                        } else {
                            "no glue: looked up"
                        };
                        format!("{} [{}; {how}]", n.name, addrs.join(", "))
                    })
                    .collect();
                writeln!(out, "  → {} is served by {}", r.zone, servers.join(", "))?;
            }
        }
        match self.end {
            End::Answer => {
                let mut t = ui.table(&["Name", "TTL", "Type", "Data"]);
                for r in &self.answer {
                    t.add_row([r.owner(), r.ttl.to_string(), r.type_text(), r.data.clone()]);
                }
                writeln!(out, "{t}")
            }
            End::Nxdomain => writeln!(
                out,
                "{}",
                ui.paint(
                    Paint::Warn,
                    format!("{} does not exist (NXDOMAIN)", self.name)
                )
            ),
            End::Nodata => writeln!(
                out,
                "{}",
                ui.paint(
                    Paint::Warn,
                    format!("{} has no {} records", self.name, self.rtype)
                )
            ),
            End::Failed => writeln!(
                out,
                "{}",
                ui.paint(
                    Paint::Bad,
                    format!(
                        "the walk stopped: {}",
                        self.detail.as_deref().unwrap_or("no answer")
                    )
                )
            ),
        }?;
        self.write_validation(ui, out)
    }

    fn status(&self) -> u8 {
        if self
            .validation
            .as_ref()
            .is_some_and(|v| v.security == super::validate::Security::Bogus)
        {
            return exit::NEGATIVE;
        }
        match self.end {
            End::Answer => exit::OK,
            End::Nxdomain | End::Nodata => exit::NEGATIVE,
            End::Failed => exit::NETWORK,
        }
    }
}
