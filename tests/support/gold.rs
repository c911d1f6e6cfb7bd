//! The stem gold list (tests/data/stem_gold.tsv: word, root, tag per line, `#` comments), read
//! the same way by the accuracy test and the morphology benchmark.

/// One word of the gold list with its expected root.
#[allow(dead_code)] // The benchmark reads only the words.
pub struct Gold {
    /// The word as it appears in text.
    pub word: String,
    /// Its root.
    pub root: String,
    /// What kind of formation it is ("affixed", "root", …).
    pub tag: String,
}

/// Every pair of the gold list, in file order.
pub fn gold() -> Vec<Gold> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/stem_gold.tsv"
    ))
    .expect("tests/data/stem_gold.tsv is readable");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let mut fields = line.split('\t');
            let mut next = || {
                fields
                    .next()
                    .unwrap_or_else(|| panic!("bad gold line {line:?}"))
                    .trim()
                    .to_owned()
            };
            Gold {
                word: next(),
                root: next(),
                tag: next(),
            }
        })
        .collect()
}
