//! What a room's hub and its members' connections say to each other, whichever way a member is
//! connected: a TCP client (C/S: a program the user installed) or a browser (B/S: the page the
//! room serves, over a WebSocket).
//!
//! The hub hears [`Event`]s and sends each member [`Out`] items through its bounded queue. What
//! the room says is typed ([`Said`]) and rendered once per event into a [`Delivery`] holding both
//! forms, the newline-terminated line a TCP client reads and the JSON frame the page reads, so a
//! thousand members share one allocation.

use std::net::SocketAddr;

use axum::extract::ws::{CloseCode, Utf8Bytes, WebSocket, close_code};
use serde::Serialize;
use tokio::net::TcpStream;

/// How a member is connected: the primer's two architectures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// A client program over TCP (`netkit chat client`, the primer's Python client, nc).
    Tcp,
    /// The room's web page in a browser, over a WebSocket.
    Browser,
}

impl Via {
    /// The words `/who` uses.
    pub fn words(self) -> &'static str {
        match self {
            Via::Tcp => "TCP client",
            Via::Browser => "browser",
        }
    }
}

/// A new connection for the hub.
#[derive(Debug)]
pub enum Conn {
    /// Accepted on the TCP listener.
    Tcp(TcpStream),
    /// Upgraded to a WebSocket on `/ws`, its Origin checked.
    Web(Box<WebSocket>),
}

/// What the hub hears about.
#[derive(Debug)]
pub enum Event {
    /// A connection wants to join.
    Accepted(Conn, SocketAddr),
    /// A member sent a line.
    Line(u64, String),
    /// A TCP member sent a line over `--max-line` (dropped; the member stays).
    TooLong(u64),
    /// A member's connection ended, and why.
    Left(u64, String),
    /// A browser member broke the rules of its socket (a message over `--max-line`, binary
    /// data, text that is not UTF-8, a protocol error): it is closed so, and why.
    Broke(u64, Closing, String),
    /// A WebSocket request was refused before it joined (for the operator's console).
    Refused(SocketAddr, String),
}

/// Why a member left when it closed its connection.
pub const CLOSED: &str = "closed the connection";

/// One member as the page's member list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Whois {
    /// Its nick.
    pub nick: String,
    /// How it is connected.
    pub via: Via,
    /// Where from.
    pub addr: SocketAddr,
}

/// Something the room says to a member, typed; rendered by [`Delivery::new`].
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Said {
    /// `<from> text`.
    Message { from: String, text: String },
    /// `* text`: an answer, a warning or news that changes no one's membership.
    Notice { text: String },
    /// The first line to a new browser member: its nick and who is here (the first part of the
    /// list; [`Said::Members`] follow with the rest).
    Welcome {
        text: String,
        you: String,
        members: Vec<Whois>,
        max_line: u32,
    },
    /// More of the member list, right after the welcome (for the page only).
    Members { members: Vec<Whois> },
    /// Someone joined.
    Joined { text: String, member: Whois },
    /// Someone left.
    Left { text: String, nick: String },
    /// Someone took another nick.
    Renamed {
        text: String,
        old: String,
        new: String,
    },
}

impl Said {
    /// A notice.
    pub fn notice(text: impl Into<String>) -> Self {
        Said::Notice { text: text.into() }
    }

    /// The line a TCP client reads, without its newline.
    pub fn line(&self) -> String {
        match self {
            Said::Members { members } => format!("* {} more here", members.len()),
            Said::Message { from, text } => format!("<{from}> {text}"),
            Said::Notice { text }
            | Said::Welcome { text, .. }
            | Said::Joined { text, .. }
            | Said::Left { text, .. }
            | Said::Renamed { text, .. } => format!("* {text}"),
        }
    }
}

/// One thing the room says, in both forms.
#[derive(Debug)]
pub struct Delivery {
    /// For TCP clients: one line with its newline.
    pub line: Box<str>,
    /// For the page: one JSON text frame.
    pub frame: Utf8Bytes,
}

impl Delivery {
    /// Renders `said` for a TCP member only (no frame).
    pub fn line_only(said: &Said) -> Self {
        let mut line = said.line();
        line.push('\n');
        Delivery {
            line: line.into(),
            frame: Utf8Bytes::default(),
        }
    }

    /// Renders `said` for both kinds of member.
    pub fn new(said: &Said) -> Self {
        let mut line = said.line();
        line.push('\n');
        // Serializing plain strings and numbers cannot fail.
        let frame = serde_json::to_string(said).unwrap_or_default();
        Delivery {
            line: line.into(),
            frame: Utf8Bytes::from(frame),
        }
    }
}

/// An item of a member's queue.
#[derive(Debug)]
pub enum Out {
    /// Something said, shared among the members it goes to.
    Say(std::sync::Arc<Delivery>),
    /// The last item: close the WebSocket with this code and reason (a TCP connection is just
    /// closed).
    Close(Closing),
}

/// Why the room closes a browser member's WebSocket, other than its leaving (code 1000).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    /// A message or frame over `--max-line`: 1009.
    TooBig,
    /// Binary data: 1003.
    Binary,
    /// Text that is not UTF-8: 1007.
    BadText,
    /// A frame against the WebSocket protocol: 1002.
    Protocol,
    /// The room closed: 1001.
    RoomClosed,
    /// The room is full: 1013 (try again later).
    Full,
}

impl Closing {
    /// The close code and reason sent in the close frame.
    pub fn frame(self) -> (CloseCode, &'static str) {
        match self {
            Closing::TooBig => (close_code::SIZE, "message too big"),
            Closing::Binary => (close_code::UNSUPPORTED, "text only"),
            Closing::BadText => (close_code::INVALID, "invalid UTF-8"),
            Closing::Protocol => (close_code::PROTOCOL, "protocol error"),
            Closing::RoomClosed => (close_code::AWAY, "the room closed"),
            Closing::Full => (close_code::AGAIN, "the room is full"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A queue slot is what a member's backlog costs per line: no bigger than the `Arc<str>`
    /// a TCP room queued before browsers joined it.
    #[test]
    fn a_queue_slot_is_two_words() {
        assert!(std::mem::size_of::<Out>() <= 16);
    }

    #[test]
    fn both_forms_of_what_is_said() {
        let d = Delivery::new(&Said::Message {
            from: "ann".into(),
            text: "<img src=x onerror=alert(1)> \"hi\"".into(),
        });
        assert_eq!(&*d.line, "<ann> <img src=x onerror=alert(1)> \"hi\"\n");
        let v: serde_json::Value = serde_json::from_str(d.frame.as_str()).unwrap();
        assert_eq!(v["type"], "message");
        assert_eq!(v["from"], "ann");
        assert_eq!(v["text"], "<img src=x onerror=alert(1)> \"hi\"");
        let joined = Delivery::new(&Said::Joined {
            text: "bob joined from a browser".into(),
            member: Whois {
                nick: "bob".into(),
                via: Via::Browser,
                addr: "127.0.0.1:5000".parse().unwrap(),
            },
        });
        assert_eq!(&*joined.line, "* bob joined from a browser\n");
        let v: serde_json::Value = serde_json::from_str(joined.frame.as_str()).unwrap();
        assert_eq!(v["member"]["via"], "browser");
        assert_eq!(v["member"]["addr"], "127.0.0.1:5000");
    }
}
