//! What claims of one group disagree on: numbers, status or modality, negation, dates,
//! names. Values are taken as written, with their byte span in the article text when the
//! value is literally there (status values are labels; their span is the cue word).
//! Only values that differ between articles count.

use super::model::{ArticleId, ClaimId, Difference, DifferenceKind, DifferenceValue};
use super::numbers::Quantity;
use super::similarity::Profile;
use super::text::Word;

/// One claim of a group, prepared for comparison.
#[derive(Clone, Copy, Debug)]
pub struct Member<'a> {
    pub claim: ClaimId,
    pub article: ArticleId,
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

/// The differences among `members`. Empty when they agree. A group may hold several claims
/// of one article (a lead and a bullet restating it); only values that differ between
/// articles count, since that is what the reader compares.
pub fn differences(members: &[Member<'_>]) -> Vec<Difference> {
    let mut found = Vec::new();
    if members.len() < 2 {
        return found;
    }
    found.extend(number_difference(members));
    found.extend(status_difference(members));
    found.extend(date_difference(members));
    found.extend(negation_difference(members));
    found.extend(name_difference(members));
    let article_of = |claim: ClaimId| members.iter().find(|m| m.claim == claim).map(|m| m.article);
    found.retain(|difference| differs_across_articles(difference, article_of));
    found
}

/// Whether two articles give different values (compared case-insensitively).
fn differs_across_articles(
    difference: &Difference,
    article_of: impl Fn(ClaimId) -> Option<ArticleId>,
) -> bool {
    let keyed: Vec<(String, Option<ArticleId>)> = difference
        .values
        .iter()
        .map(|v| (v.value.to_lowercase(), article_of(v.claim)))
        .collect();
    keyed.iter().enumerate().any(|(i, (value_a, article_a))| {
        keyed[i + 1..]
            .iter()
            .any(|(value_b, article_b)| value_a != value_b && article_a != article_b)
    })
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
                let before = &words[i.saturating_sub(3)..i];
                if prev.is_some_and(|p| {
                    matches!(p, "not" | "never" | "reluctant" | "refused" | "declined")
                }) || i.checked_sub(1).is_some_and(|j| words[j].is_negation)
                {
                    Some(Status::Refused)
                } else if before
                    .iter()
                    .any(|w| matches!(w.norm.as_str(), "if" | "whether" | "unless"))
                {
                    // "If Biden grants this permission": a condition, not a decision.
                    Some(Status::UnderConsideration)
                } else {
                    Some(Status::Authorized)
                }
            }
            "consid" | "weigh" | "mull" | "pois" | "debat" | "seem" => {
                Some(Status::UnderConsideration)
            }
            // "a potential decision", but not "possible attacks".
            "potenti" | "possibl"
                if words.get(i + 1).is_some_and(|n| is_decision_stem(&n.stem)) =>
            {
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

/// Stems of words that name a decision ("decision", "approval", "move", "permission").
fn is_decision_stem(stem: &str) -> bool {
    matches!(
        stem,
        "decis" | "allow" | "approv" | "move" | "permiss" | "authoris" | "author" | "shift"
    )
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
    // "March" and "may" are left out: too often not a month.
    super::text::is_weekday(norm)
        || matches!(norm, "yesterday" | "today" | "tomorrow")
        || (super::text::is_month_name(norm) && !matches!(norm, "march" | "may"))
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

/// A run of capitalised words in a claim (a name as written), with the words around it.
#[derive(Clone, Debug)]
struct NameRun {
    /// Word indices `first..last+1` into the claim's words.
    first: usize,
    end: usize,
}

/// Runs of capitalised words that can be names. Not a name word: the first word of the
/// claim (capitalised for the sentence), a function word, a number, a date word, a title
/// ("President", kept as the slot's context instead) or a shouted word ("OBSTRUCTION").
/// A run stops at punctuation ("Fla. — President").
fn name_runs(text: &str, words: &[Word]) -> Vec<NameRun> {
    let is_name_word = |i: usize| {
        let w = &words[i];
        let raw = &text[w.start..w.end];
        let shouted = raw.len() > 4 && !raw.chars().any(char::is_lowercase);
        i > 0
            && w.is_capitalised
            && !w.is_stop
            && !w.is_number
            && !shouted
            && !is_date_word(&w.norm)
            && !crate::engine::quotes::titles().contains(&w.norm.as_str())
    };
    // Only spaces between two words of one name.
    let joined = |i: usize| text[words[i - 1].end..words[i].start].trim().is_empty();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_name_word(i) {
            i += 1;
            continue;
        }
        let first = i;
        i += 1;
        while i < words.len() && is_name_word(i) && joined(i) {
            i += 1;
        }
        runs.push(NameRun { first, end: i });
    }
    runs
}

/// Two name words are the same name: equal, one a form of the other ("Russia" /
/// "Russian"), or a close spelling ("Zelensky" / "Zelenskyy").
fn same_name_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 4 && long.starts_with(short) && long.len() - short.len() <= 3 {
        return true;
    }
    short.len() >= 5 && strsim::jaro_winkler(a, b) >= 0.92
}

/// The name words of `run` that `other` does not name anywhere.
fn unmatched_in(run: &NameRun, a: &Member<'_>, b: &Member<'_>) -> Vec<usize> {
    let words = &a.profile.words;
    (run.first..run.end)
        .filter(|&i| {
            !b.profile.words.iter().any(|o| {
                o.is_capitalised
                    && (same_name_word(&words[i].norm, &o.norm)
                        || abbreviates(a.text, &words[i], &o.norm)
                        || abbreviates(b.text, o, &words[i].norm))
            })
        })
        .collect()
}

/// "Fla." for "Florida": a short word written with a dot whose letters come in order in
/// the long one, starting with the same letter.
fn abbreviates(text: &str, short: &Word, long: &str) -> bool {
    let abbreviation = &short.norm;
    if !(2..=4).contains(&abbreviation.len())
        || long.len() <= abbreviation.len()
        || !text[short.end..].starts_with('.')
        || abbreviation.chars().next() != long.chars().next()
    {
        return false;
    }
    let mut rest = long.chars();
    abbreviation.chars().all(|c| rest.any(|l| l == c))
}

/// The slot a name fills: the words right before and after it. One side must be the same
/// content word ("Governor Hale signed" / "Governor Moreno signed") and the other the same
/// word or the edge of the claim; or both sides the same function words.
fn slot_matches(a: &[Word], a_span: (usize, usize), b: &[Word], b_span: (usize, usize)) -> bool {
    fn before(words: &[Word], first: usize) -> Option<&Word> {
        first.checked_sub(1).map(|j| &words[j])
    }
    fn after(words: &[Word], end: usize) -> Option<&Word> {
        words.get(end)
    }
    let content_equal = |x: Option<&Word>, y: Option<&Word>| match (x, y) {
        (Some(x), Some(y)) => !x.is_stop && x.norm == y.norm,
        _ => false,
    };
    let equal_or_edge = |x: Option<&Word>, y: Option<&Word>| match (x, y) {
        (Some(x), Some(y)) => x.norm == y.norm,
        _ => true,
    };
    let equal = |x: Option<&Word>, y: Option<&Word>| match (x, y) {
        (Some(x), Some(y)) => x.norm == y.norm,
        _ => false,
    };
    let (a_before, b_before) = (before(a, a_span.0), before(b, b_span.0));
    let (a_after, b_after) = (after(a, a_span.1), after(b, b_span.1));
    (content_equal(a_before, b_before) && equal_or_edge(a_after, b_after))
        || (content_equal(a_after, b_after) && equal_or_edge(a_before, b_before))
        || (equal(a_before, b_before) && equal(a_after, b_after))
}

/// Whether the words `span` of `words` spell the same name as `value`'s words.
fn names_same(words: &[Word], span: (usize, usize), value: &[&Word]) -> bool {
    span.1 - span.0 == value.len()
        && words[span.0..span.1]
            .iter()
            .zip(value)
            .all(|(w, v)| same_name_word(&w.norm, &v.norm))
}

/// The unmatched part of a run as one contiguous span of words, if it is one.
fn contiguous(indices: &[usize]) -> Option<(usize, usize)> {
    let (&first, &last) = (indices.first()?, indices.last()?);
    (last + 1 - first == indices.len()).then_some((first, last + 1))
}

/// Different names in the same slot ("President Biden authorized" / "President Trump
/// authorized"): a name one claim gives where another gives a different one, with the same
/// words around it. Names one claim simply adds are not a difference.
fn name_difference(members: &[Member<'_>]) -> Option<Difference> {
    let runs: Vec<Vec<NameRun>> = members
        .iter()
        .map(|m| name_runs(m.text, &m.profile.words))
        .collect();
    let ((i, span_a), (j, span_b)) = first_name_conflict(members, &runs)?;
    let (a, b) = (&members[i], &members[j]);
    let (a_words, b_words) = (&a.profile.words, &b.profile.words);
    let mut values = vec![name_value(a, span_a), name_value(b, span_b)];
    // The other members that give either name, or another one in that slot.
    let named_a: Vec<&Word> = a_words[span_a.0..span_a.1].iter().collect();
    let named_b: Vec<&Word> = b_words[span_b.0..span_b.1].iter().collect();
    for (k, c) in members.iter().enumerate() {
        if k == i || k == j {
            continue;
        }
        let c_words = &c.profile.words;
        // The longest part of a run that fits ("Anna Berg", not "Anna").
        let span_c = runs[k].iter().find_map(|run| {
            (run.first..run.end)
                .flat_map(|first| (first + 1..=run.end).rev().map(move |end| (first, end)))
                .find(|&span| {
                    names_same(c_words, span, &named_a)
                        || names_same(c_words, span, &named_b)
                        || slot_matches(a_words, span_a, c_words, span)
                })
        });
        if let Some(span_c) = span_c {
            values.push(name_value(c, span_c));
        }
    }
    values.sort_by_key(|v| v.claim);
    Some(Difference {
        kind: DifferenceKind::Name,
        values,
    })
}

/// The first two members of different articles that name different people or places in
/// the same slot: each member's index and the word span of its name.
type NameAt = (usize, (usize, usize));
fn first_name_conflict(members: &[Member<'_>], runs: &[Vec<NameRun>]) -> Option<(NameAt, NameAt)> {
    for (i, a) in members.iter().enumerate() {
        for (j, b) in members.iter().enumerate().skip(i + 1) {
            if a.article == b.article {
                continue;
            }
            // The names each one gives that the other does not.
            let only_in = |k: usize, own: &Member<'_>, other: &Member<'_>| -> Vec<(usize, usize)> {
                runs[k]
                    .iter()
                    .filter_map(|run| contiguous(&unmatched_in(run, own, other)))
                    .collect()
            };
            let (only_a, only_b) = (only_in(i, a, b), only_in(j, b, a));
            for &span_a in &only_a {
                for &span_b in &only_b {
                    if slot_matches(&a.profile.words, span_a, &b.profile.words, span_b) {
                        return Some(((i, span_a), (j, span_b)));
                    }
                }
            }
        }
    }
    None
}

/// A name as written, by its word span; word boundaries leave the last dot of "U.S."
/// outside the word, so it is put back.
fn name_value(member: &Member<'_>, (first, end): (usize, usize)) -> DifferenceValue {
    let words = &member.profile.words;
    let last = &words[end - 1];
    let dotted =
        member.text[last.start..last.end].contains('.') && member.text[last.end..].starts_with('.');
    value(member, words[first].start, last.end + usize::from(dotted))
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
        assert_eq!(
            status("If the mayor approves the plan, building starts."),
            Some(Status::UnderConsideration)
        );
        assert_eq!(
            status("The mayor's potential approval of the plan."),
            Some(Status::UnderConsideration)
        );
        assert_eq!(status("The city prepares for possible floods."), None);
    }

    fn members<'a>(texts: &'a [&'a str], profiles: &'a [Profile]) -> Vec<Member<'a>> {
        texts
            .iter()
            .zip(profiles)
            .enumerate()
            .map(|(i, (text, profile))| Member {
                claim: ClaimId::from(i),
                article: ArticleId::from(i),
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

    fn name_values(texts: &[&str]) -> Option<Vec<String>> {
        let found = diffs(texts);
        let names = found.iter().find(|d| d.kind == DifferenceKind::Name)?;
        Some(names.values.iter().map(|v| v.value.clone()).collect())
    }

    #[test]
    fn different_names_in_the_same_slot_differ() {
        assert_eq!(
            name_values(&[
                "The talks were led by Foreign Minister Anna Berg on Tuesday.",
                "The talks were led by Foreign Minister Piet Smit on Tuesday.",
                "Foreign Minister Anna Berg led the talks.",
            ]),
            Some(vec![
                "Anna Berg".to_owned(),
                "Piet Smit".to_owned(),
                "Anna Berg".to_owned()
            ])
        );
        assert_eq!(
            name_values(&[
                "The order was signed by Governor Hale in March.",
                "The order was signed by Governor Moreno.",
            ]),
            Some(vec!["Hale".to_owned(), "Moreno".to_owned()])
        );
        assert_eq!(
            name_values(&[
                "The deal was announced by the U.S. on Friday.",
                "The deal was announced by the U.K. on Friday.",
            ]),
            Some(vec!["U.S.".to_owned(), "U.K.".to_owned()])
        );
    }

    #[test]
    fn added_or_respelled_names_do_not_differ() {
        // One claim adds a name, the other names nobody in its place.
        assert_eq!(
            name_values(&[
                "President Volodymyr Zelensky thanked the allies.",
                "Zelenskyy thanked the allies on Monday in Kyiv.",
            ]),
            None
        );
        // An abbreviation is the same name.
        assert_eq!(
            name_values(&[
                "The president flew to Palm Beach, Fla., on Friday.",
                "The president flew to Palm Beach, Florida, on Friday.",
            ]),
            None
        );
        // A country and its adjective are one name.
        assert_eq!(
            name_values(&[
                "Missiles may strike Russia within days.",
                "Missiles may strike Russian targets within days.",
            ]),
            None
        );
        // Different first words of the sentence are not names.
        assert_eq!(
            name_values(&[
                "Experts say the war will last.",
                "Analysts say the war will last."
            ]),
            None
        );
    }

    #[test]
    fn values_within_one_article_are_not_a_difference() {
        let matcher = Matcher::default();
        let texts = ["Aid reaches $175 billion.", "Aid reaches $56 billion."];
        let profiles: Vec<Profile> = texts.iter().map(|t| matcher.profile(t)).collect();
        let mut same_article = members(&texts, &profiles);
        for member in &mut same_article {
            member.article = ArticleId(0);
        }
        assert!(differences(&same_article).is_empty());
        assert!(!differences(&members(&texts, &profiles)).is_empty());
    }
}
