//! `netkit mac` as a user runs it.

use crate::common::*;

#[test]
fn all_notations_normalize_to_lowercase_colons() {
    for form in [
        "00:00:0C:12:34:56",
        "00-00-0c-12-34-56",
        "0000.0c12.3456",
        "00000C123456",
    ] {
        let v = json(&run(&["--json", "mac", form]));
        assert_eq!(v["mac"], "00:00:0c:12:34:56", "{form}");
        assert_eq!(v["forms"]["hyphen"], "00-00-0C-12-34-56");
        assert_eq!(v["forms"]["cisco"], "0000.0c12.3456");
        assert_eq!(v["oui"], "00:00:0c");
        assert!(
            v["vendor"]["name"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("cisco"),
            "{v}"
        );
        assert_eq!(v["vendor"]["bits"], 24);
        assert_eq!(v["unicast"], true);
        assert_eq!(v["locally_administered"], false);
    }
}

#[test]
fn table_names_the_maker_and_the_bits() {
    let o = run(&["mac", "00:00:0c:12:34:56"]);
    assert_eq!(code(&o), 0);
    let text = stdout(&o);
    assert!(text.to_lowercase().contains("cisco"), "{text}");
    assert!(
        text.contains("unicast") && text.contains("universal"),
        "{text}"
    );
}

#[test]
fn special_addresses() {
    let v = json(&run(&["--json", "mac", "ff:ff:ff:ff:ff:ff"]));
    assert_eq!(
        (v["broadcast"].as_bool(), v["multicast"].as_bool()),
        (Some(true), Some(true))
    );
    let v = json(&run(&["--json", "mac", "02:42:ac:11:00:02"]));
    assert_eq!(v["locally_administered"], true);
    assert_eq!(v["vendor"], serde_json::Value::Null);
    let text = stdout(&run(&["mac", "02:42:ac:11:00:02"]));
    assert!(text.contains("locally administered"), "{text}");
    // 28-bit (MA-M) registration wins over the 24-bit block it sits in.
    let v = json(&run(&["--json", "mac", "b8:4c:87:40:00:01"]));
    assert_eq!(v["vendor"]["bits"], 28);
}

#[test]
fn bad_macs() {
    assert_bad_input(&["mac", "00:11:22:33:44"], "6 groups");
    assert_bad_input(&["mac", "00:11:22:33:44:zz"], "hexadecimal");
    assert_bad_input(&["mac", "0011223344"], "12 hex digits");
    // Twelve bytes or twelve characters that are not all ASCII: bad input, not a panic.
    assert_bad_input(&["mac", "aéééééb"], "got 7");
    assert_bad_input(&["mac", "00112233445é"], "'é' is not a hexadecimal digit");
    assert_bad_input(&["mac", "00112233445566é"], "got 15");
}
