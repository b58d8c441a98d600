//! `netkit dns NAME --validate`: the chain of trust from a trust anchor (the root's DS, or the
//! DS lines of --trust-anchor FILE) to the answer, checked on the servers the `--trace` walk
//! found: each zone's DNSKEY set must be signed by a key its parent's DS vouches for, the DS set
//! signed by the parent's keys, and the answer signed by the last zone's keys, every signature
//! within its validity. A negative answer (NXDOMAIN, or no data of the type) is proved by the
//! NSEC or NSEC3 records of its authority section, each RRset signed by the last zone's keys
//! (RFC 4035 5.4, RFC 5155 8); so is the absence of a DS at an unsigned delegation.
//! hickory-proto does the cryptography (`Verifier::verify_rrsig`, `DS::covers`, the NSEC3
//! hash); this module asks for the records and follows the chain. The verdict is secure,
//! insecure (a delegation without DS: the zone is not signed) or bogus with the reason.

use std::cmp::Ordering;
use std::net::SocketAddr;
use std::time::Duration;

use hickory_resolver::proto::dnssec::rdata::{DNSKEY, DNSSECRData, DS, RRSIG};
use hickory_resolver::proto::dnssec::{Algorithm, DigestType, Nsec3HashAlgorithm, Verifier};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{DNSClass, Name, RData, Record, RecordType};
use serde::Serialize;

use super::answer::{presentation, type_text};
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
    /// Not checked: the walk ended without an answer, so there is nothing to validate.
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

/// How the walk ended, as validation needs it.
#[derive(Debug, Clone, Copy)]
pub enum Reply<'a> {
    /// No answer at all: the walk failed.
    Nothing,
    /// An answer: its records.
    Answer(&'a [Record]),
    /// NXDOMAIN: the response's authority section (the SOA, the NSEC or NSEC3 records and
    /// their RRSIGs).
    NoName(&'a [Record]),
    /// No data of the type: the response's authority section.
    NoData(&'a [Record]),
}

/// The records of one RRset and their signatures, as a server sent them (DO set), with the
/// response's authority section (where the proof of an empty answer is).
struct Signed {
    records: Vec<Record>,
    sigs: Vec<RRSIG>,
    rcode: ResponseCode,
    authority: Vec<Record>,
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
        authority: m.authorities.clone(),
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

/// Validates the end of a walk for `name`/`rtype` (`reply`: the answer, or the proof of a
/// negative answer) from `anchors`, along `zones`: each zone of the walk from the root down,
/// with the server of it that answered.
pub async fn validate(
    zones: &[(Name, SocketAddr)],
    name: &Name,
    reply: Reply<'_>,
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
    if let Reply::Nothing = reply {
        return verdict(
            Security::Unchecked,
            Some("the walk ended without an answer: there is nothing to validate".into()),
            chain,
        );
    }
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
                // No DS: the parent's NSEC/NSEC3 must prove it (else a DS could have been
                // stripped on the way).
                let parent = &zones[i - 1].0;
                let proof = deny(
                    zone,
                    RecordType::DS,
                    Negative::NoData,
                    &set.authority,
                    parent,
                    &keys,
                    now,
                );
                match proof {
                    Proved::Yes(links) | Proved::OptOut(links, _) => chain.extend(links),
                    Proved::No(why) => {
                        return verdict(
                            Security::Bogus,
                            Some(format!(
                                "{} has no DS at its parent, and that is not proved: {why}",
                                presentation(zone)
                            )),
                            chain,
                        );
                    }
                }
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
    let (negative, authority) = match reply {
        Reply::Answer(answer) => {
            return match check_answer(answer, rtype, &keys, now) {
                Ok(link) => {
                    chain.push(link);
                    verdict(Security::Secure, None, chain)
                }
                Err(e) => verdict(Security::Bogus, Some(e), chain),
            };
        }
        Reply::NoName(authority) => (Negative::NoName, authority),
        Reply::NoData(authority) => (Negative::NoData, authority),
        Reply::Nothing => unreachable!("returned above"),
    };
    // A negative answer: proved by the last zone's NSEC or NSEC3 records.
    let zone = &zones[zones.len() - 1].0;
    match deny(name, rtype, negative, authority, zone, &keys, now) {
        Proved::Yes(links) => {
            chain.extend(links);
            verdict(Security::Secure, None, chain)
        }
        Proved::OptOut(links, why) => {
            chain.extend(links);
            verdict(Security::Insecure, Some(why), chain)
        }
        Proved::No(why) => verdict(Security::Bogus, Some(why), chain),
    }
}

/// Checks that the answer is signed by the last zone's `keys`; the link saying so.
fn check_answer(
    answer: &[Record],
    rtype: RecordType,
    keys: &[DNSKEY],
    now: u32,
) -> Result<Link, String> {
    let Some(name) = answer.first().map(|r| r.name.clone()) else {
        return Err("no answer to validate".into());
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
    let tag = verify(&name, &records, &sigs, keys, now)?;
    Ok(Link {
        zone: presentation(&name),
        detail: format!("the answer is signed by key {tag}"),
    })
}

/// Which negative answer is to be proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Negative {
    /// The name does not exist (NXDOMAIN).
    NoName,
    /// The name has no records of the type (NOERROR, no data).
    NoData,
}

/// What the NSEC/NSEC3 records of a negative answer came to.
#[derive(Debug)]
enum Proved {
    /// Proved: the links saying by which records.
    Yes(Vec<Link>),
    /// Only an opt-out NSEC3 span holds the name (RFC 5155 6): it may be an unsigned
    /// delegation, so the answer is insecure; the links so far and why.
    OptOut(Vec<Link>, String),
    /// Not proved: why.
    No(String),
}

/// A name's labels from the root down, lowercased: compared as a whole, the canonical DNS
/// order of RFC 4034 6.1 (label by label from the right, each label's octets as unsigned
/// numbers, a label before the longer labels it is a prefix of, a name before its subdomains).
fn canonical(name: &Name) -> Vec<Vec<u8>> {
    name.iter().rev().map(|l| l.to_ascii_lowercase()).collect()
}

/// `a` and `b` in canonical DNS order (RFC 4034 6.1).
fn canonical_cmp(a: &Name, b: &Name) -> Ordering {
    canonical(a).cmp(&canonical(b))
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

/// The types of a type bitmap, for people.
fn types_text(types: &[RecordType]) -> String {
    if types.is_empty() {
        return "none".into();
    }
    types
        .iter()
        .map(|t| type_text(*t))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An NSEC record (RFC 4034 4) whose signature verified.
#[derive(Debug, Clone)]
struct Nsec {
    owner: Name,
    next: Name,
    types: Vec<RecordType>,
    /// The key that signed it.
    tag: u16,
}

impl Nsec {
    fn from_record(r: &Record, tag: u16) -> Option<Nsec> {
        let RData::DNSSEC(DNSSECRData::NSEC(n)) = &r.data else {
            return None;
        };
        Some(Nsec {
            owner: r.name.clone(),
            next: n.next_domain_name().clone(),
            types: n.type_bit_maps().collect(),
            tag,
        })
    }

    fn has(&self, t: RecordType) -> bool {
        self.types.contains(&t)
    }

    /// Whether `name` lies strictly between its owner and the next name.
    fn covers(&self, name: &Name) -> bool {
        span_covers(
            &canonical(&self.owner),
            &canonical(&self.next),
            &canonical(name),
        )
    }

    /// The parent side of a zone cut, or a DNAME: it proves nothing about the names below
    /// (RFC 6840 4.1).
    fn cut(&self) -> bool {
        self.has(RecordType::DNAME) || (self.has(RecordType::NS) && !self.has(RecordType::SOA))
    }

    fn text(&self) -> String {
        format!(
            "NSEC {} → {}",
            presentation(&self.owner),
            presentation(&self.next)
        )
    }
}

/// The NSEC that proves `name` does not exist: it covers it, and is not the parent side of a
/// cut above it.
fn nsec_covering<'a>(nsecs: &'a [Nsec], name: &Name) -> Option<&'a Nsec> {
    nsecs
        .iter()
        .find(|n| n.covers(name) && !(n.cut() && n.owner.zone_of(name)))
}

/// The closest encloser a covering NSEC shows for `name` (RFC 4035 5.4): the longest of the
/// ancestors `name` shares with the NSEC's owner and with its next name.
fn nsec_closest_encloser(n: &Nsec, name: &Name) -> Name {
    let common = |other: &Name| {
        name.iter()
            .rev()
            .zip(other.iter().rev())
            .take_while(|(a, b)| a.eq_ignore_ascii_case(b))
            .count()
    };
    name.trim_to(common(&n.owner).max(common(&n.next)))
}

/// Checks that the NSEC at `name` (its owner) shows no `rtype` data there; the link saying so.
fn nsec_nodata_at(n: &Nsec, name: &Name, rtype: RecordType) -> Result<Link, String> {
    let at = presentation(&n.owner);
    if n.has(rtype) {
        return Err(format!(
            "the NSEC at {at} lists type {}: the data exists",
            type_text(rtype)
        ));
    }
    if n.has(RecordType::CNAME) {
        return Err(format!(
            "the NSEC at {at} lists a CNAME: the answer should have followed it"
        ));
    }
    if rtype == RecordType::DS && n.has(RecordType::SOA) && !n.owner.is_root() {
        return Err(format!(
            "the NSEC at {at} is the child zone's (it lists SOA): it cannot prove there is no DS"
        ));
    }
    if rtype != RecordType::DS && n.cut() {
        return Err(format!(
            "the NSEC at {at} is the parent side of a delegation: it proves only that there \
             is no DS"
        ));
    }
    Ok(Link {
        zone: presentation(name),
        detail: format!(
            "{} proves no data of type {} at {at} (it has: {}; signed by key {})",
            n.text(),
            type_text(rtype),
            types_text(&n.types),
            n.tag
        ),
    })
}

/// The NSEC proof (RFC 4035 5.4) that `name` does not exist, or has no `rtype` data.
fn nsec_proof(name: &Name, rtype: RecordType, negative: Negative, nsecs: &[Nsec]) -> Proved {
    let at = presentation(name);
    let exact = nsecs.iter().find(|n| canonical_cmp(&n.owner, name).is_eq());
    let link = |n: &Nsec, what: String| Link {
        zone: at.clone(),
        detail: format!("{} proves {what} (signed by key {})", n.text(), n.tag),
    };
    if negative == Negative::NoData {
        if let Some(n) = exact {
            return match nsec_nodata_at(n, name, rtype) {
                Ok(l) => Proved::Yes(vec![l]),
                Err(why) => Proved::No(why),
            };
        }
    } else if exact.is_some() {
        return Proved::No(format!("an NSEC at {at} shows that the name exists"));
    }
    let Some(cover) = nsec_covering(nsecs, name) else {
        return Proved::No(match negative {
            Negative::NoName => format!("no NSEC covers {at}"),
            Negative::NoData => format!("no NSEC at {at} or covering it"),
        });
    };
    if negative == Negative::NoData && name.zone_of(&cover.next) {
        // Not there, but the next name is below it: an empty non-terminal (RFC 4035 3.1.3.2).
        return Proved::Yes(vec![link(
            cover,
            format!("{at} is an empty non-terminal: it has no data of any type"),
        )]);
    }
    let ce = nsec_closest_encloser(cover, name);
    let mut links = Vec::new();
    if negative == Negative::NoName {
        links.push(link(cover, format!("{at} does not exist")));
    }
    let Some(wild) = wildcard(&ce) else {
        return match negative {
            Negative::NoName => Proved::Yes(links),
            Negative::NoData => Proved::No(format!("no NSEC at {at}")),
        };
    };
    let star = presentation(&wild);
    let at_wild = nsecs
        .iter()
        .find(|n| canonical_cmp(&n.owner, &wild).is_eq());
    match (negative, at_wild) {
        (Negative::NoName, Some(_)) => Proved::No(format!(
            "the wildcard {star} exists: {at} should have been answered from it"
        )),
        (Negative::NoName, None) => match nsec_covering(nsecs, &wild) {
            Some(w) => {
                links.push(link(w, format!("there is no wildcard {star}")));
                Proved::Yes(links)
            }
            None => Proved::No(format!("no NSEC proves there is no wildcard {star}")),
        },
        // A wildcard that has no data of the type (RFC 4035 3.1.3.4).
        (Negative::NoData, Some(w)) => match nsec_nodata_at(w, &wild, rtype) {
            Ok(l) => Proved::Yes(vec![link(cover, format!("{at} does not exist")), l]),
            Err(why) => Proved::No(why),
        },
        (Negative::NoData, None) => Proved::No(format!(
            "no NSEC at {at}, and none at the wildcard {star} it could come from"
        )),
    }
}

/// An NSEC3 record (RFC 5155 3) whose signature verified.
#[derive(Debug, Clone)]
struct Nsec3 {
    owner: Name,
    /// The hash of its owner (the first label, base32hex).
    hash: Vec<u8>,
    /// The next hash of the chain.
    next: Vec<u8>,
    opt_out: bool,
    algorithm: Nsec3HashAlgorithm,
    iterations: u16,
    salt: Vec<u8>,
    types: Vec<RecordType>,
    /// The key that signed it.
    tag: u16,
}

impl Nsec3 {
    /// The NSEC3 of `r`, when its owner is a hash directly below `zone`.
    fn from_record(r: &Record, zone: &Name, tag: u16) -> Option<Nsec3> {
        let RData::DNSSEC(DNSSECRData::NSEC3(n)) = &r.data else {
            return None;
        };
        if labels(&r.name) != labels(zone) + 1 || !zone.zone_of(&r.name) {
            return None;
        }
        let first = r.name.iter().next()?;
        let hash = data_encoding::BASE32_DNSSEC.decode(first).ok()?;
        Some(Nsec3 {
            owner: r.name.clone(),
            hash,
            next: n.next_hashed_owner_name().to_vec(),
            opt_out: n.opt_out(),
            algorithm: n.hash_algorithm(),
            iterations: n.iterations(),
            salt: n.salt().to_vec(),
            types: n.type_bit_maps().collect(),
            tag,
        })
    }

    fn has(&self, t: RecordType) -> bool {
        self.types.contains(&t)
    }

    fn text(&self) -> String {
        format!("NSEC3 {}", presentation(&self.owner))
    }
}

/// A name hashed: (its canonical labels, the salt, the iterations) and the hash (None: it
/// could not be hashed).
type Hashed = ((Vec<Vec<u8>>, Vec<u8>, u16), Option<Vec<u8>>);

/// The NSEC3 records of a response with the hashes of the names looked for, each name hashed
/// (by hickory-proto, RFC 5155 5) once per set of parameters.
struct Nsec3Set<'a> {
    records: &'a [Nsec3],
    hashes: Vec<Hashed>,
}

impl<'a> Nsec3Set<'a> {
    fn new(records: &'a [Nsec3]) -> Self {
        Nsec3Set {
            records,
            hashes: Vec::new(),
        }
    }

    /// `name` hashed with `n`'s parameters.
    fn hash(&mut self, n: &Nsec3, name: &Name) -> Option<Vec<u8>> {
        let key = (canonical(name), n.salt.clone(), n.iterations);
        if let Some((_, h)) = self.hashes.iter().find(|(k, _)| *k == key) {
            return h.clone();
        }
        let h = n
            .algorithm
            .hash(&n.salt, name, n.iterations)
            .ok()
            .map(|d| d.as_ref().to_vec());
        self.hashes.push((key, h.clone()));
        h
    }

    /// The NSEC3 whose owner is the hash of `name`.
    fn matching(&mut self, name: &Name) -> Option<&'a Nsec3> {
        let records = self.records;
        records
            .iter()
            .find(|n| self.hash(n, name).is_some_and(|h| h == n.hash))
    }

    /// The NSEC3 whose span holds the hash of `name`.
    fn covering(&mut self, name: &Name) -> Option<&'a Nsec3> {
        let records = self.records;
        records.iter().find(|n| {
            self.hash(n, name)
                .is_some_and(|h| span_covers(&n.hash, &n.next, &h))
        })
    }
}

/// A closest encloser proof (RFC 5155 8.3).
struct Encloser<'a> {
    /// The closest encloser, and the NSEC3 matching it.
    ce: Name,
    matching: &'a Nsec3,
    /// The next closer name (one label longer, toward the name), and the NSEC3 covering it.
    next_closer: Name,
    covering: &'a Nsec3,
}

/// The closest encloser proof for `name` (not itself matched) in `zone`.
fn closest_encloser<'a>(
    set: &mut Nsec3Set<'a>,
    name: &Name,
    zone: &Name,
) -> Result<Encloser<'a>, String> {
    let at = presentation(name);
    for k in (labels(zone)..labels(name)).rev() {
        let candidate = name.trim_to(k);
        let Some(m) = set.matching(&candidate) else {
            continue;
        };
        if m.has(RecordType::DNAME) || (m.has(RecordType::NS) && !m.has(RecordType::SOA)) {
            return Err(format!(
                "the NSEC3 matching {} is a delegation or a DNAME: it cannot be the closest \
                 encloser of {at}",
                presentation(&candidate)
            ));
        }
        let next_closer = name.trim_to(k + 1);
        let Some(c) = set.covering(&next_closer) else {
            return Err(format!(
                "no NSEC3 covers the next closer name {} of {at}",
                presentation(&next_closer)
            ));
        };
        return Ok(Encloser {
            ce: candidate,
            matching: m,
            next_closer,
            covering: c,
        });
    }
    Err(format!(
        "no NSEC3 matches any name above {at}: no closest encloser proof"
    ))
}

/// Checks that the NSEC3 matching `name` shows no `rtype` data there; the link saying so.
fn nsec3_nodata_at(n: &Nsec3, name: &Name, rtype: RecordType, at: &str) -> Result<Link, String> {
    let which = presentation(name);
    if n.has(rtype) {
        return Err(format!(
            "the NSEC3 matching {which} lists type {}: the data exists",
            type_text(rtype)
        ));
    }
    if n.has(RecordType::CNAME) {
        return Err(format!(
            "the NSEC3 matching {which} lists a CNAME: the answer should have followed it"
        ));
    }
    if rtype == RecordType::DS && n.has(RecordType::SOA) && !name.is_root() {
        return Err(format!(
            "the NSEC3 matching {which} is the child zone's (it lists SOA): it cannot prove \
             there is no DS"
        ));
    }
    if rtype != RecordType::DS && n.has(RecordType::NS) && !n.has(RecordType::SOA) {
        return Err(format!(
            "the NSEC3 matching {which} is the parent side of a delegation: it proves only \
             that there is no DS"
        ));
    }
    Ok(Link {
        zone: at.to_string(),
        detail: format!(
            "{} matches {which} and proves no data of type {} (it has: {}; signed by key {})",
            n.text(),
            type_text(rtype),
            types_text(&n.types),
            n.tag
        ),
    })
}

/// The NSEC3 proof (RFC 5155 8.4 to 8.7) that `name` does not exist, or has no `rtype` data,
/// in `zone`.
fn nsec3_proof(
    name: &Name,
    rtype: RecordType,
    negative: Negative,
    zone: &Name,
    records: &[Nsec3],
) -> Proved {
    let at = presentation(name);
    let mut set = Nsec3Set::new(records);
    let link = |n: &Nsec3, what: String| Link {
        zone: at.clone(),
        detail: format!("{} {what} (signed by key {})", n.text(), n.tag),
    };
    if let Some(m) = set.matching(name) {
        if negative == Negative::NoName {
            return Proved::No(format!("an NSEC3 matches {at}: the name exists"));
        }
        // RFC 5155 8.5 and 8.6.
        return match nsec3_nodata_at(m, name, rtype, &at) {
            Ok(l) => Proved::Yes(vec![l]),
            Err(why) => Proved::No(why),
        };
    }
    let e = match closest_encloser(&mut set, name, zone) {
        Ok(e) => e,
        Err(why) => return Proved::No(why),
    };
    let ce = presentation(&e.ce);
    let nc = presentation(&e.next_closer);
    let mut links = vec![
        link(e.matching, format!("matches the closest encloser {ce}")),
        link(
            e.covering,
            format!(
                "covers the next closer name {nc}{}",
                if e.covering.opt_out {
                    " (an opt-out span)"
                } else {
                    ""
                }
            ),
        ),
    ];
    let opt_out = |links| {
        Proved::OptOut(
            links,
            match negative {
                Negative::NoName => format!(
                    "{nc} is in an NSEC3 opt-out span: it may be an unsigned delegation, so {at} \
                     is not proved not to exist (RFC 5155 6)"
                ),
                // Only a DS gets here.
                Negative::NoData => format!(
                    "{at} is in an NSEC3 opt-out span and has no DS: an unsigned delegation \
                     (RFC 5155 6)"
                ),
            },
        )
    };
    if negative == Negative::NoData && rtype == RecordType::DS {
        // RFC 5155 8.6: no DS, under an opt-out span: an unsigned delegation.
        return if e.covering.opt_out {
            opt_out(links)
        } else {
            Proved::No(format!(
                "no NSEC3 matches {at}, and the one covering {nc} is not opt-out: nothing \
                 proves there is no DS"
            ))
        };
    }
    let Some(wild) = wildcard(&e.ce) else {
        return Proved::No(format!("no NSEC3 matches {at}"));
    };
    let star = presentation(&wild);
    match negative {
        // RFC 5155 8.4.
        Negative::NoName => {
            if set.matching(&wild).is_some() {
                return Proved::No(format!(
                    "an NSEC3 matches the wildcard {star}: {at} should have been answered from it"
                ));
            }
            let Some(w) = set.covering(&wild) else {
                return Proved::No(format!("no NSEC3 covers the wildcard {star}"));
            };
            links.push(link(
                w,
                format!("covers the wildcard {star}: there is none"),
            ));
            if e.covering.opt_out {
                return opt_out(links);
            }
            links.push(Link {
                zone: at.clone(),
                detail: format!("so {at} does not exist"),
            });
            Proved::Yes(links)
        }
        // RFC 5155 8.7: a wildcard with no data of the type.
        Negative::NoData => {
            let Some(w) = set.matching(&wild) else {
                return Proved::No(format!(
                    "no NSEC3 matches {at}, nor the wildcard {star} it could come from"
                ));
            };
            match nsec3_nodata_at(w, &wild, rtype, &at) {
                Ok(l) => {
                    links.push(l);
                    Proved::Yes(links)
                }
                Err(why) => Proved::No(why),
            }
        }
    }
}

/// Checks the proof, in a negative response's `authority` records, that `name` does not exist
/// or has no `rtype` records in `zone`: its NSEC (or NSEC3) RRsets, each signed by `keys`.
fn deny(
    name: &Name,
    rtype: RecordType,
    negative: Negative,
    authority: &[Record],
    zone: &Name,
    keys: &[DNSKEY],
    now: u32,
) -> Proved {
    // The NSEC and NSEC3 RRsets of the zone, each with its signatures.
    struct Set {
        owner: Name,
        rtype: RecordType,
        records: Vec<Record>,
        sigs: Vec<RRSIG>,
    }
    let mut sets: Vec<Set> = Vec::new();
    for r in authority {
        let t = r.record_type();
        if !matches!(t, RecordType::NSEC | RecordType::NSEC3) || !zone.zone_of(&r.name) {
            continue;
        }
        match sets.iter_mut().find(|s| s.rtype == t && s.owner == r.name) {
            Some(s) => s.records.push(r.clone()),
            None => sets.push(Set {
                owner: r.name.clone(),
                rtype: t,
                records: vec![r.clone()],
                sigs: Vec::new(),
            }),
        }
    }
    for r in authority {
        if let RData::DNSSEC(DNSSECRData::RRSIG(sig)) = &r.data {
            let covered = sig.input().type_covered;
            if let Some(s) = sets
                .iter_mut()
                .find(|s| s.rtype == covered && s.owner == r.name)
            {
                s.sigs.push(sig.clone());
            }
        }
    }
    let at = presentation(name);
    if sets.is_empty() {
        return Proved::No(match negative {
            Negative::NoName => format!("no NSEC or NSEC3 record proves that {at} does not exist"),
            Negative::NoData => format!(
                "no NSEC or NSEC3 record proves that {at} has no {} records",
                type_text(rtype)
            ),
        });
    }
    // NSEC3 when the zone uses it, else NSEC; only the RRsets whose signature verifies.
    let hashed = sets.iter().any(|s| s.rtype == RecordType::NSEC3);
    let kind = if hashed { "NSEC3" } else { "NSEC" };
    let mut rejected = None;
    let mut nsecs = Vec::new();
    let mut nsec3s = Vec::new();
    for s in sets
        .iter()
        .filter(|s| (s.rtype == RecordType::NSEC3) == hashed)
    {
        match verify(&s.owner, &s.records, &s.sigs, keys, now) {
            Ok(tag) => {
                nsecs.extend(s.records.iter().filter_map(|r| Nsec::from_record(r, tag)));
                nsec3s.extend(
                    s.records
                        .iter()
                        .filter_map(|r| Nsec3::from_record(r, zone, tag)),
                );
            }
            Err(why) => {
                rejected.get_or_insert(why);
            }
        }
    }
    let proved = if hashed {
        nsec3_proof(name, rtype, negative, zone, &nsec3s)
    } else {
        nsec_proof(name, rtype, negative, &nsecs)
    };
    match (proved, rejected) {
        (Proved::No(why), Some(bad)) => Proved::No(format!(
            "{why}: the {kind}'s signature does not verify ({bad})"
        )),
        (p, _) => p,
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

    use hickory_resolver::proto::dnssec::rdata::{NSEC, NSEC3};

    fn n(text: &str) -> Name {
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
        assert_eq!(
            canonical_cmp(&n("A.Example."), &n("a.example.")),
            Ordering::Equal
        );
    }

    #[test]
    fn an_nsec_covers_the_names_strictly_between_owner_and_next() {
        let nsec = |owner: &str, next: &str| Nsec {
            owner: n(owner),
            next: n(next),
            types: vec![RecordType::A],
            tag: 1,
        };
        let n1 = nsec("b.lab.test.", "www.lab.test.");
        assert!(n1.covers(&n("nx.lab.test.")));
        assert!(n1.covers(&n("a.b.lab.test."))); // below the owner, before the next
        assert!(!n1.covers(&n("b.lab.test.")));
        assert!(!n1.covers(&n("www.lab.test.")));
        assert!(!n1.covers(&n("a.lab.test.")));
        assert!(!n1.covers(&n("x.www.lab.test.")));
        // The last NSEC of the zone wraps around to the apex.
        let last = nsec("www.lab.test.", "lab.test.");
        assert!(last.covers(&n("zz.lab.test.")));
        assert!(last.covers(&n("a.www.lab.test.")));
        assert!(!last.covers(&n("nx.lab.test.")));
        assert!(!last.covers(&n("lab.test.")));
        // Hashes the same way.
        assert!(span_covers(&vec![1u8], &vec![5], &vec![3]));
        assert!(!span_covers(&vec![1u8], &vec![5], &vec![5]));
        assert!(span_covers(&vec![9u8], &vec![2], &vec![1]));
        assert!(span_covers(&vec![9u8], &vec![2], &vec![10]));
        assert!(!span_covers(&vec![9u8], &vec![2], &vec![5]));
    }

    /// The NSEC chain of `zone` holding `names` (name, types), as records sent by a server.
    fn nsec_chain(names: &[(&str, &[RecordType])]) -> Vec<Nsec> {
        let mut names: Vec<(Name, Vec<RecordType>)> =
            names.iter().map(|(t, ty)| (n(t), ty.to_vec())).collect();
        names.sort_by(|a, b| canonical_cmp(&a.0, &b.0));
        (0..names.len())
            .map(|i| {
                let next = names[(i + 1) % names.len()].0.clone();
                let r = Record::from_rdata(
                    names[i].0.clone(),
                    300,
                    RData::DNSSEC(DNSSECRData::NSEC(NSEC::new_cover_self(
                        next,
                        names[i].1.clone(),
                    ))),
                );
                Nsec::from_record(&r, 7).unwrap()
            })
            .collect()
    }

    fn yes(p: Proved) -> Vec<String> {
        match p {
            Proved::Yes(links) => links.into_iter().map(|l| l.detail).collect(),
            other => panic!("not proved: {other:?}"),
        }
    }

    fn no(p: Proved) -> String {
        match p {
            Proved::No(why) => why,
            other => panic!("proved: {other:?}"),
        }
    }

    use RecordType::{A, CNAME, DS, MX, NS, SOA, TXT};

    fn lab_nsec() -> Vec<Nsec> {
        nsec_chain(&[
            ("lab.test.", &[SOA, NS]),
            ("ns.lab.test.", &[A]),
            ("www.lab.test.", &[A]),
            ("x.ent.lab.test.", &[A]),
            ("*.wild.lab.test.", &[TXT]),
            ("sub.lab.test.", &[NS]),
            ("alias.lab.test.", &[CNAME]),
        ])
    }

    #[test]
    fn nsec_proves_a_name_does_not_exist_and_no_wildcard() {
        let chain = lab_nsec();
        let links = yes(nsec_proof(&n("nx.lab.test."), A, Negative::NoName, &chain));
        assert_eq!(links.len(), 2, "{links:?}");
        assert!(
            links[0]
                .contains("NSEC ns.lab.test. → sub.lab.test. proves nx.lab.test. does not exist"),
            "{links:?}"
        );
        assert!(
            links[1].contains("proves there is no wildcard *.lab.test."),
            "{links:?}"
        );
        // Without the NSEC covering the wildcard, the proof is incomplete.
        let partial: Vec<Nsec> = chain
            .iter()
            .filter(|x| x.owner != n("lab.test."))
            .cloned()
            .collect();
        assert!(
            no(nsec_proof(
                &n("nx.lab.test."),
                A,
                Negative::NoName,
                &partial
            ))
            .contains("no NSEC proves there is no wildcard *.lab.test.")
        );
        // Without the covering one, nothing.
        let none: Vec<Nsec> = chain
            .iter()
            .filter(|x| x.owner != n("ns.lab.test."))
            .cloned()
            .collect();
        assert_eq!(
            no(nsec_proof(&n("nx.lab.test."), A, Negative::NoName, &none)),
            "no NSEC covers nx.lab.test."
        );
        // A name that exists, and a name under an existing wildcard.
        assert!(
            no(nsec_proof(&n("www.lab.test."), A, Negative::NoName, &chain)).contains("exists")
        );
        assert!(
            no(nsec_proof(
                &n("q.wild.lab.test."),
                A,
                Negative::NoName,
                &chain
            ))
            .contains("the wildcard *.wild.lab.test. exists")
        );
        // Below a delegation, the parent's NSEC proves nothing.
        assert!(
            no(nsec_proof(
                &n("a.sub.lab.test."),
                A,
                Negative::NoName,
                &chain
            ))
            .contains("no NSEC covers")
        );
    }

    #[test]
    fn nsec_proves_no_data_at_a_name_an_empty_non_terminal_and_a_wildcard() {
        let chain = lab_nsec();
        let links = yes(nsec_proof(
            &n("www.lab.test."),
            TXT,
            Negative::NoData,
            &chain,
        ));
        assert!(
            links[0].contains("proves no data of type TXT at www.lab.test. (it has: A "),
            "{links:?}"
        );
        assert!(
            no(nsec_proof(&n("www.lab.test."), A, Negative::NoData, &chain))
                .contains("lists type A")
        );
        assert!(
            no(nsec_proof(
                &n("alias.lab.test."),
                TXT,
                Negative::NoData,
                &chain
            ))
            .contains("CNAME")
        );
        // A delegation: no DS is proved, other types are not.
        assert_eq!(
            yes(nsec_proof(
                &n("sub.lab.test."),
                DS,
                Negative::NoData,
                &chain
            ))
            .len(),
            1
        );
        assert!(
            no(nsec_proof(
                &n("sub.lab.test."),
                TXT,
                Negative::NoData,
                &chain
            ))
            .contains("parent side of a delegation")
        );
        // The child's apex NSEC cannot deny a DS.
        assert!(
            no(nsec_proof(&n("lab.test."), DS, Negative::NoData, &chain)).contains("child zone's")
        );
        let links = yes(nsec_proof(
            &n("ent.lab.test."),
            TXT,
            Negative::NoData,
            &chain,
        ));
        assert!(links[0].contains("empty non-terminal"), "{links:?}");
        let links = yes(nsec_proof(
            &n("q.wild.lab.test."),
            MX,
            Negative::NoData,
            &chain,
        ));
        assert_eq!(links.len(), 2, "{links:?}");
        assert!(links[1].contains("at *.wild.lab.test."), "{links:?}");
        assert!(
            no(nsec_proof(
                &n("q.wild.lab.test."),
                TXT,
                Negative::NoData,
                &chain
            ))
            .contains("lists type TXT")
        );
        assert!(
            no(nsec_proof(
                &n("nx.lab.test."),
                TXT,
                Negative::NoData,
                &chain
            ))
            .contains("no NSEC at nx.lab.test., and none at the wildcard *.lab.test.")
        );
    }

    #[test]
    fn nsec3_hashes_are_rfc_5155s() {
        // RFC 5155 appendix A: salt AABBCCDD, 12 iterations.
        let salt = [0xaa, 0xbb, 0xcc, 0xdd];
        for (name, hash) in [
            ("example.", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom"),
            ("a.example.", "35mthgpgcu1qg68fab165klnsnk3dpvl"),
            ("*.w.example.", "r53bq7cc2uvmubfu5ocmm6pers9tk9en"),
            ("x.w.example.", "b4um86eghhds6nea196smvmlo4ors995"),
        ] {
            let h = Nsec3HashAlgorithm::SHA1.hash(&salt, &n(name), 12).unwrap();
            assert_eq!(
                data_encoding::BASE32_DNSSEC.encode(h.as_ref()),
                hash,
                "{name}"
            );
        }
    }

    /// The NSEC3 chain (salt AABBCCDD, 12 iterations) of `zone` holding `names` (name, types).
    fn nsec3_chain(zone: &str, names: &[(&str, &[RecordType])], opt_out: bool) -> Vec<Nsec3> {
        let salt = vec![0xaa, 0xbb, 0xcc, 0xdd];
        let mut hashed: Vec<(Vec<u8>, Vec<RecordType>)> = names
            .iter()
            .map(|(t, ty)| {
                let h = Nsec3HashAlgorithm::SHA1.hash(&salt, &n(t), 12).unwrap();
                (h.as_ref().to_vec(), ty.to_vec())
            })
            .collect();
        hashed.sort();
        (0..hashed.len())
            .map(|i| {
                let owner = n(&format!(
                    "{}.{zone}",
                    data_encoding::BASE32_DNSSEC.encode(&hashed[i].0)
                ));
                let r = Record::from_rdata(
                    owner,
                    300,
                    RData::DNSSEC(DNSSECRData::NSEC3(NSEC3::new(
                        Nsec3HashAlgorithm::SHA1,
                        opt_out,
                        12,
                        salt.clone(),
                        hashed[(i + 1) % hashed.len()].0.clone(),
                        hashed[i].1.clone(),
                    ))),
                );
                Nsec3::from_record(&r, &n(zone), 9).unwrap()
            })
            .collect()
    }

    const EXAMPLE: [(&str, &[RecordType]); 7] = [
        ("example.", &[SOA, NS]),
        ("a.example.", &[A]),
        ("ns1.example.", &[A]),
        ("w.example.", &[]), // an empty non-terminal
        ("x.w.example.", &[A]),
        ("*.z.example.", &[TXT]),
        ("z.example.", &[]),
    ];

    #[test]
    fn nsec3_proves_a_name_does_not_exist_by_the_closest_encloser() {
        let zone = n("example.");
        let chain = nsec3_chain("example.", &EXAMPLE, false);
        let links = yes(nsec3_proof(
            &n("b.a.example."),
            A,
            Negative::NoName,
            &zone,
            &chain,
        ));
        assert!(
            links[0].contains("matches the closest encloser a.example."),
            "{links:?}"
        );
        assert!(
            links[1].contains("covers the next closer name b.a.example."),
            "{links:?}"
        );
        assert!(
            links[2].contains("covers the wildcard *.a.example."),
            "{links:?}"
        );
        assert!(
            links[3].contains("so b.a.example. does not exist"),
            "{links:?}"
        );
        let links = yes(nsec3_proof(
            &n("c.b.x.w.example."),
            A,
            Negative::NoName,
            &zone,
            &chain,
        ));
        assert!(
            links[0].contains("the closest encloser x.w.example."),
            "{links:?}"
        );
        assert!(
            links[1].contains("next closer name b.x.w.example."),
            "{links:?}"
        );
        // The name exists; a wildcard would have answered.
        assert!(
            no(nsec3_proof(
                &n("a.example."),
                A,
                Negative::NoName,
                &zone,
                &chain
            ))
            .contains("exists")
        );
        assert!(
            no(nsec3_proof(
                &n("q.z.example."),
                A,
                Negative::NoName,
                &zone,
                &chain
            ))
            .contains("matches the wildcard *.z.example.")
        );
        // Each part of the proof is needed: drop the record matching the closest encloser,
        // then the one covering the next closer name.
        let mut set = Nsec3Set::new(&chain);
        let ce = set.matching(&n("a.example.")).unwrap().owner.clone();
        let nc = set.covering(&n("b.a.example.")).unwrap().owner.clone();
        let without = |owner: &Name| -> Vec<Nsec3> {
            chain
                .iter()
                .filter(|x| x.owner != *owner)
                .cloned()
                .collect()
        };
        let why = no(nsec3_proof(
            &n("b.a.example."),
            A,
            Negative::NoName,
            &zone,
            &without(&ce),
        ));
        assert!(why.contains("the next closer name a.example."), "{why}");
        let why = no(nsec3_proof(
            &n("b.a.example."),
            A,
            Negative::NoName,
            &zone,
            &without(&nc),
        ));
        assert!(
            why.contains("no NSEC3 covers the next closer name b.a.example."),
            "{why}"
        );
        assert!(
            no(nsec3_proof(
                &n("b.a.example."),
                A,
                Negative::NoName,
                &zone,
                &[]
            ))
            .contains("no closest encloser proof")
        );
    }

    #[test]
    fn nsec3_proves_no_data_by_a_matching_record_or_a_wildcard() {
        let zone = n("example.");
        let chain = nsec3_chain("example.", &EXAMPLE, false);
        let links = yes(nsec3_proof(
            &n("a.example."),
            TXT,
            Negative::NoData,
            &zone,
            &chain,
        ));
        assert!(
            links[0].contains("matches a.example. and proves no data of type TXT (it has: A"),
            "{links:?}"
        );
        assert!(
            no(nsec3_proof(
                &n("a.example."),
                A,
                Negative::NoData,
                &zone,
                &chain
            ))
            .contains("lists type A")
        );
        // An empty non-terminal has its own NSEC3.
        yes(nsec3_proof(
            &n("w.example."),
            TXT,
            Negative::NoData,
            &zone,
            &chain,
        ));
        // Through the wildcard (RFC 5155 8.7).
        let links = yes(nsec3_proof(
            &n("q.z.example."),
            MX,
            Negative::NoData,
            &zone,
            &chain,
        ));
        assert!(links[2].contains("matches *.z.example."), "{links:?}");
        assert!(
            no(nsec3_proof(
                &n("q.z.example."),
                TXT,
                Negative::NoData,
                &zone,
                &chain
            ))
            .contains("lists type TXT")
        );
        assert!(
            no(nsec3_proof(
                &n("nx.example."),
                TXT,
                Negative::NoData,
                &zone,
                &chain
            ))
            .contains("nor the wildcard *.example.")
        );
    }

    #[test]
    fn an_opt_out_span_makes_a_missing_ds_insecure() {
        let zone = n("example.");
        // d.example. is an unsigned delegation left out of an opt-out chain.
        let chain = nsec3_chain("example.", &EXAMPLE, true);
        match nsec3_proof(&n("d.example."), DS, Negative::NoData, &zone, &chain) {
            Proved::OptOut(links, why) => {
                assert!(links[1].detail.contains("(an opt-out span)"), "{links:?}");
                assert!(
                    why.contains("d.example. is in an NSEC3 opt-out span"),
                    "{why}"
                );
            }
            other => panic!("{other:?}"),
        }
        // A name that does not exist, in an opt-out span: not proved either way.
        assert!(matches!(
            nsec3_proof(&n("d.example."), A, Negative::NoName, &zone, &chain),
            Proved::OptOut(..)
        ));
        // Without opt-out, a missing NSEC3 at the name is no proof of a missing DS.
        let strict = nsec3_chain("example.", &EXAMPLE, false);
        assert!(
            no(nsec3_proof(
                &n("d.example."),
                DS,
                Negative::NoData,
                &zone,
                &strict
            ))
            .contains("is not opt-out")
        );
    }
}
