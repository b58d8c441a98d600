//! `netkit subnet split`: cut a network into equal smaller subnets (by prefix or by count).
//!
//! The subnets are computed as they are written, for the table and for JSON alike: splitting a
//! /8 into /32s gives the first rows at once and never holds more than a few hundred in memory.

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::cli::SubnetSplitArgs;
use crate::error::{Error, Result};
use crate::i18n::t;
use crate::net::addr::{Cidr, Family};
use crate::net::block::{Block, Count};
use crate::output::{Paint, Report, StreamedTable, Ui, emit};

/// One piece of a split.
#[derive(Debug, Serialize)]
pub struct Piece {
    /// The subnet in CIDR notation.
    pub network: Cidr,
    /// First usable host (IPv6: one after the network address, the Subnet-Router anycast
    /// address, except /127 and /128).
    pub first_host: IpAddr,
    /// Last usable host.
    pub last_host: IpAddr,
    /// Broadcast address (IPv4 up to /30).
    pub broadcast: Option<IpAddr>,
    /// Usable hosts.
    pub hosts: Count,
}

/// The answer of `subnet split`: the pieces themselves are computed when shown.
#[derive(Debug)]
pub struct Split {
    /// The network that was split.
    parent: Block,
    /// Prefix of each piece.
    prefix: u8,
    /// Number of pieces.
    count: u64,
    /// The number of subnets asked for with --count (None: --prefix gave the size), when it is
    /// not the number made.
    asked: Option<u64>,
}

/// Splits `parent` into pieces of prefix `new_prefix`, refusing to list more than `max`.
pub fn split(parent: Block, new_prefix: u8, max: u64) -> Result<Split> {
    if new_prefix < parent.prefix || new_prefix > parent.bits() {
        return Err(Error::usage(t!(
            "subnet-split-out-of-range",
            network = parent.cidr(),
            prefix = new_prefix,
            min = parent.prefix,
            max = parent.bits()
        )));
    }
    let doublings = (new_prefix - parent.prefix) as u32;
    let count = 1u128
        .checked_shl(doublings)
        .filter(|&c| c <= max as u128)
        .ok_or_else(|| {
            Error::usage(t!(
                "subnet-split-too-many",
                network = parent.cidr(),
                prefix = new_prefix,
                doublings = doublings,
                max = max
            ))
        })? as u64;
    Ok(Split {
        parent,
        prefix: new_prefix,
        count,
        asked: None,
    })
}

impl Split {
    /// Piece number `i` (from 0).
    fn piece(&self, i: u64) -> Piece {
        let piece = self.parent.subnet(u128::from(i), self.prefix);
        let h = piece.hosts();
        Piece {
            network: piece.cidr(),
            first_host: piece.ip(h.first),
            last_host: piece.ip(h.last),
            broadcast: h.broadcast.map(|b| piece.ip(b)),
            hosts: h.count,
        }
    }

    /// The pieces in address order, computed one by one.
    pub fn pieces(&self) -> impl Iterator<Item = Piece> + '_ {
        (0..self.count).map(|i| self.piece(i))
    }

    fn v4(&self) -> bool {
        self.parent.family == Family::V4
    }

    /// A table row of piece `i`.
    fn row(&self, i: u64, p: &Piece) -> Vec<String> {
        let mut row = vec![
            (i + 1).to_string(),
            p.network.to_string(),
            p.first_host.to_string(),
            p.last_host.to_string(),
        ];
        if self.v4() {
            row.push(p.broadcast.map_or("-".into(), |b| b.to_string()));
        }
        row.push(p.hosts.to_string());
        row
    }

    /// The widest text of each column: the last piece's, which has the largest value in every
    /// part of an address (the bits that vary are all ones in it).
    fn widths(&self) -> Vec<usize> {
        let block = self.parent.subnet(u128::from(self.count - 1), self.prefix);
        let last = self.piece(self.count - 1);
        let mut widths = vec![
            self.count.to_string().len(),
            widest(block.ip(block.network())) + 1 + self.prefix.to_string().len(),
            widest(last.first_host),
            widest(last.last_host),
        ];
        if self.v4() {
            widths.push(last.broadcast.map_or(1, widest));
        }
        widths.push(last.hosts.to_string().len());
        widths
    }
}

/// The length of `a` as text. For IPv6 the last piece's text bounds the others' too: every
/// group is at most as large, and the zero groups it has every piece has, so theirs compress at
/// least as much (should one still come out wider, its cell wraps; the columns stay aligned).
fn widest(a: IpAddr) -> usize {
    a.to_string().len()
}

impl Serialize for Split {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        /// The pieces as a JSON array written as they are computed.
        struct Pieces<'a>(&'a Split);
        impl Serialize for Pieces<'_> {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                s.collect_seq(self.0.pieces())
            }
        }
        let mut st = s.serialize_struct("Split", 4)?;
        st.serialize_field("network", &self.parent.cidr())?;
        st.serialize_field("prefix", &self.prefix)?;
        st.serialize_field("count", &self.count)?;
        st.serialize_field("subnets", &Pieces(self))?;
        st.end()
    }
}

impl Report for Split {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let (subnet, first, last) = (
            t!("subnet-split-header-subnet").to_string(),
            t!("subnet-split-header-first").to_string(),
            t!("subnet-split-header-last").to_string(),
        );
        let (broadcast, hosts) = (
            t!("subnet-split-header-broadcast").to_string(),
            t!("subnet-split-header-hosts").to_string(),
        );
        let mut headers = vec!["#", &subnet, &first, &last];
        if self.v4() {
            headers.push(&broadcast);
        }
        headers.push(&hosts);
        let (network, prefix, count) = (self.parent.cidr(), self.prefix, self.count);
        let title = if self.v4() {
            let mask = Block::new(self.parent.address(), prefix)
                .netmask()
                .to_string();
            t!(
                "subnet-split-title-v4",
                network = network,
                count = count,
                prefix = prefix,
                mask = mask
            )
        } else {
            t!(
                "subnet-split-title-v6",
                network = network,
                count = count,
                prefix = prefix
            )
        };
        writeln!(out, "{title}")?;
        let note = t!("common-label", label = t!("common-note"));
        let gap = t!("common-label-gap");
        if let Some(asked) = self.asked {
            let (made, bits, spare) = (self.count, prefix - self.parent.prefix, self.count - asked);
            let text = t!(
                "subnet-split-rounded",
                asked = asked,
                made = made,
                bits = bits,
                spare = spare
            );
            writeln!(out, "{}{gap}{text}", ui.paint(Paint::Dim, &note))?;
        }
        // On a narrow terminal the row number and the host count go first, then the last
        // host (the one before the broadcast) and the first; the subnet and its broadcast stay.
        let expendable = ["#", hosts.as_str(), last.as_str(), first.as_str()];
        let mut t = StreamedTable::new(ui, &headers, &self.widths(), &expendable);
        for (i, p) in self.pieces().enumerate() {
            t.add_row(out, self.row(i as u64, &p))?;
        }
        t.finish(out)?;
        if !self.v4() && self.parent.bits() - self.prefix >= 2 {
            let text = t!("subnet-split-note-anycast");
            writeln!(out, "{}{gap}{text}", ui.paint(Paint::Dim, &note))?;
        }
        Ok(())
    }
}

/// Runs `netkit subnet split`.
pub fn run(args: &SubnetSplitArgs, ui: &Ui) -> Result<u8> {
    let parent = args.network;
    let new_prefix = match (args.prefix, args.count) {
        (Some(p), _) => p.prefix_for(parent.family)?,
        (None, Some(c)) => parent.prefix_for_count(c)?,
        (None, None) => return Err(Error::usage(t!("subnet-split-how"))),
    };
    let mut split = split(parent, new_prefix, args.max)?;
    split.asked = args.count.filter(|&c| c != split.count);
    emit(ui, &split)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_24_into_26() {
        let s = split(Block::parse("192.168.0.0/24", None).unwrap(), 26, 100).unwrap();
        let pieces: Vec<Piece> = s.pieces().collect();
        let nets: Vec<_> = pieces.iter().map(|p| p.network.to_string()).collect();
        assert_eq!(
            nets,
            [
                "192.168.0.0/26",
                "192.168.0.64/26",
                "192.168.0.128/26",
                "192.168.0.192/26"
            ]
        );
        assert_eq!(pieces[1].broadcast.unwrap().to_string(), "192.168.0.127");
        assert_eq!(pieces[1].hosts.value, Some(62));
    }

    #[test]
    fn by_count_and_limits() {
        let p = Block::parse("10.0.0.0/16", None).unwrap();
        assert_eq!(p.prefix_for_count(6).unwrap(), 19);
        assert_eq!(p.prefix_for_count(1).unwrap(), 16);
        assert_eq!(p.prefix_for_count(8).unwrap(), 19);
        assert!(p.prefix_for_count(0).is_err());
        assert!(
            Block::parse("10.0.0.0/31", None)
                .unwrap()
                .prefix_for_count(3)
                .is_err()
        );
        assert!(split(p, 15, 100).is_err());
        assert!(split(p, 33, 100).is_err());
        assert!(split(p, 32, 100).is_err());
        let whole = split(Block::parse("::/0", None).unwrap(), 1, 10).unwrap();
        assert_eq!(whole.piece(1).network.to_string(), "8000::/1");
        let one = split(Block::parse("::/0", None).unwrap(), 0, 10).unwrap();
        assert_eq!(whole.piece(1).first_host.to_string(), "8000::1");
        assert_eq!(
            whole.piece(1).hosts.to_string(),
            ((1u128 << 127) - 1).to_string()
        );
        assert_eq!(one.piece(0).network.to_string(), "::/0");
    }
}
