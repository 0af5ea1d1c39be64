//! Typed errors of the check pipeline and the exit status.
//!
//! An input that cannot be checked gets an [`InputError`]: printed on standard error as
//! `error: PATH: MESSAGE` (or `warning:` for a file skipped on purpose), listed in the JSON
//! report's `errors`, and the other inputs are still checked. Configuration errors are
//! [`crate::settings::ConfigError`]s, rendered with the offending text underlined.

use std::fmt;

/// The exit status of a command: 0 clean, 1 findings at or above `fail-on`, 2 trouble (an
/// input, configuration or usage error), whatever else was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    Ok = 0,
    Findings = 1,
    Trouble = 2,
}

impl ExitStatus {
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The worse of two statuses.
    pub fn worst(self, other: ExitStatus) -> ExitStatus {
        self.max(other)
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(s: ExitStatus) -> Self {
        std::process::ExitCode::from(s.code())
    }
}

/// Why one input could not be checked (or was skipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Over the size limit (`--max-file-size`, `max-file-size`): skipped with a warning.
    TooLarge { size: u64, limit: u64 },
    /// A folder where a file was expected.
    IsFolder,
    /// Reading it failed (the reason in plain English, see [`crate::discover::io_message`]).
    Read(String),
    /// Its bytes are not a text galley can check: binary, or not UTF-8.
    Decode(String),
    /// `--changed-since`: git could not say which lines changed.
    Changed(String),
    /// `--fix`: the fixed text could not be written back.
    WriteFixed(String),
}

impl InputError {
    /// Skipped on purpose: a warning, not an error, and the exit status is not 2.
    pub fn is_skip(&self) -> bool {
        matches!(self, InputError::TooLarge { .. })
    }

    /// An input of `size` bytes against the size limit `limit`.
    pub fn check_size(size: u64, limit: u64) -> Result<(), InputError> {
        if size > limit {
            Err(InputError::TooLarge { size, limit })
        } else {
            Ok(())
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::TooLarge { size, limit } => write!(
                f,
                "skipped: {size} bytes is over the size limit of {limit} bytes (--max-file-size)"
            ),
            InputError::IsFolder => f.write_str("is a folder"),
            InputError::Read(m) | InputError::Decode(m) | InputError::Changed(m) => f.write_str(m),
            InputError::WriteFixed(e) => write!(f, "could not write the fixed file: {e}"),
        }
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_before_and_only_size_is_a_skip() {
        let big = InputError::TooLarge {
            size: 12,
            limit: 10,
        };
        assert_eq!(
            big.to_string(),
            "skipped: 12 bytes is over the size limit of 10 bytes (--max-file-size)"
        );
        assert!(big.is_skip());
        assert_eq!(InputError::IsFolder.to_string(), "is a folder");
        assert!(!InputError::IsFolder.is_skip());
        assert_eq!(
            InputError::WriteFixed("disk full".into()).to_string(),
            "could not write the fixed file: disk full"
        );
        assert_eq!(
            ExitStatus::Findings.worst(ExitStatus::Trouble),
            ExitStatus::Trouble
        );
        assert_eq!(ExitStatus::Ok.worst(ExitStatus::Findings).code(), 1);
    }
}
