//! The conventions every subcommand shares: exit codes, not-built-yet refusals, JSON errors,
//! colour policy, broken pipes, help and completions.

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use crate::common::*;

#[test]
fn json_errors_go_to_stdout_as_json_and_one_line_to_stderr() {
    let o = run(&["--json", "subnet", "info", "10.0.0.256/8"]);
    assert_eq!(code(&o), 2);
    let v = json(&o);
    assert_eq!(v["error"]["kind"], "bad_input");
    assert_eq!(v["error"]["exit_code"], 2);
    assert!(v["error"]["message"].as_str().unwrap().contains("256"));
    assert_eq!(stderr(&o).lines().count(), 1);
}

/// Values are typed by the command-line parser (times, addresses, endpoints, MACs): a bad one is
/// refused before anything runs, with netkit's one-line message naming the flag, JSON included.
#[test]
fn values_refused_by_the_parser_speak_like_every_error() {
    let o = run(&["--json", "arp", "198.51.100.1", "--timeout", "soon"]);
    assert_eq!(code(&o), 2);
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["error"]["kind"], "bad_input");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid timeout 'soon'"),
        "{v}"
    );
    assert_bad_input(
        &["chat", "server", "--idle-timeout", "2 days"],
        "idle timeout",
    );
    assert_bad_input(&["arp", "198.51.100.1", "-i", "0"], "more than 0");
    assert_bad_input(&["dns", "a.test", "-s", "10.0.0.300"], "300");
    assert_bad_input(&["flow", "[2001:db8::1"], "']'");
    assert_bad_input(&["dhcp", "discover", "--mac", "00:11"], "6 groups");
    assert_bad_input(&["subnet", "split", "10.0.0.0", "--count", "2"], "no mask");
}

/// Regression: a bad value holding a newline (or an escape sequence) was echoed raw, so the
/// "one line on stderr" became two, or could drive the terminal.
#[test]
fn bad_values_with_control_characters_stay_on_one_line() {
    assert_bad_input(&["dns", "a\nb.test", "@127.0.0.1"], "a\\nb.test");
    assert_bad_input(&["subnet", "info", "10.0.0.1\nx"], "10.0.0.1\\nx");
    assert_bad_input(&["mac", "zz\u{1b}[2J"], "zz\\u{1b}[2J");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&run(&["subnet", "check", "10.0.0.1"])), 2);
    assert_eq!(code(&run(&["no-such-command"])), 2);
    assert_eq!(
        code(&run(&["--color", "sometimes", "mac", "00:00:0c:00:00:01"])),
        2
    );
}

#[test]
fn help_and_version_exit_0_and_document_exit_codes() {
    let o = run(&["--help"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(
        text.contains("Exit status") && text.contains("4  permission"),
        "{text}"
    );
    assert_eq!(code(&run(&["--version"])), 0);
}

#[test]
fn colour_policy() {
    let args = ["subnet", "check", "10.0.0.1/8", "10.1.1.1"];
    // Not a terminal: no colour by default.
    assert!(!run(&args).stdout.contains(&0x1b));
    let always = |extra_env: Option<&str>| {
        let mut c = netkit();
        if let Some(v) = extra_env {
            c.env("NO_COLOR", v);
        }
        c.args(["--color", "always"]).args(args).output().unwrap()
    };
    assert!(
        always(None).stdout.contains(&0x1b),
        "--color always colours"
    );
    assert!(
        !run(&[
            "--color",
            "never",
            "subnet",
            "check",
            "10.0.0.1/8",
            "10.1.1.1"
        ])
        .stdout
        .contains(&0x1b)
    );
    // JSON is never coloured, even when asked.
    let o = run(&[
        "--json",
        "--color",
        "always",
        "subnet",
        "check",
        "10.0.0.1/8",
        "10.1.1.1",
    ]);
    assert!(!o.stdout.contains(&0x1b));
    json(&o);
}

#[test]
fn broken_pipe_is_a_quiet_success() {
    // 2^14 lines of output into a pipe whose reader has gone.
    let bin = assert_cmd::cargo::cargo_bin("netkit");
    let mut child = StdCommand::new(bin)
        .args(["subnet", "split", "10.0.0.0/8", "--prefix", "22"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "quiet: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(code(&o), 0, "{shell}");
        let text = stdout(&o);
        assert!(
            text.contains("subnet") && text.contains("summarize"),
            "{shell} completions"
        );
    }
    assert_eq!(code(&run(&["completions", "tcsh"])), 2);
}

/// Every error clap itself catches (a missing argument, an unknown subcommand, a value that looks
/// like a flag, a missing subcommand) is one stderr line and, under --json, a JSON error.
#[test]
fn clap_errors_are_one_line_and_json_too() {
    for args in [
        &["--json", "subnet", "split", "10.0.0.0/8"][..],
        &["--json", "frobnicate"],
        &[
            "--json",
            "subnet",
            "check",
            "1.1.1.1",
            "2.2.2.2",
            "--no-such-flag",
        ],
        &["--json", "subnet"],
        &["--json"],
        &[
            "subnet",
            "info",
            "10.0.0.0/8",
            "--json",
            "--color",
            "sometimes",
        ],
    ] {
        let o = run(args);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("netkit: "), "{args:?}: {err}");
        let v = json(&o);
        assert_eq!(v["error"]["kind"], "usage", "{args:?}");
        assert_eq!(v["error"]["exit_code"], 2, "{args:?}");
    }
    // The message keeps what clap said and where to read more.
    let err = stderr(&run(&["subnet", "split", "10.0.0.0/8"]));
    assert!(
        err.contains("--prefix") && err.contains("netkit subnet split --help"),
        "{err}"
    );
    let err = stderr(&run(&["subnet"]));
    assert!(
        err.contains("check, info, split, summarize, filter"),
        "{err}"
    );
    // Help and version are no errors.
    let o = run(&["subnet", "--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).lines().count() > 5);
}

/// A value of any size is quoted cut to 80 characters with its size, once.
#[test]
fn long_values_are_quoted_cut_once() {
    let token = "x".repeat(100_000); // near the kernel's limit for one argument (128 KiB)
    for args in [
        &["subnet", "info", token.as_str()][..],
        &["arp", "198.51.100.1", "--timeout", token.as_str()],
        &["subnet", "summarize", token.as_str()],
    ] {
        let o = run(args);
        let err = stderr(&o);
        assert_eq!(code(&o), 2, "{}", &err[..err.len().min(300)]);
        assert_eq!(err.lines().count(), 1);
        assert!(err.len() < 300, "{} bytes: {}", err.len(), &err[..300]);
        assert_eq!(err.matches("…(100000 bytes)").count(), 1, "{err}");
        assert!(err.contains(&format!("'{}…", "x".repeat(80))), "{err}");
    }
}

/// `subnet filter` with a file that cannot be read: the error in the JSON stream and on stderr,
/// the other files still filtered, exit 3; with -c the count too.
#[test]
fn filter_reports_an_unreadable_file_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "host 10.1.2.3 up\n").unwrap();
    let good = good.to_str().unwrap();
    let o = run(&[
        "--json",
        "subnet",
        "filter",
        "10.0.0.0/8",
        "/nonexistent/missing",
        good,
    ]);
    assert_eq!(code(&o), 3, "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{}", stdout(&o));
    assert_eq!(lines[0]["error"]["kind"], "io");
    assert!(
        lines[0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("/nonexistent/missing")
    );
    assert_eq!(lines[1]["line"], "host 10.1.2.3 up");
    let o = run(&[
        "--json",
        "subnet",
        "filter",
        "-c",
        "10.0.0.0/8",
        "/nonexistent/missing",
    ]);
    assert_eq!(code(&o), 3);
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["error"]["exit_code"], 3, "{}", stdout(&o));
    assert_eq!(lines[1]["count"], 0, "{}", stdout(&o));
}

/// Completions written to a full disk: exit 3 and one line, no panic; into a pipe closed early:
/// a quiet success.
#[test]
fn completions_survive_a_full_disk_and_a_closed_pipe() {
    let bin = assert_cmd::cargo::cargo_bin("netkit");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = StdCommand::new(&bin)
            .args(["completions", shell])
            .stdout(full)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(3), "{shell}: {err}");
        assert_eq!(err.lines().count(), 1, "{shell}: {err}");
        assert!(err.contains("no space left"), "{shell}: {err}");
        let script = format!(
            "{} completions {shell} | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
            bin.display()
        );
        let o = StdCommand::new("bash")
            .args(["-c", &script])
            .output()
            .unwrap();
        assert_eq!(stdout(&o), "0\n", "{shell}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{shell}");
    }
}

/// Empty items are refused alike by summarize and filter; a byte-order mark at the start of a
/// list file is not part of its first item.
#[test]
fn empty_items_and_byte_order_marks() {
    assert_bad_input(&["subnet", "summarize", ""], "empty");
    assert_bad_input(&["subnet", "summarize", "10.0.0.0/8", " "], "empty");
    assert_bad_input(&["subnet", "filter", ""], "empty");
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    std::fs::write(&list, "\u{feff}10.0.0.0/25\n10.0.0.128/25\n").unwrap();
    let o = run(&["subnet", "summarize", "-f", list.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "10.0.0.0/24");
    let o = run_stdin(
        &["subnet", "filter", "-f", list.to_str().unwrap()],
        "a 10.0.0.1\nb 10.0.1.1\n",
    );
    assert_eq!(stdout(&o), "a 10.0.0.1\n", "{}", stderr(&o));
    // A list file of one endless line is refused, not read into memory.
    std::fs::write(&list, "1".repeat(100_000)).unwrap();
    assert_bad_input(
        &["subnet", "summarize", "-f", list.to_str().unwrap()],
        "line longer than 65536 bytes",
    );
}

/// A mask that looks like a flag is netkit's bad mask, not clap's "unexpected argument".
#[test]
fn negative_mask_is_a_bad_mask() {
    assert_bad_input(
        &["subnet", "check", "1.1.1.1", "2.2.2.2", "--mask", "-1"],
        "invalid mask '-1'",
    );
}

/// An address of the other family than -4/-6 ask for is refused (exit 2), not silently used.
#[test]
fn family_flags_refuse_the_other_family() {
    assert_bad_input(&["route", "get", "::1", "-4"], "-4 asks for IPv4");
    assert_bad_input(&["route", "get", "127.0.0.1", "-6"], "-6 asks for IPv6");
    assert_bad_input(&["flow", "127.0.0.1:1", "-6"], "-6 asks for IPv6");
}

/// Issue 17: likely mistakes get a hint that names the right command, in one line, exit 2.
#[test]
fn likely_mistakes_get_a_hint() {
    assert_bad_input(
        &["subnet", "info", "255.255.255.0", "192.168.1.10"],
        "the address comes first (netkit subnet info 192.168.1.10 255.255.255.0)",
    );
    // Not a swap: the mask's own complaint.
    assert_bad_input(
        &["subnet", "info", "10.0.0.1", "192.168.1.10"],
        "invalid mask '192.168.1.10'",
    );
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("access.log");
    std::fs::write(&log, "10.1.2.3 GET /\n").unwrap();
    let log = log.to_str().unwrap();
    assert_bad_input(
        &["subnet", "filter", log, "10.0.0.0/8"],
        &format!("the networks come first (netkit subnet filter 10.0.0.0/8 {log})"),
    );
    assert_bad_input(&["ipconfig", "/all"], "(netkit ipconfig --all)");
    // As the primer writes it for cmd: clap would read -a -l -l and complain about '-l'.
    assert_bad_input(
        &["ipconfig", "-all"],
        "-all is a Windows ipconfig switch; here options start with '--' (netkit ipconfig --all)",
    );
    assert_bad_input(&["ifaces", "-ALL"], "(netkit ipconfig --all)");
}

/// Issue 27 item 4: a student's likely slips get the command they meant, in one line, exit 2
/// (and a mask as the third value of `subnet check` is simply taken).
#[test]
fn a_students_slips_get_what_to_type_instead() {
    // The mask as a third value, as ipcalc takes it: the same answer as --mask.
    let third = run(&[
        "--json",
        "subnet",
        "check",
        "192.168.1.10",
        "192.168.1.200",
        "255.255.255.0",
    ]);
    let flag = run(&[
        "--json",
        "subnet",
        "check",
        "192.168.1.10",
        "192.168.1.200",
        "--mask",
        "255.255.255.0",
    ]);
    assert_eq!(code(&third), 0, "{}", stderr(&third));
    assert_eq!(json(&third), json(&flag));
    // A mask where the second address belongs is never answered "Different subnets".
    assert_bad_input(
        &["subnet", "check", "192.168.1.10/24", "255.255.255.0"],
        "'255.255.255.0' is a subnet mask, not a second address: give the address to compare, \
         as in: netkit subnet check 192.168.1.10/24 ADDRESS",
    );
    assert_bad_input(
        &["subnet", "check", "192.168.1.10", "255.255.255.0"],
        "netkit subnet check 192.168.1.10 ADDRESS --mask 255.255.255.0",
    );
    // An address where the subcommand belongs.
    assert_bad_input(
        &["subnet", "192.168.1.0/24"],
        "did you mean 'netkit subnet info 192.168.1.0/24'?",
    );
    assert_bad_input(
        &["subnet", "192.168.1.10", "192.168.1.20"],
        "did you mean 'netkit subnet check 192.168.1.10 192.168.1.20'?",
    );
    assert_bad_input(
        &["route", "203.0.113.10"],
        "did you mean 'netkit route get 203.0.113.10'?",
    );
    // Several names for one lookup (refused before anything is asked).
    assert_bad_input(
        &["dns", "a.test", "b.test"],
        "'b.test' is not a record type but a second name: netkit dns looks up one name at a \
         time; for several, put them in a file, one a line (netkit dns --file NAMES)",
    );
    // A misspelt type is still a type.
    assert_bad_input(&["dns", "a.test", "AAA"], "invalid record type 'AAA'");
    assert_bad_input(
        &["mac"],
        "'netkit mac' needs the MAC address to explain, as in: netkit mac 3c:22:fb:12:34:56",
    );
    assert_bad_input(
        &["chat", "client", "127.0.0.1"],
        "no port: a chat server is reached at HOST:PORT, such as 127.0.0.1:8001",
    );
    assert_bad_input(
        &["chat", "client"],
        "'netkit chat client' needs the server's HOST:PORT",
    );
    // The same under --json.
    let v = json(&run(&["--json", "route", "203.0.113.10"]));
    assert_eq!(v["error"]["kind"], "usage");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("netkit route get 203.0.113.10"),
        "{v}"
    );
}

/// Issue 27 item 4: `subnet summarize` (and `subnet filter`) without arguments on a terminal say
/// that they read it, and how to end; piped, they read in silence.
#[test]
fn reading_the_terminal_is_said() {
    for (args, said) in [
        (
            "subnet summarize",
            "reading addresses, networks or ranges, one or more a line, from the terminal; \
             Ctrl-D ends",
        ),
        (
            "subnet filter 10.0.0.0/8",
            "reading lines to filter from the terminal; Ctrl-D ends",
        ),
    ] {
        let bin = assert_cmd::cargo::cargo_bin("netkit");
        // Ctrl-D after a second on the terminal `script` makes.
        let line = format!("stty rows 24 cols 200; exec {} {args}", bin.display());
        let mut child = StdCommand::new("script")
            .args(["-qec", &line, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("util-linux `script` runs");
        std::thread::sleep(std::time::Duration::from_secs(1));
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            stdin.write_all(b"10.0.0.1\n\x04").unwrap();
        }
        let o = child.wait_with_output().unwrap();
        let text = stdout(&o);
        assert!(o.status.success(), "{args}: {text}");
        assert!(text.contains(said), "{args}: {text}");
        // Piped: nothing said, the data read.
        let piped = run_stdin(&args.split(' ').collect::<Vec<_>>(), "10.0.0.1\n");
        assert_eq!(code(&piped), 0, "{}", stderr(&piped));
        assert!(stderr(&piped).is_empty(), "{}", stderr(&piped));
        assert!(stdout(&piped).contains("10.0.0.1"), "{}", stdout(&piped));
    }
}
