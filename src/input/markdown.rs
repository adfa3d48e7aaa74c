//! Markdown reader: a post's source in, the plain-text layout of the `input` module out.
//!
//! pulldown-cmark does the parsing, so emphasis, links and code are recognised the way a
//! CommonMark renderer would show them rather than guessed at with patterns. Its events
//! are replayed into the [`TextBuilder`] the HTML reader uses, and raw HTML blocks are
//! handed to that reader, so a post reads the same whichever format it was saved in.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Converted;
use super::html::{self, TextBuilder};

/// Converts a whole Markdown post.
pub(crate) fn convert(src: &str) -> Converted {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = TextBuilder::default();
    // Depth inside content that is not prose (code blocks, images): its events are skipped.
    let mut skip = 0usize;
    let mut html_block = String::new();
    for event in Parser::new_ext(without_front_matter(src), options) {
        if skip > 0 {
            match event {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) => skip = 1,
                Tag::Heading { level, .. } => out.open_heading(level as u8),
                Tag::Link { dest_url, .. } => out.open_link(dest_url.into_string()),
                Tag::Emphasis | Tag::Strong => out.open_emphasis(),
                Tag::Item => out.open_item(),
                Tag::TableCell => out.open_cell(),
                Tag::DefinitionListTitle | Tag::DefinitionListDefinition => out.line(),
                Tag::Paragraph
                | Tag::TableHead
                | Tag::TableRow
                | Tag::BlockQuote(_)
                | Tag::List(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::Table(_) => out.block(),
                // The block is converted whole at its end, see `append_fragment`.
                Tag::HtmlBlock | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong => {
                    out.close()
                }
                TagEnd::Item => out.close_item(),
                TagEnd::TableCell => out.close_cell(),
                TagEnd::HtmlBlock => {
                    html::append_fragment(&mut out, &html_block);
                    html_block.clear();
                }
                TagEnd::DefinitionListTitle | TagEnd::DefinitionListDefinition => out.line(),
                TagEnd::Paragraph
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::DefinitionList
                | TagEnd::Table => out.block(),
                TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::MetadataBlock(_)
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript => {}
            },
            Event::Text(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                out.text(&text);
            }
            Event::Code(code) => {
                out.open_code();
                out.text(&code);
                out.close();
            }
            Event::Html(html) => html_block.push_str(&html),
            // Other inline tags are dropped; their content arrives as ordinary text.
            Event::InlineHtml(html) if is_br(&html) => out.line_break(),
            Event::InlineHtml(_) | Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
            // A soft break keeps its line: recap's tokenizer decides whether the lines
            // run on as prose or stand apart as "Title — Speaker" over a description.
            Event::SoftBreak => out.line_break(),
            Event::HardBreak => out.line_break(),
            Event::Rule => out.block(),
        }
    }
    out.finish()
}

/// The post without its front matter.
///
/// pulldown-cmark accepts a metadata block at any block start, but in a post body a
/// `---` line, a paragraph and another `---` line are a rule and a setext heading,
/// not metadata. So the metadata options are only used to find where a block at the
/// very start ends, and the rest is parsed without them.
fn without_front_matter(src: &str) -> &str {
    if !(src.starts_with("---") || src.starts_with("+++")) {
        return src;
    }
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut events = Parser::new_ext(src, options).into_offset_iter();
    if !matches!(
        events.next(),
        Some((Event::Start(Tag::MetadataBlock(_)), _))
    ) {
        return src;
    }
    events
        .find_map(|(event, range)| {
            matches!(event, Event::End(TagEnd::MetadataBlock(_))).then_some(range.end)
        })
        .and_then(|end| src.get(end..))
        .unwrap_or(src)
}

/// Whether an inline HTML tag is a `<br>`, the one inline tag that changes the layout.
fn is_br(tag: &str) -> bool {
    let bytes = tag.as_bytes();
    bytes.len() > 3
        && bytes[..3].eq_ignore_ascii_case(b"<br")
        && matches!(bytes[3], b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::html::tests::{Case, assert_well_formed, run};

    const CASES: &[Case] = &[
        Case::new(
            "atx headings",
            "# One\n\n## Two ##\n###### Six\n\ntext",
            "One\n\nTwo\n\nSix\n\ntext",
        )
        .headings(&[("One", 1), ("Two", 2), ("Six", 6)]),
        Case::new(
            "setext headings",
            "Title\n=====\n\nSub  \ntitle\n---\nbody",
            "Title\n\nSub title\n\nbody",
        )
        .headings(&[("Title", 1), ("Sub title", 2)]),
        Case::new(
            "heading attributes dropped",
            "## Day 2 {#day-2 .x}",
            "Day 2",
        )
        .headings(&[("Day 2", 2)]),
        Case::new(
            "heading with markup",
            "# The *GIL* and `asyncio`",
            "The GIL and asyncio",
        )
        .headings(&[("The GIL and asyncio", 1)])
        .code(&["asyncio"])
        .emphasis(&["GIL"]),
        Case::new("paragraph separation", "a\n\n\n\nb\n\n   c", "a\n\nb\n\nc"),
        Case::new(
            "soft break keeps the line",
            "one\ntwo\n  three",
            "one\ntwo\nthree",
        ),
        Case::new(
            "hard breaks",
            "one  \ntwo\\\nthree<br>four <br/> five",
            "one\ntwo\nthree\nfour\nfive",
        ),
        Case::new(
            "emphasis marks dropped, its spans kept",
            "**bold** _em_ ~~gone~~ ***both***",
            "bold em gone both",
        )
        .emphasis(&["bold", "em", "both"]),
        Case::new(
            "bullet list",
            "Talks:\n\n- A\n- B\n\nafter",
            "Talks:\n\n- A\n- B\n\nafter",
        ),
        Case::new("ordered list", "3. first\n4. second", "- first\n- second"),
        Case::new(
            "nested list",
            "- A\n  - A1\n  - A2\n- B\n\n1. x\n   * y",
            "- A\n- A1\n- A2\n- B\n\n- x\n- y",
        ),
        Case::new(
            "loose list",
            "- one\n\n- two\n\n  more",
            "- one\n- two\nmore",
        ),
        Case::new("task list", "- [ ] todo\n- [x] done", "- todo\n- done"),
        Case::new(
            "links",
            "See [the *talk*](https://x.org/t \"T\") by [Bob][b].\n\n[b]: https://bob.example",
            "See the talk by Bob.",
        )
        .links(&[
            ("the talk", "https://x.org/t"),
            ("Bob", "https://bob.example"),
        ])
        .emphasis(&["talk"]),
        Case::new(
            "autolinks",
            "<https://a.example/x> or <me@a.example>, bare https://b.example",
            "https://a.example/x or me@a.example, bare https://b.example",
        )
        .links(&[
            ("https://a.example/x", "https://a.example/x"),
            ("me@a.example", "me@a.example"),
        ]),
        Case::new(
            "inline code",
            "Run `cargo test` and ``a `b` c``",
            "Run cargo test and a `b` c",
        )
        .code(&["cargo test", "a `b` c"]),
        Case::new(
            "code blocks dropped",
            "Before\n\n```rust\nfn main() {}\n```\n\n    indented\n\n~~~\nx\n~~~\nAfter",
            "Before\n\nAfter",
        ),
        Case::new(
            "images dropped",
            "Look ![a *cat*](cat.png) here\n\n[![badge](b.svg)](https://ci.example)",
            "Look here",
        ),
        Case::new(
            "yaml front matter",
            "---\ntitle: \"Recap\"\ntags: [a]\n---\n\n# Post",
            "Post",
        )
        .headings(&[("Post", 1)]),
        Case::new(
            "toml front matter",
            "\u{feff}+++\ntitle = \"Recap\"\n+++\nBody",
            "Body",
        ),
        Case::new(
            "rule and setext heading are not front matter",
            "Intro\n\n---\nDay 2\n---\n\nEnd",
            "Intro\n\nDay 2\n\nEnd",
        )
        .headings(&[("Day 2", 2)]),
        Case::new("unclosed front matter is a rule", "---\n\ntext", "text"),
        Case::new(
            "html block",
            "<div class=\"x\">\n<p>HTML &amp; <b>block</b></p>\n</div>\n\nafter",
            "HTML & block\n\nafter",
        )
        .emphasis(&["block"]),
        Case::new(
            "script and style blocks dropped",
            "<script>\nalert(1)\n</script>\n<style>p {}</style>\n\n<!-- draft -->\ntext <span>inline</span>",
            "text inline",
        ),
        Case::new(
            "entities decoded",
            "Tom &amp; Jerry &ldquo;q&rdquo; it&#8217;s",
            "Tom & Jerry “q” it’s",
        ),
        Case::new(
            "non-ascii",
            "## Łukasz Langa\n\n[José Valim](https://jose.example) said “hi” `ñ`",
            "Łukasz Langa\n\nJosé Valim said “hi” ñ",
        )
        .headings(&[("Łukasz Langa", 2)])
        .links(&[("José Valim", "https://jose.example")])
        .code(&["ñ"]),
        Case::new(
            "table",
            "| Time | Talk |\n|---|---|\n| 10:00 | **Keynote** |\n| | Lunch |",
            "Time | Talk\n\n10:00 | Keynote\n\nLunch",
        )
        .emphasis(&["Keynote"]),
        Case::new("blockquotes", "> a\n> b\n\n> c\n>\n> d", "a\nb\n\nc\n\nd"),
        Case::new("footnotes", "Text[^1].\n\n[^1]: Note.", "Text.\n\nNote."),
        Case::new("rule", "a\n\n***\n\nb", "a\n\nb"),
        Case::new("empty", "", ""),
        Case::new("only whitespace", " \n\t \r\n ", ""),
        Case::new("nul bytes", "a\0b", "a\0b"),
        Case::new(
            "unbalanced markup",
            "**open *em [link](x `code",
            "**open *em [link](x `code",
        ),
    ];

    #[test]
    fn cases() {
        run(CASES, convert);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        const DEPTH: usize = 10_000;
        let inputs = [
            format!("{} quoted", ">".repeat(DEPTH)),
            format!("{}item", "- ".repeat(DEPTH)),
            format!("{}em{}", "*".repeat(DEPTH), "*".repeat(DEPTH)),
            format!("{}x{}(u)", "[".repeat(DEPTH), "]".repeat(DEPTH)),
            format!(
                "<div>\n{}html{}\n</div>",
                "<div>".repeat(DEPTH),
                "</div>".repeat(DEPTH)
            ),
        ];
        for src in &inputs {
            let c = convert(src);
            assert_well_formed(&src[..12], &c);
            assert!(!c.text.is_empty(), "{}", &src[..12]);
        }
    }

    #[test]
    fn br_detection() {
        for (tag, br) in [
            ("<br>", true),
            ("<BR/>", true),
            ("<br \n/>", true),
            ("<brx>", false),
            ("<b>", false),
            ("<é", false),
            ("<br", false),
        ] {
            assert_eq!(is_br(tag), br, "{tag}");
        }
    }
}
