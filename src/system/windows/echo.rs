//! `ping` and `trace` on Windows without Administrator: IcmpSendEcho2 and Icmp6SendEcho2, the
//! IP Helper API's echo requests (what ping.exe and tracert.exe use). Each call sends one
//! request and waits for its answer, so each request waits on a thread of its own and hands
//! what came back to [`EchoSocket::recv_until`] through a channel: many requests in flight at
//! once, as `trace` wants. The TTL is the request's own (IP_OPTION_INFORMATION), so a trace
//! changes it per probe. Windows matches replies to requests itself: what comes back is ours.

use std::io;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Instant;

use crate::error::{Error, Result};
use crate::i18n::t;
use crate::system::icmp::{EchoOptions, EchoSocket, Heard, SocketKind};
use crate::wire::icmp_echo::IcmpError;

use super::ffi::{Icmp, RawEcho};
use super::handoff::wait_for;

/// How long one request waits for its answer: longer than any wait `ping` or `trace` asks for.
const REQUEST_WAIT_MS: u32 = 10_000;

/// Echo requests toward one destination through the IP Helper API.
#[derive(Debug)]
pub struct IcmpSocket {
    icmp: Arc<Icmp>,
    dest: IpAddr,
    scope_id: u32,
    ttl: Option<u8>,
    tx: Sender<io::Result<(Heard, Instant)>>,
    rx: Receiver<io::Result<(Heard, Instant)>>,
}

impl IcmpSocket {
    /// Opens an ICMP handle toward `dest` (no privilege needed).
    pub fn open(dest: IpAddr, options: EchoOptions<'_>) -> Result<IcmpSocket> {
        if options.interface.is_some() {
            return Err(Error::Unsupported {
                what: t!("windows-echo-interface").into(),
                os: "Windows",
            });
        }
        let icmp = Icmp::open(dest.is_ipv6())
            .map_err(|e| Error::io(t!("doing-opening-icmp-handle"), e))?;
        let (tx, rx) = channel();
        Ok(IcmpSocket {
            icmp,
            dest,
            scope_id: options.scope_id,
            ttl: options.ttl,
            tx,
            rx,
        })
    }

    /// The IP Helper API sends the echo requests (no privilege needed).
    pub fn kind(&self) -> SocketKind {
        SocketKind::IcmpApi
    }
}

/// What an IP_STATUS other than success says about a request.
fn status_error(v6: bool, status: u32) -> Option<IcmpError> {
    Some(match status {
        11002 | 11012 => IcmpError::NetUnreachable,
        11003 => IcmpError::HostUnreachable,
        // 11004 is "protocol unreachable" for ICMP, "prohibited" for ICMPv6.
        11004 if v6 => IcmpError::Prohibited,
        11004 => IcmpError::ProtocolUnreachable,
        11005 => IcmpError::PortUnreachable,
        11009 => IcmpError::PacketTooBig,
        11013 => IcmpError::TtlExceeded,
        11014 => IcmpError::ReassemblyTimeExceeded,
        11015 => IcmpError::ParameterProblem,
        11016 => IcmpError::SourceQuench,
        11040 | 11045 => IcmpError::Unreachable,
        _ => return None,
    })
}

/// What one request's outcome is heard as; None for nothing (no answer, or a failure nobody
/// sent).
pub(super) fn heard(v6: bool, seq: u16, outcome: RawEcho) -> Option<Heard> {
    match outcome {
        RawEcho::Reply { from, ttl, data } => Some(Heard::Reply {
            from,
            seq,
            bytes: data.len() + 8,
            ttl,
            data,
        }),
        RawEcho::Status { from, status } if !from.is_unspecified() => {
            status_error(v6, status).map(|error| Heard::Error { from, seq, error })
        }
        RawEcho::Status { .. } => None,
    }
}

impl EchoSocket for IcmpSocket {
    fn send(&mut self, seq: u16, payload: &[u8]) -> io::Result<()> {
        let (icmp, tx, data) = (Arc::clone(&self.icmp), self.tx.clone(), payload.to_vec());
        let (dest, scope_id, ttl) = (self.dest, self.scope_id, self.ttl);
        std::thread::Builder::new()
            .name("echo".into())
            .spawn(move || {
                let outcome = icmp.echo(dest, scope_id, &data, ttl, REQUEST_WAIT_MS);
                let at = Instant::now();
                let sent = match outcome {
                    Ok(Some(o)) => match heard(dest.is_ipv6(), seq, o) {
                        Some(h) => Ok((h, at)),
                        None => return,
                    },
                    Ok(None) => return,
                    Err(e) => Err(e),
                };
                // The socket may be gone: nobody is listening any more.
                let _ = tx.send(sent);
            })
            .map(|_| ())
    }

    fn set_ttl(&mut self, ttl: u8) -> io::Result<()> {
        self.ttl = Some(ttl);
        Ok(())
    }

    fn recv_until(&mut self, deadline: Instant) -> io::Result<Option<(Heard, Instant)>> {
        wait_for(&self.rx, deadline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 29 section 2: what IcmpSendEcho2 answered, as ping and trace hear it: a reply with
    /// its TTL, a router's "TTL expired in transit", and a failure nobody sent (heard as nothing).
    #[test]
    fn outcomes_as_heard() {
        let router: IpAddr = "198.51.100.1".parse().unwrap();
        let reply = heard(
            false,
            7,
            RawEcho::Reply {
                from: "203.0.113.9".parse().unwrap(),
                ttl: Some(62),
                data: vec![1, 2, 3, 4],
            },
        );
        assert_eq!(
            reply,
            Some(Heard::Reply {
                from: "203.0.113.9".parse().unwrap(),
                seq: 7,
                bytes: 12,
                ttl: Some(62),
                data: vec![1, 2, 3, 4],
            })
        );
        let expired = heard(
            false,
            8,
            RawEcho::Status {
                from: router,
                status: 11013,
            },
        );
        assert_eq!(
            expired,
            Some(Heard::Error {
                from: router,
                seq: 8,
                error: IcmpError::TtlExceeded
            })
        );
        let nobody = RawEcho::Status {
            from: "0.0.0.0".parse().unwrap(),
            status: 11003,
        };
        assert_eq!(heard(false, 9, nobody), None);
        assert_eq!(status_error(true, 11004), Some(IcmpError::Prohibited));
        assert_eq!(
            status_error(false, 11004),
            Some(IcmpError::ProtocolUnreachable)
        );
    }
}
