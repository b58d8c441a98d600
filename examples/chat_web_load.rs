//! Load generator for a chat room with browser members (`netkit chat server --room --web`), used
//! by bench/chat_web.sh: T TCP clients connect to the room's TCP port and W WebSocket clients to
//! its `/ws` (as the page does), each sends M lines, and every member counts what it receives
//! carrying the benchmark marker (lines for TCP clients, JSON objects, one per line of a
//! message, for WebSocket ones). Prints
//! one line: `tcp=T web=W messages=M expected=E delivered=D seconds=S rate=R`
//! (rate: deliveries per second, until the last delivery).
//!
//! Usage: cargo run --release --example chat_web_load -- TCP_ADDR WEB_ADDR T W M TIMEOUT_SECS

#[path = "common/deliveries.rs"]
mod deliveries;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;

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

async fn connect(addr: &str, what: &str) -> TcpStream {
    loop {
        match TcpStream::connect(addr).await {
            Ok(s) => {
                let _ = s.set_nodelay(true);
                return s;
            }
            Err(e) => {
                eprintln!("connect {what}: {e}; retrying");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 7 {
        eprintln!(
            "usage: chat_web_load TCP_ADDR WEB_ADDR TCP_CLIENTS WEB_CLIENTS MESSAGES TIMEOUT_SECS"
        );
        std::process::exit(2);
    }
    let (tcp_addr, web_addr) = (args[1].clone(), args[2].clone());
    let tcp: u64 = args[3].parse().expect("TCP_CLIENTS");
    let web: u64 = args[4].parse().expect("WEB_CLIENTS");
    let messages: u64 = args[5].parse().expect("MESSAGES");
    let timeout = Duration::from_secs(args[6].parse().expect("TIMEOUT_SECS"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let delivered = Arc::new(AtomicU64::new(0));
        // One sender per member: TCP write halves take lines, WebSocket sinks take messages.
        let mut senders: Vec<mpsc::Sender<String>> = Vec::new();
        for i in 0..tcp.max(web) {
            if i < tcp {
                let (mut r, mut w) = connect(&tcp_addr, "tcp").await.into_split();
                let d = delivered.clone();
                tokio::spawn(async move {
                    let mut buf = vec![0u8; 65536];
                    let mut carry = Vec::new();
                    while let Ok(n) = r.read(&mut buf).await {
                        if n == 0 {
                            break;
                        }
                        d.fetch_add(count_marked(&buf[..n], &mut carry), Ordering::Relaxed);
                    }
                });
                let (tx, mut rx) = mpsc::channel::<String>(16);
                tokio::spawn(async move {
                    while let Some(line) = rx.recv().await {
                        if w.write_all(format!("{line}\n").as_bytes()).await.is_err() {
                            return;
                        }
                    }
                    // Keep the connection open until the end.
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    drop(w);
                });
                senders.push(tx);
            }
            if i < web {
                let stream = connect(&web_addr, "web").await;
                let url = format!("ws://{web_addr}/ws");
                let (ws, _) = tokio_tungstenite::client_async(url, stream)
                    .await
                    .expect("WebSocket handshake");
                let (mut sink, mut stream) = ws.split();
                let d = delivered.clone();
                tokio::spawn(async move {
                    while let Some(Ok(m)) = stream.next().await {
                        // One JSON object per line of a message; the marker once in each.
                        if let Message::Text(t) = m {
                            let n = memchr::memmem::find_iter(t.as_bytes(), MARKER).count();
                            d.fetch_add(n as u64, Ordering::Relaxed);
                        }
                    }
                });
                let (tx, mut rx) = mpsc::channel::<String>(16);
                tokio::spawn(async move {
                    while let Some(line) = rx.recv().await {
                        if sink.send(Message::text(line)).await.is_err() {
                            return;
                        }
                    }
                    tokio::time::sleep(Duration::from_secs(3600)).await;
                    drop(sink);
                });
                senders.push(tx);
            }
            if i % 50 == 49 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        // Let the join announcements settle.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let members = tcp + web;
        let expected = members * messages * (members - 1);
        let start = Instant::now();
        for (i, tx) in senders.into_iter().enumerate() {
            tokio::spawn(async move {
                for j in 0..messages {
                    let line = format!("~bench~ c{i} m{j} hello everyone");
                    if tx.send(line).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(1)).await;
                }
            });
        }
        let (d, secs) = deliveries::wait(&delivered, expected, start, timeout).await;
        println!(
            "tcp={tcp} web={web} messages={messages} expected={expected} delivered={d} seconds={secs:.3} rate={:.0}",
            d as f64 / secs
        );
        std::process::exit(0);
    });
}
