//! Helpers the CLI tests share: run the built binary in a scratch folder and read what it
//! printed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The galley binary under test, with colour left to its defaults.
pub fn galley() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_galley"));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// A fresh, empty folder under the system temp dir, unique to this process, the calling
/// test file and `name`: names need only differ within one file.
#[track_caller]
pub fn scratch(name: &str) -> PathBuf {
    let file = Path::new(std::panic::Location::caller().file())
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("tests");
    let dir =
        std::env::temp_dir().join(format!("galley-tests-{}-{file}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Run galley with `args` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    galley().current_dir(dir).args(args).output().unwrap()
}

/// Run `cmd` with `input` on its standard input and collect what it printed. The input is
/// written from a thread of its own, so a large input cannot block against a full output
/// pipe; a failed write is left to the caller's assertions (galley may stop reading early,
/// at a size limit).
pub fn with_stdin(mut cmd: Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
