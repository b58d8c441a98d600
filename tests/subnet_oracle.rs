//! `netkit subnet info` against an independent oracle: Python's `ipaddress` for the arithmetic
//! (network, broadcast, masks, host range and counts) and for the flags whose meaning is
//! unambiguous (multicast, loopback, link-local, unspecified, and private ⇒ not public), and
//! the hand-transcribed IANA registries in tests/fixtures, read by Python's `csv`, for the kind,
//! the registry row and the blocks a block overlaps.
//!
//! The blocks are generated from a fixed seed (NETKIT_ORACLE_SEED overrides it): every registry
//! row, a block inside and one around each, random IPv4 and IPv6 blocks, and the edge prefixes.
//! One python3 process checks them all. Without python3 the test says SKIP, and fails under
//! NETKIT_REQUIRE_NETNS=1 (as CI runs it).

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::*;

/// The oracle: reads `[{"block": ..., "out": <netkit's JSON>}]` on stdin and the two registry
/// CSVs named in argv, prints one line per disagreement, exits 1 if there was any.
const ORACLE: &str = r#"
import csv, ipaddress as ip, json, sys

def flag(cell):
    word = cell.split(' [')[0].strip()
    return {'True': True, 'False': False}.get(word)

def registry(path):
    with open(path, newline='') as f:
        lines = [l for l in f if not l.startswith('#')]
    rows = []
    for r in list(csv.reader(lines))[1:]:
        for block in r[0].split(', '):
            rows.append((ip.ip_network(block.split(' [')[0].strip()), r[1], flag(r[8]), True))
    return rows

special = registry(sys.argv[1]) + registry(sys.argv[2])
# Blocks from other IANA registries: the multicast ranges and IPv6 global unicast.
multicast = [(ip.ip_network(b), 'Multicast', None, True) for b in ('224.0.0.0/4', 'ff00::/8')]
catch_all = [(ip.ip_network('2000::/3'), 'Global Unicast', None, False)]
rows = special + multicast + catch_all

bad = []
def expect(case, what, got, want):
    if got != want:
        bad.append(f"{case['block']}: {what}: netkit {got!r}, expected {want!r}")

def addr(text):
    return int(ip.ip_address(text))

cases = json.load(sys.stdin)
enumerated = 0
for case in cases:
    n, o = ip.ip_network(case['block'], strict=False), case['out']
    v6 = n.version == 6
    expect(case, 'network', ip.ip_network(o['network']), n)
    expect(case, 'network_address', addr(o['network_address']), int(n.network_address))
    expect(case, 'prefix', o['prefix'], n.prefixlen)
    expect(case, 'netmask', addr(o['netmask']), int(n.netmask))
    expect(case, 'wildcard', addr(o['wildcard']), int(n.hostmask))
    if v6:
        for key in ('netmask', 'wildcard'):
            if '.' in o[key]:
                bad.append(f"{case['block']}: {key} {o[key]} is written as an IPv4-mapped address")
    expect(case, 'addresses', int(o['addresses']), n.num_addresses)
    if o['broadcast'] is not None or (not v6 and n.prefixlen <= 30):
        expect(case, 'broadcast', o['broadcast'] and addr(o['broadcast']), int(n.broadcast_address))
    expect(case, 'first_host', addr(o['first_host']), int(next(iter(n.hosts()))))
    if n.num_addresses <= 4096:
        hosts = list(n.hosts())
        enumerated += 1
        expect(case, 'last_host', addr(o['last_host']), int(hosts[-1]))
        expect(case, 'hosts', int(o['hosts']), len(hosts))

    # Flags whose meaning is the same in netkit and ipaddress.
    kind = o['kind']
    for flag_name, k in (('is_multicast', 'multicast'), ('is_loopback', 'loopback'),
                         ('is_link_local', 'link-local'), ('is_unspecified', 'unspecified')):
        expect(case, f'{flag_name} <=> kind {k}', kind == k, getattr(n, flag_name))
    if n.is_private:
        if kind == 'public':
            bad.append(f"{case['block']}: ipaddress says private, netkit public")
    if kind == 'public' and (n.is_private or not n.is_global):
        bad.append(f"{case['block']}: netkit public, ipaddress is_private={n.is_private} is_global={n.is_global}")

    # The registry: the most specific special row holding the whole block decides; rows inside
    # the block are what it overlaps; with no special row around it, any overlap makes it mixed.
    same = [r for r in rows if r[0].version == n.version]
    holding = [r for r in same if r[3] and n.subnet_of(r[0])]
    best = max(holding, key=lambda r: r[0].prefixlen, default=None)
    inside = {r[0] for r in same if r[0] != n and r[0].subnet_of(n)}
    expect(case, 'overlaps', {ip.ip_network(x['block']) for x in o['overlaps']}, inside)
    row = o['registry_block'] and ip.ip_network(o['registry_block'])
    if best is None and inside:
        expect(case, 'kind', kind, 'mixed')
        expect(case, 'registry_block', row, None)
    elif best is not None:
        expect(case, 'registry_block', row, best[0])
        reg = o['registry'] or {}
        expect(case, 'registry name', reg.get('name'), best[1])
        expect(case, 'globally reachable', reg.get('globally_reachable'), best[2])
        if kind == 'public':
            bad.append(f"{case['block']}: in {best[0]} ({best[1]}) but called public")
    elif v6 and n.subnet_of(catch_all[0][0]):
        expect(case, 'kind', kind, 'public')
        expect(case, 'registry_block', row, catch_all[0][0])
    else:
        expect(case, 'kind', kind, 'reserved' if v6 else 'public')
        expect(case, 'registry_block', row, None)

for line in bad:
    print(line)
print(f"ipaddress (Python {sys.version.split()[0]}) and the IANA registries checked "
      f"{len(cases)} blocks ({enumerated} host by host), {len(special)} registry rows: "
      f"{len(bad)} disagreements")
sys.exit(1 if bad else 0)
"#;

/// A tiny xorshift generator: the same blocks on every run for one seed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn u128(&mut self) -> u128 {
        (u128::from(self.next()) << 64) | u128::from(self.next())
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Text of an address of `bits` (32 or 128) with value `v`.
fn text(bits: u32, v: u128) -> String {
    if bits == 32 {
        std::net::Ipv4Addr::from(v as u32).to_string()
    } else {
        std::net::Ipv6Addr::from(v).to_string()
    }
}

/// The registry blocks of a transcribed IANA CSV: the first cell of each record, read plainly
/// (records start at the line's beginning; continuation lines of quoted cells are indented).
fn registry_blocks(csv: &str) -> Vec<(u32, u128, u32)> {
    let mut out = Vec::new();
    for line in csv.lines() {
        if line.starts_with('#') || line.starts_with(' ') {
            continue;
        }
        let first = match line.strip_prefix('"') {
            Some(rest) => rest.split('"').next().unwrap_or(""),
            None => line.split(',').next().unwrap_or(""),
        };
        for block in first.split(", ") {
            let block = block.split(" [").next().unwrap_or("");
            let Some((a, p)) = block.split_once('/') else {
                continue;
            };
            let (Ok(a), Ok(p)) = (a.parse::<std::net::IpAddr>(), p.parse::<u32>()) else {
                continue;
            };
            match a {
                std::net::IpAddr::V4(a) => out.push((32, u128::from(u32::from(a)), p)),
                std::net::IpAddr::V6(a) => out.push((128, u128::from(a), p)),
            }
        }
    }
    out
}

/// The blocks to check, as CIDR text (host bits set now and then: netkit and ipaddress both
/// take the network of the address given).
fn blocks(seed: u64) -> Vec<String> {
    let mut rng = XorShift(seed | 1);
    let mut out: Vec<String> = [
        "0.0.0.0/0",
        "::/0",
        "10.9.8.7/31",
        "10.9.8.7/32",
        "2001:db8::7/127",
        "2001:db8::7/128",
        "2001:db8::/80",
        "::/96",
        "::ffff:0:0/96",
        "2001:db8::/31",
        "2001::/31",
        "2002::/15",
        "3ff0::/12",
        "198.51.100.0/23",
    ]
    .map(String::from)
    .to_vec();
    let v4 = registry_blocks(include_str!("fixtures/iana-ipv4-special-registry.csv"));
    let v6 = registry_blocks(include_str!("fixtures/iana-ipv6-special-registry.csv"));
    assert!(
        v4.len() >= 26 && v6.len() >= 25,
        "read {} IPv4 and {} IPv6 registry rows",
        v4.len(),
        v6.len()
    );
    let mask = |bits: u32, prefix: u32| -> u128 {
        let all = if bits == 32 {
            u128::from(u32::MAX)
        } else {
            u128::MAX
        };
        all & !all.checked_shr(prefix).unwrap_or(0)
    };
    for &(bits, net, prefix) in v4.iter().chain(&v6) {
        out.push(format!("{}/{prefix}", text(bits, net)));
        // A block inside the row (a random address of it under a longer prefix)...
        let inner = prefix + rng.below(u64::from(bits - prefix) + 1) as u32;
        let addr = net | (rng.u128() & !mask(bits, prefix) & mask(bits, bits));
        out.push(format!("{}/{inner}", text(bits, addr)));
        // ...and one around it.
        let outer = prefix.saturating_sub(1 + rng.below(12) as u32);
        out.push(format!("{}/{outer}", text(bits, addr)));
    }
    for _ in 0..100 {
        let bits = 32;
        let prefix = if rng.below(2) == 0 {
            20 + rng.below(13) as u32
        } else {
            rng.below(33) as u32
        };
        out.push(format!(
            "{}/{prefix}",
            text(bits, rng.u128() & mask(32, 32))
        ));
    }
    for _ in 0..100 {
        let prefix = if rng.below(2) == 0 {
            116 + rng.below(13) as u32
        } else {
            rng.below(129) as u32
        };
        // Half in global unicast, where most of the registry is.
        let mut a = rng.u128();
        if rng.below(2) == 0 {
            a = (a >> 3) | (1 << 125);
        }
        out.push(format!("{}/{prefix}", text(128, a)));
    }
    out
}

#[test]
fn subnet_info_agrees_with_ipaddress_and_the_iana_registries() {
    let require = std::env::var("NETKIT_REQUIRE_NETNS").is_ok_and(|v| v == "1");
    let python = Command::new("python3").arg("--version").output();
    if !python.is_ok_and(|o| o.status.success()) {
        assert!(
            !require,
            "NETKIT_REQUIRE_NETNS=1 but python3 is missing: the ipaddress oracle cannot run"
        );
        eprintln!("SKIP subnet_oracle: python3 is not installed");
        return;
    }
    let seed = std::env::var("NETKIT_ORACLE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_1e57_0018_u64);
    let mut cases = Vec::new();
    for block in blocks(seed) {
        let o = run(&["--json", "subnet", "info", &block]);
        assert_eq!(code(&o), 0, "{block}: {}", stderr(&o));
        cases.push(serde_json::json!({"block": block, "out": json(&o)}));
    }
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    let mut child = Command::new("python3")
        .args(["-c", ORACLE])
        .arg(format!("{fixtures}iana-ipv4-special-registry.csv"))
        .arg(format!("{fixtures}iana-ipv6-special-registry.csv"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    let input = serde_json::to_vec(&cases).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let o = child.wait_with_output().unwrap();
    let (out, err) = (stdout(&o), stderr(&o));
    eprintln!("seed {seed:#x}: {}", out.lines().last().unwrap_or(""));
    assert!(
        o.status.success() && out.contains(" 0 disagreements"),
        "seed {seed:#x}:\n{out}\n{err}"
    );
}
