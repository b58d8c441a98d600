//! The `--json` output of every command, pinned byte for byte (tests/pins/*.json) so a change of
//! netkit's insides cannot change what scripts read. Values that differ from run to run (times,
//! counters, transaction ids, ephemeral ports, neighbour-cache states, the machine's host name)
//! are replaced by `"<volatile>"` before comparing; everything else, key order and layout
//! included, must match. Every command runs in English and in Chinese (`--lang zh-CN`): JSON
//! never changes with the language (issue 28), so both runs must match the one pin. `NETKIT_PIN_UPDATE=1 cargo test pins` rewrites the files after an
//! intended change (review the diff).

use std::path::PathBuf;
use std::process::Output;

use crate::common::netns::{Daemon, Lan};
use crate::common::*;

/// Keys whose scalar values change from run to run.
const VOLATILE_KEYS: &[&str] = &[
    "rtt_ms",
    "took_ms",
    "local",
    "xid",
    // DNS message ids (`dns --json`, every response).
    "id",
    "rx_bytes",
    "rx_packets",
    "rx_errors",
    "rx_dropped",
    "tx_bytes",
    "tx_packets",
    "tx_errors",
    "tx_dropped",
    "hostname",
    "state",
    "neighbour_state",
    "min_ms",
    "avg_ms",
    "max_ms",
    "mdev_ms",
];

/// The end of the JSON scalar (string, number, literal) starting at `at`.
fn scalar_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(at) == Some(&b'"') {
        let mut i = at + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => return i + 1,
                _ => i += 1,
            }
        }
        return bytes.len();
    }
    let mut i = at;
    while i < bytes.len() && !matches!(bytes[i], b',' | b'}' | b']' | b'\n' | b' ') {
        i += 1;
    }
    i
}

/// Replaces the scalar value of every volatile key (objects and arrays are kept: their shape is
/// pinned) and the figures of times written inside strings (`0.412 ms`, `11 µs`, `after 2 s`).
fn redact(text: &str) -> String {
    let mut out = text.to_string();
    for key in VOLATILE_KEYS {
        let needle = format!("\"{key}\":");
        let mut from = 0;
        while let Some(found) = out[from..].find(&needle) {
            let mut at = from + found + needle.len();
            while out.as_bytes().get(at) == Some(&b' ') {
                at += 1;
            }
            let starts_scalar = !matches!(out.as_bytes().get(at), Some(b'{' | b'[') | None);
            if starts_scalar && !out[at..].starts_with("null") {
                let end = scalar_end(&out, at);
                out.replace_range(at..end, "\"<volatile>\"");
            }
            from = at;
        }
    }
    // Times and ephemeral ports inside sentences: "took 0.412 ms", "from 198.51.100.2:40312;".
    let mut result = String::with_capacity(out.len());
    let chars: Vec<char> = out.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts_number = c.is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if starts_number {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            let rest: String = chars[j..chars.len().min(j + 4)].iter().collect();
            let unit_end = |unit: &str| {
                rest.strip_prefix(unit)
                    .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
            };
            let is_time = unit_end(" ms") || unit_end(" µs") || unit_end(" s");
            let is_port = i > 0 && chars[i - 1] == ':' && rest.starts_with(';');
            if is_time || is_port {
                result.push('N');
                i = j;
                continue;
            }
            result.extend(&chars[i..j]);
            i = j;
            continue;
        }
        result.push(c);
        i += 1;
    }
    // A neighbour-cache state quoted in a sentence ("from the neighbour cache (REACHABLE)").
    for state in ["REACHABLE", "STALE", "DELAY", "PROBE"] {
        result = result.replace(state, "<state>");
    }
    result
}

/// Runs `args` (after `--json`) in each language through `run`, and compares each run with the
/// pin `name` (see [`pin`]): the English run may rewrite it, the Chinese one must match it.
fn pin_in_both_languages(name: &str, args: &[&str], run: impl Fn(&[&str]) -> Output) {
    for lang in ["en", "zh-CN"] {
        let mut argv = vec!["--json", "--lang", lang];
        argv.extend_from_slice(args);
        let o = run(&argv);
        if lang == "en" {
            pin(name, &o);
        } else {
            compare(name, &o);
        }
    }
}

/// Compares `o` (its exit code and redacted stdout) with the pin `name`, or rewrites the pin
/// under NETKIT_PIN_UPDATE=1.
fn pin(name: &str, o: &Output) {
    if std::env::var("NETKIT_PIN_UPDATE").is_ok_and(|v| v == "1") {
        let got = format!("exit {}\n{}", code(o), redact(&stdout(o)));
        std::fs::create_dir_all(pin_path(name).parent().unwrap()).unwrap();
        std::fs::write(pin_path(name), &got).unwrap();
        return;
    }
    compare(name, o);
}

fn pin_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/pins")
        .join(format!("{name}.json"))
}

/// Compares `o` (its exit code and redacted stdout) with the pin `name`.
fn compare(name: &str, o: &Output) {
    let got = format!("exit {}\n{}", code(o), redact(&stdout(o)));
    let path = pin_path(name);
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "pin {} is missing ({e}); stdout was:\n{got}",
            path.display()
        )
    });
    if want != got {
        let first = want
            .lines()
            .zip(got.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(want.lines().count().min(got.lines().count()));
        panic!(
            "the JSON of {name} changed at line {}:\n  pinned: {:?}\n  now:    {:?}\nwhole output:\n{got}\nstderr: {}",
            first + 1,
            want.lines().nth(first),
            got.lines().nth(first),
            stderr(o)
        );
    }
}

#[test]
fn pure_commands() {
    let cases: &[(&str, &[&str])] = &[
        (
            "subnet_check",
            &[
                "subnet",
                "check",
                "192.168.1.10",
                "192.168.2.10",
                "--mask",
                "24",
                "--explain",
            ],
        ),
        (
            "subnet_check_v6",
            &["subnet", "check", "2001:db8::1/64", "2001:db8::ffff"],
        ),
        (
            "subnet_info_v4",
            &["subnet", "info", "192.168.1.10", "255.255.255.0"],
        ),
        ("subnet_info_v6", &["subnet", "info", "2001:db8::1/64"]),
        ("subnet_info_cgnat", &["subnet", "info", "100.64.1.1/10"]),
        (
            "subnet_split",
            &["subnet", "split", "10.0.0.0/16", "--count", "6"],
        ),
        (
            "subnet_summarize",
            &[
                "subnet",
                "summarize",
                "192.168.0.0/24",
                "192.168.1.0/24",
                "10.0.0.1-10.0.0.6",
            ],
        ),
        ("mac", &["mac", "3c-22-fb-12-34-56"]),
        ("mac_multicast", &["mac", "01:00:5e:00:00:fb"]),
        ("error_bad_address", &["subnet", "info", "300.1.1.1/24"]),
        ("error_bad_mac", &["mac", "aa:bb:cc:dd:ee:gg"]),
    ];
    for (name, args) in cases {
        pin_in_both_languages(name, args, run);
    }
}

/// A TCP listener on port 8080 inside `ns` (python3).
fn listen(lan: &Lan, ns: &str) -> Daemon {
    let code = "import socket,time\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n\
                s.bind(('0.0.0.0',8080))\ns.listen(16)\ntime.sleep(60)";
    lan.lab.daemon(ns, "python3", &["-c", code], "tcp", 8080)
}

#[test]
fn lan_commands() {
    let Some(mut lan) = Lan::new("pins_lan") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let _dns = lan.dns_server(
        &dir,
        "203.0.113.10 remote.test\n198.51.100.1 router.test\n",
        "nameserver 198.51.100.1\nsearch test\n",
    );
    let _listener = listen(&lan, &lan.remote);
    // The link-local address comes from the veth's first (random) MAC, and is tentative for a
    // while: without it the interface list is the same on every run.
    lan.lab.ipn(&lan.host, "-6 addr flush dev eth0 scope link");
    let names = dir.path().join("names");
    std::fs::write(&names, "remote.test\nnosuch.test\nrouter.test\n").unwrap();
    let names = names.to_str().unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("ifaces", &["ifaces"]),
        ("ifaces_eth0", &["ifaces", "eth0", "--all"]),
        ("error_no_such_interface", &["ifaces", "nosuch0"]),
        ("route_get_remote", &["route", "get", "203.0.113.10"]),
        ("route_get_direct", &["route", "get", "198.51.100.7"]),
        ("route_get_own", &["route", "get", "198.51.100.2"]),
        ("route_get_name", &["route", "get", "remote.test"]),
        ("route_get_unknown_name", &["route", "get", "nosuch.test"]),
        (
            "arp_request",
            &["arp", "198.51.100.1", "-c", "2", "-i", "0.1"],
        ),
        (
            "arp_silent",
            &["arp", "198.51.100.99", "-c", "1", "--timeout", "0.2"],
        ),
        ("arp_dad", &["arp", "--dad", "198.51.100.1", "-c", "1"]),
        (
            "arp_scan",
            &["arp", "scan", "198.51.100.0/29", "--timeout", "200ms"],
        ),
        ("arp_cache", &["arp", "cache"]),
        ("gateway", &["gateway"]),
        ("gateway_resolve", &["gateway", "--resolve", "-4"]),
        ("dns", &["dns", "remote.test", "@198.51.100.1"]),
        ("dns_system", &["dns", "remote"]),
        (
            "dns_nxdomain",
            &["dns", "nosuch.test", "A", "MX", "@198.51.100.1"],
        ),
        (
            "dns_reverse",
            &["dns", "-x", "203.0.113.10", "@198.51.100.1"],
        ),
        ("dns_bulk", &["dns", "--file", names, "@198.51.100.1"]),
        ("flow_remote", &["flow", "remote.test:8080"]),
        ("flow_refused", &["flow", "203.0.113.10:8081"]),
        ("flow_no_port", &["flow", "198.51.100.1"]),
        ("tour", &["tour"]),
        ("tour_name", &["tour", "--name", "remote.test"]),
        ("ping", &["ping", "203.0.113.10", "-c", "2", "-i", "0.05"]),
        (
            "ping_ttl_exceeded",
            &["ping", "203.0.113.10", "-t", "1", "-c", "1", "-W", "1"],
        ),
    ];
    for (name, args) in cases {
        pin_in_both_languages(name, args, |argv| lan.lab.netkit(&lan.host, argv));
    }
}

#[test]
fn dhcp_discover() {
    let Some(mut lan) = Lan::new("pins_dhcp") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:99");
    let leases = tempfile::tempdir().unwrap();
    let _server = crate::dhcp::start_dnsmasq(&lan, &leases);
    let args = ["dhcp", "discover", "-I", "eth0", "--timeout", "2"];
    pin_in_both_languages("dhcp_discover", &args, |argv| lan.lab.netkit(&client, argv));
}
