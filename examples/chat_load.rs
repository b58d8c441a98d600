//! Load generator for chat rooms (`netkit chat server --room`, `ncat --chat`), used by
//! bench/chat.sh: N clients connect, each sends M lines, and every client counts the lines it
//! receives carrying the benchmark marker. Prints one line:
//! `clients=N messages=M expected=E delivered=D seconds=S rate=R` (rate: deliveries per second).
//!
//! Usage: cargo run --release --example chat_load -- ADDR CLIENTS MESSAGES TIMEOUT_SECS

#[path = "common/deliveries.rs"]
mod deliveries;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const MARKER: &[u8] = b"~bench~";

fn count_marked(buf: &[u8], carry: &mut Vec<u8>) -> u64 {
    // Lines may be cut by reads: keep the unfinished tail.
    carry.extend_from_slice(buf);
    let mut n = 0;
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', carry) {
        if memchr::memmem::find(&carry[start..i], MARKER).is_some() {
            n += 1;
        }
        start = i + 1;
    }
    carry.drain(..start);
    n
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 5 {
        eprintln!("usage: chat_load ADDR CLIENTS MESSAGES TIMEOUT_SECS");
        std::process::exit(2);
    }
    let addr = args[1].clone();
    let clients: u64 = args[2].parse().expect("CLIENTS");
    let messages: u64 = args[3].parse().expect("MESSAGES");
    let timeout = Duration::from_secs(args[4].parse().expect("TIMEOUT_SECS"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let delivered = Arc::new(AtomicU64::new(0));
        let mut writers = Vec::new();
        for i in 0..clients {
            let stream = loop {
                match TcpStream::connect(&addr).await {
                    Ok(s) => break s,
                    Err(e) => {
                        eprintln!("connect {i}: {e}; retrying");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                }
            };
            let _ = stream.set_nodelay(true);
            let (mut r, w) = stream.into_split();
            let d = delivered.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 65536];
                let mut carry = Vec::new();
                while let Ok(n) = r.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                    let k = count_marked(&buf[..n], &mut carry);
                    d.fetch_add(k, Ordering::Relaxed);
                }
            });
            writers.push(w);
            if i % 50 == 49 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        // Let the join announcements settle.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let expected = clients * messages * (clients - 1);
        let start = Instant::now();
        for (i, mut w) in writers.into_iter().enumerate() {
            tokio::spawn(async move {
                for j in 0..messages {
                    let line = format!("{} c{i} m{j} hello everyone\n", "~bench~");
                    if w.write_all(line.as_bytes()).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
                // Keep the connection open until the end.
                tokio::time::sleep(Duration::from_secs(3600)).await;
                drop(w);
            });
        }
        let (d, secs) = deliveries::wait(&delivered, expected, start, timeout).await;
        println!(
            "clients={clients} messages={messages} expected={expected} delivered={d} seconds={secs:.3} rate={:.0}",
            d as f64 / secs
        );
        std::process::exit(0);
    });
}
