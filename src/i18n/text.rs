//! Words for people that may or may not come from the catalogs (an error's context or reason).

use std::borrow::Cow;

use super::catalog::{Arg, Message};
use super::lang::{Lang, current};

/// Words for people that may or may not come from the catalogs: an error's context or reason
/// is a [`Message`] where a command has been converted, and text as netkit wrote it (English)
/// where it has not, or where the words came from outside (a file, a peer, the OS).
#[derive(Debug, Clone)]
pub enum Text {
    /// Text as it is, in every language.
    Plain(Cow<'static, str>),
    /// A message of the catalogs.
    Message(Message),
    /// English worded elsewhere (clap's own error line, what JSON and English show) and the
    /// catalogs' wording of it for the other languages.
    Both(Box<(String, Message)>),
}

impl Text {
    /// The text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> Cow<'_, str> {
        match self {
            Text::Plain(s) => Cow::Borrowed(s),
            Text::Message(m) => Cow::Owned(m.in_lang(lang)),
            Text::Both(both) if lang == Lang::En => Cow::Borrowed(&both.0),
            Text::Both(both) => Cow::Owned(both.1.in_lang(lang)),
        }
    }

    /// The text in English (JSON, and error chains kept as data).
    pub fn english(&self) -> Cow<'_, str> {
        self.in_lang(Lang::En)
    }
}

/// In the language of this run.
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(current()))
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(Cow::Owned(s.to_string()))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Plain(Cow::Owned(s))
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text::Plain(Cow::Owned(s.clone()))
    }
}

impl From<Message> for Text {
    fn from(m: Message) -> Self {
        Text::Message(m)
    }
}

/// Text is English in JSON.
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.english())
    }
}

impl From<Text> for Arg {
    fn from(t: Text) -> Self {
        match t {
            Text::Plain(s) => Arg::Text(s),
            Text::Message(m) => Arg::Message(Box::new(m)),
            Text::Both(both) => Arg::Text(Cow::Owned(both.0)),
        }
    }
}

/// Two texts are the same when their English is (what JSON carries).
impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.english() == other.english()
    }
}

impl Eq for Text {}
