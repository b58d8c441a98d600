//! DNS on the wire, below the commands: queries written ([`query`]), messages read
//! ([`message`]), and what a person reads of them: names ([`name`]), the numbers' names
//! ([`types`]), record data ([`rdata`]), EDNS options ([`edns`]), and the one typed view of a
//! record every mode shows ([`record`]). A new record type is added in [`rdata`] and
//! [`types`] alone. Pure logic; hickory-proto holds names and types.

pub mod edns;
pub mod message;
pub mod name;
pub mod query;
pub mod rdata;
pub mod record;
pub mod types;
