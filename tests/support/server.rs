//! A tiny HTTP/1.1 server on 127.0.0.1 for fetch tests: one thread, one thread per connection,
//! fixed routes serving the fixtures in `tests/data/import/` and the failure modes kabar must
//! report (slow answer, redirect loop, oversized body, 404, wrong content type), and the
//! hostile answers of the adversarial test (compressed bodies and a compression bomb, pages in
//! Latin-1, a redirect to `file://`, 999,000 nested `<div>`s). Std and flate2 only.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A running server; it lives until the test process ends.
pub struct Server {
    /// "http://127.0.0.1:PORT".
    pub base: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts the server on a free port.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                std::thread::spawn(move || serve(stream, &log));
            }
        });
        Server { base, requests }
    }

    /// The full URL of `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// How many requests asked for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|p| *p == path)
            .count()
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/import")
            .join(name),
    )
    .expect("fixture")
}

fn serve(mut stream: TcpStream, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    log.lock().unwrap().push(path.clone());
    let (status, headers, body): (&str, Vec<String>, Vec<u8>) = match path.as_str() {
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            ("200 OK", vec![html()], fixture("kompas.html"))
        }
        "/loop" => ("302 Found", vec!["Location: /loop".into()], Vec::new()),
        "/redirect" => (
            "301 Moved Permanently",
            vec!["Location: /kompas".into()],
            Vec::new(),
        ),
        "/to-ftp" => (
            "302 Found",
            vec!["Location: ftp://127.0.0.1/x".into()],
            Vec::new(),
        ),
        "/big" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>";
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = "<p>teks panjang sekali</p>".repeat(2_500);
            for _ in 0..200 {
                if stream.write_all(chunk.as_bytes()).is_err() {
                    return;
                }
            }
            return;
        }
        "/missing" => ("404 Not Found", vec![html()], b"<h1>404</h1>".to_vec()),
        "/json" => (
            "200 OK",
            vec!["Content-Type: application/json".into()],
            b"{}".to_vec(),
        ),
        "/kompas" => ("200 OK", vec![html()], fixture("kompas.html")),
        "/detik" => ("200 OK", vec![html()], fixture("detik.html")),
        "/antara" => ("200 OK", vec![html()], fixture("antara.html")),
        "/escapes" => ("200 OK", vec![html()], fixture("escapes.html")),
        "/empty" => ("200 OK", vec![html()], fixture("empty.html")),
        "/page-as-xml" => ("200 OK", vec![xml("text/xml")], fixture("kompas.html")),
        "/rss" => (
            "200 OK",
            vec![xml("application/rss+xml")],
            fixture("rss.xml"),
        ),
        "/atom" => (
            "200 OK",
            vec![xml("application/atom+xml")],
            fixture("atom.xml"),
        ),
        "/en" => (
            "200 OK",
            vec![xml("application/xml")],
            fixture("feed-en-label.xml"),
        ),
        "/malformed" => ("200 OK", vec![xml("text/xml")], fixture("malformed.xml")),
        "/berita/harga-beras-turun" | "/berita/kereta-baru" => {
            ("200 OK", vec![html()], fixture("kompas.html"))
        }
        "/gzip" => (
            "200 OK",
            vec![html(), "Content-Encoding: gzip".into()],
            gzip(&fixture("kompas.html")),
        ),
        "/deflate" => (
            "200 OK",
            vec![html(), "Content-Encoding: deflate".into()],
            zlib(&fixture("kompas.html")),
        ),
        "/zstd" => (
            "200 OK",
            vec![html(), "Content-Encoding: zstd".into()],
            fixture("kompas.html"),
        ),
        // 60 MB of spaces in a 60 KB body: refused at the cap, never held whole.
        "/bomb" => (
            "200 OK",
            vec![html(), "Content-Encoding: gzip".into()],
            gzip(&vec![b' '; 60_000_000]),
        ),
        "/deflate-bomb" => (
            "200 OK",
            vec![html(), "Content-Encoding: deflate".into()],
            zlib(&vec![b' '; 60_000_000]),
        ),
        "/latin1-header" => (
            "200 OK",
            vec!["Content-Type: text/html; charset=ISO-8859-1".into()],
            latin1_page(false),
        ),
        "/latin1-meta" => (
            "200 OK",
            vec!["Content-Type: text/html".into()],
            latin1_page(true),
        ),
        "/to-file" => (
            "302 Found",
            vec!["Location: file:///etc/passwd".into()],
            Vec::new(),
        ),
        // Feeds as ANTARA, Tempo and detik write them, pointing back at this server
        // (`http://BASE` in the fixture becomes the server's address).
        "/feeds/antara.xml" | "/feeds/tempo.xml" | "/feeds/detik.xml" => (
            "200 OK",
            vec![xml("application/rss+xml")],
            with_base(
                &fixture(&format!("feed-{}", &path["/feeds/".len()..])),
                &stream,
            ),
        ),
        "/site" => (
            "200 OK",
            vec![html()],
            with_base(&fixture("site-with-feeds.html"), &stream),
        ),
        "/nested" => {
            let mut page = b"<html><head><title>Dalam</title></head><body>".to_vec();
            page.extend(b"<div>".repeat(999_000));
            ("200 OK", vec![html()], page)
        }
        _ => ("404 Not Found", vec![html()], Vec::new()),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for header in headers {
        head.push_str(&header);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// `fixture` with every `http://BASE` replaced by this server's own address.
fn with_base(fixture: &[u8], stream: &TcpStream) -> Vec<u8> {
    let base = format!("http://{}", stream.local_addr().expect("local address"));
    String::from_utf8_lossy(fixture)
        .replace("http://BASE", &base)
        .into_bytes()
}

fn html() -> String {
    "Content-Type: text/html; charset=utf-8".into()
}

fn xml(kind: &str) -> String {
    format!("Content-Type: {kind}; charset=utf-8")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A page in ISO-8859-1 ("Café", "Señor" as single bytes), declaring it in a `<meta>` or not.
fn latin1_page(meta: bool) -> Vec<u8> {
    let head = if meta {
        "<meta charset=\"iso-8859-1\">"
    } else {
        ""
    };
    let text = format!(
        "<html><head>{head}<title>Caf\u{e9} di Jakarta</title></head><body><article><h1>Caf\u{e9} di Jakarta</h1>\
         <p>Se\u{f1}or Budi membuka kaf\u{e9} baru di Jakarta Selatan pada hari Senin, dan \
         pengunjung datang sejak pagi untuk mencoba kopi dari Aceh dan Toraja yang diseduh \
         dengan cara lama.</p><p>Menurut dia, harga secangkir kopi tetap terjangkau bagi \
         mahasiswa dan pekerja kantor di sekitar kawasan itu.</p></article></body></html>"
    );
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1"))
        .collect()
}
