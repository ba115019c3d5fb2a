//! Squares.

pub struct Square {
    pub side: f64,
}

impl crate::Area for Square {
    fn area(&self) -> f64 {
        self.side * self.side
    }
}
