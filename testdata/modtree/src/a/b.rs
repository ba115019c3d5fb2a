pub struct Leaf;

impl crate::x::Named for Leaf {
    fn name(&self) -> &'static str {
        "leaf"
    }
}
