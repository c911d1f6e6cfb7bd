//! kabar: a terminal news reader for learning Indonesian through the news.
//!
//! Map of the crate. The domain core knows nothing of the terminal (a test enforces it):
//!
//! - [`atomic_file`]: replacing user files atomically, refusing to overwrite others' saves.
//! - [`file_lock`]: the writer lock that makes kabar's own writers of a folder take turns.
//! - [`text`]: sanitizing untrusted text, folding words, `line:col` positions.
//! - [`problem`]: a `file:line:col: message` problem in a user file.
//! - [`settings`]: the settings file (`config.toml`): dictionaries, lookup layers and the
//!   translator, and the complete commented default `kabar config --default` prints.
//! - [`index_file`]: kabar's on-disk indexes, opened in place and never trusted.
//! - [`safe_output`]: stdout and stderr with the same rules, so nothing prints raw escapes.
//! - [`article`]: article files (TOML header, paragraphs, aligned translation).
//! - [`translation`]: an article's translation file (which paragraphs a machine wrote, which
//!   the learner corrected), where it lives, and running the learner's translator.
//! - [`token`]: the Indonesian tokenizer (words, reduplication, numbers, sentences).
//! - [`glossary`]: the TOML glossary folder, its entries and the problems found in it.
//! - [`enclitic`]: `-nya`, `-lah`, `-kah`, `-pun`, `-ku`, `-mu` on the end of words.
//! - [`morphology`]: roots and word formation (affixes, nasal assimilation, reduplication).
//! - [`matcher`]: finds glossary terms in token streams, longest first.
//! - [`dictionaries`]: installed dictionaries (StarDict, dictd, TSV) and their indexes.
//! - [`base_dictionary`]: kabar's own dictionary, written by us, compiled in.
//! - [`layers`]: the one lookup path: glossary, installed dictionaries, base dictionary, word
//!   formation; with the term matcher and the analyser.
//! - [`document`]: an article tokenized, annotated and indexed for navigation.
//! - [`word_status`]: the learner's status for words without a glossary entry (`words.toml`).
//! - [`family`]: word families: a root, the forms built on it, the standing it passes on.
//! - [`knowledge`]: where the learner stands on each word of a document; the share known.
//! - [`coverage`]: how much of a text the layers explain, and by which layer.
//! - [`vocab`]: what to learn next: unknown words by root and frequency, phrase candidates.
//! - [`speech`]: pronunciation through espeak-ng, never blocking the reader.
//! - [`catalog`]: the learner's library of articles with their length, share known, progress.
//! - [`positions`]: where reading stopped in each article (`positions.toml`).
//! - [`library`]: where articles and glossaries are found by default.
//! - [`import`]: text, Markdown and web pages made into articles and saved once into the library.
//! - [`fetch`]: defensive HTTP for pages and feeds (timeout, size cap, redirects, content type).
//! - [`feed`]: RSS/Atom subscriptions, cached items and the share of known words in each.
//! - [`review`]: spaced-repetition review of learning terms (FSRS), its state file.
//! - [`export`]: the learning terms as an Anki text-import file or CSV, or sent to a running
//!   Anki through AnkiConnect.
//!
//! The terminal layer sits on top:
//!
//! - [`ui`]: app state, commands, keymap, views and the event loop.
//! - [`cli`]: the command-line interface and its non-interactive subcommands.

pub mod article;
pub mod atomic_file;
pub mod base_dictionary;
pub mod catalog;
pub mod cli;
pub mod coverage;
pub mod dictionaries;
pub mod document;
pub mod enclitic;
pub mod export;
pub mod family;
pub mod feed;
pub mod fetch;
pub mod file_lock;
pub mod glossary;
pub mod import;
pub mod index_file;
pub mod knowledge;
pub mod layers;
pub mod library;
pub mod matcher;
pub mod morphology;
pub mod positions;
pub mod problem;
pub mod review;
pub mod safe_output;
pub mod settings;
pub mod speech;
pub mod text;
pub mod token;
pub mod translation;
pub mod ui;
pub mod vocab;
pub mod word_status;
