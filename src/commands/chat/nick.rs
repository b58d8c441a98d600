//! Room nicks as pure code: which names a member may take, and when two names are the same.
//!
//! A nick is what others trust to say who speaks, so it must look like what it is. Refused:
//! characters that show as nothing or act on the terminal (format characters such as U+200B and
//! U+2060, bidirectional marks, default-ignorable characters such as U+3164 HANGUL FILLER),
//! separators and spaces, controls, private-use and unassigned code points, a combining mark at
//! the start (it would join the `<` before it) or more than [`MAX_MARKS`] in a row. Two nicks are
//! the same when their [`key`]s are: NFKC (`ｓｅｒｖｅｒ` is `server`) and lower case (`Alice` is
//! `alice`). The operator's `server`, names that start like a notice or a message (`*`, `<`),
//! hold `>`, or read as an address (the nicks the room gives newcomers) are reserved.

use std::borrow::Cow;
use std::net::{IpAddr, SocketAddr};

use icu_normalizer::ComposingNormalizerBorrowed;
use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
use icu_properties::{CodePointMapData, CodePointSetData};

/// The longest nick, in characters.
pub const MAX_CHARS: usize = 32;

/// Most combining marks in a row (enough for any script; a stack of them spills over lines).
pub const MAX_MARKS: usize = 3;

/// The operator's nick.
pub const OPERATOR: &str = "server";

/// What is wrong with a nick, in words for the member who asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Empty, or longer than [`MAX_CHARS`].
    Length,
    /// A space or a separator.
    Space,
    /// A character that shows as nothing or acts on the terminal; the code point.
    Invisible(char),
    /// A private-use or unassigned code point.
    Unassigned(char),
    /// U+FFFD: what the room put in place of a control character or bytes that were not UTF-8.
    Replaced,
    /// A combining mark first, or too many in a row.
    Marks,
    /// The operator's nick, a notice's or message's start, `>`, or an address.
    Reserved,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Length => write!(f, "it must be 1 to {MAX_CHARS} characters"),
            Refusal::Space => f.write_str("no spaces"),
            Refusal::Invisible(c) => write!(
                f,
                "it holds U+{:04X}, a character that shows as nothing or acts on the terminal",
                u32::from(*c)
            ),
            Refusal::Unassigned(c) => write!(
                f,
                "it holds U+{:04X}, a private-use or unassigned character",
                u32::from(*c)
            ),
            Refusal::Replaced => f.write_str(
                "it holds a control character or bytes that are not UTF-8 (shown as U+FFFD)",
            ),
            Refusal::Marks => {
                f.write_str("combining marks must follow a letter, at most 3 in a row")
            }
            Refusal::Reserved => f.write_str("reserved (the operator's name, or an address)"),
        }
    }
}

/// The form nicks are compared in: NFKC, lower case, NFKC again (lower-casing can undo it).
pub fn key(nick: &str) -> String {
    let nfkc = ComposingNormalizerBorrowed::new_nfkc();
    let lower = nfkc.normalize(nick).to_lowercase();
    match nfkc.normalize(&lower) {
        Cow::Borrowed(_) => lower,
        Cow::Owned(s) => s,
    }
}

/// Whether `nick` may be taken (see the module doc).
pub fn check(nick: &str) -> Result<(), Refusal> {
    let count = nick.chars().count();
    if count == 0 || count > MAX_CHARS {
        return Err(Refusal::Length);
    }
    let gc = CodePointMapData::<GeneralCategory>::new();
    let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>();
    let mut marks = 0;
    for (i, c) in nick.chars().enumerate() {
        use GeneralCategory as G;
        let category = gc.get(c);
        match category {
            G::SpaceSeparator | G::LineSeparator | G::ParagraphSeparator => {
                return Err(Refusal::Space);
            }
            G::Control | G::Format | G::Surrogate => return Err(Refusal::Invisible(c)),
            G::PrivateUse | G::Unassigned => return Err(Refusal::Unassigned(c)),
            _ => {}
        }
        if c.is_whitespace() {
            return Err(Refusal::Space);
        }
        if c == char::REPLACEMENT_CHARACTER {
            return Err(Refusal::Replaced);
        }
        if ignorable.contains(c) || crate::output::is_unsafe(c) {
            return Err(Refusal::Invisible(c));
        }
        if matches!(
            category,
            G::NonspacingMark | G::SpacingMark | G::EnclosingMark
        ) {
            marks += 1;
            if i == 0 || marks > MAX_MARKS {
                return Err(Refusal::Marks);
            }
        } else {
            marks = 0;
        }
    }
    let k = key(nick);
    let address = k.parse::<SocketAddr>().is_ok() || k.parse::<IpAddr>().is_ok();
    if k == OPERATOR || k.starts_with(['*', '<']) || k.contains('>') || address {
        return Err(Refusal::Reserved);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_nicks_in_any_script() {
        for ok in [
            "alice",
            "小明",
            "Zoë",
            "José",
            "o'neil",
            "dev-1",
            "שלום",
            "नमस्ते",
            "🦀",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        // Decomposed é: a letter and one mark.
        assert_eq!(check("Jose\u{301}"), Ok(()));
        assert_eq!(check(&"x".repeat(32)), Ok(()));
    }

    /// Issue 25 item 10: invisible characters let "server\u200b" and "alice\u2060" pass for
    /// the operator and another member.
    #[test]
    fn invisible_and_bidi_characters_are_refused() {
        for (nick, c) in [
            ("server\u{200b}", '\u{200b}'),
            ("alice\u{2060}", '\u{2060}'),
            ("a\u{200c}b", '\u{200c}'),
            ("a\u{200d}b", '\u{200d}'),
            ("\u{feff}bob", '\u{feff}'),
            ("bob\u{202e}", '\u{202e}'),
            ("bob\u{2066}", '\u{2066}'),
            ("bob\u{200e}", '\u{200e}'),
            ("bob\u{ad}", '\u{ad}'),
            ("bob\u{3164}", '\u{3164}'),
            ("bob\u{115f}", '\u{115f}'),
            ("bob\u{fe0f}", '\u{fe0f}'),
            ("bob\u{34f}", '\u{34f}'),
            ("bob\u{1b}", '\u{1b}'),
            ("bob\u{e0041}", '\u{e0041}'),
        ] {
            assert_eq!(check(nick), Err(Refusal::Invisible(c)), "{nick:?}");
        }
        assert_eq!(check("bob\u{2028}"), Err(Refusal::Space));
        assert_eq!(check("a b"), Err(Refusal::Space));
        assert_eq!(check("a\u{3000}b"), Err(Refusal::Space));
        assert_eq!(check("bob\u{e000}"), Err(Refusal::Unassigned('\u{e000}')));
        assert_eq!(check("bob\u{fffd}"), Err(Refusal::Replaced));
        assert!(
            Refusal::Invisible('\u{200b}')
                .to_string()
                .contains("U+200B")
        );
    }

    #[test]
    fn marks_follow_a_letter() {
        assert_eq!(check("\u{301}bob"), Err(Refusal::Marks));
        assert_eq!(check("b\u{301}\u{302}\u{303}"), Ok(()));
        assert_eq!(check("b\u{301}\u{302}\u{303}\u{304}"), Err(Refusal::Marks));
    }

    #[test]
    fn reserved_nicks_in_every_form() {
        for nick in [
            "server",
            "Server",
            "SERVER",
            "ｓｅｒｖｅｒ",
            "*x",
            "<x",
            "a>b",
            "＜x",
            "127.0.0.1:5000",
            "[::1]:80",
            "::1",
            "10.0.0.1",
        ] {
            assert_eq!(check(nick), Err(Refusal::Reserved), "{nick}");
        }
        assert_eq!(check(""), Err(Refusal::Length));
        assert_eq!(check(&"x".repeat(33)), Err(Refusal::Length));
    }

    #[test]
    fn nicks_compare_by_normalised_case_folded_form() {
        assert_eq!(key("Alice"), key("alice"));
        assert_eq!(key("ＡＬＩＣＥ"), key("alice"));
        assert_eq!(key("Jose\u{301}"), key("José"));
        assert_eq!(key("ﬁn"), key("fin"));
        assert_ne!(key("alice"), key("alicé"));
        assert_eq!(key("小明"), "小明");
    }
}
