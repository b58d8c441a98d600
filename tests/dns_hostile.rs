//! `netkit dns` against the hostile server of `common::hostile_dns` (issue 12): responses with
//! RCODEs and opcodes that are no answer, a wrong ID, records of unrelated owners, names with
//! control bytes, garbage and cut-off messages; and names files that are not text. Each case
//! runs the real binary, over UDP (the fast path, then hickory) and where it matters over TCP
//! (hickory alone), in the table, short and JSON forms. Only 127.0.0.1.

use std::process::Output;

use crate::common::hostile_dns::{CAA_SHOWN, CTRL_LABEL_SHOWN, hostile_dns};
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
