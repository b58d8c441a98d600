//! Counted nouns for sentences: "1 request", "2 requests", "0 frames". Each caller names both
//! forms in full (no suffix is glued on), so a sentence's count and noun stay one typed fact
//! that a message catalog can select a plural form for.

use std::fmt::Display;

/// `n` with the noun in the form its number takes: `one` for exactly 1, `many` otherwise
/// (English uses the plural for 0 too). Any number that shows as digits will do (integers, an
/// address count).
pub fn count(n: impl Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let noun = if n == "1" { one } else { many };
    format!("{n} {noun}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 27 item 3: "1 request", never "1 requests".
    #[test]
    fn one_is_singular_and_every_other_number_plural() {
        assert_eq!(count(1u32, "request", "requests"), "1 request");
        assert_eq!(count(0u64, "frame", "frames"), "0 frames");
        assert_eq!(count(2usize, "station", "stations"), "2 stations");
        assert_eq!(count(1u64, "entry", "entries"), "1 entry");
    }
}
