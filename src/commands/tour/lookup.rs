//! The tour's one DNS lookup: a single A query over UDP to the first server the system's
//! resolver is configured with, timed, waiting at most [`DNS_TIMEOUT`]. Nothing else is asked,
//! and nothing is sent anywhere but that server.

use std::io;
use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::time::{Duration, Instant};

use hickory_resolver::proto::rr::RecordType;

use super::facts::Lookup;
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::util::random::unpredictable_u32;
use crate::wire::dns::message;
use crate::wire::dns::query::QueryWriter;
use crate::wire::dns::types::{Rcode, Type};

/// How long the lookup waits for the server's answer.
pub const DNS_TIMEOUT: Duration = Duration::from_secs(2);

/// Asks `server` (port 53) for the A records of `name`, waiting at most `timeout`.
pub fn look_up(server: IpAddr, name: &str, timeout: Duration) -> Result<Lookup> {
    let what = || t!("tour-dns-asking", name = name, server = server);
    let failed = |e: io::Error| Error::io(what(), e);
    let bind: SocketAddr = match server {
        IpAddr::V4(_) => (std::net::Ipv4Addr::UNSPECIFIED, 0).into(),
        IpAddr::V6(_) => (std::net::Ipv6Addr::UNSPECIFIED, 0).into(),
    };
    let sock = UdpSocket::bind(bind).map_err(failed)?;
    sock.connect((server, 53)).map_err(failed)?;
    let id = unpredictable_u32() as u16;
    let mut writer = QueryWriter::new();
    let query = writer
        .encode(id, name, RecordType::A)
        .ok_or_else(|| Error::bad(t!("name-what"), name, t!("tour-bad-name")))?;
    let start = Instant::now();
    sock.send(query).map_err(failed)?;
    let deadline = start + timeout;
    let mut buf = vec![0u8; 65535];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(failed(io::Error::new(
                io::ErrorKind::TimedOut,
                t!(
                    "tour-dns-timeout",
                    time = crate::util::time::human_duration(timeout)
                )
                .to_string(),
            )));
        }
        sock.set_read_timeout(Some(left)).map_err(failed)?;
        let n = match sock.recv(&mut buf) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                continue;
            }
            Err(e) => return Err(failed(e)),
        };
        let took = start.elapsed();
        // Only the answer to this query counts: same id, same question.
        let Ok(msg) = message::read(&buf[..n]) else {
            continue;
        };
        if msg.header.id != id || !msg.answers(name, RecordType::A) {
            continue;
        }
        let addresses = msg
            .answer
            .iter()
            .filter(|r| r.rtype == RecordType::A)
            .filter_map(|r| <[u8; 4]>::try_from(r.rdata.as_slice()).ok())
            .map(IpAddr::from)
            .collect();
        return Ok(Lookup {
            name: name.trim_end_matches('.').to_string(),
            server,
            rtype: Type(RecordType::A),
            rcode: Rcode(msg.rcode()),
            answers: msg.answer,
            addresses,
            took_ms: took.as_secs_f64() * 1e3,
        });
    }
}
