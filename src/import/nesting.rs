//! How deeply a web page nests its elements, measured in one pass over the bytes before any
//! HTML parser sees them. The parser and the Readability extractor both spend time for every
//! element in proportion to how deep it sits, so a page of 999,000 nested `<div>`s would take
//! days; real articles nest a few dozen levels. Pages beyond [`MAX_DEPTH`] levels, or whose
//! elements sit so deep in total that extracting them would take more than a few seconds
//! ([`MAX_WORK`]), are refused with a message instead.
//!
//! The count follows the HTML parsing rules that keep real, sloppy pages shallow: void elements
//! (`<br>`, `<img>`) and the contents of `<script>`, `<style>` and comments open nothing; an
//! end tag closes everything opened after its start tag; `<p>`, `<li>`, `<dt>`/`<dd>`, `<tr>`,
//! `<td>`/`<th>`, `<option>` and headings close their unclosed predecessors; `/>` closes an
//! element only inside `<svg>` and `<math>`, as in a browser. Knows nothing of the terminal.

use memchr::memchr;

/// The deepest nesting accepted (browsers' own parsers flatten pages at 512 levels).
pub const MAX_DEPTH: usize = 512;

/// The most work accepted: the sum over all elements of how deep each sits. A large real
/// page (20,000 elements averaging 20 levels) is 400,000; this allows ten times that.
pub const MAX_WORK: u64 = 4_000_000;

/// What the scan found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Nesting {
    /// The deepest element.
    pub depth: usize,
    /// The sum of every element's depth.
    pub work: u64,
    /// How many elements were opened.
    pub elements: u64,
}

/// Why a page is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TooDeep {
    /// Elements nest more than [`MAX_DEPTH`] levels.
    Depth,
    /// Elements sit too deep in total ([`MAX_WORK`]).
    Work,
}

/// Measures `html`, stopping as soon as a limit is passed.
pub fn check(html: &[u8]) -> Result<Nesting, TooDeep> {
    let mut scan = Scan::default();
    scan.run(html)?;
    Ok(scan.found)
}

#[derive(Default)]
struct Scan<'a> {
    /// The open elements: name (lower case) and whether it is foreign (inside svg/math).
    open: Vec<(Name<'a>, bool)>,
    found: Nesting,
}

/// A tag name as written; compared without regard to case.
#[derive(Clone, Copy)]
struct Name<'a>(&'a [u8]);

impl Name<'_> {
    fn is(&self, name: &str) -> bool {
        self.0.eq_ignore_ascii_case(name.as_bytes())
    }

    fn is_any(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.is(n))
    }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "frame", "basefont", "bgsound", "image",
];
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];
/// Elements that close an open `<p>` (HTML's "close a p element in button scope").
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "dd",
    "dt",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "listing",
];
/// Where the search for an open element to close stops (HTML's scope boundaries).
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
    "svg", "math", "select",
];

impl<'a> Scan<'a> {
    fn run(&mut self, html: &'a [u8]) -> Result<(), TooDeep> {
        let mut at = 0;
        while let Some(offset) = memchr(b'<', &html[at..]) {
            at += offset + 1;
            let rest = &html[at..];
            if rest.starts_with(b"!--") {
                at = find(html, at + 3, b"-->").map_or(html.len(), |end| end + 3);
                continue;
            }
            if rest.starts_with(b"!") || rest.starts_with(b"?") {
                at = memchr(b'>', rest).map_or(html.len(), |end| at + end + 1);
                continue;
            }
            let closing = rest.starts_with(b"/");
            let name_start = at + usize::from(closing);
            let name_len = html[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
                .count();
            if name_len == 0 || !html[name_start].is_ascii_alphabetic() {
                continue; // a "<" in text
            }
            let name = Name(&html[name_start..name_start + name_len]);
            let end = tag_end(html, name_start + name_len);
            let self_closing = end > 0 && html[end - 1] == b'/';
            at = (end + 1).min(html.len());
            if closing {
                self.close(name);
                continue;
            }
            if name.is_any(RAW_TEXT) {
                at = raw_text_end(html, at, name);
                continue;
            }
            if name.is_any(VOID) {
                continue;
            }
            let foreign = name.is_any(&["svg", "math"]) || self.open.last().is_some_and(|e| e.1);
            if self_closing && foreign {
                continue;
            }
            self.implied_ends(name);
            self.open.push((name, foreign));
            let depth = self.open.len();
            self.found.elements += 1;
            self.found.depth = self.found.depth.max(depth);
            self.found.work += depth as u64;
            if depth > MAX_DEPTH {
                return Err(TooDeep::Depth);
            }
            if self.found.work > MAX_WORK {
                return Err(TooDeep::Work);
            }
        }
        Ok(())
    }

    /// An end tag closes its element and everything opened after it; a stray one nothing.
    fn close(&mut self, name: Name<'_>) {
        if let Some(i) = self
            .open
            .iter()
            .rposition(|(open, _)| open.is(name_str(name)))
        {
            self.open.truncate(i);
        }
    }

    /// The predecessors a start tag closes, as HTML's tree builder does.
    fn implied_ends(&mut self, name: Name<'_>) {
        if self.open.last().is_some_and(|e| e.1) {
            return; // foreign content has no implied end tags
        }
        if name.is_any(CLOSES_P) {
            self.close_within_scope(&["p"], SCOPE);
        }
        if name.is("li") {
            self.close_within_scope(&["li"], &["ul", "ol", "menu", "table", "button"]);
        } else if name.is_any(&["dt", "dd"]) {
            self.close_within_scope(&["dt", "dd"], &["dl", "table", "button"]);
        } else if name.is_any(&["h1", "h2", "h3", "h4", "h5", "h6"]) {
            if self
                .open
                .last()
                .is_some_and(|e| e.0.is_any(&["h1", "h2", "h3", "h4", "h5", "h6"]))
            {
                self.open.pop();
            }
        } else if name.is_any(&["td", "th"]) {
            self.close_within_scope(&["td", "th"], &["tr", "table"]);
        } else if name.is("tr") {
            self.close_within_scope(&["tr"], &["table", "tbody", "thead", "tfoot"]);
        } else if name.is_any(&["option", "optgroup"]) {
            self.close_within_scope(&["option"], &["select", "datalist"]);
        } else if name.is_any(&["a", "button", "nobr", "form"]) {
            let same = name_str(name);
            self.close_within_scope(&[same], SCOPE);
        }
    }

    /// Closes the nearest open element named in `names`, unless one of `boundaries` is open
    /// above it.
    fn close_within_scope(&mut self, names: &[&str], boundaries: &[&str]) {
        for i in (0..self.open.len()).rev() {
            let (open, _) = self.open[i];
            if open.is_any(names) {
                self.open.truncate(i);
                return;
            }
            if open.is_any(boundaries) {
                return;
            }
        }
    }
}

/// A tag name as text (tag names are ASCII; anything else never matches a known name).
fn name_str(name: Name<'_>) -> &str {
    std::str::from_utf8(name.0).unwrap_or("\u{fffd}")
}

/// The offset of the `>` ending the tag whose attributes start at `at` (quotes respected), or
/// the end of the input.
fn tag_end(html: &[u8], mut at: usize) -> usize {
    let mut quote = None;
    while at < html.len() {
        let byte = html[at];
        match quote {
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            None if byte == b'>' => return at,
            None => {}
        }
        at += 1;
    }
    html.len()
}

/// Where the text of a `<script>`-like element ends: after its end tag, or the input's end.
fn raw_text_end(html: &[u8], mut at: usize, name: Name<'_>) -> usize {
    while let Some(offset) = memchr(b'<', &html[at..]) {
        let start = at + offset;
        let candidate = html.get(start + 2..start + 2 + name.0.len());
        if html.get(start + 1) == Some(&b'/')
            && candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.0))
        {
            return memchr(b'>', &html[start..]).map_or(html.len(), |end| start + end + 1);
        }
        at = start + 1;
    }
    html.len()
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth(html: &str) -> usize {
        check(html.as_bytes()).unwrap().depth
    }

    #[test]
    fn sloppy_real_pages_stay_shallow() {
        // html, body, and one level for the list; unclosed li, p and td close each other.
        let sloppy = format!(
            "<!doctype html><html><body><ul>{}</ul>{}<table>{}</table><br><img src=x>\
             <script>if (a < b) {{ '<div>' }}</script><!-- <div><div> -->",
            "<li>item".repeat(1000),
            "<p>para".repeat(1000),
            "<tr><td>a<td>b".repeat(1000)
        );
        assert!(depth(&sloppy) <= 6, "{}", depth(&sloppy));
        let svg = format!(
            "<div><svg>{}</svg></div>",
            "<path d=\"M0 0\"/>".repeat(1000)
        );
        assert_eq!(depth(&svg), 2);
        assert_eq!(depth("<DIV><Span>a</SPAN></div><div>"), 2);
        assert_eq!(depth("<div title='a > b'><p>x"), 2);
    }

    #[test]
    fn deep_or_heavy_pages_are_refused_early() {
        let nested = "<div>".repeat(MAX_DEPTH + 1);
        assert_eq!(check(nested.as_bytes()), Err(TooDeep::Depth));
        // `<div/>` is not self-closing in HTML: it nests.
        assert_eq!(check("<div/>".repeat(600).as_bytes()), Err(TooDeep::Depth));
        assert_eq!(check("<b>".repeat(600).as_bytes()), Err(TooDeep::Depth));
        // Shallow enough each, but many: 60 chains of 400 levels.
        let chain = format!("{}{}", "<div>".repeat(400), "</div>".repeat(400));
        assert_eq!(check(chain.repeat(60).as_bytes()), Err(TooDeep::Work));
        let ok = check(chain.repeat(10).as_bytes()).unwrap();
        assert_eq!((ok.depth, ok.elements), (400, 4000));
    }
}
