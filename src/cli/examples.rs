//! The "Examples:" block each command's `--help` ends with (and the man pages, which are
//! generated from the same definitions). A test in `cli::shell` walks every subcommand and
//! fails when one has none.

/// `kabar` itself.
pub const KABAR: &str = "\
Examples:
  kabar                              open the library (or the one article in it)
  kabar artikel/banjir.md            read an article
  kabar --glossary ~/glosarium ARTICLE
                                     read with another glossary folder
  kabar lookup --help                the help of one command";

pub const LOOKUP: &str = "\
Examples:
  kabar lookup rumah                 one word
  kabar lookup berangkat 'rumah sakit'
                                     a word and a quoted phrase";

pub const ANNOTATE: &str = "\
Examples:
  kabar annotate artikel/banjir.md
  kabar annotate artikel/banjir.md --format json | jq '.terms | length'";

pub const COVERAGE: &str = "\
Examples:
  kabar coverage artikel/            every article in a folder
  kabar coverage a.md b.md --missing 50 --format json";

pub const DICT: &str = "\
Examples:
  kabar dict add ~/dicts/id-en.ifo --name wikt
  kabar dict list
  kabar dict order wikt kbbi";

pub const DICT_ADD: &str = "\
Examples:
  kabar dict add ~/dicts/id-en.ifo               a StarDict dictionary
  kabar dict add ~/dicts/kamus.tsv --name kamus  a word list, named";

pub const DICT_LIST: &str = "\
Examples:
  kabar dict list";

pub const DICT_RM: &str = "\
Examples:
  kabar dict rm wikt";

pub const DICT_ORDER: &str = "\
Examples:
  kabar dict order kbbi wikt         kbbi first, then wikt, then the others";

pub const DICT_ENABLE: &str = "\
Examples:
  kabar dict enable wikt";

pub const DICT_DISABLE: &str = "\
Examples:
  kabar dict disable wikt";

pub const CHECK: &str = "\
Examples:
  kabar check
  kabar --glossary ~/glosarium check && git -C ~/glosarium commit -a";

pub const ADD: &str = "\
Examples:
  kabar add banjir flood
  kabar add 'rumah sakit' hospital --pos noun --tag kesehatan --file kesehatan.toml";

pub const EDIT: &str = "\
Examples:
  kabar edit banjir --note 'also: a flood of (people, goods)'
  kabar edit bisa --translation can --translation venom";

pub const IMPORT_TERMS: &str = "\
Examples:
  kabar import-terms lute-terms.csv --dry-run    show what would be added
  kabar import-terms lute-terms.csv --file lute.toml";

pub const EXPORT_TERMS: &str = "\
Examples:
  kabar export-terms terms.csv
  kabar export-terms - | head";

pub const RM: &str = "\
Examples:
  kabar rm banjir";

pub const VOCAB: &str = "\
Examples:
  kabar vocab artikel/banjir.md --limit 20
  kabar vocab artikel/*.md --phrases --format tsv > phrases.tsv";

pub const IMPORT: &str = "\
Examples:
  kabar import catatan.txt
  kabar import https://www.antaranews.com/berita/1234567/judul-berita";

pub const PROGRESS: &str = "\
Examples:
  kabar progress migrate --dry-run   list the statuses written in glossary files
  kabar progress migrate             move them into words.toml (asks first)";

pub const PROGRESS_MIGRATE: &str = "\
Examples:
  kabar progress migrate --dry-run   show each file:line and status, write nothing
  kabar progress migrate --yes       move them without asking (scripts)";

pub const FEED: &str = "\
Examples:
  kabar feed add https://www.antaranews.com/rss/terkini.xml
  kabar feed update
  kabar feed list --items";

pub const FEED_ADD: &str = "\
Examples:
  kabar feed add https://www.antaranews.com/rss/terkini.xml   a feed
  kabar feed add https://www.tempo.co/                         a site that names its feed";

pub const FEED_LIST: &str = "\
Examples:
  kabar feed list
  kabar feed list --items";

pub const FEED_UPDATE: &str = "\
Examples:
  kabar feed update
  kabar feed update > /dev/null      no progress, only the exit code and errors";

pub const FEED_IMPORT: &str = "\
Examples:
  newsboat -e > feeds.opml && kabar feed import feeds.opml";

pub const FEED_EXPORT: &str = "\
Examples:
  kabar feed export                  to standard output
  kabar feed export langganan.opml";

pub const REVIEW: &str = "\
Examples:
  kabar review
  kabar review --cloze               the term hidden in its sentence";

pub const EXPORT: &str = "\
Examples:
  kabar export --anki kabar-anki.txt
  kabar export --csv - --status 1,2,3
  kabar export --anki-connect --deck Indonesian";

pub const CONFIG: &str = "\
Examples:
  kabar config --path
  kabar config --default > \"$(kabar config --path)\"   start a settings file (when you have none)";

pub const STEM: &str = "\
Examples:
  printf 'pembangunan\\nberangkat\\n' | kabar stem
  kabar stem --explain < words.txt";

pub const COMPLETIONS: &str = "\
Examples:
  kabar completions bash > ~/.local/share/bash-completion/completions/kabar
  kabar completions zsh > ~/.zfunc/_kabar      (with fpath+=~/.zfunc in .zshrc)
  kabar completions fish > ~/.config/fish/completions/kabar.fish";

pub const MAN: &str = "\
Examples:
  kabar man | man -l -                         read kabar(1) now
  kabar man --dir ~/.local/share/man/man1      install every page (kabar-feed-add(1), …)";
