use util::Buffer;

pub fn raw(_b: Buffer) -> ::libc::c_int {
    0
}
