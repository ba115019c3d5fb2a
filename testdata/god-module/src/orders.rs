use crate::editor::Editor;

pub fn run(e: &mut Editor) -> u32 {
    e.op1()
}
