//! Twelve modules that all call each other: no seam to cut.
pub mod part0;
pub mod part1;
pub mod part2;
pub mod part3;
pub mod part4;
pub mod part5;
pub mod part6;
pub mod part7;
pub mod part8;
pub mod part9;
pub mod part10;
pub mod part11;
