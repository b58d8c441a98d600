//! Issue 24: `netkit dns --validate` and `--trace` beside delv and `dig +trace`, on the same
//! names, in one network namespace made per test (removed when it ends): a tree of zones
//! signed at test time with ldns, one NSD per zone on 127.0.0.N:53, and unbound as a recursive
//! resolver on 127.0.0.53 whose root hints name only the tree's root (127.0.0.2). Each case
//! asks delv (through unbound) and netkit (through unbound, and from the root server down) and
//! compares their verdicts; `--trace @unbound` is compared with `dig +trace @unbound`.
//!
//! The tree: `.` (NSEC) → `test.` (NSEC3, opt-out) → `nsec.test.` (NSEC: a wildcard, an empty
//! non-terminal, a CNAME in the zone and one to another zone), `nsec3.test.` (NSEC3, a
//! wildcard), `tamper.test.` (a record changed after signing), `expired.test.`,
//! `future.test.` (signatures not yet valid), `strip.test.` (NSEC, a wildcard, served through
//! a proxy of this test that removes every reply's authority section), `wrongds.test.` (the DS
//! of another key), `plain.test.` (unsigned, no DS), `ed448.test.` (Ed448), `md5.test.`
//! (RSAMD5, which no validator may accept), `gost.test.` (its only DS of digest type 3),
//! `iter.test.` (NSEC3 with 200 iterations) and `optout.test.` (unsigned, in an opt-out span).

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use crate::common::netns::{Daemon, Lab};
use crate::common::*;
use crate::dns::{have_ldns, have_nsd, run_in};
use crate::dns_denial::{edit_signed, is_type, sign_with};

/// Whether `program` runs; without it, a visible skip (a failure under CI).
fn have(test: &str, program: &str, arg: &str, package: &str) -> bool {
    if std::process::Command::new(program)
        .arg(arg)
        .output()
        .is_ok()
    {
        return true;
    }
    assert!(
        std::env::var_os("NETKIT_REQUIRE_NETNS").is_none(),
        "{program} is needed under CI (apt-get install {package})"
    );
    eprintln!("SKIP {test}: {program} is not installed");
    false
}

/// The address of unbound in the namespace.
const RESOLVER: &str = "127.0.0.53";
/// The tree's root server.
const ROOT: &str = "127.0.0.2";

/// A UDP proxy inside the namespace, on `listen`:53, forwarding to `upstream`:53 and removing
/// the authority section of every reply (the NSEC/NSEC3 proofs among them); with no upstream,
/// a server that never answers (tests/fixtures/strip_proxy.py). A process of its own in the
/// namespace, so it runs rootless too; stops when dropped.
fn strip_proxy(lab: &Lab, ns: &str, listen: &str, upstream: Option<&str>) -> Daemon {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/strip_proxy.py");
    let mut args = vec![script, listen];
    args.extend(upstream);
    let proxy = lab.daemon(ns, "python3", &args, "udp", 53);
    let bound = format!("src = {listen}:53");
    let t = Instant::now();
    while lab.exec(ns, "ss", &["-Hlun", &bound]).stdout.is_empty() {
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "the proxy listens on {listen}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    proxy
}

/// The tree, served in its namespace; everything stops and is removed when dropped.
struct Tree {
    /// Killed before the namespace goes (fields drop in order).
    _daemons: Vec<Daemon>,
    _proxy: Daemon,
    lab: Lab,
    ns: String,
    dir: tempfile::TempDir,
}

/// One zone of the tree: directory, address, origin, zone text (SOA added), keygen options
/// (None: unsigned), signzone options.
struct Zone<'a> {
    tag: &'a str,
    ip: &'a str,
    origin: &'a str,
    text: String,
    keygen: Option<&'a [&'a str]>,
    options: Vec<String>,
}

const ECDSA: &[&str] = &["-a", "ECDSAP256SHA256"];

/// `name NS ns.name` with its glue, and `ds` (the child's DS lines, or none).
fn delegation(name: &str, ip: &str, ds: &str) -> String {
    format!("{name} IN NS ns.{name}\nns.{name} IN A {ip}\n{ds}")
}

/// A leaf zone's records: its name server and `www`.
fn leaf(ip: &str) -> String {
    format!("@ IN NS ns\nns IN A {ip}\nwww IN A 192.0.2.1\n")
}

impl Tree {
    /// Builds, signs and serves the tree, and starts unbound; None (a visible skip) without
    /// the tools or namespaces.
    fn new(test: &str) -> Option<Tree> {
        if !have_nsd(test)
            || !have_ldns(test)
            || !have(test, "delv", "-v", "bind9-dnsutils")
            || !have(test, "dig", "-v", "bind9-dnsutils")
            || !have(test, "unbound", "-V", "unbound")
        {
            return None;
        }
        let mut lab = Lab::new(test)?;
        let ns = lab.ns("dnsv");
        // Names the tools look up themselves (dig +trace finds the root servers' addresses
        // with getaddrinfo) go to unbound, never to the machine's resolver.
        lab.etc_file(&ns, "resolv.conf", &format!("nameserver {RESOLVER}\n"));
        lab.etc_file(&ns, "hosts", "127.0.0.1 localhost\n");
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_path_buf();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let day = 86_400;
        let leaves = [
            Zone {
                tag: "nsec",
                ip: "127.0.0.4",
                origin: "nsec.test.",
                text: format!(
                    "{}alias IN CNAME www\nout IN CNAME www.nsec3.test.\n*.wild IN TXT \"wild\"\n\
                     x.ent IN A 192.0.2.2\n",
                    leaf("127.0.0.4")
                ),
                keygen: Some(ECDSA),
                options: vec![],
            },
            Zone {
                tag: "nsec3",
                ip: "127.0.0.5",
                origin: "nsec3.test.",
                text: format!("{}*.wild IN TXT \"wild\"\n", leaf("127.0.0.5")),
                keygen: Some(ECDSA),
                options: ["-n", "-s", "beef", "-t", "5"].map(String::from).to_vec(),
            },
            Zone {
                tag: "tamper",
                ip: "127.0.0.6",
                origin: "tamper.test.",
                text: leaf("127.0.0.6"),
                keygen: Some(ECDSA),
                options: vec![],
            },
            Zone {
                tag: "expired",
                ip: "127.0.0.7",
                origin: "expired.test.",
                text: leaf("127.0.0.7"),
                keygen: Some(ECDSA),
                options: vec![
                    "-i".into(),
                    (now - 30 * day).to_string(),
                    "-e".into(),
                    (now - 3 * day).to_string(),
                ],
            },
            Zone {
                tag: "future",
                ip: "127.0.0.8",
                origin: "future.test.",
                text: leaf("127.0.0.8"),
                keygen: Some(ECDSA),
                options: vec![
                    "-i".into(),
                    (now + 3 * day).to_string(),
                    "-e".into(),
                    (now + 30 * day).to_string(),
                ],
            },
            // Served by NSD on 127.0.0.10; the delegation names the proxy on 127.0.0.9.
            Zone {
                tag: "strip",
                ip: "127.0.0.10",
                origin: "strip.test.",
                text: format!("{}*.wild IN TXT \"wild\"\n", leaf("127.0.0.9")),
                keygen: Some(ECDSA),
                options: vec![],
            },
            Zone {
                tag: "wrongds",
                ip: "127.0.0.11",
                origin: "wrongds.test.",
                text: leaf("127.0.0.11"),
                keygen: Some(ECDSA),
                options: vec![],
            },
            Zone {
                tag: "plain",
                ip: "127.0.0.12",
                origin: "plain.test.",
                text: leaf("127.0.0.12"),
                keygen: None,
                options: vec![],
            },
            Zone {
                tag: "ed448",
                ip: "127.0.0.13",
                origin: "ed448.test.",
                text: leaf("127.0.0.13"),
                keygen: Some(&["-a", "ED448"]),
                options: vec![],
            },
            Zone {
                tag: "md5",
                ip: "127.0.0.14",
                origin: "md5.test.",
                text: leaf("127.0.0.14"),
                keygen: Some(&["-a", "RSAMD5", "-b", "1024"]),
                options: vec![],
            },
            Zone {
                tag: "gost",
                ip: "127.0.0.15",
                origin: "gost.test.",
                text: leaf("127.0.0.15"),
                keygen: Some(ECDSA),
                options: vec![],
            },
            Zone {
                tag: "iter",
                ip: "127.0.0.16",
                origin: "iter.test.",
                text: leaf("127.0.0.16"),
                keygen: Some(ECDSA),
                options: ["-n", "-s", "ab", "-t", "200"].map(String::from).to_vec(),
            },
        ];
        // The root server's name is in test. (a resolver finds its address there).
        let mut test_zone = format!("@ IN NS ns\nns IN A 127.0.0.3\na.root IN A {ROOT}\n");
        for z in &leaves {
            let zd = d.join(z.tag);
            let ds = match z.keygen {
                Some(keygen) => {
                    let options: Vec<&str> = z.options.iter().map(String::as_str).collect();
                    sign_with(&zd, z.origin, &z.text, keygen, &options).0
                }
                None => {
                    std::fs::create_dir_all(&zd).unwrap();
                    std::fs::write(
                        zd.join("z.zone.signed"),
                        format!(
                            "$ORIGIN {}\n$TTL 300\n@ IN SOA ns admin 1 3600 600 86400 60\n{}",
                            z.origin, z.text
                        ),
                    )
                    .unwrap();
                    String::new()
                }
            };
            let ds = match z.tag {
                // The DS of a key that is not in the zone.
                "wrongds" => {
                    sign_with(
                        &d.join("wrongds-other"),
                        "wrongds.test.",
                        &leaf("127.0.0.11"),
                        ECDSA,
                        &[],
                    )
                    .0
                }
                // Its only DS of digest type 3 (GOST R 34.11-94), which no validator here checks.
                "gost" => {
                    let w: Vec<&str> = ds.split_whitespace().collect();
                    format!(
                        "{} 300 IN DS {} {} 3 {}\n",
                        w[0],
                        w[4],
                        w[5],
                        "AB".repeat(32)
                    )
                }
                _ => ds,
            };
            std::fs::write(d.join(format!("{}.ds", z.tag)), &ds).unwrap();
            let server = if z.tag == "strip" { "127.0.0.9" } else { z.ip };
            test_zone += &delegation(z.origin, server, &ds);
        }
        // A record changed after signing: its signature no longer matches.
        edit_signed(&d.join("tamper"), |l| {
            Some(if is_type(l, "A") && l.starts_with("www.") {
                l.replace("192.0.2.1", "192.0.2.99")
            } else {
                l.to_string()
            })
        });
        let (test_ds, _) = sign_with(
            &d.join("test"),
            "test.",
            &test_zone,
            ECDSA,
            &["-n", "-p", "-s", "5eed", "-t", "3"],
        );
        // An unsigned delegation added after signing: in no NSEC3's name, only in an opt-out span.
        let signed_test = d.join("test").join("z.zone.signed");
        let mut text = std::fs::read_to_string(&signed_test).unwrap();
        text += &delegation("optout.test.", "127.0.0.17", "");
        std::fs::write(&signed_test, text).unwrap();
        let optout = d.join("optout");
        std::fs::create_dir_all(&optout).unwrap();
        std::fs::write(
            optout.join("z.zone.signed"),
            format!(
                "$ORIGIN optout.test.\n$TTL 300\n@ IN SOA ns admin 1 3600 600 86400 60\n{}",
                leaf("127.0.0.17")
            ),
        )
        .unwrap();
        let (root_ds, root_key) = sign_with(
            &d.join("root"),
            ".",
            &format!(
                "@ IN NS a.root.test.\na.root.test. IN A {ROOT}\n{}",
                delegation("test.", "127.0.0.3", &test_ds)
            ),
            ECDSA,
            &[],
        );
        // The trust anchors: the root's DS, and its DNSKEY (ldns-keygen's .key file).
        std::fs::write(d.join("root.ds"), &root_ds).unwrap();
        std::fs::copy(
            d.join("root").join(format!("{root_key}.key")),
            d.join("root.key"),
        )
        .unwrap();
        let w: Vec<String> = root_ds.split_whitespace().map(String::from).collect();
        std::fs::write(
            d.join("delv-ds.conf"),
            format!(
                "trust-anchors {{ \".\" static-ds {} {} {} \"{}\"; }};\n",
                w[4],
                w[5],
                w[6],
                w[7..].concat()
            ),
        )
        .unwrap();
        let key = std::fs::read_to_string(d.join("root.key")).unwrap();
        let k: Vec<&str> = key.split(';').next().unwrap().split_whitespace().collect();
        std::fs::write(
            d.join("delv-key.conf"),
            format!(
                "trust-anchors {{ \".\" static-key {} {} {} \"{}\"; }};\n",
                k[3],
                k[4],
                k[5],
                k[6..].concat()
            ),
        )
        .unwrap();
        let mut daemons = Vec::new();
        let mut served: Vec<(&str, &str, &str)> = vec![
            ("root", ROOT, "."),
            ("test", "127.0.0.3", "test."),
            ("optout", "127.0.0.17", "optout.test."),
        ];
        served.extend(leaves.iter().map(|z| (z.tag, z.ip, z.origin)));
        for (tag, ip, origin) in &served {
            daemons.push(nsd_in(&lab, &ns, &d.join(tag), ip, origin));
        }
        std::fs::write(
            d.join("root.hints"),
            format!(". 3600 IN NS a.root.test.\na.root.test. 3600 IN A {ROOT}\n"),
        )
        .unwrap();
        std::fs::write(
            d.join("unbound.conf"),
            format!(
                "server:\n  interface: {RESOLVER}\n  port: 53\n  do-ip6: no\n  \
                 do-not-query-localhost: no\n  root-hints: \"{d}/root.hints\"\n  \
                 trust-anchor-file: \"{d}/root.ds\"\n  chroot: \"\"\n  username: \"\"\n  \
                 directory: \"{d}\"\n  pidfile: \"{d}/unbound.pid\"\n  use-syslog: no\n  \
                 logfile: \"\"\n  verbosity: 0\n  num-threads: 1\n  so-reuseport: no\n  \
                 access-control: 127.0.0.0/8 allow\n  qname-minimisation: no\n  \
                 aggressive-nsec: no\n  module-config: \"validator iterator\"\n  \
                 local-zone: \"test.\" nodefault\n\
                 remote-control:\n  control-enable: no\n",
                d = d.display()
            ),
        )
        .unwrap();
        daemons.push(lab.daemon(
            &ns,
            "unbound",
            &["-d", "-c", d.join("unbound.conf").to_str().unwrap()],
            "udp",
            53,
        ));
        let proxy = strip_proxy(&lab, &ns, "127.0.0.9", Some("127.0.0.10"));
        let tree = Tree {
            _daemons: daemons,
            _proxy: proxy,
            lab,
            ns,
            dir,
        };
        for (_, ip, _) in &served {
            tree.wait_for(ip);
        }
        tree.wait_for(RESOLVER);
        Some(tree)
    }

    /// Waits until a DNS server answers on `ip`:53 in the namespace.
    fn wait_for(&self, ip: &str) {
        let at = format!("@{ip}");
        for _ in 0..50 {
            let o = self.exec("dig", &[&at, "+tries=1", "+time=1", ".", "SOA"]);
            if o.status.success() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("nothing answers DNS on {ip}:53");
    }

    fn exec(&self, program: &str, args: &[&str]) -> Output {
        self.lab.exec(&self.ns, program, args)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.dir.path().join(file)
    }

    /// delv's verdict on `name`/`rtype` through unbound, with the anchors of `conf`:
    /// secure, insecure, bogus (resolution failed), and delv's own words.
    fn delv(&self, name: &str, rtype: &str, conf: &str) -> (String, String) {
        let conf = self.path(conf);
        let o = self.exec(
            "delv",
            &[
                &format!("@{RESOLVER}"),
                "-a",
                conf.to_str().unwrap(),
                "+root=.",
                name,
                rtype,
            ],
        );
        let text = format!("{}{}", stdout(&o), stderr(&o));
        let verdict = if text.contains("fully validated") {
            "secure"
        } else if text.contains("unsigned answer") {
            "insecure"
        } else if text.contains("resolution failed") || text.contains("validation failed") {
            "bogus"
        } else {
            "unknown"
        };
        (verdict.to_string(), text)
    }

    /// Whether unbound, validating itself, sets AD (secure) on its answer to `name`/`rtype`.
    fn unbound_says(&self, name: &str, rtype: &str) -> bool {
        let o = self.exec("dig", &["+dnssec", &format!("@{RESOLVER}"), name, rtype]);
        let text = stdout(&o);
        text.lines()
            .find(|l| l.starts_with(";; flags:"))
            .is_some_and(|l| l.split(';').nth(2).unwrap_or("").contains(" ad"))
    }

    /// netkit's JSON for `dns NAME TYPE @server --validate --trust-anchor FILE ARGS`.
    fn netkit(&self, name: &str, rtype: &str, server: &str, anchor: &str, args: &[&str]) -> Output {
        let at = format!("@{server}");
        let anchor = self.path(anchor);
        let mut all = vec![
            "--json",
            "dns",
            name,
            rtype,
            &at,
            "--validate",
            "--trust-anchor",
            anchor.to_str().unwrap(),
        ];
        all.extend_from_slice(args);
        self.lab.netkit(&self.ns, &all)
    }

    /// netkit's verdict and reason through `server` with the root's DS.
    fn verdict(
        &self,
        name: &str,
        rtype: &str,
        server: &str,
    ) -> (String, String, serde_json::Value) {
        let o = self.netkit(name, rtype, server, "root.ds", &[]);
        let v = json(&o);
        (
            v["validation"]["security"]
                .as_str()
                .unwrap_or("")
                .to_string(),
            v["validation"]["reason"].as_str().unwrap_or("").to_string(),
            v,
        )
    }

    /// Asserts that netkit, through unbound and from the root server down, gives `expected`,
    /// as delv through unbound does, and unbound itself (AD set when secure). Returns netkit's
    /// reason.
    fn agree(&self, name: &str, rtype: &str, expected: &str) -> String {
        self.differ(name, rtype, expected, expected, expected == "secure")
    }

    /// [`Tree::agree`] where delv says `delv_says` and unbound's AD is `unbound_ad`: where
    /// validators differ (the callers say why).
    fn differ(
        &self,
        name: &str,
        rtype: &str,
        expected: &str,
        delv_says: &str,
        unbound_ad: bool,
    ) -> String {
        assert_eq!(
            self.unbound_says(name, rtype),
            unbound_ad,
            "unbound's AD on {name} {rtype}"
        );
        let (theirs, text) = self.delv(name, rtype, "delv-ds.conf");
        assert_eq!(theirs, delv_says, "delv on {name} {rtype}:\n{text}");
        let (ours, reason, v) = self.verdict(name, rtype, RESOLVER);
        assert_eq!(ours, expected, "netkit @unbound on {name} {rtype}: {v}");
        let (direct, _, v) = self.verdict(name, rtype, ROOT);
        assert_eq!(direct, expected, "netkit @root on {name} {rtype}: {v}");
        reason
    }
}

/// Starts NSD in namespace `ns` on `ip`:53 serving `origin` from `dir`/z.zone.signed.
fn nsd_in(lab: &Lab, ns: &str, dir: &Path, ip: &str, origin: &str) -> Daemon {
    let conf = format!(
        "server:\n  ip-address: {ip}\n  port: 53\n  zonesdir: \"{d}\"\n  \
         pidfile: \"{d}/nsd.pid\"\n  database: \"\"\n  zonelistfile: \"{d}/zone.list\"\n  \
         xfrdfile: \"{d}/xfrd.state\"\n  xfrdir: \"{d}\"\n  username: \"\"\n  chroot: \"\"\n  \
         server-count: 1\n  verbosity: 0\nremote-control:\n  control-enable: no\n\
         zone:\n  name: \"{origin}\"\n  zonefile: \"z.zone.signed\"\n",
        d = dir.display()
    );
    std::fs::write(dir.join("nsd.conf"), conf).unwrap();
    let conf = dir.join("nsd.conf");
    lab.daemon(ns, "nsd", &["-d", "-c", conf.to_str().unwrap()], "udp", 53)
}

/// Issue 24 items 1 and 4: answers in signed zones, through unbound and from the root:
/// secure for plain data, for each link of a CNAME chain (in the zone and into another), and
/// for wildcard answers with their proof (NSEC and NSEC3); bogus for a wildcard answer whose
/// proof was removed on the way (delv: "no valid NSEC"), a record changed after signing, an
/// expired and a not yet valid signature, and a DS of another key; insecure below an unsigned
/// delegation and in an opt-out span.
#[test]
fn verdicts_agree_with_delv_on_answers() {
    let Some(t) = Tree::new("verdicts_agree_with_delv_on_answers") else {
        return;
    };

    for name in [
        "www.nsec.test",
        "www.nsec3.test",
        "alias.nsec.test",
        "out.nsec.test",
    ] {
        t.agree(name, "A", "secure");
    }
    for name in ["a.wild.nsec.test", "a.b.wild.nsec3.test"] {
        t.agree(name, "TXT", "secure");
    }
    let (_, _, v) = t.verdict("alias.nsec.test", "A", RESOLVER);
    let links = v["validation"]["chain"].to_string();
    assert!(
        links.contains("alias.nsec.test. CNAME signed by key")
            && links.contains("www.nsec.test. A signed by key"),
        "{links}"
    );
    let (_, _, v) = t.verdict("a.wild.nsec.test", "TXT", ROOT);
    let links = v["validation"]["chain"].to_string();
    assert!(
        links.contains("expanded from the wildcard *.wild.nsec.test.")
            && links.contains("proves a.wild.nsec.test. does not exist, so the wildcard"),
        "{links}"
    );
    let why = t.agree("a.wild.strip.test", "TXT", "bogus");
    assert!(
        why.contains("no NSEC or NSEC3 record proves there is no closer match"),
        "{why}"
    );
    let why = t.agree("www.tamper.test", "A", "bogus");
    assert!(why.contains("does not verify"), "{why}");
    let why = t.agree("www.expired.test", "A", "bogus");
    assert!(why.contains("expired at"), "{why}");
    let why = t.agree("www.future.test", "A", "bogus");
    assert!(why.contains("is not yet valid"), "{why}");
    let why = t.agree("www.wrongds.test", "A", "bogus");
    assert!(
        why.contains("no DNSKEY of wrongds.test. matches its DS"),
        "{why}"
    );
    let why = t.agree("www.plain.test", "A", "insecure");
    assert!(why.contains("plain.test. is not signed"), "{why}");
    let why = t.agree("www.optout.test", "A", "insecure");
    assert!(why.contains("opt-out"), "{why}");
}

/// Negative answers: NXDOMAIN and no data proved by NSEC and NSEC3 (secure), in an opt-out
/// span (insecure), and with 200 NSEC3 iterations, above the 150 validators hash (insecure,
/// issue 24 item 9).
#[test]
fn verdicts_agree_with_delv_on_negative_answers() {
    let Some(t) = Tree::new("verdicts_agree_with_delv_on_negative_answers") else {
        return;
    };
    for (name, rtype) in [
        ("nx.nsec.test", "A"),
        ("www.nsec.test", "TXT"),
        ("ent.nsec.test", "TXT"),
        ("q.wild.nsec.test", "MX"),
        ("nx.nsec3.test", "A"),
        ("www.nsec3.test", "TXT"),
    ] {
        t.agree(name, rtype, "secure");
    }
    // A name that does not exist, under an opt-out span: an unsigned delegation could be
    // there (RFC 5155 6). unbound says insecure (no AD), as netkit does; delv (BIND) calls it
    // secure.
    let why = t.differ("nx.test", "A", "insecure", "secure", false);
    assert!(why.contains("opt-out span"), "{why}");
    let why = t.agree("nx.iter.test", "A", "insecure");
    assert!(why.contains("200 iterations, more than the 150"), "{why}");
    t.agree("www.iter.test", "TXT", "insecure");
    t.agree("www.iter.test", "A", "secure");
}

/// Issue 24 items 5, 6 and 8: algorithms and digest types netkit does not verify are
/// insecure, not bogus (RSAMD5, which no validator accepts, and a DS of digest type 3, as delv
/// says; Ed448, which delv verifies with OpenSSL and netkit has no verifier for: insecure, with
/// the reason); a DNSKEY trust anchor (ldns-keygen's .key file) works as the DS does; no trust
/// anchor above the name is indeterminate.
#[test]
fn algorithms_digests_and_anchors() {
    let Some(t) = Tree::new("algorithms_digests_and_anchors") else {
        return;
    };
    let why = t.agree("www.md5.test", "A", "insecure");
    assert!(why.contains("algorithm 1 (RSAMD5)"), "{why}");
    let why = t.agree("www.gost.test", "A", "insecure");
    assert!(why.contains("DS digest type 3"), "{why}");
    let why = t.differ("www.ed448.test", "A", "insecure", "secure", true);
    assert!(
        why.contains("algorithm 16 (ED448) is not supported"),
        "{why}"
    );
    // The root's DNSKEY as the anchor, for netkit and delv alike.
    let (theirs, text) = t.delv("www.nsec.test", "A", "delv-key.conf");
    assert_eq!(theirs, "secure", "{text}");
    for server in [RESOLVER, ROOT] {
        let o = t.netkit("www.nsec.test", "A", server, "root.key", &[]);
        let v = json(&o);
        assert_eq!(v["validation"]["security"], "secure", "{v}");
    }
    // The zone's own DS as the anchor, asked of its authoritative server alone (as `delv
    // @SERVER +root=ZONE` does): everything the chain needs is there.
    let ds = std::fs::read_to_string(t.path("nsec.ds")).unwrap();
    let w: Vec<&str> = ds.split_whitespace().collect();
    std::fs::write(
        t.path("delv-nsec.conf"),
        format!(
            "trust-anchors {{ \"nsec.test.\" static-ds {} {} {} \"{}\"; }};\n",
            w[4],
            w[5],
            w[6],
            w[7..].concat()
        ),
    )
    .unwrap();
    let conf = t.path("delv-nsec.conf");
    let o = t.exec(
        "delv",
        &[
            "@127.0.0.4",
            "-a",
            conf.to_str().unwrap(),
            "+root=nsec.test",
            "www.nsec.test",
            "A",
        ],
    );
    assert!(
        stdout(&o).contains("; fully validated"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    let o = t.netkit("www.nsec.test", "A", "127.0.0.4", "nsec.ds", &[]);
    let v = json(&o);
    assert_eq!(v["validation"]["security"], "secure", "{v}");
    // An anchor for another tree only: nothing above the name is trusted.
    std::fs::write(
        t.path("other.ds"),
        "elsewhere. IN DS 1 13 2 0000000000000000000000000000000000000000000000000000000000000000\n",
    )
    .unwrap();
    let o = t.netkit("www.nsec.test", "A", RESOLVER, "other.ds", &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["validation"]["security"], "indeterminate", "{v}");
    assert!(
        v["validation"]["reason"]
            .as_str()
            .unwrap()
            .contains("no trust anchor for"),
        "{v}"
    );
}

/// Issue 24 item 7: through unbound, `--trace @unbound` takes the root's name servers from it
/// and walks down as `dig +trace @unbound` does (the same zones, the same answer), and
/// `--validate @unbound` says "through"; from the root server, validation follows referrals.
#[test]
fn trace_and_validate_through_a_resolver() {
    let Some(t) = Tree::new("trace_and_validate_through_a_resolver") else {
        return;
    };
    let at = format!("@{RESOLVER}");
    let dig = t.exec("dig", &["+trace", "+nodnssec", &at, "www.nsec.test", "A"]);
    let dig = stdout(&dig);
    let o = t.lab.netkit(
        &t.ns,
        &["--json", "dns", "www.nsec.test", "A", &at, "--trace"],
    );
    assert_eq!(code(&o), 0, "{}{}", stderr(&o), stdout(&o));
    let v = json(&o);
    assert_eq!(v["root_servers"]["server"], format!("{RESOLVER}:53"), "{v}");
    assert_eq!(
        v["root_servers"]["servers"][0]["name"], "a.root.test.",
        "{v}"
    );
    // dig's walk: each "Received ... from SERVER" line after the first names a zone's server.
    let dig_servers: Vec<String> = dig
        .lines()
        .filter(|l| l.starts_with(";; Received"))
        .skip(1)
        .filter_map(|l| l.split(" from ").nth(1))
        .map(|s| s.split('#').next().unwrap().to_string())
        .collect();
    let ours: Vec<String> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let last = s["asked"].as_array().unwrap().last().unwrap();
            last["server"]
                .as_str()
                .unwrap()
                .trim_end_matches(":53")
                .to_string()
        })
        .collect();
    assert_eq!(ours, dig_servers, "dig +trace:\n{dig}\nnetkit: {v}");
    assert!(dig.contains("192.0.2.1"), "{dig}");
    assert_eq!(v["answer"][0]["data"], "192.0.2.1", "{v}");
    // Validation through the resolver, and the walk with validation.
    let (_, _, v) = t.verdict("www.nsec.test", "A", RESOLVER);
    assert!(
        v["records_asked"]
            .as_str()
            .unwrap()
            .starts_with("through 127.0.0.53:53"),
        "{v}"
    );
    let (_, _, v) = t.verdict("www.nsec.test", "A", ROOT);
    assert!(
        v["records_asked"]
            .as_str()
            .unwrap()
            .contains("and the servers its referrals lead to"),
        "{v}"
    );
    let o = t.netkit("www.nsec.test", "A", RESOLVER, "root.ds", &["--trace"]);
    let v = json(&o);
    assert_eq!(v["validation"]["security"], "secure", "{v}");
    assert_eq!(v["steps"].as_array().unwrap().len(), 3, "{v}");
    // For people: the root servers, the walk, the verdict.
    let o = t.lab.netkit(
        &t.ns,
        &[
            "dns",
            "www.nsec.test",
            &at,
            "--validate",
            "--trust-anchor",
            t.path("root.ds").to_str().unwrap(),
        ],
    );
    let text = stdout(&o);
    assert!(
        text.starts_with(
            "DNSSEC validation of www.nsec.test. A, records asked through 127.0.0.53:53"
        ),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("DNSSEC: secure (every link of the chain verified)"),
        "{text}"
    );
}

/// Where glueless referrals lead one label deeper each time, the lookup stops at its query
/// budget and says so (the walk sent ~270,000 queries for one name), for --trace and
/// --validate alike; a server that never answers meets the deadline the same way.
#[test]
fn lookups_stop_at_their_query_budget_and_deadline() {
    let Some(t) = Tree::new("lookups_stop_at_their_query_budget_and_deadline") else {
        return;
    };
    // A root of its own on 127.0.0.40: each zone dN. is served by ns1..ns8 of d(N+1)., which
    // have no address.
    let d = t.path("deep");
    std::fs::create_dir_all(&d).unwrap();
    let mut text = String::from(
        "$TTL 300\n@ IN SOA a.deep. admin 1 3600 600 86400 60\n@ IN NS a.deep.\na.deep. IN A 127.0.0.40\n",
    );
    for n in 0..20 {
        for k in 1..=8 {
            text += &format!("d{n}. IN NS ns{k}.d{}.\n", n + 1);
        }
    }
    std::fs::write(d.join("z.zone.signed"), text).unwrap();
    let _daemon = nsd_in(&t.lab, &t.ns, &d, "127.0.0.40", ".");
    t.wait_for("127.0.0.40");
    for mode in ["--trace", "--validate"] {
        let o = t.lab.netkit(
            &t.ns,
            &[
                "--json",
                "dns",
                "www.d0",
                "@127.0.0.40",
                mode,
                "--max-queries",
                "6",
            ],
        );
        let v = json(&o);
        assert!(v["queries"].as_u64().unwrap() <= 6, "{mode}: {v}");
        let said = v.to_string();
        assert!(
            said.contains("the query budget is spent: 6 queries"),
            "{mode}: {said}"
        );
    }
    // Nothing answers on 127.0.0.41: the deadline, not the 5 s timeout, ends the lookup.
    let _silent = strip_proxy(&t.lab, &t.ns, "127.0.0.41", None);
    for mode in ["--trace", "--validate"] {
        let o = t.lab.netkit(
            &t.ns,
            &[
                "--json",
                "dns",
                "www.d0",
                "@127.0.0.41",
                mode,
                "--timeout",
                "5",
                "--max-time",
                "0.3s",
            ],
        );
        let said = json(&o).to_string();
        assert!(
            said.contains("the deadline passed: 300 ms"),
            "{mode}: {said}"
        );
        assert_eq!(code(&o), 3, "{mode}: {said}");
    }
}

/// `--trust-anchor` and `--root-hints` read within bounds: /dev/zero is refused at the size
/// cap, a FIFO nobody writes to after the wait, each with one line on stderr. (In a namespace
/// of its own: were a file read, the root servers it named would be out of reach.)
#[test]
fn anchor_and_hint_files_are_read_within_bounds() {
    let Some(mut lab) = Lab::new("anchor_and_hint_files_are_read_within_bounds") else {
        return;
    };
    let ns = lab.ns("files");
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    run_in(dir.path(), "mkfifo", &[fifo.to_str().unwrap()]);
    for flag in ["--trust-anchor", "--root-hints"] {
        for file in [Path::new("/dev/zero"), fifo.as_path()] {
            let o = lab.netkit(
                &ns,
                &[
                    "dns",
                    "www.example.test",
                    "--validate",
                    flag,
                    file.to_str().unwrap(),
                ],
            );
            let err = stderr(&o);
            assert_eq!(err.lines().count(), 1, "{flag} {file:?}: {err}");
            assert!(matches!(code(&o), 2 | 3), "{flag} {file:?}: {err}");
            assert!(o.stdout.is_empty(), "{flag} {file:?}");
        }
    }
}
