pub mod good;
pub mod syntax_error;
// No such file: a diagnostic, and the rest goes on.
pub mod missing;
pub mod uses_broken;
pub mod half;
