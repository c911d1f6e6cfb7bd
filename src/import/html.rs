//! The main text of a web page, found by dom_smoothie (a port of Mozilla's Readability, the
//! extractor behind Firefox's reader view), with the page's title, date, source and address.
//! Also turns HTML fragments (feed summaries) into plain text. Knows nothing of the terminal.

use dom_smoothie::{Config, Readability, TextMode};

use super::{ImportError, normalize};
use crate::article::{Article, Meta};

/// Fewer words than this left from a web page means the extractor found only navigation.
const MIN_PAGE_WORDS: usize = 15;

/// Extracts the article from a page's HTML (already decoded to text). `url` is where the page
/// came from, for its metadata; `origin` names it in errors.
pub fn extract(html: &str, url: Option<&str>, origin: &str) -> Result<Article, ImportError> {
    let empty = || ImportError::Empty {
        origin: origin.to_owned(),
    };
    // Before any parser: their work grows with how deep elements sit.
    if let Err(too_deep) = super::nesting::check(html.as_bytes()) {
        return Err(ImportError::TooDeep {
            origin: origin.to_owned(),
            how: match too_deep {
                super::nesting::TooDeep::Depth => "more than 512 levels deep",
                super::nesting::TooDeep::Work => "too deeply for their number",
            },
        });
    }
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    // dom_smoothie wants an absolute URL or none.
    let url = url.filter(|u| url::Url::parse(u).is_ok());
    let mut readability = Readability::new(html, url, Some(config)).map_err(|_| empty())?;
    // <time datetime> is a cheap fallback when neither JSON-LD nor meta tags carry the date.
    let time = readability
        .doc
        .select("article time[datetime], time[datetime]")
        .attr("datetime")
        .map(|t| t.to_string());
    let h1 = text_of(&readability.doc.select("h1").first().text());
    let canonical = readability
        .doc
        .select(r#"meta[property="og:url"]"#)
        .attr("content")
        .or_else(|| {
            readability
                .doc
                .select(r#"link[rel="canonical"]"#)
                .attr("href")
        })
        .map(|u| u.trim().to_string());
    let page = readability.parse().map_err(|_| empty())?;
    let site = page.site_name.clone().filter(|s| !s.trim().is_empty());
    let title = Some(text_of(&page.title))
        .filter(|t| !t.is_empty())
        .or(Some(h1).filter(|t| !t.is_empty()))
        .map(|t| strip_site_suffix(&t, site.as_deref()));
    let page_url = canonical
        .or_else(|| page.url.clone())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .or_else(|| url.map(str::to_owned));
    let source = site.or_else(|| {
        page_url
            .as_deref()
            .and_then(|u| url::Url::parse(u).ok())
            .and_then(|u| {
                u.host_str()
                    .map(|h| h.trim_start_matches("www.").to_owned())
            })
    });
    let meta = Meta {
        title,
        source,
        url: page_url,
        date: page.published_time.clone().or(time).map(|d| iso_date(&d)),
        language: Some("id".to_owned()),
    };
    super::finish(meta, lines(&page.text_content), origin, MIN_PAGE_WORDS)
}

/// Plain text of an HTML fragment, one paragraph per block. A fragment whose text still looks
/// like markup (a feed that escaped its HTML twice) is parsed once more: that layer was
/// markup, not text the author wrote.
pub fn fragment_paragraphs(fragment: &str) -> Vec<String> {
    let mut text = plain_text(fragment);
    if looks_like_markup(&text) {
        text = plain_text(&text);
    }
    lines(&text)
}

/// The text of an HTML fragment; one nested too deeply for the parser to be quick has its
/// tags stripped instead (linear, and good enough for a feed summary).
fn plain_text(fragment: &str) -> String {
    if super::nesting::check(fragment.as_bytes()).is_err() {
        static TAG: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new(r"<[^>]*>").expect("tag pattern"));
        let stripped = TAG.replace_all(fragment, " ");
        return html_escape::decode_html_entities(&stripped).into_owned();
    }
    dom_query::Document::fragment(fragment)
        .formatted_text()
        .to_string()
}

fn looks_like_markup(text: &str) -> bool {
    static TAG: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)</?(?:p|br|div|span|a|b|i|em|strong|img|ul|li|h\d)\b[^>]*>")
            .expect("tag pattern")
    });
    TAG.is_match(text)
}

/// Normalised, non-empty lines of extracted text: each is a paragraph.
fn lines(text: &str) -> Vec<String> {
    normalize::normalize(text)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

fn text_of(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Harga Beras Naik - Kompas.com" → "Harga Beras Naik" when the suffix is the site's name.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else {
        return title.to_owned();
    };
    for separator in [" - ", " | ", " – ", " — "] {
        if let Some((head, tail)) = title.rsplit_once(separator)
            && tail.trim().eq_ignore_ascii_case(site.trim())
            && !head.trim().is_empty()
        {
            return head.trim().to_owned();
        }
    }
    title.to_owned()
}

/// Dates as RFC 3339 when they parse as RFC 3339 or RFC 2822, else as written.
pub fn iso_date(date: &str) -> String {
    let date = date.trim();
    if let Ok(parsed) = chrono::DateTime::parse_from_rfc3339(date) {
        return parsed.to_rfc3339();
    }
    if let Ok(parsed) = chrono::DateTime::parse_from_rfc2822(date) {
        return parsed.to_rfc3339();
    }
    date.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_single_and_double_escaped() {
        assert_eq!(
            fragment_paragraphs("<p>Satu &amp; dua</p><p>Tiga</p>"),
            ["Satu & dua", "Tiga"]
        );
        // What an XML parser hands over from `&amp;lt;p&amp;gt;`.
        assert_eq!(
            fragment_paragraphs("&lt;p&gt;Halo &lt;b&gt;dunia&lt;/b&gt;&lt;/p&gt;"),
            ["Halo dunia"]
        );
        assert_eq!(fragment_paragraphs("a &lt; b"), ["a < b"]);
    }

    #[test]
    fn deeply_nested_pages_are_refused_and_fragments_stripped() {
        let page = format!(
            "<html><body>{}<p>Teks berita.</p></body></html>",
            "<div>".repeat(100_000)
        );
        let err = extract(&page, None, "deep.html").unwrap_err().to_string();
        assert!(
            err.starts_with("deep.html: the page nests its elements more than 512 levels deep"),
            "{err}"
        );
        let fragment = format!("{}Halo &amp; dunia", "<b>".repeat(100_000));
        assert_eq!(fragment_paragraphs(&fragment), ["Halo & dunia"]);
    }

    #[test]
    fn titles_and_dates() {
        assert_eq!(
            strip_site_suffix("Judul - Kompas.com", Some("Kompas.com")),
            "Judul"
        );
        assert_eq!(strip_site_suffix("A - B", Some("C")), "A - B");
        assert_eq!(
            iso_date("Mon, 01 Jan 2024 10:00:00 +0700"),
            "2024-01-01T10:00:00+07:00"
        );
        assert_eq!(iso_date("kemarin"), "kemarin");
    }
}
