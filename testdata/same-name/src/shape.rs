#[allow(non_camel_case_types)]
pub struct widget {
    pub size: u32,
}
