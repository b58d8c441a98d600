//! The man pages in man/ (English) and man/zh_CN/ (Simplified Chinese, issue 28) are generated
//! from the clap definition worded from the catalogs; this fails when they drift.
//! Regenerate with: NETKIT_UPDATE_MAN=1 cargo test --test tests man::
//!
//! clap_mangen draws each page's NAME, SYNOPSIS, DESCRIPTION, OPTIONS and subcommands; what the
//! help says around the options is laid out as man pages have it (issue 27 item 6), not under
//! clap_mangen's one "EXTRA": its prose continues the DESCRIPTION, its exit codes go under EXIT
//! STATUS and its examples under EXAMPLES.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use netkit::cli::{LangChoice, catalog_text, man_command_in};
use roff::{Roff, bold, roman};

/// The languages of the pages, each with its folder under man/.
const LANGS: [(LangChoice, &str); 2] = [(LangChoice::En, ""), (LangChoice::ZhCn, "zh_CN")];

/// A word of the catalogs in `lang`.
fn word(lang: LangChoice, id: &str) -> String {
    catalog_text(lang, id).unwrap_or_else(|| panic!("{id} is in the catalogs"))
}

fn pages_in(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "1"))
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        fs::read_to_string(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// What a command's help says besides its options, sorted into man page sections.
#[derive(Debug, Default)]
struct Extra {
    /// Paragraphs of prose (each its lines as written).
    prose: Vec<Vec<String>>,
    /// The exit status: its lines, "Exit status:" left out.
    exit_status: Vec<String>,
    /// Example command lines.
    examples: Vec<String>,
}

/// Sorts the text before and after a command's options (`before_help`, `after_help`) into
/// [`Extra`]: a paragraph opening with "Examples:" holds examples, one opening with "Exit status"
/// the exit codes (in `lang`'s words, or English where a command's help is not yet worded in
/// it), every other paragraph is prose.
fn extra(cmd: &clap::Command, lang: LangChoice) -> Extra {
    let examples = [word(lang, "help-heading-examples"), "Examples:".to_string()];
    let exit = [
        word(lang, "help-heading-exit-status"),
        "Exit status:".to_string(),
    ];
    let after = |line: &str, headings: &[String]| {
        headings.iter().find_map(|h| {
            let bare = h.trim_end_matches([':', '：']);
            line.strip_prefix(bare)
                .map(|rest| rest.trim_start_matches([':', '：']).to_string())
        })
    };
    let mut text = String::new();
    for part in [
        cmd.get_before_long_help().or_else(|| cmd.get_before_help()),
        cmd.get_after_long_help().or_else(|| cmd.get_after_help()),
    ]
    .into_iter()
    .flatten()
    {
        text.push_str(&part.to_string());
        text.push_str("\n\n");
    }
    let mut extra = Extra::default();
    for paragraph in text
        .split("\n\n")
        .map(|p| p.trim_matches('\n'))
        .filter(|p| !p.trim().is_empty())
    {
        let lines: Vec<String> = paragraph.lines().map(str::to_string).collect();
        if let Some(first) = after(&lines[0], &examples) {
            extra.examples.extend(
                std::iter::once(first.as_str())
                    .chain(lines[1..].iter().map(String::as_str))
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from),
            );
        } else if let Some(first) = after(&lines[0], &exit) {
            extra.exit_status.extend(
                std::iter::once(first.trim().to_string())
                    .chain(lines[1..].iter().cloned())
                    .filter(|l| !l.trim().is_empty()),
            );
        } else {
            // A line opening with an option and what it does (`--file: ...`, `--full (or
            // ...`) starts a paragraph of its own.
            let opens_item = |l: &str| {
                l.strip_prefix("--").is_some_and(|rest| {
                    let flag =
                        rest.trim_start_matches(|c: char| c.is_ascii_lowercase() || c == '-');
                    flag.starts_with(':') || flag.starts_with(" (")
                })
            };
            let mut current: Vec<String> = Vec::new();
            for line in lines {
                if opens_item(&line) && !current.is_empty() {
                    extra.prose.push(std::mem::take(&mut current));
                }
                current.push(line);
            }
            extra.prose.push(current);
        }
    }
    extra
}

/// Lines as roff text: an indented block (a list, a table) kept as it is; other lines joined
/// into one paragraph for roff to fill.
fn paragraph(roff: &mut Roff, lines: &[String]) {
    if lines.iter().skip(1).any(|l| l.starts_with("  ")) {
        roff.control("nf", []);
        for l in lines {
            roff.text([roman(l.as_str())]);
        }
        roff.control("fi", []);
    } else {
        roff.text([roman(join_lines(lines.iter().map(String::as_str)))]);
    }
}

/// The lines of one paragraph as one: a space between two lines, none between two Chinese
/// characters nor beside full-width punctuation (Chinese has no spaces).
fn join_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let wide = |c: char| unicode_width::UnicodeWidthChar::width(c) == Some(2);
    let punct = |c: Option<char>| c.is_some_and(|c| wide(c) && !c.is_alphabetic());
    let mut text = String::new();
    for line in lines {
        let (end, start) = (text.chars().next_back(), line.chars().next());
        let chinese = end.is_some_and(wide) && start.is_some_and(wide);
        if !text.is_empty() && !chinese && !punct(end) && !punct(start) {
            text.push(' ');
        }
        text.push_str(line);
    }
    text
}

/// The exit codes: a table of `  0  ok / yes` lines as a list of codes, else prose.
fn exit_status(roff: &mut Roff, lines: &[String]) {
    let codes: Vec<(&str, &str)> = lines
        .iter()
        .filter_map(|l| {
            let l = l.strip_prefix("  ")?.trim();
            let (code, meaning) = l.split_once(char::is_whitespace)?;
            code.parse::<u8>().ok()?;
            Some((code, meaning.trim()))
        })
        .collect();
    if !codes.is_empty() && codes.len() == lines.len() {
        for (code, meaning) in codes {
            roff.control("TP", []);
            roff.text([bold(code)]);
            roff.text([roman(meaning)]);
        }
    } else {
        roff.text([roman(join_lines(lines.iter().map(|l| l.trim())))]);
    }
}

/// One command's page, in `lang`.
fn page(cmd: &clap::Command, lang: LangChoice) -> String {
    let extra = extra(cmd, lang);
    // clap_mangen's sections, without its "EXTRA".
    let bare = cmd
        .clone()
        .before_help(None::<&str>)
        .before_long_help(None::<&str>)
        .after_help(None::<&str>)
        .after_long_help(None::<&str>);
    let man = clap_mangen::Man::new(bare.clone());
    let mut out = Vec::new();
    man.render_title(&mut out).unwrap();
    man.render_name_section(&mut out).unwrap();
    man.render_synopsis_section(&mut out).unwrap();
    man.render_description_section(&mut out).unwrap();
    let mut roff = Roff::new();
    for p in &extra.prose {
        roff.control("PP", []);
        paragraph(&mut roff, p);
    }
    roff.to_writer(&mut out).unwrap();
    man.render_options_section(&mut out).unwrap();
    if bare.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(&mut out).unwrap();
    }
    let mut roff = Roff::new();
    if !extra.exit_status.is_empty() {
        roff.control("SH", [word(lang, "help-man-exit-status").as_str()]);
        exit_status(&mut roff, &extra.exit_status);
    }
    if !extra.examples.is_empty() {
        roff.control("SH", [word(lang, "help-man-examples").as_str()]);
        roff.control("nf", []);
        for e in &extra.examples {
            roff.text([roman(e.as_str())]);
        }
        roff.control("fi", []);
    }
    roff.to_writer(&mut out).unwrap();
    if bare.get_version().is_some() {
        man.render_version_section(&mut out).unwrap();
    }
    // Each part came with roff's apostrophe preamble: the page keeps the first.
    let text = String::from_utf8(out).unwrap();
    let preamble = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let (head, rest) = text.split_at(preamble.len());
    assert_eq!(head, preamble, "roff's preamble opens the page");
    let text = format!("{head}{}", rest.replace(preamble, ""));
    // clap_mangen's section names, in `lang`.
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let section = match line.trim_end() {
            ".SH NAME" => Some("help-man-name"),
            ".SH SYNOPSIS" => Some("help-man-synopsis"),
            ".SH DESCRIPTION" => Some("help-man-description"),
            ".SH OPTIONS" => Some("help-man-options"),
            ".SH SUBCOMMANDS" => Some("help-man-subcommands"),
            ".SH VERSION" => Some("help-man-version"),
            _ => None,
        };
        match section {
            Some(id) if lang != LangChoice::En => {
                out.push_str(&format!(".SH {}\n", word(lang, id)));
            }
            _ => out.push_str(line),
        }
    }
    out
}

/// Every page of the CLI in `lang`, by file name (`netkit.1`, `netkit-subnet-check.1`), as
/// `clap_mangen::generate_to` names them.
fn generate_in(lang: LangChoice) -> BTreeMap<String, String> {
    fn walk(cmd: &clap::Command, lang: LangChoice, pages: &mut BTreeMap<String, String>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, lang, pages);
        }
        let name = clap_mangen::Man::new(cmd.clone()).get_filename();
        pages.insert(name, page(cmd, lang));
    }
    let cmd = man_command_in(lang);
    let mut pages = BTreeMap::new();
    walk(&cmd, lang, &mut pages);
    pages
}

/// The English pages.
fn generate() -> BTreeMap<String, String> {
    generate_in(LangChoice::En)
}

#[test]
fn man_pages_match_the_cli() {
    for (lang, folder) in LANGS {
        pages_match(lang, folder);
    }
}

fn pages_match(lang: LangChoice, folder: &str) {
    let generated = generate_in(lang);
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("man")
        .join(folder);
    if std::env::var_os("NETKIT_UPDATE_MAN").is_some() {
        fs::create_dir_all(&committed_dir).unwrap();
        for old in pages_in(&committed_dir).keys() {
            fs::remove_file(committed_dir.join(old)).unwrap();
        }
        for (name, text) in &generated {
            fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = pages_in(&committed_dir);
    let names = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&generated),
        "man/ has other pages than the CLI defines; regenerate: NETKIT_UPDATE_MAN=1 cargo test --test tests man::"
    );
    for (name, text) in &generated {
        assert!(
            committed[name] == *text,
            "man/{name} is out of date with the CLI; regenerate: NETKIT_UPDATE_MAN=1 cargo test --test tests man::"
        );
    }
    for page in [
        "netkit.1",
        "netkit-subnet.1",
        "netkit-subnet-filter.1",
        "netkit-mac.1",
        "netkit-dns.1",
    ] {
        assert!(generated.contains_key(page), "{page} generated");
    }
}

/// Issue 27 item 6: every page that documents exit codes or examples does so under EXIT STATUS
/// and EXAMPLES, as man pages do, and no page has clap_mangen's "EXTRA".
#[test]
fn man_pages_have_exit_status_and_examples_sections() {
    let pages = generate();
    for (name, text) in &pages {
        assert!(!text.contains(".SH EXTRA"), "{name}");
        assert!(
            !text.contains("Examples:") && !text.contains("Exit status:"),
            "{name}: a heading left in the text"
        );
    }
    let root = &pages["netkit.1"];
    assert!(root.contains(".SH \"EXIT STATUS\""), "{root}");
    assert!(
        root.contains(".TP\n\\fB4\\fR\n"),
        "each code an item: {root}"
    );
    for leaf in [
        "netkit-mac.1",
        "netkit-dns.1",
        "netkit-subnet-check.1",
        "netkit-trace.1",
    ] {
        let text = &pages[leaf];
        let examples = text
            .find(".SH EXAMPLES")
            .unwrap_or_else(|| panic!("{leaf}: {text}"));
        assert!(text[examples..].contains("\nnetkit "), "{leaf}: {text}");
    }
    // Issue 28: the Chinese pages, their sections named in Chinese, the mac page whole.
    let zh = generate_in(LangChoice::ZhCn);
    for (name, text) in &zh {
        assert!(
            !text.contains("示例：") && !text.contains("退出状态："),
            "{name}: a heading left in the text"
        );
        assert!(text.contains(".SH 名称"), "{name}");
    }
    let mac = &zh["netkit-mac.1"];
    for said in [
        ".SH 示例",
        "要解读的MAC地址",
        "可用的写法",
        "\nnetkit mac 3c:22:fb:12:34:56",
    ] {
        assert!(mac.contains(said), "{said}: {mac}");
    }
    assert!(
        zh["netkit.1"].contains(".SH 退出状态"),
        "{}",
        zh["netkit.1"]
    );
    let trace = &pages["netkit-trace.1"];
    let (status, examples) = (
        trace
            .find(".SH \"EXIT STATUS\"")
            .expect("trace's exit status"),
        trace.find(".SH EXAMPLES").unwrap(),
    );
    assert!(
        status < examples,
        "EXIT STATUS before EXAMPLES, as man-pages(7) orders them"
    );
}
