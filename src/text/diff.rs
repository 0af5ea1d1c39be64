//! Line diffs: a shortest edit script between two texts' lines (Myers' algorithm) and a
//! unified diff, used by `--diff` and to carry changed lines through fixes.

/// One step of a line diff: indices into the old and new line lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffOp {
    Equal(usize, usize),
    Delete(usize),
    Insert(usize),
}

/// Beyond this many differences the middle of two texts is shown as replaced whole, which
/// keeps memory bounded on unrelated texts (fixes change few lines).
const MAX_EDIT_DISTANCE: usize = 2000;

/// A shortest line diff (Myers' algorithm, after trimming the common head and tail).
pub fn diff_lines<T: PartialEq>(a: &[T], b: &[T]) -> Vec<DiffOp> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut ops: Vec<DiffOp> = (0..head).map(|i| DiffOp::Equal(i, i)).collect();
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    match myers(am, bm) {
        Some(mid) => ops.extend(mid.into_iter().map(|op| match op {
            DiffOp::Equal(i, j) => DiffOp::Equal(i + head, j + head),
            DiffOp::Delete(i) => DiffOp::Delete(i + head),
            DiffOp::Insert(j) => DiffOp::Insert(j + head),
        })),
        None => {
            ops.extend((0..am.len()).map(|i| DiffOp::Delete(i + head)));
            ops.extend((0..bm.len()).map(|j| DiffOp::Insert(j + head)));
        }
    }
    let (ea, eb) = (a.len() - tail, b.len() - tail);
    ops.extend((0..tail).map(|k| DiffOp::Equal(ea + k, eb + k)));
    ops
}

fn myers<T: PartialEq>(a: &[T], b: &[T]) -> Option<Vec<DiffOp>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = n + m;
    if max == 0 {
        return Some(Vec::new());
    }
    let off = max + 1;
    let mut v = vec![0isize; (2 * max + 3) as usize];
    // trace[d] holds v[k] for k in -(d+1)..=(d+1) as it was before step d.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    'outer: for d in 0..=max {
        if d as usize > MAX_EDIT_DISTANCE {
            return None;
        }
        trace.push(v[(off - d - 1) as usize..=(off + d + 1) as usize].to_vec());
        let mut k = -d;
        while k <= d {
            let i = (off + k) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) {
                v[i + 1]
            } else {
                v[i - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[i] = x;
            if x >= n && y >= m {
                found = Some(d);
                break 'outer;
            }
            k += 2;
        }
    }
    let last = found?;
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (0..=last).rev() {
        let row = &trace[d as usize];
        let at = |k: isize| row[(k + d + 1) as usize];
        let k = x - y;
        let prev_k = if k == -d || (k != d && at(k - 1) < at(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = at(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(DiffOp::Equal((x - 1) as usize, (y - 1) as usize));
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            if x == prev_x {
                ops.push(DiffOp::Insert((y - 1) as usize));
            } else {
                ops.push(DiffOp::Delete((x - 1) as usize));
            }
        }
        x = prev_x;
        y = prev_y;
    }
    ops.reverse();
    Some(ops)
}

/// Lines with their terminators, so that a missing final newline counts as a difference.
pub fn split_lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// A unified diff (`--- a/PATH`, `+++ b/PATH`, three lines of context); empty when the texts
/// are equal.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    const CONTEXT: usize = 3;
    if old == new {
        return String::new();
    }
    let (a, b) = (split_lines(old), split_lines(new));
    let ops = diff_lines(&a, &b);
    // Where each op starts in the old and new texts (lines consumed before it).
    let mut pos = Vec::with_capacity(ops.len() + 1);
    let (mut i, mut j) = (0, 0);
    for op in &ops {
        pos.push((i, j));
        match op {
            DiffOp::Equal(..) => {
                i += 1;
                j += 1;
            }
            DiffOp::Delete(_) => i += 1,
            DiffOp::Insert(_) => j += 1,
        }
    }
    pos.push((i, j));

    // Relative paths get git's `a/` and `b/` prefixes (`git apply`, `patch -p1`).
    let path = path.trim_start_matches("./");
    let mut out = if path.starts_with('/') {
        format!("--- {path}\n+++ {path}\n")
    } else {
        format!("--- a/{path}\n+++ b/{path}\n")
    };
    let is_equal = |k: usize| matches!(ops[k], DiffOp::Equal(..));
    let mut k = 0;
    while k < ops.len() {
        let Some(first) = (k..ops.len()).find(|&c| !is_equal(c)) else {
            break;
        };
        let start = first.saturating_sub(CONTEXT).max(k);
        let mut end = first;
        loop {
            while end < ops.len() && !is_equal(end) {
                end += 1;
            }
            let run = (end..ops.len()).take_while(|&c| is_equal(c)).count();
            if end + run == ops.len() || run > 2 * CONTEXT {
                end += run.min(CONTEXT);
                break;
            }
            end += run;
        }
        let (oi, nj) = pos[start];
        let (oe, ne) = pos[end];
        let range = |s: usize, len: usize| match len {
            0 => format!("{s},0"),
            1 => format!("{}", s + 1),
            _ => format!("{},{len}", s + 1),
        };
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(oi, oe - oi),
            range(nj, ne - nj)
        ));
        for op in &ops[start..end] {
            let (mark, line) = match *op {
                DiffOp::Equal(x, _) => (' ', a[x]),
                DiffOp::Delete(x) => ('-', a[x]),
                DiffOp::Insert(y) => ('+', b[y]),
            };
            out.push(mark);
            out.push_str(line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
        k = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_diff(a: &str, b: &str) {
        let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let ops = diff_lines(&x, &y);
        let (mut i, mut j, mut eq) = (0, 0, 0);
        for op in ops {
            match op {
                DiffOp::Equal(p, q) => {
                    assert_eq!((p, q), (i, j));
                    assert_eq!(x[p], y[q]);
                    i += 1;
                    j += 1;
                    eq += 1;
                }
                DiffOp::Delete(p) => {
                    assert_eq!(p, i);
                    i += 1;
                }
                DiffOp::Insert(q) => {
                    assert_eq!(q, j);
                    j += 1;
                }
            }
        }
        assert_eq!((i, j), (x.len(), y.len()));
        // Longest common subsequence by dynamic programming, to check the diff is shortest.
        let mut t = vec![vec![0usize; y.len() + 1]; x.len() + 1];
        for p in (0..x.len()).rev() {
            for q in (0..y.len()).rev() {
                t[p][q] = if x[p] == y[q] {
                    t[p + 1][q + 1] + 1
                } else {
                    t[p + 1][q].max(t[p][q + 1])
                };
            }
        }
        assert_eq!(eq, t[0][0], "{a:?} vs {b:?}");
    }

    #[test]
    fn diff_is_a_shortest_edit_script() {
        for (a, b) in [
            ("", ""),
            ("abc", ""),
            ("", "abc"),
            ("abcabba", "cbabac"),
            ("kitten", "sitting"),
            ("the quick brown", "the quack brown fox"),
            ("aaaa", "aa"),
            ("abcdef", "fedcba"),
            ("xyz", "xyz"),
        ] {
            check_diff(a, b);
            check_diff(b, a);
        }
    }

    #[test]
    fn unified_diff_has_hunks_with_context() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
        let new = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\ntwelve\n";
        let d = unified_diff("./a.md", old, new);
        assert_eq!(
            d,
            "--- a/a.md\n+++ b/a.md\n@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n\
             @@ -9,4 +9,4 @@\n 9\n 10\n 11\n-12\n+twelve\n"
        );
        assert_eq!(unified_diff("a.md", "x\n", "x\n"), "");
        assert_eq!(
            unified_diff("a.md", "x", "y"),
            "--- a/a.md\n+++ b/a.md\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n\
             +y\n\\ No newline at end of file\n"
        );
        assert_eq!(
            unified_diff("a.md", "", "new\n"),
            "--- a/a.md\n+++ b/a.md\n@@ -0,0 +1 @@\n+new\n"
        );
    }
}
