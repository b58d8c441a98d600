//! `netkit dhcp discover` against a real DHCP server (dnsmasq) in the router namespace of a LAN
//! made by the test: the offer must carry exactly the server's configuration, no lease may be
//! taken, and with no server the answer is exit 1 within the timeout; a server that pings before
//! offering is waited for, and a lost DHCPDISCOVER is sent again after 4 s with the same xid.

use std::time::{Duration, Instant};

use crate::common::netns::{Daemon, Lan};
use crate::common::*;

/// dnsmasq serving DHCP on the router's LAN side, with its lease file in `leases`.
pub(crate) fn start_dnsmasq(lan: &Lan, leases: &tempfile::TempDir) -> Daemon {
    let router = lan.router.clone();
    start_dhcp_server(
        lan,
        &router,
        "lan0",
        leases,
        &[
            "--dhcp-range=198.51.100.100,198.51.100.150,255.255.255.0,12h",
            "--dhcp-option=option:router,198.51.100.1",
            "--dhcp-option=option:dns-server,198.51.100.53",
        ],
    )
}

/// dnsmasq serving DHCP in namespace `ns` on `iface`, with its lease file in `leases` and the
/// range and options in `config`.
pub(crate) fn start_dhcp_server(
    lan: &Lan,
    ns: &str,
    iface: &str,
    leases: &tempfile::TempDir,
    config: &[&str],
) -> Daemon {
    let mut args = vec!["--no-ping"];
    args.extend(config);
    start_dhcp_server_with(lan, ns, iface, leases, &args)
}

/// dnsmasq serving DHCP in namespace `ns` on `iface` as [`start_dhcp_server`] starts it, with
/// `config` only (without --no-ping, dnsmasq pings an address for up to 3 s before offering it).
pub(crate) fn start_dhcp_server_with(
    lan: &Lan,
    ns: &str,
    iface: &str,
    leases: &tempfile::TempDir,
    config: &[&str],
) -> Daemon {
    let lease_file = format!(
        "--dhcp-leasefile={}",
        leases.path().join("leases").display()
    );
    let pid_file = format!("--pid-file={}", leases.path().join("pid").display());
    let interface = format!("--interface={iface}");
    let mut args = vec![
        "--no-daemon",
        "--conf-file=/dev/null",
        "--port=0",
        interface.as_str(),
        "--bind-interfaces",
        "--domain=lan.test",
        lease_file.as_str(),
        pid_file.as_str(),
    ];
    args.extend(config);
    lan.lab.daemon(ns, "dnsmasq", &args, "udp", 67)
}

/// `netkit [--json] dhcp discover -I eth0 --timeout TIMEOUT --expect EXPECT` in namespace `ns`.
pub(crate) fn discover_expecting(
    lan: &Lan,
    ns: &str,
    expect: &str,
    timeout: &str,
    json: bool,
) -> std::process::Output {
    let mut args = vec![
        "dhcp",
        "discover",
        "-I",
        "eth0",
        "--timeout",
        timeout,
        "--expect",
        expect,
    ];
    if json {
        args.insert(0, "--json");
    }
    lan.lab.netkit(ns, &args)
}

/// What an offer holds beyond the basics: T1/T2, MTU, classless static routes (option 121),
/// PXE boot (66/67), and every option as bytes; --raw lists them for people too.
#[test]
fn renewal_mtu_routes_pxe_and_raw_options() {
    let Some(mut lan) = Lan::new("dhcp_options") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:99");
    let leases = tempfile::tempdir().unwrap();
    let router = lan.router.clone();
    let _server = start_dhcp_server(
        &lan,
        &router,
        "lan0",
        &leases,
        &[
            "--dhcp-range=198.51.100.100,198.51.100.150,255.255.255.0,2h",
            "--dhcp-option=option:router,198.51.100.1",
            "--dhcp-option=option:T1,1800",
            "--dhcp-option=option:T2,3150",
            "--dhcp-option=option:mtu,1400",
            "--dhcp-option=option:classless-static-route,10.0.0.0/8,198.51.100.254,0.0.0.0/0,198.51.100.1",
            "--dhcp-option=66,tftp.lan.test",
            "--dhcp-option=67,pxelinux.0",
        ],
    );
    let o = lan.lab.netkit(
        &client,
        &["--json", "dhcp", "discover", "-I", "eth0", "--timeout", "3"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let offer = &v["offers"][0];
    assert_eq!(offer["renewal_seconds"], 1800, "{offer}");
    assert_eq!(offer["rebinding_seconds"], 3150);
    assert_eq!(offer["lease_seconds"], 7200);
    assert_eq!(offer["mtu"], 1400);
    assert_eq!(
        offer["classless_routes"],
        serde_json::json!([
            {"destination": "10.0.0.0/8", "router": "198.51.100.254"},
            {"destination": "0.0.0.0/0", "router": "198.51.100.1"}
        ])
    );
    assert_eq!(offer["tftp_server"], "tftp.lan.test");
    assert_eq!(offer["boot_file"], "pxelinux.0");
    // Every option as it came: the MTU's two bytes among them.
    let options = offer["options"].as_array().unwrap();
    assert!(
        options
            .iter()
            .any(|o| o["code"] == 26 && o["name"] == "interface_mtu" && o["hex"] == "0578"),
        "{options:?}"
    );
    assert_eq!(
        options[0]["code"], 53,
        "the message type first: {options:?}"
    );
    let o = lan.lab.netkit(
        &client,
        &["dhcp", "discover", "-I", "eth0", "--timeout", "3", "--raw"],
    );
    let text = stdout(&o);
    assert!(
        text.contains(
            "198.51.100.1: renews (T1) after 30m; rebinds (T2) after 52m30s; MTU 1400; \
             routes (option 121, in place of the router option) 10.0.0.0/8 via 198.51.100.254, \
             0.0.0.0/0 via 198.51.100.1; PXE boot: pxelinux.0 from TFTP server tftp.lan.test\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\n   26 interface_mtu            0578\n"),
        "{text}"
    );
}

/// --expect: an offer from a second DHCP server on the LAN is a rogue DHCP server, exit 1, in
/// JSON and for people; with only the expected server answering, exit 0.
#[test]
fn a_rogue_dhcp_server_is_named() {
    let Some(mut lan) = Lan::new("dhcp_rogue") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:99");
    let rogue = lan.add_peer("rogue", "198.51.100.66/24", "00:16:3e:00:00:66");
    let (leases, rogue_leases) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let _server = start_dnsmasq(&lan, &leases);
    let discover = |expect: &str, json: bool| discover_expecting(&lan, &client, expect, "2", json);
    let o = discover("198.51.100.1", true);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["expected_server"], "198.51.100.1");
    assert_eq!(v["rogue_servers"], serde_json::json!([]));
    assert_eq!(v["offers"][0]["verdict"], "expected", "{v}");
    assert_eq!(v["offers"][0]["server_id"], "198.51.100.1", "{v}");
    let text = stdout(&discover("198.51.100.1", false));
    assert!(
        text.contains(
            "No rogue DHCP server: only 198.51.100.1 at 00:16:3e:00:00:01, the expected server, \
             answered"
        ),
        "{text}"
    );
    let _rogue = start_dhcp_server(
        &lan,
        &rogue,
        "eth0",
        &rogue_leases,
        &[
            "--dhcp-range=198.51.100.200,198.51.100.210,255.255.255.0,1h",
            "--dhcp-option=option:router,198.51.100.66",
        ],
    );
    let o = discover("198.51.100.1", true);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        v["rogue_servers"],
        serde_json::json!([
            {"address": "198.51.100.66", "mac": "00:16:3e:00:00:66", "verdict": "other_address"}
        ]),
        "{v}"
    );
    assert_eq!(v["offers"].as_array().unwrap().len(), 2, "{v}");
    let o = discover("198.51.100.1", false);
    assert_eq!(code(&o), 1);
    let text = stdout(&o);
    assert!(
        text.contains(
            "Rogue DHCP server: 198.51.100.66 at 00:16:3e:00:00:66 offered addresses besides the \
             expected 198.51.100.1 at 00:16:3e:00:00:01: hosts that take its offer get its router \
             and DNS servers"
        ),
        "{text}"
    );
}

#[test]
fn the_offer_carries_the_servers_configuration() {
    let Some(mut lan) = Lan::new("dhcp_offer") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:99");
    let leases = tempfile::tempdir().unwrap();
    let _server = start_dnsmasq(&lan, &leases);
    let o = lan.lab.netkit(
        &client,
        &["--json", "dhcp", "discover", "-I", "eth0", "--timeout", "3"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["client_mac"], "00:16:3e:00:00:99");
    let offers = v["offers"].as_array().unwrap();
    assert_eq!(offers.len(), 1, "{v}");
    let offer = &offers[0];
    assert_eq!(offer["server"], "198.51.100.1");
    let offered: std::net::Ipv4Addr = offer["offered"].as_str().unwrap().parse().unwrap();
    assert!(
        (100..=150).contains(&offered.octets()[3]) && offered.octets()[..3] == [198, 51, 100],
        "{offered}"
    );
    assert_eq!(offer["subnet_mask"], "255.255.255.0");
    assert_eq!(offer["routers"], serde_json::json!(["198.51.100.1"]));
    assert_eq!(offer["dns_servers"], serde_json::json!(["198.51.100.53"]));
    assert_eq!(offer["lease_seconds"], 43200);
    assert_eq!(offer["domain"], "lan.test");
    assert_eq!(offer["broadcast"], "198.51.100.255");
    // Discover only: the server handed out no lease.
    let leases = std::fs::read_to_string(leases.path().join("leases")).unwrap_or_default();
    assert!(leases.trim().is_empty(), "a lease was taken: {leases}");
    // --mac puts another client address in the request.
    let v = json(&lan.lab.netkit(
        &client,
        &[
            "--json",
            "dhcp",
            "discover",
            "--mac",
            "02:00:00:00:00:42",
            "--timeout",
            "3",
        ],
    ));
    assert_eq!(v["client_mac"], "02:00:00:00:00:42");
    assert_eq!(v["offers"].as_array().unwrap().len(), 1, "{v}");
    let text = stdout(
        &lan.lab
            .netkit(&client, &["dhcp", "discover", "--timeout", "3"]),
    );
    assert!(
        text.contains("198.51.100.53")
            && text.contains("lan.test")
            && text.contains("no lease was requested"),
        "{text}"
    );
}

#[test]
fn no_server_means_exit_1_within_the_timeout() {
    let Some(mut lan) = Lan::new("dhcp_no_server") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:98");
    let t = Instant::now();
    let o = lan
        .lab
        .netkit(&client, &["dhcp", "discover", "--timeout", "0.5"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(t.elapsed() < Duration::from_secs(3));
    assert!(stdout(&o).contains("No offer"), "{}", stdout(&o));
    let o = lan
        .lab
        .netkit_unprivileged(&client, &["dhcp", "discover", "--timeout", "0.5"]);
    assert_needs_cap_net_raw(&o);
}

/// Issue 17: on a terminal the header shows at once and each offer when it comes, the table at
/// the end of the wait; Ctrl-C ends the wait with the offers seen (exit 0).
#[test]
fn offers_show_as_they_come_and_ctrl_c_keeps_them() {
    let Some(mut lan) = Lan::new("dhcp_live") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:98");
    let leases = tempfile::tempdir().unwrap();
    let _server = start_dnsmasq(&lan, &leases);
    let (ok, lines) = live_in(
        &client,
        70,
        &["dhcp", "discover", "-I", "eth0", "--timeout", "3"],
    );
    assert!(ok, "{lines:?}");
    let header = when(&lines, "DHCPDISCOVER on eth0");
    let offer = when(&lines, "offer from 198.51.100.1");
    let end = when(&lines, "1 offer.");
    assert!(header < std::time::Duration::from_millis(1500), "{lines:?}");
    assert!(
        offer + std::time::Duration::from_millis(1000) < end,
        "{lines:?}"
    );
    // The offers' table fits the 70-column terminal.
    for (_, l) in &lines {
        let w = unicode_width::UnicodeWidthStr::width(l.as_str());
        assert!(w <= 70, "{w} columns: {l}");
    }

    let started = std::time::Instant::now();
    let o = interrupted_in(
        &client,
        &[
            "--json",
            "dhcp",
            "discover",
            "-I",
            "eth0",
            "--timeout",
            "30",
        ],
        std::time::Duration::from_millis(2000),
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(6));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["offers"].as_array().unwrap().len(), 1, "{v}");
}

/// Issue 26 item 5: dnsmasq (the DHCP server of most home routers) pings the address it is
/// about to offer and offers it only when nobody answered, 3 s later: the default wait takes
/// that offer with room to spare.
#[test]
fn a_server_that_pings_first_is_waited_for() {
    let Some(mut lan) = Lan::new("dhcp_ping_first") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:97");
    let leases = tempfile::tempdir().unwrap();
    let router = lan.router.clone();
    let _server = start_dhcp_server_with(
        &lan,
        &router,
        "lan0",
        &leases,
        &["--dhcp-range=198.51.100.100,198.51.100.150,255.255.255.0,12h"],
    );
    let o = lan
        .lab
        .netkit(&client, &["--json", "dhcp", "discover", "-I", "eth0"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let offers = v["offers"].as_array().unwrap();
    assert_eq!(offers.len(), 1, "{v}");
    let rtt = offers[0]["rtt_ms"].as_f64().unwrap();
    assert!(rtt > 2500.0, "dnsmasq pinged first: {rtt} ms");
    assert_eq!(v["timeout_ms"], 5000.0);
}

/// Issue 26 item 5: the first DHCPDISCOVER is lost (the router's firewall drops it): after 4 s
/// without an offer it goes out again with the same xid, as DHCP clients retransmit, and the
/// offer to it is taken; on a terminal the second send is said as it happens.
#[test]
fn a_lost_discover_is_sent_again() {
    let Some(mut lan) = Lan::new("dhcp_retransmit") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:96");
    let leases = tempfile::tempdir().unwrap();
    let _server = start_dnsmasq(&lan, &leases);
    let first_lost =
        "INPUT -p udp --dport 67 -m statistic --mode nth --every 1000 --packet 0 -j DROP";
    lan.lab.iptables(&lan.router, first_lost);
    let o = lan
        .lab
        .netkit(&client, &["--json", "dhcp", "discover", "-I", "eth0"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["discovers_sent"], 2, "{v}");
    let offers = v["offers"].as_array().unwrap();
    assert_eq!(offers.len(), 1, "{v}");
    let rtt = offers[0]["rtt_ms"].as_f64().unwrap();
    assert!(
        (4000.0..5000.0).contains(&rtt),
        "the offer answers the second: {rtt} ms"
    );
    lan.lab.iptables_del(&lan.router, first_lost);
    lan.lab.iptables(&lan.router, first_lost);
    let (ok, lines) = live_in(&client, 100, &["dhcp", "discover", "-I", "eth0"]);
    assert!(ok, "{lines:?}");
    let again = when(
        &lines,
        "no offer after 4 s: DHCPDISCOVER sent again (xid 0x",
    );
    let offer = when(&lines, "offer from 198.51.100.1");
    assert!(again < offer, "{lines:?}");
    // With an offer in time, one DHCPDISCOVER only.
    lan.lab.iptables_del(&lan.router, first_lost);
    let v = json(&lan.lab.netkit(
        &client,
        &["--json", "dhcp", "discover", "-I", "eth0", "--timeout", "2"],
    ));
    assert_eq!(v["discovers_sent"], 1, "{v}");
}
