//! `netkit dhcp discover` against a real DHCP server (dnsmasq) in the router namespace of a LAN
//! made by the test: the offer must carry exactly the server's configuration, no lease may be
//! taken, and with no server the answer is exit 1 within the timeout.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::netns::Lan;
use crate::common::*;

/// dnsmasq serving DHCP on the router's LAN side; killed on drop (and by the Lab's cleanup).
struct Dnsmasq {
    child: Child,
    leases: tempfile::TempDir,
}

impl Drop for Dnsmasq {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_dnsmasq(lan: &Lan) -> Dnsmasq {
    let leases = tempfile::tempdir().unwrap();
    let lease_file = leases.path().join("leases");
    let child = Command::new("ip")
        .args([
            "netns",
            "exec",
            &lan.router,
            "dnsmasq",
            "--no-daemon",
            "--no-ping",
            "--conf-file=/dev/null",
        ])
        .args(["--port=0", "--interface=lan0", "--bind-interfaces"])
        .args(["--dhcp-range=198.51.100.100,198.51.100.150,255.255.255.0,12h"])
        .args([
            "--dhcp-option=option:router,198.51.100.1",
            "--dhcp-option=option:dns-server,198.51.100.53",
        ])
        .args(["--domain=lan.test"])
        .arg(format!("--dhcp-leasefile={}", lease_file.display()))
        .arg(format!(
            "--pid-file={}",
            leases.path().join("pid").display()
        ))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dnsmasq runs (apt-get install dnsmasq-base)");
    // Ready when it listens on the DHCP port.
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(5) {
        let ss = lan.lab.exec(&lan.router, "ss", &["-Hlun", "sport = :67"]);
        if !ss.stdout.is_empty() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Dnsmasq { child, leases }
}

#[test]
fn the_offer_carries_the_servers_configuration() {
    let Some(mut lan) = Lan::new("dhcp_offer") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:99");
    let server = start_dnsmasq(&lan);
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
    let leases = std::fs::read_to_string(server.leases.path().join("leases")).unwrap_or_default();
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
    assert_eq!(code(&o), 4, "{}", stderr(&o));
    assert!(stderr(&o).contains("CAP_NET_RAW"));
}
