pub fn sys() {}
