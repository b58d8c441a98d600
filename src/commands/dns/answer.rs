//! The pure result side of `netkit dns`: what one query came back with (answer, NXDOMAIN, no
//! data, SERVFAIL, REFUSED, timeout...), which answer records belong to the question (the name
//! and its CNAME chain, as a stub resolver takes them), names and records in presentation form,
//! and the exit status a set of results implies. No I/O.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use hickory_resolver::proto::dnssec::PublicKey;
use hickory_resolver::proto::dnssec::rdata::DNSSECRData;
use hickory_resolver::proto::op::{OpCode, ResponseCode};
use hickory_resolver::proto::rr::rdata::svcb::{SVCB, SvcParamKey, SvcParamValue};
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};
use serde::Serialize;

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
            Status::ServFail | Status::Refused | Status::Timeout | Status::Error
        )
    }

    /// How people read it: the [`tag`](Status::tag), the same word everywhere, with what it
    /// means.
    pub fn describe(self) -> &'static str {
        match self {
            Status::Answer => "ANSWER",
            Status::NxDomain => "NXDOMAIN: no such name",
            Status::NoData => "NODATA: the name exists but has no records of this type",
            Status::ServFail => "SERVFAIL: the server failed to answer",
            Status::Refused => "REFUSED: the server refused to answer",
            Status::Timeout => "TIMEOUT",
            Status::Error => "ERROR",
            Status::Invalid => "INVALID: not a name DNS can carry",
        }
    }

    /// Short upper-case tag for one-line output.
    pub fn tag(self) -> &'static str {
        match self {
            Status::Answer => "ANSWER",
            Status::NxDomain => "NXDOMAIN",
            Status::NoData => "NODATA",
            Status::ServFail => "SERVFAIL",
            Status::Refused => "REFUSED",
            Status::Timeout => "TIMEOUT",
            Status::Error => "ERROR",
            Status::Invalid => "INVALID",
        }
    }
}

/// One resource record in presentation form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// The owner name (fully qualified, ASCII).
    pub name: String,
    /// Time to live in seconds.
    pub ttl: u32,
    /// The record type (A, MX...).
    #[serde(rename = "type", serialize_with = "type_name")]
    pub rtype: RecordType,
    /// The record data as in a zone file (`10 mail.example.com.`, `"v=spf1 -all"`).
    pub data: String,
}

/// A record type as DNS names it (`A`, `MX`, `TYPE65534`).
pub fn type_name<S: serde::Serializer>(t: &RecordType, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&type_text(*t))
}

/// A record type's mnemonic, or RFC 3597's `TYPEnnn` for one without (hickory's Display says
/// "Unknown" for all of those).
pub fn type_text(t: RecordType) -> String {
    match t {
        RecordType::Unknown(n) => format!("TYPE{n}"),
        other => other.to_string(),
    }
}

impl Answer {
    /// Converts a hickory record.
    pub fn from_record(record: &Record) -> Self {
        Answer {
            name: presentation(&record.name),
            ttl: record.ttl,
            rtype: record.record_type(),
            data: format_rdata(&record.data),
        }
    }
}

/// The answer records that answer a question for `qname`, in their order, and how many others
/// the answer section held. A stub resolver takes only records owned by the name asked or by a
/// name its CNAME chain leads to (and a DNAME above one of those, which the chain's CNAME was
/// made from); anything else (`evil.example A ...` in the answer to `www.example.test A`) is
/// data nobody asked this server for, and is ignored (RFC 1035 7.3, RFC 5452 9.1).
pub fn related<'a>(qname: &Name, records: &'a [Record]) -> (Vec<&'a Record>, usize) {
    related_to(std::slice::from_ref(qname), records)
}

/// [`related`] for a question that may have been asked as any of `heads` (a relative name and
/// its search-list expansions; a resolver that followed a CNAME to another query).
pub fn related_to<'a>(heads: &[Name], records: &'a [Record]) -> (Vec<&'a Record>, usize) {
    let heads: Vec<Name> = heads
        .iter()
        .map(|h| {
            let mut h = h.clone();
            h.set_fqdn(true);
            h
        })
        .collect();
    // Owner -> CNAME targets, then the chain from the name asked (each name once, so a loop
    // ends; linear in the records, however many a hostile answer holds).
    let mut cnames: HashMap<&Name, Vec<&Name>> = HashMap::new();
    for r in records {
        if let RData::CNAME(target) = &r.data {
            cnames.entry(&r.name).or_default().push(&target.0);
        }
    }
    let mut chain: HashSet<&Name> = HashSet::new();
    let mut todo: Vec<&Name> = heads.iter().collect();
    while let Some(name) = todo.pop() {
        if chain.insert(name) {
            todo.extend(cnames.get(name).into_iter().flatten().copied());
        }
    }
    let ancestors: HashSet<Name> = if records.iter().any(|r| r.record_type() == RecordType::DNAME) {
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
            chain.contains(&r.name)
                || (r.record_type() == RecordType::DNAME && ancestors.contains(&r.name))
        })
        .collect();
    let ignored = records.len() - kept.len();
    (kept, ignored)
}

/// Why a response with this header cannot be read as an answer at all: another OPCODE than
/// QUERY, or an RCODE with no meaning for a query (a server error, as dig reports `status:
/// RESERVED11`). None for the codes netkit reads (NOERROR, NXDOMAIN) and the failures it names
/// itself (SERVFAIL, REFUSED, FORMERR...).
pub fn unusable(op_code: OpCode, rcode: ResponseCode) -> Option<String> {
    if op_code != OpCode::Query {
        return Some(format!(
            "server answered with opcode {} instead of QUERY",
            u8::from(op_code)
        ));
    }
    match rcode {
        ResponseCode::Unknown(code) => Some(format!("server answered RCODE {code}")),
        _ => None,
    }
}

/// A domain name in presentation format (RFC 1035 5.1, as dig and zone files write it): labels
/// joined by dots, a trailing dot for a fully qualified name, `.` for the root; in a label, the
/// characters with a meaning in zone files (`. ; \ " ( ) @ $`) escaped with a backslash, and
/// every byte outside printable ASCII (control bytes, space, UTF-8) as `\DDD` in decimal: ESC is
/// `\027`. (hickory's `to_ascii` writes octal, `\033`; its Display decodes punycode.) Every
/// name `netkit dns` shows, in tables and in JSON, is written here.
pub fn presentation(name: &Name) -> String {
    if name.is_root() {
        return ".".into();
    }
    let mut s = String::with_capacity(name.len());
    for (i, label) in name.iter().enumerate() {
        if i > 0 {
            s.push('.');
        }
        for &b in label {
            match b {
                b'.' | b';' | b'\\' | b'"' | b'(' | b')' | b'@' | b'$' => {
                    s.push('\\');
                    s.push(char::from(b));
                }
                0x21..=0x7e => s.push(char::from(b)),
                _ => {
                    let _ = write!(s, "\\{b:03}");
                }
            }
        }
    }
    if name.is_fqdn() {
        s.push('.');
    }
    s
}

/// Record data as dig prints it. Names in presentation format ([`presentation`]); TXT, CAA
/// values, HINFO and NAPTR strings quoted with `\DDD` escapes (hickory's Display joins TXT
/// strings bare and writes the others' bytes as they are); SVCB and HTTPS parameters are written in
/// RFC 9460's presentation format (hickory's leaves a comma after every list).
pub fn format_rdata(data: &RData) -> String {
    match data {
        RData::TXT(txt) => txt
            .txt_data
            .iter()
            .map(|part| quoted(part))
            .collect::<Vec<_>>()
            .join(" "),
        RData::SVCB(svcb) => format_svcb(svcb),
        RData::HTTPS(https) => format_svcb(&https.0),
        RData::DNSSEC(d) => format_dnssec(d),
        RData::CNAME(n) => presentation(&n.0),
        RData::NS(n) => presentation(&n.0),
        RData::PTR(n) => presentation(&n.0),
        RData::ANAME(n) => presentation(&n.0),
        RData::MX(mx) => format!("{} {}", mx.preference, presentation(&mx.exchange)),
        RData::SRV(srv) => format!(
            "{} {} {} {}",
            srv.priority,
            srv.weight,
            srv.port,
            presentation(&srv.target)
        ),
        RData::SOA(soa) => format!(
            "{} {} {} {} {} {} {}",
            presentation(&soa.mname),
            presentation(&soa.rname),
            soa.serial,
            soa.refresh,
            soa.retry,
            soa.expire,
            soa.minimum
        ),
        RData::CAA(caa) => format!("{} {} {}", caa.flags(), caa.tag, quoted(&caa.value)),
        RData::HINFO(hinfo) => format!("{} {}", quoted(&hinfo.cpu), quoted(&hinfo.os)),
        RData::NAPTR(naptr) => format!(
            "{} {} {} {} {} {}",
            naptr.order,
            naptr.preference,
            quoted(&naptr.flags),
            quoted(&naptr.services),
            quoted(&naptr.regexp),
            presentation(&naptr.replacement)
        ),
        other => other.to_string(),
    }
}

/// DNSSEC records in RFC 4034's presentation format, as dig writes them: algorithms and digest
/// types as numbers, signature times as YYYYMMDDHHMMSS (UTC), keys and signatures in base64,
/// digests in hex. (hickory's Display names algorithms and writes times as seconds.)
fn format_dnssec(data: &DNSSECRData) -> String {
    use data_encoding::{BASE64, HEXUPPER};
    let time = |t: u32| {
        jiff::Timestamp::from_second(i64::from(t))
            .map(|ts| ts.strftime("%Y%m%d%H%M%S").to_string())
            .unwrap_or_else(|_| t.to_string())
    };
    match data {
        DNSSECRData::RRSIG(sig) => {
            let i = sig.input();
            format!(
                "{} {} {} {} {} {} {} {} {}",
                type_text(i.type_covered),
                u8::from(i.algorithm),
                i.num_labels,
                i.original_ttl,
                time(i.sig_expiration.get()),
                time(i.sig_inception.get()),
                i.key_tag,
                presentation(&i.signer_name),
                BASE64.encode(sig.sig())
            )
        }
        DNSSECRData::DNSKEY(key) => format!(
            "{} 3 {} {}",
            key.flags(),
            u8::from(key.public_key().algorithm()),
            BASE64.encode(key.public_key().public_bytes())
        ),
        DNSSECRData::DS(ds) => format!(
            "{} {} {} {}",
            ds.key_tag(),
            u8::from(ds.algorithm()),
            u8::from(ds.digest_type()),
            HEXUPPER.encode(ds.digest())
        ),
        other => other.to_string(),
    }
}

/// A character string in double quotes, with `"` and `\` escaped and bytes outside printable
/// ASCII as `\DDD` (as in zone files and dig).
fn quoted(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('"');
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                s.push('\\');
                s.push(char::from(b));
            }
            0x20..=0x7e => s.push(char::from(b)),
            _ => {
                let _ = write!(s, "\\{b:03}");
            }
        }
    }
    s.push('"');
    s
}

/// `PRIORITY TARGET key=value...`: lists comma-separated, alpn and unknown keys quoted as dig
/// prints them (`1 . alpn="h3,h2" ipv4hint=192.0.2.1,192.0.2.2`).
fn format_svcb(svcb: &SVCB) -> String {
    fn list<T: std::fmt::Display>(items: &[T]) -> String {
        items
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    }
    let mut s = format!("{} {}", svcb.svc_priority, presentation(&svcb.target_name));
    for (key, value) in &svcb.svc_params {
        let key = match key {
            SvcParamKey::Unknown(n) => format!("key{n}"),
            other => other.to_string(),
        };
        let value = match value {
            SvcParamValue::NoDefaultAlpn => None,
            SvcParamValue::Mandatory(m) => Some(list(&m.0)),
            SvcParamValue::Alpn(a) => {
                let ids: Vec<String> = a.0.iter().map(|id| id.replace(',', "\\,")).collect();
                Some(quoted(ids.join(",").as_bytes()))
            }
            SvcParamValue::Port(p) => Some(p.to_string()),
            SvcParamValue::Ipv4Hint(h) => Some(list(&h.0)),
            SvcParamValue::Ipv6Hint(h) => Some(list(&h.0)),
            // Base 64 in quotes, as hickory writes it.
            SvcParamValue::EchConfigList(e) => Some(e.to_string()),
            SvcParamValue::Unknown(u) => Some(quoted(&u.0)),
        };
        match value {
            Some(v) => {
                let _ = write!(s, " {key}={v}");
            }
            None => {
                let _ = write!(s, " {key}");
            }
        }
    }
    s
}

/// The exit status of a set of query results: any failure (SERVFAIL, REFUSED, timeout, error)
/// is 3; otherwise an invalid name is 2; otherwise any answer is 0; otherwise (all NXDOMAIN /
/// no data) 1.
pub fn exit_status(statuses: impl IntoIterator<Item = Status>) -> u8 {
    let (mut answered, mut failed, mut invalid, mut any) = (false, false, false, false);
    for s in statuses {
        any = true;
        answered |= s == Status::Answer;
        failed |= s.is_failure();
        invalid |= s == Status::Invalid;
    }
    if failed {
        exit::NETWORK
    } else if invalid {
        exit::USAGE
    } else if answered {
        exit::OK
    } else if any {
        exit::NEGATIVE
    } else {
        exit::OK
    }
}

/// The summary status of one name's queries: invalid when the name was, else the first
/// failure, else answer when any answered, else NXDOMAIN when any said so (the name does not
/// exist at all), else no data.
pub fn overall(statuses: &[Status]) -> Status {
    if statuses.contains(&Status::Invalid) {
        Status::Invalid
    } else if let Some(f) = statuses.iter().find(|s| s.is_failure()) {
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
    use hickory_resolver::proto::rr::Name;
    use hickory_resolver::proto::rr::rdata::{CAA, CNAME, HINFO, MX, NS, NULL, PTR, SOA, SRV, TXT};

    #[test]
    fn exit_codes() {
        use Status::*;
        assert_eq!(exit_status([Answer, NoData]), 0);
        assert_eq!(exit_status([NxDomain, NxDomain]), 1);
        assert_eq!(exit_status([NoData]), 1);
        assert_eq!(exit_status([Answer, Timeout]), 3);
        assert_eq!(exit_status([Refused]), 3);
        assert_eq!(exit_status([ServFail, NxDomain]), 3);
    }

    #[test]
    fn overall_status() {
        use Status::*;
        assert_eq!(overall(&[Answer, NoData]), Answer);
        assert_eq!(overall(&[NoData, NoData]), NoData);
        assert_eq!(overall(&[NxDomain, NxDomain]), NxDomain);
        assert_eq!(overall(&[Answer, Timeout]), Timeout);
    }

    #[test]
    fn records_format_like_dig() {
        let txt = RData::TXT(TXT::new(vec!["v=spf1 -all".into(), "say \"hi\"".into()]));
        assert_eq!(format_rdata(&txt), r#""v=spf1 -all" "say \"hi\"""#);
        let mx = RData::MX(MX::new(10, Name::from_ascii("mail.example.test.").unwrap()));
        let rec = Record::from_rdata(Name::from_ascii("example.test.").unwrap(), 300, mx);
        let a = Answer::from_record(&rec);
        assert_eq!(
            (a.name.as_str(), a.ttl, a.rtype, a.data.as_str()),
            (
                "example.test.",
                300,
                RecordType::MX,
                "10 mail.example.test."
            )
        );
    }

    /// Regression (issue 12): names with control bytes were shown with hickory's octal escapes
    /// (`\033`); presentation format, as dig prints it, is decimal (`\027`). Owner names and
    /// the names inside records alike; punycode stays punycode (no bidi override decoded from it).
    #[test]
    fn names_in_presentation_format_with_decimal_escapes() {
        let raw = |labels: &[&[u8]]| {
            let mut n = Name::root();
            for l in labels {
                n = n.append_label(*l).unwrap();
            }
            n
        };
        let evil = raw(&[b"a\x1b[31mb\xe2\x80\xae", b"x y", b"test"]);
        assert_eq!(
            presentation(&evil),
            "a\\027[31mb\\226\\128\\174.x\\032y.test."
        );
        assert_eq!(
            presentation(&raw(&[b"a.b", b"c\\d\"@"])),
            "a\\.b.c\\\\d\\\"\\@."
        );
        assert_eq!(presentation(&Name::root()), ".");
        assert_eq!(
            presentation(&Name::from_ascii("*.WWW.example.test").unwrap()),
            "*.WWW.example.test"
        );
        assert_eq!(
            presentation(&Name::from_ascii("xn--bcher-kva.test.").unwrap()),
            "xn--bcher-kva.test."
        );
        let rec = Record::from_rdata(evil.clone(), 60, RData::CNAME(CNAME(evil.clone())));
        let a = Answer::from_record(&rec);
        assert_eq!(a.name, presentation(&evil));
        assert_eq!(a.data, presentation(&evil));
        let mx = RData::MX(MX::new(5, evil.clone()));
        assert_eq!(format_rdata(&mx), format!("5 {}", presentation(&evil)));
        for data in [
            RData::NS(NS(evil.clone())),
            RData::PTR(PTR(evil.clone())),
            RData::SRV(SRV::new(1, 2, 3, evil.clone())),
            RData::SOA(SOA::new(evil.clone(), evil.clone(), 1, 2, 3, 4, 5)),
        ] {
            let text = format_rdata(&data);
            assert!(text.contains("\\027") && !text.contains('\x1b'), "{text}");
        }
        // Strings in records: quoted, escaped as in TXT.
        let mut caa = CAA::new_issue(false, None, Vec::new());
        caa.tag = "tbs".into();
        caa.value = b"x\x1b]0;t\x07\xe2\x80\xae".to_vec();
        let caa = RData::CAA(caa);
        assert_eq!(format_rdata(&caa), r#"0 tbs "x\027]0;t\007\226\128\174""#);
        let hinfo = RData::HINFO(HINFO::new("a\rb".into(), "c d".into()));
        assert_eq!(format_rdata(&hinfo), r#""a\013b" "c d""#);
    }

    fn rec(owner: &str, data: RData) -> Record {
        Record::from_rdata(Name::from_ascii(owner).unwrap(), 60, data)
    }

    fn a(owner: &str, ip: [u8; 4]) -> Record {
        rec(owner, RData::A(std::net::Ipv4Addr::from(ip).into()))
    }

    fn cname(owner: &str, target: &str) -> Record {
        rec(
            owner,
            RData::CNAME(CNAME(Name::from_ascii(target).unwrap())),
        )
    }

    fn owners(records: &[&Record]) -> Vec<String> {
        records.iter().map(|r| presentation(&r.name)).collect()
    }

    /// Regression (issue 12): records of an unrelated owner were shown as the answer.
    #[test]
    fn only_the_name_and_its_cname_chain_answer() {
        let q = Name::from_ascii("www.example.test.").unwrap();
        let records = [
            a("evil.example.", [203, 0, 113, 66]),
            a("WWW.example.test.", [192, 0, 2, 1]),
        ];
        let (kept, ignored) = related(&q, &records);
        assert_eq!(
            (owners(&kept), ignored),
            (vec!["WWW.example.test.".into()], 1)
        );
        // A chain in any order, a loop, and strays: a CNAME of another owner, a record of a
        // name in the same zone, a target's A without the CNAME leading to it.
        let records = [
            a("c3.example.test.", [192, 0, 2, 3]),
            cname("c2.example.test.", "c3.example.test."),
            cname("www.example.test.", "c2.example.test."),
            cname("c3.example.test.", "www.example.test."),
            cname("evil.example.", "www.example.test."),
            a("c9.example.test.", [192, 0, 2, 9]),
            a("evil.example.", [203, 0, 113, 66]),
        ];
        let (kept, ignored) = related(&q, &records);
        assert_eq!(
            owners(&kept),
            [
                "c3.example.test.",
                "c2.example.test.",
                "www.example.test.",
                "c3.example.test."
            ]
        );
        assert_eq!(ignored, 3);
        // Only unrelated records: nothing answers.
        let (kept, ignored) = related(&q, &records[4..]);
        assert_eq!((kept.len(), ignored), (0, 3));
        // A DNAME above a name of the chain is what its CNAME came from.
        let dname = Record::from_rdata(
            Name::from_ascii("example.test.").unwrap(),
            60,
            RData::Unknown {
                code: RecordType::DNAME,
                rdata: NULL::with(vec![0]),
            },
        );
        let other = Record::from_rdata(
            Name::from_ascii("other.test.").unwrap(),
            60,
            dname.data.clone(),
        );
        let records = [dname, other, cname("www.example.test.", "www.example.net.")];
        let (kept, ignored) = related(&q, &records);
        assert_eq!(owners(&kept), ["example.test.", "www.example.test."]);
        assert_eq!(ignored, 1);
    }

    /// Regression (issue 12): RCODE 11 and 15 and an UPDATE response read as "no data".
    #[test]
    fn unknown_rcodes_and_other_opcodes_are_no_answer() {
        use hickory_resolver::proto::op::{OpCode, ResponseCode};
        assert_eq!(unusable(OpCode::Query, ResponseCode::NoError), None);
        assert_eq!(unusable(OpCode::Query, ResponseCode::NXDomain), None);
        assert_eq!(unusable(OpCode::Query, ResponseCode::ServFail), None);
        for code in [11u16, 12, 15, 4095] {
            let rcode: ResponseCode = code.into();
            assert_eq!(
                unusable(OpCode::Query, rcode),
                Some(format!("server answered RCODE {code}"))
            );
        }
        assert_eq!(
            unusable(OpCode::Update, ResponseCode::NoError).unwrap(),
            "server answered with opcode 5 instead of QUERY"
        );
        assert!(
            unusable(OpCode::Unknown(9), ResponseCode::NoError)
                .unwrap()
                .contains("opcode 9")
        );
    }

    /// Regression: hickory's Display left a comma after every list (`alpn=h2,`) and wrote
    /// `no-default-alpn=`.
    #[test]
    fn svcb_and_https_in_presentation_format() {
        use hickory_resolver::proto::rr::rdata::HTTPS;
        use hickory_resolver::proto::rr::rdata::svcb::{Alpn, IpHint, Mandatory};
        let svcb = SVCB::new(
            1,
            Name::root(),
            vec![
                (
                    SvcParamKey::Mandatory,
                    SvcParamValue::Mandatory(Mandatory(vec![SvcParamKey::Alpn, SvcParamKey::Port])),
                ),
                (
                    SvcParamKey::Alpn,
                    SvcParamValue::Alpn(Alpn(vec!["h3".into(), "h2".into()])),
                ),
                (SvcParamKey::NoDefaultAlpn, SvcParamValue::NoDefaultAlpn),
                (SvcParamKey::Port, SvcParamValue::Port(8443)),
                (
                    SvcParamKey::Ipv4Hint,
                    SvcParamValue::Ipv4Hint(IpHint(vec![
                        "192.0.2.1".parse().unwrap(),
                        "192.0.2.2".parse().unwrap(),
                    ])),
                ),
            ],
        );
        let want = r#"1 . mandatory=alpn,port alpn="h3,h2" no-default-alpn port=8443 ipv4hint=192.0.2.1,192.0.2.2"#;
        assert_eq!(format_rdata(&RData::SVCB(svcb.clone())), want);
        assert_eq!(format_rdata(&RData::HTTPS(HTTPS(svcb))), want);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Reads presentation format back into labels (decimal `\DDD`, `\c`).
        fn labels_of(text: &str) -> Vec<Vec<u8>> {
            let (mut labels, mut label) = (Vec::new(), Vec::new());
            let mut bytes = text.bytes();
            while let Some(b) = bytes.next() {
                match b {
                    b'\\' => {
                        let c = bytes.next().unwrap();
                        if c.is_ascii_digit() {
                            let d: String = [c, bytes.next().unwrap(), bytes.next().unwrap()]
                                .iter()
                                .map(|&b| char::from(b))
                                .collect();
                            label.push(d.parse().unwrap());
                        } else {
                            label.push(c);
                        }
                    }
                    b'.' => labels.push(std::mem::take(&mut label)),
                    other => label.push(other),
                }
            }
            labels
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Whatever bytes a name's labels hold, its presentation form is printable ASCII
            /// (nothing a terminal acts on) and reads back to the same labels.
            #[test]
            fn any_name_is_printable_and_reads_back(
                labels in proptest::collection::vec(
                    proptest::collection::vec(any::<u8>(), 1..20), 0..6),
            ) {
                let mut name = Name::root();
                for l in &labels {
                    name = name.append_label(&l[..]).unwrap();
                }
                let text = presentation(&name);
                prop_assert!(text.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{}", text);
                if labels.is_empty() {
                    prop_assert_eq!(text, ".");
                } else {
                    prop_assert_eq!(labels_of(&text), labels);
                }
            }
        }
    }
}
