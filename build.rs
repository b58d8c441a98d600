//! Build script: turns the message catalogs (i18n/LANG/*.ftl) into Rust (build/catalogs.rs),
//! links the binary without PIE (see main), and indexes the embedded OUI table (src/net/oui.tsv) by its first three hex digits,
//! so a vendor lookup touches one small bucket instead of binary-searching 2 MB (page faults on
//! the hot path of `netkit ifaces`). Output: 4097 little-endian u32 byte offsets in OUT_DIR.

use std::path::{Path, PathBuf};

#[path = "build/catalogs.rs"]
mod catalogs;

fn main() {
    // Link the netkit executable at a fixed address (not PIE): the dynamic loader then has no
    // relocations to apply to its tables at start-up, each of which costs a page fault. Start-up is
    // most of what `netkit ifaces` costs, and it must be as fast as `ip addr`.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let table_path = "src/net/oui.tsv";
    println!("cargo:rerun-if-changed={table_path}");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=build/catalogs.rs");
    let table = std::fs::read(table_path).expect("src/net/oui.tsv is readable");
    let hex = |b: u8| match b {
        b'0'..=b'9' => (b - b'0') as usize,
        b'A'..=b'F' => (b - b'A' + 10) as usize,
        _ => panic!("oui.tsv: keys must be upper-case hex"),
    };
    // offsets[k] = byte offset of the first line whose 3-digit prefix is >= k.
    let mut offsets = vec![u32::MAX; 4097];
    let mut pos = 0usize;
    for line in table.split_inclusive(|&b| b == b'\n') {
        let k = (hex(line[0]) << 8) | (hex(line[1]) << 4) | hex(line[2]);
        if offsets[k] == u32::MAX {
            offsets[k] = pos as u32;
        }
        pos += line.len();
    }
    offsets[4096] = table.len() as u32;
    for k in (0..4096).rev() {
        if offsets[k] == u32::MAX {
            offsets[k] = offsets[k + 1];
        }
    }
    let bytes: Vec<u8> = offsets.iter().flat_map(|o| o.to_le_bytes()).collect();
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR is set"));
    std::fs::write(out_dir.join("oui_index.bin"), bytes).expect("write the OUI index");
    catalogs::generate(Path::new("i18n"), &out_dir);
}
