//! Host names to addresses with the system resolver (hosts file, then DNS, as the C library
//! asks), with a deadline of netkit's own: getaddrinfo has none. Used by `route get`, `flow` and
//! `ping`.

use std::io;
use std::net::{IpAddr, ToSocketAddrs};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::net::endpoint::Host;
use crate::util::time::human_duration;

/// Resolves DEST (an IP or a host name) with the system resolver, waiting at most `timeout`:
/// the address to use and every address found (empty for an IP), or why the name has none (a
/// negative answer, not an error). An IP of the other family than `-4`/`-6` ask for is refused.
pub fn resolve(
    dest: &Host,
    ipv4_only: bool,
    ipv6_only: bool,
    timeout: Duration,
) -> Result<std::result::Result<(IpAddr, Vec<IpAddr>), String>> {
    let wanted = |a: &IpAddr| !(ipv4_only && a.is_ipv6() || ipv6_only && a.is_ipv4());
    let dest = match dest {
        Host::Ip(ip) if !wanted(ip) => {
            return Err(Error::Usage(format!(
                "{ip} is an {} address, but {} asks for {}",
                if ip.is_ipv4() { "IPv4" } else { "IPv6" },
                if ipv4_only { "-4" } else { "-6" },
                if ipv4_only { "IPv4" } else { "IPv6" },
            )));
        }
        Host::Ip(ip) => return Ok(Ok((*ip, Vec::new()))),
        Host::Name(name) => name.as_str(),
    };
    // getaddrinfo has no deadline of its own (a resolver that drips its answer holds it for a
    // minute and more): it runs on a thread of its own, left behind when the time is up.
    let (tx, rx) = std::sync::mpsc::channel();
    let name = dest.to_string();
    std::thread::Builder::new()
        .name("netkit-resolve".into())
        .spawn(move || {
            let _ = tx.send((name.as_str(), 0u16).to_socket_addrs().map(Vec::from_iter));
        })
        .map_err(|e| Error::internal("starting the name lookup", e))?;
    let found = match rx.recv_timeout(timeout) {
        Ok(found) => found,
        Err(_) => {
            return Err(Error::io(
                format!("resolving {dest}"),
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "the system resolver gave no answer within {}",
                        human_duration(timeout)
                    ),
                ),
            ));
        }
    };
    match found {
        Ok(addrs) => {
            let all: Vec<IpAddr> = addrs.iter().map(|s| s.ip()).fold(Vec::new(), |mut v, a| {
                if !v.contains(&a) {
                    v.push(a);
                }
                v
            });
            match all.iter().copied().find(wanted) {
                Some(a) => Ok(Ok((a, all))),
                None => Ok(Err(format!(
                    "{dest} has no {} address",
                    if ipv4_only { "IPv4" } else { "IPv6" }
                ))),
            }
        }
        Err(e) => {
            let text = e.to_string();
            if text.contains("not known") || text.contains("No address associated") {
                Ok(Err(format!(
                    "the system resolver has no address for {dest} (netkit dns {dest} asks DNS \
                     and shows its answer)"
                )))
            } else {
                Err(Error::io(format!("resolving {dest}"), e))
            }
        }
    }
}
