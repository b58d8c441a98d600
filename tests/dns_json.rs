//! `netkit --json dns`: every query result carries the whole response it was read from
//! (`response`, laid out as `--full --json` lays out a message), over the UDP fast path, the
//! bulk engine, hickory's resolver (TCP, DoT, DoH, a truncated answer asked again over TCP,
//! SERVFAIL), and null where no response came. Against the in-process servers of `dns.rs`, on
//! 127.0.0.1 only.

use std::net::{SocketAddr, UdpSocket};

use serde_json::Value;

use crate::common::dig;
use crate::common::*;
use crate::dns::{at, server, servfail_server, tls_servers};

/// The set of `name ttl type data` of some records (an answers list or a section).
fn records(list: &Value) -> Vec<String> {
    let mut v: Vec<String> = list
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|r| format!("{} {} {} {}", r["name"], r["ttl"], r["type"], r["data"]))
        .collect();
    v.sort();
    v
}

/// Asserts what every kept response of a query answered by the test zone holds.
fn check_response(q: &Value, server: SocketAddr, transport: &str, rcode: &str) {
    let r = &q["response"];
    assert!(r.is_object(), "no response: {q}");
    assert_eq!(r["server"], server.to_string(), "{q}");
    assert_eq!(r["transport"], transport, "{q}");
    let h = &r["header"];
    assert!(h["id"].as_u64().is_some(), "{q}");
    assert_eq!(h["opcode"], "QUERY", "{q}");
    assert_eq!(h["rcode"], rcode, "{q}");
    let f = &h["flags"];
    for (flag, want) in [("qr", true), ("aa", true), ("tc", false), ("rd", true)] {
        assert_eq!(f[flag], want, "{flag}: {q}");
    }
    for flag in ["ra", "ad", "cd"] {
        assert!(f[flag].is_boolean(), "{flag}: {q}");
    }
    let question = r["question"].as_array().unwrap();
    assert_eq!(question.len(), 1, "{q}");
    assert_eq!(question[0]["name"], q["name"], "{q}");
    assert_eq!(question[0]["type"], q["type"], "{q}");
    assert_eq!(question[0]["class"], "IN", "{q}");
    // The answers reported are the answer section (no CNAME chased, no stray records here).
    assert_eq!(records(&r["answer"]), records(&q["answers"]), "{q}");
    assert!(
        r["authority"].is_array() && r["additional"].is_array(),
        "{q}"
    );
    // netkit asks with EDNS; hickory-server answers with it.
    let e = &r["edns"];
    assert_eq!(e["version"], 0, "{q}");
    assert!(e["udp_size"].as_u64().unwrap() >= 512, "{q}");
    assert_eq!(e["dnssec_ok"], false, "{q}");
    assert!(e["options"].is_array(), "{q}");
    // A message of a header, a question and the records is more than 12 + 4 bytes.
    let size = r["size"].as_u64().unwrap();
    let min = 12 + 4 + q["name"].as_str().unwrap().len() as u64;
    assert!(size > min, "size {size}: {q}");
}

/// The SOA of example.test. in the authority section (a negative answer's proof of its TTL).
fn has_soa(q: &Value) -> bool {
    q["response"]["authority"]
        .as_array()
        .unwrap_or_else(|| panic!("no response: {q}"))
        .iter()
        .any(|r| r["type"] == "SOA" && r["name"] == "example.test.")
}

/// Over the fast path (UDP) and hickory's resolver (TCP): A and AAAA, then NXDOMAIN with its
/// SOA and no data, each with its whole response.
#[test]
fn every_query_carries_its_whole_response() {
    let s = server();
    for transport in ["udp", "tcp"] {
        let mut args = vec!["--json", "dns", "www.example.test"];
        let at_s = at(s);
        args.push(&at_s);
        if transport == "tcp" {
            args.push("--tcp");
        }
        let v = json(&run(&args));
        let queries = v["queries"].as_array().unwrap();
        assert_eq!(queries.len(), 2, "{v}");
        for q in queries {
            assert_eq!(q["status"], "answer", "{q}");
            check_response(q, s, transport, "NOERROR");
        }
        assert_eq!(
            queries[0]["response"]["answer"].as_array().unwrap().len(),
            2
        );

        let mut args = vec!["--json", "dns", "nosuch.example.test", "A", "MX"];
        args.push(&at_s);
        if transport == "tcp" {
            args.push("--tcp");
        }
        let o = run(&args);
        assert_eq!(code(&o), 1, "{}", stdout(&o));
        let v = json(&o);
        for q in v["queries"].as_array().unwrap() {
            assert_eq!(q["status"], "nxdomain", "{q}");
            check_response(q, s, transport, "NXDOMAIN");
            assert!(has_soa(q), "{transport}: {q}");
        }

        let mut args = vec!["--json", "dns", "v4only.example.test", "AAAA"];
        args.push(&at_s);
        if transport == "tcp" {
            args.push("--tcp");
        }
        let v = json(&run(&args));
        let q = &v["queries"][0];
        assert_eq!(q["status"], "nodata", "{q}");
        check_response(q, s, transport, "NOERROR");
        assert!(has_soa(q), "{transport}: {q}");
    }
}

/// DoT and DoH go through hickory's resolver too: their responses are kept as they came.
#[test]
fn dot_and_doh_results_carry_their_response() {
    let t = tls_servers();
    let ca = t.ca.to_str().unwrap();
    for (flag, addr, transport) in [("--tls", t.dot, "tls"), ("--https", t.doh, "https")] {
        let at_s = at(addr);
        for (name, rcode) in [
            ("www.example.test", "NOERROR"),
            ("nosuch.example.test", "NXDOMAIN"),
        ] {
            let o = run(&["--json", "dns", name, "A", &at_s, flag, "--tls-ca", ca]);
            let v = json(&o);
            let q = &v["queries"][0];
            check_response(q, addr, transport, rcode);
            assert_eq!(has_soa(q), rcode == "NXDOMAIN", "{flag}: {q}");
        }
    }
}

/// A SERVFAIL is a response too: the fast path hands it to hickory, whose response is kept.
#[test]
fn servfail_carries_its_response() {
    let sf = servfail_server();
    let o = run(&[
        "--json",
        "dns",
        "www.example.test",
        "A",
        &at(sf),
        "--retries",
        "0",
        "--timeout",
        "2",
    ]);
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    let v = json(&o);
    let q = &v["queries"][0];
    assert_eq!(q["status"], "servfail", "{q}");
    let r = &q["response"];
    assert_eq!(r["header"]["rcode"], "SERVFAIL", "{q}");
    assert_eq!(r["header"]["flags"]["ra"], true, "{q}");
    assert_eq!(r["server"], sf.to_string(), "{q}");
    assert_eq!(r["question"][0]["name"], "www.example.test.", "{q}");
}

/// No response, no message: a timeout says so in `message`, with `response` null.
#[test]
fn a_timeout_has_no_response() {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap();
    for extra in [&[][..], &["--tcp"][..]] {
        if !extra.is_empty() {
            // Over TCP nothing listens at all: refused, no response either.
            let mut args = vec!["--json", "dns", "www.example.test", "A"];
            let at_a = at(addr);
            args.push(&at_a);
            args.extend_from_slice(extra);
            args.extend_from_slice(&["--timeout", "0.5", "--retries", "0"]);
            let v = json(&run(&args));
            let q = &v["queries"][0];
            assert!(q["response"].is_null(), "{q}");
            assert!(q["message"].is_string(), "{q}");
            continue;
        }
        let v = json(&run(&[
            "--json",
            "dns",
            "www.example.test",
            "A",
            &at(addr),
            "--timeout",
            "0.3",
            "--retries",
            "0",
        ]));
        let q = &v["queries"][0];
        assert_eq!(q["status"], "timeout", "{q}");
        assert!(q["response"].is_null(), "{q}");
        assert!(q["message"].as_str().unwrap().contains("no answer"), "{q}");
    }
    drop(silent);
}

/// `--file --json`: each line's queries carry their responses, through the batch engine (one
/// UDP server), the general bulk path (TCP), and null for a line that is no name.
#[test]
fn bulk_lines_carry_the_responses() {
    let s = server();
    let names = "www.example.test\nnosuch.example.test\nbad..name\nmail.example.test\n";
    for transport in ["udp", "tcp"] {
        let at_s = at(s);
        let mut args = vec!["--json", "dns", "--file", "-", "A", "MX", &at_s];
        if transport == "tcp" {
            args.push("--tcp");
        }
        let o = run_stdin(&args, names);
        let out = stdout(&o);
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 4, "{out}");
        for line in &lines {
            for q in line["queries"].as_array().unwrap() {
                match q["status"].as_str().unwrap() {
                    "invalid" => {
                        assert!(q["response"].is_null(), "{q}");
                        assert!(q["message"].is_string(), "{q}");
                    }
                    "nxdomain" => {
                        check_response(q, s, transport, "NXDOMAIN");
                        assert!(has_soa(q), "{q}");
                    }
                    _ => check_response(q, s, transport, "NOERROR"),
                }
            }
        }
        assert_eq!(lines[2]["status"], "invalid", "{out}");
        assert_eq!(
            lines[0]["queries"][0]["response"]["answer"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
    }
}

/// A truncated UDP answer asked again over TCP: the result carries the TCP response.
#[test]
fn a_truncated_answer_carries_the_tcp_response() {
    for extra in [&[][..], &["--file", "-"][..]] {
        let mut args = vec!["--json", "dns"];
        args.extend_from_slice(extra);
        let at_server = at(server());
        args.extend_from_slice(&["TXT", &at_server]);
        if extra.is_empty() {
            args.insert(2, "big.example.test");
        }
        let o = run_stdin(&args, "big.example.test\n");
        assert_eq!(code(&o), 0, "{args:?}: {}{}", stdout(&o), stderr(&o));
        let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        let q = &v["queries"][0];
        check_response(q, server(), "tcp", "NOERROR");
        let r = &q["response"];
        assert_eq!(r["retried_over_tcp"], true, "{args:?}: {q}");
        assert!(r["size"].as_u64().unwrap() > 2000, "{args:?}: {q}");
        assert_eq!(r["answer"][0]["type"], "TXT");
    }
}

/// The response in netkit's JSON is the one dig shows for the same query to the same server:
/// same RCODE, flags and records in the answer, authority and additional sections.
#[test]
fn the_response_agrees_with_dig() {
    let s = server();
    for (name, rtype) in [
        ("www.example.test", "A"),
        ("example.test", "MX"),
        ("example.test", "NS"),
        ("nosuch.example.test", "A"),
        ("v4only.example.test", "AAAA"),
        ("_sip._tcp.example.test", "SRV"),
    ] {
        for tcp in [false, true] {
            let mut question = vec![
                "+noall",
                "+comments",
                "+answer",
                "+authority",
                "+additional",
                "+nottlid",
                name,
                rtype,
            ];
            if tcp {
                question.push("+tcp");
            }
            let Some(d) = dig::dig(s, &question) else {
                return;
            };
            let (status, flags) = (dig::status(&d), dig::flags(&d));
            let mut theirs = dig::records(&d);
            let at_s = at(s);
            let mut args = vec!["--json", "dns", name, rtype, at_s.as_str()];
            if tcp {
                args.push("--tcp");
            }
            let v = json(&run(&args));
            let r = &v["queries"][0]["response"];
            let what = format!("{name} {rtype} tcp={tcp}: {d}\n{r}");
            assert_eq!(r["header"]["rcode"], status, "{what}");
            assert_eq!(dig::json_flags(r), flags, "{what}");
            let mut mine = dig::json_records(r, &["answer", "authority", "additional"]);
            theirs.sort();
            mine.sort();
            assert_eq!(mine, theirs, "{what}");
        }
    }
}
