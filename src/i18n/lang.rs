//! The language of this run: English or Simplified Chinese, chosen once at start-up.

use std::sync::atomic::{AtomicU8, Ordering};

/// A language netkit speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English: the catalogs' source, and the language of JSON.
    En,
    /// Simplified Chinese, for readers of the primer.
    ZhCn,
}

impl Lang {
    /// Every language, in the catalogs' order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag (`en`, `zh-CN`): `--lang`'s value and the catalogs' folder name.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The position of the language in [`Lang::ALL`] (and in the generated tables).
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// The language chosen for this run (English until [`set`] is called).
static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Chooses the language of everything shown from now on (called once, at start-up).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language of this run.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::ZhCn,
        _ => Lang::En,
    }
}
