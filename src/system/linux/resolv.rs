//! The machine's DNS configuration: `/etc/resolv.conf` parsed as glibc reads it, and, when that
//! file only points at systemd-resolved's local stub (127.0.0.53 / 127.0.0.54), the real upstream
//! servers from resolved's own state files. Shared by `netkit dns` and `netkit ifaces`.
//!
//! Only files are read; no DNS server is ever queried.

use std::fs;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use super::files::{env_value, parse_server, read_bounded, read_text, under};
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::system::model::{DnsConfig, Origin, Stub, is_stub_address};

/// Parses the text of a `resolv.conf` file the way glibc does: `nameserver`, `domain`, `search`
/// (the last `domain` or `search` line wins), `options`; lines starting with `#` or `;` are
/// comments, unknown keywords and unparsable addresses are ignored. Text after `#` or `;` on a
/// line is treated as a comment too.
pub fn parse_resolv_conf(text: &str) -> DnsConfig {
    let mut cfg = DnsConfig::default();
    for line in text.lines() {
        let line = line.split(['#', ';']).next().unwrap_or("");
        let mut rest = line.split_whitespace();
        let Some(keyword) = rest.next() else {
            continue;
        };
        match keyword {
            "nameserver" => {
                if let Some(ip) = rest.next().and_then(parse_server) {
                    cfg.servers.push(ip);
                }
            }
            "domain" => {
                if let Some(domain) = rest.next() {
                    cfg.search = vec![domain.to_string()];
                }
            }
            "search" => {
                let list: Vec<String> = rest.map(str::to_string).collect();
                if !list.is_empty() {
                    cfg.search = list;
                }
            }
            "options" => {
                for opt in rest {
                    apply_option(&mut cfg, opt);
                }
            }
            _ => {}
        }
    }
    cfg
}

fn apply_option(cfg: &mut DnsConfig, opt: &str) {
    let number = |v: &str| v.parse::<u64>().ok();
    match opt.split_once(':') {
        Some(("ndots", v)) => {
            if let Some(n) = number(v) {
                cfg.ndots = Some(n.min(u64::from(u8::MAX)) as u8);
            }
        }
        Some(("timeout", v)) => {
            if let Some(n) = number(v) {
                cfg.timeout = Some(n.min(u64::from(u32::MAX)) as u32);
            }
        }
        Some(("attempts", v)) => {
            if let Some(n) = number(v) {
                cfg.attempts = Some(n.min(u64::from(u32::MAX)) as u32);
            }
        }
        _ => {
            if !opt.is_empty() && !cfg.options.iter().any(|o| o == opt) {
                cfg.options.push(opt.to_string());
            }
        }
    }
}

/// Reads `root/etc/resolv.conf`. When it lists only systemd-resolved's stub, [`DnsConfig::stub`]
/// says so and carries the real upstreams from `root/run/systemd/resolve/resolv.conf`, or failing
/// that from the per-link state files (see [`link_dns`]).
///
/// A missing or unreadable `/etc/resolv.conf` is an [`Error::Io`] naming the file.
pub fn system_dns(root: &Path) -> Result<DnsConfig> {
    let path = under(root, "etc/resolv.conf");
    let bytes = read_bounded(&path)
        .map_err(|e| Error::io(t!("io-reading-file", file = path.display().to_string()), e))?;
    let mut cfg = parse_resolv_conf(&String::from_utf8_lossy(&bytes));
    cfg.source = Origin::Path(path);
    if cfg.is_stub_only() {
        let (upstreams, upstream_source) = resolved_upstreams(root);
        cfg.stub = Some(Stub {
            address: cfg.servers[0],
            resolver: "systemd-resolved".to_string(),
            upstreams,
            upstream_source: upstream_source.map(Origin::Path),
        });
    }
    Ok(cfg)
}

/// The upstreams of systemd-resolved: its non-stub resolv.conf first, then per-link state.
fn resolved_upstreams(root: &Path) -> (Vec<IpAddr>, Option<PathBuf>) {
    let path = under(root, "run/systemd/resolve/resolv.conf");
    if let Some(text) = read_text(&path) {
        let servers = without_stub(parse_resolv_conf(&text).servers);
        if !servers.is_empty() {
            return (servers, Some(path));
        }
    }
    for dir in ["run/systemd/resolve/netif", "run/systemd/netif/links"] {
        let dir = under(root, dir);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut indexes: Vec<u32> = entries
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
            .collect();
        indexes.sort_unstable();
        let mut servers = Vec::new();
        for index in indexes {
            for ip in link_dns(root, index) {
                if !servers.contains(&ip) {
                    servers.push(ip);
                }
            }
        }
        let servers = without_stub(servers);
        if !servers.is_empty() {
            return (servers, Some(dir));
        }
    }
    (Vec::new(), None)
}

fn without_stub(servers: Vec<IpAddr>) -> Vec<IpAddr> {
    servers
        .into_iter()
        .filter(|ip| !is_stub_address(ip))
        .collect()
}

/// Per-interface DNS servers known to systemd: `SERVERS=` in systemd-resolved's
/// `root/run/systemd/resolve/netif/<ifindex>`, else `DNS=` in systemd-networkd's
/// `root/run/systemd/netif/links/<ifindex>`. Empty when neither file has any.
pub fn link_dns(root: &Path, ifindex: u32) -> Vec<IpAddr> {
    let sources = [
        (format!("run/systemd/resolve/netif/{ifindex}"), "SERVERS"),
        (format!("run/systemd/netif/links/{ifindex}"), "DNS"),
    ];
    for (rel, key) in sources {
        let Some(text) = read_text(&under(root, &rel)) else {
            continue;
        };
        let mut servers: Vec<IpAddr> = Vec::new();
        for ip in env_value(&text, key)
            .unwrap_or("")
            .split_whitespace()
            .filter_map(parse_server)
        {
            if !servers.contains(&ip) {
                servers.push(ip);
            }
        }
        if !servers.is_empty() {
            return servers;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// systemd-resolved's stub-resolv.conf, header as resolved writes it.
    const STUB_RESOLV_CONF: &str = "\
# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
#
# This file might be symlinked as /etc/resolv.conf. If you're looking at
# /etc/resolv.conf and seeing this text, you have followed the symlink.
#
# This is a dynamic resolv.conf file for connecting local clients to the
# internal DNS stub resolver of systemd-resolved. This file lists all
# configured search domains.
#
# Run \"resolvectl status\" to see details about the uplink DNS servers
# currently in use.
#
# Third party programs should typically not access this file directly, but only
# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a
# different way, replace this symlink by a static file or a different symlink.
#
# See man:systemd-resolved.service(8) for details about the supported modes of
# operation for /etc/resolv.conf.

nameserver 127.0.0.53
options edns0 trust-ad
search lan example.org
";

    /// systemd-resolved's /run/systemd/resolve/resolv.conf (the upstream list).
    const UPLINK_RESOLV_CONF: &str = "\
# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
#
# This file might be symlinked as /etc/resolv.conf. If you're looking at
# /etc/resolv.conf and seeing this text, you have followed the symlink.
#
# This is a dynamic resolv.conf file for connecting local clients directly to
# all known uplink DNS servers. This file lists all configured search domains.
#
# Third party programs should typically not access this file directly, but only
# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a
# different way, replace this symlink by a static file or a different symlink.
#
# See man:systemd-resolved.service(8) for details about the supported modes of
# operation for /etc/resolv.conf.

nameserver 192.168.1.1
nameserver fe80::1%2
search lan example.org
";

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path: PathBuf = dir.path().join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn plain_file_glibc_rules() {
        let cfg = parse_resolv_conf(
            "# generated by dhclient\n\
             ; old-style comment\n\
             domain corp.example\n\
             nameserver 10.0.0.2\n\
             nameserver   fe80::1%eth0   # link-local\n\
             nameserver not-an-address\n\
             nameserver 10.0.0.3\n\
             nameserver 10.0.0.4\n\
             search a.example\tb.example\n\
             options rotate ndots:2 timeout:1\n\
             options attempts:9 ndots:x edns0 rotate\n\
             sortlist 130.155.160.0/255.255.240.0\n\
             garbage line here\n\
             nameserver\n\
             searchx not.a.keyword\n",
        );
        assert_eq!(
            cfg.servers,
            vec![
                ip("10.0.0.2"),
                ip("fe80::1"),
                ip("10.0.0.3"),
                ip("10.0.0.4")
            ]
        );
        assert_eq!(cfg.search, vec!["a.example", "b.example"]);
        assert_eq!(cfg.ndots, Some(2));
        assert_eq!(cfg.timeout, Some(1));
        assert_eq!(cfg.attempts, Some(9));
        assert_eq!(cfg.options, vec!["rotate", "edns0"]);
        assert_eq!(cfg.source, Origin::Text);
        assert_eq!(cfg.stub, None);

        let eff = cfg.effective();
        assert_eq!(
            eff.servers,
            vec![ip("10.0.0.2"), ip("fe80::1"), ip("10.0.0.3")]
        );
        assert_eq!(eff.attempts, Some(5), "glibc caps attempts at 5");
        assert_eq!(eff.ndots, Some(2));
        assert_eq!(eff.timeout, Some(1));
    }

    #[test]
    fn domain_after_search_wins() {
        let cfg = parse_resolv_conf("search a.example b.example\ndomain c.example\n");
        assert_eq!(cfg.search, vec!["c.example"]);
    }

    #[test]
    fn empty_file_effective_defaults() {
        let cfg = parse_resolv_conf("");
        assert!(cfg.servers.is_empty());
        let eff = cfg.effective();
        assert_eq!(eff.servers, vec![ip("127.0.0.1")]);
        assert_eq!(
            (eff.ndots, eff.timeout, eff.attempts),
            (Some(1), Some(5), Some(2))
        );
        // ndots is capped at 15 even when written bigger.
        assert_eq!(
            parse_resolv_conf("options ndots:99999").effective().ndots,
            Some(15)
        );
    }

    #[test]
    fn binary_garbage_does_not_panic() {
        let cfg =
            parse_resolv_conf("\u{0}\u{ff}nameserver\u{0} 1.2.3.4\noptions ndots: timeout:-1 :\n");
        assert!(cfg.servers.is_empty());
        assert_eq!(cfg.timeout, None);
    }

    #[test]
    fn stub_with_upstream_resolv_conf() {
        let root = tree(&[
            ("etc/resolv.conf", STUB_RESOLV_CONF),
            ("run/systemd/resolve/resolv.conf", UPLINK_RESOLV_CONF),
        ]);
        let cfg = system_dns(root.path()).unwrap();
        assert_eq!(cfg.servers, vec![ip("127.0.0.53")]);
        assert_eq!(cfg.search, vec!["lan", "example.org"]);
        assert_eq!(cfg.options, vec!["edns0", "trust-ad"]);
        assert_eq!(
            cfg.source,
            Origin::Path(root.path().join("etc/resolv.conf"))
        );
        let stub = cfg.stub.unwrap();
        assert_eq!(stub.address, ip("127.0.0.53"));
        assert_eq!(stub.resolver, "systemd-resolved");
        assert_eq!(stub.upstreams, vec![ip("192.168.1.1"), ip("fe80::1")]);
        assert_eq!(
            stub.upstream_source,
            Some(Origin::Path(
                root.path().join("run/systemd/resolve/resolv.conf")
            ))
        );
    }

    #[test]
    fn stub_with_per_link_state_only() {
        let root = tree(&[
            ("etc/resolv.conf", "nameserver 127.0.0.54\n"),
            (
                "run/systemd/resolve/netif/3",
                "# This is private data. Do not parse.\nLLMNR=yes\nMDNS=no\n\
                 SERVERS=192.0.2.53#dns.example [2001:db8::53]:53 192.0.2.53\nDOMAINS=lan\n",
            ),
            (
                "run/systemd/resolve/netif/2",
                "# This is private data. Do not parse.\nSERVERS=198.51.100.1:5353\n",
            ),
            ("run/systemd/resolve/netif/junk", "SERVERS=203.0.113.9\n"),
        ]);
        let stub = system_dns(root.path()).unwrap().stub.unwrap();
        assert_eq!(stub.address, ip("127.0.0.54"));
        assert_eq!(
            stub.upstreams,
            vec![ip("198.51.100.1"), ip("192.0.2.53"), ip("2001:db8::53")]
        );
        assert_eq!(
            stub.upstream_source,
            Some(Origin::Path(root.path().join("run/systemd/resolve/netif")))
        );
    }

    #[test]
    fn stub_with_networkd_links_and_nothing() {
        let root = tree(&[
            ("etc/resolv.conf", STUB_RESOLV_CONF),
            (
                "run/systemd/netif/links/2",
                "# This is private data. Do not parse.\nADMIN_STATE=configured\n\
                 OPER_STATE=routable\nNETWORK_FILE=/etc/systemd/network/20-wired.network\n\
                 DNS=192.168.1.1 fe80::1%2\nNTP=\nDOMAINS=\nLLMNR=yes\n",
            ),
        ]);
        let stub = system_dns(root.path()).unwrap().stub.unwrap();
        assert_eq!(stub.upstreams, vec![ip("192.168.1.1"), ip("fe80::1")]);
        assert_eq!(link_dns(root.path(), 2), stub.upstreams);
        assert!(link_dns(root.path(), 7).is_empty());

        let bare = tree(&[("etc/resolv.conf", STUB_RESOLV_CONF)]);
        let stub = system_dns(bare.path()).unwrap().stub.unwrap();
        assert!(stub.upstreams.is_empty());
        assert_eq!(stub.upstream_source, None);
    }

    #[test]
    fn stub_plus_real_server_is_not_stub_only() {
        let root = tree(&[(
            "etc/resolv.conf",
            "nameserver 127.0.0.53\nnameserver 9.9.9.9\n",
        )]);
        assert_eq!(system_dns(root.path()).unwrap().stub, None);
    }

    #[test]
    fn missing_resolv_conf_is_an_io_error_naming_the_file() {
        let root = tempfile::tempdir().unwrap();
        let err = system_dns(root.path()).unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert!(err.to_string().contains("etc/resolv.conf"), "{err}");
    }

    #[test]
    fn serializes_snake_case() {
        let json = serde_json::to_value(parse_resolv_conf("nameserver 127.0.0.53\n")).unwrap();
        assert_eq!(json["servers"][0], "127.0.0.53");
        assert!(json.get("ndots").is_some());
        assert!(json["stub"].is_null());
    }

    /// Reads this machine's real configuration: only files, no query is sent.
    #[test]
    fn this_machine() {
        match system_dns(Path::new("/")) {
            Ok(cfg) => {
                assert_eq!(cfg.source, Origin::Path("/etc/resolv.conf".into()));
                if let Some(stub) = &cfg.stub {
                    assert!(is_stub_address(&stub.address));
                    assert!(!stub.upstreams.iter().any(is_stub_address));
                }
                assert!(cfg.effective().servers.len() <= 3);
            }
            Err(e) => assert!(
                !Path::new("/etc/resolv.conf").exists(),
                "/etc/resolv.conf exists but: {e}"
            ),
        }
    }
}
