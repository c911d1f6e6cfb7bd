//! The user's library of imported articles, `<data_dir>/articles/<slug>.md`: listing what is
//! there and saving a new article exactly once. An article already in the library — the same
//! URL, or the same text — is never written again; the existing file is returned instead. The
//! files themselves are the index (their headers are read on each scan), so a file the user
//! deletes or edits is never contradicted by stale bookkeeping. Knows nothing of the terminal.

use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::ImportError;
use crate::article::{Article, Meta};
use crate::atomic_file;

/// The library folder inside kabar's data folder.
pub fn articles_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("articles")
}

/// One article of the library, as the library view lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The article file.
    pub path: PathBuf,
    /// Its header.
    pub meta: Meta,
    /// A fingerprint of its paragraphs, for recognising the same text imported again.
    pub text_hash: u128,
}

/// What [`save`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// A new file was written.
    New(PathBuf),
    /// The article was already in the library, in this file; nothing was written.
    Existing(PathBuf),
}

impl Saved {
    /// The article's file, new or existing.
    pub fn path(&self) -> &Path {
        match self {
            Saved::New(path) | Saved::Existing(path) => path,
        }
    }
}

/// Every article (`*.md`, `*.txt`, translations excluded) in `dir`, by file name, with the
/// problems of files that could not be read (each naming the file). A missing folder is an
/// empty library.
pub fn scan(dir: &Path) -> (Vec<Entry>, Vec<String>) {
    let paths = crate::catalog::article_files(&[dir.to_path_buf()]);
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match Article::load(&path) {
            Ok(article) => entries.push(Entry {
                text_hash: text_hash(&article.paragraphs),
                meta: article.meta,
                path,
            }),
            Err(err) => problems.push(err.to_string()),
        }
    }
    (entries, problems)
}

/// The library file holding this URL, if any (compared without fragment or trailing slash).
pub fn find_url(dir: &Path, url: &str) -> Option<PathBuf> {
    let wanted = url_key(url);
    scan(dir)
        .0
        .into_iter()
        .find(|e| e.meta.url.as_deref().map(url_key) == Some(wanted.clone()))
        .map(|e| e.path)
}

/// Saves `article` into `dir` as `<slug>.md`, unless the library already holds the same URL or
/// the same text. The file is written atomically and never over another file.
pub fn save(article: &Article, dir: &Path) -> Result<Saved, ImportError> {
    let text = render(article);
    // Compare what will be read back, not what was extracted.
    let stored = Article::parse(&text, Path::new("new.md"))?;
    let hash = text_hash(&stored.paragraphs);
    let url = article.meta.url.as_deref().map(url_key);
    let save_error = |path: &Path, err: atomic_file::ReplaceError| ImportError::Save {
        path: path.to_path_buf(),
        reason: err.to_string(),
    };
    let stem = slug(article.meta.title.as_deref().unwrap_or("artikel"));
    // Two imports at once take turns, so the second finds the first's file.
    std::fs::create_dir_all(dir).map_err(|err| ImportError::Save {
        path: dir.to_path_buf(),
        reason: err.to_string(),
    })?;
    let lock =
        crate::file_lock::FolderLock::acquire(dir).map_err(|err| save_error(dir, err.into()))?;
    let (entries, _) = scan(dir);
    if let Some(existing) = entries.iter().find(|e| {
        e.text_hash == hash || (url.is_some() && e.meta.url.as_deref().map(url_key) == url)
    }) {
        return Ok(Saved::Existing(existing.path.clone()));
    }
    // A name is taken by anything there, a symlink pointing nowhere included.
    let taken = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    let path = (1..)
        .map(|n| match n {
            1 => dir.join(format!("{stem}.md")),
            n => dir.join(format!("{stem}-{n}.md")),
        })
        .find(|p| !taken(p) && !taken(&p.with_extension("txt")))
        .expect("some numbered name is free");
    // Never over anything, even something that appeared meanwhile.
    atomic_file::Writer::with_lock(&path, lock)
        .create_new(&text)
        .map_err(|err| save_error(&path, err))?;
    Ok(Saved::New(path))
}

/// The article as a file: a `+++` TOML header, then paragraphs separated by blank lines.
pub fn render(article: &Article) -> String {
    let header = toml::to_string(&article.meta).expect("string fields serialise");
    let mut out = format!("+++\n{header}+++\n");
    for paragraph in &article.paragraphs {
        out.push('\n');
        out.push_str(paragraph);
        out.push('\n');
    }
    out
}

/// A file name from a title: ASCII letters and digits (accents dropped), words joined by
/// hyphens, at most 60 characters cut at a word boundary; "artikel" when nothing is left.
pub fn slug(title: &str) -> String {
    let ascii: String = title
        .nfd()
        .filter(char::is_ascii)
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let mut out = String::new();
    for word in ascii.split_whitespace() {
        if out.len() + word.len() + 1 > 60 && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word[..word.len().min(60)]);
    }
    if out.is_empty() {
        "artikel".to_owned()
    } else {
        out
    }
}

/// An address as compared for "the same page": without its fragment or trailing slash.
pub(crate) fn url_key(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url).trim();
    url.trim_end_matches('/').to_owned()
}

/// FNV-1a over the paragraphs: stable across runs and Rust versions (unlike `DefaultHasher`),
/// and 128 bits wide so two different articles do not collide in a personal library.
pub fn text_hash(paragraphs: &[String]) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut hash = OFFSET;
    for paragraph in paragraphs {
        for byte in paragraph.bytes().chain([b'\n']) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, url: Option<&str>, text: &str) -> Article {
        Article {
            meta: Meta {
                title: Some(title.into()),
                url: url.map(Into::into),
                language: Some("id".into()),
                ..Meta::default()
            },
            paragraphs: vec![text.into()],
            ..Article::default()
        }
    }

    #[test]
    fn slugs_are_ascii_and_short() {
        assert_eq!(
            slug("Harga Beras Naik, Pemerintah \"Tenang\""),
            "harga-beras-naik-pemerintah-tenang"
        );
        assert_eq!(slug("Café – Ürün"), "cafe-urun");
        assert_eq!(slug("¿?"), "artikel");
        assert!(slug(&"kata ".repeat(40)).len() <= 60);
    }

    #[test]
    fn saves_once_by_url_and_by_text_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let first = save(
            &article("Judul", Some("https://a.id/x"), "Satu."),
            dir.path(),
        )
        .unwrap();
        let Saved::New(path) = &first else {
            panic!("{first:?}")
        };
        assert!(path.ends_with("judul.md"));
        let before = std::fs::read_to_string(path).unwrap();
        assert_eq!(Article::parse(&before, path).unwrap().paragraphs, ["Satu."]);
        // Same URL (fragment and trailing slash aside), other text.
        let again = save(
            &article("Lain", Some("https://a.id/x/#top"), "Dua."),
            dir.path(),
        )
        .unwrap();
        assert_eq!(again, Saved::Existing(path.clone()));
        // Same text, no URL.
        let again = save(&article("Lain", None, "Satu."), dir.path()).unwrap();
        assert_eq!(again, Saved::Existing(path.clone()));
        // Same title, new text: a new numbered file.
        let other = save(&article("Judul", None, "Tiga."), dir.path()).unwrap();
        assert!(other.path().ends_with("judul-2.md"), "{other:?}");
        assert_eq!(std::fs::read_to_string(path).unwrap(), before);
        let (entries, problems) = scan(dir.path());
        assert_eq!((entries.len(), problems.len()), (2, 0));
        assert_eq!(find_url(dir.path(), "https://a.id/x"), Some(path.clone()));
    }
}
