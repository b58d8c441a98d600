//! NSEC3 proofs (RFC 5155 8): the closest encloser proof (8.3), a name that does not exist
//! (8.4), no data at a name (8.5, 8.6, with opt-out for a missing DS), no data at a wildcard
//! (8.7) and a wildcard answer's proof of no closer match (8.8). Names are hashed by
//! hickory-proto (RFC 5155 5), each once per set of parameters, and never with more iterations
//! than [`MAX_NSEC3_ITERATIONS`] allows (RFC 9276 3.2): a chain with more is insecure, unhashed.

use hickory_resolver::proto::dnssec::Nsec3HashAlgorithm;
use hickory_resolver::proto::dnssec::rdata::DNSSECRData;
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};

use super::support::MAX_NSEC3_ITERATIONS;
use super::{
    Link, Negative, Proved, canonical, labels, name_text, span_covers, type_name, types_text,
    wildcard,
};
use crate::i18n::{Text, t};

/// An NSEC3 record (RFC 5155 3) whose signature verified.
#[derive(Debug, Clone)]
pub struct Nsec3 {
    /// Its owner.
    pub owner: Name,
    /// The hash of its owner (the first label, base32hex).
    hash: Vec<u8>,
    /// The next hash of the chain.
    next: Vec<u8>,
    /// The opt-out flag.
    pub opt_out: bool,
    algorithm: Nsec3HashAlgorithm,
    /// The extra iterations of the hash.
    pub iterations: u16,
    salt: Vec<u8>,
    types: Vec<RecordType>,
    /// The key that signed it.
    tag: u16,
}

impl Nsec3 {
    /// The NSEC3 of `r` signed by key `tag`, when its owner is a hash directly below `zone`.
    pub fn from_record(r: &Record, zone: &Name, tag: u16) -> Option<Nsec3> {
        let RData::DNSSEC(DNSSECRData::NSEC3(n)) = &r.data else {
            return None;
        };
        if labels(&r.name) != labels(zone) + 1 || !zone.zone_of(&r.name) {
            return None;
        }
        let first = r.name.iter().next()?;
        let hash = data_encoding::BASE32_DNSSEC
            .decode(&first.to_ascii_lowercase())
            .ok()?;
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

    /// Whether it shows a delegation (NS, no SOA) at the name it matches.
    pub fn delegation(&self) -> bool {
        self.has(RecordType::NS) && !self.has(RecordType::SOA)
    }

    fn text(&self) -> String {
        format!("NSEC3 {}", name_text(&self.owner))
    }
}

/// A name hashed: (its canonical labels, the salt, the iterations) and the hash (None: it
/// could not be hashed).
type Hashed = ((Vec<Vec<u8>>, Vec<u8>, u16), Option<Vec<u8>>);

/// The NSEC3 records of a response with the hashes of the names looked for.
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

    /// `name` hashed with `n`'s parameters (None past the iteration limit: never hashed).
    fn hash(&mut self, n: &Nsec3, name: &Name) -> Option<Vec<u8>> {
        if n.iterations > MAX_NSEC3_ITERATIONS {
            return None;
        }
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

/// Insecure when the chain has more iterations than netkit hashes (RFC 9276 3.2).
pub fn too_many_iterations(records: &[Nsec3]) -> Option<Proved> {
    let most = records.iter().map(|n| n.iterations).max()?;
    (most > MAX_NSEC3_ITERATIONS).then(|| {
        Proved::Insecure(
            Vec::new(),
            t!(
                "nsec3-too-many-iterations",
                iterations = most,
                limit = MAX_NSEC3_ITERATIONS
            )
            .into(),
        )
    })
}

/// Whether the NSEC3 matching `name` shows a delegation there (NS without SOA).
pub fn delegation_at(records: &[Nsec3], name: &Name) -> bool {
    too_many_iterations(records).is_none()
        && Nsec3Set::new(records)
            .matching(name)
            .is_some_and(Nsec3::delegation)
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
) -> Result<Encloser<'a>, Text> {
    let at = name_text(name);
    for k in (labels(zone)..labels(name)).rev() {
        let candidate = name.trim_to(k);
        let Some(m) = set.matching(&candidate) else {
            continue;
        };
        if m.has(RecordType::DNAME) || m.delegation() {
            return Err(t!(
                "nsec3-encloser-cut",
                candidate = name_text(&candidate),
                at = &at
            )
            .into());
        }
        let next_closer = name.trim_to(k + 1);
        let Some(c) = set.covering(&next_closer) else {
            return Err(t!(
                "nsec3-next-closer-uncovered",
                next = name_text(&next_closer),
                at = &at
            )
            .into());
        };
        return Ok(Encloser {
            ce: candidate,
            matching: m,
            next_closer,
            covering: c,
        });
    }
    Err(t!("nsec3-no-encloser", at = &at).into())
}

/// Checks that the NSEC3 matching `name` shows no `rtype` data there; the link saying so.
fn nodata_at(n: &Nsec3, name: &Name, rtype: RecordType, at: &Name) -> Result<Link, Text> {
    let which = name_text(name);
    if n.has(rtype) {
        return Err(t!("nsec3-lists-type", which = &which, rtype = type_name(rtype)).into());
    }
    if n.has(RecordType::CNAME) {
        return Err(t!("nsec3-lists-cname", which = &which).into());
    }
    if rtype == RecordType::DS && n.has(RecordType::SOA) && !name.is_root() {
        return Err(t!("nsec3-child-side", which = &which).into());
    }
    if rtype != RecordType::DS && n.delegation() {
        return Err(t!("nsec3-parent-side", which = &which).into());
    }
    Ok(Link::new(
        at,
        t!(
            "nsec3-proves-nodata",
            nsec3 = n.text(),
            which = &which,
            rtype = type_name(rtype),
            types = types_text(&n.types),
            tag = n.tag
        ),
    ))
}

/// The NSEC3 proof (RFC 5155 8.4 to 8.7) that `name` does not exist, or has no `rtype` data,
/// in `zone`.
pub fn proof(
    name: &Name,
    rtype: RecordType,
    negative: Negative,
    zone: &Name,
    records: &[Nsec3],
) -> Proved {
    if let Some(p) = too_many_iterations(records) {
        return p;
    }
    let at = name_text(name);
    let mut set = Nsec3Set::new(records);
    let link = |n: &Nsec3, what: crate::i18n::Message| {
        Link::new(
            name,
            t!("nsec3-link", nsec3 = n.text(), what = what, tag = n.tag),
        )
    };
    if let Some(m) = set.matching(name) {
        if negative == Negative::NoName {
            return Proved::No(t!("nsec3-name-exists", at = &at).into());
        }
        // RFC 5155 8.5 and 8.6.
        return match nodata_at(m, name, rtype, name) {
            Ok(l) => Proved::Yes(vec![l]),
            Err(why) => Proved::No(why),
        };
    }
    let e = match closest_encloser(&mut set, name, zone) {
        Ok(e) => e,
        Err(why) => return Proved::No(why),
    };
    let ce = name_text(&e.ce);
    let nc = name_text(&e.next_closer);
    let mut links = vec![
        link(e.matching, t!("nsec3-matches-encloser", ce = &ce)),
        link(
            e.covering,
            if e.covering.opt_out {
                t!("nsec3-covers-next-closer-opt-out", nc = &nc)
            } else {
                t!("nsec3-covers-next-closer", nc = &nc)
            },
        ),
    ];
    let opt_out = |links| {
        Proved::Insecure(
            links,
            match negative {
                Negative::NoName => t!("nsec3-opt-out-name", nc = &nc, at = &at),
                // Only a DS gets here.
                Negative::NoData => t!("nsec3-opt-out-ds", at = &at),
            }
            .into(),
        )
    };
    if negative == Negative::NoData && rtype == RecordType::DS {
        // RFC 5155 8.6: no DS, under an opt-out span: an unsigned delegation.
        return if e.covering.opt_out {
            opt_out(links)
        } else {
            Proved::No(t!("nsec3-ds-unproved", at = &at, nc = &nc).into())
        };
    }
    let Some(wild) = wildcard(&e.ce) else {
        return Proved::No(t!("nsec3-none-matches", at = &at).into());
    };
    let star = name_text(&wild);
    match negative {
        // RFC 5155 8.4.
        Negative::NoName => {
            if set.matching(&wild).is_some() {
                return Proved::No(t!("nsec3-wildcard-exists", star = &star, at = &at).into());
            }
            let Some(w) = set.covering(&wild) else {
                return Proved::No(t!("nsec3-wildcard-uncovered", star = &star).into());
            };
            links.push(link(w, t!("nsec3-covers-wildcard", star = &star)));
            if e.covering.opt_out {
                return opt_out(links);
            }
            links.push(Link::new(name, t!("nsec3-so-absent", at = &at)));
            Proved::Yes(links)
        }
        // RFC 5155 8.7: a wildcard with no data of the type.
        Negative::NoData => {
            let Some(w) = set.matching(&wild) else {
                return Proved::No(
                    t!("nsec3-none-matches-or-wildcard", at = &at, star = &star).into(),
                );
            };
            match nodata_at(w, &wild, rtype, name) {
                Ok(l) => {
                    links.push(l);
                    Proved::Yes(links)
                }
                Err(why) => Proved::No(why),
            }
        }
    }
}

/// The proof that `name`, answered from the wildcard `source`, has no closer match (RFC 5155
/// 8.8): an NSEC3 covering the next closer name, one label below the wildcard's parent toward
/// `name`.
pub fn wildcard_proof(name: &Name, source: &Name, records: &[Nsec3]) -> Proved {
    if let Some(p) = too_many_iterations(records) {
        return p;
    }
    let at = name_text(name);
    let star = name_text(source);
    let ce = source.base_name();
    if !ce.zone_of(name) || labels(name) <= labels(&ce) {
        return Proved::No(t!("nsec3-not-below-wildcard", at = &at, star = &star).into());
    }
    let next_closer = name.trim_to(labels(&ce) + 1);
    let mut set = Nsec3Set::new(records);
    match set.covering(&next_closer) {
        Some(c) => Proved::Yes(vec![Link::new(
            name,
            t!(
                "nsec3-wildcard-answered",
                nsec3 = c.text(),
                next = name_text(&next_closer),
                star = &star,
                at = &at,
                tag = c.tag
            ),
        )]),
        None => Proved::No(
            t!(
                "nsec3-wildcard-unproved",
                next = name_text(&next_closer),
                at = &at,
                star = &star
            )
            .into(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::nsec::tests::{no, yes};
    use super::super::tests::n;
    use super::*;
    use hickory_resolver::proto::dnssec::rdata::NSEC3;

    use RecordType::{A, DS, MX, NS, SOA, TXT};

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

    /// The NSEC3 chain (salt AABBCCDD, `iterations`) of `zone` holding `names` (name, types).
    fn chain_with(
        zone: &str,
        names: &[(&str, &[RecordType])],
        opt_out: bool,
        iterations: u16,
    ) -> Vec<Nsec3> {
        let salt = vec![0xaa, 0xbb, 0xcc, 0xdd];
        let hash_iterations = iterations.min(12);
        let mut hashed: Vec<(Vec<u8>, Vec<RecordType>)> = names
            .iter()
            .map(|(t, ty)| {
                let h = Nsec3HashAlgorithm::SHA1
                    .hash(&salt, &n(t), hash_iterations)
                    .unwrap();
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
                        iterations,
                        salt.clone(),
                        hashed[(i + 1) % hashed.len()].0.clone(),
                        hashed[i].1.clone(),
                    ))),
                );
                Nsec3::from_record(&r, &n(zone), 9).unwrap()
            })
            .collect()
    }

    fn nsec3_chain(zone: &str, names: &[(&str, &[RecordType])], opt_out: bool) -> Vec<Nsec3> {
        chain_with(zone, names, opt_out, 12)
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
        let links = yes(proof(
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
        let links = yes(proof(
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
        assert!(no(proof(&n("a.example."), A, Negative::NoName, &zone, &chain)).contains("exists"));
        assert!(
            no(proof(
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
        let why = no(proof(
            &n("b.a.example."),
            A,
            Negative::NoName,
            &zone,
            &without(&ce),
        ));
        assert!(why.contains("the next closer name a.example."), "{why}");
        let why = no(proof(
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
            no(proof(&n("b.a.example."), A, Negative::NoName, &zone, &[]))
                .contains("no closest encloser proof")
        );
    }

    #[test]
    fn nsec3_proves_no_data_by_a_matching_record_or_a_wildcard() {
        let zone = n("example.");
        let chain = nsec3_chain("example.", &EXAMPLE, false);
        let links = yes(proof(
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
            no(proof(&n("a.example."), A, Negative::NoData, &zone, &chain))
                .contains("lists type A")
        );
        // An empty non-terminal has its own NSEC3.
        yes(proof(
            &n("w.example."),
            TXT,
            Negative::NoData,
            &zone,
            &chain,
        ));
        // Through the wildcard (RFC 5155 8.7).
        let links = yes(proof(
            &n("q.z.example."),
            MX,
            Negative::NoData,
            &zone,
            &chain,
        ));
        assert!(links[2].contains("matches *.z.example."), "{links:?}");
        assert!(
            no(proof(
                &n("q.z.example."),
                TXT,
                Negative::NoData,
                &zone,
                &chain
            ))
            .contains("lists type TXT")
        );
        assert!(
            no(proof(
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
        match proof(&n("d.example."), DS, Negative::NoData, &zone, &chain) {
            Proved::Insecure(links, why) => {
                assert!(
                    links[1].detail.english().contains("(an opt-out span)"),
                    "{links:?}"
                );
                assert!(
                    why.english()
                        .contains("d.example. is in an NSEC3 opt-out span"),
                    "{why}"
                );
            }
            other => panic!("{other:?}"),
        }
        // A name that does not exist, in an opt-out span: not proved either way.
        assert!(matches!(
            proof(&n("d.example."), A, Negative::NoName, &zone, &chain),
            Proved::Insecure(..)
        ));
        // Without opt-out, a missing NSEC3 at the name is no proof of a missing DS.
        let strict = nsec3_chain("example.", &EXAMPLE, false);
        assert!(
            no(proof(
                &n("d.example."),
                DS,
                Negative::NoData,
                &zone,
                &strict
            ))
            .contains("is not opt-out")
        );
    }

    /// Issue 24 item 1: a wildcard answer needs the NSEC3 covering its next closer name.
    #[test]
    fn a_wildcard_answer_needs_its_next_closer_name_covered() {
        let chain = nsec3_chain("example.", &EXAMPLE, false);
        let source = n("*.z.example.");
        let links = yes(wildcard_proof(&n("a.b.z.example."), &source, &chain));
        assert!(
            links[0].contains("covers the next closer name b.z.example., so the wildcard"),
            "{links:?}"
        );
        assert!(
            no(wildcard_proof(&n("q.z.example."), &source, &[]))
                .contains("no NSEC3 covers the next closer name q.z.example.")
        );
    }

    /// Issue 24 item 9: more than 150 iterations is insecure, and nothing is hashed (65,535
    /// iterations over a long name took seconds).
    #[test]
    fn too_many_iterations_are_insecure_without_hashing() {
        let zone = n("example.");
        let chain = chain_with("example.", &EXAMPLE, false, 65_535);
        let long = n(&format!("{}example.", "a.".repeat(120)));
        for p in [
            proof(&long, A, Negative::NoName, &zone, &chain),
            wildcard_proof(&long, &n("*.example."), &chain),
        ] {
            match p {
                Proved::Insecure(_, why) => {
                    assert!(
                        why.english()
                            .contains("65535 iterations, more than the 150"),
                        "{why}"
                    )
                }
                other => panic!("{other:?}"),
            }
        }
        // Nothing past the limit is ever hashed.
        assert_eq!(Nsec3Set::new(&chain).hash(&chain[0], &long), None);
        // 150 is still hashed.
        let at_limit = chain_with("example.", &EXAMPLE, false, 150);
        assert!(!matches!(
            proof(&n("nx.example."), A, Negative::NoName, &zone, &at_limit),
            Proved::Insecure(..)
        ));
    }
}
