//! The pieces `netkit dns`'s views share: labels padded by display width and the table of
//! records, worded in the run's language (i18n/LANG/dns.ftl).

use crate::i18n::{Message, t};
use crate::output::{Paint, Table, Ui, pad, visible_len};

/// The labels of a view in the run's language (`Name:` / `域名：`), each padded to the widest
/// (by display width: a Chinese character takes two columns) and at least `min` columns: the
/// painted label `i`, for its line.
pub fn labels<const N: usize>(
    ui: &Ui,
    words: [Message; N],
    min: usize,
) -> impl Fn(usize) -> String {
    let labels = words.map(|l| t!("common-label", label = l).to_string());
    let width = labels
        .iter()
        .map(|l| visible_len(l))
        .max()
        .unwrap_or(0)
        .max(min);
    let ui = *ui;
    move |i: usize| ui.paint(Paint::Bold, pad(&labels[i], width))
}

/// A table of records (Name, TTL, Type, Data; TTL goes first when the terminal is narrow), its
/// headers in the run's language.
pub fn records_table(ui: &Ui) -> Table {
    let [name, ttl, rtype, data] = [
        t!("dns-column-name"),
        t!("dns-column-ttl"),
        t!("dns-column-type"),
        t!("dns-column-data"),
    ]
    .map(|m| m.to_string());
    let mut table = ui.table(&[&name, &ttl, &rtype, &data]);
    table.expendable(&[&ttl]);
    table
}
