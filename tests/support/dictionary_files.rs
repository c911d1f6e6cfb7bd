//! Dictionary files written for tests, in the formats kabar installs: StarDict (`.ifo`, `.idx`,
//! `.dict` or dictzip `.dict.dz`, `.syn`) and dictd (`.index`, `.dict.dz`). Used by the unit
//! tests beside the readers (through `#[path]`) and by the command-line tests.

#![allow(dead_code)] // Each test crate uses some of these.

use std::io::Write;
use std::path::{Path, PathBuf};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).expect("gzip in memory");
    gz.finish().expect("gzip in memory")
}

/// Writes a StarDict dictionary of `(headword, html)` into `dir` as `NAME.*`, with `forms`
/// (`.syn`: form, headword number); the data gzipped as `.dict.dz` when `compress`. Returns
/// the `.ifo`.
pub fn write_stardict(
    dir: &Path,
    name: &str,
    entries: &[(&str, &str)],
    forms: &[(&str, u32)],
    compress: bool,
) -> PathBuf {
    let mut idx = Vec::new();
    let mut dict = Vec::new();
    for (word, html) in entries {
        idx.extend_from_slice(word.as_bytes());
        idx.push(0);
        idx.extend_from_slice(&(dict.len() as u32).to_be_bytes());
        idx.extend_from_slice(&(html.len() as u32).to_be_bytes());
        dict.extend_from_slice(html.as_bytes());
    }
    let mut syn = Vec::new();
    for (form, index) in forms {
        syn.extend_from_slice(form.as_bytes());
        syn.push(0);
        syn.extend_from_slice(&index.to_be_bytes());
    }
    let ifo = dir.join(format!("{name}.ifo"));
    std::fs::write(
        &ifo,
        format!(
            "StarDict's dict ifo file\nversion=3.0.0\nbookname={name} test\nwordcount={}\nsynwordcount={}\nidxfilesize={}\nsametypesequence=h\n",
            entries.len(),
            forms.len(),
            idx.len()
        ),
    )
    .expect("write .ifo");
    std::fs::write(dir.join(format!("{name}.idx")), idx).expect("write .idx");
    if compress {
        std::fs::write(dir.join(format!("{name}.dict.dz")), gzip(&dict)).expect("write .dict.dz");
    } else {
        std::fs::write(dir.join(format!("{name}.dict")), dict).expect("write .dict");
    }
    if !forms.is_empty() {
        std::fs::write(dir.join(format!("{name}.syn")), syn).expect("write .syn");
    }
    ifo
}

/// dictd's base 64 for `n`: digits `A-Za-z0-9+/`, most significant first.
pub fn dictd_number(mut n: u64) -> String {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 64) as usize]);
        n /= 64;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII digits")
}

/// Writes a dictd dictionary of `(headword, text)` into `dir` as `NAME.index` + `.dict.dz`,
/// with a `00-database-short` entry naming it. Returns the `.index`.
pub fn write_dictd(dir: &Path, name: &str, entries: &[(&str, &str)]) -> PathBuf {
    let mut dict = String::new();
    let mut index = String::new();
    let mut all = vec![(
        "00-database-short",
        format!("00-database-short\n    {name} dictd test\n"),
    )];
    all.extend(entries.iter().map(|(w, t)| (*w, format!("{w}\n{t}\n"))));
    for (word, text) in &all {
        index.push_str(&format!(
            "{word}\t{}\t{}\n",
            dictd_number(dict.len() as u64),
            dictd_number(text.len() as u64)
        ));
        dict.push_str(text);
    }
    std::fs::write(dir.join(format!("{name}.dict.dz")), gzip(dict.as_bytes()))
        .expect("write .dict.dz");
    let path = dir.join(format!("{name}.index"));
    std::fs::write(&path, index).expect("write .index");
    path
}
