//! Issue 27 item 3: commands say what the primer's words mean where they happen, for people
//! only (the JSON keeps its facts): ARP's broadcast request and unicast reply, the neighbour
//! cache's states and what it hides, DHCP's four messages, what a TTL is, why a split by count
//! makes a power of two, the addresses a standard fixes; and nouns counted right ("1 request").
//! Each sentence is pinned here with its exit code; the LAN commands run on the namespace LAN.

use crate::common::netns::{HOST_MAC, Lan};
use crate::common::*;

#[test]
fn arp_says_the_request_is_a_broadcast_and_the_reply_a_unicast() {
    let Some(lan) = Lan::new("teach_arp") else {
        return;
    };
    let o = lan
        .lab
        .netkit(&lan.host, &["arp", "198.51.100.1", "-c", "1"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    for want in [
        "Each request is a broadcast to ff:ff:ff:ff:ff:ff, which every host on the link receives"
            .to_string(),
        "\"who has 198.51.100.1? tell 198.51.100.2\"".into(),
        format!(
            "only the host that has 198.51.100.1 answers, with a unicast reply to {HOST_MAC} alone."
        ),
        "1 request sent, 1 answered".into(),
    ] {
        assert!(text.contains(&want), "{want}:\n{text}");
    }
    let o = lan
        .lab
        .netkit(&lan.host, &["arp", "--dad", "198.51.100.1", "-c", "1"]);
    assert_eq!(code(&o), 1, "the address is taken: {}", stderr(&o));
    assert!(
        stdout(&o)
            .contains("Each probe is a broadcast \"who has 198.51.100.1?\" sent from 0.0.0.0"),
        "{}",
        stdout(&o)
    );
}

/// NOARP entries are hidden as `ip neigh` hides them and shown with --all as `ip neigh show
/// nud all` shows them (the same addresses, both ways); the all-zero MAC names no vendor; the
/// states shown are explained, and why a scan's hosts are not there.
#[test]
fn arp_cache_hides_what_ip_neigh_hides_and_explains_its_states() {
    let Some(lan) = Lan::new("teach_arp_cache") else {
        return;
    };
    let o = lan
        .lab
        .exec(&lan.host, "ping", &["-c", "1", "-W", "2", "198.51.100.1"]);
    assert!(o.status.success());
    lan.lab.ipn(
        &lan.host,
        "neigh add 198.51.100.60 lladdr 00:00:00:00:00:00 dev eth0 nud noarp",
    );
    let addresses = |v: &serde_json::Value, key: &str| -> Vec<String> {
        let mut list: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e[key].as_str().unwrap().to_string())
            .filter(|a| !a.parse::<std::net::IpAddr>().unwrap().is_multicast())
            .collect();
        list.sort();
        list
    };
    for (ours, theirs) in [
        (&["--json", "arp", "cache"][..], &["neigh", "show"][..]),
        (
            &["--json", "arp", "cache", "--all"],
            &["neigh", "show", "nud", "all"],
        ),
    ] {
        let v = json(&lan.lab.netkit(&lan.host, ours));
        let ip = lan.lab.ip_json(&lan.host, theirs);
        assert_eq!(
            addresses(&v["entries"], "ip"),
            addresses(&ip, "dst"),
            "{ours:?} against ip {theirs:?}"
        );
    }
    let v = json(
        &lan.lab
            .netkit(&lan.host, &["--json", "arp", "cache", "--all"]),
    );
    let zero = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["ip"] == "198.51.100.60")
        .expect("the NOARP entry with --all");
    assert_eq!(zero["vendor"], serde_json::Value::Null, "{zero}");
    let o = lan.lab.netkit(&lan.host, &["arp", "cache"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    for want in [
        "REACHABLE: confirmed recently",
        "1 NOARP entry is hidden",
        "--all shows them",
        "the answers to netkit arp and arp scan, which use frames of their own, are not added",
    ] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
    let text = stdout(&lan.lab.netkit(&lan.host, &["arp", "cache", "--all"]));
    assert!(
        text.contains("NOARP: no link-layer address to find"),
        "{text}"
    );
    assert!(!text.to_lowercase().contains("xerox"), "{text}");
    // A scan's hosts: the note says why the cache does not get them.
    let o = lan.lab.netkit(
        &lan.host,
        &["arp", "scan", "198.51.100.0/29", "--timeout", "200ms"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("these hosts are not added to the neighbour cache"),
        "{text}"
    );
    assert!(text.contains("1 of 5 addresses in"), "{text}");
}

#[test]
fn dhcp_discover_says_the_four_messages_and_where_it_stops() {
    let Some(mut lan) = Lan::new("teach_dhcp") else {
        return;
    };
    let client = lan.add_peer("cli", "", "00:16:3e:00:00:97");
    let exchange = "DHCP takes four messages: Discover (the client's broadcast), Offer (each \
                    server's answer), Request (the client takes one offer) and Ack (that server \
                    confirms the lease); netkit stops after the Offers, so no lease was requested \
                    or taken.";
    let o = lan
        .lab
        .netkit(&client, &["dhcp", "discover", "--timeout", "0.5"]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains(exchange), "{}", stdout(&o));
    let leases = tempfile::tempdir().unwrap();
    let _server = crate::dhcp::start_dnsmasq(&lan, &leases);
    let o = lan
        .lab
        .netkit(&client, &["dhcp", "discover", "--timeout", "3"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("\n1 offer.\n"), "{text}");
    assert!(text.contains(exchange), "{text}");
    assert!(!text.contains("(s)"), "{text}");
}

/// What `ttl=` is, and how many routers it suggests: the remote host is behind the router, so
/// its replies arrive with 64 - 1; the router itself answers with 64. With -t 1 the router
/// says "Time to live exceeded", and the note names it.
#[test]
fn ping_says_what_ttl_is_and_who_said_time_to_live_exceeded() {
    let Some(lan) = Lan::new("teach_ping") else {
        return;
    };
    for (dest, ttl, sentence) in [
        (
            "203.0.113.10",
            63,
            "63 is 1 below 64, so the replies most likely crossed 1 router.",
        ),
        (
            "198.51.100.1",
            64,
            "64 is a usual starting value, so the replies most likely came straight across the \
             link, through no router.",
        ),
    ] {
        let o = lan
            .lab
            .netkit(&lan.host, &["ping", dest, "-c", "1", "-W", "2"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let text = stdout(&o);
        assert!(text.contains(&format!("ttl={ttl} ")), "{text}");
        assert!(
            text.contains("ttl= in the replies is what was left of their time to live (TTL)"),
            "{text}"
        );
        assert!(text.contains(sentence), "{text}");
        let v = json(
            &lan.lab
                .netkit(&lan.host, &["--json", "ping", dest, "-c", "1"]),
        );
        assert_eq!(v["replies"][0]["ttl"], ttl, "{v}");
        assert!(
            !v.to_string().contains("time to live"),
            "sentences are for people: {v}"
        );
    }
    let o = lan.lab.netkit(
        &lan.host,
        &["ping", "203.0.113.10", "-t", "1", "-c", "1", "-W", "1"],
    );
    assert_eq!(code(&o), 1);
    let text = stdout(&o);
    assert!(
        text.contains(
            "198.51.100.1 answered \"Time to live exceeded\": each router takes one off a \
             packet's TTL, and the one that takes the last drops the packet and says so; so \
             198.51.100.1 is a router on the way to 203.0.113.10"
        ),
        "{text}"
    );
    assert!(
        text.contains("netkit trace 203.0.113.10 shows every router"),
        "{text}"
    );
    assert!(text.contains("+1 error, 100% loss"), "{text}");
}

/// `subnet split --count 3` makes 4: it says why, and shows the dotted mask; `--count 4` has
/// nothing to explain.
#[test]
fn subnet_split_by_count_says_why_a_power_of_two() {
    let o = run(&["subnet", "split", "192.168.0.0/24", "--count", "3"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(
        text.starts_with("192.168.0.0/24 split into 4 subnets of /26 (mask 255.255.255.192):\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "3 asked for, 4 made: each bit taken from the host part doubles the number of \
             subnets, so there is always a power of two of them; 2^2 = 4 is the smallest that \
             holds 3, and 1 is spare."
        ),
        "{text}"
    );
    let text = stdout(&run(&["subnet", "split", "192.168.0.0/24", "--count", "4"]));
    assert!(!text.contains("asked for"), "{text}");
    let text = stdout(&run(&["subnet", "split", "10.0.0.0/8", "--count", "1"]));
    assert!(
        text.starts_with("10.0.0.0/8 split into 1 subnet of /8"),
        "{text}"
    );
    // The JSON says what was made, as before.
    let v = json(&run(&[
        "--json",
        "subnet",
        "split",
        "192.168.0.0/24",
        "--count",
        "3",
    ]));
    assert_eq!(
        (v["count"].as_u64(), v["prefix"].as_u64()),
        (Some(4), Some(26))
    );
}

#[test]
fn subnet_info_says_its_kind_once() {
    for (address, kind) in [
        (
            "192.0.2.5",
            "Kind:       documentation, TEST-NET-1 (RFC 5737)\n",
        ),
        (
            "127.0.0.1",
            "Kind:       loopback: never leaves this host (RFC 1122)\n",
        ),
        (
            "100.64.0.1",
            "Kind:       cgnat: shared address space for carrier-grade NAT (RFC 6598)\n",
        ),
    ] {
        let text = stdout(&run(&["subnet", "info", address]));
        assert!(text.contains(kind), "{address}:\n{text}");
    }
}

/// The broadcast address is not "locally administered, assigned by software"; the all-zero
/// address names no maker; each special range says what it is (JSON `special`).
#[test]
fn mac_tells_special_addresses_from_a_stations() {
    for (mac, special, says, never) in [
        (
            "ff:ff:ff:ff:ff:ff",
            "broadcast",
            "Vendor:     none: the broadcast address belongs to no maker",
            "assigned by software",
        ),
        (
            "00:00:00:00:00:00",
            "all_zero",
            "it stands for \"not known\"",
            "XEROX",
        ),
        (
            "01:00:5e:00:00:fb",
            "ipv4_multicast",
            "IPv4 multicast: carries group 224-239.0.0.251",
            "assigned by software",
        ),
        (
            "33:33:00:00:00:01",
            "ipv6_multicast",
            "33:33 is set aside for IPv6 multicast (RFC 2464)",
            "assigned by software",
        ),
        (
            "01:80:c2:00:00:0e",
            "bridge_group",
            "never forwarded by bridges",
            "locally administered",
        ),
        (
            "00:00:5e:00:01:01",
            "vrrp",
            "VRRP virtual router 1 of the IPv4 routers",
            "locally administered",
        ),
    ] {
        let o = run(&["mac", mac]);
        assert_eq!(code(&o), 0);
        let text = stdout(&o);
        assert!(
            text.contains(says) && !text.contains(never),
            "{mac}:\n{text}"
        );
        let v = json(&run(&["--json", "mac", mac]));
        assert_eq!(v["special"], special, "{v}");
    }
    let v = json(&run(&["--json", "mac", "00:00:00:00:00:00"]));
    assert_eq!(v["vendor"], serde_json::Value::Null, "{v}");
    let v = json(&run(&["--json", "mac", "3c:22:fb:12:34:56"]));
    assert_eq!(v["special"], serde_json::Value::Null, "{v}");
}
