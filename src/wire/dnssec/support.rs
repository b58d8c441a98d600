//! What netkit's validator verifies: the DNSKEY algorithms and DS digest types of RFC 8624's
//! tables that hickory-proto (with ring) implements, and the NSEC3 iteration limit of RFC 9276.
//! A zone signed only with algorithms or digests outside this table is insecure, not bogus
//! (RFC 4035 5.2, RFC 6840 5.2): the validator cannot tell, so it does not claim.

use hickory_resolver::proto::dnssec::{Algorithm, DigestType};

use crate::i18n::{Text, t};

/// The most NSEC3 iterations netkit hashes (RFC 9276 3.2; BIND and unbound also stop at 150).
/// A proof from a chain with more is insecure, and nothing is hashed for it.
pub const MAX_NSEC3_ITERATIONS: u16 = 150;

/// A DNSKEY algorithm's number and its IANA mnemonic: `13 (ECDSAP256SHA256)`.
pub fn algorithm_text(number: u8) -> String {
    let name = match number {
        1 => "RSAMD5",
        3 => "DSA",
        5 => "RSASHA1",
        6 => "DSA-NSEC3-SHA1",
        7 => "RSASHA1-NSEC3-SHA1",
        8 => "RSASHA256",
        10 => "RSASHA512",
        12 => "ECC-GOST",
        13 => "ECDSAP256SHA256",
        14 => "ECDSAP384SHA384",
        15 => "ED25519",
        16 => "ED448",
        252 => "INDIRECT",
        253 => "PRIVATEDNS",
        254 => "PRIVATEOID",
        _ => return format!("{number} (unassigned)"),
    };
    format!("{number} ({name})")
}

/// A DS digest type's number and mnemonic: `2 (SHA-256)`.
pub fn digest_text(number: u8) -> String {
    let name = match number {
        1 => "SHA-1",
        2 => "SHA-256",
        3 => "GOST R 34.11-94",
        4 => "SHA-384",
        5 => "GOST R 34.11-2012",
        6 => "SM3",
        _ => return format!("{number} (unassigned)"),
    };
    format!("{number} ({name})")
}

/// Why netkit does not verify signatures of DNSKEY algorithm `number`; None when it does.
pub fn algorithm_unsupported(number: u8) -> Option<Text> {
    let why = match number {
        5 | 7 | 8 | 10 | 13 | 14 | 15 => return None,
        1 | 3 | 6 => t!("dnssec-algorithm-must-not"),
        12 => t!("dnssec-algorithm-gost"),
        16 => t!("dnssec-algorithm-ed448"),
        _ => t!("dnssec-algorithm-unknown"),
    };
    Some(
        t!(
            "dnssec-algorithm-unsupported",
            algorithm = algorithm_text(number),
            why = why
        )
        .into(),
    )
}

/// Why netkit does not check DS digests of type `number`; None when it does.
pub fn digest_unsupported(number: u8) -> Option<Text> {
    match DigestType::from(number) {
        DigestType::SHA1 | DigestType::SHA256 | DigestType::SHA384 => None,
        _ => Some(t!("dnssec-digest-unsupported", digest = digest_text(number)).into()),
    }
}

/// [`algorithm_unsupported`] for hickory's algorithm value.
pub fn unsupported(algorithm: Algorithm) -> Option<Text> {
    algorithm_unsupported(u8::from(algorithm))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 24 item 5: every algorithm hickory verifies is in the table, and none it does not.
    #[test]
    fn the_table_matches_what_hickory_verifies() {
        for n in 0..=255u8 {
            assert_eq!(
                algorithm_unsupported(n).is_none(),
                Algorithm::from_u8(n).is_supported(),
                "algorithm {n}"
            );
        }
        assert!(
            algorithm_unsupported(16)
                .unwrap()
                .english()
                .starts_with("algorithm 16 (ED448) is not supported")
        );
        assert_eq!(digest_unsupported(2), None);
        assert_eq!(
            digest_unsupported(3).unwrap().english(),
            "DS digest type 3 (GOST R 34.11-94) is not supported"
        );
        assert_eq!(algorithm_text(200), "200 (unassigned)");
    }
}
