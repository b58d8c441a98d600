//! The NSEC or NSEC3 records of a response, gathered from its authority section with their
//! RRSIGs, each RRset's signature checked with the zone's keys (RFC 4035 5.3), and the proof
//! asked of them: a negative answer (RFC 4035 5.4, RFC 5155 8.4-8.7) or a wildcard answer's
//! proof of no closer match (RFC 4035 5.3.4, RFC 5155 8.8).

use hickory_resolver::proto::dnssec::rdata::DNSKEY;
use hickory_resolver::proto::rr::{Name, Record, RecordType};

use super::nsec::{self, Nsec};
use super::nsec3::{self, Nsec3};
use super::rrset::{Failure, RrSet, verify};
use super::{Negative, Proved, name_text, same_name, type_name};
use crate::i18n::{Text, t};

/// The verified NSEC or NSEC3 records of a response, for one zone.
#[derive(Debug)]
pub struct Proofs {
    /// The zone.
    zone: Name,
    /// Whether the zone uses NSEC3.
    hashed: bool,
    nsecs: Vec<Nsec>,
    nsec3s: Vec<Nsec3>,
    /// Why some RRset was set aside (its signature did not verify).
    rejected: Option<Text>,
    /// Whether there were none at all.
    empty: bool,
}

impl Proofs {
    /// The NSEC (or, when the zone uses them, NSEC3) RRsets of `section` in `zone`, each kept
    /// when its signature verifies with `keys`.
    pub fn gather(section: &[Record], zone: &Name, keys: &[DNSKEY], now: u32) -> Proofs {
        let sets: Vec<RrSet> = RrSet::all(section)
            .into_iter()
            .filter(|s| {
                matches!(s.rtype, RecordType::NSEC | RecordType::NSEC3) && zone.zone_of(&s.name)
            })
            .collect();
        let hashed = sets.iter().any(|s| s.rtype == RecordType::NSEC3);
        let mut p = Proofs {
            zone: zone.clone(),
            hashed,
            nsecs: Vec::new(),
            nsec3s: Vec::new(),
            rejected: None,
            empty: sets.is_empty(),
        };
        for s in sets
            .iter()
            .filter(|s| (s.rtype == RecordType::NSEC3) == hashed)
        {
            match verify(s, zone, keys, now) {
                Ok(v) => {
                    p.nsecs
                        .extend(s.records.iter().filter_map(|r| Nsec::from_record(r, v.tag)));
                    p.nsec3s.extend(
                        s.records
                            .iter()
                            .filter_map(|r| Nsec3::from_record(r, zone, v.tag)),
                    );
                }
                Err(Failure::Bogus(why) | Failure::Unsupported(why)) => {
                    p.rejected.get_or_insert(why);
                }
            }
        }
        p
    }

    fn kind(&self) -> &'static str {
        if self.hashed { "NSEC3" } else { "NSEC" }
    }

    /// `proved`, with why some records were set aside when it is no proof.
    fn explained(&self, proved: Proved) -> Proved {
        match (proved, &self.rejected) {
            (Proved::No(why), Some(bad)) => Proved::No(
                t!(
                    "denial-signature-fails",
                    why = why,
                    kind = self.kind(),
                    bad = bad.clone()
                )
                .into(),
            ),
            (p, _) => p,
        }
    }

    /// The proof that `name` does not exist, or has no `rtype` records.
    pub fn deny(&self, name: &Name, rtype: RecordType, negative: Negative) -> Proved {
        let at = name_text(name);
        if self.empty {
            return Proved::No(
                match negative {
                    Negative::NoName => t!("denial-none-name", at = &at),
                    Negative::NoData => {
                        t!("denial-none-data", at = &at, rtype = type_name(rtype))
                    }
                }
                .into(),
            );
        }
        let proved = if self.hashed {
            nsec3::proof(name, rtype, negative, &self.zone, &self.nsec3s)
        } else {
            nsec::proof(name, rtype, negative, &self.nsecs)
        };
        self.explained(proved)
    }

    /// The proof that `name`, answered from the wildcard `source`, had no closer match.
    pub fn wildcard(&self, name: &Name, source: &Name) -> Proved {
        if self.empty {
            return Proved::No(
                t!(
                    "denial-none-wildcard",
                    name = name_text(name),
                    star = name_text(source)
                )
                .into(),
            );
        }
        let proved = if self.hashed {
            nsec3::wildcard_proof(name, source, &self.nsec3s)
        } else {
            nsec::wildcard_proof(name, source, &self.nsecs)
        };
        self.explained(proved)
    }

    /// Whether a verified record at `name` shows a delegation there (NS without SOA): after a
    /// proof that it has no DS, that it is an unsigned delegation and not just a name.
    pub fn delegation_at(&self, name: &Name) -> bool {
        if self.hashed {
            nsec3::delegation_at(&self.nsec3s, name)
        } else {
            self.nsecs
                .iter()
                .any(|n| same_name(&n.owner, name) && n.delegation())
        }
    }
}
