//! netkit in the reader's language (issue 28): the language follows the locale as gettext
//! chooses it and `--lang` overrides it; help, clap's errors and netkit's own errors are worded
//! in it on stderr, while JSON (results and errors alike) stays English, byte for byte.

use crate::common::*;

/// Runs netkit with the environment variables `env` set (the locale's others cleared).
fn run_env(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut cmd = netkit();
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(args).output().expect("netkit runs")
}

const LOCAL_MAC: &str = "02:42:ac:11:00:02";

#[test]
fn the_locale_and_lang_choose_the_language() {
    let chinese = |o: &std::process::Output| stdout(o).contains("本地管理");
    let english = |o: &std::process::Output| stdout(o).contains("locally administered");
    let mac = ["mac", LOCAL_MAC];
    for (env, zh) in [
        (&[][..], false),
        (&[("LANG", "zh_CN.UTF-8")][..], true),
        (&[("LANG", "zh_CN")], true),
        (&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")], true),
        (&[("LC_MESSAGES", "zh_CN.UTF-8")], true),
        (&[("LANGUAGE", "zh_CN:en"), ("LANG", "en_US.UTF-8")], true),
        // gettext ignores LANGUAGE in the C locale.
        (&[("LANGUAGE", "zh_CN"), ("LANG", "C")], false),
        (&[("LANG", "C.UTF-8")], false),
        (&[("LANG", "zh_TW.UTF-8")], false),
        (&[("LANG", "fr_FR.UTF-8")], false),
    ] {
        let o = run_env(env, &mac);
        assert_eq!(code(&o), 0);
        assert_eq!(
            (chinese(&o), english(&o)),
            (zh, !zh),
            "{env:?}: {}",
            stdout(&o)
        );
    }
    // --lang wins over the locale, before or after the subcommand, in both its forms.
    for args in [
        &["--lang", "en", "mac", LOCAL_MAC][..],
        &["mac", LOCAL_MAC, "--lang=en"],
    ] {
        let o = run_env(&[("LANG", "zh_CN.UTF-8")], args);
        assert!(english(&o), "{args:?}: {}", stdout(&o));
    }
    let o = run(&["mac", LOCAL_MAC, "--lang", "zh-CN"]);
    assert!(chinese(&o), "{}", stdout(&o));
    // A language netkit does not speak is a usage error.
    let o = run(&["--lang", "fr", "mac", LOCAL_MAC]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("'fr'"), "{}", stderr(&o));
}

/// JSON is the same in every language; an error's JSON message is English while its line on
/// stderr is Chinese.
#[test]
fn json_never_changes_with_the_language() {
    for args in [
        &["--json", "mac", LOCAL_MAC][..],
        &["--json", "mac", "01:00:5e:00:00:fb"],
        &["--json", "mac", "00:11:22:33:44"],
        &["--json", "subnet", "info", "300.1.1.1/24"],
        &["--json", "mac", "--bogus"],
        &["--json", "subnet"],
    ] {
        let en = run(args);
        let zh = run_env(&[("LANG", "zh_CN.UTF-8")], args);
        assert_eq!(code(&en), code(&zh), "{args:?}");
        assert_eq!(stdout(&en), stdout(&zh), "{args:?}");
    }
    let o = run(&["--lang", "zh-CN", "--json", "mac", "00:11:22:33:44"]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        json(&o)["error"]["message"],
        "invalid MAC address '00:11:22:33:44': a MAC address has 6 groups separated by ':', this has 5"
    );
    assert_eq!(
        stderr(&o).trim_end(),
        "netkit: 无效的MAC地址“00:11:22:33:44”：MAC地址是用“:”隔开的 6 组，这里有 5 组"
    );
}

/// clap's errors and netkit's hints for slips, worded in Chinese, one line each.
#[test]
fn usage_errors_in_chinese() {
    for (args, want) in [
        (&["mac", "-x"][..], "不认识的参数“-x”"),
        (&["mac"], "“netkit mac”后面要跟要解释的MAC地址"),
        (
            &["subnet", "192.168.1.0/24"],
            "你是想输入“netkit subnet info 192.168.1.0/24”吗？",
        ),
        (&["subnet"], "“netkit subnet”后面要跟一个子命令："),
        (
            &["--json", "--json", "mac", LOCAL_MAC],
            "参数“--json”只能用一次",
        ),
        (
            &["--color", "sometimes", "mac", LOCAL_MAC],
            "“--color <WHEN>”的值“sometimes”无效；可选的值：",
        ),
        (&["mac", "--jsn"], "提示：有一个相近的：“--json”"),
    ] {
        let o = run(&[&["--lang", "zh-CN"][..], args].concat());
        assert_eq!(code(&o), 2, "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("netkit: ") && err.contains(want),
            "{args:?}: {err}"
        );
    }
    // English keeps clap's words.
    let o = run(&["mac", "--bogus"]);
    assert_eq!(
        stderr(&o).trim_end(),
        "netkit: unexpected argument '--bogus' found; tip: to pass '--bogus' as a value, use \
         '-- --bogus' (see 'netkit mac --help')"
    );
    let o = run(&["--lang", "zh-CN", "mac", "--bogus"]);
    assert_eq!(
        stderr(&o).trim_end(),
        "netkit: 不认识的参数“--bogus”；提示：要把“--bogus”当作值，请写成“-- --bogus”（见“netkit mac --help”）"
    );
}

/// The English left in a Chinese bad-input line (`netkit: 无效的WHAT“INPUT”：REASON`), if any:
/// the what must have no English word (one with two lower-case letters or more: "CA 文件" is
/// fine, "destination" is not), and the reason no run of three English words (ASCII
/// words with two letters or more, one of them lower case: "must be more", "needs an IPv4").
/// Quoted parts of the input (a label of the name) and `netkit ...` examples are left out of the
/// reason first; a run ends at any character outside ASCII.
fn english_in(line: &str) -> Option<String> {
    let body = line.strip_prefix("netkit: 无效的")?;
    let (what, rest) = body.split_once('“')?;
    let lower_word = |w: &str| w.chars().filter(|c| c.is_ascii_lowercase()).count() >= 2;
    if what
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(lower_word)
    {
        return Some(format!("the what '{what}'"));
    }
    let (input, reason) = rest.split_once("”：")?;
    // A long input is shown clipped: `abc…(263 bytes)`.
    let input = input.split('…').next().unwrap_or(input);
    let mut text = reason.to_string();
    let mut from = 0;
    while let Some(start) = text[from..].find('“').map(|s| s + from) {
        let Some(len) = text[start..].find('”') else {
            break;
        };
        let inner = &text[start + '“'.len_utf8()..start + len];
        if input.contains(inner) {
            text.replace_range(start..start + len + '”'.len_utf8(), " ");
        } else {
            from = start + len;
        }
    }
    // `netkit chat server` and such: an example command, up to the next Chinese character.
    while let Some(start) = text.find("netkit ") {
        let end = text[start..]
            .find(|c: char| !c.is_ascii())
            .map_or(text.len(), |e| start + e);
        text.replace_range(start..end, " ");
    }
    let english = |word: &str| {
        word.chars().all(|c| c.is_ascii_alphanumeric())
            && word.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2
            && word.chars().any(|c| c.is_ascii_lowercase())
    };
    for segment in text.split(|c: char| !c.is_ascii()) {
        let mut run = Vec::new();
        for word in segment.split_whitespace() {
            let word = word.trim_matches(|c: char| c.is_ascii_punctuation());
            if english(word) {
                run.push(word);
                if run.len() == 3 {
                    return Some(run.join(" "));
                }
            } else {
                run.clear();
            }
        }
    }
    None
}

/// Issue 28 follow-up (the parsers' words): a bad value on the command line is refused in
/// Chinese, the thing it was meant to be and the reason alike, one line each, exit 2. One input
/// per reason netkit writes itself, for every parser: hosts and endpoints (`net::endpoint`),
/// host names (`net::name`), DNS names with escapes (`wire::dns::name`), times (`util::time`),
/// the value parsers of `cli`. Every input is refused before anything is sent or resolved.
#[test]
fn bad_values_in_chinese() {
    let long_label = format!("{}.test", "x".repeat(64));
    let long_name = ["abcdefghij"; 24].join(".");
    let long_escaped = format!("a\\.{}", ".x".repeat(130));
    let long_escaped_label = format!("a\\.{}", "x".repeat(64));
    let cases: Vec<Vec<String>> = [
        // net::endpoint, as DEST of ping.
        &["ping", ""][..],
        &["ping", "[::1"],
        &["ping", "[zz]"],
        &["ping", "[::1]x"],
        &["ping", "[::1]:80"],
        &["ping", "127.0.0.1:80"],
        &["ping", "192.0.2.1%eth0"],
        &["ping", "host%eth0"],
        &["ping", "a..b"],
        &["ping", "b-.test"],
        &["ping", "*.example.test"],
        &["ping", "xn--zz.test"],
        &["ping", "host.123"],
        &["ping", "127.0.0.1:0"],
        &["ping", "127.0.0.1:x"],
        &["ping", "2001:db8::1:zz"],
        &["ping", "127.1"],
        &["trace", "a..b"],
        &["flow", "fe80::1%eth0"],
        &["route", "get", "127.0.0.1:80"],
        // chat's server, listen and bind addresses.
        &["chat", "client", "127.0.0.1"],
        &["chat", "client", "::1"],
        &["chat", "server", "--bind", "foo"],
        &["chat", "server", "--room", "--web", "127.0.0.1"],
        &["chat", "server", "--room", "--web", "::1:8080"],
        &["chat", "server", "--room", "--web", "127.0.0.1:x"],
        // Times.
        &["ping", "-i", "0", "127.0.0.1"],
        &["ping", "-w", "0", "127.0.0.1"],
        &["ping", "-i", "100000", "127.0.0.1"],
        &["ping", "-i", "soon", "127.0.0.1"],
        &["chat", "client", "--timeout", "x", "127.0.0.1:1"],
        &["chat", "server", "--idle-timeout", "100000"],
        // dns: servers, -x, names.
        &["dns", "example.test", "@a..b"],
        &["dns", "example.test", "@127.0.0.1:0"],
        &["dns", "-x", "foo"],
        &["dns", "", "@127.0.0.1:1"],
        &["dns", "foo..bar", "@127.0.0.1:1"],
        &["dns", "a b.test", "@127.0.0.1:1"],
        &["dns", "ab\u{200d}.test", "@127.0.0.1:1"],
        // DNS names with escapes (presentation format).
        &["dns", "a\\.b..c", "@127.0.0.1:1"],
        &["dns", "a\\", "@127.0.0.1:1"],
        &["dns", "a\\03", "@127.0.0.1:1"],
        &["dns", "\\256.test", "@127.0.0.1:1"],
        &["dns", "a\\.b c", "@127.0.0.1:1"],
        // Files read within bounds (util::input).
        &[
            "dns",
            "--tls",
            "--tls-ca",
            "/dev/zero",
            "example.test",
            "@127.0.0.1:1",
        ],
        &[
            "dns",
            "--validate",
            "--trust-anchor",
            "/dev/zero",
            "example.test",
            "@127.0.0.1:1",
        ],
    ]
    .iter()
    .map(|args| args.iter().map(|a| a.to_string()).collect())
    .chain(
        [
            (long_label.as_str(), "@127.0.0.1:1"),
            (long_name.as_str(), "@127.0.0.1:1"),
            (long_escaped.as_str(), "@127.0.0.1:1"),
            (long_escaped_label.as_str(), "@127.0.0.1:1"),
        ]
        .iter()
        .map(|(name, server)| vec!["dns".into(), name.to_string(), server.to_string()]),
    )
    .collect();
    // An interface that is not there (ping -I, trace -I): the sockets that would bind to it
    // need the privilege, which an unprivileged run is refused first.
    let privileged: Vec<Vec<String>> = [
        &["ping", "-c", "1", "-I", "nosuchif0", "127.0.0.1"][..],
        &["trace", "-I", "nosuchif0", "--udp", "127.0.0.1"],
    ]
    .iter()
    .map(|args| args.iter().map(|a| a.to_string()).collect())
    .collect();
    #[cfg(unix)]
    let root = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
    };
    #[cfg(not(unix))]
    let root = false;
    let cases = if root {
        [cases, privileged].concat()
    } else if std::env::var("NETKIT_REQUIRE_NETNS").is_ok_and(|v| v == "1") {
        panic!(
            "NETKIT_REQUIRE_NETNS=1 but bad_values_in_chinese runs without root: {privileged:?}"
        );
    } else {
        eprintln!("SKIP (not root) bad_values_in_chinese: {privileged:?}");
        cases
    };
    let mut failures = Vec::new();
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&[&["--lang", "zh-CN"][..], &args].concat());
        let err = stderr(&o);
        let line = err.trim_end();
        if code(&o) != 2 || err.lines().count() != 1 || !line.starts_with("netkit: 无效的") {
            failures.push(format!("{args:?}: exit {}: {err}", code(&o)));
        } else if let Some(english) = english_in(line) {
            failures.push(format!("{args:?}: English ({english}): {line}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The check itself sees English where it is, and only there.
    for line in [
        "netkit: 无效的interval“0”：必须大于 0",
        "netkit: 无效的间隔“0”：must be more than 0",
        "netkit: 无效的地址“foo”：-x needs an IPv4 or IPv6 address",
        "netkit: 无效的域名“a b c”：“the odd one”不在输入里",
    ] {
        assert!(english_in(line).is_some(), "{line}");
    }
    for line in [
        "netkit: 无效的间隔“must be more”：必须大于 0",
        "netkit: 无效的CA 文件“/x”：超过了 1 MiB（netkit 最多只读这么多）",
        "netkit: 无效的域名“must be more.test”：标签“must be more”不行",
        "netkit: 无效的服务端“127.0.0.1”：没有端口（netkit chat server 会告诉你它在监听哪个端口）",
        "netkit: 无效的域名“abc def ghi…(300 bytes)”：太长",
    ] {
        assert_eq!(english_in(line), None, "{line}");
    }
}

/// `--help` in Chinese: clap's words, the top-level help and mac's help from the catalogs.
#[test]
fn help_in_chinese() {
    let o = run(&["--lang", "zh-CN", "--help"]);
    assert_eq!(code(&o), 0);
    let help = stdout(&o);
    for said in [
        "用法：netkit",
        "命令：",
        "全局选项：",
        "选项：",
        "退出状态：",
        "解读一个MAC地址",
        "显示版本",
    ] {
        assert!(help.contains(said), "{said}: {help}");
    }
    let o = run_env(&[("LANG", "zh_CN.UTF-8")], &["mac", "-h"]);
    let help = stdout(&o);
    for said in [
        "用法：netkit mac",
        "参数：",
        "要解读的MAC地址",
        "示例：",
        "netkit mac 3C22.FB12.3456",
    ] {
        assert!(help.contains(said), "{said}: {help}");
    }
    assert!(
        !help.contains("Usage:") && !help.contains("Options:"),
        "{help}"
    );
    // English help is the catalogs' English.
    let help = stdout(&run(&["mac", "--help"]));
    assert!(
        help.contains("The MAC address, in any common notation"),
        "{help}"
    );
    assert!(help.contains("Usage: netkit mac"), "{help}");
}
