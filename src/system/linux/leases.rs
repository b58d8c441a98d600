//! Is DHCP in use on an interface, and what lease did it get? Read from the lease files the
//! common clients leave behind: systemd-networkd (`/run/systemd/netif/leases/<ifindex>`),
//! NetworkManager (`/var/lib/NetworkManager/internal-<uuid>-<if>.lease` and its dhclient
//! backend's `dhclient-<uuid>-<if>.lease`), ISC dhclient (`/var/lib/dhcp/dhclient*.leases`,
//! `/var/lib/dhclient/*.leases`) and dhcpcd (`/var/lib/dhcpcd/<if>.lease`, a raw DHCP message).
//!
//! Files under `/var/lib` survive reboots and may be stale; a lease file says DHCP was used, not
//! that the client is running now. The parsers are tolerant: anything they do not understand is
//! skipped, never a panic.

use std::fs;
use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use jiff::civil::{self, Date, DateTime, Time};

use super::files::{
    env_value, parse_server, read_bounded, read_text, under, unquote, valid_ifname,
};
use crate::system::model::{DhcpClient, DhcpLease, Expiry, INFINITE_LEASE, Origin, utc};
use crate::wire::dhcp_msg;

/// Finds the lease for interface `ifname` (index `ifindex`). systemd-networkd's file under
/// `/run` (this boot's) wins; otherwise the most recently written matching file of the other
/// clients. `None` when no client left a lease for the interface.
pub fn find_lease(root: &Path, ifname: &str, ifindex: u32) -> Option<DhcpLease> {
    if ifindex > 0 {
        let path = under(root, &format!("run/systemd/netif/leases/{ifindex}"));
        if let Some(text) = read_text(&path) {
            return Some(DhcpLease {
                source: Origin::Path(path),
                ..parse_networkd_lease(&text)
            });
        }
    }
    if !valid_ifname(ifname) {
        return None;
    }
    let mut found: Vec<(SystemTime, DhcpLease)> = Vec::new();
    let mut keep = |path: PathBuf, lease: Option<DhcpLease>| {
        if let Some(lease) = lease {
            let mtime = mtime(&path).unwrap_or(UNIX_EPOCH);
            found.push((
                mtime,
                DhcpLease {
                    source: Origin::Path(path),
                    ..lease
                },
            ));
        }
    };

    let nm = under(root, "var/lib/NetworkManager");
    for name in file_names(&nm) {
        let path = nm.join(&name);
        if nm_lease_name(&name, "internal-", ifname) {
            let lease = read_text(&path).map(|t| DhcpLease {
                client: DhcpClient::NetworkManager,
                ..parse_networkd_lease(&t)
            });
            keep(path, lease);
        } else if nm_lease_name(&name, "dhclient-", ifname) {
            let lease = read_text(&path)
                .and_then(|t| parse_dhclient_leases(&t, ifname))
                .map(|l| DhcpLease {
                    client: DhcpClient::NetworkManager,
                    ..l
                });
            keep(path, lease);
        }
    }

    for (dir, prefix) in [("var/lib/dhcp", "dhclient"), ("var/lib/dhclient", "")] {
        let dir = under(root, dir);
        for name in file_names(&dir) {
            if name.starts_with(prefix) && name.ends_with(".leases") && !name.contains("dhclient6")
            {
                let path = dir.join(&name);
                let lease = read_text(&path).and_then(|t| parse_dhclient_leases(&t, ifname));
                keep(path, lease);
            }
        }
    }

    let dhcpcd = under(root, "var/lib/dhcpcd");
    let exact = [format!("{ifname}.lease"), format!("dhcpcd-{ifname}.lease")];
    let ssid_prefix = format!("{ifname}-");
    for name in file_names(&dhcpcd) {
        let per_ssid = name.starts_with(&ssid_prefix) && name.ends_with(".lease");
        if exact.contains(&name) || per_ssid {
            let path = dhcpcd.join(&name);
            let lease = read_bounded(&path).ok().map(|bytes| {
                let mut lease = parse_dhcpcd_lease(&bytes);
                // dhcpcd itself dates a saved lease by the file's modification time.
                let obtained = mtime(&path).and_then(whole_seconds);
                lease.obtained = obtained.and_then(utc);
                if let (Some(secs), Some(t)) = (lease.lease_seconds, obtained) {
                    lease.expires = expiry_after(t, secs);
                }
                lease
            });
            keep(path, lease);
        }
    }

    found.sort_by_key(|(t, _)| *t);
    found.pop().map(|(_, lease)| lease)
}

fn file_names(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

fn mtime(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).ok()?.modified().ok()
}

/// A file time in whole seconds since the epoch (lease times are written in whole seconds).
fn whole_seconds(t: SystemTime) -> Option<i64> {
    i64::try_from(t.duration_since(UNIX_EPOCH).ok()?.as_secs()).ok()
}

/// When a lease of `secs` seconds obtained at `start` (seconds since the epoch) runs out:
/// never for an infinite lease.
fn expiry_after(start: i64, secs: u64) -> Option<Expiry> {
    if secs == INFINITE_LEASE {
        return Some(Expiry::Never);
    }
    utc(start.checked_add(i64::try_from(secs).ok()?)?).map(Expiry::At)
}

/// `<prefix><uuid>-<ifname>.lease`, the way NetworkManager names per-connection lease files.
fn nm_lease_name(name: &str, prefix: &str, ifname: &str) -> bool {
    let Some(rest) = name
        .strip_prefix(prefix)
        .and_then(|r| r.strip_suffix(".lease"))
    else {
        return false;
    };
    let (Some(uuid), Some(tail)) = (rest.get(..36), rest.get(36..)) else {
        return false;
    };
    let uuid_ok = uuid.char_indices().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => c == '-',
        _ => c.is_ascii_hexdigit(),
    });
    uuid_ok && tail.strip_prefix('-') == Some(ifname)
}

/// Parses a systemd-networkd lease file: the `KEY=VALUE` serialization (`ADDRESS=`,
/// `SERVER_ADDRESS=`, `ROUTER=`, `LIFETIME=`...) or the JSON one of newer systemd (`"Address"`,
/// `"Server_Address"`, `"Router"`, `"Lifetime"`, `"Timestamp_realtime"`). NetworkManager's
/// internal client writes the same `KEY=VALUE` shape (often only `ADDRESS=`).
pub fn parse_networkd_lease(text: &str) -> DhcpLease {
    let mut lease = DhcpLease::new(DhcpClient::Networkd);
    if text.trim_start().starts_with('{') {
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(text) {
            fill_from_json(&mut lease, &map);
        }
        return lease;
    }
    let first = |key: &str| {
        env_value(text, key)
            .and_then(|v| v.split_whitespace().next())
            .and_then(parse_server)
    };
    lease.address = first("ADDRESS");
    lease.server = first("SERVER_ADDRESS").or_else(|| first("SERVER_IDENTIFIER"));
    lease.router = first("ROUTER");
    lease.lease_seconds = env_value(text, "LIFETIME").and_then(parse_timespan);
    lease
}

fn fill_from_json(lease: &mut DhcpLease, map: &serde_json::Map<String, serde_json::Value>) {
    use serde_json::Value;
    fn addr(v: &Value) -> Option<IpAddr> {
        match v {
            Value::String(s) => parse_server(s),
            Value::Array(a) if a.len() == 4 && a.iter().all(Value::is_u64) => {
                let b: Vec<u8> = a
                    .iter()
                    .filter_map(|x| u8::try_from(x.as_u64()?).ok())
                    .collect();
                <[u8; 4]>::try_from(b)
                    .ok()
                    .map(|b| IpAddr::V4(Ipv4Addr::from(b)))
            }
            Value::Array(a) => a.first().and_then(addr),
            _ => None,
        }
    }
    let get = |key: &str| {
        map.get(&format!("{key}String"))
            .and_then(addr)
            .or_else(|| map.get(key).and_then(addr))
    };
    lease.address = get("Address");
    lease.server = get("Server_Address").or_else(|| get("ServerAddress"));
    lease.router = get("Router");
    lease.lease_seconds = match map.get("Lifetime") {
        Some(Value::String(s)) => parse_timespan(s),
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    };
    let acquired = map
        .get("Timestamp_realtime")
        .and_then(Value::as_str)
        .and_then(parse_systemd_utc_timestamp);
    lease.obtained = acquired.and_then(utc);
    if let (Some(t), Some(secs)) = (acquired, lease.lease_seconds) {
        lease.expires = expiry_after(t, secs);
    }
}

/// `Wed 2026-11-25 03:34:53.123456 UTC` (only UTC stamps: a local zone name is not resolvable
/// here without the zone database).
fn parse_systemd_utc_timestamp(s: &str) -> Option<i64> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.last() != Some(&"UTC") {
        return None;
    }
    let date = words.iter().position(|w| w.contains('-'))?;
    parse_date_time(words[date], words.get(date + 1)?)
}

/// Seconds in a systemd time span (`86400`, `1d`, `12h`, `1h 30min`, `2min 30s`...).
fn parse_timespan(s: &str) -> Option<u64> {
    let s = s.trim();
    if let Ok(n) = s.parse::<u64>() {
        return Some(n);
    }
    let mut total: u64 = 0;
    let mut any = false;
    for word in s.split_whitespace() {
        let split = word
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(word.len());
        let (num, unit) = word.split_at(split);
        let value: f64 = num.parse().ok()?;
        let unit_secs: f64 = match unit {
            "" | "s" | "sec" | "second" | "seconds" => 1.0,
            "ms" | "msec" | "us" | "usec" | "\u{b5}s" | "ns" | "nsec" => 0.0,
            "m" | "min" | "minute" | "minutes" => 60.0,
            "h" | "hr" | "hour" | "hours" => 3600.0,
            "d" | "day" | "days" => 86_400.0,
            "w" | "week" | "weeks" => 604_800.0,
            "M" | "month" | "months" => 2_629_800.0,
            "y" | "year" | "years" => 31_557_600.0,
            _ => return None,
        };
        total = total.checked_add((value * unit_secs) as u64)?;
        any = true;
    }
    any.then_some(total)
}

/// Parses ISC dhclient's lease database (dhclient.leases(5)) and returns the last `lease { }`
/// block for interface `ifname` (blocks without an `interface` statement count as matching, as
/// in per-interface files). `lease6` blocks are skipped.
pub fn parse_dhclient_leases(text: &str, ifname: &str) -> Option<DhcpLease> {
    let mut last = None;
    for (header, body) in top_level_blocks(&strip_comments(text)) {
        if header != "lease" {
            continue;
        }
        let mut lease = DhcpLease::new(DhcpClient::Dhclient);
        let mut interface = None;
        for stmt in statements(&body) {
            let words: Vec<&str> = stmt.split_whitespace().collect();
            match words.as_slice() {
                ["interface", name, ..] => interface = Some(unquote(name).to_string()),
                ["fixed-address", ip, ..] => lease.address = parse_server(ip),
                ["option", "dhcp-server-identifier", ip, ..] => lease.server = parse_server(ip),
                ["option", "routers", rest @ ..] => {
                    let list = rest.join("");
                    lease.router = list.split(',').next().and_then(parse_server);
                }
                ["option", "dhcp-lease-time", n, ..] => lease.lease_seconds = n.parse().ok(),
                ["expire", rest @ ..] => lease.expires = dhclient_time(rest),
                _ => {}
            }
        }
        if interface.as_deref().is_none_or(|i| i == ifname) {
            last = Some(lease);
        }
    }
    last
}

/// `never`, `epoch 1764041693`, or `<weekday> 2026/11/25 03:34:53` (UTC); `None` for
/// anything else (a time that is no date is not passed on as if it were one).
fn dhclient_time(words: &[&str]) -> Option<Expiry> {
    match words {
        [] => None,
        ["never", ..] => Some(Expiry::Never),
        ["epoch", n, ..] => n.parse().ok().and_then(utc).map(Expiry::At),
        _ => {
            let i = words.iter().position(|w| w.contains('/'))?;
            parse_date_time(words[i], words.get(i + 1)?)
                .and_then(utc)
                .map(Expiry::At)
        }
    }
}

/// Tracks whether characters are inside a dhclient quoted string (which has `\` escapes).
#[derive(Debug, Default)]
struct Quotes {
    inside: bool,
    escaped: bool,
}

impl Quotes {
    /// Feeds one character; true when it belongs to a quoted string (its quotes included).
    fn literal(&mut self, c: char) -> bool {
        if self.inside {
            if self.escaped {
                self.escaped = false;
            } else if c == '\\' {
                self.escaped = true;
            } else if c == '"' {
                self.inside = false;
            }
            true
        } else {
            self.inside = c == '"';
            self.inside
        }
    }
}

/// Drops `#` comments outside quoted strings.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut quotes = Quotes::default();
        for c in line.chars() {
            let literal = quotes.literal(c);
            if c == '#' && !literal {
                break;
            }
            out.push(c);
        }
        out.push('\n');
    }
    out
}

/// Top-level `header { body }` blocks, quote-aware; unbalanced trailing text is dropped.
fn top_level_blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let (mut depth, mut quotes) = (0usize, Quotes::default());
    let (mut header, mut body) = (String::new(), String::new());
    for c in text.chars() {
        if quotes.literal(c) {
            if depth > 0 {
                body.push(c);
            } else {
                header.push(c);
            }
            continue;
        }
        match (c, depth) {
            ('{', 0) => depth = 1,
            ('{', _) => {
                depth += 1;
                body.push(c);
            }
            ('}', 0) => header.clear(),
            ('}', 1) => {
                depth = 0;
                blocks.push((header.trim().to_string(), std::mem::take(&mut body)));
                header.clear();
            }
            ('}', _) => {
                depth -= 1;
                body.push(c);
            }
            (';', 0) => header.clear(),
            (_, 0) => header.push(c),
            _ => body.push(c),
        }
    }
    blocks
}

/// `;`-separated statements of a block body, quote-aware, skipping nested blocks.
fn statements(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut depth, mut quotes) = (0usize, Quotes::default());
    let mut cur = String::new();
    for c in body.chars() {
        if !quotes.literal(c) {
            match c {
                '{' => {
                    depth += 1;
                    continue;
                }
                '}' => {
                    depth = depth.saturating_sub(1);
                    cur.clear();
                    continue;
                }
                ';' if depth == 0 => {
                    out.push(std::mem::take(&mut cur).trim().to_string());
                    continue;
                }
                _ => {}
            }
        }
        if depth == 0 {
            cur.push(c);
        }
    }
    out
}

/// Parses a dhcpcd lease file: the server's raw BOOTP/DHCP reply (yiaddr, options 54, 3, 51),
/// read with [`dhcp_msg::read_reply`]. Anything else gives a lease with only `client` set
/// ("dhcpcd"); a truncated option ends the options, what came before it staying. `obtained`
/// and `expires` are left to the caller, who knows the file's time.
pub fn parse_dhcpcd_lease(bytes: &[u8]) -> DhcpLease {
    let mut lease = DhcpLease::new(DhcpClient::Dhcpcd);
    let Some(reply) = dhcp_msg::read_reply(bytes) else {
        return lease;
    };
    /// 0.0.0.0 means "not set".
    fn set(ip: Ipv4Addr) -> Option<IpAddr> {
        (!ip.is_unspecified()).then_some(IpAddr::V4(ip))
    }
    lease.address = set(reply.yiaddr);
    lease.server = reply.server_id.and_then(set);
    lease.router = reply.config.routers.first().copied().and_then(set);
    lease.lease_seconds = reply.config.lease_seconds.map(u64::from);
    lease
}

/// The Unix epoch on the UTC clock. Lease files write UTC, so the date arithmetic is done on
/// civil (zone-less) date-times, whose range covers all of years 0..=9999.
const EPOCH: DateTime = civil::datetime(1970, 1, 1, 0, 0, 0, 0);

/// `dt` when its year is in 0..=9999 (what RFC 3339 can write).
fn in_years(dt: DateTime) -> Option<DateTime> {
    (0..=9999).contains(&dt.year()).then_some(dt)
}

/// Parses `YYYY/MM/DD HH:MM:SS` or `YYYY-MM-DD HH:MM:SS[.frac]` (the fraction is dropped), UTC,
/// to seconds since the epoch.
fn parse_date_time(date: &str, time: &str) -> Option<i64> {
    let format = if date.contains('/') {
        "%Y/%m/%d"
    } else {
        "%Y-%m-%d"
    };
    let date = Date::strptime(format, date).ok()?;
    let t = Time::strptime("%H:%M:%S%.f", time).ok()?;
    let dt = date.to_datetime(civil::time(t.hour(), t.minute(), t.second(), 0));
    Some(in_years(dt)?.duration_since(EPOCH).as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    /// The instant of an RFC 3339 time.
    fn ts(s: &str) -> jiff::Timestamp {
        s.parse().unwrap()
    }

    /// An expiry at an RFC 3339 time.
    fn at(s: &str) -> Option<Expiry> {
        Some(Expiry::At(ts(s)))
    }

    fn write(root: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }

    /// Sets a file's modification time (seconds since the epoch).
    fn touch(path: &Path, secs: u64) {
        let f = fs::File::options().write(true).open(path).unwrap();
        f.set_modified(UNIX_EPOCH + std::time::Duration::from_secs(secs))
            .unwrap();
    }

    /// A networkd lease in the KEY=VALUE serialization of systemd ≤ 257.
    const NETWORKD_LEASE: &str = "\
# This is private data. Do not parse.
ADDRESS=192.168.1.23
NETMASK=255.255.255.0
ROUTER=192.168.1.1 192.168.1.2
SERVER_ADDRESS=192.168.1.1
BROADCAST=192.168.1.255
T1=43200
T2=75600
LIFETIME=86400
DNS=192.168.1.1
DOMAINNAME=lan
CLIENTID=ff3a2b1c4d00020000ab11a1b2c3d4e5f6a7b8
";

    /// Two interfaces, eth0 renewed once (the later block wins), as ISC dhclient appends them.
    const DHCLIENT_LEASES: &str = "\
default-duid \"\\000\\001\\000\\001+\\233\\3147RT\\000\\022\\064V\";
lease {
  interface \"eth0\";
  fixed-address 10.0.2.15;
  option subnet-mask 255.255.255.0;
  option routers 10.0.2.2;
  option dhcp-lease-time 86400;
  option dhcp-message-type 5;
  option domain-name-servers 10.0.2.3;
  option dhcp-server-identifier 10.0.2.2;
  option domain-name \"example; not a statement { }\";
  renew 2 2026/11/24 09:12:01;
  rebind 2 2026/11/24 20:00:00;
  expire 2 2026/11/24 23:00:00;
}
lease {
  interface \"wlan0\";
  fixed-address 192.168.50.7;
  option routers 192.168.50.1,192.168.50.254;
  option dhcp-lease-time 3600;
  option dhcp-server-identifier 192.168.50.1;
  expire epoch 1795577693; # Wed Nov 25 03:34:53 2026
}
lease {
  interface \"eth0\";
  fixed-address 10.0.2.16;
  option routers 10.0.2.2;
  option dhcp-lease-time 86400;
  option dhcp-server-identifier 10.0.2.2;
  renew 3 2026/11/25 09:12:01;
  expire 3 2026/11/25 23:00:00;
}
lease6 {
  interface \"eth0\";
  ia-na 1a:2b:3c:4d {
    starts 1764000000;
    iaaddr 2001:db8::15 {
      starts 1764000000;
    }
  }
}
";

    #[test]
    fn networkd_key_value() {
        let l = parse_networkd_lease(NETWORKD_LEASE);
        assert_eq!(l.client, DhcpClient::Networkd);
        assert_eq!(l.address, ip("192.168.1.23"));
        assert_eq!(l.server, ip("192.168.1.1"));
        assert_eq!(l.router, ip("192.168.1.1"));
        assert_eq!(l.lease_seconds, Some(86400));
        assert_eq!(l.expires, None);
    }

    #[test]
    fn networkd_json() {
        let text = r#"{
            "Address": [192, 168, 1, 23], "AddressString": "192.168.1.23",
            "Router": [[192, 168, 1, 1]],
            "Server_Address": [192, 168, 1, 1],
            "Lifetime": "1d 2h",
            "Timestamp_realtime": "Wed 2026-11-25 03:34:53.123456 UTC"
        }"#;
        let l = parse_networkd_lease(text);
        assert_eq!(l.address, ip("192.168.1.23"));
        assert_eq!(l.router, ip("192.168.1.1"));
        assert_eq!(l.server, ip("192.168.1.1"));
        assert_eq!(l.lease_seconds, Some(93_600));
        assert_eq!(l.obtained, Some(ts("2026-11-25T03:34:53Z")));
        assert_eq!(l.expires, at("2026-11-26T05:34:53Z"));
        let broken = parse_networkd_lease("{ \"Address\": [1, 2, 300, 4], \"Lifetime\": 7");
        assert_eq!((broken.address, broken.lease_seconds), (None, None));
    }

    #[test]
    fn timespans() {
        assert_eq!(parse_timespan("86400"), Some(86400));
        assert_eq!(parse_timespan("12h"), Some(43200));
        assert_eq!(parse_timespan("1h 30min"), Some(5400));
        assert_eq!(parse_timespan("2min 30s 500ms"), Some(150));
        assert_eq!(parse_timespan("infinity"), None);
        assert_eq!(parse_timespan(""), None);
    }

    #[test]
    fn dhclient_last_lease_per_interface() {
        let eth0 = parse_dhclient_leases(DHCLIENT_LEASES, "eth0").unwrap();
        assert_eq!(
            eth0,
            DhcpLease {
                client: DhcpClient::Dhclient,
                source: Origin::Text,
                address: ip("10.0.2.16"),
                server: ip("10.0.2.2"),
                router: ip("10.0.2.2"),
                lease_seconds: Some(86400),
                obtained: None,
                expires: at("2026-11-25T23:00:00Z"),
            }
        );
        let wlan0 = parse_dhclient_leases(DHCLIENT_LEASES, "wlan0").unwrap();
        assert_eq!(wlan0.address, ip("192.168.50.7"));
        assert_eq!(wlan0.router, ip("192.168.50.1"));
        assert_eq!(wlan0.expires, at("2026-11-25T03:34:53Z"));
        assert_eq!(parse_dhclient_leases(DHCLIENT_LEASES, "eth1"), None);
    }

    #[test]
    fn dhclient_garbage_does_not_panic() {
        for text in [
            "",
            "}",
            "lease {",
            "lease { ; ; }}}",
            "\"unterminated",
            "lease { expire; }",
        ] {
            let _ = parse_dhclient_leases(text, "eth0");
        }
        // An escaped quote and a '#' inside a string neither end the string nor start a comment.
        let tricky =
            "default-duid \"\\\"#{\"; lease { interface \"eth0\"; fixed-address 10.1.1.1; }";
        let l = parse_dhclient_leases(tricky, "eth0").unwrap();
        assert_eq!(l.address, ip("10.1.1.1"));
        let never = parse_dhclient_leases("lease { expire never; }", "eth0").unwrap();
        assert_eq!(never.expires, Some(Expiry::Never));
    }

    /// A DHCPACK as dhcpcd saves it: BOOTP header, magic cookie, options.
    fn dhcp_ack() -> Vec<u8> {
        let mut m = vec![0u8; 240];
        m[0] = 2;
        m[16..20].copy_from_slice(&[192, 168, 7, 40]);
        m[236..240].copy_from_slice(&[99, 130, 83, 99]);
        m.extend_from_slice(&[53, 1, 5]);
        m.extend_from_slice(&[0, 0]);
        m.extend_from_slice(&[54, 4, 192, 168, 7, 1]);
        m.extend_from_slice(&[3, 8, 192, 168, 7, 1, 192, 168, 7, 2]);
        m.extend_from_slice(&[51, 4, 0, 0, 0x0e, 0x10]);
        m.push(255);
        m
    }

    #[test]
    fn dhcpcd_binary() {
        let l = parse_dhcpcd_lease(&dhcp_ack());
        assert_eq!(l.client, DhcpClient::Dhcpcd);
        assert_eq!(l.address, ip("192.168.7.40"));
        assert_eq!(l.server, ip("192.168.7.1"));
        assert_eq!(l.router, ip("192.168.7.1"));
        assert_eq!(l.lease_seconds, Some(3600));
        // Cut inside the server identifier: the address before it stays, nothing after.
        let mut truncated = dhcp_ack();
        truncated.truncate(250);
        let l = parse_dhcpcd_lease(&truncated);
        assert_eq!(
            (l.address, l.server, l.router),
            (ip("192.168.7.40"), None, None)
        );
        let junk = parse_dhcpcd_lease(b"not a dhcp message");
        assert_eq!((junk.client, junk.address), (DhcpClient::Dhcpcd, None));
        // Without the magic cookie it is not a DHCP message at all.
        let mut cookie = dhcp_ack();
        cookie[236] = 0;
        assert_eq!(parse_dhcpcd_lease(&cookie), parse_dhcpcd_lease(b""));
        // Unset addresses and a lease time of the wrong size are left out.
        let mut m = dhcp_ack();
        m.truncate(240);
        m.extend_from_slice(&[3, 4, 0, 0, 0, 0, 54, 4, 0, 0, 0, 0, 51, 2, 0, 1, 255]);
        m[16..20].fill(0);
        assert_eq!(parse_dhcpcd_lease(&m), parse_dhcpcd_lease(b""));
        // Garbage after a valid header never panics.
        for cut in 240..dhcp_ack().len() {
            let mut m = dhcp_ack();
            m.truncate(cut);
            m.extend_from_slice(&[81, 1, 0, 94, 7, 152, 0]);
            let _ = parse_dhcpcd_lease(&m);
        }
    }

    #[test]
    fn find_prefers_networkd_then_newest_file() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        assert_eq!(find_lease(root, "eth0", 2), None);

        let old = write(
            root,
            "var/lib/dhcp/dhclient.leases",
            DHCLIENT_LEASES.as_bytes(),
        );
        touch(&old, 1_700_000_000);
        let l = find_lease(root, "eth0", 2).unwrap();
        assert_eq!(
            (l.client, l.address),
            (DhcpClient::Dhclient, ip("10.0.2.16"))
        );
        assert_eq!(l.source, Origin::Path(old));

        let nm = write(
            root,
            "var/lib/NetworkManager/internal-0f4fe3c3-2b7c-4c5e-9a59-3e0d2b6e6f01-eth0.lease",
            b"# This is private data. Do not parse.\nADDRESS=10.0.2.99\n",
        );
        touch(&nm, 1_800_000_000);
        write(
            root,
            "var/lib/NetworkManager/internal-0f4fe3c3-2b7c-4c5e-9a59-3e0d2b6e6f01-veth0.lease",
            b"ADDRESS=10.9.9.9\n",
        );
        let l = find_lease(root, "eth0", 2).unwrap();
        assert_eq!(
            (l.client, l.address),
            (DhcpClient::NetworkManager, ip("10.0.2.99"))
        );
        assert_eq!(l.server, None);

        let networkd = write(
            root,
            "run/systemd/netif/leases/2",
            NETWORKD_LEASE.as_bytes(),
        );
        let l = find_lease(root, "eth0", 2).unwrap();
        assert_eq!(l.client, DhcpClient::Networkd);
        assert_eq!(l.source, Origin::Path(networkd));
        // Another index, and odd names, never reach the networkd file.
        assert_eq!(
            find_lease(root, "eth0", 3).unwrap().client,
            DhcpClient::NetworkManager
        );
        assert_eq!(find_lease(root, "../etc", 0), None);
        assert_eq!(find_lease(root, "", 0), None);
    }

    #[test]
    fn find_dhcpcd_and_nm_dhclient() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let path = write(root, "var/lib/dhcpcd/wlan0-HomeWifi.lease", &dhcp_ack());
        touch(&path, 1_795_577_693);
        let l = find_lease(root, "wlan0", 3).unwrap();
        assert_eq!(l.client, DhcpClient::Dhcpcd);
        assert_eq!(l.address, ip("192.168.7.40"));
        assert_eq!(l.obtained, Some(ts("2026-11-25T03:34:53Z")));
        assert_eq!(l.expires, at("2026-11-25T04:34:53Z"));
        assert_eq!(l.source, Origin::Path(path.clone()));
        assert_eq!(find_lease(root, "wlan", 3), None);

        write(
            root,
            "var/lib/NetworkManager/dhclient-0f4fe3c3-2b7c-4c5e-9a59-3e0d2b6e6f01-enp3s0.lease",
            DHCLIENT_LEASES.replace("\"eth0\"", "\"enp3s0\"").as_bytes(),
        );
        let l = find_lease(root, "enp3s0", 4).unwrap();
        assert_eq!(
            (l.client, l.address),
            (DhcpClient::NetworkManager, ip("10.0.2.16"))
        );
    }

    #[test]
    fn nm_names() {
        let u = "0f4fe3c3-2b7c-4c5e-9a59-3e0d2b6e6f01";
        assert!(nm_lease_name(
            &format!("internal-{u}-br-lan.lease"),
            "internal-",
            "br-lan"
        ));
        assert!(!nm_lease_name(
            &format!("internal-{u}-br-lan.lease"),
            "internal-",
            "lan"
        ));
        assert!(!nm_lease_name("internal-x-eth0.lease", "internal-", "eth0"));
        assert!(!nm_lease_name(
            &format!("internal6-{u}-eth0.lease"),
            "internal-",
            "eth0"
        ));
    }

    #[test]
    fn serializes_snake_case() {
        let json = serde_json::to_value(parse_networkd_lease(NETWORKD_LEASE)).unwrap();
        assert_eq!(json["lease_seconds"], 86400);
        assert_eq!(json["address"], "192.168.1.23");
        assert_eq!(json["client"], "systemd-networkd");
        assert_eq!(json["source"], "");
    }

    /// Issue 29 section 1: a lease read from a file says the file in JSON as the path was
    /// written before the field was typed, and its expiry as RFC 3339 UTC.
    #[test]
    fn serializes_the_file_and_the_expiry() {
        let t = tempfile::tempdir().unwrap();
        let path = write(
            t.path(),
            "var/lib/dhcp/dhclient.leases",
            DHCLIENT_LEASES.as_bytes(),
        );
        let json = serde_json::to_value(find_lease(t.path(), "wlan0", 0).unwrap()).unwrap();
        assert_eq!(json["source"], path.display().to_string());
        assert_eq!(json["client"], "dhclient");
        assert_eq!(json["expires"], "2026-11-25T03:34:53Z");
        assert!(json["obtained"].is_null());
    }

    /// Looks for leases of this machine's interfaces: only files are read.
    #[test]
    fn this_machine() {
        let _ = find_lease(Path::new("/"), "lo", 1);
        let _ = find_lease(Path::new("/"), "eth0", 2);
    }

    #[test]
    fn utc_round_trip() {
        assert_eq!(utc(0), Some(ts("1970-01-01T00:00:00Z")));
        assert_eq!(utc(1_764_041_693), Some(ts("2025-11-25T03:34:53Z")));
        let t = parse_date_time("2026/02/28", "23:59:59").unwrap();
        assert_eq!(utc(t + 1), Some(ts("2026-03-01T00:00:00Z")));
        assert_eq!(parse_date_time("2026/13/01", "00:00:00"), None);
        assert_eq!(parse_date_time("999999999999999999/1/1", "00:00:00"), None);
        assert_eq!(utc(i64::MAX), None);
        assert_eq!(utc(i64::MIN), None);
    }

    #[test]
    fn dates_at_the_edges() {
        // From year 0 (the first RFC 3339 writes) to jiff's last instant, and nothing beyond.
        let first = parse_date_time("0000-01-01", "00:00:00").unwrap();
        assert_eq!(first, -62_167_219_200);
        assert_eq!(utc(first).unwrap().to_string(), "0000-01-01T00:00:00Z");
        let last = parse_date_time("9999/12/30", "22:00:00").unwrap();
        assert_eq!(utc(last).unwrap().to_string(), "9999-12-30T22:00:00Z");
        assert_eq!((utc(first - 1), utc(last + 1)), (None, None));
        let end = parse_date_time("9999/12/31", "23:59:59").unwrap();
        assert_eq!(utc(end), None);
        // Fractions of a second are dropped, also before the epoch (floor, not toward zero).
        assert_eq!(
            parse_date_time("2026-11-25", "03:34:53.999999"),
            Some(1_795_577_693)
        );
        assert_eq!(parse_date_time("1969-12-31", "23:59:59.5"), Some(-1));
        // Days a month does not have, and trailing text, are not dates.
        assert_eq!(parse_date_time("2026/02/29", "00:00:00"), None);
        assert_eq!(parse_date_time("2026/11/25", "03:34:53 UTC"), None);
        // ...nor are they passed on as if they were one.
        assert_eq!(dhclient_time(&["3", "2026/02/30", "00:00:00"]), None);
        assert_eq!(dhclient_time(&["3", "soon"]), None);
        assert_eq!(dhclient_time(&["never"]), Some(Expiry::Never));
        assert_eq!(expiry_after(0, u64::from(u32::MAX)), Some(Expiry::Never));
        assert_eq!(expiry_after(0, 60), at("1970-01-01T00:01:00Z"));
        assert_eq!(expiry_after(i64::MAX, 60), None);
        let t = UNIX_EPOCH + std::time::Duration::from_millis(1_795_577_693_999);
        assert_eq!(
            whole_seconds(t).and_then(utc),
            Some(ts("2026-11-25T03:34:53Z"))
        );
    }
}
