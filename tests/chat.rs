//! `netkit chat`: real server and client processes on 127.0.0.1, against each other and against
//! the primer's own Python programs (tests/fixtures/primer_*.py). Every wait has a deadline, and
//! every child is killed when a test fails (the `Proc` drop guard).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use crate::common::*;

pub(crate) const WAIT: Duration = Duration::from_secs(15);

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub(crate) fn netkit_cmd(args: &[&str]) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("netkit"));
    c.args(args).env_remove("NO_COLOR");
    c
}

fn python(script: &str, arg: &str) -> Command {
    let mut c = Command::new("python3");
    c.arg("-u").arg(fixture(script)).arg(arg);
    c
}

/// Lines read from a child's stream, as they come.
pub(crate) struct Lines {
    rx: Receiver<String>,
    pub(crate) seen: Vec<String>,
}

impl Lines {
    fn from<R: Read + Send + 'static>(r: R) -> Self {
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(r);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match r.read_until(b'\n', &mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        let line = String::from_utf8_lossy(&buf);
                        if tx.send(line.trim_end_matches('\n').to_string()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Lines {
            rx,
            seen: Vec::new(),
        }
    }

    /// Waits for a line containing `needle` (skipping others); returns it.
    pub(crate) fn expect(&mut self, needle: &str, what: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "{what}: no line with {needle:?} in time; saw {:#?}",
                        self.seen
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "{what}: stream ended without {needle:?}; saw {:#?}",
                        self.seen
                    )
                }
            }
        }
    }

    /// Waits until every needle has been in some line, in any order.
    pub(crate) fn expect_all(&mut self, needles: &[String], what: &str) {
        let mut missing: Vec<&String> = needles.iter().collect();
        let deadline = Instant::now() + WAIT;
        while !missing.is_empty() {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(line) => {
                    missing.retain(|n| !line.contains(n.as_str()));
                    self.seen.push(line);
                }
                Err(_) => panic!("{what}: never saw {missing:?}; saw {:#?}", self.seen),
            }
        }
    }

    /// Everything until the stream ends (bounded by the deadline), including lines seen before.
    pub(crate) fn rest(&mut self) -> Vec<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => return self.seen.clone(),
            }
        }
    }
}

/// A child process with piped stdio, killed on drop.
pub(crate) struct Proc {
    pub(crate) name: String,
    child: Child,
    stdin: Option<ChildStdin>,
    pub(crate) out: Lines,
    pub(crate) err: Lines,
}

impl Proc {
    pub(crate) fn spawn(name: &str, mut cmd: Command) -> Self {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {name}: {e}"));
        let out = Lines::from(child.stdout.take().unwrap());
        let err = Lines::from(child.stderr.take().unwrap());
        Proc {
            name: name.to_string(),
            stdin: child.stdin.take(),
            child,
            out,
            err,
        }
    }

    pub(crate) fn say(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin
            .write_all(format!("{line}\n").as_bytes())
            .and_then(|()| stdin.flush())
            .unwrap_or_else(|e| panic!("{}: writing stdin: {e}", self.name));
    }

    pub(crate) fn close_stdin(&mut self) {
        self.stdin = None;
    }

    pub(crate) fn out(&mut self, needle: &str) -> String {
        let what = format!("{} stdout", self.name);
        self.out.expect(needle, &what)
    }

    pub(crate) fn err(&mut self, needle: &str) -> String {
        let what = format!("{} stderr", self.name);
        self.err.expect(needle, &what)
    }

    /// Waits for the exit code, with a deadline.
    pub(crate) fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                panic!(
                    "{} did not exit in time; stdout {:#?} stderr {:#?}",
                    self.name, self.out.seen, self.err.seen
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub(crate) fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// How many file descriptors it has open.
    pub(crate) fn open_fds(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.child.id()))
            .unwrap()
            .count()
    }

    /// Peak resident memory (VmHWM) in KiB.
    pub(crate) fn peak_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.kill();
    }
}

/// The primer's server on a free port (it prints `listening PORT` first); it and its address.
fn primer_server() -> (Proc, String) {
    let mut server = Proc::spawn("primer server", python("primer_server.py", "0"));
    let port = server
        .out("listening")
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    (server, format!("127.0.0.1:{port}"))
}

/// The address in netkit's `* listening on ADDR (...)` notice, wherever the line starts.
fn listening_address(notice: &str) -> String {
    notice
        .split("listening on ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {notice:?}"))
        .to_string()
}

/// Starts a netkit server on a free port (port 0); returns it and its address.
pub(crate) fn netkit_server(extra: &[&str]) -> (Proc, String) {
    let mut args = vec!["chat", "server", "--port", "0"];
    args.extend_from_slice(extra);
    let mut p = Proc::spawn("netkit server", netkit_cmd(&args));
    let line = p.err("listening on");
    let addr = line
        .split_whitespace()
        .nth(3)
        .expect("address in the listening notice")
        .to_string();
    (p, addr)
}

pub(crate) fn netkit_client(name: &str, addr: &str, extra: &[&str]) -> Proc {
    let mut args = vec!["chat", "client"];
    args.extend_from_slice(extra);
    args.push(addr);
    let mut p = Proc::spawn(name, netkit_cmd(&args));
    p.err("connected to");
    p
}

/// A port nothing listens on (bound once, then released).
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The text of a line a peer said in a conversation with one peer, after its label (the
/// peer's address): `<127.0.0.1:50000> text` → `text`. Fails when the label is missing.
pub(crate) fn said(line: &str) -> &str {
    let (label, text) = line
        .strip_prefix('<')
        .and_then(|rest| rest.split_once("> "))
        .unwrap_or_else(|| panic!("no sender label: {line:?}"));
    assert!(
        label.parse::<std::net::SocketAddr>().is_ok(),
        "the label is the peer's address: {line:?}"
    );
    text
}

#[test]
fn raw_framing_netkit_server_talks_with_the_primers_client() {
    let (mut server, addr) = netkit_server(&["--framing", "raw"]);
    let mut client = Proc::spawn("primer client", python("primer_client.py", &addr));
    server.err("connected");
    client.say("你好，服务器！");
    assert_eq!(said(&server.out("服务器")), "你好，服务器！");
    server.say("你好，客户端。How are you?");
    assert!(client.out("客户端").ends_with("你好，客户端。How are you?"));
    client.say("fine");
    server.out("fine");
    server.say("bye");
    client.out("bye");
    assert_eq!(server.exit_code(), 0);
    assert_eq!(client.exit_code(), 0, "{:?}", client.err.rest());
    server.err("disconnected");
}

#[test]
fn raw_framing_netkit_client_talks_with_the_primers_server_and_says_bye() {
    let (mut server, addr) = primer_server();
    let mut client = netkit_client("netkit client", &addr, &["--framing", "raw"]);
    client.say("中文消息，一二三");
    assert_eq!(
        server.out("中文").trim_start_matches("> "),
        "中文消息，一二三"
    );
    server.say("收到了 got it");
    assert_eq!(said(&client.out("收到了")), "收到了 got it");
    client.say("bye");
    assert_eq!(client.exit_code(), 0);
    assert_eq!(server.exit_code(), 0, "{:?}", server.err.rest());
    assert!(server.out.rest().iter().any(|l| l.ends_with("bye")));
}

#[test]
fn raw_framing_a_character_split_across_reads_arrives_intact() {
    let (mut server, addr) = netkit_server(&["--framing", "raw"]);
    let port = addr.rsplit(':').next().unwrap();
    // A peer whose message reaches the server in two pieces cut inside a character.
    let script = format!(
        "import socket,time\n\
         s=socket.create_connection(('127.0.0.1',{port}))\n\
         b='中文字符'.encode()\n\
         s.send(b[:4]); time.sleep(0.3); s.send(b[4:])\n\
         print(s.recv(1024).decode(), flush=True)\n\
         s.send(b'bye'); s.close()\n"
    );
    let mut peer = Proc::spawn("split sender", {
        let mut c = Command::new("python3");
        c.arg("-c").arg(script);
        c
    });
    assert_eq!(said(&server.out("字")), "中文字符");
    server.say("ok");
    peer.out("ok");
    server.out("bye");
    assert_eq!(server.exit_code(), 0);
    assert_eq!(peer.exit_code(), 0);
    assert!(!server.out.seen.iter().any(|l| l.contains('\u{fffd}')));
}

#[test]
fn line_framing_both_ways_and_bye_from_the_server_ends_both() {
    let (mut server, addr) = netkit_server(&[]);
    let mut client = netkit_client("client", &addr, &[]);
    client.say("hello, 服务器");
    assert_eq!(said(&server.out("hello")), "hello, 服务器");
    server.say("hello, 客户端");
    assert_eq!(said(&client.out("hello")), "hello, 客户端");
    server.say("bye");
    client.out("bye");
    assert_eq!(server.exit_code(), 0);
    assert_eq!(client.exit_code(), 0);
    client.err("the peer said bye");
}

#[test]
fn ipv6_loopback_conversation() {
    if TcpListener::bind("[::1]:0").is_err() {
        eprintln!("skipping: no IPv6 loopback here");
        return;
    }
    let (mut server, addr) = netkit_server(&["--bind", "::1"]);
    assert!(addr.starts_with("[::1]:"), "{addr}");
    let mut client = netkit_client("client", &addr, &[]);
    client.say("over v6");
    server.out("over v6");
    client.say("bye");
    assert_eq!(client.exit_code(), 0);
    assert_eq!(server.exit_code(), 0);
}

/// A room client with a nick, once everyone's joins have been seen.
pub(crate) fn room_client(name: &str, addr: &str) -> Proc {
    let mut c = netkit_client(name, addr, &[]);
    c.out("welcome");
    c
}

#[test]
fn room_fans_every_line_out_to_every_other_client_exactly_once() {
    let (mut server, addr) = netkit_server(&["--room"]);
    let names = ["ann", "bob", "cy", "dee"];
    let mut clients: Vec<Proc> = Vec::new();
    for name in names {
        let c = room_client(name, &addr);
        for other in &mut clients {
            other.out("joined");
        }
        clients.push(c);
    }
    for (i, c) in clients.iter_mut().enumerate() {
        c.say(&format!("/nick {}", names[i]));
    }
    let renames: Vec<String> = names
        .iter()
        .map(|n| format!("is now known as {n}"))
        .collect();
    for c in &mut clients {
        let what = format!("{} stdout", c.name);
        c.out.expect_all(&renames, &what);
    }
    for (i, c) in clients.iter_mut().enumerate() {
        c.say(&format!("message {i} from {}, 你好", names[i]));
    }
    for c in &mut clients {
        let want: Vec<String> = names
            .iter()
            .enumerate()
            .filter(|(_, name)| c.name != **name)
            .map(|(i, name)| format!("<{name}> message {i} from {name}, 你好"))
            .collect();
        let what = format!("{} stdout", c.name);
        c.out.expect_all(&want, &what);
    }
    // ann leaves with bye; the others are told, then end their input.
    clients[0].say("bye");
    assert_eq!(clients[0].exit_code(), 0);
    for c in &mut clients[1..] {
        c.out("* ann left");
        c.close_stdin();
        assert_eq!(c.exit_code(), 0);
    }
    for c in &mut clients {
        let lines = c.out.rest();
        for (i, name) in names.iter().enumerate() {
            let n = lines
                .iter()
                .filter(|l| l.contains(&format!("message {i} from")))
                .count();
            let want = usize::from(c.name != *name);
            assert_eq!(
                n, want,
                "{} got {name}'s line {n} times: {lines:#?}",
                c.name
            );
        }
    }
    server.err("ann left (bye; 3 in the room)");
    // The operator saw the room too.
    server.out("<dee> message 3 from dee");
}

#[test]
fn room_operator_lines_reach_everyone_and_killed_clients_do_not_stop_the_room() {
    let (mut server, addr) = netkit_server(&["--room"]);
    let mut a = room_client("a", &addr);
    let mut b = room_client("b", &addr);
    a.out("joined");
    let mut c = room_client("c", &addr);
    a.out("joined");
    b.out("joined");
    server.say("hello from the operator");
    for p in [&mut a, &mut b, &mut c] {
        p.out("<server> hello from the operator");
    }
    // c vanishes without a word (SIGKILL).
    c.kill();
    a.out("left");
    b.out("left");
    server.err("left (closed the connection; 2 in the room)");
    a.say("still here");
    b.out("> still here");
    b.say("me too");
    a.out("> me too");
    a.close_stdin();
    b.close_stdin();
    assert_eq!(a.exit_code(), 0);
    assert_eq!(b.exit_code(), 0);
}

#[test]
fn room_replaces_invalid_utf8_and_refuses_overlong_lines_with_bounded_memory() {
    let (server, addr) = netkit_server(&["--room"]);
    let mut watcher = room_client("watcher", &addr);
    let mut raw = TcpStream::connect(&addr).unwrap();
    raw.set_read_timeout(Some(WAIT)).unwrap();
    watcher.out("joined");
    raw.write_all(b"bad \xff\xfe bytes \xe4\xb8\n").unwrap();
    assert!(
        watcher
            .out("bad")
            .ends_with("bad \u{fffd}\u{fffd} bytes \u{fffd}"),
        "{:?}",
        watcher.out.seen
    );
    let before = server.peak_kib();
    // 32 MiB with no newline, then a normal line.
    let mut writer = raw.try_clone().unwrap();
    let sender = std::thread::spawn(move || {
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..32 {
            writer.write_all(&chunk)?;
        }
        writer.write_all(b"\nafter the long line\n")
    });
    watcher.out("> after the long line");
    sender.join().unwrap().unwrap();
    let mut reply = String::new();
    let mut r = BufReader::new(raw.try_clone().unwrap());
    while !reply.contains("dropped") {
        reply.clear();
        assert!(r.read_line(&mut reply).unwrap() > 0, "the sender was told");
    }
    assert!(reply.contains("longer than 65536 bytes"), "{reply}");
    let growth = server.peak_kib().saturating_sub(before);
    assert!(growth < 8 * 1024, "server peak memory grew by {growth} KiB");
    assert!(!watcher.out.seen.iter().any(|l| l.contains("xxxx")));
    raw.shutdown(Shutdown::Both).unwrap();
    watcher.out("left");
}

#[test]
fn room_disconnects_a_client_that_does_not_read() {
    let (mut server, addr) = netkit_server(&["--room", "--queue", "32"]);
    // Joins and never reads.
    let _stuck = TcpStream::connect(&addr).unwrap();
    server.err("joined (1 in the room)");
    let mut talker = TcpStream::connect(&addr).unwrap();
    server.err("joined (2 in the room)");
    let (stop, flood) = flood(&talker);
    server.err("too slow");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    flood.join().unwrap();
    // The room still works for everyone else.
    let mut watcher = room_client("watcher", &addr);
    talker.write_all(b"done\n").unwrap();
    watcher.out("> done");
}

#[test]
fn room_full_and_usage_errors() {
    let (_server, addr) = netkit_server(&["--room", "--max-clients", "1"]);
    let _first = room_client("first", &addr);
    let mut second = Proc::spawn("second", netkit_cmd(&["chat", "client", &addr]));
    second.out("room is full");
    second.close_stdin();
    assert_eq!(second.exit_code(), 0);
    let o = run(&["chat", "server", "--room", "--framing", "raw"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

/// The one stderr line of a failed run (exit 3), which must name the next step.
fn network_error(o: &std::process::Output, next_step: &str) -> String {
    let err = stderr(o);
    assert_eq!(code(o), 3, "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(next_step), "{next_step:?} in {err}");
    assert!(!err.contains("os error"), "said in words: {err}");
    err
}

#[test]
fn refused_connection_is_exit_3_in_one_line() {
    let port = free_port();
    let o = run(&["chat", "client", &format!("127.0.0.1:{port}")]);
    let err = network_error(
        &o,
        &format!("(is a server running? netkit chat server --port {port})"),
    );
    assert_eq!(
        err.trim_end(),
        format!(
            "netkit: 127.0.0.1:{port} refused the connection: nothing listens on that port \
             (is a server running? netkit chat server --port {port})"
        )
    );
    // The same error as a JSON object under --json.
    let o = run(&["--json", "chat", "client", &format!("127.0.0.1:{port}")]);
    network_error(&o, "nothing listens on that port");
    let j = json(&o);
    assert_eq!(j["error"]["kind"], "io", "{j}");
    assert_eq!(j["error"]["exit_code"], 3, "{j}");
    assert!(
        j["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("netkit chat server --port")),
        "{j}"
    );
}

#[test]
fn port_in_use_is_exit_3_in_one_line() {
    let holder = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = holder.local_addr().unwrap().port().to_string();
    let o = run(&["chat", "server", "--port", &port]);
    let err = network_error(&o, "(choose another --port, or stop that program)");
    assert!(
        err.starts_with(&format!(
            "netkit: cannot listen on 127.0.0.1:{port}: the port is already in use"
        )),
        "{err}"
    );
}

/// Issue 17: a server that never completes the handshake (its listen queue is full, so the
/// kernel drops our SYN) is a timeout said with the one time format and a next step.
#[test]
fn silent_server_is_a_timeout_in_one_line() {
    let script = "import socket,sys,time\n\
                  s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(0)\n\
                  port=s.getsockname()[1]; cs=[]\n\
                  for i in range(3):\n    \
                      c=socket.socket(); c.setblocking(False); c.connect_ex(('127.0.0.1',port)); cs.append(c)\n\
                  time.sleep(0.2); print('full', port, flush=True); time.sleep(30)\n";
    let mut full = Proc::spawn("full listener", {
        let mut c = Command::new("python3");
        c.arg("-c").arg(script);
        c
    });
    let port = full
        .out("full")
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    let o = run(&[
        "chat",
        "client",
        "--timeout",
        "300ms",
        &format!("127.0.0.1:{port}"),
    ]);
    let err = network_error(&o, "wait longer with --timeout");
    assert!(
        err.starts_with(&format!(
            "netkit: no answer from 127.0.0.1:{port} within 300 ms: "
        )),
        "{err}"
    );
}

/// A number read from a sysctl file under /proc/sys.
fn sysctl(path: &str) -> Option<u32> {
    std::fs::read_to_string(format!("/proc/sys/{path}"))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Issue 17: a port only root may bind says so and suggests one above 1023.
#[test]
fn privileged_port_is_exit_3_with_a_port_to_use_instead() {
    let Some(start @ 2..) = sysctl("net/ipv4/ip_unprivileged_port_start") else {
        eprintln!("skipping: every port may be bound by anyone here");
        return;
    };
    let port = (start - 1).min(1023).to_string();
    let root = std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0"));
    let mut cmd = if root {
        // As nobody, without capabilities.
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        c.arg(assert_cmd::cargo::cargo_bin("netkit"));
        c
    } else {
        Command::new(assert_cmd::cargo::cargo_bin("netkit"))
    };
    cmd.args(["chat", "server", "--port", &port]);
    // Bounded: were the port open to us after all, the server would wait for a caller.
    let mut p = Proc::spawn("server on a low port", cmd);
    assert_eq!(p.exit_code(), 3, "{:#?}", p.err.rest());
    let err = p.err.rest();
    assert_eq!(err.len(), 1, "one line: {err:#?}");
    assert!(
        err[0].contains("need root or CAP_NET_BIND_SERVICE (choose a port above 1023: --port"),
        "{err:#?}"
    );
}

/// Issue 17: binding an address this host does not have says so (bind fails locally; nothing is
/// sent).
#[test]
fn bind_address_not_on_this_host_is_exit_3() {
    if sysctl("net/ipv4/ip_nonlocal_bind") != Some(0) {
        eprintln!("skipping: this host lets programs bind any address");
        return;
    }
    let o = run(&["chat", "server", "--bind", "192.0.2.1", "--port", "0"]);
    let err = network_error(&o, "not on this host");
    assert!(
        err.contains("127.0.0.1"),
        "an address to use instead: {err}"
    );
}

#[test]
fn bad_ports_and_addresses_are_exit_2() {
    assert_bad_input(&["chat", "client", "127.0.0.1:99999"], "port");
    assert_bad_input(&["chat", "client", "127.0.0.1:0"], "port");
    assert_bad_input(&["chat", "client", "127.0.0.1"], "HOST:PORT");
    assert_bad_input(&["chat", "client", "::1:8001"], "brackets");
    assert_bad_input(&["chat", "server", "--bind", "300.1.1.1"], "address");
    assert_eq!(code(&run(&["chat", "server", "--port", "70000"])), 2);
    assert_eq!(code(&run(&["chat", "server", "--port", "x"])), 2);
    // Times are seconds or carry a unit, as everywhere in netkit.
    assert_bad_input(
        &["chat", "client", "127.0.0.1:8001", "--timeout", "soon"],
        "timeout",
    );
    assert_bad_input(
        &["chat", "server", "--port", "0", "--idle-timeout", "soon"],
        "idle timeout",
    );
}

/// Sends SIGINT (what Ctrl-C sends) to a child.
pub(crate) fn interrupt(p: &Proc) {
    let ok = Command::new("kill")
        .args(["-INT", &p.child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -INT {}", p.name);
}

#[test]
fn ctrl_c_closes_the_room_cleanly_and_tells_the_clients() {
    let (mut server, addr) = netkit_server(&["--room"]);
    let mut a = room_client("a", &addr);
    interrupt(&server);
    a.out("closing the room");
    assert_eq!(server.exit_code(), 0);
    assert_eq!(a.exit_code(), 0);
    server.err("room closed");
}

#[test]
fn ctrl_c_ends_a_conversation_with_exit_0() {
    let (mut server, addr) = netkit_server(&[]);
    let mut client = netkit_client("client", &addr, &[]);
    server.err("connected");
    interrupt(&client);
    assert_eq!(client.exit_code(), 0);
    server.err("disconnected (the peer closed the connection)");
    assert_eq!(server.exit_code(), 0);
}

#[test]
fn idle_clients_are_disconnected_after_the_idle_timeout() {
    let (mut server, addr) = netkit_server(&["--room", "--idle-timeout", "1"]);
    let mut quiet = room_client("quiet", &addr);
    server.err("left (idle timeout: no message for 1 s;");
    assert_eq!(quiet.exit_code(), 0);
}

/// Issue 17: the idle-timeout notice of a conversation says how long, in netkit's one time format.
#[test]
fn idle_conversation_ends_with_the_time_said_once() {
    let (mut server, addr) = netkit_server(&["--idle-timeout", "500ms"]);
    let _quiet = TcpStream::connect(&addr).unwrap();
    server.err("connected");
    let notice = server.err("disconnected");
    assert!(
        notice.ends_with("disconnected (idle timeout: no message for 500 ms)"),
        "{notice}"
    );
    assert_eq!(server.exit_code(), 0);
}

#[test]
fn a_peer_vanishing_mid_line_ends_the_conversation_and_its_partial_line_is_shown() {
    let (mut server, addr) = netkit_server(&[]);
    let mut raw = TcpStream::connect(&addr).unwrap();
    server.err("connected");
    raw.write_all("half a line, 半行".as_bytes()).unwrap();
    drop(raw);
    assert_eq!(said(&server.out("half")), "half a line, 半行");
    server.err("disconnected (the peer closed the connection)");
    assert_eq!(server.exit_code(), 0);
}

/// Issue 27 item 2: a caller waiting in the listen backlog saw "connected", then "reset ... crashed
/// mid-conversation". It is told it may be waiting in line, and the reset is explained so.
#[test]
fn later_callers_wait_in_the_backlog_during_a_conversation() {
    let (mut server, addr) = netkit_server(&[]);
    let mut first = netkit_client("first", &addr, &[]);
    server.err("connected");
    // The kernel completes the second handshake (backlog), but the server does not accept it.
    let mut second = netkit_client("second", &addr, &[]);
    second.say("anyone?");
    first.say("hello");
    server.out("hello");
    let hint = second.err("no answer from");
    assert!(hint.contains("waits in its listen backlog"), "{hint}");
    assert!(
        !server.out.seen.iter().any(|l| l.contains("anyone")),
        "{:?}",
        server.out.seen
    );
    first.say("bye");
    assert_eq!(server.exit_code(), 0);
    assert_eq!(first.exit_code(), 0);
    // The server has gone: the waiting caller's connection is reset, and it is told why.
    assert_eq!(second.exit_code(), 3, "{:#?}", second.err.seen);
    let err = second.err("reset");
    assert!(
        err.contains("reset before the server said anything")
            && err.contains("waiting in its listen backlog")
            && !err.contains("crashed"),
        "{err}"
    );
    let accepted = server
        .err
        .rest()
        .iter()
        .filter(|l| l.ends_with(" connected"))
        .count();
    assert_eq!(accepted, 1, "one conversation only: {:?}", server.err.seen);
}

/// Issue 27 item 2: the primer's server (listen(5): "the next four wait in line") with two
/// default clients: the second waits in line and is told so, not that the server crashed.
#[test]
fn the_second_caller_of_the_primers_server_is_told_it_waits_in_line() {
    let (mut server, addr) = primer_server();
    let mut first = netkit_client("first", &addr, &[]);
    server.out("connected");
    let mut second = netkit_client("second", &addr, &[]);
    second.say("hello?");
    second.err("waits in its listen backlog");
    first.say("bye");
    assert_eq!(first.exit_code(), 0);
    assert_eq!(server.exit_code(), 0, "{:#?}", server.err.rest());
    assert_eq!(second.exit_code(), 3, "{:#?}", second.err.seen);
    second.err("waiting in its listen backlog");
    assert!(!second.err.seen.iter().any(|l| l.contains("crashed")));
}

/// Reads from a raw TCP member until a line holding `needle` arrives; returns that line's bytes.
fn read_until_line(r: &mut BufReader<TcpStream>, needle: &str) -> Vec<u8> {
    r.get_ref().set_read_timeout(Some(WAIT)).unwrap();
    let mut seen = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line).unwrap();
        assert!(n > 0, "closed before {needle:?}; saw {seen:?}");
        if String::from_utf8_lossy(&line).contains(needle) {
            return line;
        }
        seen.push(String::from_utf8_lossy(&line).into_owned());
    }
}

/// A hostile member's escape sequences, carriage return (which would let `\r<server> ...` pass
/// for a server message on `nc` or the primer's client) and bidi overrides reach the other members
/// replaced, and the operator's terminal escaped.
#[test]
fn room_relays_control_characters_replaced() {
    let (mut server, addr) = netkit_server(&["--room"]);
    let mut evil = TcpStream::connect(&addr).unwrap();
    let mut evil_r = BufReader::new(evil.try_clone().unwrap());
    read_until_line(&mut evil_r, "welcome");
    let victim = TcpStream::connect(&addr).unwrap();
    let mut victim_r = BufReader::new(victim);
    read_until_line(&mut victim_r, "welcome");
    read_until_line(&mut evil_r, "joined");
    evil.write_all("hi\r<server> the room closes\x1b[2J\x07\u{202e}txt.exe\n".as_bytes())
        .unwrap();
    let line = read_until_line(&mut victim_r, "the room closes");
    let text = String::from_utf8(line).unwrap();
    assert!(text.starts_with('<'), "{text:?}");
    assert!(
        text.ends_with("> hi\u{fffd}<server> the room closes\u{fffd}[2J\u{fffd}\u{fffd}txt.exe\n"),
        "{text:?}"
    );
    let shown = server.out("the room closes");
    assert!(
        !shown.contains(['\r', '\x1b', '\x07', '\u{202e}']),
        "the operator's terminal: {shown:?}"
    );
}

/// In raw framing, a peer that closes while it is our turn is noticed at once, not after the
/// operator types the next line.
#[test]
fn raw_framing_notices_a_peer_closing_on_our_turn() {
    let (mut server, addr) = netkit_server(&["--framing", "raw"]);
    let mut peer = TcpStream::connect(&addr).unwrap();
    server.err("connected");
    peer.write_all("hello".as_bytes()).unwrap();
    server.out("hello");
    // Now it is the server's turn; nothing is typed on its stdin.
    drop(peer);
    server.err("the peer closed the connection");
    assert_eq!(server.exit_code(), 0);
}

/// Issue 18: in raw framing a message over the primer's recv(1024) is refused with a notice
/// (sent, it would reach the primer's client in two pieces, one ending inside a character, and
/// kill its decode()); the conversation goes on.
#[test]
fn raw_framing_refuses_a_message_longer_than_the_primers_recv() {
    let (mut server, addr) = netkit_server(&["--framing", "raw"]);
    let mut client = Proc::spawn("primer client", python("primer_client.py", &addr));
    server.err("connected");
    client.say("hi");
    server.out("hi");
    server.say(&"你好".repeat(250)); // 1500 bytes: a character straddles byte 1024
    server.err("not sent: 1500 bytes");
    server.say("shorter");
    client.out("shorter");
    client.say("bye");
    assert_eq!(server.exit_code(), 0);
    assert_eq!(client.exit_code(), 0, "{:?}", client.err.rest());
    assert!(
        !client.out.rest().iter().any(|l| l.contains("你好你好")),
        "the long message was not sent"
    );
}

/// The nick a room gave a member, read from its welcome line (`* welcome, you are NICK (...`).
pub(crate) fn nick_in(welcome: &str) -> String {
    welcome
        .split("you are ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no nick in {welcome:?}"))
        .to_string()
}

/// Lines a raw TCP member receives until one holds `needle` (bounded by the read timeout).
fn lines_until(r: &mut BufReader<TcpStream>, needle: &str) -> Vec<String> {
    r.get_ref().set_read_timeout(Some(WAIT)).unwrap();
    let mut seen = Vec::new();
    loop {
        let mut line = String::new();
        let n = r
            .read_line(&mut line)
            .unwrap_or_else(|e| panic!("reading until {needle:?}: {e}; saw {seen:#?}"));
        assert!(n > 0, "closed before {needle:?}; saw {seen:#?}");
        let done = line.contains(needle);
        seen.push(line.trim_end().to_string());
        if done {
            return seen;
        }
    }
}

/// Issue 17: each event (a join, a rename, a leave) is one notice on the operator's console, and
/// the operator's piped line is shown once.
#[test]
fn room_shows_each_event_once_to_the_operator() {
    let (mut server, addr) = netkit_server(&["--room"]);
    let mut a = room_client("a", &addr);
    let mut b = netkit_client("b", &addr, &[]);
    let b_nick = nick_in(&b.out("welcome"));
    a.out("joined");
    server.err(&format!("{b_nick} joined (2 in the room)"));
    b.say("/nick bob");
    a.out("is now known as bob");
    server.say("hello from the operator");
    a.out("<server> hello from the operator");
    b.say("bye");
    assert_eq!(b.exit_code(), 0);
    a.out("* bob left");
    server.say("/quit");
    assert_eq!(server.exit_code(), 0);
    let out = server.out.rest();
    let err = server.err.rest();
    let all: Vec<&String> = out.iter().chain(err.iter()).collect();
    let count = |needle: &str| all.iter().filter(|l| l.contains(needle)).count();
    assert_eq!(count(&format!("{b_nick} joined")), 1, "{all:#?}");
    assert_eq!(count(&b_nick), 2, "joined, renamed: {all:#?}");
    assert_eq!(count("is now known as bob"), 1, "{all:#?}");
    assert_eq!(count("bob left"), 1, "{all:#?}");
    assert!(
        err.iter()
            .any(|l| l.ends_with("* bob left (bye; 1 in the room)")),
        "{err:#?}"
    );
    assert_eq!(count("hello from the operator"), 1, "{all:#?}");
    assert!(
        out.iter().any(|l| l == "<server> hello from the operator"),
        "{out:#?}"
    );
    assert!(!all.iter().any(|l| l.contains("connected")), "{all:#?}");
}

/// Runs netkit on a pseudo-terminal (util-linux `script`), its input piped in as keystrokes; the
/// terminal's output (stdout and stderr together, with the typed lines echoed) comes out of
/// `script`'s stdout.
fn netkit_on_terminal(name: &str, args: &[&str]) -> Proc {
    let bin = assert_cmd::cargo::cargo_bin("netkit");
    let line = format!(
        "stty rows 24 cols 100; exec '{}' --color never {}",
        bin.display(),
        args.join(" ")
    );
    let mut c = Command::new("script");
    c.args(["-qfc", &line, "/dev/null"]).env_remove("NO_COLOR");
    Proc::spawn(name, c)
}

/// Issue 17: on a terminal the operator's line is on the screen once (the terminal's echo), not
/// printed back as `<server> ...`; the members get it.
#[test]
fn room_operator_line_shows_once_on_a_terminal() {
    let mut server = netkit_on_terminal(
        "room on a terminal",
        &["chat", "server", "--room", "--port", "0"],
    );
    let addr = listening_address(&server.out("listening on"));
    let mut a = room_client("a", &addr);
    server.out("joined");
    server.say("hello from the operator");
    a.out("<server> hello from the operator");
    server.say("/quit");
    assert_eq!(server.exit_code(), 0, "{:#?}", server.out.seen);
    let shown = server.out.rest();
    let echoed = shown
        .iter()
        .filter(|l| l.contains("hello from the operator"))
        .count();
    assert_eq!(echoed, 1, "the terminal's echo only: {shown:#?}");
    assert!(
        !shown.iter().any(|l| l.contains("<server>")),
        "not printed back: {shown:#?}"
    );
}

/// Issue 17: commands are answered to whoever typed them, privately; an unknown one is refused
/// and never relayed; `//text` sends text starting with `/`. The member types through a netkit
/// client, which finds out it is in a room and lets the room answer.
#[test]
fn room_commands_are_answered_privately() {
    let (mut server, addr) = netkit_server(&["--room"]);
    let mut a = room_client("a", &addr);
    let watcher = TcpStream::connect(&addr).unwrap();
    let mut w = BufReader::new(watcher);
    lines_until(&mut w, "welcome");
    a.out("joined");
    a.say("/help");
    let help = a.out("commands:");
    for cmd in ["/nick NAME", "/who", "/help", "bye"] {
        assert!(help.contains(cmd), "{help}");
    }
    a.say("/nick");
    a.out("* usage: /nick NAME");
    a.say("/foo bar");
    assert_eq!(a.out("unknown"), "* unknown command /foo; /help lists them");
    a.say("/who");
    a.out("* 2 here:");
    a.say("//etc/hosts is a path");
    let seen = lines_until(&mut w, "/etc/hosts is a path");
    assert!(
        seen.last().unwrap().ends_with("> /etc/hosts is a path"),
        "{seen:#?}"
    );
    for private in [
        "/help",
        "commands:",
        "/nick",
        "usage",
        "/foo",
        "unknown",
        "/who",
        "here:",
    ] {
        assert!(
            !seen.iter().any(|l| l.contains(private)),
            "{private:?} reached another member: {seen:#?}"
        );
    }
    // The operator's own commands are answered on its console, and not relayed either.
    server.say("/help");
    server.err("commands: /who");
    server.say("/bar");
    server.err("unknown command /bar; /help lists them");
    server.say("/who");
    server.err("2 here:");
    server.say("after the commands");
    let seen = lines_until(&mut w, "<server> after the commands");
    assert!(
        !seen
            .iter()
            .any(|l| l.contains("/bar") || l.contains("commands:") || l.contains("here:")),
        "{seen:#?}"
    );
    let shown = server.out("/etc/hosts");
    assert!(shown.ends_with("> /etc/hosts is a path"), "{shown}");
    assert!(
        !server
            .out
            .seen
            .iter()
            .any(|l| l.contains("/foo") || l.contains("/help")),
        "the operator's console shows no member's command: {:#?}",
        server.out.seen
    );
}

/// Issue 17: a netkit client whose script types a command before the room's welcome has arrived
/// still has it answered by the room (the client waits for the server's first line).
#[test]
fn room_command_typed_before_the_welcome_reaches_the_room() {
    let (_server, addr) = netkit_server(&["--room"]);
    let o = run_stdin(&["chat", "client", &addr], "/who\n");
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stdout(&o).contains("* 1 here: "),
        "{}\n{}",
        stdout(&o),
        stderr(&o)
    );
    assert!(!stderr(&o).contains("works in a room"), "{}", stderr(&o));
}

/// Issue 17: with one peer, room commands are answered locally and unknown commands refused;
/// neither is sent. What the peer sends is never taken for a command.
#[test]
fn one_to_one_commands_are_answered_locally_and_not_sent() {
    let (mut server, addr) = netkit_server(&[]);
    let mut client = netkit_client("client", &addr, &[]);
    server.err("connected");
    client.say("/who");
    let notice = client.err("works in a room");
    assert!(
        notice.ends_with(&format!(
            "* /who works in a room (netkit chat server --room); this is a conversation with one peer at {addr}"
        )),
        "{notice}"
    );
    client.say("/nick ann");
    client.err("/nick works in a room");
    client.say("/foo");
    client.err("unknown command /foo; /help lists them");
    client.say("/help");
    client.err("//text sends text starting with /");
    client.say("//who, sent as text");
    assert_eq!(said(&server.out("sent as text")), "/who, sent as text");
    for typed in ["/nick", "/foo", "/help", "ann"] {
        assert!(
            !server.out.seen.iter().any(|l| l.contains(typed)),
            "{typed:?} was sent: {:#?}",
            server.out.seen
        );
    }
    assert!(
        !server
            .err
            .seen
            .iter()
            .any(|l| l.contains("unknown command")),
        "the peer's /who is text, not a command: {:#?}",
        server.err.seen
    );
    // The same rule for the server's user.
    server.say("/who");
    server.err("/who works in a room");
    server.say("next");
    assert_eq!(said(&client.out("next")), "next");
    assert!(
        !client.out.seen.iter().any(|l| l.contains("/who")),
        "{:#?}",
        client.out.seen
    );
    client.say("bye");
    assert_eq!(client.exit_code(), 0);
    assert_eq!(server.exit_code(), 0);
}

/// Issue 17: in raw framing too (the primer's server), a typed command is answered locally and
/// it stays our turn: the server's first message is the next real line.
#[test]
fn raw_framing_commands_are_not_sent_to_the_primers_server() {
    let (mut server, addr) = primer_server();
    let mut client = netkit_client("netkit client", &addr, &["--framing", "raw"]);
    server.out("connected");
    client.say("/who");
    client.err("/who works in a room");
    client.say("/nick x");
    client.err("/nick works in a room");
    client.say("hi");
    assert_eq!(server.out("hi").trim_start_matches("> "), "hi");
    assert_eq!(
        server.out.seen.len(),
        3,
        "listening, connected, then hi: {:#?}",
        server.out.seen
    );
    server.say("bye");
    assert_eq!(client.exit_code(), 0);
    assert_eq!(server.exit_code(), 0);
}

/// Writes 1000-byte lines into `talker` from a thread (at most 200 MB) until the returned flag is
/// set: a room member flooding the room.
pub(crate) fn flood(
    talker: &TcpStream,
) -> (
    std::sync::Arc<std::sync::atomic::AtomicBool>,
    std::thread::JoinHandle<()>,
) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = std::sync::Arc::new(AtomicBool::new(false));
    let mut t = talker.try_clone().unwrap();
    let handle = std::thread::spawn({
        let stop = stop.clone();
        move || {
            let line = format!("{}\n", "y".repeat(1000));
            for _ in 0..200_000 {
                if stop.load(Ordering::Relaxed) || t.write_all(line.as_bytes()).is_err() {
                    break;
                }
            }
        }
    });
    (stop, handle)
}

/// Issue 25 item 10: nicks with invisible characters ("server\u{200b}", "alice\u{2060}")
/// passed for the operator and for another member. They are refused, and nicks are compared
/// by their NFKC, lower-case form ("ALICE", "ａｌｉｃｅ" are alice; "ＳＥＲＶＥＲ" is the operator).
#[test]
fn room_nicks_cannot_impersonate() {
    let (mut server, addr) = netkit_server(&["--room"]);
    let mut alice = room_client("alice", &addr);
    alice.say("/nick alice");
    alice.out("is now known as alice");
    let mut mallory = room_client("mallory", &addr);
    alice.out("joined");
    for (nick, why) in [
        ("server\u{200b}", "U+200B"),
        ("alice\u{2060}", "U+2060"),
        ("al\u{200d}ice", "U+200D"),
        ("\u{feff}alice", "U+FEFF"),
        // The room replaced the override with U+FFFD before reading the command.
        ("alice\u{202e}", "U+FFFD"),
        ("alice\u{3164}", "U+3164"),
        ("ALICE", "is taken"),
        ("ａｌｉｃｅ", "is taken"),
        ("ＳＥＲＶＥＲ", "reserved"),
        ("Server", "reserved"),
        ("127.0.0.1:8001", "reserved"),
    ] {
        mallory.say(&format!("/nick {nick}"));
        let answer = mallory.out(why);
        assert!(
            answer.starts_with("* cannot use that nick") || answer.starts_with("* the nick"),
            "{nick:?}: {answer}"
        );
    }
    // The same member may change the case of its own nick.
    alice.say("/nick Alice");
    alice.out("alice is now known as Alice");
    mallory.say("/nick mallory");
    alice.out("is now known as mallory");
    let seen: Vec<String> = alice.out.seen.clone();
    assert!(
        !seen.iter().any(|l| l.contains("known as server")
            || l.contains("known as alice\u{2060}")
            || l.contains("known as ALICE")),
        "{seen:#?}"
    );
    // The operator's console shows an invisible character escaped, never hidden.
    mallory.say("hi\u{200b}there");
    let shown = server.out("there");
    assert!(shown.ends_with("hi\\u{200b}there"), "{shown:?}");
}

/// Issue 27 item 2: the primer's client (it sends without a newline and waits in recv(1024))
/// talks with the default `netkit chat server`: its messages appear at once, the server says it
/// takes turns, and the answers reach it exactly (no newline: the primer's `data == 'bye'` works).
#[test]
fn the_primers_client_talks_with_the_default_server() {
    let (mut server, addr) = netkit_server(&[]);
    let mut client = Proc::spawn("primer client", python("primer_client.py", &addr));
    server.err("connected");
    client.say("你好，服务器！");
    assert_eq!(said(&server.out("服务器")), "你好，服务器！");
    let notice = server.err("takes turns");
    assert!(notice.contains("as the primer's programs do"), "{notice}");
    server.say("你好，客户端。How are you?");
    assert!(
        client
            .out("客户端")
            .ends_with("> 你好，客户端。How are you?")
    );
    client.say("fine");
    assert_eq!(said(&server.out("fine")), "fine");
    server.say("bye");
    // The primer's client ends on exactly 'bye'.
    assert_eq!(client.exit_code(), 0, "{:?}", client.err.rest());
    assert_eq!(server.exit_code(), 0);
    server.err("disconnected (we said bye)");
    let lines = client.out.rest();
    assert!(lines.iter().any(|l| l.ends_with("> bye")), "{lines:#?}");
    assert!(
        !lines.iter().any(|l| l.is_empty()),
        "no newline reached the primer's print: {lines:#?}"
    );
}

/// Issue 27 item 2: the default `netkit chat client` with the primer's server. The first
/// message goes as a line (the server has said nothing yet); the server's answer comes without a
/// newline, so the client takes turns from then on, says so, and its `bye` ends the primer's
/// server (`data == 'bye'`).
#[test]
fn the_default_client_talks_with_the_primers_server() {
    let (mut server, addr) = primer_server();
    let mut client = netkit_client("netkit client", &addr, &[]);
    client.say("中文消息，一二三");
    assert_eq!(
        server.out("中文").trim_start_matches("> "),
        "中文消息，一二三"
    );
    server.say("收到了 got it");
    assert_eq!(said(&client.out("收到了")), "收到了 got it");
    client.err("takes turns");
    client.say("second message");
    assert_eq!(
        server.out("second").trim_start_matches("> "),
        "second message"
    );
    server.say("ok");
    client.out("ok");
    client.say("bye");
    assert_eq!(client.exit_code(), 0);
    assert_eq!(
        server.exit_code(),
        0,
        "the primer's server read exactly 'bye': {:#?}",
        server.out.rest()
    );
    client.err("disconnected (we said bye)");
}

/// Issue 27 item 2: taking turns, a line typed while the peer has the turn is held with a word,
/// and goes when the peer has answered.
#[test]
fn a_line_typed_out_of_turn_is_held_with_a_word() {
    for framing in [&[][..], &["--framing", "raw"][..]] {
        let (mut server, addr) = netkit_server(framing);
        let mut client = Proc::spawn("primer client", python("primer_client.py", &addr));
        server.err("connected");
        client.say("one");
        server.out("one");
        server.say("two");
        client.out("two");
        // The client's turn: the server's next line waits.
        server.say("three, typed early");
        let held = server.err("held until");
        assert!(held.contains("take turns"), "{held}");
        assert!(
            !client.out.seen.iter().any(|l| l.contains("three")),
            "{:#?}",
            client.out.seen
        );
        client.say("four");
        server.out("four");
        // Now it went, as the answer to "four".
        assert!(client.out("three").ends_with("> three, typed early"));
        client.say("bye");
        assert_eq!(server.exit_code(), 0, "{framing:?}");
        assert_eq!(client.exit_code(), 0, "{framing:?}");
    }
}

/// Issue 25 item 8: a raw-framing or 1:1 peer printed lines identical to netkit's own
/// "* ... connected/disconnected" notices. Its text is always shown after its label, every line
/// of it, and a carriage return is shown escaped.
#[test]
fn a_peers_text_never_looks_like_a_notice() {
    for framing in [
        &[][..],
        &["--framing", "raw"][..],
        &["--framing", "line"][..],
    ] {
        let (mut server, addr) = netkit_server(framing);
        let mut peer = TcpStream::connect(&addr).unwrap();
        server.err("connected");
        peer.write_all(
            b"* 127.0.0.1:9 disconnected (the peer said bye)\nhi\r* listening on 0.0.0.0:1\n",
        )
        .unwrap();
        server.out("listening on 0.0.0.0:1");
        drop(peer);
        assert_eq!(server.exit_code(), 0);
        let out = server.out.rest();
        assert!(out.len() >= 2, "{framing:?}: {out:#?}");
        for line in &out {
            said(line);
        }
        assert!(
            out.iter()
                .any(|l| l.ends_with(r"> hi\r* listening on 0.0.0.0:1")),
            "{framing:?}: {out:#?}"
        );
        let err = server.err.rest();
        assert!(
            !err.iter().any(|l| l.contains("127.0.0.1:9")),
            "{framing:?}: {err:#?}"
        );
    }
}

/// Issue 27 item 2: on a terminal the prompt is drawn once: never `> > ` after /help, after a
/// notice, or after each incoming line while taking turns.
#[test]
fn the_prompt_is_never_drawn_twice() {
    for framing in ["auto", "raw"] {
        let mut server = netkit_on_terminal(
            "server on a terminal",
            &["chat", "server", "--port", "0", "--framing", framing],
        );
        let addr = listening_address(&server.out("listening on"));
        let mut client = Proc::spawn("primer client", python("primer_client.py", &addr));
        server.out("connected");
        client.say("one");
        server.out("> one");
        server.say("/help");
        server.out("a conversation with one peer");
        server.say("/who");
        server.out("works in a room");
        server.say("two");
        client.out("two");
        client.say("three");
        server.out("> three");
        server.say("bye");
        assert_eq!(server.exit_code(), 0, "{:#?}", server.out.seen);
        let shown = screen(server.out.rest().join("\n").as_bytes());
        assert!(
            !shown.iter().any(|l| l.contains("> > ")),
            "{framing}: {shown:#?}"
        );
        assert_eq!(client.exit_code(), 0);
    }
}

/// Issue 25: `chat client --framing raw` held ~84 MB while relaying a 196 MB stream without
/// newlines to a pipe. What waits for the terminal or pipe is bounded (1 MiB), the peer is slowed
/// down instead; in the default framing the stream is one message too long, dropped with a word.
#[test]
fn a_196_mb_stream_without_newlines_is_relayed_in_bounded_memory() {
    const TOTAL: usize = 196 << 20;
    for framing in ["raw", "auto"] {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let sender = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let chunk = vec![b'x'; 1 << 20];
            for _ in 0..TOTAL >> 20 {
                if s.write_all(&chunk).is_err() {
                    return;
                }
            }
        });
        let mut child = netkit_cmd(&["chat", "client", "--framing", framing, &addr])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id();
        let mut out = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut buf = vec![0u8; 1 << 16];
            let mut n = 0usize;
            while let Ok(k) = out.read(&mut buf) {
                if k == 0 {
                    break;
                }
                n += buf[..k].iter().filter(|b| **b == b'x').count();
            }
            n
        });
        let mut err = child.stderr.take().unwrap();
        let notices = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            text
        });
        // Peak resident memory (VmHWM only grows), read until the client exits.
        let mut peak_kib = 0;
        let deadline = Instant::now() + Duration::from_secs(300);
        let status = loop {
            if let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status"))
                && let Some(kib) = status
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak_kib = peak_kib.max(kib);
            }
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(Instant::now() < deadline, "{framing}: still relaying");
            std::thread::sleep(Duration::from_millis(20));
        };
        sender.join().unwrap();
        let shown = reader.join().unwrap();
        let notices = notices.join().unwrap();
        assert!(status.success(), "{framing}: {notices}");
        match framing {
            "raw" => assert_eq!(shown, TOTAL, "every byte shown"),
            _ => {
                assert_eq!(shown, 0);
                assert!(
                    notices.contains("longer than 65536 bytes: dropped"),
                    "{notices}"
                );
            }
        }
        assert!(
            peak_kib < 24 * 1024,
            "{framing}: peak memory {peak_kib} KiB relaying {TOTAL} bytes"
        );
    }
}

/// Issue 27 item 2: the primer's client in a room: what it sends without a newline is a line once
/// it pauses, relayed after its nick.
#[test]
fn the_primers_client_in_a_room() {
    let (mut server, addr) = netkit_server(&["--room"]);
    let mut ann = room_client("ann", &addr);
    let mut client = Proc::spawn("primer client", python("primer_client.py", &addr));
    ann.out("joined");
    client.say("hello from python, 你好");
    let line = ann.out("hello from python");
    assert!(line.ends_with("> hello from python, 你好"), "{line}");
    server.out("hello from python");
    // The primer's recv(1024) got the room's lines so far.
    client.out("welcome");
    client.say("bye");
    ann.out("left");
    assert_eq!(client.exit_code(), 0, "{:?}", client.err.rest());
}
