//! The chain of trust (RFC 4035 5.2): a zone's DNSKEY set is trusted when a key of it that a
//! DS record of the parent (or a trust anchor) vouches for signs the whole set. DS records and
//! keys of algorithms or digest types netkit does not verify are set aside; when nothing is
//! left to check, the zone is insecure, not bogus (RFC 4035 5.2, RFC 6840 5.2).

use hickory_resolver::proto::dnssec::Verifier;
use hickory_resolver::proto::dnssec::rdata::{DNSKEY, DNSSECRData, DS};
use hickory_resolver::proto::rr::{Name, RData};

use super::anchors::{Anchor, Vouch};
use super::rrset::{Failure, RrSet, verify};
use super::support::{algorithm_unsupported, digest_unsupported};
use super::{Link, Verdict, name_text};
use crate::i18n::{Text, t};

/// The DNSKEYs of a DNSKEY RRset.
pub fn keys_of(set: &RrSet) -> Vec<DNSKEY> {
    set.records
        .iter()
        .filter_map(|r| match &r.data {
            RData::DNSSEC(DNSSECRData::DNSKEY(k)) => Some(k.clone()),
            _ => None,
        })
        .collect()
}

/// The DSs of a DS RRset.
pub fn ds_of(set: &RrSet) -> Vec<DS> {
    set.records
        .iter()
        .filter_map(|r| match &r.data {
            RData::DNSSEC(DNSSECRData::DS(d)) => Some(d.clone()),
            _ => None,
        })
        .collect()
}

/// What vouches for a zone's keys: its parent's DS records, or trust anchors.
#[derive(Debug, Clone, Copy)]
pub enum Vouchers<'a> {
    /// The DS RRset at the parent (already verified with the parent's keys).
    Ds(&'a [DS]),
    /// Trust anchors for the zone.
    Anchors(&'a [Anchor]),
}

/// Checks `dnskeys`, the DNSKEY RRset of `zone`, against what vouches for it; the zone's keys
/// and the link saying which key signed the set, or the verdict (insecure: nothing netkit can
/// check; bogus: what did not match or verify).
pub fn trusted_keys(
    zone: &Name,
    dnskeys: &RrSet,
    vouchers: Vouchers<'_>,
    now: u32,
) -> Result<(Vec<DNSKEY>, Link), Verdict> {
    let at = name_text(zone);
    // Each voucher: whether it vouches for a key, and why netkit cannot check it.
    let (ds, anchored): (Vec<DS>, Vec<DNSKEY>) = match vouchers {
        Vouchers::Ds(ds) => (ds.to_vec(), Vec::new()),
        Vouchers::Anchors(anchors) => {
            let mut ds = Vec::new();
            let mut keys = Vec::new();
            for a in anchors {
                match &a.vouch {
                    Vouch::Ds(d) => ds.push(d.clone()),
                    Vouch::Key(k) => keys.push(k.clone()),
                }
            }
            (ds, keys)
        }
    };
    let mut cannot: Vec<Text> = Vec::new();
    let usable_ds: Vec<&DS> = ds
        .iter()
        .filter(|d| {
            let why = algorithm_unsupported(u8::from(d.algorithm()))
                .or_else(|| digest_unsupported(u8::from(d.digest_type())));
            if let Some(why) = &why {
                cannot.push(why.clone());
            }
            why.is_none()
        })
        .collect();
    let usable_keys: Vec<&DNSKEY> = anchored
        .iter()
        .filter(|k| {
            let why = algorithm_unsupported(u8::from(k.algorithm()));
            if let Some(why) = &why {
                cannot.push(why.clone());
            }
            why.is_none()
        })
        .collect();
    if usable_ds.is_empty() && usable_keys.is_empty() {
        // "a; b; c" in every language: each reason joined to the rest by a message.
        let why = cannot
            .into_iter()
            .rev()
            .reduce(|rest, first| t!("dnssec-clauses", first = first, rest = rest).into())
            .unwrap_or_else(|| Text::from(""));
        return Err(Verdict::insecure(match vouchers {
            Vouchers::Ds(_) => t!("dnssec-every-ds-unverifiable", zone = &at, why = why),
            Vouchers::Anchors(_) => t!("dnssec-every-anchor-unverifiable", zone = &at, why = why),
        }));
    }
    let keys = keys_of(dnskeys);
    if keys.is_empty() {
        return Err(Verdict::bogus(t!("dnssec-no-dnskey", zone = &at)));
    }
    let vouched: Vec<DNSKEY> = keys
        .iter()
        .filter(|k| {
            k.zone_key()
                && !k.revoke()
                && (usable_ds.iter().any(|d| d.covers(zone, k).unwrap_or(false))
                    || usable_keys.iter().any(|a| {
                        a.public_key() == k.public_key() && a.algorithm() == k.algorithm()
                    }))
        })
        .cloned()
        .collect();
    if vouched.is_empty() {
        let tags: Vec<String> = usable_ds
            .iter()
            .map(|d| d.key_tag().to_string())
            .chain(
                usable_keys
                    .iter()
                    .map(|k| k.calculate_key_tag().unwrap_or(0).to_string()),
            )
            .collect();
        let tags = tags.join(", ");
        return Err(Verdict::bogus(match vouchers {
            Vouchers::Ds(_) => t!("dnssec-no-key-matches-ds", zone = &at, tags = tags),
            Vouchers::Anchors(_) => t!("dnssec-no-key-matches-anchor", zone = &at, tags = tags),
        }));
    }
    match verify(dnskeys, zone, &vouched, now) {
        Ok(v) => {
            let link = Link::new(
                zone,
                match vouchers {
                    Vouchers::Ds(_) => t!("dnssec-link-keys-by-ds", tag = v.tag),
                    Vouchers::Anchors(_) => t!("dnssec-link-keys-by-anchor", tag = v.tag),
                },
            );
            Ok((keys, link))
        }
        Err(Failure::Unsupported(why)) => Err(Verdict::insecure(why)),
        Err(Failure::Bogus(why)) => Err(Verdict::bogus(why)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::n;
    use super::*;
    use hickory_resolver::proto::dnssec::rdata::RRSIG;
    use hickory_resolver::proto::dnssec::{Algorithm, DigestType};
    use hickory_resolver::proto::rr::{Record, RecordType};

    use super::super::rrset::tests::TestKey;

    const NOW: u32 = 1_800_000_000;

    fn key_set(k: &TestKey, zone: &str) -> RrSet {
        let rec = vec![Record::from_rdata(
            n(zone),
            300,
            RData::DNSSEC(DNSSECRData::DNSKEY(k.dnskey.clone())),
        )];
        let sig: RRSIG = k.sign(&rec, n(zone).num_labels(), NOW - 10, NOW + 10);
        RrSet {
            name: n(zone),
            rtype: RecordType::DNSKEY,
            records: rec,
            sigs: vec![sig],
        }
    }

    fn ds(k: &TestKey, zone: &str, dt: DigestType) -> DS {
        let digest = k.dnskey.to_digest(&n(zone), DigestType::SHA256).unwrap();
        DS::new(
            k.dnskey.calculate_key_tag().unwrap(),
            Algorithm::ECDSAP256SHA256,
            dt,
            digest.as_ref().to_vec(),
        )
    }

    #[test]
    fn a_key_set_is_trusted_by_its_ds_or_an_anchor() {
        let k = TestKey::new("lab.test.");
        let set = key_set(&k, "lab.test.");
        let zone = n("lab.test.");
        let good = [ds(&k, "lab.test.", DigestType::SHA256)];
        let (keys, link) = trusted_keys(&zone, &set, Vouchers::Ds(&good), NOW).unwrap();
        assert_eq!(keys.len(), 1);
        assert!(
            link.detail.english().contains("which the DS vouches for"),
            "{link:?}"
        );
        // As a DNSKEY trust anchor.
        let anchor = [Anchor {
            zone: zone.clone(),
            vouch: Vouch::Key(k.dnskey.clone()),
        }];
        trusted_keys(&zone, &set, Vouchers::Anchors(&anchor), NOW).unwrap();
        // A DS of another key: bogus.
        let other = TestKey::new("lab.test.");
        let wrong = [ds(&other, "lab.test.", DigestType::SHA256)];
        let v = trusted_keys(&zone, &set, Vouchers::Ds(&wrong), NOW).unwrap_err();
        assert_eq!(v.security, super::super::Security::Bogus);
        assert!(
            v.reason
                .english()
                .contains("no DNSKEY of lab.test. matches its DS"),
            "{v:?}"
        );
    }

    /// Issue 24 item 5: DS records only of digest types or algorithms netkit does not verify
    /// make the zone insecure, not bogus.
    #[test]
    fn unsupported_digests_and_algorithms_are_insecure() {
        let k = TestKey::new("lab.test.");
        let set = key_set(&k, "lab.test.");
        let zone = n("lab.test.");
        let gost = [ds(&k, "lab.test.", DigestType::Unknown(3))];
        let v = trusted_keys(&zone, &set, Vouchers::Ds(&gost), NOW).unwrap_err();
        assert_eq!(v.security, super::super::Security::Insecure, "{v:?}");
        assert!(
            v.reason
                .english()
                .contains("DS digest type 3 (GOST R 34.11-94)"),
            "{v:?}"
        );
        let ed448 = [DS::new(
            1,
            Algorithm::from_u8(16),
            DigestType::SHA256,
            vec![0; 32],
        )];
        let v = trusted_keys(&zone, &set, Vouchers::Ds(&ed448), NOW).unwrap_err();
        assert_eq!(v.security, super::super::Security::Insecure, "{v:?}");
        assert!(v.reason.english().contains("algorithm 16 (ED448)"), "{v:?}");
        // Beside a usable one, an unsupported DS changes nothing.
        let both = [gost[0].clone(), ds(&k, "lab.test.", DigestType::SHA256)];
        trusted_keys(&zone, &set, Vouchers::Ds(&both), NOW).unwrap();
    }
}
