use corelib::model::Thing;

fn main() {
    let _ = Thing(1);
}
