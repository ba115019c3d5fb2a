pub struct Buffer;
