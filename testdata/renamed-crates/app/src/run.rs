pub fn run() -> String {
    let t = corelib::make!(7);
    my_util::fmt::show(&t)
}
