pub struct Stamp(pub u64);

pub fn now() -> Stamp {
    Stamp(0)
}
