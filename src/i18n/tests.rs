//! The catalogs against each other (issue 28): every message of the English catalog is in
//! every language, in the file of the same name, with the same variables (a language without
//! plurals may leave out a count the English only selects on), and no language has a message
//! English lacks; and how messages are worded.

use super::catalog::{self, Pat};
use super::*;

#[test]
fn every_message_is_in_every_language_with_the_same_variables() {
    let mut wrong = Vec::new();
    for meta in catalog::all() {
        for lang in Lang::ALL {
            let Some(local) = &meta.langs[lang.index()] else {
                wrong.push(format!("{}: {} is missing", lang.tag(), meta.id));
                continue;
            };
            if matches!(local.pat, Pat::Missing)
                || local.vars.iter().any(|v| !meta.vars.contains(v))
            {
                wrong.push(format!(
                    "{}: {} uses {:?}, English has {:?}",
                    lang.tag(),
                    meta.id,
                    local.vars,
                    meta.vars
                ));
            }
            let left_out: Vec<&&str> = meta
                .vars
                .iter()
                .filter(|v| !local.vars.contains(v) && !meta.selectors.contains(v))
                .collect();
            if !left_out.is_empty() {
                wrong.push(format!(
                    "{}: {} does not show {left_out:?}",
                    lang.tag(),
                    meta.id
                ));
            }
            if local.area != meta.area {
                wrong.push(format!(
                    "{}: {} is in {}.ftl, in English in {}.ftl",
                    lang.tag(),
                    meta.id,
                    local.area,
                    meta.area
                ));
            }
        }
    }
    for extra in catalog::EXTRA {
        wrong.push(format!("{extra}: not in the English catalog"));
    }
    assert!(
        wrong.is_empty(),
        "the catalogs disagree:\n{}",
        wrong.join("\n")
    );
}

/// Messages are worded from their pieces, a count selects English's plural, and Chinese
/// (no plurals) says the same for one and many.
#[test]
fn messages_are_worded_in_each_language() {
    let m = t!(
        "mac-vendor",
        name = "Cisco Systems, Inc",
        prefix = "00:00:0c",
        registry = "MA-L",
        bits = 24u8
    );
    assert_eq!(
        m.in_lang(Lang::En),
        "Cisco Systems, Inc (prefix 00:00:0c, MA-L /24)"
    );
    assert_eq!(
        m.in_lang(Lang::ZhCn),
        "Cisco Systems, Inc（前缀 00:00:0c，MA-L /24）"
    );
    let one = t!("common-left-out", columns = "Vendor", count = 1u32);
    let two = t!("common-left-out", columns = "Vendor, State", count = 2u32);
    assert_eq!(
        one.in_lang(Lang::En),
        "Left out to fit: Vendor (--json or a wider terminal shows it)"
    );
    assert_eq!(
        two.in_lang(Lang::En),
        "Left out to fit: Vendor, State (--json or a wider terminal shows them)"
    );
    assert_eq!(
        one.in_lang(Lang::ZhCn),
        "为适应终端宽度，未显示：Vendor（用 --json 或加宽终端可以看到）"
    );
    // No isolation marks around arguments (they would show escaped).
    assert!(!two.in_lang(Lang::En).contains('\u{2068}'));
    // A message inside another is worded in the same language.
    let label = t!("common-label", label = t!("mac-label-vendor"));
    assert_eq!(label.in_lang(Lang::En), "Vendor:");
    assert_eq!(label.in_lang(Lang::ZhCn), "厂商：");
    // JSON is English.
    assert_eq!(serde_json::to_string(&label).unwrap(), "\"Vendor:\"");
    assert!(find("help-mac-after").is_some() && find("no-such-id").is_none());
    // Messages with arguments are not found by id alone.
    assert!(find("mac-vendor").is_none());
}

/// Both ways of wording agree: every message of every language, worded by netkit (from its
/// ready-made pieces, or through the run-time Fluent source), says what Fluent says from the
/// catalog files themselves.
#[test]
fn ready_made_pieces_say_what_fluent_says() {
    use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
    for lang in Lang::ALL {
        let mut bundle = FluentBundle::new(vec![lang.tag().parse().unwrap()]);
        bundle.set_use_isolating(false);
        for (_, source) in catalog::SOURCES[lang.index()] {
            bundle
                .add_resource(FluentResource::try_new(source.to_string()).unwrap())
                .unwrap();
        }
        for meta in catalog::all() {
            let msg = bundle.get_message(meta.id).unwrap();
            let mut args = FluentArgs::new();
            let mut ours = Vec::new();
            for (n, v) in meta.vars.iter().enumerate() {
                if meta.selectors.contains(v) {
                    args.set(*v, n + 2);
                    ours.push((*v, Arg::from(n + 2)));
                } else {
                    args.set(*v, format!("<{n}>"));
                    ours.push((*v, Arg::from(format!("<{n}>"))));
                }
            }
            let mut errors = Vec::new();
            let fluent = bundle.format_pattern(msg.value().unwrap(), Some(&args), &mut errors);
            assert!(errors.is_empty(), "{} {}: {errors:?}", lang.tag(), meta.id);
            let built = catalog::with_args(meta.id, &ours).unwrap().in_lang(lang);
            assert_eq!(built, fluent, "{} {}", lang.tag(), meta.id);
        }
    }
}
