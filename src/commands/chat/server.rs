//! `netkit chat server`: bind, listen with the primer's backlog, accept one client and hold the
//! conversation with it (later callers wait in the listen backlog), then close.

use std::net::{IpAddr, SocketAddr};

use tokio::net::{TcpListener, TcpSocket};

use super::console::{Console, interrupted, spawn_input};
use super::talk::{First, talk};
use crate::cli::ChatServerArgs;
use crate::error::{Error, Result, exit};
use crate::net::endpoint::{is_loopback, is_wildcard};
use crate::output::Ui;

/// Binds `ip:port` and listens with `backlog`; a port in use is a one-line error (exit 3).
pub fn listen(ip: IpAddr, port: u16, backlog: u32) -> Result<TcpListener> {
    let addr = SocketAddr::new(ip, port);
    let ctx = || format!("listening on {addr}");
    let socket = match ip {
        IpAddr::V4(_) => TcpSocket::new_v4(),
        IpAddr::V6(_) => TcpSocket::new_v6(),
    }
    .map_err(|e| Error::io(ctx(), e))?;
    socket
        .set_reuseaddr(true)
        .map_err(|e| Error::io(ctx(), e))?;
    socket.bind(addr).map_err(|e| Error::io(ctx(), e))?;
    socket.listen(backlog).map_err(|e| Error::io(ctx(), e))
}

/// The notice printed once listening, saying how far the server is reachable.
pub fn listening_notice(listener: &TcpListener, what: &str) -> String {
    let local = listener.local_addr().ok();
    let reach = match local.map(|a| a.ip()) {
        Some(ip) if is_loopback(ip) => "this machine only",
        Some(ip) if is_wildcard(ip) => "every interface: reachable from the network",
        _ => "reachable from the network",
    };
    match local {
        Some(a) => format!("listening on {a} ({reach}); {what}"),
        None => format!("listening ({reach}); {what}"),
    }
}

/// Runs the one-conversation server.
pub async fn run(args: &ChatServerArgs, ui: &Ui) -> Result<u8> {
    let ip = args.bind;
    let listener = listen(ip, args.port, args.backlog)?;
    let console = Console::new(ui, false);
    console.notice(&listening_notice(
        &listener,
        "one conversation; later callers wait in the backlog",
    ));
    let accepted = tokio::select! {
        r = listener.accept() => Some(r),
        _ = interrupted() => None,
    };
    let result = match accepted {
        None => {
            console.notice("interrupted");
            Ok(exit::OK)
        }
        Some(Err(e)) => Err(Error::io("accepting a connection", e)),
        Some(Ok((stream, peer))) => {
            let _ = stream.set_nodelay(true);
            console.notice(&format!("{peer} connected"));
            let mut input = spawn_input(args.opts.max_line as usize);
            let end = talk(stream, peer, &args.opts, &console, &mut input, First::Peer).await;
            match &end {
                Ok(end) => console.notice(&format!(
                    "{peer} disconnected ({})",
                    end.describe(args.opts.idle_timeout)
                )),
                Err(e) => console.notice(&format!("{peer} disconnected ({e})")),
            }
            end.map(|_| exit::OK)
        }
    };
    drop(listener);
    console.close();
    result
}
