//! netkit: answers a networking primer's questions about a real machine.
//!
//! The binary is a thin wrapper around [`main_with_args`]. The layers, each importing only the
//! ones below it (a test in tests/layers.rs checks this):
//!
//! - the edge: [`cli`] (clap types, values typed at parse time), `output` (the one renderer),
//!   `error` (error kinds and exit codes);
//! - `commands`: one folder per subcommand, gathering a typed report; they never import each
//!   other, except `flow`, the top, which composes DNS, routing, ARP and TCP;
//! - the lower layer: `system` (the kernel's tables over netlink, OS files, the raw link and its
//!   privilege), `wire` (packet codecs), `net` (the primer's vocabulary: addresses, subnets, MACs,
//!   vendors, endpoints) and `util` (times, list files) — pure logic apart from `system`;
//! - under them all, `i18n`: the message catalogs (i18n/LANG/*.ftl) and the language of the run,
//!   chosen here at start-up (`--lang`, else the locale), so that any layer may name a sentence.

pub mod cli;
mod commands;
mod error;
mod i18n;
mod net;
mod output;
mod system;
mod util;
mod wire;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use crate::cli::{Cli, Command, LangChoice};
use crate::error::{Error, Result, exit};
use crate::i18n::{Arg, Message, Text, t};
use crate::output::Ui;

/// Parses `args`, runs the command and returns the process exit code.
pub fn main_with_args<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // The language is chosen first: clap's errors and help are worded in it too.
    let lang = lang_in(&args).map_or_else(i18n::from_environment, LangChoice::lang);
    i18n::set(lang);
    let quick = parse_lean(&args).or_else(|| parse_lean_trace(&args));
    let cli = match quick.map_or_else(|| Cli::try_parse_from(&args), Ok) {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(clap_failed(&args, &e)),
    };
    let ui = Ui::from_args(&cli.global);
    match run(&cli, &ui) {
        Ok(code) => ExitCode::from(code),
        Err(err) => ExitCode::from(output::emit_error(&ui, &err)),
    }
}

/// The `--lang` the command line gives (`--lang zh-CN`, `--lang=zh-CN`), read before clap (whose
/// own errors and help are worded in it); None when there is none, or it is not a language
/// netkit speaks (then clap refuses it, in the locale's language).
fn lang_in(args: &[OsString]) -> Option<LangChoice> {
    let mut words = args
        .iter()
        .skip(1)
        .map(|a| a.to_str().unwrap_or(""))
        .take_while(|a| *a != "--");
    while let Some(w) = words.next() {
        let value = match w.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(v) = value {
            return LangChoice::from_word(v);
        }
    }
    None
}

/// Reports what clap refused: help and version as clap prints them, in the language of the run
/// (exit 0); every error as one line, and as a JSON error under `--json`, like every other bad
/// input (exit 2). A value refused by netkit's own parser (an address, a mask, a time) keeps
/// its own error.
fn clap_failed(args: &[OsString], e: &clap::Error) -> u8 {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        // The help again, from the command tree worded in the run's language (building it
        // costs what a run that only parses should not pay).
        let choice = match i18n::current() {
            i18n::Lang::En => LangChoice::En,
            i18n::Lang::ZhCn => LangChoice::ZhCn,
        };
        let localized = cli::command_in(choice)
            .try_get_matches_from(args)
            .err()
            .filter(|help| help.kind() == e.kind());
        let e = localized.as_ref().unwrap_or(e);
        let printed = if i18n::current() == i18n::Lang::En {
            e.print()
        } else {
            let styled = e.render();
            let color = std::io::IsTerminal::is_terminal(&std::io::stdout())
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            let text = if color {
                styled.ansi().to_string()
            } else {
                styled.to_string()
            };
            let text = help_headings(&text, i18n::current());
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush())
        };
        return match printed {
            Ok(()) => exit::OK,
            Err(io) => output::emit_error(&Ui::from_args(&plain(false)), &output::written(io)),
        };
    }
    let json = args
        .iter()
        .skip(1)
        .take_while(|a| *a != "--")
        .any(|a| a == "--json");
    let ui = Ui::from_args(&plain(json));
    if let Some(err) = std::error::Error::source(e).and_then(|s| s.downcast_ref::<Error>()) {
        return output::emit_error(&ui, err);
    }
    output::emit_error(&ui, &Error::usage(usage_line(args, e)))
}

/// The help clap rendered (`text`, perhaps with colour codes) with the headings clap words
/// itself (`Arguments:`, `Options:`, and the colon after the others) in `lang`: a line that
/// shows only a heading and its colon.
fn help_headings(text: &str, lang: i18n::Lang) -> String {
    if lang == i18n::Lang::En {
        return text.to_string();
    }
    let word = |id: &str| i18n::find(id).map(|m| m.in_lang(lang)).unwrap_or_default();
    let colon = word("help-heading-colon");
    let headings = [
        ("Arguments", word("help-heading-arguments")),
        ("Options", word("help-heading-options")),
        ("", word("help-heading-commands")),
        ("", word("help-heading-global")),
    ];
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let shown: String = output::visible_chars(line).collect();
        let bare = shown.trim_end();
        let mut done = false;
        for (english, local) in &headings {
            let said = if english.is_empty() {
                local.as_str()
            } else {
                english
            };
            if bare == format!("{said}:") {
                out.push_str(&line.replacen(&format!("{said}:"), &format!("{local}{colon}"), 1));
                done = true;
                break;
            }
        }
        if !done {
            out.push_str(line);
        }
    }
    out
}

/// Global choices for an error met before the command line was understood: no colour.
fn plain(json: bool) -> cli::GlobalArgs {
    cli::GlobalArgs {
        json,
        color: cli::ColorChoice::Never,
        lang: None,
    }
}

/// clap's error as one line: its first paragraph and tips joined ("unrecognized subcommand
/// 'foo'; tip: a similar subcommand exists: 'flow'"), without the usage that follows, and where
/// to read more. A missing subcommand, which clap answers with the whole help, names the
/// subcommands to choose from. English keeps clap's words (JSON carries them); the other
/// languages get the catalogs' wording of the errors a user meets (see [`clap_in_words`]).
fn usage_line(args: &[OsString], e: &clap::Error) -> Text {
    use clap::error::ErrorKind;
    // The subcommands the words name, as far as they go (`netkit subnet` -> [subnet]).
    let mut cmd = Cli::command();
    let mut path = vec!["netkit".to_string()];
    for word in args.iter().skip(1).filter_map(|a| a.to_str()) {
        if let Some(sub) = cmd.find_subcommand(word).cloned() {
            path.push(sub.get_name().to_string());
            cmd = sub;
        }
    }
    let command = path.join(" ");
    let see = |line: Arg| t!("cli-see-help", line = line, command = command.as_str());
    if let Some(slip) = slip(&path, args, e) {
        return see(slip.into()).into();
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        let names: Vec<&str> = cmd
            .get_subcommands()
            .map(|s| s.get_name())
            .filter(|n| *n != "help")
            .collect();
        return see(t!(
            "cli-needs-subcommand",
            command = command.as_str(),
            names = names.join(", ")
        )
        .into())
        .into();
    }
    let text = e.to_string();
    let text = text.split("\nUsage:").next().unwrap_or_default();
    let mut parts = text
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty() && !p.starts_with("For more information"));
    let first = parts.next().unwrap_or_default();
    let mut line = first.strip_prefix("error: ").unwrap_or(&first).to_string();
    for tip in parts {
        line.push_str("; ");
        line.push_str(&tip);
    }
    let english = format!("{line} (see '{command} --help')");
    match clap_in_words(e) {
        Some(said) => Text::Both(Box::new((english, see(said.into())))),
        None => english.into(),
    }
}

/// The catalogs' wording of the clap errors a user meets (an unknown flag or subcommand, a bad
/// or missing value, a conflict), with clap's suggestion; None for the rest (then clap's
/// English line is shown).
fn clap_in_words(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let one = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    let many = |kind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => Some(v.clone()),
        Some(ContextValue::String(s)) => Some(vec![s.clone()]),
        _ => None,
    };
    let separator = t!("common-list-separator").to_string();
    let said = match e.kind() {
        ErrorKind::UnknownArgument => {
            t!("cli-unknown-argument", arg = one(ContextKind::InvalidArg)?)
        }
        ErrorKind::InvalidSubcommand => {
            t!(
                "cli-unknown-subcommand",
                word = one(ContextKind::InvalidSubcommand)?
            )
        }
        ErrorKind::InvalidValue => {
            let (arg, value) = (
                one(ContextKind::InvalidArg)?,
                one(ContextKind::InvalidValue)?,
            );
            if value.is_empty() {
                t!("cli-missing-value", arg = arg)
            } else {
                t!("cli-invalid-value", arg = arg, value = value)
            }
        }
        ErrorKind::MissingRequiredArgument => t!(
            "cli-missing-arguments",
            args = many(ContextKind::InvalidArg)?.join(&separator)
        ),
        ErrorKind::ArgumentConflict => {
            let (arg, other) = (one(ContextKind::InvalidArg)?, one(ContextKind::PriorArg)?);
            if arg == other {
                t!("cli-used-twice", arg = arg)
            } else {
                t!("cli-conflict", arg = arg, other = other)
            }
        }
        ErrorKind::NoEquals => {
            t!("cli-missing-value", arg = one(ContextKind::InvalidArg)?)
        }
        _ => return None,
    };
    let mut line = said.to_string();
    let then = t!("common-clause-separator").to_string();
    if let Some(values) = many(ContextKind::ValidValue).filter(|v| !v.is_empty()) {
        let values = t!("cli-possible-values", values = values.join(&separator));
        line = format!("{line}{then}{values}");
    }
    let suggested =
        one(ContextKind::SuggestedArg).or_else(|| one(ContextKind::SuggestedSubcommand));
    if let Some(s) = suggested {
        line = format!("{line}{then}{}", t!("cli-tip-similar", suggestion = s));
    }
    // clap's other tips, worded by clap: "to pass '-x' as a value, use '-- -x'", "'sub --flag'
    // exists".
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested) {
        for tip in tips.iter().map(ToString::to_string) {
            let tip = if tip.starts_with("to pass '") {
                let arg = tip.split('\'').nth(1).unwrap_or_default().to_string();
                t!("cli-tip-dash", arg = arg)
            } else if let Some(quoted) = tip
                .strip_suffix("' exists")
                .and_then(|t| t.strip_prefix('\''))
            {
                t!("cli-tip-similar", suggestion = quoted)
            } else {
                return None;
            };
            line = format!("{line}{then}{tip}");
        }
    }
    Some(line)
}

/// A student's likely slip behind what clap refused, said with what to type instead (issue 27
/// item 4): a value after `subnet` or `route` where the subcommand belongs (`netkit subnet
/// 192.168.1.0/24`: did you mean `subnet info`?), `mac` without the address, `ipconfig -all`.
fn slip(path: &[String], args: &[OsString], e: &clap::Error) -> Option<Message> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    match (e.kind(), &path[..]) {
        (ErrorKind::InvalidSubcommand, ["netkit", parent @ ("subnet" | "route")]) => {
            let Some(ContextValue::String(word)) = e.get(ContextKind::InvalidSubcommand) else {
                return None;
            };
            // The words from the one clap refused on: what the user meant to ask about.
            let at = args
                .iter()
                .position(|a| a.to_str() == Some(word.as_str()))?;
            let rest: Vec<String> = args[at..]
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            let is_address = |w: &str| {
                let w = w.split('/').next().unwrap_or(w);
                w.parse::<std::net::IpAddr>().is_ok()
            };
            let meant = match *parent {
                "route" => "get",
                _ if !is_address(word) => return None,
                _ if rest.iter().filter(|w| is_address(w)).count() >= 2 => "check",
                _ => "info",
            };
            Some(t!(
                "cli-slip-subcommand",
                word = word.as_str(),
                parent = *parent,
                meant = meant,
                rest = rest.join(" ")
            ))
        }
        // The primer's reader types `ipconfig -all` (cmd takes it as /all); clap reads -a -l -l.
        (ErrorKind::UnknownArgument, ["netkit", "ifaces"]) => {
            let switch = args
                .iter()
                .filter_map(|a| a.to_str())
                .find(|a| a.eq_ignore_ascii_case("-all"))?;
            Some(t!("ifaces-windows-all", switch = switch))
        }
        (ErrorKind::MissingRequiredArgument, ["netkit", "mac"]) => Some(t!("cli-slip-mac")),
        (ErrorKind::MissingRequiredArgument, ["netkit", "chat", "client"]) => {
            Some(t!("cli-slip-chat-client"))
        }
        _ => None,
    }
}

/// Parses `netkit [--json] [--color WHEN] ifaces|ipconfig [NAME] [-a|--all]` without clap: building
/// clap's command tree touches code and memory that cost `netkit ifaces` (which must be as fast as
/// `ip addr`) a good part of its run time in page faults. Returns None (use clap) for anything
/// else: other subcommands, help, version, unknown or repeated flags, so messages and help always
/// come from the full definition. A test checks both parsers agree.
fn parse_lean(args: &[OsString]) -> Option<Cli> {
    let words: Vec<&str> = args
        .iter()
        .skip(1)
        .map(|a| a.to_str())
        .collect::<Option<_>>()?;
    let (mut json, mut color, mut sub, mut name, mut all) = (false, None, false, None, false);
    let mut lang = None;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let language = match w {
            "--lang" => {
                i += 1;
                Some(*words.get(i)?)
            }
            _ => w.strip_prefix("--lang="),
        };
        if let Some(v) = language {
            if lang.is_some() {
                return None;
            }
            lang = Some(LangChoice::from_word(v)?);
            i += 1;
            continue;
        }
        let when = match w {
            "--color" => {
                i += 1;
                Some(*words.get(i)?)
            }
            _ => w.strip_prefix("--color="),
        };
        match (w, when) {
            (_, Some(v)) if color.is_none() => {
                color = Some(match v {
                    "auto" => cli::ColorChoice::Auto,
                    "always" => cli::ColorChoice::Always,
                    "never" => cli::ColorChoice::Never,
                    _ => return None,
                })
            }
            ("--json", _) if !json => json = true,
            ("ifaces" | "ipconfig", _) if !sub => sub = true,
            ("-a" | "--all", _) if sub && !all => all = true,
            (n, _) if sub && name.is_none() && !n.starts_with('-') && !n.is_empty() => {
                name = Some(n.to_string())
            }
            _ => return None,
        }
        i += 1;
    }
    sub.then(|| Cli {
        global: cli::GlobalArgs {
            json,
            color: color.unwrap_or(cli::ColorChoice::Auto),
            lang,
        },
        command: Command::Ifaces(cli::IfacesArgs { name, all }),
    })
}

/// Parses `netkit [--json] [--color WHEN] trace DEST [FLAGS]` without clap, for the same reason
/// as [`parse_lean`]: a one-round trace where every hop answers must be as fast as traceroute
/// (issue 26), and building clap's tree costs it a good part of that. Every flag of `trace` in its
/// plain forms (`-c 3`, `--count 3`, `--count=3`), each at most once, values read by the same
/// parsers clap uses; anything else (help, bundled short flags, an error) is None, for the full
/// parser to answer. A test checks both parsers agree.
fn parse_lean_trace(args: &[OsString]) -> Option<Cli> {
    use std::time::Duration;
    let words: Vec<&str> = args
        .iter()
        .skip(1)
        .map(|a| a.to_str())
        .collect::<Option<_>>()?;
    let (mut json, mut color, mut sub, mut lang) = (false, None, false, None);
    let (mut count, mut max_hops, mut first_hop, mut port, mut interface) =
        (None, None, None, None, None);
    let (mut timeout, mut interval): (Option<Duration>, Option<Duration>) = (None, None);
    let (mut udp, mut tcp, mut no_dns, mut ipv4, mut ipv6) = (false, false, false, false, false);
    let mut dest = None;
    let once = |flag: &mut bool| (!std::mem::replace(flag, true)).then_some(());
    fn set<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
        (slot.is_none() && value.is_some()).then(|| *slot = value)
    }
    let mut i = 0;
    while i < words.len() {
        let (flag, attached) = match words[i].split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v)),
            _ => (words[i], None),
        };
        let takes_value = matches!(
            flag,
            "--color"
                | "--lang"
                | "-c"
                | "--count"
                | "-m"
                | "--max-hops"
                | "-f"
                | "--first-hop"
                | "-W"
                | "--timeout"
                | "-i"
                | "--interval"
                | "-p"
                | "--port"
                | "-I"
                | "--interface"
        );
        let value = match (takes_value, attached) {
            (true, Some(v)) => Some(v),
            (true, None) => {
                i += 1;
                Some(*words.get(i)?).filter(|v| !v.starts_with('-'))
            }
            (false, Some(_)) => return None,
            (false, None) => None,
        };
        let number = |lowest: u64, highest: u64| {
            value?
                .parse::<u64>()
                .ok()
                .filter(|n| (lowest..=highest).contains(n))
        };
        let time = |what| util::time::parse_duration(what, value?, true).ok();
        match flag {
            "--json" => once(&mut json)?,
            "--color" => set(
                &mut color,
                match value? {
                    "auto" => Some(cli::ColorChoice::Auto),
                    "always" => Some(cli::ColorChoice::Always),
                    "never" => Some(cli::ColorChoice::Never),
                    _ => None,
                },
            )?,
            "--lang" => set(&mut lang, value.and_then(LangChoice::from_word))?,
            "trace" if !sub => sub = true,
            _ if !sub => return None,
            "-c" | "--count" => set(&mut count, number(1, 10_000).map(|n| n as u32))?,
            "-m" | "--max-hops" => set(&mut max_hops, number(1, 255).map(|n| n as u8))?,
            "-f" | "--first-hop" => set(&mut first_hop, number(1, 255).map(|n| n as u8))?,
            "-p" | "--port" => set(&mut port, number(1, 65_535).map(|n| n as u16))?,
            "-W" | "--timeout" => set(&mut timeout, time(t!("time-what-timeout")))?,
            "-i" | "--interval" => set(&mut interval, time(t!("time-what-interval")))?,
            "-I" | "--interface" => set(&mut interface, value.map(str::to_string))?,
            "--udp" => once(&mut udp)?,
            "--tcp" => once(&mut tcp)?,
            "-n" | "--no-dns" => once(&mut no_dns)?,
            "-4" => once(&mut ipv4)?,
            "-6" => once(&mut ipv6)?,
            "--" => {
                set(
                    &mut dest,
                    net::endpoint::parse_dest(net::endpoint::destination(), words.get(i + 1)?).ok(),
                )?;
                i += 1;
            }
            w if !w.starts_with('-') => set(
                &mut dest,
                net::endpoint::parse_dest(net::endpoint::destination(), w).ok(),
            )?,
            _ => return None,
        }
        i += 1;
    }
    if udp && tcp || ipv4 && ipv6 || !sub {
        return None;
    }
    Some(Cli {
        global: cli::GlobalArgs {
            json,
            color: color.unwrap_or(cli::ColorChoice::Auto),
            lang,
        },
        command: Command::Trace(cli::TraceArgs {
            dest: dest?,
            count: count.unwrap_or(3),
            max_hops: max_hops.unwrap_or(30),
            first_hop: first_hop.unwrap_or(1),
            timeout: timeout.unwrap_or(Duration::from_secs(1)),
            interval: interval.unwrap_or(Duration::from_secs(1)),
            udp,
            tcp,
            port,
            interface,
            no_dns,
            family: cli::FamilyArgs { ipv4, ipv6 },
        }),
    })
}

/// Runs one parsed command line; returns the exit status of a successful run (0 or 1).
fn run(cli: &Cli, ui: &Ui) -> Result<u8> {
    match &cli.command {
        Command::Subnet(args) => commands::subnet::run(args, ui),
        Command::Mac(args) => commands::mac::run(args, ui),
        Command::Completions(args) => {
            // Generated whole, then written: clap_complete panics on a failed write.
            let mut script = Vec::new();
            let mut cmd = cli::command_in(match i18n::current() {
                i18n::Lang::En => LangChoice::En,
                i18n::Lang::ZhCn => LangChoice::ZhCn,
            });
            clap_complete::generate(args.shell, &mut cmd, "netkit", &mut script);
            let mut out = std::io::stdout().lock();
            out.write_all(&script)
                .and_then(|()| out.flush())
                .map_err(output::written)?;
            Ok(exit::OK)
        }
        Command::Ifaces(args) => commands::ifaces::run(args, ui),
        Command::Dns(args) => commands::dns::run(args, ui),
        Command::Arp(args) => commands::arp::run(args, ui),
        Command::Gateway(args) => commands::gateway::run(args, ui),
        Command::Route(args) => commands::route::run(args, ui),
        Command::Chat(args) => commands::chat::run(args, ui),
        Command::Dhcp(args) => commands::dhcp::run(args, ui),
        Command::Flow(args) => commands::flow::run(args, ui),
        Command::Ping(args) => commands::ping::run(args, ui),
        Command::Trace(args) => commands::trace::run(args, ui),
        Command::Watch(args) => commands::watch::run(args, ui),
        Command::Tour(args) => commands::tour::run(args, ui),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    /// Issue 17: every subcommand's help has examples, the global options under their own
    /// heading, and every time default its unit.
    #[test]
    fn every_subcommand_help_has_examples_and_units() {
        fn leaves(cmd: &clap::Command, path: String, out: &mut Vec<(String, clap::Command)>) {
            let subs: Vec<&clap::Command> = cmd
                .get_subcommands()
                .filter(|c| c.get_name() != "help")
                .collect();
            if subs.is_empty() {
                out.push((path.clone(), cmd.clone()));
            }
            for sub in subs {
                leaves(sub, format!("{path} {}", sub.get_name()), out);
            }
        }
        let cmd = cli::command_in(LangChoice::En);
        let mut all = Vec::new();
        leaves(&cmd, "netkit".into(), &mut all);
        assert!(all.len() >= 17, "{}", all.len());
        for (path, mut leaf) in all {
            let help = leaf.render_long_help().to_string();
            assert!(help.contains("Examples:"), "{path} has no examples");
            assert!(help.contains("Global options:"), "{path}: {help}");
            for arg in leaf.get_arguments() {
                let is_time = arg
                    .get_value_names()
                    .is_some_and(|n| n.iter().any(|n| n == "TIME"));
                for d in arg.get_default_values() {
                    let d = d.to_string_lossy();
                    assert!(
                        !is_time || d.ends_with(|c: char| c.is_ascii_alphabetic()),
                        "{path} --{}: default {d} has no unit",
                        arg.get_id()
                    );
                }
            }
        }
    }

    /// Issue 28: every help text of the catalogs names a place of the command tree (no stale
    /// id), and the converted commands (netkit itself, every subcommand's summary, `mac`) take
    /// every text from them.
    #[test]
    fn help_ids_name_places_of_the_command_tree() {
        fn places(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
            for part in ["about", "long-about", "before", "after"] {
                out.push(format!("{path}-{part}"));
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                let key = match path {
                    "help" => format!("help-arg-{id}"),
                    _ => format!("{path}-arg-{id}"),
                };
                out.push(format!("{key}-long"));
                out.push(key);
            }
            for sub in cmd.get_subcommands() {
                places(sub, &format!("{path}-{}", sub.get_name()), out);
            }
        }
        let mut valid = Vec::new();
        places(&cli::command_in(LangChoice::En), "help", &mut valid);
        let words = ["help-heading-", "help-flag-", "help-man-"];
        for meta in i18n::catalog::all() {
            let id = meta.id;
            if id.starts_with("help-") && !words.iter().any(|w| id.starts_with(w)) {
                assert!(
                    valid.iter().any(|v| v == id),
                    "{id} names no place of the command tree"
                );
            }
        }
        let has = |id: &str| i18n::find(id).is_some();
        for id in [
            "help-about",
            "help-long-about",
            "help-after",
            "help-arg-json",
            "help-arg-color",
            "help-arg-lang",
        ] {
            assert!(has(id), "{id}");
        }
        let cmd = Cli::command();
        for sub in cmd.get_subcommands() {
            assert!(
                has(&format!("help-{}-about", sub.get_name())),
                "{}",
                sub.get_name()
            );
        }
        let mac = cmd.find_subcommand("mac").unwrap();
        for arg in mac.get_arguments().filter(|a| !a.is_global_set()) {
            assert!(
                has(&format!("help-mac-arg-{}", arg.get_id())),
                "{}",
                arg.get_id()
            );
        }
        assert!(has("help-mac-after"));
    }

    /// Issue 26: the lean `trace` parser agrees with the full one on everything it accepts
    /// (defaults included), and leaves help, errors and unusual forms to it.
    #[test]
    fn lean_trace_parser_agrees_with_the_full_parser() {
        for words in [
            &["netkit", "trace", "192.0.2.1"][..],
            &[
                "netkit",
                "--json",
                "trace",
                "-n",
                "-c",
                "1",
                "-m",
                "255",
                "192.0.2.1",
            ],
            &[
                "netkit",
                "trace",
                "--udp",
                "-p",
                "53",
                "2001:db8::1",
                "--color",
                "never",
            ],
            &[
                "netkit",
                "--color=always",
                "trace",
                "-W",
                "200ms",
                "-i",
                "1ms",
                "fe80::1%lo",
            ],
            &[
                "netkit",
                "trace",
                "--count=10",
                "--interval=0.2",
                "--max-hops",
                "8",
                "-6",
                "::1",
            ],
            &["netkit", "trace", "--first-hop", "2", "192.0.2.1"],
            &["netkit", "--lang", "zh-CN", "trace", "192.0.2.1"],
            &["netkit", "trace", "192.0.2.1", "--lang=zh_CN"],
            &[
                "netkit", "trace", "--tcp", "--port", "443", "-I", "eth0", "--no-dns", "-4",
                "h.test",
            ],
            &[
                "netkit",
                "trace",
                "--timeout",
                "3",
                "--json",
                "--",
                "example.test",
            ],
        ] {
            let args = argv(words);
            let lean =
                parse_lean_trace(&args).unwrap_or_else(|| panic!("lean trace parse of {words:?}"));
            let full = Cli::try_parse_from(&args).unwrap();
            assert_eq!(format!("{lean:?}"), format!("{full:?}"), "{words:?}");
        }
        for words in [
            &["netkit", "trace", "--help"][..],
            &["netkit", "trace"],
            &["netkit", "trace", "-x", "192.0.2.1"],
            &["netkit", "trace", "-n4", "192.0.2.1"],
            &["netkit", "trace", "127.1"],
            &["netkit", "trace", "-c", "0", "192.0.2.1"],
            &["netkit", "trace", "-m", "256", "192.0.2.1"],
            &["netkit", "trace", "-W", "0", "192.0.2.1"],
            &["netkit", "trace", "--udp", "--tcp", "192.0.2.1"],
            &["netkit", "trace", "-4", "-6", "192.0.2.1"],
            &["netkit", "trace", "-c", "2", "-c", "3", "192.0.2.1"],
            &["netkit", "trace", "192.0.2.1", "192.0.2.2"],
            &["netkit", "--json", "--json", "trace", "192.0.2.1"],
            &["netkit", "--version"],
            &["netkit", "ping", "192.0.2.1"],
            &["netkit", "-n", "trace", "192.0.2.1"],
            &["netkit", "trace", "-I", "-n", "192.0.2.1"],
            &["netkit", "trace", "--lang", "fr", "192.0.2.1"],
            &[
                "netkit",
                "--lang",
                "en",
                "trace",
                "--lang",
                "en",
                "192.0.2.1",
            ],
        ] {
            assert!(
                parse_lean_trace(&argv(words)).is_none(),
                "{words:?} goes to the full parser"
            );
        }
    }

    /// The lean `ifaces` parser must agree with the full one on everything it accepts.
    #[test]
    fn lean_parser_agrees_with_the_full_parser() {
        for words in [
            &["netkit", "ifaces"][..],
            &["netkit", "ipconfig"],
            &["netkit", "--json", "ipconfig", "eth0", "--all"],
            &["netkit", "ifaces", "-a", "--color", "never"],
            &["netkit", "--color=always", "ifaces", "lo"],
            &["netkit", "ifaces", "--json", "-a", "eth0"],
            &["netkit", "ifaces", "eth0", "--color=never"],
            &["netkit", "--lang", "zh-CN", "ifaces"],
            &["netkit", "ifaces", "--lang=en", "-a"],
            &["netkit", "ipconfig", "--lang", "zh"],
        ] {
            let args = argv(words);
            let lean = parse_lean(&args).unwrap_or_else(|| panic!("lean parse of {words:?}"));
            let full = Cli::try_parse_from(&args).unwrap();
            assert_eq!(format!("{lean:?}"), format!("{full:?}"), "{words:?}");
        }
        for words in [
            &["netkit", "ifaces", "--help"][..],
            &["netkit", "ifaces", "--bogus"],
            &["netkit", "ifaces", "a", "b"],
            &["netkit", "ifaces", "--json", "--json"],
            &["netkit", "ifaces", "--color", "sometimes"],
            &["netkit", "ifaces", "--lang", "fr"],
            &["netkit", "--lang", "en", "--lang", "en", "ifaces"],
            &["netkit", "ifaces", "-x"],
            &["netkit", "--all", "ifaces"],
            &["netkit", "eth0"],
            &["netkit", "subnet", "info", "10.0.0.0/8"],
            &["netkit", "--version"],
        ] {
            assert!(
                parse_lean(&argv(words)).is_none(),
                "{words:?} goes to the full parser"
            );
        }
    }
}
