//! The reader's translations, done in the background: one thread asks the learner's
//! translator for one paragraph or sentence at a time, saves the answer (a paragraph into the
//! article's translation file, a sentence into `sentences.toml`) and hands the outcome to a
//! callback — the reader's event loop, which never waits for a translator.
//!
//! Requests queue; the one for the paragraph the learner is reading goes first, ahead of the
//! rest of a whole-article request. A request already queued or being translated is not
//! queued twice. The queue outlives the article it came from, so leaving an article while it
//! is translated lets the rest be saved. Dropping the [`Worker`] (kabar quitting) stops the
//! thread: a translator command under way is killed and reaped before the drop returns, and
//! the rest of the queue is left. Depends on nothing terminal-related.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use super::place::Place;
use super::sentences::Sentences;
use super::translator::{Stopper, TranslateError, translate_unless_stopped};
use super::{Origin, Paragraph, Translation};
use crate::settings::translator::TranslatorSetting;
use crate::text::fold;

/// What to translate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Task {
    /// Paragraph `index` of the article, saved into its translation file.
    Paragraph {
        /// Its index (from 0).
        index: usize,
        /// Its Indonesian.
        text: String,
    },
    /// One sentence, saved into the sentence translations file when there is one.
    Sentence {
        /// Its Indonesian.
        text: String,
        /// `translations/sentences.toml` in the data folder, if there is a data folder.
        file: Option<PathBuf>,
    },
}

/// One translation asked of the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The article it belongs to (its file), by which the outcome finds its reader.
    pub article: Option<PathBuf>,
    /// The article's translation file, `None` when there is nowhere to keep one.
    pub place: Option<Place>,
    /// How many paragraphs the article has (the file gets one per paragraph).
    pub paragraphs: usize,
    /// What to translate.
    pub task: Task,
    /// Whether it goes before everything queued (the learner is reading it now).
    pub urgent: bool,
}

impl Request {
    /// What makes two requests the same work.
    fn key(&self) -> (Option<&PathBuf>, usize, String) {
        match &self.task {
            Task::Paragraph { index, .. } => (self.article.as_ref(), *index, String::new()),
            Task::Sentence { text, .. } => (None, usize::MAX, fold(text)),
        }
    }
}

/// A translation the worker finished (or could not do).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    /// The article the request came from.
    pub article: Option<PathBuf>,
    /// What was translated.
    pub task: Task,
    /// The English, or the translator's failure.
    pub outcome: Result<Answer, TranslateError>,
}

/// A translation and what became of saving it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The English: sanitized, on one line.
    pub english: String,
    /// For a paragraph: the translation file as it is now on disk, when it was saved.
    pub on_disk: Option<Translation>,
    /// Why the answer was not saved, if it was not (it is still shown).
    pub not_saved: Option<String>,
}

#[derive(Default)]
struct Queue {
    waiting: VecDeque<Request>,
    /// The request being translated.
    busy: Option<Request>,
    closed: bool,
}

type Shared = Arc<(Mutex<Queue>, Condvar)>;

/// The background translator: [`Worker::ask`] queues, the callback given to
/// [`Worker::start`] receives each outcome on the worker's thread.
pub struct Worker {
    shared: Shared,
    /// Kills the translator command under way when the worker is dropped.
    stopper: Stopper,
}

/// How long dropping the worker waits for a killed translator command to be reaped.
const REAP_PATIENCE: Duration = Duration::from_secs(5);

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker").finish_non_exhaustive()
    }
}

impl Worker {
    /// Starts the thread that runs `translator`, handing every outcome to `deliver`.
    pub fn start(translator: TranslatorSetting, deliver: impl Fn(Done) + Send + 'static) -> Worker {
        let shared: Shared = Arc::default();
        let theirs = Arc::clone(&shared);
        let stopper = Stopper::default();
        let their_stopper = stopper.clone();
        std::thread::spawn(move || {
            while let Some(request) = next(&theirs) {
                let done = work(&translator, &request, &their_stopper);
                finish(&theirs);
                if their_stopper.is_stopped() {
                    break;
                }
                deliver(done);
            }
        });
        Worker { shared, stopper }
    }

    /// Queues `request`, unless the same work is already queued or under way; an urgent one
    /// goes first (an urgent repeat of queued work moves that work first).
    pub fn ask(&self, request: Request) {
        let (lock, wake) = &*self.shared;
        let mut queue = lock.lock().unwrap_or_else(PoisonError::into_inner);
        if queue
            .busy
            .as_ref()
            .is_some_and(|busy| busy.key() == request.key())
        {
            return;
        }
        if let Some(at) = queue.waiting.iter().position(|r| r.key() == request.key()) {
            if !request.urgent {
                return;
            }
            queue.waiting.remove(at);
        }
        if request.urgent {
            queue.waiting.push_front(request);
        } else {
            queue.waiting.push_back(request);
        }
        wake.notify_one();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let (lock, wake) = &*self.shared;
        lock.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
        wake.notify_one();
        // Not left running after kabar: killed with anything it started, and reaped.
        self.stopper.stop(REAP_PATIENCE);
    }
}

/// Waits for the next request; `None` once the worker is dropped.
fn next(shared: &Shared) -> Option<Request> {
    let (lock, wake) = &**shared;
    let mut queue = lock.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if queue.closed {
            return None;
        }
        if let Some(request) = queue.waiting.pop_front() {
            queue.busy = Some(request.clone());
            return Some(request);
        }
        queue = wake.wait(queue).unwrap_or_else(PoisonError::into_inner);
    }
}

fn finish(shared: &Shared) {
    let (lock, _) = &**shared;
    lock.lock().unwrap_or_else(PoisonError::into_inner).busy = None;
}

/// Translates `request` and saves the answer.
fn work(translator: &TranslatorSetting, request: &Request, stopper: &Stopper) -> Done {
    let text = match &request.task {
        Task::Paragraph { text, .. } | Task::Sentence { text, .. } => text,
    };
    let outcome = translate_unless_stopped(translator, text, stopper)
        .map(|english| save(translator, request, english));
    Done {
        article: request.article.clone(),
        task: request.task.clone(),
        outcome,
    }
}

fn save(translator: &TranslatorSetting, request: &Request, english: String) -> Answer {
    let mut answer = Answer {
        english,
        on_disk: None,
        not_saved: None,
    };
    match &request.task {
        Task::Paragraph { index, .. } => match &request.place {
            Some(place) => {
                let paragraph = Paragraph {
                    text: answer.english.clone(),
                    origin: Origin::Machine(translator.name.clone()),
                };
                match place.save(
                    request.paragraphs,
                    request.article.as_deref(),
                    vec![(*index, paragraph)],
                ) {
                    Ok(on_disk) => answer.on_disk = Some(on_disk),
                    Err(err) => answer.not_saved = Some(err.to_string()),
                }
            }
            None => {
                answer.not_saved =
                    Some("there is no data folder to keep translations in (set HOME)".into());
            }
        },
        Task::Sentence { text, file } => {
            if let Some(file) = file {
                // The file is read afresh by the save; this copy only serves the save.
                let mut sentences = Sentences::default();
                if let Err(err) = sentences.save(file, text, &answer.english, &translator.name) {
                    answer.not_saved = Some(err.to_string());
                }
            }
        }
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::translator::TranslatorKind;
    use std::sync::mpsc;

    fn request(index: usize, urgent: bool) -> Request {
        Request {
            article: Some(PathBuf::from("/a.md")),
            place: None,
            paragraphs: 3,
            task: Task::Paragraph {
                index,
                text: format!("p{index}"),
            },
            urgent,
        }
    }

    #[test]
    fn the_same_work_is_queued_once_and_urgent_work_goes_first() {
        // Built by hand, so nothing takes from the queue while it is looked at.
        let worker = Worker {
            shared: Arc::default(),
            stopper: Stopper::default(),
        };
        for index in 0..3 {
            worker.ask(request(index, false));
        }
        worker.ask(request(1, false));
        worker.ask(request(2, true));
        let queue = worker.shared.0.lock().unwrap();
        let order: Vec<usize> = queue
            .waiting
            .iter()
            .map(|r| match r.task {
                Task::Paragraph { index, .. } => index,
                Task::Sentence { .. } => usize::MAX,
            })
            .collect();
        assert_eq!(order, [2, 0, 1]);
    }

    /// A worker running the script `stub` (made executable here) as its translator command,
    /// and the channel its outcomes come back on.
    #[cfg(unix)]
    fn stub_worker(stub: &std::path::Path, timeout: Duration) -> (Worker, mpsc::Receiver<Done>) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(stub, std::fs::Permissions::from_mode(0o755)).unwrap();
        let translator = TranslatorSetting {
            kind: TranslatorKind::Command(vec![stub.display().to_string()]),
            timeout,
            name: "stub".into(),
        };
        let (sender, outcomes) = mpsc::channel();
        let worker = Worker::start(translator, move |done| {
            let _ = sender.send(done);
        });
        (worker, outcomes)
    }

    #[cfg(unix)]
    #[test]
    fn outcomes_come_back_through_the_callback_and_paragraphs_are_saved() {
        let dir = tempfile::tempdir().unwrap();
        let stub = dir.path().join("stub");
        std::fs::write(&stub, "#!/bin/sh\nprintf 'EN-STUB '; cat\n").unwrap();
        let (worker, outcomes) = stub_worker(&stub, Duration::from_secs(20));
        let place = Place {
            path: dir.path().join("a.en.md"),
            writable: true,
        };
        worker.ask(Request {
            place: Some(place.clone()),
            ..request(1, true)
        });
        let done = outcomes.recv_timeout(Duration::from_secs(30)).unwrap();
        let answer = done.outcome.unwrap();
        assert_eq!(answer.english, "EN-STUB p1");
        assert_eq!(answer.not_saved, None);
        let on_disk = place.load().unwrap().unwrap();
        assert_eq!(answer.on_disk, Some(on_disk.clone()));
        assert_eq!(on_disk.text(1), Some("EN-STUB p1"));
        assert_eq!(on_disk.paragraphs.len(), 3);

        let file = dir.path().join("sentences.toml");
        worker.ask(Request {
            task: Task::Sentence {
                text: "Dia datang.".into(),
                file: Some(file.clone()),
            },
            ..request(0, true)
        });
        let done = outcomes.recv_timeout(Duration::from_secs(30)).unwrap();
        assert_eq!(done.outcome.unwrap().english, "EN-STUB Dia datang.");
        assert_eq!(
            Sentences::load(&file).unwrap().get("dia datang."),
            Some("EN-STUB Dia datang.")
        );
    }

    /// The process `pid` runs: it is there and not a zombie waiting to be reaped.
    #[cfg(target_os = "linux")]
    fn runs(pid: u32) -> bool {
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
            // The state follows the command name in parentheses: "1234 (sh) S ...".
            let state = stat.rsplit(')').next().unwrap_or("").trim_start();
            !state.starts_with('Z') && !state.starts_with('X')
        })
    }

    /// Kills what the translator started should the test fail, so no sleeper outlives it.
    #[cfg(target_os = "linux")]
    struct KillOnDrop(Vec<u32>);

    #[cfg(target_os = "linux")]
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            for pid in &self.0 {
                let _ = std::process::Command::new("kill")
                    .arg("-9")
                    .arg(pid.to_string())
                    .stderr(std::process::Stdio::null())
                    .status();
            }
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn dropping_the_worker_kills_and_reaps_the_command_under_way_and_what_it_started() {
        let dir = tempfile::tempdir().unwrap();
        let (shell_pid, sleeper_pid) = (dir.path().join("sh.pid"), dir.path().join("sleep.pid"));
        let stub = dir.path().join("stub");
        std::fs::write(
            &stub,
            format!(
                "#!/bin/sh\nsleep 600 &\necho $! > {}.new && mv {0}.new {0}\necho $$ > {}.new && mv {1}.new {1}\nwait\n",
                sleeper_pid.display(),
                shell_pid.display()
            ),
        )
        .unwrap();
        let (worker, outcomes) = stub_worker(&stub, Duration::from_secs(600));
        worker.ask(request(0, true));
        let read_pid = |path: &std::path::Path| {
            std::fs::read_to_string(path)
                .ok()
                .and_then(|text| text.trim().parse::<u32>().ok())
        };
        let mut pids = None;
        for _ in 0..3000 {
            if let (Some(sleeper), Some(shell)) = (read_pid(&sleeper_pid), read_pid(&shell_pid)) {
                pids = Some((shell, sleeper));
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let (shell, sleeper) = pids.expect("the translator command started");
        let _cleanup = KillOnDrop(vec![shell, sleeper]);
        assert!(runs(shell) && runs(sleeper), "both run while translating");

        drop(worker);
        // Reaped before the drop returned: nothing of it is left, not even a zombie.
        assert!(
            !std::path::Path::new(&format!("/proc/{shell}")).exists(),
            "the translator command {shell} is still there after the worker is dropped"
        );
        // What it started was killed with it (its own parent reaps it, or no one: a zombie).
        let mut gone = false;
        for _ in 0..1000 {
            if !runs(sleeper) {
                gone = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(gone, "the command's child {sleeper} still runs");
        // Nothing is delivered for a translation stopped by quitting.
        assert!(outcomes.try_recv().is_err());
    }
}
