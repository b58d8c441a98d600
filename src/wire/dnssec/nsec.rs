//! NSEC proofs (RFC 4035 5.4, with 3.1.3's cases): that a name does not exist (an NSEC covers
//! it, and another proves there is no wildcard at its closest encloser), that it has no data of
//! a type (its NSEC's bitmap, an empty non-terminal, or the wildcard's NSEC), and that a
//! wildcard answer had no closer match (RFC 4035 5.3.4). The records come here verified.

use hickory_resolver::proto::dnssec::rdata::DNSSECRData;
use hickory_resolver::proto::rr::{Name, RData, Record, RecordType};

use super::{
    Link, Negative, Proved, canonical, canonical_cmp, name_text, span_covers, type_name,
    types_text, wildcard,
};
use crate::i18n::{Text, t};

/// An NSEC record (RFC 4034 4) whose signature verified.
#[derive(Debug, Clone)]
pub struct Nsec {
    /// Its owner.
    pub owner: Name,
    /// The next name of the chain.
    pub next: Name,
    /// The types at the owner.
    pub types: Vec<RecordType>,
    /// The key that signed it.
    pub tag: u16,
}

impl Nsec {
    /// The NSEC of `r`, signed by key `tag`.
    pub fn from_record(r: &Record, tag: u16) -> Option<Nsec> {
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
    pub fn covers(&self, name: &Name) -> bool {
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

    /// Whether it shows a delegation (NS, no SOA) at its owner.
    pub fn delegation(&self) -> bool {
        self.has(RecordType::NS) && !self.has(RecordType::SOA)
    }

    fn text(&self) -> String {
        format!(
            "NSEC {} → {}",
            name_text(&self.owner),
            name_text(&self.next)
        )
    }
}

/// The NSEC that proves `name` does not exist: it covers it, and is not the parent side of a
/// cut above it.
fn covering<'a>(nsecs: &'a [Nsec], name: &Name) -> Option<&'a Nsec> {
    nsecs
        .iter()
        .find(|n| n.covers(name) && !(n.cut() && n.owner.zone_of(name)))
}

/// The closest encloser a covering NSEC shows for `name` (RFC 4035 5.4): the longest of the
/// ancestors `name` shares with the NSEC's owner and with its next name.
fn closest_encloser(n: &Nsec, name: &Name) -> Name {
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
fn nodata_at(n: &Nsec, name: &Name, rtype: RecordType) -> Result<Link, Text> {
    let at = name_text(&n.owner);
    if n.has(rtype) {
        return Err(t!("nsec-lists-type", at = &at, rtype = type_name(rtype)).into());
    }
    if n.has(RecordType::CNAME) {
        return Err(t!("nsec-lists-cname", at = &at).into());
    }
    if rtype == RecordType::DS && n.has(RecordType::SOA) && !n.owner.is_root() {
        return Err(t!("nsec-child-side", at = &at).into());
    }
    if rtype != RecordType::DS && n.cut() {
        return Err(t!("nsec-parent-side", at = &at).into());
    }
    Ok(Link::new(
        name,
        t!(
            "nsec-proves-nodata",
            nsec = n.text(),
            rtype = type_name(rtype),
            at = &at,
            types = types_text(&n.types),
            tag = n.tag
        ),
    ))
}

/// The NSEC proof (RFC 4035 5.4) that `name` does not exist, or has no `rtype` data.
pub fn proof(name: &Name, rtype: RecordType, negative: Negative, nsecs: &[Nsec]) -> Proved {
    let at = name_text(name);
    let exact = nsecs.iter().find(|n| canonical_cmp(&n.owner, name).is_eq());
    let link = |n: &Nsec, what: crate::i18n::Message| {
        Link::new(
            name,
            t!("nsec-proves", nsec = n.text(), what = what, tag = n.tag),
        )
    };
    if negative == Negative::NoData {
        if let Some(n) = exact {
            return match nodata_at(n, name, rtype) {
                Ok(l) => Proved::Yes(vec![l]),
                Err(why) => Proved::No(why),
            };
        }
    } else if exact.is_some() {
        return Proved::No(t!("nsec-name-exists", at = &at).into());
    }
    let Some(cover) = covering(nsecs, name) else {
        return Proved::No(
            match negative {
                Negative::NoName => t!("nsec-none-covers", at = &at),
                Negative::NoData => t!("nsec-none-at-or-covering", at = &at),
            }
            .into(),
        );
    };
    if negative == Negative::NoData && name.zone_of(&cover.next) {
        // Not there, but the next name is below it: an empty non-terminal (RFC 4035 3.1.3.2).
        return Proved::Yes(vec![link(cover, t!("nsec-empty-non-terminal", at = &at))]);
    }
    let ce = closest_encloser(cover, name);
    let mut links = Vec::new();
    if negative == Negative::NoName {
        links.push(link(cover, t!("nsec-does-not-exist", at = &at)));
    }
    let Some(wild) = wildcard(&ce) else {
        return match negative {
            Negative::NoName => Proved::Yes(links),
            Negative::NoData => Proved::No(t!("nsec-none-at", at = &at).into()),
        };
    };
    let star = name_text(&wild);
    let at_wild = nsecs
        .iter()
        .find(|n| canonical_cmp(&n.owner, &wild).is_eq());
    match (negative, at_wild) {
        (Negative::NoName, Some(_)) => {
            Proved::No(t!("nsec-wildcard-exists", star = &star, at = &at).into())
        }
        (Negative::NoName, None) => match covering(nsecs, &wild) {
            Some(w) => {
                links.push(link(w, t!("nsec-no-wildcard", star = &star)));
                Proved::Yes(links)
            }
            None => Proved::No(t!("nsec-wildcard-unproved", star = &star).into()),
        },
        // A wildcard that has no data of the type (RFC 4035 3.1.3.4).
        (Negative::NoData, Some(w)) => match nodata_at(w, &wild, rtype) {
            Ok(l) => Proved::Yes(vec![link(cover, t!("nsec-does-not-exist", at = &at)), l]),
            Err(why) => Proved::No(why),
        },
        (Negative::NoData, None) => {
            Proved::No(t!("nsec-none-at-or-wildcard", at = &at, star = &star).into())
        }
    }
}

/// The proof that `name`, answered from the wildcard `source` (`*.` and its closest encloser),
/// has no closer match in the zone (RFC 4035 5.3.4): an NSEC covering `name` whose closest
/// encloser is the wildcard's parent.
pub fn wildcard_proof(name: &Name, source: &Name, nsecs: &[Nsec]) -> Proved {
    let at = name_text(name);
    let star = name_text(source);
    let ce = source.base_name();
    let Some(cover) = covering(nsecs, name) else {
        return Proved::No(t!("nsec-wildcard-name-unproved", at = &at, star = &star).into());
    };
    let shown = closest_encloser(cover, name);
    if canonical_cmp(&shown, &ce).is_ne() {
        return Proved::No(
            t!(
                "nsec-wrong-encloser",
                at = &at,
                shown = name_text(&shown),
                encloser = name_text(&ce),
                star = &star
            )
            .into(),
        );
    }
    Proved::Yes(vec![Link::new(
        name,
        t!(
            "nsec-wildcard-answered",
            nsec = cover.text(),
            at = &at,
            star = &star,
            tag = cover.tag
        ),
    )])
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::tests::n;
    use super::*;
    use hickory_resolver::proto::dnssec::rdata::NSEC;

    /// The NSEC chain of a zone holding `names` (name, types), as records sent by a server.
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

    pub(crate) fn yes(p: Proved) -> Vec<String> {
        match p {
            Proved::Yes(links) => links
                .into_iter()
                .map(|l| l.detail.english().into_owned())
                .collect(),
            other => panic!("not proved: {other:?}"),
        }
    }

    pub(crate) fn no(p: Proved) -> String {
        match p {
            Proved::No(why) => why.english().into_owned(),
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
    }

    #[test]
    fn nsec_proves_a_name_does_not_exist_and_no_wildcard() {
        let chain = lab_nsec();
        let links = yes(proof(&n("nx.lab.test."), A, Negative::NoName, &chain));
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
            no(proof(&n("nx.lab.test."), A, Negative::NoName, &partial))
                .contains("no NSEC proves there is no wildcard *.lab.test.")
        );
        // Without the covering one, nothing.
        let none: Vec<Nsec> = chain
            .iter()
            .filter(|x| x.owner != n("ns.lab.test."))
            .cloned()
            .collect();
        assert_eq!(
            no(proof(&n("nx.lab.test."), A, Negative::NoName, &none)),
            "no NSEC covers nx.lab.test."
        );
        // A name that exists, and a name under an existing wildcard.
        assert!(no(proof(&n("www.lab.test."), A, Negative::NoName, &chain)).contains("exists"));
        assert!(
            no(proof(&n("q.wild.lab.test."), A, Negative::NoName, &chain))
                .contains("the wildcard *.wild.lab.test. exists")
        );
        // Below a delegation, the parent's NSEC proves nothing.
        assert!(
            no(proof(&n("a.sub.lab.test."), A, Negative::NoName, &chain))
                .contains("no NSEC covers")
        );
    }

    #[test]
    fn nsec_proves_no_data_at_a_name_an_empty_non_terminal_and_a_wildcard() {
        let chain = lab_nsec();
        let links = yes(proof(&n("www.lab.test."), TXT, Negative::NoData, &chain));
        assert!(
            links[0].contains("proves no data of type TXT at www.lab.test. (it has: A "),
            "{links:?}"
        );
        assert!(
            no(proof(&n("www.lab.test."), A, Negative::NoData, &chain)).contains("lists type A")
        );
        assert!(no(proof(&n("alias.lab.test."), TXT, Negative::NoData, &chain)).contains("CNAME"));
        // A delegation: no DS is proved, other types are not.
        assert_eq!(
            yes(proof(&n("sub.lab.test."), DS, Negative::NoData, &chain)).len(),
            1
        );
        assert!(
            no(proof(&n("sub.lab.test."), TXT, Negative::NoData, &chain))
                .contains("parent side of a delegation")
        );
        // The child's apex NSEC cannot deny a DS.
        assert!(no(proof(&n("lab.test."), DS, Negative::NoData, &chain)).contains("child zone's"));
        let links = yes(proof(&n("ent.lab.test."), TXT, Negative::NoData, &chain));
        assert!(links[0].contains("empty non-terminal"), "{links:?}");
        let links = yes(proof(&n("q.wild.lab.test."), MX, Negative::NoData, &chain));
        assert_eq!(links.len(), 2, "{links:?}");
        assert!(links[1].contains("at *.wild.lab.test."), "{links:?}");
        assert!(
            no(proof(&n("q.wild.lab.test."), TXT, Negative::NoData, &chain))
                .contains("lists type TXT")
        );
        assert!(
            no(proof(&n("nx.lab.test."), TXT, Negative::NoData, &chain))
                .contains("no NSEC at nx.lab.test., and none at the wildcard *.lab.test.")
        );
    }

    /// Issue 24 item 1: a wildcard answer needs the NSEC proving the name itself is not there,
    /// with the wildcard's parent as its closest encloser.
    #[test]
    fn a_wildcard_answer_needs_its_proof_of_no_closer_match() {
        let chain = lab_nsec();
        let source = n("*.wild.lab.test.");
        let links = yes(wildcard_proof(&n("q.wild.lab.test."), &source, &chain));
        assert!(
            links[0].contains("proves q.wild.lab.test. does not exist, so the wildcard"),
            "{links:?}"
        );
        // Deeper below the wildcard works the same way.
        yes(wildcard_proof(&n("a.b.wild.lab.test."), &source, &chain));
        // No NSEC at all: not proved.
        assert!(
            no(wildcard_proof(&n("q.wild.lab.test."), &source, &[]))
                .contains("no NSEC proves that q.wild.lab.test.")
        );
        // A name that exists cannot come from the wildcard.
        assert!(
            no(wildcard_proof(
                &n("www.lab.test."),
                &n("*.lab.test."),
                &chain
            ))
            .contains("no NSEC proves")
        );
        // An NSEC whose closest encloser is not the wildcard's parent.
        assert!(
            no(wildcard_proof(&n("nx.lab.test."), &source, &chain))
                .contains("shows the closest encloser lab.test., not wild.lab.test.")
        );
    }
}
