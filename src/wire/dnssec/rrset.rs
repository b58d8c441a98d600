//! An RRset and the RRSIGs over it, checked against a zone's keys as RFC 4035 5.3 says: the
//! signer is the zone, the labels field is no more than the owner's labels, the validity period
//! holds now (RFC 4034 3.1.5's serial arithmetic), a zone key of the zone has the signature's
//! algorithm and key tag, and the signature verifies over the RRset in canonical form. An RRSIG
//! with fewer labels than its owner shows a wildcard expansion (5.3.4), whose proof of no
//! closer match the caller asks of [`super::denial`].

use hickory_resolver::proto::dnssec::Verifier;
use hickory_resolver::proto::dnssec::rdata::{DNSKEY, DNSSECRData, RRSIG};
use hickory_resolver::proto::rr::{DNSClass, Name, RData, Record, RecordType};

use super::support::{algorithm_text, unsupported};
use super::{name_text, same_name, time_text, type_name};
use crate::i18n::{Text, t};

/// The records of one owner and type, with the RRSIGs that cover them.
#[derive(Debug, Clone)]
pub struct RrSet {
    /// The owner.
    pub name: Name,
    /// The type.
    pub rtype: RecordType,
    /// The records.
    pub records: Vec<Record>,
    /// The signatures over them.
    pub sigs: Vec<RRSIG>,
}

impl RrSet {
    /// The `name`/`rtype` RRset of `section`, and its RRSIGs.
    pub fn of(section: &[Record], name: &Name, rtype: RecordType) -> RrSet {
        let mut set = RrSet {
            name: name.clone(),
            rtype,
            records: Vec::new(),
            sigs: Vec::new(),
        };
        for r in section.iter().filter(|r| same_name(&r.name, name)) {
            match &r.data {
                RData::DNSSEC(DNSSECRData::RRSIG(sig)) if sig.input().type_covered == rtype => {
                    set.sigs.push(sig.clone());
                }
                RData::DNSSEC(DNSSECRData::RRSIG(_)) => {}
                _ if r.record_type() == rtype => set.records.push(r.clone()),
                _ => {}
            }
        }
        set
    }

    /// Every RRset of `section` (RRSIGs aside), in the order they first appear.
    pub fn all(section: &[Record]) -> Vec<RrSet> {
        let mut sets: Vec<RrSet> = Vec::new();
        for r in section {
            let t = r.record_type();
            if t == RecordType::RRSIG
                || sets
                    .iter()
                    .any(|s| s.rtype == t && same_name(&s.name, &r.name))
            {
                continue;
            }
            sets.push(RrSet::of(section, &r.name, t));
        }
        sets
    }

    /// The zone that signed it (the signer name of its first RRSIG); None when unsigned.
    pub fn signer(&self) -> Option<&Name> {
        self.sigs.first().map(|s| &s.input().signer_name)
    }

    /// `OWNER TYPE`, for people.
    pub fn text(&self) -> String {
        format!("{} {}", name_text(&self.name), type_name(self.rtype))
    }
}

/// An RRset whose signature verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The key that signed it.
    pub tag: u16,
    /// When it was a wildcard expansion (RFC 4035 5.3.4): the wildcard it came from
    /// (`*.` and the signature's labels of the owner).
    pub wildcard: Option<Name>,
}

/// Why an RRset did not verify.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Every RRSIG is of an algorithm netkit does not verify: insecure (RFC 4035 5.2).
    Unsupported(Text),
    /// Bogus: why, for the RRSIG that came closest.
    Bogus(Text),
}

/// Whether `now` is within `sig`'s validity, in RFC 4034 3.1.5's serial arithmetic:
/// Err(true) when not yet valid, Err(false) when expired.
fn in_time(sig: &RRSIG, now: u32) -> Result<(), bool> {
    let i = sig.input();
    let (inception, expiration) = (i.sig_inception.get(), i.sig_expiration.get());
    if (now.wrapping_sub(inception) as i32) < 0 {
        return Err(true);
    }
    if (expiration.wrapping_sub(now) as i32) < 0 {
        return Err(false);
    }
    Ok(())
}

/// Checks the RRSIGs of `set` against `keys`, the DNSKEYs of `zone` (all of them: the ones
/// that are not zone keys, or are revoked, are passed over).
pub fn verify(set: &RrSet, zone: &Name, keys: &[DNSKEY], now: u32) -> Result<Verified, Failure> {
    let what = set.text();
    if set.records.is_empty() {
        return Err(Failure::Bogus(t!("rrsig-no-records", rrset = &what).into()));
    }
    if set.sigs.is_empty() {
        return Err(Failure::Bogus(t!("rrsig-none", rrset = &what).into()));
    }
    let owner_labels = set.name.num_labels();
    // The closest failure so far, ranked: 0 unsupported, 1 not this zone's, 2 no such key,
    // 3 outside its validity, 4 does not verify.
    let mut best: Option<(u8, Text)> = None;
    let mut note = |rank: u8, why: crate::i18n::Message| {
        let why = Text::from(why);
        if best.as_ref().is_none_or(|(r, _)| rank > *r) {
            best = Some((rank, why));
        }
    };
    for sig in &set.sigs {
        let i = sig.input();
        let tag = i.key_tag;
        if let Some(why) = unsupported(i.algorithm) {
            note(0, t!("rrsig-unsupported", rrset = &what, why = why));
            continue;
        }
        if !same_name(&i.signer_name, zone) || !zone.zone_of(&set.name) {
            note(
                1,
                t!(
                    "rrsig-wrong-signer",
                    rrset = &what,
                    signer = name_text(&i.signer_name),
                    zone = name_text(zone)
                ),
            );
            continue;
        }
        if i.num_labels > owner_labels {
            note(1, t!("rrsig-labels", rrset = &what, labels = i.num_labels));
            continue;
        }
        let candidates: Vec<&DNSKEY> = keys
            .iter()
            .filter(|k| {
                k.zone_key()
                    && !k.revoke()
                    && k.algorithm() == i.algorithm
                    && k.calculate_key_tag().ok() == Some(tag)
            })
            .collect();
        if candidates.is_empty() {
            note(
                2,
                t!(
                    "rrsig-no-key",
                    zone = name_text(zone),
                    tag = tag,
                    algorithm = algorithm_text(u8::from(i.algorithm)),
                    rrset = &what
                ),
            );
            continue;
        }
        match in_time(sig, now) {
            Err(true) => {
                note(
                    3,
                    t!(
                        "rrsig-not-yet",
                        rrset = &what,
                        tag = tag,
                        from = time_text(i.sig_inception.get()),
                        now = time_text(now)
                    ),
                );
                continue;
            }
            Err(false) => {
                note(
                    3,
                    t!(
                        "rrsig-expired",
                        rrset = &what,
                        tag = tag,
                        expired = time_text(i.sig_expiration.get()),
                        now = time_text(now)
                    ),
                );
                continue;
            }
            Ok(()) => {}
        }
        for key in candidates {
            match key.verify_rrsig(&set.name, DNSClass::IN, sig, set.records.iter()) {
                Ok(()) => {
                    let wildcard = (i.num_labels < owner_labels)
                        .then(|| {
                            let base = set.name.trim_to(usize::from(i.num_labels));
                            super::wildcard(&base)
                        })
                        .flatten();
                    return Ok(Verified { tag, wildcard });
                }
                Err(e) => note(
                    4,
                    t!("rrsig-fails", rrset = &what, tag = tag, why = e.to_string()),
                ),
            }
        }
    }
    match best {
        Some((0, why)) => Err(Failure::Unsupported(why)),
        Some((_, why)) => Err(Failure::Bogus(why)),
        None => Err(Failure::Bogus(t!("rrsig-none", rrset = &what).into())),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::tests::n;
    use super::*;
    use hickory_resolver::proto::dnssec::crypto::EcdsaSigningKey;
    use hickory_resolver::proto::dnssec::rdata::SigInput;
    use hickory_resolver::proto::dnssec::{Algorithm, SigningKey, TBS};
    use hickory_resolver::proto::rr::SerialNumber;
    use hickory_resolver::proto::rr::rdata::A;

    /// A zone key of `zone` made now, and a signer of RRsets with it.
    pub(crate) struct TestKey {
        key: EcdsaSigningKey,
        pub(crate) dnskey: DNSKEY,
        zone: Name,
    }

    impl TestKey {
        pub(crate) fn new(zone: &str) -> TestKey {
            let pkcs8 = EcdsaSigningKey::generate_pkcs8(Algorithm::ECDSAP256SHA256).unwrap();
            let key = EcdsaSigningKey::from_pkcs8(&pkcs8, Algorithm::ECDSAP256SHA256).unwrap();
            let dnskey = DNSKEY::new(true, true, false, key.to_public_key().unwrap());
            TestKey {
                key,
                dnskey,
                zone: n(zone),
            }
        }

        /// An RRSIG over `records` (one owner and type) valid from `inception` to
        /// `expiration`, with `labels` labels.
        pub(crate) fn sign(
            &self,
            records: &[Record],
            labels: u8,
            inception: u32,
            expiration: u32,
        ) -> RRSIG {
            let input = SigInput {
                type_covered: records[0].record_type(),
                algorithm: Algorithm::ECDSAP256SHA256,
                num_labels: labels,
                original_ttl: records[0].ttl,
                sig_expiration: SerialNumber::new(expiration),
                sig_inception: SerialNumber::new(inception),
                key_tag: self.dnskey.calculate_key_tag().unwrap(),
                signer_name: self.zone.clone(),
            };
            let tbs =
                TBS::from_input(&records[0].name, DNSClass::IN, &input, records.iter()).unwrap();
            RRSIG::from_sig(input, self.key.sign(&tbs).unwrap())
        }
    }

    fn a(name: &str) -> Record {
        Record::from_rdata(n(name), 300, RData::A(A::new(192, 0, 2, 1)))
    }

    const NOW: u32 = 1_800_000_000;

    #[test]
    fn a_signature_verifies_and_says_why_not() {
        let k = TestKey::new("lab.test.");
        let zone = n("lab.test.");
        let rec = vec![a("www.lab.test.")];
        let set = |sig: RRSIG| RrSet {
            name: n("www.lab.test."),
            rtype: RecordType::A,
            records: rec.clone(),
            sigs: vec![sig],
        };
        let good = set(k.sign(&rec, 3, NOW - 10, NOW + 10));
        let keys = [k.dnskey.clone()];
        assert_eq!(
            verify(&good, &zone, &keys, NOW).unwrap(),
            Verified {
                tag: k.dnskey.calculate_key_tag().unwrap(),
                wildcard: None
            }
        );
        // Issue 24 item 5: a signature not yet valid says so (not "no DNSKEY with key tag").
        let Failure::Bogus(why) = verify(&good, &zone, &keys, NOW - 100).unwrap_err() else {
            panic!()
        };
        assert!(
            why.english()
                .contains("is not yet valid: valid from 2027-01-15"),
            "{why}"
        );
        let Failure::Bogus(why) = verify(&good, &zone, &keys, NOW + 100).unwrap_err() else {
            panic!()
        };
        assert!(why.english().contains("expired at 2027-01-15"), "{why}");
        // Another key: no key with that tag.
        let other = TestKey::new("lab.test.");
        let Failure::Bogus(why) =
            verify(&good, &zone, std::slice::from_ref(&other.dnskey), NOW).unwrap_err()
        else {
            panic!()
        };
        assert!(
            why.english()
                .contains("no DNSKEY of lab.test. has the key tag"),
            "{why}"
        );
        // Changed data.
        let mut changed = good.clone();
        changed.records = vec![Record::from_rdata(
            n("www.lab.test."),
            300,
            RData::A(A::new(192, 0, 2, 99)),
        )];
        let Failure::Bogus(why) = verify(&changed, &zone, &keys, NOW).unwrap_err() else {
            panic!()
        };
        assert!(why.english().contains("does not verify"), "{why}");
        // Signed by another zone's name.
        let Failure::Bogus(why) = verify(&good, &n("test."), &keys, NOW).unwrap_err() else {
            panic!()
        };
        assert!(why.english().contains("not by the zone test."), "{why}");
    }

    /// RFC 4035 5.3.4: an RRSIG with fewer labels than its owner is a wildcard expansion.
    #[test]
    fn a_wildcard_expansion_is_recognised() {
        let k = TestKey::new("lab.test.");
        let wild = vec![a("*.w.lab.test.")];
        let sig = k.sign(&wild, 3, NOW - 10, NOW + 10);
        let expanded = RrSet {
            name: n("x.y.w.lab.test."),
            rtype: RecordType::A,
            records: vec![a("x.y.w.lab.test.")],
            sigs: vec![sig],
        };
        let v = verify(
            &expanded,
            &n("lab.test."),
            std::slice::from_ref(&k.dnskey),
            NOW,
        )
        .unwrap();
        assert_eq!(v.wildcard, Some(n("*.w.lab.test.")));
    }

    #[test]
    fn rrsets_are_gathered_with_their_signatures() {
        let k = TestKey::new("lab.test.");
        let rec = vec![a("www.lab.test.")];
        let sig = k.sign(&rec, 3, NOW - 10, NOW + 10);
        let section = vec![
            rec[0].clone(),
            Record::from_rdata(
                n("WWW.lab.test."),
                300,
                RData::DNSSEC(DNSSECRData::RRSIG(sig)),
            ),
            a("other.lab.test."),
        ];
        let sets = RrSet::all(&section);
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[0].sigs.len(), 1);
        assert_eq!(sets[0].signer(), Some(&n("lab.test.")));
        assert!(sets[1].sigs.is_empty());
    }
}
