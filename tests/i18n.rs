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
