//! What hickory's resolver hears: its connections (UDP, TCP, DoT, DoH) are wrapped so that each
//! response they receive is handed, whole, to the lookups waiting for an answer to its question.
//! hickory's `Lookup` keeps a message, but not the one the server sent: records of a CNAME chain
//! it followed are merged in, DNSSEC records stripped, and an NXDOMAIN, no data, SERVFAIL or
//! REFUSED comes back as an error without any message (its name server pool turns the response
//! code into the error before the resolver sees it). So the response is taken here, as the
//! connection delivers it, before hickory reads it.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use futures_util::stream::{Stream, StreamExt};
use hickory_resolver::config::{ConnectionConfig, ProtocolConfig};
use hickory_resolver::net::NetError;
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::xfer::{DnsExchange, DnsHandle};
use hickory_resolver::proto::op::{DnsRequest, DnsResponse};
use hickory_resolver::proto::rr::{Name, RecordType};
use hickory_resolver::{ConnectionProvider, PoolContext};

use super::message::{Carried, Response};

/// A question: the name (lowercase, without the trailing dot) and the type.
type Key = (String, RecordType);

fn key(name: &Name, rtype: RecordType) -> Key {
    let mut ascii = name.to_ascii();
    ascii.make_ascii_lowercase();
    if ascii.len() > 1 && ascii.ends_with('.') {
        ascii.pop();
    }
    (ascii, rtype)
}

/// The lookups waiting on one question, and the last response to it heard meanwhile.
#[derive(Debug, Default)]
struct Waiting {
    lookups: usize,
    last: Option<Box<Response>>,
}

/// Responses heard by one resolver's connections, kept per question while a lookup listens
/// for it ([`Heard::listen`]); a response to a question nobody listens for is not kept.
#[derive(Debug, Clone, Default)]
pub struct Heard {
    waiting: Arc<Mutex<HashMap<Key, Waiting>>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Heard {
    /// Keeps the responses to `name` / `rtype` until the listener is dropped. None when the
    /// name is not one hickory would ask.
    pub fn listen(&self, name: &str, rtype: RecordType) -> Option<Listener<'_>> {
        let key = key(&Name::from_utf8(name).ok()?, rtype);
        lock(&self.waiting).entry(key.clone()).or_default().lookups += 1;
        Some(Listener { heard: self, key })
    }

    /// A response came over `transport`: kept for the lookups listening for its question (the
    /// last one wins: after a truncated UDP answer, the TCP one; after a retry, the retry's).
    fn hear(&self, response: &DnsResponse, transport: Carried) {
        let Some(q) = response.queries.first() else {
            return;
        };
        if lock(&self.waiting).is_empty() {
            return;
        }
        let key = key(q.name(), q.query_type());
        let mut waiting = lock(&self.waiting);
        let Some(w) = waiting.get_mut(&key) else {
            return;
        };
        let retried_over_tcp = transport == Carried::Tcp
            && w.last
                .as_ref()
                .is_some_and(|r| r.transport == Carried::Udp && r.message.metadata.truncation);
        w.last = Some(Box::new(Response {
            message: (**response).clone(),
            size: response.as_buffer().len(),
            transport,
            retried_over_tcp,
        }));
    }
}

/// A lookup listening for the responses to its question.
#[derive(Debug)]
pub struct Listener<'h> {
    heard: &'h Heard,
    key: Key,
}

impl Listener<'_> {
    /// The last response heard to the question (None: none came).
    pub fn last(&self) -> Option<Box<Response>> {
        let mut waiting = lock(&self.heard.waiting);
        let w = waiting.get_mut(&self.key)?;
        if w.lookups == 1 {
            w.last.take()
        } else {
            w.last.clone()
        }
    }
}

impl Drop for Listener<'_> {
    fn drop(&mut self) {
        let mut waiting = lock(&self.heard.waiting);
        if let Some(w) = waiting.get_mut(&self.key) {
            w.lookups = w.lookups.saturating_sub(1);
            if w.lookups == 0 {
                waiting.remove(&self.key);
            }
        }
    }
}

/// hickory's own connections (tokio), each wrapped in a [`Tap`] feeding `heard`.
#[derive(Clone)]
pub struct Tapped {
    runtime: TokioRuntimeProvider,
    heard: Heard,
}

impl Tapped {
    /// Connections whose responses go to `heard`.
    pub fn new(heard: Heard) -> Self {
        Tapped {
            runtime: TokioRuntimeProvider::default(),
            heard,
        }
    }
}

impl fmt::Debug for Tapped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tapped")
    }
}

impl ConnectionProvider for Tapped {
    type Conn = Tap;
    type FutureConn = Pin<Box<dyn Future<Output = Result<Tap, NetError>> + Send>>;
    type RuntimeProvider = TokioRuntimeProvider;

    fn new_connection(
        &self,
        ip: IpAddr,
        config: &ConnectionConfig,
        cx: &PoolContext,
    ) -> Result<Self::FutureConn, NetError> {
        let transport = match config.protocol {
            ProtocolConfig::Udp => Carried::Udp,
            ProtocolConfig::Tcp => Carried::Tcp,
            ProtocolConfig::Tls { .. } => Carried::Tls,
            ProtocolConfig::Https { .. } => Carried::Https,
        };
        let connecting = ConnectionProvider::new_connection(&self.runtime, ip, config, cx)?;
        let heard = self.heard.clone();
        Ok(Box::pin(async move {
            Ok(Tap {
                inner: connecting.await?,
                transport,
                heard,
            })
        }))
    }

    fn runtime_provider(&self) -> &TokioRuntimeProvider {
        &self.runtime
    }
}

/// One of hickory's connections, handing each response it receives to [`Heard`].
#[derive(Clone)]
pub struct Tap {
    inner: DnsExchange<TokioRuntimeProvider>,
    transport: Carried,
    heard: Heard,
}

impl DnsHandle for Tap {
    type Response = Pin<Box<dyn Stream<Item = Result<DnsResponse, NetError>> + Send>>;
    type Runtime = TokioRuntimeProvider;

    fn is_verifying_dnssec(&self) -> bool {
        self.inner.is_verifying_dnssec()
    }

    fn is_using_edns(&self) -> bool {
        self.inner.is_using_edns()
    }

    fn send(&self, request: DnsRequest) -> Self::Response {
        let (heard, transport) = (self.heard.clone(), self.transport);
        Box::pin(self.inner.send(request).inspect(move |r| {
            if let Ok(response) = r {
                heard.hear(response, transport);
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::op::{Message, MessageType, OpCode, Query};

    fn response(name: &str, rtype: RecordType, tc: bool) -> DnsResponse {
        let mut m = Message::new(9, MessageType::Response, OpCode::Query);
        m.add_query(Query::query(Name::from_ascii(name).unwrap(), rtype));
        m.metadata.truncation = tc;
        DnsResponse::from_message(m).unwrap()
    }

    #[test]
    fn responses_go_to_the_lookups_listening_for_their_question() {
        let heard = Heard::default();
        // Nobody listens: nothing is kept.
        heard.hear(&response("www.test.", RecordType::A, false), Carried::Udp);
        assert!(lock(&heard.waiting).is_empty());
        let a = heard.listen("WWW.test.", RecordType::A).unwrap();
        let again = heard.listen("www.test", RecordType::A).unwrap();
        let aaaa = heard.listen("www.test.", RecordType::AAAA).unwrap();
        // A truncated UDP answer, then the TCP one: the TCP one, marked as a retry.
        heard.hear(&response("www.test.", RecordType::A, true), Carried::Udp);
        heard.hear(&response("www.Test.", RecordType::A, false), Carried::Tcp);
        // A response to another question (a CNAME target hickory chased) is not this one's.
        heard.hear(&response("other.test.", RecordType::A, false), Carried::Tcp);
        let r = a.last().unwrap();
        assert_eq!(
            (
                r.transport,
                r.retried_over_tcp,
                r.message.metadata.truncation
            ),
            (Carried::Tcp, true, false)
        );
        assert_eq!(
            r.size,
            response("www.test.", RecordType::A, false)
                .as_buffer()
                .len()
        );
        // Two lookups of one question (hickory shares one query between them): both have it.
        drop(a);
        assert!(again.last().is_some());
        assert!(aaaa.last().is_none());
        drop((again, aaaa));
        assert!(lock(&heard.waiting).is_empty());
    }
}
