//! `netkit flow` in the namespace LAN: a destination on the local subnet and one on the remote
//! net behind the router, each step checked; and the walk stopping where it should.

use crate::common::netns::{Chain, Daemon, Lab, Lan, ROUTER_MAC};
use crate::common::*;

/// A TCP listener on port 8080 inside `ns` (python3).
fn listen(lan: &Lan, ns: &str) -> Daemon {
    let code = "import socket,time\ns=socket.socket()\ns.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n\
                s.bind(('0.0.0.0',8080))\ns.listen(16)\ntime.sleep(60)";
    lan.lab.daemon(ns, "python3", &["-c", code], "tcp", 8080)
}

/// The LAN's DNS server with `remote.test` (203.0.113.10); the host's resolv.conf points to it.
fn lan_dns(lan: &mut Lan, dir: &tempfile::TempDir) -> Daemon {
    lan.dns_server(
        dir,
        "203.0.113.10 remote.test\n",
        "nameserver 198.51.100.1\n",
    )
}

fn steps(v: &serde_json::Value) -> Vec<(String, String)> {
    v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap().to_string(),
                s["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn local_subnet_destination() {
    let Some(lan) = Lan::new("flow_local") else {
        return;
    };
    let _l = listen(&lan, &lan.router);
    let o = lan
        .lab
        .netkit(&lan.host, &["--json", "flow", "198.51.100.1:8080"]);
    assert_eq!(code(&o), 0, "{}\n{}", stdout(&o), stderr(&o));
    let v = json(&o);
    assert_eq!(
        steps(&v),
        pairs(&[
            ("dns", "skipped"),
            ("routing", "ok"),
            ("arp", "ok"),
            ("tcp", "ok")
        ])
    );
    let routing = &v["steps"][1];
    assert!(
        routing["summary"]
            .as_str()
            .unwrap()
            .contains("directly on eth0"),
        "{routing}"
    );
    assert!(
        routing["details"].to_string().contains("same subnet"),
        "{routing}"
    );
    assert!(
        v["steps"][2]["summary"]
            .as_str()
            .unwrap()
            .contains(ROUTER_MAC)
    );
    let text = stdout(&lan.lab.netkit(&lan.host, &["flow", "198.51.100.1:8080"]));
    for want in [
        "DNS",
        "Routing",
        "ARP",
        "TCP",
        "AND 255.255.255.0",
        "can talk",
    ] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
}

#[test]
fn remote_destination_by_name_goes_via_the_gateway() {
    let Some(mut lan) = Lan::new("flow_remote") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let _dns = lan_dns(&mut lan, &dir);
    let _l = listen(&lan, &lan.remote);
    let o = lan
        .lab
        .netkit(&lan.host, &["--json", "flow", "remote.test:8080"]);
    assert_eq!(code(&o), 0, "{}\n{}", stdout(&o), stderr(&o));
    let v = json(&o);
    assert_eq!(
        steps(&v),
        pairs(&[
            ("dns", "ok"),
            ("routing", "ok"),
            ("arp", "ok"),
            ("tcp", "ok")
        ])
    );
    assert_eq!(v["address"], "203.0.113.10");
    assert!(
        v["steps"][1]["summary"]
            .as_str()
            .unwrap()
            .contains("gateway 198.51.100.1")
    );
    assert!(
        v["steps"][1]["details"]
            .to_string()
            .contains("different subnets")
    );
    // ARP is for the gateway, not for the destination.
    let arp = v["steps"][2]["summary"].as_str().unwrap();
    assert!(
        arp.contains("198.51.100.1") && arp.contains(ROUTER_MAC) && arp.contains("gateway"),
        "{arp}"
    );
    // Issue 17: every step's findings as fields; the routing step is route get's own answer.
    let route = json(
        &lan.lab
            .netkit(&lan.host, &["--json", "route", "get", "203.0.113.10"]),
    );
    assert_eq!(v["steps"][1]["facts"], route, "{v}");
    assert_eq!(v["steps"][0]["facts"]["address"], "203.0.113.10");
    let neighbour = &v["steps"][2]["facts"];
    assert_eq!(neighbour["next_hop"], "198.51.100.1", "{v}");
    assert_eq!(neighbour["mac"], ROUTER_MAC, "{v}");
    assert_eq!(v["steps"][3]["facts"]["remote"], "203.0.113.10:8080", "{v}");
    assert!(
        v["steps"][3]["facts"]["local"]
            .as_str()
            .unwrap()
            .starts_with("198.51.100.2:"),
        "{v}"
    );
    // Without a port the walk ends after ARP.
    let v = json(
        &lan.lab
            .netkit(&lan.host, &["--json", "flow", "remote.test"]),
    );
    assert_eq!(
        steps(&v),
        pairs(&[("dns", "ok"), ("routing", "ok"), ("arp", "ok")])
    );
}

#[test]
fn the_walk_stops_at_the_first_failure() {
    let Some(mut lan) = Lan::new("flow_failures") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let _dns = lan_dns(&mut lan, &dir);
    // Nothing listens: refused, a negative answer.
    let o = lan
        .lab
        .netkit(&lan.host, &["--json", "flow", "203.0.113.10:8080"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert_eq!(
        steps(&json(&o)).last().unwrap(),
        &("tcp".to_string(), "no".to_string())
    );
    // Nobody has this address on the LAN: ARP fails, no TCP step.
    let o = lan.lab.netkit(
        &lan.host,
        &["--json", "flow", "198.51.100.77:8080", "--timeout", "0.3"],
    );
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert_eq!(
        steps(&json(&o)),
        pairs(&[("dns", "skipped"), ("routing", "ok"), ("arp", "no")])
    );
    // An unknown name (NXDOMAIN from the LAN's DNS server): DNS fails first.
    let o = lan
        .lab
        .netkit(&lan.host, &["--json", "flow", "nosuch.test:80"]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert_eq!(steps(&json(&o)), pairs(&[("dns", "no")]));
    assert_bad_input(&["flow", "host:99999"], "port");
}

/// This host's own address: the routing step says so and the walk goes straight on to TCP,
/// with no ARP step (loopback only).
#[test]
fn this_hosts_own_address_skips_arp() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dest = listener.local_addr().unwrap().to_string();
    let o = run(&["--json", "flow", &dest, "--timeout", "2"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        steps(&v),
        pairs(&[("dns", "skipped"), ("routing", "ok"), ("tcp", "ok")])
    );
    assert!(
        v["steps"][1]["summary"]
            .as_str()
            .unwrap()
            .contains("this host itself"),
        "{v}"
    );
}

/// Issue 17: on a terminal each step shows when it is taken (routing long before the TCP step
/// that waits), and the sentences wrap at word boundaries to fit 70 columns.
#[test]
fn steps_show_as_they_are_taken_and_fit_the_terminal() {
    let Some(lan) = Lan::new("flow_live") else {
        return;
    };
    // Nothing at 203.0.113.99: the SYN goes unanswered for the whole timeout.
    let (_, lines) = live_in(
        &lan.host,
        70,
        &["flow", "203.0.113.99:80", "--timeout", "2"],
    );
    let routing = when(&lines, "2. Routing");
    let end = when(&lines, "Stopped at the step above");
    assert!(
        routing + std::time::Duration::from_millis(1500) < end,
        "{lines:#?}"
    );
    for (_, l) in &lines {
        assert!(
            l.chars().count() <= 70,
            "{} columns: {l:?}",
            l.chars().count()
        );
    }
    // Wrapped, not cut: the routing step's words are all there.
    let text: String = lines
        .iter()
        .map(|(_, l)| l.trim().to_string() + " ")
        .collect();
    assert!(text.contains("198.51.100.1"), "{text}");
}

/// Issue 17: Ctrl-C during the TCP step ends the walk with the steps taken so far, the TCP step
/// saying it was interrupted (a negative answer: exit 1).
#[test]
fn ctrl_c_keeps_the_steps_taken() {
    let Some(lan) = Lan::new("flow_ctrl_c") else {
        return;
    };
    let started = std::time::Instant::now();
    let o = interrupted_in(
        &lan.host,
        &["--json", "flow", "203.0.113.99:80", "--timeout", "20"],
        std::time::Duration::from_millis(1500),
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        steps(&v),
        pairs(&[
            ("dns", "skipped"),
            ("routing", "ok"),
            ("arp", "ok"),
            ("tcp", "no")
        ])
    );
    assert!(
        v["steps"][3]["summary"]
            .as_str()
            .unwrap()
            .contains("interrupted (Ctrl-C)"),
        "{v}"
    );
}

/// Issue 27 item 5: a network a router on the way has no route to (r4 of the chain answers
/// "network unreachable") is said in words with the next step, exit 3 as the help says; a host
/// without a default route says so at the routing step with where to look, exit 1. Never
/// "Network is unreachable (os error 101)" nor "the network said no".
#[test]
fn an_unreachable_network_is_said_in_words_with_the_next_step() {
    let Some(chain) = Chain::new("flow_unreachable_network") else {
        return;
    };
    let dest = format!("{}:80", Chain::UNREACHABLE_NET.0);
    let o = chain
        .lab()
        .netkit(chain.host(), &["flow", &dest, "--timeout", "3"]);
    let text = stdout(&o);
    assert_eq!(code(&o), 3, "{text}{}", stderr(&o));
    assert!(text.contains("its network is unreachable"), "{text}");
    assert!(
        text.contains(&format!("netkit trace {}", Chain::UNREACHABLE_NET.0)),
        "{text}"
    );
    for raw in ["os error", "the network said no", "Network is unreachable"] {
        assert!(!text.contains(raw), "{raw}: {text}");
    }

    let Some(mut lab) = Lab::new("flow_no_default_route") else {
        return;
    };
    let alone = lab.ns("alone");
    let o = lab.netkit(&alone, &["flow", "203.0.113.10:80"]);
    let text = stdout(&o);
    assert_eq!(code(&o), 1, "{text}{}", stderr(&o));
    assert!(
        text.contains("no IPv4 default route") && text.contains("netkit gateway"),
        "{text}"
    );
    assert!(text.contains("netkit route get 203.0.113.10"), "{text}");
    assert!(!text.contains("os error"), "{text}");
}
