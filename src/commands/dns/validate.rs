//! `netkit dns NAME --validate`: the command's glue around [`crate::wire::dnssec`]. It asks a
//! [`Source`] for the records a validator needs (each zone's DNSKEY set, each DS set, the
//! proofs of a missing DS) and hands them to the pure checks, as delv does:
//!
//! - each RRset of the answer (every link of a CNAME chain, then the data) is checked with the
//!   keys of the zone its RRSIG names; an expansion of a wildcard also needs the NSEC/NSEC3
//!   proof that no closer name exists (RFC 4035 5.3.4, RFC 5155 8.8);
//! - a zone's keys are trusted through its DS at the parent, signed by the parent's keys, up to
//!   a trust anchor (RFC 4035 5.2); no DS, proved by the parent's NSEC/NSEC3, makes the zone
//!   below insecure; no trust anchor above the name makes the answer indeterminate (RFC 4033 5);
//! - an unsigned RRset is insecure when a delegation above it is proved unsigned, bogus when
//!   its zone is signed;
//! - a negative answer is proved by the NSEC/NSEC3 records of its authority section.
//!
//! The verdict is the worst of its parts: secure, insecure, indeterminate or bogus.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use hickory_resolver::proto::dnssec::rdata::DNSKEY;
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};
use serde::Serialize;

use super::source::{Reply, Source};
use crate::i18n::{Text, t};
use crate::wire::dns::types::Rcode;
use crate::wire::dnssec::anchors::Anchor;
use crate::wire::dnssec::chain::{Vouchers, ds_of, trusted_keys};
use crate::wire::dnssec::denial::Proofs;
use crate::wire::dnssec::rrset::{Failure, RrSet, verify};
use crate::wire::dnssec::{
    Link, Negative, Proved, Security, Verdict, name_text, same_name, type_name,
};

/// The whole check.
#[derive(Debug, Clone, Serialize)]
pub struct Validation {
    /// secure, insecure, indeterminate or bogus.
    pub security: Security,
    /// Why (the first part that was not secure; null when secure; English in JSON).
    pub reason: Option<Text>,
    /// What was checked, from the trust anchor down.
    pub chain: Vec<Link>,
}

/// A zone's keys, trusted, or the verdict on it.
#[derive(Debug, Clone)]
enum Zone {
    Secure(Vec<DNSKEY>),
    Not(Verdict),
}

/// A boxed future borrowing the validator (zones are checked parent first, recursively).
type Pending<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Validates answers with records from a source.
pub struct Validator<'a> {
    source: &'a Source<'a>,
    anchors: &'a [Anchor],
    now: u32,
    zones: RefCell<HashMap<Name, Rc<Zone>>>,
    links: RefCell<Vec<Link>>,
}

impl std::fmt::Debug for Validator<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Validator")
            .field("anchors", &self.anchors.len())
            .finish()
    }
}

/// The most CNAMEs followed from the name asked.
const MAX_CHAIN: usize = 16;

impl<'a> Validator<'a> {
    /// A validator trusting `anchors`, at `now` (seconds since 1970).
    pub fn new(source: &'a Source<'a>, anchors: &'a [Anchor], now: u32) -> Self {
        Validator {
            source,
            anchors,
            now,
            zones: RefCell::new(HashMap::new()),
            links: RefCell::new(Vec::new()),
        }
    }

    fn link(&self, link: Link) {
        let mut links = self.links.borrow_mut();
        if !links.contains(&link) {
            links.push(link);
        }
    }

    fn links(&self, links: Vec<Link>) {
        for l in links {
            self.link(l);
        }
    }

    /// The records `name`/`rtype` from the source, or why there are none.
    async fn records(&self, name: &Name, rtype: RecordType) -> Result<Reply, Text> {
        let got = self.source.get(name, rtype).await;
        match &*got {
            Ok(r) if matches!(r.rcode, ResponseCode::NoError | ResponseCode::NXDomain) => {
                Ok(r.clone())
            }
            Ok(r) => Err(t!(
                "dnssec-asking-gave",
                name = name_text(name),
                rtype = type_name(rtype),
                rcode = Rcode(r.rcode.into())
            )
            .into()),
            Err(e) => Err(t!(
                "dnssec-asking-failed",
                name = name_text(name),
                rtype = type_name(rtype),
                why = e.clone()
            )
            .into()),
        }
    }

    /// The deepest trust anchor at or above `name`.
    fn anchor_above(&self, name: &Name) -> Option<Name> {
        self.anchors
            .iter()
            .map(|a| &a.zone)
            .filter(|z| z.zone_of(name))
            .max_by_key(|z| z.num_labels())
            .cloned()
    }

    /// The keys of `zone`, trusted from an anchor down (each zone checked once).
    fn zone<'s>(&'s self, zone: &'s Name) -> Pending<'s, Rc<Zone>> {
        Box::pin(async move {
            let key = zone.to_lowercase();
            if let Some(z) = self.zones.borrow().get(&key) {
                return z.clone();
            }
            let z = Rc::new(self.check_zone(zone).await);
            self.zones.borrow_mut().insert(key, z.clone());
            z
        })
    }

    async fn check_zone(&self, zone: &Name) -> Zone {
        let at = name_text(zone);
        let anchored: Vec<Anchor> = self
            .anchors
            .iter()
            .filter(|a| same_name(&a.zone, zone))
            .cloned()
            .collect();
        if !anchored.is_empty() {
            return self.keys(zone, Vouchers::Anchors(&anchored)).await;
        }
        if self.anchor_above(zone).is_none() {
            return Zone::Not(Verdict::indeterminate(t!("dnssec-no-anchor", name = &at)));
        }
        let reply = match self.records(zone, RecordType::DS).await {
            Ok(r) => r,
            Err(e) => {
                return Zone::Not(Verdict::indeterminate(t!(
                    "dnssec-ds-of",
                    zone = &at,
                    why = e
                )));
            }
        };
        let set = RrSet::of(&reply.answers, zone, RecordType::DS);
        if !set.records.is_empty() {
            let Some(parent) = set.signer().cloned() else {
                // Unsigned DS: bogus when the parent is signed.
                return match &*self.zone(&zone.base_name()).await {
                    Zone::Secure(_) => {
                        Zone::Not(Verdict::bogus(t!("dnssec-ds-unsigned", zone = &at)))
                    }
                    Zone::Not(v) => Zone::Not(v.clone()),
                };
            };
            if !parent.zone_of(zone) || same_name(&parent, zone) {
                return Zone::Not(Verdict::bogus(t!(
                    "dnssec-ds-wrong-signer",
                    zone = &at,
                    signer = name_text(&parent)
                )));
            }
            let keys = match &*self.zone(&parent).await {
                Zone::Secure(k) => k.clone(),
                Zone::Not(v) => return Zone::Not(v.clone()),
            };
            if let Err(f) = verify(&set, &parent, &keys, self.now) {
                return Zone::Not(failure(f));
            }
            return self.keys(zone, Vouchers::Ds(&ds_of(&set))).await;
        }
        // No DS: the parent's NSEC/NSEC3 must prove it (else a DS could have been stripped).
        let parent = soa_zone(&reply.authority)
            .filter(|p| p.zone_of(zone) && !same_name(p, zone))
            .unwrap_or_else(|| zone.base_name());
        let keys = match &*self.zone(&parent).await {
            Zone::Secure(k) => k.clone(),
            Zone::Not(v) => return Zone::Not(v.clone()),
        };
        match self.no_ds(zone, &parent, &keys, &reply, true) {
            Some(v) => Zone::Not(v),
            None => Zone::Not(Verdict::bogus(t!("dnssec-signs-but-absent", zone = &at))),
        }
    }

    /// The parent's proof, in `reply`, that `name` has no DS, checked with the keys of
    /// `parent`: None when proved and `name` is no delegation (a name inside the parent's zone,
    /// or one that does not exist), else the verdict: insecure for an unsigned delegation (or an
    /// opt-out span), bogus when nothing proves it. `cut`: `name` is known to be a zone.
    fn no_ds(
        &self,
        name: &Name,
        parent: &Name,
        keys: &[DNSKEY],
        reply: &Reply,
        cut: bool,
    ) -> Option<Verdict> {
        let at = name_text(name);
        let proofs = Proofs::gather(&reply.authority, parent, keys, self.now);
        let negative = if reply.rcode == ResponseCode::NXDomain {
            Negative::NoName
        } else {
            Negative::NoData
        };
        let (links, why) = match proofs.deny(name, RecordType::DS, negative) {
            Proved::Yes(links)
                if negative == Negative::NoData && (cut || proofs.delegation_at(name)) =>
            {
                (links, None)
            }
            Proved::Yes(_) => return None,
            Proved::Insecure(links, why) => (links, Some(why)),
            Proved::No(why) => {
                return Some(Verdict::bogus(t!(
                    "dnssec-no-ds-unproved",
                    zone = &at,
                    why = why
                )));
            }
        };
        self.links(links);
        self.link(Link::new(name, t!("dnssec-link-unsigned-delegation")));
        Some(Verdict::insecure(match why {
            Some(why) => t!("dnssec-unsigned-because", zone = &at, why = why),
            None => t!("dnssec-unsigned", zone = &at),
        }))
    }

    /// The DNSKEY set of `zone`, checked against what vouches for it.
    async fn keys(&self, zone: &Name, vouchers: Vouchers<'_>) -> Zone {
        let reply = match self.records(zone, RecordType::DNSKEY).await {
            Ok(r) => r,
            Err(e) => {
                return Zone::Not(Verdict::indeterminate(t!(
                    "dnssec-dnskey-of",
                    zone = name_text(zone),
                    why = e
                )));
            }
        };
        let set = RrSet::of(&reply.answers, zone, RecordType::DNSKEY);
        match trusted_keys(zone, &set, vouchers, self.now) {
            Ok((keys, link)) => {
                self.link(link);
                Zone::Secure(keys)
            }
            Err(v) => Zone::Not(v),
        }
    }

    /// The state of the zone holding `name` when its records are not signed: from the deepest
    /// trust anchor down, each name toward `name` is asked for its DS; a signed DS is a signed
    /// zone, a proved absence at a delegation an unsigned one.
    async fn enclosing(&self, name: &Name) -> (Name, Rc<Zone>) {
        let Some(top) = self.anchor_above(name) else {
            return (
                Name::root(),
                Rc::new(Zone::Not(Verdict::indeterminate(t!(
                    "dnssec-no-anchor",
                    name = name_text(name)
                )))),
            );
        };
        let mut zone = top.clone();
        let mut state = self.zone(&top).await;
        for k in top.num_labels() + 1..=name.num_labels() {
            let keys = match &*state {
                Zone::Secure(keys) => keys.clone(),
                Zone::Not(_) => return (zone, state),
            };
            let below = name.trim_to(usize::from(k));
            let reply = match self.records(&below, RecordType::DS).await {
                Ok(r) => r,
                Err(e) => {
                    let v = Verdict::indeterminate(t!(
                        "dnssec-ds-of",
                        zone = name_text(&below),
                        why = e
                    ));
                    return (zone, Rc::new(Zone::Not(v)));
                }
            };
            if !RrSet::of(&reply.answers, &below, RecordType::DS)
                .records
                .is_empty()
            {
                state = self.zone(&below).await;
                zone = below;
                continue;
            }
            if let Some(v) = self.no_ds(&below, &zone, &keys, &reply, false) {
                let at = if v.security == Security::Insecure {
                    below
                } else {
                    zone
                };
                return (at, Rc::new(Zone::Not(v)));
            }
            // No DS and no delegation: the name is in the same zone.
        }
        (zone, state)
    }

    /// Checks one RRset of an answer (its signature, and for a wildcard expansion the proof
    /// in `authority`); None when secure.
    async fn rrset(&self, set: &RrSet, authority: &[Record]) -> Option<Verdict> {
        let Some(signer) = set.signer().cloned() else {
            let (zone, state) = self.enclosing(&set.name).await;
            return match &*state {
                Zone::Secure(_) => Some(Verdict::bogus(t!(
                    "dnssec-rrset-unsigned",
                    rrset = set.text(),
                    zone = name_text(&zone)
                ))),
                Zone::Not(v) => Some(v.clone()),
            };
        };
        let keys = match &*self.zone(&signer).await {
            Zone::Secure(k) => k.clone(),
            Zone::Not(v) => return Some(v.clone()),
        };
        let v = match verify(set, &signer, &keys, self.now) {
            Ok(v) => v,
            Err(f) => return Some(failure(f)),
        };
        let Some(source) = v.wildcard else {
            self.link(Link::new(
                &set.name,
                t!("dnssec-link-signed", rrset = set.text(), tag = v.tag),
            ));
            return None;
        };
        self.link(Link::new(
            &set.name,
            t!(
                "dnssec-link-signed-wildcard",
                rrset = set.text(),
                tag = v.tag,
                wildcard = name_text(&source)
            ),
        ));
        self.proof(Proofs::gather(authority, &signer, &keys, self.now).wildcard(&set.name, &source))
    }

    /// Checks a negative answer for `name`/`rtype`: its NSEC/NSEC3 proof, with the keys of the
    /// zone its SOA names.
    async fn negative(&self, name: &Name, rtype: RecordType, reply: &Reply) -> Option<Verdict> {
        let negative = if reply.rcode == ResponseCode::NXDomain {
            Negative::NoName
        } else {
            Negative::NoData
        };
        let soa = reply
            .authority
            .iter()
            .find(|r| r.record_type() == RecordType::SOA && r.name.zone_of(name))
            .map(|r| r.name.clone());
        let signed_soa = soa
            .as_ref()
            .map(|z| RrSet::of(&reply.authority, z, RecordType::SOA))
            .and_then(|s| s.signer().cloned());
        let zone = match (signed_soa, soa) {
            (Some(signer), _) => signer,
            (None, Some(z)) => {
                // An unsigned SOA: insecure only when its zone is proved unsigned.
                let (_, state) = self.enclosing(&z).await;
                return match &*state {
                    Zone::Secure(_) => Some(Verdict::bogus(t!(
                        "dnssec-negative-unsigned",
                        name = name_text(name)
                    ))),
                    Zone::Not(v) => Some(v.clone()),
                };
            }
            (None, None) => {
                let (_, state) = self.enclosing(name).await;
                return match &*state {
                    Zone::Secure(_) => Some(Verdict::bogus(t!(
                        "dnssec-negative-no-proof",
                        name = name_text(name)
                    ))),
                    Zone::Not(v) => Some(v.clone()),
                };
            }
        };
        let keys = match &*self.zone(&zone).await {
            Zone::Secure(k) => k.clone(),
            Zone::Not(v) => return Some(v.clone()),
        };
        self.proof(
            Proofs::gather(&reply.authority, &zone, &keys, self.now).deny(name, rtype, negative),
        )
    }

    /// A proof's links kept; None when it proved, else the verdict.
    fn proof(&self, proved: Proved) -> Option<Verdict> {
        match proved {
            Proved::Yes(links) => {
                self.links(links);
                None
            }
            Proved::Insecure(links, why) => {
                self.links(links);
                Some(Verdict::insecure(why))
            }
            Proved::No(why) => Some(Verdict::bogus(why)),
        }
    }

    /// Starts asking, all at once, for the DS and DNSKEY sets a chain through `zones` (signer
    /// names) will need, so that the checks, parent first, find them already there.
    async fn prefetch(&self, zones: &[Name]) {
        let mut wanted: Vec<(Name, RecordType)> = Vec::new();
        for z in zones {
            let Some(top) = self.anchor_above(z) else {
                continue;
            };
            for k in top.num_labels()..=z.num_labels() {
                let at = z.trim_to(usize::from(k));
                if k > top.num_labels() {
                    wanted.push((at.clone(), RecordType::DS));
                }
                wanted.push((at, RecordType::DNSKEY));
            }
        }
        wanted.sort();
        wanted.dedup();
        futures_util::future::join_all(wanted.iter().map(|(n, t)| self.source.get(n, *t))).await;
    }

    /// Validates the answer `reply` to `name`/`rtype`: each RRset of its CNAME chain, then the
    /// data or the proof of its absence (asking the source again where a chain leaves the
    /// reply).
    pub async fn validate(&self, name: &Name, rtype: RecordType, reply: Reply) -> Validation {
        let mut verdicts: Vec<Verdict> = Vec::new();
        let mut reply = reply;
        let mut current = name.clone();
        let mut seen: Vec<Name> = Vec::new();
        let signers: Vec<Name> = reply
            .answers
            .iter()
            .chain(&reply.authority)
            .filter_map(|r| match &r.data {
                RData::DNSSEC(hickory_resolver::proto::dnssec::rdata::DNSSECRData::RRSIG(s)) => {
                    Some(s.input().signer_name.clone())
                }
                _ => None,
            })
            .collect();
        self.prefetch(&signers).await;
        for _ in 0..MAX_CHAIN {
            let data = RrSet::of(&reply.answers, &current, rtype);
            if !data.records.is_empty() {
                verdicts.extend(self.rrset(&data, &reply.authority).await);
                break;
            }
            let cname = RrSet::of(&reply.answers, &current, RecordType::CNAME);
            if rtype != RecordType::CNAME
                && let Some(target) = cname.records.iter().find_map(|r| match &r.data {
                    RData::CNAME(t) => Some(t.0.clone()),
                    _ => None,
                })
            {
                match dname_above(&reply.answers, &current).filter(|_| cname.sigs.is_empty()) {
                    // A CNAME made from a DNAME (RFC 6672 5.3.1): the DNAME is what is signed.
                    Some((dname, synthesized)) => {
                        verdicts.extend(self.rrset(&dname, &reply.authority).await);
                        if !same_name(&synthesized, &target) {
                            verdicts.push(Verdict::bogus(t!(
                                "dnssec-dname-mismatch",
                                name = name_text(&current),
                                target = name_text(&target),
                                synthesized = name_text(&synthesized)
                            )));
                        }
                    }
                    None => verdicts.extend(self.rrset(&cname, &reply.authority).await),
                }
                seen.push(current.clone());
                if seen.iter().any(|s| same_name(s, &target)) {
                    break;
                }
                current = target;
                continue;
            }
            // The chain ends here: the proof of no data is for this name, when the reply is
            // about it; else the chain left the reply (a server authoritative for the first
            // names only), and the rest is asked for.
            let about_it = reply.rcode == ResponseCode::NXDomain
                || reply
                    .authority
                    .iter()
                    .any(|r| r.record_type() == RecordType::SOA && r.name.zone_of(&current));
            if !about_it && !same_name(&current, name) {
                match self.records(&current, rtype).await {
                    Ok(next) => {
                        reply = next;
                        continue;
                    }
                    Err(e) => {
                        verdicts.push(Verdict::indeterminate(e));
                        break;
                    }
                }
            }
            verdicts.extend(self.negative(&current, rtype, &reply).await);
            break;
        }
        let chain = self.links.borrow().clone();
        match verdicts
            .into_iter()
            .reduce(|a, b| if b.security > a.security { b } else { a })
        {
            None => Validation {
                security: Security::Secure,
                reason: None,
                chain,
            },
            Some(v) => Validation {
                security: v.security,
                reason: Some(v.reason),
                chain,
            },
        }
    }
}

/// A signature failure as a verdict: insecure for algorithms netkit does not verify.
fn failure(f: Failure) -> Verdict {
    match f {
        Failure::Unsupported(why) => Verdict::insecure(why),
        Failure::Bogus(why) => Verdict::bogus(why),
    }
}

/// The signed DNAME above `name` in `answers`, and the name it makes of `name` (RFC 6672 2.2).
fn dname_above(answers: &[Record], name: &Name) -> Option<(RrSet, Name)> {
    use hickory_resolver::proto::serialize::binary::{BinDecodable, BinDecoder};
    let (owner, target) = answers.iter().find_map(|r| match &r.data {
        // hickory keeps a DNAME's data raw: the target, an uncompressed name (RFC 6672 2.5).
        RData::Unknown { code, rdata }
            if *code == RecordType::DNAME && r.name.zone_of(name) && !same_name(&r.name, name) =>
        {
            let target = Name::read(&mut BinDecoder::new(&rdata.anything)).ok()?;
            Some((r.name.clone(), target))
        }
        _ => None,
    })?;
    let keep = usize::from(name.num_labels() - owner.num_labels());
    let prefix: Vec<&[u8]> = name.iter().take(keep).collect();
    let made = Name::from_labels(prefix)
        .ok()?
        .append_domain(&target)
        .ok()?;
    Some((RrSet::of(answers, &owner, RecordType::DNAME), made))
}

/// The zone a negative answer's SOA names.
fn soa_zone(authority: &[Record]) -> Option<Name> {
    authority
        .iter()
        .find(|r| r.record_type() == RecordType::SOA)
        .map(|r| r.name.clone())
}
