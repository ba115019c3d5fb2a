//! engine-fmt: formats what the engine's readers read; the engine shows it as its `fmt`
//! module, a component under its own name.

use engine_io::Writer;

pub fn hex(w: &Writer) -> String {
    w.out.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn len(w: &Writer) -> usize {
    w.out.len()
}
