pub fn b(_: crate::a::A) {}
