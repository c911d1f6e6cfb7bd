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
