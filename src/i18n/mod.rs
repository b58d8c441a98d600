//! The language netkit speaks to people: English or Simplified Chinese, chosen once at start-up
//! from `--lang` or the locale (as gettext chooses: LANGUAGE, LC_ALL, LC_MESSAGES, LANG; on
//! Windows and macOS the user's UI language), and the messages of the catalogs (i18n/LANG/*.ftl,
//! one file per area, embedded at build time) in it.
//!
//! A sentence is named by its id and filled with typed facts: `t!("mac-cast-unicast")`,
//! `t!("common-left-out", columns = names, ways = how)`. The macro checks the id and the
//! arguments against the English catalog at compile time and gives a [`Message`]: shown
//! (`Display`) in the chosen language, serialized (JSON) in English, so `--json` never changes
//! with the language. Data for programs stays data; this layer only words it.
//!
//! This sits at the bottom of the layers: every layer may name a sentence (an error's reason in
//! `net`, a note in a command), and the edge decides the language it is shown in.
//!
//! Start-up cost: most messages were turned into ready-made pieces at build time (literal text
//! and variables), so showing one parses nothing; only the few that need Fluent at run time (a
//! select on a count, "1 station" / "2 stations") parse, on first use, a small source of those
//! messages alone, in the language asked for.

pub(crate) mod catalog;
mod lang;
mod locale;
mod text;

pub(crate) use catalog::display_args;
pub(crate) use catalog::t;
pub use catalog::{Arg, Message, find};
pub use lang::{Lang, current, set};
pub use locale::from_environment;
pub use text::Text;

#[cfg(test)]
mod tests;
