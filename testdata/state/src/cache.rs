use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

pub static CACHE: OnceLock<Mutex<HashMap<String, u32>>> = OnceLock::new();

lazy_static::lazy_static! {
    static ref TABLE: Vec<u32> = vec![1, 2, 3];
}

static GLOBAL: once_cell::sync::Lazy<u32> = once_cell::sync::Lazy::new(|| 1);

pub fn get(k: &str) -> Option<u32> {
    CACHE.get()?.lock().ok()?.get(k).copied().or(Some(TABLE[0] + *GLOBAL))
}
