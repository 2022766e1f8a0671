//! HTML pages: the article's block elements become the text, joined with blank lines.
//!
//! The page is parsed with scraper (html5ever). The article is the largest `<article>`,
//! else `<main>`, else `<body>`. Scripts, styles, navigation, forms, asides, footers and
//! elements whose class or id names page furniture (share bars, newsletters, comments,
//! related links, ads) are dropped. `<meta>` tags give the title, outlet, date, author
//! and section.

use super::{Extracted, RawBlock, Shape, StatedMetadata, metadata};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose content is never article text.
const DROPPED: [&str; 22] = [
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
    "select", "option", "textarea", "input", "iframe", "object", "embed", "svg", "canvas", "video",
    "audio", "head", "menu",
];

/// Elements that end the current block and start a new one.
const BLOCK_ELEMENTS: [&str; 33] = [
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "caption",
    "address",
    "details",
    "summary",
    "hr",
    "br",
    "body",
];

/// Class or id words that mark page furniture rather than article content.
const FURNITURE_WORDS: [&str; 30] = [
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "comment",
    "comments",
    "related",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "cookie",
    "cookies",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "popup",
    "modal",
    "signup",
    "recommended",
    "recommendations",
    "trending",
    "outbrain",
    "taboola",
    "paywall",
    "navigation",
    "menu",
];

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

fn is_furniture(element: &scraper::node::Element) -> bool {
    if element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element
            .attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
    {
        return true;
    }
    let names = element
        .attr("class")
        .into_iter()
        .chain(element.attr("id"))
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'));
    names
        .map(str::to_ascii_lowercase)
        .any(|word| FURNITURE_WORDS.contains(&word.as_str()))
}

/// Collects blocks of text while walking the tree.
struct Builder {
    text: String,
    blocks: Vec<RawBlock>,
    /// Text of the block being collected, with whitespace collapsed.
    pending: String,
    pending_shape: Shape,
}

impl Builder {
    fn push_text(&mut self, raw: &str) {
        for c in raw.chars() {
            if c.is_whitespace() || c == '\u{a0}' {
                if !self.pending.is_empty() && !self.pending.ends_with(' ') {
                    self.pending.push(' ');
                }
            } else if !c.is_control() {
                self.pending.push(c);
            }
        }
    }

    fn flush(&mut self) {
        let content = self.pending.trim();
        if !content.is_empty() {
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
            let start = self.text.len();
            self.text.push_str(content);
            self.blocks.push(RawBlock {
                start,
                end: self.text.len(),
                shape: self.pending_shape,
                separated: true,
            });
        }
        self.pending.clear();
    }

    /// Starts a block of `shape` (after finishing the one being collected).
    fn begin(&mut self, shape: Shape) {
        self.flush();
        self.pending_shape = shape;
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Walks `node`, adding its text to `out`. `context` is the shape inherited from an
/// enclosing list item, quotation or caption.
fn walk(node: NodeRef<'_, Node>, out: &mut Builder, context: Shape) {
    match node.value() {
        Node::Text(text) => out.push_text(text),
        Node::Element(element) => {
            let name = element.name();
            if DROPPED.contains(&name) || is_furniture(element) {
                return;
            }
            // A page header is furniture, unless it holds the headline.
            if name == "header" && !contains_h1(node) {
                return;
            }
            if !BLOCK_ELEMENTS.contains(&name) {
                for child in node.children() {
                    walk(child, out, context);
                }
                return;
            }
            let shape = match name {
                "li" | "dd" | "dt" => Shape::Bullet,
                "blockquote" => Shape::Quote,
                "figcaption" | "caption" => Shape::Caption,
                _ => heading_level(name).map_or(context, Shape::Heading),
            };
            out.begin(shape);
            for child in node.children() {
                walk(child, out, shape);
            }
            // Text after this element belongs to the enclosing block again.
            out.begin(context);
        }
        _ => {}
    }
}

fn contains_h1(node: NodeRef<'_, Node>) -> bool {
    node.descendants()
        .any(|d| d.value().as_element().is_some_and(|e| e.name() == "h1"))
}

fn text_length(element: ElementRef<'_>) -> usize {
    element.text().map(|t| t.trim().len()).sum()
}

/// The element holding the article: the largest `<article>` (or `articleBody`), else
/// `<main>`, else `<body>`.
fn article_root(document: &Html) -> ElementRef<'_> {
    let largest = |css: &str| {
        let selector = selector(css)?;
        document
            .select(&selector)
            .map(|e| (text_length(e), e))
            .filter(|(length, _)| *length >= 200)
            .max_by_key(|(length, _)| *length)
            .map(|(_, e)| e)
    };
    largest("[itemprop=articleBody], article")
        .or_else(|| largest("main, [role=main]"))
        .or_else(|| {
            let body = selector("body")?;
            document.select(&body).next()
        })
        .unwrap_or_else(|| document.root_element())
}

fn meta_content(document: &Html, css: &str) -> Option<String> {
    let selector = selector(css)?;
    document
        .select(&selector)
        .filter_map(|e| e.attr("content").or_else(|| e.attr("datetime")))
        .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|v| !v.is_empty())
}

fn element_text(document: &Html, css: &str) -> Option<String> {
    let selector = selector(css)?;
    document
        .select(&selector)
        .map(|e| e.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty())
}

/// Removes a " | Site name" style suffix from a `<title>`.
fn without_site_suffix(title: &str, site: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — ", " :: ", " · "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            let is_site = site.is_some_and(|s| s.eq_ignore_ascii_case(tail.trim()))
                || (metadata::word_count(tail) <= 4
                    && metadata::word_count(head) > metadata::word_count(tail));
            if is_site {
                return head.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}

fn stated_metadata(document: &Html) -> StatedMetadata {
    let outlet = meta_content(
        document,
        "meta[property='og:site_name'], meta[name='application-name'], meta[name='publisher']",
    );
    let title = meta_content(
        document,
        "meta[property='og:title'], meta[name='twitter:title'], meta[name='title']",
    )
    .or_else(|| element_text(document, "title"))
    .map(|t| without_site_suffix(&t, outlet.as_deref()))
    .filter(|t| !t.is_empty());
    let date = meta_content(
        document,
        "meta[property='article:published_time'], meta[name='article:published_time'], \
         meta[itemprop='datePublished'], meta[name='date'], meta[name='pubdate'], \
         meta[name='publishdate'], meta[name='dc.date'], meta[name='DC.date'], \
         meta[name='dcterms.date'], meta[name='parsely-pub-date'], meta[name='sailthru.date'], \
         time[datetime]",
    )
    .and_then(|v| metadata::find_date(&v).map(|(d, _)| d));
    let author = meta_content(
        document,
        "meta[name='author'], meta[property='article:author'], meta[name='byl'], \
         meta[name='parsely-author'], meta[name='sailthru.author']",
    )
    .filter(|a| !a.starts_with("http"))
    .map(|a| metadata::byline(&a).unwrap_or(a))
    .or_else(|| element_text(document, "[rel=author], [itemprop=author] [itemprop=name]"));
    let section = meta_content(document, "meta[property='article:section']");
    StatedMetadata {
        title,
        outlet,
        date,
        author,
        section,
    }
}

/// Extracts the article text and metadata of an HTML page.
pub(super) fn extract(html: &str) -> Extracted {
    let document = Html::parse_document(html);
    let root = article_root(&document);
    let mut out = Builder {
        text: String::new(),
        blocks: Vec::new(),
        pending: String::new(),
        pending_shape: Shape::Line,
    };
    // The headline often sits above the `<article>` element: keep it with the text.
    let outer_headline = match contains_h1(*root) {
        true => None,
        false => selector("h1").and_then(|s| document.select(&s).next()),
    };
    if let Some(h1) = outer_headline {
        walk(*h1, &mut out, Shape::Line);
    }
    walk(*root, &mut out, Shape::Line);
    out.flush();
    Extracted {
        text: out.text,
        blocks: out.blocks,
        stated: stated_metadata(&document),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
        <title>Ministers agree on trade deal | The Daily Planet</title>
        <meta property="og:site_name" content="The Daily Planet">
        <meta property="article:published_time" content="2024-11-18T09:30:00Z">
        <meta name="author" content="Jane Doe">
        <meta property="article:section" content="World">
        <style>p { color: red }</style>
        <script>var secret = "tracking code";</script>
        </head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <header class="site-header"><a href="/">The Daily Planet</a></header>
        <h1>Ministers agree on a trade deal</h1>
        <article>
          <p>The agreement cuts tariffs on <b>steel</b> and   grain,
             officials said.</p>
          <div class="share-bar"><a>Share on Facebook</a></div>
          <h2>What changes</h2>
          <ul><li>Steel tariffs fall.</li><li>Grain tariffs go.</li></ul>
          <figure><img src="x.jpg"><figcaption>Ministers at the signing.</figcaption></figure>
          <blockquote><p>“It is a good day,” the minister said.</p></blockquote>
          <p>First line<br>second line</p>
          <script>document.write("injected text")</script>
        </article>
        <aside>Most read: other stories</aside>
        <footer>© 2024 The Daily Planet</footer>
        </body></html>"#;

    #[test]
    fn article_blocks_without_page_furniture() {
        let extracted = extract(PAGE);
        let found: Vec<(&str, Shape)> = extracted
            .blocks
            .iter()
            .map(|b| (&extracted.text[b.span()], b.shape))
            .collect();
        assert_eq!(
            found,
            [
                ("Ministers agree on a trade deal", Shape::Heading(1)),
                (
                    "The agreement cuts tariffs on steel and grain, officials said.",
                    Shape::Line
                ),
                ("What changes", Shape::Heading(2)),
                ("Steel tariffs fall.", Shape::Bullet),
                ("Grain tariffs go.", Shape::Bullet),
                ("Ministers at the signing.", Shape::Caption),
                ("“It is a good day,” the minister said.", Shape::Quote),
                ("First line", Shape::Line),
                ("second line", Shape::Line),
            ]
        );
        for hidden in [
            "tracking code",
            "injected",
            "color",
            "Home",
            "Share on",
            "Most read",
            "©",
        ] {
            assert!(!extracted.text.contains(hidden), "{hidden}");
        }
    }

    #[test]
    fn meta_tags_are_read() {
        let stated = extract(PAGE).stated;
        assert_eq!(
            stated.title.as_deref(),
            Some("Ministers agree on trade deal")
        );
        assert_eq!(stated.outlet.as_deref(), Some("The Daily Planet"));
        assert_eq!(stated.date.as_deref(), Some("2024-11-18"));
        assert_eq!(stated.author.as_deref(), Some("Jane Doe"));
        assert_eq!(stated.section.as_deref(), Some("World"));
    }

    #[test]
    fn pages_of_scripts_have_no_blocks() {
        let extracted = extract(
            "<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>",
        );
        assert!(extracted.blocks.is_empty());
        assert!(extract("").blocks.is_empty());
        assert!(extract("<<<>>> \u{0}garbage <p").blocks.len() <= 1);
    }

    #[test]
    fn site_suffix_is_removed_from_titles() {
        assert_eq!(
            without_site_suffix("Big news | Planet", Some("Planet")),
            "Big news"
        );
        assert_eq!(
            without_site_suffix("A long headline here - Planet News", None),
            "A long headline here"
        );
        assert_eq!(without_site_suffix("Left - right", None), "Left - right");
    }
}
