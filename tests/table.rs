//! Tables on a terminal and in a pipe: on a pseudo-terminal of a given width (made by
//! util-linux `script`) the real binary fits its table to the width, wrapping cells; piped, the
//! same command prints the table at its full width, one line per row, with the same text.

use std::process::{Command, Stdio};

use unicode_width::UnicodeWidthStr;

use crate::common::*;

/// `subnet split` prints a table 72 columns wide.
const SPLIT: &[&str] = &["subnet", "split", "10.0.0.0/16", "--count", "6"];

/// Runs netkit with `args` on a pseudo-terminal `cols` columns wide; returns what it printed.
fn on_terminal(cols: u16, args: &[&str]) -> String {
    let bin = env!("CARGO_BIN_EXE_netkit");
    let line = format!("stty rows 24 cols {cols}; exec '{bin}' {}", args.join(" "));
    let o = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("util-linux `script` runs (Debian: bsdutils)");
    assert!(o.status.success(), "{line}: {o:?}");
    stdout(&o).replace("\r\n", "\n")
}

/// The line as a terminal shows it: ANSI colour codes left out.
fn shown(line: &str) -> String {
    let mut s = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|d| d.is_ascii_alphabetic());
        } else {
            s.push(c);
        }
    }
    s
}

/// The table's lines (borders and rows), as shown.
fn table_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(shown)
        .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
        .collect()
}

/// The text of each column of the table's rows (header left out), lines joined, spaces removed:
/// what a reader gets from the table whether or not its cells wrapped.
fn column_texts(lines: &[String]) -> Vec<String> {
    let body_start = lines.iter().position(|l| l.starts_with('╞')).unwrap() + 1;
    let body = &lines[body_start..lines.len() - 1];
    let columns = body[0].split(['│', '┆']).count() - 2;
    (1..=columns)
        .map(|i| {
            body.iter()
                .map(|l| l.split(['│', '┆']).nth(i).unwrap().to_string())
                .collect::<String>()
                .split_whitespace()
                .collect()
        })
        .collect()
}

#[test]
fn table_fits_a_narrow_terminal_and_is_full_width_in_a_pipe() {
    let o = run(SPLIT);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let piped = stdout(&o);
    assert!(!piped.contains('\x1b'), "no colour in a pipe: {piped}");
    let full = table_lines(&piped);
    let full_width = full[0].width();
    assert!(
        full_width > 60,
        "the table is wider than the terminal:\n{piped}"
    );
    // Piped: one line per row (8 subnets, the header, 3 rules), every line the full width.
    assert_eq!(full.len(), 12, "{piped}");
    assert!(full.iter().all(|l| l.width() == full_width), "{piped}");

    let tty = on_terminal(60, SPLIT);
    assert!(tty.contains('\x1b'), "coloured on a terminal: {tty:?}");
    let fitted = table_lines(&tty);
    assert!(fitted.len() > full.len(), "cells wrap:\n{tty}");
    for line in &fitted {
        assert!(
            line.width() <= 60,
            "{} columns: {line}\n{tty}",
            line.width()
        );
    }
    // Nothing is lost: each column holds the same text as in the full-width table.
    assert_eq!(column_texts(&fitted), column_texts(&full), "{tty}\n{piped}");
}

#[test]
fn table_as_wide_as_the_terminal_allows_is_not_wrapped() {
    let piped = stdout(&run(SPLIT));
    let full = table_lines(&piped);
    let width = u16::try_from(full[0].width()).unwrap();
    let tty = on_terminal(width, &[&["--color", "never"][..], SPLIT].concat());
    assert_eq!(
        tty, piped,
        "a terminal exactly as wide as the table gets the piped bytes"
    );
}

#[test]
fn colour_is_asked_for_separately_from_the_width() {
    let plain = stdout(&run(SPLIT));
    // --color always into a pipe: coloured, still full width, the same text once shown.
    let o = run(&[&["--color", "always"][..], SPLIT].concat());
    let coloured = stdout(&o);
    assert!(coloured.contains('\x1b'), "{coloured:?}");
    let shown_lines: Vec<String> = coloured.lines().map(shown).collect();
    assert_eq!(shown_lines.join("\n") + "\n", plain);
    // --color never on a terminal: fitted, no colour.
    let tty = on_terminal(60, &[&["--color", "never"][..], SPLIT].concat());
    assert!(!tty.contains('\x1b'), "{tty:?}");
    assert!(table_lines(&tty).iter().all(|l| l.width() <= 60), "{tty}");
}

/// Issue 17: on a 70-column terminal every line of these views fits, prose wrapped at word
/// boundaries, and no word is lost or cut (the words are those of the piped output).
#[test]
fn views_fit_a_70_column_terminal_and_keep_every_word() {
    for args in [
        &["subnet", "info", "2001:db8::/31"][..],
        &[
            "subnet",
            "check",
            "10.0.0.1",
            "10.0.1.1",
            "-m",
            "23",
            "--explain",
        ],
        &["mac", "3c:22:fb:12:34:56"],
        &["subnet", "split", "2001:db8::/46", "--prefix", "48"],
    ] {
        let tty = on_terminal(70, &[&["--color", "never"][..], args].concat());
        for line in tty.lines() {
            assert!(
                line.width() <= 70,
                "{args:?}: {} columns: {line}",
                line.width()
            );
        }
        let piped = stdout(&run(args));
        let words = |t: &str| -> Vec<String> {
            t.split(|c: char| c.is_whitespace() || "│┆┌┐└┘┬┴╞╪╡═─".contains(c))
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect()
        };
        if !args.contains(&"split") {
            assert_eq!(words(&tty), words(&piped), "{args:?}\n{tty}\n{piped}");
        }
        assert!(
            piped.lines().any(|l| l.width() > 70),
            "{args:?} is a test of wrapping"
        );
    }
}

/// Issue 17: snapshots of the pure views as a person sees them on 70- and 100-column terminals
/// (colour off): any change to how netkit speaks shows up here for review
/// (`INSTA_UPDATE=always cargo test --test tests snapshots` rewrites them after an intended one).
#[test]
fn snapshots_of_terminal_views() {
    for cols in [70u16, 100] {
        for (name, args) in [
            ("subnet_info_v4", &["subnet", "info", "192.168.1.10/24"][..]),
            ("subnet_info_v6", &["subnet", "info", "2001:db8::/31"]),
            (
                "subnet_check_explain",
                &[
                    "subnet",
                    "check",
                    "10.0.0.1",
                    "10.0.1.1",
                    "-m",
                    "23",
                    "--explain",
                ],
            ),
            (
                "subnet_split",
                &["subnet", "split", "192.168.0.0/24", "--prefix", "26"],
            ),
            (
                "subnet_summarize",
                &["subnet", "summarize", "10.0.0.0/25", "10.0.0.128/25"],
            ),
            ("mac", &["mac", "3c:22:fb:12:34:56"]),
        ] {
            let shown = on_terminal(cols, &[&["--color", "never"][..], args].concat());
            insta::assert_snapshot!(format!("{name}_{cols}"), shown);
        }
    }
}
