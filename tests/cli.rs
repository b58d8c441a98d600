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
