// Macros: definitions, argument-less expansion, item-wrapping macros, tokens.
macro_rules! items {
    () => {
        pub mod generated;
        pub fn from_macro() -> u8 { $crate::helpers::one() }
    };
}
items!();

#[macro_export]
macro_rules! cfg_feature {
    ($($item:item)*) => { $( #[cfg(feature = "x")] $item )* };
}

cfg_feature! {
    pub struct Gated;
    impl Gated { pub fn new() -> Self { Gated } }
}

cfg_if::cfg_if! {
    if #[cfg(unix)] {
        mod unix;
        pub use self::unix::*;
    } else {
        mod other;
    }
}

thread_local! { static CACHE: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::new()); }
lazy_static::lazy_static! { static ref TABLE: Vec<u32> = vec![1, 2, 3]; }

pub fn uses() {
    println!("{} {:?}", crate::helpers::one(), vec![1, 2]);
    assert_eq!(format!("{x}", x = 1), "1", "message {}", 2);
    let _ = std::process::Command::new("git").arg("status");
    link!("kernel32.dll" "system" fn GetTickCount() -> u32);
}
