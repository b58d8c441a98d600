//! Small helpers every layer may use: times as typed on the command line and as shown, list
//! files of user input, every file the user names read within bounds of size and time.

pub mod input;
pub mod lists;
pub mod random;
pub mod time;
