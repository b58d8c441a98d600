//! The pure input side of `netkit dns`: record type names and the transports a query can take.
//! No I/O.

use hickory_resolver::proto::rr::RecordType;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::i18n::t;
use crate::wire::dns::types;

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

/// Parses a record type as dig does, case-insensitively: every mnemonic dig knows (`a`,
/// `AAAA`, `loc`, `EUI48`...) or `TYPEnnn` (RFC 3597). ANY, AXFR and IXFR are refused: most
/// servers refuse ANY (RFC 8482), and a zone transfer is no lookup.
pub fn parse_type(text: &str) -> Result<RecordType> {
    let upper = text.trim().to_ascii_uppercase();
    match upper.as_str() {
        "ANY" => {
            return Err(Error::bad(
                t!("dns-what-type"),
                text,
                t!("dns-bad-type-any"),
            ));
        }
        "AXFR" | "IXFR" => {
            return Err(Error::bad(
                t!("dns-what-type"),
                text,
                t!("dns-bad-type-transfer"),
            ));
        }
        _ => {}
    }
    types::parse_type(&upper)
        .ok_or_else(|| Error::bad(t!("dns-what-type"), text, t!("dns-bad-type-unknown")))
}

/// Whether `word` names a record type, known or refused (`ANY`, `AXFR`, `IXFR`): on the command
/// line, such a word is a type, not the name to look up.
pub fn is_type_word(word: &str) -> bool {
    matches!(
        word.trim().to_ascii_uppercase().as_str(),
        "ANY" | "AXFR" | "IXFR"
    ) || parse_type(word).is_ok()
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

/// Parses a class word (IN, CH or CHAOS, HS or HESIOD, CLASSnnn), case-insensitively; None for
/// other words (ANY and NONE are words of types and updates here, not classes to ask).
pub fn parse_class(word: &str) -> Option<hickory_resolver::proto::rr::DNSClass> {
    let upper = word.trim().to_ascii_uppercase();
    if matches!(upper.as_str(), "ANY" | "NONE") {
        return None;
    }
    types::parse_class(&upper)
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
        // Issue 24 item 11: every mnemonic dig accepts.
        for word in [
            "DNAME",
            "LOC",
            "HINFO",
            "URI",
            "OPENPGPKEY",
            "RP",
            "AFSDB",
            "CERT",
            "DHCID",
            "SMIMEA",
            "ZONEMD",
            "EUI48",
            "EUI64",
            "APL",
            "CSYNC",
            "NULL",
            "WALLET",
        ] {
            assert!(parse_type(word).is_ok(), "{word}");
        }
        assert!(
            parse_type("AXFR")
                .unwrap_err()
                .to_string()
                .contains("zone transfer")
        );
        assert!(is_type_word("ixfr"));
        assert_eq!(
            parse_class("CLASS3"),
            Some(hickory_resolver::proto::rr::DNSClass::CH)
        );
        assert_eq!(parse_class("ANY"), None);
    }
}
