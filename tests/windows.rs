//! netkit.exe under Wine (issue 29 section 3): netkit cross-built for x86_64-pc-windows-gnu,
//! run by Wine on this Linux machine, whose IP Helper API reports the machine's own interfaces.
//! Each answer is compared with what Linux's own tools (ip) or the Linux netkit say of the same
//! machine, LAN or server.
//!
//! Safety: under Wine, the network calls are made by Wine's device process, which runs in the
//! network namespace its prefix's wineserver was started in. In the machine's own namespace this
//! module only reads (ifaces, ipconfig, gateway, route get), asks a DNS server of its own on
//! loopback and pings 127.0.0.1; the trace runs inside a namespace LAN of its own, with a Wine
//! prefix of its own started there (and stopped, and removed, after).
//!
//! netkit.exe is built here (`cargo build --target x86_64-pc-windows-gnu`, a no-op when the
//! lane built it), and the Wine prefix is made once under target/wine, with the stand-in
//! bcryptprimitives.dll of `.ci/wine/` (Wine 8.0 lacks ProcessPrng). Where Wine, mingw or the
//! target is missing, each test says SKIPPED; under NETKIT_REQUIRE_NETNS=1 it fails instead.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

use crate::chat::{Proc, netkit_server, said};
use crate::common::netns::{Chain, HOST_MAC, ROUTER_MAC, netns_exec};
use crate::common::{code, json, netkit, stderr, stdout};

const TARGET: &str = "x86_64-pc-windows-gnu";

/// Wine, the cross-built netkit.exe and the machine's Wine prefix.
#[derive(Debug)]
struct Wine {
    wine64: PathBuf,
    wineserver: PathBuf,
    exe: PathBuf,
    prefix: PathBuf,
}

fn require() -> bool {
    std::env::var("NETKIT_REQUIRE_NETNS").is_ok_and(|v| v == "1")
}

/// A program on PATH or at one of `places`.
fn find(name: &str, places: &[&str]) -> Option<PathBuf> {
    places
        .iter()
        .map(PathBuf::from)
        .chain(
            std::env::var_os("PATH")
                .iter()
                .flat_map(std::env::split_paths)
                .map(|d| d.join(name)),
        )
        .find(|p| p.is_file())
}

/// Runs `cmd`, Err with its stderr's end when it fails.
fn ran(what: &str, cmd: &mut Command) -> Result<(), String> {
    let o = cmd.output().map_err(|e| format!("{what}: {e}"))?;
    if o.status.success() {
        return Ok(());
    }
    let err = String::from_utf8_lossy(&o.stderr);
    let tail: Vec<&str> = err.lines().rev().take(8).collect();
    Err(format!(
        "{what} failed: {}",
        tail.into_iter().rev().collect::<Vec<_>>().join("\n")
    ))
}

/// Sets Wine up, once per test process.
fn setup() -> Result<Wine, String> {
    let wine64 = find("wine64", &["/usr/lib/wine/wine64"])
        .ok_or("wine64 is not installed (apt-get install wine64)")?;
    let wineserver = wine64.with_file_name("wineserver");
    let gcc = find("x86_64-w64-mingw32-gcc", &[])
        .ok_or("x86_64-w64-mingw32-gcc is not installed (apt-get install gcc-mingw-w64-x86-64)")?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    ran(
        "cargo build --target x86_64-pc-windows-gnu (rustup target add x86_64-pc-windows-gnu)",
        Command::new(cargo)
            .current_dir(root)
            .args(["build", "--locked", "--bin", "netkit", "--target", TARGET]),
    )?;
    let exe = target.join(TARGET).join("debug").join("netkit.exe");
    let dir = target.join("wine");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let dll = dir.join("bcryptprimitives.dll");
    let ci = root.join(".ci").join("wine");
    ran(
        "building the stand-in bcryptprimitives.dll",
        Command::new(gcc)
            .arg("-shared")
            .arg("-O2")
            .arg("-o")
            .arg(&dll)
            .args([
                ci.join("bcryptprimitives.c"),
                ci.join("bcryptprimitives.def"),
            ]),
    )?;
    let prefix = dir.join("prefix");
    boot(&wine64, &prefix, &dll, None)?;
    Ok(Wine {
        wine64,
        wineserver,
        exe,
        prefix,
    })
}

/// Makes Wine prefix `prefix` (inside namespace `ns` when given), with the stand-in DLL.
fn boot(wine64: &Path, prefix: &Path, dll: &Path, ns: Option<&str>) -> Result<(), String> {
    let system32 = prefix.join("drive_c/windows/system32");
    if !system32.join("bcryptprimitives.dll").exists() {
        let mut cmd = match ns {
            Some(ns) => {
                let mut c = netns_exec(ns);
                c.arg(wine64);
                c
            }
            None => Command::new(wine64),
        };
        ran(
            "wineboot",
            wine_env(&mut cmd, prefix).args(["wineboot", "-i"]),
        )?;
        std::fs::copy(dll, system32.join("bcryptprimitives.dll")).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Wine's environment for prefix `prefix`: quiet, no Mono or Gecko, English.
fn wine_env<'a>(cmd: &'a mut Command, prefix: &Path) -> &'a mut Command {
    for var in ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR"] {
        cmd.env_remove(var);
    }
    cmd.env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
}

/// Wine and netkit.exe, or None after a visible SKIPPED line (a failure under
/// NETKIT_REQUIRE_NETNS=1).
fn wine(test: &str) -> Option<&'static Wine> {
    static WINE: OnceLock<Result<Wine, String>> = OnceLock::new();
    match WINE.get_or_init(setup) {
        Ok(w) => Some(w),
        Err(why) if require() => {
            panic!("NETKIT_REQUIRE_NETNS=1 but {test} cannot run netkit.exe under Wine: {why}")
        }
        Err(why) => {
            let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {why}");
            None
        }
    }
}

impl Wine {
    /// Runs `netkit.exe ARGS` in the machine's namespace.
    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().expect("wine64 runs")
    }

    /// `netkit.exe ARGS` in the machine's namespace, as a command.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.wine64);
        wine_env(&mut c, &self.prefix).arg(&self.exe).args(args);
        c
    }
}

/// A Wine prefix of one namespace: its wineserver and device process run there, so its network
/// calls do. Stopped and removed when dropped.
struct NsWine<'a> {
    wine: &'a Wine,
    ns: String,
    prefix: tempfile::TempDir,
}

impl<'a> NsWine<'a> {
    fn new(wine: &'a Wine, ns: &str) -> NsWine<'a> {
        let prefix = tempfile::Builder::new()
            .prefix("netkit-wine-")
            .tempdir()
            .expect("a temporary directory");
        let dll = wine
            .prefix
            .join("drive_c/windows/system32/bcryptprimitives.dll");
        boot(&wine.wine64, prefix.path(), &dll, Some(ns)).expect("a Wine prefix in the namespace");
        NsWine {
            wine,
            ns: ns.to_string(),
            prefix,
        }
    }

    /// Runs `netkit.exe ARGS` inside the namespace.
    fn run(&self, args: &[&str]) -> Output {
        let mut c = netns_exec(&self.ns);
        c.arg(&self.wine.wine64);
        wine_env(&mut c, self.prefix.path())
            .arg(&self.wine.exe)
            .args(args)
            .output()
            .expect("wine64 runs in the namespace")
    }
}

impl Drop for NsWine<'_> {
    fn drop(&mut self) {
        let _ = wine_env(&mut Command::new(&self.wine.wineserver), self.prefix.path())
            .arg("-k")
            .output();
    }
}

/// `ip -j ARGS` of the machine (or of namespace `ns`).
fn ip_json(ns: Option<&str>, args: &[&str]) -> Value {
    let mut c = Command::new("ip");
    if let Some(ns) = ns {
        c.args(["-n", ns]);
    }
    let o = c.arg("-j").args(args).output().expect("ip runs");
    assert!(o.status.success(), "ip {args:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("ip -j gives JSON")
}

/// Per interface name: its MAC, MTU and addresses (`A/P`), as `ip -j addr` gives them.
fn ip_view(addr: &Value) -> Vec<(String, Option<String>, u64, BTreeSet<String>)> {
    addr.as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let mac = l["address"]
                .as_str()
                .filter(|_| l["link_type"] == "ether")
                .map(str::to_string);
            let addrs = l["addr_info"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| format!("{}/{}", a["local"].as_str().unwrap(), a["prefixlen"]))
                .collect();
            (
                l["ifname"].as_str().unwrap().to_string(),
                mac,
                l["mtu"].as_u64().unwrap(),
                addrs,
            )
        })
        .collect()
}

/// The same, from netkit's `ifaces --json`.
fn netkit_view(v: &Value) -> Vec<(String, Option<String>, u64, BTreeSet<String>)> {
    v["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let addrs = ["ipv4", "ipv6"]
                .iter()
                .flat_map(|f| i[f].as_array().unwrap())
                .map(|a| format!("{}/{}", a["address"].as_str().unwrap(), a["prefix"]))
                .collect();
            (
                i["name"].as_str().unwrap().to_string(),
                i["mac"].as_str().map(str::to_string),
                i["mtu"].as_u64().unwrap_or(0),
                addrs,
            )
        })
        .collect()
}

/// Issue 29 section 3: `netkit.exe ifaces --json` under Wine names the machine's interfaces,
/// MACs, MTUs and addresses as `ip -j addr` does (interfaces that came or went between the two
/// `ip` snapshots around it, as other tests make them, are left out), and the default gateway
/// as `ip route`.
#[test]
fn ifaces_json_matches_ip_addr() {
    let Some(w) = wine("ifaces_json_matches_ip_addr") else {
        return;
    };
    let before = ip_view(&ip_json(None, &["addr"]));
    let o = w.run(&["--json", "ifaces"]);
    let after = ip_view(&ip_json(None, &["addr"]));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let mine = netkit_view(&v);
    let mut compared = 0;
    for l in before.iter().filter(|l| after.contains(l)) {
        let Some(m) = mine.iter().find(|m| m.0 == l.0) else {
            panic!("{} is not in netkit.exe's list: {mine:?}", l.0);
        };
        assert_eq!(m, l, "netkit.exe and ip disagree on {}", l.0);
        compared += 1;
    }
    assert!(compared >= 2, "lo and at least one more: {before:?}");
    // The IPv4 default route's gateway is on its interface.
    let routes = ip_json(None, &["route", "show", "default"]);
    for r in routes.as_array().unwrap() {
        let (gw, dev) = (r["gateway"].as_str().unwrap(), r["dev"].as_str().unwrap());
        let iface = v["interfaces"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == dev)
            .unwrap_or_else(|| panic!("no {dev} in {v}"));
        assert_eq!(iface["gateways"], serde_json::json!([gw]), "{iface}");
    }
    // Windows reports no broadcast address and no counters: null, not made up.
    for i in v["interfaces"].as_array().unwrap() {
        assert_eq!(i["counters"], Value::Null, "{i}");
        for a in i["ipv4"].as_array().unwrap() {
            assert_eq!(a["broadcast"], Value::Null, "{a}");
        }
    }
}

/// Issue 29 section 3: `netkit.exe ipconfig --all` shows each IPv4 address with its mask and
/// the default gateway, as `ip` has them.
#[test]
fn ipconfig_all_shows_what_ip_shows() {
    let Some(w) = wine("ipconfig_all_shows_what_ip_shows") else {
        return;
    };
    let o = w.run(&["ipconfig", "--all"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = stdout(&o);
    for l in ip_json(None, &["-4", "addr", "show", "lo"])
        .as_array()
        .unwrap()
    {
        for a in l["addr_info"].as_array().unwrap() {
            let shown = format!("{}/{}", a["local"].as_str().unwrap(), a["prefixlen"]);
            assert!(text.contains(&shown), "{shown} missing:\n{text}");
        }
    }
    for r in ip_json(None, &["-4", "route", "show", "default"])
        .as_array()
        .unwrap()
    {
        let gw = r["gateway"].as_str().unwrap();
        assert!(
            text.lines()
                .any(|l| l.contains("Default gateway") && l.contains(gw)),
            "{gw} missing:\n{text}"
        );
    }
    assert!(text.contains("Subnet mask"), "{text}");
}

/// Issue 29 section 3: `netkit.exe gateway --json` (GetIpForwardTable2) gives the IPv4 default
/// gateways `ip route` shows, on the same interfaces.
#[test]
fn gateway_matches_ip_route() {
    let Some(w) = wine("gateway_matches_ip_route") else {
        return;
    };
    let o = w.run(&["--json", "gateway"]);
    let ip = ip_json(None, &["-4", "route", "show", "default"]);
    let want: BTreeSet<(String, String)> = ip
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["gateway"].as_str().unwrap().into(),
                r["dev"].as_str().unwrap().into(),
            )
        })
        .collect();
    if want.is_empty() {
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        return;
    }
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let got: BTreeSet<(String, String)> = json(&o)["gateways"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["family"] == "ipv4")
        .map(|g| {
            (
                g["gateway"].as_str().unwrap().into(),
                g["interface"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(got, want);
}

/// Issue 29 section 3: `netkit.exe route get` (GetBestRoute2) chooses the interface, gateway
/// and source `ip route get` chooses, for the default gateway itself and for an address behind
/// it. Nothing is sent.
#[test]
fn route_get_matches_ip_route_get() {
    let Some(w) = wine("route_get_matches_ip_route_get") else {
        return;
    };
    let defaults = ip_json(None, &["-4", "route", "show", "default"]);
    let Some(gw) = defaults
        .as_array()
        .unwrap()
        .first()
        .map(|r| r["gateway"].as_str().unwrap().to_string())
    else {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED route_get_matches_ip_route_get: no IPv4 default route"
        );
        return;
    };
    for dest in [gw.as_str(), "203.0.113.77"] {
        let ip = &ip_json(None, &["route", "get", dest])[0];
        let o = w.run(&["--json", "route", "get", dest]);
        assert_eq!(code(&o), 0, "{dest}: {}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["interface"], ip["dev"], "{dest}: {v}");
        assert_eq!(v["source"], ip["prefsrc"], "{dest}: {v}");
        let want_gw = ip.get("gateway").cloned().unwrap_or(Value::Null);
        assert_eq!(v["gateway"], want_gw, "{dest}: {v}");
    }
}

/// Issue 29 section 3: `netkit.exe dns NAME @127.0.0.1:PORT` asks the tests' own server on
/// loopback (never the machine's resolver) and gets what the Linux netkit gets.
#[test]
fn dns_against_a_local_server() {
    let Some(w) = wine("dns_against_a_local_server") else {
        return;
    };
    let server = format!("@{}", crate::common::hostile_dns::hostile_dns());
    let args = ["--json", "dns", "target.hostile.test", "A", &server];
    let o = w.run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let linux = netkit().args(args).output().unwrap();
    let answers = |v: &Value| v["queries"][0]["answers"].clone();
    assert_eq!(answers(&json(&o)), answers(&json(&linux)));
    assert_eq!(answers(&json(&o))[0]["data"], "192.0.2.44");
}

/// Issue 29 section 3: `netkit.exe ping 127.0.0.1` through IcmpSendEcho2, with no privilege.
#[test]
fn ping_loopback() {
    let Some(w) = wine("ping_loopback") else {
        return;
    };
    let o = w.run(&["--json", "ping", "127.0.0.1", "-c", "2", "-i", "0.2"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        (v["sent"].as_u64(), v["received"].as_u64()),
        (Some(2), Some(2)),
        "{v}"
    );
    assert_eq!(v["replies"][0]["from"], "127.0.0.1");
    assert_eq!(v["wrong_data"], 0, "{v}");
    // No socket of netkit's carries them: the system's ICMP API does (it said "datagram").
    assert_eq!(v["socket"], "icmp_api", "{v}");
}

/// Issue 29 section 2: what needs raw Ethernet frames on Windows (Npcap) says so in one line,
/// exit 2, and sends nothing.
#[test]
fn npcap_commands_say_so() {
    let Some(w) = wine("npcap_commands_say_so") else {
        return;
    };
    for args in [&["dhcp", "discover"][..], &["watch"][..]] {
        let o = w.run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("Npcap") && err.trim().lines().count() == 1,
            "{args:?}: {err}"
        );
        assert!(stdout(&o).is_empty());
    }
}

/// Issue 29 section 3: inside a namespace LAN, under a Wine prefix started there: `ifaces`
/// shows the host's eth0 as `ip` does, with its router as gateway; `trace` (IcmpSendEcho2 with
/// a TTL per probe) finds the chain's routers as the Linux netkit's trace does, and so does
/// `trace --udp` (trippy-core on raw sockets, the process being elevated).
#[test]
fn in_a_namespace_lan() {
    let Some(w) = wine("in_a_namespace_lan") else {
        return;
    };
    let Some(chain) = Chain::new("in_a_namespace_lan") else {
        return;
    };
    let host = chain.host().to_string();
    let nw = NsWine::new(w, &host);
    let o = nw.run(&["--json", "ifaces"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let mine = netkit_view(&v);
    for l in ip_view(&ip_json(Some(&host), &["addr"])) {
        assert!(mine.contains(&l), "{l:?} not in {mine:?}");
    }
    let eth0 = v["interfaces"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "eth0")
        .unwrap();
    assert_eq!(eth0["mac"], HOST_MAC);
    assert_eq!(eth0["gateways"][0], "198.51.100.1");

    // ICMP (IcmpSendEcho2), then UDP probes through trippy-core, which needs raw sockets: Wine
    // running as root is an elevated process, as Administrator is on Windows.
    for method in ["icmp", "udp"] {
        let mut args = vec![
            "--json",
            "trace",
            Chain::FAR_V4,
            "-c",
            "2",
            "-i",
            "0.2",
            "-W",
            "0.5",
            "-n",
        ];
        if method == "udp" {
            args.push("--udp");
        }
        let o = nw.run(&args);
        assert_eq!(code(&o), 0, "{method}: {}", stderr(&o));
        let v = json(&o);
        assert_eq!(v["verdict"]["hop"], 5, "{method}: {v}");
        let hops = v["hops"].as_array().unwrap();
        for (i, (h, want)) in hops.iter().zip(Chain::HOPS_V4).enumerate() {
            if i == Chain::SILENT {
                assert_eq!(h["addresses"], serde_json::json!([]), "{method}: {h}");
            } else {
                assert_eq!(
                    h["addresses"][0]["address"],
                    want,
                    "{method} hop {}: {h}",
                    i + 1
                );
            }
        }
        if method == "icmp" {
            assert_eq!(hops[4]["answer"]["kind"], "echo_reply");
            assert_eq!(v["socket"], "icmp_api", "{v}");
        } else {
            assert_eq!(v["socket"], "raw", "{v}");
        }
    }
    // The neighbour cache (GetIpNetTable under Wine) holds the router the probes went through,
    // with the MAC `ip neigh` has for it.
    let o = nw.run(&["--json", "arp", "cache"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let ip = ip_json(Some(&host), &["neigh", "show", "198.51.100.1"]);
    let router = v["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["ip"] == "198.51.100.1")
        .unwrap_or_else(|| panic!("no router in {v}"));
    assert_eq!(router["mac"], ip[0]["lladdr"], "{v}");
    assert_eq!(router["mac"], ROUTER_MAC);
    drop(nw);
    drop(chain);
}

/// Issue 29 section 3: `chat` between netkit.exe (a client under Wine) and the Linux netkit (the
/// server), both ways, and "bye" from the server ends both.
#[test]
fn chat_between_windows_and_linux() {
    let Some(w) = wine("chat_between_windows_and_linux") else {
        return;
    };
    let (mut server, addr) = netkit_server(&[]);
    let mut client = Proc::spawn("netkit.exe client", w.cmd(&["chat", "client", &addr]));
    client.err("connected to");
    client.say("hello from Windows");
    assert_eq!(said(&server.out("hello")), "hello from Windows");
    server.say("hello from Linux, 你好");
    assert_eq!(said(&client.out("hello")), "hello from Linux, 你好");
    server.say("bye");
    client.out("bye");
    assert_eq!(server.exit_code(), 0);
    assert_eq!(client.exit_code(), 0);
}
