//! `metric`: a measure of each sentence or block against `max` / `min`:
//! `sentence-words`, `paragraph-words`, `paragraph-sentences`, `flesch-reading-ease`.
//!
//! Words are word and number tokens (clitics such as `'s` not counted). Flesch reading ease
//! is `206.835 - 1.015 * words / sentences - 84.6 * syllables / words`, syllables counted
//! with a spelling heuristic (vowel groups, less a silent final `e` and a silent `-ed`/`-es`),
//! per block or per document (`per`), over texts of at least `min-words` words.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::settings::error::Problem;
use crate::text::tokens::TokenKind;

use super::read;
use super::units::{Unit, is_counted_word};
use super::{Common, KindCx};

pub(super) const KEYS: &[&str] = &["metric", "max", "min", "per", "min-words"];
pub(super) const PLACEHOLDERS: &[&str] = &["value", "max", "min", "limit", "metric"];
pub(super) const MESSAGE: &str = "{metric} is {value} ({limit}).";

/// The metrics, as named in rule files.
pub const METRICS: &[&str] = &[
    "sentence-words",
    "paragraph-words",
    "paragraph-sentences",
    "flesch-reading-ease",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Measure {
    SentenceWords,
    ParagraphWords,
    ParagraphSentences,
    Flesch,
}

pub(crate) struct Metric {
    measure: Measure,
    max: Option<f64>,
    min: Option<f64>,
    per_document: bool,
    min_words: usize,
}

pub(super) fn compile(cx: &mut KindCx) -> Option<Metric> {
    let v = cx.required(
        "metric",
        "a `metric` rule needs a `metric`",
        format!("the metrics are {}", read::list(METRICS)),
    )?;
    let measure = match read::choice(v, "metric", METRICS, &mut cx.problems)? {
        "sentence-words" => Measure::SentenceWords,
        "paragraph-words" => Measure::ParagraphWords,
        "paragraph-sentences" => Measure::ParagraphSentences,
        _ => Measure::Flesch,
    };
    let max = cx
        .fields
        .get("max")
        .and_then(|v| read::number(v, "max", &mut cx.problems));
    let min = cx
        .fields
        .get("min")
        .and_then(|v| read::number(v, "min", &mut cx.problems));
    if cx.fields.get("max").is_none() && cx.fields.get("min").is_none() {
        cx.missing(
            "a `metric` rule needs `max` or `min`".into(),
            "add `max = 40` (at most) or `min = 50` (at least)".into(),
        );
    }
    let flesch_only = |cx: &mut KindCx, key: &str| {
        if measure != Measure::Flesch
            && let Some(v) = cx.fields.get(key)
        {
            cx.problems.push(Problem::new(
                v.span(),
                format!("`{key}` applies to `flesch-reading-ease` only"),
                "not used by this metric",
            ));
        }
    };
    flesch_only(cx, "per");
    flesch_only(cx, "min-words");
    let per_document = match cx.fields.get("per") {
        Some(v) if measure == Measure::Flesch => {
            read::choice(v, "per", &["block", "document"], &mut cx.problems) == Some("document")
        }
        _ => false,
    };
    let min_words = cx
        .fields
        .get("min-words")
        .and_then(|v| read::count(v, "min-words", 1, &mut cx.problems))
        .unwrap_or(30) as usize;
    Some(Metric {
        measure,
        max,
        min,
        per_document,
        min_words,
    })
}

/// Syllables in a word, by a spelling heuristic: at least one.
pub fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let vowel = |i: usize| match w[i] {
        'a' | 'e' | 'i' | 'o' | 'u' => true,
        'y' => i > 0,
        'à' | 'á' | 'â' | 'ä' | 'è' | 'é' | 'ê' | 'ë' | 'ì' | 'í' | 'î' | 'ï' | 'ò' | 'ó' | 'ô'
        | 'ö' | 'ù' | 'ú' | 'û' | 'ü' => true,
        _ => false,
    };
    let mut groups = 0;
    let mut prev = false;
    for i in 0..w.len() {
        let v = vowel(i);
        if v && !prev {
            groups += 1;
        }
        prev = v;
    }
    let n = w.len();
    let ends = |s: &str| {
        let s: Vec<char> = s.chars().collect();
        n >= s.len() && w[n - s.len()..] == s[..]
    };
    let consonant = |i: usize| !vowel(i);
    // Silent final e: "make", "there"; but "table" (consonant + le) keeps its syllable.
    let silent_e = w[n - 1] == 'e' && consonant(n - 2) && !(w[n - 2] == 'l' && consonant(n - 3));
    // Silent -ed and -es: "baked", "makes"; but "wanted", "ended", "boxes", "kisses".
    let silent_ed = ends("ed") && !matches!(w[n - 3], 't' | 'd') && consonant(n - 3);
    let silent_es =
        ends("es") && !matches!(w[n - 3], 's' | 'x' | 'z' | 'c' | 'g' | 'h') && consonant(n - 3);
    if silent_e || silent_ed || silent_es {
        groups -= 1;
    }
    groups.max(1)
}

/// Words, sentences and syllables of a set of sentences.
#[derive(Clone, Copy, Default)]
struct Counts {
    words: usize,
    sentences: usize,
    syllables: usize,
}

fn counts(u: &Unit, sentences: &[(Range<usize>, Range<usize>)]) -> Counts {
    let mut c = Counts::default();
    for (_, toks) in sentences {
        let mut any = false;
        for t in &u.tokens[toks.clone()] {
            if !is_counted_word(t, u.text) {
                continue;
            }
            any = true;
            c.words += 1;
            c.syllables += match t.kind {
                TokenKind::Number => 1,
                _ => syllables(t.text(u.text)),
            };
        }
        c.sentences += usize::from(any);
    }
    c
}

fn flesch(c: Counts) -> f64 {
    206.835
        - 1.015 * c.words as f64 / c.sentences.max(1) as f64
        - 84.6 * c.syllables as f64 / c.words.max(1) as f64
}

fn show(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.1}")
    }
}

impl Metric {
    pub(crate) fn default_message(&self) -> &'static str {
        match self.measure {
            Measure::SentenceWords => "This sentence has {value} words ({limit}).",
            Measure::ParagraphWords => "This paragraph has {value} words ({limit}).",
            Measure::ParagraphSentences => "This paragraph has {value} sentences ({limit}).",
            Measure::Flesch => "Flesch reading ease is {value} ({limit}).",
        }
    }

    fn name(&self) -> &'static str {
        match self.measure {
            Measure::SentenceWords => "sentence length",
            Measure::ParagraphWords => "paragraph length",
            Measure::ParagraphSentences => "paragraph length",
            Measure::Flesch => "Flesch reading ease",
        }
    }

    fn judge(&self, c: &Common, value: f64, span: Range<usize>, out: &mut Vec<Diagnostic>) {
        let limit = match (self.max, self.min) {
            (Some(max), _) if value > max => format!("at most {}", show(max)),
            (_, Some(min)) if value < min => format!("at least {}", show(min)),
            _ => return,
        };
        let value_s = show(value);
        let max_s = self.max.map(show).unwrap_or_default();
        let min_s = self.min.map(show).unwrap_or_default();
        out.push(c.diag(
            span,
            &[
                ("value", &value_s),
                ("max", &max_s),
                ("min", &min_s),
                ("limit", &limit),
                ("metric", self.name()),
            ],
        ));
    }

    pub(super) fn check(
        &self,
        c: &Common,
        _doc: &Document,
        units: &[&Unit],
        out: &mut Vec<Diagnostic>,
    ) {
        let mut total = Counts::default();
        for u in units {
            match self.measure {
                Measure::SentenceWords => {
                    for (range, toks) in &u.sentences {
                        let n = u.word_count(toks.clone());
                        self.judge(c, n as f64, range.clone(), out);
                    }
                }
                Measure::ParagraphWords => {
                    let n = u.word_count(0..u.tokens.len());
                    self.judge(c, n as f64, u.range.clone(), out);
                }
                Measure::ParagraphSentences => {
                    let n = counts(u, &u.sentences).sentences;
                    self.judge(c, n as f64, u.range.clone(), out);
                }
                Measure::Flesch => {
                    let k = counts(u, &u.sentences);
                    if self.per_document {
                        total.words += k.words;
                        total.sentences += k.sentences;
                        total.syllables += k.syllables;
                    } else if k.words >= self.min_words {
                        self.judge(c, flesch(k), u.range.clone(), out);
                    }
                }
            }
        }
        if self.per_document
            && total.words >= self.min_words
            && let Some(first) = units.first()
        {
            self.judge(c, flesch(total), first.range.clone(), out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::syllables;

    #[test]
    fn syllable_heuristic() {
        for (w, n) in [
            ("the", 1),
            ("make", 1),
            ("table", 2),
            ("baked", 1),
            ("wanted", 2),
            ("boxes", 2),
            ("makes", 1),
            ("government", 3),
            ("reading", 2),
            ("beautiful", 3),
            ("committee", 3),
            ("every", 3),
            ("organization", 5),
            ("free", 1),
        ] {
            assert_eq!(syllables(w), n, "{w}");
        }
    }
}
