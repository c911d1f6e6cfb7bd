//! Fetching web pages and feeds over HTTP, defensively: http and https only, a total timeout, a
//! cap on the body, a limit on redirects, and a check that the server sent the kind of document
//! asked for. Every failure is one line naming the URL and what to do. Nothing here runs unless
//! a command asks; knows nothing of the terminal.

use std::time::Duration;

/// The kind of document a caller expects, checked against the response's content type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A web page (`text/html`, `application/xhtml+xml`).
    Html,
    /// An RSS or Atom feed (an XML type, or `application/rss+xml`, `application/atom+xml`).
    Feed,
    /// A feed, or a web page that may name its feed (`kabar feed add` given a site's page).
    FeedOrPage,
}

/// A fetched document.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The URL asked for.
    pub url: String,
    /// The URL the document finally came from, after redirects.
    pub final_url: String,
    /// The media type the server declared ("text/html"), lower case, without parameters.
    pub content_type: Option<String>,
    /// The character set the server declared (`charset=` of the content type), if any.
    pub charset: Option<String>,
    /// The body, decompressed when the server compressed it, at most [`Fetcher::max_bytes`]
    /// long.
    pub body: Vec<u8>,
}

/// Why a fetch failed. Each message is one line naming the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// Not an http(s) URL at all.
    #[error("{url}: only http:// and https:// addresses can be fetched")]
    Scheme {
        /// The address given.
        url: String,
    },
    /// The address could not be parsed.
    #[error("{url}: not a valid web address: {reason}")]
    BadUrl {
        /// The address given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The whole exchange took longer than the timeout.
    #[error(
        "{url}: no complete answer within {} s; the site may be slow or down, try again later",
        .seconds
    )]
    Timeout {
        /// The address.
        url: String,
        /// The timeout, in seconds.
        seconds: u64,
    },
    /// The body was larger than the cap.
    #[error("{url}: the document is larger than {} MB; kabar does not read pages that big", .limit / 1_000_000)]
    TooLarge {
        /// The address.
        url: String,
        /// The cap, in bytes.
        limit: u64,
    },
    /// More redirects than allowed (often a loop).
    #[error(
        "{url}: more than {max} redirects (a redirect loop?); open it in a browser to see where it leads"
    )]
    TooManyRedirects {
        /// The address.
        url: String,
        /// The limit.
        max: u32,
    },
    /// A redirect led to something other than an http(s) address.
    #[error(
        "{url}: the server redirects to {target}, which is not an http:// or https:// address; kabar does not follow it"
    )]
    RedirectScheme {
        /// The address asked for.
        url: String,
        /// Where the redirect pointed.
        target: String,
    },
    /// The body was compressed in a way kabar does not decode.
    #[error(
        "{url}: the server sent the page compressed as \"{encoding}\", which kabar cannot read"
    )]
    Encoding {
        /// The address.
        url: String,
        /// The Content-Encoding.
        encoding: String,
    },
    /// The server answered with an error status.
    #[error("{url}: the server answered {status}{}", status_hint(*.status))]
    Status {
        /// The address.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The server sent something other than what was expected.
    #[error("{url}: expected {expected} but the server sent {got}")]
    ContentType {
        /// The address.
        url: String,
        /// What was expected, in words.
        expected: &'static str,
        /// The content type received.
        got: String,
    },
    /// The host name does not resolve.
    #[error("{url}: host not found; check the address and your connection")]
    HostNotFound {
        /// The address.
        url: String,
    },
    /// The connection could not be made or broke off.
    #[error("{url}: cannot connect: {reason}")]
    Connection {
        /// The address.
        url: String,
        /// What went wrong.
        reason: String,
    },
}

fn status_hint(status: u16) -> &'static str {
    match status {
        404 | 410 => " (not found); check the address",
        401 | 403 => " (access refused); the site does not let kabar read this page",
        429 => " (too many requests); try again later",
        500..=599 => " (server error); try again later",
        _ => "",
    }
}

/// Fetch settings. [`Fetcher::default`] is what the commands use; tests shorten the timeout.
#[derive(Clone, Debug)]
pub struct Fetcher {
    /// Limit on the whole exchange: connecting, redirects and reading the body.
    pub timeout: Duration,
    /// Largest body read, in bytes.
    pub max_bytes: u64,
    /// Most redirects followed.
    pub max_redirects: u32,
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher {
            timeout: Duration::from_secs(15),
            max_bytes: 5_000_000,
            max_redirects: 5,
        }
    }
}

impl Fetcher {
    /// Fetches `url` and checks the response is the expected kind of document. A response
    /// without a content type is accepted and left to the parser to judge. Redirects are
    /// followed here, one by one, so each target's scheme is checked; the timeout covers
    /// them all.
    pub fn get(&self, url: &str, expect: Expect) -> Result<Fetched, FetchError> {
        let mut current = check_url(url)?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(concat!("kabar/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let accept = match expect {
            Expect::Html => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            Expect::Feed => {
                "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
            }
            Expect::FeedOrPage => {
                "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,text/html;q=0.8,*/*;q=0.5"
            }
        };
        let deadline = std::time::Instant::now() + self.timeout;
        let mut redirects = 0;
        let mut response = loop {
            let remaining = deadline.saturating_duration_since(std::time::Instant::now());
            if remaining.is_zero() {
                return Err(self.error(url, ureq::Error::Timeout(ureq::Timeout::Global)));
            }
            let response = agent
                .get(current.as_str())
                .config()
                .timeout_global(Some(remaining))
                .build()
                .header("Accept", accept)
                .call()
                .map_err(|err| self.error(url, err))?;
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .map(str::to_owned);
            match (status, location) {
                (301 | 302 | 303 | 307 | 308, Some(location)) => {
                    redirects += 1;
                    if redirects > self.max_redirects {
                        return Err(FetchError::TooManyRedirects {
                            url: url.to_owned(),
                            max: self.max_redirects,
                        });
                    }
                    let target =
                        current
                            .join(location.trim())
                            .map_err(|err| FetchError::BadUrl {
                                url: url.to_owned(),
                                reason: format!("the server redirects to {location:?}: {err}"),
                            })?;
                    if !matches!(target.scheme(), "http" | "https") {
                        return Err(FetchError::RedirectScheme {
                            url: url.to_owned(),
                            target: target.to_string(),
                        });
                    }
                    current = target;
                }
                _ => break response,
            }
        };
        let final_url = current.to_string();
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(FetchError::Status {
                url: url.to_owned(),
                status,
            });
        }
        let content_type = response
            .body()
            .mime_type()
            .map(|m| m.trim().to_ascii_lowercase());
        let charset = response.body().charset().map(|c| c.trim().to_owned());
        if let Some(got) = &content_type
            && !accepts(expect, got)
        {
            return Err(FetchError::ContentType {
                url: url.to_owned(),
                expected: match expect {
                    Expect::Html => "a web page (text/html)",
                    Expect::Feed => "an RSS or Atom feed (XML)",
                    Expect::FeedOrPage => "an RSS or Atom feed (XML) or a web page",
                },
                got: got.clone(),
            });
        }
        let encoding = response
            .headers()
            .get("content-encoding")
            .and_then(|e| e.to_str().ok())
            .map(|e| e.trim().to_ascii_lowercase())
            .unwrap_or_default();
        // gzip and br are decoded by ureq, the cap applying to the decoded bytes; the rest of
        // what servers send is decoded here under the same cap, so a compression bomb is
        // refused whatever the encoding.
        let compressed = response
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|err| self.error(url, err))?;
        let body = match encoding.as_str() {
            "" | "identity" | "gzip" | "br" => compressed,
            "x-gzip" => self.inflate(
                url,
                &encoding,
                flate2::read::GzDecoder::new(compressed.as_slice()),
            )?,
            "deflate" => {
                // "deflate" is zlib-wrapped by the standard, raw deflate by some servers.
                let zlib = flate2::read::ZlibDecoder::new(compressed.as_slice());
                match self.inflate(url, &encoding, zlib) {
                    Ok(body) => body,
                    Err(FetchError::Encoding { .. }) => self.inflate(
                        url,
                        &encoding,
                        flate2::read::DeflateDecoder::new(compressed.as_slice()),
                    )?,
                    Err(other) => return Err(other),
                }
            }
            other => {
                return Err(FetchError::Encoding {
                    url: url.to_owned(),
                    encoding: other.to_owned(),
                });
            }
        };
        Ok(Fetched {
            url: url.to_owned(),
            final_url,
            content_type,
            charset,
            body,
        })
    }

    /// Decompresses `reader` up to the size cap.
    fn inflate(
        &self,
        url: &str,
        encoding: &str,
        reader: impl std::io::Read,
    ) -> Result<Vec<u8>, FetchError> {
        let mut body = Vec::new();
        let read = std::io::Read::read_to_end(
            &mut std::io::Read::take(reader, self.max_bytes + 1),
            &mut body,
        );
        match read {
            Err(_) => Err(FetchError::Encoding {
                url: url.to_owned(),
                encoding: format!("{encoding}, damaged"),
            }),
            Ok(_) if body.len() as u64 > self.max_bytes => Err(FetchError::TooLarge {
                url: url.to_owned(),
                limit: self.max_bytes,
            }),
            Ok(_) => Ok(body),
        }
    }

    fn error(&self, url: &str, err: ureq::Error) -> FetchError {
        let url = url.to_owned();
        match err {
            ureq::Error::Timeout(_) => FetchError::Timeout {
                url,
                seconds: self.timeout.as_secs().max(1),
            },
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                url,
                limit: self.max_bytes,
            },
            ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
                url,
                max: self.max_redirects,
            },
            ureq::Error::HostNotFound => FetchError::HostNotFound { url },
            ureq::Error::BadUri(reason) => FetchError::BadUrl { url, reason },
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                FetchError::Timeout {
                    url,
                    seconds: self.timeout.as_secs().max(1),
                }
            }
            ureq::Error::Io(io) => FetchError::Connection {
                url,
                reason: io.to_string(),
            },
            other => FetchError::Connection {
                url,
                reason: other.to_string(),
            },
        }
    }
}

/// Refuses anything but an absolute http(s) URL with a host, before any connection.
pub fn check_url(url: &str) -> Result<url::Url, FetchError> {
    let parsed = url::Url::parse(url).map_err(|err| FetchError::BadUrl {
        url: url.to_owned(),
        reason: match err {
            url::ParseError::RelativeUrlWithoutBase => {
                "not a whole address; give it with its scheme, like https://www.antaranews.com/rss/terkini.xml".to_owned()
            }
            other => other.to_string(),
        },
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::Scheme {
            url: url.to_owned(),
        });
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::BadUrl {
            url: url.to_owned(),
            reason: "no host name".into(),
        });
    }
    Ok(parsed)
}

/// True when `arg` is meant as a web address rather than a file name ("https://…", "ftp://…").
pub fn looks_like_url(arg: &str) -> bool {
    match arg.split_once("://") {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn accepts(expect: Expect, media_type: &str) -> bool {
    match expect {
        Expect::Html => matches!(media_type, "text/html" | "application/xhtml+xml"),
        Expect::Feed => {
            media_type.ends_with("/xml")
                || media_type.ends_with("+xml")
                || matches!(media_type, "application/rss" | "application/atom")
        }
        Expect::FeedOrPage => {
            accepts(Expect::Feed, media_type) || accepts(Expect::Html, media_type)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_with_a_host() {
        assert!(check_url("https://example.com/a").is_ok());
        let err = check_url("file:///etc/passwd").unwrap_err().to_string();
        assert_eq!(
            err,
            "file:///etc/passwd: only http:// and https:// addresses can be fetched"
        );
        assert!(check_url("ftp://x.org/f").is_err());
        assert!(check_url("not a url").is_err());
        assert!(looks_like_url("https://x") && looks_like_url("ftp://x"));
        assert!(!looks_like_url("artikel.txt") && !looks_like_url("a b://c"));
    }

    #[test]
    fn content_types() {
        assert!(accepts(Expect::Html, "text/html"));
        assert!(!accepts(Expect::Html, "application/json"));
        for feed in [
            "application/rss+xml",
            "application/atom+xml",
            "text/xml",
            "application/xml",
        ] {
            assert!(accepts(Expect::Feed, feed), "{feed}");
        }
        assert!(!accepts(Expect::Feed, "text/html"));
    }
}
