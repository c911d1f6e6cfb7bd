//! kabar: a terminal news reader for learning Indonesian through the news.
//!
//! Map of the crate. The domain core knows nothing of the terminal (a test enforces it):
//!
//! - [`atomic_file`]: replacing user files atomically, refusing to overwrite others' saves.
//! - [`text`]: sanitizing untrusted text, folding words, `line:col` positions.
//! - [`article`]: article files (TOML header, paragraphs, aligned translation).
//! - [`token`]: the Indonesian tokenizer (words, reduplication, numbers, sentences).
//! - [`glossary`]: the TOML glossary folder, its entries and the problems found in it.
//! - [`enclitic`]: `-nya`, `-lah`, `-kah`, `-pun`, `-ku`, `-mu` on the end of words.
//! - [`morphology`]: roots and word formation (affixes, nasal assimilation, reduplication).
//! - [`matcher`]: finds glossary terms in token streams, longest first.
//! - [`dictionary`]: a glossary with its matcher and analyser, built once per glossary.
//! - [`document`]: an article tokenized, annotated and indexed for navigation.
//! - [`library`]: where articles and glossaries are found by default.
//! - [`review`]: spaced-repetition review of learning terms (FSRS), its state file.
//! - [`export`]: the learning terms as an Anki text-import file or CSV.
//!
//! The terminal layer sits on top:
//!
//! - [`ui`]: app state, commands, keymap, views and the event loop.
//! - [`cli`]: the command-line interface and its non-interactive subcommands.

pub mod article;
pub mod atomic_file;
pub mod cli;
pub mod dictionary;
pub mod document;
pub mod enclitic;
pub mod export;
pub mod glossary;
pub mod library;
pub mod matcher;
pub mod morphology;
pub mod review;
pub mod text;
pub mod token;
pub mod ui;
