/// No state: constants are not state.
pub const LIMIT: u32 = 10;

pub fn clamp(v: u32) -> u32 {
    v.min(LIMIT)
}
