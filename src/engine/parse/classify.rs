//! Deciding what each raw block of an article is.
//!
//! News pages share a layout whatever their format: an optional section label, the
//! headline, dates and bylines, maybe a photo caption and a standfirst, then body
//! paragraphs with subheadings and lists, maybe a source list, then page furniture
//! (comment forms, share lines, "Trending"). The passes below go from the most certain
//! signals (boilerplate phrases, a "Sources:" heading) to the layout around the headline,
//! and everything left is body text.

use super::{RawBlock, Shape, metadata};
use crate::engine::model::{Block, BlockKind};

/// The blocks with their kinds and the metadata found in the text.
#[derive(Clone, Debug, Default)]
pub(super) struct Classified {
    pub blocks: Vec<Block>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    pub section: Option<String>,
}

/// How many blocks from the top may hold the headline and its metadata.
const HEAD_BLOCKS: usize = 12;

/// Short words that stay lowercase in a Title Case headline.
const SMALL_WORDS: [&str; 27] = [
    "a", "an", "the", "and", "or", "but", "nor", "for", "of", "in", "on", "at", "to", "by", "with",
    "from", "as", "vs", "via", "into", "onto", "over", "than", "up", "per", "is", "its",
];

/// Characters that may close a sentence after its final punctuation.
const CLOSERS: [char; 10] = ['"', '”', '’', '\'', ')', ']', '»', '*', '_', '`'];

/// Labels of a source or reference list.
const SOURCE_LIST_LABELS: [&str; 9] = [
    "sources",
    "source",
    "references",
    "further reading",
    "bibliography",
    "source list",
    "sources cited",
    "notes and sources",
    "sources and further reading",
];

/// Facts about one block's text.
struct Line<'t> {
    text: &'t str,
    words: usize,
    shape: Shape,
    separated: bool,
}

impl Line<'_> {
    /// The last character, ignoring closing quotes and brackets.
    fn final_mark(&self) -> Option<char> {
        self.text
            .trim_end()
            .trim_end_matches(CLOSERS)
            .chars()
            .last()
    }

    /// Ends with `.`, `!`, `?` or `…` (possibly inside closing quotes).
    fn ends_sentence(&self) -> bool {
        matches!(self.final_mark(), Some('.' | '!' | '?' | '…'))
    }

    fn is_text(&self) -> bool {
        matches!(self.shape, Shape::Line | Shape::Quote)
    }

    /// Most content words capitalised: "Russia and North Korea’s Involvement".
    fn is_title_case(&self) -> bool {
        let words: Vec<&str> = self
            .text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
            .filter(|w| !SMALL_WORDS.contains(&w.to_lowercase().as_str()))
            .collect();
        let capitalised = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        !words.is_empty() && capitalised * 5 >= words.len() * 4
    }

    /// A short line without final punctuation that starts with a capital: a subheading.
    fn is_heading_like(&self) -> bool {
        let trimmed = self.text.trim();
        let Some(first) = trimmed.chars().next() else {
            return false;
        };
        let Some(last) = trimmed.chars().last() else {
            return false;
        };
        (1..=12).contains(&self.words)
            && trimmed.chars().count() <= 120
            && (first.is_uppercase() || first.is_ascii_digit())
            && !matches!(
                last,
                '.' | '!' | '?' | '…' | ',' | ';' | ':' | '"' | '”' | '\'' | '“' | '-' | '–' | '—'
            )
    }

    /// A short label ending in a colon ("Here is what we know:").
    fn is_colon_label(&self) -> bool {
        self.words <= 6 && self.text.trim_end().ends_with(':')
    }

    /// A section label above the headline: "World", "U.S. Politics".
    fn is_section_label(&self) -> bool {
        (1..=3).contains(&self.words)
            && self.text.chars().count() <= 30
            && !self.text.chars().any(|c| c.is_ascii_digit())
            && !matches!(
                self.final_mark(),
                Some('.' | '!' | '?' | '…' | ':' | ',' | ';')
            )
            && self.text.split_whitespace().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || matches!(c, '&' | '/' | '-' | '|'))
            })
    }

    /// Looks like a headline: a short line, at most one sentence.
    fn is_title_like(&self, followed_by_break: bool) -> bool {
        if !matches!(self.shape, Shape::Line | Shape::Heading(_)) {
            return false;
        }
        let characters = self.text.chars().count();
        if !(1..=30).contains(&self.words) || characters > 300 || self.is_colon_label() {
            return false;
        }
        if self.ends_sentence() {
            // Some archives end headlines with a period; a sentence-like first line is a
            // headline only if it is short and stands alone.
            (self.words <= 20 || self.is_title_case()) && followed_by_break
        } else {
            true
        }
    }

    /// Looks like running text rather than a list entry.
    fn is_body_text(&self) -> bool {
        self.words >= 35
            || (self.ends_sentence() && self.text.matches(". ").count() >= 1 && self.words >= 20)
    }
}

/// Abbreviations that keep their period at the end of a headline.
const ABBREVIATIONS: [&str; 8] = ["inc", "jr", "sr", "co", "corp", "ltd", "st", "etc"];

/// The headline as a clean string: single spaces, no Markdown emphasis, and no final
/// period (some archives add one; headlines do not end with one) unless it closes an
/// abbreviation ("U.S.").
fn clean_title(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut title = words.join(" ").replace(['*', '`'], "");
    let body_len = title.trim_end_matches(CLOSERS).len();
    let body = &title[..body_len];
    if let Some(without_period) = body.strip_suffix('.') {
        let last_word = without_period
            .rsplit(|c: char| c.is_whitespace() || CLOSERS.contains(&c) || "‘“(".contains(c))
            .next()
            .unwrap_or_default();
        let is_abbreviation = last_word.contains('.')
            || last_word.chars().count() == 1
            || ABBREVIATIONS.contains(&last_word.to_lowercase().as_str())
            || without_period.ends_with('.');
        if !is_abbreviation {
            title.remove(body_len - 1);
        }
    }
    title.trim().to_owned()
}

/// Classifies `blocks` of `text`. `stated_title` is a headline the format states
/// outright (an HTML `<title>`), used to recognise it among the blocks.
pub(super) fn classify(text: &str, blocks: &[RawBlock], stated_title: Option<&str>) -> Classified {
    let n = blocks.len();
    let lines: Vec<Line<'_>> = blocks
        .iter()
        .map(|b| {
            let slice = text.get(b.span()).unwrap_or_default();
            Line {
                text: slice,
                words: metadata::word_count(slice),
                shape: b.shape,
                separated: b.separated,
            }
        })
        .collect();
    let mut kinds: Vec<Option<BlockKind>> = vec![None; n];
    let mut found = Classified::default();

    mark_page_tail(&lines, &mut kinds);

    // Page furniture, publication labels and copyright lines, wherever they are.
    for (i, line) in lines.iter().enumerate() {
        if kinds[i].is_some() {
            continue;
        }
        if metadata::is_publication_label(line.text) {
            kinds[i] = Some(BlockKind::Meta);
        } else if metadata::is_boilerplate(line.text) {
            kinds[i] = Some(BlockKind::Boilerplate);
            if found.outlet.is_none() && metadata::is_copyright(line.text) {
                found.outlet = metadata::outlet_line(line.text);
            }
        }
    }

    mark_source_lists(&lines, &mut kinds);

    // The head: everything before the second long paragraph, at most HEAD_BLOCKS blocks.
    let head_end = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.words >= 30 && l.is_text())
        .map(|(i, _)| i)
        .nth(1)
        .unwrap_or(n)
        .min(HEAD_BLOCKS)
        .min(n);
    for i in 0..head_end {
        let line = &lines[i];
        if kinds[i].is_some() || !matches!(line.shape, Shape::Line | Shape::Heading(2..)) {
            continue;
        }
        if metadata::is_url_line(line.text) {
            kinds[i] = Some(BlockKind::Meta);
        } else if let Some(author) = metadata::byline(line.text) {
            kinds[i] = Some(BlockKind::Meta);
            found.author.get_or_insert(author);
        } else if let Some(date) = metadata::date_line(line.text) {
            kinds[i] = Some(BlockKind::Meta);
            found.date.get_or_insert(date);
        } else if let Some(outlet) = metadata::outlet_line(line.text) {
            kinds[i] = Some(BlockKind::Meta);
            found.outlet.get_or_insert(outlet);
        }
    }

    let next_open =
        |kinds: &[Option<BlockKind>], from: usize| (from..n).find(|&j| kinds[j].is_none());

    // The headline.
    let title_index = find_title(&lines, &kinds, head_end, stated_title);
    // Blocks that continue the block before them (a headline broken after a semicolon).
    let mut continues_previous = vec![false; n];
    if let Some(t) = title_index {
        kinds[t] = Some(BlockKind::Title);
        let mut title_end = blocks[t].end;
        let continued = t + 1 < n
            && lines[t].final_mark() == Some(';')
            && kinds[t + 1].is_none()
            && !lines[t + 1].separated
            && lines[t + 1].shape == Shape::Line
            && lines[t + 1].words <= 30;
        if continued {
            kinds[t + 1] = Some(BlockKind::Title);
            continues_previous[t + 1] = true;
            title_end = blocks[t + 1].end;
        }
        found.title = text
            .get(blocks[t].start..title_end)
            .map(clean_title)
            .filter(|title| !title.is_empty());
        // What is left above the headline: a section label right above it, else metadata.
        let above: Vec<usize> = (0..t).filter(|&j| kinds[j].is_none()).collect();
        for (k, &j) in above.iter().enumerate() {
            let is_last = k + 1 == above.len();
            if is_last && lines[j].is_section_label() {
                kinds[j] = Some(BlockKind::Section);
                found.section = Some(lines[j].text.trim().to_owned());
            } else if lines[j].words <= 15 {
                kinds[j] = Some(BlockKind::Meta);
            }
        }

        // A caption and a standfirst may follow the headline.
        let starts_structure = |kinds: &[Option<BlockKind>], at: Option<usize>| match at {
            None => true,
            Some(j) => {
                matches!(lines[j].shape, Shape::Bullet | Shape::Heading(_))
                    || lines[j].is_heading_like()
                    || lines[j].is_colon_label()
                    || kinds[j].is_some()
            }
        };
        let mut summary_at = next_open(&kinds, t + 1);
        let mut caption_found = false;
        if let Some(b1) = summary_at {
            let line = &lines[b1];
            let b2 = next_open(&kinds, b1 + 1);
            let b3 = b2.and_then(|b2| next_open(&kinds, b2 + 1));
            let is_caption = line.shape == Shape::Caption
                || (line.shape == Shape::Line && metadata::is_credit_line(line.text))
                || (line.shape == Shape::Line
                    && line.words <= 15
                    && !(line.words >= 2 && line.is_title_case() && !line.ends_sentence())
                    && !line.is_colon_label()
                    && b2.is_some_and(|b2| {
                        let dek = &lines[b2];
                        dek.shape == Shape::Line
                            && dek.ends_sentence()
                            && dek.words >= 8
                            && dek.words > line.words
                    })
                    && b3.is_some()
                    && starts_structure(&kinds, b3));
            if is_caption {
                kinds[b1] = Some(BlockKind::Caption);
                caption_found = true;
                summary_at = b2;
            }
        }
        if let Some(s) = summary_at {
            let line = &lines[s];
            let after = next_open(&kinds, s + 1);
            let dek_shaped = match line.shape {
                Shape::Line => line.ends_sentence() && (8..=80).contains(&line.words),
                // A standfirst marked up as a subheading.
                Shape::Heading(_) => line.ends_sentence() && line.words >= 10,
                _ => false,
            };
            if dek_shaped && (caption_found || (after.is_some() && starts_structure(&kinds, after)))
            {
                kinds[s] = Some(BlockKind::Summary);
            }
        }
    }

    // The body.
    for i in 0..n {
        if kinds[i].is_some() {
            continue;
        }
        let line = &lines[i];
        let is_last = i + 1 == n;
        kinds[i] = Some(match line.shape {
            Shape::Heading(_) if line.ends_sentence() && line.words >= 12 => BlockKind::Paragraph,
            Shape::Heading(_) => BlockKind::Heading,
            Shape::Bullet => BlockKind::Bullet,
            Shape::Caption => BlockKind::Caption,
            Shape::Quote => BlockKind::Paragraph,
            Shape::Line if metadata::is_credit_line(line.text) => BlockKind::Caption,
            Shape::Line if !is_last && (line.is_heading_like() || line.is_colon_label()) => {
                BlockKind::Heading
            }
            Shape::Line => BlockKind::Paragraph,
        });
    }

    for (i, raw) in blocks.iter().enumerate() {
        match found.blocks.last_mut() {
            Some(last) if continues_previous[i] => last.end = raw.end,
            _ => found.blocks.push(Block {
                kind: kinds[i].unwrap_or(BlockKind::Paragraph),
                start: raw.start,
                end: raw.end,
            }),
        }
    }
    found
}

/// Marks a page's comment section and trailing link lists as boilerplate.
fn mark_page_tail(lines: &[Line<'_>], kinds: &mut [Option<BlockKind>]) {
    for (i, line) in lines.iter().enumerate() {
        if !metadata::is_tail_marker(line.text) {
            continue;
        }
        let label = metadata::normalized_label(line.text);
        // After a comment form everything is readers' text; after "Related" only links
        // follow, so a long paragraph there means the label was something else.
        let comment_section = [
            "comment",
            "reply",
            "conversation",
            "discussion",
            "responses",
        ]
        .iter()
        .any(|w| label.contains(w));
        let only_links_follow = lines[i + 1..].iter().all(|l| l.words < 40 || !l.is_text());
        if comment_section || only_links_follow {
            for kind in &mut kinds[i..] {
                *kind = Some(BlockKind::Boilerplate);
            }
            return;
        }
        kinds[i] = Some(BlockKind::Boilerplate);
    }
}

/// Marks "Sources:" headings and the list entries under them.
fn mark_source_lists(lines: &[Line<'_>], kinds: &mut [Option<BlockKind>]) {
    let mut i = 0;
    while i < lines.len() {
        let label = metadata::normalized_label(lines[i].text);
        if kinds[i].is_some() || !SOURCE_LIST_LABELS.contains(&label.as_str()) {
            i += 1;
            continue;
        }
        kinds[i] = Some(BlockKind::Heading);
        i += 1;
        while i < lines.len() {
            if kinds[i].is_none() {
                if lines[i].is_body_text() || matches!(lines[i].shape, Shape::Heading(_)) {
                    break;
                }
                kinds[i] = Some(BlockKind::Source);
            }
            i += 1;
        }
    }
}

/// Finds the headline among the first `head_end` blocks.
fn find_title(
    lines: &[Line<'_>],
    kinds: &[Option<BlockKind>],
    head_end: usize,
    stated_title: Option<&str>,
) -> Option<usize> {
    let open: Vec<usize> = (0..head_end.max(1).min(lines.len()))
        .filter(|&i| kinds[i].is_none())
        .collect();
    // Marked-up headline.
    if let Some(&i) = open.iter().find(|&&i| lines[i].shape == Shape::Heading(1)) {
        return Some(i);
    }
    // The headline a page states in its metadata.
    if let Some(stated) = stated_title.map(metadata::normalized_label) {
        if let Some(&i) = open
            .iter()
            .find(|&&i| metadata::normalized_label(lines[i].text) == stated)
        {
            return Some(i);
        }
    }
    let followed_by_break = |i: usize| lines.get(i + 1).is_none_or(|next| next.separated);
    let &first = open.first()?;
    let second = open.get(1).copied();
    if lines[first].is_section_label() {
        if let Some(second) = second {
            // Below a label, a headline reads like one: no final period unless in Title Case.
            let headline = &lines[second];
            if headline.is_title_like(followed_by_break(second))
                && headline.words > lines[first].words
                && (headline.final_mark() != Some('.') || headline.is_title_case())
            {
                return Some(second);
            }
        }
    }
    lines[first]
        .is_title_like(followed_by_break(first))
        .then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(text: &str) -> Vec<(BlockKind, String)> {
        let extracted = super::super::text::extract(text);
        classify(&extracted.text, &extracted.blocks, None)
            .blocks
            .iter()
            .map(|b| (b.kind, text[b.span()].to_owned()))
            .collect()
    }

    #[test]
    fn title_case_detection() {
        let line = |text| Line {
            text,
            words: metadata::word_count(text),
            shape: Shape::Line,
            separated: true,
        };
        assert!(line("Russia and North Korea’s Involvement").is_title_case());
        assert!(line("At a Glance").is_title_case());
        assert!(
            !line("Silhouetted soldiers with Russian and Ukrainian flag backgrounds.")
                .is_title_case()
        );
        assert!(line("Strategic Implications").is_heading_like());
        assert!(!line("He said it was over.").is_heading_like());
        assert!(!line("“We want peace” – the minister").is_heading_like());
        assert!(line("World").is_section_label());
        assert!(!line("World leaders met.").is_section_label());
    }

    #[test]
    fn titles_are_cleaned() {
        assert_eq!(
            clean_title("Quiet Gains for Rural Libraries."),
            "Quiet Gains for Rural Libraries"
        );
        assert_eq!(
            clean_title("Mayor Slams ‘Reckless Budget.’"),
            "Mayor Slams ‘Reckless Budget’"
        );
        assert_eq!(
            clean_title("Troops Return to the U.S."),
            "Troops Return to the U.S."
        );
        assert_eq!(clean_title("Will This Escalate?"), "Will This Escalate?");
        assert_eq!(clean_title("The  *Big*\n Story"), "The Big Story");
    }

    #[test]
    fn headline_broken_after_a_semicolon_is_one_title() {
        let text = "Lawmaker urges retaliation;\nHouse panel member says the country must act\n\nBody text of the story comes here, in a full sentence.";
        let extracted = super::super::text::extract(text);
        let found = classify(&extracted.text, &extracted.blocks, None);
        assert_eq!(
            found.title.as_deref(),
            Some("Lawmaker urges retaliation; House panel member says the country must act")
        );
        assert_eq!(found.blocks.len(), 2);
        assert_eq!(found.blocks[0].kind, BlockKind::Title);
    }

    #[test]
    fn comment_form_ends_the_article() {
        let kinds = kinds_of(
            "Headline Goes Here\n\nA body paragraph that says something.\n\nLeave a Reply\n\n\
             Your email address will not be published. Required fields are marked *\n\n\
             Trending\n\nExit mobile version",
        );
        assert_eq!(kinds[1].0, BlockKind::Paragraph);
        assert!(
            kinds[2..].iter().all(|(k, _)| *k == BlockKind::Boilerplate),
            "{kinds:?}"
        );
    }

    #[test]
    fn related_label_in_the_middle_is_only_one_line() {
        let long = "word ".repeat(45);
        let kinds = kinds_of(&format!("Headline Here\n\nRelated\n\n{long}ends.\n"));
        assert_eq!(kinds[1].0, BlockKind::Boilerplate);
        assert_eq!(kinds[2].0, BlockKind::Paragraph);
    }

    #[test]
    fn publication_labels_and_share_lines() {
        let kinds = kinds_of(
            "Politics\n\nA Headline About Things\n\nPublished\n\non\n\n\
             Body text that is a sentence of reasonable length here.\n\n\
             Share this:\n\nClick to share on Facebook (Opens in new window)\n\n\
             More body text follows in this paragraph, also of some length.",
        );
        let expected = [
            BlockKind::Section,
            BlockKind::Title,
            BlockKind::Meta,
            BlockKind::Meta,
            BlockKind::Paragraph,
            BlockKind::Boilerplate,
            BlockKind::Boilerplate,
            BlockKind::Paragraph,
        ];
        assert_eq!(kinds.iter().map(|(k, _)| *k).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn body_sentences_are_not_headings_and_dates_in_body_are_not_meta() {
        let kinds = kinds_of(
            "Council Votes on Budget\n\n\
             The council voted on the budget late on Tuesday after a long debate over schools, roads and the new library, members said.\n\n\
             The budget, first proposed on November 18, 2024, was amended twice before the final vote in the chamber downtown.\n\n\
             “It is a good budget,” the mayor said\n\n\
             Why does it matter?\n\n\
             Roads will be repaired next year.",
        );
        let kinds: Vec<BlockKind> = kinds.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
            ]
        );
    }
}
