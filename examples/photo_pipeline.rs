//! The photo pipeline once, as a whole process, to time it against other tools (see
//! docs/BENCHMARKS.md).
//!
//! - `photo_pipeline --write-sample PATH` writes the benchmark's photo: the 12-megapixel
//!   camera-like JPEG with Exif of `domain::photo::sample::benchmark_photo`.
//! - `photo_pipeline IN OUT_DIR` runs `domain::photo::process` on the file `IN` with the
//!   product's limits and writes the display image and the thumbnail to
//!   `OUT_DIR/display.jpg` and `OUT_DIR/thumb.jpg`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use tiepcan::domain::photo::{self, Limits, sample};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let done = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["--write-sample", path] => write_sample(Path::new(path)),
        [input, out_dir] if !input.starts_with('-') => run(Path::new(input), Path::new(out_dir)),
        _ => {
            eprintln!("usage: photo_pipeline --write-sample PATH | photo_pipeline IN OUT_DIR");
            return ExitCode::from(2);
        }
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("photo_pipeline: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn write_sample(path: &Path) -> anyhow::Result<()> {
    let bytes = sample::benchmark_photo();
    std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    println!("{}: {} bytes, 4000 x 3000", path.display(), bytes.len());
    Ok(())
}

fn run(input: &Path, out_dir: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let processed = photo::process(&bytes, &Limits::default())
        .with_context(|| format!("processing {}", input.display()))?;
    std::fs::create_dir_all(out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    for (name, rendition) in [
        ("display.jpg", &processed.display),
        ("thumb.jpg", &processed.thumbnail),
    ] {
        let path = out_dir.join(name);
        std::fs::write(&path, &rendition.jpeg)
            .with_context(|| format!("writing {}", path.display()))?;
        println!(
            "{}: {} x {}, {} bytes",
            path.display(),
            rendition.width,
            rendition.height,
            rendition.jpeg.len()
        );
    }
    Ok(())
}
