//! Correcting a paragraph's translation in the learner's editor (`c`): the English goes into
//! a temporary file with the Indonesian below it as comments; what the learner saves becomes
//! the paragraph's corrected translation in the article's translation file, which kabar never
//! machine translates again. The event loop suspends the terminal around the editor.

use std::path::{Path, PathBuf};

use super::App;
use crate::translation::{Origin, Paragraph, one_paragraph};

/// Lines of the file that start with this are left out of the correction.
const COMMENT: char = '#';

/// Opens paragraph `paragraph`'s English in the editor (`edit` runs it on a file) and saves
/// what comes back as the paragraph's corrected translation, saying how it went in the status
/// line. An empty or unchanged text changes nothing.
pub(super) fn correct(
    app: &mut App,
    paragraph: usize,
    english: &str,
    indonesian: &str,
    mut edit: impl FnMut(&Path) -> std::io::Result<()>,
) {
    let Some(place) = app.translation_place().cloned() else {
        return;
    };
    let file = scratch_file(paragraph);
    let written = write_new(&file, &draft(paragraph, english, indonesian));
    let edited = written
        .and_then(|()| edit(&file))
        .and_then(|()| std::fs::read_to_string(&file));
    let _ = std::fs::remove_file(&file);
    let text = match edited {
        Ok(text) => corrected(&text),
        Err(err) => {
            app.show_notice(format!("Not corrected: {err}"), true);
            return;
        }
    };
    if text.is_empty() {
        app.show_notice("Not corrected: the text was left empty", false);
        return;
    }
    if text == one_paragraph(english) {
        app.show_notice("Not corrected: the text is unchanged", false);
        return;
    }
    let article = app.document().article();
    let (paragraphs, path) = (article.paragraphs.len(), article.path.clone());
    let change = Paragraph {
        text,
        origin: Origin::Corrected,
    };
    match place.save(paragraphs, path.as_deref(), vec![(paragraph, change)]) {
        Ok(on_disk) => {
            app.translation_saved(on_disk);
            app.show_notice(
                format!(
                    "Corrected ¶{} (never machine translated again): {}",
                    paragraph + 1,
                    place.path.file_name().unwrap_or_default().to_string_lossy()
                ),
                false,
            );
        }
        Err(err) => app.show_notice(format!("Not corrected: {err}"), true),
    }
}

/// A file of its own for this correction, in the temporary folder.
fn scratch_file(paragraph: usize) -> PathBuf {
    std::env::temp_dir().join(format!(
        "kabar-correct-{}-p{}.txt",
        std::process::id(),
        paragraph + 1
    ))
}

/// Writes `text` to `file`, which must not exist yet (a link or file someone put at the
/// name in the shared temporary folder is refused, never written through); only the learner
/// may read it.
fn write_new(file: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file)?.write_all(text.as_bytes())
}

/// What the editor opens: the English first, then the Indonesian to translate from.
fn draft(paragraph: usize, english: &str, indonesian: &str) -> String {
    let mut text = format!(
        "{english}\n\n{COMMENT} kabar: correct the English of paragraph {} above, then save and quit.\n\
         {COMMENT} Lines starting with {COMMENT} are left out; an empty text changes nothing.\n\
         {COMMENT}\n{COMMENT} The Indonesian:\n",
        paragraph + 1
    );
    let mut line = String::new();
    for word in indonesian.split_whitespace() {
        if !line.is_empty() && line.len() + word.len() > 76 {
            text.push_str(&format!("{COMMENT} {line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        text.push_str(&format!("{COMMENT} {line}\n"));
    }
    text
}

/// The correction in an edited file, as one paragraph: everything above kabar's own comment
/// block (so English that starts with `#`, such as "#MeToo", stays), or, when the learner
/// removed that block, the lines that are not comments.
fn corrected(text: &str) -> String {
    let marker = format!("{COMMENT} kabar:");
    let kept: Vec<&str> = match text.lines().position(|line| line.starts_with(&marker)) {
        Some(end) => text.lines().take(end).collect(),
        None => text
            .lines()
            .filter(|line| !line.trim_start().starts_with(COMMENT))
            .collect(),
    };
    one_paragraph(&kept.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::document::Document;
    use crate::layers::Layers;
    use crate::translation::place::Place;
    use crate::ui::app::TranslationSetup;

    #[test]
    fn what_the_editor_saves_is_the_corrected_paragraph_in_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let articles = crate::import::store::articles_dir(dir.path());
        std::fs::create_dir_all(&articles).unwrap();
        let path = articles.join("a.md");
        std::fs::write(&path, "Satu.\n\nDua.\n").unwrap();
        let layers = Layers::new(
            crate::glossary::Glossary::default(),
            crate::morphology::Lexicon::default(),
        );
        let article = Article::load(&path).unwrap();
        let mut app = App::new(
            Document::new(article, &layers),
            layers,
            ratatui::layout::Size::new(80, 24),
        )
        .with_translation(TranslationSetup {
            place: Place::of(&path, Some(dir.path())),
            ..TranslationSetup::default()
        });
        let mut seen = String::new();
        correct(&mut app, 1, "EN Two", "Dua.", |file| {
            seen = std::fs::read_to_string(file)?;
            std::fs::write(file, "Two, as I say it.\n# Dua.\n")
        });
        assert!(
            seen.starts_with("EN Two\n") && seen.contains("# Dua."),
            "{seen}"
        );
        let saved = std::fs::read_to_string(articles.join("a.en.md")).unwrap();
        assert!(
            saved.contains("corrected = \"2\"") && saved.contains("\nTwo, as I say it.\n"),
            "{saved}"
        );
        let notice = app.notice().unwrap();
        assert!(notice.text.starts_with("Corrected ¶2"), "{notice:?}");
        assert_eq!(
            app.document()
                .article()
                .translation
                .as_ref()
                .unwrap()
                .text(1),
            Some("Two, as I say it.")
        );
        // An unchanged text changes nothing.
        correct(&mut app, 1, "Two, as I say it.", "Dua.", |_| Ok(()));
        assert!(app.notice().unwrap().text.contains("unchanged"));
    }

    #[test]
    fn the_scratch_file_is_never_written_through_something_already_there() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious.txt");
        std::fs::write(&target, "keep me").unwrap();
        let planted = dir.path().join("kabar-correct.txt");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&target, &planted).unwrap();
        #[cfg(not(unix))]
        std::fs::write(&planted, "planted").unwrap();
        assert!(write_new(&planted, "draft").is_err());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
        let fresh = dir.path().join("fresh.txt");
        write_new(&fresh, "draft").unwrap();
        assert_eq!(std::fs::read_to_string(&fresh).unwrap(), "draft");
    }

    #[test]
    fn the_draft_reads_back_as_its_english_and_comments_are_left_out() {
        let draft = draft(
            2,
            "The leaders met.",
            "Kedua pemimpin itu bertemu di Vladivostok.",
        );
        assert!(
            draft.starts_with("The leaders met.\n\n# kabar: correct the English of paragraph 3")
        );
        assert!(draft.contains("# Kedua pemimpin itu bertemu di Vladivostok.\n"));
        assert_eq!(corrected(&draft), "The leaders met.");
        assert_eq!(
            corrected("The two leaders\nmet \u{1b}[2J.\n# a note\n\n"),
            "The two leaders met ␛[2J."
        );
        assert_eq!(corrected("# only comments\n"), "");
        // English that starts with '#' is kept when kabar's comment block follows it.
        let hashtag = super::draft(0, "#MeToo protests grew.", "Protes #MeToo meluas.");
        assert_eq!(corrected(&hashtag), "#MeToo protests grew.");
    }
}
