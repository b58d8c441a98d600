//! UDP datagrams one per system call, for a system without a call that moves many (Linux has
//! sendmmsg and recvmmsg; see the backend): the same batches, sent and received one datagram at
//! a time on the non-blocking socket until it would block. Portable (socket2).

use std::io::{self, Read};

use socket2::SockRef;
use tokio::net::UdpSocket;

/// Winsock's "message too long": a datagram longer than the buffer it was read into.
const WSAEMSGSIZE: i32 = 10040;

/// Datagrams moved per call at most.
pub const BATCH: usize = 64;

/// Batches of datagrams, one system call each.
#[derive(Debug, Default)]
pub struct OneByOne;

impl OneByOne {
    /// No headers to keep.
    pub fn new() -> OneByOne {
        OneByOne
    }

    /// Sends up to [`BATCH`] of the datagrams `out[start..end]` in `spans`, in order, until the
    /// socket would block; how many went. As sendmmsg, an error after the first is left for the
    /// next call.
    pub fn send(
        &mut self,
        sock: &UdpSocket,
        out: &[u8],
        spans: &[(usize, usize)],
    ) -> io::Result<usize> {
        let s = SockRef::from(sock);
        let mut sent = 0;
        for &(start, end) in spans.iter().take(BATCH) {
            match s.send(&out[start..end]) {
                Ok(_) => sent += 1,
                Err(_) if sent > 0 => break,
                Err(e) => return Err(e),
            }
        }
        Ok(sent)
    }

    /// Receives what is there, up to [`BATCH`] datagrams, one into each `each`-byte chunk of
    /// `buf`; each one's length and whether it may have been cut go into `lens`. Without the
    /// kernel's MSG_TRUNC, a datagram that fills its chunk counts as cut.
    pub fn recv(
        &mut self,
        sock: &UdpSocket,
        buf: &mut [u8],
        each: usize,
        lens: &mut Vec<(usize, bool)>,
    ) -> io::Result<usize> {
        lens.clear();
        let s = SockRef::from(sock);
        for chunk in buf.chunks_exact_mut(each.max(1)).take(BATCH) {
            match (&*s).read(chunk) {
                Ok(n) => lens.push((n, n == chunk.len())),
                // Windows fills the chunk and says WSAEMSGSIZE for a longer datagram (the rest is
                // gone): a cut datagram, not an error. Found under Wine (issue 29 section 3).
                Err(e) if cfg!(windows) && e.raw_os_error() == Some(WSAEMSGSIZE) => {
                    lens.push((chunk.len(), true));
                }
                Err(_) if !lens.is_empty() => break,
                Err(e) => return Err(e),
            }
        }
        Ok(lens.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 29.1: the one-datagram fallback of the bulk DNS engine moves whole batches, says
    /// WouldBlock when nothing is there, and flags a datagram too long for its chunk as cut.
    #[test]
    fn moves_batches_one_datagram_at_a_time() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let a = UdpSocket::bind("127.0.0.1:0").await.unwrap();
            let b = UdpSocket::bind("127.0.0.1:0").await.unwrap();
            a.connect(b.local_addr().unwrap()).await.unwrap();
            b.connect(a.local_addr().unwrap()).await.unwrap();
            let mut io = OneByOne::new();
            let out = b"onetwothree-and-more";
            let spans = [(0, 3), (3, 6), (6, 20)];
            assert_eq!(io.send(&a, out, &spans).unwrap(), 3);
            let mut buf = vec![0u8; 4 * 8];
            let mut lens = Vec::new();
            let mut got = Vec::new();
            while got.len() < 3 {
                match b.try_io(tokio::io::Interest::READABLE, || {
                    io.recv(&b, &mut buf, 8, &mut lens)
                }) {
                    Ok(_) => got.extend(lens.iter().copied()),
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        b.readable().await.unwrap();
                    }
                    Err(e) => panic!("{e}"),
                }
            }
            assert_eq!(got, [(3, false), (3, false), (8, true)]);
            let e = io.recv(&b, &mut buf, 8, &mut lens).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
        });
    }
}
