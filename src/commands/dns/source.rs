//! How `--trace` and `--validate` ask for records. Every query of one lookup is counted
//! against one [`Budget`] (a number of queries and a wall-clock deadline, as resolvers bound
//! theirs), so a tree of glueless referrals cannot make netkit send queries without end.
//!
//! [`Source`] answers "what are the NAME TYPE records" for validation, the way delv does:
//! through a server given on the command line, asked with RD, CD and DO set (a recursive
//! resolver answers everything); when that server answers with a referral instead (an
//! authoritative server, which does not recurse), or when no server was given, by following
//! referrals down from the servers known for the closest enclosing zone (the root's first),
//! with RD clear. Each NAME TYPE is asked once per lookup.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use hickory_resolver::proto::op::{Message, ResponseCode};
use hickory_resolver::proto::rr::{DNSClass, Name, RData, Record, RecordType};

use super::message::{self, Exchange, QueryFlags};
use crate::i18n::{Text, t};
use crate::util::time::human_ms;
use crate::wire::dns::types::Rcode;
use crate::wire::dnssec::name_text;

/// Most servers asked for one zone before giving up on it.
pub const MAX_ASKED: usize = 8;
/// Most referrals followed for one name.
pub const MAX_STEPS: usize = 32;
/// How deeply the addresses of name servers without glue are looked up, lookup within lookup.
pub const MAX_DEPTH: usize = 2;

/// The queries and the time one lookup may spend.
#[derive(Debug)]
pub struct Budget {
    max: usize,
    spent: Cell<usize>,
    limit: Duration,
    deadline: tokio::time::Instant,
    /// Why the budget ran out, once it has.
    exhausted: RefCell<Option<Text>>,
}

impl Budget {
    /// `max` queries within `limit` from now.
    pub fn new(max: usize, limit: Duration) -> Budget {
        Budget {
            max,
            spent: Cell::new(0),
            limit,
            deadline: tokio::time::Instant::now() + limit,
            exhausted: RefCell::new(None),
        }
    }

    /// Takes one query; Err(why) when the queries or the time are spent.
    fn take(&self) -> Result<(), Text> {
        let why: Text = if self.spent.get() >= self.max {
            t!("dns-budget-queries", queries = self.max).into()
        } else if tokio::time::Instant::now() >= self.deadline {
            t!(
                "dns-budget-time",
                time = human_ms(self.limit.as_secs_f64() * 1000.0)
            )
            .into()
        } else {
            self.spent.set(self.spent.get() + 1);
            return Ok(());
        };
        self.exhausted.borrow_mut().get_or_insert(why.clone());
        Err(why)
    }

    /// The queries sent so far.
    pub fn spent(&self) -> usize {
        self.spent.get()
    }

    /// Why the budget ran out (None: it has not).
    pub fn exhausted(&self) -> Option<Text> {
        self.exhausted.borrow().clone()
    }
}

/// Sends one query (`name`/`rtype` with `flags`) to `server` within `budget`: the wait ends at
/// `timeout` or at the budget's deadline, whichever comes first.
pub async fn ask(
    budget: &Budget,
    server: SocketAddr,
    name: &Name,
    rtype: RecordType,
    class: DNSClass,
    flags: &QueryFlags,
    timeout: Duration,
) -> Result<Exchange, Text> {
    budget.take()?;
    let query = message::build_query(
        crate::util::random::unpredictable_u32() as u16,
        name,
        rtype,
        class,
        flags,
    );
    match tokio::time::timeout_at(
        budget.deadline,
        message::exchange(server, &query, timeout, false),
    )
    .await
    {
        Ok(result) => result,
        Err(_) => {
            let _ = budget.take();
            Err(budget
                .exhausted()
                .unwrap_or_else(|| t!("dns-budget-deadline").into()))
        }
    }
}

/// The referral in `m`, if it is one: the NS records in the authority section for a zone
/// below `zone` that holds `name` (closer to it than the zone asked), and their names.
pub fn referral(m: &Message, zone: &Name, name: &Name) -> Option<(Name, Vec<Name>)> {
    let mut child: Option<Name> = None;
    let mut ns = Vec::new();
    for r in &m.authorities {
        let RData::NS(target) = &r.data else {
            continue;
        };
        let owner = &r.name;
        let closer =
            owner.zone_of(name) && zone.zone_of(owner) && owner.num_labels() > zone.num_labels();
        if !closer {
            continue;
        }
        match &child {
            Some(c) if c != owner => continue,
            _ => child = Some(owner.clone()),
        }
        ns.push(target.0.clone());
    }
    Some((child?, ns))
}

/// The glue addresses `m` gives for `ns` (A and AAAA of its additional section).
pub fn glue(m: &Message, ns: &Name) -> Vec<IpAddr> {
    addresses_in(&m.additionals, ns)
}

/// The addresses (A and AAAA records) of `name` in `records`.
pub fn addresses_in(records: &[Record], name: &Name) -> Vec<IpAddr> {
    records
        .iter()
        .filter(|r| r.name == *name)
        .filter_map(|r| match &r.data {
            RData::A(a) => Some(IpAddr::V4(a.0)),
            RData::AAAA(a) => Some(IpAddr::V6(a.0)),
            _ => None,
        })
        .collect()
}

/// What a server answered for a name and type: the answer and authority sections.
#[derive(Debug, Clone)]
pub struct Reply {
    /// NOERROR, NXDOMAIN...
    pub rcode: ResponseCode,
    /// The answer section.
    pub answers: Vec<Record>,
    /// The authority section (the SOA and the NSEC/NSEC3 proofs of a negative answer).
    pub authority: Vec<Record>,
}

impl Reply {
    /// The answer and authority sections of `m`.
    pub fn of(m: &Message) -> Reply {
        Reply {
            rcode: m.metadata.response_code,
            answers: m.answers.clone(),
            authority: m.authorities.clone(),
        }
    }
}

/// A reply, or why none came.
pub type Got = Rc<Result<Reply, Text>>;

/// A boxed future borrowing the source (asking may recurse: a name server's address).
type Pending<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Where validation gets its records, each NAME TYPE asked once.
#[derive(Debug)]
pub struct Source<'a> {
    budget: &'a Budget,
    timeout: Duration,
    /// The port every server found by a referral is asked on.
    port: u16,
    /// The server asked first, with RD and CD set (None: referrals only).
    through: Option<SocketAddr>,
    /// Whether that server recursed (None: not known yet).
    recursive: Cell<Option<bool>>,
    /// The zones whose servers are known, and those servers.
    cuts: RefCell<Vec<(Name, Vec<SocketAddr>)>>,
    /// The replies so far, by lowercased name and type.
    asked: RefCell<HashMap<(Name, RecordType), Got>>,
    depth: Cell<usize>,
}

impl<'a> Source<'a> {
    /// A source asking `through` first (with RD and CD), else following referrals from the
    /// `cuts` given (the root's servers, or a walk's zones), on `port`.
    pub fn new(
        budget: &'a Budget,
        timeout: Duration,
        port: u16,
        through: Option<SocketAddr>,
        cuts: Vec<(Name, Vec<SocketAddr>)>,
    ) -> Source<'a> {
        Source {
            budget,
            timeout,
            port,
            through,
            recursive: Cell::new(None),
            cuts: RefCell::new(cuts),
            asked: RefCell::new(HashMap::new()),
            depth: Cell::new(0),
        }
    }

    /// How the records were asked, for people.
    pub fn describe(&self) -> Text {
        match (self.through, self.recursive.get()) {
            (Some(s), Some(false)) => t!("dns-asked-from-referrals", server = s),
            (Some(s), _) => t!("dns-asked-through", server = s),
            (None, _) => t!("dns-asked-from-root"),
        }
        .into()
    }

    /// The `name`/`rtype` records (the whole reply), asked once per lookup.
    pub fn get<'s>(&'s self, name: &'s Name, rtype: RecordType) -> Pending<'s, Got> {
        Box::pin(async move {
            let key = (name.to_lowercase(), rtype);
            if let Some(got) = self.asked.borrow().get(&key) {
                return got.clone();
            }
            let got = Rc::new(self.fetch(name, rtype).await);
            self.asked.borrow_mut().insert(key, got.clone());
            got
        })
    }

    /// Records already had: `name`/`rtype`, as a walk's last server answered them.
    pub fn remember(&self, name: &Name, rtype: RecordType, reply: Reply) {
        self.asked
            .borrow_mut()
            .insert((name.to_lowercase(), rtype), Rc::new(Ok(reply)));
    }

    fn flags(recurse: bool) -> QueryFlags {
        QueryFlags {
            recurse,
            checking_disabled: true,
            dnssec_ok: true,
            ..QueryFlags::default()
        }
    }

    async fn fetch(&self, name: &Name, rtype: RecordType) -> Result<Reply, Text> {
        if let Some(server) = self.through
            && self.recursive.get() != Some(false)
        {
            let x = ask(
                self.budget,
                server,
                name,
                rtype,
                DNSClass::IN,
                &Self::flags(true),
                self.timeout,
            )
            .await?;
            let m = &x.reply;
            let delegated = referral(m, &Name::root(), name).filter(|_| {
                m.metadata.response_code == ResponseCode::NoError
                    && m.answers.is_empty()
                    && !m.metadata.authoritative
            });
            let Some((child, ns)) = delegated else {
                if m.metadata.recursion_available {
                    self.recursive.set(Some(true));
                }
                return Ok(Reply::of(m));
            };
            // An authoritative server: it is where referrals start from, this one first.
            self.recursive.set(Some(false));
            {
                let mut cuts = self.cuts.borrow_mut();
                cuts.retain(|(z, _)| !z.is_root());
                cuts.insert(0, (Name::root(), vec![server]));
            }
            if !(rtype == RecordType::DS && child == *name) {
                let hops = self.servers_of(m, &ns).await;
                if !hops.is_empty() {
                    self.cuts.borrow_mut().push((child, hops));
                }
            }
        }
        self.iterate(name, rtype).await
    }

    /// The servers of the closest known zone holding `name` (above it, for a DS).
    fn closest(&self, name: &Name, rtype: RecordType) -> Option<(Name, Vec<SocketAddr>)> {
        self.cuts
            .borrow()
            .iter()
            .filter(|(z, _)| z.zone_of(name) && !(rtype == RecordType::DS && z == name))
            .rev()
            .max_by_key(|(z, _)| z.num_labels())
            .cloned()
    }

    /// Follows referrals from the closest known zone to the servers that answer.
    async fn iterate(&self, name: &Name, rtype: RecordType) -> Result<Reply, Text> {
        let Some((mut zone, mut servers)) = self.closest(name, rtype) else {
            return Err(t!("dns-no-server-known", name = name_text(name)).into());
        };
        let flags = Self::flags(false);
        'steps: for _ in 0..MAX_STEPS {
            let mut why: Text = t!("dns-no-server-answered", zone = name_text(&zone)).into();
            for &server in servers.iter().take(MAX_ASKED) {
                let x = match ask(
                    self.budget,
                    server,
                    name,
                    rtype,
                    DNSClass::IN,
                    &flags,
                    self.timeout,
                )
                .await
                {
                    Ok(x) => x,
                    Err(e) => {
                        if self.budget.exhausted().is_some() {
                            return Err(e);
                        }
                        why = e;
                        continue;
                    }
                };
                let m = &x.reply;
                let rcode = m.metadata.response_code;
                if rcode != ResponseCode::NoError && rcode != ResponseCode::NXDomain {
                    why = t!(
                        "dns-server-answered",
                        server = server,
                        rcode = Rcode(rcode.into())
                    )
                    .into();
                    continue;
                }
                if m.answers.is_empty()
                    && !m.metadata.authoritative
                    && let Some((child, ns)) = referral(m, &zone, name)
                    && !(rtype == RecordType::DS && child == *name)
                {
                    let hops = self.servers_of(m, &ns).await;
                    if hops.is_empty() {
                        return Err(t!("dns-no-ns-address", zone = name_text(&child)).into());
                    }
                    self.cuts.borrow_mut().push((child.clone(), hops.clone()));
                    zone = child;
                    servers = hops;
                    continue 'steps;
                }
                if m.metadata.authoritative || rcode == ResponseCode::NXDomain {
                    return Ok(Reply::of(m));
                }
                why = t!("dns-lame-server", server = server).into();
            }
            return Err(why);
        }
        Err(t!("dns-too-many-referrals", steps = MAX_STEPS).into())
    }

    /// The addresses of a referral's name servers: its glue, else each one looked up (to a
    /// bounded depth), IPv4 first.
    async fn servers_of(&self, m: &Message, ns: &[Name]) -> Vec<SocketAddr> {
        let mut found: Vec<IpAddr> = ns.iter().flat_map(|n| glue(m, n)).collect();
        if found.is_empty() && self.depth.get() < MAX_DEPTH {
            self.depth.set(self.depth.get() + 1);
            for n in ns.iter().take(3) {
                if let Ok(reply) = &*self.get(n, RecordType::A).await {
                    found.extend(addresses_in(&reply.answers, n));
                }
                if !found.is_empty() {
                    break;
                }
            }
            self.depth.set(self.depth.get() - 1);
        }
        found.sort_by_key(IpAddr::is_ipv6);
        found
            .into_iter()
            .map(|ip| SocketAddr::new(ip, self.port))
            .collect()
    }
}
