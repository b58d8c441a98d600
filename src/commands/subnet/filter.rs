//! `netkit subnet filter`: print input lines holding an IP address inside any of the given
//! networks, compatible with grepcidr 2.0.
//!
//! - Patterns: addresses, CIDR blocks, ranges (`a-b`), IPv4 or IPv6, several per argument
//!   (comma or space separated). Leading arguments that parse as patterns are patterns, the rest
//!   are files; with `-e`/`-f` every argument is a file. `-f FILE` holds patterns, one or more a
//!   line, `#` starting a comment. A bad pattern stops everything with exit 2, naming it (and
//!   `file:line` for `-f`); grepcidr only warns and goes on.
//! - Lines are found and matched as grepcidr does it (see [`scan`]): addresses anywhere in the
//!   line, the first address inside a pattern makes the line match. `-v` prints the lines that hold
//!   an address (of a family some pattern has) but no matching one - lines without any address are
//!   never printed, as with grepcidr. `-x` looks only at the field the line starts with.
//! - Output is byte-for-byte the input line; a last line without newline is printed without one,
//!   as grepcidr does. With several files each line is prefixed with `FILE:` and `-c` prints one
//!   total, as grepcidr does. `--json` prints one JSON object per line (`line`, `address`,
//!   `network`, and `file` with several files), or `{"count": N}` with `-c`.
//! - Files: '-' or none is standard input. An unreadable file is reported on stderr and skipped;
//!   the others are still filtered and the exit status is then 3 (grepcidr stops at once, exit 2).
//! - Exit status: 0 some line printed or counted, 1 none, 2 bad pattern or usage, 3 unreadable file.
//!
//! Known differences from grepcidr, all deliberate: NUL bytes are ordinary bytes here (grepcidr
//! cuts the line there and glues on the next one); grepcidr's line buffer (512 bytes, doubling)
//! makes it skip hints in the last 4 bytes of a line of 508-511 bytes (or 1020-1023...), so it
//! misses a `::1` ending such a line, and it drops a last line without newline of exactly
//! 511 (1023...) bytes - netkit does neither; patterns use netkit's stricter shared parser
//! (`010.0.0.0/8` is refused, IPv6 ranges are accepted); grepcidr's -s and -i do not exist.
//! `bench/filter_diff.sh` and `tests/filter.rs` diff the two on a tricky corpus.

pub mod scan;
pub mod set;

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use serde::Serialize;

use crate::cli::SubnetFilterArgs;
use crate::error::{Error, Result, exit};
use crate::i18n::t;
use crate::net::addr::split_list;
use crate::output::{self, Format, Guard, Ui, write_json, written};

use scan::{Found, Scanner};
use set::{Pattern, PatternSet};

/// Read buffer size: big reads keep the per-line cost down.
const READ_BUF: usize = 1 << 20;
/// Output buffer size.
const WRITE_BUF: usize = 1 << 18;

/// Runs `netkit subnet filter`.
pub fn run(args: &SubnetFilterArgs, ui: &Ui) -> Result<u8> {
    let (patterns, mut files) = resolve(args)?;
    let set = PatternSet::new(patterns);
    if files.is_empty() {
        crate::output::reading_the_terminal(
            t!("subnet-filter-reading"),
            t!("subnet-filter-instead"),
        );
        files.push(OsString::from("-"));
    }
    let stdout = io::stdout();
    let out = io::BufWriter::with_capacity(WRITE_BUF, stdout.lock());
    // Lines of a file are data for the next program in a pipe, passed byte for byte (as grep
    // and grepcidr do); on a terminal they are shown neutralized, like all outside text.
    if ui.format != Format::Json && stdout.is_terminal() {
        filter_files(args, ui, &set, &files, Guard::new(out, ui.color))
    } else {
        filter_files(args, ui, &set, &files, out)
    }
}

/// Filters every file to `out`; returns the exit status.
fn filter_files<W: Write>(
    args: &SubnetFilterArgs,
    ui: &Ui,
    set: &PatternSet,
    files: &[OsString],
    out: W,
) -> Result<u8> {
    let show_names = files.len() > 1;
    let mut filter = Filter {
        scanner: Scanner {
            v4: set.has_v4(),
            v6: set.has_v6(),
            line_start: args.line_start,
        },
        set,
        invert: args.invert,
        count_only: args.count,
        json: ui.format == Format::Json,
        name: None,
        out,
        matched: 0,
    };
    let mut buf = vec![0u8; READ_BUF];
    let mut failed = false;
    for file in files {
        filter.name = show_names.then(|| {
            if file == "-" {
                display_name(file).into_bytes()
            } else {
                file.as_encoded_bytes().to_vec()
            }
        });
        let outcome = if file == "-" {
            filter.filter(io::stdin().lock(), &mut buf)
        } else {
            match File::open(file) {
                Ok(f) => filter.filter(f, &mut buf),
                Err(e) => Err(Fail::Read(e)),
            }
        };
        match outcome {
            Ok(()) => {}
            Err(Fail::Write(e)) => return Err(Error::io(t!("io-writing-output"), e)),
            Err(Fail::Read(e)) => {
                // Reported where it happened, and the other files still filtered (as grep does).
                failed = true;
                // The name in the run's language; lines of output keep grep's "(standard input)".
                let name = if file == "-" {
                    t!("subnet-filter-stdin").to_string()
                } else {
                    display_name(file)
                };
                let reading = t!("io-reading-file", file = name);
                let err = Error::io(reading, e);
                output::report_inline(ui, &mut filter.out, &err).map_err(written)?;
            }
        }
    }
    let matched = filter.matched;
    let mut out = filter.out;
    if args.count {
        if ui.format == Format::Json {
            write_json(&mut out, &CountJson { count: matched }, false).map_err(written)?;
            out.write_all(b"\n").map_err(written)?;
        } else {
            writeln!(out, "{matched}").map_err(written)?;
        }
    }
    out.flush().map_err(written)?;
    Ok(if failed {
        exit::NETWORK
    } else if matched > 0 {
        exit::OK
    } else {
        exit::NEGATIVE
    })
}

/// How a file is named in messages and output prefixes.
fn display_name(file: &OsStr) -> String {
    if file == "-" {
        "(standard input)".to_string()
    } else {
        file.to_string_lossy().into_owned()
    }
}

/// Removes blanks around the '-' of ranges, so `a - b` is one range as in grepcidr pattern files.
fn tighten_ranges(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('-') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('-').enumerate() {
        if i > 0 {
            out.truncate(out.trim_end().len());
            out.push('-');
            out.push_str(part.trim_start());
        } else {
            out.push_str(part);
        }
    }
    out.into()
}

/// Parses one argument holding one or more patterns.
fn parse_list(arg: &str) -> Result<Vec<Pattern>> {
    let pats = split_list(&tighten_ranges(arg))
        .map(Pattern::parse)
        .collect::<Result<Vec<_>>>()?;
    if pats.is_empty() {
        return Err(Error::bad(
            t!("subnet-what-pattern"),
            arg,
            t!("subnet-empty"),
        ));
    }
    Ok(pats)
}

/// True for a name made only of the characters of addresses, CIDRs and ranges.
fn looks_like_pattern(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit() || c == ':')
        && s.contains(['.', ':'])
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() || ".:/,-".contains(c))
}

/// Reads `-f` pattern files: one or more patterns a line, '#' comments, blank lines ignored.
fn read_pattern_file(path: &Path, into: &mut Vec<Pattern>) -> Result<()> {
    crate::util::lists::read_list_file(path, |line| {
        for token in split_list(&tighten_ranges(line)) {
            into.push(Pattern::parse(token)?);
        }
        Ok(())
    })
}

/// Splits the command line into patterns and input files.
fn resolve(args: &SubnetFilterArgs) -> Result<(Vec<Pattern>, Vec<OsString>)> {
    let mut patterns = Vec::new();
    for arg in &args.patterns {
        patterns.extend(parse_list(arg)?);
    }
    for path in &args.pattern_files {
        read_pattern_file(path, &mut patterns)?;
    }
    let explicit = !args.patterns.is_empty() || !args.pattern_files.is_empty();
    let mut rest = args.args.as_slice();
    if !explicit {
        while let Some((first, tail)) = rest.split_first() {
            let parsed = match first.to_str() {
                Some(text) => parse_list(text),
                None => Err(Error::bad(
                    t!("subnet-what-pattern"),
                    first.to_string_lossy(),
                    t!("subnet-not-utf8"),
                )),
            };
            match parsed {
                Ok(p) => patterns.extend(p),
                // grepcidr's rule: the first argument is a pattern, so say what is wrong with it,
                // unless it is a file and a network follows: the two in the wrong order.
                Err(e) if patterns.is_empty() => {
                    let network = tail
                        .iter()
                        .filter_map(|t| t.to_str())
                        .find(|t| parse_list(t).is_ok());
                    return Err(match network {
                        Some(net) if Path::new(first).exists() => Error::usage(t!(
                            "subnet-filter-swapped",
                            file = first.to_string_lossy().into_owned(),
                            network = net
                        )),
                        _ => e,
                    });
                }
                Err(_) => break,
            }
            rest = tail;
        }
    }
    if patterns.is_empty() {
        return Err(Error::usage(t!("subnet-filter-no-pattern")));
    }
    // A missing "file" that looks like a pattern is most likely a mistyped one: say what is wrong.
    for f in rest.iter().filter_map(|f| f.to_str()) {
        if f != "-" && looks_like_pattern(f) && !Path::new(f).exists() {
            parse_list(f)?;
        }
    }
    Ok((patterns, rest.to_vec()))
}

/// Why filtering one input stopped.
#[derive(Debug)]
enum Fail {
    /// The input could not be read: report it, go on with the next file.
    Read(io::Error),
    /// Output could not be written: stop.
    Write(io::Error),
}

/// One JSON line of output.
#[derive(Debug, Serialize)]
struct LineJson<'a> {
    file: Option<std::borrow::Cow<'a, str>>,
    line: &'a str,
    address: Option<String>,
    network: Option<&'a str>,
}

/// The JSON output of `-c`.
#[derive(Debug, Serialize)]
struct CountJson {
    count: u64,
}

/// The filtering state shared by all input files.
struct Filter<'a, W: Write> {
    scanner: Scanner,
    set: &'a PatternSet,
    invert: bool,
    count_only: bool,
    json: bool,
    /// The file name prefix, when there are several files.
    name: Option<Vec<u8>>,
    out: W,
    /// Lines printed or counted so far.
    matched: u64,
}

impl<W: Write> std::fmt::Debug for Filter<'_, W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Filter")
            .field("scanner", &self.scanner)
            .field("matched", &self.matched)
            .finish_non_exhaustive()
    }
}

impl<W: Write> Filter<'_, W> {
    /// True when the IPv4-only fast loop ([`Filter::lines_v4`]) finds what the general one does.
    fn fast(&self) -> bool {
        self.scanner.v4 && !self.scanner.v6 && !self.scanner.line_start
    }

    /// Filters one input, reading it in big chunks; `buf` is reused from file to file.
    fn filter<R: Read>(
        &mut self,
        mut input: R,
        buf: &mut Vec<u8>,
    ) -> std::result::Result<(), Fail> {
        let fast = self.fast();
        let mut len = 0;
        loop {
            if len == buf.len() {
                buf.resize(buf.len() * 2, 0);
            }
            let n = match input.read(&mut buf[len..]) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Fail::Read(e)),
            };
            let end = len + n;
            // Handle the whole lines now; keep the unfinished last one for the next read.
            let Some(last) = memchr::memrchr(b'\n', &buf[len..end]) else {
                len = end;
                continue;
            };
            let whole = len + last + 1;
            if fast {
                self.lines_v4(&buf[..whole]).map_err(Fail::Write)?;
            } else {
                self.lines(&buf[..whole]).map_err(Fail::Write)?;
            }
            buf.copy_within(whole..end, 0);
            len = end - whole;
        }
        if len > 0 {
            self.line(&buf[..len], &buf[..len]).map_err(Fail::Write)?;
        }
        Ok(())
    }

    /// Handles a run of whole lines (ending with '\n') one by one.
    fn lines(&mut self, region: &[u8]) -> io::Result<()> {
        let mut start = 0;
        for nl in memchr::memchr_iter(b'\n', region) {
            self.line(&region[start..nl], &region[start..=nl])?;
            start = nl + 1;
        }
        Ok(())
    }

    /// [`Filter::lines`] for IPv4-only patterns: scans straight through the buffer and looks for
    /// the newline only after a matching address (a scan without a match stops at the newline).
    fn lines_v4(&mut self, region: &[u8]) -> io::Result<()> {
        let set = self.set;
        let mut accept = |a| set.contains(a);
        let mut s = 0;
        while s < region.len() {
            let (found, q) = scan::scan_v4_from(region, s, &mut accept);
            let e = match found {
                Found::Accepted(_) if region.get(q) != Some(&b'\n') => {
                    memchr::memchr(b'\n', &region[q..]).map_or(region.len() - 1, |i| q + i)
                }
                _ => q.min(region.len() - 1),
            };
            self.emit(&region[s..e], &region[s..=e], found)?;
            s = e + 1;
        }
        Ok(())
    }

    /// Handles one line: `line` without its newline, `raw` as read (with it, when it had one).
    #[inline]
    fn line(&mut self, line: &[u8], raw: &[u8]) -> io::Result<()> {
        let set = self.set;
        let found = self.scanner.scan(line, |a| set.contains(a));
        self.emit(line, raw, found)
    }

    /// Prints or counts the line when the scan's outcome selects it.
    #[inline(always)]
    fn emit(&mut self, line: &[u8], raw: &[u8], found: Found) -> io::Result<()> {
        let hit = match found {
            Found::Accepted(_) => !self.invert,
            Found::Rejected => self.invert,
            Found::Nothing => false,
        };
        if !hit {
            return Ok(());
        }
        self.matched += 1;
        if self.count_only {
            return Ok(());
        }
        if self.json {
            return self.emit_json(line, found);
        }
        if let Some(name) = &self.name {
            self.out.write_all(name)?;
            self.out.write_all(b":")?;
        }
        self.out.write_all(raw)
    }

    /// The `--json` form of a selected line.
    #[cold]
    fn emit_json(&mut self, line: &[u8], found: Found) -> io::Result<()> {
        let (address, network) = match found {
            Found::Accepted(a) if !self.invert => (
                Some(a.to_string()),
                self.set.pattern_of(a).map(|p| p.text.as_str()),
            ),
            _ => (None, None),
        };
        let record = LineJson {
            file: self.name.as_deref().map(String::from_utf8_lossy),
            line: &String::from_utf8_lossy(line),
            address,
            network,
        };
        write_json(&mut self.out, &record, false)?;
        self.out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_on(patterns: &[&str], invert: bool, input: &[u8]) -> (Vec<u8>, u64) {
        let set = PatternSet::new(
            patterns
                .iter()
                .map(|p| Pattern::parse(p).unwrap())
                .collect(),
        );
        let mut f = Filter {
            scanner: Scanner {
                v4: set.has_v4(),
                v6: set.has_v6(),
                line_start: false,
            },
            set: &set,
            invert,
            count_only: false,
            json: false,
            name: None,
            out: Vec::new(),
            matched: 0,
        };
        // A tiny buffer exercises lines longer than it and lines split across reads.
        let mut buf = vec![0u8; 4];
        f.filter(input, &mut buf).unwrap();
        (f.out, f.matched)
    }

    #[test]
    fn prints_matching_lines_byte_for_byte() {
        let input = b"a 10.1.2.3 b\nnothing\n192.168.0.1\n\xff\xfe 10.9.9.9 \xff\nlast 10.0.0.1";
        let (out, n) = run_on(&["10.0.0.0/8"], false, input);
        assert_eq!(out, b"a 10.1.2.3 b\n\xff\xfe 10.9.9.9 \xff\nlast 10.0.0.1");
        assert_eq!(n, 3);
    }

    #[test]
    fn invert_skips_lines_without_addresses() {
        let (out, n) = run_on(
            &["10.0.0.0/8"],
            true,
            b"10.0.0.1\n192.168.0.1\nno address\n\n",
        );
        assert_eq!(out, b"192.168.0.1\n");
        assert_eq!(n, 1);
    }

    #[test]
    fn fast_loop_agrees_with_line_by_line() {
        let set = PatternSet::new(
            ["1.2.0.0/16", "3.0.0.0/8", "10.0.0.1"]
                .iter()
                .map(|p| Pattern::parse(p).unwrap())
                .collect(),
        );
        let make = |invert| Filter {
            scanner: Scanner {
                v4: true,
                v6: false,
                line_start: false,
            },
            set: &set,
            invert,
            count_only: false,
            json: false,
            name: None,
            out: Vec::new(),
            matched: 0,
        };
        let alphabet = b"0123.....123.\n\n 3a-1:0";
        let mut x: u64 = 7;
        for _ in 0..3000 {
            let mut region = Vec::new();
            for _ in 0..(x % 200) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                region.push(alphabet[(x >> 40) as usize % alphabet.len()]);
            }
            region.push(b'\n');
            for invert in [false, true] {
                let (mut fast, mut slow) = (make(invert), make(invert));
                fast.lines_v4(&region).unwrap();
                slow.lines(&region).unwrap();
                assert_eq!(fast.out, slow.out, "{:?}", String::from_utf8_lossy(&region));
                assert_eq!(fast.matched, slow.matched);
            }
        }
    }

    #[test]
    fn ranges_may_have_blanks_around_the_dash() {
        assert_eq!(tighten_ranges("1.2.3.4 - 1.2.3.9"), "1.2.3.4-1.2.3.9");
        assert_eq!(
            tighten_ranges(" 10.0.0.0/8,  1.1.1.1 -2.2.2.2 "),
            " 10.0.0.0/8,  1.1.1.1-2.2.2.2 "
        );
        assert_eq!(parse_list("1.2.3.4 - 1.2.3.9, ::1").unwrap().len(), 2);
    }

    #[test]
    fn pattern_like_names() {
        assert!(looks_like_pattern("10.0.0.300"));
        assert!(looks_like_pattern("2001:db8::/129"));
        assert!(!looks_like_pattern("access.log"));
        assert!(!looks_like_pattern("-"));
    }
}
