use base::model::Thing;

pub fn show(t: &Thing) -> String {
    serde_json::to_string(&t.0).unwrap_or_default()
}
