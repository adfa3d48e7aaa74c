//! HTML reader: a saved blog page in, the plain-text layout of the `input` module out.
//!
//! Parsing goes through html5ever (via scraper) so the tree is the one a browser would
//! build from the same bytes, however broken the markup, and entities arrive decoded.
//! Saved pages can nest arbitrarily deep, so the tree is walked by following sibling and
//! parent links instead of recursing: a stack overflow would abort the whole run.
//!
//! [`TextBuilder`] lives here too: the Markdown reader writes through it (and hands its raw
//! HTML blocks to [`append_fragment`]) so that both formats come out laid out identically.

use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use super::{Converted, Heading, Link};
use crate::span::Span;
use crate::tokenize::single_spaced;

/// A separator owed before the next piece of text.
///
/// Separators are only written once text follows them, which is what keeps the output
/// free of leading, trailing and doubled blank lines however the markup nests. When
/// several are owed, the strongest wins (hence the order of the variants).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    #[default]
    None,
    Space,
    /// Between two cells of a table row.
    Cell,
    Line,
    /// A blank line, between blocks.
    Para,
}

/// What an open span will be recorded as once it closes.
#[derive(Debug)]
enum MarkKind {
    /// `None` for a heading nested where a line of its own is impossible (inside another
    /// heading or a table cell): its text is kept but it is not reported as a heading.
    Heading(Option<u8>),
    Link(String),
    Code,
    Emphasis,
}

#[derive(Debug)]
struct Mark {
    kind: MarkKind,
    /// Where the first text inside the mark was written; unknown until then because the
    /// separator owed before that text is not decided yet when the mark opens.
    start: Option<usize>,
}

/// Builds the plain-text layout shared by the markup readers.
///
/// Callers describe structure (blocks, list items, cells, breaks) and text as they meet
/// it; the builder decides which separators actually end up in the text so that every
/// reader honours the same layout rules.
#[derive(Debug, Default)]
pub(super) struct TextBuilder {
    out: Converted,
    gap: Gap,
    /// A list item has opened and its `- ` is still to be written.
    item_prefix: bool,
    /// Line breaks in a row since the last text: two `<br>`s are how many pages mark a
    /// paragraph, so the second one turns the break into a blank line.
    breaks: u8,
    /// Inside a heading or a table cell, which must stay on one line.
    inline_depth: usize,
    /// Inside a list item, where blocks are separated by a single newline so the item
    /// lines of a list are not torn apart by blank lines.
    item_depth: usize,
    marks: Vec<Mark>,
    /// `marks[..started]` have a start, the rest do not: lets [`Self::write`] start
    /// pending marks without rescanning deeply nested ones every time.
    started: usize,
}

impl TextBuilder {
    /// A block boundary: what follows starts after a blank line.
    pub(super) fn block(&mut self) {
        self.request(Gap::Para);
    }

    /// A boundary that only needs a new line, such as a table row.
    pub(super) fn line(&mut self) {
        self.request(Gap::Line);
    }

    /// Whitespace between words, such as a Markdown soft break.
    pub(super) fn space(&mut self) {
        self.request(Gap::Space);
    }

    /// A hard line break (`<br>`, a Markdown hard break).
    pub(super) fn line_break(&mut self) {
        self.breaks = self.breaks.saturating_add(1);
        self.request(if self.breaks > 1 {
            Gap::Para
        } else {
            Gap::Line
        });
    }

    pub(super) fn open_item(&mut self) {
        self.request(Gap::Line);
        self.item_depth += 1;
        // A `- ` in the middle of a table row or heading would read as a dash, not an item.
        self.item_prefix = self.inline_depth == 0;
    }

    pub(super) fn close_item(&mut self) {
        self.item_depth = self.item_depth.saturating_sub(1);
        // An item without text must not hand its `- ` to whatever comes next.
        self.item_prefix = false;
        self.request(Gap::Line);
    }

    pub(super) fn open_cell(&mut self) {
        self.request(Gap::Cell);
        self.inline_depth += 1;
    }

    pub(super) fn close_cell(&mut self) {
        self.inline_depth = self.inline_depth.saturating_sub(1);
    }

    /// Opens a heading; closed by [`Self::close`].
    pub(super) fn open_heading(&mut self, level: u8) {
        let level = (self.inline_depth == 0).then_some(level);
        self.request(Gap::Para);
        // A heading must start its line, even as the first thing in a list item.
        if level.is_some() {
            self.item_prefix = false;
        }
        self.inline_depth += 1;
        self.open(MarkKind::Heading(level));
    }

    /// Opens a link to `target`; closed by [`Self::close`].
    pub(super) fn open_link(&mut self, target: String) {
        self.open(MarkKind::Link(target));
    }

    /// Opens inline code; closed by [`Self::close`].
    pub(super) fn open_code(&mut self) {
        self.open(MarkKind::Code);
    }

    /// Opens emphasis (`*x*`, `<em>`, `<cite>`); closed by [`Self::close`].
    pub(super) fn open_emphasis(&mut self) {
        self.open(MarkKind::Emphasis);
    }

    fn open(&mut self, kind: MarkKind) {
        self.marks.push(Mark { kind, start: None });
    }

    /// Closes the innermost open heading, link or code span and records it, unless no
    /// visible text ended up inside (an image-only link, an empty heading).
    pub(super) fn close(&mut self) {
        let Some(mark) = self.marks.pop() else {
            return;
        };
        self.started = self.started.min(self.marks.len());
        let span = mark.start.and_then(|start| self.trimmed(start));
        match mark.kind {
            MarkKind::Heading(level) => {
                self.inline_depth = self.inline_depth.saturating_sub(1);
                if let (Some(level), Some(span)) = (level, span) {
                    self.out.headings.push(Heading { span, level });
                }
                self.request(Gap::Para);
            }
            MarkKind::Link(target) => {
                if let Some(span) = span {
                    self.out.links.push(Link { span, target });
                }
            }
            MarkKind::Code => self.out.code_spans.extend(span),
            MarkKind::Emphasis => self.out.emphasis.extend(span),
        }
    }

    /// Adds text the way a browser renders it: runs of whitespace become one space, and
    /// whitespace at a block boundary disappears.
    ///
    /// Unlike a browser, this also collapses no-break and other Unicode spaces: pages use
    /// `&nbsp;` for spacing (`Day&nbsp;1`, `<p>&nbsp;</p>` as a spacer), not meaning,
    /// and later stages should see plain spaces and no whitespace-only lines.
    ///
    /// The words are written in one piece: a word written after a space owes that space
    /// and nothing else, so this is writing them one by one, without the work per word.
    pub(super) fn text(&mut self, s: &str) {
        if s.starts_with(char::is_whitespace) {
            self.space();
        }
        let words = single_spaced(s.trim());
        if !words.is_empty() {
            self.write(&words);
        }
        if s.ends_with(char::is_whitespace) {
            self.space();
        }
    }

    /// The finished text; nested marks close inner-first, so links, code spans and
    /// emphasis are put back in text order here.
    pub(super) fn finish(mut self) -> Converted {
        self.out.links.sort_by_key(|link| link.span.start);
        for spans in [&mut self.out.code_spans, &mut self.out.emphasis] {
            spans.sort_unstable();
            spans.dedup();
        }
        self.out
    }

    fn request(&mut self, gap: Gap) {
        let gap = match gap {
            Gap::Line | Gap::Para if self.inline_depth > 0 => Gap::Space,
            Gap::Para if self.item_depth > 0 => Gap::Line,
            gap => gap,
        };
        self.gap = self.gap.max(gap);
    }

    /// Writes a non-empty word, preceded by whatever separator and item prefix are owed.
    fn write(&mut self, word: &str) {
        let text = &mut self.out.text;
        if !text.is_empty() {
            text.push_str(match self.gap {
                Gap::None => "",
                Gap::Space => " ",
                Gap::Cell => " | ",
                Gap::Line => "\n",
                Gap::Para => "\n\n",
            });
        }
        if self.item_prefix {
            text.push_str("- ");
        }
        let at = text.len();
        for mark in &mut self.marks[self.started..] {
            mark.start = Some(at);
        }
        text.push_str(word);
        self.started = self.marks.len();
        self.gap = Gap::None;
        self.item_prefix = false;
        self.breaks = 0;
    }

    /// The text written since `start`, without surrounding whitespace; `None` if blank.
    fn trimmed(&self, start: usize) -> Option<Span> {
        let inside = self.out.text.get(start..)?;
        let end = start + inside.trim_end().len();
        let start = start + (inside.len() - inside.trim_start().len());
        (start < end).then(|| Span::new(start, end))
    }
}

/// Converts a whole HTML page.
///
/// If the page has a `<title>` but no `<h1>` with text, the title becomes a level-1
/// heading at the top: it is then the only place where the post names itself. A page
/// that has an `<h1>` keeps it as its heading and the title (usually the same words
/// plus the blog's name) is dropped.
pub(crate) fn convert(src: &str) -> Converted {
    let doc = Html::parse_document(src);
    let mut out = TextBuilder::default();
    let title = walk(&doc, &mut out);
    let mut converted = out.finish();
    if let Some(title) = title {
        if !converted.headings.iter().any(|h| h.level == 1) {
            prepend_title(&mut converted, &title);
        }
    }
    converted
}

/// Adds an HTML fragment (a raw HTML block of a Markdown post) as a block of its own.
pub(super) fn append_fragment(out: &mut TextBuilder, src: &str) {
    let doc = Html::parse_fragment(src);
    out.block();
    walk(&doc, out);
    out.block();
}

/// Puts `title` in front of the text as a level-1 heading, moving every span after it.
fn prepend_title(converted: &mut Converted, title: &str) {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return;
    }
    let heading = Heading {
        span: Span::new(0, title.len()),
        level: 1,
    };
    if converted.text.is_empty() {
        // Nothing else was written, so there is no span to move either.
        converted.text = title;
    } else {
        let shift = title.len() + 2;
        converted.text = format!("{title}\n\n{}", converted.text);
        let moved = |span: Span| Span::new(span.start + shift, span.end + shift);
        for heading in &mut converted.headings {
            heading.span = moved(heading.span);
        }
        for link in &mut converted.links {
            link.span = moved(link.span);
        }
        for span in converted
            .code_spans
            .iter_mut()
            .chain(converted.emphasis.iter_mut())
        {
            *span = moved(*span);
        }
    }
    converted.headings.insert(0, heading);
}

/// What an element means for the layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Not prose (scripts, code blocks, embedded media, navigation): skipped with
    /// everything inside.
    Drop,
    /// The document title: kept aside, see [`convert`].
    Title,
    /// No effect of its own: `span`, unknown elements and the like.
    Inline,
    Block,
    Line,
    Heading(u8),
    Item,
    Cell,
    Break,
    Link,
    Code,
    /// `em`, `strong`, `i`, `b` and `cite`: where a post may set a talk's title apart.
    Emphasis,
}

fn role(element: &Element) -> Role {
    if element.attr("hidden").is_some() {
        return Role::Drop;
    }
    match element.name() {
        "script" | "style" | "noscript" | "template" | "svg" | "math" | "iframe" | "object"
        | "embed" | "canvas" | "video" | "audio" | "picture" | "map" | "pre" | "listing"
        | "xmp" | "plaintext" | "textarea" | "select" | "datalist" | "figcaption" | "nav"
        | "frameset" | "noframes" | "noembed" => Role::Drop,
        "title" => Role::Title,
        "h1" => Role::Heading(1),
        "h2" => Role::Heading(2),
        "h3" => Role::Heading(3),
        "h4" => Role::Heading(4),
        "h5" => Role::Heading(5),
        "h6" => Role::Heading(6),
        "li" => Role::Item,
        "td" | "th" => Role::Cell,
        "dt" | "dd" => Role::Line,
        "br" => Role::Break,
        "a" if element.attr("href").is_some() => Role::Link,
        "code" => Role::Code,
        "em" | "strong" | "i" | "b" | "cite" => Role::Emphasis,
        "html" | "body" | "p" | "div" | "tr" | "section" | "article" | "header" | "footer"
        | "main" | "aside" | "blockquote" | "ul" | "ol" | "menu" | "dir" | "dl" | "table"
        | "caption" | "hr" | "figure" | "address" | "details" | "summary" | "fieldset"
        | "legend" | "form" | "center" | "hgroup" | "dialog" | "search" => Role::Block,
        _ => Role::Inline,
    }
}

/// Walks the whole tree in document order, without recursion, and returns the text of
/// the first `<title>`.
fn walk(doc: &Html, out: &mut TextBuilder) -> Option<String> {
    let root = doc.tree.root();
    let mut title = None;
    let mut node = root;
    loop {
        let descend = match node.value() {
            Node::Text(text) => {
                out.text(text);
                false
            }
            Node::Element(element) => match role(element) {
                Role::Drop => false,
                Role::Title => {
                    if title.is_none() {
                        title = ElementRef::wrap(node).map(|e| e.text().collect::<String>());
                    }
                    false
                }
                role => {
                    open(role, element, out);
                    true
                }
            },
            Node::Document | Node::Fragment => true,
            Node::Doctype(_) | Node::Comment(_) | Node::ProcessingInstruction(_) => false,
        };
        let child = if descend { node.first_child() } else { None };
        if let Some(child) = child {
            node = child;
            continue;
        }
        // Leave this node and every ancestor it is the last descendant of.
        loop {
            if let Node::Element(element) = node.value() {
                close(role(element), out);
            }
            if node.id() == root.id() {
                return title;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return title,
            }
        }
    }
}

fn open(role: Role, element: &Element, out: &mut TextBuilder) {
    match role {
        Role::Block => out.block(),
        Role::Line => out.line(),
        Role::Heading(level) => out.open_heading(level),
        Role::Item => out.open_item(),
        Role::Cell => out.open_cell(),
        Role::Break => out.line_break(),
        Role::Link => out.open_link(element.attr("href").unwrap_or_default().to_owned()),
        Role::Code => out.open_code(),
        Role::Emphasis => out.open_emphasis(),
        Role::Drop | Role::Title | Role::Inline => {}
    }
}

fn close(role: Role, out: &mut TextBuilder) {
    match role {
        Role::Block => out.block(),
        Role::Line => out.line(),
        Role::Heading(_) | Role::Link | Role::Code | Role::Emphasis => out.close(),
        Role::Item => out.close_item(),
        Role::Cell => out.close_cell(),
        Role::Drop | Role::Title | Role::Inline | Role::Break => {}
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// One conversion and everything it should report; spans are given as the text they
    /// must slice out.
    pub(crate) struct Case {
        pub(crate) name: &'static str,
        pub(crate) src: &'static str,
        pub(crate) text: &'static str,
        pub(crate) headings: &'static [(&'static str, u8)],
        pub(crate) links: &'static [(&'static str, &'static str)],
        pub(crate) code: &'static [&'static str],
        pub(crate) emphasis: &'static [&'static str],
    }

    impl Case {
        pub(crate) const fn new(name: &'static str, src: &'static str, text: &'static str) -> Case {
            Case {
                name,
                src,
                text,
                headings: &[],
                links: &[],
                code: &[],
                emphasis: &[],
            }
        }
        pub(crate) const fn headings(mut self, headings: &'static [(&'static str, u8)]) -> Case {
            self.headings = headings;
            self
        }
        pub(crate) const fn links(
            mut self,
            links: &'static [(&'static str, &'static str)],
        ) -> Case {
            self.links = links;
            self
        }
        pub(crate) const fn code(mut self, code: &'static [&'static str]) -> Case {
            self.code = code;
            self
        }
        pub(crate) const fn emphasis(mut self, emphasis: &'static [&'static str]) -> Case {
            self.emphasis = emphasis;
            self
        }
    }

    /// Checks what every conversion must satisfy, whatever the input: spans on char
    /// boundaries and free of surrounding whitespace, headings on lines of their own,
    /// and the layout's separators never doubled or dangling.
    pub(crate) fn assert_well_formed(name: &str, c: &Converted) {
        let text = &c.text;
        let spans = c.headings.iter().map(|h| h.span);
        let spans = spans
            .chain(c.links.iter().map(|l| l.span))
            .chain(c.code_spans.iter().copied())
            .chain(c.emphasis.iter().copied());
        for span in spans {
            assert!(
                span.start < span.end && span.end <= text.len(),
                "{name}: {span:?} out of range"
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{name}: {span:?} splits a char"
            );
            let slice = span.slice(text);
            assert_eq!(
                slice,
                slice.trim(),
                "{name}: {span:?} has surrounding whitespace"
            );
        }
        for heading in &c.headings {
            assert!(
                (1..=6).contains(&heading.level),
                "{name}: level {}",
                heading.level
            );
            let before = &text[..heading.span.start];
            let after = &text[heading.span.end..];
            assert!(
                before.is_empty() || before.ends_with('\n'),
                "{name}: heading not at line start"
            );
            assert!(
                after.is_empty() || after.starts_with('\n'),
                "{name}: heading not at line end"
            );
        }
        for list in [
            c.headings.iter().map(|h| h.span.start).collect::<Vec<_>>(),
            c.links.iter().map(|l| l.span.start).collect(),
            c.code_spans.iter().map(|s| s.start).collect(),
            c.emphasis.iter().map(|s| s.start).collect(),
        ] {
            assert!(list.is_sorted(), "{name}: spans out of text order");
        }
        assert_eq!(text.trim(), text, "{name}: leading or trailing whitespace");
        assert!(!text.contains("\n\n\n"), "{name}: more than one blank line");
        assert!(
            text.lines().all(|line| line.trim_end() == line),
            "{name}: trailing space on a line"
        );
        assert!(
            text.lines()
                .all(|line| line.is_empty() || !line.trim().is_empty()),
            "{name}: whitespace-only line"
        );
    }

    pub(crate) fn run(cases: &[Case], convert: fn(&str) -> Converted) {
        for case in cases {
            let name = case.name;
            let c = convert(case.src);
            assert_well_formed(name, &c);
            assert_eq!(c.text, case.text, "{name}: text");
            let headings: Vec<_> = c
                .headings
                .iter()
                .map(|h| (h.span.slice(&c.text), h.level))
                .collect();
            assert_eq!(headings, case.headings, "{name}: headings");
            let links: Vec<_> = c
                .links
                .iter()
                .map(|l| (l.span.slice(&c.text), l.target.as_str()))
                .collect();
            assert_eq!(links, case.links, "{name}: links");
            let code: Vec<_> = c.code_spans.iter().map(|s| s.slice(&c.text)).collect();
            assert_eq!(code, case.code, "{name}: code spans");
            let emphasis: Vec<_> = c.emphasis.iter().map(|s| s.slice(&c.text)).collect();
            assert_eq!(emphasis, case.emphasis, "{name}: emphasis");
        }
    }

    const CASES: &[Case] = &[
        Case::new("headings h1-h6", "<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6> Six </h6>", "One\n\nTwo\n\nThree\n\nFour\n\nFive\n\nSix")
            .headings(&[("One", 1), ("Two", 2), ("Three", 3), ("Four", 4), ("Five", 5), ("Six", 6)]),
        Case::new("heading stays on one line", "<h2>Day <em>2</em><br>Talks</h2><p>x</p>", "Day 2 Talks\n\nx").headings(&[("Day 2 Talks", 2)]).emphasis(&["2"]),
        Case::new("empty heading is not recorded", "<h2> </h2><p>x</p>", "x"),
        Case::new("paragraph separation", "<p>a</p>\n\n<p>b</p><div><p>c</p></div>  <div>d</div><section>e</section>", "a\n\nb\n\nc\n\nd\n\ne"),
        Case::new("whitespace collapses", "<p>  a \n\t b  <b> c </b>d</p>", "a b c d").emphasis(&["c"]),
        Case::new("inline elements join", "<p>Py<b>Con</b> <i>US</i></p>", "PyCon US").emphasis(&["Con", "US"]),
        Case::new("br breaks lines, two make a paragraph", "<p>one<br>two<br/><br>three<br></p><p>four</p>", "one\ntwo\n\nthree\n\nfour"),
        Case::new("bullet list", "<p>Talks:</p><ul><li>A</li><li> B </li></ul><p>after</p>", "Talks:\n\n- A\n- B\n\nafter"),
        Case::new("ordered list", "<ol><li>first</li><li>second</li></ol>", "- first\n- second"),
        Case::new("nested list", "<ul><li>A<ul><li>A1</li><li>A2</li></ul></li><li>B</li></ul>", "- A\n- A1\n- A2\n- B"),
        Case::new("heading in item starts its line", "<ul><li><h3>Talk</h3><p>desc</p></li><li>B</li></ul>", "Talk\ndesc\n- B").headings(&[("Talk", 3)]),
        Case::new("paragraphs in items", "<ul><li><p>one</p></li><li><p>two</p><p>more</p></li><li></li></ul><p>x</p>", "- one\n- two\nmore\n\nx"),
        Case::new("links", "<p>See <a href=\"https://x.org/t?a=1&amp;b=2\">the <em>talk</em></a>, by <a name=\"n\">Bob</a>.</p>", "See the talk, by Bob.")
            .links(&[("the talk", "https://x.org/t?a=1&b=2")])
            .emphasis(&["talk"]),
        Case::new("link in heading", "<h3><a href=\"#x\">Linked <em>heading</em></a></h3>", "Linked heading")
            .headings(&[("Linked heading", 3)])
            .emphasis(&["heading"])
            .links(&[("Linked heading", "#x")]),
        Case::new("image-only link is not recorded", "<p><a href=\"/big.png\"><img src=\"small.png\" alt=\"pic\"></a> text</p>", "text"),
        Case::new("inline code", "<p>Run <code>cargo  test</code> now</p>", "Run cargo test now").code(&["cargo test"]),
        Case::new("pre dropped", "<p>Before</p><pre><code>fn main() {}</code></pre><p>After</p>", "Before\n\nAfter"),
        Case::new("images and captions dropped", "<p>Look <img src=\"a.png\" alt=\"a cat\"> here</p><figure><img src=b.png><figcaption>Caption</figcaption></figure><picture><source srcset=x></picture>", "Look here"),
        Case::new("script and style dropped", "<head><style>p{}</style><script>alert(1)</script></head><body><p>Hi</p><script>var a = \"<p>x</p>\";</script><noscript>JS</noscript><template><p>t</p></template><svg><text>s</text></svg></body>", "Hi"),
        Case::new("chrome and hidden dropped", "<nav><a href=\"/\">Home</a></nav><p hidden>secret</p><p>shown</p><iframe src=\"v\">fallback</iframe>", "shown"),
        Case::new("entities decoded", "<p>Tom &amp; Jerry &ldquo;quoted&rdquo; it&#8217;s &#x263A; &lt;b&gt;</p>", "Tom & Jerry “quoted” it’s ☺ <b>"),
        Case::new("no-break spaces", "<p>Day&nbsp;1</p><p>&nbsp;</p><p>&nbsp;x&nbsp;</p>", "Day 1\n\nx"),
        Case::new("non-ascii", "<h2>Łukasz Langa</h2><p>José Valim — “Elixir” <a href=\"/jv\">José</a> <code>ñ</code></p>", "Łukasz Langa\n\nJosé Valim — “Elixir” José ñ")
            .headings(&[("Łukasz Langa", 2)])
            .links(&[("José", "/jv")])
            .code(&["ñ"]),
        Case::new("title without h1", "<html><head><title> My  recap </title></head><body><h2>Day 1</h2><p><a href=\"u\">x</a> <code>c</code></p></body></html>", "My recap\n\nDay 1\n\nx c")
            .headings(&[("My recap", 1), ("Day 1", 2)])
            .links(&[("x", "u")])
            .code(&["c"]),
        Case::new("title alone", "<title>Only</title>", "Only").headings(&[("Only", 1)]),
        Case::new("title ignored with h1", "<title>T | Blog</title><h1>Post</h1>", "Post").headings(&[("Post", 1)]),
        Case::new("table rows and cells", "<table><tr><th>Time</th><th>Talk</th></tr><tr><td>10:00</td><td>Keynote <p>by X</p></td></tr><tr><td></td><td>Lunch</td></tr></table>", "Time | Talk\n\n10:00 | Keynote by X\n\nLunch"),
        Case::new("blockquote", "<p>a</p><blockquote><p>q1</p><p>q2</p></blockquote>", "a\n\nq1\n\nq2"),
        Case::new("definition list", "<dl><dt>Keynote</dt><dd>Guido</dd></dl>", "Keynote\nGuido"),
        Case::new("comments dropped", "<p>a<!-- c -->b</p><!-- <p>x</p> -->", "ab"),
        Case::new("unbalanced markup", "<p>a<b>bold<p>next</i></div></span><li>item", "abold\n\nnext\n\n- item")
            // A browser carries the open `<b>` into the blocks after it.
            .emphasis(&["bold", "next", "item"]),
        Case::new("empty", "", ""),
        Case::new("only whitespace", " \n\t \r\n ", ""),
        Case::new("nul bytes", "<p>a\0b</p>\0", "ab"),
    ];

    #[test]
    fn cases() {
        run(CASES, convert);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        const DEPTH: usize = 10_000;
        for (open, close) in [
            ("<div>", "</div>"),
            ("<span>", "</span>"),
            ("<ul><li>", "</li></ul>"),
            ("<blockquote>", "</blockquote>"),
            ("<b>", "</b>"),
            ("<a href=x>", "</a>"),
            ("<table><tr><td>", "</td></tr></table>"),
        ] {
            let src = format!(
                "<p>start</p>{}deep <code>c</code>{}<p>end</p>",
                open.repeat(DEPTH),
                close.repeat(DEPTH)
            );
            let c = convert(&src);
            assert_well_formed(open, &c);
            assert!(
                c.text.starts_with("start\n\n"),
                "{open}: {:?}",
                &c.text[..40.min(c.text.len())]
            );
            assert!(c.text.contains("deep c"), "{open}");
            assert_eq!(c.code_spans.len(), 1, "{open}");
        }
    }

    #[test]
    fn fragment_is_a_block() {
        let mut out = TextBuilder::default();
        out.text("before");
        append_fragment(&mut out, "<b>frag</b> <title>not a heading</title>");
        out.text("after");
        assert_eq!(out.finish().text, "before\n\nfrag\n\nafter");
    }
}
