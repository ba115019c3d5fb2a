use crate::shapes::{Named, Square};

// Methods of `Square` defined away from the type.
impl Square {
    pub fn area(&self) -> f64 {
        // Fields live on the type's definition (`shapes`).
        self.side * self.side
    }

    pub fn doubled(&self) -> Square {
        // `Self::new` is defined with the type, in `shapes`; `self.area()` right here.
        let twice = Self::new(self.side * 2.0);
        let _ = self.area();
        twice
    }
}

impl Named for Square {
    fn name(&self) -> &'static str {
        "square"
    }
}
