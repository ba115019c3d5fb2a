pub mod helper_impl;
pub use self::helper_impl::helper;
