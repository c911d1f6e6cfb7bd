//! Unit tests of the glossary as a whole: lookups, duplicates across files, loading a folder
//! (broken and non-UTF-8 files) and its binary index.

use super::*;

fn glossary(files: &[(&str, &str)]) -> Glossary {
    let mut g = Glossary::default();
    for (name, text) in files {
        g.add_file(PathBuf::from(name), text);
    }
    g
}

#[test]
fn lookup_ignores_case_and_spacing() {
    let g = glossary(&[("a.toml", "\"Korea Utara\" = \"North Korea\"\n")]);
    let id = g.lookup("korea   UTARA").unwrap();
    assert_eq!(g.entry(id).term, "Korea Utara");
    assert_eq!(g.entry(id).translations, ["North Korea"]);
}

#[test]
fn the_same_term_in_two_files_is_reported_with_both_places() {
    let g = glossary(&[
        ("a.toml", "# c\nperang = \"war\"\n"),
        ("b.toml", "x = \"y\"\nPerang = \"battle\"\n"),
    ]);
    assert_eq!(g.len(), 2);
    assert_eq!(g.entry(g.lookup("perang").unwrap()).translations, ["war"]);
    let problem = g.problems()[0].to_string();
    assert!(
        problem.starts_with("b.toml:2:1: \"Perang\" is already defined at a.toml:2:1"),
        "{problem}"
    );
}

#[test]
fn the_index_is_used_when_fresh_and_rebuilt_when_anything_changes() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let glossary_dir = dir.path().join("g");
    std::fs::create_dir(&glossary_dir).unwrap();
    std::fs::write(
        glossary_dir.join("a.toml"),
        "perang = \"war\"\n[x]\ntranslation = \"y\"\ncolour = 1\n",
    )
    .unwrap();
    let first = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
    let index_file = index::path_for(cache.path(), &glossary_dir);
    assert!(index_file.is_file(), "the first load writes the index");
    let second = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
    assert!(second.same_entries(&first));
    assert!(
        second.lexicon_tables().is_some() && first.lexicon_tables().is_none(),
        "opened from the index, not parsed"
    );
    assert_eq!(second.problems(), first.problems());
    assert_eq!(second.lookup("PERANG"), first.lookup("perang"));
    // An edit makes the index stale: the new content is what loads.
    std::fs::write(glossary_dir.join("a.toml"), "perang = \"battle\"\n").unwrap();
    let edited = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
    assert_eq!(
        edited.entry(edited.lookup("perang").unwrap()).translations,
        ["battle"]
    );
    // An edit of the same size right after (the clock cannot tell it apart) is still
    // seen: such a file is checked by its content.
    std::fs::write(glossary_dir.join("a.toml"), "perang = \"tempur\"\n").unwrap();
    let same_size = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
    assert_eq!(
        same_size
            .entry(same_size.lookup("perang").unwrap())
            .translations,
        ["tempur"]
    );
    std::fs::write(glossary_dir.join("a.toml"), "perang = \"battle\"\n").unwrap();
    let edited = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
    // A corrupt index is ignored.
    std::fs::write(&index_file, b"KABARIDX garbage").unwrap();
    let recovered = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
    assert!(recovered.same_entries(&edited));
    // A new file counts too.
    std::fs::write(glossary_dir.join("b.toml"), "senjata = \"weapon\"\n").unwrap();
    let added = Glossary::load_dir_indexed(&glossary_dir, Some(cache.path())).unwrap();
    assert_eq!(added.len(), 2);
}

#[test]
fn a_file_that_is_not_utf8_is_a_problem_at_its_bad_byte_and_still_a_glossary_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("latin1.toml"),
        b"# ok\nperang = \"war\"\ncaf\xe9 = \"coffee\"\n",
    )
    .unwrap();
    let alone = Glossary::load_dir(dir.path()).unwrap();
    assert_eq!(
        alone.files().len(),
        1,
        "counted, so check does not say 'no files'"
    );
    assert_eq!(alone.len(), 0);
    let problem = alone.problems()[0].to_string();
    assert!(
        problem.contains("latin1.toml:3:4: not UTF-8 text (byte 0xE9"),
        "{problem}"
    );
    std::fs::write(dir.path().join("a.toml"), "senjata = \"weapon\"\n").unwrap();
    let beside = Glossary::load_dir(dir.path()).unwrap();
    assert_eq!(beside.len(), 1);
    assert_eq!(beside.files().len(), 2);
    assert!(
        beside.problems()[0]
            .to_string()
            .contains("latin1.toml:3:4:")
    );
}

#[test]
fn load_dir_merges_files_recursively_and_survives_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("topik")).unwrap();
    std::fs::write(dir.path().join("a.toml"), "perang = \"war\"\n").unwrap();
    std::fs::write(dir.path().join("topik/b.toml"), "senjata = \"weapon\"\n").unwrap();
    std::fs::write(dir.path().join("c.toml"), "rusak = \n").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a glossary").unwrap();
    let g = Glossary::load_dir(dir.path()).unwrap();
    assert_eq!(g.len(), 2);
    assert_eq!(g.files().len(), 3);
    assert_eq!(g.problems().len(), 1);
    assert!(g.problems()[0].to_string().contains("c.toml:1:"));
}
