pub fn after() {}
