//! The analysis result: plain data the CLI exports and the UI shows.
//!
//! Every id is an index into its list (`ArticleId(3)` is `analysis.articles[3]`), written
//! as a short string in JSON (`"a3"`, `"c12"`, `"g4"`, `"q7"`, `"s2"`). Every span is a
//! UTF-8 byte range into the owning article's `text`.

use serde::{Deserialize, Serialize};
use std::ops::Range;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl From<usize> for $name {
            fn from(index: usize) -> Self {
                Self(u32::try_from(index).unwrap_or(u32::MAX))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                text.strip_prefix($prefix)
                    .and_then(|n| n.parse().ok())
                    .map($name)
                    .ok_or_else(|| serde::de::Error::custom(format!("bad id {text:?}")))
            }
        }
    };
}

id_type!(
    /// An article: index into [`Analysis::articles`].
    ArticleId,
    "a"
);
id_type!(
    /// A claim: index into [`Analysis::claims`].
    ClaimId,
    "c"
);
id_type!(
    /// A claim group: index into [`Analysis::groups`].
    GroupId,
    "g"
);
id_type!(
    /// A quote: index into [`Analysis::quotes`].
    QuoteId,
    "q"
);
id_type!(
    /// A canonical speaker: index into [`Analysis::speakers`].
    SpeakerId,
    "s"
);

/// The whole analysis of a corpus. Deterministic: the same input gives the same value.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub articles: Vec<Article>,
    pub claims: Vec<Claim>,
    pub groups: Vec<Group>,
    pub quotes: Vec<Quote>,
    pub speakers: Vec<Speaker>,
    pub problems: Vec<Problem>,
}

/// The file format an article was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    #[default]
    Text,
    Markdown,
    Html,
}

/// What a block of an article is. Only [`BlockKind::Summary`], [`BlockKind::Bullet`] and
/// [`BlockKind::Paragraph`] are split into claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// The headline.
    Title,
    /// A section label above the headline ("World").
    Section,
    /// Date, author, outlet or "Published on" lines.
    Meta,
    /// A standfirst / dek under the headline.
    Summary,
    /// A subheading inside the body.
    Heading,
    /// A list item (for example in "At a Glance").
    Bullet,
    /// A body paragraph.
    Paragraph,
    /// A photo caption or similar short line that is not a claim.
    Caption,
    /// An entry of the source list at the end.
    Source,
    /// Comment forms, share and subscribe lines, "Trending", …
    Boilerplate,
}

impl BlockKind {
    /// Whether sentences of this block become claims.
    pub fn has_claims(self) -> bool {
        matches!(self, Self::Summary | Self::Bullet | Self::Paragraph)
    }
}

/// A structural block of an article's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

impl Block {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One article of the corpus.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// The path as given on the command line or in the dialog, joined with the file's
    /// path inside the folder. Bundled seeds use `seeds/<file name>`.
    pub path: String,
    pub title: String,
    pub outlet: Option<String>,
    /// ISO date, `YYYY-MM-DD`.
    pub date: Option<String>,
    pub author: Option<String>,
    pub section: Option<String>,
    pub format: SourceFormat,
    pub word_count: usize,
    /// The analysed text. For `.txt` and `.md` files it is the decoded file content,
    /// unchanged; for HTML it is the extracted article text.
    pub text: String,
    pub blocks: Vec<Block>,
}

/// A sentence or bullet that states something.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: ClaimId,
    pub article: ArticleId,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub group: GroupId,
}

impl Claim {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// How a claim group compares across articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupStatus {
    /// Several articles make the claim and agree.
    Shared,
    /// Several articles make the claim and disagree on a value.
    Differing,
    /// Only one article makes the claim.
    Unique,
}

impl GroupStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Shared => "shared",
            Self::Differing => "differing",
            Self::Unique => "unique",
        }
    }
}

/// Claims in different articles that state the same thing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: GroupId,
    pub status: GroupStatus,
    /// Sorted by article, then position.
    pub claims: Vec<ClaimId>,
    /// Sorted, without repeats.
    pub articles: Vec<ArticleId>,
    pub differences: Vec<Difference>,
}

/// What kind of value differs inside a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DifferenceKind {
    /// Numbers for the same quantity ("$175 billion" vs "$56.2 billion").
    Number,
    /// Status or modality ("authorized" vs "under consideration").
    Status,
    /// One claim is negated, the other is not.
    Negation,
    /// Different names in the same role.
    Name,
    /// Different dates or days.
    Date,
}

/// One difference inside a group, with the value each claim gives, as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    pub kind: DifferenceKind,
    pub values: Vec<DifferenceValue>,
}

/// A claim's value in a [`Difference`]: the text as written and, when it is literally in
/// the claim, its byte span in the article text (for underlining).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DifferenceValue {
    pub claim: ClaimId,
    pub value: String,
    pub start: Option<usize>,
    pub end: Option<usize>,
}

/// One value of a [`Difference`] and the articles that give it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistinctValue<'a> {
    pub value: &'a str,
    /// Sorted.
    pub articles: Vec<ArticleId>,
}

/// Direct speech (in quotation marks) or reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
}

impl QuoteKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Indirect => "indirect",
        }
    }
}

/// An attributed statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub id: QuoteId,
    pub article: ArticleId,
    pub kind: QuoteKind,
    /// The content: inside the quotation marks for direct quotes, the reported clause for
    /// indirect ones.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The canonical speaker name.
    pub speaker: Option<String>,
    pub speaker_id: Option<SpeakerId>,
    /// The mention as written ("He", "Zelensky", "U.S. officials").
    pub speaker_text: Option<String>,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
    /// The speaker's role or title in this article ("Foreign Minister").
    pub role: Option<String>,
    /// The speech verb or phrase ("stated", "according to"), as written.
    pub cue: Option<String>,
    /// Other articles that carry the same quote. Sorted.
    pub also_in: Vec<ArticleId>,
}

impl Quote {
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn speaker_span(&self) -> Option<Range<usize>> {
        Some(self.speaker_start?..self.speaker_end?)
    }
}

/// A person or group quoted in the corpus, with the names it goes by.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub id: SpeakerId,
    pub name: String,
    /// Every other form the corpus uses. Sorted.
    pub aliases: Vec<String>,
    /// Sorted.
    pub roles: Vec<String>,
    /// Sorted.
    pub quotes: Vec<QuoteId>,
    /// Sorted, without repeats.
    pub articles: Vec<ArticleId>,
    /// A group of people ("U.S. officials", "Experts") rather than one person.
    pub is_group: bool,
}

/// A file that was skipped or read with trouble.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Analysis {
    pub fn article(&self, id: ArticleId) -> &Article {
        &self.articles[id.index()]
    }

    pub fn claim(&self, id: ClaimId) -> &Claim {
        &self.claims[id.index()]
    }

    pub fn group(&self, id: GroupId) -> &Group {
        &self.groups[id.index()]
    }

    pub fn quote(&self, id: QuoteId) -> &Quote {
        &self.quotes[id.index()]
    }

    pub fn speaker(&self, id: SpeakerId) -> &Speaker {
        &self.speakers[id.index()]
    }

    /// A difference's distinct values (compared case-insensitively, first spelling kept), in
    /// the order first given, each with the articles that give it: a group may hold several
    /// claims of one article saying the same thing.
    pub fn distinct_values<'a>(&self, difference: &'a Difference) -> Vec<DistinctValue<'a>> {
        let mut distinct: Vec<DistinctValue<'a>> = Vec::new();
        for value in &difference.values {
            let article = self.claim(value.claim).article;
            let existing = distinct
                .iter_mut()
                .find(|d| d.value.to_lowercase() == value.value.to_lowercase());
            match existing {
                Some(d) => {
                    if !d.articles.contains(&article) {
                        d.articles.push(article);
                    }
                }
                None => distinct.push(DistinctValue {
                    value: &value.value,
                    articles: vec![article],
                }),
            }
        }
        for d in &mut distinct {
            d.articles.sort_unstable();
        }
        distinct
    }

    /// The claims of one article, in text order.
    pub fn claims_of(&self, article: ArticleId) -> impl Iterator<Item = &Claim> {
        // Claims are stored article by article, in text order.
        let first = self.claims.partition_point(|c| c.article < article);
        self.claims[first..]
            .iter()
            .take_while(move |c| c.article == article)
    }

    /// Counts of an article's claims by the status of their group.
    pub fn status_counts(&self, article: ArticleId) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for claim in self.claims_of(article) {
            match self.group(claim.group).status {
                GroupStatus::Shared => counts.shared += 1,
                GroupStatus::Differing => counts.differing += 1,
                GroupStatus::Unique => counts.unique += 1,
            }
        }
        counts
    }
}

/// Numbers of claims by group status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub shared: usize,
    pub differing: usize,
    pub unique: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_as_prefixed_strings() {
        let json = serde_json::to_string(&(ArticleId(3), ClaimId(12), SpeakerId(0))).unwrap();
        assert_eq!(json, r#"["a3","c12","s0"]"#);
        let back: (ArticleId, ClaimId, SpeakerId) = serde_json::from_str(&json).unwrap();
        assert_eq!(back, (ArticleId(3), ClaimId(12), SpeakerId(0)));
        assert!(serde_json::from_str::<ArticleId>(r#""c3""#).is_err());
    }

    #[test]
    fn distinct_values_merge_repeats_and_keep_their_articles() {
        let claim = |id: usize, article: u32| Claim {
            id: ClaimId::from(id),
            article: ArticleId(article),
            text: String::new(),
            start: 0,
            end: 0,
            group: GroupId(0),
        };
        let analysis = Analysis {
            claims: vec![claim(0, 1), claim(1, 1), claim(2, 0), claim(3, 2)],
            ..Analysis::default()
        };
        let value = |id: u32, text: &str| DifferenceValue {
            claim: ClaimId(id),
            value: text.to_owned(),
            start: None,
            end: None,
        };
        let difference = Difference {
            kind: DifferenceKind::Status,
            values: vec![
                value(0, "authorized"),
                value(1, "authorized"),
                value(2, "Authorized"),
                value(3, "under consideration"),
            ],
        };
        let distinct = analysis.distinct_values(&difference);
        assert_eq!(
            distinct,
            [
                DistinctValue {
                    value: "authorized",
                    articles: vec![ArticleId(0), ArticleId(1)]
                },
                DistinctValue {
                    value: "under consideration",
                    articles: vec![ArticleId(2)]
                },
            ]
        );
    }
}
