//! Subscriptions in and out as OPML 2.0, the file newsboat, Feedly and Inoreader export and
//! import: `<outline>` elements with an `xmlUrl` are feeds (named by `title`, else `text`);
//! outlines around them are folders, kept as the subscription's `tags`, outermost first, and
//! written back as nested outlines. Reading checks the whole file before anything is
//! subscribed; a fault is reported with its line and column. Knows nothing of the terminal.

use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};

use super::Subscription;
use crate::text::LineCol;

/// Why an OPML file could not be read. Nothing has been subscribed.
#[derive(Debug, thiserror::Error)]
#[error("{}:{at}: {message}; nothing was imported", path.display())]
pub struct OpmlError {
    /// The file.
    pub path: PathBuf,
    /// Where the fault is.
    pub at: LineCol,
    /// What is wrong, and what to do when it is not obvious.
    pub message: String,
}

/// The feeds listed in the OPML file at `path`; see [`parse`]. The file must be UTF-8 (every
/// feed reader writes it so), a byte-order mark allowed.
pub fn read(path: &Path) -> Result<Vec<Subscription>, OpmlError> {
    let bytes = std::fs::read(path).map_err(|err| OpmlError {
        path: path.to_path_buf(),
        at: LineCol::of("", 0),
        message: format!("cannot read the file ({err})"),
    })?;
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => parse(text, path),
        Err(err) => {
            let good = std::str::from_utf8(&bytes[..err.valid_up_to()]).unwrap_or_default();
            Err(OpmlError {
                path: path.to_path_buf(),
                at: LineCol::of(good, good.len()),
                message: "not UTF-8 text; save the file as UTF-8 and try again".to_owned(),
            })
        }
    }
}

/// The feeds listed in the OPML document `text` (read from `path`, named in errors), in file
/// order, each address once (the first wins). Outlines with neither an `xmlUrl` nor feeds
/// inside are ignored, as other readers ignore them.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Subscription>, OpmlError> {
    let fault = |offset: u64, message: String| OpmlError {
        path: path.to_path_buf(),
        at: LineCol::of(
            text,
            usize::try_from(offset)
                .unwrap_or(usize::MAX)
                .min(text.len()),
        ),
        message,
    };
    let mut reader = quick_xml::Reader::from_str(text);
    // One entry per open element: the folder name an <outline> without xmlUrl gives its
    // children, None for every other element; with where it opened, for "never closed".
    let mut open: Vec<(String, Option<String>, u64)> = Vec::new();
    let mut feeds: Vec<Subscription> = Vec::new();
    let mut keys: Vec<String> = Vec::new();
    let mut seen_root = false;
    loop {
        let before = reader.buffer_position();
        let event = reader.read_event().map_err(|err| {
            fault(
                reader.error_position(),
                format!("not well-formed XML ({err})"),
            )
        })?;
        let at = before + leading_space(&text.as_bytes()[before as usize..]);
        let (start, empty) = match event {
            Event::Start(start) => (start, false),
            Event::Empty(start) => (start, true),
            Event::End(_) => {
                open.pop();
                continue;
            }
            Event::Eof => break,
            Event::Text(t) if !seen_root && !t.trim().is_empty() => {
                return Err(fault(at, "text before the <opml> element".to_owned()));
            }
            _ => continue,
        };
        let name = start.local_name().as_ref().to_ascii_lowercase();
        if !seen_root {
            seen_root = true;
            if name != "opml" {
                let root = crate::text::one_line(&name);
                let hint = match root.as_str() {
                    "rss" | "feed" | "rdf" => {
                        "; it is a feed itself: subscribe with `kabar feed add URL`"
                    }
                    "html" => "; it is a web page: export OPML from your feed reader",
                    _ => "",
                };
                return Err(fault(
                    at,
                    format!("not an OPML file: its root element is <{root}>, not <opml>{hint}"),
                ));
            }
        }
        let mut folder = None;
        if name == "outline" {
            let attrs = attributes(&start).map_err(|message| fault(at, message))?;
            let title = attrs.title.or(attrs.text);
            match attrs.xml_url {
                Some(url) => {
                    if !super::link::is_web_address(&url) {
                        return Err(fault(
                            at,
                            format!(
                                "the feed address \"{}\" is not an http:// or https:// address; \
                                 correct or remove this outline",
                                crate::text::one_line(&url)
                            ),
                        ));
                    }
                    let key = crate::import::store::url_key(&url);
                    if !keys.contains(&key) {
                        keys.push(key);
                        feeds.push(Subscription {
                            url,
                            title,
                            tags: open.iter().filter_map(|(_, f, _)| f.clone()).collect(),
                        });
                    }
                }
                None => folder = title,
            }
        }
        if !empty {
            open.push((name, folder, at));
        }
    }
    if let Some((name, _, at)) = open.first() {
        return Err(fault(
            *at,
            format!(
                "the file ends before <{}> opened here is closed (cut short?)",
                crate::text::one_line(name)
            ),
        ));
    }
    if !seen_root {
        return Err(fault(0, "empty file, not an OPML file".to_owned()));
    }
    Ok(feeds)
}

/// The OPML 2.0 document listing `feeds`, tags as nested outlines (feeds that share folders
/// share the outlines), titles in both `text` and `title` as the readers expect.
pub fn write(feeds: &[Subscription], title: &str) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str(&format!(
        "  <head>\n    <title>{}</title>\n  </head>\n  <body>\n",
        attr(title)
    ));
    // Feeds grouped by folder path, in order of first appearance, so a folder is one outline.
    let mut groups: Vec<(&[String], Vec<&Subscription>)> = Vec::new();
    for feed in feeds {
        match groups
            .iter_mut()
            .find(|(tags, _)| *tags == feed.tags.as_slice())
        {
            Some((_, members)) => members.push(feed),
            None => groups.push((&feed.tags, vec![feed])),
        }
    }
    // Ordered so that paths sharing a prefix are adjacent: each folder opens once.
    groups.sort_by(|a, b| a.0.cmp(b.0));
    let mut path: Vec<&str> = Vec::new();
    for (tags, members) in groups {
        let shared = path
            .iter()
            .zip(tags.iter())
            .take_while(|(a, b)| **a == b.as_str())
            .count();
        while path.len() > shared {
            path.pop();
            out.push_str(&format!("{}</outline>\n", indent(path.len())));
        }
        for tag in &tags[shared..] {
            out.push_str(&format!(
                "{}<outline text=\"{t}\" title=\"{t}\">\n",
                indent(path.len()),
                t = attr(tag)
            ));
            path.push(tag);
        }
        for feed in members {
            let name = attr(feed.title.as_deref().unwrap_or(&feed.url)).into_owned();
            out.push_str(&format!(
                "{}<outline type=\"rss\" text=\"{name}\" title=\"{name}\" xmlUrl=\"{}\"/>\n",
                indent(path.len()),
                attr(&feed.url)
            ));
        }
    }
    while path.pop().is_some() {
        out.push_str(&format!("{}</outline>\n", indent(path.len())));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth + 2)
}

/// Text escaped for an attribute value; whitespace other than spaces is written as character
/// references so that reading it back gives the same text.
fn attr(text: &str) -> std::borrow::Cow<'_, str> {
    let escaped = quick_xml::escape::escape(text);
    if escaped.contains(['\t', '\n', '\r']) {
        escaped
            .replace('\t', "&#9;")
            .replace('\n', "&#10;")
            .replace('\r', "&#13;")
            .into()
    } else {
        escaped
    }
}

/// The attributes of an outline that matter, unescaped; names compared without case, as
/// exporters differ (`xmlUrl`, `xmlurl`).
#[derive(Default)]
struct Outline {
    xml_url: Option<String>,
    title: Option<String>,
    text: Option<String>,
}

fn attributes(start: &BytesStart<'_>) -> Result<Outline, String> {
    let mut outline = Outline::default();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|err| format!("a broken attribute ({err})"))?;
        let key = attribute.key.local_name().as_ref().to_ascii_lowercase();
        let slot = match key.as_str() {
            "xmlurl" => &mut outline.xml_url,
            "title" => &mut outline.title,
            "text" => &mut outline.text,
            _ => continue,
        };
        let value = attribute
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| format!("the {key} attribute cannot be read ({err})"))?;
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        *slot = Some(value).filter(|v| !v.is_empty());
    }
    Ok(outline)
}

fn leading_space(bytes: &[u8]) -> u64 {
    bytes.iter().take_while(|b| b.is_ascii_whitespace()).count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn feed(url: &str, title: Option<&str>, tags: &[&str]) -> Subscription {
        Subscription {
            url: url.into(),
            title: title.map(str::to_owned),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    fn parsed(text: &str) -> Result<Vec<Subscription>, String> {
        parse(text, Path::new("feeds.opml")).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_newsboat_and_feedly_exports_with_their_folders() {
        // newsboat: flat, `title` and `text`; Feedly/Inoreader: folders of feeds.
        let text = r#"<?xml version="1.0"?>
<opml version="2.0">
  <head><title>newsboat - Exported Feeds</title></head>
  <body>
    <outline type="rss" xmlUrl="https://www.antaranews.com/rss/terkini.xml" htmlUrl="https://www.antaranews.com" title="ANTARA News &amp; Terkini"/>
    <outline text="Berita" title="Berita">
      <outline text="Ekonomi">
        <outline type="rss" text="Tempo Bisnis" xmlUrl="https://rss.tempo.co/bisnis"/>
      </outline>
      <outline type="rss" text="detikNews" xmlurl="https://news.detik.com/rss"/>
    </outline>
    <outline text="Just a link" htmlUrl="https://example.com"/>
    <outline type="rss" text="again" xmlUrl="https://www.antaranews.com/rss/terkini.xml/"/>
  </body>
</opml>"#;
        assert_eq!(
            parsed(text).unwrap(),
            [
                feed(
                    "https://www.antaranews.com/rss/terkini.xml",
                    Some("ANTARA News & Terkini"),
                    &[]
                ),
                feed(
                    "https://rss.tempo.co/bisnis",
                    Some("Tempo Bisnis"),
                    &["Berita", "Ekonomi"]
                ),
                feed("https://news.detik.com/rss", Some("detikNews"), &["Berita"]),
            ]
        );
    }

    #[test]
    fn bad_files_are_refused_with_their_position() {
        for (text, expected) in [
            ("", "feeds.opml:1:1: empty file"),
            (
                "<rss version=\"2.0\"><channel/></rss>",
                "feeds.opml:1:1: not an OPML file: its root element is <rss>",
            ),
            (
                "<opml>\n <body>\n  <outline xmlUrl=\"ftp://a/b\"/>\n</body></opml>",
                "feeds.opml:3:3: the feed address \"ftp://a/b\" is not an http",
            ),
            (
                "<opml>\n<body>\n<outline text=\"a\">\n</body></opml>",
                "feeds.opml:4:1: not well-formed XML",
            ),
            (
                "<opml>\n<body>\n  <outline text=\"a\">",
                "feeds.opml:1:1: the file ends before <opml> opened here is closed",
            ),
            (
                "<opml><body><outline xmlUrl=\"https://a.id/&nope;\"/></body></opml>",
                "feeds.opml:1:13: the xmlurl attribute cannot be read",
            ),
        ] {
            let err = parsed(text).unwrap_err();
            assert!(err.starts_with(expected), "{text:?}: {err}");
            assert!(err.ends_with("nothing was imported"), "{err}");
        }
    }

    #[test]
    fn writes_folders_once_and_reads_back_the_same() {
        let feeds = [
            feed("https://a.id/rss", Some("A <&> \"B\""), &[]),
            feed("https://b.id/rss?x=1&y=2", None, &["Berita", "Ekonomi"]),
            feed("https://c.id/rss", Some("C"), &["Berita"]),
            feed("https://d.id/rss", Some("D"), &["Berita", "Ekonomi"]),
        ];
        let text = write(&feeds, "kabar");
        assert_eq!(text.matches("text=\"Berita\"").count(), 1, "{text}");
        assert_eq!(text.matches("text=\"Ekonomi\"").count(), 1, "{text}");
        let mut back = parsed(&text).unwrap();
        back.sort_by(|a, b| a.url.cmp(&b.url));
        let mut expected = feeds.to_vec();
        // An untitled feed is written under its address, which names it when read back.
        expected[1].title = Some(expected[1].url.clone());
        assert_eq!(back, expected);
    }

    fn subscription() -> impl Strategy<Value = Subscription> {
        (
            "https?://[a-z]{1,8}\\.(id|com)/[a-zA-Z0-9/_.?=&-]{0,20}",
            proptest::option::of("[a-zA-Z0-9 &<>\"'éü-]{0,12}"),
            proptest::collection::vec("[a-zA-Z &<>é]{1,6}", 0..3),
        )
            .prop_map(|(url, title, tags)| {
                let tidy = |t: String| t.split_whitespace().collect::<Vec<_>>().join(" ");
                Subscription {
                    url,
                    title: title.map(tidy).filter(|t| !t.is_empty()),
                    tags: tags
                        .into_iter()
                        .map(tidy)
                        .filter(|t| !t.is_empty())
                        .collect(),
                }
            })
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,200}") {
            let _ = parse(&text, Path::new("x.opml"));
        }

        #[test]
        fn never_panics_on_opml_like_text(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("<opml>"), Just("</opml>"), Just("<body>"), Just("</body>"),
                    Just("<outline text=\"a\">"), Just("</outline>"), Just("<outline/>"),
                    Just("<outline xmlUrl=\"https://a.id/x\"/>"), Just("&amp;"), Just("<"),
                    Just("\""), Just("<!-- c -->"), Just("<?xml version=\"1.0\"?>"), Just("\n"),
                ],
                0..30,
            )
        ) {
            let _ = parse(&parts.concat(), Path::new("x.opml"));
        }

        #[test]
        fn export_then_import_gives_the_subscriptions_back(
            feeds in proptest::collection::vec(subscription(), 0..8)
        ) {
            let mut unique: Vec<Subscription> = Vec::new();
            for feed in feeds {
                let key = crate::import::store::url_key(&feed.url);
                if !unique.iter().any(|f| crate::import::store::url_key(&f.url) == key) {
                    unique.push(feed);
                }
            }
            let text = write(&unique, "kabar");
            let mut back = parse(&text, Path::new("x.opml")).unwrap();
            let mut expected: Vec<Subscription> = unique
                .into_iter()
                .map(|mut f| {
                    f.title = f.title.or_else(|| Some(f.url.clone()));
                    f
                })
                .collect();
            back.sort_by(|a, b| a.url.cmp(&b.url));
            expected.sort_by(|a, b| a.url.cmp(&b.url));
            prop_assert_eq!(back, expected);
        }
    }
}
