//! The message catalogs (i18n/LANG/AREA.ftl) turned into Rust at build time, for src/i18n:
//! one table entry per message of the English catalog (its id, its file, its variables, and
//! for each language its pattern as ready-made pieces), one argument struct per message (the
//! `t!` macro fills it, so a wrong id or a missing or unknown argument does not compile), and
//! the Fluent source of the few messages that need Fluent at run time (a select on a count).
//! A file that does not parse fails the build, with the file and what Fluent said.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use fluent_syntax::ast;
use fluent_syntax::parser;

/// The languages, in the order of `i18n::Lang` (English, the source, first).
const LANGS: [&str; 2] = ["en", "zh-CN"];

/// One part of a pattern as the program holds it.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Lit(String),
    Var(String),
}

/// A message (or term) of one language.
struct Entry {
    /// The file it is in (`mac` for i18n/en/mac.ftl).
    area: String,
    pattern: ast::Pattern<String>,
    is_term: bool,
    /// The whole entry, for the run-time source of the messages that need Fluent.
    source: ast::Entry<String>,
}

/// Every entry of one language, by id (terms with their leading `-`).
type Catalog = BTreeMap<String, Entry>;

/// Every file of one language: its area and its text.
type Sources = Vec<(String, String)>;

fn load(dir: &Path, sources: &mut Sources) -> Catalog {
    let mut catalog = Catalog::new();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let area = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        sources.push((area.clone(), text.clone()));
        let resource = parser::parse(text.clone()).unwrap_or_else(|(_, errors)| {
            let said: Vec<String> = errors
                .iter()
                .map(|e| {
                    let line = text[..e.pos.start.min(text.len())].lines().count().max(1);
                    format!("line {line}: {:?}", e.kind)
                })
                .collect();
            panic!("{} does not parse: {}", path.display(), said.join("; "))
        });
        for entry in resource.body {
            let (id, pattern, is_term) = match &entry {
                ast::Entry::Message(m) => {
                    let Some(value) = &m.value else {
                        panic!("{}: {} has no value", path.display(), m.id.name)
                    };
                    (m.id.name.clone(), value.clone(), false)
                }
                ast::Entry::Term(t) => (format!("-{}", t.id.name), t.value.clone(), true),
                _ => continue,
            };
            if let Some(old) = catalog.get(&id) {
                panic!(
                    "{}: {id} is defined twice (also in {}.ftl)",
                    path.display(),
                    old.area
                );
            }
            catalog.insert(
                id,
                Entry {
                    area: area.clone(),
                    pattern,
                    is_term,
                    source: entry,
                },
            );
        }
    }
    catalog
}

/// The pattern as pieces, when it holds only text, variables, literals and references to
/// such patterns; None when it needs Fluent (a select, a function, a term with arguments).
fn segments(catalog: &Catalog, pattern: &ast::Pattern<String>, depth: u8) -> Option<Vec<Seg>> {
    if depth > 8 {
        return None;
    }
    let mut out: Vec<Seg> = Vec::new();
    let push = |out: &mut Vec<Seg>, seg: Seg| match (out.last_mut(), seg) {
        (Some(Seg::Lit(a)), Seg::Lit(b)) => a.push_str(&b),
        (_, seg) => out.push(seg),
    };
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => push(&mut out, Seg::Lit(value.clone())),
            ast::PatternElement::Placeable { expression } => {
                for seg in expression_segments(catalog, expression, depth)? {
                    push(&mut out, seg);
                }
            }
        }
    }
    Some(out)
}

fn expression_segments(
    catalog: &Catalog,
    expression: &ast::Expression<String>,
    depth: u8,
) -> Option<Vec<Seg>> {
    let ast::Expression::Inline(inline) = expression else {
        return None;
    };
    match inline {
        ast::InlineExpression::StringLiteral { value } => Some(vec![Seg::Lit(
            fluent_syntax::unicode::unescape_unicode_to_string(value).into_owned(),
        )]),
        ast::InlineExpression::NumberLiteral { value } => Some(vec![Seg::Lit(value.clone())]),
        ast::InlineExpression::VariableReference { id } => Some(vec![Seg::Var(id.name.clone())]),
        ast::InlineExpression::MessageReference {
            id,
            attribute: None,
        } => segments(catalog, &catalog.get(&id.name)?.pattern, depth + 1),
        ast::InlineExpression::TermReference {
            id,
            attribute: None,
            arguments: None,
        } => segments(
            catalog,
            &catalog.get(&format!("-{}", id.name))?.pattern,
            depth + 1,
        ),
        ast::InlineExpression::Placeable { expression } => {
            expression_segments(catalog, expression, depth)
        }
        _ => None,
    }
}

/// Calls `f` on every inline expression of `pattern`, nested ones (a placeable's, a call's
/// arguments, a variant's pattern) included, and on the selectors of selects when `selectors`.
fn visit(
    pattern: &ast::Pattern<String>,
    selectors: bool,
    f: &mut dyn FnMut(&ast::InlineExpression<String>),
) {
    fn inline(
        e: &ast::InlineExpression<String>,
        selectors: bool,
        f: &mut dyn FnMut(&ast::InlineExpression<String>),
    ) {
        f(e);
        let arguments = match e {
            ast::InlineExpression::FunctionReference { arguments, .. } => Some(arguments),
            ast::InlineExpression::TermReference { arguments, .. } => arguments.as_ref(),
            ast::InlineExpression::Placeable { expression } => {
                return expr(expression, selectors, f);
            }
            _ => None,
        };
        for a in arguments
            .into_iter()
            .flat_map(|a| a.positional.iter().chain(a.named.iter().map(|n| &n.value)))
        {
            inline(a, selectors, f);
        }
    }
    fn expr(
        e: &ast::Expression<String>,
        selectors: bool,
        f: &mut dyn FnMut(&ast::InlineExpression<String>),
    ) {
        match e {
            ast::Expression::Select { selector, variants } => {
                if selectors {
                    inline(selector, selectors, f);
                }
                for v in variants {
                    visit(&v.value, selectors, f);
                }
            }
            ast::Expression::Inline(i) => inline(i, selectors, f),
        }
    }
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expr(expression, selectors, f);
        }
    }
}

/// The variables a pattern uses, through the messages it references (which Fluent gives the
/// same arguments); a term's own variables are its parameters, not the message's.
fn variables(catalog: &Catalog, pattern: &ast::Pattern<String>, out: &mut BTreeSet<String>) {
    walk_variables(catalog, pattern, true, out)
}

/// [`variables`]; with `selectors` false, a variable that only chooses a variant (a count for
/// plurals) is left out: what remains are the variables the message shows.
fn walk_variables(
    catalog: &Catalog,
    pattern: &ast::Pattern<String>,
    selectors: bool,
    out: &mut BTreeSet<String>,
) {
    visit(pattern, selectors, &mut |e| match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.clone());
        }
        ast::InlineExpression::MessageReference { id, .. } => {
            if let Some(m) = catalog.get(&id.name) {
                walk_variables(catalog, &m.pattern, selectors, out);
            }
        }
        _ => {}
    });
}

/// The messages a pattern references, by id (terms with their `-`).
fn references(pattern: &ast::Pattern<String>, out: &mut BTreeSet<String>) {
    visit(pattern, true, &mut |e| match e {
        ast::InlineExpression::MessageReference { id, .. } => {
            out.insert(id.name.clone());
        }
        ast::InlineExpression::TermReference { id, .. } => {
            out.insert(format!("-{}", id.name));
        }
        _ => {}
    });
}

/// `mac-vendor-none` → `MacVendorNone`.
fn camel(id: &str) -> String {
    id.split(['-', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The Rust code of one language's pattern of a message: `Pat::Segs(&[...])` or `Pat::Fluent`.
fn pat_code(
    catalog: &Catalog,
    entry: &Entry,
    vars: &[String],
    runtime: &mut BTreeSet<String>,
    id: &str,
) -> String {
    match segments(catalog, &entry.pattern, 0) {
        Some(segs) => {
            let mut code = String::from("Pat::Segs(&[");
            for seg in segs {
                match seg {
                    Seg::Lit(text) => write!(code, "Seg::Lit({text:?}),").unwrap(),
                    Seg::Var(name) => {
                        let at = vars.iter().position(|v| *v == name).unwrap_or_else(|| {
                            panic!("{id}: ${name} is not a variable of the English message")
                        });
                        write!(code, "Seg::Var({at}),").unwrap()
                    }
                }
            }
            code.push_str("])");
            code
        }
        None => {
            runtime.insert(id.to_string());
            "Pat::Fluent".to_string()
        }
    }
}

/// The Fluent source of `ids` and of everything they reference, and every term.
fn runtime_source(catalog: &Catalog, ids: &BTreeSet<String>) -> String {
    let mut wanted: BTreeSet<String> = catalog
        .iter()
        .filter(|(_, e)| e.is_term)
        .map(|(id, _)| id.clone())
        .collect();
    let mut work: Vec<String> = ids.iter().cloned().collect();
    while let Some(id) = work.pop() {
        if !wanted.insert(id.clone()) {
            continue;
        }
        if let Some(e) = catalog.get(&id) {
            let mut refs = BTreeSet::new();
            references(&e.pattern, &mut refs);
            work.extend(refs);
        }
    }
    let resource = ast::Resource {
        body: wanted
            .iter()
            .filter_map(|id| catalog.get(id))
            .map(|e| e.source.clone())
            .collect(),
    };
    fluent_syntax::serializer::serialize(&resource)
}

/// Writes `OUT_DIR/messages.rs` from the catalogs under `root` (i18n/).
pub fn generate(root: &Path, out: &Path) {
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files: Vec<Sources> = vec![Sources::new(); LANGS.len()];
    let catalogs: Vec<Catalog> = LANGS
        .iter()
        .zip(&mut files)
        .map(|(l, s)| load(&root.join(l), s))
        .collect();
    let en = &catalogs[0];
    let messages: Vec<(&String, &Entry)> = en.iter().filter(|(_, e)| !e.is_term).collect();
    let mut code = String::from(
        "// Generated by build.rs (build/catalogs.rs) from i18n/*/*.ftl: edit the catalogs, not this.\n\n",
    );
    let mut args = String::new();
    let mut arms = String::new();
    let mut table = String::new();
    let mut runtime: Vec<BTreeSet<String>> = vec![BTreeSet::new(); LANGS.len()];
    let mut names = BTreeSet::new();
    for (index, (id, entry)) in messages.iter().enumerate() {
        let mut vars = BTreeSet::new();
        variables(en, &entry.pattern, &mut vars);
        let vars: Vec<String> = vars.into_iter().collect();
        for v in &vars {
            assert!(
                v.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    && !matches!(
                        v.as_str(),
                        "type"
                            | "in"
                            | "as"
                            | "ref"
                            | "mod"
                            | "use"
                            | "fn"
                            | "let"
                            | "match"
                            | "loop"
                            | "move"
                            | "self"
                            | "super"
                            | "where"
                            | "impl"
                            | "static"
                            | "const"
                            | "crate"
                            | "true"
                            | "false"
                    ),
                "{id}: variable ${v} must be snake_case and no Rust keyword (it names a field of t!)"
            );
        }
        let mut shown = BTreeSet::new();
        walk_variables(en, &entry.pattern, false, &mut shown);
        let selectors: Vec<&String> = vars.iter().filter(|v| !shown.contains(*v)).collect();
        let name = camel(id);
        assert!(
            names.insert(name.clone()),
            "{id}: two ids make the name {name}"
        );
        let mut pats = Vec::new();
        for (lang, catalog) in catalogs.iter().enumerate() {
            match catalog.get(*id).filter(|e| !e.is_term) {
                Some(e) => {
                    let mut theirs = BTreeSet::new();
                    variables(catalog, &e.pattern, &mut theirs);
                    let theirs: Vec<String> = theirs.into_iter().collect();
                    let pat = if theirs.iter().all(|v| vars.contains(v)) {
                        pat_code(catalog, e, &vars, &mut runtime[lang], id)
                    } else {
                        println!(
                            "cargo:warning=i18n/{}/{}.ftl: {id} uses variables the English message has not: {theirs:?} vs {vars:?}",
                            LANGS[lang], e.area
                        );
                        "Pat::Missing".to_string()
                    };
                    pats.push(format!(
                        "Some(Local {{ area: {:?}, vars: &{theirs:?}, pat: {pat} }})",
                        e.area
                    ));
                }
                None => pats.push("None".to_string()),
            }
        }
        writeln!(
            table,
            "    Meta {{ id: {id:?}, area: {:?}, vars: &{vars:?}, selectors: &{selectors:?}, langs: [{}] }},",
            entry.area,
            pats.join(", ")
        )
        .unwrap();
        let fields: String = vars.iter().map(|v| format!("pub {v}: Arg, ")).collect();
        let values: String = vars.iter().map(|v| format!("self.{v}, ")).collect();
        writeln!(
            args,
            "    /// The arguments of `{id}`.\n    #[derive(Debug)]\n    pub struct {name} {{ {fields}}}\n    \
             impl {name} {{\n        pub fn message(self) -> Message {{ Message::new(&MESSAGES[{index}], vec![{values}]) }}\n    }}"
        )
        .unwrap();
        writeln!(
            arms,
            "    ({id:?} $(, $k:ident = $v:expr)* $(,)?) => {{\n        \
             $crate::i18n::catalog::args::{name} {{ $($k: $crate::i18n::Arg::from($v)),* }}.message()\n    }};"
        )
        .unwrap();
    }
    let extra: Vec<String> = catalogs[1..]
        .iter()
        .enumerate()
        .flat_map(|(n, c)| {
            c.iter()
                .filter(|(id, e)| !e.is_term && !en.contains_key(*id))
                .map(move |(id, e)| format!("{}/{}.ftl: {id}", LANGS[n + 1], e.area))
        })
        .collect();
    writeln!(
        code,
        "/// Every message of the English catalog, sorted by id.\npub(crate) static MESSAGES: [Meta; {}] = [\n{table}];\n",
        messages.len()
    )
    .unwrap();
    writeln!(
        code,
        "/// Messages of another language that the English catalog does not have (the test of the\n\
         /// catalogs fails on any).\n#[cfg(test)]\npub(crate) static EXTRA: &[&str] = &{extra:?};\n"
    )
    .unwrap();
    let sources: Vec<String> = catalogs
        .iter()
        .zip(&runtime)
        .map(|(c, ids)| {
            if ids.is_empty() {
                String::new()
            } else {
                runtime_source(c, ids)
            }
        })
        .collect();
    writeln!(
        code,
        "/// Per language, the Fluent source of the messages that need Fluent at run time.\n\
         pub(crate) static RUNTIME: [&str; {}] = {sources:?};\n",
        LANGS.len()
    )
    .unwrap();
    writeln!(
        code,
        "/// Per language, every file (area, text), for the tests that compare with Fluent.\n\
         #[cfg(test)]\npub(crate) static SOURCES: [&[(&str, &str)]; {}] = [{}];\n",
        LANGS.len(),
        files
            .iter()
            .map(|f| format!("&{f:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();
    writeln!(
        code,
        "/// One struct per message: the fields are its variables (see `t!`).\n#[allow(dead_code)]\npub(crate) mod args {{\n    use super::MESSAGES;\n    use crate::i18n::{{Arg, Message}};\n{args}}}\n"
    )
    .unwrap();
    writeln!(
        code,
        "/// A message of the catalogs, with its arguments: `t!(\"mac-cast-unicast\")`,\n\
         /// `t!(\"common-left-out\", columns = names, ways = how)`. The id must be in the English\n\
         /// catalog and the arguments must be exactly the message's variables, or it does not compile.\n\
         macro_rules! t {{\n{arms}    ($id:literal $($rest:tt)*) => {{\n        \
         compile_error!(concat!(\"no message \", $id, \" in the English catalog (i18n/en/*.ftl)\"))\n    }};\n}}\npub(crate) use t;"
    )
    .unwrap();
    std::fs::write(out.join("messages.rs"), code).expect("write messages.rs");
}
