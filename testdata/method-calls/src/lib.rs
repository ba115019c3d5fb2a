//! Method calls, attributed when the receiver's type is known from the syntax: to the module
//! of the impl that defines the method, else to the module defining the type. Calls on
//! receivers of unknown type are counted per module as unattributed.
pub mod shapes;
pub mod square_ops;
pub mod user;
