//! `netkit dns NAME --trace`: resolve iteratively from the root, as `dig +trace` does. Each
//! step asks the servers of one zone (recursion off) until one answers; a referral (the NS of
//! a zone closer to NAME, with glue addresses) gives the next step's servers, and the final
//! answer (or NXDOMAIN, or no data) ends the walk. Servers that time out, refuse or answer
//! neither with data nor a referral (lame delegations) are shown, and the walk goes on with the
//! next one. Referrals without glue have their name servers' addresses found by a walk of
//! their own from the same start. With @SERVER, the root's name servers are asked of SERVER
//! first (as `dig +trace @SERVER` does) and the walk starts from them. Every query counts
//! against the lookup's [`Budget`]; when it runs out the walk stops and says so.

use std::io::{self, Write};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{DNSClass, Name, RData, RecordType};
use serde::Serialize;

use super::answer::presentation;
use super::message::{QueryFlags, Rr};
use super::source::{self, Budget, MAX_ASKED, MAX_DEPTH, MAX_STEPS, Reply, ask, glue, referral};
use crate::error::exit;
use crate::i18n::{Text, t};
use crate::output::{Paint, Report, Ui};
use crate::util::time::{human_ms, round_ms_opt};
use crate::wire::dns::types::{Rcode, Type};

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
    pub rcode: Option<Rcode>,
    /// The round trip (null: no answer).
    #[serde(serialize_with = "round_ms_opt")]
    pub rtt_ms: Option<f64>,
    /// What went wrong, in words (null: nothing; English in JSON).
    pub detail: Option<Text>,
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
    pub rtype: Type,
    /// The steps, from the root.
    pub steps: Vec<Step>,
    /// How it ended.
    pub end: End,
    /// The final answer's records.
    pub answer: Vec<Rr>,
    /// Why it failed (null: it did not; English in JSON).
    pub detail: Option<Text>,
    /// Where the walk's root servers came from: the server asked for them (null: root hints).
    pub root_servers: Option<Priming>,
    /// With --validate alone: how the records were asked (through a server, or from the root
    /// servers down); null for a walk.
    pub records_asked: Option<Text>,
    /// The queries sent, the walk's and the validation's.
    pub queries: usize,
    /// The DNSSEC verdict (null: --validate not asked).
    pub validation: Option<super::validate::Validation>,
    /// The last reply as it came (for validation: the answer's RRSIGs, the NSEC or NSEC3
    /// records of a negative answer).
    #[serde(skip)]
    pub reply: Option<Reply>,
}

/// The root servers as a server named them (`dig +trace @SERVER` asks it for `. NS`).
#[derive(Debug, Clone, Serialize)]
pub struct Priming {
    /// The server asked.
    pub server: SocketAddr,
    /// The root's name servers it gave, with their addresses.
    pub servers: Vec<NameServer>,
}

/// The walk's settings.
#[derive(Debug)]
pub struct WalkSettings<'a> {
    /// The queries and time the whole lookup may spend.
    pub budget: &'a Budget,
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
    settings: &WalkSettings<'_>,
) -> Walk {
    walk_at(name, rtype, class, start, settings, 0).await
}

/// Asks `server` (recursion on) for the root's name servers and their addresses, as
/// `dig +trace @SERVER` does: the glue of its answer, else each name asked of it.
pub async fn prime(
    server: SocketAddr,
    settings: &WalkSettings<'_>,
) -> Result<(Priming, Vec<Hop>), Text> {
    let flags = QueryFlags::default();
    let root = Name::root();
    let x = ask(
        settings.budget,
        server,
        &root,
        RecordType::NS,
        DNSClass::IN,
        &flags,
        settings.timeout,
    )
    .await
    .map_err(|e| Text::from(t!("dns-prime-failed", server = server, why = e)))?;
    let names: Vec<Name> = x
        .reply
        .answers
        .iter()
        .filter(|r| r.name.is_root())
        .filter_map(|r| match &r.data {
            RData::NS(ns) => Some(ns.0.clone()),
            _ => None,
        })
        .collect();
    if names.is_empty() {
        return Err(t!(
            "dns-prime-no-servers",
            server = server,
            rcode = Rcode(x.reply.metadata.response_code.into())
        )
        .into());
    }
    let mut servers = Vec::new();
    for ns in names.iter().take(13) {
        let mut addresses = glue(&x.reply, ns);
        let had_glue = !addresses.is_empty();
        if !had_glue
            && servers.len() < 4
            && let Ok(a) = ask(
                settings.budget,
                server,
                ns,
                RecordType::A,
                DNSClass::IN,
                &flags,
                settings.timeout,
            )
            .await
        {
            addresses = source::addresses_in(&a.reply.answers, ns);
        }
        servers.push(NameServer {
            name: presentation(ns),
            addresses,
            glue: had_glue,
        });
    }
    let hops = hops_of(&servers, settings.port);
    if hops.is_empty() {
        return Err(t!("dns-prime-no-addresses", server = server).into());
    }
    Ok((Priming { server, servers }, hops))
}

/// The servers to ask, IPv4 first: a host without IPv6 loses no time on it.
fn hops_of(found: &[NameServer], port: u16) -> Vec<Hop> {
    let mut hops = Vec::new();
    for v6 in [false, true] {
        for f in found {
            for a in f.addresses.iter().filter(|a| a.is_ipv6() == v6) {
                hops.push(Hop {
                    server: SocketAddr::new(*a, port),
                    ns: Some(f.name.clone()),
                });
            }
        }
    }
    hops
}

fn walk_at<'a>(
    name: &'a Name,
    rtype: RecordType,
    class: DNSClass,
    start: &'a [Hop],
    settings: &'a WalkSettings<'a>,
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
            rtype: Type(rtype),
            steps: Vec::new(),
            end: End::Failed,
            answer: Vec::new(),
            detail: None,
            root_servers: None,
            records_asked: None,
            queries: 0,
            validation: None,
            reply: None,
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
                let mut asked = Asked {
                    server: hop.server,
                    ns: hop.ns.clone(),
                    outcome: Outcome::Error,
                    rcode: None,
                    rtt_ms: None,
                    detail: None,
                };
                let x = match ask(
                    settings.budget,
                    hop.server,
                    name,
                    rtype,
                    class,
                    &flags,
                    settings.timeout,
                )
                .await
                {
                    Ok(x) => x,
                    Err(why) => {
                        if let Some(spent) = settings.budget.exhausted() {
                            walk.steps.push(step);
                            walk.detail = Some(spent);
                            return walk;
                        }
                        asked.outcome = if why.english().starts_with("no answer") {
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
                // hickory merged the OPT record's high bits into it (BADVERS, BADCOOKIE).
                asked.rcode = Some(Rcode(rcode.into()));
                let authoritative = m.metadata.authoritative;
                let answers: Vec<_> = m
                    .answers
                    .iter()
                    .filter(|r| owned_by(&r.name, name))
                    .collect();
                if rcode == ResponseCode::NXDomain && authoritative {
                    asked.outcome = Outcome::Nxdomain;
                    walk.end = End::Nxdomain;
                    walk.reply = Some(Reply::of(m));
                    ended = true;
                } else if rcode != ResponseCode::NoError {
                    asked.outcome = Outcome::Lame;
                    asked.detail = Some(t!("dns-lame-refused").into());
                } else if !answers.is_empty() {
                    asked.outcome = Outcome::Answer;
                    walk.end = End::Answer;
                    walk.answer = m.answers.iter().map(Rr::from_record).collect();
                    walk.reply = Some(Reply::of(m));
                    ended = true;
                } else if let Some((child, ns_names)) = referral(m, &zone, name) {
                    asked.outcome = Outcome::Referral;
                    let mut found = Vec::new();
                    for ns in &ns_names {
                        let glue = glue(m, ns);
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
                                .reply
                                .as_ref()
                                .map(|r| source::addresses_in(&r.answers, ns))
                                .unwrap_or_default();
                        }
                    }
                    if let Some(spent) = settings.budget.exhausted() {
                        step.asked.push(asked);
                        walk.steps.push(step);
                        walk.detail = Some(spent);
                        return walk;
                    }
                    let hops = hops_of(&found, settings.port);
                    step.referral = Some(Referral {
                        zone: presentation(&child),
                        servers: found,
                    });
                    next = Some((child, hops));
                } else if authoritative {
                    asked.outcome = Outcome::Nodata;
                    walk.end = End::Nodata;
                    walk.reply = Some(Reply::of(m));
                    ended = true;
                } else {
                    asked.outcome = Outcome::Lame;
                    asked.detail = Some(t!("dns-lame-neither").into());
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
                    walk.detail = Some(t!("dns-no-ns-address", zone = presentation(&child)).into());
                    return walk;
                }
                None => {
                    walk.detail = Some(t!("dns-zone-lame", zone = presentation(&zone)).into());
                    return walk;
                }
            }
        }
        walk.detail = Some(t!("dns-too-many-referrals", steps = MAX_STEPS).into());
        walk
    })
}

impl Walk {
    /// A walk of `name`/`rtype` that did not start (`detail` says why), or that validation
    /// alone fills in.
    pub fn failed(name: &Name, rtype: RecordType, detail: Option<Text>) -> Walk {
        Walk {
            name: presentation(name),
            rtype: Type(rtype),
            steps: Vec::new(),
            end: End::Failed,
            answer: Vec::new(),
            detail,
            root_servers: None,
            records_asked: None,
            queries: 0,
            validation: None,
            reply: None,
        }
    }

    /// How the walk ends when `reply` is the answer (validation without a walk).
    pub fn answered(&mut self, reply: &Reply) {
        self.end = match reply.rcode {
            ResponseCode::NXDomain => End::Nxdomain,
            ResponseCode::NoError if !reply.answers.is_empty() => End::Answer,
            ResponseCode::NoError => End::Nodata,
            other => {
                self.detail =
                    Some(t!("dns-the-server-answered", rcode = Rcode(other.into())).into());
                End::Failed
            }
        };
        self.answer = reply.answers.iter().map(Rr::from_record).collect();
        self.reply = Some(reply.clone());
    }

    /// Each zone of the walk from the root down with its servers (`start` for the root, a
    /// referral's for each zone below), on `port`: where validation asks its questions.
    pub fn cuts(&self, start: &[Hop], port: u16) -> Vec<(Name, Vec<SocketAddr>)> {
        let mut cuts = vec![(Name::root(), start.iter().map(|h| h.server).collect())];
        for r in self.steps.iter().filter_map(|s| s.referral.as_ref()) {
            let Ok(zone) = Name::from_ascii(&r.zone) else {
                continue;
            };
            let servers = hops_of(&r.servers, port).iter().map(|h| h.server).collect();
            cuts.push((zone, servers));
        }
        cuts
    }

    /// The DNSSEC verdict and its chain, when --validate asked for it.
    fn write_validation(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        use crate::wire::dnssec::Security;
        let Some(v) = &self.validation else {
            return Ok(());
        };
        for l in &v.chain {
            writeln!(
                out,
                "  {}",
                t!("dns-trace-link", zone = &l.zone, detail = l.detail.clone())
            )?;
        }
        let reason = || v.reason.clone().unwrap_or_else(|| Text::from(""));
        let line = match v.security {
            Security::Secure => ui.paint(Paint::Good, t!("dnssec-verdict-secure")),
            Security::Insecure => ui.paint(
                Paint::Warn,
                t!("dnssec-verdict-insecure", reason = reason()),
            ),
            Security::Bogus => ui.paint(Paint::Bad, t!("dnssec-verdict-bogus", reason = reason())),
            Security::Indeterminate => ui.paint(
                Paint::Warn,
                t!("dnssec-verdict-indeterminate", reason = reason()),
            ),
        };
        writeln!(out, "{line}")
    }
}

impl Report for Walk {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let list = t!("common-list-separator").to_string();
        match &self.records_asked {
            Some(how) => writeln!(
                out,
                "{}",
                t!(
                    "dns-validation-of",
                    name = &self.name,
                    rtype = self.rtype,
                    how = how.clone()
                )
            )?,
            None => writeln!(
                out,
                "{}",
                t!("dns-trace-of", name = &self.name, rtype = self.rtype)
            )?,
        }
        if let Some(p) = &self.root_servers {
            let servers: Vec<String> = p
                .servers
                .iter()
                .map(|n| {
                    let addrs: Vec<String> = n.addresses.iter().map(|a| a.to_string()).collect();
                    format!("{} [{}]", n.name, addrs.join(", "))
                })
                .collect();
            let line = t!(
                "dns-trace-root-servers",
                server = p.server,
                servers = servers.join(&list)
            );
            writeln!(out, "{line}")?;
        }
        for s in &self.steps {
            let zone = t!("common-label", label = &s.zone);
            writeln!(out, "{}", ui.paint(Paint::Bold, zone))?;
            for a in &s.asked {
                let who = match &a.ns {
                    Some(n) => format!("{n} ({})", a.server),
                    None => a.server.to_string(),
                };
                let said = match a.outcome {
                    Outcome::Referral => t!("dns-outcome-referral").to_string(),
                    Outcome::Answer => ui.paint(Paint::Good, t!("dns-outcome-answer")),
                    Outcome::Nxdomain => ui.paint(Paint::Warn, "NXDOMAIN"),
                    Outcome::Nodata => ui.paint(Paint::Warn, t!("dns-outcome-nodata")),
                    Outcome::Lame => ui.paint(Paint::Warn, t!("dns-outcome-lame")),
                    Outcome::Timeout => ui.paint(Paint::Warn, t!("dns-outcome-timeout")),
                    Outcome::Error => ui.paint(Paint::Bad, t!("dns-outcome-error")),
                };
                let line = match (a.rtt_ms, &a.detail) {
                    (Some(ms), Some(why)) => t!(
                        "dns-trace-asked-time-why",
                        who = who,
                        said = said,
                        time = human_ms(ms),
                        why = why.clone()
                    ),
                    (Some(ms), None) => {
                        t!(
                            "dns-trace-asked-time",
                            who = who,
                            said = said,
                            time = human_ms(ms)
                        )
                    }
                    (None, Some(why)) => {
                        t!(
                            "dns-trace-asked-why",
                            who = who,
                            said = said,
                            why = why.clone()
                        )
                    }
                    (None, None) => t!("dns-trace-asked", who = who, said = said),
                };
                writeln!(out, "  {line}")?;
            }
            if let Some(r) = &s.referral {
                let servers: Vec<String> = r
                    .servers
                    .iter()
                    .map(|n| {
                        let addrs: Vec<String> =
                            n.addresses.iter().map(|a| a.to_string()).collect();
                        let addrs = addrs.join(", ");
                        if n.glue {
                            t!("dns-trace-ns-glue", name = &n.name, addresses = addrs)
                        } else if n.addresses.is_empty() {
                            t!("dns-trace-ns-no-address", name = &n.name, addresses = addrs)
                        } else {
                            t!("dns-trace-ns-looked-up", name = &n.name, addresses = addrs)
                        }
                        .to_string()
                    })
                    .collect();
                let line = t!(
                    "dns-trace-served-by",
                    zone = &r.zone,
                    servers = servers.join(&list)
                );
                writeln!(out, "  → {line}")?;
            }
        }
        match self.end {
            End::Answer => {
                let mut t = super::view::records_table(ui);
                for r in &self.answer {
                    t.add_row([
                        r.owner(),
                        r.ttl.to_string(),
                        Type(r.rtype).to_string(),
                        r.data.clone(),
                    ]);
                }
                writeln!(out, "{t}")
            }
            End::Nxdomain => writeln!(
                out,
                "{}",
                ui.paint(Paint::Warn, t!("dns-trace-nxdomain", name = &self.name))
            ),
            End::Nodata => writeln!(
                out,
                "{}",
                ui.paint(
                    Paint::Warn,
                    t!("dns-trace-nodata", name = &self.name, rtype = self.rtype)
                )
            ),
            End::Failed => {
                let why = self
                    .detail
                    .clone()
                    .unwrap_or_else(|| t!("dns-outcome-timeout").into());
                let line = if self.records_asked.is_some() {
                    t!("dns-validate-failed", why = why)
                } else {
                    t!("dns-trace-stopped", why = why)
                };
                writeln!(out, "{}", ui.paint(Paint::Bad, line))
            }
        }?;
        self.write_validation(ui, out)
    }

    fn status(&self) -> u8 {
        if self
            .validation
            .as_ref()
            .is_some_and(|v| v.security == crate::wire::dnssec::Security::Bogus)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A walk that ends on an error code says it as dig's status line does (REFUSED), not in
    /// hickory's words ("Query Refused").
    #[test]
    fn a_failed_answer_names_its_code_as_dig_does() {
        let name = Name::from_ascii("www.example.").unwrap();
        for (code, word) in [
            (ResponseCode::Refused, "REFUSED"),
            (ResponseCode::ServFail, "SERVFAIL"),
            (ResponseCode::from(0, 11), "RESERVED11"),
        ] {
            let mut walk = Walk::failed(&name, RecordType::A, None);
            walk.answered(&Reply {
                rcode: code,
                answers: Vec::new(),
                authority: Vec::new(),
            });
            assert_eq!(walk.end, End::Failed);
            let said = walk.detail.map(|d| d.english().into_owned());
            assert_eq!(
                said.as_deref(),
                Some(format!("the server answered {word}").as_str())
            );
        }
    }
}
