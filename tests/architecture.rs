//! The domain core must not know the terminal: only `ui` (and `cli`, which starts it) may
//! import ratatui, crossterm or tui-input.

use std::path::Path;

const TERMINAL_CRATES: &[&str] = &["ratatui", "crossterm", "tui_input"];
const TERMINAL_LAYER: &[&str] = &["ui.rs", "ui", "cli.rs", "main.rs"];

fn check(dir: &Path, offenders: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if dir.ends_with("src") && TERMINAL_LAYER.contains(&name.as_str()) {
            continue;
        }
        if path.is_dir() {
            check(&path, offenders);
        } else if name.ends_with(".rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            for krate in TERMINAL_CRATES {
                if text.contains(&format!("{krate}::")) {
                    offenders.push(format!("{} uses {krate}", path.display()));
                }
            }
        }
    }
}

#[test]
fn the_domain_core_does_not_depend_on_the_terminal() {
    let mut offenders = Vec::new();
    check(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut offenders,
    );
    assert!(offenders.is_empty(), "{offenders:#?}");
}

/// Every `.rs` file under `dir`, with its path.
fn sources(dir: &Path, out: &mut Vec<(std::path::PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn everything_printed_goes_through_the_sanitizer() {
    // Only safe_output may touch stdout and stderr; the terminal layer's own control
    // sequences (`execute!(stdout(), …)`) are the one exception.
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut offenders = Vec::new();
    for (path, text) in files {
        if path.ends_with("safe_output.rs") {
            continue;
        }
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let direct = ["println!(", "print!(", "eprintln!(", "eprint!(", "dbg!("]
                .iter()
                .any(|m| {
                    code.contains(m)
                        && !code.contains("safe_eprintln!(")
                        && !code.contains("safe_println!(")
                });
            let stream = (code.contains("stdout()") || code.contains("stderr()"))
                && !code.contains("execute!(stdout()")
                && !code.contains("is_terminal()")
                && !code.contains("safe_output::");
            if direct || stream {
                offenders.push(format!(
                    "{}:{}: {}",
                    path.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
