pub fn ok() {}

pub fn broken( {
    let x = ;
}
