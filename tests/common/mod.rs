//! Shared helpers for the integration tests: running the netkit binary and reading its output.

#![allow(dead_code)]

pub mod frames;
pub mod hostile_dns;
pub mod netns;

use std::process::Output;

use assert_cmd::Command;

/// A `netkit` command with colour forced off and NO_COLOR cleared, so output is stable.
pub fn netkit() -> Command {
    let mut cmd = Command::cargo_bin("netkit").expect("netkit binary is built");
    cmd.env_remove("NO_COLOR");
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
