//! One line of the progress file: a bare status (`dan = "W"`), or a status with the sentences
//! a glossary term was met in (`kepala = { status = 1, examples = ["…"] }`; a `[kepala]` table
//! with the same fields reads too). Reading and changing such a value in a `toml_edit`
//! document, keeping the line's comments and spacing. Knows nothing of the terminal.

use toml_edit::{Array, InlineTable, Item, Value};

use crate::glossary::Status;
use crate::text::sanitize;

/// What one line holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Line {
    /// The status.
    pub status: Status,
    /// Sentences the term was met in, oldest first.
    pub examples: Vec<String>,
}

/// The TOML value of a status: 1–5 as a number, well known and ignored as "W" and "I".
pub(super) fn status_value(status: Status) -> Value {
    match status {
        Status::Level(n) => Value::from(i64::from(n)),
        other => Value::from(other.to_string()),
    }
}

fn status_of(value: &Value) -> Option<Status> {
    match value {
        Value::Integer(n) => u8::try_from(*n.value()).ok().and_then(Status::from_level),
        Value::String(s) => Status::parse(s.value()),
        _ => None,
    }
}

/// Reads a line's value; the error says what is wrong with it, for a message naming the line.
pub(super) fn read(key: &str, item: &Item) -> Result<Line, String> {
    let bad_status = || {
        format!(
            "the status of \"{key}\" must be 1 to 5, \"W\" (well known) or \"I\" (ignored); the line is skipped until fixed"
        )
    };
    let fields: Vec<(&str, Option<&Value>)> = match item {
        Item::Value(Value::InlineTable(table)) => table.iter().map(|(k, v)| (k, Some(v))).collect(),
        Item::Table(table) => table.iter().map(|(k, v)| (k, v.as_value())).collect(),
        Item::Value(value) => {
            return status_of(value)
                .map(|status| Line {
                    status,
                    examples: Vec::new(),
                })
                .ok_or_else(bad_status);
        }
        _ => return Err(bad_status()),
    };
    let mut status = None;
    let mut examples = Vec::new();
    for (field, value) in fields {
        match field {
            "status" => status = value.and_then(status_of),
            "examples" => match value {
                // Shown in the pane and on review cards: cleaned like every loaded text.
                Some(Value::String(s)) => examples.push(sanitize(s.value()).into_owned()),
                Some(Value::Array(list)) if list.iter().all(Value::is_str) => {
                    examples.extend(
                        list.iter()
                            .filter_map(Value::as_str)
                            .map(|s| sanitize(s).into_owned()),
                    );
                }
                _ => {
                    return Err(format!(
                        "the examples of \"{key}\" must be a list of sentences in quotes; the line is skipped until fixed"
                    ));
                }
            },
            other => {
                return Err(format!(
                    "\"{key}\" has a field \"{other}\"; a line holds only status and examples, the line is skipped until fixed"
                ));
            }
        }
    }
    status
        .map(|status| Line { status, examples })
        .ok_or_else(bad_status)
}

/// Gives the line `item` the status `status`, changing nothing else on it.
pub(super) fn set_status(item: &mut Item, status: Status) {
    let value = status_value(status);
    match item {
        Item::Value(Value::InlineTable(table)) => replace_field(table, "status", value),
        Item::Table(table) => match table.get_mut("status").and_then(Item::as_value_mut) {
            Some(old) => replace_keeping_decor(old, value),
            None => {
                table.insert("status", Item::Value(value));
            }
        },
        Item::Value(old) => replace_keeping_decor(old, value),
        other => *other = Item::Value(value),
    }
}

/// Adds `example` to the line's examples unless it is there already; a bare status becomes
/// `{ status = …, examples = ["…"] }` on the same line.
pub(super) fn add_example(item: &mut Item, example: &str) {
    match item {
        Item::Value(Value::InlineTable(table)) => {
            match table.get_mut("examples") {
                Some(Value::Array(list)) => push_new(list, example),
                Some(other) => {
                    let mut list = Array::new();
                    if let Some(first) = other.as_str() {
                        list.push(first);
                    }
                    push_new(&mut list, example);
                    replace_keeping_decor(other, Value::Array(list));
                }
                None => {
                    table.insert("examples", Value::Array(Array::from_iter([example])));
                }
            }
            // A field added to an inline table is spaced like the others.
            table.fmt();
        }
        Item::Table(table) => match table.get_mut("examples").and_then(Item::as_value_mut) {
            Some(Value::Array(list)) => push_new(list, example),
            _ => {
                table.insert(
                    "examples",
                    Item::Value(Value::Array(Array::from_iter([example]))),
                );
            }
        },
        Item::Value(old) => {
            let decor = old.decor().clone();
            let mut table = InlineTable::new();
            table.insert("status", old.clone().decorated("", ""));
            table.insert("examples", Value::Array(Array::from_iter([example])));
            table.fmt();
            let mut value = Value::InlineTable(table);
            *value.decor_mut() = decor;
            *old = value;
        }
        _ => {}
    }
}

fn push_new(list: &mut Array, example: &str) {
    if !list.iter().any(|v| v.as_str() == Some(example)) {
        list.push(example);
        list.fmt();
    }
}

fn replace_field(table: &mut InlineTable, field: &str, value: Value) {
    match table.get_mut(field) {
        Some(old) => replace_keeping_decor(old, value),
        None => {
            table.insert(field, value);
            table.fmt();
        }
    }
}

fn replace_keeping_decor(old: &mut Value, value: Value) {
    let decor = old.decor().clone();
    *old = value;
    *old.decor_mut() = decor;
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml_edit::DocumentMut;

    fn line(text: &str) -> Result<Line, String> {
        let doc: DocumentMut = text.parse().unwrap();
        let (key, item) = doc.iter().next().unwrap();
        read(key, item)
    }

    #[test]
    fn a_line_is_a_status_or_a_status_with_examples() {
        assert_eq!(
            line("dan = \"W\"\n").unwrap(),
            Line {
                status: Status::WellKnown,
                examples: vec![]
            }
        );
        assert_eq!(
            line("kepala = { status = 1, examples = [\"Kepala desa.\"] }\n").unwrap(),
            Line {
                status: Status::Level(1),
                examples: vec!["Kepala desa.".into()]
            }
        );
        assert_eq!(
            line("[kepala]\nstatus = 2\nexamples = \"Kepala desa.\"\n")
                .unwrap()
                .examples,
            ["Kepala desa."]
        );
        assert!(line("x = 7\n").unwrap_err().contains("must be 1 to 5"));
        assert!(
            line("x = { examples = [\"a\"] }\n")
                .unwrap_err()
                .contains("must be 1 to 5")
        );
        assert!(
            line("x = { status = 1, translation = \"y\" }\n")
                .unwrap_err()
                .contains("field \"translation\"")
        );
        assert!(
            line("x = { status = 1, examples = [1] }\n")
                .unwrap_err()
                .contains("list of sentences")
        );
    }

    #[test]
    fn changing_a_line_keeps_its_comment_and_other_fields() {
        let mut doc: DocumentMut =
            "dan = 2  # and\nkepala = { status = 1, examples = [\"A.\"] } # head\n"
                .parse()
                .unwrap();
        set_status(&mut doc["dan"], Status::WellKnown);
        add_example(&mut doc["dan"], "Dan lagi.");
        set_status(&mut doc["kepala"], Status::Level(3));
        add_example(&mut doc["kepala"], "A.");
        add_example(&mut doc["kepala"], "B.");
        assert_eq!(
            doc.to_string(),
            "dan = { status = \"W\", examples = [\"Dan lagi.\"] }  # and\n\
             kepala = { status = 3, examples = [\"A.\", \"B.\"] } # head\n"
        );
        let mut doc: DocumentMut = "[kepala]\nstatus = 1 # mine\n".parse().unwrap();
        set_status(&mut doc["kepala"], Status::Level(2));
        add_example(&mut doc["kepala"], "A.");
        assert_eq!(
            doc.to_string(),
            "[kepala]\nstatus = 2 # mine\nexamples = [\"A.\"]\n"
        );
    }
}
