//! The names DNS gives its numbers, as dig writes and reads them: record types (the IANA
//! registry as BIND 9.18 knows it, RFC 3597's `TYPEnnn` for the rest), classes (`CLASSnnn`),
//! response codes (with EDNS's extended bits, RFC 6891) and opcodes; and the small `Copy` types
//! the reports hold them in ([`Type`], [`Class`], [`Rcode`], [`Opcode`]), each shown and
//! serialized as that text. Pure tables.

use std::fmt;

use hickory_resolver::proto::rr::{DNSClass, RecordType};

/// Every record type with a mnemonic, by number (IANA's registry as dig 9.18 reads and writes it).
const TYPES: [(u16, &str); 92] = [
    (1, "A"),
    (2, "NS"),
    (3, "MD"),
    (4, "MF"),
    (5, "CNAME"),
    (6, "SOA"),
    (7, "MB"),
    (8, "MG"),
    (9, "MR"),
    (10, "NULL"),
    (11, "WKS"),
    (12, "PTR"),
    (13, "HINFO"),
    (14, "MINFO"),
    (15, "MX"),
    (16, "TXT"),
    (17, "RP"),
    (18, "AFSDB"),
    (19, "X25"),
    (20, "ISDN"),
    (21, "RT"),
    (22, "NSAP"),
    (23, "NSAP-PTR"),
    (24, "SIG"),
    (25, "KEY"),
    (26, "PX"),
    (27, "GPOS"),
    (28, "AAAA"),
    (29, "LOC"),
    (30, "NXT"),
    (31, "EID"),
    (32, "NIMLOC"),
    (33, "SRV"),
    (34, "ATMA"),
    (35, "NAPTR"),
    (36, "KX"),
    (37, "CERT"),
    (38, "A6"),
    (39, "DNAME"),
    (40, "SINK"),
    (41, "OPT"),
    (42, "APL"),
    (43, "DS"),
    (44, "SSHFP"),
    (45, "IPSECKEY"),
    (46, "RRSIG"),
    (47, "NSEC"),
    (48, "DNSKEY"),
    (49, "DHCID"),
    (50, "NSEC3"),
    (51, "NSEC3PARAM"),
    (52, "TLSA"),
    (53, "SMIMEA"),
    (55, "HIP"),
    (56, "NINFO"),
    (57, "RKEY"),
    (58, "TALINK"),
    (59, "CDS"),
    (60, "CDNSKEY"),
    (61, "OPENPGPKEY"),
    (62, "CSYNC"),
    (63, "ZONEMD"),
    (64, "SVCB"),
    (65, "HTTPS"),
    (66, "DSYNC"),
    (99, "SPF"),
    (100, "UINFO"),
    (101, "UID"),
    (102, "GID"),
    (103, "UNSPEC"),
    (104, "NID"),
    (105, "L32"),
    (106, "L64"),
    (107, "LP"),
    (108, "EUI48"),
    (109, "EUI64"),
    (249, "TKEY"),
    (250, "TSIG"),
    (251, "IXFR"),
    (252, "AXFR"),
    (253, "MAILB"),
    (254, "MAILA"),
    (255, "ANY"),
    (256, "URI"),
    (257, "CAA"),
    (258, "AVC"),
    (259, "DOA"),
    (260, "AMTRELAY"),
    (261, "RESINFO"),
    (262, "WALLET"),
    (32768, "TA"),
    (32769, "DLV"),
];

/// The mnemonic of type number `n`, if it has one.
pub fn type_mnemonic(n: u16) -> Option<&'static str> {
    TYPES
        .binary_search_by_key(&n, |(k, _)| *k)
        .ok()
        .map(|i| TYPES[i].1)
}

/// Reads a type as dig does, case-insensitively: a mnemonic, or `TYPEnnn` (RFC 3597).
pub fn parse_type(text: &str) -> Option<RecordType> {
    let upper = text.trim().to_ascii_uppercase();
    if let Some(n) = upper.strip_prefix("TYPE")
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return n.parse::<u16>().ok().map(RecordType::from);
    }
    TYPES
        .iter()
        .find(|(_, m)| *m == upper)
        .map(|(n, _)| RecordType::from(*n))
}

/// Reads a class word (IN, CH or CHAOS, HS or HESIOD, NONE, ANY, `CLASSnnn`), case-insensitively.
pub fn parse_class(word: &str) -> Option<DNSClass> {
    let upper = word.trim().to_ascii_uppercase();
    let n: u16 = match upper.as_str() {
        "IN" => 1,
        "CH" | "CHAOS" => 3,
        "HS" | "HESIOD" => 4,
        "NONE" => 254,
        "ANY" => 255,
        other => other
            .strip_prefix("CLASS")
            .filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))?
            .parse()
            .ok()?,
    };
    Some(DNSClass::from(n))
}

/// A record type, shown as dig writes it: its mnemonic, or RFC 3597's `TYPEnnn` for one without
/// (hickory's Display says "Unknown" for those, and names some that dig does not). In JSON: the
/// same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Type(pub RecordType);

impl From<RecordType> for Type {
    fn from(t: RecordType) -> Self {
        Type(t)
    }
}

impl From<u16> for Type {
    fn from(n: u16) -> Self {
        Type(RecordType::from(n))
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = u16::from(self.0);
        match type_mnemonic(n) {
            Some(m) => f.pad(m),
            None => numbered(f, "TYPE", n),
        }
    }
}

/// A class, shown as dig writes it: IN, CH, HS, NONE, ANY, else `CLASSnnn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Class(pub DNSClass);

impl From<DNSClass> for Class {
    fn from(c: DNSClass) -> Self {
        Class(c)
    }
}

impl From<u16> for Class {
    fn from(n: u16) -> Self {
        Class(DNSClass::from(n))
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = u16::from(self.0);
        match n {
            1 => f.pad("IN"),
            3 => f.pad("CH"),
            4 => f.pad("HS"),
            254 => f.pad("NONE"),
            255 => f.pad("ANY"),
            _ => numbered(f, "CLASS", n),
        }
    }
}

/// A response code, the whole of it: the header's four bits and, with EDNS, the OPT record's
/// eight above them (RFC 6891). Shown as dig names it (`NOERROR`, `NXDOMAIN`, `RESERVED11`,
/// `BADVERS`, `BADCOOKIE`), the number for one without a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rcode(pub u16);

impl Rcode {
    /// No error.
    pub const NOERROR: Rcode = Rcode(0);
    /// The name does not exist.
    pub const NXDOMAIN: Rcode = Rcode(3);
}

impl From<u16> for Rcode {
    fn from(n: u16) -> Self {
        Rcode(n)
    }
}

impl fmt::Display for Rcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.0 {
            0 => "NOERROR",
            1 => "FORMERR",
            2 => "SERVFAIL",
            3 => "NXDOMAIN",
            4 => "NOTIMP",
            5 => "REFUSED",
            6 => "YXDOMAIN",
            7 => "YXRRSET",
            8 => "NXRRSET",
            9 => "NOTAUTH",
            10 => "NOTZONE",
            11..=15 => return numbered(f, "RESERVED", self.0),
            16 => "BADVERS",
            17 => "BADKEY",
            18 => "BADTIME",
            19 => "BADMODE",
            20 => "BADNAME",
            21 => "BADALG",
            22 => "BADTRUNC",
            23 => "BADCOOKIE",
            n => return numbered(f, "", n),
        };
        f.pad(name)
    }
}

/// An opcode, shown as dig names it (`QUERY`, `NOTIFY`, `UPDATE`, `RESERVED9`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Opcode(pub u8);

impl From<u8> for Opcode {
    fn from(n: u8) -> Self {
        Opcode(n)
    }
}

impl fmt::Display for Opcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => f.pad("QUERY"),
            1 => f.pad("IQUERY"),
            2 => f.pad("STATUS"),
            4 => f.pad("NOTIFY"),
            5 => f.pad("UPDATE"),
            n => numbered(f, "RESERVED", u16::from(n)),
        }
    }
}

/// `prefix` and `n` in decimal (`TYPE65534`), padded as the formatter asks (`{:<6}`), as a
/// mnemonic is.
fn numbered(f: &mut fmt::Formatter<'_>, prefix: &str, n: u16) -> fmt::Result {
    match f.width() {
        None => write!(f, "{prefix}{n}"),
        Some(_) => f.pad(&format!("{prefix}{n}")),
    }
}

crate::util::text_value!(Type, Class, Rcode, Opcode);

/// DNSSEC algorithm mnemonics (RFC 8624's registry), as CERT records write them.
pub fn algorithm_mnemonic(n: u8) -> Option<&'static str> {
    Some(match n {
        1 => "RSAMD5",
        2 => "DH",
        3 => "DSA",
        5 => "RSASHA1",
        6 => "NSEC3DSA",
        7 => "NSEC3RSASHA1",
        8 => "RSASHA256",
        10 => "RSASHA512",
        12 => "ECCGOST",
        13 => "ECDSAP256SHA256",
        14 => "ECDSAP384SHA384",
        15 => "ED25519",
        16 => "ED448",
        252 => "INDIRECT",
        253 => "PRIVATEDNS",
        254 => "PRIVATEOID",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Arg;

    #[test]
    fn the_table_is_sorted_so_lookups_find_every_type() {
        assert!(TYPES.windows(2).all(|w| w[0].0 < w[1].0));
        for (n, m) in TYPES {
            assert_eq!(type_mnemonic(n), Some(m));
            assert_eq!(parse_type(m), Some(RecordType::from(n)));
            assert_eq!(
                parse_type(&m.to_ascii_lowercase()),
                Some(RecordType::from(n))
            );
            assert_eq!(Type::from(n).to_string(), m);
        }
    }

    /// Issue 24 item 11: every mnemonic dig accepts is a type; numbers without one are TYPEnnn.
    #[test]
    fn types_by_mnemonic_and_number() {
        assert_eq!(parse_type("loc"), Some(RecordType::from(29)));
        assert_eq!(parse_type("EUI48"), Some(RecordType::from(108)));
        assert_eq!(parse_type("zonemd"), Some(RecordType::from(63)));
        assert_eq!(parse_type("TYPE65534"), Some(RecordType::Unknown(65534)));
        assert_eq!(parse_type("type1"), Some(RecordType::A));
        assert_eq!(parse_type("TYPE65536"), None);
        assert_eq!(parse_type("TYPE"), None);
        assert_eq!(parse_type("TYPE+1"), None);
        assert_eq!(parse_type("example"), None);
        assert_eq!(parse_class("chaos"), Some(DNSClass::CH));
        assert_eq!(parse_class("CLASS42"), Some(DNSClass::from(42)));
        assert_eq!(parse_class("A"), None);
    }

    /// Issue 29 section 1: each type writes what dig writes for its number, as the `*_text`
    /// functions it replaces did.
    #[test]
    fn each_type_shows_what_dig_writes() {
        for (t, text) in [
            (Type(RecordType::A), "A"),
            (Type::from(28), "AAAA"),
            (Type::from(23), "NSAP-PTR"),
            (Type::from(32769), "DLV"),
            (Type(RecordType::Unknown(65534)), "TYPE65534"),
            (Type::from(54), "TYPE54"),
            (Type::from(0), "TYPE0"),
            // hickory names 65305 ANAME; dig does not.
            (Type(RecordType::ANAME), "TYPE65305"),
        ] {
            assert_eq!(t.to_string(), text);
        }
        for (c, text) in [
            (Class(DNSClass::IN), "IN"),
            (Class::from(3), "CH"),
            (Class::from(4), "HS"),
            (Class::from(254), "NONE"),
            (Class::from(255), "ANY"),
            (Class::from(2), "CLASS2"),
            (Class::from(42), "CLASS42"),
            (Class::from(65535), "CLASS65535"),
        ] {
            assert_eq!(c.to_string(), text);
        }
        for (code, text) in [
            (0, "NOERROR"),
            (2, "SERVFAIL"),
            (3, "NXDOMAIN"),
            (10, "NOTZONE"),
            (11, "RESERVED11"),
            (15, "RESERVED15"),
            (16, "BADVERS"),
            (23, "BADCOOKIE"),
            (24, "24"),
            (4095, "4095"),
        ] {
            assert_eq!(Rcode(code).to_string(), text);
        }
        assert_eq!(Rcode::NOERROR.to_string(), "NOERROR");
        assert_eq!(Rcode::NXDOMAIN.to_string(), "NXDOMAIN");
        for (op, text) in [
            (0, "QUERY"),
            (1, "IQUERY"),
            (2, "STATUS"),
            (3, "RESERVED3"),
            (4, "NOTIFY"),
            (5, "UPDATE"),
            (9, "RESERVED9"),
            (15, "RESERVED15"),
        ] {
            assert_eq!(Opcode(op).to_string(), text);
        }
    }

    /// A width pads named and numbered values alike (`{:<6}` in the tables).
    #[test]
    fn each_type_pads_as_a_string_does() {
        assert_eq!(format!("[{:<6}]", Type(RecordType::A)), "[A     ]");
        assert_eq!(format!("[{:<6}]", Type::from(54)), "[TYPE54]");
        assert_eq!(format!("[{:>12}]", Type::from(65534)), "[   TYPE65534]");
        assert_eq!(format!("[{:<8}]", Class::from(42)), "[CLASS42 ]");
        assert_eq!(format!("[{:^6}]", Rcode(24)), "[  24  ]");
        assert_eq!(format!("[{:<14}]", Rcode(11)), "[RESERVED11    ]");
        assert_eq!(format!("[{:<13}]", Opcode(255)), "[RESERVED255  ]");
        assert_eq!(format!("[{:<14}]", Rcode(65535)), "[65535         ]");
    }

    /// In JSON each is its text, as the Strings before them were (the pins hold the rest).
    #[test]
    fn each_type_serializes_as_its_text() {
        #[derive(serde::Serialize)]
        struct View {
            opcode: Opcode,
            rcode: Rcode,
            class: Class,
            #[serde(rename = "type")]
            rtype: Type,
            missing: Option<Rcode>,
        }
        let v = View {
            opcode: Opcode(9),
            rcode: Rcode(23),
            class: Class::from(42),
            rtype: Type::from(65534),
            missing: None,
        };
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"opcode":"RESERVED9","rcode":"BADCOOKIE","class":"CLASS42","type":"TYPE65534","missing":null}"#
        );
        assert_eq!(serde_json::to_string(&Rcode(4095)).unwrap(), r#""4095""#);
    }

    /// As a sentence's argument each is its text.
    #[test]
    fn each_type_is_a_sentence_argument_as_text() {
        match Arg::from(Type::from(65534)) {
            Arg::Text(t) => assert_eq!(t, "TYPE65534"),
            other => panic!("{other:?}"),
        }
        match Arg::from(&Rcode(11)) {
            Arg::Text(t) => assert_eq!(t, "RESERVED11"),
            other => panic!("{other:?}"),
        }
    }
}
