//! Feeds as a newsboat user meets them: ANTARA, Tempo and detik feeds served on 127.0.0.1,
//! subscribed and updated through the real binary (HOME in a temporary folder), then read on
//! the feed screen drawn into ratatui's TestBackend.

#[path = "support/isolated.rs"]
mod isolated;
#[path = "support/screen.rs"]
mod screen;
#[path = "support/server.rs"]
mod server;

use std::path::PathBuf;

use isolated::Run;
use kabar::glossary::Glossary;
use kabar::layers::Layers;
use kabar::ui::Shell;
use kabar::ui::shell::{Job, ReaderSettings, run_job};
use kabar::word_status::WordStatuses;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use tempfile::TempDir;

/// A temporary home for one test, and the server its feeds come from.
struct Sandbox {
    home: TempDir,
    server: server::Server,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            home: tempfile::tempdir().expect("temporary home"),
            server: server::Server::start(),
        }
    }

    fn data(&self) -> PathBuf {
        self.home.path().join("data/kabar")
    }

    fn kabar(&self, args: &[&str]) -> Run {
        let run = isolated::run(isolated::kabar(self.home.path(), self.home.path()).args(args));
        assert!(!run.stderr.contains("panicked"), "{run:?}");
        run
    }

    /// Subscribes to the fixture feed `name` (antara, tempo, detik) with `kabar feed add`.
    fn add(&self, name: &str) -> String {
        let url = self.server.url(&format!("/feeds/{name}.xml"));
        let run = self.kabar(&["feed", "add", &url]);
        assert_eq!(run.code, Some(0), "{run:?}");
        url
    }

    /// The library over this home's data folder, with nothing known.
    fn shell(&self, width: u16) -> Shell {
        let articles = kabar::import::store::articles_dir(&self.data());
        Shell::library(
            vec![articles],
            Layers::with_bundled_roots(Glossary::default()),
            WordStatuses::in_memory(),
            kabar::positions::Positions::in_memory(),
            ReaderSettings {
                data_dir: Some(self.data()),
                ..Default::default()
            },
            Size::new(width, 20),
        )
    }
}

fn keys(shell: &mut Shell, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        shell.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

fn shown(shell: &Shell, width: u16) -> String {
    screen::screen(&screen::draw(width, 20, |frame| {
        frame.render_widget(shell, frame.area())
    }))
}

/// Runs the background job the last key asked for, as the event loop would.
fn finish_job(shell: &mut Shell) {
    let job = shell.take_job().expect("a background job was asked for");
    shell.finish_job(run_job(job));
}

#[test]
fn updating_unchanged_feeds_reports_no_new_items_on_the_screen_as_on_the_command_line() {
    let sandbox = Sandbox::new();
    sandbox.add("antara");
    sandbox.add("tempo");
    let update = sandbox.kabar(&["feed", "update"]);
    assert_eq!(update.code, Some(0), "{update:?}");
    assert!(
        update
            .stdout
            .contains("ANTARA News - Terkini: 2 items, 0 new"),
        "{update:?}"
    );
    let mut shell = sandbox.shell(100);
    keys(&mut shell, "Fu");
    finish_job(&mut shell);
    let notice = shell.feed_view().and_then(|v| v.notice()).unwrap_or("");
    assert_eq!(notice, "Updated 2 feeds: 0 new items");
    // The job itself, run directly, agrees.
    let outcome = run_job(Job::Update {
        data_dir: sandbox.data(),
    });
    assert_eq!(
        outcome,
        kabar::ui::shell::JobOutcome::Updated(Ok("Updated 2 feeds: 0 new items".to_owned()))
    );
}

#[test]
fn an_item_whose_page_is_gone_falls_back_to_the_feeds_own_text_or_says_why_briefly() {
    let sandbox = Sandbox::new();
    sandbox.add("tempo");
    let mut shell = sandbox.shell(80);
    // Newest first: the Tempo item with its content:encoded lead, then the one with no text.
    keys(&mut shell, "F\n");
    finish_job(&mut shell);
    let reader = shell.reader().expect("the feed's own text opens");
    let article = reader.document().article();
    assert_eq!(article.title(), "Pemerintah tunda kenaikan tarif listrik");
    assert!(
        article.paragraphs.iter().any(|p| p.contains("daya beli")),
        "{:?}",
        article.paragraphs
    );
    let text = shown(&shell, 80);
    assert!(
        text.contains("Only the feed's own text: the page could not be read (the server"),
        "{text}"
    );

    // Esc dismisses the notice, Esc again closes the article; the item read is now last.
    keys(&mut shell, "\x1b\x1bF");
    let titles: Vec<&str> = shell
        .feed_view()
        .expect("F opens the feeds")
        .items()
        .iter()
        .map(|(item, _)| item.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Tanpa ringkasan", "Pemerintah tunda kenaikan tarif listrik"]
    );
    keys(&mut shell, "\n");
    finish_job(&mut shell);
    assert!(shell.reader().is_none());
    let text = shown(&shell, 80);
    let status = text.lines().last().unwrap_or("");
    // The reason first, in 80 columns; the address shortened after it.
    assert!(
        status.starts_with(" Not imported: the server answered 404 (not found)"),
        "{text}"
    );
    let notice = shell.feed_view().and_then(|v| v.notice()).unwrap_or("");
    assert!(notice.contains("127.0.0.1:"), "{notice}");
    assert!(
        notice.ends_with("layar-habis") && notice.chars().count() < 130,
        "{notice}"
    );
}

#[test]
fn a_detik_item_is_imported_from_its_guid_address() {
    let sandbox = Sandbox::new();
    sandbox.add("detik");
    let mut shell = sandbox.shell(100);
    keys(&mut shell, "F\n");
    finish_job(&mut shell);
    let reader = shell.reader().expect("the article behind the guid opens");
    assert_eq!(
        reader.document().article().meta.url.as_deref(),
        Some(sandbox.server.url("/detik").as_str())
    );
    assert_eq!(sandbox.server.hits("/detik"), 1);
}

/// A newsboat export (`newsboat -e`) of the three fixture feeds, one of them in a folder as
/// Feedly and Inoreader write them.
fn newsboat_opml(sandbox: &Sandbox) -> String {
    format!(
        r#"<?xml version="1.0"?>
<opml version="1.0">
  <head>
    <title>newsboat - Exported Feeds</title>
  </head>
  <body>
    <outline type="rss" xmlUrl="{}" htmlUrl="https://www.antaranews.com/" title="ANTARA News - Terkini"/>
    <outline title="Berita" text="Berita">
      <outline type="rss" xmlUrl="{}" htmlUrl="https://www.tempo.co/" title="Tempo.co"/>
      <outline type="rss" xmlUrl="{}" htmlUrl="https://news.detik.com/" title="detikNews"/>
    </outline>
  </body>
</opml>
"#,
        sandbox.server.url("/feeds/antara.xml"),
        sandbox.server.url("/feeds/tempo.xml"),
        sandbox.server.url("/feeds/detik.xml"),
    )
}

#[test]
fn a_newsboat_opml_imports_in_one_command_and_update_fetches_every_feed() {
    let sandbox = Sandbox::new();
    let opml = sandbox.home.path().join("newsboat.opml");
    std::fs::write(&opml, newsboat_opml(&sandbox)).unwrap();
    let opml = opml.display().to_string();
    let import = sandbox.kabar(&["feed", "import", &opml]);
    assert_eq!(import.code, Some(0), "{import:?}");
    assert!(
        import
            .stdout
            .starts_with(&format!("imported 3 of 3 feeds from {opml}\n")),
        "{import:?}"
    );
    let feeds_file = sandbox.data().join("feeds.toml");
    let written = std::fs::read_to_string(&feeds_file).unwrap();
    assert!(written.contains("tags = [\"Berita\"]"), "{written}");
    // Twice: nothing added, nothing rewritten.
    let again = sandbox.kabar(&["feed", "import", &opml]);
    assert_eq!(
        again.stdout,
        format!("imported 0 of 3 feeds from {opml} (3 already subscribed)\n")
    );
    assert_eq!(std::fs::read_to_string(&feeds_file).unwrap(), written);

    let update = sandbox.kabar(&["feed", "update"]);
    assert_eq!(update.code, Some(0), "{update:?}");
    // Not a terminal: no progress lines, only the results and the summary.
    assert_eq!(
        update.stdout,
        "ANTARA News - Terkini: 2 items, 2 new\nTempo.co: 2 items, 2 new\n\
         detikNews: 1 item, 1 new\nUpdated 3 feeds: 5 new items\n"
    );
    assert_eq!(update.stderr, "");

    // Out again as OPML 2.0, the folder kept.
    let export = sandbox.kabar(&["feed", "export"]);
    assert_eq!(export.code, Some(0), "{export:?}");
    assert!(
        export.stdout.contains("<opml version=\"2.0\">"),
        "{export:?}"
    );
    assert!(
        export
            .stdout
            .contains("<outline text=\"Berita\" title=\"Berita\">\n      <outline type=\"rss\" text=\"Tempo.co\""),
        "{export:?}"
    );
    let file = sandbox.home.path().join("out.opml");
    let to_file = sandbox.kabar(&["feed", "export", &file.display().to_string()]);
    assert_eq!(to_file.code, Some(0), "{to_file:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), export.stdout);
}

#[test]
fn a_bad_opml_file_says_where_and_subscribes_nothing() {
    let sandbox = Sandbox::new();
    let good = newsboat_opml(&sandbox);
    // Cut short after the first feed: the one before the fault must not be subscribed either.
    let cut = &good[..good.find("<outline title=\"Berita\"").unwrap()];
    let path = sandbox.home.path().join("cut.opml");
    std::fs::write(&path, format!("{cut}<outline title=\"x\"")).unwrap();
    let run = sandbox.kabar(&["feed", "import", &path.display().to_string()]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("cut.opml:8:5: not well-formed XML")
            && run.stderr.trim_end().ends_with("nothing was imported"),
        "{run:?}"
    );
    assert!(!sandbox.data().join("feeds.toml").exists());
    // A feed given instead of its OPML.
    let rss = sandbox.home.path().join("rss.opml");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/rss.xml"),
        &rss,
    )
    .unwrap();
    let run = sandbox.kabar(&["feed", "import", &rss.display().to_string()]);
    assert_eq!(run.code, Some(2), "{run:?}");
    assert!(
        run.stderr
            .contains("rss.opml:2:1: not an OPML file: its root element is <rss>"),
        "{run:?}"
    );
}

#[test]
fn feed_add_given_a_site_page_finds_its_feed_and_names_the_others() {
    let sandbox = Sandbox::new();
    let page = sandbox.server.url("/site");
    let run = sandbox.kabar(&["feed", "add", &page]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let antara = sandbox.server.url("/feeds/antara.xml");
    let atom = sandbox.server.url("/atom");
    assert_eq!(
        run.stdout,
        format!(
            "{page} is a web page; it names 2 feeds: took Terkini (RSS) {antara}\n  \
             also: Atom (Atom) {atom} (`kabar feed add` it to subscribe too)\n\
             added ANTARA News - Terkini (2 items): {antara}\n"
        )
    );
    let list = sandbox.kabar(&["feed", "list"]);
    assert_eq!(
        list.stdout,
        format!("ANTARA News - Terkini\t{antara}\t2 items\n")
    );
    // The feed, subscribed under its own address: adding it again is nothing new.
    let again = sandbox.kabar(&["feed", "add", &antara]);
    assert_eq!(again.stdout, format!("already subscribed: {antara}\n"));
}

#[test]
fn opening_an_item_marks_it_read_and_the_counts_drop() {
    let sandbox = Sandbox::new();
    sandbox.add("antara");
    sandbox.add("detik");
    let mut shell = sandbox.shell(100);
    assert_eq!(shell.library_view().unwrap().new_feed_items(), 3);
    assert!(shown(&shell, 100).contains("F feeds (3 new)"));
    keys(&mut shell, "F");
    assert!(shown(&shell, 100).contains("Feeds: 3 new of 3 items"));
    // The detik item is the newest; open it.
    keys(&mut shell, "\n");
    finish_job(&mut shell);
    assert!(shell.reader().is_some());
    keys(&mut shell, "\x1b");
    assert!(shell.reader().is_none());
    assert!(
        shown(&shell, 100).contains("F feeds (2 new)"),
        "{}",
        shown(&shell, 100)
    );
    keys(&mut shell, "F");
    let view = shell.feed_view().unwrap();
    assert_eq!(view.new_count(), 2);
    // New first: the read detik item went to the end.
    assert_eq!(
        view.items()[2].0.title,
        "Banjir rendam ratusan rumah di Bekasi"
    );
    assert!(view.is_read(&view.items()[2].0));
    // N marks one read (and moves on), N on a read one makes it new again; A marks all.
    keys(&mut shell, "N");
    assert_eq!(shell.feed_view().unwrap().new_count(), 1);
    keys(&mut shell, "jN");
    assert_eq!(shell.feed_view().unwrap().new_count(), 2);
    keys(&mut shell, "A");
    assert!(shown(&shell, 100).contains("Feeds: 0 new of 3 items"));
    // Kept on disk, and across an update that rewrites the caches.
    let update = sandbox.kabar(&["feed", "update"]);
    assert_eq!(update.code, Some(0), "{update:?}");
    let shell = sandbox.shell(100);
    assert_eq!(shell.library_view().unwrap().new_feed_items(), 0);
}

#[test]
fn a_background_refresh_keeps_the_cursor_on_the_item_it_was_on() {
    let sandbox = Sandbox::new();
    let url = sandbox.add("antara");
    // The cache from before the newest item was published.
    let mut cached = kabar::feed::read_cache(&sandbox.data(), &url).unwrap();
    let newest = cached.items.remove(0);
    kabar::feed::write_cache(&sandbox.data(), &cached).unwrap();
    let mut shell = sandbox.shell(100);
    keys(&mut shell, "F");
    let before = shell.feed_view().unwrap().selected().unwrap().title.clone();
    assert_eq!(before, "Harga cabai naik menjelang akhir pekan");

    shell.refresh_feeds();
    // A second tick while the first runs asks for nothing more.
    let job = shell.take_job().expect("the refresh fetches");
    shell.refresh_feeds();
    assert!(shell.take_job().is_none());
    shell.finish_job(run_job(job));
    let view = shell.feed_view().unwrap();
    assert_eq!(view.items()[0].0.title, newest.title, "the new item on top");
    assert_eq!(view.selected().unwrap().title, before, "the cursor stayed");
    assert_eq!(view.notice(), Some("Refreshed: Updated 1 feed: 1 new item"));

    let every = Shell::library(
        Vec::new(),
        Layers::default(),
        WordStatuses::in_memory(),
        kabar::positions::Positions::in_memory(),
        ReaderSettings {
            refresh_minutes: Some(30),
            ..Default::default()
        },
        Size::new(80, 20),
    )
    .refresh_interval();
    assert_eq!(every, Some(std::time::Duration::from_secs(30 * 60)));
    assert_eq!(
        sandbox.shell(100).refresh_interval(),
        None,
        "off by default"
    );
}
