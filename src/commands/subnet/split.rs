//! `netkit subnet split`: cut a network into equal smaller subnets (by prefix or by count).

use std::io::{self, Write};
use std::net::IpAddr;

use serde::Serialize;

use crate::cli::SubnetSplitArgs;
use crate::error::{Error, Result};
use crate::net::addr::Family;
use crate::net::block::{Block, Count};
use crate::output::{Report, Ui, emit};

/// One piece of a split.
#[derive(Debug, Serialize)]
pub struct Piece {
    /// The subnet in CIDR notation.
    pub network: String,
    /// First usable host.
    pub first_host: IpAddr,
    /// Last usable host.
    pub last_host: IpAddr,
    /// Broadcast address (IPv4 up to /30).
    pub broadcast: Option<IpAddr>,
    /// Usable hosts.
    pub hosts: Count,
}

/// The answer of `subnet split`.
#[derive(Debug, Serialize)]
pub struct Split {
    /// The network that was split.
    pub network: String,
    /// Prefix of each piece.
    pub prefix: u8,
    /// Number of pieces.
    pub count: u64,
    /// The pieces, in address order.
    pub subnets: Vec<Piece>,
    #[serde(skip)]
    family: Family,
}

/// Splits `parent` into pieces of prefix `new_prefix`, refusing to list more than `max`.
pub fn split(parent: Block, new_prefix: u8, max: u64) -> Result<Split> {
    if new_prefix < parent.prefix || new_prefix > parent.bits() {
        return Err(Error::Usage(format!(
            "cannot split {} into /{new_prefix}: the new prefix must be between /{} and /{}",
            parent.cidr(),
            parent.prefix,
            parent.bits()
        )));
    }
    let doublings = (new_prefix - parent.prefix) as u32;
    let count = 1u128.checked_shl(doublings).filter(|&c| c <= max as u128).ok_or_else(|| {
        Error::Usage(format!(
            "splitting {} into /{new_prefix} gives 2^{doublings} subnets, more than --max {max}",
            parent.cidr()
        ))
    })? as u64;
    let subnets = (0..count as u128)
        .map(|i| {
            let piece = parent.subnet(i, new_prefix);
            let h = piece.hosts();
            Piece {
                network: piece.cidr(),
                first_host: piece.ip(h.first),
                last_host: piece.ip(h.last),
                broadcast: h.broadcast.map(|b| piece.ip(b)),
                hosts: h.count,
            }
        })
        .collect();
    Ok(Split {
        network: parent.cidr(),
        prefix: new_prefix,
        count,
        subnets,
        family: parent.family,
    })
}

impl Report for Split {
    fn human(&self, ui: &Ui, out: &mut dyn Write) -> io::Result<()> {
        let v4 = self.family == Family::V4;
        let mut headers = vec!["#", "Subnet", "First host", "Last host"];
        if v4 {
            headers.push("Broadcast");
        }
        headers.push("Hosts");
        let mut t = ui.table(&headers);
        for (i, p) in self.subnets.iter().enumerate() {
            let mut row = vec![
                (i + 1).to_string(),
                p.network.clone(),
                p.first_host.to_string(),
                p.last_host.to_string(),
            ];
            if v4 {
                row.push(p.broadcast.map_or("-".into(), |b| b.to_string()));
            }
            row.push(p.hosts.to_string());
            t.add_row(row);
        }
        writeln!(
            out,
            "{} split into {} subnets of /{}:",
            self.network, self.count, self.prefix
        )?;
        writeln!(out, "{t}")
    }
}

/// Runs `netkit subnet split`.
pub fn run(args: &SubnetSplitArgs, ui: &Ui) -> Result<u8> {
    let parent = args.network;
    let new_prefix = match (args.prefix, args.count) {
        (Some(p), _) => p.prefix_for(parent.family)?,
        (None, Some(c)) => parent.prefix_for_count(c)?,
        (None, None) => return Err(Error::Usage("give --prefix N or --count N".into())),
    };
    emit(ui, &split(parent, new_prefix, args.max)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_24_into_26() {
        let s = split(Block::parse("192.168.0.0/24", None).unwrap(), 26, 100).unwrap();
        let nets: Vec<_> = s.subnets.iter().map(|p| p.network.as_str()).collect();
        assert_eq!(
            nets,
            [
                "192.168.0.0/26",
                "192.168.0.64/26",
                "192.168.0.128/26",
                "192.168.0.192/26"
            ]
        );
        assert_eq!(s.subnets[1].broadcast.unwrap().to_string(), "192.168.0.127");
        assert_eq!(s.subnets[1].hosts.value, Some(62));
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
        assert_eq!(whole.subnets[1].network, "8000::/1");
        let one = split(Block::parse("::/0", None).unwrap(), 0, 10).unwrap();
        assert_eq!(one.subnets[0].network, "::/0");
    }
}
