//! Which language the user's environment asks for, as gettext decides it: the locale of
//! messages is LC_ALL, else LC_MESSAGES, else LANG (the first set and not empty); when it is
//! not C or POSIX, LANGUAGE (a colon list of preferences) comes first, its first language netkit
//! speaks wins; then the locale itself. Where none of these is set (Windows, macOS), the user's
//! UI language. C, POSIX and anything netkit does not speak is English.

use super::lang::Lang;

/// The language the environment asks for.
pub fn from_environment() -> Lang {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    choose(
        var("LANGUAGE").as_deref(),
        var("LC_ALL")
            .or_else(|| var("LC_MESSAGES"))
            .or_else(|| var("LANG"))
            .as_deref(),
    )
    .or_else(ui_language)
    .unwrap_or(Lang::En)
}

/// The language of LANGUAGE and the messages' locale, by gettext's rules; None when neither is
/// set (then the UI language decides).
pub(crate) fn choose(language: Option<&str>, locale: Option<&str>) -> Option<Lang> {
    if let Some(locale) = locale {
        if is_c(locale) {
            return Some(Lang::En);
        }
        let preferred = language
            .into_iter()
            .flat_map(|l| l.split(':'))
            .find_map(parse);
        return Some(preferred.or_else(|| parse(locale)).unwrap_or(Lang::En));
    }
    // gettext reads LANGUAGE only beside a locale that is set; a lone LANGUAGE is honoured
    // too (the C library's default locale then stands for the user's choice).
    language
        .into_iter()
        .flat_map(|l| l.split(':'))
        .find_map(parse)
}

/// Whether a locale name is the C locale (in which gettext ignores LANGUAGE).
fn is_c(locale: &str) -> bool {
    let name = locale.split(['.', '@']).next().unwrap_or(locale);
    name == "C" || name == "POSIX"
}

/// The language netkit speaks for a locale or language name (`zh_CN.UTF-8`, `zh-Hans`, `en_GB`),
/// or None for one it does not.
pub(crate) fn parse(name: &str) -> Option<Lang> {
    let name = name.split(['.', '@']).next()?.replace('_', "-");
    let mut parts = name.split('-').filter(|p| !p.is_empty());
    let language = parts.next()?.to_ascii_lowercase();
    let rest: Vec<String> = parts.map(str::to_ascii_lowercase).collect();
    match language.as_str() {
        "en" => Some(Lang::En),
        "zh" => {
            // Simplified Chinese: the script Hans, or a region that writes it (or none given).
            let traditional = rest
                .iter()
                .any(|p| matches!(p.as_str(), "hant" | "tw" | "hk" | "mo"));
            let simplified = rest.iter().any(|p| p == "hans");
            (simplified || !traditional).then_some(Lang::ZhCn)
        }
        _ => None,
    }
}

/// The user's UI language on systems where the environment does not carry it.
#[cfg(any(windows, target_os = "macos"))]
fn ui_language() -> Option<Lang> {
    sys_locale::get_locales().find_map(|l| parse(&l))
}

#[cfg(not(any(windows, target_os = "macos")))]
fn ui_language() -> Option<Lang> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 28: the language follows the locale as gettext chooses it.
    #[test]
    fn the_locale_chooses_as_gettext_does() {
        for (language, locale, want) in [
            (None, Some("zh_CN.UTF-8"), Some(Lang::ZhCn)),
            (None, Some("zh_CN"), Some(Lang::ZhCn)),
            (None, Some("zh"), Some(Lang::ZhCn)),
            (None, Some("zh_SG.UTF-8"), Some(Lang::ZhCn)),
            (None, Some("zh_TW.UTF-8"), Some(Lang::En)),
            (None, Some("en_US.UTF-8"), Some(Lang::En)),
            (None, Some("de_DE.UTF-8"), Some(Lang::En)),
            (None, Some("C.UTF-8"), Some(Lang::En)),
            (None, Some("POSIX"), Some(Lang::En)),
            // LANGUAGE comes first, its first language netkit speaks...
            (Some("fr:zh_CN:en"), Some("en_US.UTF-8"), Some(Lang::ZhCn)),
            (Some("zh-Hans"), Some("de_DE.UTF-8"), Some(Lang::ZhCn)),
            (Some("en:zh_CN"), Some("zh_CN.UTF-8"), Some(Lang::En)),
            // ...unless the locale is C, where gettext ignores it...
            (Some("zh_CN"), Some("C"), Some(Lang::En)),
            // ...and a list of languages netkit does not speak leaves it to the locale.
            (Some("fr:de"), Some("zh_CN.UTF-8"), Some(Lang::ZhCn)),
            (Some("zh_CN"), None, Some(Lang::ZhCn)),
            (None, None, None),
        ] {
            assert_eq!(choose(language, locale), want, "{language:?} {locale:?}");
        }
        assert_eq!(parse("zh-Hans-CN"), Some(Lang::ZhCn));
        assert_eq!(parse("zh-Hant"), None);
        assert_eq!(parse("zh_HK.UTF-8"), None);
        assert_eq!(parse("en@quot"), Some(Lang::En));
        assert_eq!(parse(""), None);
    }
}
