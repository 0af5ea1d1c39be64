//! `file://` URIs ↔ paths, so that a document finds its `galley.toml` and a configuration
//! error can point at its file.
//!
//! RFC 8089 as editors write it: `file:///home/ana/a%20draft.md`, an empty authority or
//! `localhost`, the path percent-encoded (as UTF-8, or any bytes on Unix), and on Windows a
//! drive letter after the first slash (`file:///c%3A/drafts/a.md`).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// The file a `file:` URI names, or `None` for another scheme (`untitled:`) or a host
/// other than this machine.
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    path_of(uri.as_str())
}

fn path_of(uri: &str) -> Option<PathBuf> {
    let (scheme, rest) = uri.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let path = match rest.strip_prefix("//") {
        Some(after) => {
            let slash = after.find('/').unwrap_or(after.len());
            let host = &after[..slash];
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return None;
            }
            &after[slash..]
        }
        None => rest,
    };
    if !path.starts_with('/') {
        return None;
    }
    let bytes = percent_decode(path)?;
    from_bytes(bytes)
}

#[cfg(unix)]
fn from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    let s = String::from_utf8(bytes).ok()?;
    // "/C:/drafts/a.md" → "C:/drafts/a.md"
    let s = match s.as_bytes() {
        [b'/', d, b':', ..] if d.is_ascii_alphabetic() => s[1..].to_string(),
        _ => s,
    };
    Some(PathBuf::from(s))
}

/// `%XX` escapes decoded; `None` for a broken escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let bytes = path_bytes(path)?;
    let mut s = String::from("file://");
    if bytes.first() != Some(&b'/') {
        s.push('/'); // a Windows drive: file:///C:/...
    }
    for &c in &bytes {
        let keep = c.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&c);
        if keep {
            s.push(c as char);
        } else {
            s.push_str(&format!("%{c:02X}"));
        }
    }
    Uri::from_str(&s).ok()
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Option<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    path.is_absolute()
        .then(|| path.as_os_str().as_bytes().to_vec())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Option<Vec<u8>> {
    if !path.is_absolute() {
        return None;
    }
    Some(path.to_str()?.replace('\\', "/").into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(uri: &str) -> Option<PathBuf> {
        to_path(&Uri::from_str(uri).unwrap())
    }

    #[cfg(unix)]
    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            path("file:///home/ana/a%20draft.md"),
            Some(PathBuf::from("/home/ana/a draft.md"))
        );
        assert_eq!(
            path("file://localhost/srv/Zo%C3%AB.md"),
            Some(PathBuf::from("/srv/Zoë.md"))
        );
        assert_eq!(path("FILE:/tmp/x.md"), Some(PathBuf::from("/tmp/x.md")));
        assert_eq!(path("untitled:Untitled-1"), None);
        assert_eq!(path("file://fileserver/share/a.md"), None);
        assert_eq!(path_of("file:///tmp/bad%2"), None);
    }

    #[cfg(unix)]
    #[test]
    fn paths_become_file_uris_and_back() {
        for p in ["/home/ana/a draft #2.md", "/srv/Zoë’s/50% done?.md"] {
            let uri = from_path(Path::new(p)).unwrap();
            assert!(uri.as_str().starts_with("file:///"), "{}", uri.as_str());
            assert_eq!(to_path(&uri), Some(PathBuf::from(p)));
        }
        assert_eq!(
            from_path(Path::new("/a b/c.md")).unwrap().as_str(),
            "file:///a%20b/c.md"
        );
        assert!(from_path(Path::new("relative.md")).is_none());
    }
}
