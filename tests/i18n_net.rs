//! Issue 28 section 1 for ifaces, gateway, route get, flow and subnet: their views in Chinese
//! on an 80-column terminal (insta snapshots, read one by one), and at 60, 80 and 100 columns
//! every value of their `--json` whole on the screen. The English views are pinned by
//! tests/table.rs and the commands' own tests; `--json` in both languages by tests/pins.rs.

use serde_json::Value;

use crate::common::netns::Lan;
use crate::common::*;
use crate::table::{Fields, check_view, json_docs, on_terminal_in, on_terminal_status};

/// `subnet check` of two link-local addresses in different zones: different links.
const LINKS: &[&str] = &[
    "subnet",
    "check",
    "fe80::1%eth0",
    "fe80::2%eth1",
    "--mask",
    "64",
];

/// What `netkit --lang zh-CN ARGS` shows on a terminal `cols` wide, colour off (a negative
/// answer, exit 1, is a view too: `subnet check` of two subnets).
fn chinese(cols: u16, args: &[&str]) -> String {
    let args = [&["--color", "never", "--lang", "zh-CN"][..], args].concat();
    let (ok, text) = on_terminal_status(cols, &args);
    assert!(ok || !text.contains("netkit:"), "{args:?}: {text}");
    text
}

/// Issue 28 section 1: `subnet`'s views in Chinese (check and its working, info of IPv4,
/// IPv6 and a mixed block, split with its rounding note), and an error with its reason.
#[test]
fn snapshots_of_subnet_in_chinese() {
    let views: &[(&str, &[&str])] = &[
        (
            "check_explain",
            &[
                "subnet",
                "check",
                "192.168.1.10/24",
                "192.168.2.10",
                "--explain",
            ],
        ),
        (
            "check_same",
            &[
                "subnet",
                "check",
                "192.168.1.10",
                "192.168.1.200",
                "255.255.255.0",
            ],
        ),
        ("check_links", LINKS),
        (
            "info_v4",
            &["subnet", "info", "192.168.1.10", "255.255.255.0"],
        ),
        ("info_v6", &["subnet", "info", "2001:db8::1/64"]),
        ("info_mixed", &["subnet", "info", "10.0.0.0/7"]),
        ("info_bare", &["subnet", "info", "100.64.0.1"]),
        (
            "split_count",
            &["subnet", "split", "10.0.0.0/24", "--count", "5"],
        ),
    ];
    for (name, args) in views {
        insta::assert_snapshot!(format!("subnet_zh_CN_{name}_80"), chinese(80, args));
    }
    for (name, args) in [
        ("error_octet", &["subnet", "info", "192.168.1.300/24"][..]),
        (
            "error_wildcard",
            &["subnet", "info", "10.0.0.1", "0.0.0.255"],
        ),
        (
            "error_mask_slip",
            &["subnet", "check", "10.0.0.1/24", "255.255.255.0"],
        ),
    ] {
        let (ok, shown) = on_terminal_status(
            80,
            &[&["--color", "never", "--lang", "zh-CN"][..], args].concat(),
        );
        assert!(!ok, "{shown}");
        insta::assert_snapshot!(format!("subnet_zh_CN_{name}_80"), shown);
    }
}

/// Issue 28 section 1: `subnet`'s Chinese views fit 60-, 80- and 100-column terminals and
/// keep every value of their `--json` whole.
#[test]
fn subnet_in_chinese_keeps_every_value() {
    let views: &[(&[&str], Fields)] = &[
        (
            &["subnet", "info", "192.0.2.77/26"],
            &[
                ("/address", ""),
                ("/network", ""),
                ("/netmask", ""),
                ("/wildcard", ""),
                ("/broadcast", ""),
                ("/first_host", ""),
                ("/last_host", ""),
                ("/registry_block", ""),
            ],
        ),
        (
            &["subnet", "info", "2001:db8:abcd:12::1/64"],
            &[
                ("/address", ""),
                ("/network", ""),
                ("/netmask", ""),
                ("/first_host", ""),
                ("/last_host", ""),
            ],
        ),
        (
            LINKS,
            &[("/network_a", ""), ("/zone_a", ""), ("/zone_b", "")],
        ),
        (
            &["subnet", "split", "203.0.113.0/24", "--count", "3"],
            &[
                ("/network", ""),
                ("/subnets/*/network", "子网"),
                ("/subnets/*/broadcast", "广播地址"),
                ("/subnets/*/first_host", "第一个主机"),
                ("/subnets/*/last_host", "最后一个主机"),
            ],
        ),
    ];
    for (args, fields) in views {
        let docs: Vec<Value> = json_docs(&run(&[&["--json"][..], args].concat()));
        for cols in [60, 80, 100] {
            let screen = chinese(cols, args);
            check_view(&format!("{args:?} (zh-CN)"), cols, &screen, &docs, fields);
        }
    }
}

/// A view of the namespace LAN without what changes from run to run: the machine's own
/// lines of `ifaces --all` (its host name and DNS servers, before the first interface) are
/// left out, the counters' numbers become `N`, and so does a time's (`0.05 ms`, `8 µs`: `N ms`).
fn steady(screen: &str) -> String {
    let all = screen.contains("（编号 ");
    let mut out = Vec::new();
    for line in screen.lines().skip_while(|l| all && !l.is_empty()) {
        if line.contains("已接收") || line.contains("已发送") {
            out.push(numbers_masked(line, |_| true));
        } else {
            let words: Vec<&str> = line.split(' ').collect();
            let timed = |i: usize| {
                words
                    .get(i + 1)
                    .is_some_and(|w| w.starts_with("ms") || w.starts_with("µs"))
            };
            // A time's number, and its unit (µs or ms, as the time came out).
            let masked: Vec<String> = words
                .iter()
                .enumerate()
                .map(|(i, w)| match i.checked_sub(1) {
                    Some(before) if timed(before) => w.replacen("µs", "ms", 1),
                    _ => numbers_masked(w, |_| timed(i)),
                })
                .collect();
            out.push(masked.join(" "));
        }
    }
    out.join("\n").trim_start_matches('\n').to_string()
}

/// `text` with each number (digits and dots) written `N` where `mask` says so.
fn numbers_masked(text: &str, mask: impl Fn(&str) -> bool) -> String {
    if !mask(text) {
        return text.to_string();
    }
    let mut masked = String::new();
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() || (in_number && c == '.') {
            if !in_number {
                masked.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            masked.push(c);
        }
    }
    masked
}

/// Issue 28 section 1: the views of the namespace LAN in Chinese on an 80-column terminal:
/// `ifaces` (its table and its ipconfig /all view, and an interface that is not there),
/// `gateway` (its table and the legend under it, the gateway's MAC in the cache), `route get`
/// (a host behind the gateway, one on the subnet, this host's own address, a name, a name
/// without an address) and `flow` (to the
/// gateway, and to a port nobody listens on behind it).
#[test]
fn snapshots_of_the_lan_in_chinese() {
    let Some(mut lan) = Lan::new("i18n_net_lan") else {
        return;
    };
    let host = lan.host.clone();
    // Names for route get: one the LAN's DNS server knows, one it does not (NXDOMAIN).
    let dir = tempfile::tempdir().unwrap();
    let hosts = "198.51.100.10 www.lab.test\n";
    let _dns = lan.dns_server(&dir, hosts, "nameserver 198.51.100.1\n");
    // The link-local address comes from the veth's first, random MAC: none, for a steady view.
    lan.lab.ipn(&host, "-6 addr flush dev eth0 scope link");
    // The gateway's MAC in the cache: REACHABLE after one exchange.
    let o = lan
        .lab
        .exec(&host, "ping", &["-c", "1", "-W", "2", "198.51.100.1"]);
    assert!(o.status.success(), "ping the gateway");
    let views: &[(&str, &[&str])] = &[
        ("ifaces", &["ifaces"]),
        ("ifaces_all", &["ifaces", "--all"]),
        ("ifaces_missing", &["ifaces", "nosuch0"]),
        ("gateway", &["gateway"]),
        ("route_remote", &["route", "get", "203.0.113.10"]),
        ("route_local", &["route", "get", "198.51.100.7"]),
        ("route_own", &["route", "get", "198.51.100.2"]),
        ("route_name", &["route", "get", "www.lab.test"]),
        ("route_no_address", &["route", "get", "nope.lab.test"]),
        ("flow_gateway", &["flow", "198.51.100.1"]),
        ("flow_refused", &["flow", "203.0.113.10:9"]),
    ];
    for (name, args) in views {
        let screen = on_terminal_in(&host, 80, &[&["--lang", "zh-CN"][..], args].concat());
        insta::assert_snapshot!(format!("lan_zh_CN_{name}_80"), steady(&screen));
    }
    // On 60 columns the table of ifaces becomes records, labelled as Chinese labels are.
    let narrow = on_terminal_in(&host, 60, &["--lang", "zh-CN", "ifaces"]);
    insta::assert_snapshot!("lan_zh_CN_ifaces_60", steady(&narrow));
    // At 60, 80 and 100 columns every value of their JSON is whole (ifaces and gateway are
    // checked so by tests/table.rs in both languages).
    let route: Fields = &[
        ("/address", ""),
        ("/interface", ""),
        ("/source", ""),
        ("/next_hop", ""),
        ("/subnet/source_network", ""),
        ("/subnet/destination_network", ""),
    ];
    let flow: Fields = &[
        ("/steps/*/facts/address", ""),
        ("/steps/*/facts/interface", ""),
        ("/steps/*/facts/next_hop", ""),
        ("/steps/*/facts/mac", ""),
        ("/steps/*/facts/vendor", ""),
        ("/steps/*/facts/remote", ""),
    ];
    for (args, fields) in [
        (&["route", "get", "203.0.113.10"][..], route),
        (&["flow", "203.0.113.10:9"], flow),
    ] {
        let docs = json_docs(&lan.lab.netkit(&host, &[&["--json"][..], args].concat()));
        for cols in [60, 80, 100] {
            let screen = on_terminal_in(&host, cols, &[&["--lang", "zh-CN"][..], args].concat());
            check_view(&format!("{args:?} (zh-CN)"), cols, &screen, &docs, fields);
        }
    }
}
