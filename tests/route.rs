//! `netkit gateway` and `netkit route get` inside a namespace LAN of the tests' own making,
//! checked against what was configured and against `ip -j route get` in the same namespace.

use crate::common::netns::{Lab, Lan, ROUTER_MAC};
use crate::common::*;

fn ip_route_get(lan: &Lan, dest: &str) -> serde_json::Value {
    lan.lab.ip_json(&lan.host, &["route", "get", dest])[0].clone()
}

#[test]
fn route_get_remote_goes_via_the_gateway() {
    let Some(lan) = Lan::new("route_get_remote_goes_via_the_gateway") else {
        return;
    };
    let o = lan
        .lab
        .netkit(&lan.host, &["--json", "route", "get", "203.0.113.10"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let ip = ip_route_get(&lan, "203.0.113.10");
    assert_eq!(v["gateway"], "198.51.100.1");
    assert_eq!(v["gateway"], ip["gateway"]);
    assert_eq!(v["interface"], "eth0");
    assert_eq!(v["interface"], ip["dev"]);
    assert_eq!(v["source"], "198.51.100.2");
    assert_eq!(v["source"], ip["prefsrc"]);
    assert_eq!(v["next_hop"], "198.51.100.1");
    assert_eq!(v["direct"], false);
    assert_eq!(v["subnet"]["same_subnet"], false);
    assert_eq!(v["subnet"]["source_network"], "198.51.100.0/24");
    assert_eq!(v["subnet"]["destination_network"], "203.0.113.0/24");
    let text = stdout(&lan.lab.netkit(&lan.host, &["route", "get", "203.0.113.10"]));
    assert!(
        text.contains("gateway 198.51.100.1") && text.contains("ARP for the gateway"),
        "{text}"
    );
}

#[test]
fn route_get_same_subnet_is_direct() {
    let Some(lan) = Lan::new("route_get_same_subnet_is_direct") else {
        return;
    };
    let v = json(
        &lan.lab
            .netkit(&lan.host, &["--json", "route", "get", "198.51.100.1"]),
    );
    assert_eq!(v["direct"], true);
    assert_eq!(v["gateway"], serde_json::Value::Null);
    assert_eq!(v["next_hop"], "198.51.100.1");
    assert_eq!(v["subnet"]["same_subnet"], true);
    assert_eq!(v["interface"], ip_route_get(&lan, "198.51.100.1")["dev"]);
    // IPv6 too: on-link, and via the IPv6 default route.
    let v = json(
        &lan.lab
            .netkit(&lan.host, &["--json", "route", "get", "2001:db8:1::1"]),
    );
    assert_eq!(
        (v["direct"].as_bool(), v["interface"].as_str()),
        (Some(true), Some("eth0"))
    );
    let v = json(
        &lan.lab
            .netkit(&lan.host, &["--json", "route", "get", "2001:db8:ff::1"]),
    );
    assert_eq!(v["gateway"], "2001:db8:1::1");
}

#[test]
fn route_get_resolves_host_names_first() {
    let Some(mut lan) = Lan::new("route_get_resolves_host_names_first") else {
        return;
    };
    // `ip netns exec` bind-mounts these over /etc: no DNS server is ever asked.
    lan.lab.etc_file(
        &lan.host,
        "hosts",
        "127.0.0.1 localhost\n203.0.113.10 remote.test\n",
    );
    lan.lab
        .etc_file(&lan.host, "resolv.conf", "nameserver 127.0.0.1\n");
    let v = json(
        &lan.lab
            .netkit(&lan.host, &["--json", "route", "get", "remote.test"]),
    );
    assert_eq!(v["address"], "203.0.113.10");
    assert_eq!(v["destination"], "remote.test");
    assert_eq!(v["gateway"], "198.51.100.1");
}

#[test]
fn no_route_is_a_negative_answer() {
    let Some(mut lab) = Lab::new("no_route_is_a_negative_answer") else {
        return;
    };
    let ns = lab.ns("alone");
    let o = lab.netkit(&ns, &["route", "get", "203.0.113.10"]);
    assert_eq!(code(&o), 1, "stdout {} stderr {}", stdout(&o), stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("No route:"), "{text}");
    // Issue 17: the kernel's ENETUNREACH in words, with where to look next.
    assert!(
        text.contains("no IPv4 default route") && text.contains("netkit gateway"),
        "{text}"
    );
    assert!(!text.contains("os error"), "{text}");
    let v = json(&lab.netkit(&ns, &["--json", "route", "get", "2001:db8::1"]));
    assert_eq!(v["failed_at"], "routing", "{v}");
    assert!(
        v["reason"]
            .as_str()
            .unwrap()
            .contains("no IPv6 default route"),
        "{v}"
    );
    let o = lab.netkit(&ns, &["gateway"]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("No default gateway"), "{}", stdout(&o));
    let v = json(&lab.netkit(&ns, &["--json", "gateway"]));
    assert_eq!(v["gateways"], serde_json::json!([]));
}

#[test]
fn gateway_lists_both_families_and_resolves_the_mac() {
    let Some(lan) = Lan::new("gateway_lists_both_families_and_resolves_the_mac") else {
        return;
    };
    let v = json(&lan.lab.netkit(&lan.host, &["--json", "gateway"]));
    let gws = v["gateways"].as_array().unwrap();
    assert_eq!(gws.len(), 2, "{v}");
    assert_eq!(gws[0]["family"], "ipv4");
    assert_eq!(gws[0]["gateway"], "198.51.100.1");
    assert_eq!(gws[0]["interface"], "eth0");
    assert_eq!(
        gws[0]["mac"],
        serde_json::Value::Null,
        "nothing has been sent yet"
    );
    assert_eq!(gws[1]["gateway"], "2001:db8:1::1");
    // Compare with ip's view of the default route.
    let ip = lan.lab.ip_json(&lan.host, &["route", "show", "default"]);
    assert_eq!(ip[0]["gateway"], gws[0]["gateway"]);
    // --resolve with CAP_NET_RAW: netkit's own ARP request; the router answers with its MAC.
    let o = lan
        .lab
        .netkit(&lan.host, &["--json", "gateway", "-4", "--resolve"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["gateways"][0]["mac"], ROUTER_MAC);
    assert_eq!(v["gateways"][0]["neighbour_state"], "ARP reply");
    assert!(
        v["gateways"][0]["vendor"]
            .as_str()
            .unwrap_or("")
            .to_lowercase()
            .contains("xensource"),
        "{v}"
    );
    // Without the privilege: the kernel is made to ask, and its neighbour cache then holds the MAC.
    let o = lan
        .lab
        .netkit_unprivileged(&lan.host, &["--json", "gateway", "--resolve"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["gateways"][0]["mac"], ROUTER_MAC, "{v}");
    let text = stdout(&lan.lab.netkit(&lan.host, &["gateway"]));
    assert!(
        text.contains(ROUTER_MAC) && text.contains("198.51.100.1"),
        "{text}"
    );
}

#[test]
fn bad_destinations() {
    assert_bad_input(&["route", "get", "10.0.0.300"], "300");
    assert_bad_input(&["route", "get", "bad..name"], "host name");
    assert_bad_input(
        &["gateway", "--resolve", "--timeout", "1 minute"],
        "timeout",
    );
}

#[test]
fn route_get_follows_policy_rules() {
    let Some(lan) = Lan::new("route_get_follows_policy_rules") else {
        return;
    };
    // Traffic to the remote net is steered by a rule into table 100, via another LAN router.
    lan.lab.ip(&[
        "-n",
        &lan.host,
        "route",
        "add",
        "203.0.113.0/24",
        "via",
        "198.51.100.3",
        "table",
        "100",
    ]);
    lan.lab.ip(&[
        "-n",
        &lan.host,
        "rule",
        "add",
        "to",
        "203.0.113.0/24",
        "table",
        "100",
    ]);
    let v = json(
        &lan.lab
            .netkit(&lan.host, &["--json", "route", "get", "203.0.113.10"]),
    );
    let ip = ip_route_get(&lan, "203.0.113.10");
    assert_eq!(v["gateway"], "198.51.100.3");
    assert_eq!(v["gateway"], ip["gateway"]);
    assert_eq!(v["table"], "100");
    // The main table still says .1, and `gateway` (default routes) is unchanged.
    let g = json(&lan.lab.netkit(&lan.host, &["--json", "gateway", "-4"]));
    assert_eq!(g["gateways"][0]["gateway"], "198.51.100.1");
}

/// A resolver that never answers (its options let getaddrinfo wait a minute): `route get NAME`
/// and `flow NAME:PORT` give up after their --timeout, exit 3, saying so.
#[test]
fn name_lookups_end_at_the_timeout() {
    let Some(mut lan) = Lan::new("route_name_lookups_end_at_the_timeout") else {
        return;
    };
    let silent = "import socket, time\n\
                  s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n\
                  s.bind(('0.0.0.0', 53))\n\
                  time.sleep(120)\n";
    let _resolver = lan
        .lab
        .daemon(&lan.remote, "python3", &["-c", silent], "udp", 53);
    let host = lan.host.clone();
    lan.lab.etc_file(
        &host,
        "resolv.conf",
        "nameserver 203.0.113.10\noptions timeout:30 attempts:2\n",
    );
    for args in [
        &["route", "get", "slow.lab.test", "--timeout", "1"][..],
        &["flow", "slow.lab.test:80", "--timeout", "1"],
    ] {
        let started = std::time::Instant::now();
        let o = lan.lab.netkit(&lan.host, args);
        let took = started.elapsed();
        assert_eq!(code(&o), 3, "{args:?}: {}{}", stdout(&o), stderr(&o));
        assert!(
            took < std::time::Duration::from_secs(10),
            "{args:?} took {took:?}"
        );
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("no answer within 1 s"), "{args:?}: {err}");
    }
}

/// Issue 27 item 5: a name the system resolver gets no answer for (its DNS server refuses the
/// query: nothing listens on 127.0.0.1:53 in this namespace) is a negative answer in words,
/// exit 1 as the help says, for `route get` and `flow` alike; never the C library's raw text.
#[test]
fn a_name_without_an_answer_is_said_in_words_and_exits_1() {
    let Some(mut lan) = Lan::new("route_name_without_an_answer") else {
        return;
    };
    let host = lan.host.clone();
    lan.lab.etc_file(&host, "hosts", "127.0.0.1 localhost\n");
    lan.lab
        .etc_file(&host, "resolv.conf", "nameserver 127.0.0.1\n");
    let o = lan.lab.netkit(&host, &["route", "get", "nosuch"]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(code(&o), 1, "{out}{err}");
    assert!(out.starts_with("No address: the system resolver"), "{out}");
    assert!(out.contains("netkit dns nosuch"), "{out}");
    for raw in ["Temporary failure", "os error", "failed to lookup"] {
        assert!(!out.contains(raw) && !err.contains(raw), "{out}{err}");
    }
    assert!(err.is_empty(), "{err}");
    let v = json(&lan.lab.netkit(&host, &["--json", "route", "get", "nosuch"]));
    assert_eq!(v["failed_at"], "dns", "{v}");
    let o = lan.lab.netkit(&host, &["--json", "flow", "nosuch:80"]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let v = json(&o);
    assert_eq!(v["steps"][0]["outcome"], "no", "{v}");
    assert_eq!(
        v["steps"][0]["summary"],
        serde_json::json!(v_reason(&lan, &host))
    );
}

/// `route get nosuch`'s reason, which `flow`'s DNS step must say too.
fn v_reason(lan: &Lan, host: &str) -> String {
    let v = json(&lan.lab.netkit(host, &["--json", "route", "get", "nosuch"]));
    v["reason"].as_str().unwrap().to_string()
}

/// Issue 27 item 3: for people, `gateway` says what a gateway is and what the Metric, Table,
/// Proto and State columns hold, for the values shown.
#[test]
fn gateway_explains_what_it_shows() {
    let Some(lan) = Lan::new("gateway_explains_what_it_shows") else {
        return;
    };
    // The gateway's MAC in the cache (REACHABLE), from a ping of the kernel's own.
    let o = lan
        .lab
        .exec(&lan.host, "ping", &["-c", "1", "-W", "2", "198.51.100.1"]);
    assert!(o.status.success());
    let o = lan.lab.netkit(&lan.host, &["gateway", "-4"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    let v = json(&lan.lab.netkit(&lan.host, &["--json", "gateway", "-4"]));
    let g = &v["gateways"][0];
    for want in [
        "The IPv4 default gateway is 198.51.100.1, the router's address on eth0: packets for \
         every network this host is not directly on are sent to it"
            .to_string(),
        "Metric: the route's cost".into(),
        format!(
            "Table {}: the routing table ip route shows",
            g["table"].as_str().unwrap()
        ),
        format!(
            "Proto {}: the route was set up",
            g["protocol"].as_str().unwrap()
        ),
        format!("State {}: ", g["neighbour_state"].as_str().unwrap()),
    ] {
        assert!(text.contains(&want), "{want}:\n{text}");
    }
}
