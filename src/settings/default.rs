//! The complete, commented settings file `kabar config --default` prints: every section kabar
//! reads, each setting at its default, and commented-out examples of the rest. Its tests read
//! it with the real settings loader, so it cannot drift from what kabar understands.

/// The default settings file. Prose comments start with `# `; examples are commented out with
/// a `#` and no space, so removing that one character makes them settings.
pub const TEXT: &str = include_str!("default.toml");

/// The default file with its examples switched on: every line commented out as an example
/// (a `#` followed by something other than a space or another `#`) loses its `#`.
pub fn with_examples() -> String {
    TEXT.lines()
        .map(|line| match line.strip_prefix('#') {
            Some(rest) if !rest.is_empty() && !rest.starts_with([' ', '#']) => rest,
            _ => line,
        })
        .fold(String::new(), |mut out, line| {
            out.push_str(line);
            out.push('\n');
            out
        })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::settings::Settings;

    #[test]
    fn the_default_file_reads_without_problems_as_the_defaults() {
        let loaded = Settings::parse(TEXT, Path::new("config.toml"));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.settings, Settings::default());
    }

    #[test]
    fn every_example_reads_without_problems() {
        let text = with_examples();
        assert_ne!(text, TEXT, "the file has examples");
        let loaded = Settings::parse(&text, Path::new("config.toml"));
        assert!(loaded.problems.is_empty(), "{:?}\n{text}", loaded.problems);
        assert_eq!(loaded.settings.dictionaries.len(), 1);
    }

    #[test]
    fn every_known_section_is_in_the_file() {
        for section in crate::settings::SECTIONS {
            assert!(
                TEXT.lines()
                    .any(|l| l.trim_start_matches('#').starts_with(section)),
                "{section} is missing from the default settings file"
            );
        }
    }
}
