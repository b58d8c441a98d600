//! The messages of the catalogs as build.rs laid them out (see build/catalogs.rs), and how one
//! is worded in a language: from its ready-made pieces, or through Fluent for the few that
//! select on a value. A message a language lacks is worded in English (the catalog test fails
//! on any such gap).

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use std::borrow::Cow;

use super::lang::{Lang, current};

/// One message of the English catalog and its wording in every language. (The files and
/// variables of each language are read by the catalog tests.)
#[derive(Debug)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Meta {
    /// Its id (`mac-cast-unicast`).
    pub(crate) id: &'static str,
    /// The file it is in (`mac` for i18n/en/mac.ftl).
    pub(crate) area: &'static str,
    /// Its variables, sorted: the fields of its `t!` arguments, in this order.
    pub(crate) vars: &'static [&'static str],
    /// The variables it only selects on (a count for "1 station" / "2 stations"): a language
    /// without plurals may leave them out.
    pub(crate) selectors: &'static [&'static str],
    /// Its wording per language ([`Lang::index`]); None where the language lacks it.
    pub(crate) langs: [Option<Local>; 2],
}

/// A message in one language.
#[derive(Debug)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct Local {
    /// The file it is in, in that language's folder.
    pub(crate) area: &'static str,
    /// The variables it uses.
    pub(crate) vars: &'static [&'static str],
    pub(crate) pat: Pat,
}

/// How a message is worded in one language.
#[derive(Debug)]
#[allow(dead_code)] // Missing: only while a catalog is wrong (its test fails then)
pub(crate) enum Pat {
    /// Literal pieces and variables (indexes into [`Meta::vars`]).
    Segs(&'static [Seg]),
    /// Through Fluent (a select or a function): the run-time source holds it.
    Fluent,
    /// Unusable: it uses a variable the English message has not (build.rs warned).
    Missing,
}

/// One piece of a ready-made pattern.
#[derive(Debug)]
pub(crate) enum Seg {
    Lit(&'static str),
    Var(usize),
}

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// A value given to a message: text netkit formatted (an address, a time with its unit, a
/// name), a count (which a message may select on: "1 station" / "2 stations"), or another
/// message, shown in the same language.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text as netkit wrote it.
    Text(Cow<'static, str>),
    /// A whole number: shown in decimal, and selectable by plural category.
    Count(i64),
    /// A sentence or word of the catalogs.
    Message(Box<Message>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(Cow::Owned(s.to_string()))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(Cow::Owned(s.clone()))
    }
}

impl From<Cow<'static, str>> for Arg {
    fn from(s: Cow<'static, str>) -> Self {
        Arg::Text(s)
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(Box::new(m))
    }
}

impl From<&Message> for Arg {
    fn from(m: &Message) -> Self {
        Arg::Message(Box::new(m.clone()))
    }
}

macro_rules! count_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Count(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
count_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

/// Lets values of the types named be `t!` arguments, written as their `Display` writes them
/// (netkit's own value types use it where they are defined: `crate::i18n::display_args!(Mac)`).
macro_rules! display_args {
    ($($t:ty),*) => {$(
        impl From<$t> for $crate::i18n::catalog::Arg {
            fn from(v: $t) -> Self {
                $crate::i18n::catalog::Arg::Text(std::borrow::Cow::Owned(v.to_string()))
            }
        }
        impl From<&$t> for $crate::i18n::catalog::Arg {
            fn from(v: &$t) -> Self {
                $crate::i18n::catalog::Arg::Text(std::borrow::Cow::Owned(v.to_string()))
            }
        }
    )*};
}
pub(crate) use display_args;
display_args!(
    std::net::IpAddr,
    std::net::Ipv4Addr,
    std::net::Ipv6Addr,
    std::net::SocketAddr,
    char
);

/// A sentence, label or word of the catalogs with its arguments (made by `t!`): shown in the
/// language of the run, serialized in English.
#[derive(Debug, Clone)]
pub struct Message {
    meta: &'static Meta,
    args: Box<[Arg]>,
}

impl Message {
    pub(crate) fn new(meta: &'static Meta, args: Vec<Arg>) -> Self {
        Message {
            meta,
            args: args.into_boxed_slice(),
        }
    }

    /// Its id in the catalogs.
    pub fn id(&self) -> &'static str {
        self.meta.id
    }

    /// The message worded in `lang` (in English where `lang` lacks it).
    pub fn in_lang(&self, lang: Lang) -> String {
        let local = self.meta.langs[lang.index()]
            .as_ref()
            .filter(|l| !matches!(l.pat, Pat::Missing));
        let (lang, local) = match local {
            Some(l) => (lang, l),
            None => (
                Lang::En,
                self.meta.langs[0]
                    .as_ref()
                    .expect("English has every message"),
            ),
        };
        match local.pat {
            Pat::Segs(segs) => {
                let mut out = String::new();
                for seg in segs {
                    match seg {
                        Seg::Lit(text) => out.push_str(text),
                        Seg::Var(i) => write_arg(&mut out, &self.args[*i], lang),
                    }
                }
                out
            }
            Pat::Fluent | Pat::Missing => self.through_fluent(lang),
        }
    }

    /// The message worded in English.
    pub fn english(&self) -> String {
        self.in_lang(Lang::En)
    }

    fn through_fluent(&self, lang: Lang) -> String {
        let bundle = bundle(lang);
        let Some(pattern) = bundle.get_message(self.meta.id).and_then(|m| m.value()) else {
            return self.meta.id.to_string();
        };
        let mut args = FluentArgs::with_capacity(self.args.len());
        for (name, arg) in self.meta.vars.iter().zip(&self.args) {
            let value = match arg {
                Arg::Count(n) => FluentValue::from(*n),
                other => {
                    let mut s = String::new();
                    write_arg(&mut s, other, lang);
                    FluentValue::from(s)
                }
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        debug_assert!(errors.is_empty(), "{}: {errors:?}", self.meta.id);
        text.into_owned()
    }
}

fn write_arg(out: &mut String, arg: &Arg, lang: Lang) {
    match arg {
        Arg::Text(s) => out.push_str(s),
        Arg::Count(n) => out.push_str(&n.to_string()),
        Arg::Message(m) => out.push_str(&m.in_lang(lang)),
    }
}

/// In the language of this run.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(current()))
    }
}

/// Messages are English in JSON: `--json` never changes with the language.
impl serde::Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.english())
    }
}

/// The Fluent bundle of the messages that need Fluent, per language, parsed on first use.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    BUNDLES[lang.index()].get_or_init(|| {
        let locale = lang.tag().parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![locale]);
        // No bidirectional isolation marks around arguments: they are invisible, and the
        // output guard would show them escaped.
        bundle.set_use_isolating(false);
        let resource =
            FluentResource::try_new(RUNTIME[lang.index()].to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

/// The message `id` without arguments, when the English catalog has it: for texts whose id
/// is made at run time (a command's help, named by its path and argument).
pub fn find(id: &str) -> Option<Message> {
    let at = MESSAGES.binary_search_by(|m| m.id.cmp(id)).ok()?;
    let meta = &MESSAGES[at];
    meta.vars.is_empty().then(|| Message::new(meta, Vec::new()))
}

/// Every message of the English catalog (for the catalog tests).
#[cfg(test)]
pub(crate) fn all() -> &'static [Meta] {
    &MESSAGES
}

/// Whether the English catalog has `id` (any arguments).
#[allow(dead_code)]
pub(crate) fn has(id: &str) -> bool {
    MESSAGES.binary_search_by(|m| m.id.cmp(id)).is_ok()
}

/// What the message `id` says in `lang` with these arguments, by name (for tests).
#[cfg(test)]
pub(crate) fn with_args(id: &str, args: &[(&str, Arg)]) -> Option<Message> {
    let at = MESSAGES.binary_search_by(|m| m.id.cmp(id)).ok()?;
    let meta = &MESSAGES[at];
    let args = meta
        .vars
        .iter()
        .map(|v| {
            args.iter()
                .find(|(n, _)| n == v)
                .map_or(Arg::Text("".into()), |(_, a)| a.clone())
        })
        .collect();
    Some(Message::new(meta, args))
}
