//! Hostile input: each case must finish in bounded time and memory with a clear message or a
//! normal result, never a panic. Inputs are generated in memory and fed on standard input.

use std::process::Output;

use crate::common::{galley, stderr, stdout, with_stdin};

fn check(input: &[u8], extra: &[&str]) -> Output {
    let mut cmd = galley();
    cmd.args([
        "check",
        "--format",
        "short",
        "--stdin-filename",
        "hostile.md",
    ])
    .args(extra)
    .arg("-");
    with_stdin(cmd, input)
}

/// A normal end: 0 (nothing) or 1 (findings), and no panic message.
fn finished_normally(o: &Output) {
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        o.status.code(),
        stderr(o)
    );
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

#[test]
fn a_single_20_mb_line_is_refused_with_a_clear_message() {
    let line = "word ".repeat(4_000_000);
    let o = check(line.as_bytes(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("hostile.md: skipped: 20000000 bytes is over the size limit"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_single_long_line_under_the_limit_is_checked() {
    let mut line = "word ".repeat(400_000);
    line.push_str("the the end\n");
    let o = check(line.as_bytes(), &[]);
    finished_normally(&o);
}

#[test]
fn two_hundred_thousand_nested_block_quotes() {
    let mut s = ">".repeat(200_000);
    s.push_str(" the the deep\n");
    let o = check(s.as_bytes(), &[]);
    finished_normally(&o);
}

#[test]
fn three_thousand_nested_list_levels() {
    let s: String = (0..3000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    let o = check(s.as_bytes(), &["--max-file-size", "20000000"]);
    finished_normally(&o);
}

#[test]
fn a_hundred_thousand_row_table() {
    let mut s = String::from("| a | b |\n|---|---|\n");
    for _ in 0..100_000 {
        s.push_str("| x | y |\n");
    }
    let o = check(s.as_bytes(), &[]);
    finished_normally(&o);
}

#[test]
fn nul_bytes_are_a_clear_error() {
    let o = check(b"# Title\n\nHello\x00 world.\n", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("hostile.md: binary file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn cr_only_line_endings() {
    let o = check(
        b"# Vote on the budget\r\rThe council met. The the vote was close.\r",
        &[],
    );
    finished_normally(&o);
    assert!(
        stdout(&o).contains("error[repeated-word]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn crlf_line_endings_keep_columns_right() {
    let o = check(
        b"# Vote on the budget\r\n\r\nThe council met. The the vote was close.\r\n",
        &[],
    );
    finished_normally(&o);
    assert_eq!(
        stdout(&o),
        "hostile.md:3:18: error[repeated-word] 'the' is written twice\n"
    );
}

#[test]
fn a_byte_order_mark_is_not_text() {
    let o = check(
        "\u{feff}# Vote on the budget\n\nThe the vote was close.\n".as_bytes(),
        &[],
    );
    finished_normally(&o);
    assert_eq!(
        stdout(&o),
        "hostile.md:3:1: error[repeated-word] 'the' is written twice\n"
    );
}
