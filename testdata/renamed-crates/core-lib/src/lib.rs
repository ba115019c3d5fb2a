pub mod model;

/// Exported macro, used from other crates as `corelib::make!`.
#[macro_export]
macro_rules! make {
    ($e:expr) => {
        $crate::model::Thing::new($e)
    };
}
