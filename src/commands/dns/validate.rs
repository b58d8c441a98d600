//! `netkit dns NAME --validate`: the chain of trust from a trust anchor (the root's DS, or the
//! DS lines of --trust-anchor FILE) to the answer, checked on the servers the `--trace` walk
//! found: each zone's DNSKEY set must be signed by a key its parent's DS vouches for, the DS set
//! signed by the parent's keys, and the answer signed by the last zone's keys, every signature
//! within its validity. hickory-proto does the cryptography (`Verifier::verify_rrsig`,
//! `DS::covers`); this module asks for the records and follows the chain. The verdict is
//! secure, insecure (a delegation without DS: the zone is not signed) or bogus with the reason.

use std::net::SocketAddr;
use std::time::Duration;

use hickory_resolver::proto::dnssec::rdata::{DNSKEY, DNSSECRData, DS, RRSIG};
use hickory_resolver::proto::dnssec::{Algorithm, DigestType, Verifier};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{DNSClass, Name, RData, Record, RecordType};
use serde::Serialize;

use super::answer::presentation;
use super::message::{self, QueryFlags};

/// The root zone's trust anchors (IANA: KSK-2017 and KSK-2024), as DS records.
pub const ROOT_ANCHORS: [&str; 2] = [
    ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
    ". IN DS 38696 8 2 683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16",
];

/// The verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Every link of the chain verified.
    Secure,
    /// A delegation on the way has no DS: the zone below is not signed.
    Insecure,
    /// A link does not verify.
    Bogus,
    /// Not checked: a negative answer (its NSEC/NSEC3 proof is not checked yet), or no answer.
    Unchecked,
}

/// One link checked.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The zone.
    pub zone: String,
    /// What was checked and found.
    pub detail: String,
}

/// The whole check.
#[derive(Debug, Clone, Serialize)]
pub struct Validation {
    /// secure, insecure or bogus.
    pub security: Security,
    /// Why (the first link that did not verify, or the unsigned delegation; null when secure).
    pub reason: Option<String>,
    /// The links checked, from the anchor down.
    pub chain: Vec<Link>,
}

/// A trust anchor: a DS record for a zone.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// The zone.
    pub zone: Name,
    /// Its DS.
    pub ds: DS,
}

/// Reads DS lines (`NAME [TTL] [IN] DS TAG ALG DIGEST-TYPE HEX`); other lines are skipped.
pub fn parse_anchors(text: &str) -> Vec<Anchor> {
    let mut found = Vec::new();
    for line in text.lines() {
        let line = line.split(';').next().unwrap_or("");
        let w: Vec<&str> = line.split_whitespace().collect();
        let Some(at) = w.iter().position(|x| x.eq_ignore_ascii_case("DS")) else {
            continue;
        };
        let (Some(name), Some(tag), Some(alg), Some(dt)) =
            (w.first(), w.get(at + 1), w.get(at + 2), w.get(at + 3))
        else {
            continue;
        };
        let hex: String = w[(at + 4).min(w.len())..].concat();
        let (Ok(zone), Ok(tag), Ok(alg), Ok(dt), Ok(digest)) = (
            Name::from_ascii(name),
            tag.parse::<u16>(),
            alg.parse::<u8>(),
            dt.parse::<u8>(),
            data_encoding::HEXUPPER_PERMISSIVE.decode(hex.as_bytes()),
        ) else {
            continue;
        };
        let mut zone = zone;
        zone.set_fqdn(true);
        found.push(Anchor {
            zone,
            ds: DS::new(tag, Algorithm::from_u8(alg), DigestType::from(dt), digest),
        });
    }
    found
}

/// The records of one RRset and their signatures, as a server sent them (DO set).
struct Signed {
    records: Vec<Record>,
    sigs: Vec<RRSIG>,
    rcode: ResponseCode,
}

/// Asks `server` for `name`/`rtype` with DO set and recursion off.
async fn fetch(
    server: SocketAddr,
    name: &Name,
    rtype: RecordType,
    timeout: Duration,
) -> Result<Signed, String> {
    let flags = QueryFlags {
        recurse: false,
        dnssec_ok: true,
        ..QueryFlags::default()
    };
    let q = message::build_query(
        crate::util::random::unpredictable_u32() as u16,
        name,
        rtype,
        DNSClass::IN,
        &flags,
    );
    let x = message::exchange(server, &q, timeout, false).await?;
    let m = x.reply;
    let mut records = Vec::new();
    let mut sigs = Vec::new();
    for r in &m.answers {
        if r.name != *name {
            continue;
        }
        match &r.data {
            RData::DNSSEC(DNSSECRData::RRSIG(sig)) if sig.input().type_covered == rtype => {
                sigs.push(sig.clone())
            }
            _ if r.record_type() == rtype => records.push(r.clone()),
            _ => {}
        }
    }
    Ok(Signed {
        records,
        sigs,
        rcode: m.metadata.response_code,
    })
}

/// Whether `sig` is within its validity at `now` (Unix seconds, serial-number arithmetic aside).
fn in_time(sig: &RRSIG, now: u32) -> bool {
    let i = sig.input();
    i.sig_inception.get() <= now && now <= i.sig_expiration.get()
}

/// Checks that one of `sigs` over `records` (owned by `name`) verifies with one of `keys`;
/// the reason when none does.
fn verify(
    name: &Name,
    records: &[Record],
    sigs: &[RRSIG],
    keys: &[DNSKEY],
    now: u32,
) -> Result<u16, String> {
    if sigs.is_empty() {
        return Err(format!("{} has no RRSIG", presentation(name)));
    }
    let mut why = String::new();
    for sig in sigs {
        let tag = sig.input().key_tag;
        let Some(key) = keys
            .iter()
            .find(|k| k.calculate_key_tag().ok() == Some(tag))
        else {
            why = format!(
                "no DNSKEY with the key tag {tag} that signed {}",
                presentation(name)
            );
            continue;
        };
        if !in_time(sig, now) {
            why = format!(
                "the signature on {} (key {tag}) is outside its validity: expired or not yet valid",
                presentation(name)
            );
            continue;
        }
        match key.verify_rrsig(name, DNSClass::IN, sig, records.iter()) {
            Ok(()) => return Ok(tag),
            Err(e) => {
                why = format!(
                    "the signature on {} (key {tag}) does not verify: {e}",
                    presentation(name)
                )
            }
        }
    }
    Err(why)
}

/// The DNSKEYs of a DNSKEY RRset.
fn keys_of(records: &[Record]) -> Vec<DNSKEY> {
    records
        .iter()
        .filter_map(|r| match &r.data {
            RData::DNSSEC(DNSSECRData::DNSKEY(k)) => Some(k.clone()),
            _ => None,
        })
        .collect()
}

/// The DSs of a DS RRset.
fn ds_of(records: &[Record]) -> Vec<DS> {
    records
        .iter()
        .filter_map(|r| match &r.data {
            RData::DNSSEC(DNSSECRData::DS(d)) => Some(d.clone()),
            _ => None,
        })
        .collect()
}

/// Checks a zone's DNSKEY set against the DSs vouching for it; its keys when it verifies.
fn zone_keys(
    zone: &Name,
    set: Result<Signed, String>,
    ds: &[DS],
    now: u32,
    chain: &mut Vec<Link>,
) -> Result<Vec<DNSKEY>, String> {
    let set = set.map_err(|e| format!("DNSKEY of {}: {e}", presentation(zone)))?;
    let keys = keys_of(&set.records);
    if keys.is_empty() {
        return Err(format!("{} has no DNSKEY", presentation(zone)));
    }
    let vouched: Vec<DNSKEY> = keys
        .iter()
        .filter(|k| ds.iter().any(|d| d.covers(zone, k).unwrap_or(false)))
        .cloned()
        .collect();
    if vouched.is_empty() {
        return Err(format!(
            "no DNSKEY of {} matches its DS (wrong key, or a missing DS)",
            presentation(zone)
        ));
    }
    let tag = verify(zone, &set.records, &set.sigs, &vouched, now)?;
    chain.push(Link {
        zone: presentation(zone),
        detail: format!("DNSKEY set signed by key {tag}, which the DS vouches for"),
    });
    Ok(keys)
}

/// Validates `answer` (None: the walk ended without one) from `anchors`, along `zones`: each
/// zone of the walk from the root down, with the server of it that answered.
pub async fn validate(
    zones: &[(Name, SocketAddr)],
    answer: Option<&[Record]>,
    rtype: RecordType,
    anchors: &[Anchor],
    timeout: Duration,
    now: u32,
) -> Validation {
    let mut chain = Vec::new();
    let verdict = |security, reason: Option<String>, chain| Validation {
        security,
        reason,
        chain,
    };
    let Some(answer) = answer else {
        return verdict(
            Security::Unchecked,
            Some(
                "only answers are validated: the NSEC/NSEC3 proofs of a negative answer are not \
                 checked yet"
                    .into(),
            ),
            chain,
        );
    };
    let Some(start) = zones
        .iter()
        .position(|(z, _)| anchors.iter().any(|a| a.zone == *z))
    else {
        return verdict(
            Security::Bogus,
            Some("no trust anchor for any zone on the way".into()),
            chain,
        );
    };
    let first = &zones[start].0;
    let mut ds: Vec<DS> = anchors
        .iter()
        .filter(|a| a.zone == *first)
        .map(|a| a.ds.clone())
        .collect();
    let mut keys = Vec::new();
    // Every DS and DNSKEY set of the chain is asked for at once; they are checked in order.
    let zones_ref = zones;
    let asks = zones
        .iter()
        .enumerate()
        .skip(start)
        .map(|(i, (zone, server))| async move {
            let ds = if i > start {
                Some(fetch(zones_ref[i - 1].1, zone, RecordType::DS, timeout).await)
            } else {
                None
            };
            (ds, fetch(*server, zone, RecordType::DNSKEY, timeout).await)
        });
    let fetched = futures_util::future::join_all(asks).await;
    for ((i, (zone, _)), (ds_set, key_set)) in zones.iter().enumerate().skip(start).zip(fetched) {
        if let Some(ds_set) = ds_set {
            // The DS of this zone, at its parent.
            debug_assert!(i > start);
            let set = match ds_set {
                Ok(s) => s,
                Err(e) => {
                    return verdict(
                        Security::Bogus,
                        Some(format!("DS of {}: {e}", presentation(zone))),
                        chain,
                    );
                }
            };
            if set.records.is_empty() && set.rcode == ResponseCode::NoError {
                chain.push(Link {
                    zone: presentation(zone),
                    detail: "no DS at the parent: an unsigned delegation".into(),
                });
                return verdict(
                    Security::Insecure,
                    Some(format!(
                        "{} is not signed (its parent has no DS for it)",
                        presentation(zone)
                    )),
                    chain,
                );
            }
            if let Err(e) = verify(zone, &set.records, &set.sigs, &keys, now) {
                return verdict(Security::Bogus, Some(e), chain);
            }
            ds = ds_of(&set.records);
        }
        keys = match zone_keys(zone, key_set, &ds, now, &mut chain) {
            Ok(k) => k,
            Err(e) => return verdict(Security::Bogus, Some(e), chain),
        };
    }
    // The answer, signed by the last zone's keys.
    let Some(name) = answer.first().map(|r| r.name.clone()) else {
        return verdict(Security::Bogus, Some("no answer to validate".into()), chain);
    };
    let records: Vec<Record> = answer
        .iter()
        .filter(|r| r.record_type() == rtype && r.name == name)
        .cloned()
        .collect();
    let sigs: Vec<RRSIG> = answer
        .iter()
        .filter_map(|r| match &r.data {
            RData::DNSSEC(DNSSECRData::RRSIG(s)) if s.input().type_covered == rtype => {
                Some(s.clone())
            }
            _ => None,
        })
        .collect();
    match verify(&name, &records, &sigs, &keys, now) {
        Ok(tag) => {
            chain.push(Link {
                zone: presentation(&name),
                detail: format!("the answer is signed by key {tag}"),
            });
            verdict(Security::Secure, None, chain)
        }
        Err(e) => verdict(Security::Bogus, Some(e), chain),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_anchors_are_read_from_ds_lines() {
        let a = parse_anchors(&ROOT_ANCHORS.join("\n"));
        assert_eq!(a.len(), 2);
        assert!(a[0].zone.is_root());
        assert_eq!(a[0].ds.key_tag(), 20326);
        assert_eq!(u8::from(a[1].ds.algorithm()), 8);
        let text = "; a comment\nlab.test.\t3600\tIN\tDS\t4711 13 2 AB CD\nnot a DS line\n";
        let a = parse_anchors(text);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].zone.to_string(), "lab.test.");
        assert_eq!(a[0].ds.digest(), [0xab, 0xcd]);
    }
}
