//! Writes a synthetic corpus to a folder, for timing `parallax analyze DIR --timings` at scale.
//!
//! `cargo run --release --example synthetic -- 2000 /tmp/synthetic-2000`

use parallax::engine::synthetic;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: synthetic ARTICLES DIR";
    let articles: usize = args.next().ok_or_else(|| anyhow::anyhow!(usage))?.parse()?;
    let dir = std::path::PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    std::fs::create_dir_all(&dir)?;
    for document in synthetic::corpus(articles, 42).documents {
        let name = document
            .path
            .rsplit('/')
            .next()
            .unwrap_or(&document.path)
            .to_owned();
        std::fs::write(dir.join(name), document.text)?;
    }
    Ok(())
}
