//! The pure result side of `netkit dns`: what one reply says ([`classify`]: an answer, NXDOMAIN,
//! no data, a referral, a CNAME loop, SERVFAIL, REFUSED, an error), which answer records belong
//! to the question (the name and its CNAME chain, as a stub resolver takes them), and the exit
//! status a set of results implies. No I/O.

use std::collections::{HashMap, HashSet};

use hickory_resolver::proto::rr::{Name, RecordType};
use serde::Serialize;

use crate::i18n::{Text, t};
use crate::wire::dns::message::Message;
pub use crate::wire::dns::name::presentation;
use crate::wire::dns::record::Record;
use crate::wire::dns::types::{Rcode, Type};

use crate::error::exit;

/// What a query came back with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// At least one record answered.
    Answer,
    /// The name does not exist (NXDOMAIN).
    NxDomain,
    /// The name exists but has no records of this type (NOERROR, empty answer).
    NoData,
    /// The server does not answer for the name and does not recurse: it named the servers of a
    /// zone below it instead (RFC 1034 4.3.1, RFC 2308 2.2).
    Referral,
    /// The CNAME chain comes back to a name it passed.
    #[serde(rename = "cname_loop")]
    CnameLoop,
    /// The server failed (SERVFAIL).
    ServFail,
    /// The server refused to answer (REFUSED).
    Refused,
    /// No answer within the timeout (after the retries).
    Timeout,
    /// Anything else: another response code, a connection error, a malformed reply.
    Error,
    /// The input was not a valid name (bulk mode: the line is reported, not asked).
    Invalid,
}

impl Status {
    /// True for the two negative answers (NXDOMAIN, no data): the server answered "no".
    pub fn is_negative(self) -> bool {
        matches!(self, Status::NxDomain | Status::NoData)
    }

    /// True when the server did not give an answer at all (try the next server).
    pub fn is_failure(self) -> bool {
        matches!(
            self,
            Status::Referral
                | Status::CnameLoop
                | Status::ServFail
                | Status::Refused
                | Status::Timeout
                | Status::Error
        )
    }

    /// How people read it: the [`tag`](Status::tag), the same word everywhere, with what it
    /// means (and for REFUSED, what to do next).
    pub fn describe(self) -> crate::i18n::Message {
        match self {
            Status::Answer => t!("dns-status-answer"),
            Status::NxDomain => t!("dns-status-nxdomain"),
            Status::NoData => t!("dns-status-nodata"),
            Status::Referral => t!("dns-status-referral"),
            Status::CnameLoop => t!("dns-status-cname-loop"),
            Status::ServFail => t!("dns-status-servfail"),
            Status::Refused => t!("dns-status-refused"),
            Status::Timeout => t!("dns-status-timeout"),
            Status::Error => t!("dns-status-error"),
            Status::Invalid => t!("dns-status-invalid"),
        }
    }

    /// Short upper-case tag for one-line output.
    pub fn tag(self) -> &'static str {
        match self {
            Status::Answer => "ANSWER",
            Status::NxDomain => "NXDOMAIN",
            Status::NoData => "NODATA",
            Status::Referral => "REFERRAL",
            Status::CnameLoop => "LOOP",
            Status::ServFail => "SERVFAIL",
            Status::Refused => "REFUSED",
            Status::Timeout => "TIMEOUT",
            Status::Error => "ERROR",
            Status::Invalid => "INVALID",
        }
    }
}

/// How a reply came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Carried {
    /// One UDP datagram.
    Udp,
    /// TCP (after a truncated UDP answer, or asked over TCP).
    Tcp,
    /// DNS over TLS.
    Tls,
    /// DNS over HTTPS.
    Https,
}

impl Carried {
    /// The transport's name for people.
    pub fn label(self) -> &'static str {
        match self {
            Carried::Udp => "UDP",
            Carried::Tcp => "TCP",
            Carried::Tls => "TLS",
            Carried::Https => "HTTPS",
        }
    }
}

/// A response as it came to one query: the message as `wire::dns` read it (laid out as JSON only
/// when written, see [`Received`](super::message::Received)), its size and how it was carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The message.
    pub message: Message,
    /// Its size in bytes.
    pub size: usize,
    /// UDP, TCP, TLS or HTTPS.
    pub transport: Carried,
    /// A truncated UDP answer came before this one, which came over TCP.
    pub retried_over_tcp: bool,
}

#[cfg(test)]
impl Response {
    /// A response that came in one UDP datagram of `size` bytes.
    pub fn udp(message: Message, size: usize) -> Self {
        Response {
            message,
            size,
            transport: Carried::Udp,
            retried_over_tcp: false,
        }
    }
}

/// What one server said to one query: its status, the records that answer it, why it is no
/// answer, where a CNAME chain leads that the reply does not follow, and the response it was
/// read from.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The kind of answer.
    pub status: Status,
    /// The records of the name and its CNAME chain (empty for a failure).
    pub answers: Vec<Record>,
    /// Why it is not an answer, in words (None: nothing to say; English in JSON).
    pub message: Option<Text>,
    /// Answer records ignored because their owner is neither the name asked nor in its CNAME
    /// chain (see [`related`]).
    pub ignored: usize,
    /// The name the CNAME chain ends at, when the reply holds nothing for it and no zone of the
    /// server's covers it: the chain leaves the server's zones, and a follow-up query may learn
    /// more (None: the reply is complete).
    pub leads_to: Option<Name>,
    /// The response this reply was read from, whole (None: none came).
    pub response: Option<Box<Response>>,
}

impl Reply {
    /// A reply with no records.
    pub fn bare(status: Status, message: Option<Text>) -> Self {
        Reply {
            status,
            answers: Vec::new(),
            message,
            ignored: 0,
            leads_to: None,
            response: None,
        }
    }
}

/// The Extended DNS Errors of a reply, for a failure's message (`EDE 6 (DNSSEC Bogus): ...`).
fn ede_text(m: &Message) -> Option<String> {
    let ede: Vec<String> = m.ede().iter().map(ToString::to_string).collect();
    (!ede.is_empty()).then(|| ede.join("; "))
}

/// Reads a reply to the question `qname` / `rtype` (its ID and question already matched):
/// - another opcode than QUERY, or a response code with no meaning for a query: an error,
///   naming the code (`server answered RCODE 16 (BADVERS)`); SERVFAIL and REFUSED as such, with
///   the server's Extended DNS Errors;
/// - the records of `qname` and its CNAME chain answer ([`related`]); a chain that comes back on
///   itself is a CNAME loop;
/// - records of the type at the chain's end: an answer; NXDOMAIN: the chain's end does not
///   exist; otherwise an alias whose target the server's zones cover (its SOA in the authority
///   section) has no data there, and one they do not cover leads out of them
///   ([`Reply::leads_to`]: the chain is the answer);
/// - no record at all: a referral when the server is not authoritative and names the servers
///   of a zone above the name without an SOA (RFC 2308 2.2), else no data.
///
/// The reply carries no response; the caller adds it.
pub fn classify(m: &Message, qname: &Name, rtype: RecordType) -> Reply {
    if m.header.opcode != 0 {
        return Reply::bare(
            Status::Error,
            Some(t!("dns-why-opcode", opcode = m.header.opcode).into()),
        );
    }
    let rcode = m.rcode();
    let ede = ede_text(m);
    match rcode {
        0 | 3 => {}
        2 => return Reply::bare(Status::ServFail, ede.map(Text::from)),
        5 => return Reply::bare(Status::Refused, ede.map(Text::from)),
        other => {
            let what: Text = match other {
                16 => t!("dns-why-badvers").into(),
                _ => Rcode(other).to_string().into(),
            };
            let why = match ede {
                Some(e) => t!("dns-why-rcode-ede", rcode = other, what = what, ede = e),
                None => t!("dns-why-rcode", rcode = other, what = what),
            };
            return Reply::bare(Status::Error, Some(why.into()));
        }
    }
    let (kept, ignored) = related(qname, &m.answer);
    let answers: Vec<Record> = kept.into_iter().cloned().collect();
    let chain = follow(qname, rtype, &answers);
    let verdict = |status, message| Reply {
        answers: answers.clone(),
        ignored,
        ..Reply::bare(status, message)
    };
    if let Chain::Loop(names) = &chain {
        return verdict(Status::CnameLoop, Some(cname_loop(names).into()));
    }
    let Chain::End { end, answered } = chain else {
        unreachable!("a chain ends or loops");
    };
    if answered {
        if rcode == 3 {
            return verdict(
                Status::Error,
                Some(t!("dns-why-nxdomain-with-records").into()),
            );
        }
        return verdict(Status::Answer, None);
    }
    let aliased = end != *qname;
    if rcode == 3 {
        let why = aliased.then(|| t!("dns-why-chain-nxdomain", name = presentation(&end)).into());
        return verdict(Status::NxDomain, why);
    }
    if aliased {
        let covered = m
            .authority
            .iter()
            .any(|r| r.rtype == RecordType::SOA && r.name.zone_of(&end));
        if covered {
            return verdict(
                Status::NoData,
                Some(
                    t!(
                        "dns-why-chain-nodata",
                        name = presentation(&end),
                        rtype = Type(rtype)
                    )
                    .into(),
                ),
            );
        }
        return Reply {
            leads_to: Some(end),
            ..verdict(Status::Answer, None)
        };
    }
    if let Some(why) = referral(m, qname) {
        return Reply {
            answers: Vec::new(),
            ..verdict(Status::Referral, Some(why.into()))
        };
    }
    verdict(Status::NoData, None)
}

/// "referral to test. (ns.test.): this server does not recurse; try --trace or a resolver",
/// when `m` is one for `qname`: not authoritative, no SOA in the authority section, and NS
/// records there for a zone holding the name.
pub fn referral(m: &Message, qname: &Name) -> Option<crate::i18n::Message> {
    let (zone, servers) = referral_to(m, qname)?;
    Some(t!("dns-why-referral", zone = zone, servers = servers))
}

/// The zone a referral for `qname` sends the asker to and its name servers (`test.`,
/// `ns.test., ns2.test.`), when `m` is one (see [`referral`]).
pub fn referral_to(m: &Message, qname: &Name) -> Option<(String, String)> {
    if m.header.flags.aa || m.authority.iter().any(|r| r.rtype == RecordType::SOA) {
        return None;
    }
    let mut zone: Option<&Name> = None;
    let mut servers: Vec<String> = Vec::new();
    for r in &m.authority {
        if r.rtype != RecordType::NS || !r.name.zone_of(qname) {
            continue;
        }
        match zone {
            Some(z) if *z != r.name => continue,
            _ => zone = Some(&r.name),
        }
        if let Some(ns) = r.name_at(0) {
            servers.push(presentation(&ns));
        }
    }
    let zone = zone?;
    Some((presentation(zone), servers.join(", ")))
}

/// "CNAME loop: a. → b. → a.", the names of a chain that came back on itself.
pub fn cname_loop(names: &[String]) -> crate::i18n::Message {
    t!("dns-why-cname-loop", names = names.join(" → "))
}

/// Where a chain of CNAMEs from the name asked goes.
enum Chain {
    /// It ends at `end` (the name asked when it is no alias); `answered`: records of the type
    /// asked are there (or along the chain, for a CNAME question).
    End { end: Name, answered: bool },
    /// It comes back to a name it passed: the names in order, the first again at the end.
    Loop(Vec<String>),
}

/// Follows the CNAMEs of `records` from `qname` (a question for CNAME itself is answered by
/// the first one).
fn follow(qname: &Name, rtype: RecordType, records: &[Record]) -> Chain {
    let mut at = qname.clone();
    let mut seen: Vec<Name> = vec![at.clone()];
    loop {
        let here: Vec<&Record> = records.iter().filter(|r| r.name == at).collect();
        if here.iter().any(|r| r.rtype == rtype) {
            return Chain::End {
                end: at,
                answered: true,
            };
        }
        let Some(target) = here.iter().find_map(|r| r.cname_target()) else {
            return Chain::End {
                end: at,
                answered: false,
            };
        };
        if seen.contains(&target) {
            let mut names: Vec<String> = seen.iter().map(presentation).collect();
            names.push(presentation(&target));
            // From where the loop starts.
            let from = seen.iter().position(|n| *n == target).unwrap_or(0);
            return Chain::Loop(names.split_off(from));
        }
        seen.push(target.clone());
        at = target;
    }
}

/// The answer records that answer a question for `qname`, in their order, and how many others
/// the answer section held. A stub resolver takes only records owned by the name asked or by a
/// name its CNAME chain leads to (and a DNAME above one of those, which the chain's CNAME was
/// made from); anything else (`evil.example A ...` in the answer to `www.example.test A`) is
/// data nobody asked this server for, and is ignored (RFC 1035 7.3, RFC 5452 9.1).
pub fn related<'a>(qname: &Name, records: &'a [Record]) -> (Vec<&'a Record>, usize) {
    let mut head = qname.clone();
    head.set_fqdn(true);
    // Owner -> CNAME targets, then the chain from the name asked (each name once, so a loop
    // ends; linear in the records, however many a hostile answer holds).
    let mut cnames: HashMap<&Name, Vec<Name>> = HashMap::new();
    for r in records {
        if let Some(target) = r.cname_target() {
            cnames.entry(&r.name).or_default().push(target);
        }
    }
    let mut chain: HashSet<Name> = HashSet::new();
    let mut todo: Vec<Name> = vec![head];
    while let Some(name) = todo.pop() {
        if !chain.contains(&name) {
            todo.extend(cnames.get(&name).into_iter().flatten().cloned());
            chain.insert(name);
        }
    }
    let ancestors: HashSet<Name> = if records.iter().any(|r| r.rtype == RecordType::DNAME) {
        chain
            .iter()
            .flat_map(|n| (1..=n.num_labels()).map(|i| n.trim_to(usize::from(n.num_labels() - i))))
            .collect()
    } else {
        HashSet::new()
    };
    let kept: Vec<&Record> = records
        .iter()
        .filter(|r| {
            chain.contains(&r.name) || (r.rtype == RecordType::DNAME && ancestors.contains(&r.name))
        })
        .collect();
    let ignored = records.len() - kept.len();
    (kept, ignored)
}

/// Whether a failure among `statuses` is excused: REFUSED for one type of a name another type
/// of which answered (a server that answers A but refuses AAAA: the name resolves, with a
/// note).
fn excused(status: Status, statuses: &[Status]) -> bool {
    status == Status::Refused && statuses.contains(&Status::Answer)
}

/// The exit status of a set of query results: any failure (a referral, SERVFAIL, REFUSED, a
/// timeout, an error; REFUSED excused when another type answered) is 3; otherwise an invalid
/// name is 2; otherwise any answer is 0; otherwise (all NXDOMAIN / no data) 1.
pub fn exit_status(statuses: impl IntoIterator<Item = Status>) -> u8 {
    let statuses: Vec<Status> = statuses.into_iter().collect();
    let failed = statuses
        .iter()
        .any(|s| s.is_failure() && !excused(*s, &statuses));
    if failed {
        exit::NETWORK
    } else if statuses.contains(&Status::Invalid) {
        exit::USAGE
    } else if statuses.contains(&Status::Answer) || statuses.is_empty() {
        exit::OK
    } else {
        exit::NEGATIVE
    }
}

/// The summary status of one name's queries: invalid when the name was, else the first
/// failure (REFUSED excused when another type answered), else answer when any answered, else
/// NXDOMAIN when any said so (the name does not exist at all), else no data.
pub fn overall(statuses: &[Status]) -> Status {
    if statuses.contains(&Status::Invalid) {
        Status::Invalid
    } else if let Some(f) = statuses
        .iter()
        .find(|s| s.is_failure() && !excused(**s, statuses))
    {
        *f
    } else if statuses.contains(&Status::Answer) {
        Status::Answer
    } else if statuses.contains(&Status::NxDomain) {
        Status::NxDomain
    } else {
        Status::NoData
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::dns::message::read;
    use crate::wire::dns::name::wire;

    #[test]
    fn exit_codes() {
        use Status::*;
        assert_eq!(exit_status([Answer, NoData]), 0);
        assert_eq!(exit_status([NxDomain, NxDomain]), 1);
        assert_eq!(exit_status([NoData]), 1);
        assert_eq!(exit_status([Answer, Timeout]), 3);
        assert_eq!(exit_status([Refused]), 3);
        assert_eq!(exit_status([ServFail, NxDomain]), 3);
        assert_eq!(exit_status([Referral]), 3);
        assert_eq!(exit_status([CnameLoop]), 3);
        // Issue 27 item 5: an answer with REFUSED for another type is a success.
        assert_eq!(exit_status([Answer, Refused]), 0);
        assert_eq!(exit_status([NoData, Refused]), 3);
    }

    #[test]
    fn overall_status() {
        use Status::*;
        assert_eq!(overall(&[Answer, NoData]), Answer);
        assert_eq!(overall(&[NoData, NoData]), NoData);
        assert_eq!(overall(&[NxDomain, NxDomain]), NxDomain);
        assert_eq!(overall(&[Answer, Timeout]), Timeout);
        assert_eq!(overall(&[Answer, Refused]), Answer);
        assert_eq!(overall(&[Referral, Referral]), Referral);
    }

    /// A reply built from its sections: (owner, type, data) per record, as zone-file text for
    /// the few types used here.
    struct Built {
        aa: bool,
        rcode: u8,
        answer: Vec<(&'static str, u16, Vec<u8>)>,
        authority: Vec<(&'static str, u16, Vec<u8>)>,
    }

    fn soa() -> Vec<u8> {
        [wire("ns.test."), wire("admin.test."), vec![0; 20]].concat()
    }

    impl Built {
        fn bytes(&self, q: &str) -> Vec<u8> {
            let mut m = vec![0, 1, if self.aa { 0x84 } else { 0x80 }, self.rcode, 0, 1];
            m.extend_from_slice(&(self.answer.len() as u16).to_be_bytes());
            m.extend_from_slice(&(self.authority.len() as u16).to_be_bytes());
            m.extend_from_slice(&[0, 0]);
            m.extend_from_slice(&wire(q));
            m.extend_from_slice(&[0, 1, 0, 1]);
            for (owner, t, data) in self.answer.iter().chain(&self.authority) {
                m.extend_from_slice(&wire(owner));
                m.extend_from_slice(&t.to_be_bytes());
                m.extend_from_slice(&[0, 1, 0, 0, 0, 60]);
                m.extend_from_slice(&(data.len() as u16).to_be_bytes());
                m.extend_from_slice(data);
            }
            m
        }

        fn verdict(&self, q: &str) -> super::Reply {
            let m = read(&self.bytes(q)).unwrap();
            classify(&m, &Name::from_ascii(q).unwrap(), RecordType::A)
        }
    }

    fn reply(aa: bool, rcode: u8) -> Built {
        Built {
            aa,
            rcode,
            answer: Vec::new(),
            authority: Vec::new(),
        }
    }

    /// Issue 24 item 2: a referral is a referral, not NODATA.
    #[test]
    fn a_referral_is_no_nodata() {
        let mut r = reply(false, 0);
        r.authority.push(("test.", 2, wire("ns.test.")));
        let v = r.verdict("www.lab.test.");
        assert_eq!(v.status, Status::Referral);
        assert_eq!(
            v.message.unwrap().english(),
            "referral to test. (ns.test.): this server does not recurse; try --trace or a resolver"
        );
        // Authoritative, or with the zone's SOA: no data.
        r.aa = true;
        assert_eq!(r.verdict("www.lab.test.").status, Status::NoData);
        let mut r = reply(false, 0);
        r.authority.push(("test.", 6, soa()));
        assert_eq!(r.verdict("www.lab.test.").status, Status::NoData);
        // NS records of a zone that does not hold the name are no referral for it.
        let mut r = reply(false, 0);
        r.authority.push(("other.", 2, wire("ns.other.")));
        assert_eq!(r.verdict("www.lab.test.").status, Status::NoData);
    }

    /// Issue 24 items 3 and 14: a chain is kept whatever it leads to; a loop says so.
    #[test]
    fn chains_that_leave_the_zones_and_chains_that_loop() {
        let mut r = reply(true, 0);
        r.answer
            .push(("www.lab.test.", 5, wire("www.example.com.")));
        let v = r.verdict("www.lab.test.");
        assert_eq!(v.status, Status::Answer);
        assert_eq!(v.answers[0].data, "www.example.com.");
        assert_eq!(
            v.leads_to,
            Some(Name::from_ascii("www.example.com.").unwrap())
        );
        // The target is in the server's zone (its SOA): no data there.
        r.answer[0].2 = wire("v6.lab.test.");
        r.authority.push(("lab.test.", 6, soa()));
        let v = r.verdict("www.lab.test.");
        assert_eq!((v.status, v.leads_to), (Status::NoData, None));
        assert!(
            v.message
                .unwrap()
                .english()
                .contains("v6.lab.test. (where the CNAME chain leads)")
        );
        // NXDOMAIN for the target.
        let mut r = reply(true, 3);
        r.answer.push(("www.lab.test.", 5, wire("gone.lab.test.")));
        let v = r.verdict("www.lab.test.");
        assert_eq!(v.status, Status::NxDomain);
        assert_eq!(v.answers.len(), 1);
        // A loop.
        let mut r = reply(true, 0);
        r.answer.push(("www.lab.test.", 5, wire("a.lab.test.")));
        r.answer.push(("a.lab.test.", 5, wire("b.lab.test.")));
        r.answer.push(("b.lab.test.", 5, wire("a.lab.test.")));
        let v = r.verdict("www.lab.test.");
        assert_eq!(v.status, Status::CnameLoop);
        assert_eq!(
            v.message.unwrap().english(),
            "CNAME loop: a.lab.test. → b.lab.test. → a.lab.test."
        );
        assert_eq!(v.answers.len(), 3);
        // The chain to an address is an answer.
        let mut r = reply(true, 0);
        r.answer.push(("www.lab.test.", 5, wire("a.lab.test.")));
        r.answer.push(("a.lab.test.", 1, vec![192, 0, 2, 1]));
        let v = r.verdict("www.lab.test.");
        assert_eq!(
            (v.status, v.leads_to, v.answers.len()),
            (Status::Answer, None, 2)
        );
    }

    /// Regression (issue 12): RCODE 11 and 15 and an UPDATE response read as "no data"; issue
    /// 24 item 13: extended RCODE 16 is BADVERS.
    #[test]
    fn other_codes_are_errors_naming_the_code() {
        for (code, want) in [
            (11u8, "server answered RCODE 11 (RESERVED11)"),
            (15, "server answered RCODE 15"),
        ] {
            let v = reply(true, code).verdict("x.test.");
            assert_eq!(v.status, Status::Error);
            assert!(v.message.unwrap().english().starts_with(want));
        }
        assert_eq!(reply(true, 2).verdict("x.test.").status, Status::ServFail);
        assert_eq!(reply(true, 5).verdict("x.test.").status, Status::Refused);
        let mut update = reply(true, 0).bytes("x.test.");
        update[2] |= 5 << 3;
        let m = read(&update).unwrap();
        let v = classify(&m, &Name::from_ascii("x.test.").unwrap(), RecordType::A);
        assert_eq!(
            v.message.unwrap().english(),
            "server answered with opcode 5 instead of QUERY"
        );
    }

    /// Regression (issue 12): records of an unrelated owner were shown as the answer.
    #[test]
    fn only_the_name_and_its_cname_chain_answer() {
        let mut r = reply(true, 0);
        r.answer.push(("evil.example.", 1, vec![203, 0, 113, 66]));
        r.answer.push(("WWW.example.test.", 1, vec![192, 0, 2, 1]));
        let v = r.verdict("www.example.test.");
        assert_eq!((v.answers.len(), v.ignored), (1, 1));
        assert_eq!(v.answers[0].owner(), "WWW.example.test.");
        // A chain in any order and strays: a CNAME of another owner, a record of a name in the
        // same zone.
        let mut r = reply(true, 0);
        r.answer.push(("c3.example.test.", 1, vec![192, 0, 2, 3]));
        r.answer
            .push(("c2.example.test.", 5, wire("c3.example.test.")));
        r.answer
            .push(("www.example.test.", 5, wire("c2.example.test.")));
        r.answer
            .push(("evil.example.", 5, wire("www.example.test.")));
        r.answer.push(("c9.example.test.", 1, vec![192, 0, 2, 9]));
        let v = r.verdict("www.example.test.");
        assert_eq!(v.status, Status::Answer);
        assert_eq!((v.answers.len(), v.ignored), (3, 2));
    }
}
