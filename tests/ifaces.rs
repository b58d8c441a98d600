//! `netkit ifaces` inside a namespace LAN, checked field by field against what the test
//! configured and against `ip -j addr` / `ip -j link` in the same namespace.

use crate::common::netns::{HOST_MAC, Lan};
use crate::common::*;

fn iface<'a>(v: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    v["interfaces"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["name"] == name))
        .unwrap_or_else(|| panic!("no {name} in {v}"))
}

#[test]
fn every_field_matches_the_configuration_and_ip() {
    let Some(lan) = Lan::new("ifaces_every_field") else {
        return;
    };
    let o = lan.lab.netkit(&lan.host, &["--json", "ifaces"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let eth = iface(&v, "eth0");
    assert_eq!(eth["kind"], "veth");
    assert_eq!(eth["mac"], HOST_MAC);
    assert!(
        eth["vendor"]
            .as_str()
            .unwrap_or("")
            .to_lowercase()
            .contains("xensource"),
        "{eth}"
    );
    assert_eq!(eth["operstate"], "UP");
    assert_eq!(eth["mtu"], 1500);
    assert_eq!(eth["ipv4"][0]["address"], "198.51.100.2");
    assert_eq!(eth["ipv4"][0]["prefix"], 24);
    assert_eq!(eth["ipv4"][0]["netmask"], "255.255.255.0");
    assert_eq!(eth["ipv4"][0]["broadcast"], "198.51.100.255");
    assert_eq!(eth["ipv4"][0]["network"], "198.51.100.0/24");
    assert_eq!(
        eth["gateways"],
        serde_json::json!(["198.51.100.1", "2001:db8:1::1"])
    );
    assert_eq!(eth["dhcp"]["enabled"], false);
    let v6: Vec<&str> = eth["ipv6"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["address"].as_str().unwrap())
        .collect();
    assert!(v6.contains(&"2001:db8:1::2"), "{v6:?}");
    let lo = iface(&v, "lo");
    assert_eq!(lo["kind"], "loopback");
    assert_eq!(lo["ipv4"][0]["address"], "127.0.0.1");

    // The same facts as ip sees them, field by field.
    let ip = lan.lab.ip_json(&lan.host, &["addr"]);
    for link in ip.as_array().unwrap() {
        let ours = iface(&v, link["ifname"].as_str().unwrap());
        assert_eq!(ours["index"], link["ifindex"]);
        assert_eq!(ours["mtu"], link["mtu"]);
        assert_eq!(ours["operstate"], link["operstate"]);
        if link["link_type"] == "ether" {
            assert_eq!(ours["mac"], link["address"]);
        }
        let flags: Vec<&str> = link["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        for f in flags {
            assert!(
                ours["flags"].as_array().unwrap().iter().any(|x| x == f),
                "flag {f} of {}",
                link["ifname"]
            );
        }
        for a in link["addr_info"].as_array().unwrap() {
            let fam = if a["family"] == "inet" {
                "ipv4"
            } else {
                "ipv6"
            };
            let found = ours[fam].as_array().unwrap().iter().any(|x| {
                x["address"] == a["local"]
                    && x["prefix"] == a["prefixlen"]
                    && x["scope"] == a["scope"]
            });
            assert!(
                found,
                "{} {} missing from {ours}",
                link["ifname"], a["local"]
            );
        }
    }
    // Counters are the kernel's: after an ARP exchange with the router, eth0 has sent something.
    let o = lan
        .lab
        .netkit_unprivileged(&lan.host, &["gateway", "-4", "--resolve"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&lan.lab.netkit(&lan.host, &["--json", "ifaces", "eth0"]));
    let sent = v["interfaces"][0]["counters"]["tx_packets"]
        .as_u64()
        .unwrap();
    let ip_link = lan.lab.ip_json(&lan.host, &["-s", "link", "show", "eth0"]);
    let ip_sent = ip_link[0]["stats64"]["tx"]["packets"].as_u64().unwrap();
    assert!(
        sent >= 1 && sent <= ip_sent,
        "netkit says {sent} sent, ip (read after) {ip_sent}"
    );
}

#[test]
fn one_interface_and_the_tables() {
    let Some(lan) = Lan::new("ifaces_one_interface") else {
        return;
    };
    let v = json(&lan.lab.netkit(&lan.host, &["--json", "ifaces", "eth0"]));
    assert_eq!(v["interfaces"].as_array().unwrap().len(), 1);
    let text = stdout(&lan.lab.netkit(&lan.host, &["ifaces"]));
    assert!(
        text.contains("eth0") && text.contains("198.51.100.2/24") && text.contains(HOST_MAC),
        "{text}"
    );
    let text = stdout(&lan.lab.netkit(&lan.host, &["ipconfig", "--all", "eth0"]));
    for want in [
        "Physical address",
        HOST_MAC,
        "Subnet mask",
        "255.255.255.0",
        "Default gateway",
        "198.51.100.1",
        "DHCP enabled",
    ] {
        assert!(text.contains(want), "{want} missing:\n{text}");
    }
    // The bridge in the switch namespace is a bridge, its ports name it as master.
    let v = json(&lan.lab.netkit(&lan.sw, &["--json", "ifaces"]));
    assert_eq!(iface(&v, "br0")["kind"], "bridge");
    assert_eq!(iface(&v, "p-host")["master"], "br0");
}

#[test]
fn unknown_interface_is_bad_input() {
    assert_bad_input(&["ifaces", "nosuchif0"], "nosuchif0");
}

#[test]
fn dns_and_hostname_come_from_the_files() {
    let Some(mut lan) = Lan::new("ifaces_dns_and_hostname") else {
        return;
    };
    lan.lab.etc_file(
        &lan.host,
        "resolv.conf",
        "nameserver 198.51.100.53\nsearch lan.test\n",
    );
    let v = json(&lan.lab.netkit(&lan.host, &["--json", "ifaces"]));
    assert_eq!(v["dns"]["servers"], serde_json::json!(["198.51.100.53"]));
    assert_eq!(v["dns"]["search"], serde_json::json!(["lan.test"]));
    assert!(v["hostname"].as_str().is_some_and(|h| !h.is_empty()));
}

#[test]
fn unreadable_resolv_conf_is_a_warning_not_a_failure() {
    let Some(mut lan) = Lan::new("ifaces_unreadable_resolv_conf") else {
        return;
    };
    // A resolv.conf nobody may read, and netkit run without root's power to read it anyway.
    lan.lab
        .etc_file(&lan.host, "resolv.conf", "nameserver 198.51.100.53\n");
    let path = lan.lab.etc_path(&lan.host, "resolv.conf");
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let o = lan
        .lab
        .netkit_unprivileged(&lan.host, &["--json", "ifaces"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("warning") && err.contains("resolv.conf") && err.contains("denied"),
        "{err}"
    );
    let v = json(&o);
    assert_eq!(v["dns"], serde_json::Value::Null);
    assert!(v["warnings"][0].as_str().unwrap().contains("resolv.conf"));
    assert_eq!(iface(&v, "eth0")["ipv4"][0]["address"], "198.51.100.2");
}

/// Names the kernel accepts and files anyone can write may hold escape sequences, a bell or a
/// bidi override: `ifaces` shows them escaped on every view, JSON keeps them exactly.
#[test]
fn hostile_interface_names_and_search_domains_are_shown_escaped() {
    let Some(mut lab) = crate::common::netns::Lab::new("ifaces_hostile_names") else {
        return;
    };
    let ns = lab.ns("host");
    let evil = "e\x1b[2J\x07\u{202e}x";
    lab.ip(&[
        "-n", &ns, "link", "add", "name", evil, "type", "veth", "peer", "name", "p0",
    ]);
    lab.ip(&["-n", &ns, "link", "set", evil, "up"]);
    lab.ip(&["-n", &ns, "addr", "add", "192.0.2.7/24", "dev", evil]);
    lab.etc_file(
        &ns,
        "resolv.conf",
        "nameserver 192.0.2.53\nsearch lab\x1b]0:pwned\x07.test\n",
    );
    for args in [
        &["ifaces"][..],
        &["ifaces", "--all"],
        &["--color", "always", "ifaces", "--all"],
    ] {
        let o = lab.netkit(&ns, args);
        assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        let raw_controls = out
            .chars()
            .filter(|c| matches!(c, '\x07' | '\u{202e}' | '\r'))
            .count();
        assert_eq!(raw_controls, 0, "{args:?}: {out:?}");
        // ESC only as netkit's own colour codes.
        assert!(
            !out.contains("\x1b[2J") && !out.contains("\x1b]0"),
            "{args:?}: {out:?}"
        );
        assert!(out.contains(r"e\u{1b}[2J\u{7}\u{202e}x"), "{args:?}: {out}");
        if args.contains(&"--all") {
            assert!(
                out.contains(r"lab\u{1b}]0:pwned\u{7}.test"),
                "{args:?}: {out}"
            );
        }
    }
    let o = lab.netkit(&ns, &["--json", "ifaces", "--all"]);
    let text = stdout(&o);
    assert!(
        !text.contains('\u{202e}') && !text.contains('\x1b'),
        "{text}"
    );
    let v = json(&o);
    iface(&v, evil);
    assert_eq!(v["dns"]["search"][0], "lab\x1b]0:pwned\x07.test", "{v}");
}

// ---------------------------------------------------------------------------------------------
// Issue 18 (ifaces): what a differential run against `ip -j` found, each pinned against `ip` in
// the same namespace.

use crate::common::netns::Lab;
use serde_json::Value;

/// A namespace with IPv6 DAD off (no address turns from tentative to valid between netkit's
/// dump and ip's), loopback up.
fn quiet_ns(lab: &mut Lab, role: &str) -> String {
    let ns = lab.ns(role);
    for key in ["all", "default"] {
        let o = lab.exec(
            &ns,
            "sysctl",
            &["-qw", &format!("net.ipv6.conf.{key}.accept_dad=0")],
        );
        assert_eq!(code(&o), 0, "sysctl: {}", stderr(&o));
    }
    ns
}

/// `netkit --json ifaces` in `ns`.
fn ours(lab: &Lab, ns: &str) -> Value {
    let o = lab.netkit(ns, &["--json", "ifaces"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    json(&o)
}

/// netkit's link flags as `ip` lists them: ip leaves RUNNING out.
fn flags_as_ip(iface: &Value) -> Vec<&str> {
    iface["flags"]
        .as_array()
        .unwrap_or_else(|| panic!("flags of {iface}"))
        .iter()
        .map(|f| f.as_str().unwrap())
        .filter(|f| *f != "RUNNING")
        .collect()
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The words of ip's text line for `local` (`inet 10.50.0.1 peer 10.60.0.2/24 ...`): the
/// address as ip writes it, up to and including the prefix.
fn ip_text_address(lab: &Lab, ns: &str, local: &str) -> String {
    let o = lab.exec(ns, "ip", &["addr"]);
    let text = stdout(&o);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| {
            (l.starts_with("inet ") || l.starts_with("inet6 "))
                && l.split_whitespace()
                    .nth(1)
                    .is_some_and(|w| w == local || w.starts_with(&format!("{local}/")))
        })
        .unwrap_or_else(|| panic!("no {local} in ip addr:\n{text}"));
    let words: Vec<&str> = line.split_whitespace().skip(1).collect();
    let end = words
        .iter()
        .position(|w| w.contains('/'))
        .unwrap_or_else(|| panic!("no prefix in {line}"));
    words[..=end].join(" ")
}

/// The kernel's own prefix routes (`proto kernel`, main table) for IPv4: (dst, prefsrc, dev),
/// dst always with its prefix (ip writes a /32 as a bare address).
fn kernel_prefix_routes(lab: &Lab, ns: &str) -> Vec<(String, String, String)> {
    let routes = lab.ip_json(ns, &["-4", "route", "show", "proto", "kernel"]);
    routes
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("").to_string();
            let dst = s("dst");
            let dst = if dst.contains('/') {
                dst
            } else {
                format!("{dst}/32")
            };
            (dst, s("prefsrc"), s("dev"))
        })
        .collect()
}

/// Issue 18.1: `ip addr add 10.50.0.1 peer 10.60.0.2/24` puts the prefix on the peer; netkit
/// said network 10.50.0.0/24 and showed 10.50.0.1/24.
#[test]
fn peer_address_reports_the_peers_network() {
    let Some(mut lab) = Lab::new("ifaces_peer_network") else {
        return;
    };
    let ns = quiet_ns(&mut lab, "ptp");
    lab.ipn(&ns, "link add name ptp0 type veth peer name ptp1");
    lab.ipn(&ns, "link set ptp0 up");
    lab.ipn(&ns, "link set ptp1 up");
    lab.ipn(&ns, "addr add 10.50.0.1 peer 10.60.0.2/24 dev ptp0");
    let v = ours(&lab, &ns);
    let a = &iface(&v, "ptp0")["ipv4"][0];
    let ip = lab.ip_json(&ns, &["addr", "show", "dev", "ptp0"]);
    let ipa = &ip[0]["addr_info"][0];
    assert_eq!(a["address"], ipa["local"], "{a}");
    assert_eq!(a["peer"], ipa["address"], "{a}");
    assert_eq!(a["prefix"], ipa["prefixlen"], "{a}");
    // The network is where the kernel routes the prefix.
    let routes = kernel_prefix_routes(&lab, &ns);
    let route = routes
        .iter()
        .find(|r| r.1 == "10.50.0.1")
        .unwrap_or_else(|| panic!("no kernel route from 10.50.0.1: {routes:?}"));
    assert_eq!(a["network"], route.0.as_str(), "{a}");
    assert_ne!(a["network"], "10.50.0.0/24");
    // Written as ip writes it, in both human views.
    let want = ip_text_address(&lab, &ns, "10.50.0.1");
    assert!(want.contains(" peer "), "{want}");
    for args in [&["ifaces"][..], &["ifaces", "--all", "ptp0"]] {
        let text = stdout(&lab.netkit(&ns, args));
        assert!(
            text.contains(&want),
            "{want:?} missing from {args:?}:\n{text}"
        );
    }
    let text = stdout(&lab.netkit(&ns, &["ifaces", "--all", "ptp0"]));
    assert!(
        text.lines()
            .any(|l| l.contains("Network") && l.contains(&route.0)),
        "{text}"
    );
}

/// Issue 18.2: an IPv6 peer address (`ip addr add 2001:db8:aa::1 peer 2001:db8:bb::1/64`) lost
/// its peer.
#[test]
fn ipv6_peer_address_keeps_its_peer() {
    let Some(mut lab) = Lab::new("ifaces_ipv6_peer") else {
        return;
    };
    let ns = quiet_ns(&mut lab, "ptp6");
    lab.ipn(&ns, "link add name ptp0 type veth peer name ptp1");
    lab.ipn(&ns, "link set ptp0 up");
    lab.ipn(&ns, "link set ptp1 up");
    lab.ipn(
        &ns,
        "addr add 2001:db8:aa::1 peer 2001:db8:bb::1/64 dev ptp0 nodad",
    );
    let v = ours(&lab, &ns);
    let ip = lab.ip_json(
        &ns,
        &["-6", "addr", "show", "dev", "ptp0", "scope", "global"],
    );
    let ipa = &ip[0]["addr_info"][0];
    assert_eq!(ipa["address"], "2001:db8:bb::1", "ip's view: {ipa}");
    let a = iface(&v, "ptp0")["ipv6"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["address"] == ipa["local"])
        .unwrap_or_else(|| panic!("no {} in {v}", ipa["local"]))
        .clone();
    assert_eq!(a["peer"], ipa["address"], "{a}");
    assert_eq!(a["prefix"], ipa["prefixlen"], "{a}");
    let want = ip_text_address(&lab, &ns, "2001:db8:aa::1");
    for args in [&["ifaces"][..], &["ifaces", "--all", "ptp0"]] {
        let text = stdout(&lab.netkit(&ns, args));
        assert!(
            text.contains(&want),
            "{want:?} missing from {args:?}:\n{text}"
        );
    }
}

/// Whether this kernel offers TUN/TAP devices: the device node, or the misc device registered.
fn tun_supported() -> bool {
    // Issue 27 item 7: rootless, /dev/net/tun may be root's alone.
    crate::common::netns::tun_usable()
}

/// Issue 18.3: a TAP device (`ip tuntap add mode tap`) was shown as kind `tun`, "layer-3
/// tunnel device"; it is layer 2, with a MAC (`ip -d`: `info_data.type: tap`).
#[test]
fn tap_is_a_layer_2_device_not_tun() {
    let Some(mut lab) = Lab::new("ifaces_tap") else {
        return;
    };
    if !tun_supported() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED tap_is_a_layer_2_device_not_tun: TUN/TAP is not open to this user"
        );
        return;
    }
    let ns = quiet_ns(&mut lab, "tap");
    lab.ipn(&ns, "tuntap add dev tap0 mode tap");
    lab.ipn(&ns, "tuntap add dev tun0 mode tun");
    let v = ours(&lab, &ns);
    let ip = lab.ip_json(&ns, &["-d", "link"]);
    for name in ["tap0", "tun0"] {
        let l = ip
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["ifname"] == name)
            .unwrap();
        assert_eq!(l["linkinfo"]["info_kind"], "tun");
        let mine = iface(&v, name);
        assert_eq!(mine["kind"], l["linkinfo"]["info_data"]["type"], "{mine}");
        if l["link_type"] == "ether" {
            assert_eq!(mine["mac"], l["address"], "{mine}");
        } else {
            assert_eq!(mine["mac"], Value::Null, "{mine}");
        }
    }
    let tap = iface(&v, "tap0");
    assert_eq!(tap["kind"], "tap");
    let what = tap["description"].as_str().unwrap();
    assert!(
        what.contains("layer-2") && what.contains("Ethernet") && !what.contains("layer-3"),
        "{what}"
    );
    assert!(
        iface(&v, "tun0")["description"]
            .as_str()
            .unwrap()
            .contains("layer-3")
    );
    let text = stdout(&lab.netkit(&ns, &["ifaces"]));
    let row = text.lines().find(|l| l.contains("tap0")).unwrap();
    assert!(row.contains(" tap ") && !row.contains(" tun "), "{row}");
}

/// Issue 18.4: ip's `secondary` address flag and the NO-CARRIER and M-DOWN link flags were
/// missing. A veth whose peer (in this namespace) is down shows both NO-CARRIER and M-DOWN; a
/// veth whose peer is down in another namespace NO-CARRIER only (ip computes M-DOWN only
/// without IFLA_LINK_NETNSID); a port of a down bridge whose own peer is up neither (M-DOWN is
/// about IFLA_LINK, not the master).
#[test]
fn secondary_no_carrier_and_m_down_as_ip_shows_them() {
    let Some(mut lab) = Lab::new("ifaces_secondary_m_down") else {
        return;
    };
    let ns = quiet_ns(&mut lab, "flags");
    let far = quiet_ns(&mut lab, "far");
    lab.ipn(&ns, "link add name lan0 type veth peer name lan1");
    lab.ipn(&ns, "link set lan0 up");
    lab.ipn(&ns, "link set lan1 up");
    lab.ipn(&ns, "addr add 192.0.2.1/24 dev lan0");
    lab.ipn(&ns, "addr add 192.0.2.2/24 dev lan0");
    lab.ipn(&ns, "link add name v0 type veth peer name v1");
    lab.ipn(&ns, "link set v0 up");
    lab.ip(&[
        "-n", &ns, "link", "add", "x0", "type", "veth", "peer", "name", "x1", "netns", &far,
    ]);
    lab.ipn(&ns, "link set x0 up");
    lab.ipn(&ns, "link add name br0 type bridge");
    lab.ipn(&ns, "link add name p0 type veth peer name p1");
    lab.ipn(&ns, "link set p0 master br0");
    lab.ipn(&ns, "link set p0 up");
    lab.ipn(&ns, "link set p1 up");
    let v = ours(&lab, &ns);
    let ip = lab.ip_json(&ns, &["link"]);
    let ip_flags = |name: &str| -> Vec<String> {
        let l = ip
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["ifname"] == name)
            .unwrap_or_else(|| panic!("no {name} in {ip}"));
        strs(&l["flags"]).into_iter().map(String::from).collect()
    };
    for name in ["v0", "v1", "x0", "p0", "br0", "lan0"] {
        assert_eq!(flags_as_ip(iface(&v, name)), ip_flags(name), "{name}");
    }
    // What the comparison above covers, so it cannot pass on lists that lack the flags.
    let v0 = flags_as_ip(iface(&v, "v0"));
    assert!(
        v0.contains(&"NO-CARRIER") && v0.contains(&"M-DOWN"),
        "{v0:?}"
    );
    let x0 = flags_as_ip(iface(&v, "x0"));
    assert!(
        x0.contains(&"NO-CARRIER") && !x0.contains(&"M-DOWN"),
        "{x0:?}"
    );
    let text = stdout(&lab.netkit(&ns, &["ifaces", "--all", "v0"]));
    assert!(
        text.contains("NO-CARRIER") && text.contains("M-DOWN"),
        "{text}"
    );

    let ip = lab.ip_json(&ns, &["addr", "show", "dev", "lan0"]);
    let mine = iface(&v, "lan0")["ipv4"].as_array().unwrap().clone();
    let theirs: Vec<&Value> = ip[0]["addr_info"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["family"] == "inet")
        .collect();
    assert_eq!(mine.len(), theirs.len(), "{mine:?}");
    for a in theirs {
        let m = mine.iter().find(|m| m["address"] == a["local"]).unwrap();
        assert_eq!(
            strs(&m["flags"]).contains(&"secondary"),
            a["secondary"] == true,
            "{m} vs {a}"
        );
    }
    assert!(
        mine.iter()
            .any(|m| strs(&m["flags"]).contains(&"secondary")),
        "{mine:?}"
    );
    let text = stdout(&lab.netkit(&ns, &["ifaces", "--all", "lan0"]));
    assert!(
        text.lines()
            .any(|l| l.contains("192.0.2.2/24") && l.contains("secondary")),
        "{text}"
    );
}

/// The flags of an `ip -j addr` address object: the keys whose value is `true`.
fn ip_addr_flags(a: &Value) -> Vec<String> {
    let mut out: Vec<String> = a
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| **v == Value::Bool(true))
        .map(|(k, _)| k.clone())
        .collect();
    out.sort();
    out
}

/// Issue 18, ifaces: the differential run, kept. A namespace with many kinds of addresses and
/// links (primary and secondary, peers v4 and v6, several prefixes, a label, TAP and TUN, a
/// veth whose peer is down here and one whose peer is down elsewhere, a port of a down bridge,
/// a macvlan on a down parent), and every address and link of it compared field by field with
/// `ip -j -d addr` in the same namespace, networks with the kernel's own prefix routes.
#[test]
fn differential_against_ip_j_d_addr() {
    let Some(mut lab) = Lab::new("ifaces_differential") else {
        return;
    };
    let ns = quiet_ns(&mut lab, "diff");
    let far = quiet_ns(&mut lab, "far");
    let setup = [
        // Point-to-point addresses, IPv4 and IPv6, the issue's and TEST-NET ones.
        "link add name ptp0 type veth peer name ptp1",
        "link set ptp0 up",
        "link set ptp1 up",
        "addr add 10.50.0.1 peer 10.60.0.2/24 dev ptp0",
        "addr add 192.0.2.201 peer 198.51.100.9/30 dev ptp0",
        "addr add 203.0.113.77 peer 203.0.113.78/32 dev ptp0",
        "addr add 2001:db8:aa::1 peer 2001:db8:bb::1/64 dev ptp0",
        "addr add 2001:db8:cc::1 peer 2001:db8:cc::2/128 dev ptp0",
        // Primary and secondary, several prefixes, a broadcast, a label, no prefix route.
        "link add name lan0 type veth peer name lan1",
        "link set lan0 up",
        "link set lan1 up",
        "addr add 198.51.100.1/24 brd + dev lan0",
        "addr add 198.51.100.2/24 dev lan0",
        "addr add 198.51.100.3/24 brd + dev lan0 label lan0:one",
        "addr add 198.51.100.65/26 dev lan0",
        "addr add 203.0.113.5/30 brd + dev lan0",
        "addr add 203.0.113.200/32 dev lan0",
        "addr add 192.0.2.130/25 brd 192.0.2.255 dev lan0",
        "addr add 192.0.2.10/28 dev lan0 noprefixroute",
        "addr add 2001:db8:1::1/64 dev lan0",
        "addr add 2001:db8:1::2/64 dev lan0",
        "addr add 2001:db8:2::1/48 dev lan0",
        "addr add 2001:db8:3::1/127 dev lan0 noprefixroute",
        // A veth whose peer is down in this namespace.
        "link add name v0 type veth peer name v1",
        "link set v0 up",
        // A port of a down bridge.
        "link add name br0 type bridge",
        "link add name p0 type veth peer name p1",
        "link set p0 master br0",
        "link set p0 up",
        "link set p1 up",
    ];
    for words in setup {
        lab.ipn(&ns, words);
    }
    // A veth whose peer is down in another namespace.
    lab.ip(&[
        "-n", &ns, "link", "add", "x0", "type", "veth", "peer", "name", "x1", "netns", &far,
    ]);
    lab.ipn(&ns, "link set x0 up");
    if tun_supported() {
        lab.ipn(&ns, "tuntap add dev tap0 mode tap");
        lab.ipn(&ns, "tuntap add dev tun0 mode tun");
        lab.ipn(&ns, "link set tap0 up");
        lab.ipn(&ns, "addr add 192.0.2.33/27 dev tap0");
        lab.ipn(&ns, "addr add 198.51.100.200 peer 198.51.100.201 dev tun0");
    } else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "differential_against_ip_j_d_addr: TUN/TAP is not open to this user, left out"
        );
    }
    // A macvlan on a down parent, where the kernel has macvlan.
    let o = lab.exec(
        &ns,
        "ip",
        &[
            "link", "add", "link", "v1", "name", "mv0", "type", "macvlan",
        ],
    );
    if code(&o) != 0 {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "differential_against_ip_j_d_addr: no macvlan here ({}), left out",
            stderr(&o).trim()
        );
    }

    let v = ours(&lab, &ns);
    let ip = lab.ip_json(&ns, &["-d", "addr"]);
    let ip_links = ip.as_array().unwrap();
    assert_eq!(
        v["interfaces"].as_array().unwrap().len(),
        ip_links.len(),
        "the same interfaces"
    );
    let mut addresses = 0;
    for l in ip_links {
        let name = l["ifname"].as_str().unwrap();
        let mine = iface(&v, name);
        assert_eq!(mine["index"], l["ifindex"], "{name}");
        assert_eq!(mine["mtu"], l["mtu"], "{name}");
        assert_eq!(mine["operstate"], l["operstate"], "{name}");
        assert_eq!(flags_as_ip(mine), strs(&l["flags"]), "flags of {name}");
        assert_eq!(
            mine["master"],
            l.get("master").cloned().unwrap_or(Value::Null),
            "{name}"
        );
        if l["link_type"] == "ether" {
            assert_eq!(mine["mac"], l["address"], "{name}");
        }
        let info = &l["linkinfo"];
        if let Some(kind) = info["info_kind"].as_str() {
            let want = if kind == "tun" {
                info["info_data"]["type"].as_str().unwrap()
            } else {
                kind
            };
            assert_eq!(mine["kind"], want, "{name}");
        }
        for fam in ["inet", "inet6"] {
            let theirs: Vec<&Value> = l["addr_info"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|a| a["family"] == fam)
                .collect();
            let key = if fam == "inet" { "ipv4" } else { "ipv6" };
            let list = mine[key].as_array().unwrap();
            assert_eq!(list.len(), theirs.len(), "{name} {key}: {list:?}");
            for a in theirs {
                addresses += 1;
                let m = list
                    .iter()
                    .find(|m| m["address"] == a["local"])
                    .unwrap_or_else(|| panic!("{name}: no {} in {list:?}", a["local"]));
                let what = format!("{name} {}", a["local"]);
                assert_eq!(m["prefix"], a["prefixlen"], "{what}");
                assert_eq!(m["scope"], a["scope"], "{what}");
                // ip's "address" is the peer, when there is one.
                assert_eq!(
                    m["peer"],
                    a.get("address").cloned().unwrap_or(Value::Null),
                    "peer of {what}"
                );
                // Every flag ip shows (secondary, temporary, noprefixroute, dynamic...), and no
                // other; netkit also says "permanent" where ip says nothing.
                let mut flags: Vec<String> = strs(&m["flags"])
                    .into_iter()
                    .filter(|f| *f != "permanent")
                    .map(String::from)
                    .collect();
                flags.sort();
                assert_eq!(flags, ip_addr_flags(a), "flags of {what}");
                if fam == "inet" {
                    assert_eq!(
                        m["broadcast"],
                        a.get("broadcast").cloned().unwrap_or(Value::Null),
                        "broadcast of {what}"
                    );
                    let label = a["label"].as_str().filter(|x| *x != name);
                    assert_eq!(m["label"].as_str(), label, "label of {what}");
                }
            }
        }
    }
    assert!(addresses >= 20, "only {addresses} addresses compared");

    // Networks against the kernel's prefix routes, both ways: every primary IPv4 address with
    // a prefix route (not noprefixroute, link up, and not a /32 without a peer) has one to its
    // network, and every kernel prefix route is some address's network.
    let routes = kernel_prefix_routes(&lab, &ns);
    let mut checked = 0;
    for i in v["interfaces"].as_array().unwrap() {
        for a in i["ipv4"].as_array().unwrap() {
            let flags = strs(&a["flags"]);
            let network = a["network"].as_str().unwrap();
            if flags.contains(&"secondary")
                || flags.contains(&"noprefixroute")
                || (a["prefix"] == 32 && a["peer"].is_null())
                || !strs(&i["flags"]).contains(&"UP")
                || i["name"] == "lo"
            {
                continue;
            }
            let want = (
                network.to_string(),
                a["address"].as_str().unwrap().to_string(),
                i["name"].as_str().unwrap().to_string(),
            );
            assert!(routes.contains(&want), "{want:?} not in {routes:?}");
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} networks checked");
    for (dst, src, dev) in &routes {
        let found = iface(&v, dev)["ipv4"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["address"] == src.as_str() && a["network"] == dst.as_str());
        assert!(
            found,
            "kernel route {dst} src {src} dev {dev} is no address's network"
        );
    }
}

/// Issue 17: the network views fit a 70-column terminal (tables by comfy-table, prose wrapped
/// under its label) in the namespace LAN.
#[test]
fn network_views_fit_a_70_column_terminal() {
    let Some(lan) = Lan::new("views_fit_70") else {
        return;
    };
    for args in [
        &["ifaces"][..],
        &["ifaces", "--all"],
        &["gateway"],
        &["route", "get", "203.0.113.10"],
        &["arp", "cache"],
    ] {
        let (ok, lines) = crate::common::live_in(&lan.host, 70, args);
        assert!(ok, "{args:?}: {lines:#?}");
        assert!(lines.len() > 2, "{args:?}: {lines:#?}");
        for (_, l) in &lines {
            let w = unicode_width::UnicodeWidthStr::width(l.as_str());
            assert!(w <= 70, "{args:?}: {w} columns: {l}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Issue 29 section 1: lease times and where a lease was read are types; the views say them in
// the run's language, JSON as before.

/// A DHCPACK as dhcpcd saves it (a raw BOOTP reply): 198.51.100.2 from server and router
/// 198.51.100.1, with the infinite lease time 0xffffffff.
fn infinite_ack() -> Vec<u8> {
    let mut m = vec![0u8; 240];
    m[0] = 2;
    m[16..20].copy_from_slice(&[198, 51, 100, 2]);
    m[236..240].copy_from_slice(&[99, 130, 83, 99]);
    m.extend_from_slice(&[53, 1, 5]);
    m.extend_from_slice(&[54, 4, 198, 51, 100, 1]);
    m.extend_from_slice(&[3, 4, 198, 51, 100, 1]);
    m.extend_from_slice(&[51, 4, 0xff, 0xff, 0xff, 0xff]);
    m.push(255);
    m
}

/// Issue 29 section 1: a dhcpcd lease (a per-network file whose SSID holds an escape sequence
/// and a bidi override) with an infinite lease time, dated by the file's time as dhcpcd dates
/// it: `ifaces --all` and `tour` say "Lease obtained", "never" and "infinite" in English and
/// Chinese (获得租约的时间, 永不过期, 无限期), show the file's name escaped, and JSON keeps "never", the RFC 3339
/// time and the path exactly. The lease lives in a tmpfs over /var/lib in a mount namespace of
/// the test's own: the machine's files stay untouched.
#[test]
fn lease_times_are_said_in_the_runs_language() {
    let Some(mut lan) = Lan::new("ifaces_lease_words") else {
        return;
    };
    lan.lab
        .etc_file(&lan.host, "resolv.conf", "nameserver 198.51.100.1\n");
    let files = tempfile::tempdir().unwrap();
    let name = "eth0-Home\x1b[2J\u{202e}Wifi.lease";
    let lease = files.path().join(name);
    std::fs::write(&lease, infinite_ack()).unwrap();
    // 2026-11-25T03:34:53Z, and a fraction that is not shown.
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_millis(1_795_577_693_250);
    std::fs::File::options()
        .write(true)
        .open(&lease)
        .unwrap()
        .set_modified(at)
        .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("netkit");
    let line = format!(
        "mount -t tmpfs tmpfs /var/lib && mkdir /var/lib/dhcpcd && \
         cp -a {files}/. /var/lib/dhcpcd/ && \
         {bin} --json ifaces --all eth0 && echo ==== && \
         {bin} --color never ifaces --all eth0 && echo ==== && \
         {bin} --color never --lang zh-CN ifaces --all eth0 && echo ==== && \
         {bin} --color never --lang zh-CN tour; echo ==== && \
         {bin} --color never tour; echo ====",
        files = files.path().display(),
        bin = bin.display()
    );
    let o = lan
        .lab
        .exec(&lan.host, "unshare", &["--mount", "sh", "-c", &line]);
    let out = stdout(&o);
    let parts: Vec<&str> = out.split("====\n").collect();
    assert_eq!(parts.len(), 6, "{out}\nstderr: {}", stderr(&o));
    let (json_text, en, zh, zh_tour, en_tour) = (parts[0], parts[1], parts[2], parts[3], parts[4]);

    let path = format!("/var/lib/dhcpcd/{name}");
    let v: serde_json::Value = serde_json::from_str(json_text).unwrap();
    let l = &iface(&v, "eth0")["dhcp"]["lease"];
    assert_eq!(l["client"], "dhcpcd", "{v}");
    assert_eq!(l["source"], path.as_str());
    assert_eq!(l["address"], "198.51.100.2");
    assert_eq!(l["lease_seconds"], 4_294_967_295u64);
    assert_eq!(l["obtained"], "2026-11-25T03:34:53Z");
    assert_eq!(l["expires"], "never");

    let shown = r"/var/lib/dhcpcd/eth0-Home\u{1b}[2J\u{202e}Wifi.lease";
    for (view, text, words) in [
        (
            "en ifaces",
            en,
            &[
                "Lease obtained",
                "2026-11-25T03:34:53Z",
                "never",
                "infinite",
                shown,
            ][..],
        ),
        (
            "zh ifaces",
            zh,
            &[
                "获得租约的时间",
                "2026-11-25T03:34:53Z",
                "永不过期",
                "无限期",
                shown,
            ],
        ),
        (
            "zh tour",
            zh_tour,
            &[
                "获得时间",
                "2026-11-25T03:34:53Z",
                "永不过期",
                "无限期",
                shown,
            ],
        ),
        (
            "en tour",
            en_tour,
            &[
                "Obtained",
                "2026-11-25T03:34:53Z",
                "never",
                "infinite",
                shown,
            ],
        ),
    ] {
        for w in words {
            assert!(text.contains(w), "{view}: no {w:?} in\n{text}");
        }
        assert!(
            !text.contains('\u{202e}') && !text.contains("\x1b[2J"),
            "{view}: {text:?}"
        );
        // 0xffffffff seconds is forever, not 1193046 hours.
        assert!(!text.contains("1193046h"), "{view}: {text}");
    }
    // The English word is not left in the Chinese views.
    for (view, text) in [("zh ifaces", zh), ("zh tour", zh_tour)] {
        assert!(
            !text.contains("never") && !text.contains("Lease obtained"),
            "{view}: {text}"
        );
    }
}
