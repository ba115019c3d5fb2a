pub struct Config {
    pub size: usize,
}

pub enum Mode {
    Fast,
    Slow,
}
