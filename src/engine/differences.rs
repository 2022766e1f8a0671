//! What claims of one group disagree on: numbers, status or modality, negation, dates,
//! names. Values are taken as written, with their byte span in the article text when the
//! value is literally there (status values are labels; their span is the cue word).

use super::model::{ClaimId, Difference, DifferenceKind, DifferenceValue};
use super::numbers::Quantity;
use super::similarity::Profile;
use super::text::Word;

/// One claim of a group, prepared for comparison.
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    pub claim: ClaimId,
    /// The claim text, and where it starts in its article's text.
    pub text: &'a str,
    pub offset: usize,
    pub profile: &'a Profile,
}

/// Where a decision stands, as a claim reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Authorized,
    UnderConsideration,
    Refused,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Authorized => "authorized",
            Status::UnderConsideration => "under consideration",
            Status::Refused => "refused",
        }
    }
}

/// The differences among `members` (at most one claim per article). Empty when they agree.
pub fn differences(members: &[Member<'_>]) -> Vec<Difference> {
    let mut found = Vec::new();
    if members.len() < 2 {
        return found;
    }
    found.extend(number_difference(members));
    found.extend(status_difference(members));
    found.extend(date_difference(members));
    found.extend(negation_difference(members));
    found
}

fn value(member: &Member<'_>, start: usize, end: usize) -> DifferenceValue {
    DifferenceValue {
        claim: member.claim,
        value: member.text[start..end].to_owned(),
        start: Some(member.offset + start),
        end: Some(member.offset + end),
    }
}

/// Numbers of one dimension (same currency or unit) that do not agree across claims. The
/// dimension chosen is the first one, in claim order, that two claims give with values that
/// disagree.
fn number_difference(members: &[Member<'_>]) -> Option<Difference> {
    let comparable = |q: &Quantity| !q.is_year;
    for (i, a) in members.iter().enumerate() {
        for qa in a.profile.quantities.iter().filter(|q| comparable(q)) {
            let conflict = members[i + 1..].iter().any(|b| {
                let same_dim: Vec<&Quantity> = b
                    .profile
                    .quantities
                    .iter()
                    .filter(|qb| qb.same_dimension(qa))
                    .collect();
                !same_dim.is_empty()
                    && !same_dim.iter().any(|qb| qb.agrees_with(qa))
                    && !a.profile.quantities.iter().any(|x| {
                        same_dim
                            .iter()
                            .any(|qb| qb.agrees_with(x) && qb.same_dimension(x))
                    })
            });
            if !conflict {
                continue;
            }
            let values = members
                .iter()
                .filter_map(|m| {
                    let q = m.profile.quantities.iter().find(|q| q.same_dimension(qa))?;
                    Some(value(m, q.start, q.end))
                })
                .collect();
            return Some(Difference {
                kind: DifferenceKind::Number,
                values,
            });
        }
    }
    None
}

/// The status a claim gives a decision, from its first cue word, with the cue's span.
pub fn status_of(words: &[Word]) -> Option<(Status, usize, usize)> {
    for (i, w) in words.iter().enumerate() {
        let next = words.get(i + 1).map(|w| w.norm.as_str());
        let prev = i.checked_sub(1).map(|j| words[j].norm.as_str());
        let status = match w.stem.as_str() {
            // "allow" folds authorize, approve, permit, allow, greenlight.
            "allow" | "grant" | "greenlit" => {
                if prev.is_some_and(|p| {
                    matches!(p, "not" | "never" | "reluctant" | "refused" | "declined")
                }) || i.checked_sub(1).is_some_and(|j| words[j].is_negation)
                {
                    Some(Status::Refused)
                } else {
                    Some(Status::Authorized)
                }
            }
            "consid" | "weigh" | "mull" | "pois" | "debat" | "seem" | "potenti" | "possibl" => {
                Some(Status::UnderConsideration)
            }
            "expect" | "plan" | "prepar" | "set" if next == Some("to") => {
                Some(Status::UnderConsideration)
            }
            "yet" if next == Some("to") => Some(Status::UnderConsideration),
            "refus" | "reject" | "deni" | "veto" | "reluct" => Some(Status::Refused),
            _ => None,
        };
        if let Some(status) = status {
            return Some((status, w.start, w.end));
        }
        // "may allow", "could approve": a modal right before a decision verb.
        if matches!(w.norm.as_str(), "may" | "might" | "could")
            && words[i + 1..]
                .iter()
                .take(2)
                .any(|n| matches!(n.stem.as_str(), "allow" | "grant"))
        {
            return Some((Status::UnderConsideration, w.start, w.end));
        }
    }
    None
}

fn status_difference(members: &[Member<'_>]) -> Option<Difference> {
    let statuses: Vec<(&Member<'_>, Status, usize, usize)> = members
        .iter()
        .filter_map(|m| {
            let (status, start, end) = status_of(&m.profile.words)?;
            Some((m, status, start, end))
        })
        .collect();
    let first = statuses.first()?.1;
    if statuses.iter().all(|(_, s, _, _)| *s == first) {
        return None;
    }
    Some(Difference {
        kind: DifferenceKind::Status,
        values: statuses
            .into_iter()
            .map(|(m, status, start, end)| DifferenceValue {
                claim: m.claim,
                value: status.label().to_owned(),
                start: Some(m.offset + start),
                end: Some(m.offset + end),
            })
            .collect(),
    })
}

fn is_date_word(norm: &str) -> bool {
    matches!(
        norm,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
            | "tomorrow"
            | "january"
            | "february"
            | "april"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

/// The first day, month or year a claim names, with its span.
fn date_of(member: &Member<'_>) -> Option<(String, usize, usize)> {
    let word = member
        .profile
        .words
        .iter()
        .find(|w| is_date_word(&w.norm))
        .map(|w| (w.norm.clone(), w.start, w.end));
    word.or_else(|| {
        let q = member.profile.quantities.iter().find(|q| q.is_year)?;
        Some((member.text[q.start..q.end].to_owned(), q.start, q.end))
    })
}

fn date_difference(members: &[Member<'_>]) -> Option<Difference> {
    let dates: Vec<(&Member<'_>, String, usize, usize)> = members
        .iter()
        .filter_map(|m| {
            let (norm, start, end) = date_of(m)?;
            Some((m, norm, start, end))
        })
        .collect();
    let first = &dates.first()?.1;
    if dates.iter().all(|(_, d, _, _)| d == first) {
        return None;
    }
    // A claim that names several dates may share one with the others: then they agree.
    let all_words = |m: &Member<'_>| -> Vec<String> {
        m.profile
            .words
            .iter()
            .filter(|w| is_date_word(&w.norm))
            .map(|w| w.norm.clone())
            .collect()
    };
    let shared = dates
        .iter()
        .all(|(m, _, _, _)| all_words(m).iter().any(|d| d == first));
    if shared {
        return None;
    }
    Some(Difference {
        kind: DifferenceKind::Date,
        values: dates
            .into_iter()
            .map(|(m, _, start, end)| value(m, start, end))
            .collect(),
    })
}

/// One claim negated, another not: only for near-identical claims, where the negation is the
/// point of the disagreement.
fn negation_difference(members: &[Member<'_>]) -> Option<Difference> {
    let negated: Vec<&Member<'_>> = members.iter().filter(|m| m.profile.negations > 0).collect();
    if negated.is_empty() || negated.len() == members.len() {
        return None;
    }
    let mut values = Vec::new();
    for m in members {
        match m.profile.words.iter().find(|w| w.is_negation) {
            Some(w) => values.push(value(m, w.start, w.end)),
            None => values.push(DifferenceValue {
                claim: m.claim,
                value: "affirmative".to_owned(),
                start: None,
                end: None,
            }),
        }
    }
    Some(Difference {
        kind: DifferenceKind::Negation,
        values,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::similarity::Matcher;

    fn status(text: &str) -> Option<Status> {
        status_of(&crate::engine::text::words(text)).map(|(s, _, _)| s)
    }

    #[test]
    fn status_comes_from_the_first_cue() {
        assert_eq!(
            status("The president authorized the strikes, which could escalate the war."),
            Some(Status::Authorized)
        );
        assert_eq!(
            status("The government has granted the city permission to build."),
            Some(Status::Authorized)
        );
        assert_eq!(
            status("The mayor seems poised to approve the plan."),
            Some(Status::UnderConsideration)
        );
        assert_eq!(
            status("The mayor is considering allowing the plan."),
            Some(Status::UnderConsideration)
        );
        assert_eq!(
            status("The mayor may approve the plan."),
            Some(Status::UnderConsideration)
        );
        assert_eq!(
            status("The mayor refused to approve the plan."),
            Some(Status::Refused)
        );
        assert_eq!(
            status("The mayor did not approve the plan."),
            Some(Status::Refused)
        );
        assert_eq!(status("The plan was discussed at length."), None);
    }

    fn members<'a>(texts: &'a [&'a str], profiles: &'a [Profile]) -> Vec<Member<'a>> {
        texts
            .iter()
            .zip(profiles)
            .enumerate()
            .map(|(i, (text, profile))| Member {
                claim: ClaimId::from(i),
                text,
                offset: 100 * i,
                profile,
            })
            .collect()
    }

    fn diffs(texts: &[&str]) -> Vec<Difference> {
        let matcher = Matcher::default();
        let profiles: Vec<Profile> = texts.iter().map(|t| matcher.profile(t)).collect();
        differences(&members(texts, &profiles))
    }

    #[test]
    fn conflicting_amounts_are_reported_as_written() {
        let found = diffs(&[
            "Aid to the country reaches $175 billion.",
            "The state has provided over $56.2 billion in assistance.",
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, DifferenceKind::Number);
        let values: Vec<&str> = found[0].values.iter().map(|v| v.value.as_str()).collect();
        assert_eq!(values, ["$175 billion", "$56.2 billion"]);
        assert_eq!(found[0].values[1].start, Some(100 + 28));
    }

    #[test]
    fn agreeing_claims_have_no_differences() {
        assert!(
            diffs(&[
                "The mayor approved the $5 million plan on Friday.",
                "On Friday the mayor authorized a plan worth about $5 million.",
            ])
            .is_empty()
        );
        assert!(
            diffs(&[
                "Troops were deployed to the border.",
                "The army sent troops to the border."
            ])
            .is_empty()
        );
    }

    #[test]
    fn status_dates_and_negation_differ() {
        let found = diffs(&[
            "The mayor approved the plan.",
            "The mayor is considering the plan.",
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, DifferenceKind::Status);
        assert_eq!(found[0].values[1].value, "under consideration");

        let found = diffs(&["The talks end on Friday.", "The talks end on Thursday."]);
        assert_eq!(found[0].kind, DifferenceKind::Date);

        let found = diffs(&["The bridge was closed.", "The bridge was not closed."]);
        assert_eq!(found[0].kind, DifferenceKind::Negation);
        assert_eq!(found[0].values[1].value, "not");
    }
}
