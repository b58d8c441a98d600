//! Tables on a terminal and in a pipe: on a pseudo-terminal of a given width (made by
//! util-linux `script`) the real binary fits its table to the width without cutting a value
//! (cells wrap between words; expendable columns go, with a note; then rows become records);
//! piped, the same command prints the table at its full width, one line per row, with the same
//! text. The views of the namespace LAN are checked at 60, 80 and 100 columns against their own
//! `--json`: every address, MAC, name and word is whole on the screen (issue 27 item 1).

use std::process::{Command, Stdio};

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::common::netns::{Chain, Lan, netns_exec_line};
use crate::common::*;

/// `subnet split` prints a table 72 columns wide.
const SPLIT: &[&str] = &["subnet", "split", "10.0.0.0/16", "--prefix", "19"];

/// Runs netkit with `args` on a pseudo-terminal `cols` columns wide; returns what it printed.
pub(crate) fn on_terminal(cols: u16, args: &[&str]) -> String {
    let (ok, text) = on_terminal_status(cols, args);
    assert!(ok, "{args:?}: {text}");
    text
}

/// Runs `words` (a shell line's words: netkit and its arguments, perhaps behind what enters a
/// namespace) on a pseudo-terminal `cols` columns wide and `rows` high, stdout and stderr on
/// it; returns whether it succeeded and the bytes it wrote, as text.
pub(crate) fn on_a_pty(cols: u16, rows: u16, words: &str) -> (bool, String) {
    let line = format!("stty rows {rows} cols {cols}; exec {words}");
    let o = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("LANGUAGE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script` runs (Debian: bsdutils)");
    (o.status.success(), stdout(&o))
}

/// The line as a terminal shows it: ANSI colour codes left out.
fn shown(line: &str) -> String {
    let mut s = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|d| d.is_ascii_alphabetic());
        } else {
            s.push(c);
        }
    }
    s
}

/// The table's lines (borders and rows), as shown.
fn table_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(shown)
        .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
        .collect()
}

/// The text of each column of the table's rows (header left out), lines joined, spaces removed:
/// what a reader gets from the table whether or not its cells wrapped.
fn column_texts(lines: &[String]) -> Vec<String> {
    let body_start = lines.iter().position(|l| l.starts_with('╞')).unwrap() + 1;
    let body = &lines[body_start..lines.len() - 1];
    let columns = body[0].split(['│', '┆']).count() - 2;
    (1..=columns)
        .map(|i| {
            body.iter()
                .map(|l| l.split(['│', '┆']).nth(i).unwrap().to_string())
                .collect::<String>()
                .split_whitespace()
                .collect()
        })
        .collect()
}

#[test]
fn table_fits_a_narrow_terminal_and_is_full_width_in_a_pipe() {
    let o = run(SPLIT);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let piped = stdout(&o);
    assert!(!piped.contains('\x1b'), "no colour in a pipe: {piped}");
    let full = table_lines(&piped);
    let full_width = full[0].width();
    assert!(
        full_width > 60,
        "the table is wider than the terminal:\n{piped}"
    );
    // Piped: one line per row (8 subnets, the header, 3 rules), every line the full width.
    assert_eq!(full.len(), 12, "{piped}");
    assert!(full.iter().all(|l| l.width() == full_width), "{piped}");

    let tty = on_terminal(60, SPLIT);
    assert!(tty.contains('\x1b'), "coloured on a terminal: {tty:?}");
    let fitted = table_lines(&tty);
    for line in &fitted {
        assert!(
            line.width() <= 60,
            "{} columns: {line}\n{tty}",
            line.width()
        );
    }
    // Issue 27 item 1: no address is cut to fit; the row number and host count are left out,
    // and a note says so. Each column shown holds the same text as in the full-width table.
    assert_eq!(fitted.len(), full.len(), "one line per row:\n{tty}");
    let words = shown(&tty).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Left out to fit: #, Hosts (--json or a wider terminal shows them)"),
        "{tty}"
    );
    let (full_columns, fitted_columns) = (column_texts(&full), column_texts(&fitted));
    assert_eq!(fitted_columns[..], full_columns[1..5], "{tty}\n{piped}");
}

#[test]
fn table_as_wide_as_the_terminal_allows_is_not_wrapped() {
    let piped = stdout(&run(SPLIT));
    let full = table_lines(&piped);
    let width = u16::try_from(full[0].width()).unwrap();
    let tty = on_terminal(width, &[&["--color", "never"][..], SPLIT].concat());
    assert_eq!(
        tty, piped,
        "a terminal exactly as wide as the table gets the piped bytes"
    );
}

#[test]
fn colour_is_asked_for_separately_from_the_width() {
    let plain = stdout(&run(SPLIT));
    // --color always into a pipe: coloured, still full width, the same text once shown.
    let o = run(&[&["--color", "always"][..], SPLIT].concat());
    let coloured = stdout(&o);
    assert!(coloured.contains('\x1b'), "{coloured:?}");
    let shown_lines: Vec<String> = coloured.lines().map(shown).collect();
    assert_eq!(shown_lines.join("\n") + "\n", plain);
    // --color never on a terminal: fitted, no colour.
    let tty = on_terminal(60, &[&["--color", "never"][..], SPLIT].concat());
    assert!(!tty.contains('\x1b'), "{tty:?}");
    assert!(table_lines(&tty).iter().all(|l| l.width() <= 60), "{tty}");
}

/// Issue 17, issue 27 item 1: on 60-, 80- and 100-column terminals every line of these views
/// fits, prose wrapped at word boundaries, and no word is lost or cut (the words are those of
/// the piped output).
#[test]
fn views_fit_narrow_terminals_and_keep_every_word() {
    for args in [
        &["subnet", "info", "2001:db8::/31"][..],
        &[
            "subnet",
            "check",
            "10.0.0.1",
            "10.0.1.1",
            "-m",
            "23",
            "--explain",
        ],
        &["mac", "3c:22:fb:12:34:56"],
        &["subnet", "split", "2001:db8::/46", "--prefix", "48"],
    ] {
        let piped = stdout(&run(args));
        assert!(
            piped.lines().any(|l| l.width() > 60),
            "{args:?} is a test of wrapping"
        );
        for cols in [60, 80, 100] {
            let tty = on_terminal(cols, &[&["--color", "never"][..], args].concat());
            for line in tty.lines() {
                assert!(
                    line.width() <= usize::from(cols),
                    "{args:?}: {} columns: {line}",
                    line.width()
                );
            }
            if args.contains(&"split") {
                check_screen(&format!("{args:?}"), cols, &tty);
                continue;
            }
            let words = |t: &str| -> Vec<String> {
                t.split(|c: char| c.is_whitespace() || "│┆┌┐└┘┬┴╞╪╡═─".contains(c))
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect()
            };
            assert_eq!(words(&tty), words(&piped), "{args:?}\n{tty}\n{piped}");
        }
    }
}

/// Issue 17, issue 27 item 1: snapshots of the pure views as a person sees them on 60-, 80- and
/// 100-column terminals (colour off): any change to how netkit speaks shows up here for review
/// (`INSTA_UPDATE=always cargo test --test tests snapshots` rewrites them after an intended one).
#[test]
fn snapshots_of_terminal_views() {
    for cols in [60u16, 80, 100] {
        for (name, args) in [
            ("subnet_info_v4", &["subnet", "info", "192.168.1.10/24"][..]),
            ("subnet_info_v6", &["subnet", "info", "2001:db8::/31"]),
            (
                "subnet_check_explain",
                &[
                    "subnet",
                    "check",
                    "10.0.0.1",
                    "10.0.1.1",
                    "-m",
                    "23",
                    "--explain",
                ],
            ),
            (
                "subnet_split",
                &["subnet", "split", "192.168.0.0/24", "--prefix", "26"],
            ),
            (
                "subnet_split_v6",
                &["subnet", "split", "2001:db8::/46", "--prefix", "48"],
            ),
            (
                "subnet_summarize",
                &["subnet", "summarize", "10.0.0.0/25", "10.0.0.128/25"],
            ),
            ("mac", &["mac", "3c:22:fb:12:34:56"]),
            ("mac_broadcast", &["mac", "ff:ff:ff:ff:ff:ff"]),
            (
                "subnet_split_count",
                &["subnet", "split", "192.168.0.0/24", "--count", "3"],
            ),
        ] {
            let shown = on_terminal(cols, &[&["--color", "never"][..], args].concat());
            insta::assert_snapshot!(format!("{name}_{cols}"), shown);
        }
    }
}

/// Issue 28: `mac` in Chinese on an 80-column terminal, for a reader of the primer: a maker's
/// address, a locally administered one, multicast, broadcast, and a MAC that cannot be read
/// (its error on the terminal's stderr).
#[test]
fn snapshots_of_mac_in_chinese() {
    for (name, mac) in [
        ("maker", "3c:22:fb:12:34:56"),
        ("local", "02:42:ac:11:00:02"),
        ("multicast", "01:00:5e:00:00:fb"),
        ("ipv6_multicast", "33:33:00:00:00:01"),
        ("broadcast", "ff:ff:ff:ff:ff:ff"),
    ] {
        let shown = on_terminal(80, &["--color", "never", "--lang", "zh-CN", "mac", mac]);
        insta::assert_snapshot!(format!("mac_zh_CN_{name}_80"), shown);
    }
    let (ok, shown) = on_terminal_status(80, &["--lang", "zh-CN", "mac", "00:11:22:33:44"]);
    assert!(!ok);
    insta::assert_snapshot!("mac_zh_CN_error_80", shown);
}

/// Issue 28: `mac` in Chinese fits 60-, 80- and 100-column terminals: lines break between
/// ideographs, never inside a value of its `--json` (the address, its forms, the vendor's
/// words, the EUI-64 address), and say what the piped view says.
#[test]
fn chinese_views_fit_and_keep_every_value() {
    for mac in [
        "3c:22:fb:12:34:56",
        "02:42:ac:11:00:02",
        "33:33:00:00:00:01",
    ] {
        let args = ["--lang", "zh-CN", "mac", mac];
        let piped = stdout(&run(&args));
        let json = json(&run(&["--json", "mac", mac]));
        let mut values: Vec<String> = [
            "/mac",
            "/forms/hyphen",
            "/forms/cisco",
            "/forms/bare",
            "/oui",
        ]
        .iter()
        .filter_map(|p| json.pointer(p).and_then(Value::as_str).map(String::from))
        .collect();
        if let Some(v) = json.pointer("/vendor/name").and_then(Value::as_str) {
            values.extend(v.split_whitespace().map(String::from));
        }
        if let Some(v) = json
            .pointer("/ipv6_link_local_eui64")
            .and_then(Value::as_str)
        {
            values.push(v.to_string());
        }
        let squeezed = |t: &str| t.split_whitespace().collect::<String>();
        for cols in [60, 80, 100] {
            let screen = on_terminal(cols, &[&["--color", "never"][..], &args].concat());
            check_screen(&format!("mac {mac} zh-CN"), cols, &screen);
            assert!(screen.lines().count() >= piped.lines().count(), "{screen}");
            for value in &values {
                assert!(
                    whole(&screen, value),
                    "{mac} at {cols} columns: {value:?} is not whole:\n{screen}"
                );
            }
            assert_eq!(squeezed(&screen), squeezed(&piped), "{screen}\n{piped}");
            for line in screen.lines() {
                let first = line.trim_start().chars().next().unwrap_or(' ');
                assert!(!"，。：；）」”".contains(first), "{cols}: {line}\n{screen}");
            }
        }
    }
}

/// Issue 27 item 1: an error on a terminal breaks between words, every later line indented
/// alike, never between a number and its unit; piped, it stays one line.
#[test]
fn errors_wrap_on_a_terminal_and_stay_one_line_in_a_pipe() {
    let args = ["dns", "www.test", "NOTATYPE"];
    let piped = run(&args);
    assert_eq!(code(&piped), 2);
    assert_eq!(stderr(&piped).lines().count(), 1, "{}", stderr(&piped));
    // On a terminal (stderr on it too, as in a shell).
    let tty = on_terminal_status(60, &args).1;
    let lines: Vec<&str> = tty.lines().collect();
    assert!(lines.len() > 1, "{tty}");
    assert!(lines[0].starts_with("netkit: "), "{tty}");
    for l in &lines {
        assert!(l.width() <= 60, "{tty}");
    }
    for l in &lines[1..] {
        assert!(
            l.starts_with("        ") && !l.starts_with("         "),
            "{tty}"
        );
    }
    let joined = lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
    assert_eq!(joined, stderr(&piped).trim(), "the same words");
}

/// Runs netkit with `args` on a pseudo-terminal `cols` columns wide, stdout and stderr on it;
/// returns whether it succeeded and what it printed.
pub(crate) fn on_terminal_status(cols: u16, args: &[&str]) -> (bool, String) {
    let bin = env!("CARGO_BIN_EXE_netkit");
    let (ok, text) = on_a_pty(cols, 24, &format!("'{bin}' {}", args.join(" ")));
    (ok, text.replace("\r\n", "\n"))
}

/// Runs netkit with `args` inside namespace `ns` on a pseudo-terminal `cols` columns wide
/// (colour off); returns what the terminal showed (see [`screen`]).
pub(crate) fn on_terminal_in(ns: &str, cols: u16, args: &[&str]) -> String {
    let bin = env!("CARGO_BIN_EXE_netkit");
    let words = format!(
        "{} '{bin}' --color never {}",
        netns_exec_line(ns),
        args.join(" ")
    );
    screen(&on_a_pty(cols, 50, &words).1)
}

/// What a terminal shows after `raw`: `\r` returns to the line's start, `ESC [ K` erases to its
/// end (a progress line), `ESC [ n A` goes up n lines and `ESC [ J` erases to the end of the
/// screen (a view redrawn in place); other escape sequences (colours) show nothing, other
/// characters overwrite. Lines are not wrapped at the terminal's edge: a line wider than the
/// terminal stays one long line, for the checks to find.
fn screen(raw: &str) -> String {
    let mut lines: Vec<Vec<char>> = vec![Vec::new()];
    let (mut row, mut col) = (0usize, 0usize);
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                row += 1;
                col = 0;
                if row == lines.len() {
                    lines.push(Vec::new());
                }
            }
            '\r' => col = 0,
            '\x1b' if chars.peek() == Some(&'[') => {
                chars.next();
                let mut arg = String::new();
                let end = loop {
                    match chars.next() {
                        Some(d) if d.is_ascii_alphabetic() => break d,
                        Some(d) => arg.push(d),
                        None => break ' ',
                    }
                };
                match end {
                    'K' => lines[row].truncate(col),
                    'J' => {
                        lines[row].truncate(col);
                        lines.truncate(row + 1);
                    }
                    'A' => row = row.saturating_sub(arg.parse().unwrap_or(1)),
                    _ => {}
                }
            }
            c => {
                let line = &mut lines[row];
                if col < line.len() {
                    line[col] = c;
                } else {
                    line.resize(col, ' ');
                    line.push(c);
                }
                col += 1;
            }
        }
    }
    let text: Vec<String> = lines.iter().map(|l| l.iter().collect()).collect();
    text.join("\n").trim_end_matches('\n').to_string()
}

/// Where a view's values are in its `--json`: a JSON pointer (`*` for every element of an
/// array; the JSON may be several documents, one a line) and the header of the column that
/// shows them ("" for prose, which is never left out; "Interface|网卡" for a header in each
/// language).
pub(crate) type Fields = &'static [(&'static str, &'static str)];

/// Fields whose value is a sentence for people (English in JSON, the run's language on the
/// screen), not a value to find whole in another language's view.
const SENTENCES: &[&str] = &["/*/servers/*/error"];

/// The strings at `pointer` in `v` (see [`Fields`]).
fn strings_at(v: &Value, pointer: &str, out: &mut Vec<String>) {
    let Some((head, rest)) = pointer.split_once("/*") else {
        match v.pointer(pointer) {
            Some(Value::String(s)) => out.push(s.clone()),
            Some(Value::Array(a)) => {
                out.extend(a.iter().filter_map(|x| x.as_str().map(String::from)))
            }
            _ => {}
        }
        return;
    };
    let items = if head.is_empty() {
        Some(v)
    } else {
        v.pointer(head)
    };
    if let Some(Value::Array(items)) = items {
        for item in items {
            strings_at(item, if rest.is_empty() { "" } else { rest }, out);
        }
    }
}

/// Whether `word` shows whole in `screen`: somewhere not run into by letters, digits or the
/// characters of addresses on either side.
pub(crate) fn whole(screen: &str, word: &str) -> bool {
    // A Chinese character beside a value does not run into it (Chinese text has no spaces).
    let joins = |c: char| {
        (c.is_alphanumeric() && unicode_width::UnicodeWidthChar::width(c) != Some(2))
            || ".:-_".contains(c)
    };
    screen.match_indices(word).any(|(at, _)| {
        let before = screen[..at].chars().next_back();
        let after = screen[at + word.len()..].chars().next();
        !before.is_some_and(joins) && !after.is_some_and(joins)
    })
}

/// The columns a screen's notes say were left out to fit (in English or Chinese).
fn left_out(screen: &str) -> Vec<String> {
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    let english = flat
        .match_indices("Left out to fit: ")
        .flat_map(|(at, note)| {
            let list = &flat[at + note.len()..];
            let list = &list[..list.find(" (").unwrap_or(list.len())];
            list.split(", ").map(String::from).collect::<Vec<_>>()
        });
    // The Chinese note may be broken anywhere between ideographs: read it without spaces.
    let squeezed: String = screen.split_whitespace().collect();
    let chinese = squeezed
        .match_indices("为适应终端宽度，未显示：")
        .flat_map(|(at, note)| {
            let list = &squeezed[at + note.len()..];
            let list = &list[..list.find('（').unwrap_or(list.len())];
            list.split('、').map(String::from).collect::<Vec<_>>()
        });
    english.chain(chinese).collect()
}

/// Whether a word is a number (digits, at most one decimal point) or a unit after one.
fn is_number(w: &str) -> bool {
    w.ends_with(|c: char| c.is_ascii_digit())
        && w.chars().all(|c| c.is_ascii_digit() || c == '.')
        && w.matches('.').count() <= 1
}

fn is_unit(w: &str) -> bool {
    ["µs", "ms", "s", "s)", "h", "%", "B", "KiB", "MiB"].contains(&w.trim_end_matches(','))
}

/// Checks a view on a terminal `cols` wide: every line fits; no number is parted from its
/// unit (a cell or a line ending in a number, the next starting with a unit); and every word of
/// the values at `fields` of the `--json` documents `docs` shows whole, unless its column was
/// left out (and a note says so).
pub(crate) fn check_view(view: &str, cols: u16, screen: &str, docs: &[Value], fields: Fields) {
    check_screen(view, cols, screen);
    let gone = left_out(screen);
    let mut checked = 0;
    for (pointer, header) in fields {
        // The column's header in each language the view is checked in ("Interface|网卡").
        if gone.iter().any(|g| header.split('|').any(|h| g == h)) {
            continue;
        }
        let mut values = Vec::new();
        for doc in docs {
            strings_at(doc, pointer, &mut values);
        }
        for value in values {
            for word in value.split_whitespace() {
                assert!(
                    whole(screen, word),
                    "{view} at {cols} columns: {word:?} (of {value:?}, {pointer}) is not whole on the screen:\n{screen}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0 || fields.is_empty(), "{view}: nothing checked");
}

/// The checks of a screen that need no JSON: every line at most `cols` wide, no number parted
/// from its unit.
pub(crate) fn check_screen(view: &str, cols: u16, screen: &str) {
    let lines: Vec<&str> = screen.lines().collect();
    for line in &lines {
        assert!(
            line.width() <= usize::from(cols),
            "{view}: {} columns: {line}\n{screen}",
            line.width()
        );
    }
    let cells = |l: &str| -> Vec<String> { l.split(['│', '┆']).map(String::from).collect() };
    for pair in lines.windows(2) {
        let (a, b) = (cells(pair[0]), cells(pair[1]));
        let pairs: Vec<(String, String)> = if a.len() == b.len() {
            a.into_iter().zip(b).collect()
        } else {
            vec![(pair[0].to_string(), pair[1].to_string())]
        };
        for (upper, lower) in pairs {
            let last = upper.split_whitespace().next_back().unwrap_or_default();
            let first = lower.split_whitespace().next().unwrap_or_default();
            assert!(
                !(is_number(last) && is_unit(first)),
                "{view} at {cols} columns: {last:?} / {first:?} parted:\n{screen}"
            );
        }
    }
}

/// The `--json` documents of a view run inside `ns` (one, or one a line).
pub(crate) fn json_docs(o: &std::process::Output) -> Vec<Value> {
    let text = stdout(o);
    match serde_json::from_str::<Value>(&text) {
        Ok(v) => vec![v],
        Err(_) => text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}\n{text}")))
            .collect(),
    }
}

/// Issue 27 item 1: the views of the namespace LAN (interfaces, gateway, ARP, DHCP, DNS) on
/// 60-, 80- and 100-column terminals cut no value: every address, MAC, name and word of their
/// `--json` is whole on the screen, or its column was left out with a note saying so.
#[test]
fn lan_views_never_cut_a_value() {
    let Some(mut lan) = Lan::new("table_lan_views") else {
        return;
    };
    // Peers with a long vendor name and a short one, a DHCP server, a DNS server with a long
    // name among its names.
    lan.add_peer("cmi", "198.51.100.7/24", "00:01:ad:00:00:07");
    lan.add_peer("cisco", "198.51.100.8/24", "00:00:0c:00:00:08");
    let leases = tempfile::tempdir().unwrap();
    let _dhcp = crate::dhcp::start_dnsmasq(&lan, &leases);
    let dir = tempfile::tempdir().unwrap();
    let hosts = "198.51.100.10 www.lab.test\n\
                 198.51.100.11 a-rather-long-host-name-for-a-narrow-screen.lab.test\n\
                 2001:db8:1::10 www.lab.test\n";
    let _dns = lan.dns_server(&dir, hosts, "nameserver 198.51.100.1\n");
    let names = dir.path().join("names");
    std::fs::write(
        &names,
        "www.lab.test\na-rather-long-host-name-for-a-narrow-screen.lab.test\nnope.lab.test\n",
    )
    .unwrap();
    let names = names.display().to_string();
    let host = lan.host.clone();
    // The gateway's MAC and the peers in the ARP cache.
    for ip in ["198.51.100.1", "198.51.100.7", "198.51.100.8"] {
        let o = lan.lab.exec(&host, "ping", &["-c", "1", "-W", "2", ip]);
        assert!(o.status.success(), "ping {ip}");
    }
    let views: &[(&str, &[&str], Fields)] = &[
        (
            "ifaces",
            &["ifaces"],
            &[
                ("/interfaces/*/name", "Interface|网卡"),
                ("/interfaces/*/mac", "MAC|MAC地址"),
                ("/interfaces/*/ipv4/*/address", "IPv4"),
                ("/interfaces/*/ipv6/*/address", "IPv6"),
                ("/interfaces/*/operstate", "State|状态"),
                ("/interfaces/*/kind", "Kind|类型"),
                ("/interfaces/*/gateways", "Gateway|网关"),
            ],
        ),
        (
            "gateway",
            &["gateway"],
            &[
                ("/gateways/*/gateway", "Address|地址"),
                ("/gateways/*/interface", "Interface|网卡"),
                ("/gateways/*/mac", "MAC|MAC地址"),
                ("/gateways/*/vendor", "Vendor|厂商"),
                ("/gateways/*/table", "Table|路由表"),
                ("/gateways/*/protocol", "Proto|来源"),
            ],
        ),
        (
            "arp",
            &["arp", "198.51.100.7", "-c", "1"],
            &[
                ("/replies/*/ip", ""),
                ("/replies/*/mac", ""),
                ("/replies/*/vendor", ""),
                ("/source", ""),
                ("/source_mac", ""),
            ],
        ),
        (
            "ping",
            &["ping", "203.0.113.10", "-c", "2", "-i", "0.05"],
            &[
                ("/destination", ""),
                ("/address", ""),
                ("/replies/*/from", ""),
            ],
        ),
        (
            "arp scan",
            &["arp", "scan", "198.51.100.0/28"],
            &[
                ("/hosts/*/ip", "Address|IP地址"),
                ("/hosts/*/mac", "MAC|MAC地址"),
                ("/hosts/*/vendor", "Vendor|厂商"),
            ],
        ),
        (
            "arp cache",
            &["arp", "cache"],
            &[
                ("/entries/*/ip", "Address|IP地址"),
                ("/entries/*/mac", "MAC|MAC地址"),
                ("/entries/*/vendor", "Vendor|厂商"),
                ("/entries/*/interface", "Interface|网卡"),
            ],
        ),
        (
            "dhcp discover",
            &["dhcp", "discover", "--timeout", "2"],
            &[
                ("/client_mac", ""),
                ("/offers/*/server", "Server|服务器"),
                ("/offers/*/server_mac", "Server|服务器"),
                ("/offers/*/offered", "Offered|提供的地址"),
                ("/offers/*/subnet_mask", "Mask|子网掩码"),
                ("/offers/*/routers", "Router|网关"),
                ("/offers/*/dns_servers", "DNS"),
                ("/offers/*/domain", "Domain|域名"),
            ],
        ),
        (
            "dns",
            &[
                "dns",
                "a-rather-long-host-name-for-a-narrow-screen.lab.test",
            ],
            &[
                ("/queries/*/answers/*/name", "Name"),
                ("/queries/*/answers/*/data", "Data"),
            ],
        ),
        (
            "dns --compare",
            &[
                "dns",
                "www.lab.test",
                "--compare",
                "@198.51.100.1",
                "@127.0.0.1:9",
            ],
            &[
                ("/*/servers/*/server", "Server"),
                ("/*/servers/*/records", "Records"),
                ("/*/servers/*/error", "Records"),
            ],
        ),
        (
            "dns --file",
            &["dns", "--file", &names],
            &[("/input", "Name"), ("/queries/*/answers/*/data", "Records")],
        ),
    ];
    for (view, args, fields) in views {
        let json = lan.lab.netkit(&host, &[&["--json"][..], args].concat());
        let docs = json_docs(&json);
        // Issue 28: in Chinese too (its notes, and its words as commands are converted).
        for lang in ["en", "zh-CN"] {
            // A sentence JSON carries in English (a server's error) is said in the view's
            // language: its words are checked in English only.
            let said: Vec<(&str, &str)> = fields
                .iter()
                .copied()
                .filter(|(pointer, _)| lang == "en" || !SENTENCES.contains(pointer))
                .collect();
            let said: Fields = Box::leak(said.into_boxed_slice());
            for cols in [60, 80, 100] {
                let screen = on_terminal_in(&host, cols, &[&["--lang", lang][..], args].concat());
                check_view(&format!("{view} ({lang})"), cols, &screen, &docs, said);
            }
        }
    }
}

/// Issue 27 item 1: `trace` on 60-, 80- and 100-column terminals, its table redrawn as rounds
/// come and its last frame, cuts no address: mtr's columns go first.
#[test]
fn trace_view_never_cuts_a_value() {
    let Some(chain) = Chain::new("table_trace_view") else {
        return;
    };
    let args = ["trace", Chain::FAR_V4, "-c", "2", "-W", "0.5", "-i", "0.05"];
    let json = chain
        .lab()
        .netkit(chain.host(), &[&["--json"][..], &args].concat());
    let docs = json_docs(&json);
    let fields: Fields = &[
        ("/hops/*/addresses/*/address", "Address|地址"),
        ("/hops/*/addresses/*/kind", "Kind|类别"),
        ("/first_hop/gateway", ""),
        ("/first_hop/mac", ""),
    ];
    // Issue 28: in Chinese too.
    for lang in ["en", "zh-CN"] {
        for cols in [60, 80, 100] {
            let args = [&["--lang", lang][..], &args].concat();
            let screen = on_terminal_in(chain.host(), cols, &args);
            check_view(&format!("trace ({lang})"), cols, &screen, &docs, fields);
            if cols < 100 {
                assert!(!left_out(&screen).is_empty(), "{screen}");
            }
        }
    }
}

/// Issue 27 item 1: `watch` on 60-, 80- and 100-column terminals: a new station's address, MAC
/// and vendor are whole.
#[test]
fn watch_view_never_cuts_a_value() {
    let Some(mut lan) = Lan::new("table_watch_view") else {
        return;
    };
    let peer = lan.add_peer("cmi", "198.51.100.7/24", "00:01:ad:00:00:07");
    let host = lan.host.clone();
    // A watch of the host until its first event: the peer, new to it, asking every 300 ms for
    // an address nobody has (so the host never learns the peer, whenever the watch starts).
    let watched = |args: Vec<String>, cols: Option<u16>| -> String {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        std::thread::scope(|s| {
            let run = s.spawn(|| match cols {
                Some(cols) => on_terminal_in(&host, cols, &args),
                None => stdout(&lan.lab.netkit(&host, &args)),
            });
            while !run.is_finished() {
                lan.lab
                    .netkit(&peer, &["arp", "198.51.100.99", "-c", "1", "-w", "0.3"]);
            }
            run.join().unwrap()
        })
    };
    let args = |json: bool| -> Vec<String> {
        let mut a: Vec<String> = ["watch", "-I", "eth0", "--count", "1", "--duration", "20"]
            .map(String::from)
            .to_vec();
        if json {
            a.insert(0, "--json".into());
        }
        a
    };
    let docs: Vec<Value> = watched(args(true), None)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(docs.len() > 1, "an event and the summary: {docs:?}");
    assert_eq!(docs[0]["mac"], "00:01:ad:00:00:07", "{docs:?}");
    let fields: Fields = &[
        ("/ip", "Address|IP地址"),
        ("/mac", "MAC|MAC地址"),
        ("/vendor", "MAC|MAC地址"),
    ];
    // Issue 28: in Chinese too.
    for lang in ["en", "zh-CN"] {
        for cols in [60, 80, 100] {
            let mut args = args(false);
            args.splice(0..0, ["--lang".to_string(), lang.to_string()]);
            let screen = watched(args, Some(cols));
            check_view(&format!("watch ({lang})"), cols, &screen, &docs, fields);
        }
    }
}
