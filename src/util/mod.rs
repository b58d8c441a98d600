//! Small helpers every layer may use: times as typed on the command line and as shown, list
//! files of user input, every file the user names read within bounds of size and time.

pub mod input;
pub mod lists;
pub mod random;
pub mod time;

/// Makes each type a value written as its `Display` wherever it goes: in JSON its text (a
/// string), in a sentence (`t!`) an argument with the same text. `crate::util::text_value!(Mac)`
/// where the type is defined.
macro_rules! text_value {
    ($($t:ty),* $(,)?) => {$(
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        $crate::i18n::display_args!($t);
    )*};
}
pub(crate) use text_value;
