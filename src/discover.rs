//! Which files to check, and reading them safely.

use std::path::{Component, Path, PathBuf};

/// A path to check, or standard input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

/// Something wrong with a path given on the command line.
#[derive(Debug)]
pub struct DiscoverError {
    pub path: PathBuf,
    pub message: String,
}

fn is_markdown(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown")
    )
}

/// Expand the command line's paths: files as given, folders walked for `*.md` and
/// `*.markdown` (honouring `.gitignore`, skipping hidden entries), `-` for stdin. Files come
/// out in path order, duplicates removed.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<DiscoverError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let walker = ignore::WalkBuilder::new(path)
                    .hidden(true)
                    .git_ignore(true)
                    .git_global(false)
                    .git_exclude(true)
                    .require_git(false)
                    .sort_by_file_path(|a, b| a.cmp(b))
                    .build();
                for entry in walker {
                    match entry {
                        Ok(e) => {
                            if e.file_type().is_some_and(|t| t.is_file()) && is_markdown(e.path()) {
                                inputs.push(Input::File(clean(e.path())));
                            }
                        }
                        Err(err) => errors.push(DiscoverError {
                            path: path.clone(),
                            message: err.to_string(),
                        }),
                    }
                }
            }
            Ok(_) => inputs.push(Input::File(clean(path))),
            Err(err) => errors.push(DiscoverError {
                path: path.clone(),
                message: io_message(&err),
            }),
        }
    }
    let (mut files, stdin): (Vec<Input>, Vec<Input>) = inputs
        .into_iter()
        .partition(|i| matches!(i, Input::File(_)));
    files.sort();
    files.dedup();
    files.extend(stdin.into_iter().take(1));
    (files, errors)
}

/// `./a.md` → `a.md`, for tidy output.
fn clean(path: &Path) -> PathBuf {
    path.strip_prefix(".").unwrap_or(path).to_path_buf()
}

/// A plain-English reason for an I/O error.
pub fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

/// Why a file's bytes cannot be checked as a Markdown draft.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (it contains NUL bytes); not checked".to_string());
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!(
                "not valid UTF-8 (first bad byte at offset {at}, line {line}); \
                 save the file as UTF-8 and check again"
            ))
        }
    }
}

/// An absolute path with `.` and `..` resolved lexically (symbolic links are not followed).
pub fn normalize(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
