//! The desktop window.
//!
//! TODO(ui helper).

pub mod desktop;

use std::path::PathBuf;

/// Opens the window on `paths`, or on the bundled seeds when `paths` is empty.
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let _ = paths;
    anyhow::bail!("the window is not built yet; use `parallax analyze PATH`")
}
