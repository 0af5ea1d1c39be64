//! Helpers the CLI test files share: run the built binary in a scratch folder and read what
//! it printed.

// Each test file uses a different subset.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The galley binary under test, with colour left to its defaults.
pub fn galley() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_galley"));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// A fresh, empty folder under the system temp dir, unique to this test binary and `name`.
pub fn scratch(name: &str) -> PathBuf {
    let exe = std::env::current_exe().ok();
    let suite = exe
        .as_ref()
        .and_then(|p| p.file_stem())
        .and_then(|s| s.to_str())
        .unwrap_or("tests");
    let dir = std::env::temp_dir().join(format!("galley-{suite}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Run galley with `args` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    galley().current_dir(dir).args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
