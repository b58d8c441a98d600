//! Host names to addresses with the system resolver (hosts file, then DNS, as the C library
//! asks), with a deadline of netkit's own: getaddrinfo has none. Used by `route get`, `flow`,
//! `ping` and `trace`; and addresses to names ([`Names`] for `trace`, [`reverse_many`] for the
//! hosts of `arp scan --resolve`).

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};

use dns_lookup::{AddrInfoHints, LookupError, LookupErrorKind};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::i18n::{Message, t};
use crate::net::endpoint::{Host, destination};
use crate::util::time::human_duration;

/// Resolves DEST (an IP or a host name) with the system resolver, waiting at most `timeout`:
/// the address to use and every address found (empty for an IP), or why the name has none (a
/// negative answer, not an error). An IP of the other family than `-4`/`-6` ask for is refused.
pub fn resolve(
    dest: &Host,
    ipv4_only: bool,
    ipv6_only: bool,
    timeout: Duration,
) -> Result<std::result::Result<(IpAddr, Vec<IpAddr>), Message>> {
    let wanted = |a: &IpAddr| !(ipv4_only && a.is_ipv6() || ipv6_only && a.is_ipv4());
    let dest = match dest {
        Host::Ip(ip) if !wanted(ip) => {
            return Err(Error::usage(t!(
                "lookup-wrong-family",
                address = ip,
                family = if ip.is_ipv4() { "IPv4" } else { "IPv6" },
                flag = if ipv4_only { "-4" } else { "-6" },
                wanted = if ipv4_only { "IPv4" } else { "IPv6" }
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
            let _ = tx.send(system_lookup(&name));
        })
        .map_err(|e| Error::internal(t!("doing-starting-name-lookup"), e))?;
    let found = match rx.recv_timeout(timeout) {
        Ok(found) => found,
        Err(_) => {
            return Err(Error::io(
                t!("lookup-resolving", name = dest),
                io::Error::new(
                    io::ErrorKind::TimedOut,
                    crate::error::Cause(
                        t!("lookup-no-answer-within", time = human_duration(timeout)).into(),
                    ),
                ),
            ));
        }
    };
    match found {
        Ok(addrs) => {
            let all: Vec<IpAddr> = addrs.into_iter().fold(Vec::new(), |mut v, a| {
                if !v.contains(&a) {
                    v.push(a);
                }
                v
            });
            match all.iter().copied().find(wanted) {
                Some(a) => Ok(Ok((a, all))),
                None => Ok(Err(t!(
                    "lookup-no-family",
                    name = dest,
                    family = if ipv4_only { "IPv4" } else { "IPv6" }
                ))),
            }
        }
        // What getaddrinfo said, by its code (its words are in the user's language and vary
        // between C libraries): a name without an address, and a resolver that got no usable
        // answer, are negative answers in words; anything else is an error of the system.
        Err(e) => match e.kind() {
            LookupErrorKind::NoName | LookupErrorKind::NoData => {
                Ok(Err(t!("lookup-no-name", name = dest)))
            }
            LookupErrorKind::Again => Ok(Err(t!("lookup-again", name = dest))),
            LookupErrorKind::Fail => Ok(Err(t!("lookup-fail", name = dest))),
            _ => Err(Error::io(t!("lookup-resolving", name = dest), e.into())),
        },
    }
}

/// The addresses of `name` by the system resolver (getaddrinfo, as the C library asks it: hosts
/// file, then DNS), once per address and socket type.
fn system_lookup(name: &str) -> std::result::Result<Vec<IpAddr>, LookupError> {
    let hints = AddrInfoHints {
        socktype: dns_lookup::SockType::Stream.into(),
        ..AddrInfoHints::default()
    };
    let found = dns_lookup::getaddrinfo(Some(name), None, Some(hints))?;
    Ok(found
        .filter_map(|a| a.ok())
        .map(|a| a.sockaddr.ip())
        .collect())
}

/// DEST of a command that needs one address (`ping`, `trace`): the address [`resolve`] picks,
/// a name without one being bad input (exit 2).
pub fn resolve_dest(
    dest: &Host,
    ipv4_only: bool,
    ipv6_only: bool,
    timeout: Duration,
) -> Result<IpAddr> {
    match resolve(dest, ipv4_only, ipv6_only, timeout)? {
        Ok((address, _)) => Ok(address),
        Err(reason) => Err(Error::bad(destination(), dest.to_string(), reason)),
    }
}

/// The most reverse lookups one [`Names`] runs (a trace meets a few dozen addresses at most;
/// past this, addresses are shown without a name).
pub const MAX_NAMES: usize = 256;

/// Reverse lookups with the system resolver (hosts file, then a PTR query: getnameinfo), each
/// on a thread of its own, so that many run at once and none holds up the caller, which asks
/// for what has come so far.
#[derive(Debug, Default)]
pub struct Names {
    /// Address → its name (None: it has none, or the lookup failed); absent: still asked.
    done: Arc<Mutex<HashMap<IpAddr, Option<String>>>>,
    /// Every address asked, in order.
    asked: Vec<IpAddr>,
}

impl Names {
    /// No lookups yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts looking up `ip`, unless it was asked before (or [`MAX_NAMES`] were).
    pub fn ask(&mut self, ip: IpAddr) {
        if self.asked.contains(&ip) || self.asked.len() >= MAX_NAMES {
            return;
        }
        self.asked.push(ip);
        let done = Arc::clone(&self.done);
        let started = std::thread::Builder::new()
            .name("netkit-reverse".into())
            .spawn(move || {
                let name = reverse(ip);
                done.lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(ip, name);
            });
        if started.is_err() {
            self.done
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(ip, None);
        }
    }

    /// The name of `ip`, when its lookup came back with one.
    pub fn get(&self, ip: IpAddr) -> Option<String> {
        self.done
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&ip)
            .cloned()
            .flatten()
    }

    /// Waits until every lookup asked has come back, or `deadline` passes.
    pub fn wait(&self, deadline: Instant) {
        loop {
            let pending = {
                let done = self.done.lock().unwrap_or_else(|p| p.into_inner());
                self.asked.iter().any(|a| !done.contains_key(a))
            };
            if !pending || Instant::now() >= deadline {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

/// The names of many addresses ([`reverse`] for each), looked up `workers` at a time on threads
/// of their own, waiting until `deadline` at most: the names in the order of `ips` (None: none,
/// or not back in time). `tick` hears how many have come back, now and then while waiting.
/// Lookups still running at the deadline are left behind (getnameinfo cannot be cancelled);
/// no new one starts after it.
pub fn reverse_many(
    ips: &[IpAddr],
    workers: usize,
    deadline: Instant,
    tick: &mut dyn FnMut(usize),
) -> Vec<Option<String>> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let mut names = vec![None; ips.len()];
    if ips.is_empty() {
        return names;
    }
    let list: Arc<Vec<IpAddr>> = Arc::new(ips.to_vec());
    let next = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = std::sync::mpsc::channel();
    let mut running = 0;
    for _ in 0..workers.clamp(1, ips.len()) {
        let (list, next, stop, tx) = (list.clone(), next.clone(), stop.clone(), tx.clone());
        let started = std::thread::Builder::new()
            .name("netkit-reverse".into())
            .spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&ip) = list.get(i) else { break };
                    if tx.send((i, reverse(ip))).is_err() {
                        break;
                    }
                }
            });
        running += usize::from(started.is_ok());
    }
    drop(tx);
    if running == 0 {
        return names;
    }
    let mut back = 0;
    while back < ips.len() {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        match rx.recv_timeout((deadline - now).min(Duration::from_millis(100))) {
            Ok((i, name)) => {
                names[i] = name;
                back += 1;
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        }
        tick(back);
    }
    stop.store(true, Ordering::Relaxed);
    names
}

/// The name the system resolver has for `ip`, without the root's trailing dot; None when it
/// has none (NI_NAMEREQD: never the address written out as a "name").
pub fn reverse(ip: IpAddr) -> Option<String> {
    let (name, _) =
        dns_lookup::getnameinfo(&SocketAddr::new(ip, 0), crate::system::NAME_REQUIRED).ok()?;
    let name = name.trim_end_matches('.');
    (!name.is_empty() && name.parse::<IpAddr>().is_err()).then(|| name.to_string())
}
