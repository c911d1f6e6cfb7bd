//! Changing the fields of one entry in place, whatever form it is written in — a `[table]`,
//! an inline table or a terse `term = "translation"` — keeping its comments and spacing.

use toml_edit::{InlineTable, Item, Table, Value};

/// Sets each field of `changes` on the entry `slot` (`None` removes it); a terse entry given
/// more than a translation becomes an inline table on its line, an inline table left with its
/// translation alone becomes terse again. False when `slot` is not an entry.
pub(super) fn apply(slot: &mut Item, changes: Vec<(&str, Option<Value>)>) -> bool {
    match slot {
        Item::Table(existing) => {
            for (field, value) in changes {
                match value {
                    Some(value) => {
                        let keep = existing
                            .get(field)
                            .is_some_and(|old| same_value(old, &Item::Value(value.clone())));
                        if !keep {
                            existing.insert(field, Item::Value(value));
                        }
                    }
                    None => {
                        existing.remove(field);
                    }
                }
            }
        }
        Item::Value(Value::InlineTable(existing)) => {
            let mut removed = false;
            let mut added = false;
            for (field, value) in changes {
                match value {
                    Some(value) => added |= existing.insert(field, value).is_none(),
                    None => removed |= existing.remove(field).is_some(),
                }
            }
            if removed || added {
                // Removing the last field leaves `{ a = 1}`, adding one after a value
                // written before `}` leaves `"x" , b = 2`: tidy the spacing.
                existing.fmt();
            }
            // A removal that leaves only the translation makes the entry terse again.
            let terse = (removed && existing.len() == 1)
                .then(|| existing.get("translation").cloned())
                .flatten()
                .filter(|translation| translation.is_str());
            if let Some(mut translation) = terse {
                *translation.decor_mut() = existing.decor().clone();
                *slot = Item::Value(translation);
            }
        }
        Item::Value(current) => {
            // A terse entry stays terse while only its translation changes; with more
            // fields it becomes an inline table on its own line.
            let only_translation = changes
                .iter()
                .all(|(field, value)| *field == "translation" || value.is_none());
            let decor = current.decor().clone();
            let translation = changes
                .iter()
                .find(|(field, _)| *field == "translation")
                .and_then(|(_, value)| value.clone())
                .unwrap_or_else(|| current.clone());
            let mut value = if only_translation {
                translation
            } else {
                let mut inline = InlineTable::new();
                let mut translation = translation;
                translation.decor_mut().clear();
                inline.insert("translation", translation);
                for (field, value) in changes
                    .into_iter()
                    .filter(|(field, _)| *field != "translation")
                {
                    if let Some(value) = value {
                        inline.insert(field, value);
                    }
                }
                Value::InlineTable(inline)
            };
            *value.decor_mut() = decor;
            *current = value;
        }
        _ => return false,
    }
    true
}

/// Whether two items hold the same strings, whatever their quoting.
fn same_value(old: &Item, new: &Item) -> bool {
    let strings = |item: &Item| -> Option<Vec<String>> {
        match item.as_value()? {
            Value::String(s) => Some(vec![s.value().clone()]),
            Value::Array(a) => a.iter().map(|v| v.as_str().map(str::to_owned)).collect(),
            _ => None,
        }
    };
    strings(old).is_some_and(|o| Some(o) == strings(new))
}

/// Before the fields `removed` are taken out of `table`: moves the comment lines written above
/// each onto the next field that stays, and returns those with no field after them.
pub(super) fn hand_on_comments(table: &mut Table, removed: &[&str]) -> Option<String> {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
    let mut carried = String::new();
    for key in &keys {
        let Some(mut k) = table.key_mut(key) else {
            continue;
        };
        let prefix = k
            .leaf_decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("")
            .to_owned();
        if removed.contains(&key.as_str()) {
            if prefix.contains('#') {
                carried.push_str(&prefix);
            }
        } else if !carried.is_empty() {
            k.leaf_decor_mut()
                .set_prefix(format!("{}{prefix}", std::mem::take(&mut carried)));
        }
    }
    (!carried.is_empty()).then_some(carried)
}
