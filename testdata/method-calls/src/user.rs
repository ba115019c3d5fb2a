use crate::shapes::{Circle, Named, Square};
use std::sync::Arc;

pub fn make() -> Circle {
    Circle::new(1.0)
}

// Parameters `&T`, `&mut T` and `Arc<T>`: each call goes where its method is defined.
pub fn total(c: &Circle, s: &mut Square, shared: Arc<Circle>) -> f64 {
    c.area() + s.area() + shared.area()
}

pub fn locals() -> f64 {
    // `let x: T`, `let x = T::new(..)`, a struct literal; a trait method; a path call.
    let a: Circle = make();
    let b = Square::new(2.0);
    let c = Circle { r: 3.0 };
    let _ = b.name();
    a.area() + b.area() + c.area() + Square::area(&b) + b.doubled().area()
}

pub fn unknown(v: Vec<u32>) -> usize {
    // Unattributed: a call's result, chains, locals of unknown type that hide a `Circle` (a
    // closure parameter, a match binding). `v.len()` is std's: `Vec` is a prelude type.
    let c = Circle::new(1.0);
    let by_closure = [1u32].iter().map(|c| c.count_ones()).count();
    let by_match = match Some(5u32) {
        Some(c) => c.count_ones(),
        None => 0,
    };
    let r = c.r;
    v.len() + make().area() as usize + by_closure + by_match as usize + r as usize
}
