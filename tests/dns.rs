//! `netkit dns` against servers inside this test process, all on 127.0.0.1: an authoritative
//! hickory-server for example.test. and 2.0.192.in-addr.arpa. (UDP and TCP on one port; DNS
//! over TLS and over HTTPS with a certificate from a CA made for the run), a responder that
//! answers every query with SERVFAIL, and a socket that never answers.
//! Never the system resolver, never anything off loopback.

use std::net::{SocketAddr, TcpListener, UdpSocket};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::{LowerName, Name};
use hickory_resolver::proto::serialize::txt::Parser;
use hickory_server::Server;
use hickory_server::store::in_memory::InMemoryZoneHandler;
use hickory_server::zone_handler::{AxfrPolicy, Catalog, ZoneHandler, ZoneType};
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
use rustls::ServerConfig;
use rustls::pki_types::PrivateKeyDer;

use crate::common::dig;
use crate::common::*;
use std::process::Command;

const ZONE: &str = r#"
$TTL 300
@           IN SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 60
@           IN NS  ns1.example.test.
ns1         IN A   127.0.0.1
www         IN A   192.0.2.10
www         IN A   192.0.2.11
www         IN AAAA 2001:db8::10
v4only      IN A   192.0.2.4
@           IN MX  10 mail.example.test.
mail        IN A   192.0.2.25
@           IN TXT "v=spf1 -all"
@           IN CAA 0 issue "ca.example.test"
@           IN HTTPS 1 . alpn=h2
alias       IN CNAME www.example.test.
_sip._tcp   IN SRV 10 5 5060 sip.example.test.
sip         IN A   192.0.2.50
xn--bcher-kva IN A 192.0.2.77
big         IN TXT "00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "01xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "02xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "03xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "04xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "05xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "06xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "07xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "08xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" "09xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
"#;

const REVERSE: &str = r#"
$TTL 300
@   IN SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 60
@   IN NS  ns1.example.test.
10  IN PTR www.example.test.
"#;

fn zone(origin: &str, text: &str) -> Arc<dyn ZoneHandler> {
    let origin = Name::from_str(origin).unwrap();
    let (origin, records) = Parser::new(text, None, Some(origin))
        .parse()
        .expect("test zone parses");
    let handler = InMemoryZoneHandler::<TokioRuntimeProvider>::new(
        origin,
        records,
        ZoneType::Primary,
        AxfrPolicy::Deny,
    )
    .expect("test zone loads");
    Arc::new(handler)
}

/// A socket the test server answers on.
enum Listener {
    Udp(UdpSocket),
    Tcp(TcpListener),
    /// DNS over TLS.
    Tls(TcpListener, Arc<ServerConfig>),
    /// DNS over HTTPS (HTTP/2, /dns-query).
    Https(TcpListener, Arc<ServerConfig>),
}

/// Serves the test zones on `listeners` from a thread of its own, for the rest of the process.
fn serve(listeners: Vec<Listener>) {
    serve_zones(
        listeners,
        vec![
            ("example.test.".into(), ZONE.into()),
            ("2.0.192.in-addr.arpa.".into(), REVERSE.into()),
        ],
    );
}

/// Serves `zones` (origin, zone file text) on `listeners`, from a thread of its own.
fn serve_zones(listeners: Vec<Listener>, zones: Vec<(String, String)>) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let mut catalog = Catalog::new();
            for (origin, text) in &zones {
                let name = LowerName::from(Name::from_str(origin).unwrap());
                catalog.upsert(name, vec![zone(origin, text)]);
            }
            let mut server = Server::new(catalog);
            let tokio_tcp = |l: TcpListener| {
                l.set_nonblocking(true).unwrap();
                tokio::net::TcpListener::from_std(l).unwrap()
            };
            let timeout = Duration::from_secs(5);
            for listener in listeners {
                match listener {
                    Listener::Udp(u) => {
                        u.set_nonblocking(true).unwrap();
                        server.register_socket(tokio::net::UdpSocket::from_std(u).unwrap());
                    }
                    Listener::Tcp(l) => server.register_listener(tokio_tcp(l), timeout, 64),
                    Listener::Tls(l, config) => server
                        .register_tls_listener_with_tls_config(tokio_tcp(l), timeout, config)
                        .unwrap(),
                    Listener::Https(l, config) => server
                        .register_https_listener_with_tls_config(
                            tokio_tcp(l),
                            timeout,
                            config,
                            None,
                            "/dns-query".into(),
                        )
                        .unwrap(),
                }
            }
            tx.send(()).unwrap();
            let _ = server.block_until_done().await;
        });
    });
    rx.recv().expect("test DNS server starts");
}

/// The authoritative test server's address (UDP and TCP on the same port), started once.
pub(crate) fn server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        // One port for both: bind UDP on :0, then TCP on the same port (retry if taken).
        let (udp, tcp) = loop {
            let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
            let port = udp.local_addr().unwrap().port();
            if let Ok(tcp) = TcpListener::bind(("127.0.0.1", port)) {
                break (udp, tcp);
            }
        };
        let addr = udp.local_addr().unwrap();
        serve(vec![Listener::Udp(udp), Listener::Tcp(tcp)]);
        addr
    })
}

/// The name in the TLS test server's certificate (which also carries 127.0.0.1).
pub(crate) const TLS_NAME: &str = "dns.example.test";

/// The same zones over DNS over TLS and DNS over HTTPS, with a certificate for [`TLS_NAME`]
/// and 127.0.0.1 issued by a CA made for this test run.
pub(crate) struct TlsServers {
    pub(crate) dot: SocketAddr,
    pub(crate) doh: SocketAddr,
    /// The test CA, PEM.
    pub(crate) ca: PathBuf,
}

pub(crate) fn tls_servers() -> &'static TlsServers {
    static SERVERS: OnceLock<TlsServers> = OnceLock::new();
    SERVERS.get_or_init(|| {
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "netkit test CA");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();
        let key = KeyPair::generate().unwrap();
        let leaf = CertificateParams::new(vec![TLS_NAME.to_string(), "127.0.0.1".to_string()])
            .unwrap()
            .signed_by(&key, &ca)
            .unwrap();
        let config = |alpn: &[u8]| tls_config(leaf.der(), &key, alpn);
        let dot = TcpListener::bind("127.0.0.1:0").unwrap();
        let doh = TcpListener::bind("127.0.0.1:0").unwrap();
        let servers = TlsServers {
            dot: dot.local_addr().unwrap(),
            doh: doh.local_addr().unwrap(),
            ca: PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("netkit-test-ca.pem"),
        };
        std::fs::write(&servers.ca, ca.pem()).unwrap();
        serve(vec![
            Listener::Tls(dot, config(b"dot")),
            Listener::Https(doh, config(b"h2")),
        ]);
        servers
    })
}

/// A TLS server configuration presenting `cert` (signed for `key`) and offering `alpn`.
fn tls_config(
    cert: &rustls::pki_types::CertificateDer<'static>,
    key: &KeyPair,
    alpn: &[u8],
) -> Arc<ServerConfig> {
    let provider = Arc::new(hickory_resolver::net::tls::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![cert.clone()],
            PrivateKeyDer::try_from(key.serialize_der()).unwrap(),
        )
        .unwrap();
    config.alpn_protocols = vec![alpn.to_vec()];
    Arc::new(config)
}

/// A UDP responder that answers every query with SERVFAIL (the query echoed back with QR set).
pub(crate) fn servfail_server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
        let addr = sock.local_addr().unwrap();
        std::thread::spawn(move || {
            let mut buf = [0u8; 1500];
            while let Ok((n, peer)) = sock.recv_from(&mut buf) {
                if n < 12 {
                    continue;
                }
                let mut reply = buf[..n].to_vec();
                reply[2] |= 0x80; // QR: a response
                reply[3] = (reply[3] & 0xf0) | 0x80 | 2; // RA, RCODE 2 = SERVFAIL
                let _ = sock.send_to(&reply, peer);
            }
        });
        addr
    })
}

/// A UDP responder that ignores the first copy of every query and answers the second:
/// `hN.lossy.test A` is 198.51.100.N. Like a server whose socket overflowed once.
fn lossy_server() -> SocketAddr {
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = sock.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut seen = std::collections::HashSet::new();
        let mut buf = [0u8; 1500];
        while let Ok((n, peer)) = sock.recv_from(&mut buf) {
            let q = &buf[..n];
            // The question: labels from byte 12 up to the root label, then type and class.
            let Some(end) = (12..n)
                .scan(12, |at, _| {
                    let len = usize::from(*q.get(*at)?);
                    *at += len + 1;
                    Some((len, *at))
                })
                .find(|(len, _)| *len == 0)
                .map(|(_, at)| at + 4)
            else {
                continue;
            };
            if !seen.insert(q[..end.min(n)].to_vec()) {
                let host = std::str::from_utf8(&q[13..end]).unwrap_or("");
                let last: u8 = host
                    .trim_start_matches('h')
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(0);
                let mut reply = q[..end].to_vec();
                reply[2..12].copy_from_slice(&[0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
                reply.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
                reply.extend_from_slice(&[198, 51, 100, last]);
                let _ = sock.send_to(&reply, peer);
            }
        }
    });
    addr
}

pub(crate) fn at(addr: SocketAddr) -> String {
    format!("@{addr}")
}

#[test]
fn default_lookup_answers_a_and_aaaa_in_a_table() {
    let o = run(&["dns", "www.example.test", &at(server())]);
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "{out}{}", stderr(&o));
    for want in [
        "192.0.2.10",
        "192.0.2.11",
        "2001:db8::10",
        "Name",
        "TTL",
        "300",
    ] {
        assert!(out.contains(want), "missing {want}:\n{out}");
    }
    assert!(
        out.contains(&server().to_string()),
        "names the server:\n{out}"
    );
    assert!(out.contains("Query time"), "{out}");
}

/// --human-ttl: TTLs as 1h2m3s in the table (the zone's 300 s is 5m), seconds in JSON.
#[test]
fn human_ttl_in_tables_only() {
    let o = run(&["dns", "www.example.test", "A", &at(server()), "--human-ttl"]);
    let text = stdout(&o);
    assert!(text.contains(" 5m "), "{text}");
    assert!(!text.contains(" 300 "), "{text}");
    let v = json(&run(&[
        "--json",
        "dns",
        "www.example.test",
        "A",
        &at(server()),
        "--human-ttl",
    ]));
    assert_eq!(v["queries"][0]["answers"][0]["ttl"], 300, "{v}");
}

#[test]
fn short_prints_only_the_data() {
    let o = run(&["dns", "example.test", "MX", "TXT", &at(server()), "--short"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "10 mail.example.test.\n\"v=spf1 -all\"\n");
}

#[test]
fn json_carries_name_ttl_type_data_server_and_time() {
    let o = run(&["--json", "dns", "www.example.test", "A", &at(server())]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["status"], "answer");
    let q = &v["queries"][0];
    assert_eq!(q["type"], "A");
    assert_eq!(q["status"], "answer");
    assert_eq!(q["server"], format!("{} (udp)", server()));
    assert!(q["rtt_ms"].as_f64().unwrap() >= 0.0);
    let mut data: Vec<&str> = q["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            assert_eq!(a["name"], "www.example.test.");
            assert_eq!(a["ttl"], 300);
            assert_eq!(a["type"], "A");
            a["data"].as_str().unwrap()
        })
        .collect();
    data.sort_unstable();
    assert_eq!(data, ["192.0.2.10", "192.0.2.11"]);
}

#[test]
fn record_types_cname_srv_and_tcp() {
    let o = run(&[
        "dns",
        "alias.example.test",
        "CNAME",
        &at(server()),
        "--short",
    ]);
    assert_eq!(stdout(&o), "www.example.test.\n", "{}", stderr(&o));
    let o = run(&[
        "dns",
        "_sip._tcp.example.test",
        "SRV",
        &at(server()),
        "--short",
    ]);
    assert_eq!(
        stdout(&o),
        "10 5 5060 sip.example.test.\n",
        "{}",
        stderr(&o)
    );
    let o = run(&[
        "--json",
        "dns",
        "v4only.example.test",
        "A",
        &at(server()),
        "--tcp",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["queries"][0]["answers"][0]["data"], "192.0.2.4");
    assert_eq!(v["queries"][0]["server"], format!("{} (tcp)", server()));
}

#[test]
fn idn_names_are_sent_as_punycode() {
    let o = run(&["--json", "dns", "bücher.example.test", "A", &at(server())]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["input"], "bücher.example.test");
    assert_eq!(v["name"], "xn--bcher-kva.example.test");
    assert_eq!(v["queries"][0]["answers"][0]["data"], "192.0.2.77");
}

#[test]
fn reverse_lookup() {
    let o = run(&["dns", "-x", "192.0.2.10", &at(server()), "--short"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o), "www.example.test.\n");
    let o = run(&["--json", "dns", "-x", "192.0.2.10", &at(server())]);
    assert_eq!(json(&o)["queries"][0]["name"], "10.2.0.192.in-addr.arpa.");
}

#[test]
fn nxdomain_and_nodata_exit_1_and_say_which() {
    let o = run(&["--json", "dns", "nope.example.test", &at(server())]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(json(&o)["status"], "nxdomain");
    let o = run(&["dns", "nope.example.test", &at(server())]);
    assert!(stdout(&o).contains("NXDOMAIN"), "{}", stdout(&o));

    let o = run(&[
        "--json",
        "dns",
        "v4only.example.test",
        "AAAA",
        &at(server()),
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(json(&o)["status"], "nodata");
    let o = run(&["dns", "v4only.example.test", "AAAA", &at(server())]);
    assert!(stdout(&o).contains("NODATA"), "{}", stdout(&o));

    // A answered, AAAA has no data: the name resolves.
    let o = run(&["dns", "v4only.example.test", &at(server())]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
}

#[test]
fn refused_and_servfail_exit_3() {
    // The test server serves no other zone: it refuses.
    let o = run(&["--json", "dns", "www.elsewhere.test", "A", &at(server())]);
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    assert_eq!(json(&o)["queries"][0]["status"], "refused");
    let o = run(&["dns", "www.elsewhere.test", "A", &at(servfail_server())]);
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    assert!(stdout(&o).contains("SERVFAIL"), "{}", stdout(&o));
}

#[test]
fn a_failing_server_falls_back_to_the_next() {
    let o = run(&[
        "--json",
        "dns",
        "www.example.test",
        "A",
        &at(servfail_server()),
        &at(server()),
    ]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(
        json(&o)["queries"][0]["server"],
        format!("{} (udp)", server())
    );
}

#[test]
fn a_silent_server_times_out_naming_the_server() {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap();
    let start = Instant::now();
    let o = run(&[
        "dns",
        "www.example.test",
        "A",
        &at(addr),
        "--timeout",
        "0.3",
        "--retries",
        "0",
    ]);
    let took = start.elapsed();
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("TIMEOUT") && out.contains(&addr.to_string()),
        "{out}"
    );
    // A bare --timeout is seconds, as dig's +time: it waited 0.3 s, not 0.3 ms.
    assert!(out.contains("after waiting 30"), "{out}");
    assert!(took >= Duration::from_millis(300), "took {took:?}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    drop(silent);
}

#[test]
fn bulk_file_answers_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.txt");
    std::fs::write(
        &path,
        "# test names\nwww.example.test\nnope.example.test\n\nmail.example.test\nsip.example.test\n",
    )
    .unwrap();
    let o = run(&["dns", "--file", path.to_str().unwrap(), "A", &at(server())]);
    assert_eq!(code(&o), 1, "one name is NXDOMAIN: {}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines[0].starts_with("www.example.test\tANSWER\t"),
        "{lines:?}"
    );
    assert_eq!(lines[1], "nope.example.test\tNXDOMAIN\t");
    assert_eq!(lines[2], "mail.example.test\tANSWER\tA 192.0.2.25");
    assert_eq!(lines[3], "sip.example.test\tANSWER\tA 192.0.2.50");

    let o = run_stdin(
        &["--json", "dns", "--file", "-", "A", &at(server())],
        "mail.example.test\nsip.example.test\n",
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let names: Vec<String> = stdout(&o)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["input"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(names, ["mail.example.test", "sip.example.test"]);
    assert!(
        stderr(&o).is_empty(),
        "no progress when stderr is not a terminal"
    );
}

#[test]
fn bad_input_exits_2_with_one_line() {
    assert_bad_input(&["dns", "bad..name", "@127.0.0.1"], "bad..name");
    assert_bad_input(&["dns", "example.test", "BOGUS", "@127.0.0.1"], "BOGUS");
    assert_bad_input(&["dns", "example.test", "ANY", "@127.0.0.1"], "ANY");
    assert_bad_input(&["dns", "example.test", "@not an ip"], "not an ip");
    assert_bad_input(&["dns", "example.test", "@10.0.0.256"], "10.0.0.256");
    assert_bad_input(&["dns", "example.test", "@127.0.0.1:99999"], "99999");
    assert_bad_input(&["dns", "-x", "example.test", "@127.0.0.1"], "example.test");
    assert_bad_input(
        &["dns", "example.test", "@127.0.0.1", "--timeout", "soon"],
        "soon",
    );
}

#[test]
fn an_unreadable_names_file_exits_3_naming_it() {
    let o = run(&["dns", "--file", "/nonexistent/names.txt", "@127.0.0.1"]);
    assert_eq!(code(&o), 3);
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/nonexistent/names.txt"),
        "{}",
        stderr(&o)
    );
}

/// Bulk lookups take a fast shared-socket path; what it cannot settle (REFUSED here) must come
/// out exactly as a single lookup reports it.
#[test]
fn bulk_results_match_single_lookups() {
    let names =
        "alias.example.test\nwww.elsewhere.test\nv4only.example.test\nbücher.example.test\n";
    let o = run_stdin(
        &["--json", "dns", "--file", "-", "A", "AAAA", &at(server())],
        names,
    );
    assert_eq!(code(&o), 3, "one name is refused: {}", stderr(&o));
    let bulk: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(bulk.len(), 4);
    for (line, b) in names.lines().zip(&bulk) {
        let single = json(&run(&["--json", "dns", line, "A", "AAAA", &at(server())]));
        assert_eq!(b["input"], line);
        assert_eq!(b["status"], single["status"], "{line}");
        for i in 0..2 {
            let (bq, sq) = (&b["queries"][i], &single["queries"][i]);
            assert_eq!(bq["status"], sq["status"], "{line} {i}");
            assert_eq!(bq["answers"], sq["answers"], "{line} {i}");
            assert_eq!(bq["name"], sq["name"], "{line} {i}");
        }
    }
    assert_eq!(bulk[1]["status"], "refused");
}

/// The batch engine (one server over UDP) writes `--short` and tab-separated lines straight
/// from the replies; the resolver path (TCP here) builds them from full results. Both must
/// print the same for the same names: plain answers, two types, a CNAME, NXDOMAIN, no data, an
/// IDN, a name the server refuses, an invalid line, in input order and unordered.
#[test]
fn bulk_lines_from_the_batch_engine_match_the_resolver_path() {
    let names = "www.example.test\nalias.example.test\nnope.example.test\nv4only.example.test\n\
                 bücher.example.test\nwww.elsewhere.test\nbad..name\nmail.example.test\n";
    let udp = at(server());
    for format in [&[][..], &["--short"][..]] {
        let mut args = vec!["dns", "--file", "-", "A", "AAAA", udp.as_str()];
        args.extend_from_slice(format);
        let engine = run_stdin(&args, names);
        args.push("--tcp");
        let resolver = run_stdin(&args, names);
        assert_eq!(code(&engine), code(&resolver), "{}", stderr(&engine));
        assert_eq!(stdout(&engine), stdout(&resolver), "{format:?}");
        assert!(
            stdout(&engine).contains("192.0.2.11"),
            "{}",
            stdout(&engine)
        );
        // Unordered: the same lines, in any order.
        args.pop();
        args.push("--unordered");
        let unordered = run_stdin(&args, names);
        let mut a: Vec<String> = stdout(&unordered).lines().map(String::from).collect();
        let mut b: Vec<String> = stdout(&resolver).lines().map(String::from).collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{format:?} --unordered");
    }
}

/// `--file -` of `names` against a UDP socket that never answers (300 ms timeout, no retries):
/// the output, how long it took and the socket's address.
fn bulk_against_silence(names: &str) -> (std::process::Output, Duration, SocketAddr) {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap();
    let start = Instant::now();
    let o = run_stdin(
        &[
            "dns",
            "--file",
            "-",
            "A",
            &at(addr),
            "--timeout",
            "300ms",
            "--retries",
            "0",
        ],
        names,
    );
    let took = start.elapsed();
    drop(silent);
    (o, took, addr)
}

#[test]
fn bulk_against_a_silent_server_times_out_once_per_query() {
    let (o, took, addr) = bulk_against_silence("a.example.test\nb.example.test\n");
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(
        out.lines()
            .all(|l| l.contains("TIMEOUT") && l.contains(&addr.to_string())),
        "{out}"
    );
    assert!(took < Duration::from_millis(1500), "took {took:?}");
}

#[test]
fn tls_to_a_plain_dns_port_fails_with_exit_3() {
    let start = Instant::now();
    let o = run(&[
        "dns",
        "www.example.test",
        "A",
        &at(server()),
        "--tls",
        "--timeout",
        "1s",
        "--retries",
        "0",
    ]);
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    assert!(stdout(&o).contains("(tls)"), "{}", stdout(&o));
    assert!(start.elapsed() < Duration::from_secs(3));
}

/// An answer too big for UDP (2 kB of TXT) comes back truncated and is asked again over TCP.
#[test]
fn truncated_answers_are_retried_over_tcp() {
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
        let v: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
        let data = v["queries"][0]["answers"][0]["data"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(data.matches('"').count(), 20, "{data}");
        assert!(data.len() > 2000, "{}", data.len());
    }
}

/// DoT and DoH against servers whose certificate comes from the test CA: answered when that CA
/// is trusted (by IP address, or by name with --tls-hostname); refused, saying why, when it is
/// not or when the name does not match.
#[test]
fn tls_and_https_answer_when_the_certificate_is_trusted() {
    let t = tls_servers();
    let ca = t.ca.to_str().unwrap();
    for (flag, addr) in [("--tls", t.dot), ("--https", t.doh)] {
        let at_server = at(addr);
        let base = ["dns", "www.example.test", "A", at_server.as_str(), flag];
        let with = |extra: &[&str]| {
            let mut args = base.to_vec();
            args.extend_from_slice(extra);
            args.extend_from_slice(&["--timeout", "2s", "--retries", "0"]);
            run(&args)
        };

        let o = with(&["--tls-ca", ca, "--short"]);
        assert_eq!(code(&o), 0, "{flag}: {}{}", stdout(&o), stderr(&o));
        let out = stdout(&o);
        let mut got: Vec<&str> = out.lines().collect();
        got.sort();
        assert_eq!(got, ["192.0.2.10", "192.0.2.11"], "{flag}");

        let o = with(&["--tls-ca", ca, "--tls-hostname", TLS_NAME]);
        assert_eq!(code(&o), 0, "{flag}: {}{}", stdout(&o), stderr(&o));
        let name = if flag == "--tls" { "(tls)" } else { "(https)" };
        assert!(stdout(&o).contains(name), "{}", stdout(&o));

        // The built-in roots do not include the test CA.
        let o = with(&[]);
        assert_eq!(code(&o), 3, "{flag}: {}", stdout(&o));
        assert!(
            stdout(&o).contains("not signed by a trusted CA"),
            "{flag}: {}",
            stdout(&o)
        );

        let o = with(&["--tls-ca", ca, "--tls-hostname", "other.example.test"]);
        assert_eq!(code(&o), 3, "{flag}: {}", stdout(&o));
        assert!(
            stdout(&o).contains("not valid for other.example.test"),
            "{flag}: {}",
            stdout(&o)
        );
    }
}

/// Issue 24 item 15: a DoT server presenting its CA's own certificate (a CA used as an end
/// entity) fails in one sentence with the cause, never debug text (`Other(OtherError(...))`).
#[test]
fn a_tls_failure_is_one_sentence_with_its_cause() {
    let mut params = CertificateParams::new(vec!["127.0.0.1".to_string()]).unwrap();
    params
        .distinguished_name
        .push(DnType::CommonName, "netkit test CA as a server");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let key = KeyPair::generate().unwrap();
    let ca = params.self_signed(&key).unwrap();
    let dot = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = dot.local_addr().unwrap();
    serve(vec![Listener::Tls(dot, tls_config(ca.der(), &key, b"dot"))]);
    let dir = tempfile::tempdir().unwrap();
    let pem = dir.path().join("ca.pem");
    std::fs::write(&pem, ca.pem()).unwrap();
    let o = run(&[
        "dns",
        "www.example.test",
        "A",
        &at(addr),
        "--tls",
        "--tls-ca",
        pem.to_str().unwrap(),
        "--timeout",
        "2s",
        "--retries",
        "0",
    ]);
    let out = stdout(&o);
    assert_eq!(code(&o), 3, "{out}{}", stderr(&o));
    assert!(
        out.contains("TLS: the server's certificate is not accepted: it is a CA certificate"),
        "{out}"
    );
    assert!(!out.contains("Other(") && !out.contains("Error("), "{out}");
}

#[test]
fn tls_options_need_tls_and_a_real_ca_file() {
    let o = run(&[
        "dns",
        "a.example.test",
        "@127.0.0.1",
        "--tls-hostname",
        "x.test",
    ]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        "netkit: --tls-hostname needs --tls or --https\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let not_pem = dir.path().join("ca.pem");
    std::fs::write(&not_pem, "hello\n").unwrap();
    let o = run(&[
        "dns",
        "a.example.test",
        "@127.0.0.1",
        "--tls",
        "--tls-ca",
        not_pem.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("holds no PEM certificate"),
        "{}",
        stderr(&o)
    );
    assert_eq!(stderr(&o).lines().count(), 1);
}

/// Queries the server dropped are sent again within the same attempt, after a resend interval
/// from the measured round trip, not after the whole timeout (--retries 0 would send one only).
#[test]
fn bulk_resends_queries_a_server_dropped() {
    let addr = lossy_server();
    let names: String = (1..=100).map(|i| format!("h{i}.lossy.test\n")).collect();
    let start = Instant::now();
    let o = run_stdin(
        &[
            "dns",
            "--file",
            "-",
            "A",
            "--short",
            &at(addr),
            "--timeout",
            "5s",
            "--retries",
            "1",
        ],
        &names,
    );
    let took = start.elapsed();
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let want: Vec<String> = (1..=100).map(|i| format!("198.51.100.{i}")).collect();
    assert_eq!(stdout(&o).lines().collect::<Vec<_>>(), want);
    assert!(took < Duration::from_secs(4), "took {took:?}");
}

/// A server that answers nothing is not taken for a congested one: with --concurrency 64,
/// 256 names time out in about four rounds of the timeout, not one round per few names.
#[test]
fn bulk_against_a_silent_server_keeps_its_concurrency() {
    let names: String = (0..256).map(|i| format!("n{i}.example.test\n")).collect();
    let (o, took, _) = bulk_against_silence(&names);
    assert_eq!(code(&o), 3);
    assert_eq!(
        stdout(&o).lines().filter(|l| l.contains("TIMEOUT")).count(),
        256
    );
    // Four rounds of 300 ms; a window shut down to a few queries would take over 10 s.
    assert!(took < Duration::from_secs(4), "took {took:?}");
}

/// A closed UDP port answers with ICMP port unreachable: "connection refused" at once (not a
/// timeout), in single and bulk lookups, and the next server is asked.
#[test]
fn a_closed_port_is_refused_at_once_not_a_timeout() {
    let closed = {
        let s = UdpSocket::bind("127.0.0.1:0").unwrap();
        s.local_addr().unwrap()
    };
    let start = Instant::now();
    let o = run(&["dns", "www.example.test", &at(closed), "--timeout", "5"]);
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    let out = stdout(&o);
    assert_eq!(out.matches("connection refused").count(), 2, "{out}");
    assert!(!out.contains("timeout"), "{out}");

    let o = run_stdin(
        &["dns", "--file", "-", "A", &at(closed), "--timeout", "5"],
        "www.example.test\nmail.example.test\n",
    );
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.lines()
            .all(|l| l.contains("ERROR") && l.contains("connection refused")),
        "{out}"
    );

    let o = run(&[
        "dns",
        "www.example.test",
        "A",
        "--short",
        &at(closed),
        &at(server()),
        "--timeout",
        "5",
    ]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("192.0.2.10"), "{}", stdout(&o));
    // Three runs against a 5 s timeout: none of them waited it out.
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
}

/// With no @SERVER, the servers, search list and ndots come from the system's resolv.conf: in
/// the namespace LAN the host's /etc/resolv.conf (bind-mounted by `ip netns exec`) points to
/// dnsmasq on the router, whose answers tell which name was asked first. The same machinery
/// finds the address of a server given by name.
#[test]
fn without_a_server_the_system_resolv_conf_is_used_with_search_and_ndots_and_names_servers() {
    let Some(mut lan) = crate::common::netns::Lan::new("dns_system_resolver") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let hosts = "198.51.100.80 www.lan.test\n192.0.2.1 www.test\n192.0.2.2 www.test.lan.test\n";
    let conf =
        |ndots: u8| format!("nameserver 198.51.100.1\nsearch lan.test\noptions ndots:{ndots}\n");
    let _dns = lan.dns_server(&dir, hosts, &conf(1));
    let ask = |lan: &crate::common::netns::Lan, name: &str| {
        let o = lan.lab.netkit(&lan.host, &["--json", "dns", name, "A"]);
        (code(&o), json(&o))
    };

    // No dot: the search list applies.
    let (rc, v) = ask(&lan, "www");
    assert_eq!(rc, 0, "{v}");
    assert_eq!(v["servers"][0]["address"], "198.51.100.1:53");
    assert_eq!(v["queries"][0]["name"], "www.lan.test.");
    assert_eq!(v["queries"][0]["answers"][0]["data"], "198.51.100.80");
    assert_eq!(v["queries"][0]["server"], "198.51.100.1:53 (udp)");

    // One dot, ndots:1: the name as given first.
    let (rc, v) = ask(&lan, "www.test");
    assert_eq!(rc, 0, "{v}");
    assert_eq!(v["queries"][0]["answers"][0]["data"], "192.0.2.1", "{v}");

    // One dot, ndots:2: the search list first.
    lan.lab.etc_file(&lan.host, "resolv.conf", &conf(2));
    let (rc, v) = ask(&lan, "www.test");
    assert_eq!(rc, 0, "{v}");
    assert_eq!(v["queries"][0]["name"], "www.test.lan.test.", "{v}");
    assert_eq!(v["queries"][0]["answers"][0]["data"], "192.0.2.2", "{v}");

    // A fully qualified name skips the search list; a name missing under every suffix is
    // NXDOMAIN (exit 1).
    let (rc, v) = ask(&lan, "www.test.");
    assert_eq!(rc, 0, "{v}");
    assert_eq!(v["queries"][0]["answers"][0]["data"], "192.0.2.1", "{v}");
    let (rc, v) = ask(&lan, "nothing.test");
    assert_eq!(rc, 1, "{v}");
    assert_eq!(v["status"], "nxdomain", "{v}");

    // The human view names the server and the name that was asked.
    let o = lan.lab.netkit(&lan.host, &["dns", "www", "A"]);
    let out = stdout(&o);
    assert!(out.contains("www (asked as www.lan.test.)"), "{out}");
    assert!(out.contains("198.51.100.1:53 (udp)"), "{out}");

    // A server given by name (as dig's @ns1.example.com) is looked up like any host name
    // (here from the host's /etc/hosts); a name with no address is exit 3, naming it.
    lan.lab.etc_file(
        &lan.host,
        "hosts",
        "127.0.0.1 localhost\n198.51.100.1 dns.lan.test\n",
    );
    let o = lan.lab.netkit(
        &lan.host,
        &["--json", "dns", "www.lan.test", "A", "@dns.lan.test"],
    );
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let v = json(&o);
    assert_eq!(v["servers"][0]["name"], "dns.lan.test", "{v}");
    assert_eq!(
        v["queries"][0]["server"],
        "198.51.100.1:53 (dns.lan.test, udp)"
    );
    assert_eq!(v["queries"][0]["answers"][0]["data"], "198.51.100.80");
    let o = lan
        .lab
        .netkit(&lan.host, &["dns", "www.lan.test", "@missing.test"]);
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("missing.test"), "{}", stderr(&o));
}

/// `--all` asks every common type at once (ANY is refused by most servers): each type the zone
/// holds comes back, the others are listed as no data, and the name resolves (exit 0).
#[test]
fn all_asks_every_common_type() {
    let o = run(&["--json", "dns", "example.test", "--all", &at(server())]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let status = |t: &str| {
        v["queries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["type"] == t)
            .map(|q| q["status"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no {t} query: {v}"))
    };
    for t in ["MX", "NS", "TXT", "SOA", "CAA", "HTTPS"] {
        assert_eq!(status(t), "answer", "{t}: {v}");
    }
    for t in ["A", "AAAA", "CNAME"] {
        assert_eq!(status(t), "nodata", "{t}: {v}");
    }
    let o = run(&[
        "dns",
        "example.test",
        "CAA",
        "HTTPS",
        "--short",
        &at(server()),
    ]);
    assert_eq!(
        stdout(&o),
        "0 issue \"ca.example.test\"\n1 . alpn=\"h2\"\n",
        "{}",
        stderr(&o)
    );
}

/// `--unordered` prints each result as it comes: the same lines as in input order, each once.
#[test]
fn bulk_unordered_gives_every_result_once() {
    let names: String = ["www", "mail", "sip", "nope", "v4only", "ns1"]
        .iter()
        .map(|n| format!("{n}.example.test\n"))
        .collect();
    let at_server = at(server());
    let lookup = |extra: &[&str]| {
        let mut args = vec!["dns", "--file", "-", "A", at_server.as_str()];
        args.extend_from_slice(extra);
        run_stdin(&args, &names)
    };
    let a = lookup(&[]);
    let b = lookup(&["--unordered"]);
    assert_eq!(code(&a), 1, "one name is NXDOMAIN: {}", stderr(&a));
    assert_eq!(code(&b), 1, "{}", stderr(&b));
    let mut want: Vec<String> = stdout(&a).lines().map(str::to_string).collect();
    let mut got: Vec<String> = stdout(&b).lines().map(str::to_string).collect();
    assert_eq!(want.len(), 6, "{want:?}");
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

/// dnsmasq on the LAN's router as [`Lan::dns_server`] runs it (answering `.test` names from
/// `hosts`, NXDOMAIN for other `.test` names, REFUSED for the rest), with `extra` options
/// (`--cname=...`); the host's resolv.conf is `resolv_conf`.
fn lab_dns(
    lan: &mut crate::common::netns::Lan,
    dir: &tempfile::TempDir,
    hosts: &str,
    resolv_conf: &str,
    extra: &[&str],
) -> crate::common::netns::Daemon {
    let hosts_file = dir.path().join("hosts");
    std::fs::write(&hosts_file, hosts).unwrap();
    lan.lab.etc_file(&lan.host, "resolv.conf", resolv_conf);
    lan.lab
        .etc_file(&lan.host, "hosts", "127.0.0.1 localhost\n");
    let addn = format!("--addn-hosts={}", hosts_file.display());
    let mut args = vec![
        "--no-daemon",
        "--conf-file=/dev/null",
        "--no-resolv",
        "--no-hosts",
        addn.as_str(),
        "--local=/test/",
        "--listen-address=198.51.100.1",
        "--bind-interfaces",
        "--port=53",
    ];
    args.extend_from_slice(extra);
    lan.lab.daemon(&lan.router, "dnsmasq", &args, "udp", 53)
}

/// The names each query asked, with what came back: `[(name, status)]` of `queries[i]`.
fn attempts(v: &serde_json::Value, i: usize) -> Vec<(String, String)> {
    v["queries"][i]["attempts"]
        .as_array()
        .unwrap_or_else(|| panic!("no attempts: {v}"))
        .iter()
        .map(|a| {
            assert!(a["rtt_ms"].as_f64().is_some(), "{a}");
            (
                a["name"].as_str().unwrap().to_string(),
                a["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Issue 17, "DNS says what was asked": with `search lab.test`, `dns www.lab.test MX` said
/// "NXDOMAIN: www.lab.test.lab.test. does not exist" (the name exists, with no MX), and `dns
/// alias.lab.test` said it was asked as the CNAME's target. Now the result is the one a stub
/// resolver returns for the name as typed, the names tried are listed, and the CNAME chain is
/// in the table. Also the issue-12 note: `dns www` had no AAAA at www.lab.test., then `www.`
/// was REFUSED and that was the result (exit 3); the name exists, and A answered (exit 0).
#[test]
fn the_result_is_for_the_name_as_typed_with_the_names_tried_and_the_cname_chain() {
    let Some(mut lan) = crate::common::netns::Lan::new("dns_as_typed") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let _dns = lab_dns(
        &mut lan,
        &dir,
        "198.51.100.80 www.lab.test\n",
        "nameserver 198.51.100.1\nsearch lab.test\n",
        &["--cname=alias.lab.test,www.lab.test"],
    );
    let host = lan.host.clone();
    let netkit = |args: &[&str]| lan.lab.netkit(&host, args);

    let o = netkit(&["--json", "dns", "www.lab.test", "MX"]);
    assert_eq!(code(&o), 1, "{}{}", stdout(&o), stderr(&o));
    let v = json(&o);
    assert_eq!(v["status"], "nodata", "{v}");
    assert_eq!(v["queries"][0]["name"], "www.lab.test.", "{v}");
    assert_eq!(
        attempts(&v, 0),
        pairs(&[
            ("www.lab.test.", "nodata"),
            ("www.lab.test.lab.test.", "nxdomain")
        ])
    );
    let o = netkit(&["dns", "www.lab.test", "MX"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}");
    assert!(
        out.contains("NODATA: www.lab.test. exists but has no MX records"),
        "{out}"
    );
    assert!(
        out.contains("tried www.lab.test. (NODATA), www.lab.test.lab.test. (NXDOMAIN)"),
        "{out}"
    );
    assert!(
        !out.contains("asked as") && !out.contains("NXDOMAIN:"),
        "{out}"
    );

    // The CNAME chain, from the name typed to the address.
    let o = netkit(&["--json", "dns", "alias.lab.test", "A"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let v = json(&o);
    assert_eq!(v["queries"][0]["name"], "alias.lab.test.", "{v}");
    let chain: Vec<(String, String, String)> = v["queries"][0]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let s = |k: &str| a[k].as_str().unwrap().to_string();
            (s("name"), s("type"), s("data"))
        })
        .collect();
    let want = |n: &str, t: &str, d: &str| (n.to_string(), t.to_string(), d.to_string());
    assert_eq!(
        chain,
        [
            want("alias.lab.test.", "CNAME", "www.lab.test."),
            want("www.lab.test.", "A", "198.51.100.80")
        ],
        "{v}"
    );
    let o = netkit(&["dns", "alias.lab.test", "A"]);
    let out = stdout(&o);
    assert!(!out.contains("asked as"), "{out}");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split(['|', '│', '┆']).map(str::trim).collect())
        .filter(|cells: &Vec<&str>| cells.len() > 4)
        .map(|cells| cells[1..cells.len() - 1].to_vec())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r[0] == "alias.lab.test." && r[2] == "CNAME" && r[3] == "www.lab.test."),
        "{out}"
    );
    assert!(
        rows.iter()
            .any(|r| r[0] == "www.lab.test." && r[2] == "A" && r[3] == "198.51.100.80"),
        "{out}"
    );

    // A relative name: asked under the search domain first; its AAAA has no data there, and
    // the later REFUSED for `www.` does not hide it.
    let o = netkit(&["--json", "dns", "www"]);
    assert_eq!(code(&o), 0, "{}{}", stdout(&o), stderr(&o));
    let v = json(&o);
    assert_eq!(v["status"], "answer", "{v}");
    assert_eq!(attempts(&v, 0), pairs(&[("www.lab.test.", "answer")]));
    assert_eq!(v["queries"][1]["status"], "nodata", "{v}");
    assert_eq!(v["queries"][1]["name"], "www.lab.test.", "{v}");
    assert_eq!(
        attempts(&v, 1),
        pairs(&[("www.lab.test.", "nodata"), ("www.", "refused")])
    );
    let o = netkit(&["dns", "www"]);
    let out = stdout(&o);
    assert!(out.contains("www (asked as www.lab.test.)"), "{out}");
    assert!(
        out.contains("tried www.lab.test. (A ANSWER, AAAA NODATA), www. (AAAA REFUSED)"),
        "{out}"
    );
    assert!(!out.contains("REFUSED:"), "{out}");

    // The same in bulk: one walk per name.
    let names = dir.path().join("names");
    std::fs::write(&names, "www.lab.test\nalias.lab.test\nnope.lab.test\n").unwrap();
    let o = netkit(&["dns", "--file", names.to_str().unwrap(), "MX"]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "{out}{}", stderr(&o));
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines[0][..2], ["www.lab.test", "NODATA"], "{out}");
    assert_eq!(lines[2][..2], ["nope.lab.test", "NXDOMAIN"], "{out}");
}

/// The JSON of a lookup without its times and message IDs (which differ from run to run).
fn timeless(mut v: serde_json::Value) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("rtt_ms");
                m.remove("id");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    v
}

/// Issue 17: `dns A www.example.test` (dig takes the type first too) looked up the name `A`
/// and refused `www.example.test` as a record type. Either order gives the same answer; a
/// word that is a type is the name only when every word is one, and then a negative answer
/// says how to ask for the type.
#[test]
fn the_type_may_come_before_the_name() {
    let s = at(server());
    for (a, b) in [
        (
            vec!["--json", "dns", "www.example.test", "A", &s],
            vec!["--json", "dns", "A", "www.example.test", &s],
        ),
        (
            vec!["--json", "dns", "example.test", "MX", "TXT", &s],
            vec!["--json", "dns", "mx", &s, "TXT", "example.test"],
        ),
    ] {
        let (oa, ob) = (run(&a), run(&b));
        assert_eq!(code(&oa), 0, "{}", stderr(&oa));
        assert_eq!(code(&ob), 0, "{b:?}: {}", stderr(&ob));
        assert_eq!(timeless(json(&oa)), timeless(json(&ob)), "{b:?}");
    }
    let o = run(&["--json", "dns", "A", "www.example.test", &s]);
    let v = json(&o);
    assert_eq!(v["input"], "www.example.test");
    assert_eq!(v["queries"].as_array().unwrap().len(), 1, "{v}");
    // Every word a type: the first is the name (here refused: the server has no zone `a`).
    let o = run(&["--json", "dns", "A", "MX", &s]);
    let v = json(&o);
    assert_eq!(v["input"], "A", "{v}");
    assert_eq!(v["queries"][0]["type"], "MX", "{v}");
    // A name that is a type word and finds nothing: a hint (not for other names).
    let o = run(&["dns", "A", &s]);
    assert_eq!(code(&o), 3, "{}", stdout(&o));
    assert!(
        stdout(&o).contains("A is also a record type: for a name's A records, netkit dns NAME A"),
        "{}",
        stdout(&o)
    );
    let o = run(&["dns", "nope.example.test", "A", &s]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    assert!(!stdout(&o).contains("also a record type"), "{}", stdout(&o));
    assert_bad_input(&["dns", "ANY", "example.test", "@127.0.0.1"], "ANY");
    assert_bad_input(&["dns", "example.test", "BOGUS", "@127.0.0.1"], "BOGUS");
}

/// A UDP responder that answers each query after `delay`: `hN.slow.test A` is 198.51.100.N,
/// a name starting `nx` is NXDOMAIN. Like a slow upstream.
fn slow_server(delay: Duration) -> SocketAddr {
    let sock = Arc::new(UdpSocket::bind("127.0.0.1:0").unwrap());
    let addr = sock.local_addr().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 1500];
        while let Ok((n, peer)) = sock.recv_from(&mut buf) {
            let q = buf[..n].to_vec();
            let sock = sock.clone();
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                // The question: labels from byte 12 up to the root label, then type and class.
                let mut at = 12;
                while at < q.len() && q[at] != 0 {
                    at += usize::from(q[at]) + 1;
                }
                let end = at + 5;
                if end > q.len() {
                    return;
                }
                let first = &q[13..13 + usize::from(q[12]).min(q.len() - 13)];
                let mut reply = q[..end].to_vec();
                if first.starts_with(b"nx") {
                    reply[2..12].copy_from_slice(&[0x81, 0x83, 0, 1, 0, 0, 0, 0, 0, 0]);
                } else {
                    let last: u8 = std::str::from_utf8(first)
                        .unwrap_or("")
                        .trim_start_matches('h')
                        .parse()
                        .unwrap_or(0);
                    reply[2..12].copy_from_slice(&[0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]);
                    reply.extend_from_slice(&[0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]);
                    reply.extend_from_slice(&[198, 51, 100, last]);
                }
                let _ = sock.send_to(&reply, peer);
            });
        }
    });
    addr
}

/// Runs netkit with `args` on a pseudo-terminal 100 columns wide (stdout and stderr both go
/// to it, as in a shell), feeding it nothing; returns the raw bytes it wrote.
fn on_a_terminal(args: &[&str]) -> (bool, Vec<u8>) {
    let bin = assert_cmd::cargo::cargo_bin("netkit");
    let line = format!(
        "stty rows 24 cols 100; exec {} --color never {}",
        bin.display(),
        args.join(" ")
    );
    let o = std::process::Command::new("script")
        .args(["-qefc", &line, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("util-linux `script` runs");
    (o.status.success(), o.stdout)
}

/// Issue 17: on a terminal, `dns --file`'s progress line was never cleared, so results were
/// glued to it (`\r100/120 names, 2.3 swww.lab.test…`), and it was drawn only every 100 names.
/// Now it is redrawn about four times a second while a slow server answers, erased before
/// each result line, and the results line up in columns under a header.
#[test]
fn bulk_progress_on_a_terminal_is_cleared_before_each_result_and_columns_align() {
    let addr = slow_server(Duration::from_millis(150));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names");
    let names: Vec<String> = (1..=8)
        .map(|i| format!("h{i}.slow.test"))
        .chain([
            "nx.slow.test".to_string(),
            "h99.with.a.longer.name.slow.test".into(),
        ])
        .collect();
    std::fs::write(&path, names.join("\n")).unwrap();
    let at_server = at(addr);
    let start = Instant::now();
    let (_, raw) = on_a_terminal(&[
        "dns",
        "--file",
        path.to_str().unwrap(),
        "A",
        &at_server,
        "--concurrency",
        "2",
    ]);
    let took = start.elapsed();
    let text = String::from_utf8_lossy(&raw).into_owned();
    // Five rounds of 150 ms: the progress was drawn several times, each time in place.
    assert!(took >= Duration::from_millis(750), "took {took:?}");
    let draws = text.matches("\r\x1b[K").count();
    assert!(draws >= 4, "{draws} progress draws or clears in {text:?}");
    assert!(
        text.contains(" names, ") && text.contains(" answered, "),
        "{text:?}"
    );
    let shown = screen(&raw);
    assert!(
        shown.iter().all(|l| !l.contains(" names, ")),
        "a progress line was left on the screen: {shown:#?}"
    );
    // Header, ten results in input order, the summary.
    assert_eq!(shown.len(), 12, "{shown:#?}");
    let width = "h99.with.a.longer.name.slow.test".len();
    assert_eq!(
        shown[0],
        format!("{:<width$}  Status    Records", "Name"),
        "{shown:#?}"
    );
    for (i, name) in names.iter().enumerate() {
        let line = &shown[i + 1];
        let (status, records) = if name.starts_with("nx") {
            ("NXDOMAIN", String::new())
        } else {
            let n = name[1..].split('.').next().unwrap();
            ("ANSWER", format!("A 198.51.100.{n}"))
        };
        assert_eq!(
            line.trim_end(),
            format!("{name:<width$}  {status:<8}  {records}").trim_end(),
            "{shown:#?}"
        );
    }
    let summary = &shown[11];
    assert!(
        summary.starts_with("10 names in ")
            && summary.ends_with(": 9 answered, 1 NXDOMAIN or NODATA"),
        "{summary}"
    );
}

/// Starts netkit with `args` (output piped), sends it SIGINT (Ctrl-C) after `after`, and
/// returns its output and how long it ran.
fn interrupted(args: &[&str], after: Duration) -> (std::process::Output, Duration) {
    let start = Instant::now();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("netkit"));
    cmd.args(args);
    let o = interrupt_after(cmd, after);
    (o, start.elapsed())
}

/// Issue 17: Ctrl-C during `dns --file` lost everything. Now it stops at once; the results
/// received so far are printed (in input order, up to the first name still being looked up),
/// with a summary on stderr, and the exit status is the one they earn (1: an NXDOMAIN).
#[test]
fn ctrl_c_during_bulk_keeps_the_results_so_far() {
    let addr = slow_server(Duration::from_millis(150));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names");
    let names: Vec<String> = ["h1", "nx2", "h3"]
        .iter()
        .map(|n| n.to_string())
        .chain((4..=40).map(|i| format!("h{i}")))
        .map(|n| format!("{n}.slow.test"))
        .collect();
    std::fs::write(&path, names.join("\n")).unwrap();
    let at_server = at(addr);
    let path = path.to_str().unwrap();
    let args = ["dns", "--file", path, "A", &at_server, "--concurrency", "1"];
    let (o, took) = interrupted(&args, Duration::from_millis(1000));
    let out = stdout(&o);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{out}{err}");
    assert!(took < Duration::from_millis(1800), "took {took:?}");
    let lines: Vec<&str> = out.lines().collect();
    assert!((3..40).contains(&lines.len()), "{out}");
    for (line, name) in lines.iter().zip(&names) {
        assert!(line.starts_with(&format!("{name}\t")), "{out}");
    }
    assert_eq!(lines[1], "nx2.slow.test\tNXDOMAIN\t");
    assert!(
        err.starts_with("interrupted after ")
            && err.contains(&format!(": {} of 40 names", lines.len())),
        "{err}"
    );
    assert!(err.contains("1 NXDOMAIN or NODATA"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // --json: the objects so far, each whole.
    let mut json_args = vec!["--json"];
    json_args.extend_from_slice(&args);
    let (o, _) = interrupted(&json_args, Duration::from_millis(700));
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["input"].as_str().unwrap().ends_with(".slow.test"));
    }
}

/// --full: the whole reply: header with flags and rcode, the question, every section, EDNS;
/// JSON carries the same.
#[test]
fn full_shows_the_whole_message() {
    let o = run(&[
        "--json",
        "dns",
        "www.example.test",
        "A",
        &at(server()),
        "--full",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let m = &v[0];
    assert_eq!(m["server"], server().to_string());
    assert_eq!(m["transport"], "udp");
    assert_eq!(m["header"]["rcode"], "NOERROR");
    assert_eq!(m["header"]["opcode"], "QUERY");
    let f = &m["header"]["flags"];
    assert_eq!(
        (f["qr"].as_bool(), f["aa"].as_bool(), f["rd"].as_bool()),
        (Some(true), Some(true), Some(true)),
        "{f}"
    );
    assert_eq!(
        m["question"],
        serde_json::json!([{"name": "www.example.test.", "class": "IN", "type": "A"}])
    );
    let data: Vec<&str> = m["answer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["data"].as_str().unwrap())
        .collect();
    assert_eq!(data, ["192.0.2.10", "192.0.2.11"]);
    assert_eq!(m["answer"][0]["ttl"], 300);
    assert_eq!(m["answer"][0]["class"], "IN");
    assert!(m["edns"]["udp_size"].as_u64().unwrap() >= 512, "{m}");
    assert!(m["size"].as_u64().unwrap() > 40);
    // For people: the header line with the flags, and the sections.
    let o = run(&[
        "dns",
        "www.example.test",
        &at(server()),
        "--full",
        "--norecurse",
    ]);
    let text = stdout(&o);
    assert!(text.contains("NOERROR; flags: qr aa\n"), "{text}");
    assert!(
        text.contains("Question:  www.example.test. IN A\n"),
        "{text}"
    );
    assert!(text.contains("Answer (2):"), "{text}");
    assert!(text.contains("Authority ("), "{text}");
}

/// A truncated UDP answer is asked again over TCP; --ignore-tc keeps the truncated one.
#[test]
fn full_follows_truncation_to_tcp_unless_told_not_to() {
    let args = |extra: &'static str| {
        let mut a = vec![
            "--json",
            "dns",
            "big.example.test",
            "TXT",
            "--bufsize",
            "512",
        ];
        a.push(extra);
        a
    };
    let server = at(server());
    let mut a = args("--full");
    a.push(&server);
    let v = json(&run(&a));
    assert_eq!(v[0]["transport"], "tcp", "{v}");
    assert_eq!(v[0]["retried_over_tcp"], true);
    assert_eq!(v[0]["header"]["flags"]["tc"], false);
    assert_eq!(v[0]["answer"].as_array().unwrap().len(), 1);
    let mut a = args("--ignore-tc");
    a.push(&server);
    let v = json(&run(&a));
    assert_eq!(v[0]["transport"], "udp", "{v}");
    assert_eq!(v[0]["header"]["flags"]["tc"], true);
}

/// Types by number (RFC 3597) and the CHAOS class reach the server as asked.
#[test]
fn full_takes_any_type_and_class() {
    let o = run(&[
        "--json",
        "dns",
        "www.example.test",
        "TYPE65534",
        &at(server()),
        "--full",
    ]);
    assert_eq!(code(&o), 1, "no data of that type: {}", stderr(&o));
    let v = json(&o);
    assert_eq!(v[0]["question"][0]["type"], "TYPE65534", "{v}");
    assert_eq!(v[0]["header"]["rcode"], "NOERROR");
    let o = run(&[
        "--json",
        "dns",
        "CH",
        "TXT",
        "version.bind",
        &at(server()),
        "--full",
    ]);
    let v = json(&o);
    assert_eq!(v[0]["question"][0]["class"], "CH", "{v}");
    assert_ne!(v[0]["header"]["rcode"], "NOERROR", "{v}");
    let o = run(&["dns", "CH", "TXT", "version.bind", &at(server())]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

/// Against dig, for the same queries to the same server: the same rcode, flags and records.
#[test]
fn full_agrees_with_dig() {
    let s = server();
    for (name, rtype, extra) in [
        ("www.example.test", "A", ""),
        ("example.test", "MX", ""),
        ("alias.example.test", "A", "+norecurse"),
        ("nosuch.example.test", "A", ""),
        ("www.example.test", "TXT", ""),
        ("_sip._tcp.example.test", "SRV", ""),
    ] {
        let mut question = vec![
            "+noall",
            "+comments",
            "+answer",
            "+authority",
            "+nottlid",
            name,
            rtype,
        ];
        if !extra.is_empty() {
            question.push(extra);
        }
        let Some(d) = dig::dig(s, &question) else {
            return;
        };
        let mut args = vec!["--json", "dns", name, rtype, "--full"];
        let at_s = at(s);
        args.push(&at_s);
        if extra == "+norecurse" {
            args.push("--norecurse");
        }
        let v = json(&run(&args));
        let m = &v[0];
        assert_eq!(m["header"]["rcode"], dig::status(&d), "{name} {rtype}: {d}");
        assert_eq!(dig::json_flags(m), dig::flags(&d), "{name} {rtype}: {d}");
        let mut theirs = dig::records(&d);
        let mut mine = dig::json_records(m, &["answer", "authority"]);
        theirs.sort();
        mine.sort();
        assert_eq!(mine, theirs, "{name} {rtype}: {d}");
    }
}

/// A second server with the same zones as [`server`] (UDP only).
pub(crate) fn twin_server() -> SocketAddr {
    static ADDR: OnceLock<SocketAddr> = OnceLock::new();
    *ADDR.get_or_init(|| {
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        let addr = udp.local_addr().unwrap();
        serve(vec![Listener::Udp(udp)]);
        addr
    })
}

/// --compare: two servers with the same zone agree (exit 0); a failing one is a different
/// answer (exit 1), in its own group; JSON lists each server's answer.
#[test]
fn compare_groups_the_servers_by_answer() {
    let (a, b, bad) = (at(server()), at(twin_server()), at(servfail_server()));
    let o = run(&[
        "--json",
        "dns",
        "www.example.test",
        "A",
        "MX",
        &a,
        &b,
        "--compare",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["agree"], true, "{v}");
    assert_eq!(
        v[0]["servers"][0]["records"],
        serde_json::json!([
            "www.example.test. A 192.0.2.10",
            "www.example.test. A 192.0.2.11"
        ])
    );
    assert_eq!(v[1]["type"], "MX");
    let o = run(&[
        "--json",
        "dns",
        "www.example.test",
        "A",
        &a,
        &bad,
        &b,
        "--compare",
    ]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v[0]["agree"], false);
    let groups: Vec<u64> = v[0]["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["group"].as_u64().unwrap())
        .collect();
    assert_eq!(groups, [0, 1, 0], "{v}");
    assert_eq!(v[0]["servers"][1]["rcode"], "SERVFAIL");
    let o = run(&["dns", "www.example.test", "A", &a, &bad, "--compare"]);
    let text = stdout(&o);
    assert!(
        text.trim_end()
            .ends_with("the servers disagree: 2 different answers among 2 servers"),
        "{text}"
    );
    let o = run(&["dns", "www.example.test", &a, "--compare"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

/// NSD instances started by a test, all on one port, with their files; stopped when dropped.
pub(crate) struct NsdServers {
    pub(crate) port: u16,
    children: Vec<std::process::Child>,
    pub(crate) dir: tempfile::TempDir,
}

impl Drop for NsdServers {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl NsdServers {
    /// No servers yet: a fresh directory, and a free port on `ip` (every server uses it).
    pub(crate) fn new(ip: &str) -> NsdServers {
        let port = UdpSocket::bind((ip, 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        NsdServers {
            port,
            children: Vec::new(),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Starts NSD on `ip` serving `zones` (origin, zone file in `dir`).
    pub(crate) fn serve(&mut self, dir: &std::path::Path, ip: &str, zones: &[(String, String)]) {
        self.children.push(nsd(dir, ip, self.port, zones));
    }

    /// Waits until every address in `ips` answers.
    /// Serves each `(TAG, IP, ORIGIN)` zone signed by [`sign_zone`] (`dir/TAG/z.zone.signed`)
    /// and waits until every one answers.
    pub(crate) fn serve_signed(
        mut self,
        dir: &std::path::Path,
        zones: &[(&str, &str, &str)],
    ) -> NsdServers {
        for (tag, ip, origin) in zones {
            self.serve(
                &dir.join(tag),
                ip,
                &[((*origin).into(), "z.zone.signed".into())],
            );
        }
        let ips: Vec<&str> = zones.iter().map(|(_, ip, _)| *ip).collect();
        self.wait(&ips)
    }

    pub(crate) fn wait(self, ips: &[&str]) -> NsdServers {
        for ip in ips {
            wait_for_dns(ip, self.port);
        }
        self
    }
}

/// A test hierarchy for --trace, served by NSD (an authoritative server that sends glue with
/// its referrals), one instance per address, every one on the same port: the root on 127.0.0.2
/// delegates `test.` to ns.test. (127.0.0.3, with glue); `test.` delegates `lab.test.` to a
/// lame server first (ns0.lab.test. on 127.0.0.5, which serves another zone and refuses) and
/// then to ns1.lab.test. (127.0.0.4), both with glue, and `glueless.test.` to ns.lab.test.
/// without glue (found by a walk of its own). The servers stop when the result is dropped; None (skipping visibly)
/// where NSD is not installed.
pub(crate) fn hierarchy(test: &str) -> Option<NsdServers> {
    if !have_nsd(test) {
        return None;
    }
    let mut servers = NsdServers::new("127.0.0.2");
    // (address, directory, [(origin, zone file)]) of each server.
    type Served<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let zones: [Served; 4] = [
        (
            "127.0.0.2",
            "root",
            &[(
                ".",
                "$TTL 3600
@ IN SOA a.root.test. admin.root.test. 1 3600 600 86400 60
@ IN NS a.root.test.
a.root.test. IN A 127.0.0.2
test. IN NS ns.test.
ns.test. IN A 127.0.0.3
",
            )],
        ),
        (
            "127.0.0.3",
            "test",
            &[(
                "test.",
                "$TTL 3600
@ IN SOA ns.test. admin.test. 1 3600 600 86400 60
@ IN NS ns.test.
ns IN A 127.0.0.3
lab IN NS ns0.lab.test.
lab IN NS ns1.lab.test.
ns0.lab IN A 127.0.0.5
ns1.lab IN A 127.0.0.4
glueless IN NS ns.lab.test.
",
            )],
        ),
        (
            "127.0.0.4",
            "lab",
            &[
                (
                    "lab.test.",
                    "$TTL 300
@ IN SOA ns1.lab.test. admin.lab.test. 1 3600 600 86400 60
@ IN NS ns0.lab.test.
@ IN NS ns1.lab.test.
ns0 IN A 127.0.0.5
ns1 IN A 127.0.0.4
ns IN A 127.0.0.4
www IN A 192.0.2.80
",
                ),
                (
                    "glueless.test.",
                    "$TTL 300
@ IN SOA ns.lab.test. admin.lab.test. 1 3600 600 86400 60
@ IN NS ns.lab.test.
www IN A 192.0.2.81
",
                ),
            ],
        ),
        (
            "127.0.0.5",
            "lame",
            &[(
                "other.test.",
                "$TTL 300
@ IN SOA ns.other.test. admin.other.test. 1 3600 600 86400 60
@ IN NS ns.other.test.
ns IN A 127.0.0.5
",
            )],
        ),
    ];
    for (ip, tag, served) in zones {
        let d = servers.dir.path().join(tag);
        std::fs::create_dir_all(&d).unwrap();
        let mut files = Vec::new();
        for (i, (origin, text)) in served.iter().enumerate() {
            let file = format!("{i}.zone");
            std::fs::write(d.join(&file), text).unwrap();
            files.push((origin.to_string(), file));
        }
        servers.serve(&d, ip, &files);
    }
    Some(servers.wait(&["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"]))
}

/// Whether NSD is installed; without it, a visible skip (a failure under CI).
pub(crate) fn have_nsd(test: &str) -> bool {
    if Command::new("nsd").arg("-v").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("NETKIT_REQUIRE_NETNS").is_none(),
        "NSD is needed under CI (apt-get install nsd)"
    );
    eprintln!("SKIP {test}: NSD is not installed");
    false
}

/// Starts NSD in the foreground on `ip`:`port`, serving `zones` (origin, zone file in `dir`).
fn nsd(
    dir: &std::path::Path,
    ip: &str,
    port: u16,
    zones: &[(String, String)],
) -> std::process::Child {
    let mut conf = format!(
        "server:\n  ip-address: {ip}\n  port: {port}\n  zonesdir: \"{d}\"\n  \
         pidfile: \"{d}/nsd.pid\"\n  database: \"\"\n  zonelistfile: \"{d}/zone.list\"\n  \
         xfrdfile: \"{d}/xfrd.state\"\n  xfrdir: \"{d}\"\n  username: \"\"\n  chroot: \"\"\n  \
         server-count: 1\n  verbosity: 0\nremote-control:\n  control-enable: no\n",
        d = dir.display()
    );
    for (origin, file) in zones {
        conf += &format!("zone:\n  name: \"{origin}\"\n  zonefile: \"{file}\"\n");
    }
    std::fs::write(dir.join("nsd.conf"), conf).unwrap();
    Command::new("nsd")
        .args(["-d", "-c"])
        .arg(dir.join("nsd.conf"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("nsd starts")
}

/// Waits until a DNS server answers (anything) on `ip`:`port`.
fn wait_for_dns(ip: &str, port: u16) {
    let probe = [0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1];
    let sock = UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut buf = [0u8; 512];
    let ready = (0..100).any(|_| {
        let _ = sock.send_to(&probe, (ip, port));
        sock.recv_from(&mut buf).is_ok()
    });
    assert!(ready, "NSD on {ip}:{port} never answered");
}

/// --trace walks root → test. → lab.test.: each step's servers, the lame one shown and passed
/// over, the referrals with their glue, then the answer.
#[test]
fn trace_walks_down_from_the_root() {
    let Some(h) = hierarchy("trace_walks_down_from_the_root") else {
        return;
    };
    let port = h.port;
    let root = format!("@127.0.0.2:{port}");
    let o = run(&["--json", "dns", "www.lab.test", &root, "--trace"]);
    assert_eq!(code(&o), 0, "{}{}", stderr(&o), stdout(&o));
    let v = json(&o);
    let zones: Vec<&str> = v["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["zone"].as_str().unwrap())
        .collect();
    assert_eq!(zones, [".", "test.", "lab.test."], "{v}");
    assert_eq!(v["steps"][0]["referral"]["zone"], "test.");
    assert_eq!(
        v["steps"][0]["referral"]["servers"],
        serde_json::json!([{"name": "ns.test.", "addresses": ["127.0.0.3"], "glue": true}])
    );
    let last = &v["steps"][2]["asked"];
    assert_eq!(last[0]["ns"], "ns0.lab.test.", "{v}");
    assert_eq!(last[0]["outcome"], "lame");
    assert_eq!(last[1]["ns"], "ns1.lab.test.");
    assert_eq!(last[1]["outcome"], "answer");
    assert_eq!(v["end"], "answer");
    assert_eq!(v["answer"][0]["data"], "192.0.2.80");
    // For people.
    let o = run(&["dns", "www.lab.test", &root, "--trace"]);
    let text = stdout(&o);
    assert!(
        text.contains("  → test. is served by ns.test. [127.0.0.3; glue]"),
        "{text}"
    );
    assert!(
        text.contains(&format!("  asked ns0.lab.test. (127.0.0.5:{port}): lame")),
        "{text}"
    );
    assert!(text.contains("192.0.2.80"), "{text}");
}

/// A referral without glue: the name server's address is found by a walk of its own; a name
/// that does not exist ends in NXDOMAIN (exit 1).
#[test]
fn trace_finds_glueless_servers_and_ends_in_nxdomain() {
    let Some(h) = hierarchy("trace_finds_glueless_servers_and_ends_in_nxdomain") else {
        return;
    };
    let port = h.port;
    let root = format!("@127.0.0.2:{port}");
    let o = run(&["--json", "dns", "www.glueless.test", &root, "--trace"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let r = &v["steps"][1]["referral"];
    assert_eq!(r["zone"], "glueless.test.", "{v}");
    assert_eq!(r["servers"][0]["glue"], false);
    assert_eq!(
        r["servers"][0]["addresses"],
        serde_json::json!(["127.0.0.4"])
    );
    assert_eq!(v["answer"][0]["data"], "192.0.2.81");
    let o = run(&["--json", "dns", "nosuch.lab.test", &root, "--trace"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(json(&o)["end"], "nxdomain");
}

/// Whether ldns's tools are installed; without them, a visible skip (a failure under CI).
pub(crate) fn have_ldns(test: &str) -> bool {
    if Command::new("ldns-signzone").arg("-v").output().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("NETKIT_REQUIRE_NETNS").is_none(),
        "ldnsutils is needed under CI (apt-get install ldnsutils)"
    );
    eprintln!("SKIP {test}: ldnsutils is not installed");
    false
}

/// Runs `program ARGS` in `dir`, which must succeed; returns its standard output.
pub(crate) fn run_in(dir: &std::path::Path, program: &str, args: &[&str]) -> String {
    let o = Command::new(program)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{program}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Writes `text` as zone `origin` to `dir`/z.zone and signs it with a key made now (ECDSA
/// P-256): `dir`/z.zone.signed. Returns the key's DS line, for the parent zone.
fn sign_zone(dir: &std::path::Path, origin: &str, text: &str) -> String {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("z.zone"),
        format!("$ORIGIN {origin}\n$TTL 300\n{text}"),
    )
    .unwrap();
    let base = run_in(dir, "ldns-keygen", &["-a", "ECDSAP256SHA256", "-k", origin]);
    let base = base.trim();
    run_in(dir, "ldns-signzone", &["-n", "z.zone", base]);
    run_in(dir, "ldns-key2ds", &["-n", "-2", &format!("{base}.key")])
}

/// A zone signed with a key made for this run: `signed.test.` on 127.0.0.6, or None (skipping
/// visibly) without NSD or ldns.
fn signed_zone(test: &str) -> Option<NsdServers> {
    if !have_nsd(test) || !have_ldns(test) {
        return None;
    }
    let mut servers = NsdServers::new("127.0.0.6");
    let d = servers.dir.path().to_path_buf();
    sign_zone(
        &d,
        "signed.test.",
        "@ IN SOA ns admin 1 3600 600 86400 60\n@ IN NS ns\nns IN A 127.0.0.6\n\
         www IN A 192.0.2.90\n",
    );
    servers.serve(
        &d,
        "127.0.0.6",
        &[("signed.test.".into(), "z.zone.signed".into())],
    );
    Some(servers.wait(&["127.0.0.6"]))
}

/// --dnssec sets DO: the answer comes with its RRSIG, decoded; a name that does not exist with
/// the NSEC3 records that prove it; DNSKEY and RRSIG data read as dig reads them.
#[test]
fn dnssec_records_come_with_the_answer() {
    let Some(z) = signed_zone("dnssec_records_come_with_the_answer") else {
        return;
    };
    let at = format!("@127.0.0.6:{}", z.port);
    let o = run(&["--json", "dns", "www.signed.test", "A", &at, "--dnssec"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = json(&o);
    let types: Vec<&str> = v[0]["answer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["A", "RRSIG"], "{v}");
    assert!(v[0]["edns"]["dnssec_ok"] == true, "{v}");
    let rrsig = v[0]["answer"][1]["data"].as_str().unwrap();
    assert!(rrsig.starts_with("A 13 3 300 "), "{rrsig}");
    let o = run(&["--json", "dns", "nosuch.signed.test", "A", &at, "--dnssec"]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    let types: Vec<&str> = v[0]["authority"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["type"].as_str().unwrap())
        .collect();
    assert!(types.contains(&"NSEC3") && types.contains(&"RRSIG"), "{v}");
    // The same data as dig shows, record for record.
    for (name, rtype) in [("signed.test", "DNSKEY"), ("www.signed.test", "A")] {
        let d = Command::new("dig")
            .args([
                "+dnssec",
                "+noall",
                "+answer",
                "+nottlid",
                "+nocookie",
                "+nosplit",
            ])
            .arg("@127.0.0.6")
            .args(["-p", &z.port.to_string(), name, rtype])
            .output();
        let Ok(d) = d else {
            assert!(
                std::env::var_os("NETKIT_REQUIRE_NETNS").is_none(),
                "dig is needed under CI"
            );
            return;
        };
        let mut theirs: Vec<String> = String::from_utf8(d.stdout)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with(';'))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        let v = json(&run(&["--json", "dns", name, rtype, &at, "--dnssec"]));
        let mut ours: Vec<String> = v[0]["answer"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} {}",
                    r["name"].as_str().unwrap(),
                    r["class"].as_str().unwrap(),
                    r["type"].as_str().unwrap(),
                    r["data"].as_str().unwrap()
                )
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
            })
            .collect();
        theirs.sort();
        ours.sort();
        assert_eq!(ours, theirs, "{name} {rtype}");
    }
}

/// A signed hierarchy for --validate, NSD on one port, one address per zone, every zone signed
/// at test time with ldns (ECDSA P-256) and each DS put into its parent before the parent is
/// signed: the root (127.0.0.12) → test. (127.0.0.13) → lab.test. (127.0.0.14, signed, with a
/// DS: secure), bad.test. (127.0.0.15, signed, with a DS, but an A record changed after signing:
/// bogus) and plain.test. (127.0.0.16, not signed, no DS: insecure). The root's DS is the trust
/// anchor file, `anchor.ds` in its directory.
pub(crate) fn signed_tree(test: &str) -> Option<NsdServers> {
    if !have_nsd(test) || !have_ldns(test) {
        return None;
    }
    let servers = NsdServers::new("127.0.0.12");
    let dir = servers.dir.path().to_path_buf();
    let soa = "@ IN SOA ns admin 1 3600 600 86400 60\n";
    let lab_ds = sign_zone(
        &dir.join("lab"),
        "lab.test.",
        &format!("{soa}@ IN NS ns\nns IN A 127.0.0.14\nwww IN A 192.0.2.80\n"),
    );
    let bad = dir.join("bad");
    let bad_ds = sign_zone(
        &bad,
        "bad.test.",
        &format!("{soa}@ IN NS ns\nns IN A 127.0.0.15\nwww IN A 192.0.2.91\n"),
    );
    // After signing, the A record is changed: its signature no longer matches.
    let signed = std::fs::read_to_string(bad.join("z.zone.signed")).unwrap();
    assert!(signed.contains("192.0.2.91"), "{signed}");
    std::fs::write(
        bad.join("z.zone.signed"),
        signed.replace("192.0.2.91", "192.0.2.99"),
    )
    .unwrap();
    let plain = dir.join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    std::fs::write(
        plain.join("z.zone.signed"),
        format!("$ORIGIN plain.test.\n$TTL 300\n{soa}@ IN NS ns\nns IN A 127.0.0.16\nwww IN A 192.0.2.92\n"),
    )
    .unwrap();
    let test_ds = sign_zone(
        &dir.join("test"),
        "test.",
        &format!(
            "{soa}@ IN NS ns\nns IN A 127.0.0.13\n\
             lab IN NS ns.lab\nns.lab IN A 127.0.0.14\n{lab_ds}\
             bad IN NS ns.bad\nns.bad IN A 127.0.0.15\n{bad_ds}\
             plain IN NS ns.plain\nns.plain IN A 127.0.0.16\n"
        ),
    );
    let root_ds = sign_zone(
        &dir.join("root"),
        ".",
        &format!(
            "{soa}@ IN NS a.root.test.\na.root.test. IN A 127.0.0.12\ntest. IN NS ns.test.\nns.test. IN A 127.0.0.13\n{test_ds}"
        ),
    );
    std::fs::write(dir.join("anchor.ds"), &root_ds).unwrap();
    let ips = [
        ("root", "127.0.0.12", "."),
        ("test", "127.0.0.13", "test."),
        ("lab", "127.0.0.14", "lab.test."),
        ("bad", "127.0.0.15", "bad.test."),
        ("plain", "127.0.0.16", "plain.test."),
    ];
    Some(servers.serve_signed(&dir, &ips))
}

/// --validate: the chain from the trust anchor verifies for a signed zone (secure), stops at an
/// unsigned delegation (insecure) and fails on a record changed after signing (bogus, exit 1),
/// and a wrong trust anchor makes the root bogus.
#[test]
fn validate_says_secure_insecure_or_bogus() {
    let Some(t) = signed_tree("validate_says_secure_insecure_or_bogus") else {
        return;
    };
    let root = format!("@127.0.0.12:{}", t.port);
    let anchor_path = t.dir.path().join("anchor.ds");
    let anchor = anchor_path.to_str().unwrap().to_string();
    let check = |name: &str| {
        let o = run(&[
            "--json",
            "dns",
            name,
            &root,
            "--validate",
            "--trust-anchor",
            &anchor,
        ]);
        (code(&o), json(&o))
    };
    let (c, v) = check("www.lab.test");
    assert_eq!(c, 0, "{v}");
    assert_eq!(v["validation"]["security"], "secure", "{v}");
    let zones: Vec<&str> = v["validation"]["chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["zone"].as_str().unwrap())
        .collect();
    assert_eq!(zones, [".", "test.", "lab.test.", "www.lab.test."], "{v}");
    let (c, v) = check("www.plain.test");
    assert_eq!(c, 0, "{v}");
    assert_eq!(v["validation"]["security"], "insecure", "{v}");
    assert!(
        v["validation"]["reason"]
            .as_str()
            .unwrap()
            .contains("plain.test. is not signed"),
        "{v}"
    );
    let (c, v) = check("www.bad.test");
    assert_eq!(c, 1, "{v}");
    assert_eq!(v["validation"]["security"], "bogus", "{v}");
    assert!(
        v["validation"]["reason"]
            .as_str()
            .unwrap()
            .contains("does not verify"),
        "{v}"
    );
    // A negative answer: proved by its NSEC3 records (tests/dns_denial.rs checks how).
    let (c, v) = check("nosuch.lab.test");
    assert_eq!(c, 1, "{v}");
    assert_eq!(v["validation"]["security"], "secure", "{v}");
    // A trust anchor that is not the root's key.
    let wrong = t.dir.path().join("wrong.ds");
    std::fs::write(
        &wrong,
        ". IN DS 12345 13 2 0000000000000000000000000000000000000000000000000000000000000000\n",
    )
    .unwrap();
    let o = run(&[
        "--json",
        "dns",
        "www.lab.test",
        &root,
        "--validate",
        "--trust-anchor",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(code(&o), 1);
    let v = json(&o);
    assert!(
        v["validation"]["reason"]
            .as_str()
            .unwrap()
            .contains("matches its trust anchor"),
        "{v}"
    );
    // For people.
    let o = run(&[
        "dns",
        "www.lab.test",
        &root,
        "--validate",
        "--trust-anchor",
        &anchor,
    ]);
    assert!(
        stdout(&o)
            .trim_end()
            .ends_with("DNSSEC: secure (every link of the chain verified)"),
        "{}",
        stdout(&o)
    );
}
