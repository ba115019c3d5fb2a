//! Shipping: parcels, carriers and routes.
pub mod carrier;
pub mod parcel;
pub mod route;
