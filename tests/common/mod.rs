//! Shared helpers for the integration tests: running the netkit binary and reading its output.

#![allow(dead_code)]

// The namespace LAN, Linux's peer tools, raw frames and the browser: Linux's tests only.
#[cfg(target_os = "linux")]
pub mod browser;
#[cfg(target_os = "linux")]
pub mod dig;
#[cfg(target_os = "linux")]
pub mod frames;
#[cfg(target_os = "linux")]
pub mod hostile_dns;
#[cfg(target_os = "linux")]
pub mod netns;

use std::process::Output;

use assert_cmd::Command;

/// A `netkit` command with NO_COLOR cleared and the locale's language variables too (netkit
/// speaks English unless a test asks otherwise with `--lang` or LANG), so output is stable.
pub fn netkit() -> Command {
    let mut cmd = Command::cargo_bin("netkit").expect("netkit binary is built");
    cmd.env_remove("NO_COLOR");
    for var in ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs netkit with `args` (and optional stdin), returning the output.
pub fn run(args: &[&str]) -> Output {
    netkit().args(args).output().expect("netkit runs")
}

/// Runs netkit with `args` feeding `stdin`.
pub fn run_stdin(args: &[&str], stdin: &str) -> Output {
    netkit()
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("netkit runs")
}

/// stdout as a String.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// stderr as a String.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The exit code (panics with the output when killed by a signal).
pub fn code(o: &Output) -> i32 {
    o.status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal: {o:?}"))
}

/// Parses stdout as JSON, with a readable failure.
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr: {}",
            stdout(o),
            stderr(o)
        )
    })
}

/// Asserts a bad-input failure: exit 2, exactly one line on stderr containing `needle`, nothing on stdout.
pub fn assert_bad_input(args: &[&str], needle: &str) {
    let o = run(args);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "exit code for {args:?}; stderr: {err}");
    assert_eq!(
        err.lines().count(),
        1,
        "one stderr line for {args:?}, got:\n{err}"
    );
    assert!(
        err.contains(needle),
        "stderr for {args:?} should mention {needle:?}: {err}"
    );
    assert!(
        o.stdout.is_empty(),
        "nothing on stdout for {args:?}: {}",
        stdout(&o)
    );
}

#[cfg(target_os = "linux")]
/// Runs netkit with `args` inside namespace `ns` on a pseudo-terminal `cols` columns wide (so
/// its output is live and fitted); returns whether it succeeded and each line it printed with
/// when the line came.
pub fn live_in(ns: &str, cols: u16, args: &[&str]) -> (bool, Vec<(std::time::Duration, String)>) {
    use std::io::BufRead;
    let bin = assert_cmd::cargo::cargo_bin("netkit");
    let line = format!(
        "stty rows 24 cols {cols}; exec {} {} --color never {}",
        netns::netns_exec_line(ns),
        bin.display(),
        args.join(" ")
    );
    let start = std::time::Instant::now();
    let mut child = std::process::Command::new("script")
        .args(["-qefc", &line, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("util-linux `script` runs");
    let out = std::io::BufReader::new(child.stdout.take().unwrap());
    let lines = out
        .lines()
        .map_while(Result::ok)
        .map(|l| (start.elapsed(), l.replace('\r', "")))
        .collect();
    (child.wait().unwrap().success(), lines)
}

/// When the first line holding `needle` came.
pub fn when(lines: &[(std::time::Duration, String)], needle: &str) -> std::time::Duration {
    lines
        .iter()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?} in {lines:#?}"))
        .0
}

#[cfg(target_os = "linux")]
/// Runs netkit with `args` inside namespace `ns`, output piped, and sends it SIGINT (Ctrl-C)
/// after `after`; returns its output.
pub fn interrupted_in(ns: &str, args: &[&str], after: std::time::Duration) -> Output {
    let mut cmd = netns::netns_exec(ns);
    cmd.arg(assert_cmd::cargo::cargo_bin("netkit")).args(args);
    interrupt_after(cmd, after)
}

/// Starts `cmd` (stdin empty, output piped) and sends it SIGINT (Ctrl-C) after `after`;
/// returns its output.
pub fn interrupt_after(mut cmd: std::process::Command, after: std::time::Duration) -> Output {
    let child = cmd
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the command runs");
    std::thread::sleep(after);
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    child.wait_with_output().expect("netkit ends")
}

/// Asserts the permission contract of a command run without CAP_NET_RAW: exit 4, one stderr line
/// with the advice (sudo, or setcap once), nothing on stdout. Returns stderr for further checks.
pub fn assert_needs_cap_net_raw(o: &Output) -> String {
    let err = stderr(o);
    assert_eq!(code(o), 4, "{err}");
    assert!(
        err.contains("CAP_NET_RAW")
            && err.contains("setcap cap_net_raw+ep")
            && err.contains("sudo"),
        "{err}"
    );
    assert_eq!(
        err.lines().count(),
        1,
        "message and advice on one line: {err}"
    );
    assert!(o.stdout.is_empty(), "{}", stdout(o));
    err
}

/// What a terminal shows of `raw`, line by line: `\r` returns to the line's start, `ESC [K`
/// erases from there to its end, other characters overwrite.
pub fn screen(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut lines = Vec::new();
    for segment in text.split('\n') {
        let mut line: Vec<char> = Vec::new();
        let mut at = 0;
        let mut chars = segment.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => at = 0,
                '\x1b' if chars.peek() == Some(&'[') => {
                    chars.next();
                    let code: String = chars
                        .by_ref()
                        .take_while(|c| !c.is_ascii_alphabetic())
                        .collect();
                    assert!(code.is_empty(), "an escape other than ESC [K: {code:?}");
                    line.truncate(at);
                }
                c => {
                    if at < line.len() {
                        line[at] = c;
                    } else {
                        line.push(c);
                    }
                    at += 1;
                }
            }
        }
        lines.push(line.into_iter().collect());
    }
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}
