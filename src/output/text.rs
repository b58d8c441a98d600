//! Text on a terminal: the colour roles, how wide a string shows (colour codes take no room, CJK
//! characters and emoji two columns) and how outside text is kept to one harmless line.

use unicode_width::UnicodeWidthChar;

/// A colour role; the renderer decides whether and how to paint it. The verdicts have one
/// colour each in every command: yes green ([`Paint::Good`]), no yellow ([`Paint::Warn`]),
/// error red ([`Paint::Bad`]), note dim ([`Paint::Dim`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Yes: a positive answer (exit 0), the value asked for.
    Good,
    /// Error: the question could not be answered (exit 3), or an alarm (a conflict, a
    /// duplicate MAC).
    Bad,
    /// No: a negative answer (exit 1), or something worth noticing.
    Warn,
    /// Emphasis (headers, key values).
    Bold,
    /// Less important detail.
    Dim,
}

impl Paint {
    /// Every paint (for the output guard, which lets exactly their codes through).
    pub const ALL: [Paint; 5] = [
        Paint::Good,
        Paint::Bad,
        Paint::Warn,
        Paint::Bold,
        Paint::Dim,
    ];

    /// The ANSI SGR parameters of this paint (`1;32` for bold green).
    pub fn sgr(self) -> &'static str {
        match self {
            Paint::Good => "1;32",
            Paint::Bad => "1;31",
            Paint::Warn => "33",
            Paint::Bold => "1",
            Paint::Dim => "2",
        }
    }
}

/// The characters a terminal shows for `s`: ANSI CSI sequences ("ESC [ ... letter") left out.
pub fn visible_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = s.chars();
    std::iter::from_fn(move || {
        loop {
            let c = chars.next()?;
            if c != '\x1b' {
                return Some(c);
            }
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        }
    })
}

/// Number of terminal columns `s` takes: colour codes take none, CJK characters and emoji two.
pub fn visible_len(s: &str) -> usize {
    visible_chars(s).filter_map(UnicodeWidthChar::width).sum()
}

/// `text` followed by the spaces that make it `width` terminal columns wide (as `{:<width$}`
/// does, but by display width: a CJK character takes two columns).
pub fn pad(text: &str, width: usize) -> String {
    let room = width.saturating_sub(visible_len(text));
    let mut out = String::with_capacity(text.len() + room);
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', room));
    out
}

/// Whether `c` must not reach a terminal as it is: it would act on the terminal rather than show
/// ([`drives_terminal`]), or it shows as nothing ([`is_invisible`]) and lets one text pass for
/// another (`server\u{200b}` for `server`).
pub fn is_unsafe(c: char) -> bool {
    drives_terminal(c) || is_invisible(c)
}

/// Whether a terminal would act on `c` rather than show it: control characters (C0, DEL, C1)
/// and the invisible marks that reorder text (bidirectional embeddings, overrides, isolates).
pub fn drives_terminal(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `c` takes no room on a terminal, or breaks a line without being a newline: zero-width
/// space, non-joiner and joiner (U+200B-U+200D), word joiner (U+2060), the byte order mark
/// (U+FEFF), line and paragraph separators (U+2028, U+2029).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{2028}' | '\u{2029}'
    )
}

/// Text as one line of a terminal or a line-based output: control characters (a newline or an
/// escape sequence inside a bad argument, a names file or a DHCP option), bidirectional
/// overrides and invisible characters are shown escaped (`\n`, `\u{1b}`, `\u{202e}`,
/// `\u{200b}`). One value from outside is written through it to stay one line.
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        let mut s = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            if is_unsafe(c) {
                s.extend(c.escape_debug());
            } else {
                s.push(c);
            }
        }
        s.into()
    } else {
        text.into()
    }
}

/// `text` broken at spaces so that no line is wider than `width` columns, the first line
/// starting at column `start` (after what is already printed on it) and every later line
/// indented by `hang` spaces. The spaces between words on one line are kept as they were; a
/// word wider than a line stays whole, and so does a number with its unit (see [`atoms`]).
/// Colour codes take no room.
pub fn wrap(text: &str, width: usize, start: usize, hang: usize) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut col = start;
    let mut line_empty = true;
    for (atom, gap) in atoms(text) {
        let w = visible_len(atom);
        if !line_empty && col + w > width {
            // Break before this atom: drop the spaces that led to it.
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', hang));
            col = hang;
        }
        out.push_str(atom);
        col += w;
        line_empty = false;
        out.extend(std::iter::repeat_n(' ', gap));
        col += gap;
    }
    out
}

/// The pieces a line of text may be broken between, each with the number of spaces after it
/// (none after the last, and none between two pieces of one run without spaces): words (runs
/// without a space), except that a number stays with the unit or short noun after it (`3.01
/// s`, `6.12 µs`, `0 %`, `187 packets`), and a short capital tag with the number after it (`RFC
/// 5737`, `TTL 64`); and inside a word, the places where text without spaces (Chinese) may
/// break (see [`may_break`]). Leading spaces are skipped.
pub fn atoms(text: &str) -> impl Iterator<Item = (&str, usize)> {
    words(text).flat_map(|(word, gap)| Breaks { rest: word, gap })
}

/// The pieces of one word between which a line may break (see [`may_break`]), the last with
/// the spaces after the word.
struct Breaks<'a> {
    rest: &'a str,
    gap: usize,
}

impl<'a> Iterator for Breaks<'a> {
    type Item = (&'a str, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() {
            return None;
        }
        let at = if self.rest.is_ascii() {
            None
        } else {
            let mut chars = self.rest.char_indices().peekable();
            let mut at = None;
            while let Some((_, a)) = chars.next() {
                if let Some(&(i, b)) = chars.peek()
                    && may_break(a, b)
                {
                    at = Some(i);
                    break;
                }
            }
            at
        };
        match at {
            Some(i) => {
                let (piece, rest) = self.rest.split_at(i);
                self.rest = rest;
                Some((piece, 0))
            }
            None => Some((std::mem::take(&mut self.rest), self.gap)),
        }
    }
}

/// Whether a line may break between `a` and `b` inside a run without spaces, by the rule of
/// Chinese (and Japanese) text: next to an ideograph (a wide character, or a dash or quote of
/// such text), except where a Latin word or a number meets an ideograph (it keeps the one next
/// to it: `MAC地`, `5台`; addresses, MACs and numbers with their units hold no ideograph and
/// stay whole),
/// before a mark that must not start a line (`，。：；）」`...), after one that must not end a
/// line (`（「“`...), at the space that keeps a number with its unit (`12 位`), and inside a
/// doubled dash or ellipsis (`——`, `……`).
pub fn may_break(a: char, b: char) -> bool {
    const NO_START: &str = "，。、；：？！）」』】》〉’”…·％‰,.;:!?)]}%";
    const NO_END: &str = "（「『【《〈‘“([{";
    let ideographic = |c: char| {
        UnicodeWidthChar::width(c) == Some(2) || matches!(c, '—' | '…' | '“' | '”' | '‘' | '’')
    };
    (ideographic(a) || ideographic(b))
        && a != ' '
        && b != ' '
        && !NO_START.contains(b)
        && !NO_END.contains(a)
        && !(a.is_ascii_alphanumeric() && ideographic(b))
        && !(ideographic(a) && b.is_ascii_alphanumeric())
        && !(a == b && matches!(a, '—' | '…'))
}

/// The words of `text` and the spaces after each (a number kept with its unit: see [`atoms`]).
fn words(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut rest = text.trim_start_matches(' ');
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.find(' ').unwrap_or(rest.len());
        let after = &rest[end..];
        let next = after.trim_start_matches(' ');
        let next_end = next.find(' ').unwrap_or(next.len());
        if next_end > 0 {
            let (word, next_word) = (&rest[..end], &next[..next_end]);
            let closed = next_word.trim_end_matches([')', ']', ',', ';', '.', ':']);
            if (is_number(word) && is_unit(next_word)) || (is_tag(word) && is_number(closed)) {
                end += (after.len() - next.len()) + next_end;
            }
        }
        let (atom, after) = rest.split_at(end);
        let next = after.trim_start_matches(' ');
        let gap = if next.is_empty() {
            0
        } else {
            after.len() - next.len()
        };
        rest = next;
        Some((atom, gap))
    })
}

/// The widest piece of `text` that [`wrap`] keeps whole, in terminal columns: the least width
/// a column holding it may have without cutting a value.
pub fn widest_atom(text: &str) -> usize {
    text.lines()
        .flat_map(atoms)
        .map(|(a, _)| visible_len(a))
        .max()
        .unwrap_or(0)
}

/// Whether a word is a number a unit may follow: digits with at most one decimal point (an
/// IPv4 address is no number), after an opening bracket or sign.
fn is_number(word: &str) -> bool {
    let core = word.trim_start_matches(['(', '[', '<', '>', '~', '≈', '±', '+', '-', '=']);
    core.ends_with(|c: char| c.is_ascii_digit())
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && core.matches('.').count() <= 1
}

/// Whether a word is a tag a number may follow: two to four capital letters (RFC, TTL).
fn is_tag(word: &str) -> bool {
    let core = word.trim_start_matches(['(', '[']);
    (2..=4).contains(&core.len()) && core.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether a word is what a number measures or counts: a unit (µs, ms, s, h, KiB, B/s, %) or a
/// short noun (packets, errors, hosts), with the punctuation that may close a phrase.
fn is_unit(word: &str) -> bool {
    let core = word.trim_end_matches([')', ']', ',', ';', '.', ':']);
    !core.is_empty()
        && core.chars().count() <= 10
        && core
            .chars()
            .all(|c| c.is_alphabetic() || c == '%' || c == '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_wraps_at_word_boundaries_with_a_hanging_indent() {
        let text = "198.51.100.7 is on this host's subnet: delivered directly, after ARP";
        assert_eq!(
            wrap(text, 30, 4, 6),
            "198.51.100.7 is on this\n      host's subnet: delivered\n      directly, after ARP"
        );
        assert_eq!(wrap("short", 30, 4, 6), "short");
        assert_eq!(
            wrap("averyveryverylongword x", 10, 0, 2),
            "averyveryverylongword\n  x"
        );
    }

    /// Issue 27 item 1: a number is never parted from its unit (`(took 3.01` / `s)`).
    #[test]
    fn a_number_stays_with_its_unit() {
        assert_eq!(
            wrap("the lookup failed (took 3.01 s)", 28, 0, 2),
            "the lookup failed (took\n  3.01 s)"
        );
        assert_eq!(
            wrap("rtt min 6.12 µs, avg 7.76 µs", 16, 0, 0),
            "rtt min 6.12 µs,\navg 7.76 µs"
        );
        // An address is no number: it may end a line before the next word.
        assert_eq!(
            wrap("from 198.51.100.1 is here", 17, 0, 0),
            "from 198.51.100.1\nis here"
        );
        let pieces: Vec<(&str, usize)> =
            atoms("  (5 s) 10 hosts,  x 2 198.51.100.1 is 3 requested.").collect();
        assert_eq!(
            pieces,
            [
                ("(5 s)", 1),
                ("10 hosts,", 2),
                ("x", 1),
                ("2", 1),
                ("198.51.100.1", 1),
                ("is", 1),
                ("3 requested.", 0)
            ]
        );
        assert_eq!(widest_atom("a 300 µs\nb"), 6);
        assert_eq!(
            wrap("never routed (RFC 5737, RFC 3849)", 27, 0, 0),
            "never routed (RFC 5737,\nRFC 3849)"
        );
    }

    /// Issue 28: Chinese prose breaks between ideographs, never inside an address, a MAC, a
    /// number with its unit or a Latin word, never before a closing mark nor after an opening
    /// one.
    #[test]
    fn chinese_prose_breaks_between_ideographs() {
        let text = "198.51.100.7 和本机在同一子网：直接发送，先用 ARP 问出它的MAC地址（00:16:3e:00:00:01）。";
        for width in 8..60 {
            let wrapped = wrap(text, width, 0, 0);
            for line in wrapped.lines() {
                let first = line.trim_start().chars().next().unwrap();
                assert!(!"，。：；）」”".contains(first), "{width}: {wrapped}");
                let last = line.trim_end().chars().last().unwrap();
                assert!(!"（「“".contains(last), "{width}: {wrapped}");
                assert!(
                    visible_len(line) <= width || !line.trim().contains(' '),
                    "{width}: {line}"
                );
            }
            let joined: String = wrapped.lines().map(str::trim).collect::<Vec<_>>().join("");
            for whole in ["198.51.100.7", "MAC地址", "00:16:3e:00:00:01", "ARP"] {
                assert!(joined.contains(whole), "{width}: {wrapped}");
            }
            for line in wrapped.lines() {
                for whole in ["198.51.100.7", "00:16:3e:00:00:01"] {
                    let cut = (1..whole.len())
                        .any(|i| line.trim_end().ends_with(&whole[..i]) && !line.contains(whole));
                    assert!(!cut, "{width}: {whole} cut in {wrapped}");
                }
            }
        }
        assert_eq!(
            wrap("默认网关是路由器，它把包转发到别的子网。", 12, 0, 0),
            "默认网关是路\n由器，它把包\n转发到别的子\n网。"
        );
        let pieces: Vec<&str> = atoms("MAC地址（物理地址）是5台").map(|(a, _)| a).collect();
        assert_eq!(pieces, ["MAC地", "址", "（物", "理", "地", "址）", "是5台"]);
        // A number keeps its unit, a Chinese one too.
        assert_eq!(widest_atom("应该是 12 位十六进制数字"), 5);
        // English is as before: no break inside a word.
        assert!(atoms("a-long-interface-name, 10.0.0.1/24").all(|(a, _)| a.is_ascii()));
        assert_eq!(atoms("a-b x").count(), 2);
    }

    #[test]
    fn visible_len_counts_terminal_columns() {
        assert_eq!(visible_len("\x1b[1;31mabc\x1b[0m"), 3);
        assert_eq!(visible_len("\x1b[1m网卡0\x1b[0m"), 5);
        assert_eq!(visible_len("🦀 é"), 4);
    }

    #[test]
    fn one_line_escapes_control_characters() {
        assert_eq!(one_line("plain, ünïcode"), "plain, ünïcode");
        assert_eq!(one_line("a\nb\tc\u{1b}[2J"), "a\\nb\\tc\\u{1b}[2J");
        assert_eq!(one_line("txt.\u{202e}exe"), "txt.\\u{202e}exe");
    }
}
