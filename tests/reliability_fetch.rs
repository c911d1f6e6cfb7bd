//! The hostile HTTP server cases of the adversarial test, against a server on 127.0.0.1:
//! compressed bodies and compression bombs, pages in another character set, a redirect to a
//! local file, and a page of 999,000 nested `<div>`s. Each is decoded, or refused with one
//! line naming the address and why; nothing is ever saved undecoded.

#[path = "support/server.rs"]
mod server;

use std::time::Duration;

use kabar::fetch::{Expect, Fetcher};
use kabar::import;

fn quick() -> Fetcher {
    Fetcher {
        timeout: Duration::from_secs(10),
        ..Fetcher::default()
    }
}

#[test]
fn compressed_pages_are_decoded_and_bombs_refused_at_the_cap() {
    let server = server::Server::start();
    for path in ["/gzip", "/deflate"] {
        let article = import::from_url(&server.url(path), &quick()).unwrap();
        assert!(
            article.meta.title.as_deref() == Some("Pemerintah Tambah Stok Beras Jelang Lebaran"),
            "{path}: {:?}",
            article.meta
        );
        assert!(
            article.warnings.is_empty(),
            "{path}: {:?}",
            article.warnings
        );
    }
    for path in ["/bomb", "/deflate-bomb"] {
        let err = quick().get(&server.url(path), Expect::Html).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the document is larger than 5 MB; kabar does not read pages that big",
                server.url(path)
            )
        );
    }
    let err = quick().get(&server.url("/zstd"), Expect::Html).unwrap_err();
    assert!(err.to_string().contains("compressed as \"zstd\""), "{err}");
}

#[test]
fn a_declared_character_set_is_honoured() {
    let server = server::Server::start();
    for path in ["/latin1-header", "/latin1-meta"] {
        let dir = tempfile::tempdir().unwrap();
        let (saved, warnings) =
            import::url_into_library(&server.url(path), dir.path(), &quick()).unwrap();
        assert!(warnings.is_empty(), "{path}: {warnings:?}");
        assert!(
            saved.path().ends_with("cafe-di-jakarta.md"),
            "{path}: {saved:?}"
        );
        let text = std::fs::read_to_string(saved.path()).unwrap();
        assert!(
            text.contains("Café di Jakarta") && text.contains("Señor Budi"),
            "{text}"
        );
        assert!(!text.contains('\u{fffd}'), "{text}");
    }
}

#[test]
fn a_redirect_to_another_scheme_is_refused_by_name() {
    let server = server::Server::start();
    let url = server.url("/to-file");
    let err = quick().get(&url, Expect::Html).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{url}: the server redirects to file:///etc/passwd, which is not an http:// or https:// address; kabar does not follow it"
        )
    );
    // The target was not asked for as a path on the same server either.
    assert_eq!(server.hits("/etc/passwd"), 0);
    assert_eq!(server.hits("/to-file"), 1);
    // Ordinary redirects are still followed, with the final address reported.
    let fetched = quick().get(&server.url("/redirect"), Expect::Html).unwrap();
    assert_eq!(fetched.final_url, server.url("/kompas"));
}

#[test]
fn a_page_of_999000_nested_divs_is_refused_quickly_and_nothing_is_saved() {
    let server = server::Server::start();
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/nested");
    let err = import::url_into_library(&url, dir.path(), &quick()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "{url}: the page nests its elements more than 512 levels deep; kabar refuses such pages (no article needs it), nothing was imported"
        )
    );
    assert_eq!(std::fs::read_dir(dir.path()).map_or(0, |d| d.count()), 0);
}
