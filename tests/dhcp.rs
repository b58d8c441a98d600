//! `netkit dhcp discover` against a real DHCP server (dnsmasq) in the router namespace of a LAN
//! made by the test: the offer must carry exactly the server's configuration, no lease may be
//! taken, and with no server the answer is exit 1 within the timeout.

use std::time::{Duration, Instant};

use crate::common::netns::{Daemon, Lan};
use crate::common::*;

/// dnsmasq serving DHCP on the router's LAN side, with its lease file in `leases`.
pub(crate) fn start_dnsmasq(lan: &Lan, leases: &tempfile::TempDir) -> Daemon {
    let lease_file = format!(
        "--dhcp-leasefile={}",
        leases.path().join("leases").display()
    );
    let pid_file = format!("--pid-file={}", leases.path().join("pid").display());
    let args = [
        "--no-daemon",
        "--no-ping",
        "--conf-file=/dev/null",
        "--port=0",
        "--interface=lan0",
        "--bind-interfaces",
        "--dhcp-range=198.51.100.100,198.51.100.150,255.255.255.0,12h",
        "--dhcp-option=option:router,198.51.100.1",
        "--dhcp-option=option:dns-server,198.51.100.53",
        "--domain=lan.test",
        lease_file.as_str(),
        pid_file.as_str(),
    ];
    lan.lab.daemon(&lan.router, "dnsmasq", &args, "udp", 67)
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
    let end = when(&lines, "1 offer(s)");
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
