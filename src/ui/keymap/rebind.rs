//! The learner's `[keys]` applied to the default keymap. A rebound command gives up its
//! default keys (so two commands can swap keys); a line naming no command, a key another
//! command keeps, or Ctrl-c (which always quits) is a problem at its place in the settings
//! file, and that command keeps its default keys.

use std::collections::HashSet;

use super::{ALWAYS_QUITS, DEFAULT_KEYMAP, Key, Keymap};
use crate::problem::Problem;
use crate::settings::keys::{Place, Rebinding};
use crate::ui::command::Command;

impl Keymap {
    /// The defaults with `rebindings` applied, and what could not be applied.
    pub fn with_rebindings(rebindings: &[Rebinding]) -> (Keymap, Vec<Problem>) {
        let mut problems = Vec::new();
        // Known commands, each key once; Ctrl-c stays Quit's.
        let mut wanted: Vec<(Command, Vec<(Key, &Place)>)> = Vec::new();
        'lines: for rebinding in rebindings {
            let Some(command) = Command::from_name(&rebinding.command) else {
                problems.push(rebinding.command_at.problem(unknown(&rebinding.command)));
                continue;
            };
            let mut keys: Vec<(Key, &Place)> = Vec::new();
            for (stroke, place) in &rebinding.keys {
                let key = Key::from_stroke(*stroke);
                if key == ALWAYS_QUITS && command != Command::Quit {
                    problems.push(place.problem(format!(
                        "Ctrl-c always quits kabar; {} keeps {}",
                        rebinding.command,
                        defaults(command)
                    )));
                    continue 'lines;
                }
                if !keys.iter().any(|(k, _)| *k == key) {
                    keys.push((key, place));
                }
            }
            wanted.push((command, keys));
        }
        // Refuse the first line that takes a key still bound elsewhere, restore that command's
        // defaults, and try again until nothing clashes.
        let mut refused: HashSet<usize> = HashSet::new();
        loop {
            let rebound: HashSet<Command> = wanted
                .iter()
                .enumerate()
                .filter(|(i, _)| !refused.contains(i))
                .map(|(_, (command, _))| *command)
                .collect();
            let mut bindings: Vec<(Key, Command)> = DEFAULT_KEYMAP
                .iter()
                .filter(|(_, command)| !rebound.contains(command))
                .copied()
                .collect();
            let mut clash = None;
            'wanted: for (i, (command, keys)) in wanted.iter().enumerate() {
                if refused.contains(&i) {
                    continue;
                }
                for (key, _) in keys {
                    if let Some(&(_, holder)) = bindings.iter().find(|(k, _)| k == key) {
                        clash = Some((i, *key, holder));
                        break 'wanted;
                    }
                }
                // The learner's keys first: the hints show the first.
                let at = bindings
                    .iter()
                    .position(|(_, c)| c == command)
                    .unwrap_or(bindings.len());
                for (n, (key, _)) in keys.iter().enumerate() {
                    bindings.insert(at + n, (*key, *command));
                }
            }
            let Some((i, key, holder)) = clash else {
                if !bindings.iter().any(|(k, _)| *k == ALWAYS_QUITS) {
                    bindings.push((ALWAYS_QUITS, Command::Quit));
                }
                // In the defaults' order of commands, so the keymap reads like the table.
                bindings.sort_by_key(|(_, c)| Command::ALL.iter().position(|a| a == c));
                // In the file's order, as the learner reads it.
                problems.sort_by_key(|p| p.at);
                return (Keymap { bindings }, problems);
            };
            refused.insert(i);
            let (command, keys) = &wanted[i];
            let place = keys
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, place)| *place)
                .expect("the clashing key is one of the line's");
            problems.push(place.problem(format!(
                "{} is already the key of {}; {} keeps {} (rebind {} too to free {})",
                key.label(),
                holder.name(),
                command.name(),
                defaults(*command),
                holder.name(),
                key.label(),
            )));
        }
    }
}

/// "Tab" or "PgDn Space Ctrl-f": a command's default keys.
fn defaults(command: Command) -> String {
    let labels: Vec<String> = DEFAULT_KEYMAP
        .iter()
        .filter(|(_, c)| *c == command)
        .map(|(k, _)| k.label())
        .collect();
    labels.join(" ")
}

/// The message for a name that is no command, with the nearest name when one is close.
fn unknown(name: &str) -> String {
    let shown = crate::text::sanitize(name);
    let nearest = Command::ALL
        .iter()
        .map(|c| c.name())
        .map(|known| (distance(name, &known), known))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, _)| *d <= 2 && *d < name.chars().count() / 2);
    let hint = nearest.map_or(String::new(), |(_, known)| {
        format!(" (did you mean {known}?)")
    });
    format!(
        "{shown:?} is not a command{hint}; the names are in the README's Keys section; this line is left out"
    )
}

/// Edits (insert, delete, replace) from `a` to `b`.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let replaced = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = replaced.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::settings::Settings;

    fn keymap(keys: &str) -> (Keymap, Vec<String>) {
        let text = format!("[keys]\n{keys}");
        let loaded = Settings::parse(&text, Path::new("config.toml"));
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let (keymap, problems) = Keymap::with_rebindings(&loaded.settings.keys);
        (keymap, problems.iter().map(|p| p.to_string()).collect())
    }

    fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    #[test]
    fn a_rebound_command_frees_its_default_key() {
        let (keymap, problems) = keymap("next_term = \"Ctrl-n\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(keymap.command_for(ctrl('n')), Some(Command::NextTerm));
        assert_eq!(keymap.command_for(Key::plain(KeyCode::Tab)), None);
        assert_eq!(keymap.label(Command::NextTerm), "Ctrl-n");
        assert_eq!(keymap.command_for(Key::ch('n')), Some(Command::SearchNext));
    }

    #[test]
    fn two_commands_can_swap_keys_and_take_several() {
        let (keymap, problems) =
            keymap("search_next = \"Tab\"\nnext_term = [\"n\", \"F5\", \"n\"]\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            keymap.command_for(Key::plain(KeyCode::Tab)),
            Some(Command::SearchNext)
        );
        let keys: Vec<String> = keymap.keys_for(Command::NextTerm).map(Key::label).collect();
        assert_eq!(keys, ["n", "F5"]);
    }

    #[test]
    fn a_clash_is_reported_at_its_key_and_the_command_keeps_its_defaults() {
        let (keymap, problems) = keymap("next_term = \"Ctrl-n\"\nsearch = [\"F2\", \"n\"]\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with(
                "config.toml:3:17: n is already the key of search_next; search keeps /"
            ),
            "{problems:?}"
        );
        assert_eq!(keymap.command_for(Key::ch('/')), Some(Command::Search));
        assert_eq!(keymap.command_for(Key::plain(KeyCode::F(2))), None);
        assert_eq!(
            keymap.label(Command::NextTerm),
            "Ctrl-n",
            "the good line stays"
        );
    }

    #[test]
    fn a_refused_line_gives_its_keys_back_before_another_takes_them() {
        // top = "G" clashes with bottom's G; top keeps g, which help wanted: help is refused too.
        let (keymap, problems) = keymap("help = \"g\"\ntop = \"G\"\n");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("config.toml:2:8: g is already the key of top"));
        assert!(problems[1].starts_with("config.toml:3:7: G is already the key of bottom"));
        assert_eq!(keymap.command_for(Key::ch('g')), Some(Command::Top));
        assert_eq!(keymap.command_for(Key::ch('?')), Some(Command::Help));
    }

    #[test]
    fn unknown_names_and_ctrl_c_are_refused() {
        let (keymap, problems) =
            keymap("nxt_term = \"x\"\nspeak = \"Ctrl-c\"\nquit = \"Q\"\nnxt = \"y\"\n");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(!problems[2].contains("did you mean"), "{problems:?}");
        assert!(
            problems[0].starts_with("config.toml:2:1:")
                && problems[0].contains("did you mean next_term?"),
            "{problems:?}"
        );
        assert!(
            problems[1].starts_with("config.toml:3:9: Ctrl-c always quits kabar; speak keeps p"),
            "{problems:?}"
        );
        assert_eq!(keymap.command_for(Key::ch('Q')), Some(Command::Quit));
        assert_eq!(keymap.command_for(Key::ch('q')), None);
        assert_eq!(keymap.command_for(ctrl('c')), Some(Command::Quit), "always");
        assert_eq!(keymap.command_for(Key::ch('x')), Some(Command::StatusClear));
    }

    #[test]
    fn the_default_settings_files_examples_apply_cleanly() {
        let text = crate::settings::default::with_examples();
        let loaded = Settings::parse(&text, Path::new("config.toml"));
        assert!(!loaded.settings.keys.is_empty());
        let (keymap, problems) = Keymap::with_rebindings(&loaded.settings.keys);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(keymap.label(Command::NextTerm), "Ctrl-n");
    }

    #[test]
    fn hint_labels_follow_the_keymap() {
        let statuses = [
            Command::Status1,
            Command::Status2,
            Command::Status3,
            Command::Status4,
            Command::Status5,
        ];
        assert_eq!(Keymap::default().labels(&statuses), "1-5");
        let (keymap, _) = keymap("status3 = \"F3\"\n");
        assert_eq!(keymap.labels(&statuses), "1 2 F3 4 5");
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
