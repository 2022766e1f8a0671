//! Linking claims across articles into groups, and finding their differences.
//!
//! 1. One [`Matcher`] is built over every claim of the corpus (stem document frequencies).
//! 2. Candidates come from an inverted index over content stems: each claim meets only the
//!    claims of other articles that share its rarer stems (postings longer than
//!    [`MAX_POSTINGS`] are skipped), keeping its [`MAX_CANDIDATES`] best by shared IDF mass.
//!    So the work grows with the number of claims, not with its square.
//! 3. Candidate pairs are scored with the matcher's linking similarity
//!    ([`Matcher::similarity`]) plus in-story bonuses; pairs at or above [`LINK_THRESHOLD`]
//!    become edges, merged best-first into groups whose members all match one another
//!    reasonably (no chaining).
//! 4. Each group of several articles gets its differences ([`differences`]); its status is
//!    unique, shared or differing.

use super::differences::{self, Member};
use super::model::{Article, Claim, ClaimId, Group, GroupId, GroupStatus};
use super::similarity::{Matcher, Profile};
use super::text::{self, Word};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Postings longer than this are too common to find candidates with.
pub const MAX_POSTINGS: usize = 400;
/// Candidates judged per claim.
pub const MAX_CANDIDATES: usize = 16;
/// Links kept per claim (its best-scoring ones).
pub const MAX_LINKS_PER_CLAIM: usize = 4;
/// Score at or above which two claims of different articles are linked.
pub const LINK_THRESHOLD: f64 = 0.35;
/// Every pair inside a group must score at least this (stops chains A~B~C with A≁C).
pub const MEMBER_THRESHOLD: f64 = 0.35;

/// Groups `claims` (all articles, in id order) and sets each claim's `group`.
/// `progress(done, total)` counts claims processed.
pub fn group_claims(
    _articles: &[Article],
    claims: &mut [Claim],
    progress: &dyn Fn(usize, usize),
) -> Vec<Group> {
    let total = claims.len();
    // Each claim is split into words once, for the statistics and for its profile.
    let words: Vec<Vec<Word>> = claims.par_iter().map(|c| text::words(&c.text)).collect();
    let matcher = Matcher::from_words(&words);
    let profiles: Vec<Profile> = claims
        .par_iter()
        .zip(words)
        .map(|(c, words)| matcher.profile_words(&c.text, words))
        .collect();
    let edges = linked_pairs(&matcher, claims, &profiles);
    progress(total / 2, total);
    let clusters = cluster(&matcher, claims, &profiles, &edges);

    let mut groups: Vec<Group> = clusters
        .into_iter()
        .map(|mut members| {
            members.sort_unstable();
            let ids: Vec<ClaimId> = members.iter().map(|&i| claims[i].id).collect();
            let mut articles: Vec<_> = members.iter().map(|&i| claims[i].article).collect();
            articles.sort_unstable();
            articles.dedup();
            let found = if articles.len() > 1 {
                let prepared: Vec<Member<'_>> = members
                    .iter()
                    .map(|&i| Member {
                        claim: claims[i].id,
                        article: claims[i].article,
                        text: &claims[i].text,
                        offset: claims[i].start,
                        profile: &profiles[i],
                    })
                    .collect();
                differences::differences(&prepared)
            } else {
                Vec::new()
            };
            let status = if articles.len() < 2 {
                GroupStatus::Unique
            } else if found.is_empty() {
                GroupStatus::Shared
            } else {
                GroupStatus::Differing
            };
            Group {
                id: GroupId(0),
                status,
                claims: ids,
                articles,
                differences: found,
            }
        })
        .collect();
    // Deterministic order: by first claim (claims are in article and text order).
    groups.sort_by_key(|g| g.claims.first().copied());
    for (index, group) in groups.iter_mut().enumerate() {
        group.id = GroupId::from(index);
        for claim in &group.claims {
            if let Some(c) = claims.get_mut(claim.index()) {
                c.group = group.id;
            }
        }
    }
    progress(total, total);
    groups
}

/// A judged candidate pair, `a < b` (claim indices).
#[derive(Clone, Copy, Debug)]
struct Edge {
    a: usize,
    b: usize,
    score: f64,
}

/// Candidate pairs from the stem index, judged; those that link.
fn linked_pairs(matcher: &Matcher, claims: &[Claim], profiles: &[Profile]) -> Vec<Edge> {
    // Inverted index: stem → claims containing it, in claim order.
    let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    for (index, profile) in profiles.iter().enumerate() {
        for stem in &profile.stems {
            postings.entry(stem.id).or_default().push(index as u32);
        }
    }
    let mut edges: Vec<Edge> = (0..claims.len())
        .into_par_iter()
        .flat_map_iter(|i| {
            let profile = &profiles[i];
            let mut shared: FxHashMap<u32, f64> = FxHashMap::default();
            // Stems are sorted by id, so the sums below are deterministic.
            for stem in &profile.stems {
                let weight = stem.idf;
                let Some(list) = postings.get(&stem.id) else {
                    continue;
                };
                if list.len() > MAX_POSTINGS {
                    continue;
                }
                for &j in list {
                    let j_index = j as usize;
                    if j_index > i && claims[j_index].article != claims[i].article {
                        *shared.entry(j).or_default() += weight;
                    }
                }
            }
            let mut ranked: Vec<(u32, f64)> = shared.into_iter().collect();
            ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            ranked.truncate(MAX_CANDIDATES);
            let mut linked: Vec<Edge> = ranked
                .into_iter()
                .filter_map(move |(j, _)| {
                    let j = j as usize;
                    let score =
                        matcher.similarity(profile, &profiles[j]) + bonus(profile, &profiles[j]);
                    (score >= LINK_THRESHOLD).then_some(Edge { a: i, b: j, score })
                })
                .collect();
            // Only a claim's best links can shape its group; the rest would only cost merge
            // checks (and invite chaining in corpora of look-alike sentences).
            linked.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.b.cmp(&y.b)));
            linked.truncate(MAX_LINKS_PER_CLAIM);
            linked
        })
        .collect();
    edges.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    edges
}

/// Best-first merging of edges into clusters. A merge needs the mean score over the pairs
/// it would put together (the linking edge included) to reach [`MEMBER_THRESHOLD`], which
/// stops chains A~B~C with A≁C. A cluster may hold several claims of one article: articles
/// restate their lead in the standfirst, a bullet and the body. Returns every claim's
/// cluster (singletons included), as lists of claim indices.
fn cluster(
    matcher: &Matcher,
    claims: &[Claim],
    profiles: &[Profile],
    edges: &[Edge],
) -> Vec<Vec<usize>> {
    let mut cluster_of: Vec<usize> = (0..claims.len()).collect();
    let mut members: Vec<Vec<usize>> = (0..claims.len()).map(|i| vec![i]).collect();
    for edge in edges {
        let (ca, cb) = (cluster_of[edge.a], cluster_of[edge.b]);
        if ca == cb {
            continue;
        }
        let (small, large) = if members[ca].len() <= members[cb].len() {
            (ca, cb)
        } else {
            (cb, ca)
        };
        // Mean linkage over a bounded sample of members, so big clusters stay cheap.
        let mut total = 0.0;
        let mut count = 0usize;
        for &x in members[small].iter().take(MAX_LINKAGE_SAMPLE) {
            for &y in members[large].iter().take(MAX_LINKAGE_SAMPLE) {
                let is_edge = (x.min(y), x.max(y)) == (edge.a, edge.b);
                total += if is_edge {
                    edge.score
                } else {
                    matcher.similarity(&profiles[x], &profiles[y])
                        + bonus(&profiles[x], &profiles[y])
                };
                count += 1;
            }
        }
        if count == 0 || total / (count as f64) < MEMBER_THRESHOLD {
            continue;
        }
        let moved = std::mem::take(&mut members[small]);
        for &x in &moved {
            cluster_of[x] = large;
        }
        members[large].extend(moved);
    }
    members.into_iter().filter(|m| !m.is_empty()).collect()
}

/// Members per side used to check a merge.
const MAX_LINKAGE_SAMPLE: usize = 4;

/// Added to the score of two claims that give amounts of the same currency or unit: in one
/// story, two sentences about "$175 billion" and "$56.2 billion" of aid are likely about the
/// same quantity even if worded apart (and then they differ).
pub const NUMBER_BONUS: f64 = 0.1;

/// Added to the score of two claims that share a phrase of two neighbouring content words
/// that is telling in the corpus: in one story that is a strong sign of the same point, even
/// when the rest of each sentence is about other things.
pub const PHRASE_BONUS: f64 = 0.05;
/// A phrase is telling when both its words are rare (mean IDF weight, 0.1 to 1, at least
/// this)...
const RARE_WORDS_IDF: f64 = 0.6;
/// ...or when the phrase as a whole ([`Matcher::phrase_idf`]) and its rarer word both reach
/// this: "Russian retaliation" in just the two claims that make the point, though "Russian"
/// is common in the story. A phrase of common words ("long-range missiles") needs more than
/// the rarity of the pairing.
const RARE_PHRASE_IDF: f64 = 0.7;

fn phrase_bonus(a: &Profile, b: &Profile) -> f64 {
    let shared = a.bigrams.iter().any(|bigram| {
        let telling = bigram.mean_word_idf >= RARE_WORDS_IDF
            || (bigram.idf >= RARE_PHRASE_IDF && bigram.word_idf >= RARE_PHRASE_IDF);
        telling && b.bigrams.binary_search_by_key(&bigram.id, |g| g.id).is_ok()
    });
    if shared { PHRASE_BONUS } else { 0.0 }
}

/// The in-story bonuses added to the matcher's score when linking.
fn bonus(a: &Profile, b: &Profile) -> f64 {
    number_bonus(a, b) + phrase_bonus(a, b)
}

fn number_bonus(a: &Profile, b: &Profile) -> f64 {
    let shared_dimension = a.quantities.iter().any(|x| {
        x.unit.is_some() && !x.is_year && b.quantities.iter().any(|y| x.same_dimension(y))
    });
    if shared_dimension { NUMBER_BONUS } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::ArticleId;

    fn claim(article: u32, text: &str) -> Claim {
        Claim {
            id: ClaimId(0),
            article: ArticleId(article),
            text: text.to_owned(),
            start: 0,
            end: text.len(),
            group: GroupId(0),
        }
    }

    fn run(mut claims: Vec<Claim>) -> (Vec<Claim>, Vec<Group>) {
        for (i, c) in claims.iter_mut().enumerate() {
            c.id = ClaimId::from(i);
        }
        let groups = group_claims(&[], &mut claims, &|_, _| {});
        (claims, groups)
    }

    #[test]
    fn same_claims_link_and_others_stay_unique() {
        let (claims, groups) = run(vec![
            claim(
                0,
                "The city council approved the new stadium budget on Monday.",
            ),
            claim(0, "Fans gathered outside the old arena in the rain."),
            claim(
                1,
                "On Monday the city council approved the budget for the new stadium.",
            ),
            claim(1, "The mayor plans to run for governor next year."),
            claim(
                2,
                "Local shops reported record sales over the holiday weekend.",
            ),
        ]);
        assert_eq!(claims[0].group, claims[2].group);
        let linked = &groups[claims[0].group.index()];
        assert_eq!(linked.status, GroupStatus::Shared);
        assert_eq!(linked.articles, vec![ArticleId(0), ArticleId(1)]);
        for i in [1, 3, 4] {
            assert_eq!(groups[claims[i].group.index()].status, GroupStatus::Unique);
        }
        // Ids are indices and every claim is in exactly its group.
        for (index, group) in groups.iter().enumerate() {
            assert_eq!(group.id.index(), index);
            for c in &group.claims {
                assert_eq!(claims[c.index()].group, group.id);
            }
        }
    }

    #[test]
    fn restatements_join_the_group_and_numbers_differ() {
        let (claims, groups) = run(vec![
            claim(
                0,
                "The city council approved a stadium budget of $300 million.",
            ),
            claim(
                0,
                "The city council approved a stadium budget of $300 million, officials said.",
            ),
            claim(
                1,
                "The city council approved a stadium budget of $250 million.",
            ),
            claim(1, "Fans gathered outside the old arena in the rain."),
        ]);
        let group = &groups[claims[2].group.index()];
        assert_eq!(group.claims.len(), 3);
        assert_eq!(group.status, GroupStatus::Differing);
        let values: Vec<&str> = group.differences[0]
            .values
            .iter()
            .map(|v| v.value.as_str())
            .collect();
        assert_eq!(values, ["$300 million", "$300 million", "$250 million"]);
        assert_eq!(groups[claims[3].group.index()].status, GroupStatus::Unique);
    }

    #[test]
    fn a_rare_shared_phrase_earns_the_bonus_and_a_common_one_does_not() {
        let mut texts: Vec<String> = (0..30)
            .map(|i| format!("Russian officials met in Moscow on day {i}."))
            .collect();
        let a = "Experts noted the risk of Russian retaliation after the strikes.";
        let b = "Officials fear Russian retaliation against European forces.";
        let c = "Russian officials spoke to reporters.";
        let d = "Russian officials left early.";
        texts.extend([a, b, c, d].map(str::to_owned));
        let matcher = Matcher::new(texts.iter().map(String::as_str));
        let [a, b, c, d] = [a, b, c, d].map(|t| matcher.profile(t));
        assert_eq!(phrase_bonus(&a, &b), PHRASE_BONUS);
        assert_eq!(phrase_bonus(&c, &d), 0.0);
    }

    #[test]
    fn grouping_is_deterministic() {
        let make = || {
            vec![
                claim(0, "Rain flooded the main road through the valley."),
                claim(1, "The main road through the valley was flooded by rain."),
                claim(2, "Heavy rain flooded the valley's main road."),
            ]
        };
        let (a, ga) = run(make());
        let (b, gb) = run(make());
        assert_eq!(a, b);
        assert_eq!(ga, gb);
    }
}
