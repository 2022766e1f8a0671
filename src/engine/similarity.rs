//! How alike two claims are: the pair matcher behind claim groups and `parallax pairs`.
//!
//! TODO(claims helper): real scoring.

/// What two claims from different articles about one story are to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// They state the same thing.
    Same,
    /// They state the same thing but disagree on a value.
    Differing,
    /// They state different things.
    Unrelated,
}

impl Relation {
    pub fn label(self) -> &'static str {
        match self {
            Relation::Same => "same",
            Relation::Differing => "differing",
            Relation::Unrelated => "unrelated",
        }
    }
}

/// The matcher's verdict on a pair of claims.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Judgement {
    /// Similarity, 0 (nothing in common) to 1 (same claim).
    pub score: f64,
    pub relation: Relation,
}

/// Judges two claim texts as two claims from different articles about one story.
pub fn judge(a: &str, b: &str) -> Judgement {
    let score = if a == b { 1.0 } else { 0.0 };
    Judgement {
        score,
        relation: if score >= 0.5 {
            Relation::Same
        } else {
            Relation::Unrelated
        },
    }
}
