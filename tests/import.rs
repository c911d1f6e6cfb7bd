//! Importing from fixture files and from a local HTTP server, through the library API: every
//! importer, the clutter it must drop, the failures it must name, and that nothing unsafe or
//! duplicate is ever written.

#[path = "support/server.rs"]
mod server;

use std::path::{Path, PathBuf};
use std::time::Duration;

use kabar::article::Article;
use kabar::feed;
use kabar::fetch::{Expect, Fetcher};
use kabar::import::{self, store};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn text_of(article: &Article) -> String {
    article.paragraphs.join("\n")
}

/// No paragraph keeps any of these: they are page furniture, not the story.
fn assert_no_clutter(article: &Article) {
    let text = text_of(article).to_lowercase();
    for clutter in [
        "baca juga",
        "simak",
        "advertisement",
        "scroll to continue",
        "editor:",
        "penulis:",
        "pewarta:",
        "foto:",
        "antara foto",
        "(fyk/ash)",
        "(rdp/imk)",
        "bagikan",
        "komentar",
        "copyright",
    ] {
        assert!(!text.contains(clutter), "{clutter:?} left in:\n{text}");
    }
}

#[test]
fn kompas_page() {
    let a = import::from_file(&fixture("kompas.html")).unwrap();
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Pemerintah Tambah Stok Beras Jelang Lebaran")
    );
    assert_eq!(a.meta.source.as_deref(), Some("KOMPAS.com"));
    assert_eq!(a.meta.date.as_deref(), Some("2024-03-20T10:00:00+07:00"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://nasional.kompas.com/read/2024/03/20/10000001/pemerintah-tambah-stok-beras")
    );
    assert!(
        a.paragraphs[0].starts_with("Pemerintah menambah stok beras"),
        "{:#?}",
        a.paragraphs
    );
    assert!(
        a.paragraphs.last().unwrap().ends_with("terus naik."),
        "{:#?}",
        a.paragraphs
    );
    assert_eq!(a.paragraphs.len(), 6, "{:#?}", a.paragraphs);
    assert_no_clutter(&a);
}

#[test]
fn antara_page() {
    let a = import::from_file(&fixture("antara.html")).unwrap();
    assert_eq!(
        a.meta.title.as_deref(),
        Some("BMKG imbau warga waspada hujan lebat di Jawa")
    );
    assert_eq!(a.meta.source.as_deref(), Some("ANTARA News"));
    assert_eq!(a.meta.date.as_deref(), Some("2024-01-15T08:30:00+07:00"));
    assert!(
        a.paragraphs[0].starts_with("Badan Meteorologi"),
        "{:#?}",
        a.paragraphs
    );
    assert_eq!(a.paragraphs.len(), 5, "{:#?}", a.paragraphs);
    assert_no_clutter(&a);
}

#[test]
fn detik_page_dateline_fills_the_source() {
    let a = import::from_file(&fixture("detik.html")).unwrap();
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Kereta Cepat Angkut Sejuta Penumpang")
    );
    assert_eq!(a.meta.source.as_deref(), Some("detikNews"));
    assert_eq!(a.meta.date.as_deref(), Some("2023-12-05T14:15:00+07:00"));
    assert!(
        a.paragraphs[0].starts_with("Kereta cepat yang"),
        "{:#?}",
        a.paragraphs
    );
    assert_eq!(a.paragraphs.len(), 5, "{:#?}", a.paragraphs);
    assert_no_clutter(&a);
}

#[test]
fn hard_wrapped_press_release() {
    let a = import::from_file(&fixture("siaran-pers.txt")).unwrap();
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Kementerian Perdagangan Catat Kenaikan Ekspor Nonmigas")
    );
    assert_eq!(a.meta.language.as_deref(), Some("id"));
    assert_eq!(a.paragraphs.len(), 4, "{:#?}", a.paragraphs);
    assert!(a.paragraphs[0].starts_with("Kementerian Perdagangan hari ini"));
    assert!(a.paragraphs[0].ends_with("mitra dagang."));
    assert_eq!(a.paragraphs[3], "Kinerja ini diharapkan berlanjut.");
    assert_no_clutter(&a);
}

#[test]
fn mojibake_is_repaired() {
    let a = import::from_file(&fixture("mojibake.txt")).unwrap();
    assert_eq!(
        a.paragraphs,
        [
            "Menteri itu berkata, “Kami tak akan mundur.” Harga kopi di kafé naik.",
            "Ia menambahkan bahwa pemerintah’s tim akan bekerja — siang dan malam."
        ]
    );
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let a = import::from_file(&fixture("invalid-utf8.txt")).unwrap();
    assert!(
        a.paragraphs[0].contains("pasar \u{fffd}\u{fffd} tradisional"),
        "{:?}",
        a.paragraphs
    );
    assert_eq!(a.warnings.len(), 1);
    assert!(
        a.warnings[0].contains("invalid-utf8.txt:3:27: not valid UTF-8"),
        "{:?}",
        a.warnings
    );
}

#[test]
fn an_empty_page_is_an_error_and_nothing_is_written() {
    let err = import::from_file(&fixture("empty.html")).unwrap_err();
    assert!(
        err.to_string()
            .ends_with("empty.html: no article text found; nothing was imported"),
        "{err}"
    );
}

/// Every byte that could drive a terminal: C0 controls but newline, DEL, and C1 controls
/// (UTF-8 C2 80–C2 9F).
fn assert_no_terminal_bytes(bytes: &[u8], what: &str) {
    for (i, &b) in bytes.iter().enumerate() {
        assert!(
            b == b'\n' || (b >= 0x20 && b != 0x7f),
            "{what}: byte {b:#x} at {i}"
        );
        if b == 0xc2 {
            let next = bytes.get(i + 1).copied().unwrap_or(0);
            assert!(!(0x80..=0x9f).contains(&next), "{what}: C1 control at {i}");
        }
    }
}

#[test]
fn escape_sequences_never_reach_the_saved_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["escapes.txt", "escapes.html"] {
        let article = import::from_file(&fixture(name)).unwrap();
        let saved = store::save(&article, dir.path()).unwrap();
        let bytes = std::fs::read(saved.path()).unwrap();
        assert_no_terminal_bytes(&bytes, name);
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains('\u{241b}'),
            "ESC is shown as a visible ␛: {text}"
        );
        // And the saved file loads as an article.
        Article::load(saved.path()).unwrap();
    }
}

#[test]
fn reimport_of_the_same_file_returns_the_existing_one_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let article = import::from_file(&fixture("siaran-pers.txt")).unwrap();
    let first = store::save(&article, dir.path()).unwrap();
    assert!(matches!(first, store::Saved::New(_)));
    let modified = std::fs::metadata(first.path()).unwrap().modified().unwrap();
    let again = store::save(
        &import::from_file(&fixture("siaran-pers.txt")).unwrap(),
        dir.path(),
    )
    .unwrap();
    assert_eq!(again, store::Saved::Existing(first.path().to_path_buf()));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    assert_eq!(
        std::fs::metadata(first.path()).unwrap().modified().unwrap(),
        modified
    );
}

// ---------------------------------------------------------------------------------------------
// feeds
// ---------------------------------------------------------------------------------------------

fn parse_feed(name: &str) -> Result<feed::Channel, feed::FeedError> {
    feed::parse(
        &std::fs::read(fixture(name)).unwrap(),
        &format!("https://contoh.id/{name}"),
    )
}

#[test]
fn rss_with_cdata_escaped_double_escaped_crlf_and_missing_dates() {
    let channel = parse_feed("rss.xml").unwrap();
    assert_eq!(channel.title.as_deref(), Some("Berita Contoh & Terkini"));
    let titles: Vec<&str> = channel.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Kereta Baru Mulai Beroperasi",
            "Harga Beras Turun di Pasar Induk",
            "Banjir Surut di Jakarta Timur",
            "Tanpa Tanggal & Dua Kali",
            "Juga Tanpa Tanggal",
        ],
        "newest first, undated last in feed order"
    );
    let summary = |n: usize| channel.items[n].summary.as_str();
    assert_eq!(summary(0), "Kereta baru mulai beroperasi hari ini.");
    assert_eq!(
        summary(1),
        "Harga beras di pasar turun pekan ini. Pedagang senang & pembeli lega."
    );
    assert_eq!(summary(3), "Ringkasan yang di-escape dua kali.");
    assert_eq!(
        channel.items[0].date.as_deref(),
        Some("2024-03-20T01:00:00+00:00")
    );
    assert_eq!(channel.items[3].date, None);
    for item in &channel.items {
        assert!(!item.summary.contains(['<', '\r']), "{item:?}");
    }
    assert_eq!(
        channel.items[2].content.len(),
        6,
        "full content kept: {:?}",
        channel.items[2].content
    );
}

#[test]
fn atom_and_a_feed_labelled_with_the_wrong_language() {
    let atom = parse_feed("atom.xml").unwrap();
    let titles: Vec<&str> = atom.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Pasar Saham Menguat", "Rupiah Stabil"]);
    assert_eq!(
        atom.items[1].link.as_deref(),
        Some("https://contoh.id/atom/rupiah-stabil")
    );
    assert_eq!(
        atom.items[0].summary,
        "Indeks saham menguat pada pembukaan perdagangan."
    );
    let en = parse_feed("feed-en-label.xml").unwrap();
    assert_eq!(en.language.as_deref(), Some("en-us"));
    let item = &en.items[0];
    let mut words = kabar::word_status::WordStatuses::in_memory();
    let known: Vec<_> = [
        "presiden",
        "meresmikan",
        "jembatan",
        "baru",
        "itu",
        "dua",
        "desa",
    ]
    .iter()
    .map(|w| ((*w).to_owned(), Some(kabar::glossary::Status::WellKnown)))
    .collect();
    words.apply(&known);
    let layers = kabar::layers::Layers::with_bundled_roots(kabar::glossary::Glossary::default());
    let share = feed::known_percent(item, &layers, &words).unwrap();
    assert!(share > 40 && share < 100, "{share}");
}

#[test]
fn malformed_xml_and_a_page_that_is_not_a_feed_are_named() {
    let err = parse_feed("malformed.xml").unwrap_err().to_string();
    assert!(
        err.starts_with("https://contoh.id/malformed.xml: the feed is not well-formed XML"),
        "{err}"
    );
    let err = parse_feed("kompas.html").unwrap_err().to_string();
    assert_eq!(
        err,
        "https://contoh.id/kompas.html: not an RSS or Atom feed (it is a web page; look on the site for its RSS link)"
    );
}

#[test]
fn a_feed_item_with_full_content_imports_without_fetching() {
    let channel = parse_feed("rss.xml").unwrap();
    let item = channel
        .items
        .iter()
        .find(|i| i.title.starts_with("Banjir"))
        .unwrap();
    // A fetcher that cannot reach anything: the content must be enough.
    let fetcher = Fetcher {
        timeout: Duration::from_millis(1),
        ..Fetcher::default()
    };
    let article = import::item_article(item, &fetcher).unwrap();
    assert_eq!(
        article.meta.title.as_deref(),
        Some("Banjir Surut di Jakarta Timur")
    );
    assert_eq!(
        article.meta.source.as_deref(),
        Some("Berita Contoh & Terkini")
    );
    assert_eq!(article.paragraphs.len(), 4, "{:#?}", article.paragraphs);
    assert!(article.paragraphs[0].starts_with("Air banjir"));
}

// ---------------------------------------------------------------------------------------------
// fetching
// ---------------------------------------------------------------------------------------------

fn quick() -> Fetcher {
    Fetcher {
        timeout: Duration::from_millis(700),
        ..Fetcher::default()
    }
}

#[test]
fn fetch_failures_are_one_clear_line_each() {
    let server = server::Server::start();
    let err = |path: &str, expect| {
        quick()
            .get(&server.url(path), expect)
            .unwrap_err()
            .to_string()
    };
    let url = |path: &str| server.url(path);
    assert_eq!(
        err("/slow", Expect::Html),
        format!(
            "{}: no complete answer within 1 s; the site may be slow or down, try again later",
            url("/slow")
        )
    );
    assert_eq!(
        err("/loop", Expect::Html),
        format!(
            "{}: more than 5 redirects (a redirect loop?); open it in a browser to see where it leads",
            url("/loop")
        )
    );
    assert_eq!(
        err("/big", Expect::Html),
        format!(
            "{}: the document is larger than 5 MB; kabar does not read pages that big",
            url("/big")
        )
    );
    assert_eq!(
        err("/missing", Expect::Html),
        format!(
            "{}: the server answered 404 (not found); check the address",
            url("/missing")
        )
    );
    assert_eq!(
        err("/json", Expect::Html),
        format!(
            "{}: expected a web page (text/html) but the server sent application/json",
            url("/json")
        )
    );
    assert_eq!(
        err("/kompas", Expect::Feed),
        format!(
            "{}: expected an RSS or Atom feed (XML) but the server sent text/html",
            url("/kompas")
        )
    );
    assert!(err("/to-ftp", Expect::Html).starts_with(&url("/to-ftp")));
    // Nothing listens on port 9 of 127.0.0.1.
    let refused = quick()
        .get("http://127.0.0.1:9/", Expect::Html)
        .unwrap_err()
        .to_string();
    assert!(
        refused.starts_with("http://127.0.0.1:9/: cannot connect"),
        "{refused}"
    );
    let scheme = quick()
        .get("file:///etc/passwd", Expect::Html)
        .unwrap_err()
        .to_string();
    assert!(scheme.contains("only http:// and https://"), "{scheme}");
}

#[test]
fn fetch_success_follows_redirects() {
    let server = server::Server::start();
    let fetched = quick().get(&server.url("/redirect"), Expect::Html).unwrap();
    assert_eq!(fetched.final_url, server.url("/kompas"));
    assert_eq!(fetched.content_type.as_deref(), Some("text/html"));
    assert_eq!(fetched.body, std::fs::read(fixture("kompas.html")).unwrap());
}

#[test]
fn url_import_saves_once_and_does_not_fetch_again() {
    let server = server::Server::start();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/antara");
    let (saved, _) = import::url_into_library(&url, dir.path(), &quick()).unwrap();
    let store::Saved::New(path) = saved else {
        panic!("{saved:?}")
    };
    let article = Article::load(&path).unwrap();
    assert_eq!(article.meta.url.as_deref(), Some(url.as_str()));
    assert_eq!(article.meta.language.as_deref(), Some("id"));
    let (again, _) = import::url_into_library(&url, dir.path(), &quick()).unwrap();
    assert_eq!(again, store::Saved::Existing(path));
    assert_eq!(
        server.hits("/antara"),
        1,
        "a URL in the library is not fetched again"
    );
    // An empty page writes nothing.
    let err = import::url_into_library(&server.url("/empty"), dir.path(), &quick()).unwrap_err();
    assert!(err.to_string().contains("no article text found"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn feed_item_without_content_fetches_its_page() {
    let server = server::Server::start();
    let dir = tempfile::tempdir().unwrap();
    let mut channel = feed::fetch(&server.url("/rss"), &quick()).unwrap();
    let item = channel
        .items
        .iter_mut()
        .find(|i| i.title.starts_with("Harga Beras"))
        .unwrap();
    item.link = Some(server.url("/berita/harga-beras-turun"));
    let (saved, _) = import::item_into_library(item, dir.path(), &quick()).unwrap();
    let article = Article::load(saved.path()).unwrap();
    assert!(article.paragraphs[0].starts_with("Pemerintah menambah stok beras"));
    assert_eq!(server.hits("/berita/harga-beras-turun"), 1);
    let (again, _) = import::item_into_library(item, dir.path(), &quick()).unwrap();
    assert!(matches!(again, store::Saved::Existing(_)));
}
