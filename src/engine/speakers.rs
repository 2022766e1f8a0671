//! Speakers: resolving mentions (pronouns, titles) and merging aliases across the corpus.
//!
//! Each quote's mention (or, for a pronoun, its antecedent) is read by [`names::parse`]
//! into a role and a person, group or other name. Persons merge by surname (accents folded,
//! near spellings like Zelensky/Zelenskyy joined by Jaro-Winkler) and first name; a bare
//! surname goes to the full name with that surname in the same article, else to the most
//! frequent one in the corpus. Groups and others merge by their lowercase text.
//! The canonical name is the most frequent full form ("Joe Biden").

mod names;

use super::gender::{self, Gender};
use super::model::{Article, ArticleId, Quote, QuoteId, Speaker, SpeakerId};
use super::quotes::{self, RawQuote};
use names::{Kind, Mention};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// The identity a mention resolves to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Entity {
    /// Surname cluster id and first name (None for a bare surname never resolved).
    Person(usize, Option<String>),
    Group(String),
    Other(String),
}

fn is_pronoun(text: &str) -> bool {
    matches!(
        text.to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "i" | "we" | "you" | "who" | "which"
    )
}

/// Whether a mention stands for another phrase, which names its speaker: a pronoun, or a
/// partitive relative ("most of whom").
fn refers_back(mention: &str) -> bool {
    is_pronoun(mention) || quotes::is_partitive_relative(&mention.to_lowercase())
}

/// The words of a (non-pronoun) mention that name its speaker, without what follows or
/// surrounds the name ("lawmakers who", "Biden himself", "European leaders' wariness").
fn speaker_words(mention: &str) -> &str {
    holder_of_attitude(without_dangling_words(without_trailing_pronoun(
        without_appositive(mention),
    )))
}

/// A mention without the words its span cut from what follows: a preposition or a
/// determiner at its end ("attorneys for the" → `attorneys`, "Del. Ana Silva of" → `Del. Ana
/// Silva`), and the subject of a clause left without its relative pronoun ("tax experts I"
/// spoke to → `tax experts`). The quote keeps its source span as found.
fn without_dangling_words(mention: &str) -> &str {
    let mut rest = mention.trim_end();
    while let Some((before, last)) = rest.rsplit_once(char::is_whitespace) {
        // "Promise I" after a capital is a numeral, "experts I" a clause's subject.
        let after_capital = before
            .split_whitespace()
            .next_back()
            .is_some_and(names::is_capitalised);
        if last == "I" && after_capital {
            break;
        }
        let last = last.to_lowercase();
        let dangling = quotes::is_preposition(&last)
            || matches!(
                last.as_str(),
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "their"
                    | "its"
                    | "our"
                    | "my"
                    | "your"
                    | "this"
                    | "these"
                    | "those"
                    | "i"
                    | "we"
                    | "and"
                    | "or"
            );
        // "one of" stays: "one" alone would read as a name.
        let before_lower = before.trim().to_lowercase();
        if !dangling
            || before_lower.is_empty()
            || quotes::lexicon::is_determiner(&before_lower)
            || quotes::lexicon::is_pronoun(&before_lower)
        {
            break;
        }
        rest = before.trim_end_matches([' ', ',']).trim_end();
    }
    rest
}

/// The name in a mention that carries an appositive or a parenthesis ("Flynn, a top
/// surrogate" → `Flynn`, "Rep. Ana Silva (D-Ore.), a panel member" → `Rep. Ana Silva`, "Mr.
/// King, 82" → `Mr. King`, "her business partner, Ana Silva" → `Ana Silva`), so that the
/// speaker merges with the same person named plainly elsewhere. A list ("family, protesters
/// and civic leaders") stays whole.
fn without_appositive(mention: &str) -> &str {
    let mention = mention.trim();
    let has_capital = |part: &str| part.split_whitespace().any(names::is_capitalised);
    // A parenthesis after a name (a party and state, sometimes cut short by the span).
    let mention = match mention.split_once('(') {
        Some((before, _)) if has_capital(before) => before.trim_end(),
        _ => mention,
    };
    let Some((head, tail)) = mention.split_once(',') else {
        return mention;
    };
    let (head, tail) = (head.trim(), tail.trim());
    // "who …", "whose …", or a partitive relative ("most of whom").
    let opens_relative = |part: &str| {
        quotes::is_partitive_relative(&part.to_lowercase())
            || part.split_whitespace().next().is_some_and(|w| {
                let w = w.to_lowercase();
                is_relative_pronoun(&w) || w == "whose"
            })
    };
    // A relative clause left unresolved ("which weaves together … Ana Silva, among others")
    // names nobody in it.
    if opens_relative(head) {
        return mention;
    }
    let is_name = |part: &str| {
        !part.is_empty()
            && part
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase() || c == '"' || c == '“'))
    };
    let ends_in_name = head
        .split_whitespace()
        .next_back()
        .is_some_and(names::is_capitalised);
    // "Smith, Jones and Brown": a list of names is one speaker as written.
    let names_a_list = tail.split_whitespace().any(|w| matches!(w, "and" | "or"))
        && tail
            .split_whitespace()
            .filter(|w| !matches!(*w, "and" | "or"))
            .all(names::is_capitalised);
    if names_a_list {
        mention
    } else if is_name(tail) && !is_name(head) && head.split_whitespace().count() > 1 {
        tail
    } else if ends_in_name || opens_relative(tail) && !head.is_empty() {
        head
    } else {
        mention
    }
}

/// A relative pronoun that can stand for a speaker phrase ("lawmakers who").
fn is_relative_pronoun(word_lower: &str) -> bool {
    matches!(word_lower, "who" | "whom" | "which" | "that")
}

/// A mention without a relative pronoun or an intensifying reflexive at its end ("lawmakers
/// who" → `lawmakers`, "Biden himself" → `Biden`): the speaker is the phrase before it. The
/// quote keeps its source span as found; only the name changes.
fn without_trailing_pronoun(mention: &str) -> &str {
    let trimmed = mention.trim_end();
    match trimmed.rsplit_once(char::is_whitespace) {
        Some((before, last))
            if (is_relative_pronoun(&last.to_lowercase())
                || matches!(
                    last.to_lowercase().as_str(),
                    "himself" | "herself" | "themselves" | "itself"
                ))
                && !before.trim().is_empty() =>
        {
            before.trim_end_matches([' ', ',']).trim_end()
        }
        _ => trimmed,
    }
}

/// The holder named by a mention that is an attitude of theirs ("European leaders’ wariness"
/// → `European leaders`, "the mayor's growing anger" → `the mayor`): the possessor, when
/// the mention's last word is an attitude or statement noun and a possessive comes before it.
/// Other possessives stay ("Biden's administration" is a group, "the senator's spokesman" a
/// person).
fn holder_of_attitude(mention: &str) -> &str {
    let words: Vec<(usize, &str)> = mention
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - mention.as_ptr() as usize, w))
        .collect();
    let Some(&(_, last)) = words.last() else {
        return mention;
    };
    if words.len() < 2 || !quotes::lexicon::is_attitude_noun(&last.to_lowercase()) {
        return mention;
    }
    let possessor_end = words[..words.len() - 1].iter().rev().find_map(|&(at, w)| {
        let stem = ["’s", "'s", "’", "'"]
            .iter()
            .find_map(|suffix| w.strip_suffix(suffix))
            .filter(|stem| !stem.is_empty())?;
        // A bare apostrophe marks a plural's possessive ("leaders’"), not a quotation mark.
        (w.ends_with('s') || stem.ends_with('s')).then_some(at + stem.len())
    });
    // A possessive after a preposition belongs to a modifier, not to the holder ("a person
    // familiar with Johnson's views" is a person).
    let in_modifier = |end: usize| {
        mention[..end].split_whitespace().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "with" | "of" | "for" | "about" | "to" | "from" | "on" | "in" | "at" | "by"
            )
        })
    };
    match possessor_end {
        Some(end) if !mention[..end].trim().is_empty() && !in_modifier(end) => {
            mention[..end].trim_end()
        }
        _ => mention,
    }
}

/// A group's identity: its name in lower case, without possessive endings, so that
/// "Biden's administration" and "the Biden administration" are one group.
fn group_key(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let word = word.to_lowercase();
            match super::text::strip_possessive(&word) {
                Some(stem) if !stem.is_empty() => stem.to_owned(),
                _ => word,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Groups near-identical surnames ("zelensky", "zelenskyy", "zelenskiy"). Each surname is
/// compared only with the first member of each cluster sharing its first three letters, so
/// the work stays near linear.
fn surname_clusters(surnames: &FxHashSet<String>) -> FxHashMap<String, usize> {
    let mut sorted: Vec<&String> = surnames.iter().collect();
    sorted.sort();
    let mut cluster: FxHashMap<String, usize> = FxHashMap::default();
    let mut buckets: FxHashMap<String, Vec<(&String, usize)>> = FxHashMap::default();
    let mut next = 0;
    for s in sorted {
        let key: String = s.chars().take(3).collect();
        let bucket = buckets.entry(key).or_default();
        let found = bucket.iter().find(|(rep, _)| {
            let (a, b) = (s.as_str(), rep.as_str());
            a.len().abs_diff(b.len()) <= 2
                && a.len() >= 4
                && b.len() >= 4
                && strsim::jaro_winkler(a, b) >= 0.93
        });
        let id = match found {
            Some(&(_, id)) => id,
            None => {
                bucket.push((s, next));
                next += 1;
                next - 1
            }
        };
        cluster.insert(s.clone(), id);
    }
    cluster
}

/// Whether two first names (lower case) are forms of one name: nearly alike, and either one
/// the short form of the other ("doug" / "douglas") or the same consonants in the same order
/// once doubled letters are one ("volodymyr" / "volodymir"), with no known gender apart. A
/// consonant more or less inside makes another name ("ivana" / "ivanka", "mara" / "marta").
fn spellings_of_one_first_name(a: &str, b: &str) -> bool {
    fn consonants(name: &str) -> Vec<char> {
        let mut out: Vec<char> = name
            .chars()
            .filter(|c| c.is_alphabetic() && !"aeiouy".contains(*c))
            .collect();
        out.dedup();
        out
    }
    let genders_apart = matches!(
        (gender::of_lowercase_first_name(a), gender::of_lowercase_first_name(b)),
        (Some(x), Some(y)) if x != y
    );
    a.len() >= 3
        && b.len() >= 3
        && strsim::jaro_winkler(a, b) >= 0.9
        && (a.starts_with(b) || b.starts_with(a) || consonants(a) == consonants(b))
        && !genders_apart
}

/// Normalised text used to link the same quote across articles.
fn quote_key(text: &str) -> Vec<String> {
    quote_words(text).map(normalise_quote_word).collect()
}

/// A quote's words as written: runs of letters and digits.
fn quote_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn normalise_quote_word(word: &str) -> String {
    deunicode::deunicode(word).to_lowercase()
}

/// The words of a quote that pin down what it is about: names (capitalised words after the
/// first) and numbers, normalised and sorted. Two quotes that differ only there ("whether
/// Elvaria can pay" / "whether Jorvik can pay") say different things.
fn quote_specifics(text: &str) -> Vec<String> {
    let mut specifics: Vec<String> = quote_words(text)
        .skip(1)
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .map(normalise_quote_word)
        .collect();
    specifics.sort_unstable();
    specifics.dedup();
    specifics
}

/// Whether one sorted list holds all of the other (a quote may leave a name out, but not
/// put another in its place).
fn one_contains_other(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.iter().all(|w| long.binary_search(w).is_ok())
}

/// Turns each article's raw quotes into quotes with canonical speakers.
/// `raw[i]` belongs to `articles[i]`.
pub fn attribute(articles: &[Article], raw: Vec<Vec<RawQuote>>) -> (Vec<Quote>, Vec<Speaker>) {
    // Person names in each article's text (for bare surnames and roles).
    let text_names: Vec<Vec<Mention>> = articles
        .par_iter()
        .map(|a| {
            quotes::name_mentions(a)
                .into_iter()
                .filter_map(|(s, e)| a.text.get(s..e))
                .map(names::parse)
                .filter(|m| matches!(m.kind, Kind::Person { .. }))
                .collect()
        })
        .collect();

    // Every quote with its mention as written and the mention it resolves to.
    struct Item {
        article: usize,
        raw: RawQuote,
        written: Option<String>,
        parsed: Option<Mention>,
        /// The gender the mention states (`Mrs. Silva`, `she`), for a bare surname that
        /// several people in the corpus share.
        gender: Option<Gender>,
    }
    let mut items: Vec<Item> = Vec::new();
    for (ai, list) in raw.into_iter().enumerate() {
        let Some(article) = articles.get(ai) else {
            continue;
        };
        for q in list {
            let get = |span: Option<(usize, usize)>| span.and_then(|(s, e)| article.text.get(s..e));
            let written = get(q.speaker).map(str::to_owned);
            let resolved = match written.as_deref() {
                Some(w) if refers_back(w) => get(q.antecedent).map(speaker_words),
                Some(w) => Some(speaker_words(w)),
                None => None,
            };
            let parsed = resolved.map(names::parse).filter(|m| !m.name.is_empty());
            let gender = written
                .as_deref()
                .and_then(|w| gender::of_pronoun(&w.to_lowercase()).or_else(|| gender::stated(w)));
            items.push(Item {
                article: ai,
                raw: q,
                written,
                parsed,
                gender,
            });
        }
    }

    // Surname clusters over everything seen.
    let mut surnames: FxHashSet<String> = FxHashSet::default();
    let all_mentions = items
        .iter()
        .filter_map(|i| i.parsed.as_ref())
        .chain(text_names.iter().flatten());
    for m in all_mentions {
        if let Kind::Person { surname, .. } = &m.kind {
            surnames.insert(surname.clone());
        }
    }
    let cluster = surname_clusters(&surnames);
    // First names within a surname cluster merge when spelled nearly alike
    // ("Volodymyr"/"Volodymir"); each maps to the smallest spelling of its group. Two
    // spellings that one article uses side by side name two people ("Mara"/"Marta"):
    // an article keeps to one spelling of a person's name.
    let mut firsts: BTreeMap<usize, BTreeMap<String, FxHashSet<usize>>> = BTreeMap::new();
    let all_mentions = items
        .iter()
        .filter_map(|i| Some((i.article, i.parsed.as_ref()?)))
        .chain(
            text_names
                .iter()
                .enumerate()
                .flat_map(|(ai, list)| list.iter().map(move |m| (ai, m))),
        );
    for (ai, m) in all_mentions {
        if let Kind::Person {
            first: Some(first),
            surname,
        } = &m.kind
            && let Some(&c) = cluster.get(surname)
        {
            firsts
                .entry(c)
                .or_default()
                .entry(first.clone())
                .or_default()
                .insert(ai);
        }
    }
    let mut first_rep: FxHashMap<(usize, String), String> = FxHashMap::default();
    for (c, list) in firsts {
        // Each group's spelling and the articles any of its members appear in.
        let mut reps: Vec<(String, FxHashSet<usize>)> = Vec::new();
        for (f, in_articles) in list {
            let rep = reps.iter_mut().find(|(r, seen)| {
                spellings_of_one_first_name(r, &f) && seen.is_disjoint(&in_articles)
            });
            let rep = match rep {
                Some((r, seen)) => {
                    seen.extend(in_articles);
                    r.clone()
                }
                None => {
                    reps.push((f.clone(), in_articles));
                    f.clone()
                }
            };
            first_rep.insert((c, f), rep);
        }
    }
    let person_key = |m: &Mention| -> Option<(usize, Option<String>)> {
        match &m.kind {
            Kind::Person { first, surname } => {
                let c = *cluster.get(surname)?;
                let first = first.as_ref().map(|f| {
                    first_rep
                        .get(&(c, f.clone()))
                        .cloned()
                        .unwrap_or_else(|| f.clone())
                });
                Some((c, first))
            }
            _ => None,
        }
    };

    // First names per surname cluster: per article and corpus-wide, with counts.
    let mut corpus_first: FxHashMap<usize, BTreeMap<String, usize>> = FxHashMap::default();
    let mut article_first: Vec<FxHashMap<usize, BTreeMap<String, usize>>> =
        vec![FxHashMap::default(); articles.len()];
    let mut article_role: Vec<FxHashMap<(usize, Option<String>), String>> =
        vec![FxHashMap::default(); articles.len()];
    let mut note = |ai: usize, m: &Mention| {
        if let Some((c, first)) = person_key(m) {
            if let Some(f) = &first {
                *corpus_first
                    .entry(c)
                    .or_default()
                    .entry(f.clone())
                    .or_default() += 1;
                *article_first[ai]
                    .entry(c)
                    .or_default()
                    .entry(f.clone())
                    .or_default() += 1;
            }
            if let Some(role) = &m.role {
                article_role[ai]
                    .entry((c, first))
                    .or_insert_with(|| role.clone());
            }
        }
    };
    for (ai, list) in text_names.iter().enumerate() {
        for m in list {
            note(ai, m);
        }
    }
    for item in &items {
        if let Some(m) = &item.parsed {
            note(item.article, m);
        }
    }
    // The most frequent first name, among those whose gender does not contradict the
    // mention's ("Mrs. Silva" is not Tom Silva).
    let most_frequent =
        |counts: Option<&BTreeMap<String, usize>>, wanted: Option<Gender>| -> Option<String> {
            // Known to agree before not known; never known to disagree. First names are
            // folded to lower case already. On a tie, the first in order.
            let fit = |f: &str| match (wanted, gender::of_lowercase_first_name(f)) {
                (Some(wanted), Some(g)) => 2 * usize::from(g == wanted),
                _ => 1,
            };
            let mut best: Option<(usize, usize, &String)> = None;
            for (f, &n) in counts? {
                let fit = fit(f);
                if fit > 0 && best.is_none_or(|(bf, bn, _)| (fit, n) > (bf, bn)) {
                    best = Some((fit, n, f));
                }
            }
            best.map(|(_, _, f)| f.clone())
        };

    // Resolve every quote to an entity.
    let entity_of = |item: &Item| -> Option<Entity> {
        let m = item.parsed.as_ref()?;
        match &m.kind {
            Kind::Person { .. } => {
                let (c, first) = person_key(m)?;
                let first = first
                    .or_else(|| most_frequent(article_first[item.article].get(&c), item.gender))
                    .or_else(|| most_frequent(corpus_first.get(&c), item.gender));
                Some(Entity::Person(c, first))
            }
            Kind::Group => Some(Entity::Group(group_key(&m.name))),
            Kind::Other => {
                // "the president", "U.N. Secretary-General": the one person holding that role
                // in this article.
                let name = m.name.to_lowercase();
                let suffix = format!(" {name}");
                let mut holders: Vec<&(usize, Option<String>)> = article_role[item.article]
                    .iter()
                    .filter(|(_, role)| {
                        let role = role.to_lowercase();
                        role == name || role.ends_with(&suffix)
                    })
                    .map(|(key, _)| key)
                    .collect();
                holders.sort();
                holders.dedup();
                match holders.as_slice() {
                    [(c, first)] => Some(Entity::Person(*c, first.clone())),
                    // Possessives as for groups: "Silva's campaign" is "the Silva campaign".
                    _ => Some(Entity::Other(group_key(&m.name))),
                }
            }
        }
    };
    let entities: Vec<Option<Entity>> = items.iter().map(entity_of).collect();

    // Name forms per entity (from quotes and, for persons, from the articles' text).
    let mut forms: BTreeMap<Entity, BTreeMap<String, usize>> = BTreeMap::new();
    let mut aliases: BTreeMap<Entity, FxHashSet<String>> = BTreeMap::new();
    for (item, entity) in items.iter().zip(&entities) {
        let (Some(entity), Some(m)) = (entity, &item.parsed) else {
            continue;
        };
        *forms
            .entry(entity.clone())
            .or_default()
            .entry(m.name.clone())
            .or_default() += 1;
        let set = aliases.entry(entity.clone()).or_default();
        set.insert(m.name.clone());
        if let Some(w) = &item.written
            && !refers_back(w)
        {
            set.insert(strip_article(speaker_words(w)));
        }
    }
    for list in &text_names {
        for m in list {
            let Some((c, Some(first))) = person_key(m) else {
                continue;
            };
            let entity = Entity::Person(c, Some(first));
            if let Some(f) = forms.get_mut(&entity) {
                *f.entry(m.name.clone()).or_default() += 1;
                if let Some(set) = aliases.get_mut(&entity) {
                    if let Some(role) = &m.role {
                        set.insert(format!("{role} {}", m.name));
                    }
                    set.insert(m.name.clone());
                }
            }
        }
    }
    let canonical = |entity: &Entity| -> String {
        let Some(f) = forms.get(entity) else {
            return String::new();
        };
        let full = |name: &str| name.split_whitespace().count() >= 2;
        let pool: Vec<(&String, &usize)> =
            if matches!(entity, Entity::Person(..)) && f.keys().any(|n| full(n)) {
                f.iter().filter(|(n, _)| full(n)).collect()
            } else {
                f.iter().collect()
            };
        let best = pool.iter().map(|(_, n)| **n).max().unwrap_or(0);
        pool.iter()
            .filter(|(_, n)| **n == best)
            .map(|(name, _)| (*name).clone())
            .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)))
            .unwrap_or_default()
    };

    // Quotes, sorted by article then position.
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].article, items[i].raw.start, items[i].raw.end));

    // Speakers: every entity that has a quote.
    let mut speaker_entities: Vec<Entity> = entities.iter().flatten().cloned().collect();
    speaker_entities.sort();
    speaker_entities.dedup();
    let names_of: Vec<String> = speaker_entities.iter().map(&canonical).collect();
    let mut quote_count: FxHashMap<&Entity, usize> = FxHashMap::default();
    for e in entities.iter().flatten() {
        *quote_count.entry(e).or_default() += 1;
    }
    let mut speaker_order: Vec<usize> = (0..speaker_entities.len()).collect();
    speaker_order.sort_by(|&a, &b| {
        let (ea, eb) = (&speaker_entities[a], &speaker_entities[b]);
        quote_count[eb]
            .cmp(&quote_count[ea])
            .then_with(|| names_of[a].cmp(&names_of[b]))
            .then_with(|| ea.cmp(eb))
    });
    let mut speaker_id: FxHashMap<&Entity, SpeakerId> = FxHashMap::default();
    let mut speakers: Vec<Speaker> = Vec::new();
    for (rank, &si) in speaker_order.iter().enumerate() {
        let entity = &speaker_entities[si];
        speaker_id.insert(entity, SpeakerId::from(rank));
        let name = names_of[si].clone();
        let mut alias: Vec<String> = aliases
            .get(entity)
            .map(|s| s.iter().filter(|a| **a != name).cloned().collect())
            .unwrap_or_default();
        alias.sort();
        speakers.push(Speaker {
            id: SpeakerId::from(rank),
            name,
            aliases: alias,
            roles: Vec::new(),
            quotes: Vec::new(),
            articles: Vec::new(),
            is_group: matches!(entity, Entity::Group(_)),
        });
    }

    let mut out: Vec<Quote> = Vec::with_capacity(items.len());
    for &i in &order {
        let item = &items[i];
        let article = &articles[item.article];
        let id = QuoteId::from(out.len());
        let entity = entities[i].as_ref();
        let sid = entity.and_then(|e| speaker_id.get(e).copied());
        let role = item.parsed.as_ref().and_then(|m| {
            m.role.clone().or_else(|| match entity {
                Some(Entity::Person(c, first)) => article_role[item.article]
                    .get(&(*c, first.clone()))
                    .cloned(),
                _ => None,
            })
        });
        if let Some(sid) = sid {
            let s = &mut speakers[sid.index()];
            s.quotes.push(id);
            s.articles.push(article.id);
            if let Some(r) = &role {
                s.roles.push(r.clone());
            }
        }
        let text_of = |span: Option<(usize, usize)>| {
            span.and_then(|(s, e)| article.text.get(s..e))
                .map(str::to_owned)
        };
        out.push(Quote {
            id,
            article: article.id,
            kind: item.raw.kind,
            text: article
                .text
                .get(item.raw.start..item.raw.end)
                .unwrap_or("")
                .to_owned(),
            start: item.raw.start,
            end: item.raw.end,
            speaker: sid.map(|s| speakers[s.index()].name.clone()),
            speaker_id: sid,
            speaker_text: item.written.clone(),
            speaker_start: item.raw.speaker.map(|s| s.0),
            speaker_end: item.raw.speaker.map(|s| s.1),
            role,
            cue: text_of(item.raw.cue),
            also_in: Vec::new(),
        });
    }
    for s in &mut speakers {
        s.roles.sort();
        s.roles.dedup();
        s.articles.sort();
        s.articles.dedup();
    }
    link_repeated_quotes(&mut out);
    (out, speakers)
}

fn strip_article(mention: &str) -> String {
    let mut words: Vec<&str> = mention.split_whitespace().collect();
    if words
        .first()
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
        && words.len() > 1
    {
        words.remove(0);
    }
    words.join(" ")
}

/// How many values two sorted, deduplicated lists share.
fn sorted_overlap(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// A word 3-gram's hash.
fn shingle_hash(words: &[String]) -> u64 {
    use std::hash::BuildHasher as _;
    rustc_hash::FxBuildHasher.hash_one(words)
}

/// One distinct quote text (its normalised words and specifics), however many articles
/// carry it: repeats are compared once, not once per copy.
struct QuoteForm<'a> {
    words: &'a [String],
    specifics: &'a [String],
    /// Sorted, deduplicated hashes of the word 3-grams (of all the words if fewer than 3).
    shingles: Vec<u64>,
    /// Sorted, deduplicated articles of the quotes with this form.
    articles: Vec<ArticleId>,
}

/// Fills `also_in`: other articles with the same or nearly the same quote text (word
/// 3-grams shared by at least 70% of the shorter quote).
fn link_repeated_quotes(quotes: &mut [Quote]) {
    let keys: Vec<(Vec<String>, Vec<String>)> = quotes
        .par_iter()
        .map(|q| (quote_key(&q.text), quote_specifics(&q.text)))
        .collect();
    // Forms in order of first appearance, so that the work is the same from run to run.
    let mut form_of_key: FxHashMap<&(Vec<String>, Vec<String>), usize> = FxHashMap::default();
    let mut form_of_quote: Vec<usize> = Vec::with_capacity(quotes.len());
    let mut forms: Vec<QuoteForm> = Vec::new();
    for (key, quote) in keys.iter().zip(quotes.iter()) {
        let form = *form_of_key.entry(key).or_insert_with(|| {
            forms.push(QuoteForm {
                words: &key.0,
                specifics: &key.1,
                shingles: Vec::new(),
                articles: Vec::new(),
            });
            forms.len() - 1
        });
        forms[form].articles.push(quote.article);
        form_of_quote.push(form);
    }
    forms.par_iter_mut().for_each(|form| {
        form.articles.sort_unstable();
        form.articles.dedup();
        let words = form.words;
        form.shingles = match words.len() {
            0 => Vec::new(),
            1 | 2 => vec![shingle_hash(words)],
            _ => words.windows(3).map(shingle_hash).collect(),
        };
        form.shingles.sort_unstable();
        form.shingles.dedup();
    });

    // Word-for-word repeats: every form with the same words (of at least four).
    let mut articles_by_words: FxHashMap<&[String], Vec<ArticleId>> = FxHashMap::default();
    for form in forms.iter().filter(|f| f.words.len() >= 4) {
        articles_by_words
            .entry(form.words)
            .or_default()
            .extend_from_slice(&form.articles);
    }

    // Near repeats. A shingle in more distinct quotes than this is a set phrase, not the
    // mark of one quote; looking it up would make the work grow with the square of the
    // corpus.
    const MAX_SHINGLE_QUOTES: usize = 256;
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (f, form) in forms.iter().enumerate() {
        for &h in &form.shingles {
            index.entry(h).or_default().push(f);
        }
    }
    let near_matches: Vec<Vec<usize>> = forms
        .par_iter()
        .map(|form| {
            if form.words.len() < 4 || form.shingles.is_empty() {
                return Vec::new();
            }
            // A quote sharing 70% of this one's shingles shares at least one of its rarest
            // 30% (plus one): only those are looked up, so common phrases cost nothing.
            let mut rare: Vec<&Vec<usize>> =
                form.shingles.iter().filter_map(|h| index.get(h)).collect();
            rare.sort_by_key(|list| list.len());
            rare.truncate(form.shingles.len() * 3 / 10 + 1);
            rare.retain(|list| list.len() <= MAX_SHINGLE_QUOTES);
            let mut candidates: Vec<usize> = rare
                .iter()
                .flat_map(|list| list.iter().copied())
                .filter(|&o| {
                    let other = &forms[o];
                    other.words.len() >= 4 && other.words != form.words
                })
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            candidates.retain(|&o| {
                let other = &forms[o];
                let shared = sorted_overlap(&form.shingles, &other.shingles);
                let shorter = form.shingles.len().min(other.shingles.len());
                shorter > 0
                    && shared * 10 >= shorter * 7
                    && one_contains_other(form.specifics, other.specifics)
            });
            candidates
        })
        .collect();
    // A match found from either side links both.
    let mut linked_forms: Vec<Vec<usize>> = vec![Vec::new(); forms.len()];
    for (f, matches) in near_matches.into_iter().enumerate() {
        for &o in &matches {
            linked_forms[o].push(f);
        }
        linked_forms[f].extend(matches);
    }

    let form_links: Vec<Vec<ArticleId>> = linked_forms
        .into_par_iter()
        .zip(forms.par_iter())
        .map(|(linked, form)| {
            let mut articles: Vec<ArticleId> = articles_by_words
                .get(form.words)
                .cloned()
                .unwrap_or_default();
            for o in linked {
                articles.extend_from_slice(&forms[o].articles);
            }
            articles.sort_unstable();
            articles.dedup();
            articles
        })
        .collect();
    for (quote, form) in quotes.iter_mut().zip(form_of_quote) {
        let own = quote.article;
        quote.also_in = form_links[form]
            .iter()
            .copied()
            .filter(|&a| a != own)
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{Block, BlockKind, QuoteKind, SourceFormat};

    fn article(id: usize, text: &str) -> Article {
        let mut blocks = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let start = offset + (line.len() - line.trim_start().len());
                blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    start,
                    end: start + trimmed.len(),
                });
            }
            offset += line.len();
        }
        Article {
            id: ArticleId::from(id),
            path: format!("{id}.txt"),
            title: String::new(),
            outlet: None,
            date: None,
            author: None,
            section: None,
            format: SourceFormat::Text,
            word_count: 0,
            text: text.to_owned(),
            blocks,
        }
    }

    fn run(texts: &[&str]) -> (Vec<Quote>, Vec<Speaker>) {
        let articles: Vec<Article> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| article(i, t))
            .collect();
        let raw = articles.iter().map(quotes::extract).collect();
        attribute(&articles, raw)
    }

    #[test]
    fn aliases_merge_across_articles() {
        let (q, s) = run(&[
            "President Volodymir Kovalenko met envoys. “We will hold the line,” Kovalenko said.",
            "“Our defence is strong,” said President Volodymyr Kovalenko.",
            "Kovalenkoo said the talks would resume on Monday.",
        ]);
        assert_eq!(q.len(), 3, "{q:#?}");
        let ids: FxHashSet<_> = q.iter().map(|q| q.speaker_id).collect();
        assert_eq!(ids.len(), 1, "{s:#?}");
        assert_eq!(s.len(), 1);
        assert!(s[0].name.starts_with("Volodym"), "{}", s[0].name);
        assert!(s[0].aliases.iter().any(|a| a == "Kovalenko"));
        assert_eq!(s[0].roles, vec!["President".to_owned()]);
        assert_eq!(q[0].role.as_deref(), Some("President"));
        assert_eq!(s[0].articles.len(), 3);
    }

    #[test]
    fn different_first_names_stay_apart() {
        let (_, s) =
            run(&["Anna Marsh said the vote was fair. Tom Marsh said the vote was rigged."]);
        assert_eq!(s.len(), 2, "{s:#?}");
    }

    #[test]
    fn an_honorific_picks_the_person_of_its_gender() {
        let (q, _) = run(&[
            "John Marsh and Sarah Marsh run the farm. John Marsh, who founded it, was away. \
             Mrs. Marsh said the harvest was late. Mr. Marsh said the price would rise.",
        ]);
        let by_speaker: Vec<(&str, &str)> = q
            .iter()
            .map(|q| {
                (
                    q.speaker_text.as_deref().unwrap_or(""),
                    q.speaker.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert!(
            by_speaker.contains(&("Mrs. Marsh", "Sarah Marsh")),
            "{by_speaker:?}"
        );
        assert!(
            by_speaker.contains(&("Mr. Marsh", "John Marsh")),
            "{by_speaker:?}"
        );
    }

    #[test]
    fn near_first_names_in_one_article_stay_apart() {
        // Spelled nearly alike, but one article names both: two people.
        let (q, s) = run(&[
            "Ivana Marsh said the vote was fair. Ivanka Marsh said the vote was rigged.",
            "Ivanka Marsh said the count would resume.",
        ]);
        assert_eq!(q.len(), 3, "{q:#?}");
        let mut names: Vec<&str> = s.iter().map(|s| s.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Ivana Marsh", "Ivanka Marsh"], "{s:#?}");
    }

    #[test]
    fn a_consonant_more_makes_another_first_name() {
        // Never side by side in one article, but still two people.
        let (q, s) = run(&[
            "Ivana Marsh said the vote was fair.",
            "Ivanka Marsh said the count would resume.",
        ]);
        assert_eq!(q.len(), 2, "{q:#?}");
        let mut names: Vec<&str> = s.iter().map(|s| s.name.as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["Ivana Marsh", "Ivanka Marsh"], "{s:#?}");
        assert!(spellings_of_one_first_name("volodymyr", "volodymir"));
        assert!(spellings_of_one_first_name("doug", "douglas"));
        assert!(!spellings_of_one_first_name("mara", "marta"));
    }

    #[test]
    fn a_name_leaves_out_the_words_its_span_cut_from_what_follows() {
        assert_eq!(speaker_words("attorneys for the"), "attorneys");
        assert_eq!(speaker_words("Del. Ana Silva of"), "Del. Ana Silva");
        assert_eq!(
            speaker_words("a number of tax experts I"),
            "a number of tax experts"
        );
        assert_eq!(speaker_words("Keep the Promise I"), "Keep the Promise I");
        assert_eq!(speaker_words("café owners, most of whom"), "café owners");
        // A quantifier alone would read as a name.
        assert_eq!(speaker_words("one of"), "one of");
    }

    #[test]
    fn a_partitive_relative_speaks_for_the_plural_before_it() {
        let (q, s) = run(&[
            "The campaign named 95 retired generals and admirals, most of whom said the plan \
             was sound.\n\nRelatives met the mayor, many of whom say the claims are false.",
        ]);
        let by_speaker: Vec<(&str, Option<&str>)> = q
            .iter()
            .map(|q| {
                (
                    q.speaker_text.as_deref().unwrap_or(""),
                    q.speaker.as_deref(),
                )
            })
            .collect();
        assert!(
            by_speaker.contains(&("most of whom", Some("generals and admirals"))),
            "{by_speaker:?}"
        );
        // "most of" is no other name of theirs.
        let aliases: Vec<&String> = s.iter().flat_map(|s| &s.aliases).collect();
        assert!(aliases.iter().all(|a| !a.contains(" of")), "{aliases:?}");
        // The mayor is not "many": no speaker rather than a wrong one.
        assert!(
            by_speaker.contains(&("many of whom", None)),
            "{by_speaker:?}"
        );
    }

    #[test]
    fn a_pronoun_passes_over_people_named_in_the_plural() {
        let (q, _) = run(&[
            "Amy Silva spoke first at the mosque. Later, Hmong Americans in the hall \
             cheered. “We are home now,” she said.",
        ]);
        let speakers: Vec<Option<&str>> = q.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Amy Silva")], "{q:#?}");
    }

    #[test]
    fn a_first_name_keeps_a_person_apart_from_the_gender_of_her_surname() {
        // Mr. Marsh is male; Zara Marsh is not thereby male too.
        let (q, _) = run(&[
            "Tom Marsh founded the farm. Mr. Marsh retired last year. Zara Marsh runs it now. \
             “The harvest is late,” she said.",
        ]);
        let speakers: Vec<Option<&str>> = q.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(speakers, [Some("Zara Marsh")], "{q:#?}");
    }

    #[test]
    fn pronouns_resolve_and_keep_their_span() {
        let text = "Governor Ana Silva visited the dam. She said, “The dam will hold for years.”";
        let (q, s) = run(&[text]);
        assert_eq!(q.len(), 1, "{q:#?}");
        assert_eq!(q[0].speaker_text.as_deref(), Some("She"));
        assert_eq!(
            &text[q[0].speaker_start.unwrap()..q[0].speaker_end.unwrap()],
            "She"
        );
        assert_eq!(q[0].speaker.as_deref(), Some("Ana Silva"));
        assert_eq!(q[0].role.as_deref(), Some("Governor"));
        assert_eq!(q[0].kind, QuoteKind::Direct);
        assert!(!s[0].is_group);
    }

    #[test]
    fn aliases_leave_out_trailing_pronouns_and_attitudes() {
        let text = "Some farmers who say the levy is unfair protested. Mayor Ana Silva herself \
                    said the quay would close. The farmers' anger is that the levy is high.";
        let span = |part: &str| {
            let start = text.find(part).unwrap();
            Some((start, start + part.len()))
        };
        let quote = |source: &str, cue: &str, content: &str| RawQuote {
            kind: QuoteKind::Indirect,
            start: span(content).unwrap().0,
            end: span(content).unwrap().1,
            speaker: span(source),
            cue: span(cue),
            antecedent: None,
        };
        let raw = vec![vec![
            quote("Some farmers who", "say", "the levy is unfair"),
            quote("Mayor Ana Silva herself", "said", "the quay would close"),
            quote("The farmers' anger", "is", "that the levy is high"),
        ]];
        let (q, s) = attribute(&[article(0, text)], raw);
        assert_eq!(q[0].speaker_text.as_deref(), Some("Some farmers who"));
        let aliases: Vec<&String> = s.iter().flat_map(|s| &s.aliases).collect();
        assert!(
            aliases.iter().all(|a| !a.ends_with(" who")
                && !a.ends_with(" herself")
                && !a.ends_with(" anger")),
            "{s:#?}"
        );
    }

    #[test]
    fn relative_pronouns_and_bare_roles_resolve() {
        let text = "Some farmers who say the levy is unfair protested. \
                    Mayor Ana Silva spoke first. The mayor said the quay would close.";
        let (q, s) = run(&[text]);
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(q[0].speaker_text.as_deref(), Some("who"));
        assert_eq!(q[0].speaker.as_deref(), Some("farmers"));
        assert!(s.iter().any(|s| s.name == "farmers" && s.is_group));
        assert_eq!(q[1].speaker.as_deref(), Some("Ana Silva"));
    }

    #[test]
    fn an_appositive_or_parenthesis_leaves_the_name() {
        assert_eq!(without_appositive("Flynn, a top surrogate"), "Flynn");
        assert_eq!(
            without_appositive("Rep. Ana Silva (D-Ore.), a panel member"),
            "Rep. Ana Silva"
        );
        assert_eq!(
            without_appositive("Sen. Ana Silva (R-Tex"),
            "Sen. Ana Silva"
        );
        assert_eq!(without_appositive("Mr. King, 82"), "Mr. King");
        assert_eq!(without_appositive("Paul Ryan, R-Wis"), "Paul Ryan");
        assert_eq!(
            without_appositive("Her business partner at Lenox, Ana B. Silva"),
            "Ana B. Silva"
        );
        assert_eq!(
            without_appositive("the new poll, which tracks support"),
            "the new poll"
        );
        assert_eq!(
            without_appositive("family, protesters and civic leaders"),
            "family, protesters and civic leaders"
        );
        assert_eq!(
            without_appositive("Smith, Jones and Brown"),
            "Smith, Jones and Brown"
        );
        assert_eq!(without_appositive("Mayor Ana Silva"), "Mayor Ana Silva");
        assert_eq!(
            without_appositive("which features Ana Silva, among others"),
            "which features Ana Silva, among others"
        );
        assert_eq!(
            without_appositive("Ana Silva, a lawyer and fellow at the Brookings Institution"),
            "Ana Silva"
        );
    }

    #[test]
    fn a_trailing_relative_pronoun_or_reflexive_leaves_the_name() {
        assert_eq!(without_trailing_pronoun("lawmakers who"), "lawmakers");
        assert_eq!(without_trailing_pronoun("Biden himself"), "Biden");
        assert_eq!(
            without_trailing_pronoun("the officials, who"),
            "the officials"
        );
        assert_eq!(without_trailing_pronoun("who"), "who");
        assert_eq!(
            without_trailing_pronoun("Mayor Ana Silva"),
            "Mayor Ana Silva"
        );
        assert_eq!(
            without_trailing_pronoun("Whoopi Goldberg"),
            "Whoopi Goldberg"
        );
    }

    #[test]
    fn an_attitude_is_named_by_its_holder() {
        for (mention, holder) in [
            ("European leaders’ wariness", "European leaders"),
            ("the mayor's growing anger", "the mayor"),
            ("Trump’s claims", "Trump"),
        ] {
            assert_eq!(holder_of_attitude(mention), holder);
        }
        // Other possessives, no possessive, and a possessive inside a modifier stay.
        for mention in [
            "Biden's administration",
            "the senator's spokesman",
            "skepticism",
            "public support",
            "a person familiar with Johnson's views",
        ] {
            assert_eq!(holder_of_attitude(mention), mention);
        }
    }

    #[test]
    fn a_group_with_a_possessive_is_the_same_group() {
        assert_eq!(group_key("Biden's administration"), "biden administration");
        assert_eq!(group_key("Biden’s  Administration"), "biden administration");
        assert_eq!(group_key("'s officials"), "'s officials");
        let (q, s) = run(&[
            "Biden's administration said the talks would resume.",
            "The Biden administration said the road would reopen.",
        ]);
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(s.len(), 1, "{s:#?}");
    }

    #[test]
    fn groups_are_speakers() {
        let (q, s) = run(&[
            "Local officials said the road would reopen soon.",
            "The road is unsafe, local officials said.",
        ]);
        assert_eq!(q.len(), 2, "{q:#?}");
        assert_eq!(s.len(), 1, "{s:#?}");
        assert!(s[0].is_group);
        assert_eq!(s[0].name, "Local officials");
    }

    #[test]
    fn a_possessive_names_the_same_speaker() {
        let (q, s) = run(&[
            "The Marsh campaign said the vote was fair.",
            "Marsh’s campaign said the count would resume.",
            "Marsh's campaign said the count was over.",
        ]);
        assert_eq!(q.len(), 3, "{q:#?}");
        assert_eq!(s.len(), 1, "{s:#?}");
        assert_eq!(s[0].quotes.len(), 3);
    }

    #[test]
    fn same_quote_in_two_articles_is_linked() {
        let (q, _) = run(&[
            "“We will not give up the harbour,” the mayor said.",
            "The mayor said: “We will not give up the harbour.”",
            "“Something else entirely was said here,” the mayor said.",
        ]);
        assert_eq!(q.len(), 3, "{q:#?}");
        assert_eq!(q[0].also_in, vec![ArticleId(1)]);
        assert_eq!(q[1].also_in, vec![ArticleId(0)]);
        assert!(q[2].also_in.is_empty());
    }

    #[test]
    fn quotes_that_differ_in_a_name_or_number_are_not_linked() {
        let (q, _) = run(&[
            "“We cannot say whether Elvaria can pay for the plan without new taxes,” the mayor said.",
            "“We cannot say whether Jorvik can pay for the plan without new taxes,” the mayor said.",
            "“We cannot say whether Elvaria can pay for this plan without new taxes,” the mayor said.",
        ]);
        assert_eq!(q.len(), 3, "{q:#?}");
        assert_eq!(q[0].also_in, vec![ArticleId(2)]);
        assert!(q[1].also_in.is_empty());
    }

    #[test]
    fn a_quote_carried_by_many_articles_still_links_its_near_repeats() {
        // More copies than a set phrase may have: the copies are one quote, not many.
        let mut texts =
            vec!["“We will not give up the harbour at any price,” the mayor said."; 300];
        texts.push("“We will not give up the harbour at any cost,” the mayor said.");
        let (q, _) = run(&texts);
        assert_eq!(q.len(), 301);
        let all_but = |own: u32| -> Vec<ArticleId> {
            (0..301).filter(|&a| a != own).map(ArticleId).collect()
        };
        assert_eq!(q[0].also_in, all_but(0));
        assert_eq!(q[300].also_in, all_but(300));
    }
}
