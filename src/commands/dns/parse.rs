//! The pure input side of `netkit dns`: record type names and the transports a query can take.
//! No I/O.

use std::str::FromStr;

use hickory_resolver::proto::rr::RecordType;
use serde::Serialize;

use crate::error::{Error, Result};

/// The record types `netkit dns` accepts by name.
pub const KNOWN_TYPES: [RecordType; 23] = [
    RecordType::A,
    RecordType::AAAA,
    RecordType::CNAME,
    RecordType::MX,
    RecordType::NS,
    RecordType::TXT,
    RecordType::SOA,
    RecordType::PTR,
    RecordType::SRV,
    RecordType::CAA,
    RecordType::HTTPS,
    RecordType::SVCB,
    RecordType::DS,
    RecordType::DNSKEY,
    RecordType::RRSIG,
    RecordType::NSEC,
    RecordType::NSEC3,
    RecordType::NSEC3PARAM,
    RecordType::TLSA,
    RecordType::SSHFP,
    RecordType::NAPTR,
    RecordType::CDS,
    RecordType::CDNSKEY,
];

/// The types `--all` asks for: the common ones a name carries (ANY is deprecated, RFC 8482).
pub const ALL_TYPES: [RecordType; 9] = [
    RecordType::A,
    RecordType::AAAA,
    RecordType::CNAME,
    RecordType::MX,
    RecordType::NS,
    RecordType::TXT,
    RecordType::SOA,
    RecordType::CAA,
    RecordType::HTTPS,
];

/// Parses a record type name, case-insensitively (`a`, `AAAA`, `mx`...).
pub fn parse_type(text: &str) -> Result<RecordType> {
    let upper = text.trim().to_ascii_uppercase();
    if upper == "ANY" {
        return Err(Error::bad(
            "record type",
            text,
            "ANY is not supported (most servers refuse it, RFC 8482); use --all",
        ));
    }
    // Any type by number, in RFC 3597's generic form.
    if let Some(n) = upper.strip_prefix("TYPE")
        && let Ok(n) = n.parse::<u16>()
    {
        return Ok(RecordType::from(n));
    }
    match RecordType::from_str(&upper) {
        Ok(t) if KNOWN_TYPES.contains(&t) => Ok(t),
        _ => Err(Error::bad(
            "record type",
            text,
            "expected one of A, AAAA, CNAME, MX, NS, TXT, SOA, PTR, SRV, CAA, HTTPS, SVCB, DS, \
             DNSKEY, RRSIG, NSEC, NSEC3, NSEC3PARAM, TLSA, SSHFP, NAPTR, CDS, CDNSKEY, or TYPEnnn",
        )),
    }
}

/// Whether `word` names a record type, known or refused (`ANY`): on the command line, such a
/// word is a type, not the name to look up.
pub fn is_type_word(word: &str) -> bool {
    word.trim().eq_ignore_ascii_case("ANY") || parse_type(word).is_ok()
}

/// How a query travels to the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Transport {
    /// Plain DNS over UDP (TCP when the answer is truncated).
    Udp,
    /// Plain DNS over TCP.
    Tcp,
    /// DNS over TLS (RFC 7858), port 853.
    Tls,
    /// DNS over HTTPS (RFC 8484), port 443, path /dns-query.
    Https,
}

impl Transport {
    /// The port used when a server spec names none.
    pub fn default_port(self) -> u16 {
        match self {
            Transport::Udp | Transport::Tcp => 53,
            Transport::Tls => 853,
            Transport::Https => 443,
        }
    }

    /// Lower-case name, as shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Transport::Udp => "udp",
            Transport::Tcp => "tcp",
            Transport::Tls => "tls",
            Transport::Https => "https",
        }
    }
}

/// Parses a class word (IN, CH or CHAOS, HS), case-insensitively; None for other words.
pub fn parse_class(word: &str) -> Option<hickory_resolver::proto::rr::DNSClass> {
    use hickory_resolver::proto::rr::DNSClass;
    match word.trim().to_ascii_uppercase().as_str() {
        "IN" => Some(DNSClass::IN),
        "CH" | "CHAOS" => Some(DNSClass::CH),
        "HS" => Some(DNSClass::HS),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_parse_case_insensitively_and_any_is_refused() {
        assert_eq!(parse_type("a").unwrap(), RecordType::A);
        assert_eq!(parse_type("Https").unwrap(), RecordType::HTTPS);
        assert_eq!(parse_type("svcb").unwrap(), RecordType::SVCB);
        assert!(parse_type("ANY").unwrap_err().to_string().contains("--all"));
        assert!(parse_type("BOGUS").is_err());
        assert!(parse_type("example").is_err());
        assert_eq!(parse_type("type65534").unwrap(), RecordType::Unknown(65534));
        assert_eq!(parse_type("TYPE1").unwrap(), RecordType::A);
        assert_eq!(parse_type("dnskey").unwrap(), RecordType::DNSKEY);
        assert!(parse_type("TYPE65536").is_err());
    }
}
