//! `netkit chat client HOST:PORT`: connect (a refused, unreachable or silent server is a one-line
//! error that says what to do next, exit 3) and hold the conversation; in raw framing the client
//! speaks first.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpStream;

use super::console::{Console, spawn_input};
use super::talk::{First, talk};
use crate::cli::ChatClientArgs;
use crate::error::{Cause, Error, Result, exit};
use crate::i18n::t;
use crate::net::endpoint::{Host, HostPort};
use crate::output::Ui;
use crate::util::time::human_duration;

/// Resolves the server and connects to the first address that answers.
pub async fn connect(server: &HostPort, timeout: Duration) -> Result<(TcpStream, SocketAddr)> {
    let addrs: Vec<SocketAddr> = match &server.host {
        Host::Ip(ip) => vec![SocketAddr::new(*ip, server.port)],
        Host::Name(name) => tokio::net::lookup_host((name.as_str(), server.port))
            .await
            .map_err(|e| {
                let next = t!(
                    "chat-check-the-name",
                    why = e.to_string(),
                    name = name.as_str()
                );
                Error::io(
                    t!("chat-cannot-resolve", name = name.as_str()),
                    io::Error::new(e.kind(), Cause(next.into())),
                )
            })?
            .collect(),
    };
    let mut last = None;
    for addr in addrs {
        match tokio::time::timeout(timeout, TcpStream::connect(addr)).await {
            Ok(Ok(s)) => return Ok((s, addr)),
            Ok(Err(e)) => last = Some(connect_error(addr, &e, timeout)),
            Err(_) => {
                last = Some(connect_error(
                    addr,
                    &io::ErrorKind::TimedOut.into(),
                    timeout,
                ))
            }
        }
    }
    Err(last.unwrap_or_else(|| {
        Error::io(
            t!("chat-cannot-resolve", name = server.host.to_string()),
            io::Error::new(io::ErrorKind::NotFound, Cause(t!("chat-no-address").into())),
        )
    }))
}

/// Why a connection to `target` failed, by the kind of error, and what to do next: one line.
fn connect_error(target: SocketAddr, e: &io::Error, timeout: Duration) -> Error {
    use io::ErrorKind as K;
    let (what, next) = match e.kind() {
        K::ConnectionRefused => (
            t!("chat-refused", target = target),
            t!("chat-refused-next", port = target.port()),
        ),
        K::TimedOut => (
            t!(
                "chat-no-answer",
                target = target,
                time = human_duration(timeout)
            ),
            t!("chat-no-answer-next"),
        ),
        K::NetworkUnreachable if target.is_ipv6() => (
            t!("chat-cannot-reach", target = target),
            t!("chat-no-ipv6-route"),
        ),
        K::NetworkUnreachable => (
            t!("chat-cannot-reach", target = target),
            t!("chat-no-route", address = target.ip()),
        ),
        K::HostUnreachable => (
            t!("chat-cannot-reach", target = target),
            t!("chat-host-unreachable"),
        ),
        K::PermissionDenied => (
            t!("chat-cannot-connect", target = target),
            t!("chat-forbidden"),
        ),
        _ => {
            let what = t!("chat-cannot-connect", target = target);
            return Error::io(what, io::Error::new(e.kind(), e.to_string()));
        }
    };
    Error::io(what, io::Error::new(e.kind(), Cause(next.into())))
}

/// Runs the client.
pub async fn run(args: &ChatClientArgs, ui: &Ui) -> Result<u8> {
    let timeout = args.timeout.max(Duration::from_millis(1));
    let (stream, peer) = connect(&args.server, timeout).await?;
    let _ = stream.set_nodelay(true);
    let console = Console::new(ui, false);
    console.notice(&t!("chat-connected-to", peer = peer).to_string());
    let mut input = spawn_input(args.opts.max_line as usize);
    let end = talk(stream, peer, &args.opts, &console, &mut input, First::Me).await;
    if let Ok(end) = &end {
        console.notice(
            &t!(
                "chat-disconnected",
                why = end.describe(args.opts.idle_timeout)
            )
            .to_string(),
        );
    }
    console.close();
    end.map(|_| exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(kind: io::ErrorKind, target: &str) -> (String, u8, &'static str) {
        let e = connect_error(
            target.parse().unwrap(),
            &kind.into(),
            Duration::from_secs(5),
        );
        (e.to_string(), e.exit_code(), e.kind())
    }

    #[test]
    fn connection_errors_say_what_to_do_next() {
        use io::ErrorKind as K;
        assert_eq!(
            said(K::ConnectionRefused, "127.0.0.1:30003"),
            (
                "127.0.0.1:30003 refused the connection: nothing listens on that port (is a \
                 server running? netkit chat server --port 30003)"
                    .to_string(),
                3,
                "io"
            )
        );
        let (timeout, ..) = said(K::TimedOut, "127.0.0.1:8001");
        assert!(
            timeout.starts_with("no answer from 127.0.0.1:8001 within 5 s: ")
                && timeout.contains("--timeout"),
            "{timeout}"
        );
        let (v4, ..) = said(K::NetworkUnreachable, "192.0.2.1:8001");
        assert!(
            v4.ends_with("(check the address; netkit route get 192.0.2.1)"),
            "{v4}"
        );
        let (v6, ..) = said(K::NetworkUnreachable, "[2001:db8::1]:8001");
        assert!(v6.contains("no IPv6 route"), "{v6}");
        for kind in [K::HostUnreachable, K::PermissionDenied, K::ConnectionReset] {
            let (text, code, _) = said(kind, "127.0.0.1:8001");
            assert_eq!(code, 3, "{text}");
            assert!(!text.contains("os error"), "{text}");
        }
    }
}
