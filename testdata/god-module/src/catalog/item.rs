pub struct Item {
    pub sku: u32,
}
