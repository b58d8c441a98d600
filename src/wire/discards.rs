//! Frames a decoder threw away, counted by reason: what the ARP and DHCP reports show as
//! `"discarded": N` with a `"discard_reasons"` breakdown. Pure bookkeeping.

use std::collections::BTreeMap;

use crate::i18n::{Message, t};

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A count of discarded frames per reason `R` (an enum that serializes as a snake_case word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discards<R: Ord> {
    by_reason: BTreeMap<R, u32>,
}

impl<R: Ord> Default for Discards<R> {
    fn default() -> Self {
        Discards {
            by_reason: BTreeMap::new(),
        }
    }
}

impl<R: Ord + Copy> Discards<R> {
    /// Counts one frame thrown away for `reason`.
    pub fn note(&mut self, reason: R) {
        let n = self.by_reason.entry(reason).or_insert(0);
        *n = n.saturating_add(1);
    }

    /// Frames discarded in all.
    pub fn total(&self) -> u32 {
        self.by_reason
            .values()
            .fold(0u32, |sum, n| sum.saturating_add(*n))
    }

    /// How many were discarded for `reason`.
    #[cfg(test)]
    pub fn count(&self, reason: R) -> u32 {
        self.by_reason.get(&reason).copied().unwrap_or(0)
    }
}

/// A reason for throwing a frame away, in words for people, with how many frames it took.
pub trait Reason {
    /// "2 with a broadcast sender MAC": the reason and its count, in the run's language.
    fn counted(&self, n: u32) -> Message;
}

impl<R: Ord + Copy + Reason> Discards<R> {
    /// "2 with a broadcast sender MAC, 1 truncated": each reason with its count, for people.
    pub fn summary(&self) -> String {
        self.by_reason
            .iter()
            .map(|(r, n)| r.counted(*n).to_string())
            .collect::<Vec<_>>()
            .join(&t!("common-list-separator").to_string())
    }
}

/// Serialized as two fields meant to be flattened into a report: `discarded` (the total) and
/// `discard_reasons` (reason → count, empty when nothing was discarded).
impl<R: Ord + Copy + Serialize> Serialize for Discards<R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Discards", 2)?;
        st.serialize_field("discarded", &self.total())?;
        st.serialize_field("discard_reasons", &self.by_reason)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Why {
        TooShort,
        Odd,
    }

    impl Reason for Why {
        fn counted(&self, n: u32) -> Message {
            let reason = match self {
                Why::TooShort => "too short",
                Why::Odd => "odd",
            };
            t!("arp-discard-reason", count = n, reason = reason)
        }
    }

    #[derive(serde::Serialize)]
    struct Report {
        n: u8,
        #[serde(flatten)]
        discards: Discards<Why>,
    }

    #[test]
    fn counts_by_reason_and_flattens_into_a_report() {
        let mut d = Discards::default();
        let empty = serde_json::to_string(&Report {
            n: 1,
            discards: d.clone(),
        })
        .unwrap();
        assert_eq!(empty, r#"{"n":1,"discarded":0,"discard_reasons":{}}"#);
        d.note(Why::Odd);
        d.note(Why::TooShort);
        d.note(Why::Odd);
        assert_eq!((d.total(), d.count(Why::Odd)), (3, 2));
        assert_eq!(d.summary(), "1 too short, 2 odd");
        let json = serde_json::to_string(&Report { n: 1, discards: d }).unwrap();
        assert_eq!(
            json,
            r#"{"n":1,"discarded":3,"discard_reasons":{"too_short":1,"odd":2}}"#
        );
    }
}
