//! Window tests driven headless with egui_kittest (no GPU, no display).

#![cfg(feature = "gui")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use parallax::app::views::quotes::{QuoteColumn, QuoteRow};
use parallax::app::{Command, ParallaxApp, Tab};
use parallax::engine::{
    Analysis, Article, ArticleId, Block, BlockKind, Claim, ClaimId, Difference, DifferenceKind,
    DifferenceValue, Group, GroupId, GroupStatus, Quote, QuoteId, QuoteKind, SourceFormat, Speaker,
    SpeakerId,
};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------
// A small hand-built analysis.

/// Builds an [`Analysis`] from article texts, claims found by substring, and groups.
#[derive(Default)]
struct Builder {
    analysis: Analysis,
}

impl Builder {
    /// An article whose text is the title and the paragraphs, separated by blank lines.
    fn article(&mut self, outlet: &str, title: &str, paragraphs: &[String]) -> ArticleId {
        let id = ArticleId::from(self.analysis.articles.len());
        let mut text = String::new();
        let mut blocks = Vec::new();
        for (i, block) in std::iter::once(title.to_owned())
            .chain(paragraphs.iter().cloned())
            .enumerate()
        {
            if i > 0 {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(&block);
            let kind = if i == 0 {
                BlockKind::Title
            } else {
                BlockKind::Paragraph
            };
            blocks.push(Block {
                kind,
                start,
                end: text.len(),
            });
        }
        self.analysis.articles.push(Article {
            id,
            path: format!("test/{}.txt", outlet.to_lowercase().replace(' ', "-")),
            title: title.to_owned(),
            outlet: Some(outlet.to_owned()),
            date: Some("2024-11-18".to_owned()),
            author: None,
            section: None,
            format: SourceFormat::Text,
            word_count: text.split_whitespace().count(),
            text,
            blocks,
        });
        id
    }

    /// A claim: the first occurrence of `sentence` in the article. Add claims in text order.
    fn claim(&mut self, article: ArticleId, sentence: &str) -> ClaimId {
        let text = &self.analysis.articles[article.index()].text;
        let start = text.find(sentence).expect("the sentence is in the article");
        let id = ClaimId::from(self.analysis.claims.len());
        self.analysis.claims.push(Claim {
            id,
            article,
            text: sentence.to_owned(),
            start,
            end: start + sentence.len(),
            group: GroupId(u32::MAX),
        });
        id
    }

    /// A group of claims; `values` are (claim, differing value) pairs.
    fn group(&mut self, status: GroupStatus, claims: &[ClaimId], values: &[(ClaimId, &str)]) {
        let id = GroupId::from(self.analysis.groups.len());
        let mut articles: Vec<ArticleId> = claims
            .iter()
            .map(|c| self.analysis.claims[c.index()].article)
            .collect();
        articles.sort_unstable();
        articles.dedup();
        for claim in claims {
            self.analysis.claims[claim.index()].group = id;
        }
        let differences = if values.is_empty() {
            Vec::new()
        } else {
            vec![Difference {
                kind: DifferenceKind::Number,
                values: values
                    .iter()
                    .map(|(claim, value)| {
                        let claim_ref = &self.analysis.claims[claim.index()];
                        let start = claim_ref.start + claim_ref.text.find(value).expect("value");
                        DifferenceValue {
                            claim: *claim,
                            value: (*value).to_owned(),
                            start: Some(start),
                            end: Some(start + value.len()),
                        }
                    })
                    .collect(),
            }]
        };
        self.analysis.groups.push(Group {
            id,
            status,
            claims: claims.to_vec(),
            articles,
            differences,
        });
    }

    fn quote(&mut self, article: ArticleId, speaker: &str, text: &str, kind: QuoteKind) {
        let body = &self.analysis.articles[article.index()].text;
        let start = body.find(text).expect("the quote is in the article");
        let id = QuoteId::from(self.analysis.quotes.len());
        self.analysis.quotes.push(Quote {
            id,
            article,
            kind,
            text: text.to_owned(),
            start,
            end: start + text.len(),
            speaker: Some(speaker.to_owned()),
            speaker_id: None,
            speaker_text: Some(speaker.to_owned()),
            speaker_start: None,
            speaker_end: None,
            role: None,
            cue: Some("said".to_owned()),
            also_in: Vec::new(),
        });
    }

    /// Gives every ungrouped claim its own unique group and builds the speakers.
    fn finish(mut self) -> Analysis {
        for i in 0..self.analysis.claims.len() {
            if self.analysis.claims[i].group.0 == u32::MAX {
                self.group(GroupStatus::Unique, &[ClaimId::from(i)], &[]);
            }
        }
        let mut names: Vec<String> = self
            .analysis
            .quotes
            .iter()
            .filter_map(|q| q.speaker.clone())
            .collect();
        names.sort();
        names.dedup();
        for (i, name) in names.iter().enumerate() {
            let id = SpeakerId::from(i);
            let quotes: Vec<QuoteId> = self
                .analysis
                .quotes
                .iter()
                .filter(|q| q.speaker.as_deref() == Some(name))
                .map(|q| q.id)
                .collect();
            let mut articles: Vec<ArticleId> = quotes
                .iter()
                .map(|q| self.analysis.quotes[q.index()].article)
                .collect();
            articles.sort_unstable();
            articles.dedup();
            for q in &quotes {
                self.analysis.quotes[q.index()].speaker_id = Some(id);
            }
            self.analysis.speakers.push(Speaker {
                id,
                name: name.clone(),
                aliases: Vec::new(),
                roles: Vec::new(),
                quotes,
                articles,
                is_group: false,
            });
        }
        self.analysis
    }
}

fn filler(article: &str, count: usize) -> Vec<String> {
    (0..count)
        .map(|i| {
            format!(
                "Paragraph {i} of the {article} story adds background about the region, \
                 the weather, and the long history of talks between the two governments."
            )
        })
        .collect()
}

/// Two articles sharing one claim and differing on another, which the second article
/// only reaches after many paragraphs; plus a third article and some quotes.
fn sample() -> (Analysis, ClaimId, ClaimId) {
    let mut b = Builder::default();
    let aid_a = "U.S. aid to Ukraine has reached $175 billion since 2022.";
    let aid_b = "American aid to Ukraine has reached $56.2 billion since 2022.";
    let shared_a = "The president authorized long-range missiles on Sunday.";
    let shared_b = "On Sunday the president authorized long-range missiles.";
    let zelensky_a = "Missiles will speak for themselves";
    let zelensky_b = "Strikes are not made with words";
    let guterres = "Peace must come first";

    let mut paragraphs_a = vec![
        format!("{shared_a} Zelensky said: \"{zelensky_a}.\""),
        aid_a.to_owned(),
    ];
    paragraphs_a.extend(filler("first", 6));
    let mut paragraphs_b = vec![format!("{shared_b} Guterres said: \"{guterres}.\"")];
    paragraphs_b.extend(filler("second", 40));
    paragraphs_b.push(format!("{aid_b} Zelensky said: \"{zelensky_b}.\""));
    // Text after the partner, so the column can scroll it level with the clicked claim.
    paragraphs_b.extend(filler("closing", 20));
    let paragraphs_c = filler("third", 3);

    let a = b.article("Daily Planet", "Missiles approved", &paragraphs_a);
    let bb = b.article("Morning Star", "A shift in policy", &paragraphs_b);
    let c = b.article("Evening Post", "Talks continue", &paragraphs_c);

    let shared_claim_a = b.claim(a, shared_a);
    let aid_claim_a = b.claim(a, aid_a);
    for p in filler("first", 6) {
        b.claim(a, &p);
    }
    let shared_claim_b = b.claim(bb, shared_b);
    for p in filler("second", 40) {
        b.claim(bb, &p);
    }
    let aid_claim_b = b.claim(bb, aid_b);
    for p in filler("closing", 20) {
        b.claim(bb, &p);
    }
    for p in filler("third", 3) {
        b.claim(c, &p);
    }
    b.group(GroupStatus::Shared, &[shared_claim_a, shared_claim_b], &[]);
    b.group(
        GroupStatus::Differing,
        &[aid_claim_a, aid_claim_b],
        &[
            (aid_claim_a, "$175 billion"),
            (aid_claim_b, "$56.2 billion"),
        ],
    );
    b.quote(a, "Volodymyr Zelensky", zelensky_a, QuoteKind::Direct);
    b.quote(bb, "Antonio Guterres", guterres, QuoteKind::Direct);
    b.quote(bb, "Volodymyr Zelensky", zelensky_b, QuoteKind::Direct);
    (b.finish(), aid_claim_a, aid_claim_b)
}

// ---------------------------------------------------------------------------------------
// Driving the window.

fn harness(app: ParallaxApp) -> Harness<'static, ParallaxApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut ParallaxApp| app.show(ui), app);
    wait_until_loaded(&mut harness);
    harness
}

/// Steps the harness until the background analysis is done (at most 30 s).
fn wait_until_loaded(harness: &mut Harness<'_, ParallaxApp>) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        harness.step();
        if !harness.state().is_loading() && harness.state().analysis().is_some() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the analysis did not finish in time"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(4);
}

fn click_at(harness: &mut Harness<'_, ParallaxApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run_steps(4);
}

fn quote_speakers(app: &mut ParallaxApp) -> Vec<String> {
    let analysis = app.analysis().expect("loaded").clone();
    app.quote_rows()
        .into_iter()
        .filter_map(|row| match row {
            QuoteRow::Quote(id) => analysis.quotes[id.index()].speaker.clone(),
            QuoteRow::Speaker { .. } => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Tests.

#[test]
fn opens_on_the_bundled_seeds_and_lists_four_articles() {
    let harness = harness(ParallaxApp::new_for_test(Vec::new()));
    let app = harness.state();
    let analysis = app.analysis().expect("the seeds are loaded");
    assert_eq!(analysis.articles.len(), 4);
    assert!(app.title().ends_with("(4 articles)"), "{}", app.title());
    for article in &analysis.articles {
        let name = parallax::app::index::article_name(analysis, article.id);
        assert!(
            harness
                .query_all_by_role_and_label(Role::CheckBox, &name)
                .count()
                == 1,
            "no checkbox for {name}"
        );
    }
    assert_eq!(app.selected_articles(), &[ArticleId(0), ArticleId(1)]);
}

#[test]
fn tabs_switch_and_checkboxes_choose_articles() {
    let mut harness = harness(ParallaxApp::new_for_test(Vec::new()));
    for tab in [Tab::Claims, Tab::Quotes, Tab::Speakers, Tab::Compare] {
        harness.get_by_label(tab.label()).click();
        harness.run_steps(3);
        assert_eq!(harness.state().tab(), tab);
    }
    let analysis = harness.state().analysis().expect("loaded").clone();
    let second = parallax::app::index::article_name(&analysis, ArticleId(1));
    let fourth = parallax::app::index::article_name(&analysis, ArticleId(3));
    harness
        .get_by_role_and_label(Role::CheckBox, &second)
        .click();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(Role::CheckBox, &fourth)
        .click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().selected_articles(),
        &[ArticleId(0), ArticleId(3)]
    );
    assert_eq!(harness.state().compare().columns.len(), 2);
}

#[test]
fn clicking_a_differing_claim_highlights_and_scrolls_to_its_partner() {
    let (analysis, aid_a, aid_b) = sample();
    let mut harness = harness(ParallaxApp::from_analysis("sample", analysis));
    let analysis = harness.state().analysis().expect("loaded").clone();
    // The partner is far down the second article: not visible yet.
    let column_b = harness.state().compare().columns[1].clone();
    let before = harness
        .state()
        .compare()
        .claim_screen_rect(&analysis, aid_b)
        .expect("the partner is laid out");
    assert!(
        before.top() > column_b.view_rect.bottom(),
        "partner already visible"
    );

    let rect = harness
        .state()
        .compare()
        .claim_screen_rect(&analysis, aid_a)
        .expect("the claim is laid out");
    click_at(&mut harness, rect.center());

    let app = harness.state();
    let group = analysis.claims[aid_a.index()].group;
    assert_eq!(app.compare().selected_group, Some(group));
    assert_eq!(app.compare().selected_claim, Some(aid_a));
    assert!(app.compare().highlighted_claims(&analysis).contains(&aid_b));
    // The second column scrolled so the partner is in view, level with the clicked claim.
    let column_b = app.compare().columns[1].clone();
    assert!(column_b.offset > 0.0, "the second column did not scroll");
    let after = app
        .compare()
        .claim_screen_rect(&analysis, aid_b)
        .expect("the partner is laid out");
    assert!(
        column_b.view_rect.contains(after.center()),
        "partner {after:?} not within {:?}",
        column_b.view_rect
    );
    assert!(
        (after.top() - rect.top()).abs() < 2.0,
        "{after:?} vs {rect:?}"
    );
    // The clicked column stays put.
    assert_eq!(app.compare().columns[0].offset, 0.0);
}

#[test]
fn f7_walks_through_differences() {
    let (analysis, aid_a, _) = sample();
    let group = analysis.claims[aid_a.index()].group;
    let mut harness = harness(ParallaxApp::from_analysis("sample", analysis));
    harness.key_press(egui::Key::F7);
    harness.run_steps(4);
    assert_eq!(harness.state().compare().selected_group, Some(group));
    let targets = &harness.state().compare().last_scroll_targets;
    assert!(
        targets.iter().any(|(a, y)| *a == ArticleId(1) && *y > 0.0),
        "{targets:?}"
    );
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F7);
    harness.run_steps(2);
    // There is only one difference: previous wraps around to it.
    assert_eq!(harness.state().compare().selected_group, Some(group));
}

#[test]
fn claims_row_opens_the_group_in_compare() {
    let (analysis, aid_a, _) = sample();
    let group = analysis.claims[aid_a.index()].group;
    let mut harness = harness(ParallaxApp::from_analysis("sample", analysis));
    harness
        .state_mut()
        .push_command(Command::SelectTab(Tab::Claims));
    harness.run_steps(3);
    // Differing groups sort first.
    harness.get_by_label("differing").click();
    harness.run_steps(4);
    assert_eq!(harness.state().tab(), Tab::Compare);
    assert_eq!(harness.state().compare().selected_group, Some(group));
}

#[test]
fn quotes_sort_by_speaker_header() {
    let (analysis, _, _) = sample();
    let mut harness = harness(ParallaxApp::from_analysis("sample", analysis));
    harness.get_by_label("Quotes").click();
    harness.run_steps(3);
    harness.get_by_label("Speaker").click();
    harness.run_steps(3);
    assert_eq!(harness.state().quotes().sort, QuoteColumn::Speaker);
    assert_eq!(
        quote_speakers(harness.state_mut()),
        [
            "Antonio Guterres",
            "Volodymyr Zelensky",
            "Volodymyr Zelensky"
        ]
    );
    harness.get_by_label("Speaker").click();
    harness.run_steps(3);
    assert_eq!(
        quote_speakers(harness.state_mut()),
        [
            "Volodymyr Zelensky",
            "Volodymyr Zelensky",
            "Antonio Guterres"
        ]
    );
    // Steady frames do not sort again.
    let sorts = harness.state().quotes().sort_count;
    harness.run_steps(5);
    assert_eq!(harness.state().quotes().sort_count, sorts);
}

#[test]
fn quotes_filter_by_zelensky() {
    let (analysis, _, _) = sample();
    let mut harness = harness(ParallaxApp::from_analysis("sample", analysis));
    harness.get_by_label("Quotes").click();
    harness.run_steps(3);
    let field = harness.get_by_label("Filter quotes");
    field.focus();
    field.type_text("Zelensky");
    harness.run_steps(4);
    assert_eq!(
        quote_speakers(harness.state_mut()),
        ["Volodymyr Zelensky", "Volodymyr Zelensky"]
    );
    // The rows on screen are the filtered ones.
    assert!(harness.query_by_label("Antonio Guterres").is_none());
    assert_eq!(harness.query_all_by_label("Volodymyr Zelensky").count(), 2);
}

#[test]
fn clicking_a_quote_row_shows_it_in_its_article() {
    let (analysis, _, _) = sample();
    let mut harness = harness(ParallaxApp::from_analysis("sample", analysis));
    harness.get_by_label("Quotes").click();
    harness.run_steps(3);
    harness.get_by_label("Antonio Guterres").click();
    harness.run_steps(4);
    assert_eq!(harness.state().quotes().selected, Some(QuoteId(1)));
    // The article pane shows the quote's article (its title is also in the library).
    assert_eq!(harness.query_all_by_label("A shift in policy").count(), 2);
}

#[test]
fn a_bad_file_is_listed_as_a_problem() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("good.txt"),
        "A headline\n\nOfficials said the talks would resume on Monday.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("broken.pdf"),
        [0x25, 0x50, 0x44, 0x46, 0x00, 0xff],
    )
    .expect("write");
    let mut harness = harness(ParallaxApp::new_for_test(vec![dir.path().to_path_buf()]));
    let problems = harness.state().problems().to_vec();
    assert!(
        problems.iter().any(|p| p.path.contains("broken.pdf")),
        "{problems:?}"
    );
    assert_eq!(
        harness.state().analysis().map(|a| a.articles.len()),
        Some(1)
    );
    harness.get_by_label_contains("1 problem").click();
    harness.run_steps(3);
    assert!(harness.state().problems_open());
    let path = problems
        .iter()
        .find(|p| p.path.contains("broken.pdf"))
        .map(|p| p.path.clone())
        .unwrap_or_default();
    harness.get_by_label(&path);
}

#[test]
fn a_new_load_replaces_the_one_in_progress() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("only.txt"), "Title\n\nOne claim here.\n").expect("write");
    let mut app = ParallaxApp::new_for_test(Vec::new());
    app.push_command(Command::OpenPaths(vec![dir.path().to_path_buf()]));
    let mut harness = harness(app);
    // Keep stepping until the second load has landed.
    let deadline = Instant::now() + Duration::from_secs(30);
    while harness.state().analysis().map(|a| a.articles.len()) != Some(1) {
        assert!(Instant::now() < deadline, "the second load never arrived");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run_steps(3);
    assert!(!harness.state().is_loading());
    assert!(harness.state().title().contains("(1 article)"));
}

#[test]
fn many_chosen_articles_scroll_sideways_and_only_visible_columns_are_laid_out() {
    let mut b = Builder::default();
    for i in 0..30 {
        let paragraphs = filler(&format!("outlet {i}"), 3);
        let article = b.article(&format!("Outlet {i}"), &format!("Story {i}"), &paragraphs);
        for p in &paragraphs {
            b.claim(article, p);
        }
    }
    let mut harness = harness(ParallaxApp::from_analysis("many", b.finish()));
    harness.get_by_label("Choose all").click();
    harness.run_steps(4);
    assert_eq!(harness.state().selected_articles().len(), 30);
    let columns = &harness.state().compare().columns;
    assert!(
        (2..=6).contains(&columns.len()),
        "{} columns laid out",
        columns.len()
    );
    for column in columns {
        assert!(
            column.view_rect.width() >= parallax::app::views::compare::MIN_COLUMN_WIDTH - 40.0,
            "column too narrow: {:?}",
            column.view_rect
        );
    }
}
