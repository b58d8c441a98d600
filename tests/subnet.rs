//! `netkit subnet check|info|split|summarize` as a user runs them.

use crate::common::*;

#[test]
fn check_same_and_different_subnet_exit_codes() {
    let o = run(&[
        "subnet",
        "check",
        "192.168.1.10",
        "192.168.1.200",
        "--mask",
        "255.255.255.0",
    ]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("Same subnet"), "{}", stdout(&o));
    let o = run(&[
        "subnet",
        "check",
        "192.168.1.10",
        "192.168.2.10",
        "--mask",
        "24",
    ]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("Different subnets"));
    // Mask as /N, or carried by the first address.
    assert_eq!(
        code(&run(&[
            "subnet",
            "check",
            "192.168.1.10",
            "192.168.2.10",
            "-m",
            "/16"
        ])),
        0
    );
    assert_eq!(
        code(&run(&["subnet", "check", "10.1.2.3/8", "10.200.0.1"])),
        0
    );
    assert_eq!(
        code(&run(&[
            "subnet",
            "check",
            "2001:db8::1/64",
            "2001:db8:0:1::1"
        ])),
        1
    );
}

#[test]
fn check_json_and_explain() {
    let o = run(&[
        "--json",
        "subnet",
        "check",
        "172.16.5.4",
        "172.16.9.9",
        "--mask",
        "255.255.240.0",
        "--explain",
    ]);
    assert_eq!(code(&o), 0);
    let v = json(&o);
    assert_eq!(v["same_subnet"], true);
    assert_eq!(v["network_a"], "172.16.0.0/20");
    assert_eq!(v["network_b"], "172.16.0.0/20");
    assert_eq!(v["prefix"], 20);
    assert_eq!(v["netmask"], "255.255.240.0");
    assert_eq!(v["explain"]["mask"], "11111111.11111111.11110000.00000000");
    let o = run(&[
        "subnet",
        "check",
        "172.16.5.4",
        "172.16.9.9",
        "--mask",
        "20",
        "--explain",
    ]);
    let text = stdout(&o);
    assert!(
        text.contains("10101100.00010000.00000101.00000100"),
        "{text}"
    );
    assert!(text.contains("AND mask"), "{text}");
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    assert_bad_input(
        &[
            "subnet",
            "check",
            "10.0.0.1",
            "10.0.0.2",
            "--mask",
            "255.0.255.0",
        ],
        "not contiguous",
    );
    assert_bad_input(
        &["subnet", "check", "10.0.0.1", "10.0.0.2", "--mask", "33"],
        "0-32",
    );
    assert_bad_input(
        &["subnet", "check", "10.0.0.1", "::1", "--mask", "8"],
        "IPv6",
    );
    assert_bad_input(&["subnet", "check", "10.0.0.1", "10.0.0.2"], "no mask");
    assert_bad_input(
        &["subnet", "check", "10.0.0.300", "10.0.0.2", "-m", "8"],
        "300",
    );
    assert_bad_input(&["subnet", "info", "2001:db8::/129"], "0-128");
    assert_bad_input(&["subnet", "info", "banana"], "banana");
    assert_bad_input(&["subnet", "info", "10.0.0.1", "0.0.0.255"], "wildcard");
    assert_bad_input(
        &["subnet", "split", "10.0.0.0/24", "--prefix", "20"],
        "between /24 and /32",
    );
    assert_bad_input(
        &["subnet", "split", "10.0.0.0/8", "--prefix", "32"],
        "--max",
    );
    assert_bad_input(
        &["subnet", "summarize", "10.0.0.9-10.0.0.1"],
        "start is after its end",
    );
}

#[test]
fn info_ipv4_every_field() {
    let v = json(&run(&[
        "--json",
        "subnet",
        "info",
        "192.168.1.10",
        "255.255.255.0",
    ]));
    assert_eq!(v["network"], "192.168.1.0/24");
    assert_eq!(v["netmask"], "255.255.255.0");
    assert_eq!(v["wildcard"], "0.0.0.255");
    assert_eq!(v["prefix"], 24);
    assert_eq!(v["broadcast"], "192.168.1.255");
    assert_eq!(v["first_host"], "192.168.1.1");
    assert_eq!(v["last_host"], "192.168.1.254");
    assert_eq!(v["hosts"], 254);
    assert_eq!(v["addresses"], 256);
    assert_eq!(v["class"], "C");
    assert_eq!(v["kind"], "private");
}

#[test]
fn info_edge_prefixes_and_kinds() {
    let v = json(&run(&["--json", "subnet", "info", "10.0.0.0/31"]));
    assert_eq!(v["hosts"], 2);
    assert_eq!(v["broadcast"], serde_json::Value::Null);
    assert_eq!(v["first_host"], "10.0.0.0");
    let v = json(&run(&["--json", "subnet", "info", "203.0.113.9/32"]));
    assert_eq!(
        (v["hosts"].as_u64(), v["kind"].as_str()),
        (Some(1), Some("documentation"))
    );
    for (addr, kind) in [
        ("100.64.0.1/10", "cgnat"),
        ("127.0.0.1/8", "loopback"),
        ("169.254.1.1/16", "link-local"),
        ("224.0.0.251/32", "multicast"),
        ("8.8.8.8/32", "public"),
        ("fe80::1/64", "link-local"),
        ("fd00::1/8", "unique-local"),
    ] {
        assert_eq!(
            json(&run(&["--json", "subnet", "info", addr]))["kind"],
            kind,
            "{addr}"
        );
    }
    let text = stdout(&run(&["subnet", "info", "10.0.0.0/31"]));
    assert!(text.contains("RFC 3021"), "{text}");
}

#[test]
fn info_ipv6() {
    let v = json(&run(&[
        "--json",
        "subnet",
        "info",
        "2001:db8:abcd:12::7/64",
    ]));
    assert_eq!(v["family"], "ipv6");
    assert_eq!(v["network"], "2001:db8:abcd:12::/64");
    assert_eq!(v["netmask"], "ffff:ffff:ffff:ffff::");
    assert_eq!(v["last_host"], "2001:db8:abcd:12:ffff:ffff:ffff:ffff");
    assert_eq!(v["addresses"], "18446744073709551616");
    assert_eq!(v["broadcast"], serde_json::Value::Null);
    assert_eq!(v["kind"], "documentation");
}

#[test]
fn split_by_prefix_and_count() {
    let v = json(&run(&[
        "--json",
        "subnet",
        "split",
        "192.168.0.0/24",
        "--prefix",
        "/26",
    ]));
    assert_eq!(v["count"], 4);
    let nets: Vec<_> = v["subnets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["network"].as_str().unwrap())
        .collect();
    assert_eq!(
        nets,
        [
            "192.168.0.0/26",
            "192.168.0.64/26",
            "192.168.0.128/26",
            "192.168.0.192/26"
        ]
    );
    let v = json(&run(&[
        "--json",
        "subnet",
        "split",
        "10.0.0.0/16",
        "--count",
        "5",
    ]));
    assert_eq!(
        (v["count"].as_u64(), v["prefix"].as_u64()),
        (Some(8), Some(19))
    );
    assert_eq!(v["subnets"][7]["network"], "10.0.224.0/19");
    let text = stdout(&run(&["subnet", "split", "2001:db8::/62", "-p", "64"]));
    assert!(text.contains("2001:db8:0:3::/64"), "{text}");
}

#[test]
fn summarize_from_args_and_stdin() {
    let o = run(&[
        "subnet",
        "summarize",
        "192.168.0.0/24",
        "192.168.1.0/24",
        "10.0.0.1",
    ]);
    assert_eq!(stdout(&o), "10.0.0.1/32\n192.168.0.0/23\n");
    let o = run_stdin(
        &["subnet", "summarize"],
        "# blocklist\n10.0.0.0/25\n10.0.0.128/25, 10.0.1.0/24\n\n2001:db8::/48\n",
    );
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "10.0.0.0/23\n2001:db8::/48\n");
    let v = json(&run_stdin(
        &["--json", "subnet", "summarize", "-f", "-"],
        "1.1.1.1-1.1.1.2\n",
    ));
    assert_eq!(
        v["networks"],
        serde_json::json!(["1.1.1.1/32", "1.1.1.2/32"])
    );
    assert_eq!(v["inputs"], 1);
    let o = run_stdin(&["subnet", "summarize"], "10.0.0.0/8\nnonsense\n");
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("-:2:"),
        "names the line: {}",
        stderr(&o)
    );
    let o = run(&["subnet", "summarize", "-f", "/nonexistent/list.txt"]);
    assert_eq!(code(&o), 3);
    assert!(stderr(&o).contains("/nonexistent/list.txt"));
}

/// `subnet split` into 2^24 subnets under a 100 MB address-space limit, read only for its first
/// rows: the rows stream (memory constant in their number), in the table and in JSON alike, and
/// the closed pipe is a quiet success. Buffering every row (about 600 bytes each) would abort.
#[test]
fn split_streams_rows_in_bounded_memory() {
    let bin = assert_cmd::cargo::cargo_bin("netkit");
    for (json, first_rows) in [("", "│ 1 "), ("--json", "\"network\": \"10.0.0.0/32\"")] {
        let script = format!(
            "ulimit -v 100000; {} {json} subnet split 10.0.0.0/8 --prefix 32 \
             --max 18446744073709551615 | head -n 40; echo \"status ${{PIPESTATUS[0]}}\"",
            bin.display()
        );
        let o = std::process::Command::new("bash")
            .args(["-c", &script])
            .output()
            .unwrap();
        let text = stdout(&o);
        assert!(text.contains(first_rows), "{json}: {text}");
        assert!(
            text.ends_with("status 0\n"),
            "{json}: {text}\n{}",
            stderr(&o)
        );
    }
    // The table's parts line up: every row as wide as the top line.
    let o = run(&[
        "subnet",
        "split",
        "10.0.0.0/22",
        "--prefix",
        "32",
        "--max",
        "2000",
    ]);
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines.len(), 1024 + 4, "{text}");
    let width = lines[0].chars().count();
    assert!(lines.iter().all(|l| l.chars().count() == width), "{text}");
    assert!(lines[1027].starts_with('└'), "{text}");
}

/// Issue 18, item 5: IPv6 blocks straddling a special range were called public (the catch-all
/// 2000::/3 hid the overlap); like the IPv4 analogue they are mixed, and say what they overlap.
#[test]
fn ipv6_blocks_straddling_special_ranges_are_mixed() {
    for (block, overlapped) in [
        ("2001:db8::/31", "2001:db8::/32"),
        ("2002::/15", "2002::/16"),
        ("3ff0::/12", "3fff::/20"),
        ("198.51.100.0/23", "198.51.100.0/24"),
    ] {
        let v = json(&run(&["--json", "subnet", "info", block]));
        assert_eq!(v["kind"], "mixed", "{block}: {v}");
        assert_eq!(v["registry_block"], serde_json::Value::Null, "{block}");
        let blocks: Vec<&str> = v["overlaps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["block"].as_str().unwrap())
            .collect();
        assert!(blocks.contains(&overlapped), "{block}: {v}");
        let text = stdout(&run(&["subnet", "info", block]));
        assert!(
            text.contains("Overlaps:") && text.contains(overlapped),
            "{text}"
        );
    }
}

/// Issue 18, item 6: 2001::/23 (IETF protocol assignments, not globally reachable) and the
/// rows inside it were public; the registry's flags are shown with the row.
#[test]
fn ietf_protocol_assignments_and_their_rows_are_not_public() {
    for (block, kind, row, reachable) in [
        ("2001::/31", "ietf-protocol", "2001::/23", false),
        ("2001:5::/32", "ietf-protocol", "2001::/23", false),
        ("2001:2::/48", "benchmarking", "2001:2::/48", false),
        ("2001:2::7/128", "benchmarking", "2001:2::/48", false),
        ("2001:1::3/128", "anycast", "2001:1::3/128", true),
        ("192.0.0.9/32", "anycast", "192.0.0.9/32", true),
        ("192.0.0.0/24", "ietf-protocol", "192.0.0.0/24", false),
        ("5f00::/16", "srv6-sid", "5f00::/16", false),
    ] {
        let v = json(&run(&["--json", "subnet", "info", block]));
        assert_eq!(
            (v["kind"].as_str(), v["registry_block"].as_str()),
            (Some(kind), Some(row)),
            "{block}: {v}"
        );
        assert_eq!(v["registry"]["globally_reachable"], reachable, "{block}");
        assert_eq!(v["registry"]["registry"], "special-purpose", "{block}");
    }
    let text = stdout(&run(&["subnet", "info", "2001:2::/48"]));
    assert!(
        text.contains("Registry:") && text.contains("not globally reachable"),
        "{text}"
    );
    // 6to4's reachability is N/A in the registry: null, not a guess.
    let v = json(&run(&["--json", "subnet", "info", "2002::/16"]));
    assert_eq!(v["registry"]["globally_reachable"], serde_json::Value::Null);
    assert_eq!(v["registry"]["forwardable"], true);
}

/// Issue 18, item 7: an IPv6 host range started at the network address (the Subnet-Router
/// anycast address, RFC 4291 section 2.6.1); it starts one later, as Python's `ipaddress` has
/// it, except on a /127 (RFC 6164) and a /128, and the human output says why.
#[test]
fn ipv6_hosts_start_after_the_subnet_router_anycast_address() {
    let v = json(&run(&["--json", "subnet", "info", "2001:db8:7::/64"]));
    assert_eq!(v["network_address"], "2001:db8:7::");
    assert_eq!(v["first_host"], "2001:db8:7::1");
    assert_eq!(v["last_host"], "2001:db8:7:0:ffff:ffff:ffff:ffff");
    assert_eq!(v["hosts"], "18446744073709551615");
    assert_eq!(v["addresses"], "18446744073709551616");
    let text = stdout(&run(&["subnet", "info", "2001:db8:7::/64"]));
    assert!(text.contains("Subnet-Router anycast"), "{text}");
    for (block, first, hosts) in [
        ("2001:db8::/127", "2001:db8::", "2"),
        ("2001:db8::9/128", "2001:db8::9", "1"),
        ("2001:db8::/126", "2001:db8::1", "3"),
    ] {
        let v = json(&run(&["--json", "subnet", "info", block]));
        assert_eq!(
            (v["first_host"].as_str(), v["hosts"].as_str()),
            (Some(first), Some(hosts)),
            "{block}"
        );
    }
    // subnet split gives each piece the host range info gives it.
    let v = json(&run(&[
        "--json",
        "subnet",
        "split",
        "2001:db8::/63",
        "-p",
        "64",
    ]));
    for piece in v["subnets"].as_array().unwrap() {
        let network = piece["network"].as_str().unwrap();
        let info = json(&run(&["--json", "subnet", "info", network]));
        for key in ["first_host", "last_host", "hosts", "broadcast"] {
            assert_eq!(piece[key], info[key], "{network} {key}");
        }
    }
    let text = stdout(&run(&["subnet", "split", "2001:db8::/63", "-p", "64"]));
    assert!(text.contains("2001:db8:0:1::1 "), "{text}");
    assert!(text.contains("Subnet-Router anycast"), "{text}");
}

/// Issue 18, item 7: the wildcard of an IPv6 /80 printed as `::ffff:255.255.255.255`, as if a
/// mask were an IPv4-mapped address; masks are plain IPv6 text, in info and check alike.
#[test]
fn ipv6_masks_are_not_ipv4_mapped_addresses() {
    let v = json(&run(&["--json", "subnet", "info", "2001:db8::/80"]));
    assert_eq!(v["wildcard"], "::ffff:ffff:ffff");
    assert_eq!(v["netmask"], "ffff:ffff:ffff:ffff:ffff::");
    let text = stdout(&run(&["subnet", "info", "2001:db8::/80"]));
    assert!(text.contains("Wildcard:   ::ffff:ffff:ffff\n"), "{text}");
    assert!(!text.contains("255.255"), "{text}");
    let v = json(&run(&["--json", "subnet", "info", "::/96"]));
    assert_eq!(v["wildcard"], "::ffff:ffff");
    let v = json(&run(&["--json", "subnet", "check", "::1/0", "2001:db8::1"]));
    assert_eq!(v["netmask"], "::");
}

/// Issue 18, item 8: `subnet check` on IPv6 said "ARP for the peer's MAC" (IPv6 uses Neighbor
/// Discovery), and called `fe80::1%eth0` and `fe80::2%eth1` one subnet: different zones are
/// different links (RFC 4007).
#[test]
fn check_ipv6_says_ndp_and_different_zones_are_different_links() {
    let o = run(&["subnet", "check", "2001:db8::1/64", "2001:db8::2"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(
        text.contains("Neighbor Discovery (NDP)") && !text.contains("ARP"),
        "{text}"
    );
    let o = run(&[
        "subnet",
        "check",
        "fe80::1%eth0",
        "fe80::2%eth1",
        "--mask",
        "64",
    ]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains("different links"), "{text}");
    assert!(
        text.contains("fe80::1%eth0") && text.contains("fe80::2%eth1"),
        "{text}"
    );
    let v = json(&run(&[
        "--json",
        "subnet",
        "check",
        "fe80::1%eth0",
        "fe80::2%eth1",
        "--mask",
        "64",
    ]));
    assert_eq!(
        (
            &v["same_subnet"],
            &v["same_link"],
            &v["zone_a"],
            &v["zone_b"]
        ),
        (
            &serde_json::json!(false),
            &serde_json::json!(false),
            &serde_json::json!("eth0"),
            &serde_json::json!("eth1")
        )
    );
    // The same zone is the same link: as before.
    let o = run(&["subnet", "check", "fe80::1%eth0/64", "fe80::2%eth0"]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert!(stdout(&o).contains("Same subnet"));
    // A zone is still no part of the arithmetic elsewhere.
    let v = json(&run(&["--json", "subnet", "info", "fe80::1%eth0/64"]));
    assert_eq!(v["network"], "fe80::/64");
    assert_bad_input(
        &["subnet", "check", "fe80::1%a\u{7}b", "fe80::2", "-m", "64"],
        "zone",
    );
}
