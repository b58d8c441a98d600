//! The pure result side of `netkit dns`: what one query came back with (answer, NXDOMAIN, no
//! data, SERVFAIL, REFUSED, timeout...), records in presentation form, and the exit status a set
//! of results implies. No I/O.

use std::fmt::Write as _;

use hickory_resolver::proto::rr::rdata::svcb::{SVCB, SvcParamKey, SvcParamValue};
use hickory_resolver::proto::rr::{RData, Record, RecordType};
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

    /// How people read it.
    pub fn describe(self) -> &'static str {
        match self {
            Status::Answer => "answer",
            Status::NxDomain => "NXDOMAIN: no such name",
            Status::NoData => "no data: the name exists but has no records of this type",
            Status::ServFail => "SERVFAIL: the server failed to answer",
            Status::Refused => "REFUSED: the server refused to answer",
            Status::Timeout => "timeout",
            Status::Error => "error",
            Status::Invalid => "invalid name",
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
    s.collect_str(t)
}

impl Answer {
    /// Converts a hickory record.
    pub fn from_record(record: &Record) -> Self {
        Answer {
            name: record.name.to_ascii(),
            ttl: record.ttl,
            rtype: record.record_type(),
            data: format_rdata(&record.data),
        }
    }
}

/// Record data as dig prints it. TXT strings are quoted (hickory's Display joins them bare);
/// SVCB and HTTPS parameters are written in RFC 9460's presentation format (hickory's leaves a
/// comma after every list).
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
    let mut s = format!("{} {}", svcb.svc_priority, svcb.target_name);
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
    use hickory_resolver::proto::rr::rdata::{MX, TXT};

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
}
