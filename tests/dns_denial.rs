//! `netkit dns NAME --validate` on negative answers: the NSEC and NSEC3 proofs of NXDOMAIN and
//! of no data, against NSD serving zones signed at test time with ldns (all on loopback,
//! 127.0.0.20-127.0.0.26), and the signed tree of tests/dns.rs (NSEC3, and an unsigned zone).

use crate::common::*;
use crate::dns::{NsdServers, have_ldns, have_nsd, run_in, signed_tree};

/// Writes `text` as zone `origin` to `dir`/z.zone and signs it with a key made now (ECDSA
/// P-256) and ldns-signzone's `options` (none: NSEC; `-n`: NSEC3): `dir`/z.zone.signed.
/// Returns the key's DS line, for the parent zone.
fn sign(dir: &std::path::Path, origin: &str, text: &str, options: &[&str]) -> String {
    sign_with(dir, origin, text, &["-a", "ECDSAP256SHA256"], options).0
}

/// [`sign`] with ldns-keygen's `keygen` options (`-a ALGORITHM`, `-b BITS`): the DS line
/// (SHA-256) and the key's base name (`dir`/BASE.key is its DNSKEY line).
pub(crate) fn sign_with(
    dir: &std::path::Path,
    origin: &str,
    text: &str,
    keygen: &[&str],
    options: &[&str],
) -> (String, String) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("z.zone"),
        format!("$ORIGIN {origin}\n$TTL 300\n@ IN SOA ns admin 1 3600 600 86400 60\n{text}"),
    )
    .unwrap();
    let base = run_in(dir, "ldns-keygen", &[keygen, &["-k", origin]].concat());
    let base = base.trim().to_string();
    let mut args = options.to_vec();
    args.extend(["z.zone", &base]);
    run_in(dir, "ldns-signzone", &args);
    let ds = run_in(dir, "ldns-key2ds", &["-n", "-2", &format!("{base}.key")]);
    (ds, base)
}

/// Edits `dir`/z.zone.signed line by line: `edit` returns a line's replacement (None: drop
/// it). Asserts that some line changed.
pub(crate) fn edit_signed(dir: &std::path::Path, edit: impl Fn(&str) -> Option<String>) {
    let path = dir.join("z.zone.signed");
    let before = std::fs::read_to_string(&path).unwrap();
    let after: String = before
        .lines()
        .filter_map(|l| edit(l).map(|l| l + "\n"))
        .collect();
    assert_ne!(before, after, "nothing edited in {}", path.display());
    std::fs::write(&path, after).unwrap();
}

/// Whether a zone file line is a record of `rtype` (the RRSIG lines that cover it aside).
pub(crate) fn is_type(line: &str, rtype: &str) -> bool {
    line.split_whitespace().nth(3) == Some(rtype)
}

/// A signed hierarchy for negative answers, NSD on one port, one address per zone: the root
/// (127.0.0.20, NSEC) → test. (127.0.0.21, NSEC3 with opt-out, a salt and 3 iterations) →
/// nsec.test. (127.0.0.22, NSEC, with a wildcard and an empty non-terminal), nsec3.test.
/// (127.0.0.23, NSEC3, salt and 5 iterations), broken.test. (127.0.0.24, NSEC, an NSEC record
/// changed after signing), stripped.test. (127.0.0.25, NSEC, the NSEC records removed after
/// signing), each with a DS, and optout.test. (127.0.0.26, not signed), delegated after test.
/// was signed, so that no NSEC3 has its name: only an opt-out span covers it. The root's DS is
/// `anchor.ds` in the directory. None (skipping visibly) without NSD or ldns.
fn denial_tree(test: &str) -> Option<NsdServers> {
    if !have_nsd(test) || !have_ldns(test) {
        return None;
    }
    let servers = NsdServers::new("127.0.0.20");
    let dir = servers.dir.path().to_path_buf();
    let leaf = |ip: &str| format!("@ IN NS ns\nns IN A {ip}\nwww IN A 192.0.2.1\n");
    let nsec_ds = sign(
        &dir.join("nsec"),
        "nsec.test.",
        &format!(
            "{}*.wild IN TXT \"wild\"\nx.ent IN A 192.0.2.2\n",
            leaf("127.0.0.22")
        ),
        &[],
    );
    let nsec3_ds = sign(
        &dir.join("nsec3"),
        "nsec3.test.",
        &leaf("127.0.0.23"),
        &["-n", "-s", "beef", "-t", "5"],
    );
    let broken = dir.join("broken");
    let broken_ds = sign(&broken, "broken.test.", &leaf("127.0.0.24"), &[]);
    // The NSEC that covers nx.broken.test. (ns → www) gains a type after signing.
    edit_signed(&broken, |l| {
        Some(if is_type(l, "NSEC") && l.starts_with("ns.broken.test.") {
            format!("{l} TXT")
        } else {
            l.to_string()
        })
    });
    let stripped = dir.join("stripped");
    let stripped_ds = sign(&stripped, "stripped.test.", &leaf("127.0.0.25"), &[]);
    edit_signed(&stripped, |l| {
        let nsec = is_type(l, "NSEC") || (is_type(l, "RRSIG") && l.contains("RRSIG\tNSEC "));
        (!nsec).then(|| l.to_string())
    });
    let optout = dir.join("optout");
    std::fs::create_dir_all(&optout).unwrap();
    std::fs::write(
        optout.join("z.zone.signed"),
        format!(
            "$ORIGIN optout.test.\n$TTL 300\n@ IN SOA ns admin 1 3600 600 86400 60\n{}",
            leaf("127.0.0.26")
        ),
    )
    .unwrap();
    let child = |name: &str, ip: &str, ds: &str| {
        format!("{name} IN NS ns.{name}\nns.{name} IN A {ip}\n{ds}")
    };
    let test_ds = sign(
        &dir.join("test"),
        "test.",
        &format!(
            "@ IN NS ns\nns IN A 127.0.0.21\n{}{}{}{}",
            child("nsec", "127.0.0.22", &nsec_ds),
            child("nsec3", "127.0.0.23", &nsec3_ds),
            child("broken", "127.0.0.24", &broken_ds),
            child("stripped", "127.0.0.25", &stripped_ds),
        ),
        &["-n", "-p", "-s", "5eed", "-t", "3"],
    );
    // An unsigned delegation added after signing: in no NSEC3's name, only in an opt-out span.
    let signed_test = dir.join("test").join("z.zone.signed");
    let mut text = std::fs::read_to_string(&signed_test).unwrap();
    text += "optout.test.\t300\tIN\tNS\tns.optout.test.\nns.optout.test.\t300\tIN\tA\t127.0.0.26\n";
    std::fs::write(&signed_test, text).unwrap();
    let root_ds = sign(
        &dir.join("root"),
        ".",
        &format!(
            "@ IN NS a.root.test.\na.root.test. IN A 127.0.0.20\n\
             test. IN NS ns.test.\nns.test. IN A 127.0.0.21\n{test_ds}"
        ),
        &[],
    );
    std::fs::write(dir.join("anchor.ds"), &root_ds).unwrap();
    let zones = [
        ("root", "127.0.0.20", "."),
        ("test", "127.0.0.21", "test."),
        ("nsec", "127.0.0.22", "nsec.test."),
        ("nsec3", "127.0.0.23", "nsec3.test."),
        ("broken", "127.0.0.24", "broken.test."),
        ("stripped", "127.0.0.25", "stripped.test."),
        ("optout", "127.0.0.26", "optout.test."),
    ];
    Some(servers.serve_signed(&dir, &zones))
}

/// `netkit --json dns NAME [TYPE] @ROOT --validate --trust-anchor DIR/anchor.ds`: the exit
/// code and the JSON.
fn validate(t: &NsdServers, root: &str, args: &[&str]) -> (i32, serde_json::Value) {
    let o = validate_human(t, root, &[&["--json"], args].concat());
    (code(&o), json(&o))
}

/// The same, for people.
fn validate_human(t: &NsdServers, root: &str, args: &[&str]) -> std::process::Output {
    let anchor = t.dir.path().join("anchor.ds");
    let at = format!("@{root}:{}", t.port);
    let mut all: Vec<&str> = Vec::new();
    let (flags, rest): (Vec<&str>, Vec<&str>) = args.iter().partition(|a| *a == &"--json");
    all.extend(flags);
    all.push("dns");
    all.extend(rest);
    all.extend([
        at.as_str(),
        "--validate",
        "--trust-anchor",
        anchor.to_str().unwrap(),
    ]);
    run(&all)
}

/// The verdict, the reason ("" when none) and each link's detail.
fn verdict(v: &serde_json::Value) -> (String, String, Vec<String>) {
    let val = &v["validation"];
    let links = val["chain"]
        .as_array()
        .unwrap_or_else(|| panic!("no chain: {v}"))
        .iter()
        .map(|l| l["detail"].as_str().unwrap().to_string())
        .collect();
    (
        val["security"].as_str().unwrap().to_string(),
        val["reason"].as_str().unwrap_or("").to_string(),
        links,
    )
}

/// Asserts that some link's detail holds every one of `parts`.
fn has_link(links: &[String], parts: &[&str]) {
    assert!(
        links.iter().any(|l| parts.iter().all(|p| l.contains(p))),
        "no link with {parts:?} in {links:#?}"
    );
}

/// NSEC: a name that does not exist (the NSEC covering it, the one proving no wildcard), no
/// data at a name, at an empty non-terminal and at a wildcard: all secure.
#[test]
fn nsec_proves_nxdomain_and_nodata() {
    let Some(t) = denial_tree("nsec_proves_nxdomain_and_nodata") else {
        return;
    };
    let (c, v) = validate(&t, "127.0.0.20", &["nx.nsec.test"]);
    assert_eq!(c, 1, "{v}");
    assert_eq!(v["end"], "nxdomain", "{v}");
    let (security, reason, links) = verdict(&v);
    assert_eq!(security, "secure", "{reason} {links:#?}");
    has_link(
        &links,
        &[
            "NSEC ns.nsec.test. → *.wild.nsec.test.",
            "proves nx.nsec.test. does not exist",
        ],
    );
    has_link(
        &links,
        &["NSEC ", "proves there is no wildcard *.nsec.test."],
    );
    let zones: Vec<&str> = v["validation"]["chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["zone"].as_str().unwrap())
        .collect();
    assert_eq!(&zones[..3], [".", "test.", "nsec.test."], "{v}");

    let (c, v) = validate(&t, "127.0.0.20", &["www.nsec.test", "TXT"]);
    assert_eq!(c, 1, "{v}");
    assert_eq!(v["end"], "nodata", "{v}");
    let (security, _, links) = verdict(&v);
    assert_eq!(security, "secure", "{links:#?}");
    has_link(
        &links,
        &[
            "NSEC www.nsec.test. → ",
            "proves no data of type TXT at www.nsec.test.",
        ],
    );

    let (_, v) = validate(&t, "127.0.0.20", &["ent.nsec.test", "TXT"]);
    let (security, _, links) = verdict(&v);
    assert_eq!(security, "secure", "{v}");
    has_link(&links, &["ent.nsec.test. is an empty non-terminal"]);

    let (_, v) = validate(&t, "127.0.0.20", &["q.wild.nsec.test", "MX"]);
    assert_eq!(v["end"], "nodata", "{v}");
    let (security, _, links) = verdict(&v);
    assert_eq!(security, "secure", "{v}");
    has_link(&links, &["proves q.wild.nsec.test. does not exist"]);
    has_link(&links, &["proves no data of type MX at *.wild.nsec.test."]);

    // For people: the proof, then the verdict.
    let o = validate_human(&t, "127.0.0.20", &["nx.nsec.test"]);
    let out = stdout(&o);
    assert!(out.contains("proves nx.nsec.test. does not exist"), "{out}");
    assert!(
        out.trim_end()
            .ends_with("DNSSEC: secure (every link of the chain verified)"),
        "{out}"
    );
}

/// NSEC3 (a salt, 5 iterations): the closest encloser proof of a name that does not exist, and
/// the matching NSEC3 of a name without data of the type: secure.
#[test]
fn nsec3_proves_nxdomain_and_nodata() {
    let Some(t) = denial_tree("nsec3_proves_nxdomain_and_nodata") else {
        return;
    };
    let (c, v) = validate(&t, "127.0.0.20", &["nx.nsec3.test"]);
    assert_eq!(c, 1, "{v}");
    assert_eq!(v["end"], "nxdomain", "{v}");
    let (security, reason, links) = verdict(&v);
    assert_eq!(security, "secure", "{reason} {links:#?}");
    has_link(
        &links,
        &["NSEC3 ", "matches the closest encloser nsec3.test."],
    );
    has_link(
        &links,
        &["NSEC3 ", "covers the next closer name nx.nsec3.test."],
    );
    has_link(&links, &["NSEC3 ", "covers the wildcard *.nsec3.test."]);
    has_link(&links, &["so nx.nsec3.test. does not exist"]);

    let (c, v) = validate(&t, "127.0.0.20", &["www.nsec3.test", "TXT"]);
    assert_eq!(c, 1, "{v}");
    assert_eq!(v["end"], "nodata", "{v}");
    let (security, _, links) = verdict(&v);
    assert_eq!(security, "secure", "{v}");
    has_link(
        &links,
        &[
            "NSEC3 ",
            "matches www.nsec3.test. and proves no data of type TXT",
        ],
    );
}

/// A negative answer whose proof fails: an NSEC changed after signing (its signature does not
/// verify), or no NSEC at all: bogus, exit 1.
#[test]
fn a_broken_denial_is_bogus() {
    let Some(t) = denial_tree("a_broken_denial_is_bogus") else {
        return;
    };
    let (c, v) = validate(&t, "127.0.0.20", &["nx.broken.test"]);
    assert_eq!(c, 1, "{v}");
    let (security, reason, _) = verdict(&v);
    assert_eq!(security, "bogus", "{v}");
    assert!(
        reason.contains("no NSEC covers nx.broken.test."),
        "{reason}"
    );
    assert!(
        reason.contains("the NSEC's signature does not verify")
            && reason.contains("the signature on ns.broken.test."),
        "{reason}"
    );

    let (c, v) = validate(&t, "127.0.0.20", &["nx.stripped.test"]);
    assert_eq!(c, 1, "{v}");
    let (security, reason, _) = verdict(&v);
    assert_eq!(security, "bogus", "{v}");
    assert!(
        reason.contains("no NSEC or NSEC3 record proves that nx.stripped.test. does not exist"),
        "{reason}"
    );
    let (c, v) = validate(&t, "127.0.0.20", &["www.stripped.test", "TXT"]);
    assert_eq!(c, 1, "{v}");
    let (security, reason, _) = verdict(&v);
    assert_eq!(security, "bogus", "{v}");
    assert!(
        reason.contains("proves that www.stripped.test. has no TXT records"),
        "{reason}"
    );

    let o = validate_human(&t, "127.0.0.20", &["nx.broken.test"]);
    assert!(
        stdout(&o).contains("DNSSEC: bogus: no NSEC covers nx.broken.test."),
        "{}",
        stdout(&o)
    );
}

/// NSEC3 opt-out (RFC 5155 6): an unsigned delegation that no NSEC3 names, only an opt-out span
/// covers: no DS, proved so, so the zone below is insecure; so is a name of test. that does not
/// exist in such a span.
#[test]
fn an_opt_out_span_is_insecure() {
    let Some(t) = denial_tree("an_opt_out_span_is_insecure") else {
        return;
    };
    let (c, v) = validate(&t, "127.0.0.20", &["www.optout.test"]);
    assert_eq!(c, 0, "{v}");
    let (security, reason, links) = verdict(&v);
    assert_eq!(security, "insecure", "{v}");
    assert!(reason.contains("optout.test. is not signed"), "{reason}");
    has_link(
        &links,
        &["covers the next closer name optout.test. (an opt-out span)"],
    );
    has_link(&links, &["no DS at the parent: an unsigned delegation"]);

    // Asked for its DS: the answer is no data, in an opt-out span.
    let (c, v) = validate(&t, "127.0.0.20", &["optout.test", "DS"]);
    assert_eq!(c, 1, "{v}");
    assert_eq!(v["end"], "nodata", "{v}");
    let (security, reason, _) = verdict(&v);
    assert_eq!(security, "insecure", "{v}");
    assert!(
        reason.contains("optout.test. is in an NSEC3 opt-out span"),
        "{reason}"
    );
    // A signed delegation's DS is there, and secure.
    let (c, v) = validate(&t, "127.0.0.20", &["nsec.test", "DS"]);
    assert_eq!(c, 0, "{v}");
    assert_eq!(verdict(&v).0, "secure", "{v}");
}

/// The signed tree of tests/dns.rs (ldns's NSEC3, no salt): a name that does not exist in
/// lab.test. is proved so (secure); one in plain.test. (unsigned, its missing DS proved by
/// test.'s NSEC3) is insecure.
#[test]
fn negative_answers_in_the_signed_tree() {
    let Some(t) = signed_tree("negative_answers_in_the_signed_tree") else {
        return;
    };
    let (c, v) = validate(&t, "127.0.0.12", &["nosuch.lab.test"]);
    assert_eq!(c, 1, "{v}");
    let (security, reason, links) = verdict(&v);
    assert_eq!(security, "secure", "{reason} {links:#?}");
    has_link(&links, &["so nosuch.lab.test. does not exist"]);

    let (c, v) = validate(&t, "127.0.0.12", &["www.lab.test", "TXT"]);
    assert_eq!(c, 1, "{v}");
    let (security, _, links) = verdict(&v);
    assert_eq!(security, "secure", "{v}");
    has_link(
        &links,
        &["matches www.lab.test. and proves no data of type TXT"],
    );

    for (name, rtype, end) in [
        ("nosuch.plain.test", "A", "nxdomain"),
        ("www.plain.test", "TXT", "nodata"),
    ] {
        let (c, v) = validate(&t, "127.0.0.12", &[name, rtype]);
        assert_eq!(c, 1, "{v}");
        assert_eq!(v["end"], end, "{v}");
        let (security, reason, links) = verdict(&v);
        assert_eq!(security, "insecure", "{v}");
        assert!(reason.contains("plain.test. is not signed"), "{reason}");
        has_link(
            &links,
            &["matches plain.test. and proves no data of type DS"],
        );
    }
}
