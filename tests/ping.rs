//! `netkit ping` on the namespace LAN: replies from the router and from the remote host (IPv4
//! and IPv6), total loss toward a silent address, -c and -w, TTL exceeded from the router, the
//! unprivileged datagram socket where ping_group_range allows it and exit 4 where it does not,
//! duplicates from a peer that answers twice, JSON, live output and Ctrl-C.

use std::time::{Duration, Instant};

use crate::common::netns::{Lan, every_ping_group};
use crate::common::*;

/// The standard LAN with IPv6 behind the router too: wan0 2001:db8:2::1, remote 2001:db8:2::10.
fn lan6(test: &str) -> Option<Lan> {
    let lan = Lan::new(test)?;
    lan.lab
        .ipn(&lan.router, "addr add 2001:db8:2::1/64 dev wan0 nodad");
    lan.lab
        .ipn(&lan.remote, "addr add 2001:db8:2::10/64 dev eth0 nodad");
    lan.lab
        .ipn(&lan.remote, "-6 route add default via 2001:db8:2::1");
    let o = lan.lab.exec(
        &lan.router,
        "sysctl",
        &["-qw", "net.ipv6.conf.all.forwarding=1"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    Some(lan)
}

#[test]
fn replies_from_the_router_and_the_remote_host() {
    let Some(lan) = lan6("ping_replies") else {
        return;
    };
    for (dest, hops, family) in [
        ("198.51.100.1", 0, "ipv4"),
        ("203.0.113.10", 1, "ipv4"),
        ("2001:db8:1::1", 0, "ipv6"),
        ("2001:db8:2::10", 1, "ipv6"),
    ] {
        let o = lan.lab.netkit(
            &lan.host,
            &["--json", "ping", dest, "-c", "3", "-i", "0.05"],
        );
        assert_eq!(code(&o), 0, "{dest}: {}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["address"], dest);
        assert_eq!(v["family"], family);
        assert_eq!(v["socket"], "raw", "root without ping_group_range");
        assert_eq!(
            (v["sent"].as_u64(), v["received"].as_u64()),
            (Some(3), Some(3))
        );
        assert_eq!(v["loss_percent"], 0.0);
        let replies = v["replies"].as_array().unwrap();
        assert_eq!(replies.len(), 3, "{v}");
        for (i, r) in replies.iter().enumerate() {
            assert_eq!(r["seq"], i as u64 + 1);
            assert_eq!(r["from"], dest);
            assert_eq!(r["bytes"], 64);
            assert_eq!(r["ttl"], 64 - hops, "{dest}: {r}");
            assert_eq!(r["duplicate"], false);
            assert!(r["rtt_ms"].as_f64().unwrap() > 0.0);
        }
        let rtt = &v["rtt"];
        assert!(rtt["min_ms"].as_f64() <= rtt["avg_ms"].as_f64());
        assert!(rtt["avg_ms"].as_f64() <= rtt["max_ms"].as_f64());
    }
    // Text, piped: the header, one line per reply, the statistics.
    let o = lan.lab.netkit(
        &lan.host,
        &["ping", "203.0.113.10", "-c", "2", "-i", "0.05", "-s", "100"],
    );
    let text = stdout(&o);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        text.starts_with("PING 203.0.113.10 (203.0.113.10) 100 bytes of data\n"),
        "{text}"
    );
    assert!(
        text.contains("108 bytes from 203.0.113.10: icmp_seq=2 ttl=63 time="),
        "{text}"
    );
    assert!(
        text.contains("--- 203.0.113.10 ping statistics ---\n2 sent, 2 received, 0% loss"),
        "{text}"
    );
    assert!(text.contains("rtt min "), "{text}");
}

#[test]
fn a_silent_address_loses_everything() {
    let Some(lan) = Lan::new("ping_silent") else {
        return;
    };
    let t = Instant::now();
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "--json",
            "ping",
            "198.51.100.99",
            "-c",
            "2",
            "-i",
            "0.1",
            "-W",
            "0.5",
        ],
    );
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        (v["sent"].as_u64(), v["received"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(v["loss_percent"], 100.0);
    assert_eq!(v["rtt"], serde_json::Value::Null);
    assert_eq!(v["replies"], serde_json::json!([]));
    // Text: 100% loss, no rtt line.
    let o = lan
        .lab
        .netkit(&lan.host, &["ping", "203.0.113.99", "-c", "1", "-W", "0.3"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("1 sent, 0 received") && text.contains("100% loss"),
        "{text}"
    );
    assert!(!text.contains("rtt min"), "{text}");
}

#[test]
fn count_and_deadline() {
    let Some(lan) = Lan::new("ping_count_deadline") else {
        return;
    };
    // -w alone: requests until the deadline (0.5 s at 0.1 s: about 5), then stop.
    let t = Instant::now();
    let o = lan.lab.netkit(
        &lan.host,
        &["--json", "ping", "198.51.100.1", "-w", "0.5", "-i", "0.1"],
    );
    let took = t.elapsed();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let sent = json(&o)["sent"].as_u64().unwrap();
    assert!((4..=6).contains(&sent), "{sent}");
    assert!(
        took >= Duration::from_millis(450) && took < Duration::from_secs(2),
        "{took:?}"
    );
    // -w with -c: -c counts replies, the run ends at the second reply, long before the deadline.
    let t = Instant::now();
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "--json",
            "ping",
            "198.51.100.1",
            "-w",
            "5",
            "-c",
            "2",
            "-i",
            "0.1",
        ],
    );
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    let v = json(&o);
    assert_eq!(
        (v["sent"].as_u64(), v["received"].as_u64()),
        (Some(2), Some(2))
    );
    // -w toward a silent address: the deadline ends it, exit 1.
    let t = Instant::now();
    let o = lan.lab.netkit(
        &lan.host,
        &[
            "--json",
            "ping",
            "198.51.100.99",
            "-w",
            "0.4",
            "-c",
            "2",
            "-i",
            "0.1",
        ],
    );
    assert!(
        t.elapsed() < Duration::from_millis(1500),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(code(&o), 1);
    assert!(json(&o)["sent"].as_u64().unwrap() >= 3);
}

#[test]
fn ttl_exceeded_comes_from_the_router() {
    let Some(lan) = lan6("ping_ttl") else {
        return;
    };
    for (dest, router) in [
        ("203.0.113.10", "198.51.100.1"),
        ("2001:db8:2::10", "2001:db8:1::1"),
    ] {
        let o = lan.lab.netkit(
            &lan.host,
            &["ping", dest, "-t", "1", "-c", "2", "-i", "0.1", "-W", "1"],
        );
        assert_eq!(code(&o), 1, "{dest}: {}", stderr(&o));
        let text = stdout(&o);
        assert!(
            text.contains(&format!("From {router} icmp_seq=1 Time to live exceeded")),
            "{text}"
        );
        assert!(text.contains("+2 errors, 100% loss"), "{text}");
        let v = json(&lan.lab.netkit(
            &lan.host,
            &["--json", "ping", dest, "-t", "1", "-c", "1", "-W", "1"],
        ));
        assert_eq!(
            v["icmp_errors"],
            serde_json::json!([{"seq": 1, "from": router, "kind": "ttl_exceeded"}])
        );
        assert_eq!(v["errors"], 1);
    }
}

#[test]
fn unprivileged_where_ping_group_range_allows() {
    let Some(lan) = lan6("ping_unprivileged") else {
        return;
    };
    // Namespaces start with ping_group_range "1 0": nobody may open ICMP datagram sockets.
    let o = lan
        .lab
        .netkit_unprivileged(&lan.host, &["ping", "198.51.100.1", "-c", "1"]);
    let err = assert_needs_cap_net_raw(&o);
    assert!(err.contains("ping_group_range"), "{err}");
    let o = lan.lab.exec(
        &lan.host,
        "sysctl",
        &[
            "-qw",
            &format!("net.ipv4.ping_group_range={}", every_ping_group()),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for (dest, hops) in [
        ("198.51.100.1", 0),
        ("203.0.113.10", 1),
        ("2001:db8:2::10", 1),
    ] {
        let o = lan.lab.netkit_unprivileged(
            &lan.host,
            &["--json", "ping", dest, "-c", "2", "-i", "0.05"],
        );
        assert_eq!(code(&o), 0, "{dest}: {}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["socket"], "datagram");
        assert_eq!(v["received"], 2, "{v}");
        assert_eq!(v["replies"][0]["ttl"], 64 - hops, "{v}");
    }
    // Errors reach a datagram socket through its error queue.
    let v = json(&lan.lab.netkit_unprivileged(
        &lan.host,
        &[
            "--json",
            "ping",
            "203.0.113.10",
            "-t",
            "1",
            "-c",
            "1",
            "-W",
            "1",
        ],
    ));
    assert_eq!(
        v["icmp_errors"],
        serde_json::json!([{"seq": 1, "from": "198.51.100.1", "kind": "ttl_exceeded"}])
    );
}

/// A peer that answers each echo request a second time (a raw socket in python3, beside the
/// kernel's own reply): the second reply is marked (DUP!) and counted apart.
#[test]
fn duplicates_are_marked() {
    let Some(mut lan) = Lan::new("ping_dup") else {
        return;
    };
    let peer = lan.add_peer("dup", "198.51.100.30/24", "02:00:00:00:00:30");
    let script = "import socket,struct\n\
        def cs(b):\n\
        \x20   s=sum(struct.unpack('!%dH'%(len(b)//2),b[:len(b)//2*2]))+(b[-1]<<8 if len(b)%2 else 0)\n\
        \x20   s=(s&0xffff)+(s>>16); s=(s&0xffff)+(s>>16); return (~s)&0xffff\n\
        r=socket.socket(socket.AF_INET,socket.SOCK_RAW,socket.IPPROTO_ICMP)\n\
        while True:\n\
        \x20   p,a=r.recvfrom(65535)\n\
        \x20   h=(p[0]&15)*4; m=p[h:]\n\
        \x20   if m[0]!=8: continue\n\
        \x20   rep=bytearray(m); rep[0]=0; rep[2:4]=b'\\0\\0'; rep[2:4]=struct.pack('!H',cs(bytes(rep)))\n\
        \x20   r.sendto(bytes(rep),a)\n";
    let _twin = lan.lab.daemon(&peer, "python3", &["-c", script], "raw", 0);
    std::thread::sleep(Duration::from_millis(300));
    let o = lan.lab.netkit(
        &lan.host,
        &["--json", "ping", "198.51.100.30", "-c", "3", "-i", "0.2"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["received"], 3, "{v}");
    let dups = v["duplicates"].as_u64().unwrap();
    assert!(dups >= 2, "{v}");
    let listed = v["replies"].as_array().unwrap();
    assert_eq!(
        listed.iter().filter(|r| r["duplicate"] == true).count() as u64,
        dups
    );
    let text = stdout(&lan.lab.netkit(
        &lan.host,
        &["ping", "198.51.100.30", "-c", "2", "-i", "0.2"],
    ));
    assert!(
        text.contains("icmp_seq=1 ttl=64 time=") && text.contains("(DUP!)"),
        "{text}"
    );
    assert!(text.contains("+1 duplicate,"), "{text}");
}

#[test]
fn live_and_interrupted() {
    let Some(lan) = Lan::new("ping_live") else {
        return;
    };
    let (ok, lines) = live_in(
        &lan.host,
        100,
        &["ping", "198.51.100.1", "-c", "3", "-i", "0.7"],
    );
    assert!(ok, "{lines:?}");
    let header = when(&lines, "PING 198.51.100.1 (198.51.100.1) 56 bytes");
    let first = when(&lines, "icmp_seq=1");
    let summary = when(&lines, "--- 198.51.100.1 ping statistics");
    assert!(header <= first, "{lines:?}");
    assert!(first + Duration::from_millis(1000) < summary, "{lines:?}");

    // Ctrl-C after about two replies: the replies and the statistics, exit 0.
    for json in [false, true] {
        let mut args = if json { vec!["--json"] } else { vec![] };
        args.extend(["ping", "198.51.100.1", "-i", "0.5"]);
        let started = Instant::now();
        let o = interrupted_in(&lan.host, &args, Duration::from_millis(1200));
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let text = stdout(&o);
        if json {
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let replies = v["replies"].as_array().unwrap().len();
            assert!((2..=4).contains(&replies), "{v}");
        } else {
            assert!(text.contains("icmp_seq=2"), "{text}");
            assert!(!text.contains("icmp_seq=6"), "{text}");
            assert!(text.contains("ping statistics ---"), "{text}");
        }
    }
    // Interrupted toward a silent address: exit 1, 100% loss.
    let o = interrupted_in(
        &lan.host,
        &["ping", "198.51.100.99", "-i", "0.2"],
        Duration::from_millis(700),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("100% loss"), "{}", stdout(&o));
}

#[test]
fn bad_ping_input() {
    assert_bad_input(&["ping", "198.51.100.300"], "300");
    assert_bad_input(&["ping", "198.51.100.1", "-i", "0"], "interval");
    assert_bad_input(&["ping", "198.51.100.1", "-c", "0"], "0");
    assert_bad_input(&["ping", "198.51.100.1", "-t", "0"], "0");
    assert_bad_input(&["ping", "198.51.100.1", "-s", "70000"], "70000");
    assert_bad_input(&["ping", "-6", "198.51.100.1"], "-6");
}
