macro_rules! cfg_feature {
    ($($item:item)*) => {
        $( #[cfg(feature = "a")] $item )*
    };
}

macro_rules! declare_root {
    () => {
        pub mod generated;
        pub use self::generated::Gen;
    };
}

// `$crate::` paths in a macro body are references of the module that defines it.
macro_rules! call_a {
    () => {
        $crate::feature_a::a()
    };
}
