//! The catalog: a god module whose items already moved to a child module.

pub mod item;

use crate::config::config_value;
use crate::format::format_value;
use crate::io::io_value;
use item::Item;

pub struct Catalog {
    pub items: Vec<Item>,
}

impl Catalog {
    pub fn lookup0(&self) -> u32 {
        self.items.len() as u32 + config_value() + format_value() + io_value()
    }
    pub fn lookup1(&self) -> u32 {
        self.items.len() as u32 + config_value() + format_value() + io_value()
    }
    pub fn lookup2(&self) -> u32 {
        self.items.len() as u32 + config_value() + format_value() + io_value()
    }
    pub fn lookup3(&self) -> u32 {
        self.items.len() as u32 + config_value() + format_value() + io_value()
    }
    pub fn lookup4(&self) -> u32 {
        self.items.len() as u32 + config_value() + format_value() + io_value()
    }
    pub fn lookup5(&self) -> u32 {
        self.items.len() as u32 + config_value() + format_value() + io_value()
    }
    pub fn lookup6(&self) -> u32 {
        self.items.len() as u32 + config_value() + format_value() + io_value()
    }
    pub fn lookup7(&self) -> u32 {
        self.items.len() as u32 + config_value() + format_value() + io_value()
    }
}
