use crate::config::config_value;
use crate::format::format_value;
use crate::io::io_value;

pub struct Editor {
    pub n: u32,
}

impl Editor {
    pub fn op0(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op1(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op2(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op3(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op4(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op5(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op6(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op7(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op8(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op9(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op10(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
    pub fn op11(&mut self) -> u32 {
        self.n += config_value() + format_value() + io_value();
        self.n
    }
}
