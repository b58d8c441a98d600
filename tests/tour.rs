//! `netkit tour` (issue 28 section 2) in the namespace LAN, in English and in Chinese: every fact
//! it shows is checked against the LAN as `ip`, `dig` and dnsmasq see it (the interface and its
//! MAC, the address and mask, the gateway and the kernel's next hops, the DNS server and the
//! looked-up answer, the gateway's real MAC in the ARP reply, the lease dnsmasq gave to a real
//! DHCP client, or none for a static address); without the raw-socket privilege it sends no ARP
//! and names the command that would; snapshots at 80 columns in both languages.

use std::process::Output;

use crate::common::netns::{Daemon, HOST_MAC, Lab, Lan, ROUTER_MAC, netns_exec_line};
use crate::common::*;

/// The search domain of the test LAN: the tour looks up its own name.
const DOMAIN: &str = "lan.test";
/// What the LAN's DNS server answers for it.
const DOMAIN_ADDRESS: &str = "203.0.113.10";

/// The LAN with its DNS server on the router, the host's resolv.conf naming it with the search
/// domain `search` (none when empty). The server's process lives as long as the returned pair.
fn lan_with_dns(test: &str, search: &str) -> Option<(Lan, tempfile::TempDir, Daemon)> {
    let mut lan = Lan::new(test)?;
    let dir = tempfile::tempdir().unwrap();
    let resolv = if search.is_empty() {
        "nameserver 198.51.100.1\n".to_string()
    } else {
        format!("nameserver 198.51.100.1\nsearch {search}\n")
    };
    let dns = lan.dns_server(
        &dir,
        &format!("{DOMAIN_ADDRESS} {DOMAIN}\n198.51.100.1 router.test\n"),
        &resolv,
    );
    // The link-local address comes from the veth's first (random) MAC: without it the
    // interface list is the same on every run.
    lan.lab.ipn(&lan.host, "-6 addr flush dev eth0 scope link");
    Some((lan, dir, dns))
}

/// `ip -j ARGS` in `ns`, the first object.
fn ip_first(lab: &Lab, ns: &str, args: &[&str]) -> serde_json::Value {
    let v = lab.ip_json(ns, args);
    v.as_array()
        .and_then(|a| a.first())
        .cloned()
        .unwrap_or_else(|| panic!("ip -j {args:?} in {ns} gave {v}"))
}

/// The JSON without what changes from run to run (times, cache states), to compare two runs.
fn steady(mut v: serde_json::Value) -> serde_json::Value {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for key in ["took_ms", "rtt_ms", "state", "ttl"] {
                    if m.contains_key(key) {
                        m.insert(key.into(), "<volatile>".into());
                    }
                }
                m.values_mut().for_each(walk);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v
}

/// Every fact of the tour's JSON checked against the LAN as `ip` and `dig` see it.
fn check_against_the_lan(lan: &Lan, o: &Output) {
    let lab = &lan.lab;
    assert_eq!(code(o), 0, "stderr: {}", stderr(o));
    let j = json(o);
    for section in [
        "nic",
        "address",
        "gateway",
        "dns",
        "arp",
        "dhcp",
        "switch",
        "client_server",
    ] {
        assert!(j[section]["missing"].is_null(), "{section}: {j:#}");
        assert!(!j[section]["facts"].is_null(), "{section}: {j:#}");
    }
    // 网卡 and MAC: the interface the default route leaves by, its MAC, its maker.
    let default = ip_first(lab, &lan.host, &["-4", "route", "show", "default"]);
    let dev = default["dev"].as_str().unwrap();
    let link = ip_first(lab, &lan.host, &["link", "show", dev]);
    let nic = &j["nic"]["facts"];
    assert_eq!(nic["interface"], dev);
    assert_eq!(nic["mac"], link["address"]);
    assert_eq!(nic["mac"], HOST_MAC);
    assert_eq!(nic["oui"], &HOST_MAC[..8]);
    assert_eq!(nic["locally_administered"], false);
    assert!(
        nic["vendor"]["name"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("xensource"),
        "{nic}"
    );
    let links = lab.ip_json(&lan.host, &["link", "show"]);
    let names: Vec<&str> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["ifname"].as_str().unwrap())
        .collect();
    let shown: Vec<&str> = nic["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(shown, names);
    // IP地址 and 子网掩码: as `ip addr` has them, and the arithmetic in binary.
    let addrs = ip_first(lab, &lan.host, &["-4", "addr", "show", dev]);
    let inet = &addrs["addr_info"][0];
    let a = &j["address"]["facts"];
    assert_eq!(a["address"], inet["local"]);
    assert_eq!(a["prefix"], inet["prefixlen"]);
    assert_eq!(a["broadcast"], inet["broadcast"]);
    assert_eq!(a["netmask"], "255.255.255.0");
    assert_eq!(a["network"], "198.51.100.0");
    assert_eq!(a["host_part"], "0.0.0.2");
    assert_eq!(a["host_bits"], 8);
    assert_eq!(a["hosts"], 254);
    assert_eq!(a["address_binary"], "11000110.00110011.01100100.00000010");
    assert_eq!(a["netmask_binary"], "11111111.11111111.11111111.00000000");
    assert_eq!(a["network_binary"], "11000110.00110011.01100100.00000000");
    // 网关 and 路由器: the default route's gateway; the kernel's next hop for both examples.
    let g = &j["gateway"]["facts"];
    assert_eq!(g["gateway"], default["gateway"]);
    assert_eq!(g["interface"], dev);
    let decisions = g["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0]["destination"], "198.51.100.1");
    assert_eq!(decisions[0]["delivery"], "direct");
    assert_eq!(decisions[0]["check"]["same_subnet"], true);
    assert_eq!(decisions[1]["delivery"], "gateway");
    assert_eq!(decisions[1]["check"]["same_subnet"], false);
    for d in decisions {
        let dest = d["destination"].as_str().unwrap();
        let route = ip_first(lab, &lan.host, &["route", "get", dest]);
        let hop = route.get("gateway").unwrap_or(&route["dst"]);
        assert_eq!(&d["kernel_next_hop"], hop, "{dest}");
        assert_eq!(d["check"]["source"], "198.51.100.2/24");
    }
    // DNS: the server of the namespace's resolv.conf, and its answer as dig reads it.
    let dns = &j["dns"]["facts"];
    assert_eq!(dns["servers"], serde_json::json!(["198.51.100.1"]));
    assert_eq!(dns["search"], serde_json::json!([DOMAIN]));
    let lookup = &dns["lookup"];
    assert_eq!(lookup["name"], DOMAIN);
    assert_eq!(lookup["server"], "198.51.100.1");
    assert_eq!(lookup["rcode"], "NOERROR");
    let dig = lab.exec(
        &lan.host,
        "dig",
        &["+short", "+tries=1", "@198.51.100.1", DOMAIN],
    );
    let dug: Vec<&str> = std::str::from_utf8(&dig.stdout).unwrap().lines().collect();
    assert_eq!(dug, vec![DOMAIN_ADDRESS], "dig: {}", stderr(&dig));
    assert_eq!(lookup["addresses"], serde_json::json!(dug));
    assert!(lookup["took_ms"].as_f64().unwrap() < 2000.0);
    // 广播 and ARP: the request for the gateway, answered with the router's real MAC.
    let router_mac = ip_first(lab, &lan.router, &["link", "show", "lan0"])["address"].clone();
    assert_eq!(router_mac, ROUTER_MAC);
    let arp = &j["arp"]["facts"];
    assert_eq!(arp["sent"], true);
    assert_eq!(arp["request"]["destination"], "ff:ff:ff:ff:ff:ff");
    assert_eq!(arp["request"]["sender_mac"], HOST_MAC);
    assert_eq!(arp["request"]["sender_ip"], "198.51.100.2");
    assert_eq!(arp["request"]["target_ip"], "198.51.100.1");
    assert_eq!(arp["reply"]["mac"], router_mac);
    assert_eq!(arp["reply"]["destination"], HOST_MAC);
    // The DNS query went through the kernel, which asked for the router's MAC: it is cached.
    assert_eq!(arp["cache"]["mac"], router_mac);
    // DHCP: the address is static, and no lease is claimed.
    let dhcp = &j["dhcp"]["facts"];
    assert_eq!(dhcp["dynamic"], false);
    assert!(dhcp["lease"].is_null());
    assert_eq!(inet["valid_life_time"], 4294967295u64);
    // 交换机: the gateway's MAC as the reply gave it.
    assert_eq!(j["switch"]["facts"]["gateway_mac"], router_mac);
    assert_eq!(j["switch"]["facts"]["mac"], HOST_MAC);
    assert_eq!(j["client_server"]["facts"]["address"], "198.51.100.2");
}

/// Issue 28 section 2: `netkit tour` in the LAN, its facts checked against it, the same JSON in
/// both languages and the views in both naming the same facts.
#[test]
fn tour_in_the_lan_matches_the_lan() {
    let Some((lan, _dir, _dns)) = lan_with_dns("tour_lan", DOMAIN) else {
        return;
    };
    let started = std::time::Instant::now();
    let en = lan.lab.netkit(&lan.host, &["--json", "tour"]);
    // One exchange each, with short deadlines: the tour takes a second or two at most.
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    check_against_the_lan(&lan, &en);
    let zh = lan
        .lab
        .netkit(&lan.host, &["--json", "--lang", "zh-CN", "tour"]);
    check_against_the_lan(&lan, &zh);
    assert_eq!(steady(json(&en)), steady(json(&zh)));
    for (lang, words) in [
        (
            "en",
            [
                "Default gateway",
                "MAC address",
                "Subnet mask",
                "Neighbour cache",
            ],
        ),
        ("zh-CN", ["默认网关", "MAC地址", "子网掩码", "邻居缓存"]),
    ] {
        let o = lan.lab.netkit(&lan.host, &["--lang", lang, "tour"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let text = stdout(&o);
        for fact in [
            HOST_MAC,
            ROUTER_MAC,
            "198.51.100.2",
            "255.255.255.0",
            "11000110.00110011.01100100.00000010",
            DOMAIN_ADDRESS,
            "sudo netkit arp 198.51.100.1 -I eth0",
            "netkit chat client 198.51.100.2:8001",
        ]
        .into_iter()
        .chain(words)
        {
            assert!(text.contains(fact), "{lang}: no {fact:?} in\n{text}");
        }
    }
}

/// The router's neighbour cache entry for the host, if it has one: an ARP request from the host
/// leaves one there.
fn router_knows_host(lan: &Lan) -> bool {
    let v = lan
        .lab
        .ip_json(&lan.router, &["-4", "neigh", "show", "dev", "lan0"]);
    v.as_array()
        .unwrap()
        .iter()
        .any(|n| n["dst"] == "198.51.100.2")
}

/// Issue 28 section 2: without CAP_NET_RAW the tour sends no ARP request (the router never hears
/// one: its neighbour cache stays empty, while a privileged run fills it) and says which
/// command would; the exit status is still 0. With no search domain it asks no DNS server.
#[test]
fn without_privilege_the_tour_sends_no_arp() {
    let Some((lan, _dir, _dns)) = lan_with_dns("tour_unprivileged", "") else {
        return;
    };
    lan.lab.ipn(&lan.router, "neigh flush dev lan0");
    for lang in ["en", "zh-CN"] {
        let o = lan
            .lab
            .netkit_unprivileged(&lan.host, &["--json", "--lang", lang, "tour"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let j = json(&o);
        let arp = &j["arp"];
        assert_eq!(arp["missing"], "no_privilege");
        assert_eq!(arp["facts"]["sent"], false);
        assert!(arp["facts"]["reply"].is_null());
        assert_eq!(arp["facts"]["request"]["target_ip"], "198.51.100.1");
        assert_eq!(
            arp["facts"]["command"],
            "sudo netkit arp 198.51.100.1 -I eth0"
        );
        assert_eq!(j["dns"]["missing"], "no_name");
        assert!(j["dns"]["facts"]["lookup"].is_null());
    }
    let o = lan.lab.netkit_unprivileged(&lan.host, &["tour"]);
    let text = stdout(&o);
    assert!(
        text.contains("not sent") && text.contains("sudo netkit arp 198.51.100.1 -I eth0"),
        "{text}"
    );
    let o = lan
        .lab
        .netkit_unprivileged(&lan.host, &["--lang", "zh-CN", "tour"]);
    let text = stdout(&o);
    assert!(
        text.contains("没有发送") && text.contains("sudo netkit arp 198.51.100.1 -I eth0"),
        "{text}"
    );
    assert!(
        !router_knows_host(&lan),
        "the router heard from the host: something was sent"
    );
    // The check can fail: a privileged tour asks, and the router learns the host from it.
    let o = lan.lab.netkit(&lan.host, &["--json", "tour"]);
    assert_eq!(json(&o)["arp"]["facts"]["reply"]["mac"], ROUTER_MAC);
    assert!(router_knows_host(&lan));
}

/// Issue 28 section 2: with no default route the sections that need one say why, and the exit
/// status is 1.
#[test]
fn without_a_gateway_the_tour_says_why() {
    let Some((lan, _dir, _dns)) = lan_with_dns("tour_no_gateway", "") else {
        return;
    };
    lan.lab.ipn(&lan.host, "route del default");
    let o = lan.lab.netkit_unprivileged(&lan.host, &["--json", "tour"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["gateway"]["missing"], "no_default_route");
    assert!(j["gateway"]["facts"].is_null());
    assert_eq!(j["arp"]["missing"], "no_default_route");
    // The only Ethernet card that is up is still shown, with its address.
    assert_eq!(j["nic"]["facts"]["interface"], "eth0");
    assert_eq!(j["address"]["facts"]["address"], "198.51.100.2");
    for (lang, says) in [("en", "no default route"), ("zh-CN", "没有默认路由")] {
        let o = lan
            .lab
            .netkit_unprivileged(&lan.host, &["--lang", lang, "tour"]);
        assert_eq!(code(&o), 1);
        assert!(stdout(&o).contains(says), "{}", stdout(&o));
    }
}

/// A dhclient-script of the least kind: on a lease it sets the address (with the lease's
/// lifetime, as the real script does) and the default route; it writes no file.
const CLIENT_SCRIPT: &str = r#"#!/bin/sh
case "$reason" in
BOUND|RENEW|REBIND|REBOOT)
    ip addr replace "$new_ip_address/$new_subnet_mask" dev "$interface" \
        valid_lft "$new_dhcp_lease_time" preferred_lft "$new_dhcp_lease_time"
    ip route replace default via "$new_routers" dev "$interface"
    ;;
esac
exit 0
"#;

/// Issue 28 section 2: a host whose address a DHCP server (dnsmasq) leased to a real client
/// (ISC dhclient): the tour reads the lease file and shows the address, the server, the router
/// and the lease time dnsmasq gave, and sends nothing for it. The client's files live in a
/// mount namespace of the test's own (a tmpfs over /var/lib/dhcp): the machine's stay untouched.
#[test]
fn the_tour_reads_the_lease_a_dhcp_server_gave() {
    let Some(mut lan) = Lan::new("tour_dhcp") else {
        return;
    };
    if std::process::Command::new("dhclient")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var("NETKIT_REQUIRE_NETNS").map_or(true, |v| v != "1"),
            "dhclient is needed under CI (isc-dhcp-client)"
        );
        eprintln!("SKIPPED the_tour_reads_the_lease_a_dhcp_server_gave: dhclient is not installed");
        return;
    }
    let leases = tempfile::tempdir().unwrap();
    let _server = crate::dhcp::start_dnsmasq(&lan, &leases);
    let client = lan.add_peer("dhc", "", "00:16:3e:00:00:42");
    lan.lab
        .etc_file(&client, "resolv.conf", "nameserver 198.51.100.1\n");
    let script = leases.path().join("client-script");
    std::fs::write(&script, CLIENT_SCRIPT).unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("netkit");
    let line = format!(
        "mount -t tmpfs tmpfs /var/lib/dhcp && \
         dhclient -1 -4 -sf {script} -lf /var/lib/dhcp/dhclient.leases -pf /var/lib/dhcp/pid \
             -cf /dev/null eth0 && \
         {bin} --json tour && echo ==== && {bin} --lang zh-CN tour; \
         dhclient -x -sf {script} -pf /var/lib/dhcp/pid -lf /var/lib/dhcp/dhclient.leases -cf /dev/null",
        script = script.display(),
        bin = bin.display()
    );
    let o = lan
        .lab
        .exec(&client, "unshare", &["--mount", "sh", "-c", &line]);
    let out = stdout(&o);
    let (json_text, zh) = out
        .split_once("====\n")
        .unwrap_or_else(|| panic!("no tour: {out}\nstderr: {}", stderr(&o)));
    let j: serde_json::Value = serde_json::from_str(json_text).unwrap();
    // What dnsmasq recorded: "expiry mac address name client-id".
    // dnsmasq writes its file from its main loop, after the ACK is on its way: wait for it.
    let started = std::time::Instant::now();
    let given = loop {
        let text = std::fs::read_to_string(leases.path().join("leases")).unwrap_or_default();
        if text.contains("00:16:3e:00:00:42") || started.elapsed().as_secs() >= 3 {
            break text;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let fields: Vec<&str> = given.split_whitespace().collect();
    assert_eq!(fields.get(1), Some(&"00:16:3e:00:00:42"), "{given}");
    let address = fields[2];
    let dhcp = &j["dhcp"]["facts"];
    assert!(j["dhcp"]["missing"].is_null());
    assert_eq!(dhcp["interface"], "eth0");
    assert_eq!(dhcp["dynamic"], true);
    let lease = &dhcp["lease"];
    assert_eq!(lease["client"], "dhclient");
    assert_eq!(lease["source"], "/var/lib/dhcp/dhclient.leases");
    assert_eq!(lease["address"], address);
    assert_eq!(lease["server"], "198.51.100.1");
    assert_eq!(lease["router"], "198.51.100.1");
    assert_eq!(lease["lease_seconds"], 43200);
    assert_eq!(j["address"]["facts"]["address"], address);
    assert_eq!(j["gateway"]["facts"]["gateway"], "198.51.100.1");
    for fact in [
        address,
        "198.51.100.1",
        "12h",
        "/var/lib/dhcp/dhclient.leases",
        "租期",
    ] {
        assert!(zh.contains(fact), "no {fact:?} in\n{zh}");
    }
    // The machine's own lease directory was never written.
    assert!(
        !std::path::Path::new("/var/lib/dhcp/dhclient.leases").exists()
            || std::fs::read_to_string("/var/lib/dhcp/dhclient.leases")
                .is_ok_and(|t| !t.contains("00:16:3e:00:00:42"))
    );
}

/// Runs the tour in `ns` on an 80-column pseudo-terminal, colour off; what the screen shows.
fn on_terminal(ns: &str, lang: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_netkit");
    let line = format!(
        "stty rows 60 cols 80; exec {} '{bin}' --color never --lang {lang} tour",
        netns_exec_line(ns)
    );
    let o = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("util-linux `script` runs");
    assert!(o.status.success(), "{}", stdout(&o));
    screen(&o.stdout).join("\n")
}

/// The view with what changes from run to run replaced: times (`123 µs`, `1.2 ms`, a number,
/// a space and a unit) and the neighbour cache's state.
fn redact(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric());
        if starts {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            let unit: String = chars[(j + 1).min(chars.len())..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic() || **c == 'µ')
                .collect();
            if chars.get(j) == Some(&' ') && matches!(unit.as_str(), "µs" | "ms" | "s") {
                out.push_str("<time>");
                i = j + 1 + unit.chars().count();
                continue;
            }
            out.extend(&chars[i..j]);
            i = j;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    for state in ["REACHABLE", "STALE", "DELAY", "PROBE"] {
        out = out.replace(state, "<state>");
    }
    out
}

/// Issue 28 section 2: the tour at 80 columns in Chinese and English, every value of its JSON
/// whole on one line of the screen, and snapshots of both with the varying values redacted.
#[test]
fn snapshots_of_the_tour_at_80_columns() {
    let Some((lan, _dir, _dns)) = lan_with_dns("tour_snap", DOMAIN) else {
        return;
    };
    let j = json(&lan.lab.netkit(&lan.host, &["--json", "tour"]));
    let mut values: Vec<String> = [
        "/nic/facts/mac",
        "/nic/facts/vendor/name",
        "/nic/facts/vendor/prefix",
        "/address/facts/address",
        "/address/facts/netmask",
        "/address/facts/network",
        "/address/facts/host_part",
        "/address/facts/broadcast",
        "/address/facts/address_binary",
        "/address/facts/netmask_binary",
        "/address/facts/network_binary",
        "/gateway/facts/gateway",
        "/gateway/facts/decisions/1/destination",
        "/gateway/facts/decisions/1/check/destination_network",
        "/dns/facts/lookup/addresses/0",
        "/arp/facts/request/sender_mac",
        "/arp/facts/request/destination",
        "/arp/facts/reply/mac",
        "/arp/facts/command",
        "/client_server/facts/server",
        "/client_server/facts/client",
        "/client_server/facts/web_server",
        "/client_server/facts/url",
    ]
    .iter()
    .map(|p| {
        j.pointer(p)
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("{p} in {j:#}"))
            .to_string()
    })
    .collect();
    for section in ["nic", "address", "gateway", "dns", "arp", "dhcp", "switch"] {
        for c in j[section]["deeper"].as_array().unwrap() {
            values.push(c.as_str().unwrap().to_string());
        }
    }
    for lang in ["zh-CN", "en"] {
        let shown = on_terminal(&lan.host, lang);
        for line in shown.lines() {
            let width = unicode_width::UnicodeWidthStr::width(line);
            assert!(width <= 80, "{lang}: {width} columns: {line}");
        }
        for v in &values {
            assert!(
                shown.lines().any(|l| l.contains(v.as_str())),
                "{lang}: {v:?} is not whole on one line:\n{shown}"
            );
        }
        let name = format!("tour_{}_80", lang.replace('-', "_"));
        insta::assert_snapshot!(name, redact(&shown));
    }
}

/// The tour's JSON in the LAN when an exchange gets no answer: exit 3, and within the
/// lookup's 2 s (with room for a busy machine), never the sum of both waits (3 s).
fn silent_tour(lan: &Lan) -> serde_json::Value {
    let started = std::time::Instant::now();
    let o = lan.lab.netkit(&lan.host, &["--json", "tour"]);
    let took = started.elapsed();
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert!(
        took < std::time::Duration::from_millis(2900),
        "the waits add up: {took:?}"
    );
    json(&o)
}

/// Issue 28 section 2: `--name` picks the name; an NXDOMAIN is shown as the answer (the section
/// is shown, exit 0); a DNS server that does not answer costs the lookup's 2 s at most, while
/// the ARP exchange waits beside it, and is a network error (exit 3) said in the DNS section.
#[test]
fn the_dns_section_answers_and_says_silence() {
    let Some((lan, _dir, dns)) = lan_with_dns("tour_dns", DOMAIN) else {
        return;
    };
    let o = lan
        .lab
        .netkit(&lan.host, &["--json", "tour", "--name", "nosuch.test"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let j = json(&o);
    let lookup = &j["dns"]["facts"]["lookup"];
    assert_eq!(lookup["name"], "nosuch.test");
    assert_eq!(lookup["rcode"], "NXDOMAIN");
    assert_eq!(lookup["addresses"], serde_json::json!([]));
    let dig = lan.lab.exec(
        &lan.host,
        "dig",
        &["+tries=1", "@198.51.100.1", "nosuch.test"],
    );
    assert!(
        stdout(&dig).contains("status: NXDOMAIN"),
        "{}",
        stdout(&dig)
    );
    drop(dns);
    // Nothing listens on port 53 any more: the router says so (ICMP port unreachable).
    let o = lan.lab.netkit(&lan.host, &["--json", "tour"]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert_eq!(json(&o)["dns"]["missing"], "dns_no_answer");
    // The gateway answers ARP but the DNS query goes unanswered.
    lan.lab
        .iptables(&lan.router, "INPUT -p udp --dport 53 -j DROP");
    let j = silent_tour(&lan);
    assert_eq!(j["dns"]["missing"], "dns_no_answer");
    assert!(j["dns"]["facts"]["lookup"].is_null());
    assert_eq!(j["arp"]["facts"]["reply"]["mac"], ROUTER_MAC);
    for (lang, says) in [("en", "no answer within 2 s"), ("zh-CN", "2 s 内没有应答")] {
        let o = lan.lab.netkit(&lan.host, &["--lang", lang, "tour"]);
        assert_eq!(code(&o), 3);
        assert!(stdout(&o).contains(says), "{lang}: {}", stdout(&o));
    }
    // A gateway nobody is (no ARP reply, 1 s) and a silent DNS server (2 s): the two waits run
    // side by side, so the tour ends after the longer one, not after both.
    lan.lab
        .ipn(&lan.host, "route replace default via 198.51.100.9 dev eth0");
    let j = silent_tour(&lan);
    assert_eq!(j["arp"]["missing"], "no_reply");
    assert!(j["arp"]["facts"]["reply"].is_null());
    assert_eq!(j["arp"]["facts"]["request"]["target_ip"], "198.51.100.9");
    assert_eq!(j["dns"]["missing"], "dns_no_answer");
    let o = lan.lab.netkit(&lan.host, &["--lang", "zh-CN", "tour"]);
    assert!(stdout(&o).contains("1 s 内没有应答"), "{}", stdout(&o));
}

/// Issue 28 section 2: a name that is no DNS name is refused before anything is read or sent:
/// one line, exit 2 (a JSON error under `--json`).
#[test]
fn a_bad_name_is_refused() {
    assert_bad_input(&["tour", "--name", "a..b"], "not a DNS name");
    let long = "x".repeat(64);
    assert_bad_input(&["tour", "--name", &long], "not a DNS name");
    let o = run(&["--json", "tour", "--name", "a..b"]);
    assert_eq!(code(&o), 2);
    assert_eq!(json(&o)["error"]["kind"], "bad_input");
    let o = run(&["--lang", "zh-CN", "tour", "--name", "a..b"]);
    assert!(stderr(&o).contains("不是合法的域名"), "{}", stderr(&o));
}

/// Issue 28 section 2: with no DNS server configured the DNS section says so, naming the file,
/// asks nobody, and the tour exits 1.
#[test]
fn without_a_dns_server_the_tour_says_why() {
    let Some(mut lan) = Lan::new("tour_no_dns") else {
        return;
    };
    let host = lan.host.clone();
    lan.lab
        .etc_file(&host, "resolv.conf", &format!("search {DOMAIN}\n"));
    let o = lan.lab.netkit_unprivileged(&host, &["--json", "tour"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let j = json(&o);
    assert_eq!(j["dns"]["missing"], "no_dns_server");
    assert_eq!(j["dns"]["facts"]["servers"], serde_json::json!([]));
    assert!(j["dns"]["facts"]["lookup"].is_null());
    for (lang, says) in [
        ("en", "no DNS server is configured in /etc/resolv.conf"),
        ("zh-CN", "/etc/resolv.conf 里没有配置 DNS 服务器"),
    ] {
        let o = lan
            .lab
            .netkit_unprivileged(&host, &["--lang", lang, "tour"]);
        assert_eq!(code(&o), 1);
        assert!(stdout(&o).contains(says), "{lang}: {}", stdout(&o));
    }
}
