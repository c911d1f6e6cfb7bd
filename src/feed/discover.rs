//! Finding a site's feed from one of its pages: sites announce their feeds in the page head
//! as `<link rel="alternate" type="application/rss+xml" href="…">` (or `atom+xml`), which is
//! what `kabar feed add` reads when given a page instead of a feed. Knows nothing of the
//! terminal.

/// A feed a page announces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alternate {
    /// Its absolute address (a relative `href` resolved against the page's address).
    pub url: String,
    /// The `title` the page gives it, if any.
    pub title: Option<String>,
    /// "RSS" or "Atom".
    pub kind: &'static str,
}

impl Alternate {
    /// "Terkini (RSS)": how the feed is named in a message.
    pub fn label(&self) -> String {
        match &self.title {
            Some(title) => format!("{title} ({})", self.kind),
            None => self.kind.to_owned(),
        }
    }
}

/// Pages whose head is longer than this are read only this far (the links are in the head).
const HEAD_BYTES: usize = 512 * 1024;

/// The feeds the page `html`, fetched from `base`, announces, in page order, each once.
pub fn alternates(html: &str, base: &str) -> Vec<Alternate> {
    let Ok(base) = url::Url::parse(base) else {
        return Vec::new();
    };
    let head = head_of(html);
    if crate::import::nesting::check(head.as_bytes()).is_err() {
        return Vec::new();
    }
    let document = dom_query::Document::from(head);
    let mut found: Vec<Alternate> = Vec::new();
    for link in document.select("link[href]").iter() {
        let is_alternate = link.attr("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("alternate"))
        });
        let kind = match link
            .attr("type")
            .map(|t| t.trim().to_ascii_lowercase())
            .as_deref()
        {
            Some("application/rss+xml") => "RSS",
            Some("application/atom+xml") => "Atom",
            _ => continue,
        };
        if !is_alternate {
            continue;
        }
        let Some(url) = link
            .attr("href")
            .and_then(|href| base.join(href.trim()).ok())
            .filter(|u| matches!(u.scheme(), "http" | "https"))
        else {
            continue;
        };
        let url = url.to_string();
        if found.iter().any(|f| f.url == url) {
            continue;
        }
        let title = link
            .attr("title")
            .map(|t| crate::import::normalize::normalize(t.trim()))
            .filter(|t| !t.is_empty());
        found.push(Alternate { url, title, kind });
    }
    found
}

/// The page up to the end of its head (where feed links are), at most [`HEAD_BYTES`].
fn head_of(html: &str) -> &str {
    let mut end = html.len().min(HEAD_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let window = &html[..end];
    let lower = window.to_ascii_lowercase();
    match lower.find("</head") {
        Some(at) => &window[..at],
        None => window,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_rss_and_atom_links_and_resolves_relative_ones() {
        let page = r#"<html><head>
            <link rel="stylesheet" type="text/css" href="/s.css">
            <link rel="alternate" type="application/rss+xml" title="Terkini" href="/rss/terkini.xml">
            <link rel="Alternate" type="application/atom+xml" href="https://b.id/atom">
            <link rel="alternate" type="application/rss+xml" href="rss/terkini.xml">
            <link rel="alternate" hreflang="en" href="/en">
            <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body><link rel="alternate" type="application/rss+xml" href="/late"></body></html>"#;
        let found = alternates(page, "https://a.id/berita/");
        assert_eq!(
            found,
            [
                Alternate {
                    url: "https://a.id/rss/terkini.xml".into(),
                    title: Some("Terkini".into()),
                    kind: "RSS"
                },
                Alternate {
                    url: "https://b.id/atom".into(),
                    title: None,
                    kind: "Atom"
                },
                Alternate {
                    url: "https://a.id/berita/rss/terkini.xml".into(),
                    title: None,
                    kind: "RSS"
                },
            ]
        );
        assert_eq!(found[0].label(), "Terkini (RSS)");
        assert!(alternates("<html><head></head></html>", "https://a.id/").is_empty());
        assert!(alternates(&"<div>".repeat(100_000), "https://a.id/").is_empty());
    }
}
