//! dig, the reference of the DNS differential tests: running it against a test server (a
//! visible skip where it is not installed, a failure under CI) and reading its output (status,
//! flags, record lines) and netkit's `--json` messages in the same words.

use std::net::SocketAddr;

/// dig's output for `dig +nosplit +tries=1 +time=2 +nocookie @server -p PORT ARGS...` (base64 and
/// hex whole, as netkit writes them), or None without dig.
pub fn dig(server: SocketAddr, args: &[&str]) -> Option<String> {
    let o = std::process::Command::new("dig")
        .args(["+nosplit", "+tries=1", "+time=2", "+nocookie"])
        .arg(format!("@{}", server.ip()))
        .args(["-p", &server.port().to_string()])
        .args(args)
        .output();
    match o {
        Ok(o) => Some(String::from_utf8_lossy(&o.stdout).into_owned()),
        Err(_) => {
            assert!(
                std::env::var_os("NETKIT_REQUIRE_NETNS").is_none(),
                "dig is needed under CI (bind9-dnsutils)"
            );
            eprintln!("SKIP: dig is not installed");
            None
        }
    }
}

/// The status dig read (`NOERROR`, `BADVERS`...).
pub fn status(out: &str) -> &str {
    out.split("status: ")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .unwrap_or_else(|| panic!("no status in {out}"))
}

/// The header flags dig read, in its order.
pub fn flags(out: &str) -> Vec<&str> {
    out.split("flags: ")
        .nth(1)
        .and_then(|s| s.split(';').next())
        .unwrap_or_else(|| panic!("no flags in {out}"))
        .split_whitespace()
        .collect()
}

/// dig's record lines (every line that is no comment), spaces collapsed.
pub fn records(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| !l.starts_with(';') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The records of `sections` of a `--json` message as dig writes them with `+nottlid`: name,
/// class, type, data, spaces collapsed.
pub fn json_records(msg: &serde_json::Value, sections: &[&str]) -> Vec<String> {
    sections
        .iter()
        .flat_map(|s| msg[*s].as_array().unwrap().iter())
        .map(|r| {
            let line = format!(
                "{} {} {} {}",
                r["name"].as_str().unwrap(),
                r["class"].as_str().unwrap(),
                r["type"].as_str().unwrap(),
                r["data"].as_str().unwrap()
            );
            line.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// The flags set in a `--json` message's header, in dig's order.
pub fn json_flags(msg: &serde_json::Value) -> Vec<&'static str> {
    let f = &msg["header"]["flags"];
    ["qr", "aa", "tc", "rd", "ra", "ad", "cd"]
        .into_iter()
        .filter(|k| f[*k] == true)
        .collect()
}
