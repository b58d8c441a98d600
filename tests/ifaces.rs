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
    let path = format!("/etc/netns/{}/resolv.conf", lan.host);
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
