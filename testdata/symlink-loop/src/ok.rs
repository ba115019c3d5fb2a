pub fn k() {}
