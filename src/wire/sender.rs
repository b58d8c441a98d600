//! Who sent a server's message, judged against the one the user expects (`dhcp discover
//! --expect`, `watch --dhcp-server`, `watch --router`): by the frame's IP source and Ethernet
//! source, never by what the message says of itself (a DHCP Server Identifier, option 54), which
//! anyone can write. The expected sender's MAC comes from what the host already knows (its
//! neighbour table, the stations of `watch --db`) or is remembered once seen, so a host that
//! forges the expected address from its own MAC is told apart. Pure logic.

use std::fmt::Display;

use serde::Serialize;

use crate::i18n::{Message, t};
use crate::net::hwaddr::Mac;

/// What a message's sender is, judged against the expected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The expected sender: its address, and its MAC (as known, or as first seen).
    Expected,
    /// Another IP source: another server.
    OtherAddress,
    /// The expected address from another MAC: a host forging the expected server's address
    /// (or two hosts answering for it).
    OtherMac,
}

impl Verdict {
    /// Whether the sender is not the expected one.
    pub fn rogue(self) -> bool {
        self != Verdict::Expected
    }
}

/// The sender the user expects, by address, with its MAC once known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected<A> {
    address: A,
    mac: Option<Mac>,
    /// Whether the MAC was taken from the first message seen (rather than known before).
    first_seen: bool,
}

impl<A: Copy + PartialEq + Display> Expected<A> {
    /// The sender at `address`, at `mac` when the host already knows it.
    pub fn new(address: A, mac: Option<Mac>) -> Self {
        Expected {
            address,
            mac,
            first_seen: false,
        }
    }

    /// Takes `mac` as the expected sender's when none is known yet (from the `watch --db`
    /// stations, after the neighbour table had nothing).
    pub fn know(&mut self, mac: Mac) {
        self.mac.get_or_insert(mac);
    }

    /// The expected address.
    pub fn address(&self) -> A {
        self.address
    }

    /// The expected sender's MAC, when known.
    pub fn mac(&self) -> Option<Mac> {
        self.mac
    }

    /// Judges a message that came from IP `source` and Ethernet `mac`. The first message from
    /// the expected address teaches its MAC when none was known.
    pub fn judge(&mut self, source: A, mac: Mac) -> Verdict {
        if source != self.address {
            return Verdict::OtherAddress;
        }
        match self.mac {
            None => {
                self.mac = Some(mac);
                self.first_seen = true;
                Verdict::Expected
            }
            Some(known) if known == mac => Verdict::Expected,
            Some(_) => Verdict::OtherMac,
        }
    }

    /// Why a message from `source` and `mac` judged `verdict` is not the expected sender's,
    /// in words (None for the expected sender).
    pub fn why(&self, verdict: Verdict, source: A, mac: Mac) -> Option<Message> {
        let expected = self.address.to_string();
        match verdict {
            Verdict::Expected => None,
            Verdict::OtherAddress => Some(t!(
                "dhcp-why-other-address",
                source = source.to_string(),
                expected = expected
            )),
            Verdict::OtherMac => {
                let known = self.mac.map_or_else(|| "-".to_string(), |m| m.to_string());
                let mac = mac.to_string();
                Some(if self.first_seen {
                    t!(
                        "dhcp-why-other-mac-first-seen",
                        expected = expected,
                        mac = mac,
                        known = known
                    )
                } else {
                    t!(
                        "dhcp-why-other-mac",
                        expected = expected,
                        mac = mac,
                        known = known
                    )
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    const SERVER: Ipv4Addr = Ipv4Addr::new(198, 51, 100, 1);
    const GOOD: Mac = Mac([0, 0x16, 0x3e, 0, 0, 1]);
    const EVIL: Mac = Mac([2, 0, 0, 0, 0, 0x66]);

    /// Issue 25 item 3: judged by the IP and Ethernet sources; the MAC remembered once seen.
    #[test]
    fn judged_by_address_then_mac() {
        let mut e = Expected::new(SERVER, None);
        let other = Ipv4Addr::new(198, 51, 100, 66);
        assert_eq!(e.judge(other, EVIL), Verdict::OtherAddress);
        assert_eq!(e.mac(), None, "another address teaches nothing");
        assert_eq!(e.judge(SERVER, GOOD), Verdict::Expected);
        assert_eq!(e.judge(SERVER, GOOD), Verdict::Expected);
        assert_eq!(e.judge(SERVER, EVIL), Verdict::OtherMac);
        let why = e.why(Verdict::OtherMac, SERVER, EVIL).unwrap().english();
        assert!(
            why.contains("not from its MAC 00:16:3e:00:00:01 (as first seen)"),
            "{why}"
        );
        assert!(e.why(Verdict::Expected, SERVER, GOOD).is_none());
        // A MAC known before listening is the one compared.
        let mut known = Expected::new(SERVER, Some(GOOD));
        known.know(EVIL);
        assert_eq!(known.judge(SERVER, EVIL), Verdict::OtherMac);
        let why = known
            .why(Verdict::OtherMac, SERVER, EVIL)
            .unwrap()
            .english();
        assert!(!why.contains("first seen"), "{why}");
    }
}
