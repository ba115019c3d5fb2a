use super::Carrier;
use crate::util;

pub struct Label {
    pub carrier: Carrier,
}

impl Label {
    pub fn new(carrier: Carrier) -> Label {
        util::log("new label");
        Label { carrier }
    }
    pub fn cents(&self) -> u64 {
        crate::shipping::rates::rate_for(1000).cents
    }
    pub fn text(&self) -> &'static str {
        match self.carrier {
            Carrier::Post => "post",
            Carrier::Courier => "courier",
        }
    }
}
