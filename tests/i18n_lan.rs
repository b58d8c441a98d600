//! Issue 28 section 1: the LAN commands (arp, arp scan, arp cache, ping, trace, dhcp discover,
//! watch) speak Chinese on the namespace LAN. Insta snapshots of their main views with
//! `--lang zh-CN` on an 80-column terminal, times made steady (a round trip is never the same
//! twice); their errors in Chinese. That the Chinese views keep every value of their `--json`
//! whole at 60, 80 and 100 columns is checked with the English ones in tests/table.rs.

use crate::common::netns::{Chain, Lan};
use crate::common::*;
use crate::table::on_terminal_in;

/// The text with every time (`0.123 ms`, `87 µs`, `1.02 s`) as `9.99 ms`, the columns around it
/// kept as wide as they were (the spaces on the narrower side kept: a time aligned left or right
/// stays so), so a snapshot of a view with round trips stays the same.
fn steady(text: &str) -> String {
    const SHOWN: &str = "9.99 ms";
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_number = chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_ascii_alphanumeric() || ".:/".contains(chars[i - 1])));
        if starts_number {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            let unit = ["ms", "µs", "s"].iter().find(|u| {
                let u: Vec<char> = u.chars().collect();
                let at = j + 1;
                chars.get(j) == Some(&' ')
                    && chars.get(at..at + u.len()) == Some(&u[..])
                    && chars.get(at + u.len()).is_none_or(|c| !c.is_alphanumeric())
            });
            if let Some(unit) = unit {
                let end = j + 1 + unit.chars().count();
                // The spaces after the time: the placeholder takes what it needs of them.
                let mut after = 0;
                while chars.get(end + after) == Some(&' ') {
                    after += 1;
                }
                let before = out.len() - out.trim_end_matches(' ').len();
                out.truncate(out.len() - before);
                let room = before + (end - i) + after;
                let shown = SHOWN.chars().count();
                let (lead, trail) = if after == 0 || before <= after {
                    (before, room.saturating_sub(before + shown))
                } else {
                    (room.saturating_sub(after + shown), after)
                };
                // No space where there was none (a comma, a parenthesis), one at least where
                // there was one.
                let lead = if before == 0 { 0 } else { lead.max(1) };
                let trail = if after == 0 { 0 } else { trail.max(1) };
                out.extend(std::iter::repeat_n(' ', lead));
                out.push_str(SHOWN);
                out.extend(std::iter::repeat_n(' ', trail));
                i = end + after;
                continue;
            }
            out.extend(&chars[i..j]);
            i = j;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[test]
fn steady_times_keep_the_columns() {
    assert_eq!(steady("│ 87 µs   │ x"), "│ 9.99 ms │ x");
    assert_eq!(steady("1    87 µs  v"), "1  9.99 ms  v");
    assert_eq!(steady("1  1.02 ms  v"), "1  9.99 ms  v");
    assert_eq!(steady("rtt 0.123 ms, 12 s"), "rtt 9.99 ms, 9.99 ms");
    assert_eq!(
        steady("198.51.100.1 10 hosts 3 ms"),
        "198.51.100.1 10 hosts 9.99 ms"
    );
}

/// Runs netkit in Chinese in `ns` on an 80-column terminal; returns the screen.
fn zh_80(lan: &Lan, args: &[&str]) -> String {
    let args = [&["--lang", "zh-CN"][..], args].concat();
    on_terminal_in(&lan.host, 80, &args)
}

/// [`zh_80`] for a view with times: each time steady, and the lines a time may push to the
/// next one joined to the line they continue (a line broken at 80 columns goes on, indented,
/// on the next; where it breaks depends on how wide the real times were), so the snapshot
/// stays the same. That the lines fit is checked with every view in tests/table.rs.
fn zh_80_timed(lan: &Lan, args: &[&str]) -> String {
    steady(&unwrapped(&zh_80(lan, args)))
}

/// The lines a terminal broke joined again: a line that starts indented goes on the one before.
fn unwrapped(text: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in text.lines() {
        match lines.last_mut() {
            Some(last) if line.starts_with("  ") && !line.trim().is_empty() => {
                let rest = line.trim_start();
                // The space the break took, where there was one: none between two Chinese
                // characters nor beside full-width punctuation.
                let wide = |c: char| c.len_utf8() > 2;
                let punct = |c: Option<char>| c.is_some_and(|c| wide(c) && !c.is_alphabetic());
                let (end, start) = (last.chars().next_back(), rest.chars().next());
                let chinese = end.is_some_and(wide) && start.is_some_and(wide);
                if !chinese && !punct(end) && !punct(start) {
                    last.push(' ');
                }
                last.push_str(rest);
            }
            _ => lines.push(line.to_string()),
        }
    }
    lines.join("\n")
}

/// Issue 28: `arp IP` (an answer, silence, duplicate address detection), `arp scan` and
/// `arp cache` in Chinese for a reader of the primer, on the namespace LAN.
#[test]
fn snapshots_of_arp_in_chinese() {
    let Some(mut lan) = Lan::new("i18n_lan_arp") else {
        return;
    };
    lan.add_peer("cmi", "198.51.100.7/24", "00:01:ad:00:00:07");
    insta::assert_snapshot!(
        "arp_zh_CN_reply_80",
        zh_80_timed(&lan, &["arp", "198.51.100.1", "-c", "2", "-i", "0.05"])
    );
    insta::assert_snapshot!(
        "arp_zh_CN_silence_80",
        zh_80_timed(
            &lan,
            &["arp", "198.51.100.99", "-c", "1", "--timeout", "0.3"]
        )
    );
    insta::assert_snapshot!(
        "arp_zh_CN_dad_80",
        zh_80_timed(&lan, &["arp", "--dad", "198.51.100.7", "-c", "1"])
    );
    insta::assert_snapshot!(
        "arp_zh_CN_scan_80",
        zh_80_timed(
            &lan,
            &["arp", "scan", "198.51.100.0/28", "--timeout", "0.3"]
        )
    );
    // Outside the subnet: the warning, on the terminal's stderr.
    insta::assert_snapshot!(
        "arp_zh_CN_scan_outside_80",
        zh_80_timed(
            &lan,
            &[
                "arp",
                "scan",
                "198.51.100.0/29",
                "203.0.113.0/30",
                "--timeout",
                "0.2"
            ]
        )
    );
    for ip in ["198.51.100.1", "198.51.100.7"] {
        let o = lan.lab.exec(&lan.host, "ping", &["-c", "1", "-W", "2", ip]);
        assert!(o.status.success(), "ping {ip}");
    }
    insta::assert_snapshot!("arp_zh_CN_cache_80", zh_80(&lan, &["arp", "cache"]));
    insta::assert_snapshot!(
        "arp_zh_CN_errors_80",
        [
            zh_80(&lan, &["arp", "scan", "--rate", "0"]),
            zh_80(&lan, &["arp", "--gratuitous", "198.51.100.9"]),
            zh_80(&lan, &["arp", "scan", "198.51.100.2/32"]),
            zh_80(&lan, &["arp", "2001:db8::1"]),
            zh_80(&lan, &["arp", "scan", "2001:db8::/64"]),
        ]
        .join("\n")
    );
}

/// Issue 28: JSON stays English whatever the language: `arp` in Chinese gives the same JSON
/// keys and words (the pins compare the pure commands; these need the LAN).
#[test]
fn arp_json_is_the_same_in_chinese() {
    let Some(lan) = Lan::new("i18n_lan_arp_json") else {
        return;
    };
    let run = |lang: &str| {
        let o = lan.lab.netkit(
            &lan.host,
            &[
                "--lang",
                lang,
                "--json",
                "arp",
                "198.51.100.99",
                "-c",
                "1",
                "--timeout",
                "0.2",
            ],
        );
        assert_eq!(code(&o), 1, "{}", stderr(&o));
        stdout(&o)
    };
    assert_eq!(run("en"), run("zh-CN"));
}

/// Issue 28: `ping` in Chinese: replies across the link and through the router (what their
/// TTL says), "Time to live exceeded" from the router (who said it), silence, and DEST's
/// errors (a broadcast without -b, a link-local address without its link).
#[test]
fn snapshots_of_ping_in_chinese() {
    let Some(lan) = Lan::new("i18n_lan_ping") else {
        return;
    };
    insta::assert_snapshot!(
        "ping_zh_CN_link_80",
        zh_80_timed(&lan, &["ping", "198.51.100.1", "-c", "2", "-i", "0.05"])
    );
    insta::assert_snapshot!(
        "ping_zh_CN_router_80",
        zh_80_timed(&lan, &["ping", "203.0.113.10", "-c", "1"])
    );
    insta::assert_snapshot!(
        "ping_zh_CN_ttl_exceeded_80",
        zh_80_timed(&lan, &["ping", "203.0.113.10", "-c", "1", "-t", "1"])
    );
    insta::assert_snapshot!(
        "ping_zh_CN_silence_80",
        zh_80_timed(&lan, &["ping", "198.51.100.99", "-c", "1", "-W", "0.3"])
    );
    insta::assert_snapshot!(
        "ping_zh_CN_errors_80",
        [
            zh_80(&lan, &["ping", "198.51.100.255", "-c", "1"]),
            zh_80(&lan, &["ping", "fe80::1", "-c", "1"]),
            zh_80(&lan, &["ping", "198.51.100.1", "-s", "65508"]),
        ]
        .join("\n")
    );
}

/// A table's rows with their spacing and rules squeezed: the width of a column of times
/// depends on the times (a snapshot of the rest stays the same). Its prose has no times, so
/// its lines are kept as the terminal broke them.
fn squeezed_tables(text: &str) -> String {
    text.lines()
        .map(|line| {
            if !line.starts_with(['│', '┌', '╞', '└', '├']) {
                return line.to_string();
            }
            let mut out = String::new();
            for c in line.chars() {
                let repeat = out.ends_with(c) && " ─═".contains(c);
                if !repeat {
                    out.push(c);
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Issue 28: `trace` in Chinese along the chain of routers (a silent hop, hop 1 explained with
/// the mask arithmetic), to a network the last router has no route to, and its errors.
#[test]
fn snapshots_of_trace_in_chinese() {
    let Some(chain) = Chain::new("i18n_lan_trace") else {
        return;
    };
    let lan = &chain.lan;
    let far = [
        "trace",
        Chain::FAR_V4,
        "-n",
        "-c",
        "2",
        "-W",
        "0.5",
        "-i",
        "0.05",
    ];
    insta::assert_snapshot!(
        "trace_zh_CN_far_80",
        squeezed_tables(&steady(&zh_80(lan, &far)))
    );
    let unreachable = [
        "trace",
        Chain::UNREACHABLE_NET.0,
        "-n",
        "-c",
        "1",
        "-W",
        "0.5",
    ];
    insta::assert_snapshot!(
        "trace_zh_CN_unreachable_80",
        squeezed_tables(&steady(&zh_80(lan, &unreachable)))
    );
    insta::assert_snapshot!(
        "trace_zh_CN_errors_80",
        [
            zh_80(lan, &["trace", Chain::FAR_V4, "--port", "80"]),
            zh_80(
                lan,
                &["trace", Chain::FAR_V4, "--first-hop", "9", "-m", "5"]
            ),
            zh_80(lan, &["trace", "198.51.100.255", "--udp"]),
        ]
        .join("\n")
    );
}

/// Issue 28: `dhcp discover` in Chinese: dnsmasq's offer (the table, what it holds beyond it,
/// the four messages of DHCP), the expected server, and a server that is not the expected one.
#[test]
fn snapshots_of_dhcp_in_chinese() {
    let Some(lan) = Lan::new("i18n_lan_dhcp") else {
        return;
    };
    let leases = tempfile::tempdir().unwrap();
    let _dhcp = crate::dhcp::start_dnsmasq(&lan, &leases);
    let discover = ["dhcp", "discover", "--timeout", "1.5"];
    // The transaction id is random.
    let zh_80_timed = |lan: &Lan, args: &[&str]| {
        let text = zh_80_timed(lan, args);
        match text.find("xid 0x") {
            Some(at) => {
                let end = at + "xid 0x".len() + 8;
                format!("{}xid 0x…{}", &text[..at], &text[end.min(text.len())..])
            }
            None => text,
        }
    };
    insta::assert_snapshot!(
        "dhcp_zh_CN_offer_80",
        squeezed_tables(&zh_80_timed(&lan, &discover))
    );
    let expect = [&discover[..], &["--expect", "198.51.100.1"]].concat();
    insta::assert_snapshot!(
        "dhcp_zh_CN_expected_80",
        squeezed_tables(&zh_80_timed(&lan, &expect))
    );
    let rogue = [&discover[..], &["--expect", "198.51.100.9"]].concat();
    insta::assert_snapshot!(
        "dhcp_zh_CN_rogue_80",
        squeezed_tables(&zh_80_timed(&lan, &rogue))
    );
}

/// Issue 28: `watch` in Chinese: the first line, a new station (the peer asking for an
/// address nobody has), and the summary with what the frames' destinations say of the LAN.
#[test]
fn snapshots_of_watch_in_chinese() {
    let Some(mut lan) = Lan::new("i18n_lan_watch") else {
        return;
    };
    let peer = lan.add_peer("cmi", "198.51.100.7/24", "00:01:ad:00:00:07");
    let args = ["watch", "-I", "eth0", "--count", "1", "--duration", "20"];
    let screen = std::thread::scope(|s| {
        let run = s.spawn(|| zh_80(&lan, &args));
        while !run.is_finished() {
            lan.lab
                .netkit(&peer, &["arp", "198.51.100.99", "-c", "1", "-w", "0.3"]);
        }
        run.join().unwrap()
    });
    // The event's time of day, the watch's length and the frames heard vary: the event's row
    // as the terminal showed it, the summary's lines joined and their counts as `#`.
    let (event, summary) = screen.split_at(screen.find("在 eth0 上监听了").unwrap_or(0));
    let event: String = event
        .lines()
        .map(|l| match l.get(..8) {
            Some(t) if t.chars().all(|c| c.is_ascii_digit() || c == ':') => {
                format!("HH:MM:SS{}\n", &l[8..])
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let summary = steady(&unwrapped(summary));
    let mut counted = String::new();
    for c in summary.chars() {
        let in_word = counted.ends_with(|p: char| p.is_ascii_alphanumeric());
        if !c.is_ascii_digit() || in_word && !counted.ends_with('#') {
            counted.push(c);
        } else if !counted.ends_with('#') {
            counted.push('#');
        }
    }
    insta::assert_snapshot!("watch_zh_CN_new_station_80", format!("{event}{counted}"));
}
