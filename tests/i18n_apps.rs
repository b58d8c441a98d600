//! Issue 28 section 1 for `dns`, `chat` and `completions`: their views in Simplified Chinese on
//! an 80-column terminal (insta snapshots, read back by a person), the lookup's Chinese view at
//! 60, 80 and 100 columns keeping every value of its `--json` whole, and `--json` the same in
//! both languages. The DNS servers are the ones tests/dns.rs starts on loopback (hickory-server
//! in this process; NSD for --trace and --validate, skipped visibly where it is missing).

use std::net::SocketAddr;

use serde_json::Value;

use crate::common::*;
use crate::dns::{hierarchy, server, signed_tree, twin_server};

/// Runs netkit with `args` on a pseudo-terminal `cols` columns wide (stdout and stderr on it,
/// no locale from the environment, colour off); returns whether it succeeded and what it
/// printed.
fn on_terminal(cols: u16, args: &[&str]) -> (bool, String) {
    let bin = env!("CARGO_BIN_EXE_netkit");
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let words = format!("'{bin}' --color never {}", quoted.join(" "));
    let (ok, text) = crate::table::on_a_pty(cols, 50, &words);
    (ok, text.replace("\r\n", "\n"))
}

/// What changes from run to run, masked: the ports of the test servers, times and rates
/// (`0.31 ms`, `1.2 s`, `48/s` become `N ms`, `N s`, `N/s`) and message IDs (`id ID`).
fn masked(text: &str, ports: &[u16]) -> String {
    let mut text = text.to_string();
    for p in ports {
        text = text.replace(&format!(":{p}"), ":PORT");
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = i == 0 || !(chars[i - 1].is_ascii_alphanumeric() || chars[i - 1] == '.');
        if chars[i].is_ascii_digit() && starts {
            let end = (i..chars.len())
                .find(|&k| !(chars[k].is_ascii_digit() || chars[k] == '.'))
                .unwrap_or(chars.len());
            let rest: String = chars[end..chars.len().min(end + 4)].iter().collect();
            let unit = rest.starts_with(" ms")
                || rest.starts_with(" µs")
                || rest.starts_with("/s")
                || (rest.starts_with(" s")
                    && !rest[2..].starts_with(|c: char| c.is_alphanumeric()));
            // Message IDs, and the key tags of keys made for the run.
            let id = out.ends_with("id ") || out.ends_with("密钥 ");
            if id {
                out.push_str("ID");
            } else if unit {
                // µs or ms: whichever the clock gave.
                out.push_str(if rest.starts_with(" µs") {
                    "N ms"
                } else {
                    "N"
                });
                i = end + usize::from(rest.starts_with(" µs")) * 3;
                continue;
            } else {
                out.extend(&chars[i..end]);
            }
            i = end;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn port(a: SocketAddr) -> u16 {
    a.port()
}

/// Issue 28: the lookup, its failures, --full and --compare in Chinese at 80 columns; dig's
/// tokens (NXDOMAIN, record types, section names) stay as they are.
#[test]
fn snapshots_of_dns_in_chinese() {
    let s = server();
    let at = format!("@{s}");
    let ports = [port(s), port(twin_server())];
    let zh = |args: &[&str]| {
        let mut all = vec!["--lang", "zh-CN", "dns"];
        all.extend_from_slice(args);
        on_terminal(80, &all)
    };
    for (name, args) in [
        ("answer", vec!["www.example.test", at.as_str()]),
        ("alias", vec!["alias.example.test", at.as_str()]),
        ("nxdomain", vec!["nosuch.example.test", at.as_str()]),
        (
            "nodata",
            vec!["v4only.example.test", "AAAA", "MX", at.as_str()],
        ),
        ("full", vec!["www.example.test", at.as_str(), "--full"]),
    ] {
        let (_, shown) = zh(&args);
        insta::assert_snapshot!(format!("dns_zh_CN_{name}_80"), masked(&shown, &ports));
    }
    let twin = format!("@{}", twin_server());
    // --compare's table is as wide as its times: its words are checked, not a snapshot.
    let (ok, shown) = zh(&["www.example.test", &at, &twin, "--compare"]);
    assert!(ok, "{shown}");
    for words in [
        "服务器",
        "响应码",
        "记录",
        "用时",
        "2 台服务器的回答一致",
        "NOERROR",
    ] {
        assert!(shown.contains(words), "{words}:\n{shown}");
    }
    // Errors: one line on stderr, in Chinese; the exit codes as in English.
    for (name, args) in [
        (
            "usage",
            vec!["--tls-ca", "/nonexistent", at.as_str(), "www.example.test"],
        ),
        (
            "second_name",
            vec!["a.example.test", "b.example.test", at.as_str()],
        ),
        ("no_name", vec![at.as_str()]),
    ] {
        let (ok, shown) = zh(&args);
        assert!(!ok, "{shown}");
        insta::assert_snapshot!(format!("dns_zh_CN_error_{name}_80"), masked(&shown, &ports));
    }
}

/// Issue 28: --trace and --validate in Chinese (NSD's hierarchies of tests/dns.rs).
#[test]
fn snapshots_of_dns_trace_and_validate_in_chinese() {
    if let Some(h) = hierarchy("snapshots_of_dns_trace_and_validate_in_chinese") {
        let root = format!("@127.0.0.2:{}", h.port);
        // 120 columns: at 80 a line's break moves with the width of its time (112 µs, 1.2 ms).
        let (ok, shown) = on_terminal(
            120,
            &["--lang", "zh-CN", "dns", "www.lab.test", &root, "--trace"],
        );
        assert!(ok, "{shown}");
        insta::assert_snapshot!("dns_zh_CN_trace_120", masked(&shown, &[h.port]));
    }
    let Some(t) = signed_tree("snapshots_of_dns_trace_and_validate_in_chinese") else {
        return;
    };
    let root = format!("@127.0.0.12:{}", t.port);
    let anchor = t.dir.path().join("anchor.ds");
    let anchor = anchor.to_str().unwrap();
    for (name, host) in [
        ("secure", "www.lab.test"),
        ("insecure", "www.plain.test"),
        ("bogus", "www.bad.test"),
    ] {
        let args = [
            "--lang",
            "zh-CN",
            "dns",
            host,
            &root,
            "--validate",
            "--trust-anchor",
            anchor,
        ];
        let (_, shown) = on_terminal(80, &args);
        insta::assert_snapshot!(
            format!("dns_zh_CN_validate_{name}_80"),
            masked(&chain_and_verdict(&shown), &[t.port])
        );
        // JSON the same in both languages.
        let mut json = vec!["--json"];
        json.extend_from_slice(&args[2..]);
        let english = stdout(&run(&json));
        let mut chinese = vec!["--lang", "zh-CN"];
        chinese.extend_from_slice(&json);
        let v: Value = serde_json::from_str(&english).unwrap();
        let w: Value = serde_json::from_str(&stdout(&run(&chinese))).unwrap();
        assert_eq!(without_times(v), without_times(w), "{name}");
    }
}

/// A --validate view without its answer (records and signatures made for the run): the first
/// line, the chain and the verdict.
fn chain_and_verdict(shown: &str) -> String {
    let lines: Vec<&str> = shown.lines().collect();
    let head = 1 + lines[1..]
        .iter()
        .take_while(|l| l.starts_with("  ") && !l.starts_with("  .："))
        .count();
    let chain = lines
        .iter()
        .position(|l| l.starts_with("  .："))
        .unwrap_or(lines.len());
    let mut kept: Vec<&str> = lines[..head].to_vec();
    kept.extend(&lines[chain..]);
    kept.join("\n") + "\n"
}

/// A JSON value with its round-trip times left out (they differ from run to run).
fn without_times(mut v: Value) -> Value {
    match &mut v {
        Value::Object(m) => {
            m.remove("rtt_ms");
            if m.contains_key("opcode") {
                m.remove("id");
            }
            for x in m.values_mut() {
                *x = without_times(x.take());
            }
        }
        Value::Array(a) => {
            for x in a.iter_mut() {
                *x = without_times(x.take());
            }
        }
        _ => {}
    }
    v
}

/// Issue 28: the lookup in Chinese fits 60-, 80- and 100-column terminals without cutting a
/// value of its `--json` (each record's name, type and data, the server), and its JSON is the
/// same in both languages.
#[test]
fn chinese_dns_views_keep_every_value() {
    let at = format!("@{}", server());
    for name in ["www.example.test", "alias.example.test", "example.test"] {
        let args = ["dns", name, "MX", "A", "AAAA", "TXT", at.as_str()];
        let english = json(&run(&[&["--json"], &args[..]].concat()));
        let chinese = json(&run(&[&["--lang", "zh-CN", "--json"], &args[..]].concat()));
        assert_eq!(
            without_times(english.clone()),
            without_times(chinese),
            "{name}"
        );
        let mut values: Vec<String> =
            vec![english["queries"][0]["server"].as_str().unwrap().into()];
        for q in english["queries"].as_array().unwrap() {
            for a in q["answers"].as_array().unwrap() {
                for k in ["name", "type"] {
                    values.push(a[k].as_str().unwrap().to_string());
                }
                values.extend(
                    a["data"]
                        .as_str()
                        .unwrap()
                        .split_whitespace()
                        .map(String::from),
                );
            }
        }
        shown_whole_in_chinese(&args, &values);
    }
    // --full: every record of every section, and the server.
    let args = [
        "dns",
        "example.test",
        "MX",
        "TXT",
        "SOA",
        at.as_str(),
        "--full",
    ];
    let english = json(&run(&[&["--json"], &args[..]].concat()));
    let chinese = json(&run(&[&["--lang", "zh-CN", "--json"], &args[..]].concat()));
    assert_eq!(without_times(english.clone()), without_times(chinese));
    let mut values: Vec<String> = Vec::new();
    for a in english.as_array().unwrap() {
        values.push(a["server"].as_str().unwrap().into());
        for section in ["answer", "authority", "additional"] {
            for r in a[section].as_array().unwrap() {
                values.push(r["name"].as_str().unwrap().into());
                values.extend(
                    r["data"]
                        .as_str()
                        .unwrap()
                        .split_whitespace()
                        .map(String::from),
                );
            }
        }
    }
    shown_whole_in_chinese(&args, &values);
}

/// The Chinese view of `args` at 60, 80 and 100 columns: no line wider than the terminal, and
/// every one of `values` (from the JSON) shown.
fn shown_whole_in_chinese(args: &[&str], values: &[String]) {
    for cols in [60, 80, 100] {
        let (ok, shown) = on_terminal(cols, &[&["--lang", "zh-CN"], args].concat());
        assert!(ok, "{shown}");
        let width = shown
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        assert!(width <= usize::from(cols), "{cols} columns:\n{shown}");
        for v in values {
            assert!(
                shown.contains(v.as_str()),
                "{cols} columns: {v} cut or missing:\n{shown}"
            );
        }
    }
}

/// Every `127.0.0.1:PORT` and `--port PORT` with its port masked (the servers' ports are free
/// ports, the clients' ephemeral).
fn ports_masked(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let mut rest = line.as_str();
        while let Some(at) = ["127.0.0.1:", "--port "]
            .iter()
            .filter_map(|p| rest.find(p).map(|at| at + p.len()))
            .min()
        {
            let (head, tail) = rest.split_at(at);
            out.push_str(head);
            let digits = tail.chars().take_while(char::is_ascii_digit).count();
            out.push_str(if digits > 0 { "PORT" } else { "" });
            rest = &tail[digits..];
        }
        out.push_str(rest);
        out.push('\n');
    }
    out
}

/// The address in a Chinese `* 正在 ADDR 上监听（...）` notice of `server`.
fn listening_address(server: &mut crate::chat::Proc) -> String {
    let listening = server.err("上监听");
    listening
        .split("正在 ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {listening:?}"))
        .to_string()
}

/// Issue 28: chat's console in Chinese: a refused connection, a conversation with one peer
/// (the server's and the client's notices, the answers to /who and /help typed at the client)
/// and a room's operator console (join, rename, leave, /help, /nick, close). What goes over the
/// wire stays as the protocol has it.
#[test]
fn chat_speaks_chinese_on_its_console() {
    use crate::chat::{Proc, free_port, netkit_cmd};
    use std::io::{BufRead, BufReader, Write};

    let o = run(&[
        "--lang",
        "zh-CN",
        "chat",
        "client",
        &format!("127.0.0.1:{}", free_port()),
    ]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    insta::assert_snapshot!(
        "chat_zh_CN_refused",
        ports_masked(&[stderr(&o).trim_end().to_string()])
    );

    // The error in JSON is the English one, whatever the language.
    let port = free_port().to_string();
    let target = format!("127.0.0.1:{port}");
    let english = json(&run(&["--json", "chat", "client", &target]));
    let chinese = json(&run(&[
        "--lang", "zh-CN", "--json", "chat", "client", &target,
    ]));
    assert_eq!(english, chinese);
    assert!(
        english["error"]["message"]
            .as_str()
            .unwrap()
            .contains("refused the connection: nothing listens on that port"),
        "{english}"
    );

    // One peer.
    let mut server = Proc::spawn(
        "server",
        netkit_cmd(&["--lang", "zh-CN", "chat", "server", "--port", "0"]),
    );
    let addr = listening_address(&mut server);
    let mut client = Proc::spawn(
        "client",
        netkit_cmd(&["--lang", "zh-CN", "chat", "client", &addr]),
    );
    client.err("已连上");
    server.err("连上了");
    client.say("/who");
    client.err("要在聊天室里用");
    client.say("/help");
    client.err("一对一的对话");
    client.say("hello");
    server.out("hello");
    server.err("按行发送");
    server.say("bye");
    assert_eq!(client.exit_code(), 0);
    assert_eq!(server.exit_code(), 0);
    insta::assert_snapshot!("chat_zh_CN_server", ports_masked(&server.err.rest()));
    insta::assert_snapshot!("chat_zh_CN_client", ports_masked(&client.err.rest()));

    // A room, and its operator's console.
    let mut room = Proc::spawn(
        "room",
        netkit_cmd(&[
            "--lang",
            "zh-CN",
            "chat",
            "server",
            "--room",
            "--port",
            "0",
            "--max-clients",
            "5",
        ]),
    );
    let addr = listening_address(&mut room);
    let member = std::net::TcpStream::connect(&addr).unwrap();
    member
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(member.try_clone().unwrap());
    let mut welcome = String::new();
    reader.read_line(&mut welcome).unwrap();
    assert!(welcome.starts_with("* welcome, you are "), "{welcome}");
    room.err("进来了");
    (&member).write_all(b"/nick ann\n").unwrap();
    room.err("改名为");
    (&member).write_all(b"bye\n").unwrap();
    room.err("离开了");
    room.say("/help");
    room.err("命令：");
    room.say("/nick x");
    room.err("<server>；");
    room.say("/quit");
    assert_eq!(room.exit_code(), 0);
    insta::assert_snapshot!("chat_zh_CN_room", ports_masked(&room.err.rest()));
}
