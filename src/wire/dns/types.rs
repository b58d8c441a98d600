//! The names DNS gives its numbers, as dig writes and reads them: record types (the IANA
//! registry as BIND 9.18 knows it, RFC 3597's `TYPEnnn` for the rest), classes (`CLASSnnn`),
//! response codes (with EDNS's extended bits, RFC 6891) and opcodes. Pure tables.

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

/// A record type as dig writes it: its mnemonic, or RFC 3597's `TYPEnnn` for one without
/// (hickory's Display says "Unknown" for those, and names some that dig does not).
pub fn type_text(t: RecordType) -> String {
    let n = u16::from(t);
    match type_mnemonic(n) {
        Some(m) => m.to_string(),
        None => format!("TYPE{n}"),
    }
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

/// A class as dig writes it: IN, CH, HS, NONE, ANY, else `CLASSnnn`.
pub fn class_text(c: DNSClass) -> String {
    let n = u16::from(c);
    match n {
        1 => "IN".into(),
        3 => "CH".into(),
        4 => "HS".into(),
        254 => "NONE".into(),
        255 => "ANY".into(),
        _ => format!("CLASS{n}"),
    }
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

/// A response code as dig names it (`NOERROR`, `NXDOMAIN`, `RESERVED11`, `BADVERS`,
/// `BADCOOKIE`), the number for one without a name. `code` is the whole code: the header's four
/// bits and, with EDNS, the OPT record's eight above them.
pub fn rcode_text(code: u16) -> String {
    let name = match code {
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
        11..=15 => return format!("RESERVED{code}"),
        16 => "BADVERS",
        17 => "BADKEY",
        18 => "BADTIME",
        19 => "BADMODE",
        20 => "BADNAME",
        21 => "BADALG",
        22 => "BADTRUNC",
        23 => "BADCOOKIE",
        _ => return code.to_string(),
    };
    name.to_string()
}

/// An opcode as dig names it (`QUERY`, `NOTIFY`, `UPDATE`, `RESERVED9`).
pub fn opcode_text(op: u8) -> String {
    match op {
        0 => "QUERY".into(),
        1 => "IQUERY".into(),
        2 => "STATUS".into(),
        4 => "NOTIFY".into(),
        5 => "UPDATE".into(),
        other => format!("RESERVED{other}"),
    }
}

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
            assert_eq!(type_text(RecordType::from(n)), m);
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
        assert_eq!(type_text(RecordType::Unknown(65534)), "TYPE65534");
        // hickory names 65305 ANAME; dig does not.
        assert_eq!(type_text(RecordType::ANAME), "TYPE65305");
    }

    #[test]
    fn classes_and_codes() {
        assert_eq!(class_text(DNSClass::IN), "IN");
        assert_eq!(class_text(DNSClass::from(3)), "CH");
        assert_eq!(class_text(DNSClass::from(42)), "CLASS42");
        assert_eq!(parse_class("chaos"), Some(DNSClass::CH));
        assert_eq!(parse_class("CLASS42"), Some(DNSClass::from(42)));
        assert_eq!(parse_class("A"), None);
        assert_eq!(rcode_text(0), "NOERROR");
        assert_eq!(rcode_text(11), "RESERVED11");
        assert_eq!(rcode_text(16), "BADVERS");
        assert_eq!(rcode_text(4095), "4095");
        assert_eq!(opcode_text(5), "UPDATE");
        assert_eq!(opcode_text(9), "RESERVED9");
    }
}
