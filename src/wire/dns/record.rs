//! One resource record, typed, as every mode of `netkit dns` shows it: owner, TTL, class, type,
//! and the data in presentation format ([`super::rdata`]), with the data uncompressed beside it
//! for the logic above (a CNAME's target, a referral's name servers). In JSON: `name`, `ttl`,
//! `class`, `type`, `data`. Pure logic.

use hickory_resolver::proto::rr::{DNSClass, Name, RecordType};
use hickory_resolver::proto::serialize::binary::{BinEncodable, BinEncoder};
use serde::{Serialize, Serializer};

use super::name::presentation;
use super::rdata::{self, Malformed};
use super::types::{Class, Type};

/// A resource record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The owner.
    pub name: Name,
    /// Time to live, seconds.
    pub ttl: u32,
    /// IN, CH...
    pub class: DNSClass,
    /// The type.
    pub rtype: RecordType,
    /// The data, uncompressed (names expanded).
    pub rdata: Vec<u8>,
    /// The data in presentation format.
    pub data: String,
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            name: String,
            ttl: u32,
            class: Class,
            #[serde(rename = "type")]
            rtype: Type,
            data: &'a str,
        }
        View {
            name: presentation(&self.name),
            ttl: self.ttl,
            class: Class(self.class),
            rtype: Type(self.rtype),
            data: &self.data,
        }
        .serialize(s)
    }
}

impl Record {
    /// A record of type `rtype` whose RDATA is `rdata` (uncompressed; names in it may also be
    /// compressed against earlier names of `rdata` itself).
    pub fn new(
        name: Name,
        ttl: u32,
        class: DNSClass,
        rtype: RecordType,
        rdata: &[u8],
    ) -> Result<Self, Malformed> {
        let (rdata, data) = rdata::read(rdata, 0, rdata.len(), rtype.into(), class.into())?;
        Ok(Record {
            name,
            ttl,
            class,
            rtype,
            rdata,
            data,
        })
    }

    /// The view of a record hickory decoded (its data encoded again and read here, so that it
    /// is written as every other record is). A record hickory holds but cannot encode keeps
    /// hickory's own text.
    pub fn from_record(r: &hickory_resolver::proto::rr::Record) -> Self {
        let mut bytes = Vec::new();
        let encoded = r.data.emit(&mut BinEncoder::new(&mut bytes)).is_ok();
        let read = encoded
            .then(|| Record::new(r.name.clone(), r.ttl, r.dns_class, r.record_type(), &bytes).ok())
            .flatten();
        read.unwrap_or_else(|| Record {
            name: r.name.clone(),
            ttl: r.ttl,
            class: r.dns_class,
            rtype: r.record_type(),
            rdata: bytes,
            data: r.data.to_string(),
        })
    }

    /// The owner in presentation format.
    pub fn owner(&self) -> String {
        presentation(&self.name)
    }

    /// The name the data starts with (after `skip` bytes), for the types that hold one: a
    /// CNAME's or DNAME's target, an NS's server (skip 0), an MX's exchange (skip 2).
    pub fn name_at(&self, skip: usize) -> Option<Name> {
        let mut labels = self.rdata.get(skip..)?;
        let mut name = Name::root();
        loop {
            let (&len, rest) = labels.split_first()?;
            if len == 0 {
                return Some(name);
            }
            let label = rest.get(..usize::from(len))?;
            name = name.append_label(label).ok()?;
            labels = &rest[usize::from(len)..];
        }
    }

    /// Where a CNAME record points.
    pub fn cname_target(&self) -> Option<Name> {
        (self.rtype == RecordType::CNAME)
            .then(|| self.name_at(0))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::proto::rr::RData;
    use hickory_resolver::proto::rr::rdata::{MX, SOA};

    fn n(s: &str) -> Name {
        Name::from_ascii(s).unwrap()
    }

    /// Records hickory decoded are written as the wire reader writes them.
    #[test]
    fn hickory_records_take_the_one_view() {
        let mx = hickory_resolver::proto::rr::Record::from_rdata(
            n("example.test."),
            300,
            RData::MX(MX::new(10, n("mail.example.test."))),
        );
        let r = Record::from_record(&mx);
        assert_eq!(r.data, "10 mail.example.test.");
        assert_eq!(r.name_at(2), Some(n("mail.example.test.")));
        let soa = hickory_resolver::proto::rr::Record::from_rdata(
            n("example.test."),
            60,
            RData::SOA(SOA::new(
                n("ns.example.test."),
                n("admin.example.test."),
                1,
                2,
                3,
                4,
                5,
            )),
        );
        assert_eq!(
            Record::from_record(&soa).data,
            "ns.example.test. admin.example.test. 1 2 3 4 5"
        );
        let json = serde_json::to_value(Record::from_record(&soa)).unwrap();
        assert_eq!(json["class"], "IN");
        assert_eq!(json["type"], "SOA");
        assert_eq!(json["name"], "example.test.");
    }
}
