//! `galley init`: a commented starter `galley.toml`.

use std::path::{Path, PathBuf};

use super::file::CONFIG_FILE_NAME;

/// The starter configuration. Every setting is shown, most commented out at its default.
pub const TEMPLATE: &str = r#"# galley.toml: settings for galley, the editorial linter for Markdown drafts.
# galley uses the nearest galley.toml above each file it checks. Paths and globs here are
# relative to this file's folder. See docs/configuration.md for every key.

# Spelling dialect: en-US, en-GB, en-CA or en-AU. Decides which variant is preferred
# when a draft mixes spellings.
# dialect = "en-US"

# How strictly sentences are read: news (every sentence whole), blog (short verbless
# sentences may be deliberate) or auto (blog for drafts with code or written in the
# first person, else news).
# style = "auto"

# Lowest severity that makes `galley check` exit with status 1: error, warning or info.
fail-on = "error"

# Words and names galley should accept as written.
vocabulary = []

# Word lists, one word a line (# starts a comment), relative to this file.
# vocabulary-files = ["styles/names.txt"]

# Files and folders not to check when galley walks a folder (.gitignore-style globs).
# exclude = ["archive/**", "drafts/scratch/"]

# Files larger than this are skipped: a number of bytes or a size such as "10 MiB".
# max-file-size = "10 MiB"

# Extra rule-pack folders, relative to this file.
# packs = ["rules/house"]

# Rule levels: error, warning, info or off. `galley rules` lists every rule.
[rules]
# repeated-word = "error"
# boilerplate = "off"

# Different levels for some files. Later entries win.
# [[overrides]]
# files = ["content/opinion/**"]
# rules = { repeated-headline = "off" }
"#;

/// Write the starter file into `dir`. Refuses to replace an existing one unless `force`.
pub fn write(dir: &Path, force: bool) -> Result<PathBuf, String> {
    let path = dir.join(CONFIG_FILE_NAME);
    if path.exists() && !force {
        return Err(format!(
            "{} already exists; use --force to replace it",
            path.display()
        ));
    }
    std::fs::write(&path, TEMPLATE)
        .map_err(|e| format!("{}: {}", path.display(), crate::discover::io_message(&e)))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    #[test]
    fn template_is_valid() {
        let raw = super::super::file::parse(super::TEMPLATE);
        assert!(raw.is_ok(), "{raw:?}");
    }
}
