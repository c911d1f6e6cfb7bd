//! The reader's timers and watchers: threads that wake the event loop when it is time to
//! refresh the feeds, or when the glossary folder or the word statuses file changed on disk.
//! They only send [`Message`]s; the loop does the work.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use super::Message;

/// Asks for a feed refresh every `every`, until the event loop is gone.
pub(super) fn spawn_refresh(sender: mpsc::Sender<Message>, every: Duration) {
    thread::spawn(move || {
        loop {
            thread::sleep(every);
            if sender.send(Message::RefreshFeeds).is_err() {
                break;
            }
        }
    });
}

/// How often the glossary folder is looked at.
const WATCH_POLL: Duration = Duration::from_millis(200);
/// How long the folder must stay unchanged before a change is taken: an editor or a script
/// that rewrites a file in place empties it first, and reloading in between would take the
/// file's entries away.
const WATCH_QUIET: Duration = Duration::from_millis(400);
/// The same, when a file that had content became empty: more often a rewrite under way
/// than a glossary file emptied on purpose.
const WATCH_QUIET_EMPTIED: Duration = Duration::from_secs(3);

/// Polls the glossary folder's files (names, sizes, modification times), so changes made
/// outside kabar show within about a second, once they have settled.
pub(super) fn spawn_watcher(sender: mpsc::Sender<Message>, dir: std::path::PathBuf) {
    thread::spawn(move || {
        let mut last = crate::glossary::fingerprint(&dir);
        loop {
            thread::sleep(WATCH_POLL);
            let now = crate::glossary::fingerprint(&dir);
            if now == last {
                continue;
            }
            last = settled(&dir, now, &last);
            if sender.send(Message::GlossaryChanged).is_err() {
                break;
            }
        }
    });
}

type Fingerprint = Vec<(std::path::PathBuf, u64, Option<std::time::SystemTime>)>;

/// Waits until the folder has been quiet long enough after a change, and returns how it is
/// then.
fn settled(dir: &std::path::Path, mut current: Fingerprint, before: &Fingerprint) -> Fingerprint {
    let mut quiet_since = std::time::Instant::now();
    loop {
        let emptied = current.iter().any(|(path, size, _)| {
            *size == 0 && before.iter().any(|(p, s, _)| p == path && *s > 0)
        });
        let quiet = if emptied {
            WATCH_QUIET_EMPTIED
        } else {
            WATCH_QUIET
        };
        if quiet_since.elapsed() >= quiet {
            return current;
        }
        thread::sleep(WATCH_POLL);
        let next = crate::glossary::fingerprint(dir);
        if next != current {
            current = next;
            quiet_since = std::time::Instant::now();
        }
    }
}

/// Polls one file's size and modification time twice a second.
pub(super) fn spawn_file_watcher(sender: mpsc::Sender<Message>, path: std::path::PathBuf) {
    let stamp = move || {
        std::fs::metadata(&path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()))
    };
    thread::spawn(move || {
        let mut last = stamp();
        loop {
            thread::sleep(Duration::from_millis(500));
            let now = stamp();
            if now != last {
                last = now;
                if sender.send(Message::WordsChanged).is_err() {
                    break;
                }
            }
        }
    });
}
