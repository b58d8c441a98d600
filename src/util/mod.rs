//! Small helpers every layer may use: times as typed on the command line and as shown, list
//! files of user input.

pub mod lists;
pub mod random;
pub mod time;
