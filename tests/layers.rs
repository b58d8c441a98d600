//! The structure of src/, checked from the source: layers import only downward, commands never
//! import each other (flow, the top, excepted), no module imports another that imports it
//! back, directly or around a loop, and only the system's backends (`system/linux/`, and
//! `system/windows/`, `system/macos/` when they come) name an OS crate or read /proc and /sys.
//!
//! A module is a file (`a/b.rs` or `a/b/mod.rs` is `a::b`). A reference is a path through
//! `crate::`, `super::`, `self::` or a child module's name, outside comments, strings and the
//! unit-test modules; a module declaration (`mod x;`) is not one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers from the bottom; a module may reference its own layer and the ones before it.
const LAYERS: &[&str] = &[
    "i18n", "error", "util", "net", "wire", "system", "cli", "output", "commands", "crate",
];

/// The one command allowed to call other commands' library functions.
const TOP_COMMAND: &str = "flow";

/// The folders of `src/system/` that are backends: the only modules that may name an OS crate.
const BACKENDS: &[&str] = &["linux", "windows", "macos"];

/// Paths only a backend may name: the crates that speak to one operating system, and the parts
/// of `std` and `tokio` that exist on one family of systems only.
const OS_PATHS: &[&[&str]] = &[
    &["netlink_packet_core"],
    &["netlink_packet_route"],
    &["netlink_sys"],
    &["netlink_proto"],
    &["rtnetlink"],
    &["caps"],
    &["nix"],
    &["pnet_datalink"],
    &["libc"],
    &["windows_sys"],
    &["windows"],
    &["winapi"],
    &["std", "os", "unix"],
    &["std", "os", "fd"],
    &["std", "os", "linux"],
    &["std", "os", "windows"],
    &["tokio", "signal", "unix"],
    &["tokio", "signal", "windows"],
];

/// Whether a string literal names a file under /proc or /sys (`"/proc/..."`, or `"sys/..."` as
/// the file readers write paths under their root).
fn names_proc_or_sys(literal: &str) -> bool {
    let path = literal.trim_start_matches('/');
    ["proc/", "sys/"].iter().any(|p| path.starts_with(p))
        || literal.contains("/proc/")
        || literal.contains("/sys/")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b.rs` and `src/a/b/mod.rs` → `["a", "b"]`; `src/lib.rs` → `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("under src/");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The code without comments, string literals and the `#[cfg(test)] mod tests` block.
fn code_only(text: &str) -> String {
    code_and_strings(text).0
}

/// Where the unit tests start: the `#[cfg(test)]` before `mod tests` (other attributes and
/// comments may stand between), or the end.
fn unit_tests_at(text: &str) -> usize {
    let mut from = 0;
    while let Some(at) = text[from..].find("#[cfg(test)]\n").map(|a| a + from) {
        let rest = text[at..].lines().skip(1).find(|l| {
            let l = l.trim_start();
            !(l.starts_with("#[") || l.starts_with("//"))
        });
        if rest.is_some_and(|l| l.starts_with("mod tests")) {
            return at;
        }
        from = at + 1;
    }
    text.len()
}

/// The code as [`code_only`] gives it, and the string literals it held (without quotes).
fn code_and_strings(text: &str) -> (String, Vec<String>) {
    let text = &text[..unit_tests_at(text)];
    let b = text.as_bytes();
    let mut strings = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i] == b'r' && (b[i + 1..].starts_with(b"\"") || b[i + 1..].starts_with(b"#")) {
            // A raw string r"..." or r#"..."#; an identifier ending in r is not one.
            let prev_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            if prev_ident || b.get(i + 1 + hashes) != Some(&b'"') {
                out.push('r');
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            i += 2 + hashes;
            let start = i;
            while i < b.len() && !b[i..].starts_with(&close) {
                i += 1;
            }
            strings.push(text[start..i.min(b.len())].to_string());
            i += close.len();
            out.push_str("\"\"");
        } else if b[i] == b'\'' {
            // A char literal ('"', '\'', '\n') is skipped whole; a lifetime ('a) is kept.
            if b.get(i + 1) == Some(&b'\\') {
                let close = b[i + 2..]
                    .iter()
                    .position(|&c| c == b'\'')
                    .map_or(b.len(), |p| i + 3 + p);
                i = close;
            } else if b.get(i + 2) == Some(&b'\'') {
                i += 3;
            } else {
                out.push('\'');
                i += 1;
            }
        } else if b[i] == b'"' {
            i += 1;
            let start = i;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            strings.push(text[start..i.min(b.len())].to_string());
            i += 1;
            out.push_str("\"\"");
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    (out, strings)
}

/// Every path a `use` tree or expression names from `at` on: `a::{b, c::{d, e}}` →
/// `a::b`, `a::c::d`, `a::c::e`.
fn path_tree(code: &str, mut at: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let b = code.as_bytes();
    let mut path = prefix;
    loop {
        while at < b.len() && b[at].is_ascii_whitespace() {
            at += 1;
        }
        if at < b.len() && b[at] == b'{' {
            at += 1;
            loop {
                at = path_tree(code, at, path.clone(), out);
                while at < b.len() && (b[at].is_ascii_whitespace() || b[at] == b',') {
                    at += 1;
                }
                if at >= b.len() || b[at] == b'}' {
                    return at + 1;
                }
            }
        }
        let start = at;
        while at < b.len() && (b[at].is_ascii_alphanumeric() || b[at] == b'_') {
            at += 1;
        }
        if start == at {
            out.push(path);
            return at;
        }
        path.push(code[start..at].to_string());
        if code[at..].starts_with("::") {
            at += 2;
        } else {
            out.push(path);
            return at;
        }
    }
}

/// The modules `code` (the text of module `me`) references.
fn references(me: &[String], code: &str, modules: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let b = code.as_bytes();
    let mut found = BTreeSet::new();
    // The inline module (`mod fake { ... }`) each position is in, as a stack of (name, depth).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'{' {
            depth += 1;
        } else if c == b'}' {
            depth = depth.saturating_sub(1);
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
        }
        let word_start = (c.is_ascii_alphabetic() || c == b'_')
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'));
        if !word_start {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
            j += 1;
        }
        let word = &code[i..j];
        if word == "mod" {
            let rest = code[j..].trim_start();
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // A declaration names a module; it does not import from it.
            i = j + (code[j..].len() - rest.len()) + name.len();
            if rest[name.len()..].trim_start().starts_with('{') {
                inline.push((name, depth));
            }
            continue;
        }
        let after_colons = i >= 2 && &code[i - 2..i] == "::";
        if after_colons || !code[j..].starts_with("::") {
            i = j;
            continue;
        }
        // The module this position is in: the file's, plus the inline modules around it.
        let mut here: Vec<String> = me.to_vec();
        here.extend(inline.iter().map(|(n, _)| n.clone()));
        let base: Option<Vec<String>> = match word {
            "crate" => Some(Vec::new()),
            "self" => Some(here.clone()),
            "super" => {
                let mut base = here.clone();
                base.pop();
                let mut k = j + 2;
                while code[k..].starts_with("super::") {
                    base.pop();
                    k += "super::".len();
                }
                let mut paths = Vec::new();
                path_tree(code, k, base, &mut paths);
                for p in paths {
                    resolve(&p, modules, me, &mut found);
                }
                i = k;
                continue;
            }
            child => {
                let mut m = here.clone();
                m.push(child.to_string());
                modules.contains(&m).then_some(here.clone())
            }
        };
        if let Some(base) = base {
            let from = if matches!(word, "crate" | "self") {
                j + 2
            } else {
                i
            };
            let mut paths = Vec::new();
            path_tree(code, from, base, &mut paths);
            for p in paths {
                resolve(&p, modules, me, &mut found);
            }
        }
        i = j;
    }
    found
}

/// Adds the module that `path` names or lies in (its longest module prefix), unless it is `me`.
fn resolve(
    path: &[String],
    modules: &BTreeSet<Vec<String>>,
    me: &[String],
    found: &mut BTreeSet<Vec<String>>,
) {
    let target = (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p));
    if let Some(t) = target
        && t != me
    {
        found.insert(t);
    }
}

fn layer(module: &[String]) -> usize {
    let top = module.first().map_or("crate", String::as_str);
    LAYERS
        .iter()
        .position(|l| *l == top)
        .unwrap_or_else(|| panic!("src/{top} is in no layer: add it to LAYERS in tests/layers.rs"))
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// The modules of every import cycle (strongly connected components of more than one module).
fn cycles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let reach = |from: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(m) = todo.pop() {
            for n in graph.get(&m).into_iter().flatten() {
                if seen.insert(n.clone()) {
                    todo.push(n.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<_, _> = graph.keys().map(|m| (m.clone(), reach(m))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for (m, r) in &reachable {
        if !r.contains(m) {
            continue;
        }
        let mut component: Vec<String> = reachable
            .iter()
            .filter(|(n, rn)| r.contains(*n) && rn.contains(m))
            .map(|(n, _)| name(n))
            .collect();
        component.sort();
        if component.len() > 1 && !out.contains(&component) {
            out.push(component);
        }
    }
    out
}

/// The OS paths ([`OS_PATHS`]) `code` names, each as written (`nix::sys::socket`).
fn os_paths(code: &str) -> Vec<String> {
    let b = code.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let word_start = (b[i].is_ascii_alphabetic() || b[i] == b'_')
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'));
        // `::nix::x` is the crate too; `a::nix::x` is a module of `a`.
        let after_path = i >= 2
            && &b[i - 2..i] == b"::"
            && i >= 3
            && (b[i - 3].is_ascii_alphanumeric() || b[i - 3] == b'_');
        let mut j = i;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
            j += 1;
        }
        // A path, not a lone word (`names.windows(2)` names no crate).
        if !word_start || after_path || !b[j..].starts_with(b"::") {
            i = j.max(i + 1);
            continue;
        }
        let mut paths = Vec::new();
        let end = path_tree(code, i, Vec::new(), &mut paths);
        for p in paths {
            if OS_PATHS
                .iter()
                .any(|os| p.len() >= os.len() && p[..os.len()].iter().zip(*os).all(|(a, b)| a == b))
            {
                found.push(p.join("::"));
            }
        }
        i = end.max(i + 1);
    }
    found
}

/// Whether `module` is (in) one of the system's backends.
fn in_backend(module: &[String]) -> bool {
    module.len() >= 2 && module[0] == "system" && BACKENDS.contains(&module[1].as_str())
}

fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.retain(|f| !f.ends_with("main.rs"));
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(&src, f)).collect();
    files
        .iter()
        .map(|f| {
            let me = module_of(&src, f);
            let code = code_only(&std::fs::read_to_string(f).expect("a source file"));
            let refs = references(&me, &code, &modules);
            (me, refs)
        })
        .collect()
}

#[test]
fn layers_import_only_downward_and_commands_not_each_other() {
    let mut wrong = Vec::new();
    for (from, targets) in graph() {
        for to in targets {
            if layer(&to) > layer(&from) {
                wrong.push(format!(
                    "{} imports {} from a layer above it",
                    name(&from),
                    name(&to)
                ));
            }
            let command = |m: &[String]| {
                (m.first().map(String::as_str) == Some("commands"))
                    .then(|| m.get(1).cloned())
                    .flatten()
            };
            if let (Some(a), Some(b)) = (command(&from), command(&to))
                && a != b
                && a != TOP_COMMAND
            {
                wrong.push(format!(
                    "command {a} imports command {b} ({} → {})",
                    name(&from),
                    name(&to)
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "layering:\n{}", wrong.join("\n"));
}

#[test]
fn no_import_cycles() {
    let found = cycles(&graph());
    assert!(
        found.is_empty(),
        "modules that import each other (around a loop):\n{}",
        found
            .iter()
            .map(|c| c.join(" ↔ "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Issue 29.1: only the system's backends name an OS crate (netlink, caps, nix, pnet's datalink,
/// libc, windows-sys...) or a part of std or tokio that one family of systems has, and only they
/// read /proc or /sys; everything else is the same on every system.
#[test]
fn only_backends_speak_to_the_os() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for f in &files {
        let module = module_of(&src, f);
        if in_backend(&module) {
            continue;
        }
        let (code, strings) = code_and_strings(&std::fs::read_to_string(f).expect("a source file"));
        let rel = f
            .strip_prefix(&src)
            .expect("under src/")
            .display()
            .to_string();
        for p in os_paths(&code) {
            wrong.push(format!("src/{rel} names {p}"));
        }
        for lit in strings.iter().filter(|l| names_proc_or_sys(l)) {
            wrong.push(format!("src/{rel} reads \"{lit}\""));
        }
    }
    assert!(
        wrong.is_empty(),
        "only system/{{{}}}/ may speak to the OS:\n{}",
        BACKENDS.join(","),
        wrong.join("\n")
    );
}

/// The OS check itself: it must see each way of naming an OS path, and leave portable ones be.
#[test]
fn the_os_check_sees_every_way_of_naming() {
    let (code, strings) = code_and_strings(
        "use nix::sys::socket::{recvmmsg, sendmmsg};\n\
         use std::os::{fd::AsRawFd, raw::c_int};\n\
         fn f() { let _ = ::libc::ELOOP; tokio::signal::unix::signal(k); }\n\
         fn g() { std::fs::read(\"/proc/net/route\"); under(root, \"sys/class/net\"); }\n\
         // use caps::CapSet;\n\
         fn h() { crate::system::caps::x(); std::os::raw::c_int::MAX; v.windows(2); \"/tmp/x\"; }\n\
         #[cfg(test)]\n// Linux's.\n#[cfg(target_os = \"linux\")]\nmod tests { use std::os::unix::fs::symlink; }\n",
    );
    assert_eq!(
        os_paths(&code),
        [
            "nix::sys::socket::recvmmsg",
            "nix::sys::socket::sendmmsg",
            "std::os::fd::AsRawFd",
            "libc::ELOOP",
            "tokio::signal::unix::signal",
        ]
    );
    let read: Vec<&String> = strings.iter().filter(|l| names_proc_or_sys(l)).collect();
    assert_eq!(read, ["/proc/net/route", "sys/class/net"]);
    assert!(in_backend(&[
        "system".into(),
        "linux".into(),
        "netlink".into()
    ]));
    assert!(!in_backend(&["system".into(), "routing".into()]));
}

/// The checker itself: it must see each kind of reference, or the two tests above prove nothing.
#[test]
fn the_checker_sees_every_kind_of_reference() {
    let modules: BTreeSet<Vec<String>> = [
        "commands",
        "commands::dns",
        "commands::dns::lookup",
        "commands::dns::tls",
        "commands::arp",
        "system",
        "system::rawlink",
        "net",
        "net::addr",
    ]
    .iter()
    .map(|m| m.split("::").map(String::from).collect())
    .collect();
    let m = |s: &str| -> Vec<String> { s.split("::").map(String::from).collect() };
    let code = code_only(
        "use super::lookup::{Server, human};\n\
         use crate::{net::addr::parse, system::rawlink};\n\
         // use crate::commands::arp::x;\n\
         fn f() { let s = \"crate::commands::arp\"; self::inner::g(); }\n\
         mod fake { use super::*; }\n",
    );
    let refs = references(&m("commands::dns::tls"), &code, &modules);
    let want: BTreeSet<Vec<String>> = [
        m("commands::dns::lookup"),
        m("net::addr"),
        m("system::rawlink"),
    ]
    .into();
    assert_eq!(refs, want);
    // A parent naming its child, and the child naming the parent's own items: a cycle.
    let parent = references(
        &m("commands::dns"),
        &code_only("fn run() { lookup::go() }"),
        &modules,
    );
    assert_eq!(parent, [m("commands::dns::lookup")].into());
    let mut g = BTreeMap::new();
    g.insert(m("commands::dns"), parent);
    g.insert(
        m("commands::dns::lookup"),
        references(
            &m("commands::dns::lookup"),
            &code_only("use super::Plan;"),
            &modules,
        ),
    );
    assert_eq!(
        cycles(&g),
        vec![vec![
            "commands::dns".to_string(),
            "commands::dns::lookup".to_string()
        ]]
    );
}
