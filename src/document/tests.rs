use super::*;
use crate::text::tokens::TokenKind;

fn kinds(doc: &Document) -> Vec<(BlockKind, &str)> {
    doc.blocks
        .iter()
        .map(|b| (b.kind, &doc.source[b.range.clone()]))
        .collect()
}

#[test]
fn blocks_have_exact_ranges() {
    let src = "# Title here\n\nA *short* paragraph with `code` and [a link](http://x.y).\n\n- one\n- two\n\n> quoted text\n";
    let doc = Document::parse(src);
    let k = kinds(&doc);
    assert_eq!(k[0], (BlockKind::Heading(1), "Title here"));
    assert_eq!(
        k[1],
        (
            BlockKind::Paragraph,
            "A *short* paragraph with `code` and [a link](http://x.y)."
        )
    );
    assert_eq!(k[2], (BlockKind::ListItem, "one"));
    assert_eq!(k[3], (BlockKind::ListItem, "two"));
    assert_eq!(k[4].1, "quoted text");
    assert_eq!(doc.blocks[4].quote_depth, 1);
}

#[test]
fn prose_view_blanks_markup_and_code_but_keeps_offsets() {
    let src = "Some **bold** and `code` and [link](http://example.com/a.b).\n";
    let doc = Document::parse(src);
    assert_eq!(doc.prose.len(), src.len());
    assert_eq!(
        doc.prose,
        "Some   bold   and \u{1a}\u{1a}\u{1a}\u{1a}\u{1a}\u{1a} and  link                         .\n"
    );
}

#[test]
fn code_blocks_and_html_are_not_prose() {
    let src = "Text.\n\n```\nthe the code\n```\n\n<div>the the</div>\n\n<!-- galley-disable -->\n";
    let doc = Document::parse(src);
    assert_eq!(doc.blocks.len(), 1);
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(&doc.source[doc.comments[0].body.clone()], "galley-disable");
}

#[test]
fn front_matter_title_is_the_headline_and_not_prose() {
    let src =
        "---\ntitle: \"Storm Cuts Power to Thousands\"\nauthor: A. Writer\n---\n\nBody text.\n";
    let doc = Document::parse(src);
    assert_eq!(doc.title_text(), Some("Storm Cuts Power to Thousands"));
    assert_eq!(doc.blocks.len(), 1);
    assert!(!doc.prose.contains("Storm"));
    let fm = doc.front_matter.as_ref().unwrap();
    assert_eq!(fm.get(&doc.source, "author"), Some("A. Writer"));
}

#[test]
fn toml_front_matter() {
    let src = "+++\ntitle = 'Bridge Reopens After Repairs'\n+++\n\nBody.\n";
    let doc = Document::parse(src);
    assert_eq!(doc.title_text(), Some("Bridge Reopens After Repairs"));
}

#[test]
fn first_heading_then_first_line_is_the_headline() {
    let doc = Document::parse("Intro.\n\n# The Real Title\n\nText.\n");
    assert_eq!(doc.title_text(), Some("The Real Title"));
    let doc = Document::parse("Bridge Reopens After Repairs\n\nThe bridge reopened on Monday.\n");
    assert_eq!(doc.title_text(), Some("Bridge Reopens After Repairs"));
    let doc = Document::parse("The bridge reopened.\n\nIt was fine.\n");
    assert_eq!(doc.title_text(), None);
}

#[test]
fn alt_text_and_table_cells() {
    let src = "![A crowd at the rally](pic.jpg)\n\n| Name | Votes |\n|---|---|\n| Ann | 12 |\n";
    let doc = Document::parse(src);
    let k = kinds(&doc);
    assert_eq!(k[0], (BlockKind::AltText, "A crowd at the rally"));
    assert!(k.contains(&(BlockKind::TableCell, "Votes")));
}

#[test]
fn positions_count_chars() {
    let doc = Document::parse("“Quoted” word\nnext\n");
    let i = doc.source.find("word").unwrap();
    assert_eq!(doc.lines.position(&doc.source, i), (1, 10));
    let j = doc.source.find("next").unwrap();
    assert_eq!(doc.lines.position(&doc.source, j), (2, 1));
}

#[test]
fn a_comment_may_span_lines() {
    let doc = Document::parse("<!--\ngalley-disable-file\n-->\n\nText.\n");
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(
        &doc.source[doc.comments[0].body.clone()],
        "galley-disable-file"
    );
}

#[test]
fn front_matter_shapes_content_repositories_use() {
    // TOML multi-line literal string, and text right after the closing fence.
    let src = "+++\ntitle = '''\nShipping the Release Train\n'''\ndate = 2024-01-01\n+++\nThe train leaves every six weeks.\n";
    let doc = Document::parse(src);
    assert_eq!(doc.title_text(), Some("Shipping the Release Train"));
    assert_eq!(
        kinds(&doc),
        vec![(BlockKind::Paragraph, "The train leaves every six weeks.")]
    );
    // YAML: comments, a folded block scalar, a quoted value with a comment after it.
    let src = "---\n# draft settings\ntitle: >-\n  Ferry Service Returns\n  to the Island\nauthor: \"Ana Ruiz\" # staff\ntags:\n  - ferry\n---\n\nBody.\n";
    let doc = Document::parse(src);
    assert_eq!(
        doc.title_text(),
        Some("Ferry Service Returns\n  to the Island")
    );
    let fm = doc.front_matter.as_ref().unwrap();
    assert_eq!(fm.get(&doc.source, "author"), Some("Ana Ruiz"));
    assert_eq!(kinds(&doc), vec![(BlockKind::Paragraph, "Body.")]);
    // YAML closed by `...`, and no front matter without a closing fence.
    let doc = Document::parse("---\ntitle: 'It''s Here'\n...\nText.\n");
    assert_eq!(doc.title_text(), Some("It''s Here"));
    let doc = Document::parse("---\nNot front matter.\n");
    assert!(doc.front_matter.is_none());
}

#[test]
fn template_spans_are_not_prose() {
    let src = "{{< figure src=\"a.png\" caption=\"The \"big\" day\" >}}\n\nWe met {{< ref \"post.md\" >}} last week.\n\n{% note() %}\nA note.\n{% end %}\n";
    let doc = Document::parse(src);
    // The shortcode standing alone is no block; the one inside a sentence is one word.
    assert_eq!(
        kinds(&doc),
        vec![
            (
                BlockKind::Paragraph,
                "We met {{< ref \"post.md\" >}} last week."
            ),
            (BlockKind::Paragraph, "A note."),
        ]
    );
    assert!(!doc.prose.contains('"'));
    let words: Vec<_> = doc.analysis.tokens[doc.analysis.sentences[0].tokens.clone()]
        .iter()
        .map(|t| (t.kind, &doc.source[t.start..t.end]))
        .collect();
    assert_eq!(words[2], (TokenKind::Code, "{{< ref \"post.md\" >}}"));
    assert!(
        doc.markup
            .iter()
            .filter(|m| m.kind == MarkupKind::Template)
            .count()
            == 4
    );
}

#[test]
fn inline_code_stands_for_a_word() {
    let src = "`cargo audit` now checks every crate.\n";
    let doc = Document::parse(src);
    assert_eq!(kinds(&doc), vec![(BlockKind::Paragraph, src.trim_end())]);
    let t = doc.analysis.tokens[0];
    assert_eq!((t.kind, t.start, t.end), (TokenKind::Code, 0, 13));
}

#[test]
fn character_references_read_as_their_characters() {
    let src = "He called it &#8220;done&#8221; &amp; moved on.\n";
    let doc = Document::parse(src);
    assert_eq!(doc.prose.len(), src.len());
    assert_eq!(doc.prose, "He called it “    done”     &     moved on.\n");
}

#[test]
fn bold_run_in_headings_are_headings() {
    let src = "**Going further.** Most tools stop early.\n\n**Why it matters**\n\n**Rust 1.50** is out today.\n";
    let doc = Document::parse(src);
    assert_eq!(
        kinds(&doc),
        vec![
            (BlockKind::RunIn, "Going further."),
            (BlockKind::Paragraph, "Most tools stop early."),
            (BlockKind::RunIn, "Why it matters"),
            (BlockKind::Paragraph, "Rust 1.50** is out today."),
        ]
    );
}

#[test]
fn paragraphs_that_continue_a_sentence_across_a_block() {
    let src = "Add this to your manifest:\n\n```toml\nedition = \"2024\"\n```\n\nto opt in.\n\nThen build it.\n\nA list:\n\n- one\n\nWhich is all.\n\nIt ends here.\n\n```\ncode\n```\n\nThe next one.\n\nSee the note[^1].\n\n[^1]: Which was written later.\n";
    let doc = Document::parse(src);
    let cont: Vec<_> = doc
        .blocks
        .iter()
        .filter(|b| b.continues)
        .map(|b| &doc.source[b.range.clone()])
        .collect();
    assert_eq!(
        cont,
        vec!["to opt in.", "Which is all.", "Which was written later."]
    );
}

#[test]
fn html_containers_are_a_context_of_their_own() {
    let src = "Above.\n\n<details>\n<summary>Recap</summary>\n\nInside the recap.\n\n</details>\n\nBelow.\n";
    let doc = Document::parse(src);
    let b: Vec<_> = doc
        .blocks
        .iter()
        .map(|b| (&doc.source[b.range.clone()], b.in_details, b.container))
        .collect();
    assert_eq!(
        b,
        vec![
            ("Above.", false, None),
            ("Inside the recap.", true, Some("details")),
            ("Below.", false, None),
        ]
    );
}
