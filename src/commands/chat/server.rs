//! `netkit chat server`: bind, listen with the primer's backlog, accept one client and hold the
//! conversation with it (later callers wait in the listen backlog), then close.

use std::io;
use std::net::{IpAddr, SocketAddr};

use tokio::net::{TcpListener, TcpSocket};

use super::console::{Console, interrupted, spawn_input};
use super::talk::{First, talk};
use crate::cli::ChatServerArgs;
use crate::error::{Cause, Error, Result, exit};
use crate::i18n::{Message, t};
use crate::net::endpoint::{is_loopback, is_wildcard};
use crate::output::Ui;

/// The flag that chose the port, for the advice when listening fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortFlag {
    /// `--bind` and `--port`: the chat's TCP port.
    Port,
    /// `--web ADDR:PORT`: the room's web page.
    Web,
}

impl PortFlag {
    /// How to type the flag with `port` instead.
    fn with(self, addr: SocketAddr, port: u16) -> String {
        match self {
            PortFlag::Port => format!("--port {port}"),
            PortFlag::Web => format!("--web {}", SocketAddr::new(addr.ip(), port)),
        }
    }

    fn name(self) -> &'static str {
        match self {
            PortFlag::Port => "--port",
            PortFlag::Web => "--web ADDR:PORT",
        }
    }
}

/// Binds `ip:port` and listens with `backlog`; a port in use, a privileged port or an address
/// not on this host is a one-line error that says what to do next (exit 3).
pub fn listen(ip: IpAddr, port: u16, backlog: u32) -> Result<TcpListener> {
    listen_at(SocketAddr::new(ip, port), backlog, PortFlag::Port)
}

/// [`listen`] for the port `flag` chose.
pub fn listen_at(addr: SocketAddr, backlog: u32, flag: PortFlag) -> Result<TcpListener> {
    let ip = addr.ip();
    let err = |e: io::Error| listen_error(addr, &e, flag);
    let socket = match ip {
        IpAddr::V4(_) => TcpSocket::new_v4(),
        IpAddr::V6(_) => TcpSocket::new_v6(),
    }
    .map_err(err)?;
    socket.set_reuseaddr(true).map_err(err)?;
    socket.bind(addr).map_err(err)?;
    socket.listen(backlog).map_err(err)
}

/// Why listening on `addr` failed, by the kind of error, and what to do next: one line.
fn listen_error(addr: SocketAddr, e: &io::Error, flag: PortFlag) -> Error {
    use io::ErrorKind as K;
    let next = match e.kind() {
        K::AddrInUse => t!("chat-port-in-use", flag = flag.name()),
        K::PermissionDenied if addr.port() < 1024 => t!(
            "chat-port-privileged",
            instead = flag.with(addr, 8000 + addr.port())
        ),
        K::AddrNotAvailable => t!("chat-address-not-here"),
        _ if e.raw_os_error() == Some(EAFNOSUPPORT) => t!("chat-no-ipv6"),
        _ => {
            return Error::io(
                t!("chat-cannot-listen", address = addr),
                io::Error::new(e.kind(), e.to_string()),
            );
        }
    };
    Error::io(
        t!("chat-cannot-listen", address = addr),
        io::Error::new(e.kind(), Cause(next.into())),
    )
}

/// Linux's "address family not supported" (no IPv6 in this kernel).
const EAFNOSUPPORT: i32 = 97;

/// The notice printed once listening, saying how far the server is reachable.
pub fn listening_notice(listener: &TcpListener, what: Message) -> String {
    let local = listener.local_addr().ok();
    let reach = match local.map(|a| a.ip()) {
        Some(ip) if is_loopback(ip) => t!("chat-reach-loopback"),
        Some(ip) if is_wildcard(ip) => t!("chat-reach-everywhere"),
        _ => t!("chat-reach-network"),
    };
    match local {
        Some(a) => t!("chat-listening-on", address = a, reach = reach, what = what),
        None => t!("chat-listening", reach = reach, what = what),
    }
    .to_string()
}

/// Runs the one-conversation server.
pub async fn run(args: &ChatServerArgs, ui: &Ui) -> Result<u8> {
    let ip = args.bind;
    let listener = listen(ip, args.port, args.backlog)?;
    let console = Console::new(ui, false);
    console.notice(&listening_notice(&listener, t!("chat-one-conversation")));
    let accepted = tokio::select! {
        r = listener.accept() => Some(r),
        _ = interrupted() => None,
    };
    let result = match accepted {
        None => {
            console.notice(&t!("chat-end-interrupted").to_string());
            Ok(exit::OK)
        }
        Some(Err(e)) => Err(Error::io(t!("chat-accepting"), e)),
        Some(Ok((stream, peer))) => {
            let _ = stream.set_nodelay(true);
            console.notice(&t!("chat-peer-connected", peer = peer).to_string());
            let mut input = spawn_input(args.opts.max_line as usize);
            let end = talk(stream, peer, &args.opts, &console, &mut input, First::Peer).await;
            match &end {
                Ok(end) => console.notice(
                    &t!(
                        "chat-peer-disconnected",
                        peer = peer,
                        why = end.describe(args.opts.idle_timeout)
                    )
                    .to_string(),
                ),
                Err(e) => console.notice(
                    &t!("chat-peer-disconnected", peer = peer, why = e.to_string()).to_string(),
                ),
            }
            end.map(|_| exit::OK)
        }
    };
    drop(listener);
    console.close();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(kind: io::ErrorKind, addr: &str) -> String {
        let e = listen_error(addr.parse().unwrap(), &kind.into(), PortFlag::Port);
        assert_eq!((e.exit_code(), e.kind()), (3, "io"), "{e}");
        e.to_string()
    }

    #[test]
    fn listen_errors_say_what_to_do_next() {
        use io::ErrorKind as K;
        assert_eq!(
            said(K::AddrInUse, "127.0.0.1:30003"),
            "cannot listen on 127.0.0.1:30003: the port is already in use by another program \
             (choose another --port, or stop that program)"
        );
        let low = said(K::PermissionDenied, "127.0.0.1:80");
        assert!(
            low.ends_with("(choose a port above 1023: --port 8080)"),
            "{low}"
        );
        let high = said(K::PermissionDenied, "127.0.0.1:8001");
        assert!(!high.contains("1023"), "{high}");
        let absent = said(K::AddrNotAvailable, "192.0.2.1:8001");
        assert!(absent.contains("not on this host"), "{absent}");
        let no_v6 = listen_error(
            "[::1]:8001".parse().unwrap(),
            &io::Error::from_raw_os_error(EAFNOSUPPORT),
            PortFlag::Port,
        );
        let web = listen_error(
            "127.0.0.1:80".parse().unwrap(),
            &K::PermissionDenied.into(),
            PortFlag::Web,
        );
        assert!(
            web.to_string()
                .ends_with("(choose a port above 1023: --web 127.0.0.1:8080)"),
            "{web}"
        );
        assert!(no_v6.to_string().contains("no IPv6"), "{no_v6}");
    }
}
