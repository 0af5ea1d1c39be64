#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub word: &'static str,
}
pub fn lookup(word: &str) -> Option<Entry> {
    ["travel", "warns", "deal", "approve", "budget", "new"]
        .contains(&word)
        .then_some(Entry { word: "" })
}
