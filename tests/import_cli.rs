//! `kabar import` and `kabar feed …` from the outside, against fixture files and a local HTTP
//! server. Every command runs with HOME and XDG_DATA_HOME in a fresh temporary folder, so
//! nothing here depends on (or touches) the real user's data.

#[path = "support/isolated.rs"]
mod isolated;
#[path = "support/server.rs"]
mod server;

use isolated::Run;

use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// A temporary home for one test.
struct Sandbox {
    home: TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox {
            home: tempfile::tempdir().expect("temporary home"),
        }
    }

    fn data(&self) -> PathBuf {
        self.home.path().join("data/kabar")
    }

    fn library(&self) -> PathBuf {
        self.data().join("articles")
    }

    fn kabar(&self, args: &[&str]) -> Run {
        let run = isolated::run(isolated::kabar(self.home.path(), self.home.path()).args(args));
        assert!(!run.stderr.contains("panicked"), "{run:?}");
        run
    }

    fn files(&self, dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|r| {
                r.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn import_a_file_then_again() {
    let sandbox = Sandbox::new();
    let run = sandbox.kabar(&["import", &fixture("kompas.html")]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let path = sandbox
        .library()
        .join("pemerintah-tambah-stok-beras-jelang-lebaran.md");
    assert_eq!(run.stdout, format!("{}\n", path.display()));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("+++\ntitle = \"Pemerintah Tambah Stok Beras Jelang Lebaran\"\nsource = \"KOMPAS.com\"\n"), "{text}");
    assert!(
        text.contains("language = \"id\"\n+++\n\nPemerintah menambah"),
        "{text}"
    );
    let again = sandbox.kabar(&["import", &fixture("kompas.html")]);
    assert_eq!(again.code, Some(0), "{again:?}");
    assert_eq!(
        again.stdout,
        format!("already in your library: {}\n", path.display())
    );
    assert_eq!(sandbox.files(&sandbox.library()).len(), 1);
    // The saved article opens in the other commands.
    let annotate = sandbox.kabar(&["annotate", &path.display().to_string()]);
    assert_eq!(annotate.code, Some(0), "{annotate:?}");
}

#[test]
fn import_failures_exit_2_and_write_nothing() {
    let sandbox = Sandbox::new();
    for (args, message) in [
        (
            fixture("empty.html"),
            "empty.html: no article text found; nothing was imported",
        ),
        (fixture("nope.txt"), "nope.txt: cannot read"),
        (
            fixture("rss.xml"),
            "rss.xml: kabar imports .txt, .md and .html files",
        ),
        (
            "ftp://example.com/a".to_owned(),
            "ftp://example.com/a: only http:// and https:// addresses can be fetched",
        ),
    ] {
        let run = sandbox.kabar(&["import", &args]);
        assert_eq!(run.code, Some(2), "{run:?}");
        assert!(
            run.stderr.starts_with("kabar: ") && run.stderr.contains(message),
            "{run:?}"
        );
        assert_eq!(run.stderr.lines().count(), 1, "{run:?}");
        assert_eq!(run.stdout, "");
    }
    assert!(sandbox.files(&sandbox.library()).is_empty());
}

#[test]
fn import_a_url_warns_nothing_and_saves() {
    let server = server::Server::start();
    let sandbox = Sandbox::new();
    let url = server.url("/escapes");
    let run = sandbox.kabar(&["import", &url]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let path = PathBuf::from(run.stdout.trim());
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        !bytes.iter().any(|&b| b == 0x1b || b == 0x07),
        "no ESC or BEL in the file"
    );
    let again = sandbox.kabar(&["import", &url]);
    assert!(
        again.stdout.starts_with("already in your library: "),
        "{again:?}"
    );
    assert_eq!(server.hits("/escapes"), 1);
    let missing = sandbox.kabar(&["import", &server.url("/missing")]);
    assert_eq!(missing.code, Some(2));
    assert!(
        missing.stderr.contains("answered 404 (not found)"),
        "{missing:?}"
    );
}

#[test]
fn feed_add_list_update_end_to_end() {
    let server = server::Server::start();
    let sandbox = Sandbox::new();
    let none = sandbox.kabar(&["feed", "list"]);
    assert_eq!(
        none.stdout,
        "no feeds yet; add one with `kabar feed add URL`\n"
    );

    let rss = server.url("/rss");
    let add = sandbox.kabar(&["feed", "add", &rss]);
    assert_eq!(add.code, Some(0), "{add:?}");
    assert_eq!(
        add.stdout,
        format!("added Berita Contoh & Terkini (5 items): {rss}\n")
    );
    let again = sandbox.kabar(&["feed", "add", &rss]);
    assert_eq!(again.stdout, format!("already subscribed: {rss}\n"));

    // Not feeds: nothing is subscribed.
    for (path, message) in [
        (
            "/kompas",
            "not an RSS or Atom feed (it is a web page that names no feed",
        ),
        (
            "/json",
            "expected an RSS or Atom feed (XML) or a web page but the server sent application/json",
        ),
        ("/page-as-xml", "not an RSS or Atom feed (it is a web page"),
        ("/malformed", "the feed is not well-formed XML"),
    ] {
        let run = sandbox.kabar(&["feed", "add", &server.url(path)]);
        assert_eq!(run.code, Some(2), "{run:?}");
        assert!(run.stderr.contains(message), "{run:?}");
    }
    let feeds = std::fs::read_to_string(sandbox.data().join("feeds.toml")).unwrap();
    assert_eq!(
        feeds.lines().filter(|l| *l == "[[feed]]").count(),
        1,
        "{feeds}"
    );

    let atom = server.url("/atom");
    assert_eq!(sandbox.kabar(&["feed", "add", &atom]).code, Some(0));
    let list = sandbox.kabar(&["feed", "list"]);
    assert_eq!(
        list.stdout,
        format!("Berita Contoh & Terkini\t{rss}\t5 items\nAtom Contoh\t{atom}\t2 items\n")
    );

    let update = sandbox.kabar(&["feed", "update"]);
    assert_eq!(update.code, Some(0), "{update:?}");
    assert_eq!(
        update.stdout,
        "Berita Contoh & Terkini: 5 items, 0 new\nAtom Contoh: 2 items, 0 new\nUpdated 2 feeds: 0 new items\n"
    );

    // Known share from glossary statuses: a glossary where "harga", "beras" and "turun" are learned.
    let glossary = sandbox.home.path().join("glossary");
    std::fs::create_dir_all(&glossary).unwrap();
    std::fs::write(
        glossary.join("g.toml"),
        "harga = { translation = \"price\", status = 5 }\nberas = { translation = \"rice\", status = \"W\" }\nturun = { translation = \"fall\", status = 3 }\n",
    )
    .unwrap();
    let items = sandbox.kabar(&["feed", "list", "--items", "--glossary", "glossary"]);
    assert_eq!(items.code, Some(0), "{items:?}");
    let lines: Vec<&str> = items.stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{items:?}");
    // 09:00Z is newer than 10:00+07:00.
    assert!(
        lines[0].starts_with("2024-03-21") && lines[0].contains("Pasar Saham Menguat"),
        "{items:?}"
    );
    let beras = lines
        .iter()
        .find(|l| l.contains("Harga Beras Turun"))
        .unwrap();
    // Known: harga, beras in the title (of 6 words) and in the summary (of 11): 4/17, shown
    // rounded down as the reader and the library show shares.
    assert!(beras.starts_with("2024-03-19   23%  Harga Beras Turun di Pasar Induk  [Berita Contoh & Terkini]  https://contoh.id/berita/harga-beras-turun"), "{beras}");
    assert!(
        lines[6].starts_with(&format!("{:14}0%  Juga Tanpa Tanggal", "")),
        "{items:?}"
    );

    // A feed that fails keeps its cache and makes the exit code 2.
    let feeds = sandbox.data().join("feeds.toml");
    let mut text = std::fs::read_to_string(&feeds).unwrap();
    text.push_str(&format!(
        "\n[[feed]]\nurl = \"{}\"\n",
        server.url("/missing")
    ));
    std::fs::write(&feeds, text).unwrap();
    let update = sandbox.kabar(&["feed", "update"]);
    assert_eq!(update.code, Some(2), "{update:?}");
    assert!(
        update.stderr.contains("/missing: the server answered 404"),
        "{update:?}"
    );
    assert!(
        update.stdout.contains("Atom Contoh: 2 items, 0 new"),
        "{update:?}"
    );
}
