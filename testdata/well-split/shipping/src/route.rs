use crate::carrier::{self, Carrier};
use crate::parcel::{self, Parcel};

pub struct Route {
    pub stops: Vec<String>,
    pub parcels: Vec<Parcel>,
}

impl Route {
    pub fn new(stops: &[&str]) -> Route {
        Route {
            stops: stops.iter().map(|s| s.to_string()).collect(),
            parcels: Vec::new(),
        }
    }

    pub fn cost(&self) -> u64 {
        self.parcels.iter().map(parcel::cost).sum()
    }

    pub fn by(&self, c: &Carrier) -> usize {
        let wanted = carrier::rate(c);
        self.parcels
            .iter()
            .filter(|p| carrier::rate(&p.carrier) == wanted)
            .count()
    }
}
