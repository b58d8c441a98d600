//! `netkit dns NAME @A @B ... --compare`: the same question to every server at once, and for
//! each type which servers give the same answer (response code, what the reply is, and record
//! set; TTLs aside, since caches count them down): a referral is not the "no records" of an
//! authoritative server. Several servers otherwise only mean failover.

use std::io::{self, Write};
use std::net::SocketAddr;

use futures_util::future::join_all;
use hickory_resolver::proto::rr::{DNSClass, Name, RecordType};
use serde::Serialize;

use super::answer::{Status, classify, referral_to};
use super::message::{self, Over, QueryFlags};
use crate::error::exit;
use crate::i18n::{Message, Text, t};
use crate::output::{Paint, Report, Ui};
use crate::util::time::{human_ms, round_ms_opt};
use crate::wire::dns::types::{Rcode, Type};

/// What one server said.
#[derive(Debug, Clone, Serialize)]
pub struct ServerAnswer {
    /// The server.
    pub server: SocketAddr,
    /// Its response code (null: no answer).
    pub rcode: Option<Rcode>,
    /// What the reply is (answer, nodata, nxdomain, referral...; null: no answer).
    pub status: Option<Status>,
    /// Why that is no answer, in words (a referral's zone and servers; null: nothing to say;
    /// English in JSON).
    pub detail: Option<Text>,
    /// Where a referral sends the asker, for people ("referral to test. (ns.test.)").
    #[serde(skip)]
    pub referral: Option<Message>,
    /// The answer records as `TYPE data`, sorted (TTLs left out).
    pub records: Vec<String>,
    /// The round trip (null: no answer).
    #[serde(serialize_with = "round_ms_opt")]
    pub rtt_ms: Option<f64>,
    /// Why there was no answer (null: there was one; English in JSON).
    pub error: Option<Text>,
    /// Which group of agreeing servers it is in (0: the largest).
    pub group: usize,
}

/// One type compared across the servers.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// The name asked.
    pub name: String,
    /// The type asked.
    #[serde(rename = "type")]
    pub rtype: Type,
    /// Each server's answer, in the order given.
    pub servers: Vec<ServerAnswer>,
    /// Whether every server gave the same answer.
    pub agree: bool,
}

/// Every type compared.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Comparisons(pub Vec<Comparison>);

/// The answer's comparable part: response code, what the reply is, and sorted records.
fn key(a: &ServerAnswer) -> (Option<Rcode>, Option<Status>, &[String]) {
    (a.rcode, a.status, &a.records)
}

/// Asks every server for `name`/`rtype` at once and groups the servers by answer.
pub async fn compare(
    servers: &[SocketAddr],
    name: &Name,
    rtype: RecordType,
    class: DNSClass,
    flags: &QueryFlags,
    timeout: std::time::Duration,
    over: Over,
) -> Comparison {
    let asks = servers.iter().map(|&server| async move {
        let query = message::build_query(
            crate::util::random::unpredictable_u32() as u16,
            name,
            rtype,
            class,
            flags,
        );
        let got = match query.to_vec() {
            Ok(bytes) => message::ask(server, &bytes, timeout, over).await,
            Err(e) => Err(t!("dns-why-build-query", why = e.to_string()).into()),
        };
        match got {
            Ok(raw) => {
                let verdict = classify(&raw.message, name, rtype);
                let mut records: Vec<String> = raw
                    .message
                    .answer
                    .iter()
                    .map(|r| {
                        let line = format!("{} {} {}", r.owner(), Type(r.rtype), r.data);
                        line.trim_end().to_string()
                    })
                    .collect();
                records.sort();
                records.dedup();
                let referral = referral_to(&raw.message, name).map(|(zone, servers)| {
                    t!("dns-compare-referral", zone = zone, servers = servers)
                });
                let detail = matches!(verdict.status, Status::Referral | Status::CnameLoop)
                    .then_some(verdict.message)
                    .flatten();
                ServerAnswer {
                    server,
                    rcode: Some(Rcode(raw.message.rcode())),
                    status: Some(verdict.status),
                    detail,
                    referral,
                    records,
                    rtt_ms: Some(raw.rtt.as_secs_f64() * 1000.0),
                    error: None,
                    group: 0,
                }
            }
            Err(why) => ServerAnswer {
                server,
                rcode: None,
                status: None,
                detail: None,
                referral: None,
                records: Vec::new(),
                rtt_ms: None,
                error: Some(why),
                group: 0,
            },
        }
    });
    let mut answers = join_all(asks).await;
    // Groups, largest first (ties: the first server's group first).
    let mut groups: Vec<(usize, usize)> = Vec::new(); // (first index, size)
    for i in 0..answers.len() {
        let first = (0..=i)
            .find(|&j| key(&answers[j]) == key(&answers[i]))
            .unwrap_or(i);
        match groups.iter_mut().find(|(f, _)| *f == first) {
            Some(g) => g.1 += 1,
            None => groups.push((first, 1)),
        }
    }
    groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for i in 0..answers.len() {
        let first = (0..=i)
            .find(|&j| key(&answers[j]) == key(&answers[i]))
            .unwrap_or(i);
        answers[i].group = groups.iter().position(|(f, _)| *f == first).unwrap_or(0);
    }
    Comparison {
        name: super::answer::presentation(name),
        rtype: Type(rtype),
        agree: groups.len() <= 1,
        servers: answers,
    }
}

impl Report for Comparisons {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        for (i, c) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{} {}", c.name, c.rtype)?;
            let [server, group, rcode, records, time] = [
                t!("dns-compare-column-server"),
                t!("dns-compare-column-group"),
                t!("dns-compare-column-rcode"),
                t!("dns-compare-column-records"),
                t!("dns-compare-column-time"),
            ]
            .map(|m| m.to_string());
            let mut t = ui.table(&[&server, &group, &rcode, &records, &time]);
            t.expendable(&[&time, &group]);
            for s in &c.servers {
                let records = match (&s.error, s.records.is_empty(), s.status) {
                    (Some(e), _, _) => ui.cell(Paint::Bad, e.to_string()),
                    (None, true, Some(Status::Referral)) => {
                        let to = s.referral.as_ref().map(ToString::to_string);
                        let to = t!("dns-compare-parenthesized", text = to.unwrap_or_default());
                        ui.cell(Paint::Warn, to.to_string())
                    }
                    (None, true, _) => ui.cell(Paint::Dim, t!("dns-compare-none").to_string()),
                    (None, false, _) => s.records.join("\n").into(),
                };
                t.add_row([
                    s.server.to_string().into(),
                    char::from(b'A' + (s.group.min(25) as u8))
                        .to_string()
                        .into(),
                    s.rcode.map_or_else(|| "-".into(), |r| r.to_string()).into(),
                    records,
                    s.rtt_ms.map_or("-".to_string(), human_ms).into(),
                ]);
            }
            writeln!(out, "{t}")?;
            let n = c.servers.len();
            let line = if c.agree {
                ui.paint(Paint::Good, t!("dns-compare-agree", servers = n))
            } else {
                let groups = c.servers.iter().map(|s| s.group).max().unwrap_or(0) + 1;
                ui.paint(
                    Paint::Warn,
                    t!("dns-compare-disagree", answers = groups, servers = n),
                )
            };
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    /// 0 all agree, 1 any disagreement, 3 no server answered at all.
    fn status(&self) -> u8 {
        let none_answered = self
            .0
            .iter()
            .all(|c| c.servers.iter().all(|s| s.error.is_some()));
        if none_answered {
            exit::NETWORK
        } else if self.0.iter().all(|c| c.agree) {
            exit::OK
        } else {
            exit::NEGATIVE
        }
    }
}
