//! `netkit dns` side by side with dig on zones NSD serves (issue 24): a zone with every record
//! type dig knows (those NSD has no parser for written in RFC 3597's generic form, which NSD
//! serves as given and dig writes in presentation form), legal empty RDATA, names with escapes;
//! a root server that refers; a server with two zones and a CNAME between them; a rate-limiting
//! NSD (its default RRL) under a bulk lookup; and names files read as streams. Each NSD runs on
//! loopback, on a port of its own, and stops when its test ends.

use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common;
use crate::common::dig::{json_records, records as records_of};
use crate::common::*;
use crate::dns::{NsdServers, at, have_nsd, server};

/// The records of the rich zone, `rich.test.` (owner, class, type, data).
const RICH: &str = r#"a IN A 192.0.2.1
aaaa IN AAAA 2001:db8::1
md IN MD md.rich.test.
mf IN MF mf.rich.test.
cname IN CNAME a.rich.test.
mb IN MB mb.rich.test.
mg IN MG mg.rich.test.
mr IN MR mr.rich.test.
null IN NULL \# 3 010203
wks IN WKS 192.0.2.1 6 25 80 443
ptr IN PTR a.rich.test.
hinfo IN HINFO "PC-Intel-700mhz" "Linux 2.6"
minfo IN MINFO admin.rich.test. errors.rich.test.
mx IN MX 10 mail.rich.test.
txt IN TXT "v=spf1 -all" "second \"quoted\" string" "tab\009and\255byte"
rp IN RP admin.rich.test. txt.rich.test.
afsdb IN AFSDB 1 afs.rich.test.
x25 IN X25 "311061700956"
isdn IN ISDN "150862028003217" "004"
rt IN RT 10 relay.rich.test.
nsap IN NSAP 0x47000580005a0000000001e133ffffff00016100
px IN PX 10 map822.rich.test. mapx400.rich.test.
loc IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m
loc2 IN LOC 42 21 54 N 71 06 18 W -24m 30m
srv IN SRV 0 5 5060 sip.rich.test.
naptr IN NAPTR 100 10 "u" "E2U+sip" "!^.*$!sip:info@rich.test!" .
kx IN KX 10 kx.rich.test.
cert IN CERT PGP 0 0 aGVsbG8gd29ybGQ=
cert2 IN CERT PKIX 12345 RSASHA256 aGVsbG8gd29ybGQ=
dname IN DNAME other.example.
apl IN APL 1:192.0.2.0/24 !1:192.0.2.128/25 2:2001:db8::/32
aplempty IN APL
ds IN DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118
sshfp IN SSHFP 4 2 123456789abcdef67890123456789abcdef67890123456789abcdef123456789
ipseckey IN IPSECKEY 10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==
nsec IN NSEC host.rich.test. A MX RRSIG NSEC TYPE1234
dnskey IN DNSKEY 257 3 8 AwEAAag/+CcG1YTK6xt+gMBfYkSEv9+w/rNPHAsC+L7s
dhcid IN DHCID AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=
nsec3param IN NSEC3PARAM 1 0 12 aabbccdd
nsec3nosalt IN NSEC3PARAM 1 0 0 -
tlsa IN TLSA 3 1 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971
smimea IN SMIMEA 3 1 1 d2abde240d7cd3ee6b4b28c54df034b97983a1d16e8a410e4561cb106618e971
cds IN CDS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118
cdnskey IN CDNSKEY 257 3 8 AwEAAag/+CcG1YTK6xt+gMBfYkSEv9+w/rNPHAsC+L7s
openpgpkey IN OPENPGPKEY mQENBFJ2zhUBCADIuXvvL9dbwm4cJoZ0tmy7ZvRJ2u5WvWU=
csync IN CSYNC 66 3 A NS AAAA
zonemd IN ZONEMD 2026120501 1 1 a3b69bad980a3504e1cffcb0fd6397f93848071c93151f552ae2f6b1711d4bd2d8b39808226d7b9db71e34b72077f8fe
svcb IN SVCB 1 svc.rich.test. alpn="h2,h3" port=8443 ipv4hint=192.0.2.1 key65000="x"
https IN HTTPS 1 . alpn=h2 no-default-alpn ech=AEX+DQBBpQAgACA= ipv6hint=2001:db8::1
spf IN SPF "v=spf1 -all"
nid IN NID 10 0014:4fff:ff20:ee64
l32 IN L32 10 10.1.2.0
l64 IN L64 10 2001:0DB8:1140:1000
lp IN LP 10 l64-subnet.rich.test.
eui48 IN EUI48 00-00-5e-00-53-2a
eui64 IN EUI64 00-00-5e-ef-10-00-00-2a
uri IN URI 10 1 "ftp://ftp1.example.com/public"
caa IN CAA 0 issue "ca.example.net; account=230123"
caa2 IN CAA 128 tbs "Unknown"
avc IN AVC "app-name:WOLFGANG|app-class:OAM"
dlv IN DLV 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118
unk IN TYPE65000 \# 4 0a000001
unkempty IN TYPE65001 \# 0
dot\.name IN A 192.0.2.2
sp\032ace IN A 192.0.2.3
esc IN TXT "semi;colon" "back\\slash"
rrsig IN RRSIG A 8 3 300 20261231000000 20261201000000 12345 rich.test. aGVsbG8gd29ybGQ=
key IN KEY 256 3 8 AwEAAag/+CcG1YTK6xt+gMBfYkSEv9+w/rNPHAsC+L7s
sig IN SIG A 8 3 300 20261231000000 20261201000000 12345 rich.test. aGVsbG8gd29ybGQ=
nxt IN NXT a.rich.test. A NXT

nsap-ptr IN TYPE23 \# 16 046e7361700472696368047465737400
gpos IN TYPE27 \# 23 082d33322e36383832083131362e383635320431302e30
eid IN TYPE31 \# 3 3d8a0c
nimloc IN TYPE32 \# 3 3d8a0c
atma IN TYPE34 \# 12 013631323030303030303030
atma2 IN TYPE34 \# 21 0047000580005a0000000001e133ffffff00016100
a6 IN TYPE38 \# 17 0020010db8000000000000000000000001
a6b IN TYPE38 \# 27 400000000000000001067072656669780472696368047465737400
hip IN TYPE55 \# 169 10020084200100107b1a74df365639cc39f1d57803010001b771ca136e4aeb5ce44333c53b3d2c13c22243851fc708bcce29f7e2eb5787b5f56ccad34f8223acc10904ddb56b2ec4a6d6232f3b50ea094f0914b3b941bbe529af582c36bbadefdaf2adaf9b4911906f5b2522603c615272b880ec8fb930cc6ee39c444daa75b1678f005a4b2499d1da5433f805c7a5ad3237acc5dd5c5e4303727673076578616d706c6503636f6d00
ninfo IN TYPE56 \# 10 09736f6d6520696e666f
rkey IN TYPE57 \# 37 0000030503010001a83ff82706d584caeb1b7e80c05f624484bfdfb0feb34f1c0b02f8beec
talink IN TYPE58 \# 32 04707265760472696368047465737400046e6578740472696368047465737400
doa IN TYPE259 \# 30 0000000000000001020068747470733a2f2f7777772e6973632e6f72672f
amtrelay IN TYPE260 \# 6 0a01cb00710f
amtrelay2 IN TYPE260 \# 19 0a830572656c61790472696368047465737400
resinfo IN TYPE261 \# 25 08716e616d656d696e0f6578746572723d31352c31362c3137
wallet IN TYPE262 \# 12 03425443076263317178797a
ta IN TYPE32768 \# 24 ec4505012bb183af5f22588179a53b0a98631fad1a292118
sink IN TYPE40 \# 4 01000102
uinfo IN TYPE100 \# 5 04696e666f
uid IN TYPE101 \# 4 000003e8
gid IN TYPE102 \# 4 000003e8
unspec IN TYPE103 \# 2 0102
dsync IN TYPE66 \# 19 003b0114ef0272720472696368047465737400
nxt2 IN TYPE30 \# 15 016104726963680474657374004001
tkey IN TYPE249 \# 29 0b686d61632d7368613235360000000000000000000003000000000000
ds2 IN DS 60485 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
longkey IN DNSKEY 257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU="#;

/// `netkit dns --file - A SERVER` running, fed through a pipe, its output to `stdout`.
fn reading_stdin(server: &str, stdout: Stdio) -> std::process::Child {
    Command::new(assert_cmd::cargo::cargo_bin("netkit"))
        .env_remove("NO_COLOR")
        .args(["dns", "--file", "-", "A", server])
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Serves `zones` (origin, text without its SOA and NS) from one NSD on `ip`; None (a visible
/// skip, a failure under CI) without NSD.
fn nsd_serving(test: &str, ip: &str, zones: &[(&str, &str)]) -> Option<NsdServers> {
    if !have_nsd(test) {
        return None;
    }
    let mut servers = NsdServers::new(ip);
    let dir = servers.dir.path().join("zones");
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (i, (origin, text)) in zones.iter().enumerate() {
        let file = format!("{i}.zone");
        let zone = format!(
            "$ORIGIN {origin}\n$TTL 300\n@ IN SOA ns.{origin} admin.{origin} 1 3600 600 86400 60\n\
             @ IN NS ns.{origin}\nns IN A 127.0.0.1\n{text}\n"
        );
        std::fs::write(dir.join(&file), zone).unwrap();
        files.push((origin.to_string(), file));
    }
    servers.serve(&dir, ip, &files);
    Some(servers.wait(&[ip]))
}

/// dig's output for `dig @IP -p PORT ARGS... +nottlid` (None: no dig, a visible skip).
fn dig(ip: &str, port: u16, args: &[&str]) -> Option<String> {
    let mut args = args.to_vec();
    args.push("+nottlid");
    common::dig::dig(SocketAddr::new(ip.parse().unwrap(), port), &args)
}

/// Issue 24 item 11: every record type in the zone reads as dig reads it: the question by its
/// mnemonic (`TYPEnnn` for generic lines is asked by the mnemonic dig gives the number), the
/// records of `--full` record for record, and `--short` line for line; names with RFC 1035
/// escapes are asked and shown as dig does; legal empty RDATA is an answer.
#[test]
fn every_record_type_reads_as_dig_reads_it() {
    let Some(nsd) = nsd_serving(
        "every_record_type_reads_as_dig_reads_it",
        "127.0.0.31",
        &[("rich.test.", RICH)],
    ) else {
        return;
    };
    let server = format!("@127.0.0.31:{}", nsd.port);
    let mut seen = 0;
    for line in RICH.lines().filter(|l| !l.trim().is_empty()) {
        let mut words = line.split_whitespace();
        let (owner, _, rtype) = (words.next().unwrap(), words.next(), words.next().unwrap());
        let name = format!("{owner}.rich.test");
        // The type as dig names it (TYPE27 is GPOS; TYPE65000 has no name).
        let rtype = match rtype
            .strip_prefix("TYPE")
            .and_then(|n| n.parse::<u16>().ok())
        {
            Some(n) => {
                let Some(d) = dig(
                    "127.0.0.31",
                    nsd.port,
                    &["+noall", "+question", "x.test", &format!("TYPE{n}")],
                ) else {
                    return;
                };
                d.split_whitespace().last().unwrap().to_string()
            }
            None => rtype.to_string(),
        };
        let Some(d) = dig(
            "127.0.0.31",
            nsd.port,
            &["+noall", "+answer", &name, &rtype],
        ) else {
            return;
        };
        let theirs = records_of(&d);
        assert!(!theirs.is_empty(), "dig got nothing for {name} {rtype}");
        let v = json(&run(&["--json", "dns", &name, &rtype, &server, "--full"]));
        assert_eq!(json_records(&v[0], &["answer"]), theirs, "{name} {rtype}");
        let short = dig("127.0.0.31", nsd.port, &["+short", &name, &rtype]).unwrap();
        let o = run(&["dns", &name, &rtype, &server, "--short"]);
        assert_eq!(code(&o), 0, "{name} {rtype}: {}", stderr(&o));
        assert_eq!(stdout(&o), short, "{name} {rtype}");
        // The lookup's own records (no --full) are the same records.
        let v = json(&run(&["--json", "dns", &name, &rtype, &server]));
        let answers = &v["queries"][0]["answers"];
        assert_eq!(
            json_records(&serde_json::json!({ "a": answers }), &["a"]),
            theirs,
            "{name} {rtype}"
        );
        let table = stdout(&run(&["dns", &name, &rtype, &server]));
        assert!(!table.contains("Unknown("), "{table}");
        seen += 1;
    }
    assert_eq!(seen, RICH.lines().filter(|l| !l.trim().is_empty()).count());
}

/// Issue 24 item 2: a root server's referral says so (the issue's sentence), exit 3; and
/// `--compare` puts it apart from an authoritative server's NODATA.
#[test]
fn a_root_servers_referral_and_compare() {
    if !have_nsd("a_root_servers_referral_and_compare") {
        return;
    }
    let mut servers = NsdServers::new("127.0.0.32");
    let port = servers.port;
    for (ip, tag, origin, text) in [
        (
            "127.0.0.32",
            "root",
            ".",
            "$TTL 3600\n@ IN SOA a.root.test. admin.root.test. 1 3600 600 86400 60\n@ IN NS a.root.test.\na.root.test. IN A 127.0.0.32\ntest. IN NS ns.test.\nns.test. IN A 127.0.0.33\n",
        ),
        (
            "127.0.0.33",
            "test",
            "test.",
            "$TTL 300\n@ IN SOA ns.test. admin.test. 1 3600 600 86400 60\n@ IN NS ns.test.\nns IN A 127.0.0.33\nwww.lab IN A 192.0.2.80\n",
        ),
    ] {
        let d = servers.dir.path().join(tag);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("z.zone"), text).unwrap();
        servers.serve(&d, ip, &[(origin.to_string(), "z.zone".to_string())]);
    }
    let _servers = servers.wait(&["127.0.0.32", "127.0.0.33"]);
    let root = format!("@127.0.0.32:{port}");
    let test = format!("@127.0.0.33:{port}");
    let o = run(&["dns", "www.lab.test", "A", &root]);
    let out = stdout(&o);
    assert_eq!(code(&o), 3, "{out}");
    assert!(
        out.contains(
            "referral to test. (ns.test.): this server does not recurse; try --trace or a resolver"
        ),
        "{out}"
    );
    assert!(!out.contains("NODATA"), "{out}");
    let v = json(&run(&["--json", "dns", "www.lab.test", "A", &root]));
    assert_eq!(v["status"], "referral", "{v}");
    // The root refers, the zone's server has no AAAA: two answers, never one "(none)" group.
    let compare = ["dns", "www.lab.test", "AAAA", &root, &test, "--compare"];
    let o = run(&[&["--json"][..], &compare].concat());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v[0]["agree"], false, "{v}");
    assert_eq!(v[0]["servers"][0]["status"], "referral", "{v}");
    assert_eq!(v[0]["servers"][1]["status"], "nodata", "{v}");
    let text = stdout(&run(&compare));
    assert!(text.contains("(referral to test. (ns.test.))"), "{text}");
    // dig sees the same message: NOERROR, no aa, the NS in authority.
    if let Some(d) = dig(
        "127.0.0.32",
        port,
        &["+noall", "+comments", "+authority", "www.lab.test", "A"],
    ) {
        assert!(d.contains("status: NOERROR") && !d.contains(" aa"), "{d}");
        assert!(
            records_of(&d).iter().any(|r| r.ends_with("NS ns.test.")),
            "{d}"
        );
    }
}

/// Issue 24 item 3: a CNAME out of the server's zones shows the chain, with the refused
/// follow-up as a note, exit 0; one into another zone of the server is answered whole (NSD
/// follows it itself), as dig shows it.
#[test]
fn cnames_between_and_out_of_the_servers_zones() {
    let Some(nsd) = nsd_serving(
        "cnames_between_and_out_of_the_servers_zones",
        "127.0.0.34",
        &[
            (
                "lab.test.",
                "cross IN CNAME www.other.test.\nout IN CNAME www.example.com.\n",
            ),
            ("other.test.", "www IN A 192.0.2.81\n"),
        ],
    ) else {
        return;
    };
    let server = format!("@127.0.0.34:{}", nsd.port);
    let v = json(&run(&["--json", "dns", "cross.lab.test", "A", &server]));
    assert_eq!(v["status"], "answer", "{v}");
    let q = &v["queries"][0];
    let data: Vec<&str> = q["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["data"].as_str().unwrap())
        .collect();
    assert_eq!(data, ["www.other.test.", "192.0.2.81"], "{v}");
    assert_eq!(q["note"], serde_json::Value::Null);
    if let Some(d) = dig(
        "127.0.0.34",
        nsd.port,
        &["+noall", "+answer", "out.lab.test", "A"],
    ) {
        assert_eq!(
            records_of(&d),
            ["out.lab.test. IN CNAME www.example.com."],
            "{d}"
        );
    }
    let o = run(&["dns", "out.lab.test", "A", &server]);
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "{out}");
    assert!(out.contains("www.example.com."), "{out}");
    assert!(out.contains("it said REFUSED"), "{out}");
    assert!(!out.contains("A      REFUSED"), "{out}");
}

/// Issue 24 item 12: `--tcp` is honoured by `--full` and by every flag that implies it.
#[test]
fn tcp_is_honoured_by_full_and_the_flags_implying_it() {
    let s = at(server());
    for flags in [
        &["--full"][..],
        &["--dnssec"],
        &["--norecurse"],
        &["--nsid"],
        &["--bufsize", "4096"],
        &["--no-edns"],
    ] {
        let mut args = vec![
            "--json",
            "dns",
            "www.example.test",
            "A",
            s.as_str(),
            "--tcp",
        ];
        args.extend_from_slice(flags);
        let v = json(&run(&args));
        assert_eq!(v[0]["transport"], "tcp", "{flags:?}: {v}");
        assert_eq!(v[0]["retried_over_tcp"], false, "{flags:?}: {v}");
    }
    let v = json(&run(&[
        "--json",
        "dns",
        "www.example.test",
        "A",
        &s,
        "--full",
    ]));
    assert_eq!(v[0]["transport"], "udp", "{v}");
}

/// Issue 24 item 16: a line of a names file starting with `-` is a name like any other.
#[test]
fn names_starting_with_a_dash_are_names() {
    let s = at(server());
    for transport in [&[][..], &["--tcp"]] {
        let mut args = vec!["dns", "--file", "-", "A", s.as_str()];
        args.extend_from_slice(transport);
        let o = run_stdin(&args, "-e.example.test\n--x.example.test\n");
        assert_eq!(code(&o), 1, "{transport:?}: {}{}", stdout(&o), stderr(&o));
        assert_eq!(
            stdout(&o),
            "-e.example.test\tNXDOMAIN\t\n--x.example.test\tNXDOMAIN\t\n",
            "{transport:?}"
        );
    }
}

/// Bounded and fast: `--file -` streams. The first results come while standard input is still
/// open, and memory does not grow with the number of names (400,000 lines of 100 bytes, every one
/// answered, hold the process under 40 MB; read whole, they took about 70 MB more).
#[test]
fn names_from_standard_input_stream() {
    let s = at(server());
    let mut child = reading_stdin(&s, Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"www.example.test\n").unwrap();
    stdin.flush().unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(out).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let first = rx
        .recv_timeout(Duration::from_secs(10))
        .expect("the first result before the input ends");
    assert!(first.starts_with("www.example.test\tANSWER\t"), "{first}");
    stdin.write_all(b"v4only.example.test\n").unwrap();
    drop(stdin);
    let second = rx.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(
        second.starts_with("v4only.example.test\tANSWER\tA 192.0.2.4"),
        "{second}"
    );
    assert!(child.wait().unwrap().success());

    // 400,000 names, none of which DNS can carry (no query leaves): read, reported and
    // forgotten as they come.
    let mut child = reading_stdin(&s, Stdio::null());
    let mut stdin = child.stdin.take().unwrap();
    let chunk = format!("not a name: {}\n", "x".repeat(87)).repeat(10_000);
    for _ in 0..40 {
        stdin.write_all(chunk.as_bytes()).unwrap();
    }
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    drop(stdin);
    let peak: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap();
    assert!(
        peak < 40 * 1024,
        "peak resident memory {peak} kB after 400,000 names"
    );
    assert_eq!(child.wait().unwrap().code(), Some(2));
}

/// Bounded and fast: a bulk lookup against NSD with its default response rate limiting (which
/// limits the NODATA answers of a zone to 200 a second, and slips every second one it drops as
/// an empty truncated reply) ends with every name answered and no false TIMEOUT: slipped and
/// dropped queries go over TCP.
#[test]
fn bulk_against_a_rate_limiting_server_answers_every_name() {
    let names: String = (0..2000)
        .map(|i| format!("h{i} IN A 10.0.{}.{}\n", i / 256, i % 256))
        .collect();
    let Some(nsd) = nsd_serving(
        "bulk_against_a_rate_limiting_server_answers_every_name",
        "127.0.0.35",
        &[("rrl.test.", &names)],
    ) else {
        return;
    };
    let server = format!("@127.0.0.35:{}", nsd.port);
    let list: String = (0..2000).map(|i| format!("h{i}.rrl.test\n")).collect();
    let o = run_stdin(&["--json", "dns", "--file", "-", &server], &list);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut over_tcp = 0;
    let mut lines = 0;
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["status"], "answer", "{v}");
        for q in v["queries"].as_array().unwrap() {
            assert!(
                matches!(q["status"].as_str(), Some("answer" | "nodata")),
                "{q}"
            );
            if q["response"]["retried_over_tcp"] == true {
                over_tcp += 1;
            }
        }
        lines += 1;
    }
    assert_eq!(lines, 2000);
    // NSD did limit: some of the AAAA answers came over TCP after a slip.
    assert!(over_tcp > 0, "no slipped reply was asked again over TCP");
}
