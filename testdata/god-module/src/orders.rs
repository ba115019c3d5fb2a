use crate::editor::Editor;

pub fn run(e: &mut Editor) -> u32 {
    e.op1()
}

pub fn count(c: &crate::catalog::Catalog) -> u32 {
    c.lookup0()
}
