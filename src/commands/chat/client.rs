//! `netkit chat client HOST:PORT`: connect (a refused, unreachable or silent server is a one-line
//! error, exit 3) and hold the conversation; in raw framing the client speaks first.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpStream;

use super::console::{Console, spawn_input};
use super::talk::{First, talk};
use crate::cli::ChatClientArgs;
use crate::error::{Error, Result, exit};
use crate::net::endpoint::{Host, HostPort};
use crate::output::Ui;

/// Resolves the server and connects to the first address that answers.
pub async fn connect(server: &HostPort, timeout: Duration) -> Result<(TcpStream, SocketAddr)> {
    let addrs: Vec<SocketAddr> = match &server.host {
        Host::Ip(ip) => vec![SocketAddr::new(*ip, server.port)],
        Host::Name(name) => tokio::net::lookup_host((name.as_str(), server.port))
            .await
            .map_err(|e| Error::io(format!("resolving {name}"), e))?
            .collect(),
    };
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no address found");
    let mut last_addr = None;
    for addr in addrs {
        match tokio::time::timeout(timeout, TcpStream::connect(addr)).await {
            Ok(Ok(s)) => return Ok((s, addr)),
            Ok(Err(e)) => last = e,
            Err(_) => {
                last = io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("no answer within {} ms", timeout.as_millis()),
                )
            }
        }
        last_addr = Some(addr);
    }
    let target = last_addr.map_or_else(|| server.to_string(), |a| a.to_string());
    Err(Error::io(format!("connecting to {target}"), last))
}

/// Runs the client.
pub async fn run(args: &ChatClientArgs, ui: &Ui) -> Result<u8> {
    let timeout = args.timeout.max(Duration::from_millis(1));
    let (stream, peer) = connect(&args.server, timeout).await?;
    let _ = stream.set_nodelay(true);
    let console = Console::new(ui, false);
    console.notice(&format!("connected to {peer}"));
    let mut input = spawn_input(args.opts.max_line as usize);
    let end = talk(stream, peer, &args.opts, &console, &mut input, First::Me).await;
    if let Ok(end) = &end {
        console.notice(&format!(
            "disconnected ({})",
            end.describe(args.opts.idle_timeout)
        ));
    }
    console.close();
    end.map(|_| exit::OK)
}
