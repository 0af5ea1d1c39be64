use super::*;

fn tags(sentence: &str) -> Vec<(String, &'static str, &'static str, bool)> {
    let words: Vec<&str> = sentence.split(' ').collect();
    words
        .iter()
        .zip(tag(&words))
        .map(|(w, t)| (w.to_string(), t.xpos.as_str(), t.upos.as_str(), t.finite))
        .collect()
}

fn xpos_of(sentence: &str) -> Vec<&'static str> {
    tags(sentence).into_iter().map(|t| t.1).collect()
}

struct Heldout {
    sentences: Vec<Vec<String>>,
    /// Per token: gold (xpos, upos, finite), then Python's (xpos, upos, finite).
    rows: Vec<[String; 6]>,
    /// Per token: the lexicon classes Python's features read.
    classes: Vec<u32>,
}

fn heldout() -> Heldout {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/tagger/heldout.tsv");
    let text = std::fs::read_to_string(path).expect("data/tagger/heldout.tsv");
    let mut sentences = vec![Vec::new()];
    let mut rows = Vec::new();
    let mut classes = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with("# ")) {
        if line.is_empty() {
            sentences.push(Vec::new());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 8, "{line}");
        sentences.last_mut().unwrap().push(cols[0].to_string());
        rows.push(std::array::from_fn(|k| cols[k + 1].to_string()));
        classes.push(u32::from_str_radix(cols[7], 16).expect(line));
    }
    sentences.retain(|s| !s.is_empty());
    Heldout {
        sentences,
        rows,
        classes,
    }
}

fn python_figures() -> (f64, f64, f64) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/tagger/heldout_accuracy.txt"
    );
    let text = std::fs::read_to_string(path).expect("data/tagger/heldout_accuracy.txt");
    let get = |name: &str| -> f64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.trim().parse().ok())
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    let n = get("tokens");
    (
        100.0 * get("xpos_correct") / n,
        100.0 * get("upos_correct") / n,
        100.0 * get("finite_correct") / n,
    )
}

#[test]
fn heldout_accuracy_matches_python() {
    let data = heldout();
    let mut tagger = Tagger::new();
    let mut out = Vec::new();
    let (mut n, mut xpos, mut upos, mut finite) = (0usize, 0usize, 0usize, 0usize);
    for s in &data.sentences {
        let words: Vec<&str> = s.iter().map(String::as_str).collect();
        tagger.tag_into(&words, &mut out);
        for t in &out {
            let gold = &data.rows[n];
            xpos += usize::from(t.xpos.as_str() == gold[0]);
            upos += usize::from(t.upos.as_str() == gold[1]);
            finite += usize::from(t.finite == (gold[2] == "1"));
            n += 1;
        }
    }
    assert_eq!(n, data.rows.len());
    assert!(n > 8_000, "held-out set too small: {n}");
    let pct = |k: usize| 100.0 * k as f64 / n as f64;
    let (px, pu, pf) = python_figures();
    eprintln!(
        "held-out GUM, {n} tokens: XPOS {:.2}% (Python {px:.2}%), UPOS {:.2}% (Python {pu:.2}%), finite {:.2}% (Python {pf:.2}%)",
        pct(xpos),
        pct(upos),
        pct(finite)
    );
    assert!(
        (pct(xpos) - px).abs() < 0.3,
        "XPOS accuracy drifted from Python's"
    );
    assert!(
        (pct(upos) - pu).abs() < 0.3,
        "UPOS accuracy drifted from Python's"
    );
    assert!(
        (pct(finite) - pf).abs() < 0.3,
        "finiteness drifted from Python's"
    );
    assert!(pct(xpos) > 94.0 && pct(upos) > 94.0, "accuracy too low");
}

#[test]
fn agrees_with_python_on_heldout_gum() {
    // Python wrote its own predictions next to the gold tags: the feature functions
    // and the arithmetic are the same, so every token must agree.
    let data = heldout();
    let mut n = 0;
    let mut differ = Vec::new();
    for s in &data.sentences {
        let words: Vec<&str> = s.iter().map(String::as_str).collect();
        for (w, t) in words.iter().zip(tag(&words)) {
            let py = &data.rows[n];
            let finite = if t.finite { "1" } else { "0" };
            if (t.xpos.as_str(), t.upos.as_str(), finite)
                != (py[3].as_str(), py[4].as_str(), py[5].as_str())
            {
                differ.push(format!("{w}: Rust {t:?}, Python {py:?}"));
            }
            n += 1;
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {n} tokens differ: {:?}",
        differ.len(),
        &differ[..differ.len().min(10)]
    );
}

#[test]
fn lexicon_classes_agree_with_python() {
    // The training script reads data/lexicon/ itself: its look-up must give what
    // the embedded lexicon gives.
    let data = heldout();
    let words = data.sentences.iter().flatten();
    let mut differ = Vec::new();
    for (w, &py) in words.zip(&data.classes) {
        let rust = lexicon::classes_folded(w).0;
        if rust != py || lexicon::classes_and_entry(w).0.0 != py {
            differ.push(format!("{w}: Rust {rust:x}, Python {py:x}"));
        }
    }
    assert_eq!(data.classes.len(), data.rows.len());
    assert!(differ.is_empty(), "{differ:?}");
}

#[test]
fn passive_participle() {
    let t = xpos_of("The report was released on Monday .");
    assert_eq!(t, ["DT", "NN", "VBD", "VBN", "IN", "NNP", "."]);
}

#[test]
fn simple_past_is_finite() {
    let t = tags("She reported the news .");
    assert_eq!(t[1].1, "VBD");
    assert!(t[1].3);
    assert_eq!(t[1].2, "VERB");
}

#[test]
fn modal_and_base_form() {
    let t = tags("They will visit .");
    assert_eq!((t[1].1, t[1].2, t[1].3), ("MD", "AUX", true));
    assert_eq!((t[2].1, t[2].2, t[2].3), ("VB", "VERB", false));
}

#[test]
fn auxiliaries_and_copulas() {
    let t = tags("The officials have said that the plan is ready .");
    assert_eq!((t[2].1, t[2].2), ("VBP", "AUX"));
    assert_eq!((t[3].1, t[3].2), ("VBN", "VERB"));
    assert_eq!((t[7].1, t[7].2), ("VBZ", "AUX"));
}

#[test]
fn imperative_is_finite() {
    let t = tags("Take the ferry to the island .");
    assert_eq!((t[0].1, t[0].3), ("VB", true));
    let t = tags("\" Please call us , \" he said .");
    assert_eq!((t[2].0.as_str(), t[2].1, t[2].3), ("call", "VB", true));
    let t = tags("They will visit .");
    assert!(!t[2].3);
}

#[test]
fn curly_apostrophes_read_as_straight() {
    for (straight, curly) in [
        ("The mayor did n't say .", "The mayor did n’t say ."),
        (
            "The council 's vote was close .",
            "The council ’s vote was close .",
        ),
        (
            "They 're leaving and it 's late .",
            "They ’re leaving and it ’s late .",
        ),
        (
            "\" We are ready , \" she said .",
            "“ We are ready , ” she said .",
        ),
    ] {
        assert_eq!(
            tags(straight)
                .iter()
                .map(|t| (t.1, t.2, t.3))
                .collect::<Vec<_>>(),
            tags(curly)
                .iter()
                .map(|t| (t.1, t.2, t.3))
                .collect::<Vec<_>>(),
            "{curly}"
        );
    }
    let t = tags("The council ’s vote was close .");
    assert_eq!(t[1].1, "NN");
    assert_eq!(t[2].1, "POS");
    let t = tags("“ We are ready , ” she said .");
    assert_eq!(t[0].1, "``");
    assert_eq!(t[5].1, "''");
}

#[test]
fn hyphenated_compounds() {
    let t = xpos_of("A well-known author gave a long-awaited speech .");
    assert_eq!(t[1], "VBN");
    assert_eq!(t[2], "NN");
    assert!(matches!(t[5], "JJ" | "VBN"), "{t:?}");
}

#[test]
fn vetoes_are_obeyed() {
    let words = ["They", "will", "visit", "."];
    let t = tag_constrained(&words, &|i, x| i != 2 || x != Xpos::Vb);
    assert_ne!(t[2].xpos, Xpos::Vb);
    // A vetoed tag-dictionary word falls back to the scored classes.
    let t = tag_constrained(&words, &|i, x| i != 0 || x != Xpos::Prp);
    assert_ne!(t[0].xpos, Xpos::Prp);
    // Nothing allowed: the best unconstrained tag.
    let t = tag_constrained(&words, &|i, _| i != 2);
    assert_eq!(t[2].xpos, Xpos::Vb);
}

#[test]
fn odd_input_does_not_panic() {
    assert!(tag(&[]).is_empty());
    let long = "x".repeat(10_000);
    let words = [
        "",
        "\u{2019}",
        "\u{e2}\u{80}",
        "é",
        long.as_str(),
        "``",
        "\u{201c}",
    ];
    assert_eq!(tag(&words).len(), words.len());
    let mut buf = Vec::new();
    normalise("\u{2019}".as_bytes(), &mut buf);
    assert_eq!(buf, b"'");
}

#[test]
fn word_table_does_not_change_tags() {
    // Six words with the same home slot in one sentence: the table keeps four, the
    // others get entries for this sentence only. A long word is never kept.
    let mut same_home = Vec::new();
    let mut k = 0;
    while same_home.len() < 6 {
        let w = format!("report{k}");
        let hash = word_hash(&word_key(w.as_bytes()).unwrap());
        if slot_of(hash).0 == 0 {
            same_home.push(w);
        }
        k += 1;
    }
    let long = "counter-counter-counter-intelligence".to_string();
    let mut words: Vec<&str> = vec!["The", "new"];
    words.extend(same_home.iter().map(String::as_str));
    words.extend(["were", long.as_str(), "filed", "today", "."]);
    let mut fresh = Tagger::new();
    let mut first = Vec::new();
    fresh.tag_into(&words, &mut first);
    // Warm: the same words again, and after other sentences that reuse and evict slots.
    let mut again = Vec::new();
    fresh.tag_into(&words, &mut again);
    assert_eq!(first, again);
    for s in heldout().sentences.iter().take(300) {
        let other: Vec<&str> = s.iter().map(String::as_str).collect();
        fresh.tag_into(&other, &mut again);
    }
    fresh.tag_into(&words, &mut again);
    assert_eq!(first, again);
    // A sentence tagged alone by a new tagger agrees with the warm one.
    for s in heldout().sentences.iter().take(50) {
        let other: Vec<&str> = s.iter().map(String::as_str).collect();
        fresh.tag_into(&other, &mut again);
        assert_eq!(Tagger::new().tag_into_vec(&other), again);
    }
}

#[test]
fn tagging_in_parts_is_exact() {
    // Sentences cut at every point (and twice), with quotation marks on both sides of
    // a cut, imperatives after punctuation, curly quotes, very short sentences.
    let odd = [
        "\u{201c} Please call the office now , \u{201d} she said .",
        "\" Go \" , \" Stop \" and \" Wait \" were painted on the wall .",
        "`` Just do n't '' , he said .",
        ", , Report it .",
        "Leave",
        "Yes .",
        "\u{201c} \u{201d}",
        "The council met on Tuesday to discuss the plan for the harbour .",
    ];
    let gum = heldout();
    let mut sentences: Vec<Vec<&str>> = odd.iter().map(|s| s.split(' ').collect()).collect();
    sentences.extend(
        gum.sentences
            .iter()
            .take(150)
            .map(|s| s.iter().map(String::as_str).collect()),
    );
    for words in &sentences {
        let n = words.len();
        let whole = tag(words);
        for k in 0..=n {
            let mut part = Partial::default();
            tag_more(words, &mut part, k);
            assert_eq!(part.tags, whole[..k], "{words:?} cut at {k}");
            tag_more(words, &mut part, n);
            assert_eq!(part.tags, whole, "{words:?} resumed at {k}");
            for j in (k..=n).step_by(3) {
                let mut part = Partial::default();
                tag_more(words, &mut part, k);
                tag_more(words, &mut part, j);
                tag_more(words, &mut part, n + 5);
                assert_eq!(part.tags, whole, "{words:?} cut at {k} and {j}");
            }
        }
    }
}

impl Tagger {
    fn tag_into_vec(&mut self, words: &[&str]) -> Vec<Tagged> {
        let mut out = Vec::new();
        self.tag_into(words, &mut out);
        out
    }
}

#[test]
fn reentrant_veto_does_not_panic() {
    let words = ["She", "reported", "it", "."];
    let t = tag_constrained(&words, &|_, _| tag(&["Yes", "."]).len() == 2);
    assert_eq!(t.len(), 4);
}

#[test]
fn names_round_trip() {
    for x in Xpos::ALL {
        assert_eq!(Xpos::parse(x.as_str()), Some(x));
    }
    for u in Upos::ALL {
        assert_eq!(Upos::parse(u.as_str()), Some(u));
    }
    assert_eq!(Xpos::parse("NOPE"), None);
}

/// `cargo test --release --lib tagger::tests::throughput -- --ignored --nocapture`
#[test]
#[ignore]
fn throughput() {
    // Words as slices of one text, as the linter's tokens are.
    let data = heldout();
    let text = data
        .sentences
        .iter()
        .map(|s| s.join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    let sentences: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
    let mut tagger = Tagger::new();
    let mut out = Vec::new();
    let mut best = 0f64;
    for _ in 0..5 {
        let mut tokens = 0usize;
        let start = std::time::Instant::now();
        for _ in 0..10 {
            for s in &sentences {
                tagger.tag_into(s, &mut out);
                tokens += out.len();
            }
        }
        best = best.max(tokens as f64 / start.elapsed().as_secs_f64());
    }
    eprintln!("tagger throughput, best of 5 runs: {best:.0} tokens/s");
}
