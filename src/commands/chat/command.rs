//! What a line typed at the keyboard means: text to send, or a `/command` answered where it was
//! typed. Pure code, shared by the room (members and operator) and the two-party conversation.
//!
//! The rule is IRC's: a line starting with `/` is a command, `//` sends the rest as text starting
//! with `/` (`//etc/hosts` sends `/etc/hosts`), an unknown command is refused and never sent.
//! Command names are matched without regard to case (`/WHO` is `/who`). It applies to what the
//! local user types only, never to what a peer sends.

use std::borrow::Cow;

/// A typed line, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed<'a> {
    /// Text to send as it is (a leading `//` already turned into `/`).
    Text(Cow<'a, str>),
    /// `/nick NAME` (None when no name was given).
    Nick(Option<&'a str>),
    /// `/who`: who is in the room.
    Who,
    /// `/help`: the commands.
    Help,
    /// `/quit`: close (the room's operator; a member says bye).
    Quit,
    /// Any other `/word`, as typed (with its slash).
    Unknown(&'a str),
}

/// Reads one typed line.
pub fn parse(line: &str) -> Typed<'_> {
    if let Some(text) = line.strip_prefix("//") {
        return Typed::Text(Cow::Owned(format!("/{text}")));
    }
    let Some(rest) = line.strip_prefix('/') else {
        return Typed::Text(Cow::Borrowed(line));
    };
    let (name, arg) = match rest.find(char::is_whitespace) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let word = &line[..=name.len()];
    match name.to_ascii_lowercase().as_str() {
        "nick" if arg.is_empty() => Typed::Nick(None),
        "nick" => Typed::Nick(Some(arg)),
        "who" => Typed::Who,
        "help" => Typed::Help,
        "quit" => Typed::Quit,
        _ => Typed::Unknown(word),
    }
}

/// The answer to an unknown command.
pub fn unknown(word: &str) -> String {
    format!("unknown command {word}; /help lists them")
}

/// How `/nick` is used, for `/nick` without a name.
pub const NICK_USAGE: &str = "usage: /nick NAME (1 to 32 characters, no spaces)";

/// How a room's first line to a member begins: a client that reads it knows it is in a room
/// (where `/who` and `/nick` go to the server) rather than in a conversation with one peer.
pub const ROOM_WELCOME: &str = "* welcome, you are ";

/// The members' commands, for `/help` in a room.
pub const ROOM_HELP: &str = "commands: /nick NAME to rename yourself, /who to list the room, \
                             /help for this list, bye (or /quit) to leave; //text sends text starting with /";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_text() {
        assert_eq!(parse("hello"), Typed::Text("hello".into()));
        assert_eq!(parse(""), Typed::Text("".into()));
        assert_eq!(parse(" /who"), Typed::Text(" /who".into()));
        assert_eq!(parse("bye"), Typed::Text("bye".into()));
    }

    #[test]
    fn double_slash_sends_one_slash() {
        assert_eq!(parse("//etc/hosts"), Typed::Text("/etc/hosts".into()));
        assert_eq!(parse("//who"), Typed::Text("/who".into()));
        assert_eq!(parse("//"), Typed::Text("/".into()));
    }

    #[test]
    fn commands() {
        assert_eq!(parse("/who"), Typed::Who);
        assert_eq!(parse("/WHO"), Typed::Who);
        assert_eq!(parse("/who   "), Typed::Who);
        assert_eq!(parse("/help"), Typed::Help);
        assert_eq!(parse("/quit"), Typed::Quit);
        assert_eq!(parse("/nick"), Typed::Nick(None));
        assert_eq!(parse("/nick   "), Typed::Nick(None));
        assert_eq!(parse("/nick ann"), Typed::Nick(Some("ann")));
        assert_eq!(parse("/Nick  ann  "), Typed::Nick(Some("ann")));
        assert_eq!(parse("/nick\tann"), Typed::Nick(Some("ann")));
    }

    #[test]
    fn unknown_commands_keep_their_word() {
        assert_eq!(parse("/foo"), Typed::Unknown("/foo"));
        assert_eq!(parse("/foo bar baz"), Typed::Unknown("/foo"));
        assert_eq!(parse("/nickname x"), Typed::Unknown("/nickname"));
        assert_eq!(parse("/"), Typed::Unknown("/"));
        assert_eq!(parse("/ hi"), Typed::Unknown("/"));
        assert_eq!(parse("/etc/hosts"), Typed::Unknown("/etc/hosts"));
        assert_eq!(parse("/ü x"), Typed::Unknown("/ü"));
        assert_eq!(unknown("/foo"), "unknown command /foo; /help lists them");
    }
}
