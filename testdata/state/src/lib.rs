//! Module-level state, the thing a service split has to divide.
pub mod cache;
pub mod counters;
pub mod pure;
