use super::*;

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
        "Some   bold   and        and  link                         .\n"
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
