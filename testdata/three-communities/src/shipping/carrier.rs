pub struct Carrier;

pub fn carrier() -> u32 {
    super::parcel::parcel()
        + super::parcel::parcel()
        + super::parcel::parcel()
        + super::route::route()
        + super::route::route()
        + super::route::route()
        + super::tracking::tracking()
        + super::tracking::tracking()
        + super::tracking::tracking()
}
