use crate::diagnostic::Diagnostic;
use crate::document::LineIndex;

/// `path:line:col: severity[rule] message`, one line per finding.
pub fn short(path: &str, source: &str, lines: &LineIndex, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let (line, col) = lines.position(source, d.range.start);
        out.push_str(&format!(
            "{path}:{line}:{col}: {}[{}] {}\n",
            d.severity.as_str(),
            d.rule,
            d.message
        ));
    }
    out
}
