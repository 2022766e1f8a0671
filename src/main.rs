//! The `parallax` command: opens the window, or analyses articles from the command line.

// A double-clicked release build on Windows opens no console window.
#![cfg_attr(
    all(not(debug_assertions), feature = "gui"),
    windows_subsystem = "windows"
)]

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use parallax::engine::{self, export, similarity};
use std::io::{BufRead as _, BufWriter, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

#[derive(Parser, Debug)]
#[command(
    name = "parallax",
    version,
    about = "Compare news articles claim by claim"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folders or article files to open in the window (default: the bundled seeds).
    paths: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Analyse folders or files of articles (.txt, .md, .html) without a window.
    Analyze {
        /// Folders (read recursively) and article files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OutputFormat::Json)]
        format: OutputFormat,
        /// Write to this file instead of standard output.
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Print the time of each stage to standard error.
        #[arg(long)]
        timings: bool,
    },
    /// Judge sentence pairs: reads `id<TAB>text1<TAB>text2` lines, prints `id<TAB>score<TAB>relation`.
    Pairs {
        /// The TSV file of pairs ("-" for standard input).
        file: PathBuf,
        /// Also print the matcher's features of each pair (for training), after the relation.
        #[arg(long)]
        features: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum OutputFormat {
    /// The full analysis (articles, claims, groups, quotes, speakers, problems).
    Json,
    /// The quotes table.
    Csv,
    /// The claims table: one row per claim group, one column per article.
    ClaimsCsv,
    /// A readable report.
    Markdown,
    /// A standalone HTML report.
    Html,
}

impl From<OutputFormat> for export::Format {
    fn from(format: OutputFormat) -> Self {
        match format {
            OutputFormat::Json => export::Format::Json,
            OutputFormat::Csv => export::Format::QuotesCsv,
            OutputFormat::ClaimsCsv => export::Format::ClaimsCsv,
            OutputFormat::Markdown => export::Format::Markdown,
            OutputFormat::Html => export::Format::Html,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Analyze {
            paths,
            format,
            out,
            timings,
        }) => analyze(&paths, format, out.as_deref(), timings),
        Some(Command::Pairs { file, features }) => pairs(&file, features),
        None => open_window(cli.paths),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("parallax: {err:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(feature = "gui")]
fn open_window(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    parallax::app::run(paths)
}

#[cfg(not(feature = "gui"))]
fn open_window(_paths: Vec<PathBuf>) -> anyhow::Result<()> {
    use clap::CommandFactory as _;
    Cli::command().print_help()?;
    anyhow::bail!(
        "this build has no window (built without the `gui` feature); use `parallax analyze PATH`"
    )
}

fn analyze(
    paths: &[PathBuf],
    format: OutputFormat,
    out: Option<&std::path::Path>,
    timings: bool,
) -> anyhow::Result<()> {
    let cancel = AtomicBool::new(false);
    let progress = engine::no_progress();
    let control = engine::RunControl {
        progress: &progress,
        cancel: &cancel,
    };
    let started = std::time::Instant::now();
    let (analysis, stage_timings) = engine::analyze_paths(paths, control)?;
    let analysed = started.elapsed();

    let started = std::time::Instant::now();
    match out {
        Some(file) => {
            let handle = std::fs::File::create(file)
                .with_context(|| format!("cannot write {}", file.display()))?;
            let mut writer = BufWriter::new(handle);
            export::write(&analysis, format.into(), &mut writer)?;
            writer
                .flush()
                .with_context(|| format!("cannot write {}", file.display()))?;
        }
        None => {
            let mut writer = BufWriter::new(std::io::stdout().lock());
            export::write(&analysis, format.into(), &mut writer)?;
            writer.flush()?;
        }
    }
    if timings {
        eprintln!("{stage_timings}");
        eprintln!(
            "{:<18} {:>10.1} ms",
            "Writing output",
            started.elapsed().as_secs_f64() * 1e3
        );
        let count = engine::text::counted;
        eprintln!(
            "{}, {}, {}, {}, {}, {} in {:.1} ms",
            count(analysis.articles.len(), "article", "articles"),
            count(analysis.claims.len(), "claim", "claims"),
            count(analysis.groups.len(), "group", "groups"),
            count(analysis.quotes.len(), "quote", "quotes"),
            count(analysis.speakers.len(), "speaker", "speakers"),
            count(analysis.problems.len(), "problem", "problems"),
            analysed.as_secs_f64() * 1e3
        );
    }
    Ok(())
}

fn pairs(file: &std::path::Path, with_features: bool) -> anyhow::Result<()> {
    let reader: Box<dyn std::io::BufRead> = if file.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let handle =
            std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
        Box::new(std::io::BufReader::new(handle))
    };
    // Read every pair first: the matcher's word statistics come from all texts of the file,
    // as in `analyze` they come from all claims of the corpus.
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", file.display(), number + 1))?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let (Some(id), Some(a), Some(b)) = (fields.next(), fields.next(), fields.next()) else {
            anyhow::bail!(
                "{}: line {}: expected id<TAB>text1<TAB>text2",
                file.display(),
                number + 1
            );
        };
        rows.push((id.to_owned(), a.to_owned(), b.to_owned()));
    }
    let matcher =
        similarity::Matcher::new(rows.iter().flat_map(|(_, a, b)| [a.as_str(), b.as_str()]));
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (id, a, b) in &rows {
        let (a, b) = (matcher.profile(a), matcher.profile(b));
        let judgement = matcher.judge(&a, &b);
        write!(
            out,
            "{id}\t{:.4}\t{}",
            judgement.score,
            judgement.relation.label()
        )?;
        if with_features {
            for feature in matcher.features(&a, &b) {
                write!(out, "\t{feature:.5}")?;
            }
        }
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}
