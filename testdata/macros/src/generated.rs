pub struct Gen;
