pub struct Route;

pub fn route() -> u32 {
    super::parcel::parcel()
        + super::parcel::parcel()
        + super::parcel::parcel()
        + super::carrier::carrier()
        + super::carrier::carrier()
        + super::carrier::carrier()
        + super::tracking::tracking()
        + super::tracking::tracking()
        + super::tracking::tracking()
}
