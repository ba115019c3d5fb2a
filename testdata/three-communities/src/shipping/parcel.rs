pub struct Parcel;

pub fn parcel() -> u32 {
    super::route::route()
        + super::route::route()
        + super::route::route()
        + super::carrier::carrier()
        + super::carrier::carrier()
        + super::carrier::carrier()
        + super::tracking::tracking()
        + super::tracking::tracking()
        + super::tracking::tracking()
}
