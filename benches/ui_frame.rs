//! Frame cost of the window: the Compare and Quotes views on a 2,000-article synthetic
//! analysis with 100,000 quotes, driving `ParallaxApp::show` on a bare `egui::Context`
//! (layout plus tessellation, no GPU). Target: under 8 ms per frame.
//!
//! `cargo bench --bench ui_frame`

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, RawInput, TouchPhase, vec2};
use parallax::app::{Command, ParallaxApp, Tab};
use parallax::engine::{
    Analysis, Article, ArticleId, Block, BlockKind, Claim, ClaimId, Difference, DifferenceKind,
    DifferenceValue, Group, GroupId, GroupStatus, Quote, QuoteId, QuoteKind, SourceFormat, Speaker,
    SpeakerId,
};
use std::hint::black_box;

const ARTICLES: usize = 2_000;
const ARTICLES_PER_STORY: usize = 4;
const PARAGRAPHS: usize = 12;
const SENTENCES: usize = 3;
const QUOTES: usize = 100_000;
const SPEAKERS: usize = 500;

const OUTLETS: [&str; 8] = [
    "Daily Planet",
    "Morning Star",
    "Evening Post",
    "The Courier",
    "Globe Report",
    "City Ledger",
    "Harbor Times",
    "Valley News",
];

/// A synthetic analysis: stories of four articles whose sentences are shared, differ on a
/// number, or are unique; every sentence is a claim.
fn synthetic_analysis() -> Analysis {
    let mut analysis = Analysis::default();
    // Group of each (story, paragraph, sentence) slot; unique sentences get their own.
    let mut slot_groups: std::collections::HashMap<(usize, usize, usize), GroupId> =
        std::collections::HashMap::new();
    for a in 0..ARTICLES {
        let story = a / ARTICLES_PER_STORY;
        let mut text = format!("Story {story}: officials weigh the next steps\n\n");
        let mut blocks = vec![Block {
            kind: BlockKind::Title,
            start: 0,
            end: text.len() - 2,
        }];
        for p in 0..PARAGRAPHS {
            let block_start = text.len();
            for s in 0..SENTENCES {
                if s > 0 {
                    text.push(' ');
                }
                let start = text.len();
                let unique = s == 2 && (p + a) % 3 == 0;
                let differing = s == 1 && p % 4 == 0;
                let sentence = if unique {
                    format!(
                        "Only this outlet reports that the committee of region {p} met {a} times behind closed doors."
                    )
                } else if differing {
                    format!(
                        "Aid to region {p} of story {story} has reached ${}.{} billion, according to the ministry.",
                        40 + a % ARTICLES_PER_STORY * 7,
                        a % 10
                    )
                } else {
                    format!(
                        "The delegation from region {p} agreed on point {s} of the plan for story {story} after long talks."
                    )
                };
                text.push_str(&sentence);
                let end = text.len();
                let claim_id = ClaimId::from(analysis.claims.len());
                let group = if unique {
                    let id = GroupId::from(analysis.groups.len());
                    analysis.groups.push(Group {
                        id,
                        status: GroupStatus::Unique,
                        claims: Vec::new(),
                        articles: Vec::new(),
                        differences: Vec::new(),
                    });
                    id
                } else {
                    *slot_groups.entry((story, p, s)).or_insert_with(|| {
                        let id = GroupId::from(analysis.groups.len());
                        analysis.groups.push(Group {
                            id,
                            status: if differing {
                                GroupStatus::Differing
                            } else {
                                GroupStatus::Shared
                            },
                            claims: Vec::new(),
                            articles: Vec::new(),
                            differences: if differing {
                                vec![Difference {
                                    kind: DifferenceKind::Number,
                                    values: Vec::new(),
                                }]
                            } else {
                                Vec::new()
                            },
                        });
                        id
                    })
                };
                let g = &mut analysis.groups[group.index()];
                g.claims.push(claim_id);
                g.articles.push(ArticleId::from(a));
                if differing && let Some(value_start) = sentence.find('$') {
                    let value_end = sentence[value_start..]
                        .find(" billion")
                        .map_or(sentence.len(), |i| value_start + i + " billion".len());
                    g.differences[0].values.push(DifferenceValue {
                        claim: claim_id,
                        value: sentence[value_start..value_end].to_owned(),
                        start: Some(start + value_start),
                        end: Some(start + value_end),
                    });
                }
                analysis.claims.push(Claim {
                    id: claim_id,
                    article: ArticleId::from(a),
                    text: sentence,
                    start,
                    end,
                    group,
                });
            }
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                start: block_start,
                end: text.len(),
            });
            text.push_str("\n\n");
        }
        analysis.articles.push(Article {
            id: ArticleId::from(a),
            path: format!("synthetic/{a:05}.txt"),
            title: format!("Story {story}: officials weigh the next steps"),
            outlet: Some(OUTLETS[a % OUTLETS.len()].to_owned()),
            date: Some(format!("2024-11-{:02}", 1 + a % 28)),
            author: None,
            section: None,
            format: SourceFormat::Text,
            word_count: text.split_whitespace().count(),
            text,
            blocks,
        });
    }

    let mut speakers: Vec<Speaker> = (0..SPEAKERS)
        .map(|s| Speaker {
            id: SpeakerId::from(s),
            name: format!("Speaker {s:03} Surname"),
            aliases: vec![format!("Surname {s}")],
            roles: vec!["Minister".to_owned()],
            quotes: Vec::new(),
            articles: Vec::new(),
            is_group: false,
        })
        .collect();
    let claims_per_article = PARAGRAPHS * SENTENCES;
    for q in 0..QUOTES {
        let article = q % ARTICLES;
        let claim =
            &analysis.claims[article * claims_per_article + (q / ARTICLES) % claims_per_article];
        let speaker = (q * 7919) % SPEAKERS;
        let id = QuoteId::from(q);
        analysis.quotes.push(Quote {
            id,
            article: ArticleId::from(article),
            kind: if q % 3 == 0 {
                QuoteKind::Indirect
            } else {
                QuoteKind::Direct
            },
            text: claim.text.clone(),
            start: claim.start,
            end: claim.end,
            speaker: Some(speakers[speaker].name.clone()),
            speaker_id: Some(SpeakerId::from(speaker)),
            speaker_text: Some(speakers[speaker].aliases[0].clone()),
            speaker_start: None,
            speaker_end: None,
            role: Some("Minister".to_owned()),
            cue: Some(["said", "told reporters", "according to"][q % 3].to_owned()),
            also_in: if q % 5 == 0 {
                vec![ArticleId::from((article + 1) % ARTICLES)]
            } else {
                Vec::new()
            },
        });
        speakers[speaker].quotes.push(id);
        speakers[speaker].articles.push(ArticleId::from(article));
    }
    for speaker in &mut speakers {
        speaker.articles.sort_unstable();
        speaker.articles.dedup();
    }
    analysis.speakers = speakers;
    analysis
}

/// Input for one frame of a 1600×1000 window.
fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0))),
        events,
        ..Default::default()
    }
}

/// Runs one frame: layout of the whole window plus tessellation.
fn frame(ctx: &egui::Context, app: &mut ParallaxApp, events: Vec<Event>) -> usize {
    let output = ctx.run_ui(input(events), |ui| app.show(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn wheel(y: f32) -> Event {
    Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, y),
        phase: TouchPhase::Move,
        source: MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    }
}

fn new_app(analysis: &Analysis) -> (egui::Context, ParallaxApp) {
    let ctx = egui::Context::default();
    let mut app = ParallaxApp::from_analysis("synthetic", analysis.clone());
    for _ in 0..3 {
        frame(&ctx, &mut app, Vec::new());
    }
    (ctx, app)
}

fn benches(c: &mut Criterion) {
    let analysis = synthetic_analysis();
    let mut group = c.benchmark_group("ui_frame");

    // Compare: two columns, pointer still.
    let (ctx, mut app) = new_app(&analysis);
    group.bench_function("compare/idle", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app, Vec::new())))
    });

    // Compare: the pointer moves over claims (hover highlights change every frame).
    let mut x = 0;
    group.bench_function("compare/hover", |b| {
        b.iter(|| {
            x = (x + 1) % 40;
            let pos = Pos2::new(400.0 + x as f32 * 8.0, 320.0 + x as f32 * 9.0);
            black_box(frame(&ctx, &mut app, vec![Event::PointerMoved(pos)]))
        })
    });

    // Compare: scrolling a column.
    let mut down = true;
    group.bench_function("compare/scroll", |b| {
        b.iter(|| {
            down = !down;
            let events = vec![
                Event::PointerMoved(Pos2::new(500.0, 500.0)),
                wheel(if down { -120.0 } else { 120.0 }),
            ];
            black_box(frame(&ctx, &mut app, events))
        })
    });

    // Compare: next difference (F7) every frame: selection and scroll jumps.
    group.bench_function("compare/next_difference", |b| {
        b.iter(|| {
            app.push_command(Command::NextDifference);
            black_box(frame(&ctx, &mut app, Vec::new()))
        })
    });

    // Compare with eight articles side by side (sideways scrolling).
    let (ctx8, mut app8) = new_app(&analysis);
    app8.push_command(Command::ShowGroup(GroupId(0)));
    frame(&ctx8, &mut app8, Vec::new());
    for article in 0..8 {
        app8.library_mut().set_selected(ArticleId(article), true);
    }
    frame(&ctx8, &mut app8, Vec::new());
    group.bench_function("compare/eight_columns", |b| {
        b.iter(|| black_box(frame(&ctx8, &mut app8, Vec::new())))
    });

    // Quotes: 100,000 rows.
    let (ctx, mut app) = new_app(&analysis);
    app.push_command(Command::SelectTab(Tab::Quotes));
    frame(&ctx, &mut app, Vec::new());
    group.bench_function("quotes/idle", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app, Vec::new())))
    });
    group.bench_function("quotes/scroll", |b| {
        b.iter(|| {
            let events = vec![Event::PointerMoved(Pos2::new(800.0, 500.0)), wheel(-400.0)];
            black_box(frame(&ctx, &mut app, events))
        })
    });
    // A sort of all 100,000 rows happens only when a header is clicked.
    let mut column = 0;
    group.bench_function("quotes/sort_on_header_click", |b| {
        b.iter(|| {
            column = (column + 1) % parallax::app::views::quotes::QuoteColumn::ALL.len();
            app.quotes_mut()
                .sort_by(parallax::app::views::quotes::QuoteColumn::ALL[column]);
            black_box(frame(&ctx, &mut app, Vec::new()))
        })
    });

    // Claims: one row per group.
    let (ctx, mut app) = new_app(&analysis);
    app.push_command(Command::SelectTab(Tab::Claims));
    frame(&ctx, &mut app, Vec::new());
    group.bench_function("claims/idle", |b| {
        b.iter(|| black_box(frame(&ctx, &mut app, Vec::new())))
    });
    group.finish();
}

criterion_group!(ui_frame, benches);
criterion_main!(ui_frame);
