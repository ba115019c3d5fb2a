pub struct Circle {
    pub r: f64,
}

impl Circle {
    pub fn new(r: f64) -> Circle {
        Circle { r }
    }

    pub fn area(&self) -> f64 {
        3.0 * self.r * self.r
    }
}

pub struct Square {
    pub side: f64,
}

impl Square {
    pub fn new(side: f64) -> Square {
        Square { side }
    }
}

pub trait Named {
    fn name(&self) -> &'static str;
}
