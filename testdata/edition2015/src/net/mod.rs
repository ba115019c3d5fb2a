// Edition 2015: `use util::X` means `crate::util::X`.
use util::Buffer;
use libc::c_int;

pub mod socket;

pub fn open(b: Buffer) -> c_int {
    socket::raw(b)
}
