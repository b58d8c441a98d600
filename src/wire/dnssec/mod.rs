//! DNSSEC validation as pure logic, records in and verdict out (no I/O: the command asks for
//! the records and hands them here). Split along the RFC sections each part implements:
//!
//! - [`anchors`]: trust anchors, as DS or DNSKEY lines (RFC 4033 5; the files dnssec-keygen,
//!   ldns-keygen and unbound-anchor write);
//! - [`support`]: which algorithms and digest types are verified (RFC 8624, RFC 4035 5.2,
//!   RFC 6840 5.2) and the NSEC3 iteration limit (RFC 9276 3.2);
//! - [`rrset`]: an RRset and its RRSIGs, checked against a zone's keys (RFC 4035 5.3), with
//!   wildcard expansions recognised (5.3.4);
//! - [`chain`]: the chain of trust, a zone's DNSKEY set against the DS (or anchor) vouching for
//!   it (RFC 4035 5.2);
//! - [`nsec`] and [`nsec3`]: the proofs that a name or type does not exist, and that a wildcard
//!   answer had no closer match (RFC 4035 5.4 and 5.3.4, RFC 5155 8);
//! - [`denial`]: the NSEC or NSEC3 records of a response gathered, their signatures checked,
//!   and the proof asked of them.
//!
//! The verdicts are delv's: secure, insecure, bogus, indeterminate (RFC 4033 5).
//! hickory-proto does the cryptography (`Verifier::verify_rrsig`, `DS::covers`, the NSEC3 hash).

pub mod anchors;
pub mod chain;
pub mod denial;
pub mod nsec;
pub mod nsec3;
pub mod rrset;
pub mod support;

use std::cmp::Ordering;

use hickory_resolver::proto::rr::{Name, RecordType};
use serde::Serialize;

use crate::i18n::{Text, t};

/// The verdict on an answer (RFC 4033 5, in delv's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Every link from a trust anchor to the answer verified.
    Secure,
    /// Proved unsigned: a delegation without DS, an NSEC3 opt-out span, only algorithms or
    /// digests netkit does not verify, or NSEC3 iterations above the limit.
    Insecure,
    /// Could not be decided: no trust anchor above the name, or the records could not be had.
    Indeterminate,
    /// Something that should verify does not.
    Bogus,
}

/// One thing checked, for people: the zone (or name) and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The zone or name.
    pub zone: String,
    /// What was checked and found (English in JSON).
    pub detail: Text,
}

impl Link {
    /// A link about `name`.
    pub fn new(name: &Name, detail: impl Into<Text>) -> Link {
        Link {
            zone: name_text(name),
            detail: detail.into(),
        }
    }
}

/// A verdict other than secure, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// insecure, indeterminate or bogus.
    pub security: Security,
    /// Why, in one sentence (English in JSON).
    pub reason: Text,
}

impl Verdict {
    /// Bogus, because of `reason`.
    pub fn bogus(reason: impl Into<Text>) -> Verdict {
        Verdict {
            security: Security::Bogus,
            reason: reason.into(),
        }
    }

    /// Insecure, because of `reason`.
    pub fn insecure(reason: impl Into<Text>) -> Verdict {
        Verdict {
            security: Security::Insecure,
            reason: reason.into(),
        }
    }

    /// Indeterminate, because of `reason`.
    pub fn indeterminate(reason: impl Into<Text>) -> Verdict {
        Verdict {
            security: Security::Indeterminate,
            reason: reason.into(),
        }
    }
}

pub use crate::wire::dns::name::presentation as name_text;
/// A type as dig writes it (`DNSKEY`, `TYPE65000`), for sentences and lists.
pub fn type_name(t: RecordType) -> String {
    crate::wire::dns::types::Type(t).to_string()
}

/// The types of a type bitmap, for people.
fn types_text(types: &[RecordType]) -> Text {
    if types.is_empty() {
        return t!("dnssec-no-types").into();
    }
    types
        .iter()
        .map(|t| type_name(*t))
        .collect::<Vec<_>>()
        .join(" ")
        .into()
}

/// A name's labels from the root down, lowercased: compared as a whole, the canonical DNS
/// order of RFC 4034 6.1 (label by label from the right, each label's octets as unsigned
/// numbers, a label before the longer labels it is a prefix of, a name before its subdomains).
fn canonical(name: &Name) -> Vec<Vec<u8>> {
    name.iter().rev().map(|l| l.to_ascii_lowercase()).collect()
}

/// `a` and `b` in canonical DNS order (RFC 4034 6.1).
pub fn canonical_cmp(a: &Name, b: &Name) -> Ordering {
    canonical(a).cmp(&canonical(b))
}

/// Whether `a` and `b` are the same name, case aside.
pub fn same_name(a: &Name, b: &Name) -> bool {
    canonical_cmp(a, b).is_eq()
}

/// Whether `x` is strictly inside the span from `owner` to `next` of a chain (NSEC names in
/// canonical order, or NSEC3 hashes); the last span wraps around to the first.
fn span_covers<T: Ord>(owner: &T, next: &T, x: &T) -> bool {
    if owner < next {
        owner < x && x < next
    } else {
        owner < x || x < next
    }
}

/// The number of labels of `name` (a leading `*` counted).
fn labels(name: &Name) -> usize {
    name.iter().count()
}

/// The wildcard directly below `name` (None: it would be too long to exist).
fn wildcard(name: &Name) -> Option<Name> {
    Name::from_labels(std::iter::once(&b"*"[..]).chain(name.iter())).ok()
}

/// Which negative answer is to be proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Negative {
    /// The name does not exist (NXDOMAIN).
    NoName,
    /// The name has no records of the type (NOERROR, no data).
    NoData,
}

/// What the NSEC/NSEC3 records of a response came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proved {
    /// Proved: the links saying by which records.
    Yes(Vec<Link>),
    /// Only insecurely: an NSEC3 opt-out span holds the name (RFC 5155 6), so it may be an
    /// unsigned delegation, or the NSEC3 chain has more iterations than netkit hashes
    /// (RFC 9276 3.2); the links so far and why.
    Insecure(Vec<Link>, Text),
    /// Not proved: why.
    No(Text),
}

/// The time of a signature field (seconds since 1970, RFC 4034 3.2), as people read it.
fn time_text(seconds: u32) -> String {
    match jiff::Timestamp::from_second(i64::from(seconds)) {
        Ok(t) => t.strftime("%Y-%m-%d %H:%M:%S UTC").to_string(),
        Err(_) => seconds.to_string(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn n(text: &str) -> Name {
        Name::from_ascii(text).unwrap()
    }

    #[test]
    fn names_sort_in_canonical_dns_order() {
        // RFC 4034 6.1's example, in its order.
        let sorted = [
            "example.",
            "a.example.",
            "yljkjljk.a.example.",
            "Z.a.example.",
            "zABC.a.EXAMPLE.",
            "z.example.",
            "\\001.z.example.",
            "*.z.example.",
            "\\200.z.example.",
        ];
        // Labels of binary octets, as written with \DDD escapes.
        let raw = |text: &str| match text.strip_prefix('\\') {
            Some(rest) => {
                let (octet, tail) = rest.split_at(3);
                let labels: Vec<Vec<u8>> = std::iter::once(vec![octet.parse::<u8>().unwrap()])
                    .chain(
                        tail.trim_matches('.')
                            .split('.')
                            .map(|l| l.as_bytes().to_vec()),
                    )
                    .collect();
                Name::from_labels(labels).unwrap()
            }
            None => n(text),
        };
        let names: Vec<Name> = sorted.iter().map(|t| raw(t)).collect();
        for w in names.windows(2) {
            assert_eq!(canonical_cmp(&w[0], &w[1]), Ordering::Less, "{w:?}");
        }
        let mut shuffled = names.clone();
        shuffled.reverse();
        shuffled.sort_by(canonical_cmp);
        assert_eq!(shuffled, names);
        assert!(same_name(&n("A.Example."), &n("a.example.")));
    }

    #[test]
    fn spans_wrap_around() {
        assert!(span_covers(&vec![1u8], &vec![5], &vec![3]));
        assert!(!span_covers(&vec![1u8], &vec![5], &vec![5]));
        assert!(span_covers(&vec![9u8], &vec![2], &vec![1]));
        assert!(span_covers(&vec![9u8], &vec![2], &vec![10]));
        assert!(!span_covers(&vec![9u8], &vec![2], &vec![5]));
    }

    #[test]
    fn names_and_times_for_people() {
        let odd = Name::from_labels(vec![&b"a.b"[..], &b"sp ace\x1b"[..], b"test"]).unwrap();
        assert_eq!(name_text(&odd), "a\\.b.sp\\032ace\\027.test.");
        assert_eq!(name_text(&Name::root()), ".");
        assert_eq!(type_name(RecordType::Unknown(65000)), "TYPE65000");
        assert_eq!(time_text(0), "1970-01-01 00:00:00 UTC");
    }
}
