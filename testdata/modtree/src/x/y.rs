use super::Named;

pub fn describe(n: &dyn Named) -> String {
    n.name().to_string()
}
