//! `netkit dns` against the hostile server of `common::hostile_dns` (issue 12): responses with
//! RCODEs and opcodes that are no answer, a wrong ID, records of unrelated owners, names with
//! control bytes, garbage and cut-off messages; and names files that are not text. Each case
//! runs the real binary, over UDP (the fast path, then hickory) and where it matters over TCP
//! (hickory alone), in the table, short and JSON forms. Only 127.0.0.1.

use std::process::Output;

use crate::common;
use crate::common::dig::{flags, json_flags, json_records, records, status};
use crate::common::hostile_dns::{CAA_SHOWN, CTRL_LABEL_SHOWN, hostile_dns, hostile_dns_twin};
use crate::common::*;

fn at() -> String {
    format!("@{}", hostile_dns())
}

/// `netkit [--json] dns NAME A @hostile [extra...]`.
fn ask(json_out: bool, name: &str, extra: &[&str]) -> Output {
    let server = at();
    let mut args: Vec<&str> = Vec::new();
    if json_out {
        args.push("--json");
    }
    args.extend(["dns", name, "A", &server]);
    if !extra.contains(&"--timeout") {
        args.extend(["--timeout", "1"]);
    }
    args.extend_from_slice(extra);
    run(&args)
}

/// Output a terminal could act on: an escape, another control character than a newline or a
/// tab, or a bidi override.
fn raw_controls(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202a}'..='\u{202e}').contains(&c)
    })
}

/// Regression (issue 12): RCODEs with no name were shown as "no data", exit 1.
#[test]
fn rcodes_with_no_name_are_server_errors_naming_the_code() {
    for (case, code_) in [("rcode11", 11), ("rcode15", 15)] {
        let name = format!("{case}.hostile.test");
        let want = format!("server answered RCODE {code_}");
        for transport in [&[][..], &["--tcp"][..]] {
            let o = ask(false, &name, transport);
            let out = stdout(&o);
            assert_eq!(code(&o), 3, "{name} {transport:?}: {out}{}", stderr(&o));
            assert!(out.contains(&want), "{name} {transport:?}: {out}");
            assert!(!out.contains("NODATA"), "{out}");
            // RCODE 15 came with an A record: not an answer either.
            assert!(!out.contains("192.0.2.15"), "{out}");

            let o = ask(true, &name, transport);
            assert_eq!(code(&o), 3);
            let v = json(&o);
            assert_eq!(v["status"], "error", "{v}");
            assert_eq!(v["queries"][0]["status"], "error");
            assert!(
                v["queries"][0]["message"].as_str().unwrap().contains(&want),
                "{v}"
            );
            assert_eq!(v["queries"][0]["answers"], serde_json::json!([]));
        }
        let o = ask(false, &name, &["--short"]);
        assert_eq!(code(&o), 3);
        assert_eq!(stdout(&o), "", "nothing is the answer");
        assert!(stderr(&o).contains(&want), "{}", stderr(&o));
    }
}

/// Regression (issue 12): a response with another opcode than QUERY was read as an answer.
#[test]
fn another_opcode_is_a_server_error() {
    for transport in [&[][..], &["--tcp"][..]] {
        let o = ask(false, "opcode5.hostile.test", transport);
        let out = stdout(&o);
        assert_eq!(code(&o), 3, "{transport:?}: {out}{}", stderr(&o));
        assert!(
            out.contains("server answered with opcode 5"),
            "{transport:?}: {out}"
        );
        assert!(!out.contains("192.0.2.5"), "{out}");
    }
}

/// A response whose ID is not the query's answers nothing: the query times out.
#[test]
fn a_reply_with_another_id_is_not_taken() {
    let o = ask(
        false,
        "wrongid.hostile.test",
        &["--timeout", "300ms", "--retries", "0", "--short"],
    );
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("TIMEOUT"), "{}", stderr(&o));
}

/// Regression (issue 12): `dns X A --short` printed an address of `evil.example`.
#[test]
fn records_of_unrelated_owners_are_ignored_in_every_form() {
    for transport in [&[][..], &["--tcp"][..]] {
        let mut short = vec!["--short"];
        short.extend_from_slice(transport);
        let o = ask(false, "evil.hostile.test", &short);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert_eq!(stdout(&o), "192.0.2.1\n", "{transport:?}");

        let o = ask(false, "evil.hostile.test", transport);
        let out = stdout(&o);
        assert_eq!(code(&o), 0, "{out}");
        assert!(out.contains("192.0.2.1"), "{out}");
        assert!(!out.contains("203.0.113.66"), "{out}");
        assert!(out.contains("ignored 1 record"), "{out}");

        let o = ask(true, "evil.hostile.test", transport);
        let v = json(&o);
        let q = &v["queries"][0];
        assert_eq!(q["ignored"], 1, "{v}");
        assert_eq!(q["answers"].as_array().unwrap().len(), 1, "{v}");
        assert_eq!(q["answers"][0]["name"], "evil.hostile.test.");
        assert_eq!(q["answers"][0]["data"], "192.0.2.1");
    }
    // Nothing but a stray: the name has no address.
    let o = ask(true, "onlyevil.hostile.test", &[]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    assert_eq!(v["status"], "nodata", "{v}");
    assert_eq!(v["queries"][0]["ignored"], 1, "{v}");
    let o = ask(false, "onlyevil.hostile.test", &["--short"]);
    assert_eq!(stdout(&o), "");
}

/// The CNAME chain from the name asked is the answer; strays among its records (another
/// owner, another name of the same zone) are not.
#[test]
fn a_cname_chain_is_kept_and_strays_beside_it_dropped() {
    for transport in [&[][..], &["--tcp"][..]] {
        let mut short = vec!["--short"];
        short.extend_from_slice(transport);
        let o = ask(false, "chain.hostile.test", &short);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let out = stdout(&o);
        let mut lines: Vec<&str> = out.lines().collect();
        lines.sort_unstable();
        assert_eq!(
            lines,
            ["192.0.2.3", "c2.hostile.test.", "c3.hostile.test."],
            "{transport:?}: {out}"
        );
        let v = json(&ask(true, "chain.hostile.test", transport));
        assert_eq!(v["queries"][0]["ignored"], 2, "{v}");
    }
}

/// A CNAME whose target the server does not answer in the same response: the resolver asks
/// for the target, and the answer is the whole chain from the name asked, without the strays.
#[test]
fn a_chain_followed_over_two_queries_starts_at_the_name_asked() {
    for transport in [&[][..], &["--tcp"][..]] {
        let v = json(&ask(true, "hop.hostile.test", transport));
        let q = &v["queries"][0];
        assert_eq!(q["status"], "answer", "{transport:?}: {v}");
        assert_eq!(q["name"], "hop.hostile.test.", "{v}");
        let shown: Vec<String> = q["answers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                format!(
                    "{} {}",
                    a["name"].as_str().unwrap(),
                    a["data"].as_str().unwrap()
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "hop.hostile.test. target.hostile.test.",
                "target.hostile.test. 192.0.2.44"
            ],
            "{v}"
        );
    }
}

/// Regression (issue 12): names with control bytes were shown with octal escapes (`\033`);
/// presentation format is decimal (`\027`), in the table, short and JSON forms, and nothing a
/// terminal acts on reaches stdout.
#[test]
fn names_with_control_bytes_are_shown_in_decimal_escapes() {
    let target = format!("{CTRL_LABEL_SHOWN}.hostile.test.");
    for transport in [&[][..], &["--tcp"][..]] {
        let o = ask(false, "ctrl.hostile.test", transport);
        let out = stdout(&o);
        assert_eq!(code(&o), 0, "{out}{}", stderr(&o));
        assert!(out.contains(&target), "{transport:?}: {out}");
        assert!(!out.contains("\\033"), "{out}");
        assert!(!raw_controls(&o.stdout), "{out:?}");

        let mut short = vec!["--short"];
        short.extend_from_slice(transport);
        let o = ask(false, "ctrl.hostile.test", &short);
        assert_eq!(stdout(&o), format!("{target}\n192.0.2.7\n"));

        let v = json(&ask(true, "ctrl.hostile.test", transport));
        let answers = v["queries"][0]["answers"].as_array().unwrap();
        assert_eq!(answers[0]["data"], target.as_str(), "{v}");
        assert_eq!(answers[1]["name"], target.as_str(), "{v}");
    }
}

/// Strings inside records (a CAA value) are quoted with decimal escapes, as dig shows them, in
/// single and bulk lookups; JSON holds the same presentation form.
#[test]
fn strings_in_records_are_quoted_with_decimal_escapes() {
    let server = at();
    let o = run(&["dns", "caa.hostile.test", "CAA", &server, "--short"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), format!("{CAA_SHOWN}\n"));
    let o = run_stdin(
        &["dns", "--file", "-", "CAA", &server],
        "caa.hostile.test\n",
    );
    assert_eq!(
        stdout(&o),
        format!("caa.hostile.test\tANSWER\tCAA {CAA_SHOWN}\n")
    );
    let v = json(&run(&["--json", "dns", "caa.hostile.test", "CAA", &server]));
    assert_eq!(v["queries"][0]["answers"][0]["data"], CAA_SHOWN);
}

/// Bulk results and their errors pass the output guard: a line of the names file holding an
/// escape sequence and a right-to-left override is shown neutralized, in one line of three
/// fields, and JSON keeps it exact (escaped).
#[test]
fn bulk_lines_from_outside_are_neutralized() {
    let server = at();
    let line = "evil\u{202e}gnp.test\x1b]0;pwned\x07";
    let names = format!("{line}\nevil.hostile.test\n");
    let o = run_stdin(&["dns", "--file", "-", "A", &server], &names);
    let out = stdout(&o);
    assert_eq!(code(&o), 2, "{out}{}", stderr(&o));
    assert!(!raw_controls(&o.stdout), "{out:?}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out:?}");
    assert_eq!(lines[0].split('\t').count(), 3, "{out:?}");
    assert!(
        lines[0].contains("\\u{202e}") && lines[0].contains("INVALID"),
        "{out:?}"
    );

    let o = run_stdin(&["--json", "dns", "--file", "-", "A", &server], &names);
    assert!(!raw_controls(&o.stdout), "{:?}", stdout(&o));
    let first: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["input"], line);
}

/// Bytes that are no DNS message, or a message cut inside a record: an error, exit 3, one
/// result, never a panic.
#[test]
fn garbage_and_cut_messages_are_errors_not_panics() {
    for name in ["garbage.hostile.test", "cut.hostile.test"] {
        for transport in [&[][..], &["--tcp"][..]] {
            let o = ask(true, name, transport);
            assert_eq!(code(&o), 3, "{name} {transport:?}: {}", stderr(&o));
            let err = stderr(&o);
            assert!(!err.contains("panicked"), "{err}");
            let v = json(&o);
            // Over UDP the reply is read and refused; over TCP hickory drops what it cannot
            // read and waits on, until the timeout.
            let want: &[&str] = if transport.is_empty() {
                &["error"]
            } else {
                &["error", "timeout"]
            };
            let status = v["status"].as_str().unwrap();
            assert!(want.contains(&status), "{name} {transport:?}: {v}");
            assert_eq!(v["queries"][0]["answers"], serde_json::json!([]), "{v}");
        }
    }
}

/// Every case at once through the bulk fast path: each line gets the result its single lookup
/// gets.
#[test]
fn bulk_lookups_read_hostile_replies_as_single_lookups_do() {
    let names = "evil.hostile.test\nrcode11.hostile.test\nopcode5.hostile.test\n\
                 chain.hostile.test\nctrl.hostile.test\nonlyevil.hostile.test\n";
    let server = at();
    let o = run_stdin(
        &["dns", "--file", "-", "A", &server, "--timeout", "1"],
        names,
    );
    let out = stdout(&o);
    assert_eq!(code(&o), 3, "two server errors: {out}{}", stderr(&o));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert_eq!(lines[0], "evil.hostile.test\tANSWER\tA 192.0.2.1");
    assert!(
        lines[1].starts_with("rcode11.hostile.test\tERROR\t")
            && lines[1].ends_with("server answered RCODE 11 (RESERVED11)"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("opcode5.hostile.test\tERROR\t") && lines[2].contains("opcode 5"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].starts_with("chain.hostile.test\tANSWER\t")
            && lines[3].contains("A 192.0.2.3")
            && !lines[3].contains("192.0.2.9")
            && !lines[3].contains("203.0.113.66"),
        "{}",
        lines[3]
    );
    assert!(
        lines[4].contains(&format!("CNAME {CTRL_LABEL_SHOWN}.hostile.test.")),
        "{}",
        lines[4]
    );
    assert_eq!(lines[5], "onlyevil.hostile.test\tNODATA\t");
    assert!(!raw_controls(&o.stdout), "{out:?}");

    let o = run_stdin(
        &[
            "--json",
            "dns",
            "--file",
            "-",
            "A",
            &server,
            "--timeout",
            "1",
        ],
        names,
    );
    let bulk: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (name, b) in names.lines().zip(&bulk) {
        let single = json(&ask(true, name, &[]));
        let (bq, sq) = (&b["queries"][0], &single["queries"][0]);
        for key in ["status", "answers", "ignored", "message"] {
            assert_eq!(bq[key], sq[key], "{name} {key}");
        }
    }
}

/// Regression (issue 12): one line that was not UTF-8 ended the whole run, exit 3, with no
/// results. A byte order mark at the start was part of the first name. A very long line is
/// reported, not read whole.
#[test]
fn a_names_file_with_bad_lines_answers_every_other_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.txt");
    let mut file = b"\xef\xbb\xbfevil.hostile.test\n\xff\xfe.test\n".to_vec();
    file.extend(std::iter::repeat_n(b'x', 8 << 20));
    file.extend_from_slice(b"\nchain.hostile.test # ok\nnope.hostile.test\n");
    std::fs::write(&path, &file).unwrap();
    let server = at();
    let o = run(&[
        "dns",
        "--file",
        path.to_str().unwrap(),
        "A",
        &server,
        "--timeout",
        "1",
    ]);
    let out = stdout(&o);
    assert_eq!(code(&o), 2, "bad lines, no failure: {out}{}", stderr(&o));
    assert_eq!(stderr(&o), "");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    assert_eq!(lines[0], "evil.hostile.test\tANSWER\tA 192.0.2.1");
    assert_eq!(lines[1], "\\xff\\xfe.test\tINVALID\tline 2: not UTF-8 text");
    assert!(
        lines[2].starts_with("xxxxxxxx")
            && lines[2].ends_with("\tINVALID\tline 3: line longer than 4096 bytes"),
        "{}",
        &lines[2][..lines[2].len().min(200)]
    );
    assert!(lines[2].len() < 200, "the long line is not echoed whole");
    assert!(
        lines[3].starts_with("chain.hostile.test\tANSWER\t"),
        "{}",
        lines[3]
    );
    assert_eq!(lines[4], "nope.hostile.test\tNXDOMAIN\t");

    let o = run(&[
        "--json",
        "dns",
        "--file",
        path.to_str().unwrap(),
        "A",
        &server,
    ]);
    assert_eq!(code(&o), 2);
    let second: serde_json::Value =
        serde_json::from_str(stdout(&o).lines().nth(1).unwrap()).unwrap();
    assert_eq!(second["status"], "invalid");
    assert_eq!(second["input"], "\\xff\\xfe.test");
    assert_eq!(second["queries"][0]["message"], "line 2: not UTF-8 text");
}

/// `--retries 0` sends exactly one datagram per name and type (single and bulk lookups, which ask
/// A and AAAA); with retries the query is sent again.
#[test]
fn retries_zero_sends_one_datagram() {
    use std::net::UdpSocket;
    use std::time::Duration;
    let sink = UdpSocket::bind("127.0.0.1:0").unwrap();
    sink.set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let server = format!("@{}", sink.local_addr().unwrap());
    let count = |sink: &UdpSocket| {
        let mut buf = [0u8; 1500];
        let mut n = 0;
        while sink.recv_from(&mut buf).is_ok() {
            n += 1;
        }
        n
    };
    let dir = tempfile::tempdir().unwrap();
    let names = dir.path().join("names.txt");
    std::fs::write(&names, "silent.test\n").unwrap();
    let names = names.to_str().unwrap();
    for (args, exactly) in [
        (
            vec![
                "dns",
                "silent.test",
                "A",
                &server,
                "--timeout",
                "1",
                "--retries",
                "0",
            ],
            Some(1),
        ),
        (
            vec![
                "dns",
                "--file",
                names,
                &server,
                "--timeout",
                "1",
                "--retries",
                "0",
            ],
            Some(2),
        ),
        (
            vec![
                "dns",
                "silent.test",
                "A",
                &server,
                "--timeout",
                "1",
                "--retries",
                "1",
            ],
            None,
        ),
    ] {
        let o = run(&args);
        assert_eq!(code(&o), 3, "{args:?}: {}", stderr(&o));
        let sent = count(&sink);
        if let Some(exactly) = exactly {
            assert_eq!(sent, exactly, "{args:?}");
        } else {
            assert!(sent >= 2, "{args:?}: {sent}");
        }
    }
}

/// dig's output for `dig @hostile NAME TYPE [extra...]` (None: no dig, a visible skip).
fn dig(name: &str, rtype: &str, extra: &[&str]) -> Option<String> {
    let mut args = vec![name, rtype, "+nottlid"];
    args.extend_from_slice(extra);
    common::dig::dig(hostile_dns(), &args)
}

/// Issue 24 item 10: a reply that is no DNS message (an RDLENGTH past its end, a compression
/// pointer to itself) is "bad packet: REASON" at once, with dig's reason, in every mode, never
/// a timeout.
#[test]
fn malformed_replies_are_a_bad_packet_at_once_with_the_reason() {
    let server = at();
    for (case, reason) in [
        ("badlen", "bad packet: unexpected end of input"),
        ("ptrloop", "bad packet: bad compression pointer"),
    ] {
        let name = format!("{case}.hostile.test");
        for extra in [&[][..], &["--tcp"], &["--retries", "0"]] {
            let mut args = extra.to_vec();
            args.extend(["--timeout", "20"]);
            let o = ask(false, &name, &args);
            let out = stdout(&o);
            assert_eq!(code(&o), 3, "{name} {extra:?}: {out}{}", stderr(&o));
            assert!(out.contains(reason), "{name} {extra:?}: {out}");
            assert!(!out.contains("TIMEOUT"), "{out}");
            let v = json(&ask(true, &name, &args));
            assert_eq!(v["queries"][0]["status"], "error", "{v}");
            assert!(
                v["queries"][0]["message"]
                    .as_str()
                    .unwrap()
                    .contains(reason),
                "{v}"
            );
        }
        for extra in [&["--full"][..], &["--full", "--tcp"]] {
            let mut args = vec![
                "dns",
                name.as_str(),
                "A",
                server.as_str(),
                "--timeout",
                "20",
            ];
            args.extend_from_slice(extra);
            let o = run(&args);
            assert_eq!(code(&o), 3, "{name} {extra:?}: {}", stderr(&o));
            assert!(
                stderr(&o).contains(reason),
                "{name} {extra:?}: {}",
                stderr(&o)
            );
        }
        let o = run_stdin(
            &["dns", "--file", "-", "A", &server, "--timeout", "20"],
            &format!("{name}\n"),
        );
        assert!(
            stdout(&o).starts_with(&format!("{name}\tERROR\t")),
            "{}",
            stdout(&o)
        );
        assert!(stdout(&o).contains(reason), "{}", stdout(&o));
    }
    // dig says the same of the pointer loop.
    if let Some(d) = dig("ptrloop.hostile.test", "A", &[]) {
        assert!(d.contains("Got bad packet: bad compression pointer"), "{d}");
    }
}

/// Issue 24 item 10: a reply with QR clear is a query (perhaps our own, reflected), not the
/// reply: it is waited past until the deadline, never read as an answer.
#[test]
fn a_reply_with_qr_clear_is_waited_past() {
    let server = at();
    for extra in [&[][..], &["--tcp"]] {
        let mut args = vec!["--retries", "0"];
        args.extend_from_slice(extra);
        let o = ask(false, "qr0.hostile.test", &args);
        let out = stdout(&o);
        assert_eq!(code(&o), 3, "{extra:?}: {out}");
        assert!(out.contains("TIMEOUT"), "{extra:?}: {out}");
        assert!(!out.contains("192.0.2.100"), "{out}");
    }
    let o = run(&[
        "dns",
        "qr0.hostile.test",
        "A",
        &server,
        "--full",
        "--timeout",
        "1",
    ]);
    assert_eq!(code(&o), 3);
    assert!(stderr(&o).contains("no answer"), "{}", stderr(&o));
}

/// Issue 24 item 10: legal empty RDATA (`TYPE65000 \# 0`, an empty APL) works in every mode, and
/// reads as dig reads it.
#[test]
fn legal_empty_rdata_works_in_every_mode() {
    let (server, twin) = (at(), format!("@{}", hostile_dns_twin()));
    for (rtype, shown) in [("TYPE65000", "\\# 0"), ("APL", "")] {
        let name = "empty.hostile.test";
        for extra in [&[][..], &["--tcp"]] {
            let mut args = vec!["dns", name, rtype, server.as_str()];
            args.extend_from_slice(extra);
            let o = run(&args);
            assert_eq!(
                code(&o),
                0,
                "{rtype} {extra:?}: {}{}",
                stdout(&o),
                stderr(&o)
            );
            args.push("--short");
            assert_eq!(
                stdout(&run(&args)),
                format!("{shown}\n"),
                "{rtype} {extra:?}"
            );
            let mut j = vec!["--json"];
            j.extend_from_slice(&args[..args.len() - 1]);
            let v = json(&run(&j));
            assert_eq!(v["queries"][0]["answers"][0]["data"], shown, "{v}");
            assert_eq!(v["queries"][0]["answers"][0]["type"], rtype, "{v}");
            j.push("--full");
            let v = json(&run(&j));
            assert_eq!(v[0]["answer"][0]["data"], shown, "{v}");
        }
        let o = run_stdin(
            &["dns", "--file", "-", rtype, &server],
            &format!("{name}\n"),
        );
        assert_eq!(
            stdout(&o),
            format!("{name}\tANSWER\t{rtype} {shown}\n").replace(" \n", "\n")
        );
        let v = json(&run(&[
            "--json",
            "dns",
            name,
            rtype,
            &server,
            &twin,
            "--compare",
        ]));
        assert_eq!(v[0]["agree"], true, "{v}");
        assert_eq!(
            v[0]["servers"][0]["records"][0],
            format!("{name}. {rtype} {shown}").trim_end(),
            "{v}"
        );
        if let Some(d) = dig(name, rtype, &["+noall", "+answer"]) {
            let v = json(&run(&["--json", "dns", name, rtype, &server, "--full"]));
            assert_eq!(json_records(&v[0], &["answer"]), records(&d), "{d}");
        }
    }
}

/// Issue 24 item 13: Extended DNS Errors are read (RFC 8914) in `--full`, in JSON and on the
/// plain SERVFAIL line; other options are written as dig writes them; nothing is Rust debug text.
#[test]
fn extended_dns_errors_and_options_as_dig_writes_them() {
    let server = at();
    let o = ask(false, "ede.hostile.test", &[]);
    let out = stdout(&o);
    assert_eq!(code(&o), 3, "{out}");
    assert!(
        out.contains("SERVFAIL") && out.contains("EDE 6 (DNSSEC Bogus): signature expired"),
        "{out}"
    );
    assert!(out.contains("EDE 18 (Prohibited)"), "{out}");
    let o = run(&["dns", "ede.hostile.test", "A", &server, "--full"]);
    let full = stdout(&o);
    assert!(
        full.contains("EDE 6 (DNSSEC Bogus): signature expired"),
        "{full}"
    );
    assert!(
        full.contains("OPT=65001: 68 65 6c 6c 6f (\"hello\")"),
        "{full}"
    );
    assert!(full.contains("NSID \"ns-1\""), "{full}");
    assert!(!full.contains("Unknown("), "{full}");
    let v = json(&run(&[
        "--json",
        "dns",
        "ede.hostile.test",
        "A",
        &server,
        "--full",
    ]));
    let ede = &v[0]["edns"]["ede"];
    assert_eq!(ede[0]["info_code"], 6, "{v}");
    assert_eq!(ede[0]["purpose"], "DNSSEC Bogus");
    assert_eq!(ede[0]["extra_text"], "signature expired");
    assert_eq!(ede[1]["extra_text"], serde_json::Value::Null);
    // dig writes the same options the same way.
    if let Some(d) = dig("ede.hostile.test", "A", &[]) {
        assert!(
            d.contains("; EDE: 6 (DNSSEC Bogus): (signature expired)"),
            "{d}"
        );
        let options = v[0]["edns"]["options"].as_array().unwrap();
        for o in options.iter().filter(|o| o["name"] != "EDE") {
            let line = format!(
                "; {}: {}",
                o["name"].as_str().unwrap(),
                o["value"].as_str().unwrap()
            );
            assert!(d.contains(&line), "{line} in {d}");
        }
    }
}

/// Issue 24 item 13: extended RCODE 16 (with OPT) is BADVERS, as dig says.
#[test]
fn extended_rcode_16_is_badvers() {
    let server = at();
    let v = json(&run(&[
        "--json",
        "dns",
        "badvers.hostile.test",
        "A",
        &server,
        "--full",
    ]));
    assert_eq!(v[0]["header"]["rcode"], "BADVERS", "{v}");
    let o = ask(false, "badvers.hostile.test", &[]);
    assert_eq!(code(&o), 3);
    assert!(stdout(&o).contains("RCODE 16 (BADVERS"), "{}", stdout(&o));
    if let Some(d) = dig("badvers.hostile.test", "A", &[]) {
        assert!(d.contains("status: BADVERS"), "{d}");
    }
}

/// Issue 24 item 14: a CNAME loop says so and shows the chain, exit 3.
#[test]
fn a_cname_loop_says_so_and_shows_the_chain() {
    let o = ask(false, "cnameloop.hostile.test", &[]);
    let out = stdout(&o);
    assert_eq!(code(&o), 3, "{out}");
    assert!(
        out.contains(
            "CNAME loop: a.loop.hostile.test. → b.loop.hostile.test. → a.loop.hostile.test."
        ),
        "{out}"
    );
    assert!(
        out.contains("cnameloop.hostile.test.") && out.contains("CNAME"),
        "{out}"
    );
    assert!(!out.contains("NODATA"), "{out}");
    let v = json(&ask(true, "cnameloop.hostile.test", &[]));
    assert_eq!(v["status"], "cname_loop");
    assert_eq!(v["queries"][0]["answers"].as_array().unwrap().len(), 3);
    let o = run_stdin(
        &["dns", "--file", "-", "A", &at()],
        "cnameloop.hostile.test\n",
    );
    assert!(
        stdout(&o).starts_with("cnameloop.hostile.test\tLOOP\tCNAME a.loop.hostile.test."),
        "{}",
        stdout(&o)
    );
}

/// Issue 24 item 3: a CNAME that leads out of the server's zones is what the server answered:
/// the chain is shown; the follow-up query that fails (REFUSED) is a note, not the status.
#[test]
fn a_chain_leaving_the_zones_is_the_answer_with_a_note() {
    for transport in [&[][..], &["--tcp"]] {
        let o = ask(false, "leave.hostile.test", transport);
        let out = stdout(&o);
        assert_eq!(code(&o), 0, "{transport:?}: {out}");
        assert!(out.contains("refused.hostile.test."), "{out}");
        assert!(!out.contains("REFUSED:"), "{out}");
        assert!(out.contains("it said REFUSED"), "{out}");
        let v = json(&ask(true, "leave.hostile.test", transport));
        assert_eq!(v["status"], "answer", "{v}");
        let q = &v["queries"][0];
        assert_eq!(q["answers"][0]["type"], "CNAME");
        assert!(q["note"].as_str().unwrap().contains("outside"), "{v}");
    }
}

/// Issue 24 item 2: a referral (not authoritative, NS for a zone above the name, no SOA) is a
/// referral, with its own status and exit code, never NODATA.
#[test]
fn a_referral_is_a_referral() {
    let o = ask(false, "referral.hostile.test", &[]);
    let out = stdout(&o);
    assert_eq!(code(&o), 3, "{out}");
    assert!(
        out.contains("referral to hostile.test. (ns.hostile.test.): this server does not recurse; try --trace or a resolver"),
        "{out}"
    );
    assert!(!out.contains("NODATA"), "{out}");
    let v = json(&ask(true, "referral.hostile.test", &[]));
    assert_eq!(v["status"], "referral", "{v}");
    let o = run_stdin(
        &["dns", "--file", "-", "A", &at()],
        "referral.hostile.test\n",
    );
    assert!(
        stdout(&o).starts_with("referral.hostile.test\tREFERRAL\treferral to hostile.test."),
        "{}",
        stdout(&o)
    );
    let o = run(&["dns", "referral.hostile.test", "A", &at(), "--full"]);
    assert_eq!(code(&o), 3);
    assert!(
        stdout(&o).contains("this server does not recurse"),
        "{}",
        stdout(&o)
    );
}

/// Issue 27 item 5: a name whose A answers while AAAA is REFUSED resolves (exit 0); the
/// REFUSED line is a note that says what to do next.
#[test]
fn refused_beside_an_answer_is_a_note() {
    let server = at();
    let o = run(&["dns", "aaaarefused.hostile.test", &server]);
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "{out}");
    assert!(out.contains("192.0.2.27"), "{out}");
    assert!(
        out.contains("REFUSED") && out.contains("ask a resolver"),
        "{out}"
    );
    let v = json(&run(&[
        "--json",
        "dns",
        "aaaarefused.hostile.test",
        &server,
    ]));
    assert_eq!(v["status"], "answer", "{v}");
    // Alone, REFUSED is still a failure.
    let o = run(&["dns", "aaaarefused.hostile.test", "AAAA", &server]);
    assert_eq!(code(&o), 3);
}

/// The hostile cases dig reads, side by side: the same RCODE, flags and records, section by
/// section (`--full` against `dig +nosplit`).
#[test]
fn hostile_replies_read_as_dig_reads_them() {
    let server = at();
    for (name, rtype) in [
        ("cnameloop.hostile.test", "A"),
        ("referral.hostile.test", "A"),
        ("trailing.hostile.test", "A"),
        ("leave.hostile.test", "A"),
        ("chain.hostile.test", "A"),
        ("caa.hostile.test", "CAA"),
        ("ctrl.hostile.test", "A"),
    ] {
        let Some(d) = dig(
            name,
            rtype,
            &[
                "+noall",
                "+comments",
                "+answer",
                "+authority",
                "+additional",
            ],
        ) else {
            return;
        };
        let v = json(&run(&["--json", "dns", name, rtype, &server, "--full"]));
        let m = &v[0];
        assert_eq!(m["header"]["rcode"], status(&d), "{name}: {d}");
        assert_eq!(json_flags(m), flags(&d), "{name}: {d}");
        let mut mine = json_records(m, &["answer", "authority", "additional"]);
        let mut theirs = records(&d);
        mine.sort();
        theirs.sort();
        assert_eq!(mine, theirs, "{name}: {d}");
    }
}

/// Bytes after the message's last record are read past with a warning, as dig warns ("Message
/// has 4 extra bytes at end"), not refused.
#[test]
fn bytes_after_the_message_are_a_warning() {
    let server = at();
    let o = run(&["dns", "trailing.hostile.test", "A", &server, "--full"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("the message has 4 extra bytes at its end"),
        "{}",
        stdout(&o)
    );
    let v = json(&run(&[
        "--json",
        "dns",
        "trailing.hostile.test",
        "A",
        &server,
        "--full",
    ]));
    assert_eq!(v[0]["trailing_bytes"], 4, "{v}");
    if let Some(d) = dig("trailing.hostile.test", "A", &[]) {
        assert!(d.contains("Message has 4 extra bytes at end"), "{d}");
    }
}

/// Issue 29 section 1: the reply's opcode and response code and the question's class and type
/// (types in netkit now, Strings before) are the words dig reads from the same replies, in JSON
/// and in the `--full` view: named ones, RESERVED codes, an extended code, and numbers without
/// a name (TYPE65534, CLASS42).
#[test]
fn header_and_question_words_are_the_ones_dig_reads() {
    let server = at();
    for (case, class, rtype) in [
        ("evil", "IN", "A"),
        ("nothing", "IN", "A"),
        ("ede", "IN", "TXT"),
        ("refused", "CH", "TXT"),
        ("rcode11", "IN", "TYPE65534"),
        ("rcode15", "CLASS42", "A"),
        ("opcode5", "IN", "AAAA"),
        ("badvers", "HS", "TYPE54"),
    ] {
        let name = format!("{case}.hostile.test");
        // dig takes a reply of another opcode than its query's for no reply: asked as UPDATE,
        // it reads the UPDATE the server sends.
        let opcode = if case == "opcode5" {
            "+opcode=5"
        } else {
            "+opcode=0"
        };
        let Some(d) = dig(&name, rtype, &["-c", class, opcode]) else {
            eprintln!("skipped: no dig to compare the header and question words with");
            return;
        };
        let opcode = d
            .split("opcode: ")
            .nth(1)
            .and_then(|s| s.split(',').next())
            .unwrap_or_else(|| panic!("no opcode in {d}"));
        let rcode = status(&d);
        let question: Vec<&str> = d
            .lines()
            // (an UPDATE's question is its zone)
            .skip_while(|l| !l.starts_with(";; QUESTION SECTION:") && l != &";; ZONE SECTION:")
            .nth(1)
            .unwrap_or_else(|| panic!("no question in {d}"))
            .split_whitespace()
            .collect();
        let [qname, qclass, qtype] = question[..] else {
            panic!("{question:?} in {d}");
        };
        let args = [
            "--json",
            "dns",
            class,
            &name,
            rtype,
            &server,
            "--full",
            "--timeout",
            "1",
        ];
        let v = json(&run(&args));
        let what = format!("{args:?}: {v}\n{d}");
        assert_eq!(v[0]["header"]["opcode"], opcode, "{what}");
        assert_eq!(v[0]["header"]["rcode"], rcode, "{what}");
        assert_eq!(v[0]["question"][0]["name"], qname.trim_start_matches(';'));
        assert_eq!(v[0]["question"][0]["class"], qclass, "{what}");
        assert_eq!(v[0]["question"][0]["type"], qtype, "{what}");
        let out = stdout(&run(&args[1..]));
        let header = format!(", {opcode}, {rcode}; flags:");
        assert!(out.contains(&header), "{header} in {out}\n{d}");
        let question = format!(" {name}. {qclass} {qtype}\n");
        assert!(out.contains(&question), "{question} in {out}\n{d}");
    }
}
