pub struct Thing(pub u32);

impl Thing {
    pub fn new(v: u32) -> Self {
        Thing(v)
    }
}
