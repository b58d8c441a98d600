//! The man pages in man/ are generated from the clap definition; this fails when they drift.
//! Regenerate with: NETKIT_UPDATE_MAN=1 cargo test --test tests man::

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use clap::CommandFactory;

fn pages_in(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "1"))
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        fs::read_to_string(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn man_pages_match_the_cli() {
    let fresh = tempfile::tempdir().unwrap();
    clap_mangen::generate_to(netkit::cli::Cli::command(), fresh.path()).unwrap();
    let generated = pages_in(fresh.path());
    let committed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    if std::env::var_os("NETKIT_UPDATE_MAN").is_some() {
        fs::create_dir_all(&committed_dir).unwrap();
        for old in pages_in(&committed_dir).keys() {
            fs::remove_file(committed_dir.join(old)).unwrap();
        }
        for (name, text) in &generated {
            fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = pages_in(&committed_dir);
    let names = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&committed),
        names(&generated),
        "man/ has other pages than the CLI defines; regenerate: NETKIT_UPDATE_MAN=1 cargo test --test tests man::"
    );
    for (name, text) in &generated {
        assert!(
            committed[name] == *text,
            "man/{name} is out of date with the CLI; regenerate: NETKIT_UPDATE_MAN=1 cargo test --test tests man::"
        );
    }
    for page in [
        "netkit.1",
        "netkit-subnet.1",
        "netkit-subnet-filter.1",
        "netkit-mac.1",
        "netkit-dns.1",
    ] {
        assert!(generated.contains_key(page), "{page} generated");
    }
    assert!(
        generated["netkit.1"].contains("Exit status"),
        "netkit.1 documents exit codes"
    );
}
