//! Letter case carried from one word to another.

/// Keep a word's case in its replacement: "The" → "A", "THE" → "A"... for "a"; "the" keeps
/// the replacement as written. All capitals (two or more cased letters, none lower case) give
/// all capitals; a capital first letter gives a capital first letter; anything else (lower
/// case, or mixed such as "iPhone") leaves the replacement as it is.
pub fn match_case(original: &str, replacement: &str) -> String {
    let cased: Vec<char> = original
        .chars()
        .filter(|c| c.is_uppercase() || c.is_lowercase())
        .collect();
    if cased.len() >= 2 && cased.iter().all(|c| c.is_uppercase()) {
        return replacement.to_uppercase();
    }
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    replacement.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_case_follows_the_original() {
        assert_eq!(match_case("The", "a"), "A");
        assert_eq!(match_case("THE", "a"), "A");
        assert_eq!(match_case("THE", "an"), "AN");
        assert_eq!(match_case("the", "a"), "a");
        assert_eq!(match_case("the", "Pyrex"), "Pyrex");
        assert_eq!(match_case("In order to", "to"), "To");
        assert_eq!(match_case("iPhone", "phone"), "phone");
        assert_eq!(match_case("Über", "äh"), "Äh");
        assert_eq!(match_case("", "x"), "x");
        assert_eq!(match_case("A", "the"), "The");
    }
}
