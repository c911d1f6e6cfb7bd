//! Which address a feed item is read from. The feed's `<link>` usually, but some feeds link
//! through a redirector that has since died (detik's items still point at feedsportal.com,
//! closed in 2016) while the real address sits in `<guid>`; and a guid marked
//! `isPermaLink="true"` is the publisher's own word for the item's address. Knows nothing of
//! the terminal.

use std::collections::HashSet;

use quick_xml::events::Event;

/// Hosts that only ever redirected to the real article and no longer answer (or never give
/// the article itself): a link there is worth less than a guid that is an address.
const REDIRECTORS: &[&str] = &["feedsportal.com", "feedproxy.google.com"];

/// The address to read an item from: its `link`, unless the guid is an http(s) address and
/// either the link is missing, the link goes through a dead redirector, or the feed marks the
/// guid as the permalink.
pub(super) fn choose(link: Option<String>, guid: &str, guid_is_permalink: bool) -> Option<String> {
    let guid = Some(guid.trim()).filter(|g| is_web_address(g));
    match (link, guid) {
        (None, guid) => guid.map(str::to_owned),
        (Some(link), Some(guid)) if guid_is_permalink || through_redirector(&link) => {
            Some(guid.to_owned())
        }
        (Some(link), _) => Some(link),
    }
}

/// Whether `text` is an absolute http(s) address with a host.
pub(super) fn is_web_address(text: &str) -> bool {
    url::Url::parse(text)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

fn through_redirector(link: &str) -> bool {
    let Some(host) = url::Url::parse(link)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
    else {
        return false;
    };
    REDIRECTORS
        .iter()
        .any(|r| host == *r || host.ends_with(&format!(".{r}")))
}

/// The guids an RSS document marks `isPermaLink="true"`, as feed-rs reports them (unescaped,
/// trimmed). feed-rs keeps the guid but drops the attribute, so this reads it separately; a
/// document that is not well-formed yields what was read before the fault (feed-rs reports
/// the fault itself).
pub(super) fn permalink_guids(bytes: &[u8]) -> HashSet<String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut found = HashSet::new();
    let mut inside = false;
    let mut text = String::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(start)) if start.local_name().as_ref() == "guid" => {
                inside = start.attributes().flatten().any(|a| {
                    a.key.local_name().as_ref() == "isPermaLink"
                        && a.value.trim().eq_ignore_ascii_case("true")
                });
                text.clear();
            }
            Ok(Event::Text(t)) if inside => text.push_str(&t),
            Ok(Event::CData(t)) if inside => text.push_str(&quick_xml::escape::escape(&*t)),
            Ok(Event::GeneralRef(r)) if inside => {
                text.push('&');
                text.push_str(&r);
                text.push(';');
            }
            Ok(Event::End(end)) if end.local_name().as_ref() == "guid" => {
                if inside && let Ok(guid) = quick_xml::escape::unescape(&text) {
                    found.insert(guid.trim().to_owned());
                }
                inside = false;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_redirector_gives_way_to_a_guid_address() {
        let dead = "http://detik.feedsportal.com/c/33613/f/656082/s/4a0d/story01.htm";
        let real = "https://news.detik.com/berita/d-123/banjir";
        assert_eq!(
            choose(Some(dead.into()), real, false).as_deref(),
            Some(real)
        );
        // A guid that is no address keeps the link, dead or not.
        assert_eq!(
            choose(Some(dead.into()), "detik-123", false).as_deref(),
            Some(dead)
        );
        // A live link stays unless the guid is marked the permalink.
        let live = "https://tempo.co/a?utm=rss";
        assert_eq!(
            choose(Some(live.into()), real, false).as_deref(),
            Some(live)
        );
        assert_eq!(choose(Some(live.into()), real, true).as_deref(), Some(real));
        assert_eq!(choose(None, real, false).as_deref(), Some(real));
        assert_eq!(choose(None, "urn:uuid:1", false), None);
    }

    #[test]
    fn permalink_guids_are_read_with_their_entities() {
        let xml = br#"<rss><channel>
            <item><guid isPermaLink="true">https://a.id/x?a=1&amp;b=2</guid></item>
            <item><guid isPermaLink="false">https://a.id/y</guid></item>
            <item><guid>https://a.id/z</guid></item>
            <item><guid isPermaLink="TRUE"><![CDATA[https://a.id/c&d]]></guid></item>
        </channel></rss>"#;
        let found = permalink_guids(xml);
        let mut found: Vec<_> = found.into_iter().collect();
        found.sort();
        assert_eq!(found, ["https://a.id/c&d", "https://a.id/x?a=1&b=2"]);
        assert!(permalink_guids(b"<rss><guid isPermaLink='true'>x</gu").is_empty());
    }
}
