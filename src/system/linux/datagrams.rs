//! Many UDP datagrams per system call on a connected socket: sendmmsg(2) and recvmmsg(2), the
//! headers allocated once.

use std::io::{self, IoSlice, IoSliceMut};
use std::os::fd::AsRawFd;

use nix::sys::socket::{ControlMessage, MsgFlags, MultiHeaders, recvmmsg, sendmmsg};
use tokio::net::UdpSocket;

/// Datagrams per system call.
pub const BATCH: usize = 64;

/// The headers of [`BATCH`] messages each way.
pub struct Datagrams {
    send_headers: MultiHeaders<()>,
    recv_headers: MultiHeaders<()>,
}

impl std::fmt::Debug for Datagrams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Datagrams")
    }
}

impl Datagrams {
    /// Headers for [`BATCH`] datagrams a call.
    pub fn new() -> Datagrams {
        Datagrams {
            send_headers: MultiHeaders::preallocate(BATCH, None),
            recv_headers: MultiHeaders::preallocate(BATCH, None),
        }
    }

    /// Sends up to [`BATCH`] of the datagrams `out[start..end]` in `spans`; how many went.
    pub fn send(
        &mut self,
        sock: &UdpSocket,
        out: &[u8],
        spans: &[(usize, usize)],
    ) -> io::Result<usize> {
        let n = spans.len().min(BATCH);
        let mut spans = spans.iter();
        let iovs: [[IoSlice<'_>; 1]; BATCH] = std::array::from_fn(|_| {
            let (start, end) = spans.next().copied().unwrap_or((0, 0));
            [IoSlice::new(&out[start..end])]
        });
        let addrs = [None::<()>; BATCH];
        let none: [ControlMessage<'_>; 0] = [];
        let sent = sendmmsg(
            sock.as_raw_fd(),
            &mut self.send_headers,
            &iovs[..n],
            &addrs[..n],
            none,
            MsgFlags::MSG_DONTWAIT,
        )
        .map_err(io::Error::from)?;
        Ok(sent.count())
    }

    /// Receives what is there, up to [`BATCH`] datagrams, one into each `each`-byte chunk of
    /// `buf`; each one's length and whether it was cut (MSG_TRUNC) go into `lens`.
    pub fn recv(
        &mut self,
        sock: &UdpSocket,
        buf: &mut [u8],
        each: usize,
        lens: &mut Vec<(usize, bool)>,
    ) -> io::Result<usize> {
        lens.clear();
        let n = (buf.len() / each.max(1)).min(BATCH);
        let mut chunks = buf.chunks_exact_mut(each.max(1));
        let mut iovs: [[IoSliceMut<'_>; 1]; BATCH] =
            std::array::from_fn(|_| [IoSliceMut::new(chunks.next().unwrap_or_default())]);
        let got = recvmmsg(
            sock.as_raw_fd(),
            &mut self.recv_headers,
            iovs[..n].iter_mut(),
            MsgFlags::MSG_DONTWAIT,
            None,
        )
        .map_err(io::Error::from)?;
        for m in got {
            lens.push((m.bytes, m.flags.contains(MsgFlags::MSG_TRUNC)));
        }
        Ok(lens.len())
    }
}
