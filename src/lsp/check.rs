//! One document checked as `galley check` would check the same text on standard input,
//! with a panic caught and turned into a message instead of ending the server.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::error::InputError;
use crate::registry::RuleSet;

/// What checking a document's text came to.
#[derive(Debug)]
pub enum Outcome {
    /// Checked: the findings, in reading order.
    Findings(Vec<Diagnostic>),
    /// Not checked, for the reason the command line gives: over the size limit (a skip, a
    /// warning there) or binary (an error).
    NotChecked(InputError),
    /// The check panicked: what the panic said.
    Panicked(String),
}

/// Parse and run the rules: `galley check` without its reading and printing. A field of the
/// server, so that its tests can put a check that fails in its place.
pub type Checker = fn(String, &RuleSet) -> Vec<Diagnostic>;

pub fn galley(text: String, set: &RuleSet) -> Vec<Diagnostic> {
    crate::check_with(&Document::parse(text), set)
}

/// Check `text` under `set` with `checker`, refusing what the command line refuses.
pub fn check(text: &str, set: &RuleSet, checker: Checker) -> Outcome {
    let text =
        InputError::check_size(text.len() as u64, set.settings().max_file_size).and_then(|()| {
            crate::discover::decode(text.as_bytes().to_vec()).map_err(InputError::Decode)
        });
    let text = match text {
        Ok(text) => text,
        Err(e) => return Outcome::NotChecked(e),
    };
    if let Ok(mut last) = LAST_PANIC.lock() {
        *last = None;
    }
    match catch_unwind(AssertUnwindSafe(|| checker(text, set))) {
        Ok(diags) => Outcome::Findings(diags),
        Err(payload) => {
            let hooked = LAST_PANIC.lock().ok().and_then(|mut l| l.take());
            let said = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic with no message".to_string());
            Outcome::Panicked(hooked.unwrap_or(said))
        }
    }
}

/// The last panic's message with its place, as the panic hook saw it.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Keep each panic's message and place for the editor's log, and print it on standard
/// error as usual (which editors keep in their language server log).
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(info.to_string().replace('\n', " "));
        }
        default(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn set() -> RuleSet {
        RuleSet::from_settings(&Settings::default())
    }

    #[test]
    fn a_draft_is_checked_as_on_the_command_line() {
        let Outcome::Findings(d) = check("The the vote was close.\n", &set(), galley) else {
            panic!("not checked");
        };
        assert_eq!(d[0].rule, "repeated-word");
        assert_eq!(d[0].range, 0..7);
    }

    #[test]
    fn nul_bytes_and_oversized_text_are_refused_with_the_command_lines_words() {
        match check("a\0b", &set(), galley) {
            Outcome::NotChecked(e) => {
                assert!(!e.is_skip());
                assert_eq!(
                    e.to_string(),
                    "binary file (it contains NUL bytes); not checked"
                );
            }
            o => panic!("{o:?}"),
        }
        let settings = Settings {
            max_file_size: 10,
            ..Settings::default()
        };
        match check("0123456789ab", &RuleSet::from_settings(&settings), galley) {
            Outcome::NotChecked(e) => {
                assert!(e.is_skip());
                assert_eq!(
                    e.to_string(),
                    "skipped: 12 bytes is over the size limit of 10 bytes (--max-file-size)"
                );
            }
            o => panic!("{o:?}"),
        }
    }

    #[test]
    fn a_panic_becomes_a_message() {
        fn broken(_: String, _: &RuleSet) -> Vec<Diagnostic> {
            panic!("rule fell over")
        }
        match check("Text.", &set(), broken) {
            Outcome::Panicked(m) => assert!(m.contains("rule fell over"), "{m}"),
            o => panic!("{o:?}"),
        }
    }
}
