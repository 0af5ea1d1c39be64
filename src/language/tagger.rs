#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tagged {
    pub finite: bool,
}
pub fn tag(words: &[&str]) -> Vec<Tagged> {
    words.iter().map(|_| Tagged { finite: false }).collect()
}
