mod types;
pub use self::types::*;
