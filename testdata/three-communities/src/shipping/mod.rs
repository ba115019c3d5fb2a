pub mod parcel;
pub mod route;
pub mod carrier;
pub mod tracking;
