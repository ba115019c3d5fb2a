//! Items of every kind, generics and bounds.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap as Map};
use std::fmt::{self, Display};

pub mod inner;
#[path = "other.rs"]
mod renamed;

pub(crate) const LIMIT: usize = 1 << 10;
static mut COUNTER: u32 = 0;

#[derive(Debug, Clone, Default)]
pub struct Store<K: Ord, V = ()> where V: Clone {
    items: BTreeMap<K, Vec<V>>,
    index: Map<String, (usize, Option<Box<dyn Fn(&K) -> bool + Send>>)>,
}

pub enum Event<'a> { Open { path: &'a str }, Close(u32), Tick = 7 }

pub trait Backend: Send + Sync + 'static {
    type Error: std::error::Error;
    const NAME: &'static str;
    fn load(&self, key: &[u8]) -> Result<Option<Vec<u8>>, Self::Error>;
    fn keys<'a>(&'a self) -> Box<dyn Iterator<Item = &'a [u8]> + 'a> { Box::new(std::iter::empty()) }
}

impl<K: Ord + Clone, V: Clone> Store<K, V> {
    pub fn new() -> Self { Store { items: BTreeMap::new(), index: Map::new() } }
    pub fn insert(&mut self, k: K, v: V) -> &mut Self {
        self.items.entry(k).or_default().push(v);
        self
    }
}

impl Display for Event<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Event::Open { path } if !path.is_empty() => write!(f, "open {path}"),
            Event::Open { .. } => f.write_str("open"),
            Event::Close(n @ 0..=9) | Event::Close(n) => write!(f, "close {n}"),
            Event::Tick => Ok(()),
        }
    }
}

pub union Bits { i: u32, f: f32 }
pub type Handler = fn(&mut Store<String>, u8) -> Option<&'static str>;
extern "C" { fn abs(x: i32) -> i32; }
