pub fn run() {
    let _ = crate::inl::helper();
}
