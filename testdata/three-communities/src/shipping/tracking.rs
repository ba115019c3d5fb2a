pub struct Tracking;

pub fn tracking() -> u32 {
    super::parcel::parcel()
        + super::parcel::parcel()
        + super::parcel::parcel()
        + super::route::route()
        + super::route::route()
        + super::route::route()
        + super::carrier::carrier()
        + super::carrier::carrier()
        + super::carrier::carrier()
}

