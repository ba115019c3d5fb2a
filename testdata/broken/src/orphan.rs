// No module declares this file.
pub fn forgotten() {}
