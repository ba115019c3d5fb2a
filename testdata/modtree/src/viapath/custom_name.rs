// Loaded through #[path]: a mod-rs-like file, so `mod sub;` is src/viapath/sub.rs
mod sub;

pub fn go() {
    sub::run();
}
