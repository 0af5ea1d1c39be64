//! `galley credits` and `galley --version --verbose`: the data embedded in the binary, its
//! licences and the attributions they ask for. The text lives in `data/CREDITS.md`, beside
//! the data, so that the source tree and the binary say the same.

/// Each embedded data set: what galley takes from it, what for, its licence and its credit.
pub const CREDITS: &str = include_str!("../data/CREDITS.md");

/// The full licence notices that the credits refer to (`galley credits --full`).
pub const NOTICES: [(&str, &str); 3] = [
    (
        "data/lexicon/LICENCES.md",
        include_str!("../data/lexicon/LICENCES.md"),
    ),
    (
        "rules/spelling/LICENSE-SCOWL.txt",
        include_str!("../rules/spelling/LICENSE-SCOWL.txt"),
    ),
    (
        "data/tagger/gum/LICENSE.txt",
        include_str!("../data/tagger/gum/LICENSE.txt"),
    ),
];

/// The credits, then with `full` every notice in full, each under its file name.
pub fn text(full: bool) -> String {
    let mut out = String::from(CREDITS);
    if full {
        for (path, notice) in NOTICES {
            let rule = "=".repeat(path.len() + 4);
            out.push_str(&format!("\n{rule}\n= {path} =\n{rule}\n\n{notice}"));
            if !notice.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

/// `galley --version --verbose`: the version line, the licence, then the credits.
pub fn long_version() -> String {
    format!(
        "galley {}\nLicence: MIT OR Apache-2.0\n\n{}",
        env!("CARGO_PKG_VERSION"),
        text(false)
    )
}
